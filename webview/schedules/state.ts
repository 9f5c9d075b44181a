/**
 * The panel's state, its reducer and its saved form, pure. The saved form is also the spec the host
 * may send (`init.state`), both a SchedulesPanelState (src/shared/panelState.ts):
 *
 *   { schedules: [{ label, scheduler: <spec as in the `schedule` CLI>, base_lr, cadence?, visible?,
 *                   curve?, note? }],
 *     steps?, stepsPerEpoch?, axis?, yScale?,
 *     compare?: { scheduler, base_lr, epochs?, intended: 'epoch'|'batch', actual: 'epoch'|'batch' } }
 *
 * `steps` counts iterations; a schedule with cadence 'epoch' is stepped once per `stepsPerEpoch`
 * of them. `compare` adds the same scheduler twice, "as intended" and "as the code steps it".
 * Bad entries are kept and shown with what is wrong, never dropped.
 */
import { appendEntry, mapEntry, mergeByLabel, reduceEntryList, type EntryListAction } from '../shared/entryList';
import { SpecError } from '../../src/core/errors';
import { MAX_STEPS, expectNumber, isObject } from '../../src/core/spec';
import { CADENCES, type Cadence } from '../../src/core/schedule/cadence';
import { nestingError } from '../../src/core/schedule/nesting';
import { errorText } from '../shared/reasons';
import { CURVE_SHAPES, DEFAULT_CURVE, type Axis, type CurveParams, type YScale } from './compute';
import { addChild, defaultSchedule, editAt, removeChild, setKwarg, starterSpec, type SpecPath } from './model';
import type { SchedulerType } from '../../src/core/schedule';
import type { ScheduleEntryState, SchedulesPanelState } from '../../src/shared/panelState';

/** Schedules on one chart at most. */
export const MAX_ENTRIES = 8;

export interface Entry {
  readonly id: number;
  readonly label: string;
  /** The scheduler spec as edited (possibly invalid, possibly not even an object). */
  readonly scheduler: unknown;
  /** A number, or the text of an invalid entry. */
  readonly base_lr: unknown;
  readonly cadence: Cadence;
  readonly visible: boolean;
  readonly curve: CurveParams;
  /** From the host (where the spec came from), or what could not be read. */
  readonly note?: string;
}

export interface ScheduleState {
  readonly entries: readonly Entry[];
  readonly nextId: number;
  /** Iterations on the chart. */
  readonly steps: number;
  readonly stepsPerEpoch: number;
  readonly axis: Axis;
  readonly yScale: YScale;
}

export type Action =
  | EntryListAction
  | { readonly type: 'steps'; readonly steps: number }
  | { readonly type: 'stepsPerEpoch'; readonly stepsPerEpoch: number }
  | { readonly type: 'axis'; readonly axis: Axis }
  | { readonly type: 'yScale'; readonly yScale: YScale }
  | { readonly type: 'add'; readonly scheduler: SchedulerType }
  | { readonly type: 'baseLr'; readonly id: number; readonly value: unknown }
  | { readonly type: 'cadence'; readonly id: number; readonly cadence: Cadence }
  | { readonly type: 'curve'; readonly id: number; readonly curve: CurveParams }
  | { readonly type: 'schedulerType'; readonly id: number; readonly path: SpecPath; readonly scheduler: SchedulerType }
  | { readonly type: 'kwarg'; readonly id: number; readonly path: SpecPath; readonly key: string; readonly value: unknown }
  | { readonly type: 'addChild'; readonly id: number; readonly path: SpecPath; readonly scheduler: SchedulerType }
  | { readonly type: 'removeChild'; readonly id: number; readonly path: SpecPath; readonly index: number }
  /** Schedules from the user's code, as the host's `add` message gives them. */
  | { readonly type: 'merge'; readonly entries: readonly Entry[] };

function entry(id: number, fields: Partial<Entry> = {}): Entry {
  return { id, label: '', scheduler: defaultSchedule(), base_lr: 0.1, cadence: 'batch', visible: true, curve: DEFAULT_CURVE, ...fields };
}

/** LinearLR warmup for 5 epochs, then CosineAnnealingLR over 95, from lr 0.1: big steps early, small steps late. */
export function defaultState(): ScheduleState {
  return { entries: [entry(1)], nextId: 2, steps: 100, stepsPerEpoch: 1, axis: 'iterations', yScale: 'linear' };
}

/** scheduler.step() calls of an entry on the chart (the scale for a new spec's starting values). */
export function callsOf(state: ScheduleState, e: Entry): number {
  return e.cadence === 'epoch' ? Math.floor(state.steps / state.stepsPerEpoch) : state.steps;
}

function contextOf(state: ScheduleState, e: Entry) {
  return { baseLr: typeof e.base_lr === 'number' ? e.base_lr : 0.1, calls: callsOf(state, e) };
}

export function reducer(state: ScheduleState, action: Action): ScheduleState {
  switch (action.type) {
    case 'steps':
      return { ...state, steps: Math.max(1, Math.min(MAX_STEPS, Math.round(action.steps))) };
    case 'stepsPerEpoch':
      return { ...state, stepsPerEpoch: Math.max(1, Math.min(MAX_STEPS, Math.round(action.stepsPerEpoch))) };
    case 'axis':
      return { ...state, axis: action.axis };
    case 'yScale':
      return { ...state, yScale: action.yScale };
    case 'merge':
      return mergeByLabel(state, action.entries, MAX_ENTRIES);
    case 'add':
      return appendEntry(state, MAX_ENTRIES, (id) => {
        const fresh = entry(id);
        return { ...fresh, scheduler: starterSpec(action.scheduler, contextOf(state, fresh)) };
      });
    case 'remove':
    case 'duplicate':
    case 'toggle':
    case 'label':
      return reduceEntryList(state, action, MAX_ENTRIES);
    case 'baseLr':
      return mapEntry(state, action.id, (e) => ({ ...e, base_lr: action.value }));
    case 'cadence':
      return mapEntry(state, action.id, (e) => ({ ...e, cadence: action.cadence }));
    case 'curve':
      return mapEntry(state, action.id, (e) => ({ ...e, curve: action.curve }));
    case 'schedulerType':
      return mapEntry(state, action.id, (e) => ({ ...e, scheduler: editAt(e.scheduler, action.path, () => starterSpec(action.scheduler, contextOf(state, e))) }));
    case 'kwarg':
      return mapEntry(state, action.id, (e) => ({ ...e, scheduler: editAt(e.scheduler, action.path, (s) => setKwarg(s, action.key, action.value)) }));
    case 'addChild':
      return mapEntry(state, action.id, (e) => ({ ...e, scheduler: editAt(e.scheduler, action.path, (s) => addChild(s, action.scheduler, contextOf(state, e))) }));
    case 'removeChild':
      return mapEntry(state, action.id, (e) => ({ ...e, scheduler: editAt(e.scheduler, action.path, (s) => removeChild(s, action.index)) }));
  }
}

// ── Saved form ───────────────────────────────────────────────────────────────

export interface SavedEntry extends ScheduleEntryState {
  readonly label: string;
  readonly scheduler: unknown;
  readonly base_lr: unknown;
  readonly cadence: Cadence;
  readonly visible: boolean;
  readonly curve: CurveParams;
  readonly note?: string;
}

export interface SavedState extends SchedulesPanelState {
  readonly v: 1;
  readonly schedules: readonly SavedEntry[];
  readonly steps: number;
  readonly stepsPerEpoch: number;
  readonly axis: Axis;
  readonly yScale: YScale;
}

export function toSaved(state: ScheduleState): SavedState {
  return {
    v: 1,
    schedules: state.entries.map(({ label, scheduler, base_lr, cadence, visible, curve, note }) => ({ label, scheduler, base_lr, cadence, visible, curve, ...(note ? { note } : {}) })),
    steps: state.steps,
    stepsPerEpoch: state.stepsPerEpoch,
    axis: state.axis,
    yScale: state.yScale,
  };
}

export interface ReadResult {
  readonly state: ScheduleState;
  /** What could not be used as given (for the log); bad schedules are kept and shown instead. */
  readonly problems: readonly string[];
}

function readCurve(value: unknown): CurveParams {
  if (!isObject(value)) return DEFAULT_CURVE;
  const shape = CURVE_SHAPES.includes(value.shape as never) ? (value.shape as CurveParams['shape']) : DEFAULT_CURVE.shape;
  const num = (v: unknown, fallback: number, min: number) => (typeof v === 'number' && Number.isFinite(v) && v >= min ? v : fallback);
  return { shape, plateauAt: Math.round(num(value.plateauAt, DEFAULT_CURVE.plateauAt, 0)), noise: num(value.noise, DEFAULT_CURVE.noise, 0), seed: Math.round(num(value.seed, DEFAULT_CURVE.seed, 0)) };
}

function readCadence(value: unknown, field: string): Cadence {
  if (CADENCES.includes(value as Cadence)) return value as Cadence;
  throw new SpecError(field, `expected one of ${CADENCES.join(', ')}, got ${JSON.stringify(value)}`);
}

/**
 * One schedule of a spec; never throws (what cannot be read becomes its note). A scheduler nested
 * too deep for the editor is not kept: the entry says why in its note.
 */
function readEntry(id: number, json: unknown, field: string, reasons: Reasons): Entry {
  if (!isObject(json)) return entry(id, { scheduler: json, note: `${field}: expected an object` });
  const notes: string[] = [];
  const tooDeep = nestingError(json.scheduler, `${field}.scheduler`);
  if (tooDeep) notes.push(errorText(tooDeep, reasons));
  if (typeof json.note === 'string') notes.push(json.note.slice(0, 500));
  let cadence: Cadence = 'batch';
  if (json.cadence !== undefined) {
    try {
      cadence = readCadence(json.cadence, `${field}.cadence`);
    } catch (error) {
      notes.push((error as SpecError).message);
    }
  }
  if (json.scheduler === undefined) notes.push(`${field}.scheduler: missing`);
  return entry(id, {
    label: typeof json.label === 'string' ? json.label.slice(0, 200) : '',
    scheduler: tooDeep ? null : (json.scheduler ?? null),
    base_lr: json.base_lr ?? 0.1,
    cadence,
    visible: json.visible !== false,
    curve: readCurve(json.curve),
    ...(notes.length ? { note: notes.join(' · ') } : {}),
  });
}

/** Reads a saved state or a spec from the host, a SchedulesPanelState checked value by value; undefined for anything that is not an object. */
/** The panel's strings, for the `reason.*` translations of what cannot be read; empty: English. */
type Reasons = Readonly<Record<string, string>>;

export function readState(json: unknown, compareLabels = { intended: 'as intended', actual: 'as the code steps it' }, reasons: Reasons = {}): ReadResult | undefined {
  if (!isObject(json)) return undefined;
  const base = defaultState();
  const problems: string[] = [];
  const attempt = <T>(key: keyof SchedulesPanelState, fallback: T, read: (value: unknown) => T): T => {
    const value = json[key];
    if (value === undefined) return fallback;
    try {
      return read(value);
    } catch (error) {
      problems.push(error instanceof SpecError ? error.message : `${key}: ${String(error)}`);
      return fallback;
    }
  };
  let steps = attempt('steps', base.steps, (v) => expectNumber(v, 'steps', { integer: true, min: 1, max: MAX_STEPS }));
  const stepsPerEpoch = attempt('stepsPerEpoch', base.stepsPerEpoch, (v) => expectNumber(v, 'stepsPerEpoch', { integer: true, min: 1, max: MAX_STEPS }));
  const axis = attempt<Axis>('axis', stepsPerEpoch > 1 ? 'epochs' : base.axis, (v) => {
    if (v === 'iterations' || v === 'epochs') return v;
    throw new SpecError('axis', `expected iterations or epochs, got ${JSON.stringify(v)}`);
  });
  const yScale = attempt<YScale>('yScale', base.yScale, (v) => {
    if (v === 'linear' || v === 'log') return v;
    throw new SpecError('yScale', `expected linear or log, got ${JSON.stringify(v)}`);
  });
  const entries: Entry[] = [];
  if (json.schedules !== undefined) {
    if (Array.isArray(json.schedules)) {
      json.schedules.slice(0, MAX_ENTRIES).forEach((item, i) => entries.push(readEntry(entries.length + 1, item, `schedules[${i}]`, reasons)));
      if (json.schedules.length > MAX_ENTRIES) problems.push(`schedules: only the first ${MAX_ENTRIES} are shown`);
    } else problems.push('schedules: expected an array');
  }
  if (json.compare !== undefined) {
    const c = json.compare;
    if (!isObject(c)) problems.push('compare: expected an object');
    else {
      const read = (key: 'intended' | 'actual', fallback: Cadence) => {
        try {
          return readCadence(c[key], `compare.${key}`);
        } catch (error) {
          problems.push((error as SpecError).message);
          return fallback;
        }
      };
      const intended = read('intended', 'epoch');
      const actual = read('actual', intended === 'epoch' ? 'batch' : 'epoch');
      const epochs = attempt('compare', undefined as number | undefined, () =>
        c.epochs === undefined ? undefined : expectNumber(c.epochs, 'compare.epochs', { integer: true, min: 1, max: MAX_STEPS }),
      );
      if (epochs !== undefined && json.steps === undefined) steps = Math.min(MAX_STEPS, epochs * stepsPerEpoch);
      const shared = { scheduler: c.scheduler ?? null, base_lr: c.base_lr ?? 0.1, ...(typeof c.note === 'string' ? { note: c.note.slice(0, 500) } : {}) };
      // "As the code steps it" first, so "as intended" is drawn over it: a schedule stepped far too
      // often fills a band that would hide anything drawn before it.
      for (const [cadence, label] of [
        [actual, compareLabels.actual],
        [intended, compareLabels.intended],
      ] as const) {
        if (entries.length < MAX_ENTRIES) entries.push(readEntry(entries.length + 1, { ...shared, cadence, label }, 'compare', reasons));
      }
    }
  }
  if (json.schedules === undefined && json.compare === undefined) entries.push(...base.entries);
  return { state: { entries, nextId: entries.length + 1, steps, stepsPerEpoch, axis, yScale }, problems };
}

/** `init.state` (a hover link, the user's code) wins; then the webview's saved state; then the default. */
export function initialState(fromHost: unknown, saved: unknown, compareLabels?: { intended: string; actual: string }, reasons: Reasons = {}): ReadResult {
  if (fromHost !== null && fromHost !== undefined) {
    const read = readState(fromHost, compareLabels, reasons);
    if (read) return read;
    return { state: readState(saved, compareLabels, reasons)?.state ?? defaultState(), problems: ['init.state: expected an object'] };
  }
  return readState(saved, compareLabels, reasons) ?? { state: defaultState(), problems: [] };
}
