/**
 * Finds torch constructions in a source, and the symbol under a cursor, on the model's syntax and
 * evaluator: a callee is resolved like the rules resolve it (imports, aliases, same-file
 * assignments), and the arguments in the activation the flattener bound (a helper's parameters).
 */
import type { CallExpr, Expr, Stmt } from '../syntax/ir';
import { blocksOf, childExprs, stmtExprs } from '../syntax/ir';
import type { ModelCache } from '../model';
import type { FuncInfo } from '../model';
import { siteKey, type Activation, type Val } from '../model';
import type { Chunk, Source } from '../syntax/source';
import type { Construction, SymbolTarget, TorchKind } from '../symbols';
import { classNamePattern } from '../../core/torch';
import { classifyPath, type TorchClass } from './classify';
import { buildConstruction, constructionOfValue, type ConstructContext } from './construct';
import { whereCalled } from './stepping';

/** Text that may name a class the hovers explain; other statements are not even parsed. */
// Stems catch what no class name spells (a partial word like `Ada`, `entropy`); the names are the facts'.
export const MAY_NAME = new RegExp(`optim|LR\\b|LR\\(|Loss|loss|entropy|Ada|lr_scheduler|Scheduler|${classNamePattern(['optimizer', 'scheduler', 'loss'])}`);

export interface InspectContext extends ConstructContext {
  readonly source: Source;
  readonly cache: ModelCache;
}

interface Visit {
  readonly x: Expr;
  readonly parent: Expr | null;
  readonly fn: FuncInfo | null;
}

/** Work left for `walk`: an expression to visit, or a statement list to enter. */
type Pending = Visit | { readonly list: readonly Stmt[]; readonly fn: FuncInfo | null };

/**
 * Every expression of the chunk with its parent and enclosing function, in source order. One
 * explicit stack, not nested generators: a `yield*` per level made each visit cost the depth it sat
 * at (a hover after a long sum was quadratic in its length).
 */
function* walk(ctx: InspectContext, chunk: Chunk): Generator<Visit> {
  const functions = new Map(ctx.cache.model(ctx.source, chunk).enumerate().functions.map((f) => [f.def, f] as const));
  const stack: Pending[] = [{ list: ctx.source.statements(chunk), fn: null }];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    if ('x' in top) {
      yield top;
      const kids = childExprs(top.x);
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ x: kids[i]!, parent: top.x, fn: top.fn });
      continue;
    }
    // Pushed last first, so statements come out in order, each's expressions before its blocks.
    for (let i = top.list.length - 1; i >= 0; i--) {
      const s = top.list[i]!;
      const inner = s.k === 'def' ? (functions.get(s) ?? top.fn) : top.fn;
      const blocks = blocksOf(s);
      for (let b = blocks.length - 1; b >= 0; b--) stack.push({ list: blocks[b]!.stmts, fn: inner });
      const xs = stmtExprs(s);
      for (let j = xs.length - 1; j >= 0; j--) stack.push({ x: xs[j]!, parent: null, fn: top.fn });
    }
  }
}

function activation(ctx: InspectContext, fn: FuncInfo | null): Activation {
  return fn ? ctx.model.ev.bareActivation(fn) : ctx.model.ev.moduleAct;
}

/** The torch class a name or attribute chain refers to, if every value it may have agrees. */
function classify(ctx: InspectContext, x: Expr, chunk: Chunk, act: Activation): TorchClass | null {
  if (x.k !== 'name' && x.k !== 'attr') return null;
  const vals = ctx.model.ev.expr(x, chunk, act);
  let found: TorchClass | null = null;
  for (const v of vals) {
    const c = v.k === 'module' ? classifyPath(v.path) : null;
    if (!c || (found && (found.cls !== c.cls || found.functional !== c.functional))) return null;
    found = c;
  }
  return found;
}

/**
 * The activation the flattener evaluated this construction in (parameters bound to a caller's
 * arguments), when the model saw it; the function's own otherwise.
 */
function boundActivation(ctx: InspectContext, chunk: Chunk, call: CallExpr, fallback: Activation): Activation {
  const key = siteKey(chunk, call);
  for (const o of ctx.model.optimizers) if (o.site.chunk === chunk && o.site.s === call.s) return o.act;
  for (const b of ctx.model.schedulerBindings) if (b.sched.key === key) return b.sched.act;
  return fallback;
}

function construction(ctx: InspectContext, chunk: Chunk, call: CallExpr, torch: TorchClass, fn: FuncInfo | null): Construction | null {
  const act = boundActivation(ctx, chunk, call, activation(ctx, fn));
  return buildConstruction(ctx, { call, chunk, act }, torch);
}

/** Every optimizer, scheduler and loss the source constructs, in source order. */
export function constructionsOf(ctx: InspectContext): Construction[] {
  ctx.model.ev.resetMemo();
  const out: Construction[] = [];
  for (const chunk of ctx.source.chunks) {
    if (!MAY_NAME.test(chunk.text)) continue;
    for (const { x, fn } of walk(ctx, chunk)) {
      if (x.k !== 'call') continue;
      const torch = classify(ctx, x.fn, chunk, activation(ctx, fn));
      const built = torch ? construction(ctx, chunk, x, torch, fn) : null;
      if (built) out.push(built);
    }
  }
  return out;
}

const METHODS: ReadonlySet<string> = new Set(['zero_grad', 'backward', 'step']);

/** The offset's identifier span: a name, or the attribute part of `a.b`. */
function identifierSpan(x: Expr): { s: number; e: number } | null {
  if (x.k === 'name') return { s: x.s, e: x.e };
  if (x.k === 'attr') return { s: x.attrS, e: x.e };
  return null;
}

/** What a hover at `offset` (into the analysed text) explains, or null. */
export function symbolAt(ctx: InspectContext, offset: number): SymbolTarget | null {
  const chunk = ctx.source.chunks.find((c) => c.start <= offset && offset <= c.end);
  if (!chunk) return null;
  const local = offset - chunk.start;
  ctx.model.ev.resetMemo();
  for (const { x, parent, fn } of walk(ctx, chunk)) {
    const span = identifierSpan(x);
    if (!span || local < span.s || local > span.e) continue;
    const range = ctx.map.range(chunk.start + span.s, chunk.start + span.e, false);
    if (!range) return null;
    const cell = range.cell !== undefined ? { cell: range.cell } : {};
    const call = parent?.k === 'call' && parent.fn === x ? parent : null;
    if (call && x.k === 'attr' && METHODS.has(x.attr)) {
      const method = methodTarget(ctx, chunk, call, x, fn);
      return method ? { ...method, range: range.range, ...cell } : null;
    }
    const torch = classify(ctx, x, chunk, activation(ctx, fn));
    if (!torch) continue; // `optim` in `optim.Adam`: the attribute is the one to explain
    const built = call ? construction(ctx, chunk, call, torch, fn) : null;
    return {
      k: 'class', kind: torch.kind, cls: torch.cls, range: range.range, ...cell,
      ...(torch.functional ? { functional: torch.functional } : {}),
      ...(built ? { construction: built } : {}),
    };
  }
  return null;
}

type MethodName = 'zero_grad' | 'backward' | 'step';

function methodTarget(
  ctx: InspectContext, chunk: Chunk, call: CallExpr, callee: Extract<Expr, { k: 'attr' }>, fn: FuncInfo | null,
): Omit<Extract<SymbolTarget, { k: 'method' }>, 'range' | 'cell'> | null {
  const method = callee.attr as MethodName;
  const name = chunk.text.slice(callee.obj.s, callee.obj.e);
  const loop = whereCalled(ctx.model, chunk, call);
  if (method === 'backward') return { k: 'method', method, receiver: { kind: 'loss', cls: null, name }, loop };
  const vals = ctx.model.ev.expr(callee.obj, chunk, boundActivationOfCall(ctx, chunk, call) ?? activation(ctx, fn));
  const receiver = receiverOf(vals);
  if (!receiver) return null;
  const only = vals.filter((v) => v.k === 'optimizer' || v.k === 'scheduler');
  const built = only.length === 1 && only[0] ? constructionOfValue(ctx, only[0]) : null;
  return { k: 'method', method, receiver: { ...receiver, name }, loop, ...(built ? { construction: built } : {}) };
}

/** The activation of the flattened event for this call, when the model saw it. */
function boundActivationOfCall(ctx: InspectContext, chunk: Chunk, call: CallExpr): Activation | null {
  for (const unit of ctx.model.units) {
    for (const item of unit.items) if (item.kind !== 'loop' && item.site.chunk === chunk && item.site.s === call.s) return item.act;
  }
  return null;
}

/** An optimizer or scheduler all values agree on (a wrapped or unknown one: no class). */
function receiverOf(vals: readonly Val[]): { kind: TorchKind; cls: string | null } | null {
  let kind: TorchKind | null = null;
  const classes = new Set<string>();
  for (const v of vals) {
    if (v.k !== 'optimizer' && v.k !== 'scheduler') continue;
    if (kind && kind !== v.k) return null;
    kind = v.k;
    classes.add(v.cls);
  }
  if (!kind) return null;
  return { kind, cls: classes.size === 1 ? [...classes][0]! : null };
}
