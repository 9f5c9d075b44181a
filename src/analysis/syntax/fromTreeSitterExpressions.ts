/**
 * The expressions of a tree-sitter-python tree → IR (see ir.ts), and the reads of nodes that
 * fromTreeSitter.ts's statements share: node types read once per node, comment-free named children.
 */
import type { Expr, Keyword, Param } from './ir';
import { MAX_EXPR_DEPTH } from './bounds';
import { LeftChain, MAX_CHAIN } from './chains';
import { numberValue, stringValue } from './literals';
import type { SyntaxNode } from './treeSitter';

export type Node = SyntaxNode;

const EMPTY: readonly Expr[] = [];

/**
 * Node types, read once per node (each read is a call into WASM), by node id (unique within a
 * tree). Cleared for every conversion.
 */
export const types = new Map<number, string>();

export function typeOr(n: Node | null | undefined): string | undefined {
  return n ? typeOf(n) : undefined;
}

export function typeOf(n: Node): string {
  let t = types.get(n.id);
  if (t === undefined) {
    t = n.type;
    types.set(n.id, t);
  }
  return t;
}

export abstract class ExpressionConverter {
  /** How deep in the IR the expression being converted sits (past MAX_EXPR_DEPTH: not read, see bounds.ts). */
  private depth = 0;

  constructor(protected readonly text: string) {}

  protected slice(n: Node): string {
    return this.text.slice(n.startIndex, n.endIndex);
  }

  /** Named children without comments (the only named nodes that start with `#`). */
  protected named(n: Node): Node[] {
    const out: Node[] = [];
    for (const c of n.namedChildren) if (c && this.text.charCodeAt(c.startIndex) !== 35) out.push(c);
    return out;
  }

  protected params(n: Node): Param[] {
    const out: Param[] = [];
    for (const p of this.named(n)) {
      const type = typeOf(p);
      if (type === 'identifier') out.push({ name: this.slice(p), s: p.startIndex, default: null, star: false });
      else if (type === 'default_parameter' || type === 'typed_default_parameter') {
        const kids = this.named(p);
        const name = kids[0];
        const value = kids[kids.length - 1];
        out.push({
          name: name ? this.slice(name) : '',
          s: p.startIndex,
          default: value && value !== name ? this.expr(value) : null,
          star: false,
        });
      } else if (type === 'typed_parameter') {
        const inner = this.named(p)[0];
        if (!inner) continue;
        if (typeOf(inner) === 'identifier') out.push({ name: this.slice(inner), s: p.startIndex, default: null, star: false });
        else {
          const id = this.named(inner)[0];
          out.push({ name: id ? this.slice(id) : '', s: p.startIndex, default: null, star: true });
        }
      } else if (type === 'list_splat_pattern' || type === 'dictionary_splat_pattern') {
        const id = this.named(p)[0];
        out.push({ name: id ? this.slice(id) : '', s: p.startIndex, default: null, star: true });
      }
    }
    return out;
  }

  // ───────────────────────── expressions ─────────────────────────

  protected missing(at: number): Expr {
    return { k: 'other', s: at, e: at, subs: EMPTY };
  }

  protected exprOrTuple(n: Node, kids: Node[]): Expr | null {
    const first = kids[0];
    if (!first) return null;
    return kids.length === 1 ? this.expr(first) : this.seq(n, 'tuple', kids);
  }

  protected seq(n: Node, kind: 'tuple' | 'list' | 'set', kids: Node[]): Expr {
    return { k: 'seq', s: n.startIndex, e: n.endIndex, kind, items: kids.map((k) => this.expr(k)) };
  }

  protected exprsOf(n: Node): Expr[] {
    const out: Expr[] = [];
    for (const k of this.named(n)) out.push(this.expr(k));
    return out;
  }

  expr(n: Node): Expr {
    if (this.depth >= MAX_EXPR_DEPTH) return { k: 'other', s: n.startIndex, e: n.endIndex, subs: EMPTY };
    this.depth++;
    const x = this.exprOf(n);
    this.depth--;
    return x;
  }

  private exprOf(n: Node): Expr {
    const type = typeOf(n);
    const s = n.startIndex;
    switch (type) {
      case 'identifier':
        return { k: 'name', s, e: n.endIndex, id: this.slice(n) };
      case 'attribute': {
        const kids = this.named(n);
        const obj = kids[0];
        const attr = kids[kids.length - 1];
        if (!obj || !attr || obj === attr) return this.otherExpr(n);
        return { k: 'attr', s, e: n.endIndex, obj: this.expr(obj), attr: this.slice(attr), attrS: attr.startIndex };
      }
      case 'call': {
        const kids = this.named(n);
        const fn = kids[0];
        const argsNode = kids[1];
        if (!fn) return this.otherExpr(n);
        const args: Expr[] = [];
        const kw: Keyword[] = [];
        let star = false;
        if (argsNode && typeOf(argsNode) === 'argument_list') {
          for (const a of this.named(argsNode)) {
            if (typeOf(a) === 'keyword_argument') {
              const [name, value] = this.named(a);
              if (name && value) kw.push({ name: this.slice(name), value: this.expr(value) });
            } else if (typeOf(a) === 'list_splat' || typeOf(a) === 'dictionary_splat') {
              star = true;
              args.push(this.expr(a));
            } else args.push(this.expr(a));
          }
        } else if (argsNode) args.push(this.expr(argsNode));
        return { k: 'call', s, e: n.endIndex, fn: this.expr(fn), args, kw, star };
      }
      case 'integer':
      case 'float': {
        const v = numberValue(this.slice(n));
        return Number.isFinite(v) ? { k: 'num', s, e: n.endIndex, v } : this.otherExpr(n);
      }
      case 'string':
        return this.string(n);
      case 'concatenated_string': {
        const parts = this.named(n).map((p) => this.string(p));
        if (parts.every((p) => p.k === 'str')) {
          return { k: 'str', s, e: n.endIndex, v: parts.map((p) => (p.k === 'str' ? p.v : '')).join('') };
        }
        return { k: 'other', s, e: n.endIndex, subs: parts };
      }
      case 'true':
        return { k: 'const', s, e: n.endIndex, v: 'True' };
      case 'false':
        return { k: 'const', s, e: n.endIndex, v: 'False' };
      case 'none':
        return { k: 'const', s, e: n.endIndex, v: 'None' };
      case 'binary_operator':
      case 'boolean_operator':
        return this.chain(n, type);
      case 'unary_operator': {
        const c = n.children;
        const x = c[c.length - 1];
        return x ? { k: 'unary', s, e: n.endIndex, op: typeOr(c[0]) ?? '?', x: this.expr(x) } : this.otherExpr(n);
      }
      case 'not_operator': {
        const x = this.named(n)[0];
        return x ? { k: 'not', s, e: n.endIndex, x: this.expr(x) } : this.otherExpr(n);
      }
      case 'comparison_operator': {
        const xs: Expr[] = [];
        const ops: string[] = [];
        let pending = '';
        for (const c of n.children) {
          if (!c) continue;
          if (c.isNamed) {
            if (typeOf(c) === 'comment') continue;
            if (pending) ops.push(pending);
            pending = '';
            xs.push(this.expr(c));
          } else pending = pending ? `${pending} ${typeOf(c)}` : typeOf(c);
        }
        return { k: 'cmp', s, e: n.endIndex, ops, xs };
      }
      case 'parenthesized_expression': {
        const inner = this.named(n)[0];
        return inner ? this.expr(inner) : this.otherExpr(n);
      }
      case 'tuple':
      case 'expression_list':
      case 'pattern_list':
      case 'tuple_pattern':
        return this.seq(n, 'tuple', this.named(n));
      case 'list':
      case 'list_pattern':
        return this.seq(n, 'list', this.named(n));
      case 'set':
        return this.seq(n, 'set', this.named(n));
      case 'dictionary': {
        const items: { key: Expr | null; value: Expr }[] = [];
        for (const p of this.named(n)) {
          if (typeOf(p) === 'pair') {
            const [key, value] = this.named(p);
            if (key && value) items.push({ key: this.expr(key), value: this.expr(value) });
          } else items.push({ key: null, value: this.expr(p) });
        }
        return { k: 'dict', s, e: n.endIndex, items };
      }
      case 'subscript': {
        const kids = this.named(n);
        const obj = kids[0];
        if (!obj) return this.otherExpr(n);
        return { k: 'sub', s, e: n.endIndex, obj: this.expr(obj), index: kids.slice(1).map((k) => this.expr(k)) };
      }
      case 'lambda': {
        const kids = this.named(n);
        const params = kids.find((k) => typeOf(k) === 'lambda_parameters');
        const body = kids[kids.length - 1];
        if (!body || body === params) return this.otherExpr(n);
        return { k: 'lambda', s, e: n.endIndex, params: params ? this.params(params) : [], body: this.expr(body) };
      }
      case 'conditional_expression': {
        const [body, test, orelse] = this.named(n);
        if (!body || !test || !orelse) return this.otherExpr(n);
        return { k: 'ifexp', s, e: n.endIndex, body: this.expr(body), test: this.expr(test), orelse: this.expr(orelse) };
      }
      case 'list_splat':
      case 'dictionary_splat':
      case 'list_splat_pattern':
      case 'dictionary_splat_pattern': {
        const x = this.named(n)[0];
        return x ? { k: 'star', s, e: n.endIndex, x: this.expr(x) } : this.otherExpr(n);
      }
      case 'await': {
        const x = this.named(n)[0];
        return x ? this.expr(x) : this.otherExpr(n);
      }
      case 'list_comprehension':
      case 'set_comprehension':
      case 'dictionary_comprehension':
      case 'generator_expression':
        return { k: 'comp', s, e: n.endIndex, dict: type === 'dictionary_comprehension', subs: this.compParts(n) };
      case 'keyword_argument': {
        // Only reachable through error recovery; keep the value.
        const value = this.named(n)[1];
        return value ? this.expr(value) : this.otherExpr(n);
      }
      default:
        return this.otherExpr(n);
    }
  }

  /**
   * A chain of binary operators, or of one boolean operator, read down its left spine without
   * recursing (a sum of thousands of terms is valid Python), links built as the direct reader's one
   * loop builds them (chains.ts).
   */
  private chain(top: Node, type: string): Expr {
    const bool = type === 'boolean_operator';
    const opOf = (n: Node): string => {
      const op = typeOr(n.children[1]) ?? '?';
      return bool ? (op === 'or' ? 'or' : 'and') : op;
    };
    const isLink = (n: Node): boolean => {
      const c = n.children;
      const l = c[0];
      const r = c[c.length - 1];
      return !!l && !!r && l !== r;
    };
    if (!isLink(top)) return this.otherExpr(top);
    const spine: Node[] = [];
    const boolOp = bool ? opOf(top) : null;
    let leaf = top;
    while (typeOf(leaf) === type && isLink(leaf) && (boolOp === null || opOf(leaf) === boolOp)) {
      spine.push(leaf);
      leaf = leaf.children[0]!;
    }
    // The operands sit as deep as the links above them (a flat chain's, one level).
    const links = spine.length > MAX_CHAIN ? 1 : spine.length;
    this.depth += links;
    const chain = new LeftChain(this.expr(leaf), top.startIndex);
    for (let i = spine.length - 1; i >= 0; i--) {
      const link = spine[i]!;
      const c = link.children;
      chain.add(bool ? 'bool' : 'bin', opOf(link), this.expr(c[c.length - 1]!), link.endIndex);
    }
    this.depth -= links;
    return chain.expr;
  }

  private compParts(n: Node): Expr[] {
    const out: Expr[] = [];
    for (const k of this.named(n)) {
      if (typeOf(k) === 'for_in_clause' || typeOf(k) === 'if_clause' || typeOf(k) === 'pair') out.push(...this.exprsOf(k));
      else out.push(this.expr(k));
    }
    return out;
  }

  /**
   * Strings are kept as their source text (prefix and quotes removed) without visiting their
   * parts: an f-string's interpolations hold nothing the rules look at.
   */
  private string(n: Node): Expr {
    const s = n.startIndex;
    const e = n.endIndex;
    if (typeOf(n) !== 'string') return this.expr(n);
    return { k: 'str', s, e, v: stringValue(this.text.slice(s, e)) };
  }

  private otherExpr(n: Node): Expr {
    return { k: 'other', s: n.startIndex, e: n.endIndex, subs: n.namedChildCount > 0 ? this.exprsOf(n) : EMPTY };
  }
}
