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
import { presetByName, type Preset, type PresetName } from './presets';
import { surfaceLr } from '../../src/core/surfaceDefaults';
import { isOptimizerName } from '../../src/core/optim';
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
  /** The preset whose caption is shown; null once the race is no longer that preset's (another surface). */
  readonly preset: PresetName | null;
  /** Heat map with contour lines, or contour lines only (the paths stand out more). */
  readonly background: Background;
  /** The racer whose gradient, momentum and update arrows are drawn at the shown step; null for none. */
  readonly explain: number | null;
  /** Set when a surface change has just set the panel's racers' learning rates to that surface's. */
  readonly lrFor: SurfaceName | null;
}

export type Background = 'heat' | 'contours';

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
  | { readonly type: 'merge'; readonly entries: readonly Entry[] }
  | { readonly type: 'background'; readonly background: Background }
  | { readonly type: 'explain'; readonly id: number | null }
  /** Adds a twin of entry `id` (from the user's code) with `lr`, scaled to the surface, right after it. */
  | { readonly type: 'rescale'; readonly id: number; readonly lr: number };

/**
 * The seed demo (the `seed` preset). It plays once from step 0, so that the story unfolds in front
 * of the learner; with `autoplay` off (reduced motion) it shows the whole race at once.
 */
export function defaultState(autoplay = false): RaceState {
  const entries = DEFAULT_RACE.optimizers.map((o, i) => createEntry(i + 1, o.type, o.kwargs));
  return {
    surface: DEFAULT_RACE.surface,
    start: DEFAULT_RACE.start,
    steps: DEFAULT_RACE.steps,
    entries,
    nextId: entries.length + 1,
    step: autoplay ? 0 : DEFAULT_RACE.steps,
    playing: autoplay,
    speed: presetByName('seed')!.speed,
    preset: 'seed',
    background: 'heat',
    explain: null,
    lrFor: null,
  };
}

/**
 * The panel's own racers get the new surface's learning rates (src/core/surfaceDefaults.ts): a
 * ravine lr on Rosenbrock overflows at the second step. Entries from the user's code keep theirs —
 * they are the user's settings, and the panel offers a rescaled twin instead.
 */
function withSurfaceLr(entries: readonly Entry[], surface: SurfaceName): Entry[] {
  return entries.map((e) => {
    if (e.origin || !isOptimizerName(e.type)) return e;
    const lr = surfaceLr(surface, e.type);
    return lr === undefined || e.raw.lr === lr ? e : editKwarg(e, 'lr', lr);
  });
}

function clampStep(step: number, steps: number): number {
  return Math.max(0, Math.min(steps, Math.round(step)));
}

export function reducer(state: RaceState, action: Action): RaceState {
  switch (action.type) {
    case 'surface':
      if (action.surface === state.surface) return state;
      return { ...state, surface: action.surface, start: SURFACES[action.surface].start, entries: withSurfaceLr(state.entries, action.surface), preset: null, lrFor: action.surface };
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
    case 'background':
      return { ...state, background: action.background };
    case 'explain':
      return { ...state, explain: action.id };
    case 'rescale': {
      const index = state.entries.findIndex((e) => e.id === action.id);
      const source = state.entries[index];
      if (!source || !isOptimizerName(source.type) || state.entries.length >= MAX_ENTRIES) return state;
      const twin = { ...editKwarg(source, 'lr', action.lr), id: state.nextId, origin: 'rescaled' as const, label: source.label };
      return { ...state, entries: [...state.entries.slice(0, index + 1), twin, ...state.entries.slice(index + 1)], nextId: state.nextId + 1 };
    }
    case 'preset': {
      const { preset } = action;
      const entries = preset.racers.map((r, i) => createEntry(state.nextId + i, r.type, r.kwargs, r.label ?? ''));
      return {
        ...state,
        preset: preset.name,
        lrFor: null,
        explain: null,
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
  readonly background: Background;
}

export function toSaved(state: RaceState): SavedState {
  return {
    v: 1,
    surface: state.surface,
    start: state.start,
    steps: state.steps,
    step: state.step,
    speed: state.speed,
    optimizers: state.entries.map(writeEntry),
    background: state.background,
    ...(state.preset ? { preset: state.preset } : {}),
  };
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
  const background = attempt<Background>('background', base.background, (v) => {
    if (v === 'heat' || v === 'contours') return v;
    throw new SpecError('background', 'expected "heat" or "contours"');
  });
  const preset = attempt<PresetName | null>('preset', null, (v) => {
    const found = typeof v === 'string' ? presetByName(v) : undefined;
    if (found) return found.name;
    throw new SpecError('preset', `unknown preset ${JSON.stringify(v)}`);
  });
  let entries: Entry[] = [...base.entries];
  if (json.optimizers !== undefined) {
    if (Array.isArray(json.optimizers)) entries = json.optimizers.slice(0, MAX_ENTRIES).map((item, i) => readEntry(i + 1, item));
    else problems.push('optimizers: expected an array');
    if (Array.isArray(json.optimizers) && json.optimizers.length > MAX_ENTRIES) problems.push(`optimizers: only the first ${MAX_ENTRIES} are shown`);
  }
  // A state that names no optimizers shows the seed's, and with them the seed's caption.
  const shownPreset = json.optimizers === undefined && json.surface === undefined ? base.preset : preset;
  return { state: { surface, start, steps, entries, nextId: entries.length + 1, step, playing: false, speed, preset: shownPreset, background, explain: null, lrFor: null }, problems };
}

/**
 * `init.state` (a reload, a hover link, the user's code) wins; then the webview's saved state; then
 * the seed demo, which plays once unless `autoplay` is off (reduced motion).
 */
export function initialState(fromHost: unknown, saved: unknown, autoplay = false): ReadResult {
  if (fromHost !== null && fromHost !== undefined) {
    const read = readState(fromHost);
    if (read) return read;
    return { state: readState(saved)?.state ?? defaultState(autoplay), problems: ['init.state: expected an object'] };
  }
  return readState(saved) ?? { state: defaultState(autoplay), problems: [] };
}
