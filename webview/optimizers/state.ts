/**
 * The app's state, its reducer and its saved form. Everything here is pure: the components
 * dispatch actions, the reducer never throws (bad input becomes a shown error, never a broken view).
 */
import { appendEntry, mergeByLabel, mapEntry, reduceEntryList, type EntryListAction } from '../shared/entryList';
import { DEFAULT_RACE } from '../../src/core/simulate';
import { isObject, expectNumber, expectPoint } from '../../src/core/spec';
import { SpecError } from '../../src/core/errors';
import type { OptimizerName } from '../../src/core/optim';
import { SURFACES, isSurfaceName, type Point, type SurfaceName } from '../../src/core/surfaces';
import { createEntry, dropKwarg, editKwarg, readEntry, writeEntry, type Entry } from './entries';
import type { Preset } from './presets';
import type { OptimizersPanelState } from '../../src/shared/panelState';

/** Steps the panel animates at most (the core allows more; a race longer than this is not watchable). */
export const MAX_STEPS_UI = 5000;
/** Optimizers in one race at most. */
export const MAX_ENTRIES = 10;
/** The animation speeds offered, in steps per second. */
export const SPEEDS = [1, 5, 10, 20, 25, 50, 100, 250, 500] as const;
export const DEFAULT_SPEED = 25;

export interface RaceState {
  readonly surface: SurfaceName;
  readonly start: Point;
  readonly steps: number;
  readonly entries: readonly Entry[];
  readonly nextId: number;
  /** The step the animation shows, 0…steps. */
  readonly step: number;
  readonly playing: boolean;
  /** Steps per second. */
  readonly speed: number;
}

export type Action =
  | EntryListAction
  | { readonly type: 'surface'; readonly surface: SurfaceName }
  | { readonly type: 'start'; readonly start: Point }
  | { readonly type: 'steps'; readonly steps: number }
  | { readonly type: 'seek'; readonly step: number }
  | { readonly type: 'advance'; readonly by: number }
  | { readonly type: 'play' }
  | { readonly type: 'pause' }
  | { readonly type: 'reset' }
  | { readonly type: 'speed'; readonly speed: number }
  | { readonly type: 'add'; readonly optimizer: OptimizerName }
  | { readonly type: 'kwarg'; readonly id: number; readonly key: string; readonly value: unknown }
  | { readonly type: 'dropKwarg'; readonly id: number; readonly key: string }
  | { readonly type: 'preset'; readonly preset: Preset; readonly autoplay: boolean }
  /** Optimizers from the user's code, as the host's `add` message gives them. */
  | { readonly type: 'merge'; readonly entries: readonly Entry[] };

/** The seed demo: DEFAULT_RACE with its paths drawn in full, paused. */
export function defaultState(): RaceState {
  const entries = DEFAULT_RACE.optimizers.map((o, i) => createEntry(i + 1, o.type, o.kwargs));
  return { surface: DEFAULT_RACE.surface, start: DEFAULT_RACE.start, steps: DEFAULT_RACE.steps, entries, nextId: entries.length + 1, step: DEFAULT_RACE.steps, playing: false, speed: DEFAULT_SPEED };
}

function clampStep(step: number, steps: number): number {
  return Math.max(0, Math.min(steps, Math.round(step)));
}

export function reducer(state: RaceState, action: Action): RaceState {
  switch (action.type) {
    case 'surface':
      if (action.surface === state.surface) return state;
      return { ...state, surface: action.surface, start: SURFACES[action.surface].start };
    case 'start':
      return { ...state, start: action.start };
    case 'steps': {
      const steps = clampStep(action.steps, MAX_STEPS_UI) || 1;
      // A race shown in full stays in full when it gets longer.
      const step = state.step === state.steps ? steps : clampStep(state.step, steps);
      return { ...state, steps, step };
    }
    case 'seek':
      return { ...state, step: clampStep(action.step, state.steps), playing: false };
    case 'advance': {
      const step = clampStep(state.step + action.by, state.steps);
      return { ...state, step, playing: state.playing && step < state.steps };
    }
    case 'play':
      // Play at the end starts over.
      return { ...state, playing: true, step: state.step >= state.steps ? 0 : state.step };
    case 'pause':
      return state.playing ? { ...state, playing: false } : state;
    case 'reset':
      return { ...state, step: 0, playing: false };
    case 'speed':
      return { ...state, speed: action.speed };
    case 'add':
      return appendEntry(state, MAX_ENTRIES, (id) => createEntry(id, action.optimizer));
    case 'merge':
      return mergeByLabel(state, action.entries, MAX_ENTRIES);
    case 'remove':
    case 'duplicate':
    case 'toggle':
    case 'label':
      return reduceEntryList(state, action, MAX_ENTRIES);
    case 'kwarg':
      return mapEntry(state, action.id, (e) => editKwarg(e, action.key, action.value));
    case 'dropKwarg':
      return mapEntry(state, action.id, (e) => dropKwarg(e, action.key));
    case 'preset': {
      const { preset } = action;
      const entries = preset.optimizers.map((o, i) => createEntry(state.nextId + i, o.type, o.kwargs));
      return {
        ...state,
        surface: preset.surface,
        start: preset.start ?? SURFACES[preset.surface].start,
        steps: preset.steps,
        entries,
        nextId: state.nextId + entries.length,
        speed: preset.speed,
        step: action.autoplay ? 0 : preset.steps,
        playing: action.autoplay,
      };
    }
  }
}

// ── Saved form ───────────────────────────────────────────────────────────────

/**
 * What `host.setState` keeps, and what `readState` reads back (it also reads the host's specs): a
 * complete {@link OptimizersPanelState}, the one shape the host and this panel share.
 */
export interface SavedState extends OptimizersPanelState {
  readonly v: 1;
  readonly surface: SurfaceName;
  readonly start: Point;
  readonly steps: number;
  readonly step: number;
  readonly speed: number;
  readonly optimizers: readonly ReturnType<typeof writeEntry>[];
}

export function toSaved(state: RaceState): SavedState {
  return { v: 1, surface: state.surface, start: state.start, steps: state.steps, step: state.step, speed: state.speed, optimizers: state.entries.map(writeEntry) };
}

export interface ReadResult {
  readonly state: RaceState;
  /** What could not be used as given (for the log); bad optimizer values are kept and shown instead. */
  readonly problems: readonly string[];
}

/**
 * Reads a saved state or a spec from the host, an {@link OptimizersPanelState} whose every value is
 * checked here. Undefined for anything that is not an object. A field that cannot be read
 * falls back to the default and is reported; optimizers are never dropped (see `readEntry`).
 */
export function readState(json: unknown): ReadResult | undefined {
  if (!isObject(json)) return undefined;
  const base = defaultState();
  const problems: string[] = [];
  const attempt = <T>(key: keyof OptimizersPanelState, fallback: T, read: (value: unknown) => T): T => {
    const value = json[key];
    if (value === undefined) return fallback;
    try {
      return read(value);
    } catch (error) {
      problems.push(error instanceof SpecError ? error.message : `${key}: ${String(error)}`);
      return fallback;
    }
  };
  const surface = attempt<SurfaceName>('surface', base.surface, (v) => {
    if (typeof v === 'string' && isSurfaceName(v)) return v;
    throw new SpecError('surface', `unknown surface ${JSON.stringify(v)}`);
  });
  const start = attempt<Point>('start', SURFACES[surface].start, (v) => expectPoint(v, 'start'));
  const steps = attempt('steps', base.steps, (v) => expectNumber(v, 'steps', { integer: true, min: 1, max: MAX_STEPS_UI }));
  const step = attempt('step', steps, (v) => clampStep(expectNumber(v, 'step', { integer: true, min: 0 }), steps));
  const speed = attempt<number>('speed', base.speed, (v) => {
    if ((SPEEDS as readonly unknown[]).includes(v)) return v as number;
    throw new SpecError('speed', `expected one of ${SPEEDS.join(', ')}`);
  });
  let entries: Entry[] = [...base.entries];
  if (json.optimizers !== undefined) {
    if (Array.isArray(json.optimizers)) entries = json.optimizers.slice(0, MAX_ENTRIES).map((item, i) => readEntry(i + 1, item));
    else problems.push('optimizers: expected an array');
    if (Array.isArray(json.optimizers) && json.optimizers.length > MAX_ENTRIES) problems.push(`optimizers: only the first ${MAX_ENTRIES} are shown`);
  }
  return { state: { surface, start, steps, entries, nextId: entries.length + 1, step, playing: false, speed }, problems };
}

/** `init.state` (a reload, a hover link, the user's code) wins; then the webview's saved state; then the seed demo. */
export function initialState(fromHost: unknown, saved: unknown): ReadResult {
  if (fromHost !== null && fromHost !== undefined) {
    const read = readState(fromHost);
    if (read) return read;
    return { state: readState(saved)?.state ?? defaultState(), problems: ['init.state: expected an object'] };
  }
  return readState(saved) ?? { state: defaultState(), problems: [] };
}
