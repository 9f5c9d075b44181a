/**
 * The losses panel's strings as the host sends them, read from the host's own source (which
 * imports `vscode`), in English or through the Chinese bundle.
 */
import source from '../../../src/panels/definitions.ts?raw';
import zh from '../../../l10n/bundle.l10n.zh-cn.json';
import { LOSSES_STRING_KEYS, type LossesStrings } from '../../../src/protocol';
import { REASONS } from '../../../src/core/errors';

function parse(): Record<string, string> {
  const start = source.indexOf('function lossesStrings');
  const body = source.slice(start, source.indexOf('\n}\n', start));
  const out: Record<string, string> = {};
  for (const m of body.matchAll(/^\s*'?([\w.]+)'?: vscode\.l10n\.t\('((?:[^'\\]|\\.)*)'\),?$/gm)) out[m[1]!] = m[2]!.replace(/\\'/g, "'");
  // The core's validation reasons (`reasonStrings` in the host).
  for (const [name, text] of Object.entries(REASONS)) out[`reason.${name}`] = text;
  return out;
}

export const hostStrings: Record<string, string> = parse();
export const EN = hostStrings as unknown as LossesStrings;
export const ZH = Object.fromEntries(LOSSES_STRING_KEYS.map((key) => [key, (zh as Record<string, string>)[hostStrings[key]!] ?? hostStrings[key]!])) as unknown as LossesStrings;
