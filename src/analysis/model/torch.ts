/**
 * What the analyser knows about PyTorch and the libraries around it: class names, factory names
 * and the naming conventions training code uses. Everything here is a fact or a convention; the
 * decisions are made in the model and the rules. The torch classes and their modules are the torch
 * facts' (src/core/torch), as sets for the model's lookups.
 */
import {
  OPTIMIZER_BASE_CLASSES, OPTIMIZER_BASE_MODULES, SCHEDULER_BASE_CLASSES,
  OPTIMIZER_CLASSES, OPTIMIZER_MODULES as OPTIMIZER_MODULE_NAMES, SCHEDULER_CLASSES, SCHEDULER_MODULES as SCHEDULER_MODULE_NAMES,
  STEP_SCHEDULE_FACTORIES as STEP_SCHEDULE_FACTORY_NAMES, STEP_SCHEDULE_MODULES as STEP_SCHEDULE_MODULE_NAMES,
  LEGACY_WARMUP_MODULES as LEGACY_WARMUP_MODULE_NAMES, LEGACY_WARMUP_SCHEDULES,
} from '../../core/torch';

/** `torch.optim` optimizer classes (every one the torch facts list, simulated or not). */
export const OPTIMIZERS: ReadonlySet<string> = new Set(OPTIMIZER_CLASSES);

/** `torch.optim.lr_scheduler` classes. */
export const SCHEDULERS: ReadonlySet<string> = new Set(SCHEDULER_CLASSES);

/**
 * transformers / diffusers schedule factories (`transformers.optimization`): LambdaLR schedules
 * whose horizon is `num_training_steps`, i.e. optimizer steps.
 */
export const STEP_SCHEDULE_FACTORIES: ReadonlySet<string> = new Set(STEP_SCHEDULE_FACTORY_NAMES);

/** Where a name from OPTIMIZERS means torch's optimizer (the facts say why these). */
export const OPTIMIZER_MODULES: ReadonlySet<string> = new Set(OPTIMIZER_MODULE_NAMES);
/**
 * What deriving from a torch class makes a same-project class: an optimizer (from `Optimizer` or a
 * torch optimizer), a scheduler (from `LRScheduler`/`_LRScheduler` or a torch scheduler), else null.
 * `path` is the base's dotted path (`torch.optim.Optimizer`; a bare name when nothing binds it).
 */
export function torchBaseKind(path: string): 'optimizer' | 'scheduler' | null {
  const dot = path.lastIndexOf('.');
  const module = dot < 0 ? '' : path.slice(0, dot);
  const name = path.slice(dot + 1);
  if ((OPTIMIZERS.has(name) || OPTIMIZER_BASE.has(name)) && OPTIMIZER_BASE_MODULE.has(module)) return 'optimizer';
  if ((SCHEDULERS.has(name) || SCHEDULER_BASE.has(name)) && SCHEDULER_MODULES.has(module)) return 'scheduler';
  return null;
}
const OPTIMIZER_BASE: ReadonlySet<string> = new Set(OPTIMIZER_BASE_CLASSES);
const OPTIMIZER_BASE_MODULE: ReadonlySet<string> = new Set(OPTIMIZER_BASE_MODULES);
const SCHEDULER_BASE: ReadonlySet<string> = new Set(SCHEDULER_BASE_CLASSES);

/** Where a name from SCHEDULERS means torch's scheduler (same reasoning). */
export const SCHEDULER_MODULES: ReadonlySet<string> = new Set(SCHEDULER_MODULE_NAMES);
export const STEP_SCHEDULE_MODULES: ReadonlySet<string> = new Set(STEP_SCHEDULE_MODULE_NAMES);

/** pytorch_transformers' warmup schedules, with the argument that sets their horizon (optimizer steps). */
export const LEGACY_WARMUP: ReadonlyMap<string, readonly [string, number]> = new Map(Object.entries(LEGACY_WARMUP_SCHEDULES));
export const LEGACY_WARMUP_MODULES: ReadonlySet<string> = new Set(LEGACY_WARMUP_MODULE_NAMES);

/** Calls that return their arguments wrapped one-to-one: `model, opt = accelerator.prepare(model, opt)`. */
export const PASSTHROUGH_WRAPPERS: ReadonlySet<string> = new Set(['prepare', 'setup', 'initialize']);

/** Engines that own backward, step and gradient clearing; their results are not torch optimizers. */
export const ENGINE_MODULES = /(?:^|\.)deepspeed(?:\.|$)/;

/** Names of functions that clear gradients whatever they are called on. */
export const ZERO_GRAD_NAMES: ReadonlySet<string> = new Set([
  'zero_grad', 'zero_grads', 'zero_gradients', 'clear_grad', 'clear_grads', 'clear_gradients',
  'reset_grad', 'reset_grads', 'set_grads_to_none',
]);

/** In-place methods that, called on a `.grad` tensor, clear or overwrite it. */
export const GRAD_CLEARING_METHODS: ReadonlySet<string> = new Set([
  'zero_', 'fill_', 'mul_', 'copy_', 'set_', 'detach_', 'requires_grad_', 'resize_',
]);

/** Calls that take an optimizer but never touch its gradients. */
export const BENIGN_OPTIMIZER_USERS: ReadonlySet<string> = new Set([
  'unscale_', 'scale_loss', 'prepare', 'setup', 'initialize', 'print', 'len', 'isinstance', 'type',
  'id', 'getattr', 'hasattr', 'setattr', 'repr', 'str', 'format', 'append', 'extend', 'add',
  'state_dict', 'load_state_dict', 'save', 'log', 'info', 'debug', 'warning', 'get_lr',
  'get_last_lr', 'clip_grad_norm_', 'clip_grad_value_', 'clip_gradients',
]);

/**
 * Methods a framework base class provides that never clear gradients; an unresolved `self.x()` with
 * another name may be a base-class hook that does.
 */
export const BENIGN_SELF_METHODS: ReadonlySet<string> = new Set([
  'log', 'log_dict', 'print', 'optimizers', 'lr_schedulers', 'toggle_optimizer', 'untoggle_optimizer',
  'clip_gradients', 'save_hyperparameters', 'train', 'eval', 'to', 'cuda', 'cpu', 'parameters',
  'named_parameters', 'state_dict', 'load_state_dict', 'forward', 'modules', 'children', 'apply',
  'register_buffer', 'all_gather', 'manual_backward', 'backward', 'step', 'zero_grad',
]);

/** Base classes whose methods never clear gradients except by `zero_grad` (nn.*, LightningModule, object). */
export const KNOWN_BASES = /^(?:object|(?:torch\.)?nn\.\w+|Module|(?:pl\.|L\.|lightning\.(?:pytorch\.)?|pytorch_lightning\.)?LightningModule|ABC|Exception|Dataset|IterableDataset|(?:data\.|torch\.utils\.data\.)\w*Dataset)$/;

/** Names used for optimizers (`optimizer`, `opt_g`, `optimizerD`, `g_opt`, `optim`). */
export function looksLikeOptimizer(name: string): boolean {
  return /optim/i.test(name) || /^opt(?:[_\dA-Z]|$)/.test(name) || /(?:^|_)opt$/i.test(name);
}

/** Iterables that yield batches (`train_loader`, `dataloader`, `batches`, `data_iter`). */
export function looksLikeLoader(name: string): boolean {
  return /loader|batches|(?:^|_)(?:dl|ds|iter|iterator|dataset|data)$|^(?:data|batch)_?iter/i.test(name);
}

/** Loop variables of batch loops (`for inputs, labels in ...`, `for batch in ...`). */
export function looksLikeBatchVariable(name: string): boolean {
  return /^(?:batch(?:_idx|_id|_i|_data)?|inputs?|images?|imgs?|targets?|labels?|samples?|x_batch|y_batch|xb|yb|src|tgt)$/i.test(name);
}

/** Counts of optimizer steps (`num_training_steps`, `steps_per_epoch`, `max_iters`, `len_loader`). */
export function looksLikeStepCount(name: string): boolean {
  return (
    // steps_per_epoch, num_steps_epoch, batches_in_epoch: a count of steps within an epoch.
    /(?:steps|iters|iterations|batches|updates)_?(?:per_?|in_?(?:an?_?|one_?|each_?)?)?epoch/i.test(name) ||
    /(?:^|_)(?:num|n|nb|max|total|training|train|warmup|num_warmup|num_training|max_train|num_train|total_training|num_update|total_update)_(?:training_|train_|update_)?(?:steps|iters?|iterations|batches|updates)(?:_per_epoch)?$/i.test(name) ||
    /^(?:num|n|nb|total|max)(?:steps|iters|batches)$/i.test(name) ||
    /(?:^|_)(?:iters?|iterations|niters?)$/i.test(name) ||
    /(?:^|_)epoch_?(?:len|length|size|iters|steps|batches)(?:$|_)/i.test(name)
  );
}

/** Counts of epochs (`epochs`, `num_epochs`, `args.max_epoch`, `warmup_epochs`). */
export function looksLikeEpochCount(name: string): boolean {
  return /epoch/i.test(name) && !looksLikeStepCount(name);
}

/** Names of epoch loop variables. */
export function looksLikeEpochVariable(name: string): boolean {
  return /epoch/i.test(name) || /^(?:ep|e|ep_idx)$/i.test(name);
}
