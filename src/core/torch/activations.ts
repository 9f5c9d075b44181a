/**
 * The output activations a classification loss either applies itself or expects already applied,
 * and the torch names that compute them. The loss rules compare the two: an activation the loss
 * applies again squashes its input, a missing one feeds it values outside its domain.
 */
import type { LossClass } from './losses';

export type OutputActivation = 'softmax' | 'log_softmax' | 'sigmoid';

/** The `torch.nn` modules computing an activation (`nn.Softmax(dim=1)(x)`). */
export const ACTIVATION_MODULES = { Softmax: 'softmax', LogSoftmax: 'log_softmax', Sigmoid: 'sigmoid' } as const satisfies Readonly<Record<string, OutputActivation>>;

/** Functions computing an activation, by name (`torch.special.expit` is the sigmoid). */
export const ACTIVATION_FUNCTIONS = { softmax: 'softmax', log_softmax: 'log_softmax', sigmoid: 'sigmoid', expit: 'sigmoid' } as const satisfies Readonly<Record<string, OutputActivation>>;

/** Where those functions live, as written after imports (`torch.softmax`, `F.softmax`, `torch.special.expit`). */
export const ACTIVATION_FUNCTION_MODULES: readonly string[] = ['torch', 'torch.nn.functional', 'nn.functional', 'F', 'functional', 'torch.special', 'special'];

/** Tensor methods computing one (`x.softmax(1)`, `x.sigmoid_()` in place). */
export const ACTIVATION_METHODS = { softmax: 'softmax', log_softmax: 'log_softmax', sigmoid: 'sigmoid', sigmoid_: 'sigmoid' } as const satisfies Readonly<Record<string, OutputActivation>>;

/** Where the activation modules and `nn.Linear` live (`nn` is `torch.nn` by convention). */
export const LAYER_MODULES: readonly string[] = ['', 'torch.nn', 'nn', 'torch.nn.modules', 'nn.modules', 'torch.nn.modules.activation', 'nn.modules.activation', 'torch.nn.modules.linear'];

/**
 * What a classification loss does to its input before comparing it with the target: CrossEntropyLoss
 * takes logits and applies log_softmax; BCEWithLogitsLoss takes logits and applies the sigmoid;
 * NLLLoss takes log-probabilities, BCELoss probabilities in [0, 1], and apply nothing.
 */
export const LOSS_INPUTS = {
  CrossEntropyLoss: { expects: 'logits', applies: 'log_softmax' },
  BCEWithLogitsLoss: { expects: 'logits', applies: 'sigmoid' },
  NLLLoss: { expects: 'log-probabilities', applies: null },
  BCELoss: { expects: 'probabilities', applies: null },
} as const satisfies Partial<Readonly<Record<LossClass, { readonly expects: string; readonly applies: OutputActivation | null }>>>;

export type ClassificationLoss = keyof typeof LOSS_INPUTS;
