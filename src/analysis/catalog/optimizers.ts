/** The torch.optim optimizers: every class the analyser knows (src/analysis/model/torch.ts). */
import { KEYWORD_HELP } from '../../core/torch';
import { ofKind, p, type ClassDoc } from './types';

// The keyword lines the panel shows too: one text, one translation (the torch facts').
const LR = KEYWORD_HELP.lr;
const BETAS = KEYWORD_HELP.betas;
const EPS = KEYWORD_HELP.eps;
const L2 = 'L2 penalty: `weight_decay·θ` is added to the gradient';
const MAXIMIZE = KEYWORD_HELP.maximize;
const AMSGRAD = KEYWORD_HELP.amsgrad;
const DECOUPLED = KEYWORD_HELP.decoupled_weight_decay;
const ADAM_BETAS: readonly number[] = [0.9, 0.999];

const ADAPTIVE_MOMENTS = ['m ← β₁·m + (1 − β₁)·g', 'v ← β₂·v + (1 − β₂)·g²', 'm̂ = m / (1 − β₁ᵗ),  v̂ = v / (1 − β₂ᵗ)'];

export const OPTIMIZER_DOCS: readonly ClassDoc[] = ofKind('optimizer', [
  {
    cls: 'SGD',
    summary: 'Stochastic gradient descent, optionally with momentum (heavy ball or Nesterov).',
    formula: ['g ← ∇f(θ) + λ·θ', 'b ← μ·b + (1 − τ)·g        (b₁ = g)', 'g ← g + μ·b if nesterov else b', 'θ ← θ − γ·g'],
    params: [
      p('lr', 1e-3, LR),
      p('momentum', 0, KEYWORD_HELP.momentum),
      p('dampening', 0, KEYWORD_HELP.dampening),
      p('weight_decay', 0, L2),
      p('nesterov', false, KEYWORD_HELP.nesterov),
      p('maximize', false, MAXIMIZE),
    ],
    use: 'Vision models trained from scratch (ResNets): `momentum=0.9`, lr 0.1 for batch 256, weight_decay 1e-4 to 5e-4, with cosine decay.',
    pitfalls: [
      'Without momentum it zig-zags across narrow valleys; lr 0.1 assumes momentum 0.9 and batch norm, it is not a universal value.',
      '`nesterov=True` needs `momentum > 0` and `dampening=0`.',
    ],
  },
  {
    cls: 'Adam',
    summary: 'Adaptive moment estimation: per-weight step sizes from running averages of the gradient and of its square.',
    formula: ['g ← ∇f(θ) + λ·θ', ...ADAPTIVE_MOMENTS, 'θ ← θ − γ·m̂ / (√v̂ + ε)'],
    params: [
      p('lr', 1e-3, LR),
      p('betas', ADAM_BETAS, BETAS),
      p('eps', 1e-8, EPS),
      p('weight_decay', 0, L2),
      p('amsgrad', false, AMSGRAD),
      p('maximize', false, MAXIMIZE),
      p('decoupled_weight_decay', false, DECOUPLED),
    ],
    use: 'A robust default without weight decay: lr 1e-3, 3e-4 for larger models. With weight decay, use AdamW.',
    pitfalls: [
      '`weight_decay` here is coupled L2: it is added to the gradient and then divided by √v̂, so weights with large gradients are barely decayed. AdamW decouples it.',
      'Each weight moves by about lr per step whatever the size of its gradient: scaling the loss does not change the steps, lr does.',
    ],
  },
  {
    cls: 'AdamW',
    summary: 'Adam with decoupled weight decay: the weights shrink directly, outside the adaptive scaling.',
    formula: ['θ ← θ − γ·λ·θ', ...ADAPTIVE_MOMENTS, 'θ ← θ − γ·m̂ / (√v̂ + ε)'],
    params: [
      p('lr', 1e-3, LR),
      p('betas', ADAM_BETAS, BETAS),
      p('eps', 1e-8, EPS),
      p('weight_decay', 1e-2, 'decoupled weight decay: θ shrinks by `lr·weight_decay·θ` each step'),
      p('amsgrad', false, AMSGRAD),
      p('maximize', false, MAXIMIZE),
    ],
    use: 'The default choice for transformers and most new models: lr 3e-4 or 1e-3, weight_decay 0.01 to 0.1, with warmup and cosine decay.',
    pitfalls: [
      'Its default `weight_decay` is 0.01, not 0: switching from Adam adds decay.',
      'The decay is multiplied by lr, so a schedule lowers it too; keep biases and norm weights out of it with parameter groups.',
    ],
  },
  {
    cls: 'SparseAdam',
    summary: 'Lazy Adam for sparse gradients: only the rows present in the gradient (e.g. looked-up embeddings) are updated.',
    formula: [...ADAPTIVE_MOMENTS, 'θ ← θ − γ·m̂ / (√v̂ + ε)'],
    params: [p('lr', 1e-3, LR), p('betas', ADAM_BETAS, BETAS), p('eps', 1e-8, EPS), p('maximize', false, MAXIMIZE)],
    use: 'Large embedding tables with `nn.Embedding(sparse=True)`; pair it with a dense optimizer for the other parameters.',
    pitfalls: ['It accepts only sparse gradients: dense parameters need a second optimizer.'],
  },
  {
    cls: 'Adagrad',
    summary: 'Per-weight step sizes that shrink with the sum of all squared gradients so far.',
    formula: ['γ̃ = γ / (1 + (t − 1)·lr_decay)', 'g ← ∇f(θ) + λ·θ', 's ← s + g²', 'θ ← θ − γ̃·g / (√s + ε)'],
    params: [
      p('lr', 1e-2, LR),
      p('lr_decay', 0, KEYWORD_HELP.lr_decay),
      p('weight_decay', 0, L2),
      p('initial_accumulator_value', 0, KEYWORD_HELP.initial_accumulator_value),
      p('eps', 1e-10, EPS),
      p('maximize', false, MAXIMIZE),
    ],
    use: 'Sparse features and convex problems (linear models, recommenders): lr 0.01 to 0.1.',
    pitfalls: ['The sum only grows, so the effective step keeps shrinking and long runs stall.'],
  },
  {
    cls: 'Adadelta',
    summary: 'Adagrad with running averages instead of sums, and step sizes in the units of the weights.',
    formula: ['g ← ∇f(θ) + λ·θ', 'v ← ρ·v + (1 − ρ)·g²', 'Δ = √(u + ε) / √(v + ε) · g', 'u ← ρ·u + (1 − ρ)·Δ²', 'θ ← θ − γ·Δ'],
    params: [
      p('lr', 1.0, 'coefficient that scales the step before it is applied'),
      p('rho', 0.9, KEYWORD_HELP.rho),
      p('eps', 1e-6, EPS),
      p('weight_decay', 0, L2),
      p('maximize', false, MAXIMIZE),
    ],
    use: 'Rarely the best choice today; lr 1.0 is its intended value.',
    pitfalls: ['lr 1.0 is the default on purpose: lr values tuned for Adam (1e-3) make it barely move.'],
  },
  {
    cls: 'Adamax',
    summary: 'Adam with the infinity norm: the denominator is the largest recent gradient magnitude.',
    formula: ['g ← ∇f(θ) + λ·θ', 'm ← β₁·m + (1 − β₁)·g', 'u ← max(β₂·u, |g| + ε)', 'θ ← θ − γ·m / ((1 − β₁ᵗ)·u)'],
    params: [p('lr', 2e-3, LR), p('betas', ADAM_BETAS, BETAS), p('eps', 1e-8, EPS), p('weight_decay', 0, L2), p('maximize', false, MAXIMIZE)],
    use: 'An Adam alternative for embeddings and sparse updates: lr 2e-3.',
    pitfalls: ['`weight_decay` is coupled L2, as in Adam.'],
  },
  {
    cls: 'ASGD',
    summary: 'Averaged SGD: plain SGD steps plus a running average of the weights (Polyak averaging).',
    formula: ['η = γ / (1 + λ·γ·t)^α', 'θ ← θ·(1 − λ·η) − η·g', 'ā ← ā + μ·(θ − ā),  μ = 1 / max(1, t − t₀)'],
    params: [
      p('lr', 1e-2, LR),
      p('lambd', 1e-4, 'decay term'),
      p('alpha', 0.75, 'power for the eta update'),
      p('t0', 1e6, 'step at which averaging starts'),
      p('weight_decay', 0, L2),
      p('maximize', false, MAXIMIZE),
    ],
    use: 'Convex problems and language-model fine-tuning recipes that average weights (AWD-LSTM).',
    pitfalls: ['The averaged weights live in the optimizer state (`ax`); the model keeps the raw ones unless you copy them.'],
  },
  {
    cls: 'LBFGS',
    summary: 'Limited-memory BFGS: a quasi-Newton method that re-evaluates the loss through a closure.',
    formula: ['for k in 1 … max_iter:', '    d = −H·g,   H ≈ (∇²f)⁻¹ ← history_size × (Δθ, Δg)', '    θ ← θ + γ·d'],
    params: [
      p('lr', 1, LR),
      p('max_iter', 20, 'maximal number of iterations per optimization step'),
      p('max_eval', null, 'maximal number of function evaluations per step (default `max_iter·1.25`)'),
      p('tolerance_grad', 1e-7, 'termination tolerance on first-order optimality'),
      p('tolerance_change', 1e-9, 'termination tolerance on function value or parameter changes'),
      p('history_size', 100, 'update history size'),
      p('line_search_fn', null, 'either `strong_wolfe` or None'),
    ],
    use: 'Full-batch, deterministic problems with few parameters (style transfer, physics fits); `line_search_fn="strong_wolfe"`.',
    pitfalls: [
      '`step()` needs a closure that clears the gradients, computes the loss, calls backward and returns the loss.',
      'Mini-batch noise breaks its curvature estimate.',
    ],
  },
  {
    cls: 'NAdam',
    summary: 'Adam with Nesterov momentum: the update looks one momentum step ahead.',
    formula: [
      'μₜ = β₁·(1 − ½·0.96^(t·momentum_decay))',
      'm ← β₁·m + (1 − β₁)·g,   v ← β₂·v + (1 − β₂)·g²',
      'm̂ = μₜ₊₁·m / (1 − ∏ᵢ≤ₜ₊₁ μᵢ) + (1 − μₜ)·g / (1 − ∏ᵢ≤ₜ μᵢ)',
      'θ ← θ − γ·m̂ / (√v̂ + ε)',
    ],
    params: [
      p('lr', 2e-3, LR),
      p('betas', ADAM_BETAS, BETAS),
      p('eps', 1e-8, EPS),
      p('weight_decay', 0, L2),
      p('momentum_decay', 4e-3, KEYWORD_HELP.momentum_decay),
      p('decoupled_weight_decay', false, DECOUPLED),
      p('maximize', false, MAXIMIZE),
    ],
    use: 'A drop-in for Adam that sometimes converges faster: lr 2e-3.',
    pitfalls: ['`weight_decay` is coupled L2 unless `decoupled_weight_decay=True`.'],
  },
  {
    cls: 'RAdam',
    summary: 'Rectified Adam: damps the first steps, while the variance estimate is unreliable, instead of a warmup.',
    formula: [
      'ρ∞ = 2 / (1 − β₂) − 1,   ρₜ = ρ∞ − 2t·β₂ᵗ / (1 − β₂ᵗ)',
      'if ρₜ > 5:  rₜ = √((ρₜ − 4)(ρₜ − 2)ρ∞ / ((ρ∞ − 4)(ρ∞ − 2)ρₜ)),  θ ← θ − γ·m̂·rₜ / (√v̂ + ε)',
      'else:  θ ← θ − γ·m̂',
    ],
    params: [
      p('lr', 1e-3, LR),
      p('betas', ADAM_BETAS, BETAS),
      p('eps', 1e-8, EPS),
      p('weight_decay', 0, L2),
      p('decoupled_weight_decay', false, DECOUPLED),
      p('maximize', false, MAXIMIZE),
    ],
    use: 'Adam without a warmup schedule: lr 1e-3.',
    pitfalls: ['The first steps are plain momentum SGD with lr: a large lr still hurts there.'],
  },
  {
    cls: 'RMSprop',
    summary: 'Divides the gradient by a running average of its recent magnitude.',
    formula: ['g ← ∇f(θ) + λ·θ', 'v ← α·v + (1 − α)·g²', 'ḡ ← α·ḡ + (1 − α)·g', 'ṽ = v − ḡ² if centered else v', 'b ← μ·b + g / (√ṽ + ε)', 'θ ← θ − γ·b'],
    params: [
      p('lr', 1e-2, LR),
      p('alpha', 0.99, KEYWORD_HELP.alpha),
      p('eps', 1e-8, EPS),
      p('weight_decay', 0, L2),
      p('momentum', 0, KEYWORD_HELP.momentum),
      p('centered', false, KEYWORD_HELP.centered),
      p('maximize', false, MAXIMIZE),
    ],
    use: 'Recurrent networks and reinforcement learning: lr 1e-3 to 1e-4 (the default 1e-2 is high).',
    pitfalls: ['Ported hyperparameters need care: torch adds `eps` outside the square root, TensorFlow 1 inside it.'],
  },
  {
    cls: 'Rprop',
    summary: 'Resilient backpropagation: each weight has its own step size, grown or shrunk by the sign of successive gradients.',
    formula: ['if g·g₋ > 0:  η ← min(η·η₊, η_max)', 'if g·g₋ < 0:  η ← max(η·η₋, η_min),  g ← 0', 'θ ← θ − η·sign(g)'],
    params: [
      p('lr', 1e-2, LR),
      p('etas', [0.5, 1.2], 'multiplicative decrease and increase factors (η₋, η₊)'),
      p('step_sizes', [1e-6, 50], 'minimal and maximal step sizes'),
      p('maximize', false, MAXIMIZE),
    ],
    use: 'Full-batch training of small networks.',
    pitfalls: ['It ignores the gradient magnitude: with mini-batches the signs are noisy and it works poorly.'],
  },
  {
    cls: 'Adafactor',
    summary: 'Memory-saving Adam variant: the second moment of a matrix is stored as row and column averages.',
    formula: [
      'β₂ₜ = 1 − t^beta2_decay,   ρₜ = min(γ, 1/√t),   αₜ = max(ε₂, RMS(θ))·ρₜ',
      'R ← β₂ₜ·R + (1 − β₂ₜ)·rowmean(g²),   C ← β₂ₜ·C + (1 − β₂ₜ)·colmean(g²)',
      'v̂ = R·C / mean(R),   U = g / √v̂',
      'θ ← θ − αₜ·U / max(1, RMS(U) / d)',
    ],
    params: [
      p('lr', 1e-2, LR),
      p('beta2_decay', -0.8, 'decay rate of the second-moment coefficient β₂'),
      p('eps', [null, 1e-3], 'epsilon of the denominator and the minimum step scale (ε₁, ε₂)'),
      p('d', 1.0, 'clipping threshold of the update RMS'),
      p('weight_decay', 0.0, 'decoupled weight decay coefficient'),
      p('maximize', false, MAXIMIZE),
    ],
    use: 'Large transformers where the optimizer state does not fit in memory.',
    pitfalls: ['It has no first moment (no momentum): it can be less stable than AdamW at the same lr.'],
  },
]);
