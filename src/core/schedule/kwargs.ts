/**
 * Reading a scheduler's torch keywords from a spec object: unknown keywords are errors, absent ones
 * take torch's default from the registry entry, and every problem names `scheduler.<keyword>`.
 */
import { SpecError, specError } from '../errors';
import { describe, expectBoolean, expectNumber, expectOneOf, rejectUnknownKeys, type JsonObject, type NumberRule } from '../spec';

/** The `_LRScheduler` keywords every chainable scheduler accepts in torch 1.13. */
export const EPOCH_DEFAULTS = { last_epoch: -1, verbose: false } as const;

export class Kwargs {
  constructor(
    private readonly spec: JsonObject,
    private readonly field: string,
    private readonly type: string,
    private readonly defaults: Readonly<Record<string, unknown>>,
    private readonly required: readonly string[] = [],
  ) {
    rejectUnknownKeys(spec, ['type', ...required, ...Object.keys(defaults)], field);
    if ('last_epoch' in defaults) {
      // Resuming (last_epoch >= 0) needs an optimizer that already carries 'initial_lr'; a fresh
      // SGD has none, so torch raises KeyError. Only a fresh schedule is simulated.
      this.number('last_epoch', { integer: true, min: -1, max: -1 });
    }
    if ('verbose' in defaults) this.boolean('verbose');
  }

  path(key: string): string {
    return this.field ? `${this.field}.${key}` : key;
  }

  /** The raw value, or torch's default; a missing required keyword is an error. */
  raw(key: string): unknown {
    const value = this.spec[key];
    if (value !== undefined) return value;
    if (this.required.includes(key)) throw specError(this.path(key), 'requiredKeyword', { type: this.type });
    return this.defaults[key];
  }

  number(key: string, rule: NumberRule = {}): number {
    return expectNumber(this.raw(key), this.path(key), rule);
  }

  integer(key: string, rule: NumberRule = {}): number {
    return this.number(key, { ...rule, integer: true });
  }

  /** A keyword whose torch default is None: null (or absence) reads as undefined. */
  optionalInteger(key: string, rule: NumberRule = {}): number | undefined {
    const value = this.raw(key);
    return value === null || value === undefined ? undefined : expectNumber(value, this.path(key), { ...rule, integer: true });
  }

  boolean(key: string): boolean {
    return expectBoolean(this.raw(key), this.path(key));
  }

  choice<T extends string>(key: string, choices: readonly T[]): T {
    return expectOneOf(this.raw(key), this.path(key), choices);
  }

  /** torch's "float or list" keywords (one value per param group): a number, or a list of exactly one. */
  perGroupNumber(key: string, rule: NumberRule = {}): number {
    const value = this.raw(key);
    if (!Array.isArray(value)) return expectNumber(value, this.path(key), rule);
    if (value.length !== 1) throw new SpecError(this.path(key), `expected 1 value (the optimizer has one param group), got ${value.length}`);
    return expectNumber(value[0], `${this.path(key)}[0]`, rule);
  }

  /** A keyword torch accepts only as None here (a Python callable cannot come from JSON). */
  none(key: string, reason: string): void {
    const value = this.raw(key);
    if (value !== null && value !== undefined) throw new SpecError(this.path(key), `${reason}; got ${describe(value)}`);
  }
}
