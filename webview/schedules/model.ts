/**
 * Scheduler specs as the editors see them. A scheduler is its `schedule`-CLI JSON spec
 * (`{"type": CLASS, ...torch kwargs, "schedulers": [nested specs]}`), possibly invalid: what the
 * user typed is kept and the core says what is wrong. The forms come from the registry's
 * `defaults` and `required`; nothing here is written per class.
 */
import { SpecError } from '../../src/core/errors';
import { isObject, type JsonObject } from '../../src/core/spec';
import { SCHEDULERS, SCHEDULER_TYPES, validateScheduler, type SchedulerConfig, type SchedulerType } from '../../src/core/schedule';
import { pythonFloat } from '../shared/python';

export type SchedulerSpec = JsonObject;

/** Keywords with nothing to choose in a panel: a fresh schedule (last_epoch -1), no printing, no Python callables. */
const HIDDEN = new Set(['last_epoch', 'verbose', 'scale_fn']);
/** Required keywords that are not numbers, by torch's keyword name. */
const REQUIRED_KIND: Readonly<Record<string, ParamKind>> = { milestones: 'list', lr_lambda: 'lambda', schedulers: 'schedulers' };

export type ParamKind = 'number' | 'optional' | 'boolean' | 'choice' | 'list' | 'lambda' | 'schedulers';

export interface Param {
  readonly key: string;
  readonly kind: ParamKind;
  readonly required: boolean;
  /** torch's default (absent for required keywords). */
  readonly fallback?: unknown;
  /** For `choice`: what the core accepts. */
  readonly choices?: readonly string[];
}

export function isSchedulerType(value: unknown): value is SchedulerType {
  return typeof value === 'string' && (SCHEDULER_TYPES as readonly string[]).includes(value);
}

export function isComposite(type: SchedulerType): boolean {
  return 'schedulers' in SCHEDULERS[type].defaults || SCHEDULERS[type].required.includes('schedulers');
}

const paramCache = new Map<SchedulerType, readonly Param[]>();

/** The keywords of `type`, required first, in the registry's order, each with its control kind. */
export function paramsOf(type: SchedulerType): readonly Param[] {
  const cached = paramCache.get(type);
  if (cached) return cached;
  const entry = SCHEDULERS[type];
  const params: Param[] = entry.required.map((key) => ({ key, kind: REQUIRED_KIND[key] ?? 'number', required: true }));
  for (const [key, fallback] of Object.entries(entry.defaults)) {
    if (HIDDEN.has(key)) continue;
    if (typeof fallback === 'boolean') params.push({ key, kind: 'boolean', required: false, fallback });
    else if (typeof fallback === 'number') params.push({ key, kind: 'number', required: false, fallback });
    else if (fallback === null) params.push({ key, kind: 'optional', required: false, fallback });
    else if (typeof fallback === 'string') params.push({ key, kind: 'choice', required: false, fallback, choices: choicesOf(type, key, fallback) });
  }
  paramCache.set(type, params);
  return params;
}

/** The values the core accepts for a string keyword, read from its own refusal of a value that is none of them. */
function choicesOf(type: SchedulerType, key: string, fallback: string): readonly string[] {
  try {
    validateScheduler({ ...starterSpec(type), [key]: '\u0000' }, '');
  } catch (error) {
    const match = error instanceof SpecError && error.field === key ? /expected one of (.*), got/.exec(error.reason) : null;
    if (match) return match[1]!.split(', ');
  }
  return [fallback];
}

/** What a starting spec is scaled to: the chart's lr and length. */
export interface StarterContext {
  readonly baseLr: number;
  /** scheduler.step() calls on the chart. */
  readonly calls: number;
}

const DEFAULT_CONTEXT: StarterContext = { baseLr: 0.1, calls: 100 };

/**
 * Starting values, by keyword: for the required ones (torch has no default to offer) and for the
 * few whose default is meant for another scale (CyclicLR's 2000-iteration half cycle).
 */
function starterValue(key: string, ctx: StarterContext): unknown {
  const n = Math.max(1, ctx.calls);
  switch (key) {
    case 'step_size':
      return Math.max(1, Math.round(n / 3));
    case 'gamma':
      return 0.95;
    case 'milestones':
      return [Math.round(n / 2), Math.round((n * 3) / 4)];
    case 'T_max':
      return n;
    case 'T_0':
      return Math.max(1, Math.round(n / 4));
    case 'total_steps':
      return n;
    case 'step_size_up':
      return Math.max(1, Math.round(n / 8));
    case 'lr_lambda':
      return 'lambda epoch: 0.95 ** epoch';
    case 'max_lr':
      return ctx.baseLr;
    case 'base_lr':
      return ctx.baseLr / 10;
    default:
      return undefined;
  }
}

/** A spec of `type` that plots as it is: torch's defaults plus starting values where torch has none. */
export function starterSpec(type: SchedulerType, ctx: StarterContext = DEFAULT_CONTEXT): SchedulerSpec {
  const spec: Record<string, unknown> = { type };
  if (type === 'SequentialLR') {
    const warmup = Math.max(1, Math.round(ctx.calls * 0.05));
    return {
      type,
      schedulers: [
        { type: 'LinearLR', start_factor: 0.1, total_iters: warmup },
        { type: 'CosineAnnealingLR', T_max: Math.max(1, ctx.calls - warmup) },
      ],
      milestones: [warmup],
    };
  }
  if (type === 'ChainedScheduler') {
    return { type, schedulers: [{ type: 'LinearLR', start_factor: 0.1, total_iters: Math.max(1, Math.round(ctx.calls * 0.05)) }, { type: 'ExponentialLR', gamma: 0.97 }] };
  }
  for (const key of [...SCHEDULERS[type].required, ...Object.keys(SCHEDULERS[type].defaults)]) {
    const value = starterValue(key, ctx);
    if (value !== undefined) spec[key] = value;
  }
  return spec;
}

/** The seed's default: "big steps early, small steps late" — 5 epochs of linear warmup, then cosine annealing over 95. */
export function defaultSchedule(): SchedulerSpec {
  return {
    type: 'SequentialLR',
    schedulers: [
      { type: 'LinearLR', start_factor: 0.1, total_iters: 5 },
      { type: 'CosineAnnealingLR', T_max: 95 },
    ],
    milestones: [5],
  };
}

export function childrenOf(spec: SchedulerSpec): readonly unknown[] {
  return Array.isArray(spec.schedulers) ? spec.schedulers : [];
}

// ── Edits (pure; `path` is the list of child indices from the top spec) ───

export type SpecPath = readonly number[];

/** Applies `edit` to the spec at `path`; anything along the way that is not a spec is left as it is. */
export function editAt(spec: unknown, path: SpecPath, edit: (spec: SchedulerSpec) => SchedulerSpec): unknown {
  if (!isObject(spec)) return spec;
  if (path.length === 0) return edit(spec);
  const [head, ...rest] = path;
  const children = childrenOf(spec);
  if (head === undefined || head >= children.length) return spec;
  return { ...spec, schedulers: children.map((child, i) => (i === head ? editAt(child, rest, edit) : child)) };
}

export function setKwarg(spec: SchedulerSpec, key: string, value: unknown): SchedulerSpec {
  const next: Record<string, unknown> = { ...spec };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

/** A child appended to a composite; SequentialLR gets a milestone for it, after the last one. */
export function addChild(spec: SchedulerSpec, type: SchedulerType, ctx: StarterContext): SchedulerSpec {
  const children = [...childrenOf(spec), starterSpec(type, ctx)];
  if (spec.type !== 'SequentialLR') return { ...spec, schedulers: children };
  const milestones = Array.isArray(spec.milestones) ? [...(spec.milestones as unknown[])] : [];
  const last = milestones.map(Number).filter(Number.isFinite).reduce((a, b) => Math.max(a, b), 0);
  milestones.push(Math.min(Math.max(1, ctx.calls - 1), last + Math.max(1, Math.round(ctx.calls / 4))));
  return { ...spec, schedulers: children, milestones };
}

/** The child at `index` removed; SequentialLR loses the milestone that led into it. */
export function removeChild(spec: SchedulerSpec, index: number): SchedulerSpec {
  const children = childrenOf(spec).filter((_, i) => i !== index);
  if (spec.type !== 'SequentialLR' || !Array.isArray(spec.milestones)) return { ...spec, schedulers: children };
  const drop = Math.max(0, index - 1);
  return { ...spec, schedulers: children, milestones: (spec.milestones as unknown[]).filter((_, i) => i !== drop) };
}

/** Keys of `spec` that are no keyword of its class (the core refuses them; the editor offers to remove them). */
export function unknownKeys(spec: SchedulerSpec): string[] {
  if (!isSchedulerType(spec.type)) return [];
  const known = new Set(['type', ...SCHEDULERS[spec.type].required, ...Object.keys(SCHEDULERS[spec.type].defaults)]);
  return Object.keys(spec).filter((key) => !known.has(key) && spec[key] !== undefined);
}

// ── Text ⇄ values ─────────────────────────────────────────────────────────

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** "30, 80" → [30, 80]; a token that is not a number stays text, so the core names it (`milestones[1]`). */
export function readListText(text: string): unknown[] {
  const trimmed = text.trim().replace(/^\[|\]$/g, '');
  if (trimmed.trim() === '') return [];
  return trimmed.split(',').map((token) => (NUMBER_TEXT.test(token.trim()) ? Number(token.trim()) : token.trim()));
}

export function listText(value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'number' ? String(v) : String(v))).join(', ');
  return value === undefined || value === null ? '' : String(value);
}

// ── Validation ────────────────────────────────────────────────────────────

export type Checked = { readonly ok: true; readonly config: SchedulerConfig } | { readonly ok: false; readonly error: SpecError };

/** The core's verdict on a spec, under the field name `scheduler` (errors read `scheduler.schedulers[1].T_max`). */
export function checkSpec(spec: unknown): Checked {
  try {
    return { ok: true, config: validateScheduler(spec, 'scheduler') };
  } catch (error) {
    return { ok: false, error: error instanceof SpecError ? error : new SpecError('scheduler', String(error)) };
  }
}

/** The field name of the spec at `path`: `scheduler`, `scheduler.schedulers[1]`, … */
export function fieldOf(path: SpecPath): string {
  return ['scheduler', ...path.map((i) => `schedulers[${i}]`)].join('.');
}

/** Whether `error` is about keyword `key` of the spec at field `field` (or an element of it). */
export function errorIsAbout(error: SpecError | undefined, field: string, key: string): boolean {
  if (!error) return false;
  const name = `${field}.${key}`;
  return error.field === name || error.field.startsWith(`${name}[`);
}

/** `SequentialLR(LinearLR, CosineAnnealingLR)`: how a spec reads in a legend. */
export function describeSpec(spec: unknown): string {
  if (!isObject(spec) || typeof spec.type !== 'string') return '?';
  const children = childrenOf(spec);
  return children.length ? `${spec.type}(${children.map(describeSpec).join(', ')})` : spec.type;
}

// ── Copy as PyTorch ───────────────────────────────────────────────────────

function sameValue(a: unknown, b: unknown): boolean {
  return Object.is(a, b) || (typeof a === 'number' && a === b) || JSON.stringify(a) === JSON.stringify(b);
}

function pythonLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) < 1e16 ? String(value) : pythonFloat(value);
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Array.isArray(value)) return `[${value.map(pythonLiteral).join(', ')}]`;
  return JSON.stringify(value);
}

const PREFIX = 'torch.optim.lr_scheduler.';

/**
 * `torch.optim.lr_scheduler.StepLR(optimizer, step_size=30)`: the keywords that differ from torch's
 * defaults (required ones always), lr_lambda as the lambda itself, composites as nested
 * constructions on the same optimizer, one per line.
 */
export function torchScheduler(spec: SchedulerSpec, optimizer = 'optimizer', indent = ''): string {
  const type = spec.type as SchedulerType;
  const args: string[] = [];
  let nested: string | undefined;
  for (const param of paramsOf(type)) {
    const value = spec[param.key];
    if (param.kind === 'schedulers') {
      const inner = `${indent}        `;
      nested = `schedulers=[\n${childrenOf(spec)
        .map((child) => `${inner}${torchScheduler(child as SchedulerSpec, optimizer, inner)},\n`)
        .join('')}${indent}    ]`;
      continue;
    }
    if (value === undefined || (!param.required && sameValue(value, param.fallback))) continue;
    args.push(`${param.key}=${param.kind === 'lambda' && typeof value === 'string' ? value.trim() : pythonLiteral(value)}`);
  }
  if (nested === undefined) return `${PREFIX}${type}(${[optimizer, ...args].join(', ')})`;
  return `${PREFIX}${type}(\n${[optimizer, nested, ...args].map((a) => `${indent}    ${a},\n`).join('')}${indent})`;
}
