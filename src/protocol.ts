/**
 * Every message between the extension host and a webview, both ways, documented once here and
 * validated at runtime on receipt: anything that is not a member of these unions is dropped
 * (and logged) by the receiver. Pure: imported by the host, the webviews and the tests.
 */

/** Which panel a webview belongs to; also the name of its bundle under dist/webview/. */
export type PanelKind = 'optimizers' | 'schedules';
export const PANEL_KINDS: readonly PanelKind[] = ['optimizers', 'schedules'];

/** Translated user-facing strings, keyed by a stable id; the webview never holds literals of its own. */
export type UiStrings = Readonly<Record<string, string>>;

// ── Webview → host ───────────────────────────────────────────────────────────

/** The app has mounted and listens; the host answers with {@link InitMessage}. */
export interface ReadyMessage {
  readonly type: 'ready';
}

/** Something the webview wants in the extension's log (caught errors, dropped messages). */
export interface LogMessage {
  readonly type: 'log';
  readonly level: 'info' | 'warn' | 'error';
  readonly text: string;
}

export type FromWebviewMessage = ReadyMessage | LogMessage;

// ── Host → webview ───────────────────────────────────────────────────────────

/**
 * The answer to {@link ReadyMessage}: the strings in the user's display language and the state to
 * start from (restored state after a reload, or a spec from a hover link or the user's code).
 */
export interface InitMessage {
  readonly type: 'init';
  readonly kind: PanelKind;
  readonly locale: string;
  readonly strings: UiStrings;
  /** Panel-specific; each panel validates it with its own reader before use. */
  readonly state: unknown;
}

export type ToWebviewMessage = InitMessage;

// ── Runtime validation ───────────────────────────────────────────────────────

type Fields = { readonly [key: string]: unknown };

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringRecord(value: unknown): value is UiStrings {
  return isRecord(value) && Object.values(value).every((v) => typeof v === 'string');
}

const MAX_LOG_TEXT = 4000;

/** Returns the message if it is a well-formed {@link FromWebviewMessage}, else undefined. */
export function parseFromWebview(value: unknown): FromWebviewMessage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'ready':
      return Object.keys(value).length === 1 ? { type: 'ready' } : undefined;
    case 'log': {
      const { level, text } = value;
      if ((level !== 'info' && level !== 'warn' && level !== 'error') || typeof text !== 'string') return undefined;
      return { type: 'log', level, text: text.slice(0, MAX_LOG_TEXT) };
    }
    default:
      return undefined;
  }
}

/** Returns the message if it is a well-formed {@link ToWebviewMessage}, else undefined. */
export function parseToWebview(value: unknown): ToWebviewMessage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'init': {
      const { kind, locale, strings, state } = value;
      if (!PANEL_KINDS.includes(kind as PanelKind) || typeof locale !== 'string' || !isStringRecord(strings)) return undefined;
      return { type: 'init', kind: kind as PanelKind, locale, strings, state };
    }
    default:
      return undefined;
  }
}
