/**
 * The metric a `ReduceLROnPlateau.step()` without one should have been given: values visibly
 * computed above the call in the same loop body or function (`val_loss = …`, `metrics['val_loss']`,
 * the result of a `validate(...)` / `evaluate(...)` call, a `val_loss` parameter), nearest first.
 * Names say what a value is; nothing here follows values, so a candidate is only ever a proposal.
 */
import { forEachBlock, forEachExpr, lastName, type Block, type Expr, type Stmt } from '../syntax/ir';
import type { Site } from '../model';

/** A metric's source text and what ReduceLROnPlateau's `mode` it suits, when its name says. */
export interface MetricCandidate {
  readonly text: string;
  readonly mode: 'min' | 'max' | null;
}

/** Name parts saying "measured on held-out data". */
const HELD_OUT = new Set(['val', 'valid', 'validation', 'eval', 'evaluation', 'test', 'dev', 'holdout']);
/** Name parts of metrics that fall as the model improves (mode='min'). */
const FALLING = new Set(['loss', 'err', 'error', 'ppl', 'perplexity', 'mse', 'rmse', 'mae', 'nll', 'wer', 'cer']);
/** Name parts of metrics that rise as the model improves (mode='max'). */
const RISING = new Set(['acc', 'accuracy', 'score', 'f1', 'auc', 'map', 'iou', 'miou', 'top1', 'top5', 'bleu', 'dice', 'psnr', 'ssim', 'metric']);
/** Name parts of a value that is not this epoch's measurement. */
const NOT_CURRENT = new Set(['best', 'prev', 'previous', 'last', 'old', 'min', 'max', 'init', 'initial', 'history', 'target', 'threshold']);
/** Name parts of a function that evaluates the model on held-out data. */
const EVALUATES = new Set(['validate', 'validation', 'evaluate', 'evaluation', 'val', 'valid', 'eval', 'test']);

function parts(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((p) => p !== '');
}

/** `val_loss`, `valid_acc`, `loss_val`, `avgValLoss`, `valloss`: the mode it suits, or undefined when the name is no held-out metric. */
function metricName(name: string): MetricCandidate['mode'] | undefined {
  const ps = parts(name);
  if (ps.some((p) => NOT_CURRENT.has(p))) return undefined;
  const glued = /^(?:val|valid|eval|test|dev)(loss|acc|err|error|score)$/.exec(ps.join(''));
  if (glued) return FALLING.has(glued[1] ?? '') ? 'min' : 'max';
  if (!ps.some((p) => HELD_OUT.has(p))) return undefined;
  if (ps.some((p) => FALLING.has(p))) return 'min';
  if (ps.some((p) => RISING.has(p))) return 'max';
  return undefined;
}

/** `validate(model, loader)`, `self.evaluate(...)`, `run_validation(...)`; not `model.eval()` or the builtin `eval`. */
function evaluatesModel(x: Expr): boolean {
  if (x.k !== 'call') return false;
  const name = lastName(x.fn);
  if (name === null || name === 'eval') return false;
  const ps = parts(name);
  return ps.some((p) => EVALUATES.has(p)) && !ps.some((p) => NOT_CURRENT.has(p));
}

interface Found extends MetricCandidate {
  readonly at: number;
}

class Collector {
  readonly found: Found[] = [];
  constructor(private readonly source: string) {}

  private add(x: Expr, mode: MetricCandidate['mode'], at: number): void {
    const text = this.source.slice(x.s, x.e).trim();
    if (text === '' || /[\r\n]/.test(text)) return;
    this.found.push({ text, mode, at });
  }

  /** A target of an assignment: a metric name, `self.val_loss`, `metrics['val_loss']`. */
  private target(t: Expr, fromEvaluation: boolean, at: number): void {
    if (t.k === 'seq') {
      for (const item of t.items) this.target(item, fromEvaluation, at);
      return;
    }
    const name = t.k === 'name' ? t.id : t.k === 'attr' ? t.attr : t.k === 'sub' ? subscriptKey(t) : null;
    if (name === null) return;
    const mode = metricName(name);
    if (mode !== undefined) this.add(t, mode, at);
    else if (fromEvaluation && t.k === 'name' && !parts(name).some((p) => NOT_CURRENT.has(p))) this.add(t, null, at);
  }

  /** The statements of a block up to (not including) `until`, entering nested blocks but not functions or classes. */
  block(block: Block, until: Stmt | null): void {
    for (const s of block.stmts) {
      if (s === until) return;
      this.stmt(s);
    }
  }

  private stmt(s: Stmt): void {
    if (s.k === 'def' || s.k === 'class') return;
    if (s.k === 'assign' && s.value) {
      const fromEvaluation = s.op === null && evaluatesModel(s.value);
      for (const t of s.targets) this.target(t, fromEvaluation, s.s);
    }
    // `logs['val_loss']` read anywhere above: a value the code has at hand.
    if (s.k === 'expr' || s.k === 'assign') {
      const exprs = s.k === 'expr' ? [s.x] : s.value ? [s.value] : [];
      for (const x of exprs) {
        forEachExpr(x, (e) => {
          if (e.k === 'sub' && (e.obj.k === 'name' || e.obj.k === 'attr')) {
            const key = subscriptKey(e);
            const mode = key === null ? undefined : metricName(key);
            if (mode !== undefined) this.add(e, mode, e.s);
          }
        });
      }
    }
    forEachBlock(s, (b) => this.block(b, null));
  }

  params(def: Extract<Stmt, { k: 'def' }>): void {
    for (const p of def.params) {
      if (p.star) continue;
      const mode = metricName(p.name);
      if (mode !== undefined) this.found.push({ text: p.name, mode, at: p.s });
    }
  }
}

/** `metrics['val_loss']` → `val_loss`. */
function subscriptKey(x: Extract<Expr, { k: 'sub' }>): string | null {
  const [key, ...rest] = x.index;
  return key?.k === 'str' && rest.length === 0 ? key.v : null;
}

/** The chain of blocks and statements from the chunk's top level down to the innermost statement holding `offset`. */
function pathTo(stmts: readonly Stmt[], offset: number): { block: Block; stmt: Stmt }[] {
  const out: { block: Block; stmt: Stmt }[] = [];
  let block: Block | null = { stmts, s: 0 };
  while (block) {
    const holder: Stmt | undefined = block.stmts.find((s) => s.s <= offset && offset < s.e);
    if (!holder) break;
    out.push({ block, stmt: holder });
    let inner: Block | null = null;
    forEachBlock(holder, (b) => {
      const last = b.stmts[b.stmts.length - 1];
      if (!inner && last && b.stmts[0] && b.stmts[0].s <= offset && offset < last.e) inner = b;
    });
    block = inner;
  }
  return out;
}

/**
 * The metrics in scope at the call at `site` (in the analysed file), the ones suiting `mode` first,
 * then nearest first; distinct texts only.
 */
export function metricCandidates(site: Site, mode: 'min' | 'max'): MetricCandidate[] {
  const stmts = site.chunk.parsedStatements;
  if (!stmts) return [];
  const path = pathTo(stmts, site.s);
  const collect = new Collector(site.chunk.text);
  // Outwards from the call: what comes before it in its block, then before each enclosing `if`,
  // `with` or `try`, up to the body of the nearest loop or function.
  for (let i = path.length - 1; i >= 0; i--) {
    const { block, stmt } = path[i]!;
    collect.block(block, stmt);
    const owner = path[i - 1]?.stmt;
    if (!owner || owner.k === 'for' || owner.k === 'while' || owner.k === 'class') break;
    if (owner.k === 'def') {
      collect.params(owner);
      break;
    }
  }
  const seen = new Map<string, Found>();
  for (const f of collect.found) {
    const prev = seen.get(f.text);
    if (!prev || prev.at < f.at) seen.set(f.text, { ...f, mode: f.mode ?? prev?.mode ?? null });
  }
  const suits = (f: Found) => (f.mode === mode ? 0 : f.mode === null ? 1 : 2);
  return [...seen.values()].sort((a, b) => suits(a) - suits(b) || b.at - a.at).map(({ text, mode: m }) => ({ text, mode: m }));
}
