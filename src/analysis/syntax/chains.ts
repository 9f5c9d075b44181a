/**
 * Left-associative operator chains (`a0 + a1 + … + an`, `x or y or …`), built the same way by both
 * readers (direct/expressions.ts and fromTreeSitterExpressions.ts), one link at a time.
 *
 * Why: a long sum is valid Python (CPython compiles a few thousand terms) and its syntax tree is
 * as deep as it is long, so every recursive walk of the IR would run out of stack on it. Past
 * MAX_CHAIN links the chain becomes one flat `other` node holding its operands in source order: the
 * calls inside stay visible to the model, only the arithmetic is no longer known.
 */
import type { Expr } from './ir';

export const MAX_CHAIN = 100;

export class LeftChain {
  private links = 0;
  /** The operands once the chain went flat (shared by each `other` node built from it). */
  private flat: Expr[] | null = null;

  constructor(
    private current: Expr,
    /** Where the chain starts (the first operand's start). */
    private readonly s: number,
  ) {}

  get expr(): Expr {
    return this.current;
  }

  /** Adds `op r` to the chain, which then ends at `e`. */
  add(kind: 'bin' | 'bool', op: string, r: Expr, e: number): void {
    const s = this.s;
    if (this.flat === null && this.links >= MAX_CHAIN) this.flat = operands(this.current, this.links);
    if (this.flat !== null) {
      this.flat.push(r);
      this.current = { k: 'other', s, e, subs: this.flat };
      return;
    }
    this.links++;
    const l = this.current;
    this.current = kind === 'bin' ? { k: 'bin', s, e, op, l, r } : { k: 'bool', s, e, op: op === 'or' ? 'or' : 'and', l, r };
  }
}

/** The operands of the `links` links at the top of a chain, first operand first. */
function operands(top: Expr, links: number): Expr[] {
  const rights: Expr[] = [];
  let x = top;
  for (let i = 0; i < links && (x.k === 'bin' || x.k === 'bool'); i++) {
    rights.push(x.r);
    x = x.l;
  }
  rights.push(x);
  return rights.reverse();
}
