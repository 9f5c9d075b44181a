/**
 * The torch facts: each torch class the project knows is one entry here (name, kind, where it is
 * imported from, its signature with torch's defaults, the panel's help keys). The core's
 * simulations, the analyser's sets, regexes and signatures, the documentation catalog's checks and
 * the panels' strings are all derived from these tables, so adding a class is one entry. Pure: no
 * analysis, no vscode.
 */
export type { FactValue, LossFact, OptimizerFact, SchedulerFact, TorchKind } from './types';
export { helpKeys } from './types';
export {
  OPTIMIZER_BASE_CLASSES, OPTIMIZER_BASE_MODULES, OPTIMIZER_CLASSES, OPTIMIZER_FACTS, OPTIMIZER_MODULES, SIMULATED_OPTIMIZERS, type OptimizerClass, type SimulatedOptimizer,
} from './optimizers';
export {
  SCHEDULER_BASE_CLASSES, SCHEDULER_CLASSES, SCHEDULER_FACTS, SCHEDULER_MODULES, STEP_SCHEDULE_FACTORIES, STEP_SCHEDULE_MODULES, type SchedulerClass,
  LEGACY_WARMUP_MODULES, LEGACY_WARMUP_SCHEDULES,
} from './schedulers';
export { FUNCTIONAL_MODULES, LOSS_CLASSES, LOSS_FACTS, LOSS_MODULES, type LossClass } from './losses';
export { KEYWORD_HELP, KEYWORD_KEYS, OPTIMIZER_KEYWORDS, type OptimizerKeyword } from './keywords';
export { classNamePattern } from './patterns';
export {
  ACTIVATION_FUNCTION_MODULES, ACTIVATION_FUNCTIONS, ACTIVATION_METHODS, ACTIVATION_MODULES, LAYER_MODULES, LOSS_INPUTS,
  type ClassificationLoss, type OutputActivation,
} from './activations';
