import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isSpecError } from '../core/errors';
import { EXIT, UsageError, type CliIo, type ExitCode } from './io';
import * as l10n from '@vscode/l10n';

/**
 * `simulate` and `schedule`: one JSON spec (or `{"cases":[…]}`) from a file argument or stdin,
 * one JSON answer on stdout. Every failure is one line on stderr and exit code 2.
 */
export async function runSpecCommand(name: string, args: readonly string[], io: CliIo, run: (spec: unknown) => unknown): Promise<ExitCode> {
  if (args.length > 1) throw new UsageError(l10n.t('{0} takes at most one file argument (or reads standard input)', name));
  const source = args[0];
  let text: string;
  try {
    text = source === undefined || source === '-' ? await io.readStdin() : await readFile(path.resolve(io.cwd, source), 'utf8');
  } catch (error) {
    throw new UsageError(l10n.t('cannot read {0}: {1}', source ?? 'stdin', (error as Error).message));
  }
  let spec: unknown;
  try {
    spec = JSON.parse(text);
  } catch (error) {
    throw new UsageError(l10n.t('the spec is not valid JSON: {0}', (error as Error).message));
  }
  try {
    io.stdout(JSON.stringify(run(spec)) + '\n');
    return EXIT.ok;
  } catch (error) {
    if (isSpecError(error)) throw new UsageError(l10n.t('invalid spec: {0}', error.message));
    throw error;
  }
}
