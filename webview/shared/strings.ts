/**
 * Strings from the host: the webview holds no user-visible literals of its own. `readStrings` fills
 * a missing key with the key itself (and reports it), so a host/webview mismatch shows up as a
 * visible key instead of a blank; `format` fills `{0}`-style placeholders as `vscode.l10n.t` does.
 */
import type { UiStrings } from '../../src/protocol';

export function readStrings<K extends string>(keys: readonly K[], raw: UiStrings, onMissing?: (key: K) => void): { readonly [P in K]: string } {
  const out = {} as Record<K, string>;
  for (const key of keys) {
    const value = raw[key];
    if (typeof value === 'string') out[key] = value;
    else {
      out[key] = key;
      onMissing?.(key);
    }
  }
  return out;
}

/** Replaces `{0}`, `{1}`, … with the arguments; a placeholder without an argument is left as it is. */
export function format(template: string, ...args: readonly (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });
}
