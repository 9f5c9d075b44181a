/**
 * The direct reader's expressions: tree-sitter-python's precedences and nodes for every expression,
 * assignment target and parameter list it reads; parser.ts builds the statements on top.
 */
import type { Expr, ExprOf, Keyword, Param } from '../ir';
import { numberValue, stringValue } from '../literals';
import { EMPTY, NO_KEYWORDS, NO_PARAMS, orEmpty, RESERVED, TokenCursor } from './cursor';
import { NAME, NestedTooDeep, NEWLINE, NUMBER, OP, STRING, unsupported } from './lexer';
import { MAX_EXPR_DEPTH } from '../bounds';
import { LeftChain } from '../chains';

/** tree-sitter-python's binary operator precedences (grammar.js PREC). */
const BINARY: Record<string, number> = {
  '|': 14, '&': 15, '^': 16, '<<': 17, '>>': 17, '+': 18, '-': 18, '*': 19, '@': 19, '/': 19, '%': 19, '//': 19, '**': 21,
};
const POWER = 21;

const COMPARISON = new Set(['<', '>', '==', '>=', '<=', '!=', 'in', 'is', 'not']);
/** Tokens after which an operand is complete (nothing binds to it from the right). */
const ENDS_OPERAND = new Set([',', ')', ']', '}', ':', '=', ';']);

export abstract class ExpressionParser extends TokenCursor {
  /** Expressions written in parentheses: `(a) = 1` is a one-element tuple pattern to tree-sitter. */
  protected readonly parenthesized = new Set<Expr>();
  /** The last tuple written without parentheses. */
  protected bareTuple: ExprOf<'seq'> | null = null;
  /**
   * How deeply expressions nest where the reader recurses (brackets, unary operators, `not`,
   * `**`, conditionals, lambdas): past MAX_EXPR_DEPTH the text goes to tree-sitter, whose reader
   * bounds it (an unparsed exception would end the whole parse anyway, so no `finally`).
   */
  private nesting = 0;

  private enter(): void {
    if (++this.nesting > MAX_EXPR_DEPTH) throw new NestedTooDeep();
  }

  /** Checks `x` is an assignment target and returns it (tree-sitter's patterns build the same IR). */
  protected target(x: Expr): Expr {
    if (this.parenthesized.has(x)) unsupported();
    switch (x.k) {
      case 'name':
      case 'attr':
      case 'sub':
        return x;
      case 'seq':
        if (x.kind === 'set' || x.items.length === 0) unsupported();
        for (const item of x.items) this.target(item);
        return x;
      case 'star':
        if (x.x.k !== 'name' && x.x.k !== 'attr' && x.x.k !== 'sub') unsupported();
        this.target(x.x);
        return x;
      default:
        return unsupported();
    }
  }

  protected singleTarget(x: Expr): Expr {
    if (x.k !== 'name' && x.k !== 'attr' && x.k !== 'sub') unsupported();
    return this.target(x);
  }

  /** Parameters up to `close` (`)` for def, `:` for lambda, which has no annotations). */
  protected params(close: string): readonly Param[] {
    const out: Param[] = [];
    const annotated = close === ')';
    while (!this.is(close)) {
      const s = this.s(this.i);
      if (this.eat('/')) {
        // positional-only separator
      } else if (this.is('*') || this.is('**')) {
        this.i++;
        if (this.atName()) {
          const name = this.name();
          if (annotated && this.eat(':')) this.expr();
          out.push({ name, s, default: null, star: true });
        } else if (this.value[this.i - 1] === '**') unsupported();
      } else {
        const name = this.name();
        if (annotated && this.eat(':')) this.expr();
        const value = this.eat('=') ? this.expr() : null;
        out.push({ name, s, default: value, star: false });
      }
      if (!this.eat(',')) break;
    }
    return orEmpty(out, NO_PARAMS);
  }

  /** `expression` or an unparenthesized tuple (`a, b`); `star` allows `*name` items. */
  protected exprList(star: boolean): Expr {
    const t = this.i;
    const first = this.listItem(star);
    if (!this.is(',')) return first;
    const items = [first];
    while (this.eat(',')) {
      if (!this.startsExpr() && !this.is('*')) break;
      items.push(this.listItem(star));
    }
    const tuple: ExprOf<'seq'> = { k: 'seq', s: this.s(t), e: this.e, kind: 'tuple', items };
    this.bareTuple = tuple;
    return tuple;
  }

  protected listItem(star: boolean): Expr {
    if (!this.is('*')) return this.expr();
    if (!star) unsupported();
    return this.starredName();
  }

  /**
   * `*name` in a display or a tuple. tree-sitter reads `*a.b()` there either as `*(a.b())` or as
   * `(*a).b()` depending on the position (its pattern/expression ambiguity), so only names are read here.
   */
  protected starredName(): Expr {
    const x = this.starred(() => this.binary(0));
    if (x.k !== 'star' || x.x.k !== 'name') unsupported();
    return x;
  }

  protected starred(operand: () => Expr): Expr {
    const t = this.i;
    this.i++;
    const x = operand();
    return { k: 'star', s: this.s(t), e: this.e, x };
  }

  /** Targets of `for … in` and comprehensions, up to `stop`. */
  protected targetList(stop: string): Expr {
    const t = this.i;
    const item = () => this.target(this.is('*') ? this.starredName() : this.binary(0));
    const first = item();
    if (!this.is(',')) return first;
    const items = [first];
    while (this.eat(',')) {
      if (this.is(stop)) break;
      items.push(item());
    }
    return { k: 'seq', s: this.s(t), e: this.e, kind: 'tuple', items };
  }

  protected yieldExpr(): Expr {
    const t = this.i;
    this.i++;
    let subs: readonly Expr[] = EMPTY;
    if (this.eat('from')) subs = [this.expr()];
    else if (this.startsExpr() || this.is('*')) subs = [this.exprList(true)];
    return { k: 'other', s: this.s(t), e: this.e, subs };
  }

  /** An expression where Python allows an unparenthesized `name := value`. */
  protected namedOrExpr(): Expr {
    if (this.atName() && this.isAt(1, ':=')) {
      const t = this.i;
      const target: Expr = { k: 'name', s: this.s(t), e: this.end[t]!, id: this.name() };
      this.i++;
      const value = this.expr();
      return { k: 'other', s: this.s(t), e: this.e, subs: [target, value] };
    }
    return this.expr();
  }

  expr(): Expr {
    this.enter();
    const x = this.exprInner();
    this.nesting--;
    return x;
  }

  private exprInner(): Expr {
    // Most expressions are a lone name, number or string before `,` `)` `=` …: skip the descent.
    const next = this.kind[this.i + 1];
    if ((next === NEWLINE || (next === OP && ENDS_OPERAND.has(this.value[this.i + 1]!))) && this.atSimpleAtom()) return this.atom();
    if (this.is('lambda')) return this.lambda();
    const t = this.i;
    const body = this.orTest();
    if (!this.is('if')) return body;
    this.i++;
    const test = this.orTest();
    this.expect('else');
    const orelse = this.expr();
    return { k: 'ifexp', s: this.s(t), e: this.e, body, test, orelse };
  }

  protected atSimpleAtom(): boolean {
    const k = this.kind[this.i];
    if (k === NUMBER || k === STRING) return true;
    if (k !== NAME) return false;
    const v = this.value[this.i]!;
    return !RESERVED.has(v) || v === 'None' || v === 'True' || v === 'False';
  }

  protected lambda(): Expr {
    const t = this.i;
    this.i++;
    const params = this.params(':');
    this.expect(':');
    const body = this.expr();
    return { k: 'lambda', s: this.s(t), e: this.e, params, body };
  }

  protected orTest(): Expr {
    return this.boolChain('or');
  }

  /** `a op b op c`, left-associative; `and` binds tighter than `or`. */
  protected boolChain(op: 'and' | 'or'): Expr {
    const t = this.i;
    const first = op === 'or' ? this.boolChain('and') : this.notTest();
    let chain: LeftChain | null = null;
    while (this.eat(op)) {
      const r = op === 'or' ? this.boolChain('and') : this.notTest();
      (chain ??= new LeftChain(first, this.s(t))).add('bool', op, r, this.e);
    }
    return chain ? chain.expr : first;
  }

  protected notTest(): Expr {
    if (!this.is('not')) return this.comparison();
    const t = this.i;
    this.i++;
    this.enter();
    const x = this.notTest();
    this.nesting--;
    return { k: 'not', s: this.s(t), e: this.e, x };
  }

  protected comparison(): Expr {
    const t = this.i;
    const first = this.binary(0);
    if (!this.atComparison()) return first;
    const xs = [first];
    const ops: string[] = [];
    while (this.atComparison()) {
      let op = this.value[this.i++]!;
      if (op === 'not') {
        this.expect('in');
        op = 'not in';
      } else if (op === 'is' && this.eat('not')) op = 'is not';
      ops.push(op);
      xs.push(this.binary(0));
    }
    return { k: 'cmp', s: this.s(t), e: this.e, ops, xs };
  }

  protected atComparison(): boolean {
    const k = this.kind[this.i];
    return (k === OP || k === NAME) && COMPARISON.has(this.value[this.i]!);
  }

  /** Binary operators binding at least `min` (precedence climbing over tree-sitter's table). */
  protected binary(min: number): Expr {
    const t = this.i;
    const first = this.unary();
    let chain: LeftChain | null = null;
    for (;;) {
      const op = this.value[this.i]!;
      const prec = this.kind[this.i] === OP ? BINARY[op] : undefined;
      if (prec === undefined || prec < min) return chain ? chain.expr : first;
      this.i++;
      this.enter();
      const r = this.binary(op === '**' ? prec : prec + 1);
      this.nesting--;
      (chain ??= new LeftChain(first, this.s(t))).add('bin', op, r, this.e);
    }
  }

  protected unary(): Expr {
    const op = this.value[this.i];
    if (this.kind[this.i] === OP && (op === '-' || op === '+' || op === '~')) {
      const t = this.i;
      this.i++;
      this.enter();
      const x = this.binary(POWER);
      this.nesting--;
      return { k: 'unary', s: this.s(t), e: this.e, op, x };
    }
    return this.primary();
  }

  protected primary(): Expr {
    const t = this.i;
    let x = this.atom();
    for (;;) {
      if (this.eat('.')) {
        const attrS = this.s(this.i);
        const attr = this.name();
        x = { k: 'attr', s: this.s(t), e: this.e, obj: x, attr, attrS };
      } else if (this.eat('(')) {
        const fn = x;
        const { args, kw, star } = this.args();
        x = { k: 'call', s: this.s(t), e: this.e, fn, args, kw, star };
      } else if (this.eat('[')) {
        const obj = x;
        const index: Expr[] = [];
        do {
          if (this.is(']')) break;
          index.push(this.subscriptItem());
        } while (this.eat(','));
        if (index.length === 0) unsupported();
        this.expect(']');
        x = { k: 'sub', s: this.s(t), e: this.e, obj, index };
      } else return x;
    }
  }

  /** Call arguments after `(`, through `)`; a lone generator expression keeps its parentheses. */
  protected args(): { args: readonly Expr[]; kw: readonly Keyword[]; star: boolean } {
    const open = this.i - 1;
    const args: Expr[] = [];
    const kw: Keyword[] = [];
    let star = false;
    while (!this.is(')')) {
      if (this.is('*') || this.is('**')) {
        star = true;
        args.push(this.starred(() => this.expr()));
      } else if (this.atName() && this.isAt(1, '=')) {
        const name = this.name();
        this.i++;
        kw.push({ name, value: this.expr() });
      } else {
        const x = this.namedOrExpr();
        if (this.is('for')) {
          if (args.length > 0 || kw.length > 0) unsupported();
          return { args: [this.comp(open, [x], ')')], kw: NO_KEYWORDS, star };
        }
        args.push(x);
      }
      if (!this.eat(',')) break;
    }
    this.expect(')');
    return { args: orEmpty(args, EMPTY), kw: orEmpty(kw, NO_KEYWORDS), star };
  }

  protected subscriptItem(): Expr {
    const t = this.i;
    const subs: Expr[] = [];
    if (!this.is(':')) {
      const x = this.expr();
      if (!this.is(':')) return x;
      subs.push(x);
    }
    this.i++;
    if (this.startsExpr()) subs.push(this.expr());
    if (this.eat(':') && this.startsExpr()) subs.push(this.expr());
    return { k: 'other', s: this.s(t), e: this.e, subs };
  }

  protected atom(): Expr {
    const t = this.i;
    const k = this.kind[t];
    const v = this.value[t]!;
    const s = this.s(t);
    if (k === NAME) {
      this.i++;
      if (v === 'None' || v === 'True' || v === 'False') return { k: 'const', s, e: this.e, v };
      if (RESERVED.has(v)) unsupported();
      return { k: 'name', s, e: this.e, id: v };
    }
    if (k === NUMBER) {
      this.i++;
      const value = numberValue(this.text.slice(s, this.e));
      return Number.isFinite(value) ? { k: 'num', s, e: this.e, v: value } : { k: 'other', s, e: this.e, subs: EMPTY };
    }
    if (k === STRING) {
      this.i++;
      if (this.kind[this.i] !== STRING) return { k: 'str', s, e: this.e, v: stringValue(this.text.slice(s, this.e)) };
      let joined = stringValue(this.text.slice(s, this.e));
      while (this.kind[this.i] === STRING) {
        joined += stringValue(this.text.slice(this.s(this.i), this.end[this.i]));
        this.i++;
      }
      return { k: 'str', s, e: this.e, v: joined };
    }
    if (k !== OP) return unsupported();
    switch (v) {
      case '...':
        this.i++;
        return { k: 'other', s, e: this.e, subs: EMPTY };
      case '(':
        return this.parenAtom();
      case '[':
        return this.listAtom();
      case '{':
        return this.braceAtom();
      default:
        return unsupported();
    }
  }

  /** An element of a tuple, list or set display. */
  protected element(): Expr {
    return this.is('*') ? this.starredName() : this.namedOrExpr();
  }

  protected parenAtom(): Expr {
    const t = this.i;
    this.i++;
    if (this.eat(')')) return { k: 'seq', s: this.s(t), e: this.e, kind: 'tuple', items: [] };
    if (this.is('yield')) {
      const y = this.yieldExpr();
      this.expect(')');
      this.parenthesized.add(y);
      return y;
    }
    const first = this.element();
    if (this.is('for') && first.k !== 'star') return this.comp(t, [first], ')');
    if (this.eat(')')) {
      if (first.k === 'star') unsupported();
      this.parenthesized.add(first);
      return first;
    }
    return this.display(t, first, ')', 'tuple');
  }

  protected listAtom(): Expr {
    const t = this.i;
    this.i++;
    if (this.eat(']')) return { k: 'seq', s: this.s(t), e: this.e, kind: 'list', items: [] };
    const first = this.element();
    if (this.is('for') && first.k !== 'star') return this.comp(t, [first], ']');
    return this.display(t, first, ']', 'list');
  }

  protected braceAtom(): Expr {
    const t = this.i;
    this.i++;
    if (this.eat('}')) return { k: 'dict', s: this.s(t), e: this.e, items: [] };
    const first = this.is('**') ? null : this.element();
    if (first === null || (this.is(':') && first.k !== 'star')) {
      const items: { key: Expr | null; value: Expr }[] = [];
      let pair = first === null ? null : this.dictValue(first);
      if (pair && this.is('for')) return this.comp(t, [pair.key, pair.value], '}');
      for (;;) {
        items.push(pair ?? { key: null, value: this.starred(() => this.binary(0)) });
        if (!this.eat(',') || this.is('}')) break;
        pair = this.is('**') ? null : this.dictValue(this.expr());
      }
      this.expect('}');
      return { k: 'dict', s: this.s(t), e: this.e, items };
    }
    if (this.is('for') && first.k !== 'star') return this.comp(t, [first], '}');
    return this.display(t, first, '}', 'set');
  }

  /** The rest of a tuple, list or set display after its first element, through `close`. */
  protected display(t: number, first: Expr, close: string, kind: 'tuple' | 'list' | 'set'): Expr {
    const items = [first];
    while (this.eat(',')) {
      if (this.is(close)) break;
      items.push(this.element());
    }
    this.expect(close);
    return { k: 'seq', s: this.s(t), e: this.e, kind, items };
  }

  /** A comprehension whose opening bracket is token `t`. */
  protected comp(t: number, body: Expr[], close: string): Expr {
    const dict = body.length > 1;
    const subs = this.comprehension(body, close);
    return { k: 'comp', s: this.s(t), e: this.e, dict, subs };
  }

  protected dictValue(key: Expr): { key: Expr; value: Expr } {
    this.expect(':');
    return { key, value: this.expr() };
  }

  /** `for … in … [if …]…` clauses through `close`: the body's parts, then each clause's. */
  protected comprehension(body: Expr[], close: string): Expr[] {
    const subs = body;
    while (this.eat('for')) {
      subs.push(this.targetList('in'));
      this.expect('in');
      subs.push(this.orTest());
      while (this.eat('if')) subs.push(this.orTest());
    }
    this.expect(close);
    return subs;
  }
}
