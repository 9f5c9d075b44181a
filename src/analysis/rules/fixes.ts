/**
 * Quick fixes as raw text edits. Every fix keeps the file valid Python: it only moves or inserts
 * whole statements that sit alone on their lines, writes the destination's own indentation (tabs
 * or spaces, verbatim) and the file's line ending, and gives up when any of that does not hold.
 */
import type { Stmt } from '../syntax/ir';
import type { LoopInfo } from '../model';
import type { StmtRef } from '../model';
import type { Fed, OptimizerConstruction, Site } from '../model';
import { message } from './messages';
import type { RawEdit, RawFix, RuleContext } from './common';
import { indentationOf } from '../syntax/text/lines';
import { LineEndStates } from '../syntax/text/segment';
import type { Message, RuleCode } from '../types';
import { findNoqa, type Noqa } from './noqa';

interface Lines {
  /** Offset of the start of the statement's first line. */
  readonly from: number;
  /** Offset of the start of the line after the statement (or the end of the text). */
  readonly to: number;
  readonly firstLine: number;
  readonly lastLine: number;
  /** The statement's lines without the first line's indentation and the final line break. */
  readonly body: string;
  readonly indent: string;
  /** The last line has no line break (end of text). */
  readonly atEnd: boolean;
}

/** The lines of a statement, when nothing else shares them (only whitespace and a comment). */
function wholeLines(ctx: RuleContext, ref: StmtRef): Lines | null {
  // Another file's statement (a loop followed into): fixes edit only the analysed text.
  if (ref.stmt.tainted || ref.chunk.file) return null;
  const start = ref.chunk.start + ref.stmt.s;
  const end = ref.chunk.start + ref.stmt.e;
  const { lines, text } = ctx;
  const firstLine = lines.lineOf(start);
  const lastLine = lines.lineOf(Math.max(start, end - 1));
  const from = lines.lineStart(firstLine);
  if (text.slice(from, start).trim() !== '') return null;
  const lastEnd = lines.lineEnd(lastLine);
  const tail = text.slice(end, lastEnd).trim();
  if (tail !== '' && !tail.startsWith('#')) return null;
  const to = lines.nextLineStart(lastLine);
  const indent = indentationOf(lines.lineText(firstLine));
  return { from, to, firstLine, lastLine, body: text.slice(from + indent.length, lastEnd), indent, atEnd: to === lastEnd };
}

/** An insertion of `body` as new line(s) before the line starting at `lineStart`. */
function insertBefore(ctx: RuleContext, lineStart: number, indent: string, body: string): RawEdit {
  return { start: lineStart, end: lineStart, newText: `${indent}${reindent(body, ctx.eol)}${ctx.eol}` };
}

/** An insertion of `body` as new line(s) after the statement occupying `after`. */
function insertAfter(ctx: RuleContext, after: Lines, indent: string, body: string): RawEdit {
  const text = `${indent}${reindent(body, ctx.eol)}`;
  return after.atEnd ? { start: after.to, end: after.to, newText: `${ctx.eol}${text}` } : { start: after.to, end: after.to, newText: `${text}${ctx.eol}` };
}

/** Writes the file's line ending inside a moved multi-line statement. */
function reindent(body: string, eol: string): string {
  return body.replace(/\r\n|\r|\n/g, eol);
}

function deleteLines(l: Lines): RawEdit {
  return { start: l.from, end: l.to, newText: '' };
}

/** Blocks that would become empty if one of their statements moved away. */
function leavesBlockNonEmpty(ref: StmtRef): boolean {
  return ref.block.stmts.length >= 2;
}

function fix(title: Message, edits: RawEdit[], isPreferred = true): RawFix {
  return { title, edits, isPreferred, kind: 'fix' };
}

/** Is the statement a bare call (`scheduler.step()`), safe to move? */
function movable(ref: StmtRef): boolean {
  return ref.stmt.k === 'expr' && ref.stmt.x.k === 'call';
}

/** Moves `moving` to just before `before` (both in one block). */
export function moveBefore(ctx: RuleContext, moving: StmtRef, before: StmtRef, title: Message): RawFix | null {
  if (!movable(moving) || moving.block !== before.block || moving.chunk !== before.chunk || !leavesBlockNonEmpty(moving)) return null;
  const m = wholeLines(ctx, moving);
  const b = wholeLines(ctx, before);
  if (!m || !b || b.from >= m.from) return null;
  return fix(title, [insertBefore(ctx, b.from, b.indent, m.body), deleteLines(m)]);
}

/** Moves `moving` to just after `after` (a statement in another or the same block). */
export function moveAfter(ctx: RuleContext, moving: StmtRef, after: StmtRef, title: Message, sameBlock: boolean): RawFix | null {
  if (!movable(moving) || moving.chunk !== after.chunk || !leavesBlockNonEmpty(moving)) return null;
  if (sameBlock && moving.block !== after.block) return null;
  const m = wholeLines(ctx, moving);
  const a = wholeLines(ctx, after);
  if (!m || !a || rangesOverlap(m, a)) return null;
  return fix(title, [deleteLines(m), insertAfter(ctx, a, a.indent, m.body)]);
}

/** Moves `moving` out of `loop`'s body to just after the loop statement. */
export function moveAfterLoop(ctx: RuleContext, moving: StmtRef, loop: LoopInfo, title: Message): RawFix | null {
  if (!movable(moving) || moving.block !== loop.stmt.body || moving.chunk !== loop.chunk || !leavesBlockNonEmpty(moving)) return null;
  const m = wholeLines(ctx, moving);
  const l = wholeLines(ctx, { chunk: loop.chunk, stmt: loop.stmt as Stmt, block: loop.block });
  if (!m || !l) return null;
  return fix(title, [deleteLines(m), insertAfter(ctx, l, l.indent, m.body)]);
}

function rangesOverlap(a: Lines, b: Lines): boolean {
  return a.from < b.to && b.from < a.to;
}

/** Inserts `code` (`<optimizer>.zero_grad()`) at the top of the loop body. */
export function insertAtLoopTop(ctx: RuleContext, loop: LoopInfo, code: string, title: Message): RawFix | null {
  const first = loop.stmt.body.stmts[0];
  if (!first || loop.stmt.tainted) return null;
  const l = wholeLines(ctx, { chunk: loop.chunk, stmt: first, block: loop.stmt.body });
  const header = loop.chunk.start + loop.stmt.s;
  if (!l || ctx.lines.lineOf(header) === l.firstLine) return null;
  return fix(title, [insertBefore(ctx, l.from, l.indent, code)]);
}

/** Inserts `code` right after a statement (`zero_grad()` after the step of an accumulating loop). */
export function insertAfterStatement(ctx: RuleContext, after: StmtRef, code: string, title: Message): RawFix | null {
  const a = wholeLines(ctx, after);
  if (!a) return null;
  return fix(title, [insertAfter(ctx, a, a.indent, code)]);
}

/** Writes `argument` between the empty parentheses of the call at `site` (`scheduler.step()` → `scheduler.step(val_loss)`). */
export function passArgument(ctx: RuleContext, site: Site, argument: string, title: Message, isPreferred: boolean): RawFix | null {
  if (site.chunk.file || site.origin) return null;
  const start = site.chunk.start + site.s;
  const end = site.chunk.start + site.e;
  const call = ctx.text.slice(start, end);
  const open = call.lastIndexOf('(');
  if (!call.endsWith(')') || open < 0 || call.slice(open + 1, -1).trim() !== '') return null;
  return fix(title, [{ start: start + open + 1, end: end - 1, newText: argument }], isPreferred);
}

/** `Adam(` → `AdamW(`, importing AdamW when the call uses an imported name. */
export function useAdamW(ctx: RuleContext, c: OptimizerConstruction, title: Message): RawFix | null {
  const fn = c.call.fn;
  const base = c.site.chunk.start;
  if (fn.k === 'attr') {
    if (fn.attr !== 'Adam') return null;
    return fix(title, [{ start: base + fn.attrS, end: base + fn.attrS + 'Adam'.length, newText: 'AdamW' }], false);
  }
  if (fn.k !== 'name') return null;
  const rename: RawEdit = { start: base + fn.s, end: base + fn.e, newText: 'AdamW' };
  const bound = ctx.model.ev.name('AdamW', c.act);
  if (bound?.some((v) => v.k === 'module' && /(?:^|\.)optim\.AdamW$/.test(v.path))) return fix(title, [rename], false);
  // Edit the `from torch.optim import Adam` that binds the called name.
  for (const { stmt, chunk } of ctx.model.imports) {
    const item = stmt.items.find((i) => i.alias === fn.id && i.name === 'Adam' && i.module === 'torch.optim');
    if (!item) continue;
    const start = chunk.start + stmt.s;
    const source = ctx.text.slice(start, chunk.start + stmt.e);
    const m = new RegExp(`\\bAdam\\b(?:\\s+as\\s+${fn.id}\\b)?`).exec(source.slice(source.indexOf('import')));
    if (!m) return null;
    const at = start + source.indexOf('import') + m.index;
    const otherUses = countWord(ctx.text, fn.id) - 2; // this call and the import
    const importEdit: RawEdit = otherUses > 0 || item.alias !== 'Adam'
      ? { start: at + m[0].length, end: at + m[0].length, newText: ', AdamW' }
      : { start: at, end: at + m[0].length, newText: 'AdamW' };
    return fix(title, [rename, importEdit].sort((a, b) => a.start - b.start), false);
  }
  return null;
}

function countWord(text: string, word: string): number {
  let n = 0;
  for (const line of text.split('\n')) {
    const code = line.replace(/#.*/, '');
    n += [...code.matchAll(new RegExp(`\\b${word}\\b`, 'g'))].length;
  }
  return n;
}

/**
 * Drops an activation from a loss's path: the loss's argument, or the activation call when the loss
 * alone reads its result, replaced by the activation's input (the model says when that is safe).
 */
export function bypassActivation(fed: Fed, title: Message): RawFix | null {
  const b = fed.bypass;
  if (!b || b.site.chunk.file) return null;
  const base = b.site.chunk.start;
  return fix(title, [{ start: base + b.site.s, end: base + b.site.e, newText: b.text }]);
}

/**
 * What `# noqa` handling reads of the text, kept across the findings of one analysis: each line's
 * text and noqa comment once, and each segment lexed once for its lines' end states (ask in the
 * order of the text). Thousands of findings on one long line, or in one long statement, cost
 * what one does.
 */
export class NoqaLines {
  private readonly lines = new Map<number, { readonly text: string; readonly noqa: Noqa | null }>();
  private readonly segments = new Map<number, LineEndStates>();

  constructor(private readonly ctx: RuleContext) {}

  /** The text of line `line` (without its line break) and its noqa comment. */
  line(line: number): { readonly text: string; readonly noqa: Noqa | null } {
    let found = this.lines.get(line);
    if (!found) {
      const text = this.ctx.lines.lineText(line);
      found = { text, noqa: findNoqa(text) };
      this.lines.set(line, found);
    }
    return found;
  }

  /** lineEndState(text, segmentStart, lineEnd). */
  endState(segmentStart: number, lineEnd: number): { inString: boolean; continued: boolean } {
    let states = this.segments.get(segmentStart);
    if (!states) this.segments.set(segmentStart, (states = new LineEndStates(this.ctx.text, segmentStart)));
    return states.at(lineEnd);
  }
}

/** The length of `text` without its trailing white space (`\s`, as a regular expression has it). */
function trimmedLength(text: string): number {
  let end = text.length;
  while (end > 0 && /\s/.test(text[end - 1] as string)) end--;
  return end;
}

/** "Suppress with # noqa: CODE": extends an existing noqa list or appends a comment. */
export function suppress(ctx: RuleContext, code: RuleCode, anchor: number, segmentStart: number, lines = new NoqaLines(ctx)): RawFix | null {
  const line = ctx.lines.lineOf(anchor);
  const lineStart = ctx.lines.lineStart(line);
  const lineEnd = ctx.lines.lineEnd(line);
  const { text: lineText, noqa: existing } = lines.line(line);
  const title = message('fixSuppress', { code });
  if (existing?.codes) {
    const at = lineStart + existing.codesEnd;
    return { title, edits: [{ start: at, end: at, newText: `, ${code}` }], isPreferred: false, kind: 'suppress' };
  }
  if (existing) return null; // a bare # noqa already silences the line
  const state = lines.endState(segmentStart, lineEnd);
  if (state.inString || state.continued) return null;
  const at = lineStart + trimmedLength(lineText);
  return { title, edits: [{ start: at, end: lineEnd, newText: `  # noqa: ${code}` }], isPreferred: false, kind: 'suppress' };
}
