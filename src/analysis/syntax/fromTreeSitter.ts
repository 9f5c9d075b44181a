/**
 * tree-sitter-python tree → IR (see ir.ts). Every node access crosses into WASM, so this walks each
 * node once, reads `children` once per node and slices identifiers from the JavaScript string.
 */
import { blocksOf, type Block, type Branch, type Expr, type Handler, type ImportItem, type Stmt } from './ir';
import { ExpressionConverter, type Node, typeOf, typeOr, types } from './fromTreeSitterExpressions';
import { MAX_STMT_DEPTH, TooDeep } from './bounds';

/**
 * Statements of a previous conversion by their exact text. An error-free statement's IR depends
 * only on its text (offsets aside), so after an edit every such statement whose text did not
 * change is reused, moved by the distance it moved, and only the statements around the edit are
 * converted again.
 */
export type Previous = Map<string, { readonly stmt: Stmt; readonly start: number }>;

/** Indexes `stmts` (converted from `text`) and every statement nested in them. */
export function indexStatements(stmts: readonly Stmt[], text: string, out: Previous = new Map()): Previous {
  for (const s of stmts) {
    const key = text.slice(s.s, s.e);
    // A tainted statement owes its flag to its surroundings (an error around it), not its text.
    if (!s.tainted && !out.has(key)) out.set(key, { stmt: s, start: s.s });
    for (const block of blocksOf(s)) indexStatements(block.stmts, text, out);
  }
  return out;
}

/** A copy of an IR subtree moved by `delta` (offsets are segment-relative). */
function shift<T>(x: T, delta: number): T {
  if (Array.isArray(x)) return x.map((v: unknown) => shift(v, delta)) as T;
  if (x === null || typeof x !== 'object') return x;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) out[k] = (k === 's' || k === 'e' || k === 'attrS') && typeof v === 'number' ? v + delta : shift(v, delta);
  return out as T;
}

class Converter extends ExpressionConverter {
  /** How deep statement lists nest here (TooDeep past MAX_STMT_DEPTH, which text/nesting.ts keeps far off). */
  private stmtDepth = 0;

  constructor(
    text: string,
    /** The tree contains errors: check each statement for them (otherwise skip the WASM call). */
    private readonly errors: boolean,
    private readonly previous: Previous | null,
  ) {
    super(text);
  }

  module(root: Node): Stmt[] {
    return this.stmts(root, false);
  }

  private stmts(parent: Node, inheritedTaint: boolean): Stmt[] {
    if (++this.stmtDepth > MAX_STMT_DEPTH) throw new TooDeep();
    const out = this.stmtsOf(parent, inheritedTaint);
    this.stmtDepth--;
    return out;
  }

  private stmtsOf(parent: Node, inheritedTaint: boolean): Stmt[] {
    const out: Stmt[] = [];
    for (const c of parent.namedChildren) {
      if (!c) continue;
      const type = typeOf(c);
      if (type === 'comment') continue;
      const tainted = inheritedTaint || (this.errors && (type === 'ERROR' || c.hasError));
      if (type === 'ERROR') {
        // Error recovery leaves statements and bare expressions side by side.
        for (const s of this.stmts(c, true)) out.push(s);
        continue;
      }
      const s = (tainted ? null : this.reused(c)) ?? this.stmt(c, type, tainted);
      if (s) out.push(s);
    }
    return out;
  }

  private reused(c: Node): Stmt | null {
    if (!this.previous) return null;
    const start = c.startIndex;
    const hit = this.previous.get(this.text.slice(start, c.endIndex));
    if (!hit) return null;
    return hit.start === start ? hit.stmt : shift(hit.stmt, start - hit.start);
  }

  private block(n: Node | undefined, tainted: boolean, fallbackStart: number): Block {
    if (!n) return { stmts: [], s: fallbackStart };
    const stmts = this.stmts(n, tainted);
    return { stmts, s: stmts[0]?.s ?? n.startIndex };
  }

  private other(n: Node, tainted: boolean): Stmt {
    return { k: 'other', s: n.startIndex, e: n.endIndex, tainted, subs: this.exprsOf(n) };
  }

  private stmt(n: Node, type: string, tainted: boolean): Stmt | null {
    const s = n.startIndex;
    const e = n.endIndex;
    switch (type) {
      case 'expression_statement': {
        const kids = this.named(n);
        const first = kids[0];
        if (!first) return null;
        if (kids.length === 1 && typeOf(first) === 'assignment') return this.assignment(first, s, e, tainted);
        if (kids.length === 1 && typeOf(first) === 'augmented_assignment') {
          const parts = this.named(first);
          const opNode = first.children[1];
          const op = opNode ? typeOf(opNode) : '=';
          return {
            k: 'assign', s, e, tainted,
            targets: parts[0] ? [this.expr(parts[0])] : [],
            value: parts[1] ? this.expr(parts[1]) : null,
            op: op.slice(0, -1),
          };
        }
        const x = kids.length === 1 ? this.expr(first) : this.seq(n, 'tuple', kids);
        return { k: 'expr', s, e, tainted, x };
      }
      case 'if_statement':
        return this.ifStmt(n, s, e, tainted);
      case 'for_statement': {
        const kids = this.named(n);
        const [target, iter] = kids;
        const body = kids.find((k) => typeOf(k) === 'block');
        const orelse = kids.find((k) => typeOf(k) === 'else_clause');
        return {
          k: 'for', s, e, tainted,
          target: target ? this.expr(target) : this.missing(s),
          iter: iter && typeOf(iter) !== 'block' ? this.expr(iter) : this.missing(s),
          body: this.block(body, tainted, e),
          orelse: orelse ? this.block(this.named(orelse).find((k) => typeOf(k) === 'block'), tainted, orelse.endIndex) : null,
        };
      }
      case 'while_statement': {
        const kids = this.named(n);
        const test = kids[0];
        const body = kids.find((k) => typeOf(k) === 'block');
        const orelse = kids.find((k) => typeOf(k) === 'else_clause');
        return {
          k: 'while', s, e, tainted,
          test: test && typeOf(test) !== 'block' ? this.expr(test) : this.missing(s),
          body: this.block(body, tainted, e),
          orelse: orelse ? this.block(this.named(orelse).find((k) => typeOf(k) === 'block'), tainted, orelse.endIndex) : null,
        };
      }
      case 'try_statement': {
        let body: Block = { stmts: [], s: e };
        const handlers: Handler[] = [];
        let orelse: Block | null = null;
        let final: Block | null = null;
        for (const k of this.named(n)) {
          const t = typeOf(k);
          if (t === 'block') body = this.block(k, tainted, e);
          else if (t === 'except_clause' || t === 'except_group_clause') {
            handlers.push({ s: k.startIndex, body: this.block(this.named(k).find((c) => typeOf(c) === 'block'), tainted, k.endIndex) });
          } else if (t === 'else_clause') orelse = this.block(this.named(k).find((c) => typeOf(c) === 'block'), tainted, k.endIndex);
          else if (t === 'finally_clause') final = this.block(this.named(k).find((c) => typeOf(c) === 'block'), tainted, k.endIndex);
        }
        return { k: 'try', s, e, tainted, body, handlers, orelse, final };
      }
      case 'with_statement': {
        const items: { ctx: Expr; as: Expr | null }[] = [];
        let body: Node | undefined;
        for (const k of this.named(n)) {
          if (typeOf(k) === 'block') body = k;
          else if (typeOf(k) === 'with_clause') {
            for (const item of this.named(k)) {
              const inner = typeOf(item) === 'with_item' ? this.named(item)[0] : item;
              if (!inner) continue;
              if (typeOf(inner) === 'as_pattern') {
                const [ctx, target] = this.named(inner);
                const alias = target && typeOf(target) === 'as_pattern_target' ? this.named(target)[0] : target;
                items.push({ ctx: ctx ? this.expr(ctx) : this.missing(s), as: alias ? this.expr(alias) : null });
              } else items.push({ ctx: this.expr(inner), as: null });
            }
          }
        }
        return { k: 'with', s, e, tainted, items, body: this.block(body, tainted, e) };
      }
      case 'decorated_definition': {
        const kids = this.named(n);
        const decorators: Expr[] = [];
        for (const k of kids) {
          if (typeOf(k) === 'decorator') {
            const x = this.named(k)[0];
            if (x) decorators.push(this.expr(x));
          }
        }
        const def = kids.find((k) => typeOf(k) === 'function_definition' || typeOf(k) === 'class_definition');
        if (!def) return this.other(n, tainted);
        const inner = this.stmt(def, typeOf(def), tainted);
        if (inner?.k === 'def') return { ...inner, s, decorators };
        if (inner?.k === 'class') return { ...inner, s };
        return inner;
      }
      case 'function_definition': {
        const kids = this.named(n);
        const name = kids.find((k) => typeOf(k) === 'identifier');
        const params = kids.find((k) => typeOf(k) === 'parameters');
        const body = kids.find((k) => typeOf(k) === 'block');
        return {
          k: 'def', s, e, tainted,
          name: name ? this.slice(name) : '',
          params: params ? this.params(params) : [],
          body: this.block(body, tainted, e),
          decorators: [],
        };
      }
      case 'class_definition': {
        const kids = this.named(n);
        const name = kids.find((k) => typeOf(k) === 'identifier');
        const bases = kids.find((k) => typeOf(k) === 'argument_list');
        const body = kids.find((k) => typeOf(k) === 'block');
        return {
          k: 'class', s, e, tainted,
          name: name ? this.slice(name) : '',
          bases: bases ? this.named(bases).filter((b) => typeOf(b) !== 'keyword_argument').map((b) => this.expr(b)) : [],
          body: this.block(body, tainted, e),
        };
      }
      case 'return_statement': {
        const kids = this.named(n);
        return { k: 'return', s, e, tainted, x: this.exprOrTuple(n, kids) };
      }
      case 'raise_statement': {
        const x = this.named(n)[0];
        return { k: 'jump', s, e, tainted, kind: 'raise', x: x ? this.expr(x) : null };
      }
      case 'break_statement':
        return { k: 'jump', s, e, tainted, kind: 'break', x: null };
      case 'continue_statement':
        return { k: 'jump', s, e, tainted, kind: 'continue', x: null };
      case 'pass_statement':
        return null;
      case 'import_statement':
      case 'import_from_statement':
      case 'future_import_statement':
        return { k: 'import', s, e, tainted, items: this.imports(n, type) };
      case 'global_statement':
      case 'nonlocal_statement':
        return { k: 'global', s, e, tainted, names: this.named(n).map((k) => this.slice(k)) };
      case 'delete_statement': {
        const kids = this.named(n);
        const x = this.exprOrTuple(n, kids);
        const targets = x === null ? [] : x.k === 'seq' ? [...x.items] : [x];
        return { k: 'del', s, e, tainted, targets };
      }
      case 'match_statement': {
        const kids = this.named(n);
        const subject = kids[0] ? this.expr(kids[0]) : this.missing(s);
        const cases: Handler[] = [];
        const block = kids.find((k) => typeOf(k) === 'block');
        for (const c of block ? this.named(block) : []) {
          if (typeOf(c) !== 'case_clause') continue;
          cases.push({ s: c.startIndex, body: this.block(this.named(c).find((k) => typeOf(k) === 'block'), tainted, c.endIndex) });
        }
        return { k: 'match', s, e, tainted, subject, cases };
      }
      default:
        return { k: 'expr', s, e, tainted, x: this.expr(n) };
    }
  }

  private assignment(n: Node, s: number, e: number, tainted: boolean): Stmt {
    const targets: Expr[] = [];
    let value: Expr | null = null;
    let cur: Node | undefined = n;
    // `a = b = c` nests assignments on the right.
    while (cur) {
      const kids = this.named(cur);
      const left = kids[0];
      if (left) targets.push(this.expr(left));
      const right = kids.slice(1).find((k) => typeOf(k) !== 'type');
      if (typeOr(right) === 'assignment') {
        cur = right;
        continue;
      }
      value = right ? this.expr(right) : null;
      cur = undefined;
    }
    return { k: 'assign', s, e, tainted, targets, value, op: null };
  }

  private ifStmt(n: Node, s: number, e: number, tainted: boolean): Stmt {
    const branches: Branch[] = [];
    const kids = this.named(n);
    const test = kids[0];
    branches.push({
      s,
      test: test && typeOf(test) !== 'block' ? this.expr(test) : null,
      body: this.block(kids.find((k) => typeOf(k) === 'block'), tainted, e),
    });
    for (const k of kids) {
      if (typeOf(k) === 'elif_clause') {
        const parts = this.named(k);
        const cond = parts[0];
        branches.push({
          s: k.startIndex,
          test: cond && typeOf(cond) !== 'block' ? this.expr(cond) : null,
          body: this.block(parts.find((p) => typeOf(p) === 'block'), tainted, k.endIndex),
        });
      } else if (typeOf(k) === 'else_clause') {
        branches.push({ s: k.startIndex, test: null, body: this.block(this.named(k).find((p) => typeOf(p) === 'block'), tainted, k.endIndex) });
      }
    }
    // Without an else, the "no branch taken" path is implicit: rules treat every branch as optional.
    return { k: 'if', s, e, tainted, branches };
  }
  private imports(n: Node, type: string): ImportItem[] {
    const items: ImportItem[] = [];
    const kids = this.named(n);
    if (type === 'import_statement') {
      for (const k of kids) {
        if (typeOf(k) === 'dotted_name') {
          const module = this.slice(k);
          items.push({ module, name: null, alias: module.split('.')[0] ?? module });
        } else if (typeOf(k) === 'aliased_import') {
          const [name, alias] = this.named(k);
          if (name && alias) items.push({ module: this.slice(name), name: null, alias: this.slice(alias) });
        }
      }
      return items;
    }
    const moduleNode = type === 'future_import_statement' ? null : kids[0];
    const module = moduleNode ? this.slice(moduleNode).replace(/\s+/g, '') : '__future__';
    for (const k of type === 'future_import_statement' ? kids : kids.slice(1)) {
      if (typeOf(k) === 'dotted_name') {
        const name = this.slice(k);
        items.push({ module, name, alias: name });
      } else if (typeOf(k) === 'aliased_import') {
        const [name, alias] = this.named(k);
        if (name && alias) items.push({ module, name: this.slice(name), alias: this.slice(alias) });
      } else if (typeOf(k) === 'wildcard_import') items.push({ module, name: '*', alias: '*' });
    }
    return items;
  }
}

/** Converts a parsed segment; `text` is the exact string that was parsed. */
export function convertModule(root: Node, text: string, previous: Previous | null = null): Stmt[] {
  types.clear();
  try {
    return new Converter(text, root.hasError, previous).module(root);
  } finally {
    types.clear();
  }
}
