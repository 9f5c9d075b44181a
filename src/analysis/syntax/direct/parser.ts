/**
 * Python text → IR (ir.ts) directly in JavaScript, for the statements tree-sitter would parse
 * without error: the fast path of Chunk.statements. It builds exactly what fromTreeSitter.ts builds from
 * tree-sitter's tree — same nodes, same offsets, tree-sitter's own operator precedences (`^` binds
 * tighter than `&` there) — so the model cannot tell which reader ran, and returns null for anything
 * else (syntax errors, `match`, `async`, decorators on odd things, …), which tree-sitter then reads.
 * test/unit/analysis/direct.test.ts holds the two readers to the same output.
 *
 * Why: tree-sitter-python in WASM parses a few MB/s and every node read crosses into WASM; this
 * reads the same statements an order of magnitude faster, with no copy of the text into WASM.
 */
import type { Block, Branch, Expr, ExprOf, Handler, ImportItem, Keyword, Param, Stmt } from '../ir';
import { numberValue, stringValue } from '../literals';
import { DEDENT, END, INDENT, interpolations, NAME, NEWLINE, NUMBER, OP, STRING, tokenize, unsupported, Unsupported } from './lexer';

/** Python's keywords: never a name. `async`/`await` are left to tree-sitter. */
const RESERVED = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif',
  'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
  'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);

/** tree-sitter-python's binary operator precedences (grammar.js PREC). */
const BINARY: Record<string, number> = {
  '|': 14, '&': 15, '^': 16, '<<': 17, '>>': 17, '+': 18, '-': 18, '*': 19, '@': 19, '/': 19, '%': 19, '//': 19, '**': 21,
};
const POWER = 21;

/** Names that start other statements in tree-sitter-python (`print x`, `type X = …`, `match x:`). */
const SOFT = new Set(['print', 'exec', 'type', 'match']);
const AUGMENTED = new Set(['+=', '-=', '*=', '/=', '@=', '//=', '%=', '**=', '>>=', '<<=', '&=', '^=', '|=']);
const COMPARISON = new Set(['<', '>', '==', '>=', '<=', '!=', 'in', 'is', 'not']);
/** Tokens after which an operand is complete (nothing binds to it from the right). */
const ENDS_OPERAND = new Set([',', ')', ']', '}', ':', '=', ';']);
const EXPR_START_OPS = new Set(['(', '[', '{', '-', '+', '~', '...']);
/** Shared empty lists: most calls have no keywords, most defs no decorators (the IR stays smaller). */
const EMPTY: readonly Expr[] = [];
const NO_KEYWORDS: readonly Keyword[] = [];
const NO_PARAMS: readonly Param[] = [];

function orEmpty<T>(list: T[], empty: readonly T[]): readonly T[] {
  return list.length > 0 ? list : empty;
}

/** The statements of `text` (a chunk), or null when tree-sitter must read it. */
export function parseDirect(text: string): Stmt[] | null {
  try {
    return new DirectParser(text).module();
  } catch (error) {
    if (error instanceof Unsupported) return null;
    throw error;
  }
}

/**
 * An f-string interpolation must hold an expression (or a tuple, or `yield`), optionally followed by
 * `=`; tree-sitter marks anything else as an error. Parsed in parentheses, as its own module.
 */
function checkInterpolation(source: string): void {
  const expr = source.replace(/(?<![=!<>])=\s*$/, '');
  if (expr.trim() === '') unsupported();
  const stmts = parseDirect(`(${expr})\n`);
  const only = stmts?.length === 1 ? stmts[0] : undefined;
  // A comprehension starting at the added parenthesis was a bare `x for x in y`.
  if (only?.k !== 'expr' || (only.x.k === 'comp' && only.x.s === 0)) unsupported();
}

interface Suite {
  readonly block: Block;
  /** Where tree-sitter's block node ends (after trailing comments that belong to it). */
  readonly end: number;
}

class DirectParser {
  private i = 0;
  private readonly kind: Uint8Array;
  private readonly start: Int32Array;
  private readonly end: Int32Array;
  private readonly value: string[];
  /** Expressions written in parentheses: `(a) = 1` is a one-element tuple pattern to tree-sitter. */
  private readonly parenthesized = new Set<Expr>();
  /** The last tuple written without parentheses. */
  private bareTuple: ExprOf<'seq'> | null = null;

  constructor(private readonly text: string) {
    const t = tokenize(text);
    this.kind = t.kind;
    this.start = t.start;
    this.end = t.end;
    this.value = t.value;
  }

  // ───────────────────────── tokens ─────────────────────────

  private is(v: string): boolean {
    return this.value[this.i] === v;
  }

  private isAt(offset: number, v: string): boolean {
    return this.value[this.i + offset] === v;
  }

  private eat(v: string): boolean {
    if (this.value[this.i] !== v) return false;
    this.i++;
    return true;
  }

  private expect(v: string): void {
    if (this.value[this.i] !== v) unsupported();
    this.i++;
  }

  private expectKind(k: number): number {
    if (this.kind[this.i] !== k) unsupported();
    return this.start[this.i++]!;
  }

  /** A name that is not a keyword. */
  private atName(): boolean {
    return this.kind[this.i] === NAME && !RESERVED.has(this.value[this.i]!);
  }

  private name(): string {
    if (!this.atName()) unsupported();
    return this.value[this.i++]!;
  }

  private s(tok: number): number {
    return this.start[tok]!;
  }

  /** End of the last token consumed. */
  private get e(): number {
    return this.end[this.i - 1]!;
  }

  private startsExpr(): boolean {
    const k = this.kind[this.i];
    if (k === NUMBER || k === STRING) return true;
    if (k === NAME) {
      const v = this.value[this.i]!;
      return !RESERVED.has(v) || v === 'None' || v === 'True' || v === 'False' || v === 'lambda' || v === 'not';
    }
    return k === OP && EXPR_START_OPS.has(this.value[this.i]!);
  }

  private atSimpleEnd(): boolean {
    return this.kind[this.i] === NEWLINE || this.is(';');
  }

  // ───────────────────────── statements ─────────────────────────

  module(): Stmt[] {
    const out: Stmt[] = [];
    const fexprs = [...interpolations];
    while (this.kind[this.i] !== END) this.statement(out);
    for (let j = 0; j < fexprs.length; j += 2) checkInterpolation(this.text.slice(fexprs[j], fexprs[j + 1]));
    return out;
  }

  private statement(out: Stmt[]): void {
    if (this.kind[this.i] === NAME) {
      switch (this.value[this.i]) {
        case 'if':
          out.push(this.ifStmt());
          return;
        case 'for':
          out.push(this.forStmt());
          return;
        case 'while':
          out.push(this.whileStmt());
          return;
        case 'try':
          out.push(this.tryStmt());
          return;
        case 'with':
          out.push(this.withStmt());
          return;
        case 'def':
          out.push(this.defStmt(this.i, EMPTY));
          return;
        case 'class':
          out.push(this.classStmt(this.i));
          return;
      }
    } else if (this.is('@')) {
      out.push(this.decorated());
      return;
    }
    this.simpleStatements(out);
  }

  private lineHasStarArgument(): boolean {
    for (let j = this.i; this.kind[j] !== NEWLINE && this.kind[j] !== END; j++) {
      if ((this.value[j] === '*' || this.value[j] === '**') && (this.value[j - 1] === '(' || this.value[j - 1] === ',')) return true;
    }
    return false;
  }

  private lineEndsWithColon(): boolean {
    let j = this.i;
    while (this.kind[j] !== NEWLINE && this.kind[j] !== END) j++;
    return this.value[j - 1] === ':';
  }

  private simpleStatements(out: Stmt[]): number {
    for (;;) {
      const stmt = this.simple();
      if (stmt) out.push(stmt);
      if (!this.eat(';') || this.kind[this.i] === NEWLINE) break;
    }
    return this.expectKind(NEWLINE);
  }

  private simple(): Stmt | null {
    const t = this.i;
    const s = this.s(t);
    if (this.kind[t] === NAME) {
      const v = this.value[t]!;
      // Soft keywords and Python 2 statements: only their plain uses as names are read here.
      // In `print(…)` a star argument can come out as `(*a).b()` from tree-sitter's ambiguity with
      // the Python 2 statement.
      if (SOFT.has(v) && !(this.isAt(1, '=') || this.isAt(1, '.') || (this.isAt(1, '(') && v !== 'type' && !(v === 'match' && this.lineEndsWithColon()) && !this.lineHasStarArgument()))) unsupported();
      switch (v) {
        case 'pass':
          this.i++;
          return null;
        case 'break':
        case 'continue': {
          const kind = this.value[t] as 'break' | 'continue';
          this.i++;
          return { k: 'jump', s, e: this.e, tainted: false, kind, x: null };
        }
        case 'return': {
          this.i++;
          const x = this.atSimpleEnd() ? null : this.exprList(true);
          return { k: 'return', s, e: this.e, tainted: false, x };
        }
        case 'raise': {
          this.i++;
          const x = this.atSimpleEnd() || this.is('from') ? null : this.expr();
          if (this.eat('from')) this.expr();
          return { k: 'jump', s, e: this.e, tainted: false, kind: 'raise', x };
        }
        case 'global':
        case 'nonlocal': {
          this.i++;
          const names = [this.name()];
          while (this.eat(',')) names.push(this.name());
          return { k: 'global', s, e: this.e, tainted: false, names };
        }
        case 'del': {
          this.i++;
          const x = this.exprList(false);
          return { k: 'del', s, e: this.e, tainted: false, targets: x.k === 'seq' ? [...x.items] : [x] };
        }
        case 'assert': {
          this.i++;
          const subs = [this.expr()];
          if (this.eat(',')) subs.push(this.expr());
          return { k: 'expr', s, e: this.e, tainted: false, x: { k: 'other', s, e: this.e, subs } };
        }
        case 'import':
          return this.importStmt();
        case 'from':
          return this.fromImport();
      }
    }
    return this.expressionStatement();
  }

  private expressionStatement(): Stmt {
    const t = this.i;
    const s = this.s(t);
    const first = this.is('yield') ? this.yieldExpr() : this.exprList(true);
    if (this.is('=')) {
      const targets = [this.target(first)];
      let value: Expr | null = null;
      while (this.eat('=')) {
        const rhs = this.is('yield') ? this.yieldExpr() : this.exprList(true);
        if (this.is('=')) targets.push(this.target(rhs));
        else value = rhs;
      }
      return { k: 'assign', s, e: this.e, tainted: false, targets, value, op: null };
    }
    if (this.is(':')) {
      this.i++;
      const target = this.singleTarget(first);
      this.expr();
      let value: Expr | null = null;
      if (this.eat('=')) value = this.is('yield') ? this.yieldExpr() : this.exprList(true);
      return { k: 'assign', s, e: this.e, tainted: false, targets: [target], value, op: null };
    }
    const op = this.value[this.i]!;
    if (this.kind[this.i] === OP && AUGMENTED.has(op)) {
      this.i++;
      const target = this.singleTarget(first);
      const value = this.is('yield') ? this.yieldExpr() : this.exprList(true);
      return { k: 'assign', s, e: this.e, tainted: false, targets: [target], value, op: op.slice(0, -1) };
    }
    if (!this.atSimpleEnd()) unsupported();
    // `f(x),` is one expression and a stray comma to tree-sitter, not a tuple.
    const x = first === this.bareTuple && first.items.length === 1 ? first.items[0]! : first;
    return { k: 'expr', s, e: this.e, tainted: false, x };
  }

  /** Checks `x` is an assignment target and returns it (tree-sitter's patterns build the same IR). */
  private target(x: Expr): Expr {
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

  private singleTarget(x: Expr): Expr {
    if (x.k !== 'name' && x.k !== 'attr' && x.k !== 'sub') unsupported();
    return this.target(x);
  }

  private importStmt(): Stmt {
    const s = this.s(this.i);
    this.i++;
    const items: ImportItem[] = [];
    do {
      const module = this.dotted();
      if (this.eat('as')) items.push({ module, name: null, alias: this.name() });
      else items.push({ module, name: null, alias: module.split('.')[0] ?? module });
    } while (this.eat(','));
    return { k: 'import', s, e: this.e, tainted: false, items };
  }

  /** A dotted name's source text (`torch.optim`, spaces kept as written). */
  private dotted(): string {
    const from = this.s(this.i);
    this.name();
    while (this.eat('.')) this.name();
    return this.text.slice(from, this.e);
  }

  private fromImport(): Stmt {
    const s = this.s(this.i);
    this.i++;
    const from = this.s(this.i);
    let dots = 0;
    while (this.is('.') || this.is('...')) {
      dots += this.value[this.i]!.length;
      this.i++;
    }
    if (dots === 0 || !this.is('import')) this.dotted();
    const module = this.text.slice(from, this.e).replace(/\s+/g, '');
    this.expect('import');
    const items: ImportItem[] = [];
    if (this.is('*') && module === '__future__') unsupported();
    if (this.eat('*')) items.push({ module, name: '*', alias: '*' });
    else {
      const paren = this.eat('(');
      do {
        if (paren && this.is(')')) break;
        const name = this.dotted();
        items.push({ module, name, alias: this.eat('as') ? this.name() : name });
      } while (this.eat(','));
      if (paren) this.expect(')');
    }
    return { k: 'import', s, e: this.e, tainted: false, items };
  }

  /** A block after `:`: an indented block, or simple statements on the header's line. */
  private suite(): Suite {
    const stmts: Stmt[] = [];
    if (this.kind[this.i] === NEWLINE) {
      this.i++;
      this.expectKind(INDENT);
      const first = this.s(this.i);
      while (this.kind[this.i] !== DEDENT) this.statement(stmts);
      const end = this.expectKind(DEDENT);
      return { block: { stmts, s: stmts[0]?.s ?? first }, end };
    }
    const first = this.s(this.i);
    const end = this.simpleStatements(stmts);
    return { block: { stmts, s: stmts[0]?.s ?? first }, end };
  }

  private ifStmt(): Stmt {
    const s = this.s(this.i);
    this.i++;
    const test = this.namedOrExpr();
    this.expect(':');
    let suite = this.suite();
    const branches: Branch[] = [{ s, test, body: suite.block }];
    while (this.is('elif')) {
      const bs = this.s(this.i);
      this.i++;
      const cond = this.namedOrExpr();
      this.expect(':');
      suite = this.suite();
      branches.push({ s: bs, test: cond, body: suite.block });
    }
    if (this.is('else')) {
      const bs = this.s(this.i);
      this.i++;
      this.expect(':');
      suite = this.suite();
      branches.push({ s: bs, test: null, body: suite.block });
    }
    return { k: 'if', s, e: suite.end, tainted: false, branches };
  }

  private elseSuite(): Suite | null {
    if (!this.eat('else')) return null;
    this.expect(':');
    return this.suite();
  }

  private forStmt(): Stmt {
    const s = this.s(this.i);
    this.i++;
    const target = this.targetList('in');
    this.expect('in');
    const iter = this.exprList(false);
    this.expect(':');
    const body = this.suite();
    const orelse = this.elseSuite();
    return { k: 'for', s, e: (orelse ?? body).end, tainted: false, target, iter, body: body.block, orelse: orelse?.block ?? null };
  }

  private whileStmt(): Stmt {
    const s = this.s(this.i);
    this.i++;
    const test = this.namedOrExpr();
    this.expect(':');
    const body = this.suite();
    const orelse = this.elseSuite();
    return { k: 'while', s, e: (orelse ?? body).end, tainted: false, test, body: body.block, orelse: orelse?.block ?? null };
  }

  private tryStmt(): Stmt {
    const s = this.s(this.i);
    this.i++;
    this.expect(':');
    const body = this.suite();
    let last = body;
    const handlers: Handler[] = [];
    while (this.is('except')) {
      const hs = this.s(this.i);
      this.i++;
      this.eat('*');
      if (!this.is(':')) {
        this.expr();
        if (this.eat('as')) this.name();
      }
      this.expect(':');
      last = this.suite();
      handlers.push({ s: hs, body: last.block });
    }
    let orelse: Block | null = null;
    let final: Block | null = null;
    if (handlers.length > 0 && this.eat('else')) {
      this.expect(':');
      last = this.suite();
      orelse = last.block;
    }
    if (this.eat('finally')) {
      this.expect(':');
      last = this.suite();
      final = last.block;
    }
    if (handlers.length === 0 && !final) unsupported();
    return { k: 'try', s, e: last.end, tainted: false, body: body.block, handlers, orelse, final };
  }

  private withStmt(): Stmt {
    const s = this.s(this.i);
    this.i++;
    if (this.is('(')) unsupported(); // parenthesized items or a parenthesized context: tree-sitter decides
    const items: { ctx: Expr; as: Expr | null }[] = [];
    do {
      const ctx = this.expr();
      // tree-sitter's `as` binds tighter than a conditional or lambda: `a if c else b as x` is `… else (b as x)`.
      if (this.is('as') && (ctx.k === 'ifexp' || ctx.k === 'lambda')) unsupported();
      items.push({ ctx, as: this.eat('as') ? this.target(this.binary(0)) : null });
    } while (this.eat(','));
    this.expect(':');
    const body = this.suite();
    return { k: 'with', s, e: body.end, tainted: false, items, body: body.block };
  }

  private decorated(): Stmt {
    const s = this.s(this.i);
    const decorators: Expr[] = [];
    while (this.eat('@')) {
      decorators.push(this.namedOrExpr());
      this.expectKind(NEWLINE);
    }
    if (this.is('def')) return this.defStmt(this.i, orEmpty(decorators, EMPTY), s);
    if (this.is('class')) return { ...this.classStmt(this.i), s };
    return unsupported();
  }

  private defStmt(t: number, decorators: readonly Expr[], s = this.s(t)): Stmt {
    this.i++;
    const name = this.name();
    this.expect('(');
    const params = this.params(')');
    this.expect(')');
    if (this.eat('->')) this.expr();
    this.expect(':');
    const body = this.suite();
    return { k: 'def', s, e: body.end, tainted: false, name, params, body: body.block, decorators };
  }

  private classStmt(t: number): Stmt {
    const s = this.s(t);
    this.i++;
    const name = this.name();
    let bases: readonly Expr[] = [];
    if (this.eat('(')) bases = this.args().args;
    this.expect(':');
    const body = this.suite();
    return { k: 'class', s, e: body.end, tainted: false, name, bases, body: body.block };
  }

  /** Parameters up to `close` (`)` for def, `:` for lambda, which has no annotations). */
  private params(close: string): readonly Param[] {
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

  // ───────────────────────── expressions ─────────────────────────

  /** `expression` or an unparenthesized tuple (`a, b`); `star` allows `*name` items. */
  private exprList(star: boolean): Expr {
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

  private listItem(star: boolean): Expr {
    if (!this.is('*')) return this.expr();
    if (!star) unsupported();
    return this.starredName();
  }

  /**
   * `*name` in a display or a tuple. tree-sitter reads `*a.b()` there either as `*(a.b())` or as
   * `(*a).b()` depending on the position (its pattern/expression ambiguity), so only names are read here.
   */
  private starredName(): Expr {
    const x = this.starred(() => this.binary(0));
    if (x.k !== 'star' || x.x.k !== 'name') unsupported();
    return x;
  }

  private starred(operand: () => Expr): Expr {
    const t = this.i;
    this.i++;
    const x = operand();
    return { k: 'star', s: this.s(t), e: this.e, x };
  }

  /** Targets of `for … in` and comprehensions, up to `stop`. */
  private targetList(stop: string): Expr {
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

  private yieldExpr(): Expr {
    const t = this.i;
    this.i++;
    let subs: readonly Expr[] = EMPTY;
    if (this.eat('from')) subs = [this.expr()];
    else if (this.startsExpr() || this.is('*')) subs = [this.exprList(true)];
    return { k: 'other', s: this.s(t), e: this.e, subs };
  }

  /** An expression where Python allows an unparenthesized `name := value`. */
  private namedOrExpr(): Expr {
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

  private atSimpleAtom(): boolean {
    const k = this.kind[this.i];
    if (k === NUMBER || k === STRING) return true;
    if (k !== NAME) return false;
    const v = this.value[this.i]!;
    return !RESERVED.has(v) || v === 'None' || v === 'True' || v === 'False';
  }

  private lambda(): Expr {
    const t = this.i;
    this.i++;
    const params = this.params(':');
    this.expect(':');
    const body = this.expr();
    return { k: 'lambda', s: this.s(t), e: this.e, params, body };
  }

  private orTest(): Expr {
    return this.boolChain('or');
  }

  /** `a op b op c`, left-associative; `and` binds tighter than `or`. */
  private boolChain(op: 'and' | 'or'): Expr {
    const t = this.i;
    let l = op === 'or' ? this.boolChain('and') : this.notTest();
    while (this.eat(op)) {
      const r = op === 'or' ? this.boolChain('and') : this.notTest();
      l = { k: 'bool', s: this.s(t), e: this.e, op, l, r };
    }
    return l;
  }

  private notTest(): Expr {
    if (!this.is('not')) return this.comparison();
    const t = this.i;
    this.i++;
    const x = this.notTest();
    return { k: 'not', s: this.s(t), e: this.e, x };
  }

  private comparison(): Expr {
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

  private atComparison(): boolean {
    const k = this.kind[this.i];
    return (k === OP || k === NAME) && COMPARISON.has(this.value[this.i]!);
  }

  /** Binary operators binding at least `min` (precedence climbing over tree-sitter's table). */
  private binary(min: number): Expr {
    const t = this.i;
    let l = this.unary();
    for (;;) {
      const op = this.value[this.i]!;
      const prec = this.kind[this.i] === OP ? BINARY[op] : undefined;
      if (prec === undefined || prec < min) return l;
      this.i++;
      const r = this.binary(op === '**' ? prec : prec + 1);
      l = { k: 'bin', s: this.s(t), e: this.e, op, l, r };
    }
  }

  private unary(): Expr {
    const op = this.value[this.i];
    if (this.kind[this.i] === OP && (op === '-' || op === '+' || op === '~')) {
      const t = this.i;
      this.i++;
      const x = this.binary(POWER);
      return { k: 'unary', s: this.s(t), e: this.e, op, x };
    }
    return this.primary();
  }

  private primary(): Expr {
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
  private args(): { args: readonly Expr[]; kw: readonly Keyword[]; star: boolean } {
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

  private subscriptItem(): Expr {
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

  private atom(): Expr {
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
  private element(): Expr {
    return this.is('*') ? this.starredName() : this.namedOrExpr();
  }

  private parenAtom(): Expr {
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

  private listAtom(): Expr {
    const t = this.i;
    this.i++;
    if (this.eat(']')) return { k: 'seq', s: this.s(t), e: this.e, kind: 'list', items: [] };
    const first = this.element();
    if (this.is('for') && first.k !== 'star') return this.comp(t, [first], ']');
    return this.display(t, first, ']', 'list');
  }

  private braceAtom(): Expr {
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
  private display(t: number, first: Expr, close: string, kind: 'tuple' | 'list' | 'set'): Expr {
    const items = [first];
    while (this.eat(',')) {
      if (this.is(close)) break;
      items.push(this.element());
    }
    this.expect(close);
    return { k: 'seq', s: this.s(t), e: this.e, kind, items };
  }

  /** A comprehension whose opening bracket is token `t`. */
  private comp(t: number, body: Expr[], close: string): Expr {
    const subs = this.comprehension(body, close);
    return { k: 'comp', s: this.s(t), e: this.e, subs };
  }

  private dictValue(key: Expr): { key: Expr; value: Expr } {
    this.expect(':');
    return { key, value: this.expr() };
  }

  /** `for … in … [if …]…` clauses through `close`: the body's parts, then each clause's. */
  private comprehension(body: Expr[], close: string): Expr[] {
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
