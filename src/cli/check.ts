import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as l10n from '@vscode/l10n';
import { createAnalyzer, RULES, type Analyzer, type AnalyzerOptions, type Finding, type ProjectFiles } from '../analysis';
import { diskProject } from '../workspace/diskProject';
import { checkFiles, type FileProblem } from '../workspace/engine';
import { NotebookPositions } from '../workspace/notebookPositions';
import { poolSize, WorkerPool } from '../workspace/pool';
import { collectFiles } from './files';
import { FORMATS, formatJson, formatSarif, formatText, type CliDiagnostic, type FileReport, type Format } from './formats';
import { EXIT, UsageError, type CliIo, type ExitCode } from './io';

interface CheckOptions {
  readonly paths: string[];
  readonly format: Format;
}

export function parseCheckArgs(args: readonly string[]): CheckOptions {
  const paths: string[] = [];
  let format: Format = 'text';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg === '--format' ? args[++i] : arg.slice('--format='.length);
      if (!FORMATS.includes(value as Format)) throw new UsageError(l10n.t('--format must be one of {0}', FORMATS.join(', ')));
      format = value as Format;
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(l10n.t('unknown option {0}', arg));
    } else {
      paths.push(arg);
    }
  }
  return { paths: paths.length > 0 ? paths : ['.'], format };
}

function toCliDiagnostic(finding: Finding, shown: (file: string) => string): CliDiagnostic {
  const message = l10n.t(finding.message.template, finding.message.args as Record<string, string | number>);
  const base = { code: finding.code, severity: finding.severity, message, range: finding.range };
  // Related places in this file are left out, as before; those in other files say where they are.
  const related = finding.related.flatMap((r) =>
    r.file === undefined ? [] : [{ path: shown(r.file), message: l10n.t(r.message.template, r.message.args as Record<string, string | number>), range: r.range }],
  );
  const withRelated = related.length > 0 ? { ...base, related } : base;
  return finding.cell === undefined ? withRelated : { ...withRelated, cell: finding.cell };
}

/** Paths inside the working folder read best relative; anything outside it, absolute. */
function shownPath(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith('..') ? relative : file;
}

function problemText(problem: FileProblem): string {
  return problem.kind === 'binary' ? l10n.t('binary file, not Python') : problem.detail;
}

/**
 * `optim-lens check`: every problem with one file (unreadable, binary, invalid notebook) is one line
 * on stderr and the rest are still checked; the exit code is 2 when any file could not be checked,
 * else 1 when there are findings, else 0.
 */
export async function runCheck(args: readonly string[], io: CliIo, parser: AnalyzerOptions, workerFile?: string): Promise<ExitCode> {
  const options = parseCheckArgs(args);
  const { files, errors } = await collectFiles(options.paths, io.cwd);
  const roots = projectRoots(options.paths, io.cwd);
  const workers = workerFile && existsSync(workerFile) ? poolSize(files.length) : 0;
  const pool = workers > 0 && workerFile ? new WorkerPool({ workerFile, size: workers, parser, projectRoots: roots }) : undefined;
  try {
    return await report(options, files, errors, io, pool ?? (await createAnalyzer(parser)), diskProject(roots));
  } finally {
    await pool?.close();
  }
}

/** The folders given (a file's own folder for a file): imports resolve against them. */
function projectRoots(paths: readonly string[], cwd: string): string[] {
  const roots = new Set<string>();
  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    try {
      roots.add(statSync(abs).isDirectory() ? abs : path.dirname(abs));
    } catch {
      // Reported by collectFiles.
    }
  }
  return [...roots];
}

async function report(
  options: CheckOptions, files: readonly string[], errors: readonly string[], io: CliIo, checker: Analyzer | WorkerPool, project: ProjectFiles,
): Promise<ExitCode> {
  const reports: FileReport[] = [];
  let failed = errors.length > 0;
  for (const error of errors) io.stderr(`optim-lens check: ${error}\n`);
  const shown = (file: string) => shownPath(io.cwd, file);
  const targets = files.map((file) => ({ path: file, shown: shown(file) }));
  for await (const outcome of checkFiles(checker, targets, { read: (target) => readFile(target.path), project })) {
    if ('problem' in outcome) {
      failed = true;
      io.stderr(`optim-lens check: ${outcome.file.shown}: ${problemText(outcome.problem)}\n`);
    } else {
      const diagnostics = outcome.findings.map((f) => toCliDiagnostic(f, shown));
      reports.push({ path: outcome.file.shown, diagnostics: options.format === 'sarif' ? placedInNotebook(diagnostics, outcome.text) : diagnostics });
    }
  }
  io.stdout(render(options.format, reports));
  if (failed) return EXIT.usage;
  return reports.some((r) => r.diagnostics.length > 0) ? EXIT.findings : EXIT.ok;
}

/** A notebook's diagnostics with where they lie in the `.ipynb` file itself (see CliDiagnostic.inFile). */
function placedInNotebook(diagnostics: CliDiagnostic[], json: string): CliDiagnostic[] {
  if (diagnostics.every((d) => d.cell === undefined)) return diagnostics;
  const positions = new NotebookPositions(json);
  return diagnostics.map((d) =>
    d.cell === undefined ? d : { ...d, inFile: { range: positions.toFileRange(d.cell, d.range), message: l10n.t('Cell {0}: {1}', d.cell + 1, d.message) } },
  );
}

function render(format: Format, reports: readonly FileReport[]): string {
  switch (format) {
    case 'text':
      return formatText(reports);
    case 'json':
      return formatJson(reports);
    case 'sarif':
      return formatSarif(
        reports,
        RULES.map((r) => ({
          id: r.code,
          name: r.name,
          shortDescription: l10n.t(r.summary),
          severity: r.severity,
        })),
        VERSION,
      );
  }
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0';
