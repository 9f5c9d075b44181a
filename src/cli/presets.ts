import * as l10n from '@vscode/l10n';
import { PRESETS, presetSpec } from '../core/presets';
import { EXIT, UsageError, type CliIo, type ExitCode } from './io';

/**
 * `optim-lens presets`: the Compare Optimizers presets as `{"presets":[{"name","caption","spec"}]}`,
 * each `spec` a `simulate` spec, so that `optim-lens simulate` reproduces the panel's race. Captions
 * are in the terminal's language, like every other message of the CLI.
 */
export function runPresets(args: readonly string[], io: CliIo): Promise<ExitCode> {
  if (args.length > 0) throw new UsageError(l10n.t('presets takes no arguments'));
  const presets = PRESETS.map((p) => ({ name: p.name, caption: l10n.t(p.caption), spec: presetSpec(p) }));
  io.stdout(JSON.stringify({ presets }) + '\n');
  return Promise.resolve(EXIT.ok);
}
