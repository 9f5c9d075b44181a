/**
 * Readers for JSON specs (CLI input, webview messages, hover links). Each one checks one field and
 * throws a SpecError naming it; nothing is ever silently coerced (a string "0.1" is not a number).
 */
import { specError } from './errors';

export type JsonObject = { readonly [key: string]: unknown };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  // Never String(object): JSON can carry {"toString": 1}, which would make describing it throw.
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

export function expectObject(value: unknown, field: string): JsonObject {
  if (!isObject(value)) throw specError(field, 'expectedObject', { got: describe(value) });
  return value;
}

/** Rejects keys not in `allowed`, so a typo (`betas1`) is an error instead of a silent default. */
export function rejectUnknownKeys(obj: JsonObject, allowed: readonly string[], field: string): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) {
      const prefix = field ? `${field}.` : '';
      throw specError(`${prefix}${key}`, 'unknownKeyword', { allowed: allowed.join(', ') });
    }
  }
}

export interface NumberRule {
  /** Inclusive lower bound. */
  readonly min?: number;
  /** Exclusive lower bound. */
  readonly greaterThan?: number;
  /** Inclusive upper bound. */
  readonly max?: number;
  /** Exclusive upper bound. */
  readonly lessThan?: number;
  readonly integer?: boolean;
}

export function expectNumber(value: unknown, field: string, rule: NumberRule = {}): number {
  if (typeof value !== 'number') throw specError(field, 'expectedNumber', { got: describe(value) });
  if (!Number.isFinite(value)) throw specError(field, 'expectedFinite', { got: String(value) });
  if (rule.integer && !Number.isInteger(value)) throw specError(field, 'expectedInteger', { got: value });
  if (rule.min !== undefined && value < rule.min) throw specError(field, 'atLeast', { limit: rule.min, got: value });
  if (rule.greaterThan !== undefined && !(value > rule.greaterThan)) throw specError(field, 'above', { limit: rule.greaterThan, got: value });
  if (rule.max !== undefined && value > rule.max) throw specError(field, 'atMost', { limit: rule.max, got: value });
  if (rule.lessThan !== undefined && !(value < rule.lessThan)) throw specError(field, 'below', { limit: rule.lessThan, got: value });
  return value;
}

export function expectBoolean(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw specError(field, 'expectedBoolean', { got: describe(value) });
  return value;
}

export function expectString(value: unknown, field: string): string {
  if (typeof value !== 'string') throw specError(field, 'expectedString', { got: describe(value) });
  return value;
}

export function expectOneOf<T extends string>(value: unknown, field: string, choices: readonly T[]): T {
  const text = expectString(value, field);
  if (!(choices as readonly string[]).includes(text)) throw specError(field, 'expectedOneOf', { choices: choices.join(', '), got: JSON.stringify(text) });
  return text as T;
}

export function expectArray(value: unknown, field: string): readonly unknown[] {
  if (!Array.isArray(value)) throw specError(field, 'expectedArray', { got: describe(value) });
  return value;
}

/** Reads `obj[key]` with `read` when present, else returns `fallback` (torch's default). */
export function optional<T>(obj: JsonObject, key: string, field: string, fallback: T, read: (value: unknown, field: string) => T): T {
  const value = obj[key];
  return value === undefined ? fallback : read(value, field ? `${field}.${key}` : key);
}

/** The largest step count any spec may ask for. */
export const MAX_STEPS = 100_000;

/**
 * What one `simulate` spec may ask for: optimizers × steps (10 optimizers × 50,000 steps: about
 * a second of stepping and printing 30 MB of JSON on a loaded 2-core machine). 100 × 100,000 once
 * ran 20 s and then overran the longest string V8 makes.
 */
export const MAX_OPTIMIZER_STEPS = 500_000;

/**
 * The most numbers one run (a spec or a whole batch) may print: 3 per trajectory point (x, y, loss),
 * 1 per learning rate. Keeps the JSON answer under ~40 MB and about a second.
 */
export const MAX_OUTPUT_NUMBERS = 2_000_000;

/** Refuses a run whose answer would hold more than MAX_OUTPUT_NUMBERS numbers. */
export function checkOutputSize(numbers: number, field: string): void {
  if (numbers > MAX_OUTPUT_NUMBERS) throw specError(field, 'outputSize', { got: numbers, limit: MAX_OUTPUT_NUMBERS });
}

/** Reads `obj[key]` with `read`, or throws a SpecError naming the field when it is absent. */
export function required<T>(obj: JsonObject, key: string, field: string, read: (value: unknown, field: string) => T): T {
  const at = field ? `${field}.${key}` : key;
  const value = obj[key];
  if (value === undefined) throw specError(at, 'missing');
  return read(value, at);
}

/** Reads a JSON `[x, y]` pair of finite numbers. */
export function expectPoint(value: unknown, field: string): readonly [number, number] {
  const items = expectArray(value, field);
  if (items.length !== 2) throw specError(field, 'expectedPoint', { count: items.length });
  return [expectNumber(items[0], `${field}[0]`), expectNumber(items[1], `${field}[1]`)];
}

