/**
 * The fuzz harness: seeded random inputs for every reader of outside text, and the properties each
 * must keep. `npm run fuzz` (scripts/fuzz.mjs) runs it for minutes; test/unit/fuzz.test.ts runs a
 * short seeded slice of it. Input `index` of `seed` is always the same input, so a failure is
 * reproduced by its (target, seed, index) alone.
 *
 * Properties: no exception but the reader's own refusal (SpecError, NotebookError); every range
 * inside the document; the same answer twice; the direct reader and tree-sitter build the same
 * statements wherever the direct reader reads one (as scripts/direct-corpus.mjs checks); and the
 * time each input took, which the driver reports (> 2 s is a hang) but never asserts.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Parser } from 'web-tree-sitter';
import { NotebookError, readNotebookCells, type Analyzer, type Finding, type Range } from '../../src/analysis';
import { parseDirect } from '../../src/analysis/syntax/direct/parser';
import { convertModule } from '../../src/analysis/syntax/fromTreeSitter';
import { segmentText } from '../../src/analysis/syntax/text/segment';
import { SpecError } from '../../src/core/errors';
import { seededRandom } from '../../src/core/random';
import { parseLambda } from '../../src/core/schedule/lambda';
import { runScheduleJson } from '../../src/core/schedule/run';
import { runSimulate } from '../../src/core/simulate';
import { parseFromWebview, parseToWebview } from '../../src/protocol';
import { readState as readOptimizersState } from '../../webview/optimizers/state';
import { readState as readSchedulesState } from '../../webview/schedules/state';

export type Random = () => number;

/** The random source of one input: a function of (seed, index) only. */
export function inputRandom(seed: number, index: number): Random {
  return seededRandom(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35));
}

const int = (r: Random, n: number): number => Math.floor(r() * n);
const pick = <T>(r: Random, items: readonly T[]): T => items[int(r, items.length)] as T;

export interface Failure {
  readonly target: string;
  readonly seed: number;
  readonly index: number;
  /** `exception`, `range`, `nondeterministic`, `disagreement`. */
  readonly kind: string;
  readonly detail: string;
  /** The input (its first 2,000 characters; the seed and index give all of it). */
  readonly input: string;
}

/**
 * The classes of failure issue 19 knows and another change fixes (the analyser's stack overflows,
 * parser poisoning, the direct reader accepting NUL and `from x import ()`): their name, or
 * undefined for anything else, which is a new failure.
 */
export function knownIssue19(f: Failure): string | undefined {
  if (f.target !== 'analyser' && f.target !== 'notebook') return undefined;
  if (f.detail.includes('Maximum call stack size exceeded')) return 'stack overflow';
  if (f.kind === 'poisoned') return 'parser poisoning';
  if (f.kind === 'disagreement' && f.detail.includes('(the statement holds NUL)')) return 'the direct reader accepts NUL';
  if (f.kind === 'disagreement' && /import\s*\(\s*\)/.test(f.detail)) return 'the direct reader accepts from x import ()';
  return undefined;
}

/** One fuzzed reader: `run` makes input `index` of `seed`, checks it, and returns what broke. */
export interface Target {
  readonly name: string;
  run(seed: number, index: number): Failure[];
  /**
   * CPU milliseconds of the longest call under test in the last `run`, for a target whose own
   * checks can cost more than the reader (the analyser's comparison of its two readers, on a
   * 700,000-character statement, takes twice the analysis): what a hang is judged on. Without
   * it, the whole run is.
   */
  readonly lastCallMs?: number;
}

/** CPU time of the process, in milliseconds (the machine is shared: elapsed time says little). */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function failure(target: string, seed: number, index: number, kind: string, detail: string, input: string): Failure {
  return { target, seed, index, kind, detail: detail.slice(0, 500), input: input.slice(0, 2000) };
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

// ── Python text ──────────────────────────────────────────────────────────────

const TOKENS = [
  '(', ')', '[', ']', '{', '}', ':', ',', '.', '=', '"', "'", '"""', "'''", 'f"{', 'b"', 'r"\\', '#', '\\', '\\\n', '\t', '    ', '\n', '\r',
  '\r\n', '\0', '\uD800', '\uDC00', '\uFEFF', '😀', '训练', '\u2028', ';', '@', 'lambda', 'async ', 'await ', 'match x:', 'case 1:', ':=', '*', '**',
  'optimizer.step()', 'loss.backward()', 'optimizer.zero_grad()', 'scheduler.step()', 'for x in loader:', 'while True:', 'with a as b:',
  'def f(', 'def step(self):', 'class C:', 'if (i + 1) % 4 == 0:', 'else:', 'elif x:', 'try:', 'except:', 'return', 'yield', 'global x',
  'torch.optim.Adam(p, weight_decay=0.1)', 'StepLR(opt, 10)', 'OneCycleLR(opt, max_lr=1, total_steps=n)', 'import torch', 'from . import x',
  'trainer.run(loader, max_epochs=3)', '@trainer.on(Events.EPOCH_STARTED)', '# noqa: OL001', 'del x', 'x[1:2, ::3]', '0x_1', '1e', '1_000',
];

/** One kind of damage to Python text. Each takes and returns the text. */
const MUTATIONS: readonly ((text: string, r: Random) => string)[] = [
  // Lines: deleted, duplicated, swapped, re-indented, truncated.
  (t, r) => editLines(t, (lines) => void lines.splice(int(r, lines.length), 1 + int(r, 3))),
  (t, r) => editLines(t, (lines) => {
    const at = int(r, lines.length);
    lines.splice(at, 0, ...lines.slice(at, at + 1 + int(r, 4)));
  }),
  (t, r) => editLines(t, (lines) => {
    const a = int(r, lines.length);
    const b = int(r, lines.length);
    [lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? ''];
  }),
  (t, r) => editLines(t, (lines) => {
    const at = int(r, lines.length);
    const count = 1 + int(r, 6);
    const indent = pick(r, ['    ', '  ', '\t', ' ', '        ']);
    const dedent = r() < 0.5;
    for (let i = at; i < Math.min(lines.length, at + count); i++) lines[i] = dedent ? (lines[i] ?? '').replace(/^( {1,4}|\t)/, '') : indent + (lines[i] ?? '');
  }),
  (t, r) => t.slice(0, int(r, t.length + 1)),
  // Tokens and characters at random offsets.
  (t, r) => insertAt(t, r, pick(r, TOKENS)),
  (t, r) => insertAt(t, r, Array.from({ length: 1 + int(r, 8) }, () => pick(r, TOKENS)).join(pick(r, ['', ' ', '\n']))),
  (t, r) => insertAt(t, r, String.fromCharCode(int(r, 0x10000))),
  (t, r) => {
    const at = int(r, t.length);
    return t.slice(0, at) + t.slice(at + 1 + int(r, 20));
  },
  // Unterminated strings, NUL, lone surrogates, a byte-order mark, line endings.
  (t, r) => insertAt(t, r, pick(r, ['"', "'", '"""', "'''", 'f"{x', "f'''{", 'r"\\', 'b"\\x'])),
  (t, r) => insertAt(t, r, '\0'.repeat(1 + int(r, 3))),
  (t, r) => insertAt(t, r, pick(r, ['\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uDC00\uD800'])),
  (t) => '\uFEFF' + t,
  (t, r) => insertAt(t, r, '\uFEFF'),
  (t) => t.replace(/\n/g, '\r\n'),
  (t, r) => t.replace(/\n/g, () => (r() < 0.3 ? '\r\n' : r() < 0.1 ? '\r' : '\n')),
  // Deep brackets (5,000, closed or not) and very long lines: rarer, they cost more.
  (t, r) => {
    const open = pick(r, ['(', '[', '{', 'f(', 'x[', '-', 'not ', 'lambda: ']);
    const depth = r() < 0.5 ? 5000 : 1 + int(r, 5000);
    const close = { '(': ')', '[': ']', '{': '}', 'f(': ')', 'x[': ']' }[open] ?? '';
    const body = open.repeat(depth) + 'x' + (r() < 0.5 ? close.repeat(depth) : '');
    return insertLine(t, r, r() < 0.5 ? body : `y = ${body}`);
  },
  (t, r) => insertLine(t, r, `x = ${pick(r, ['a + ', '"s" "', '1, ', 'f(x) or ', 'optimizer.step(); ', 'x = '])}`.repeat(r() < 0.2 ? 2000 + int(r, 20_000) : 1) + pick(r, ['a + ', '"s" "', '1, ', 'f(x) or ', 'optimizer.step(); ']).repeat(2000 + int(r, 20_000)) + '1'),
  (t, r) => insertLine(t, r, `s = "${'x'.repeat(100_000 + int(r, 100_000))}"`),
];

/** How often each mutation above is drawn (the expensive ones rarely). */
const MUTATION_WEIGHTS = [4, 3, 3, 4, 1, 6, 3, 2, 2, 3, 1, 1, 1, 1, 1, 1, 0.3, 0.2, 0.1];

function editLines(text: string, edit: (lines: string[]) => void): string {
  const lines = text.split('\n');
  edit(lines);
  return lines.join('\n');
}

function insertAt(text: string, r: Random, piece: string): string {
  const at = int(r, text.length + 1);
  return text.slice(0, at) + piece + text.slice(at);
}

function insertLine(text: string, r: Random, line: string): string {
  return editLines(text, (lines) => void lines.splice(int(r, lines.length + 1), 0, line));
}

function weighted(r: Random, weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let x = r() * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i] as number;
    if (x < 0) return i;
  }
  return weights.length - 1;
}

/** A mangled version of one of `corpus`'s scripts: 1 to 4 mutations. */
export function mangledScript(corpus: readonly string[], r: Random): string {
  let text = pick(r, corpus);
  const count = 1 + int(r, 4);
  for (let i = 0; i < count; i++) text = (MUTATIONS[weighted(r, MUTATION_WEIGHTS)] as (t: string, r: Random) => string)(text, r);
  return text;
}

/** LSP lines: `\r\n`, `\n` and `\r` each end one. */
function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((line) => line.length);
}

function rangeInside(range: Range, lengths: readonly number[]): boolean {
  const ok = (p: Range['start']) => Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.line < lengths.length && p.character >= 0 && p.character <= (lengths[p.line] as number);
  const ordered = range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
  return ok(range.start) && ok(range.end) && ordered;
}

/** Every range of `findings` that is not inside `lengths[cell]` (or the file's, without cells). */
function rangesOutside(findings: readonly Finding[], linesOf: (cell: number | undefined) => readonly number[] | undefined): string[] {
  const bad: string[] = [];
  const check = (what: string, range: Range, cell: number | undefined) => {
    const lengths = linesOf(cell);
    if (!lengths || !rangeInside(range, lengths)) bad.push(`${what} ${JSON.stringify(range)} (cell ${String(cell)})`);
  };
  for (const f of findings) {
    check(`${f.code} range`, f.range, f.cell);
    for (const r of f.related) if (r.file === undefined) check(`${f.code} related`, r.range, r.cell);
    for (const fix of f.fixes) for (const e of fix.edits) check(`${f.code} fix edit`, e.range, e.cell);
  }
  return bad;
}

const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x)) as unknown;

/** How often the analyser target re-checks a known script, to notice a poisoned parser. */
const CANARY_EVERY = 250;

/**
 * The analyser's public API on mangled training scripts, and its two readers against each other.
 * `canary` is a script whose findings must never change: an input that leaves the parser broken
 * for the files after it (issue 19's poisoning) shows up as a `poisoned` failure.
 */
export function analyserTarget(analyzer: Analyzer, parser: Parser, corpus: readonly string[], canary: string): Target {
  const name = 'analyser';
  const expected = JSON.stringify(analyzer.analyzeText(canary));
  /** Runs `analyse`, keeping the longest CPU time of the run's analyses in `lastCallMs`. */
  const timed = <T>(analyse: () => T): T => {
    const start = cpuMs();
    try {
      return analyse();
    } finally {
      target.lastCallMs = Math.max(target.lastCallMs, cpuMs() - start);
    }
  };
  const target = {
    name,
    lastCallMs: 0,
    run(seed: number, index: number): Failure[] {
      target.lastCallMs = 0;
      const text = mangledScript(corpus, inputRandom(seed, index));
      const out: Failure[] = [];
      const fail = (kind: string, detail: string) => out.push(failure(name, seed, index, kind, detail, text));
      if (index % CANARY_EVERY === 0 && JSON.stringify(analyzer.analyzeText(canary)) !== expected) fail('poisoned', `the canary's findings changed before input ${index} (since input ${index - CANARY_EVERY})`);
      let first: Finding[];
      try {
        first = timed(() => analyzer.analyzeText(text));
      } catch (error) {
        fail('exception', describeError(error));
        return out;
      }
      const lengths = lineLengths(text);
      for (const bad of rangesOutside(first, () => lengths)) fail('range', bad);
      try {
        // Findings are plain data built by the same code both times: their JSON text compares them.
        if (JSON.stringify(timed(() => analyzer.analyzeText(text))) !== JSON.stringify(first)) fail('nondeterministic', 'a second analysis of the same text differs');
      } catch (error) {
        fail('nondeterministic', `the second analysis throws ${describeError(error)}`);
      }
      out.push(...readersDisagree(parser, text).map((d) => failure(name, seed, index, 'disagreement', d, text)));
      return out;
    },
  };
  return target;
}

/** Where the direct reader reads a top-level statement tree-sitter reads otherwise (or with an error). */
export function readersDisagree(parser: Parser, text: string): string[] {
  const out: string[] = [];
  for (const { start, end } of segmentText(text).segments) {
    const chunk = text.slice(start, end);
    if (chunk.trim() === '') continue;
    let direct: ReturnType<typeof parseDirect>;
    try {
      direct = parseDirect(chunk);
    } catch (error) {
      out.push(`statement at offset ${start}: the direct reader throws ${describeError(error)}`);
      continue;
    }
    if (direct === null) continue;
    const tree = parser.parse(chunk);
    if (!tree) continue;
    try {
      const clean = !tree.rootNode.hasError;
      if (!clean || !isDeepStrictEqual(plain(direct), plain(convertModule(tree.rootNode, chunk)))) {
        const what = clean ? 'a different tree' : 'tree-sitter finds an error the direct reader does not';
        out.push(`statement at offset ${start}: ${what}${chunk.includes('\0') ? ' (the statement holds NUL)' : ''}: ${JSON.stringify(chunk.slice(0, 200))}`);
      }
    } catch (error) {
      // A statement too deep for the conversion or for the comparison itself.
      out.push(`statement at offset ${start}: comparing the readers throws ${describeError(error)}`);
    } finally {
      tree.delete();
    }
  }
  return out;
}

// ── Notebooks ────────────────────────────────────────────────────────────────

/** A JSON value built from random pieces, sometimes deep, sometimes with prototype keys. */
export function randomJson(r: Random, depth = 0): unknown {
  const roll = r();
  if (depth > 4 || roll < 0.45) {
    return pick(r, [null, true, false, 0, -1, 1, 0.5, 1e308, -1e-320, 2 ** 53 + 1, 100_000, 1e6, '', 'x', 'code', 'markdown', 'python', 'lambda e: e', '__proto__', '\uD800', '\0', 'a'.repeat(int(r, 300))]);
  }
  if (roll < 0.7) return Array.from({ length: int(r, 5) }, () => randomJson(r, depth + 1));
  const obj: Record<string, unknown> = {};
  const keys = ['type', 'cells', 'source', 'cell_type', 'metadata', 'language', 'kernelspec', 'steps', 'surface', 'optimizers', 'scheduler', 'base_lr', 'lr', 'state', 'kind', 'strings', 'text', 'toString', 'constructor', '__proto__', 'cases'];
  for (let i = int(r, 5); i > 0; i--) Object.defineProperty(obj, pick(r, keys), { value: randomJson(r, depth + 1), enumerable: true, configurable: true, writable: true });
  return obj;
}

/** Replaces, deletes or adds one value somewhere inside `value` (a fresh copy; `value` is kept). */
export function mutateJson(value: unknown, r: Random): unknown {
  if (typeof value !== 'object' || value === null || r() < 0.15) return randomJson(r);
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...(value as unknown[])] : { ...(value as Record<string, unknown>) };
  const keys = Object.keys(copy);
  const roll = r();
  if (keys.length === 0 || roll < 0.1) {
    if (Array.isArray(copy)) copy.push(randomJson(r));
    else copy[pick(r, ['extra', 'type', 'cells', '__proto__', 'steps'])] = randomJson(r);
    return copy;
  }
  const key = pick(r, keys);
  if (roll < 0.2) {
    if (Array.isArray(copy)) copy.splice(Number(key), 1);
    else delete copy[key];
    return copy;
  }
  (copy as Record<string, unknown>)[key] = mutateJson((copy as Record<string, unknown>)[key], r);
  return copy;
}

/** JSON text, damaged as text: cut, a character flipped, nested 5,000 deep. */
function mangleJsonText(text: string, r: Random): string {
  switch (int(r, 6)) {
    case 0:
      return text.slice(0, int(r, text.length + 1));
    case 1: {
      const at = int(r, text.length);
      return text.slice(0, at) + pick(r, ['"', '{', '}', '[', ']', ',', ':', '\\', '\\u', '\uD800', '\0', 'null']) + text.slice(at + int(r, 2));
    }
    case 2:
      return '['.repeat(5000) + text + ']'.repeat(r() < 0.5 ? 5000 : 0);
    case 3:
      return text.replace('"cells"', `"cells": ${'['.repeat(3000)}${']'.repeat(3000)}, "x"`);
    default:
      return text;
  }
}

export function notebookTarget(analyzer: Analyzer, notebooks: readonly string[]): Target {
  const name = 'notebook';
  const parsed = notebooks.map((n) => JSON.parse(n) as unknown);
  return {
    name,
    run(seed, index) {
      const r = inputRandom(seed, index);
      let value = pick(r, parsed);
      for (let i = 1 + int(r, 3); i > 0; i--) value = mutateJson(value, r);
      const text = mangleJsonText(JSON.stringify(value) ?? 'null', r);
      const out: Failure[] = [];
      const fail = (kind: string, detail: string) => out.push(failure(name, seed, index, kind, detail, text));
      let findings: Finding[];
      try {
        findings = analyzer.analyzeIpynb(text);
      } catch (error) {
        if (!(error instanceof NotebookError)) fail('exception', describeError(error));
        return out;
      }
      // Ranges are cell-local; `cell` indexes the notebook's cells, markdown included.
      const { cells, cellIndex } = readNotebookCells(text);
      const byNotebookIndex = new Map(cellIndex.map((nbIndex, i) => [nbIndex, lineLengths(cells[i] ?? '')]));
      for (const bad of rangesOutside(findings, (cell) => (cell === undefined ? undefined : byNotebookIndex.get(cell)))) fail('range', bad);
      if (!isDeepStrictEqual(plain(analyzer.analyzeIpynb(text)), plain(findings))) fail('nondeterministic', 'a second analysis differs');
      return out;
    },
  };
}

// ── Specs and lambdas ────────────────────────────────────────────────────────

const SIMULATE_SEEDS: readonly unknown[] = [
  { surface: 'ravine', start: [-8, 1.5], steps: 20, optimizers: [{ type: 'SGD', lr: 0.1, momentum: 0.9, nesterov: true }, { type: 'Adam', lr: 0.5, amsgrad: true }] },
  { surface: 'rastrigin', steps: 30, optimizers: [{ type: 'RMSprop', centered: true }, { type: 'NAdam', momentum_decay: 0.004 }, { type: 'RAdam' }, { type: 'Adadelta', rho: 0.5 }] },
  { cases: [{ surface: 'rosenbrock', steps: 5, optimizers: [{ type: 'Adagrad', lr_decay: 0.1 }, { type: 'Adamax', maximize: true }, { type: 'AdamW', betas: [0.8, 0.9] }] }] },
];

const SCHEDULE_SEEDS: readonly unknown[] = [
  { base_lr: 0.1, steps: 30, scheduler: { type: 'LambdaLR', lr_lambda: 'lambda e: 0.95 ** e' } },
  { base_lr: 0.1, steps: 30, scheduler: { type: 'SequentialLR', schedulers: [{ type: 'LinearLR', start_factor: 0.1 }, { type: 'CosineAnnealingLR', T_max: 10 }], milestones: [5] } },
  { base_lr: 0.1, steps: 20, scheduler: { type: 'ReduceLROnPlateau', patience: 1 }, metrics: Array.from({ length: 20 }, (_, i) => 1 / (1 + (i % 7))) },
  { base_lr: 1, steps: 25, scheduler: { type: 'OneCycleLR', max_lr: 0.1, total_steps: 25, three_phase: true } },
  { cases: [{ base_lr: 0.1, steps: 10, scheduler: { type: 'CyclicLR', base_lr: 0.01, max_lr: 0.1, mode: 'exp_range', step_size_up: 3 } }] },
  { base_lr: 0.1, steps: 10, scheduler: { type: 'ChainedScheduler', schedulers: [{ type: 'MultiplicativeLR', lr_lambda: 'lambda e: 0.9' }, { type: 'CosineAnnealingWarmRestarts', T_0: 3, T_mult: 2 }] } },
];

/** A spec reader: answers (the answer JSON-serialisable and the same twice) or refuses with a SpecError. */
function specTarget(name: string, seeds: readonly unknown[], run: (json: unknown) => unknown): Target {
  return {
    name,
    run(seed, index) {
      const r = inputRandom(seed, index);
      let value = r() < 0.1 ? randomJson(r) : pick(r, seeds);
      for (let i = 1 + int(r, 3); i > 0; i--) value = mutateJson(value, r);
      const input = JSON.stringify(value) ?? 'undefined';
      const answer = (): string => {
        try {
          return JSON.stringify(run(value));
        } catch (error) {
          if (error instanceof SpecError) return `SpecError ${error.message}`;
          throw error;
        }
      };
      try {
        const first = answer();
        if (answer() !== first) return [failure(name, seed, index, 'nondeterministic', 'a second run answers differently', input)];
        if (first.startsWith('SpecError ') && first.includes('\n')) return [failure(name, seed, index, 'message', 'a refusal of more than one line', input)];
      } catch (error) {
        return [failure(name, seed, index, 'exception', describeError(error), input)];
      }
      return [];
    },
  };
}

export const simulateTarget = (): Target => specTarget('simulate spec', SIMULATE_SEEDS, runSimulate);
export const scheduleTarget = (): Target => specTarget('schedule spec', SCHEDULE_SEEDS, runScheduleJson);

const LAMBDA_PIECES = [
  'e', 'x', '(', ')', '+', '-', '*', '/', '//', '%', '**', '<', '<=', '==', '!=', '>', ' and ', ' or ', 'not ', ' if ', ' else ', 'math.', 'cos', 'sin', 'pi',
  'exp', 'log', 'sqrt', 'floor', 'factorial', 'min(', 'max(', 'abs(', 'int(', 'float(', 'round(', 'pow(', 'bool(', 'True', 'None', '0', '1', '2', '3', '2.5',
  '1e308', '1e-3', '10', '41000', '0x1f', '0o7', '0b1', '1_0', '.5', ',', ' ', '"', '#', '\n', '[', ']', '{', '}', ':', '=', ':=', '~', '@', 'lambda ', '9'.repeat(30),
  '__import__', 'os', '.', '_', '\\', '\0', '\uD800',
];

export function lambdaTarget(): Target {
  const name = 'lambda';
  return {
    name,
    run(seed, index) {
      const r = inputRandom(seed, index);
      const body = Array.from({ length: 1 + int(r, 30) }, () => pick(r, LAMBDA_PIECES)).join('');
      const source = r() < 0.9 ? `lambda ${pick(r, ['e', 'epoch', 'x'])}: ${body}` : body;
      const args = [0, 1, 2, 99_999, int(r, 100_000), -1];
      const type = r() < 0.5 ? 'LambdaLR' : 'MultiplicativeLR';
      const answer = (): string => {
        const values: string[] = [];
        try {
          const lambda = parseLambda(source, 'lr_lambda');
          for (const arg of args) {
            try {
              values.push(String(lambda.factor(arg)));
            } catch (error) {
              if (!(error instanceof SpecError) || error.field !== 'lr_lambda') throw error;
              values.push(`SpecError ${error.message}`);
            }
          }
        } catch (error) {
          if (!(error instanceof SpecError) || error.field !== 'lr_lambda') throw error;
          values.push(`SpecError ${error.message}`);
        }
        // A short schedule through it too: the budget and the schedulers' own checks.
        try {
          values.push(JSON.stringify(runScheduleJson({ base_lr: 0.1, steps: 200, scheduler: { type, lr_lambda: source } })));
        } catch (error) {
          if (!(error instanceof SpecError)) throw error;
          values.push(`SpecError ${error.message}`);
        }
        return values.join('\n');
      };
      try {
        if (answer() !== answer()) return [failure(name, seed, index, 'nondeterministic', 'a second evaluation answers differently', source)];
      } catch (error) {
        return [failure(name, seed, index, 'exception', describeError(error), source)];
      }
      return [];
    },
  };
}

// ── Protocol ─────────────────────────────────────────────────────────────────

const MESSAGE_SEEDS: readonly unknown[] = [
  { type: 'ready' },
  { type: 'log', level: 'warn', text: 'x' },
  { type: 'copyText', text: 'torch.optim.Adam(p)' },
  { type: 'init', kind: 'optimizers', locale: 'en', strings: { title: 'T' }, state: { v: 1, surface: 'ravine', steps: 100, optimizers: [{ type: 'Adam', kwargs: { lr: 0.1 } }] } },
  { type: 'init', kind: 'schedules', locale: 'zh-cn', strings: {}, state: { v: 1, steps: 100, schedules: [{ scheduler: { type: 'StepLR', step_size: 3 }, base_lr: 0.1 }] } },
  { type: 'add', state: { v: 1, schedules: [{ scheduler: { type: 'LambdaLR', lr_lambda: 'lambda e: 1' } }], compare: { epochs: 3 } } },
];

/**
 * The validators of src/protocol.ts and the panels' state readers on random messages: never
 * throw, and what a validator accepts it accepts again unchanged.
 */
export function protocolTarget(): Target {
  const name = 'protocol';
  return {
    name,
    run(seed, index) {
      const r = inputRandom(seed, index);
      let value = r() < 0.2 ? randomJson(r) : pick(r, MESSAGE_SEEDS);
      for (let i = int(r, 4); i > 0; i--) value = mutateJson(value, r);
      const input = JSON.stringify(value) ?? 'undefined';
      const fail = (kind: string, detail: string) => [failure(name, seed, index, kind, detail, input)];
      try {
        for (const parse of [parseFromWebview, parseToWebview] as ((v: unknown) => unknown)[]) {
          const accepted = parse(value);
          if (accepted !== undefined && !isDeepStrictEqual(parse(accepted), accepted)) return fail('nondeterministic', `${parse.name} changes what it accepted`);
        }
        const state = (value as { state?: unknown } | null)?.state ?? value;
        readOptimizersState(state);
        readSchedulesState(state);
      } catch (error) {
        return fail('exception', describeError(error));
      }
      return [];
    },
  };
}
