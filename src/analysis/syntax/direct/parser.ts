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
import type { Block, Branch, Expr, Handler, ImportItem, Stmt } from '../ir';
import { EMPTY, orEmpty } from './cursor';
import { ExpressionParser } from './expressions';
import { DEDENT, END, INDENT, interpolations, NAME, NestedTooDeep, NEWLINE, OP, unsupported, Unsupported } from './lexer';

/** Names that start other statements in tree-sitter-python (`print x`, `type X = …`, `match x:`). */
const SOFT = new Set(['print', 'exec', 'type', 'match']);
const AUGMENTED = new Set(['+=', '-=', '*=', '/=', '@=', '//=', '%=', '**=', '>>=', '<<=', '&=', '^=', '|=']);

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
 * Whether the direct reader reads `text`, or would but for expressions nested deeper than it
 * recurses (valid Python, which tree-sitter reads in linear time; what follows the deep part is
 * not looked at).
 */
export function readsOrNestsTooDeep(text: string): boolean {
  try {
    new DirectParser(text).module();
    return true;
  } catch (error) {
    if (error instanceof NestedTooDeep) return true;
    if (error instanceof Unsupported) return false;
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

class DirectParser extends ExpressionParser {
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
      // `from m import ()` is an error to tree-sitter (and to Python).
      if (items.length === 0) unsupported();
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

}
