/**
 * Every user-visible English template the analyser produces. Templates use named placeholders
 * (`{optimizer}`) filled from a Message's `args`; values are never baked into a template, so the
 * host can translate the template text itself (it is the l10n key).
 */
import type { Message } from '../types';
import { fillTemplate } from '../../core/template';

export const MSG = {
  OL001: 'Gradients of {optimizer} are never cleared in this loop: every backward pass adds to the gradients of earlier iterations, so {optimizer}.step() applies their running sum. Call {optimizer}.zero_grad() once per iteration, before the backward pass.',
  OL001_branch: 'Gradients of {optimizer} are cleared on another branch of this iteration but never on the path that reaches this {optimizer}.step(): when this branch runs, every backward pass adds to the gradients of earlier iterations and the step applies their running sum. Call {optimizer}.zero_grad() on this branch too, or once before the if.',
  OL001_backward: 'Backward pass whose gradients pile up across iterations',
  OL001_loop: 'Loop that repeats backward and step without clearing gradients',
  OL002: '{call} clears the gradients of the backward pass before {optimizer}.step() uses them: the step sees zero gradients and the weights do not learn from this batch. Clear gradients before the backward pass or after the step.',
  OL002_backward: 'Backward pass whose gradients are cleared before the step',
  OL002_step: 'Step that runs on cleared gradients',
  OL003: '{scheduler}.step() runs before {optimizer}.step() in the same iteration: the learning rate moves on before the optimizer has used it, so the first value of the schedule is skipped (PyTorch warns about this). Call {scheduler}.step() after {optimizer}.step().',
  OL003_epoch: '{scheduler}.step({epoch}) runs before {optimizer}.step() in the same epoch: passing the epoch is deprecated, and called at the top of the epoch it moves the learning rate to the next epoch\'s value before training on this one, so every milestone and decay lands one epoch early (PyTorch warns about the order). Call {scheduler}.step() without the epoch after the epoch\'s optimizer steps.',
  OL003_step: 'Optimizer step that should come first',
  OL004: '{scheduler} ({class}) counts its horizon in epochs ({horizon}) but {scheduler}.step() runs once per batch: the schedule moves as many times too fast as an epoch has batches and plays out within the first epoch or so (a step decay then keeps shrinking the learning rate towards zero; a cosine climbs back up and cycles). Call {scheduler}.step() once per epoch, after the batch loop.',
  OL004_accumulated: '{scheduler} ({class}) counts its horizon in epochs ({horizon}) but {scheduler}.step() runs every {every} batches, with each accumulated optimizer step: the schedule moves (batches per epoch / {every}) times too fast and plays out within the first epochs (a step decay then keeps shrinking the learning rate towards zero; a cosine climbs back up and cycles). Call {scheduler}.step() once per epoch, after the batch loop.',
  OL004_loop: 'Batch loop: the scheduler steps once per batch',
  OL005: '{scheduler} ({class}) counts optimizer steps ({horizon}) but {scheduler}.step() runs once per epoch: the learning rate barely moves along its schedule. Call {scheduler}.step() after each {optimizer}.step() in the batch loop.',
  OL005_loop: 'Epoch loop: the scheduler steps once per epoch',
  OL005_step: 'Optimizer step, once per batch',
  OL006: '{scheduler} ({class}) is created but never stepped: the learning rate stays at its initial value for the whole run. Call {scheduler}.step() once per epoch (or after every optimizer step for schedules that count steps).',
  OL007: 'ReduceLROnPlateau.step() needs the metric it monitors: {scheduler}.step() without an argument raises a TypeError at run time. Pass the value to watch, e.g. {scheduler}.step(val_loss).',
  OL007_ctor: 'ReduceLROnPlateau created here',
  OL008: 'Adam with weight_decay={weightDecay} adds the decay to the gradient (L2 regularisation), so the adaptive scaling shrinks it for weights with large gradients: it is not the decoupled weight decay of AdamW. Use AdamW if decoupled weight decay is what you meant.',
  horizon: 'Horizon set here: {horizon}',
  schedulerCreated: 'Scheduler created here',
  fixInsertZeroGrad: 'Insert {optimizer}.zero_grad() at the top of the loop',
  fixInsertZeroGradAfterStep: 'Insert {optimizer}.zero_grad() after {optimizer}.step()',
  fixMoveZeroGrad: 'Move {call} before the backward pass',
  fixMoveSchedulerAfterStep: 'Move {scheduler}.step() after {optimizer}.step()',
  fixMoveSchedulerOutOfBatchLoop: 'Move {scheduler}.step() after the batch loop (once per epoch)',
  fixMoveSchedulerIntoBatchLoop: 'Move {scheduler}.step() into the batch loop, after {optimizer}.step()',
  fixUseAdamW: 'Use AdamW (decoupled weight decay)',
  fixSuppress: 'Suppress {code} on this line with # noqa',
  summaryOL001: 'Backward and optimizer step repeat in a loop, but gradients are never cleared',
  summaryOL002: 'zero_grad() between backward() and step(): the step sees zeroed gradients',
  summaryOL003: 'scheduler.step() before optimizer.step() in one iteration',
  summaryOL004: 'A schedule whose horizon counts epochs is stepped once per batch',
  summaryOL005: 'A schedule that counts batches (OneCycleLR, CyclicLR, step horizons) is stepped once per epoch',
  summaryOL006: 'A learning-rate scheduler is created but never stepped',
  summaryOL007: 'ReduceLROnPlateau.step() called without the metric it monitors',
  summaryOL008: 'Adam with weight_decay > 0 is L2 regularisation, not AdamW\'s decoupled weight decay',
} as const;

export type MessageKey = keyof typeof MSG;

/** Every template, for building and checking translation bundles. */
export const MESSAGE_TEMPLATES: readonly string[] = Object.values(MSG);

export function message(key: MessageKey, args: Readonly<Record<string, string | number>> = {}): Message {
  return { template: MSG[key], args };
}

/** The placeholders a template uses, in order of first appearance. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''))];
}

/**
 * Substitutes `args` into `template` (the English rendering, or a translated template). A missing
 * argument leaves its placeholder visible rather than printing "undefined".
 */
export function formatMessage(m: Message, template: string = m.template): string {
  return fillTemplate(template, m.args);
}
