/** torch.optim.lr_scheduler in the pure core: every class, torch-exact in float64. */
export { SCHEDULERS, validateScheduler, createScheduler, type SchedulerConfig } from './registry';
export { SCHEDULER_TYPES, ParamGroup, type SchedulerType, type Scheduler, type SchedulerEntry } from './types';
export { ScheduleInstance, traceSchedule, type ScheduleTrace } from './instance';
export { parseScheduleSpec, runSchedule, runScheduleJson, simulateSchedule, MAX_CASES, type ScheduleSpec, type ScheduleOutput } from './run';
export { parseLambda, pyRepr, CompiledLambda, MAX_LAMBDA_LENGTH, type PyValue } from './lambda';
