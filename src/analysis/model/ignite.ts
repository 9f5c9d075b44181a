/**
 * PyTorch-Ignite engines. `engine.run(data, max_epochs=n)` runs, in ignite's `Engine._internal_run`
 * order: the STARTED handlers; per epoch the EPOCH_STARTED handlers, then per batch the
 * ITERATION_STARTED handlers, the process function given to `Engine(...)` and the
 * ITERATION_COMPLETED handlers; then EPOCH_COMPLETED; at the end COMPLETED. The flattener turns a
 * run into that loop nest (synthetic loops placed on the `run` call), so a scheduler stepped in an
 * EPOCH_STARTED handler is judged exactly like one stepped at the top of a written epoch loop.
 *
 * Handlers are what the same function registered before the run: `@engine.on(Events.X)` on a
 * def, `engine.add_event_handler(Events.X, handler)` and `engine.on(Events.X)(handler)`. A filtered
 * event (`Events.ITERATION_COMPLETED(every=100)`, `once=`, `event_filter=`) runs on some
 * iterations only: its handler sits under a condition.
 */
import type { CallExpr, Expr, StmtOf } from '../syntax/ir';
import { lastName } from '../syntax/ir';
import type { Val } from './valueTypes';

export type EngineEvent = 'STARTED' | 'EPOCH_STARTED' | 'ITERATION_STARTED' | 'ITERATION_COMPLETED' | 'EPOCH_COMPLETED' | 'COMPLETED';

const EVENTS: ReadonlySet<string> = new Set<EngineEvent>(['STARTED', 'EPOCH_STARTED', 'ITERATION_STARTED', 'ITERATION_COMPLETED', 'EPOCH_COMPLETED', 'COMPLETED']);

export interface Registration {
  readonly event: EngineEvent;
  /** Runs on some occurrences only (`every=`, `once=`, `event_filter=`). */
  readonly filtered: boolean;
  readonly handler: readonly Val[];
  /** The registering expression (owner of the condition a filtered handler sits under). */
  readonly owner: Expr;
}

/** `ignite.engine.Engine(process_function)` and its deterministic variant. */
export const IGNITE_ENGINE = /(?:^|\.)ignite\.engine(?:\.engine|\.deterministic)?\.(?:Engine|DeterministicEngine)$/;
/** `ignite.engine.create_supervised_trainer(model, optimizer, loss_fn)`: clears, backwards and steps itself. */
export const IGNITE_SUPERVISED_TRAINER = /(?:^|\.)ignite\.engine\.create_supervised_trainer$/;

/** The events an `Events.X` expression names: `Events.X`, `Events.X(every=k)`, `Events.A | Events.B`. */
export function eventsOf(x: Expr): { event: EngineEvent; filtered: boolean }[] {
  if (x.k === 'bin' && x.op === '|') return [...eventsOf(x.l), ...eventsOf(x.r)];
  const filtered = x.k === 'call';
  const name = lastName(filtered ? x.fn : x);
  return name && EVENTS.has(name) ? [{ event: name as EngineEvent, filtered: filtered && (x.args.length > 0 || x.kw.length > 0) }] : [];
}

/** `engine.on(Events.X)` (the decorator, or called on a handler): the engine and the events. */
export function onCall(x: Expr): { engine: Expr; events: { event: EngineEvent; filtered: boolean }[] } | null {
  if (x.k !== 'call' || x.fn.k !== 'attr' || x.fn.attr !== 'on' || !x.args[0]) return null;
  const events = eventsOf(x.args[0]);
  return events.length > 0 ? { engine: x.fn.obj, events } : null;
}

/** The argument of `engine.run(...)` that sets `name`: data (0) or max_epochs (1). */
export function runArgument(x: CallExpr, name: 'data' | 'max_epochs'): Expr | null {
  const kw = x.kw.find((k) => k.name === name);
  if (kw) return kw.value;
  return x.args[name === 'data' ? 0 : 1] ?? null;
}

/**
 * A loop statement standing for one of the run's loops: placed on the `run` call, with an empty
 * body (so no fix ever edits it) and a header that says what it iterates.
 */
export function syntheticLoop(run: CallExpr, variable: 'epoch' | 'batch', iter: Expr): StmtOf<'for'> {
  return {
    k: 'for', s: run.s, e: run.e, tainted: false,
    target: { k: 'name', id: variable, s: run.s, e: run.s },
    iter,
    body: { stmts: [], s: run.e },
    orelse: null,
  };
}

/** `range(max_epochs)`, so the epoch loop's iteration count is read like a written one. */
export function rangeOver(bound: Expr): Expr {
  return { k: 'call', s: bound.s, e: bound.e, fn: { k: 'name', id: 'range', s: bound.s, e: bound.s }, args: [bound], kw: [], star: false };
}
