/**
 * Every message between the extension host and a webview, both ways, documented once here and
 * validated at runtime on receipt: anything that is not a member of these unions is dropped
 * (and logged) by the receiver. Pure: imported by the host, the webviews and the tests.
 */
import { REASONS, type ReasonName } from './core/errors';
import { KEYWORD_KEYS, SCHEDULER_CLASSES, SIMULATED_OPTIMIZERS, helpKeys } from './core/torch';
import type { PanelStates, Unchecked } from './shared/panelState';
import { PRESET_NAMES } from './core/presets';

/** Which panel a webview belongs to; also the name of its bundle under dist/webview/. */
export type PanelKind = 'optimizers' | 'schedules' | 'losses';
export const PANEL_KINDS: readonly PanelKind[] = ['optimizers', 'schedules', 'losses'];

/** Translated user-facing strings, keyed by a stable id; the webview never holds literals of its own. */
export type UiStrings = Readonly<Record<string, string>>;

/** The core's validation reasons (src/core/errors.ts REASONS), translated, in both panels' strings. */
export const REASON_STRING_KEYS = (Object.keys(REASONS) as ReasonName[]).map((name) => `reason.${name}` as const);

/**
 * The keys of the strings the "Compare Optimizers" app renders. The host's `optimizersPanel.strings()`
 * gives one for each (the compiler checks it through {@link OptimizersStrings}); the app shows the key
 * itself for one that is missing, and logs it. Keys are short and stable; the English text lives in
 * the host's `l10n.t` calls.
 */
export const OPTIMIZERS_STRING_KEYS = [
  'title',
  'surface',
  'surface.valley',
  'surface.ravine',
  'surface.rosenbrock',
  'surface.beale',
  'surface.himmelblau',
  'surface.saddle',
  'surface.rastrigin',
  'preset',
  'presetChoose',
  'startX',
  'startY',
  'steps',
  'play',
  'pause',
  'stepBack',
  'stepForward',
  'reset',
  'speed',
  'speedOption',
  'step',
  'stepOf',
  'optimizers',
  'addType',
  'add',
  'maxOptimizers',
  'remove',
  'duplicate',
  'visible',
  'label',
  'labelAuto',
  'hyperparameters',
  'copy',
  'copyLabel',
  'copied',
  'lrSlider',
  'withMomentum',
  'withNesterov',
  'lastValid',
  'notSimulated',
  'unknownKeyword',
  'removeKeyword',
  'readout',
  'readoutHint',
  'canvasLabel',
  'legend',
  'minimum',
  'start',
  'chart',
  'axisStep',
  'axisLoss',
  'summary',
  'colOptimizer',
  'colLossAt',
  'colFinal',
  'colDistance',
  'colFirstBelow',
  'colStatus',
  'diverged',
  'belowTolerance',
  'aboveTolerance',
  'noMinimum',
  'noOptimizers',
  'fromCode',
  'rescaledName',
  'lrApplied',
  'background',
  'background.heat',
  'background.contours',
  'explain',
  'explainNone',
  'arrowGradient',
  'arrowMomentum',
  'arrowMoment',
  'arrowUpdate',
  'explain.sgd',
  'explain.momentum',
  'explain.adam',
  'explain.other',
  'explainValues',
  'explainEnd',
  'momentumSlider',
  'betaSlider',
  'barelyMovesHeading',
  'barelyMoves',
  'rescaleOffer',
  'escaped',
  'unbounded',
  'failed',
  'retry',
  // Each preset's menu title and caption (src/core/presets.ts), so a new preset brings its own.
  ...PRESET_NAMES.map((name) => `preset.${name}` as const),
  ...PRESET_NAMES.map((name) => `presetCaption.${name}` as const),
  // The keyword help and one line per optimizer the picker offers (the documentation catalog's
  // summary): their keys come from the torch facts, so a new optimizer brings its own.
  ...KEYWORD_KEYS,
  ...helpKeys(SIMULATED_OPTIMIZERS),
  ...REASON_STRING_KEYS,
] as const;

export type OptimizersStringKey = (typeof OPTIMIZERS_STRING_KEYS)[number];

/** What `optimizersPanel.strings()` returns: one translated string per key, `{0}`-style placeholders kept. */
export type OptimizersStrings = { readonly [K in OptimizersStringKey]: string };

/**
 * The keys of the strings the "LR Schedule" app renders; `schedulesPanel.strings()` gives one for each
 * (checked through {@link SchedulesStrings}). Scheduler classes and keywords are torch's own names and
 * are not translated.
 */
export const SCHEDULES_STRING_KEYS = [
  'title',
  'schedules',
  'scheduler',
  'addType',
  'add',
  'maxSchedules',
  'remove',
  'duplicate',
  'visible',
  'label',
  'baseLr',
  'steps',
  'stepsPerEpoch',
  'axis',
  'axisIterations',
  'axisEpochs',
  'yScale',
  'yLinear',
  'yLog',
  'cadence',
  'cadenceBatch',
  'cadenceEpoch',
  'children',
  'childN',
  'addChild',
  'removeChild',
  'listHint',
  'lambdaHint',
  'defaultValue',
  'required',
  'none',
  'unknownKeyword',
  'removeKeyword',
  'badEntry',
  'notPlotted',
  'raisesAt',
  'curve',
  'curve.improving',
  'curve.plateau',
  'curve.noisy',
  'curvePlateauAt',
  'curveNoise',
  'curveSeed',
  'drops',
  'noDrops',
  'copy',
  'copyLabel',
  'copied',
  'chart',
  'chartHint',
  'axisLr',
  'axisMomentum',
  'momentumOf',
  'dropsOf',
  'metricChart',
  'axisMetric',
  'metricOf',
  'inspect',
  'readout',
  'readoutMomentum',
  'readoutMetric',
  'readoutReduced',
  'intended',
  'actual',
  'noSchedules',
  'failed',
  'retry',
  // One line per scheduler the picker offers: the documentation catalog's summary.
  ...helpKeys(SCHEDULER_CLASSES),
  ...REASON_STRING_KEYS,
] as const;

export type SchedulesStringKey = (typeof SCHEDULES_STRING_KEYS)[number];

/** What `schedulesPanel.strings()` returns: one translated string per key, `{0}`-style placeholders kept. */
export type SchedulesStrings = { readonly [K in SchedulesStringKey]: string };

/**
 * The keys of the strings the "Compare Losses" app renders; `lossesPanel.strings()` gives one for each
 * (checked through {@link LossesStrings}). Loss classes and keywords are torch's names, not translated.
 */
export const LOSSES_STRING_KEYS = [
  'title',
  'intro',
  'fromCode',
  'settings',
  'reduction',
  'reductionNote',
  'delta',
  'beta',
  'labelSmoothing',
  'classes',
  'posWeight',
  'regression',
  'regressionHint',
  'crossEntropy',
  'crossEntropyHint',
  'binary',
  'binaryHint',
  'probability',
  'probabilityHint',
  'axisResidual',
  'axisLogit',
  'axisProbability',
  'axisLoss',
  'axisGradient',
  'gradientOf',
  'softmaxTwice',
  'sigmoidTwice',
  'inspectAt',
  'readoutCaption',
  'colLoss',
  'colValue',
  'colGradient',
  'failed',
  'retry',
  ...REASON_STRING_KEYS,
] as const;

export type LossesStringKey = (typeof LOSSES_STRING_KEYS)[number];

/** What `lossesPanel.strings()` returns: one translated string per key, `{0}`-style placeholders kept. */
export type LossesStrings = { readonly [K in LossesStringKey]: string };

// ── Webview → host ───────────────────────────────────────────────────────────

/** The app has mounted and listens; the host answers with {@link InitMessage}. */
export interface ReadyMessage {
  readonly type: 'ready';
}

/**
 * The app has subscribed to {@link AddMessage}s: the host sends the ones it queued. `ready` comes
 * before the app renders, so an `add` sent right after `init` would reach a page that does not
 * listen yet; the host holds them until this message (and again after the page is torn down).
 */
export interface ListeningMessage {
  readonly type: 'listening';
}

/** Something the webview wants in the extension's log (caught errors, dropped messages). */
export interface LogMessage {
  readonly type: 'log';
  readonly level: 'info' | 'warn' | 'error';
  readonly text: string;
}

/**
 * Puts `text` on the system clipboard and confirms it in the status bar ("Copy as PyTorch"). The
 * host does the writing: `vscode.env.clipboard` works in every host (desktop, web, remote) where a
 * webview's own clipboard access depends on the browser's permissions.
 */
export interface CopyTextMessage {
  readonly type: 'copyText';
  /** At most {@link MAX_COPY_TEXT} characters; longer text is dropped, never cut short on the clipboard. */
  readonly text: string;
}

export type FromWebviewMessage = ReadyMessage | ListeningMessage | LogMessage | CopyTextMessage;

// ── Host → webview ───────────────────────────────────────────────────────────

/**
 * The answer to {@link ReadyMessage}: the strings in the user's display language and the state to
 * start from (restored state after a reload, or a spec from a hover link or the user's code).
 */
export interface InitMessage<K extends PanelKind = PanelKind> {
  readonly type: 'init';
  readonly kind: K;
  readonly locale: string;
  readonly strings: UiStrings;
  /**
   * The panel's state (src/shared/panelState.ts), or null to start from the webview's own saved
   * state. Unchecked: it may come from a hover link or a reload, so the panel's `readState`
   * checks every field before use.
   */
  readonly state: Unchecked<PanelStates[K]> | null;
}

/**
 * Entries to add to a panel that is already open ("from your code" run again, from another file),
 * sent only after the page's {@link ListeningMessage}:
 * `state` has the shape of `init.state` and only its entries are used. An entry whose label equals
 * one already shown replaces it, so running the command twice does not duplicate anything.
 */
export interface AddMessage<K extends PanelKind = PanelKind> {
  readonly type: 'add';
  readonly state: Unchecked<PanelStates[K]>;
}

export type ToWebviewMessage<K extends PanelKind = PanelKind> = InitMessage<K> | AddMessage<K>;

// ── Runtime validation ───────────────────────────────────────────────────────

type Fields = { readonly [key: string]: unknown };

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringRecord(value: unknown): value is UiStrings {
  return isRecord(value) && Object.values(value).every((v) => typeof v === 'string');
}

const MAX_LOG_TEXT = 4000;
/** The longest text a webview may ask the host to copy: an optimizer call is a line or two. */
export const MAX_COPY_TEXT = 10_000;

/** Returns the message if it is a well-formed {@link FromWebviewMessage}, else undefined. */
export function parseFromWebview(value: unknown): FromWebviewMessage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'ready':
      return Object.keys(value).length === 1 ? { type: 'ready' } : undefined;
    case 'listening':
      return Object.keys(value).length === 1 ? { type: 'listening' } : undefined;
    case 'log': {
      const { level, text } = value;
      if ((level !== 'info' && level !== 'warn' && level !== 'error') || typeof text !== 'string') return undefined;
      return { type: 'log', level, text: text.slice(0, MAX_LOG_TEXT) };
    }
    case 'copyText': {
      const { text } = value;
      if (Object.keys(value).length !== 2 || typeof text !== 'string' || text.length === 0 || text.length > MAX_COPY_TEXT) return undefined;
      return { type: 'copyText', text };
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
      // `state` is passed on as it came: an object or not, the panel's readState judges it (and logs why).
      return { type: 'init', kind: kind as PanelKind, locale, strings, state: state as InitMessage['state'] };
    }
    case 'add':
      return Object.keys(value).length === 2 && isRecord(value.state) ? { type: 'add', state: value.state } : undefined;
    default:
      return undefined;
  }
}
