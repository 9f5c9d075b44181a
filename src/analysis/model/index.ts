/**
 * The training-loop model, as rules, the inspector and the hovers see it. Nothing outside
 * `model/` imports a module of it but this one: what is exported here is the model's API.
 */
export { buildModel, type Model } from './build';
export type { OptimizerConstruction, SchedulerBinding } from './flatten';
export { isOptimizer } from './flatten';
export { OPTIMIZERS, OPTIMIZER_MODULES, SCHEDULERS, SCHEDULER_MODULES } from './torch';
export { argument, type Count, type Horizon } from './horizon';
export { rangeCall, type LoopInfo } from './loops';
export { armCondition, moduloGuard } from './conditions';
export { sameArm } from './fold';
export { ModelCache } from './module';
export type { FuncInfo } from './scope';
export type { Event, PathElem, Receiver, StmtRef, Unit } from './units';
export { identity, siteKey, type Activation, type SchedulerVal, type Site, type Val } from './values';
export type { Fed, LossFeed, Origin, Produced } from './losses';
