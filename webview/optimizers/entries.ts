/**
 * One optimizer in the race, as the user edits it. `raw` holds the keyword values exactly as typed
 * or received (JSON: a half-typed number stays a string) so that the core's own `parse` judges
 * them and its SpecError message is what the user reads; `valid` holds the last keyword values that
 * passed, which is what the race keeps running while a field is being fixed.
 */
import { SpecError } from '../../src/core/errors';
import { OPTIMIZER_NAMES, isOptimizerName, optimizerDef, type Kwargs, type KwargValue, type OptimizerName } from '../../src/core/optim';
import { expectOneOf, isObject } from '../../src/core/spec';

export type RawKwargs = Readonly<Record<string, unknown>>;

export interface Entry {
  /** Stable within a session: keys, colours and cached trajectories follow it. */
  readonly id: number;
  /** A torch class name; an unknown one (from the host) is kept and shown with its error. */
  readonly type: string;
  /** The user's or the host's name for it; empty for the automatic name. */
  readonly label: string;
  readonly raw: RawKwargs;
  /** The last keyword values the core accepted, torch's defaults filled in; null if none yet. */
  readonly valid: Kwargs | null;
  readonly visible: boolean;
  /** Why an entry the host sent could not be read as it was (not a keyword problem). */
  readonly note?: string;
  /**
   * Where it came from when not from the panel itself: `code`, an optimizer the user's file builds
   * (its label is the place, `train.py:35`); `rescaled`, that optimizer's twin with the lr scaled
   * to this surface. Neither takes a seed racer's colour, and the panel never changes their lr.
   */
  readonly origin?: EntryOrigin;
}

export type EntryOrigin = 'code' | 'rescaled';

function readOrigin(value: unknown): EntryOrigin | undefined {
  return value === 'code' || value === 'rescaled' ? value : undefined;
}

export type Validation = { readonly ok: true; readonly kwargs: Kwargs } | { readonly ok: false; readonly error: SpecError };

const cache = new WeakMap<RawKwargs, Map<string, Validation>>();

/**
 * Judges `raw` as keyword arguments of `type` with the core's parser (torch's validation and
 * messages). Never throws: a SpecError comes back as the result. Cached per raw object.
 */
export function validate(type: string, raw: RawKwargs): Validation {
  let byType = cache.get(raw);
  if (!byType) cache.set(raw, (byType = new Map()));
  let result = byType.get(type);
  if (!result) byType.set(type, (result = judge(type, raw)));
  return result;
}

function judge(type: string, raw: RawKwargs): Validation {
  try {
    const name = expectOneOf(type, 'type', OPTIMIZER_NAMES);
    return { ok: true, kwargs: optimizerDef(name).parse(raw, '') };
  } catch (error) {
    return { ok: false, error: error instanceof SpecError ? error : new SpecError('', String(error)) };
  }
}

/** The keyword a SpecError's field names: `betas[1]` → `betas`, `lr` → `lr`. */
export function keywordOf(error: SpecError): string {
  return error.field.split(/[.[]/, 1)[0] ?? '';
}

/** Torch's defaults of `type` as fresh raw values (pairs copied to plain arrays). */
export function defaultRaw(type: OptimizerName): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(optimizerDef(type).defaults)) out[key] = Array.isArray(value) ? [...value] : value;
  return out;
}

export function createEntry(id: number, type: OptimizerName, kwargs: RawKwargs = {}, label = '', origin?: EntryOrigin): Entry {
  const raw = { ...defaultRaw(type), ...kwargs };
  const result = validate(type, raw);
  return { id, type, label, raw, valid: result.ok ? result.kwargs : null, visible: true, ...(origin ? { origin } : {}) };
}

/** The entry with `raw[key]` set to `value`; `valid` moves only if the core accepts the result. */
export function editKwarg(entry: Entry, key: string, value: unknown): Entry {
  const raw = { ...entry.raw, [key]: value };
  const result = validate(entry.type, raw);
  return { ...entry, raw, valid: result.ok ? result.kwargs : entry.valid };
}

/** The entry without `raw[key]` (an unknown keyword the host sent). */
export function dropKwarg(entry: Entry, key: string): Entry {
  const raw = { ...entry.raw };
  delete raw[key];
  const result = validate(entry.type, raw);
  return { ...entry, raw, valid: result.ok ? result.kwargs : entry.valid };
}

/**
 * Reads an optimizer the host or a saved state describes: `{ type, kwargs?, label?, visible?, note? }`.
 * Nothing is dropped: an unknown type or bad values come back as an entry whose validation fails
 * (and shows why); a malformed description gets a `note`.
 */
export function readEntry(id: number, json: unknown): Entry {
  if (!isObject(json)) return { id, type: describeType(json), label: '', raw: {}, valid: null, visible: true, note: `expected an object like {"type": "Adam", "kwargs": {...}}, got ${describeType(json)}` };
  const type = typeof json.type === 'string' ? json.type : describeType(json.type);
  const label = typeof json.label === 'string' ? json.label.slice(0, 200) : '';
  const visible = json.visible !== false;
  const kwargs = json.kwargs ?? {};
  // The host's note says what it could not read from the user's code (`lr=args.lr`).
  const notes = [...(typeof json.note === 'string' ? [json.note.slice(0, 500)] : []), ...(isObject(kwargs) ? [] : [`kwargs: expected an object, got ${describeType(kwargs)}`])];
  const note = notes.length > 0 ? notes.join(' · ') : undefined;
  const given = isObject(kwargs) ? kwargs : {};
  const raw = isOptimizerName(type) ? { ...defaultRaw(type), ...given } : { ...given };
  const result = validate(type, raw);
  const origin = readOrigin(json.origin);
  return { id, type, label, raw, valid: result.ok ? result.kwargs : null, visible, ...(note ? { note } : {}), ...(origin ? { origin } : {}) };
}

function describeType(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return typeof value;
  }
}

/** The description a saved state keeps of an entry (what `readEntry` reads back). */
export function writeEntry(entry: Entry): { type: string; kwargs: RawKwargs; label: string; visible: boolean; note?: string; origin?: EntryOrigin } {
  return { type: entry.type, kwargs: entry.raw, label: entry.label, visible: entry.visible, ...(entry.note ? { note: entry.note } : {}), ...(entry.origin ? { origin: entry.origin } : {}) };
}

/** The kind of control a keyword gets, from the type of its torch default. */
export type ControlKind = 'number' | 'boolean' | 'pair';

export function controlKind(value: KwargValue): ControlKind {
  return typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'pair';
}

/** The keywords of `type` in torch's signature order, each with its control. */
export function controls(type: OptimizerName): { key: string; kind: ControlKind; fallback: KwargValue }[] {
  return Object.entries(optimizerDef(type).defaults).map(([key, fallback]) => ({ key, kind: controlKind(fallback), fallback }));
}

/** Keys of `raw` that are not keywords of `type` (a host entry from newer torch, a typo). */
export function unknownKeys(type: string, raw: RawKwargs): string[] {
  if (!isOptimizerName(type)) return [];
  const known = optimizerDef(type).defaults;
  return Object.keys(raw).filter((key) => key !== 'type' && !Object.hasOwn(known, key));
}

/** SGD with momentum counts as its own racer ("Momentum") for names and colours. */
export function role(entry: Entry): 'sgd' | 'momentum' | 'nesterov' | 'adam' | 'other' {
  if (entry.type === 'Adam') return 'adam';
  if (entry.type !== 'SGD') return 'other';
  const kwargs = entry.valid ?? entry.raw;
  const momentum = kwargs.momentum;
  if (typeof momentum === 'number' && momentum > 0) return kwargs.nesterov === true ? 'nesterov' : 'momentum';
  return 'sgd';
}
