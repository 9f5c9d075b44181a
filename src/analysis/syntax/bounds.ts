/**
 * How deep an IR may be. The model, the rules and the hovers walk expressions recursively, which
 * is simple and fast for real code; these bounds make sure no statement they are given can run
 * the stack out. A statement past them is read as one unreadable statement (`other`, tainted: what
 * a syntax error gives), so the rest of the file is still analysed.
 */
import { childExprs, forEachStmt, forEachStmtExpr, type Expr, type Stmt } from './ir';

/**
 * Nesting of expressions in the IR. Python allows 200 nested brackets; long operator chains are
 * flattened when read (chains.ts), so only hostile text comes near this.
 */
export const MAX_EXPR_DEPTH = 300;

/**
 * How deep a reader may recurse into a syntax tree (tree-sitter's has a node per parenthesis too);
 * past it, TooDeep.
 */
export const MAX_READ_DEPTH = 2 * MAX_EXPR_DEPTH;

/** Thrown by a reader that finds itself deeper than it may recurse; the statement is unreadable. */
export class TooDeep extends Error {}

/** The statement standing for text that could not be read (offsets relative to its chunk). */
export function unreadable(s: number, e: number): Stmt {
  return { k: 'other', s, e, tainted: true, subs: [] };
}

/** Whether `x` nests deeper than `room` levels; recursion never goes deeper than `room`. */
function deeper(x: Expr, room: number): boolean {
  if (room === 0) return true;
  for (const c of childExprs(x)) if (deeper(c, room - 1)) return true;
  return false;
}

/** Whether an expression of `stmts` (or of the blocks inside them) nests past MAX_EXPR_DEPTH. */
export function tooDeep(stmts: readonly Stmt[]): boolean {
  let found = false;
  const check = (x: Expr) => {
    found ||= deeper(x, MAX_EXPR_DEPTH);
  };
  forEachStmt(stmts, (s) => {
    if (!found) forEachStmtExpr(s, check);
  });
  return found;
}
