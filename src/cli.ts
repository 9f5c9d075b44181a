/**
 * The `optim-lens` command: `check` lints training code, `simulate` and `schedule` compute what
 * torch.optim computes, `losses` what torch.nn's losses and their gradients are. Contract in ARCHITECTURE.md: exit 0 clean, 1 findings, 2 usage or I/O error.
 */
import { runSimulate } from './core/simulate';
import { runScheduleJson } from './core/schedule/run';
import { runLossesJson } from './core/losses/run';
import type { AnalyzerOptions } from './analysis';
import { runCheck } from './cli/check';
import { EXIT, UsageError, processIo, type CliIo, type ExitCode } from './cli/io';
import * as l10n from '@vscode/l10n';
import path from 'node:path';
import { configureCliL10n } from './cli/l10n';
import { runSpecCommand } from './cli/specCommand';
import { runPresets } from './cli/presets';
import { runLsp } from './lsp/run';

/** Where the parser's WASM files are: next to the bundle (esbuild copies them), or as a test says. */
export interface CliOptions {
  readonly parser: AnalyzerOptions;
  /** The bundled worker script for checking many files in parallel; without it, `check` uses one thread. */
  readonly workerFile?: string;
}

const COMMANDS: Record<string, (args: readonly string[], io: CliIo, options: CliOptions) => Promise<ExitCode>> = {
  check: (args, io, options) => runCheck(args, io, options.parser, options.workerFile),
  simulate: (args, io) => runSpecCommand('simulate', args, io, runSimulate),
  schedule: (args, io) => runSpecCommand('schedule', args, io, runScheduleJson),
  presets: (args, io) => runPresets(args, io),
  losses: (args, io) => runSpecCommand('losses', args, io, runLossesJson),
  lsp: (args, _io, options) => runLsp(args, { parser: options.parser, bundleDir: __dirname, version: VERSION }),
};

export function usage(): string {
  return [
    l10n.t('Usage: optim-lens <command> [options]'),
    '',
    l10n.t('Commands:'),
    '  check [PATH…] [--format text|json|sarif]   ' + l10n.t('find training-loop mistakes in .py and .ipynb files'),
    '  simulate [SPEC.json]                       ' + l10n.t('run torch.optim optimizers on a 2-D loss surface'),
    '  schedule [SPEC.json]                       ' + l10n.t('compute a torch.optim.lr_scheduler schedule'),
    '  presets                                    ' + l10n.t('print the Compare Optimizers presets, each with a simulate spec'),
    '  losses [SPEC.json]                         ' + l10n.t('compute torch.nn losses and their gradients, or a loss curve'),
    '  lsp --stdio                                ' + l10n.t('run the language server (LSP) for editors other than VS Code'),
    '',
    l10n.t('Specs are read from standard input when no file is given.'),
    l10n.t('"<command> --help" prints this text.'),
  ].join('\n');
}

export async function main(
  argv: readonly string[],
  io: CliIo,
  options: CliOptions = { parser: { wasmDir: __dirname }, workerFile: path.join(__dirname, 'workspaceWorker.js') },
): Promise<ExitCode> {
  const [command, ...args] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? io.stderr : io.stdout)(usage() + '\n');
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  const run = COMMANDS[command];
  if (run && (args[0] === '--help' || args[0] === '-h')) {
    io.stdout(usage() + '\n');
    return EXIT.ok;
  }
  if (!run) {
    io.stderr(`optim-lens: ${l10n.t('unknown command "{0}"; expected check, simulate, schedule, presets, losses or lsp', command)}\n`);
    return EXIT.usage;
  }
  try {
    return await run(args, io, options);
  } catch (error) {
    // One line, never a stack trace: the user can act on a message, not on our internals.
    const text = error instanceof UsageError ? error.message : l10n.t('internal error: {0}', error instanceof Error ? error.message : String(error));
    io.stderr(`optim-lens ${command}: ${text}\n`);
    return EXIT.usage;
  }
}

if (typeof require !== 'undefined' && require.main === module) {
  configureCliL10n(process.env);
  // Fire and forget on purpose: main never rejects (every error becomes a message and an exit code).
  void main(process.argv.slice(2), processIo()).then((code) => {
    process.exitCode = code;
  });
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0';
