/**
 * The schedules panel's strings as the host sends them, read from the host's own source (which
 * imports `vscode`), in English or through the Chinese bundle.
 */
import source from '../../../src/panels/definitions.ts?raw';
import zh from '../../../l10n/bundle.l10n.zh-cn.json';
import { classDoc } from '../../../src/analysis/catalog';
import { SCHEDULER_TYPES } from '../../../src/core/schedule/types';
import { SCHEDULES_STRING_KEYS, type SchedulesStrings } from '../../../src/protocol';
import { REASONS } from '../../../src/core/errors';

function parse(): Record<string, string> {
  const start = source.indexOf('function schedulesStrings');
  const body = source.slice(start, source.indexOf('\n}\n', start));
  const out: Record<string, string> = {};
  for (const m of body.matchAll(/^\s*'?([\w.]+)'?: vscode\.l10n\.t\('((?:[^'\\]|\\.)*)'\),?$/gm)) out[m[1]!] = m[2]!.replace(/\\'/g, "'");
  // The pickers' help comes from the documentation catalog (`classHelp` in the host).
  for (const name of SCHEDULER_TYPES) out[`help.${name}`] = classDoc('scheduler', name)!.summary;
  // The core's validation reasons (`reasonStrings` in the host).
  for (const [name, text] of Object.entries(REASONS)) out[`reason.${name}`] = text;
  return out;
}

export const hostStrings: Record<string, string> = parse();
export const EN = hostStrings as unknown as SchedulesStrings;
export const ZH = Object.fromEntries(SCHEDULES_STRING_KEYS.map((key) => [key, (zh as Record<string, string>)[hostStrings[key]!] ?? hostStrings[key]!])) as unknown as SchedulesStrings;
