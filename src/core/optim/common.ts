/**
 * What every optimizer module shares: the definition shape the registry holds, keyword reading with
 * torch's own validation messages, and the few update fragments that recur verbatim across
 * torch/optim/*.py (maximize, coupled weight decay, the running averages).
 */
import { SpecError, specError } from '../errors';
import { expectArray, expectBoolean, expectNumber, rejectUnknownKeys, type JsonObject } from '../spec';
import { fma } from './arith';

/** One parameter's optimizer state, stepped in place like `optimizer.step()` after `backward()`. */
export interface Stepper {
  /** Updates `param` from its gradient `grad` (same length; `grad` is left untouched). */
  step(param: Float64Array, grad: Float64Array): void;
  /**
   * What the optimizer carries from step to step in the gradient's direction, after the last step:
   * SGD's and RMSprop's momentum buffer, the Adam family's first moment (`exp_avg`). Null when it
   * keeps none. A live view for reading (the panel's arrows), never to be written.
   */
  memory?(): Float64Array | null;
}

export type KwargValue = number | boolean | readonly [number, number];
/** Torch keyword arguments by torch's names, e.g. `{ lr: 0.1, betas: [0.9, 0.999] }`. */
export type Kwargs = { readonly [key: string]: KwargValue };

export interface OptimizerDef<K extends Kwargs> {
  /** The torch class name. */
  readonly name: string;
  /** Torch's defaults, in the order of torch's signature (which is also the accepted keywords). */
  readonly defaults: K;
  /**
   * Reads keyword arguments from a JSON object (a `type` key is allowed and ignored), fills torch's
   * defaults and validates like torch's constructor. Throws SpecError naming the field.
   */
  parse(raw: JsonObject, field: string): K;
  /** Fresh state (torch's lazy `state` dict) for one parameter of `size` elements. */
  create(kwargs: K, size: number): Stepper;
}

function join(field: string, key: string): string {
  return field ? `${field}.${key}` : key;
}

function readPair(value: unknown, field: string): readonly [number, number] {
  const items = expectArray(value, field);
  if (items.length !== 2) throw specError(field, 'expectedPair', { count: items.length });
  return [expectNumber(items[0], `${field}[0]`), expectNumber(items[1], `${field}[1]`)];
}

/**
 * Reads the keywords `defaults` names, each with its default's JSON type; nothing else is accepted.
 * Validation beyond the type is torch's and is left to `check`.
 */
export function readKwargs<K extends Kwargs>(raw: JsonObject, field: string, defaults: K): K {
  rejectUnknownKeys(raw, ['type', ...Object.keys(defaults)], field);
  const out: Record<string, KwargValue> = {};
  for (const [key, fallback] of Object.entries(defaults)) {
    const value = raw[key];
    const at = join(field, key);
    if (value === undefined) out[key] = fallback;
    else if (typeof fallback === 'number') out[key] = expectNumber(value, at);
    else if (typeof fallback === 'boolean') out[key] = expectBoolean(value, at);
    else out[key] = readPair(value, at);
  }
  return out as K;
}

/** Throws torch's ValueError text as a SpecError on `field.key` unless `ok`. */
export function check(ok: boolean, field: string, key: string, message: string): void {
  if (!ok) throw new SpecError(join(field, key), message);
}

/** Torch's `if not 0.0 <= value: raise ValueError("Invalid <what>: <value>")`. */
export function checkNonNegative(kwargs: Kwargs, field: string, key: string, what: string): void {
  const value = kwargs[key] as number;
  check(value >= 0, field, key, `Invalid ${what}: ${value}`);
}

/** The Adam family's checks: lr, eps, both betas in [0, 1), weight_decay. */
export function checkAdamLike(kwargs: Kwargs & { readonly betas: readonly [number, number] }, field: string): void {
  checkNonNegative(kwargs, field, 'lr', 'learning rate');
  checkNonNegative(kwargs, field, 'eps', 'epsilon value');
  kwargs.betas.forEach((beta, index) => {
    check(beta >= 0 && beta < 1, field, `betas[${index}]`, `Invalid beta parameter at index ${index}: ${beta}`);
  });
  checkNonNegative(kwargs, field, 'weight_decay', 'weight_decay value');
}

/**
 * The gradient torch's update actually uses: negated for `maximize`, then
 * `grad.add(param, alpha=weight_decay)` for coupled (L2) weight decay.
 */
export function effectiveGrad(grad: number, param: number, maximize: boolean, weightDecay: number): number {
  const g = maximize ? -grad : grad;
  return weightDecay !== 0 ? fma(weightDecay, param, g) : g;
}

/** `avg.mul_(beta).add_(g, alpha=oneMinusBeta)`: torch 1.13's running average of the gradient. */
export function averageIn(avg: number, g: number, beta: number, oneMinusBeta: number): number {
  return fma(oneMinusBeta, g, avg * beta);
}

/** `avg.mul_(beta).addcmul_(g, g, value=oneMinusBeta)`: the running average of the squared gradient. */
export function averageSquareIn(avg: number, g: number, beta: number, oneMinusBeta: number): number {
  return fma(oneMinusBeta * g, g, avg * beta);
}
