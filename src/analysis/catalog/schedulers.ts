/**
 * The torch.optim.lr_scheduler classes. η₀ is the optimizer's initial lr, t the number of
 * `scheduler.step()` calls so far: epochs or batches, depending on where the code calls it.
 */
import { ofKind, p, required, type ClassDoc } from './types';

const LAMBDA = 'a function of the step count (a Python lambda)';
const GAMMA = 'multiplicative factor of learning rate decay';
const TOTAL_ITERS = 'number of steps over which the factor changes';
const ETA_MIN = 'minimum learning rate';
const SCHEDULERS = 'the schedulers to run';
const CYCLE_MOMENTUM = "cycle the optimizer's momentum inversely to the learning rate";
const HORIZON_CADENCE = 'Its horizon counts `scheduler.step()` calls: epochs if you step it once per epoch, batches if once per batch.';

export const SCHEDULER_DOCS: readonly ClassDoc[] = ofKind('scheduler', [
  {
    cls: 'LambdaLR',
    summary: 'The learning rate is the initial lr times a function of the step count.',
    formula: ['ηₜ = η₀ · lr_lambda(t)'],
    params: [required('lr_lambda', LAMBDA)],
    use: 'Custom warmups and decays that no built-in scheduler expresses, e.g. `lambda step: min(1.0, step / 1000)`.',
    pitfalls: ['The lambda receives the step count, not the lr: return a factor, not a learning rate.', HORIZON_CADENCE],
  },
  {
    cls: 'MultiplicativeLR',
    summary: 'Multiplies the current learning rate by a function of the step count at every step.',
    formula: ['ηₜ = ηₜ₋₁ · lr_lambda(t)'],
    params: [required('lr_lambda', LAMBDA)],
    use: 'Decay by a factor that changes over time; for a constant factor ExponentialLR is simpler.',
    pitfalls: ['Factors compound: `lambda epoch: 0.95` after 100 steps leaves 0.6% of the initial lr.'],
  },
  {
    cls: 'StepLR',
    summary: 'Multiplies the learning rate by gamma every step_size steps.',
    formula: ['ηₜ = η₀ · gamma^⌊t / step_size⌋'],
    params: [required('step_size', 'period of learning rate decay'), p('gamma', 0.1, GAMMA)],
    use: 'Classic image-classification recipes: step_size 30 epochs, gamma 0.1, over 90 epochs.',
    pitfalls: [HORIZON_CADENCE],
  },
  {
    cls: 'MultiStepLR',
    summary: 'Multiplies the learning rate by gamma at each milestone.',
    formula: ['ηₜ = η₀ · gamma^|{m ∈ milestones : m ≤ t}|'],
    params: [required('milestones', 'list of step indices, increasing'), p('gamma', 0.1, GAMMA)],
    use: 'ResNet-style schedules: milestones at 50% and 75% of training, gamma 0.1.',
    pitfalls: ['Milestones are counted in `scheduler.step()` calls: epoch milestones need one step per epoch.'],
  },
  {
    cls: 'ConstantLR',
    summary: 'Scales the learning rate by a constant factor until total_iters steps, then restores it.',
    formula: ['ηₜ = η₀ · factor if t < total_iters else η₀'],
    params: [p('factor', 1 / 3, 'the factor applied until total_iters'), p('total_iters', 5, TOTAL_ITERS)],
    use: 'A short constant warmup, usually inside SequentialLR.',
    pitfalls: [HORIZON_CADENCE],
  },
  {
    cls: 'LinearLR',
    summary: 'Changes the learning rate linearly from start_factor to end_factor times the initial lr over total_iters steps.',
    formula: ['ηₜ = η₀ · (start_factor + (end_factor − start_factor) · min(t, total_iters) / total_iters)'],
    params: [
      p('start_factor', 1 / 3, 'factor of the initial lr at the first step'),
      p('end_factor', 1.0, 'factor of the initial lr after total_iters'),
      p('total_iters', 5, TOTAL_ITERS),
    ],
    use: 'Linear warmup (start_factor 0.01 to 0.1, total_iters of a few hundred to a few thousand steps), then a decay in SequentialLR.',
    pitfalls: ['Warmups usually count batches: stepped per epoch, a 1000-step warmup lasts 1000 epochs.', HORIZON_CADENCE],
  },
  {
    cls: 'ExponentialLR',
    summary: 'Multiplies the learning rate by gamma at every step.',
    formula: ['ηₜ = η₀ · gammaᵗ'],
    params: [required('gamma', GAMMA)],
    use: 'Smooth decay per epoch: gamma 0.9 to 0.99.',
    pitfalls: ['Stepped per batch, gamma 0.95 leaves almost nothing after a few hundred batches.'],
  },
  {
    cls: 'PolynomialLR',
    summary: 'Decays the learning rate to zero over total_iters steps with a polynomial of the given power.',
    formula: ['ηₜ = η₀ · (1 − min(t, total_iters) / total_iters)^power'],
    params: [p('total_iters', 5, TOTAL_ITERS), p('power', 1.0, 'power of the polynomial')],
    use: 'Segmentation recipes (DeepLab: power 0.9 over the whole run).',
    pitfalls: ['The default total_iters is 5: set it to the length of the run.', HORIZON_CADENCE],
  },
  {
    cls: 'CosineAnnealingLR',
    summary: 'Anneals the learning rate from the initial lr to eta_min along half a cosine over T_max steps.',
    formula: ['ηₜ = eta_min + (η₀ − eta_min) · (1 + cos(π·t / T_max)) / 2'],
    params: [required('T_max', 'number of steps to reach eta_min'), p('eta_min', 0, ETA_MIN)],
    use: 'The common default decay: SGD lr 0.1 or AdamW lr 3e-4 with T_max the length of the run, often after a warmup.',
    pitfalls: ['After T_max the cosine goes back up: set T_max to the whole run.', HORIZON_CADENCE],
  },
  {
    cls: 'CosineAnnealingWarmRestarts',
    summary: 'Cosine annealing that restarts at the initial lr, with periods growing by T_mult.',
    formula: ['ηₜ = eta_min + (η₀ − eta_min) · (1 + cos(π·T_cur / Tᵢ)) / 2', 'T₀ = T_0,   Tᵢ₊₁ = T_mult · Tᵢ'],
    params: [required('T_0', 'number of steps of the first period'), p('T_mult', 1, 'factor by which each period grows'), p('eta_min', 0, ETA_MIN)],
    use: 'Snapshot ensembles and long runs with periodic restarts: T_0 10 epochs, T_mult 2.',
    pitfalls: ['Stepped per batch, T_0 counts batches: `step(epoch + i / iters)` is the fractional-epoch alternative.', HORIZON_CADENCE],
  },
  {
    cls: 'CyclicLR',
    summary: 'Cycles the learning rate between base_lr and max_lr (triangular policies), and the momentum inversely.',
    formula: ['c = ⌊1 + t / (2·step_size_up)⌋,   x = |t / step_size_up − 2c + 1|', 'ηₜ = base_lr + (max_lr − base_lr) · max(0, 1 − x) · scale(c)'],
    params: [
      required('base_lr', 'lower bound of the cycle'),
      required('max_lr', 'upper bound of the cycle'),
      p('step_size_up', 2000, 'number of steps in the increasing half of a cycle'),
      p('step_size_down', null, 'number of steps in the decreasing half (default step_size_up)'),
      p('mode', 'triangular', 'one of triangular, triangular2, exp_range'),
      p('gamma', 1.0, 'factor of exp_range'),
      p('scale_fn', null, 'custom scaling policy (overrides mode)'),
      p('scale_mode', 'cycle', 'whether scale_fn reads the cycle or the iteration'),
      p('cycle_momentum', true, CYCLE_MOMENTUM),
      p('base_momentum', 0.8, 'lower momentum bound'),
      p('max_momentum', 0.9, 'upper momentum bound'),
    ],
    use: 'Stepped after every batch: step_size_up 2 to 10 epochs worth of batches.',
    pitfalls: [
      'It counts batches: stepped once per epoch, a cycle takes thousands of epochs.',
      'With `cycle_momentum=True` (the default) torch 1.x needs an optimizer with momentum: with Adam pass `cycle_momentum=False`.',
    ],
  },
  {
    cls: 'OneCycleLR',
    summary: 'One cycle: warm up to max_lr, then anneal far below the start, with the momentum cycled inversely.',
    formula: [
      'η: max_lr / div_factor ↗ max_lr        (t ≤ pct_start · total_steps)',
      'η: max_lr ↘ max_lr / (div_factor · final_div_factor)',
      'momentum: max_momentum ↘ base_momentum ↗ max_momentum',
    ],
    params: [
      required('max_lr', 'peak learning rate'),
      p('total_steps', null, 'total number of steps (or epochs × steps_per_epoch)'),
      p('epochs', null, 'number of epochs, with steps_per_epoch'),
      p('steps_per_epoch', null, 'batches per epoch, with epochs'),
      p('pct_start', 0.3, 'fraction of the cycle spent increasing the learning rate'),
      p('anneal_strategy', 'cos', 'cos or linear'),
      p('cycle_momentum', true, CYCLE_MOMENTUM),
      p('base_momentum', 0.85, 'lower momentum bound'),
      p('max_momentum', 0.95, 'upper momentum bound'),
      p('div_factor', 25.0, 'initial lr = max_lr / div_factor'),
      p('final_div_factor', 1e4, 'final lr = initial lr / final_div_factor'),
      p('three_phase', false, 'add a third phase that anneals back to the initial lr first'),
    ],
    use: 'Fast training schedules (fast.ai, super-convergence): max_lr from an lr range test, pct_start 0.25 to 0.3.',
    pitfalls: [
      'Step it after every `optimizer.step()` (per batch); one step beyond total_steps raises ValueError.',
      'It sets the lr itself: the lr passed to the optimizer is ignored (the start is max_lr / div_factor).',
    ],
  },
  {
    cls: 'ReduceLROnPlateau',
    summary: 'Multiplies the learning rate by factor when a monitored metric stops improving.',
    formula: ["bad ← 0 if metric < best · (1 − threshold) else bad + 1     (mode='min', threshold_mode='rel')", 'if bad > patience:  η ← max(η · factor, min_lr)'],
    params: [
      p('mode', 'min', 'min: the metric should decrease (a loss); max: increase (an accuracy)'),
      p('factor', 0.1, 'factor by which the learning rate is reduced'),
      p('patience', 10, 'calls without improvement before a reduction'),
      p('threshold', 1e-4, 'minimal change that counts as an improvement'),
      p('threshold_mode', 'rel', 'rel: relative to the best value; abs: absolute'),
      p('cooldown', 0, 'calls to wait after a reduction'),
      p('min_lr', 0, 'lower bound on the learning rate'),
      p('eps', 1e-8, 'minimal lr change; smaller reductions are ignored'),
    ],
    use: 'When you cannot plan the schedule: patience 5 to 10 epochs, factor 0.1 to 0.5, stepped once per epoch with the validation loss.',
    pitfalls: [
      '`step()` needs the metric: `scheduler.step(val_loss)`.',
      "`mode='min'` on an accuracy reduces the lr while the model improves.",
    ],
  },
  {
    cls: 'SequentialLR',
    summary: 'Runs schedulers one after another, switching at the milestones (e.g. warmup, then cosine).',
    formula: ['schedulers[i] for milestones[i−1] ≤ t < milestones[i]'],
    params: [required('schedulers', SCHEDULERS), required('milestones', 'step counts at which the next scheduler takes over')],
    use: 'Warmup followed by a decay: `SequentialLR(opt, [LinearLR(...), CosineAnnealingLR(...)], milestones=[warmup_steps])`.',
    pitfalls: ['Step only the SequentialLR, never the schedulers inside it.', 'The decay scheduler restarts its own count at the milestone: its T_max is the remaining steps.'],
  },
  {
    cls: 'ChainedScheduler',
    summary: 'Steps several schedulers together at every call; their factors multiply.',
    formula: ['ηₜ = η₀ · ∏ᵢ factorᵢ(t)'],
    params: [required('schedulers', SCHEDULERS)],
    use: 'Combining a warmup with a decay that both run from step 0, e.g. ConstantLR with ExponentialLR.',
    pitfalls: ['Every inner scheduler counts the same steps: their horizons share one unit.'],
  },
]);
