/**
 * Every torch.optim.lr_scheduler class by name: torch's defaults, the keyword validation, and the
 * constructor that reproduces torch's effect on the optimizer.
 */
import { SpecError } from '../errors';
import { expectObject, expectOneOf } from '../spec';
import { chainedScheduler, type ChainedSchedulerConfig } from './chainedScheduler';
import { constantLR, type ConstantLRConfig } from './constantLR';
import { cosineAnnealingLR, type CosineAnnealingLRConfig } from './cosineAnnealingLR';
import { cosineAnnealingWarmRestarts, type CosineAnnealingWarmRestartsConfig } from './cosineAnnealingWarmRestarts';
import { cyclicLR, type CyclicLRConfig } from './cyclicLR';
import { exponentialLR, type ExponentialLRConfig } from './exponentialLR';
import { lambdaLR, type LambdaLRConfig } from './lambdaLR';
import { linearLR, type LinearLRConfig } from './linearLR';
import { multiplicativeLR, type MultiplicativeLRConfig } from './multiplicativeLR';
import { multiStepLR, type MultiStepLRConfig } from './multiStepLR';
import { oneCycleLR, type OneCycleLRConfig } from './oneCycleLR';
import { polynomialLR, type PolynomialLRConfig } from './polynomialLR';
import { reduceLROnPlateau, type ReduceLROnPlateauConfig } from './reduceLROnPlateau';
import { sequentialLR, type SequentialLRConfig } from './sequentialLR';
import { stepLR, type StepLRConfig } from './stepLR';
import { SCHEDULER_TYPES, type ParamGroup, type Scheduler, type SchedulerEntry, type SchedulerType } from './types';

/** A validated scheduler spec: torch's keywords with defaults filled in, lambdas compiled. */
export type SchedulerConfig =
  | LambdaLRConfig
  | MultiplicativeLRConfig
  | StepLRConfig
  | MultiStepLRConfig
  | ConstantLRConfig
  | LinearLRConfig
  | ExponentialLRConfig
  | PolynomialLRConfig
  | CosineAnnealingLRConfig
  | CosineAnnealingWarmRestartsConfig
  | CyclicLRConfig
  | OneCycleLRConfig
  | ReduceLROnPlateauConfig
  | SequentialLRConfig
  | ChainedSchedulerConfig;

export const SCHEDULERS: { readonly [K in SchedulerType]: SchedulerEntry<Extract<SchedulerConfig, { readonly type: K }>> } = {
  LambdaLR: lambdaLR,
  MultiplicativeLR: multiplicativeLR,
  StepLR: stepLR,
  MultiStepLR: multiStepLR,
  ConstantLR: constantLR,
  LinearLR: linearLR,
  ExponentialLR: exponentialLR,
  PolynomialLR: polynomialLR,
  CosineAnnealingLR: cosineAnnealingLR,
  CosineAnnealingWarmRestarts: cosineAnnealingWarmRestarts,
  CyclicLR: cyclicLR,
  OneCycleLR: oneCycleLR,
  ReduceLROnPlateau: reduceLROnPlateau,
  SequentialLR: sequentialLR,
  ChainedScheduler: chainedScheduler,
};

function entryFor(type: SchedulerType): SchedulerEntry<SchedulerConfig> {
  // The mapped type guarantees SCHEDULERS[type] handles exactly the config of that type.
  return SCHEDULERS[type] as SchedulerEntry<SchedulerConfig>;
}

/** Validates `{"type": CLASS, ...torch kwargs}`; every problem is a SpecError naming `field.keyword`. */
export function validateScheduler(spec: unknown, field: string): SchedulerConfig {
  const obj = expectObject(spec, field);
  const typeField = field ? `${field}.type` : 'type';
  if (obj.type === undefined) throw new SpecError(typeField, `missing; expected one of ${SCHEDULER_TYPES.join(', ')}`);
  const type = expectOneOf(obj.type, typeField, SCHEDULER_TYPES);
  return entryFor(type).validate(obj, field, validateScheduler);
}

/** Constructs the scheduler on `group` as torch would: constructors of inner schedulers step the shared optimizer. */
export function createScheduler(group: ParamGroup, config: SchedulerConfig, path: string): Scheduler {
  return entryFor(config.type).create(group, config, path, createScheduler);
}
