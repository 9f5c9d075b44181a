/**
 * Construction → the core's spec (`{"type": CLASS, ...torch kwargs}`, as the CLI and the panels read
 * it), for opening a panel with the user's own settings. Only keywords the core knows are carried;
 * an argument whose value is not known is left out (torch's default applies) and listed, so the
 * panel can say so. The panels validate the spec themselves: a bad value is shown, not dropped.
 */
import { OPTIMIZERS, isOptimizerName } from '../../core/optim';
import { SCHEDULERS } from '../../core/schedule';
import { SCHEDULER_TYPES, type SchedulerType } from '../../core/schedule/types';
import type { ArgValue, Construction } from '../symbols';
import { snippet } from '../snippet';

export interface SpecFromCode {
  readonly spec: { readonly type: string; readonly [keyword: string]: unknown };
  /** Arguments as written whose value is not known here (`lr=args.lr`): the default is used. */
  readonly unresolved: readonly { readonly name: string; readonly written: string }[];
}

function isSchedulerType(cls: string): cls is SchedulerType {
  return (SCHEDULER_TYPES as readonly string[]).includes(cls);
}

function known(c: Construction, keywords: ReadonlySet<string>): { kwargs: Record<string, ArgValue>; unresolved: { name: string; written: string }[] } {
  const kwargs: Record<string, ArgValue> = {};
  const unresolved: { name: string; written: string }[] = [];
  for (const a of c.args) {
    if (a.origin === 'default' || !keywords.has(a.name)) continue;
    // Shown in a panel's note: one line, without the comments written inside the argument.
    if (a.value === undefined) unresolved.push({ name: a.name, written: snippet(a.written ?? '', 80) });
    else kwargs[a.name] = a.value;
  }
  return { kwargs, unresolved };
}

/** The optimizer spec (`{type, ...kwargs}`) for one the core simulates, else null. */
export function optimizerSpec(c: Construction): SpecFromCode | null {
  if (c.kind !== 'optimizer' || !isOptimizerName(c.cls)) return null;
  const { kwargs, unresolved } = known(c, new Set(Object.keys(OPTIMIZERS[c.cls].defaults)));
  return { spec: { type: c.cls, ...kwargs }, unresolved };
}

/** The scheduler spec, nested schedulers included; null when a nested one cannot be read. */
export function schedulerSpec(c: Construction): SpecFromCode | null {
  if (c.kind !== 'scheduler' || !isSchedulerType(c.cls)) return null;
  const entry = SCHEDULERS[c.cls];
  const keywords = new Set([...entry.required, ...Object.keys(entry.defaults)]);
  keywords.delete('schedulers');
  const { kwargs, unresolved } = known(c, keywords);
  if (c.cls !== 'SequentialLR' && c.cls !== 'ChainedScheduler') return { spec: { type: c.cls, ...kwargs }, unresolved };
  const inner = c.nested?.map(schedulerSpec);
  if (!inner || inner.some((s) => s === null)) return null;
  const specs = inner as SpecFromCode[];
  return { spec: { type: c.cls, ...kwargs, schedulers: specs.map((s) => s.spec) }, unresolved: [...unresolved, ...specs.flatMap((s) => s.unresolved)] };
}

/** The optimizer's lr as the scheduler's base lr, when the code says it. */
export function baseLrOf(c: Construction): number | undefined {
  const lr = c.optimizer?.args.find((a) => a.name === 'lr');
  return typeof lr?.value === 'number' ? lr.value : undefined;
}

/** Schedulers not passed into another (SequentialLR's parts are shown through it). */
export function outermostSchedulers(all: readonly Construction[]): Construction[] {
  const inner = new Set<string>();
  const key = (c: Construction) => `${c.cell ?? ''}:${c.range.start.line}:${c.range.start.character}`;
  for (const c of all) for (const n of c.nested ?? []) inner.add(key(n));
  return all.filter((c) => c.kind === 'scheduler' && !inner.has(key(c)));
}
