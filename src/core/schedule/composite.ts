/** What SequentialLR and ChainedScheduler share: reading `schedulers`, a list of nested scheduler specs. */
import { SpecError, specError } from '../errors';
import { expectArray } from '../spec';
import type { Kwargs } from './kwargs';
import { MAX_NESTING } from './nesting';
import type { SchedulerConfig } from './registry';
import type { NestedFactory, NestedValidator, ParamGroup, Scheduler, SchedulerType } from './types';

/**
 * Validates `schedulers`: a non-empty list of nested specs, none of the given types. torch 2.x
 * refuses ReduceLROnPlateau in composites outright; 1.13 fails later, at a step.
 */
export function readSchedulers(kw: Kwargs, owner: SchedulerType, nested: NestedValidator, refused: Partial<Record<SchedulerType, string>>): readonly SchedulerConfig[] {
  const field = kw.path('schedulers');
  if (field.split('.schedulers[').length > MAX_NESTING) throw specError(field, 'nestedTooDeep', { limit: MAX_NESTING });
  const list = expectArray(kw.raw('schedulers'), field);
  if (list.length === 0) throw new SpecError(field, `${owner} expects at least one scheduler`);
  if (list.length > 1000) throw new SpecError(field, `at most 1000 schedulers, got ${list.length}`);
  return list.map((spec, i) => {
    const config = nested(spec, `${field}[${i}]`);
    const reason = refused[config.type];
    if (reason !== undefined) throw new SpecError(`${field}[${i}].type`, reason);
    return config;
  });
}

/** Constructs the inner schedulers in order; each constructor takes its initial step on the shared optimizer. */
export function createSchedulers(group: ParamGroup, configs: readonly SchedulerConfig[], path: string, nested: NestedFactory): Scheduler[] {
  return configs.map((config, i) => nested(group, config, `${path}.schedulers[${i}]`));
}

export const PLATEAU_REFUSAL =
  'ReduceLROnPlateau cannot be combined: its step() needs a metric (torch 2.x raises ValueError; 1.13 raises TypeError at the first step)';
