/**
 * Schedulers a LightningModule hands to Lightning from `configure_optimizers`, and how often
 * Lightning steps them: once per epoch unless the scheduler's config dict says
 * `"interval": "step"` (then after every optimizer step). What the file does not write (a config
 * dict built elsewhere, an `interval` that is not a string literal, a `frequency`, a module that
 * steps its schedulers itself) gives nothing.
 */
import { dotted, forEachBlock, type Block, type Expr, type ExprOf } from '../syntax/ir';
import type { FuncInfo } from './scope';
import type { Evaluator } from './values';
import { siteOf, type Activation, type SchedulerVal, type Site } from './valueTypes';

export type Interval = 'epoch' | 'step';

export interface LightningSchedule {
  /** The scheduler expression in the returned value (where a finding is placed). */
  readonly site: Site;
  readonly text: string;
  readonly scheds: readonly SchedulerVal[];
  readonly interval: Interval;
  /** Given in a config dict (`{"scheduler": s, …}`), not bare. */
  readonly inConfig: boolean;
}

/** Whether the class, or a base class the project shows, names a Lightning module as its base. */
function isLightningModule(ev: Evaluator, fn: FuncInfo): boolean {
  const seen = new Set<object>();
  const visit = (cls: NonNullable<FuncInfo['cls']>): boolean => {
    if (seen.has(cls)) return false;
    seen.add(cls);
    if (cls.stmt.bases.some((b) => /LightningModule$/.test(dotted(b) ?? ''))) return true;
    return ev.bases(cls).some(visit);
  };
  return fn.cls !== null && visit(fn.cls);
}

/** Lightning steps the schedulers itself: automatic optimization, and no hook of its own doing it. */
function lightningSteps(fn: FuncInfo): boolean {
  const cls = fn.cls;
  if (!cls || cls.methods.has('lr_scheduler_step')) return false;
  const text = cls.chunk.text.slice(cls.stmt.s, cls.stmt.e);
  return !/\bautomatic_optimization\s*=\s*False\b/.test(text);
}

function returns(body: Block, out: Expr[]): void {
  for (const s of body.stmts) {
    if (s.k === 'return' && s.x) out.push(s.x);
    if (s.k !== 'def' && s.k !== 'class') forEachBlock(s, (b) => returns(b, out));
  }
}

const strKey = (item: ExprOf<'dict'>['items'][number]): string | null => (item.key?.k === 'str' ? item.key.v : null);

export function lightningSchedules(ev: Evaluator, functions: readonly FuncInfo[], activation: (fn: FuncInfo) => Activation): LightningSchedule[] {
  const out: LightningSchedule[] = [];
  for (const fn of functions) {
    if (fn.name !== 'configure_optimizers' || fn.chunk.file || !isLightningModule(ev, fn) || !lightningSteps(fn)) continue;
    const act = activation(fn);
    const chunk = fn.chunk;
    fn.ensureCollected();
    /**
     * A local name bound once, to a dict display: the config dict it holds. `'mixed'`: a name
     * bound to a dict and to something else (`scheduler = {"scheduler": scheduler, …}`), which
     * one is returned is not read here.
     */
    const localDict = (x: Expr): ExprOf<'dict'> | 'mixed' | null => {
      if (x.k === 'dict') return x;
      if (x.k !== 'name') return null;
      const bindings = fn.scope.bindings.get(x.id) ?? [];
      const dicts = bindings.filter((b) => b.kind === 'assign' && b.value.k === 'dict');
      const only = bindings.length === 1 ? bindings[0] : undefined;
      if (only?.kind === 'assign' && only.path.length === 0 && only.value.k === 'dict') return only.value;
      return dicts.length > 0 ? 'mixed' : null;
    };
    const scheduler = (x: Expr, interval: Interval, inConfig: boolean) => {
      const scheds = ev.expr(x, chunk, act).filter((v): v is SchedulerVal => v.k === 'scheduler');
      if (scheds.length > 0) out.push({ site: siteOf(chunk, x), text: chunk.text.slice(x.s, x.e), scheds, interval, inConfig });
    };
    /** A scheduler config dict (`{"scheduler": s, "interval": "step"}`) or a scheduler. */
    const config = (x: Expr) => {
      const dict = localDict(x);
      if (dict === 'mixed') return;
      if (!dict) return scheduler(x, 'epoch', false);
      const value = (key: string) => dict.items.find((i) => strKey(i) === key)?.value;
      const sched = value('scheduler');
      const interval = value('interval');
      if (!sched || dict.items.some((i) => i.key === null || strKey(i) === 'frequency')) return;
      if (interval && (interval.k !== 'str' || (interval.v !== 'step' && interval.v !== 'epoch'))) return;
      scheduler(sched, interval?.k === 'str' ? (interval.v as Interval) : 'epoch', true);
    };
    /** What `configure_optimizers` returns: optimizers, lists of schedulers, or dicts of both. */
    const returned = (x: Expr, depth: number): void => {
      if (depth > 3) return;
      if (x.k === 'seq') {
        for (const item of x.items) returned(item, depth + 1);
        return;
      }
      const dict = localDict(x);
      if (dict === 'mixed') return;
      if (dict?.items.some((i) => strKey(i) === 'optimizer')) {
        const sched = dict.items.find((i) => strKey(i) === 'lr_scheduler')?.value;
        if (sched) config(sched);
        return;
      }
      config(x);
    };
    const found: Expr[] = [];
    returns(fn.def.body, found);
    for (const x of found) returned(x, 0);
  }
  return out;
}
