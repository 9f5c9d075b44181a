/**
 * How deep an IR may be. The model, the rules and the hovers walk expressions recursively, which
 * is simple and fast for real code; these bounds make sure no statement they are given can run
 * the stack out. Statements nest at most 99 deep (text/nesting.ts); expressions are read at most
 * MAX_EXPR_DEPTH deep: the direct reader leaves deeper ones to tree-sitter, whose reader puts an
 * empty `other` where an expression goes deeper. Python accepts such text (a thousand unary
 * minuses), so the statement stays and its loop is still analysed; only what sits that deep is
 * not seen.
 */
import { childExprs, forEachStmt, forEachStmtExpr, type Expr, type Stmt } from './ir';

/**
 * Nesting of expressions in the IR. Python allows 200 nested brackets; long operator chains are
 * flattened when read (chains.ts), so only hostile text comes near this.
 */
export const MAX_EXPR_DEPTH = 300;

/** How deep the statements a reader recurses into may nest (text/nesting.ts keeps them at 99); past it, TooDeep. */
export const MAX_STMT_DEPTH = 2 * MAX_EXPR_DEPTH;

/** Thrown by a reader nested deeper than it may recurse: the chunk is unreadable. */
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
