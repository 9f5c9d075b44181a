/**
 * The object model the schedulers share. torch's schedulers are not pure functions of the step: they
 * read and write `optimizer.param_groups` (lr, momentum, initial_lr, OneCycleLR's max_lr…), the
 * constructors of composites' inner schedulers each take a step on the shared optimizer, and
 * SequentialLR rewinds `last_epoch` and re-runs `_initial_step()`. Mirroring that state, rather than
 * closed forms, is what makes the numbers torch's, including its quirks.
 */
import { SpecError } from '../errors';
import type { JsonObject } from '../spec';
import { Kwargs } from './kwargs';
import { LambdaBudget } from './lambda';
import { PythonError } from './python';
import type { SchedulerConfig } from './registry';
import { SCHEDULER_CLASSES } from '../torch/schedulers';

/** Every torch.optim.lr_scheduler class, from the torch facts, in the order the panels offer them. */
export const SCHEDULER_TYPES = SCHEDULER_CLASSES;

export type SchedulerType = (typeof SCHEDULER_TYPES)[number];

/** `optimizer.param_groups[0]` of `SGD(lr=base_lr, momentum=0.9)`: the state every scheduler on the optimizer shares. */
export class ParamGroup {
  lr: number;
  momentum = 0.9;
  /** Set by the first scheduler constructed (`setdefault`), overwritten by OneCycleLR. */
  initialLr: number | undefined = undefined;
  // OneCycleLR keeps these on the param group, so every OneCycleLR on the optimizer reads the last one's.
  maxLr = NaN;
  minLr = NaN;
  maxMomentum = NaN;
  baseMomentum = NaN;

  /**
   * @param lambdaBudget what the trace's lambdas may still spend: shared by every scheduler on the
   *   optimizer (SequentialLR's parts), and by a CLI batch's cases.
   */
  constructor(
    lr: number,
    readonly lambdaBudget = new LambdaBudget(),
  ) {
    this.lr = lr;
  }
}

/** Anything `scheduler.step()` can be called on. */
export interface Scheduler {
  readonly type: SchedulerType;
  /** `scheduler.step()`; ReduceLROnPlateau reads `metric` (`scheduler.step(metric)`). */
  step(metric?: number): void;
}

/** A torch `_LRScheduler` as SequentialLR sees it: `last_epoch`, `_initial_step()` and `step(epoch)`. */
export interface EpochScheduler extends Scheduler {
  lastEpoch: number;
  initialStep(): void;
  stepAt(epoch: number): void;
}

export function isEpochScheduler(scheduler: Scheduler): scheduler is EpochScheduler {
  return 'lastEpoch' in scheduler && 'stepAt' in scheduler;
}

/** A Python exception raised inside a scheduler, as a SpecError naming the scheduler (and keyword) at fault. */
export function schedulerError(error: unknown, path: string, type: SchedulerType, lastEpoch: number): unknown {
  if (!(error instanceof PythonError)) return error;
  return new SpecError(error.hint ? `${path}.${error.hint}` : path, `torch's ${type} raises ${error.pyType}: ${error.detail} (at last_epoch = ${lastEpoch})`);
}

/**
 * torch's `_LRScheduler`: the constructor records `initial_lr` and the base lr, then performs the
 * initial step (last_epoch -1 → 0). Subclasses set their fields and call `initialStep()` last.
 */
export abstract class LRScheduler implements EpochScheduler {
  abstract readonly type: SchedulerType;
  lastEpoch = -1;
  /** `_step_count`: CosineAnnealingLR's first-step branch reads it. */
  protected stepCount = 0;
  protected baseLr: number;

  constructor(
    protected readonly group: ParamGroup,
    protected readonly path: string,
  ) {
    group.initialLr ??= group.lr;
    this.baseLr = group.initialLr;
  }

  initialStep(): void {
    this.stepCount = 0;
    this.step();
  }

  step(): void {
    this.stepCount += 1;
    this.lastEpoch += 1;
    this.group.lr = this.compute(false);
  }

  /** `step(epoch)`: sets last_epoch and uses the closed form where torch defines one (SequentialLR's step(0)). */
  stepAt(epoch: number): void {
    this.stepCount += 1;
    this.lastEpoch = epoch;
    this.group.lr = this.compute(true);
  }

  protected compute(closedForm: boolean): number {
    try {
      return closedForm && this.closedFormLr ? this.closedFormLr() : this.getLr();
    } catch (error) {
      throw schedulerError(error, this.path, this.type, this.lastEpoch);
    }
  }

  /** torch's chainable `get_lr()` for the one param group. */
  protected abstract getLr(): number;
  /** torch's `_get_closed_form_lr()`, for the classes that define it. */
  protected closedFormLr?(): number;
}

/** Validates a nested scheduler spec (composites use it for `schedulers[i]`). */
export type NestedValidator = (spec: unknown, field: string) => SchedulerConfig;
/** Constructs a nested scheduler on the shared param group, torch's constructor steps included. */
export type NestedFactory = (group: ParamGroup, config: SchedulerConfig, path: string) => Scheduler;

export interface SchedulerEntry<C extends { readonly type: SchedulerType }> {
  /** torch's keyword defaults; required keywords are absent here and listed in `required`. */
  readonly defaults: Readonly<Record<string, unknown>>;
  readonly required: readonly string[];
  /** Checks torch's keywords (`spec` includes `"type"`) into a config; SpecError names the field. */
  validate(spec: JsonObject, field: string, nested: NestedValidator): C;
  /** Constructs the scheduler on `group` exactly as torch's constructor would, initial step included. */
  create(group: ParamGroup, config: C, path: string, nested: NestedFactory): Scheduler;
}

/** How a scheduler module describes itself; `defineScheduler` turns it into a registry entry. */
export interface SchedulerDefinition<C extends { readonly type: SchedulerType }> {
  readonly type: C['type'];
  readonly defaults: Readonly<Record<string, unknown>>;
  readonly required?: readonly string[];
  /** Reads the keywords (unknown ones already refused, defaults already known to `kw`). */
  read(kw: Kwargs, nested: NestedValidator): C;
  create(group: ParamGroup, config: C, path: string, nested: NestedFactory): Scheduler;
}

export function defineScheduler<C extends { readonly type: SchedulerType }>(definition: SchedulerDefinition<C>): SchedulerEntry<C> {
  const required = definition.required ?? [];
  return {
    defaults: definition.defaults,
    required,
    validate: (spec, field, nested) => definition.read(new Kwargs(spec, field, definition.type, definition.defaults, required), nested),
    create: (group, config, path, nested) => definition.create(group, config, path, nested),
  };
}
