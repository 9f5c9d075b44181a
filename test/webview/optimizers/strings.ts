/**
 * The optimizers panel's strings as the host sends them, read from the host's own source
 * (src/panels/definitions.ts cannot be imported here: it imports `vscode`), in English or through the
 * Chinese bundle. The completeness test below keeps this reader honest.
 */
import source from '../../../src/panels/definitions.ts?raw';
import zh from '../../../l10n/bundle.l10n.zh-cn.json';
import { classDoc } from '../../../src/analysis/catalog';
import { OPTIMIZER_NAMES } from '../../../src/core/optim';
import { OPTIMIZERS_STRING_KEYS, type OptimizersStrings } from '../../../src/protocol';
import { REASONS } from '../../../src/core/errors';
import { KEYWORD_HELP, OPTIMIZER_KEYWORDS } from '../../../src/core/torch';
import { PRESETS } from '../../../src/core/presets';

function parse(): Record<string, string> {
  const start = source.indexOf('function optimizersStrings');
  const body = source.slice(start, source.indexOf('\n}\n', start));
  const out: Record<string, string> = {};
  for (const m of body.matchAll(/^\s*'?([\w.]+)'?: vscode\.l10n\.t\('((?:[^'\\]|\\.)*)'\),?$/gm)) out[m[1]!] = m[2]!.replace(/\\'/g, "'");
  // The pickers' help comes from the documentation catalog (`classHelp` in the host).
  for (const name of OPTIMIZER_NAMES) out[`help.${name}`] = classDoc('optimizer', name)!.summary;
  // The keyword help comes from the torch facts (`keywordHelp` in the host).
  for (const name of OPTIMIZER_KEYWORDS) out[`kw.${name}`] = KEYWORD_HELP[name];
  // The core's validation reasons (`reasonStrings` in the host).
  for (const [name, text] of Object.entries(REASONS)) out[`reason.${name}`] = text;
  // The presets' titles and captions (`presetTexts` in the host).
  for (const preset of PRESETS) {
    out[`preset.${preset.name}`] = preset.title;
    out[`presetCaption.${preset.name}`] = preset.caption;
  }
  return out;
}

export const hostStrings: Record<string, string> = parse();

export const EN = hostStrings as unknown as OptimizersStrings;

export const ZH = Object.fromEntries(OPTIMIZERS_STRING_KEYS.map((key) => [key, (zh as Record<string, string>)[hostStrings[key]!] ?? hostStrings[key]!])) as unknown as OptimizersStrings;
