/** The registry: torch's class names, keywords and defaults, and torch's constructor validation. */
import { describe, expect, it } from 'vitest';
import { SpecError } from '../../../src/core/errors';
import { OPTIMIZER_NAMES, OPTIMIZERS, optimizerDef, type OptimizerName } from '../../../src/core/optim';
import { SIMULATED_OPTIMIZERS } from '../../../src/core/torch';

// torch's signatures (defaults as in torch 2.x; 1.13 lacks the keywords marked in docs/torch-compat.md).
const TORCH_DEFAULTS: Record<OptimizerName, Record<string, unknown>> = {
  SGD: { lr: 1e-3, momentum: 0, dampening: 0, weight_decay: 0, nesterov: false, maximize: false },
  Adam: { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0, amsgrad: false, maximize: false, decoupled_weight_decay: false },
  AdamW: { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 1e-2, amsgrad: false, maximize: false },
  RMSprop: { lr: 1e-2, alpha: 0.99, eps: 1e-8, weight_decay: 0, momentum: 0, centered: false, maximize: false },
  Adagrad: { lr: 1e-2, lr_decay: 0, weight_decay: 0, initial_accumulator_value: 0, eps: 1e-10, maximize: false },
  Adadelta: { lr: 1.0, rho: 0.9, eps: 1e-6, weight_decay: 0, maximize: false },
  Adamax: { lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0, maximize: false },
  NAdam: { lr: 2e-3, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0, momentum_decay: 4e-3, decoupled_weight_decay: false, maximize: false },
  RAdam: { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0, decoupled_weight_decay: false, maximize: false },
};

function parseError(type: OptimizerName, kwargs: Record<string, unknown>): SpecError {
  try {
    optimizerDef(type).parse(kwargs, 'opt');
  } catch (error) {
    expect(error).toBeInstanceOf(SpecError);
    return error as SpecError;
  }
  throw new Error(`${type} accepted ${JSON.stringify(kwargs)}`);
}

describe('registry', () => {
  it('holds every simulated class of the torch facts, in their order, under its class name', () => {
    expect(OPTIMIZER_NAMES).toEqual(SIMULATED_OPTIMIZERS);
    expect(OPTIMIZER_NAMES.slice(0, 9)).toEqual(['SGD', 'Adam', 'AdamW', 'RMSprop', 'Adagrad', 'Adadelta', 'Adamax', 'NAdam', 'RAdam']);
    for (const name of OPTIMIZER_NAMES) expect(OPTIMIZERS[name].name).toBe(name);
  });

  it.each(OPTIMIZER_NAMES)("%s: torch's keywords and defaults, filled in when absent", (name) => {
    expect(OPTIMIZERS[name].defaults).toEqual(TORCH_DEFAULTS[name]);
    expect(optimizerDef(name).parse({ type: name }, '')).toEqual(TORCH_DEFAULTS[name]);
  });

  it('keeps given keywords and reads betas as a pair', () => {
    expect(optimizerDef('Adam').parse({ lr: 0.5, betas: [0.8, 0.9], amsgrad: true }, '')).toMatchObject({ lr: 0.5, betas: [0.8, 0.9], amsgrad: true, eps: 1e-8 });
  });
});

describe("torch's constructor checks", () => {
  const cases: [OptimizerName, Record<string, unknown>, string, string][] = [
    ['SGD', { lr: -1 }, 'opt.lr', 'Invalid learning rate: -1'],
    ['SGD', { momentum: -0.5 }, 'opt.momentum', 'Invalid momentum value: -0.5'],
    ['SGD', { weight_decay: -1e-4 }, 'opt.weight_decay', 'Invalid weight_decay value: -0.0001'],
    ['SGD', { nesterov: true }, 'opt.nesterov', 'Nesterov momentum requires a momentum and zero dampening'],
    ['SGD', { nesterov: true, momentum: 0.9, dampening: 0.1 }, 'opt.nesterov', 'Nesterov momentum requires a momentum and zero dampening'],
    ['Adam', { eps: -1 }, 'opt.eps', 'Invalid epsilon value: -1'],
    ['Adam', { betas: [1, 0.9] }, 'opt.betas[0]', 'Invalid beta parameter at index 0: 1'],
    ['AdamW', { betas: [0.9, 1.5] }, 'opt.betas[1]', 'Invalid beta parameter at index 1: 1.5'],
    ['AdamW', { weight_decay: -0.01 }, 'opt.weight_decay', 'Invalid weight_decay value: -0.01'],
    ['RMSprop', { alpha: -0.1 }, 'opt.alpha', 'Invalid alpha value: -0.1'],
    ['RMSprop', { momentum: -1 }, 'opt.momentum', 'Invalid momentum value: -1'],
    ['Adagrad', { lr_decay: -1 }, 'opt.lr_decay', 'Invalid lr_decay value: -1'],
    ['Adagrad', { initial_accumulator_value: -1 }, 'opt.initial_accumulator_value', 'Invalid initial_accumulator_value value: -1'],
    ['Adadelta', { rho: 1.01 }, 'opt.rho', 'Invalid rho value: 1.01'],
    ['Adadelta', { rho: -0.01 }, 'opt.rho', 'Invalid rho value: -0.01'],
    ['Adamax', { betas: [-0.1, 0.9] }, 'opt.betas[0]', 'Invalid beta parameter at index 0: -0.1'],
    ['NAdam', { momentum_decay: -1 }, 'opt.momentum_decay', 'Invalid momentum_decay value: -1'],
    ['RAdam', { lr: -0.001 }, 'opt.lr', 'Invalid learning rate: -0.001'],
  ];

  it.each(cases)('%s %j', (type, kwargs, field, reason) => {
    const error = parseError(type, kwargs);
    expect(error.field).toBe(field);
    expect(error.reason).toBe(reason);
  });

  it('accepts the boundary values torch accepts', () => {
    expect(() => optimizerDef('Adam').parse({ lr: 0, eps: 0, betas: [0, 0], weight_decay: 0 }, '')).not.toThrow();
    expect(() => optimizerDef('Adadelta').parse({ rho: 1 }, '')).not.toThrow();
    expect(() => optimizerDef('SGD').parse({ dampening: -3, momentum: 0.5 }, '')).not.toThrow();
  });

  it('rejects wrong JSON types and unknown keywords by name', () => {
    expect(parseError('SGD', { momentum: '0.9' }).field).toBe('opt.momentum');
    expect(parseError('Adam', { amsgrad: 'yes' }).field).toBe('opt.amsgrad');
    expect(parseError('Adam', { betas: 0.9 }).field).toBe('opt.betas');
    expect(parseError('Adam', { betas: [0.9, '0.99'] }).field).toBe('opt.betas[1]');
    expect(parseError('Adam', { betas: [0.9, 0.99, 0.999] }).field).toBe('opt.betas');
    expect(parseError('AdamW', { decoupled_weight_decay: true }).field).toBe('opt.decoupled_weight_decay');
    expect(parseError('RMSprop', { lr: null }).field).toBe('opt.lr');
  });
});
