/**
 * What rules share: raw findings (absolute offsets, before positions and noqa), the events of a
 * unit with their depth and order, and the questions rules ask about them.
 */
import type { Event, PathElem, Receiver, Unit } from '../model';
import type { Model } from '../model';
import { identity, type SchedulerVal, type Site, type Val } from '../model';
import type { Message, Range, RuleCode } from '../types';
import { LineIndex } from '../syntax/text/lines';
import type { ForeignFile } from '../syntax/source';

export interface RawEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export interface RawFix {
  readonly title: Message;
  readonly edits: readonly RawEdit[];
  readonly isPreferred: boolean;
  readonly kind: 'fix' | 'suppress';
}

/** A place in another file of the project (a call was followed there). */
export interface ForeignLocation {
  readonly file: string;
  readonly range: Range;
}

/**
 * Offsets into the analysed text; `elsewhere` when the place is really in another file (then the
 * offsets are the call leading there, or -1 when nothing in this file leads there).
 */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly elsewhere?: ForeignLocation;
}

export interface RawRelated extends Span {
  readonly message: Message;
}

/** A finding with absolute UTF-16 offsets into the analysed text. */
export interface RawFinding {
  readonly code: RuleCode;
  readonly start: number;
  readonly end: number;
  /** The anchor is really in another file (see Span): positions.ts decides whether to keep it. */
  readonly elsewhere?: ForeignLocation;
  readonly message: Message;
  readonly related: readonly RawRelated[];
  readonly fixes: readonly RawFix[];
}

export interface RuleContext {
  readonly model: Model;
  readonly text: string;
  readonly lines: LineIndex;
  readonly eol: string;
}

export function abs(site: Site): Span {
  const here = site.chunk.file ? { start: -1, end: -1 } : { start: site.chunk.start + site.s, end: site.chunk.start + site.e };
  const there = site.origin ?? site;
  if (!there.chunk.file) return here;
  return { ...here, elsewhere: foreign(there.chunk.file, there.chunk.start + there.s, there.chunk.start + there.e) };
}

const lineIndexes = new WeakMap<ForeignFile, LineIndex>();

/** A range in another file, ending on its start line (as related locations do). */
function foreign(file: ForeignFile, start: number, end: number): ForeignLocation {
  let lines = lineIndexes.get(file);
  if (!lines) lineIndexes.set(file, (lines = new LineIndex(file.text)));
  const s = lines.positionAt(start);
  return { file: file.path, range: { start: s, end: lines.positionAt(Math.max(start, Math.min(end, lines.lineEnd(s.line)))) } };
}

/** A path element of a flattened unit, including the nested loops an event sits in. */
export type FullPathElem = PathElem | { readonly kind: 'loop'; readonly unit: Unit };

export interface PlacedEvent {
  readonly event: Event;
  /** Nested loops between the unit and the event (0: runs once per iteration of the unit). */
  readonly depth: number;
  readonly path: readonly FullPathElem[];
  /** Program order within the unit. */
  readonly order: number;
  /** The innermost nested loop holding the event, or null at depth 0. */
  readonly loop: Unit | null;
}

const cache = new WeakMap<Unit, PlacedEvent[]>();

/** Every event of one iteration/execution of `unit`, nested loops included, in program order. */
export function placedEvents(unit: Unit): PlacedEvent[] {
  const hit = cache.get(unit);
  if (hit) return hit;
  const out: PlacedEvent[] = [];
  const visit = (u: Unit, depth: number, prefix: readonly FullPathElem[], loop: Unit | null) => {
    for (const item of u.items) {
      if (item.kind === 'loop') visit(item.unit, depth + 1, [...prefix, ...item.path, { kind: 'loop', unit: item.unit }], item.unit);
      else out.push({ event: item, depth, path: [...prefix, ...item.path], order: out.length, loop });
    }
  };
  visit(unit, 0, [], null);
  cache.set(unit, out);
  return out;
}

/** Two paths sit in different branches of the same `if`: they never both run. */
export function exclusive(a: readonly FullPathElem[], b: readonly FullPathElem[]): boolean {
  for (const x of a) {
    if (x.kind !== 'branch') continue;
    for (const y of b) if (y.kind === 'branch' && y.owner === x.owner && y.index !== x.index) return true;
  }
  return false;
}

export function isPrefix(a: readonly FullPathElem[], b: readonly FullPathElem[]): boolean {
  if (a.length > b.length) return false;
  return a.every((x, i) => x === b[i]);
}

/** Runs every time its unit runs: no condition that changes between iterations, no handler. */
export function unconditional(path: readonly FullPathElem[]): boolean {
  return path.every((p) => (p.kind === 'branch' || p.kind === 'guard' ? !p.dynamic : false));
}

export function firstLoop(path: readonly FullPathElem[]): Unit | null {
  for (const p of path) if (p.kind === 'loop') return p.unit;
  return null;
}

function keys(vals: readonly Val[]): Set<string> {
  const out = new Set<string>();
  for (const v of vals) {
    const k = identity(v);
    if (k !== null) out.add(k);
  }
  return out;
}

/** Certainly the same optimizer: the two receivers share a value. */
export function sameOptimizer(a: Receiver, b: Receiver): boolean {
  const ka = keys(a.vals);
  for (const k of keys(b.vals)) if (ka.has(k)) return true;
  return false;
}

/** Keys that name one specific object, so two different ones are two objects. */
function distinctKind(key: string): string | null {
  const ctor = /^\d+:\d+$/.exec(key);
  if (ctor) return 'ctor';
  const param = /^param:(\d+):/.exec(key);
  if (param) return `param:${param[1]}`;
  const attr = /^attr:(\d+):[^.[]+$/.exec(key);
  if (attr) return `attr:${attr[1]}`;
  const tuple = /^(call:\d+:\d+)\[\d+\]$/.exec(key);
  if (tuple) return `tuple:${tuple[1]}`;
  return null;
}

/**
 * Certainly different optimizers: two constructions, two parameters of one function, two
 * attributes of one class or two results of one tuple unpacking. Anything else may alias.
 */
export function distinctOptimizers(a: readonly Val[], b: readonly Val[]): boolean {
  const ka = [...keys(a)];
  const kb = [...keys(b)];
  if (ka.length === 0 || kb.length === 0 || ka.length !== a.filter((v) => v.k !== 'none').length || kb.length !== b.filter((v) => v.k !== 'none').length) return false;
  if (ka.some((k) => kb.includes(k))) return false;
  const kinds = new Set([...ka, ...kb].map(distinctKind));
  return kinds.size === 1 && !kinds.has(null);
}

/** The optimizers a scheduler was built on (its `optimizer` argument). */
export function schedulerOptimizers(model: Model, s: SchedulerVal): readonly Val[] {
  const call = s.call;
  const arg = call.kw.find((k) => k.name === 'optimizer')?.value ?? call.args[s.cls === 'get_scheduler' ? 1 : 0];
  if (!arg || arg.k === 'star') return [];
  return model.ev.expr(arg, s.site.chunk, s.act);
}

/** Whether a scheduler step and an optimizer step may be about the same optimizer. */
export function schedulerMatches(model: Model, scheds: readonly SchedulerVal[], opt: Receiver): boolean {
  for (const s of scheds) {
    const opts = schedulerOptimizers(model, s);
    if (opts.length === 0 || !distinctOptimizers(opts, opt.vals)) return true;
  }
  return false;
}

/** The first line of a statement: `for x in loader:` for a loop. */
export function headerOf(site: Site): Span {
  if (site.chunk.file) {
    const nl = site.chunk.text.indexOf('\n', site.s);
    return abs({ chunk: site.chunk, s: site.s, e: nl < 0 || nl > site.e ? site.e : nl });
  }
  const start = site.chunk.start + site.s;
  const nl = site.chunk.text.indexOf('\n', site.s);
  const end = site.chunk.start + (nl < 0 || nl > site.e ? site.e : nl);
  return { start, end };
}

export function siteText(site: Site): string {
  return site.chunk.text.slice(site.s, site.e);
}
