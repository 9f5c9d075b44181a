/**
 * What a scheduler's horizon counts: epochs (`T_max=num_epochs`), optimizer steps
 * (`len(train_loader) * epochs`, `num_training_steps`) or something we cannot tell (a literal, an
 * unknown name). Only names and `len(...)` decide: `T_max=200` could be either, so it stays unknown.
 */
import type { CallExpr, Expr } from '../syntax/ir';
import { lastName } from '../syntax/ir';
import type { Chunk } from '../syntax/source';
import { lookup } from './scope';
import { LEGACY_WARMUP, looksLikeEpochCount, looksLikeStepCount } from './torch';
import type { Activation, Evaluator, SchedulerVal } from './values';

export type Count = 'epoch' | 'batch' | 'literal' | 'unknown';

export interface Horizon {
  readonly count: Count;
  /** The argument that sets the horizon, for messages and related locations. */
  readonly arg: Expr | null;
}

/** Which argument of each scheduler sets its horizon: keyword name and positional index. */
const HORIZON_ARG: Readonly<Record<string, readonly [string, number]>> = {
  StepLR: ['step_size', 1],
  MultiStepLR: ['milestones', 1],
  ConstantLR: ['total_iters', 2],
  LinearLR: ['total_iters', 3],
  PolynomialLR: ['total_iters', 1],
  CosineAnnealingLR: ['T_max', 1],
  CosineAnnealingWarmRestarts: ['T_0', 1],
  CyclicLR: ['step_size_up', 3],
  OneCycleLR: ['total_steps', 2],
  SequentialLR: ['milestones', 2],
};

export function argument(call: CallExpr, keyword: string, position: number): Expr | null {
  const kw = call.kw.find((k) => k.name === keyword);
  if (kw) return kw.value;
  if (call.args.slice(0, position + 1).some((a) => a.k === 'star')) return null;
  return call.args[position] ?? null;
}

export class HorizonClassifier {
  constructor(private readonly ev: Evaluator) {}

  of(s: SchedulerVal): Horizon {
    const call = s.call;
    const chunk = s.site.chunk;
    if (s.family === 'steps') {
      // transformers' num_training_steps (t_total for the old warmup classes): steps unless it is
      // visibly a number of epochs.
      const [keyword, position] = LEGACY_WARMUP.get(s.cls) ?? ['num_training_steps', s.cls === 'get_scheduler' ? 3 : 2];
      const arg = argument(call, keyword, position);
      const count = arg ? this.count(arg, chunk, s.act) : 'unknown';
      return { count: count === 'epoch' ? 'epoch' : 'batch', arg };
    }
    switch (s.cls) {
      case 'OneCycleLR': {
        const total = argument(call, 'total_steps', 2);
        if (total) return { count: this.count(total, chunk, s.act) === 'epoch' ? 'epoch' : 'batch', arg: total };
        const perEpoch = argument(call, 'steps_per_epoch', 4);
        if (perEpoch?.k === 'num' && perEpoch.v === 1) return { count: 'epoch', arg: perEpoch };
        return { count: 'batch', arg: perEpoch ?? argument(call, 'epochs', 3) };
      }
      case 'CyclicLR': {
        const up = argument(call, 'step_size_up', 3);
        return { count: up && this.count(up, chunk, s.act) === 'epoch' ? 'epoch' : 'batch', arg: up };
      }
      case 'SequentialLR':
      case 'ChainedScheduler':
        return this.composite(s);
      default: {
        const spec = HORIZON_ARG[s.cls];
        if (!spec) return { count: 'unknown', arg: null };
        const arg = argument(call, spec[0], spec[1]);
        return { count: arg ? this.count(arg, chunk, s.act) : 'unknown', arg };
      }
    }
  }

  /** SequentialLR/ChainedScheduler: their children, and SequentialLR's milestones, must agree. */
  private composite(s: SchedulerVal): Horizon {
    const counts: Count[] = [];
    const milestones = s.cls === 'SequentialLR' ? argument(s.call, 'milestones', 2) : null;
    if (milestones) counts.push(this.count(milestones, s.site.chunk, s.act));
    const children = argument(s.call, 'schedulers', s.cls === 'SequentialLR' ? 1 : 0);
    if (children) {
      for (const v of this.ev.expr(children, s.site.chunk, s.act)) {
        if (v.k !== 'tuple') continue;
        for (const item of v.items) {
          const scheds = item.filter((x): x is SchedulerVal => x.k === 'scheduler');
          for (const child of scheds) counts.push(this.of(child).count);
          if (scheds.length === 0) counts.push('unknown');
        }
      }
    }
    const real = counts.filter((c) => c !== 'literal');
    if (real.length > 0 && real.every((c) => c === 'batch')) return { count: 'batch', arg: milestones };
    if (real.length > 0 && real.every((c) => c === 'epoch')) return { count: 'epoch', arg: milestones };
    return { count: 'unknown', arg: milestones };
  }

  /** What `x` counts, following names to their assignments. */
  count(x: Expr, chunk: Chunk, act: Activation, depth = 0): Count {
    if (depth > 6) return 'unknown';
    switch (x.k) {
      case 'num':
        return 'literal';
      case 'name':
      case 'attr': {
        const name = lastName(x) ?? '';
        if (looksLikeStepCount(name)) return 'batch';
        if (looksLikeEpochCount(name)) return 'epoch';
        if (x.k === 'name') return this.followName(x.id, chunk, act, depth);
        // `args.step_size`: a command-line default (model/argparse.ts) is a literal like any other.
        const vals = this.ev.expr(x, chunk, act);
        return vals.length === 1 && vals[0]?.k === 'num' ? 'literal' : 'unknown';
      }
      case 'call': {
        const fn = lastName(x.fn);
        if (fn === 'len') return 'batch';
        if (fn && /^(?:int|float|round|ceil|floor|max|min|abs|sum)$/.test(fn) && x.args.length > 0) {
          return combineAll(x.args.map((a) => this.count(a, chunk, act, depth + 1)));
        }
        return 'unknown';
      }
      case 'bin': {
        const l = this.count(x.l, chunk, act, depth + 1);
        const r = this.count(x.r, chunk, act, depth + 1);
        if (x.op === '/' || x.op === '//') {
          if (l === 'batch') return 'batch';
          if (l === 'epoch' && (r === 'literal' || r === 'unknown')) return 'epoch';
          return l === 'literal' && r === 'literal' ? 'literal' : 'unknown';
        }
        if (x.op === '*' || x.op === '+' || x.op === '-') return combineAll([l, r]);
        return 'unknown';
      }
      case 'unary':
        return this.count(x.x, chunk, act, depth + 1);
      case 'seq':
        return x.items.length === 0 ? 'unknown' : combineAll(x.items.map((i) => this.count(i, chunk, act, depth + 1)));
      case 'ifexp': {
        const a = this.count(x.body, chunk, act, depth + 1);
        return a === this.count(x.orelse, chunk, act, depth + 1) ? a : 'unknown';
      }
      default:
        return 'unknown';
    }
  }

  private followName(name: string, chunk: Chunk, act: Activation, depth: number): Count {
    const scope = act.scope ?? this.ev.module.scope;
    const found = lookup(name, scope, (n) => this.ev.module.lookup(n));
    if (!found) return 'unknown';
    const counts: Count[] = [];
    for (const b of found.bindings) {
      if (b.kind !== 'assign' || b.path.length > 0) return 'unknown';
      counts.push(this.count(b.value, b.chunk, act, depth + 1));
    }
    const first = counts[0];
    return first !== undefined && counts.every((c) => c === first) ? first : 'unknown';
  }
}

/** Combines the counts of the parts of a product/sum/list: a step count anywhere wins. */
function combineAll(counts: readonly Count[]): Count {
  if (counts.includes('batch')) return 'batch';
  if (counts.includes('unknown')) return 'unknown';
  if (counts.includes('epoch')) return 'epoch';
  return 'literal';
}
