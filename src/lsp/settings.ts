/**
 * The `optimLens.*` settings as a language client sends them (`workspace/configuration`). The
 * client's JSON is untrusted: each key is checked and a wrong value falls back to its default, so a
 * typo in an editor's config never stops the analysis.
 */
import { DEFAULT_SETTINGS, SEVERITY_SETTINGS, type SeveritySetting, type Settings } from '../settings';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function parseSettings(raw: unknown): Settings {
  if (!isRecord(raw)) return DEFAULT_SETTINGS;
  const enable = typeof raw.enable === 'boolean' ? raw.enable : DEFAULT_SETTINGS.enable;
  const exclude = Array.isArray(raw.exclude) ? raw.exclude.filter((p): p is string => typeof p === 'string') : DEFAULT_SETTINGS.exclude;
  const severity: Record<string, SeveritySetting> = {};
  if (isRecord(raw.severity)) {
    for (const [code, value] of Object.entries(raw.severity)) {
      if (SEVERITY_SETTINGS.includes(value as SeveritySetting)) severity[code] = value as SeveritySetting;
    }
  }
  return { enable, exclude, severity };
}
