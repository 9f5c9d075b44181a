/**
 * Raw findings (absolute offsets into the analysed text) → public findings (0-based line and
 * UTF-16 character ranges, per notebook cell where there are cells).
 */
import { ruleInfo } from './rules';
import type { RawEdit, RawFinding } from './rules/common';
import { LineIndex } from './syntax/text/lines';
import type { Finding, Fix, Range, RelatedLocation, TextEdit } from './types';

export interface CellRange {
  readonly range: Range;
  readonly cell?: number;
}

/** Maps offsets of the analysed text to ranges the caller understands. */
export interface TextMap {
  /** `clamp`: end the range on its start line (diagnostics and related locations). */
  range(start: number, end: number, clamp: boolean): CellRange | null;
}

export class PlainMap implements TextMap {
  constructor(private readonly lines: LineIndex) {}

  range(start: number, end: number, clamp: boolean): CellRange {
    const s = this.lines.positionAt(start);
    const lineEnd = this.lines.lineEnd(s.line);
    const stop = clamp ? Math.max(start, Math.min(end, lineEnd)) : end;
    return { range: { start: s, end: this.lines.positionAt(stop) } };
  }
}

/** Cells joined into one text, each starting at `starts[i]`; ranges are cell-local. */
export class CellMap implements TextMap {
  private readonly lines: LineIndex[];

  constructor(
    cells: readonly string[],
    private readonly starts: readonly number[],
  ) {
    this.lines = cells.map((c) => new LineIndex(c));
  }

  private cellOf(offset: number): number {
    let cell = 0;
    for (let i = 0; i < this.starts.length; i++) if ((this.starts[i] ?? 0) <= offset) cell = i;
    return cell;
  }

  range(start: number, end: number, clamp: boolean): CellRange | null {
    const cell = this.cellOf(start);
    const base = this.starts[cell] ?? 0;
    const lines = this.lines[cell];
    if (!lines) return null;
    const local = start - base;
    if (local > lines.text.length) return null;
    let localEnd = end - base;
    if (localEnd > lines.text.length) {
      if (!clamp) return null; // an edit crossing cells
      localEnd = lines.text.length;
    }
    const s = lines.positionAt(local);
    const stop = clamp ? Math.max(local, Math.min(localEnd, lines.lineEnd(s.line))) : localEnd;
    return { range: { start: s, end: lines.positionAt(stop) }, cell };
  }
}

function edit(map: TextMap, e: RawEdit): TextEdit | null {
  const r = map.range(e.start, e.end, false);
  if (!r) return null;
  return r.cell === undefined ? { range: r.range, newText: e.newText } : { range: r.range, newText: e.newText, cell: r.cell };
}

/**
 * A finding belongs to the analysed file when its anchor is here and something of it really is:
 * one wholly inside a function of another file (placed on the call leading there) is that file's
 * own analysis's to report.
 */
function inThisFile(f: RawFinding): boolean {
  if (f.start < 0) return false;
  return !f.elsewhere || f.related.some((r) => !r.elsewhere);
}

export function render(raw: readonly RawFinding[], map: TextMap): Finding[] {
  const out: Finding[] = [];
  for (const f of raw) {
    if (!inThisFile(f)) continue;
    const anchor = map.range(f.start, f.end, true);
    if (!anchor) continue;
    const related: RelatedLocation[] = [];
    for (const r of f.related) {
      if (r.elsewhere) {
        related.push({ range: r.elsewhere.range, file: r.elsewhere.file, message: r.message });
        continue;
      }
      const loc = map.range(r.start, r.end, true);
      if (loc) related.push(loc.cell === undefined ? { range: loc.range, message: r.message } : { range: loc.range, cell: loc.cell, message: r.message });
    }
    const fixes: Fix[] = [];
    for (const fx of f.fixes) {
      const edits = fx.edits.map((e) => edit(map, e));
      if (edits.every((e): e is TextEdit => e !== null)) fixes.push({ title: fx.title, edits, isPreferred: fx.isPreferred, kind: fx.kind });
    }
    const base = { code: f.code, severity: ruleInfo(f.code).severity, message: f.message, range: anchor.range, related, fixes };
    out.push(anchor.cell === undefined ? base : { ...base, cell: anchor.cell });
  }
  return out;
}
