/**
 * Where a notebook cell's text lies in the `.ipynb` file itself. A notebook that is not open has no
 * cell documents to put a diagnostic on, so a workspace check puts it on the file, at the JSON
 * string characters that hold the finding's code.
 */
import { LineIndex } from '../analysis/syntax/text/lines';
import type { Finding, Position, Range } from '../analysis';

/** One JSON string of a cell's `source`: its raw characters start after the opening quote. */
interface SourcePiece {
  readonly rawStart: number;
  /** Length of the decoded text. */
  readonly length: number;
}

export class NotebookPositions {
  private readonly lines: LineIndex;
  /** By the cell's index in the notebook's `cells`: its `source` strings in order. */
  private readonly cells = new Map<number, { readonly pieces: readonly SourcePiece[]; readonly lines: LineIndex }>();

  /** Never throws: a notebook it cannot follow maps every position to the start of the file. */
  constructor(private readonly json: string) {
    this.lines = new LineIndex(json);
    try {
      new Scanner(json, (cell, pieces, text) => this.cells.set(cell, { pieces, lines: new LineIndex(text) })).notebook();
    } catch {
      this.cells.clear();
    }
  }

  /**
   * `finding` placed on the file: its range and related locations in file positions and without a
   * cell. Its fixes are dropped: they edit cells, which exist only in an open notebook.
   */
  toFileFinding(finding: Finding): Finding {
    const { cell: _cell, ...rest } = finding;
    return {
      ...rest,
      range: this.toFileRange(finding.cell, finding.range),
      related: finding.related.map(({ cell, ...related }) => ({ ...related, range: this.toFileRange(cell, related.range) })),
      fixes: [],
    };
  }

  /** `range` of cell `cell` (lines relative to the cell) as a range of the file. */
  toFileRange(cell: number | undefined, range: Range): Range {
    return { start: this.toFilePosition(cell, range.start), end: this.toFilePosition(cell, range.end) };
  }

  toFilePosition(cell: number | undefined, position: Position): Position {
    const source = cell === undefined ? undefined : this.cells.get(cell);
    if (!source) return { line: 0, character: 0 };
    let offset = source.lines.offsetAt(position);
    for (const piece of source.pieces) {
      if (offset <= piece.length) return this.lines.positionAt(rawOffset(this.json, piece.rawStart, offset));
      offset -= piece.length;
    }
    return { line: 0, character: 0 };
  }
}

/** The raw offset in `json` of decoded character `decoded` of the string starting at `rawStart`. */
function rawOffset(json: string, rawStart: number, decoded: number): number {
  let raw = rawStart;
  for (let seen = 0; seen < decoded; seen++) raw += json[raw] === '\\' ? (json[raw + 1] === 'u' ? 6 : 2) : 1;
  return raw;
}

/**
 * Just enough of a JSON reader to find `cells[i].source` with offsets; everything else (outputs,
 * metadata) is skipped without being built. Throws on what is not JSON.
 */
class Scanner {
  private at = 0;

  constructor(
    private readonly json: string,
    private readonly onCell: (cell: number, pieces: SourcePiece[], text: string) => void,
  ) {}

  notebook(): void {
    this.members((key) => (key === 'cells' ? this.cellList() : this.skipValue()));
  }

  private cellList(): void {
    let index = 0;
    this.elements(() => {
      const cell = index++;
      if (this.peek() !== '{') return this.skipValue();
      this.members((key) => (key === 'source' ? this.source(cell) : this.skipValue()));
    });
  }

  private source(cell: number): void {
    const pieces: SourcePiece[] = [];
    let text = '';
    const piece = () => {
      const rawStart = this.at + 1;
      const value = this.string();
      pieces.push({ rawStart, length: value.length });
      text += value;
    };
    if (this.peek() === '[') this.elements(() => (this.peek() === '"' ? piece() : this.skipValue()));
    else if (this.peek() === '"') piece();
    else return this.skipValue();
    this.onCell(cell, pieces, text);
  }

  private members(onMember: (key: string) => void): void {
    this.expect('{');
    if (this.peek() === '}') return void this.at++;
    for (;;) {
      this.space();
      const key = this.string();
      this.expect(':');
      this.space();
      onMember(key);
      if (this.peek() === ',') {
        this.at++;
        continue;
      }
      return this.expect('}');
    }
  }

  private elements(onElement: () => void): void {
    this.expect('[');
    if (this.peek() === ']') return void this.at++;
    for (;;) {
      this.space();
      onElement();
      if (this.peek() === ',') {
        this.at++;
        continue;
      }
      return this.expect(']');
    }
  }

  private skipValue(): void {
    const c = this.peek();
    if (c === '{') return this.members(() => this.skipValue());
    if (c === '[') return this.elements(() => this.skipValue());
    if (c === '"') return void this.string();
    const m = /^(?:-?\d[\d.eE+-]*|true|false|null)/.exec(this.json.slice(this.at, this.at + 64));
    if (!m) throw new SyntaxError(`unexpected ${c} at ${this.at}`);
    this.at += m[0].length;
  }

  /** The string at the cursor, decoded (JSON's own rules, through JSON.parse). */
  private string(): string {
    if (this.json[this.at] !== '"') throw new SyntaxError(`expected a string at ${this.at}`);
    let end = this.at + 1;
    for (;;) {
      const quote = this.json.indexOf('"', end);
      if (quote < 0) throw new SyntaxError('unterminated string');
      let backslashes = 0;
      while (this.json[quote - 1 - backslashes] === '\\') backslashes++;
      end = quote + 1;
      if (backslashes % 2 === 0) break;
    }
    const value = JSON.parse(this.json.slice(this.at, end)) as string;
    this.at = end;
    return value;
  }

  private peek(): string | undefined {
    this.space();
    return this.json[this.at];
  }

  private space(): void {
    while (/\s/.test(this.json[this.at] ?? '')) this.at++;
  }

  private expect(c: string): void {
    if (this.peek() !== c) throw new SyntaxError(`expected ${c} at ${this.at}`);
    this.at++;
  }
}
