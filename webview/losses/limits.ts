/** The core's loss names and defaults the panel offers, and its own bound on the classes. */
export { LOSS_DEFAULTS, LOSS_TYPES, REDUCTIONS, type LossType, type Reduction } from '../../src/core/losses/config';

/**
 * Classes of the cross-entropy curves: each of the chart's points costs a softmax over them, and
 * the panel recomputes on every slider move.
 */
export const MAX_CLASSES_PANEL = 1000;
