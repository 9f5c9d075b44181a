/**
 * A small, context-free syntax tree of one top-level statement, built once from tree-sitter and then
 * kept (tree-sitter trees live in WASM memory and every node access crosses into it).
 *
 * Offsets (`s`, `e`) are UTF-16 offsets relative to the start of the segment the statement was
 * parsed from, so the IR of an unchanged statement can be reused after edits elsewhere shift it.
 */

interface Node {
  readonly s: number;
  readonly e: number;
}

export interface Keyword {
  readonly name: string;
  readonly value: Expr;
}

export interface Param {
  readonly name: string;
  readonly s: number;
  readonly default: Expr | null;
  /** `*args` or `**kwargs`. */
  readonly star: boolean;
}

export type Expr =
  | (Node & { readonly k: 'name'; readonly id: string })
  | (Node & { readonly k: 'attr'; readonly obj: Expr; readonly attr: string; readonly attrS: number })
  | (Node & {
      readonly k: 'call';
      readonly fn: Expr;
      readonly args: readonly Expr[];
      readonly kw: readonly Keyword[];
      /** Has `*args` / `**kwargs` arguments, so positions and keywords are not all known. */
      readonly star: boolean;
    })
  | (Node & { readonly k: 'num'; readonly v: number })
  | (Node & { readonly k: 'str'; readonly v: string })
  | (Node & { readonly k: 'const'; readonly v: 'None' | 'True' | 'False' })
  | (Node & { readonly k: 'bin'; readonly op: string; readonly l: Expr; readonly r: Expr })
  | (Node & { readonly k: 'unary'; readonly op: string; readonly x: Expr })
  | (Node & { readonly k: 'bool'; readonly op: 'and' | 'or'; readonly l: Expr; readonly r: Expr })
  | (Node & { readonly k: 'not'; readonly x: Expr })
  | (Node & { readonly k: 'cmp'; readonly ops: readonly string[]; readonly xs: readonly Expr[] })
  | (Node & { readonly k: 'seq'; readonly kind: 'tuple' | 'list' | 'set'; readonly items: readonly Expr[] })
  | (Node & { readonly k: 'dict'; readonly items: readonly { readonly key: Expr | null; readonly value: Expr }[] })
  | (Node & { readonly k: 'sub'; readonly obj: Expr; readonly index: readonly Expr[] })
  | (Node & { readonly k: 'lambda'; readonly params: readonly Param[]; readonly body: Expr })
  | (Node & { readonly k: 'ifexp'; readonly body: Expr; readonly test: Expr; readonly orelse: Expr })
  | (Node & { readonly k: 'star'; readonly x: Expr })
  /**
   * Comprehensions and generator expressions: the parts run zero or more times. The first part is
   * the element (a dict comprehension's key, then its value: `dict`).
   */
  | (Node & { readonly k: 'comp'; readonly dict: boolean; readonly subs: readonly Expr[] })
  /** Anything else; `subs` keeps the sub-expressions so calls inside are still seen. */
  | (Node & { readonly k: 'other'; readonly subs: readonly Expr[] });

export interface Block {
  readonly stmts: readonly Stmt[];
  /** Offset of the block's first statement (or of the end of the header when empty). */
  readonly s: number;
}

interface StmtBase extends Node {
  /** The statement or something inside it is a syntax error / a missing token. */
  readonly tainted: boolean;
}

export interface Branch {
  readonly test: Expr | null;
  readonly body: Block;
  readonly s: number;
}

export interface Handler {
  readonly body: Block;
  readonly s: number;
}

export interface ImportItem {
  /** The imported module (`torch.optim`) */
  readonly module: string;
  /** The imported name for `from m import name`, null for `import m`. `*` for star imports. */
  readonly name: string | null;
  /** The local name bound. */
  readonly alias: string;
}

export type Stmt =
  | (StmtBase & { readonly k: 'expr'; readonly x: Expr })
  | (StmtBase & {
      readonly k: 'assign';
      readonly targets: readonly Expr[];
      readonly value: Expr | null;
      /** Operator of an augmented assignment (`+=` → `+`). */
      readonly op: string | null;
    })
  | (StmtBase & { readonly k: 'if'; readonly branches: readonly Branch[] })
  | (StmtBase & {
      readonly k: 'for';
      readonly target: Expr;
      readonly iter: Expr;
      readonly body: Block;
      readonly orelse: Block | null;
    })
  | (StmtBase & { readonly k: 'while'; readonly test: Expr; readonly body: Block; readonly orelse: Block | null })
  | (StmtBase & {
      readonly k: 'try';
      readonly body: Block;
      readonly handlers: readonly Handler[];
      readonly orelse: Block | null;
      readonly final: Block | null;
    })
  | (StmtBase & {
      readonly k: 'with';
      readonly items: readonly { readonly ctx: Expr; readonly as: Expr | null }[];
      readonly body: Block;
    })
  | (StmtBase & {
      readonly k: 'def';
      readonly name: string;
      readonly params: readonly Param[];
      readonly body: Block;
      readonly decorators: readonly Expr[];
    })
  | (StmtBase & { readonly k: 'class'; readonly name: string; readonly bases: readonly Expr[]; readonly body: Block })
  | (StmtBase & { readonly k: 'return'; readonly x: Expr | null })
  | (StmtBase & { readonly k: 'jump'; readonly kind: 'break' | 'continue' | 'raise'; readonly x: Expr | null })
  | (StmtBase & { readonly k: 'import'; readonly items: readonly ImportItem[] })
  | (StmtBase & { readonly k: 'global'; readonly names: readonly string[] })
  | (StmtBase & { readonly k: 'del'; readonly targets: readonly Expr[] })
  | (StmtBase & { readonly k: 'match'; readonly subject: Expr; readonly cases: readonly Handler[] })
  | (StmtBase & { readonly k: 'other'; readonly subs: readonly Expr[] });

export type StmtOf<K extends Stmt['k']> = Extract<Stmt, { k: K }>;
export type ExprOf<K extends Expr['k']> = Extract<Expr, { k: K }>;
export type CallExpr = ExprOf<'call'>;
export type DefStmt = StmtOf<'def'>;
export type ClassStmt = StmtOf<'class'>;

/** The dotted text of a name/attribute chain (`torch.optim.Adam`), or null for anything else. */
export function dotted(x: Expr): string | null {
  if (x.k === 'name') return x.id;
  if (x.k === 'attr') {
    const head = dotted(x.obj);
    return head === null ? null : `${head}.${x.attr}`;
  }
  return null;
}

/** The last identifier of a name/attribute chain (`self.optimizer` → `optimizer`). */
export function lastName(x: Expr): string | null {
  if (x.k === 'name') return x.id;
  if (x.k === 'attr') return x.attr;
  return null;
}

/** The blocks directly inside a statement, in source order (function and class bodies too). */
export function blocksOf(s: Stmt): readonly Block[] {
  switch (s.k) {
    case 'if':
      return s.branches.map((b) => b.body);
    case 'for':
    case 'while':
      return s.orelse ? [s.body, s.orelse] : [s.body];
    case 'try':
      return [s.body, ...s.handlers.map((h) => h.body), ...(s.orelse ? [s.orelse] : []), ...(s.final ? [s.final] : [])];
    case 'with':
    case 'def':
    case 'class':
      return [s.body];
    case 'match':
      return s.cases.map((c) => c.body);
    default:
      return [];
  }
}

/** Calls `visit` on each block directly inside `s`, in `blocksOf` order, allocating nothing. */
export function forEachBlock(s: Stmt, visit: (block: Block) => void): void {
  switch (s.k) {
    case 'if':
      for (const b of s.branches) visit(b.body);
      return;
    case 'for':
    case 'while':
      visit(s.body);
      if (s.orelse) visit(s.orelse);
      return;
    case 'try':
      visit(s.body);
      for (const h of s.handlers) visit(h.body);
      if (s.orelse) visit(s.orelse);
      if (s.final) visit(s.final);
      return;
    case 'with':
    case 'def':
    case 'class':
      visit(s.body);
      return;
    case 'match':
      for (const c of s.cases) visit(c.body);
      return;
    default:
      return;
  }
}

/**
 * Calls `visit` on `x` and every sub-expression, parents first, children in `childExprs` order;
 * lambdas are entered too. Allocates nothing (it runs over every expression of the analysed code).
 */
export function forEachExpr(x: Expr, visit: (e: Expr) => void): void {
  visit(x);
  switch (x.k) {
    case 'attr':
      forEachExpr(x.obj, visit);
      return;
    case 'call':
      forEachExpr(x.fn, visit);
      for (const a of x.args) forEachExpr(a, visit);
      for (const k of x.kw) forEachExpr(k.value, visit);
      return;
    case 'bin':
    case 'bool':
      forEachExpr(x.l, visit);
      forEachExpr(x.r, visit);
      return;
    case 'unary':
    case 'not':
    case 'star':
      forEachExpr(x.x, visit);
      return;
    case 'dict':
      for (const i of x.items) {
        if (i.key) forEachExpr(i.key, visit);
        forEachExpr(i.value, visit);
      }
      return;
    case 'sub':
      forEachExpr(x.obj, visit);
      for (const i of x.index) forEachExpr(i, visit);
      return;
    case 'lambda':
      forEachExpr(x.body, visit);
      return;
    case 'ifexp':
      forEachExpr(x.body, visit);
      forEachExpr(x.test, visit);
      forEachExpr(x.orelse, visit);
      return;
    case 'cmp':
    case 'seq':
    case 'comp':
    case 'other':
      for (const c of x.k === 'cmp' ? x.xs : x.k === 'seq' ? x.items : x.subs) forEachExpr(c, visit);
      return;
    default:
      return;
  }
}

export function childExprs(x: Expr): readonly Expr[] {
  switch (x.k) {
    case 'attr':
      return [x.obj];
    case 'call':
      return [x.fn, ...x.args, ...x.kw.map((k) => k.value)];
    case 'bin':
    case 'bool':
      return [x.l, x.r];
    case 'unary':
    case 'not':
    case 'star':
      return [x.x];
    case 'cmp':
      return x.xs;
    case 'seq':
      return x.items;
    case 'dict':
      return x.items.flatMap((i) => (i.key ? [i.key, i.value] : [i.value]));
    case 'sub':
      return [x.obj, ...x.index];
    case 'lambda':
      return [x.body];
    case 'ifexp':
      return [x.body, x.test, x.orelse];
    case 'comp':
    case 'other':
      return x.subs;
    default:
      return [];
  }
}

/** Visits statements in program order, entering every block (functions and classes included). */
export function forEachStmt(stmts: readonly Stmt[], visit: (s: Stmt) => void): void {
  const inBlock = (block: Block) => forEachStmt(block.stmts, visit);
  for (const s of stmts) {
    visit(s);
    forEachBlock(s, inBlock);
  }
}

/** The expressions a statement evaluates itself (not those of its blocks), in source order. */
export function forEachStmtExpr(s: Stmt, visit: (x: Expr) => void): void {
  switch (s.k) {
    case 'expr':
      visit(s.x);
      return;
    case 'assign':
      for (const t of s.targets) visit(t);
      if (s.value) visit(s.value);
      return;
    case 'if':
      for (const b of s.branches) if (b.test) visit(b.test);
      return;
    case 'for':
      visit(s.target);
      visit(s.iter);
      return;
    case 'while':
      visit(s.test);
      return;
    case 'with':
      for (const i of s.items) visit(i.ctx);
      return;
    case 'return':
    case 'jump':
      if (s.x) visit(s.x);
      return;
    case 'def':
      for (const d of s.decorators) visit(d);
      for (const p of s.params) if (p.default) visit(p.default);
      return;
    case 'class':
      for (const b of s.bases) visit(b);
      return;
    case 'match':
      visit(s.subject);
      return;
    case 'del':
      for (const t of s.targets) visit(t);
      return;
    case 'other':
      for (const x of s.subs) visit(x);
      return;
    default:
      return;
  }
}

/** The expressions of a statement itself (not of the blocks inside it). */
export function stmtExprs(s: Stmt): readonly Expr[] {
  switch (s.k) {
    case 'expr':
      return [s.x];
    case 'assign':
      return s.value ? [...s.targets, s.value] : s.targets;
    case 'if':
      return s.branches.flatMap((b) => (b.test ? [b.test] : []));
    case 'for':
      return [s.target, s.iter];
    case 'while':
      return [s.test];
    case 'with':
      return s.items.map((i) => i.ctx);
    case 'return':
    case 'jump':
      return s.x ? [s.x] : [];
    case 'def':
      return [...s.decorators, ...s.params.flatMap((p) => (p.default ? [p.default] : []))];
    case 'class':
      return s.bases;
    case 'match':
      return [s.subject];
    case 'del':
      return s.targets;
    case 'other':
      return s.subs;
    default:
      return [];
  }
}
