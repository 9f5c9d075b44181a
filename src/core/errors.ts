/**
 * The one error type of the pure core. A bad spec (from the CLI, a webview or a hover link) is the
 * caller's mistake, not a crash: it names the field at fault so the message can point at it.
 */
import { fillTemplate } from './template';

/**
 * The reasons the core's readers give, as English templates with named placeholders: the panels
 * show them translated (the host sends each template's translation as `reason.<name>`), the CLI in
 * English. Reasons quoting torch's own errors (`Invalid learning rate: -1`) stay as torch words them.
 */
export const REASONS = {
  expectedObject: 'expected an object, got {got}',
  unknownKeyword: 'unknown keyword; expected one of {allowed}',
  expectedNumber: 'expected a number, got {got}',
  expectedFinite: 'expected a finite number, got {got}',
  expectedInteger: 'expected an integer, got {got}',
  atLeast: 'must be >= {limit}, got {got}',
  above: 'must be > {limit}, got {got}',
  atMost: 'must be <= {limit}, got {got}',
  below: 'must be < {limit}, got {got}',
  expectedBoolean: 'expected true or false, got {got}',
  expectedString: 'expected a string, got {got}',
  expectedOneOf: 'expected one of {choices}, got {got}',
  expectedArray: 'expected an array, got {got}',
  missing: 'missing required field',
  expectedPoint: 'expected [x, y], got an array of {count}',
  expectedPair: 'expected 2 numbers, got {count}',
  requiredKeyword: '{type} requires this keyword; it has no default',
  nestedTooDeep: 'nested more than {limit} levels deep',
  lambdaOps: 'the lambda needs more than {limit} operations in one schedule ({nodes} per call; spent at {param} = {arg})',
  lambdaBits: 'the lambda computes more than {limit} bits of big integers in one schedule (spent at {param} = {arg})',
  optimizerSteps: 'optimizers × steps must be <= {limit}, got {optimizers} × {steps}',
  outputSize: 'the output would hold {got} numbers; at most {limit} per run',
  metricsUnused: '{type} takes no metric (only ReduceLROnPlateau reads scheduler.step(metric)); remove metrics',
} as const;

export type ReasonName = keyof typeof REASONS;
export type ReasonArgs = Readonly<Record<string, string | number>>;


export class SpecError extends Error {
  override readonly name = 'SpecError';

  /**
   * @param field a JSON-path-like name of the offending field, e.g. `optimizers[1].betas[0]`.
   * @param reason what is wrong with it, phrased like torch's own validation messages.
   * @param template the REASONS entry and arguments `reason` was made from, for translation.
   */
  constructor(
    readonly field: string,
    readonly reason: string,
    readonly template?: { readonly name: ReasonName; readonly args: ReasonArgs },
  ) {
    super(field ? `${field}: ${reason}` : reason);
  }
}

/** A SpecError whose reason is one of REASONS (so it can be shown translated). */
export function specError(field: string, name: ReasonName, args: ReasonArgs = {}): SpecError {
  return new SpecError(field, fillTemplate(REASONS[name], args), { name, args });
}

export function isSpecError(error: unknown): error is SpecError {
  return error instanceof SpecError;
}
