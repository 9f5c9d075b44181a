/**
 * The `optim-lens losses` contract. Two forms of spec, both with a loss `{"type": CLASS, …kwargs}`:
 *   evaluate  {"loss":L,"input":I,"target":T}  → {"loss":value or [values],"grad":dL/dinput, the shape of I}
 *             regression and binary losses: I and T are lists of numbers of one length;
 *             CrossEntropyLoss: I is N rows of C logits, T N class indices.
 *   curve     {"loss":L,"x":[…] or {"from":a,"to":b,"points":n},"classes":C,"extra_activation":"softmax"|"sigmoid"}
 *             → {"x":[…],"loss":[…],"grad":[…]} (see curves.ts for what x is per loss).
 * `{"cases":[spec,…]}` → `{"results":[output,…]}`. A non-finite number in the output is null.
 */
import { SpecError } from '../errors';
import { expectArray, expectNumber, expectObject, expectOneOf, isObject, optional, rejectUnknownKeys, required, type JsonObject } from '../spec';
import { parseLossConfig, type LossConfig } from './config';
import { crossEntropy } from './crossEntropy';
import { EXTRA_ACTIVATION_OF, lossCurve, type ExtraActivation } from './curves';
import { elementwiseLoss } from './elementwise';

/** The most numbers one spec may carry or ask for (elements of the input, or points of a curve). */
export const MAX_ELEMENTS = 100_000;
export const MAX_CASES = 1000;
export const MAX_CLASSES = 10_000;
/** The number of classes of a cross-entropy curve when the spec does not say. */
export const DEFAULT_CLASSES = 10;

export type LossesSpec = EvaluateSpec | CurveSpec;

export interface EvaluateSpec {
  readonly kind: 'evaluate';
  readonly loss: LossConfig;
  /** One row per sample for CrossEntropyLoss, else one row of elements. */
  readonly input: readonly (readonly number[])[];
  readonly target: readonly number[];
}

export interface CurveSpec {
  readonly kind: 'curve';
  readonly loss: LossConfig;
  readonly x: readonly number[];
  readonly classes: number;
  readonly extraActivation: ExtraActivation | null;
}

type Json = number | null | Json[];

function join(field: string, key: string): string {
  return field ? `${field}.${key}` : key;
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

function numbers(value: unknown, field: string, limit = MAX_ELEMENTS): number[] {
  const list = expectArray(value, field);
  if (list.length === 0) throw new SpecError(field, 'expected at least one number');
  if (list.length > limit) throw new SpecError(field, `at most ${limit} numbers, got ${list.length}`);
  return list.map((item, i) => expectNumber(item, `${field}[${i}]`));
}

/** torch.linspace's points: from + k·step, the last one exactly `to`. */
function linspace(from: number, to: number, points: number): number[] {
  const step = points > 1 ? (to - from) / (points - 1) : 0;
  return Array.from({ length: points }, (_, k) => (k === points - 1 && points > 1 ? to : from + k * step));
}

function readX(value: unknown, field: string): number[] {
  if (Array.isArray(value)) return numbers(value, field);
  const obj = expectObject(value, field);
  rejectUnknownKeys(obj, ['from', 'to', 'points'], field);
  const from = required(obj, 'from', field, expectNumber);
  const to = required(obj, 'to', field, expectNumber);
  const points = required(obj, 'points', field, (v, f) => expectNumber(v, f, { integer: true, min: 1, max: MAX_ELEMENTS }));
  return linspace(from, to, points);
}

function checkProbabilities(xs: readonly number[], field: string): void {
  const bad = xs.findIndex((x) => x < 0 || x > 1);
  if (bad >= 0) throw new SpecError(`${field}[${bad}]`, 'all elements of input should be between 0 and 1');
}

function parseCurve(obj: JsonObject, loss: LossConfig, field: string): CurveSpec {
  rejectUnknownKeys(obj, ['loss', 'x', 'classes', 'extra_activation'], field);
  const x = required(obj, 'x', field, readX);
  if (loss.type === 'BCELoss') checkProbabilities(x, join(field, 'x'));
  const classesField = join(field, 'classes');
  if (obj.classes !== undefined && loss.type !== 'CrossEntropyLoss') throw new SpecError(classesField, 'only a CrossEntropyLoss curve has classes');
  const classes = optional(obj, 'classes', field, DEFAULT_CLASSES, (v, f) => expectNumber(v, f, { integer: true, min: 2, max: MAX_CLASSES }));
  if (x.length * (loss.type === 'CrossEntropyLoss' ? classes : 1) > 10 * MAX_ELEMENTS) {
    throw new SpecError(classesField, `at most ${10 * MAX_ELEMENTS} points × classes, got ${x.length * classes}`);
  }
  const allowed = EXTRA_ACTIVATION_OF[loss.type];
  const extraField = join(field, 'extra_activation');
  const extraActivation = optional<ExtraActivation | null>(obj, 'extra_activation', field, null, (v, f) => (v === null ? null : expectOneOf(v, f, ['softmax', 'sigmoid'] as const)));
  if (extraActivation !== null && extraActivation !== allowed) {
    throw new SpecError(extraField, allowed ? `${loss.type} takes only "${allowed}" here, got "${extraActivation}"` : `${loss.type} has no extra activation curve`);
  }
  return { kind: 'curve', loss, x, classes, extraActivation };
}

function parseEvaluate(obj: JsonObject, loss: LossConfig, field: string): EvaluateSpec {
  rejectUnknownKeys(obj, ['loss', 'input', 'target'], field);
  const inputField = join(field, 'input');
  const targetField = join(field, 'target');
  if (loss.type !== 'CrossEntropyLoss') {
    const input = required(obj, 'input', field, numbers);
    const target = required(obj, 'target', field, numbers);
    if (target.length !== input.length) throw new SpecError(targetField, `expected ${input.length} numbers (one per input element), got ${target.length}`);
    if (loss.type === 'BCELoss') checkProbabilities(input, inputField);
    return { kind: 'evaluate', loss, input: [input], target };
  }
  const rows = required(obj, 'input', field, expectArray);
  if (rows.length === 0) throw new SpecError(inputField, 'expected at least one row of logits');
  const input = rows.map((row, i) => numbers(row, `${inputField}[${i}]`));
  const classes = input[0]!.length;
  input.forEach((row, i) => {
    if (row.length !== classes) throw new SpecError(`${inputField}[${i}]`, `expected ${classes} logits like the first row, got ${row.length}`);
  });
  if (input.length * classes > MAX_ELEMENTS) throw new SpecError(inputField, `at most ${MAX_ELEMENTS} logits, got ${input.length * classes}`);
  const target = required(obj, 'target', field, (v, f) => expectArray(v, f).map((t, i) => expectNumber(t, `${f}[${i}]`, { integer: true })));
  if (target.length !== input.length) throw new SpecError(targetField, `expected ${input.length} class indices (one per row), got ${target.length}`);
  const bad = target.findIndex((t) => t < 0 || t >= classes);
  if (bad >= 0) throw new SpecError(`${targetField}[${bad}]`, `Target ${target[bad]} is out of bounds.`);
  return { kind: 'evaluate', loss, input, target };
}

/** Validates one spec; `field` prefixes the names in errors (`cases[2]`). */
export function parseLossesSpec(json: unknown, field = ''): LossesSpec {
  const obj = expectObject(json, field);
  const loss = required(obj, 'loss', field, parseLossConfig);
  if (obj.x !== undefined && obj.input !== undefined) throw new SpecError(join(field, 'x'), 'give either x (a curve) or input and target, not both');
  return obj.x !== undefined ? parseCurve(obj, loss, field) : parseEvaluate(obj, loss, field);
}

export interface EvaluateOutput {
  readonly loss: Json;
  readonly grad: Json;
}

export interface CurveOutput {
  readonly x: number[];
  readonly loss: (number | null)[];
  readonly grad: (number | null)[];
}

const nulls = (xs: readonly number[]) => xs.map(finiteOrNull);

export function runLosses(spec: LossesSpec): EvaluateOutput | CurveOutput {
  if (spec.kind === 'curve') {
    const { loss, grad } = lossCurve({ loss: spec.loss, classes: spec.classes, extraActivation: spec.extraActivation }, spec.x);
    return { x: [...spec.x], loss: nulls(loss), grad: nulls(grad) };
  }
  const { loss: config } = spec;
  if (config.type === 'CrossEntropyLoss') {
    const { loss, grad } = crossEntropy(spec.input, spec.target, config.reduction, config.label_smoothing);
    return { loss: typeof loss === 'number' ? finiteOrNull(loss) : nulls(loss), grad: grad.map(nulls) };
  }
  const { loss, grad } = elementwiseLoss({ ...config, type: config.type }, spec.input[0]!, spec.target);
  return { loss: typeof loss === 'number' ? finiteOrNull(loss) : nulls(loss), grad: nulls(grad) };
}

/** The CLI entry: one spec, or `{"cases":[spec,…]}` → `{"results":[output,…]}`. */
export function runLossesJson(json: unknown): unknown {
  if (isObject(json) && json.cases !== undefined) {
    rejectUnknownKeys(json, ['cases'], '');
    const cases = expectArray(json.cases, 'cases');
    if (cases.length > MAX_CASES) throw new SpecError('cases', `at most ${MAX_CASES} cases, got ${cases.length}`);
    // Every case validated before any runs, so a typo in the last costs no computation.
    const specs = cases.map((c, i) => parseLossesSpec(c, `cases[${i}]`));
    return { results: specs.map(runLosses) };
  }
  return runLosses(parseLossesSpec(json));
}
