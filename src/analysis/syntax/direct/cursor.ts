/**
 * The direct reader's token cursor: the token arrays from lexer.ts, the one index into them, and the
 * small reads every part of the reader shares (expressions.ts, parser.ts). Also the lists both parts use.
 */
import type { Expr, Keyword, Param } from '../ir';
import { NAME, NEWLINE, NUMBER, OP, STRING, tokenize, unsupported } from './lexer';

/** Python's keywords: never a name. `async`/`await` are left to tree-sitter. */
export const RESERVED = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif',
  'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
  'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);

const EXPR_START_OPS = new Set(['(', '[', '{', '-', '+', '~', '...']);

/** Shared empty lists: most calls have no keywords, most defs no decorators (the IR stays smaller). */
export const EMPTY: readonly Expr[] = [];
export const NO_KEYWORDS: readonly Keyword[] = [];
export const NO_PARAMS: readonly Param[] = [];

export function orEmpty<T>(list: T[], empty: readonly T[]): readonly T[] {
  return list.length > 0 ? list : empty;
}

export abstract class TokenCursor {
  protected i = 0;
  protected readonly kind: Uint8Array;
  protected readonly start: Int32Array;
  protected readonly end: Int32Array;
  protected readonly value: string[];

  constructor(protected readonly text: string) {
    const t = tokenize(text);
    this.kind = t.kind;
    this.start = t.start;
    this.end = t.end;
    this.value = t.value;
  }

  // ───────────────────────── tokens ─────────────────────────

  protected is(v: string): boolean {
    return this.value[this.i] === v;
  }

  protected isAt(offset: number, v: string): boolean {
    return this.value[this.i + offset] === v;
  }

  protected eat(v: string): boolean {
    if (this.value[this.i] !== v) return false;
    this.i++;
    return true;
  }

  protected expect(v: string): void {
    if (this.value[this.i] !== v) unsupported();
    this.i++;
  }

  protected expectKind(k: number): number {
    if (this.kind[this.i] !== k) unsupported();
    return this.start[this.i++]!;
  }

  /** A name that is not a keyword. */
  protected atName(): boolean {
    return this.kind[this.i] === NAME && !RESERVED.has(this.value[this.i]!);
  }

  protected name(): string {
    if (!this.atName()) unsupported();
    return this.value[this.i++]!;
  }

  protected s(tok: number): number {
    return this.start[tok]!;
  }

  /** End of the last token consumed. */
  protected get e(): number {
    return this.end[this.i - 1]!;
  }

  protected startsExpr(): boolean {
    const k = this.kind[this.i];
    if (k === NUMBER || k === STRING) return true;
    if (k === NAME) {
      const v = this.value[this.i]!;
      return !RESERVED.has(v) || v === 'None' || v === 'True' || v === 'False' || v === 'lambda' || v === 'not';
    }
    return k === OP && EXPR_START_OPS.has(this.value[this.i]!);
  }

  protected atSimpleEnd(): boolean {
    return this.kind[this.i] === NEWLINE || this.is(';');
  }
}
