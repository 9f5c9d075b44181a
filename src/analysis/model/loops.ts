/**
 * What a loop iterates: epochs (`for epoch in range(num_epochs)`), batches (`for x, y in loader`),
 * or something else. Decided from the loop header only; the flattener adds context (a loop nested
 * directly in an epoch loop is a batch loop).
 */
import type { Block, Expr, Stmt, StmtOf } from '../syntax/ir';
import { forEachBlock, forEachExpr, lastName } from '../syntax/ir';
import type { Chunk } from '../syntax/source';
import type { HorizonClassifier } from './horizon';
import { looksLikeBatchVariable, looksLikeEpochVariable, looksLikeLoader } from './torch';
import type { Activation, Evaluator } from './values';

export type LoopStmt = StmtOf<'for'> | StmtOf<'while'>;

export interface LoopInfo {
  readonly stmt: LoopStmt;
  readonly chunk: Chunk;
  /** The block the loop statement is in (for fixes that insert after the loop). */
  readonly block: Block;
  readonly epochNamed: boolean;
  readonly loaderLike: boolean;
  /** Names the loop header or body assigns: conditions on them change every iteration. */
  readonly defined: ReadonlySet<string>;
}

export function describeLoop(
  stmt: LoopStmt, chunk: Chunk, block: Block, act: Activation, ev: Evaluator, horizons: HorizonClassifier,
): LoopInfo {
  return {
    stmt, chunk, block, defined: definedIn(stmt),
    epochNamed: isEpochLoop(stmt, chunk, act, horizons),
    loaderLike: stmt.k === 'for' && isBatchLoop(stmt, chunk, act, ev),
  };
}

/** A loop's assigned names depend on its syntax only; loops are described once per execution flattened. */
const definedByLoop = new WeakMap<LoopStmt, ReadonlySet<string>>();

function definedIn(stmt: LoopStmt): ReadonlySet<string> {
  let defined = definedByLoop.get(stmt);
  if (!defined) {
    const names = new Set<string>();
    if (stmt.k === 'for') targetNames(stmt.target, names);
    assignedNames(stmt.body.stmts, names);
    definedByLoop.set(stmt, (defined = names));
  }
  return defined;
}

function isEpochLoop(stmt: LoopStmt, chunk: Chunk, act: Activation, horizons: HorizonClassifier): boolean {
  if (stmt.k === 'while') {
    let epoch = false;
    forEachExpr(stmt.test, (e) => {
      const n = lastName(e);
      if ((e.k === 'name' || e.k === 'attr') && n && /epoch/i.test(n)) epoch = true;
    });
    return epoch;
  }
  const names = new Set<string>();
  targetNames(stmt.target, names);
  if ([...names].some((n) => /epoch/i.test(n))) return true;
  const range = rangeCall(stmt.iter);
  if (!range) return false;
  const bound = range.args[range.args.length > 1 ? 1 : 0];
  const named = [...names].every((n) => looksLikeEpochVariable(n) || n === '_' || n === 'i');
  return named && bound !== undefined && horizons.count(bound, chunk, act) === 'epoch';
}

/** `range(…)`, `trange(…)`, `tqdm(range(…))`, `enumerate(range(…))`. */
export function rangeCall(iter: Expr): Extract<Expr, { k: 'call' }> | null {
  if (iter.k !== 'call') return null;
  const fn = lastName(iter.fn);
  if (fn === 'range' || fn === 'trange') return iter;
  const inner = iter.args[0];
  return inner && (fn === 'tqdm' || fn === 'enumerate') ? rangeCall(inner) : null;
}

function isBatchLoop(stmt: StmtOf<'for'>, chunk: Chunk, act: Activation, ev: Evaluator): boolean {
  if (rangeCall(stmt.iter)) return false;
  if (iteratesLoader(stmt.iter, chunk, act, ev, 0)) return true;
  const names = new Set<string>();
  targetNames(stmt.target, names);
  return [...names].some(looksLikeBatchVariable);
}

function iteratesLoader(x: Expr, chunk: Chunk, act: Activation, ev: Evaluator, depth: number): boolean {
  if (depth > 3) return false;
  if (x.k === 'name' || x.k === 'attr') {
    const name = lastName(x);
    if (name && looksLikeLoader(name)) return true;
    return ev.expr(x, chunk, act).some((v) => v.k === 'loader');
  }
  if (x.k === 'sub') return iteratesLoader(x.obj, chunk, act, ev, depth + 1);
  // enumerate(loader), tqdm(loader), zip(a, b), metric_logger.log_every(loader, …)
  if (x.k === 'call') return x.args.some((a) => iteratesLoader(a, chunk, act, ev, depth + 1));
  return false;
}

/** Names an assignment target binds: `x`, `a, (b, *c)`; not `self` in `self.x = …`. */
function targetNames(t: Expr, out: Set<string>): void {
  if (t.k === 'name') out.add(t.id);
  else if (t.k === 'seq') for (const item of t.items) targetNames(item, out);
  else if (t.k === 'star') targetNames(t.x, out);
}

/** Names assigned anywhere in `stmts` (not in nested functions and classes). */
function assignedNames(stmts: readonly Stmt[], out: Set<string>): void {
  const inBlock = (block: Block) => assignedNames(block.stmts, out);
  for (const s of stmts) {
    if (s.k === 'def' || s.k === 'class') continue;
    if (s.k === 'assign') for (const t of s.targets) targetNames(t, out);
    else if (s.k === 'for') targetNames(s.target, out);
    else if (s.k === 'with') for (const i of s.items) if (i.as) targetNames(i.as, out);
    forEachBlock(s, inBlock);
  }
}
