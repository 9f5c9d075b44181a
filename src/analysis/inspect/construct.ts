/**
 * A torch constructor call → a Construction: positional arguments named by torch's signature,
 * each value read as written (a literal), resolved through the model's evaluator (a constant, a
 * tuple of constants, a lambda or a one-line function), or left unresolved; defaults filled in.
 */
import type { CallExpr, DefStmt, Expr } from '../syntax/ir';
import type { Model } from '../model';
import type { TextMap } from '../positions';
import type { Chunk } from '../syntax/source';
import type { Activation, Val } from '../model';
import type { ArgInfo, ArgValue, Construction, SchedulerStepping } from '../symbols';
import type { TorchClass } from './classify';
import { SILENT_PARAMS, signatureOf } from './signatures';
import { steppingOf } from './stepping';

/** Arguments that are the data or the thing configured, not a setting (`params`, `optimizer`). */
const SUBJECTS: ReadonlySet<string> = new Set(['params', 'optimizer', 'input', 'target']);

export interface ConstructContext {
  readonly model: Model;
  readonly map: TextMap;
}

/** Where a construction happens. */
export interface CallSite {
  readonly call: CallExpr;
  readonly chunk: Chunk;
  readonly act: Activation;
}

export function buildConstruction(ctx: ConstructContext, site: CallSite, torch: TorchClass, depth = 0): Construction | null {
  const { call, chunk } = site;
  const sig = signatureOf(torch.kind, torch.cls, torch.functional !== undefined);
  const whole = ctx.map.range(chunk.start + call.s, chunk.start + call.e, false);
  const nameStart = call.fn.k === 'attr' ? call.fn.attrS : call.fn.s;
  const name = ctx.map.range(chunk.start + nameStart, chunk.start + call.fn.e, false);
  if (!whole || !name) return null;
  let opaque = call.star || !sig;
  const given = new Map<string, Expr>();
  if (sig) {
    const positional = call.args.filter((a) => a.k !== 'star');
    positional.forEach((arg, i) => {
      const param = sig.positional[i];
      if (param) given.set(param, arg);
      else opaque = true;
    });
    for (const kw of call.kw) {
      if (sig.positional.includes(kw.name) || sig.keywordOnly.includes(kw.name) || kw.name in sig.defaults) given.set(kw.name, kw.value);
      else opaque = true;
    }
  }
  const args: ArgInfo[] = [];
  let nested: Construction[] | undefined;
  let optimizer: Construction | undefined;
  for (const [param, expr] of given) {
    if (param === 'optimizer' && torch.kind === 'scheduler') optimizer = optimizerOf(ctx, expr, site, depth);
    if (SUBJECTS.has(param)) continue;
    if (param === 'schedulers') {
      nested = nestedSchedulers(ctx, expr, site, depth);
      const written = site.chunk.text.slice(expr.s, expr.e);
      args.push(nested ? { name: param, written, value: nested.map((n) => n.cls), origin: expr.k === 'seq' ? 'literal' : 'constant' } : { name: param, written, origin: 'unresolved' });
      continue;
    }
    args.push(readArg(ctx, param, expr, site, sig?.defaults[param]));
  }
  if (sig) {
    for (const [param, value] of Object.entries(sig.defaults)) {
      if (!given.has(param) && !SILENT_PARAMS.has(param)) args.push({ name: param, written: null, value, origin: 'default' });
    }
  }
  const base = { kind: torch.kind, cls: torch.cls, range: whole.range, nameRange: name.range, args, opaque } as const;
  const stepping: SchedulerStepping | undefined = torch.kind === 'scheduler' && depth === 0 ? steppingOf(ctx.model, chunk, call) : undefined;
  return {
    ...base,
    ...(torch.functional ? { functional: torch.functional } : {}),
    ...(whole.cell !== undefined ? { cell: whole.cell } : {}),
    ...(nested ? { nested } : {}),
    ...(stepping ? { stepping } : {}),
    ...(optimizer ? { optimizer } : {}),
  };
}

/** The construction of the optimizer a scheduler is given, when the argument resolves to one. */
function optimizerOf(ctx: ConstructContext, expr: Expr, site: CallSite, depth: number): Construction | undefined {
  const vals = ctx.model.ev.expr(expr, site.chunk, site.act);
  const opt = vals.length === 1 && vals[0]?.k === 'optimizer' ? vals[0] : null;
  if (!opt || depth > 3) return undefined;
  const made = ctx.model.optimizers.find((o) => o.site.chunk === opt.site.chunk && o.site.s === opt.site.s);
  return buildConstruction(ctx, { call: opt.call, chunk: opt.site.chunk, act: made?.act ?? site.act }, { kind: 'optimizer', cls: opt.cls }, depth + 1) ?? undefined;
}

/** The construction a single optimizer or scheduler value was made by. */
export function constructionOfValue(ctx: ConstructContext, v: Val): Construction | null {
  if (v.k === 'optimizer') {
    const made = ctx.model.optimizers.find((o) => o.site.chunk === v.site.chunk && o.site.s === v.site.s);
    return made ? buildConstruction(ctx, { call: v.call, chunk: v.site.chunk, act: made.act }, { kind: 'optimizer', cls: v.cls }) : null;
  }
  if (v.k === 'scheduler' && v.family === 'torch') return buildConstruction(ctx, { call: v.call, chunk: v.site.chunk, act: v.act }, { kind: 'scheduler', cls: v.cls });
  return null;
}

function readArg(ctx: ConstructContext, name: string, expr: Expr, site: CallSite, fallback: ArgValue | undefined): ArgInfo {
  const written = site.chunk.text.slice(expr.s, expr.e);
  const boolish = typeof fallback === 'boolean';
  const literal = literalValue(expr, site.chunk);
  if (literal !== undefined) return { name, written, value: coerce(literal, boolish), origin: 'literal' };
  const vals = ctx.model.ev.expr(expr, site.chunk, site.act);
  const resolved = valueOf(vals) ?? inertFunction(ctx, expr, vals);
  if (resolved !== undefined) return { name, written, value: coerce(resolved, boolish), origin: 'constant' };
  return { name, written, origin: 'unresolved' };
}

/** Python's bools are ints; the evaluator keeps True as 1, so a boolean parameter gets it back. */
function coerce(v: ArgValue, boolish: boolean): ArgValue {
  return boolish && (v === 0 || v === 1) ? v === 1 : v;
}

/** The value of an expression made only of literals (`3e-4`, `(0.9, 0.999)`, `-1`, a lambda). */
function literalValue(x: Expr, chunk: Chunk): ArgValue | undefined {
  switch (x.k) {
    case 'num':
      return x.v;
    case 'str':
      return x.v;
    case 'const':
      return x.v === 'None' ? null : x.v === 'True';
    case 'unary':
      return x.x.k === 'num' && (x.op === '-' || x.op === '+') ? (x.op === '-' ? -x.x.v : x.x.v) : undefined;
    case 'seq': {
      if (x.kind === 'set') return undefined;
      const items = x.items.map((i) => literalValue(i, chunk));
      return items.every((i): i is ArgValue => i !== undefined) ? items : undefined;
    }
    case 'lambda':
      return chunk.text.slice(x.s, x.e);
    default:
      return undefined;
  }
}

/** One value all of the evaluator's alternatives agree on, as JSON; undefined when unknown. */
function valueOf(vals: readonly Val[]): ArgValue | undefined {
  if (vals.length === 0) return undefined;
  const first = jsonOf(vals[0] as Val);
  if (first === undefined) return undefined;
  const key = JSON.stringify(first);
  for (const v of vals.slice(1)) if (JSON.stringify(jsonOf(v)) !== key) return undefined;
  return first;
}

function jsonOf(v: Val): ArgValue | undefined {
  switch (v.k) {
    case 'num':
      return v.v;
    case 'str':
      return v.v;
    case 'none':
      return null;
    case 'tuple': {
      const items = v.items.map(valueOf);
      return items.every((i): i is ArgValue => i !== undefined) ? items : undefined;
    }
    case 'lambda':
      return v.chunk.text.slice(v.expr.s, v.expr.e);
    case 'func':
      return lambdaOfFunction(v.fn.def, v.fn.chunk);
    default:
      return undefined;
  }
}

/** `def f(epoch): return 0.95 ** epoch` → `lambda epoch: 0.95 ** epoch` (one parameter, one return). */
function lambdaOfFunction(def: DefStmt, chunk: Chunk): string | undefined {
  const [param, ...rest] = def.params;
  const [only, ...more] = def.body.stmts;
  if (!param || param.star || rest.length > 0 || more.length > 0 || only?.k !== 'return' || !only.x) return undefined;
  return `lambda ${param.name}: ${chunk.text.slice(only.x.s, only.x.e)}`;
}

/**
 * A module-level function the model left unparsed (no training vocabulary in it), such as an
 * `lr_lambda` defined with `def`: parsed now, as a lambda.
 */
function inertFunction(ctx: ConstructContext, expr: Expr, vals: readonly Val[]): ArgValue | undefined {
  const only = vals.length === 1 ? vals[0] : undefined;
  if (expr.k !== 'name' || only?.k !== 'symbol' || !only.key.startsWith('inert:')) return undefined;
  const defs = (ctx.model.ev.module.lookup(expr.id, true) ?? []).filter((b) => b.kind === 'def');
  const def = defs.length === 1 && defs[0]?.kind === 'def' ? defs[0].fn : undefined;
  return def ? lambdaOfFunction(def.def, def.chunk) : undefined;
}

/** `schedulers=[warmup, cosine]`: the constructions the list's names and calls resolve to. */
function nestedSchedulers(ctx: ConstructContext, expr: Expr, site: CallSite, depth: number): Construction[] | undefined {
  if (depth > 3) return undefined;
  const items: Val[][] = [];
  if (expr.k === 'seq') for (const item of expr.items) items.push([...ctx.model.ev.expr(item, site.chunk, site.act)]);
  else {
    for (const v of ctx.model.ev.expr(expr, site.chunk, site.act)) if (v.k === 'tuple') for (const item of v.items) items.push([...item]);
  }
  const out: Construction[] = [];
  for (const vals of items) {
    const sched = vals.length === 1 && vals[0]?.k === 'scheduler' && vals[0].family === 'torch' ? vals[0] : null;
    if (!sched) return undefined;
    const built = buildConstruction(ctx, { call: sched.call, chunk: sched.site.chunk, act: sched.act }, { kind: 'scheduler', cls: sched.cls }, depth + 1);
    if (!built) return undefined;
    out.push(built);
  }
  return out;
}
