/** The calls of a training loop: what `zero_grad()`, `backward()` and `step()` do where they sit. */
import type { MethodDoc } from './types';

const OUTSIDE = 'Here it runs outside any training loop.';

export const METHOD_DOCS: readonly MethodDoc[] = [
  {
    id: 'zero_grad',
    call: 'zero_grad()',
    summary: 'Clears the gradients of every parameter this optimizer updates (by default `.grad` becomes None).',
    loop: {
      batch: 'Here it runs once per batch: each step uses only the gradients of its own batch.',
      epoch: 'Here it runs once per epoch: the gradients of every batch in between add up.',
      accumulated: 'Here it runs every few batches, under the gradient-accumulation guard: the gradients of the batches in between add up on purpose; each step applies their sum.',
      none: OUTSIDE,
    },
    pitfalls: [
      'Call it once per iteration, before `backward()` or after `step()`.',
      'Between `backward()` and `step()` it wipes the gradients the step needs.',
    ],
    url: 'https://pytorch.org/docs/stable/generated/torch.optim.Optimizer.zero_grad.html',
  },
  {
    id: 'backward',
    call: 'backward()',
    summary: 'Computes the gradient of this loss for every parameter that requires it, and adds it to `.grad`: gradients accumulate, they are not replaced.',
    loop: {
      batch: 'Here it runs once per batch.',
      epoch: 'Here it runs once per epoch.',
      accumulated: 'Here it runs every few batches, under a modulo guard.',
      none: OUTSIDE,
    },
    pitfalls: [
      'Until `zero_grad()`, every call adds to the gradients of the earlier ones.',
      'The graph is freed afterwards: a second `backward()` through it needs `retain_graph=True`.',
    ],
    url: 'https://pytorch.org/docs/stable/generated/torch.Tensor.backward.html',
  },
  {
    id: 'optimizer.step',
    call: 'step()',
    summary: "Updates the parameters from the gradients now in `.grad`, with the optimizer's update rule.",
    loop: {
      batch: 'Here it runs once per batch: one update per batch.',
      epoch: 'Here it runs once per epoch: one update per epoch, from the gradients gathered since the last `zero_grad()`.',
      accumulated: 'Here it runs every few batches, under the gradient-accumulation guard: one update per group of batches, from their summed gradients.',
      none: OUTSIDE,
    },
    pitfalls: ['Call `scheduler.step()` after it, not before: otherwise the first learning rate of the schedule is skipped.'],
    url: 'https://pytorch.org/docs/stable/generated/torch.optim.Optimizer.step.html',
  },
  {
    id: 'scheduler.step',
    call: 'step()',
    summary: "Advances the schedule by one and writes the new learning rate into the optimizer's param groups.",
    loop: {
      batch: 'Here it runs once per batch: its horizon (T_max, step_size, total_iters…) counts batches.',
      epoch: 'Here it runs once per epoch: its horizon (T_max, step_size, total_iters…) counts epochs.',
      accumulated: 'Here it runs every few batches, with each accumulated optimizer step: its horizon (T_max, step_size, total_iters…) counts those optimizer steps, not epochs.',
      none: OUTSIDE,
    },
    pitfalls: [
      'Call it after `optimizer.step()`.',
      'Epoch horizons stepped per batch end within the first epoch; OneCycleLR and CyclicLR stepped per epoch barely move.',
    ],
    url: 'https://pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate',
  },
  {
    id: 'plateau.step',
    call: 'step(metrics)',
    summary: 'Compares the metric with the best value so far; after more than patience calls without improvement it multiplies the learning rate by factor.',
    loop: {
      batch: 'Here it runs once per batch: patience counts batches, and a noisy batch loss triggers reductions early.',
      epoch: 'Here it runs once per epoch, the usual place, with the validation metric.',
      accumulated: 'Here it runs every few batches: patience counts those calls.',
      none: OUTSIDE,
    },
    pitfalls: ['Pass the metric: without it `step()` raises a TypeError.'],
    url: 'https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.ReduceLROnPlateau.html',
  },
];
