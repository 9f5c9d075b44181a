/**
 * tree-sitter-python through web-tree-sitter: the language loaded once per process, and the parser
 * an analyser shares (SafeParser).
 *
 * The two WASM files are located by path so the bundled extension and CLI can ship them next to
 * `dist/extension.js` / `dist/cli.js` (esbuild.mjs copies them) while tests load them from
 * node_modules.
 */
import { Language, Parser, Tree, type Edit } from 'web-tree-sitter';
import { readsOrNestsTooDeep } from './direct/parser';
import { scanLine, type LexState } from './text/segment';

export interface WasmLocation {
  /** Folder holding `tree-sitter.wasm` and `tree-sitter-python.wasm` (the bundle's folder). */
  readonly wasmDir?: string;
  /** Explicit path of web-tree-sitter's `tree-sitter.wasm`; wins over wasmDir. */
  readonly treeSitterWasm?: string;
  /** Explicit path of `tree-sitter-python.wasm`; wins over wasmDir. */
  readonly languageWasm?: string;
  /**
   * The two files' bytes, for a host with no file paths (VS Code's web worker host reads them from
   * the extension's URI); they win over every path.
   */
  readonly treeSitterWasmBytes?: Uint8Array;
  readonly languageWasmBytes?: Uint8Array;
}

export type { Tree, Edit };
export type SyntaxNode = NonNullable<ReturnType<Tree['rootNode']['child']>>;

let init: Promise<void> | undefined;
const languages = new Map<string, Promise<Language>>();

function defaultDir(): string {
  // In the CommonJS bundle __dirname is dist/; elsewhere fall back to the working directory.
  return typeof __dirname === 'string' ? __dirname : process.cwd();
}

/** `dir/name`: `/` is a separator on every platform, and node:path is not in the web bundle. */
function inDir(dir: string, name: string): string {
  return `${dir.replace(/[\\/]+$/, '')}/${name}`;
}

/** Resolves the two WASM paths from the options, defaulting to the bundle's own folder. */
export function resolveWasm(options: WasmLocation = {}): { treeSitterWasm: string; languageWasm: string } {
  const dir = options.wasmDir ?? defaultDir();
  return {
    treeSitterWasm: options.treeSitterWasm ?? inDir(dir, 'tree-sitter.wasm'),
    languageWasm: options.languageWasm ?? inDir(dir, 'tree-sitter-python.wasm'),
  };
}

/**
 * tree-sitter-python's Language, loaded once per path or given bytes (Parser.init runs once per
 * process: the first caller's `tree-sitter.wasm` wins).
 */
async function loadPython(options: WasmLocation): Promise<Language> {
  const { treeSitterWasmBytes, languageWasmBytes } = options;
  const { treeSitterWasm, languageWasm } = treeSitterWasmBytes && languageWasmBytes ? { treeSitterWasm: '(bytes)', languageWasm: '(bytes)' } : resolveWasm(options);
  init ??= Parser.init(treeSitterWasmBytes ? { wasmBinary: treeSitterWasmBytes } : { locateFile: () => treeSitterWasm }).catch((error: unknown) => {
    init = undefined;
    throw new Error(`Cannot load ${treeSitterWasm}: ${String(error)}`);
  });
  await init;
  let language = languages.get(languageWasm);
  if (!language) {
    language = Language.load(languageWasmBytes ?? languageWasm).catch((error: unknown) => {
      languages.delete(languageWasm);
      throw new Error(`Cannot load ${languageWasm}: ${String(error)}`);
    });
    languages.set(languageWasm, language);
  }
  return language;
}

function parserFor(language: Language): Parser {
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

/** A bare tree-sitter parser, for tests and scripts that compare raw trees. */
export async function createPythonParser(options: WasmLocation = {}): Promise<Parser> {
  return parserFor(await loadPython(options));
}

/** The parser an analyser shares across all the files it reads. */
export async function createSafeParser(options: WasmLocation = {}): Promise<SafeParser> {
  return new SafeParser(await loadPython(options));
}

/**
 * How much work one parse may do (see ParseBudget). tree-sitter's error recovery is quadratic or
 * worse on one long broken line (tree-sitter PR #5801, not in 0.25): `x = a + x = a + …` over
 * 170,000 characters takes minutes, where a valid line of the same length takes 0.1 s.
 */
export const PARSE_BUDGET = {
  /** Lines at least this long are looked at: shorter ones cannot make a parse slow. */
  longLine: 4_000,
  /**
   * The deterministic budget, in characters: `base + perChar × length` of the sum, over
   * tree-sitter's progress calls (one per 100 parser operations, about 80 characters), of how far
   * into its line the parser is, counted on long lines whose logical line (lines joined by
   * brackets, strings and backslashes) the direct reader cannot read on its own: a broken line.
   * A line adds about the square of its length over 160, so tree-sitter stops about 13,000
   * characters into it. Valid long lines, which tree-sitter parses in linear time, do not count
   * (nor does a line the reader refuses only for nesting deeper than it recurses: what follows
   * its deep part is left to the backstop). tree-sitter's own `hasError` cannot tell the two
   * apart: it stays false while any version of the parse stack is error-free, as it is on these
   * lines.
   */
  perChar: 4,
  base: 1_000_000,
  /**
   * The backstop, in milliseconds of elapsed time: `ms + msPerChar × length`. Nothing the callback
   * sees measures the work inside tree-sitter's operations, whose cost in error recovery varies a
   * hundredfold, so an input shaped unlike the lines above could still run long: time is the only
   * bound left. Generous (a 1 MB statement, which parses in 0.4 s, gets 8 s) so that a slow or
   * busy machine never refuses what the count accepts: findings stay the same on every machine
   * for everything but parses that would otherwise hang the analyser.
   */
  ms: 3_000,
  msPerChar: 0.005,
} as const;

/** Why SafeParser gave no tree. */
export type ParseRefusal =
  /** The parse ran past its work budget (PARSE_BUDGET); `offset` is where it stopped, in the text. */
  | { readonly kind: 'budget'; readonly offset: number }
  /** tree-sitter threw (a parser broken by earlier input, or out of memory). */
  | { readonly kind: 'failed' };

/** Whether a logical line (its first line's indentation aside) is valid Python on its own, as the direct reader reads it. */
function readsAlone(line: string): boolean {
  // Tabs are left to tree-sitter by the direct reader; here, past the first line's indentation,
  // they only separate tokens (or sit in strings): spaces read the same.
  const code = line.trim().replace(/[\t\f]/g, ' ');
  if (readsOrNestsTooDeep(code)) return true;
  // A compound statement's header: with a body (`elif` and `else` as an `if`).
  if (!code.endsWith(':')) return false;
  const header = code.replace(/^elif\b/, 'if');
  return readsOrNestsTooDeep(`${header}\n    pass\n`);
}

/**
 * Counts a parse's work through web-tree-sitter's progress callback, which tree-sitter calls once
 * per 100 parser operations and which cancels the parse by returning true. Offsets it reports are
 * in bytes of UTF-16, two per character of the text.
 */
class ParseBudget {
  work = 0;
  readonly limit: number;
  private readonly deadline: number;
  /** [start, end) of the long lines that count (see PARSE_BUDGET), in order. */
  private readonly counted: number[] = [];
  /** Index into `counted` of the last line the parse was in or after. */
  private line = 0;
  private last = 0;
  /** Where the parse was when the budget ran out, in characters; -1 while it has not. */
  stoppedAt = -1;

  constructor(text: string) {
    this.limit = PARSE_BUDGET.base + PARSE_BUDGET.perChar * text.length;
    this.deadline = Date.now() + PARSE_BUDGET.ms + PARSE_BUDGET.msPerChar * text.length;
    if (text.length < PARSE_BUDGET.longLine) return;
    // Physical lines, each with the logical line it belongs to (brackets, strings and backslashes
    // join lines); a long line counts unless its whole logical line reads on its own.
    const st: LexState = { depth: 0, peak: 0, quote: null, cont: false };
    let logicalStart = 0;
    let pending: number[] = [];
    const settle = (logicalEnd: number) => {
      if (pending.length > 0 && !readsAlone(text.slice(logicalStart, logicalEnd))) this.counted.push(...pending);
      pending = [];
    };
    for (let pos = 0; pos < text.length; ) {
      if (st.depth === 0 && st.quote === null && !st.cont) logicalStart = pos;
      const next = scanLine(text, pos, text.length, st);
      const end = text.charCodeAt(next - 1) === 10 ? next - 1 : next;
      if (end - pos >= PARSE_BUDGET.longLine) pending.push(pos, end);
      if (st.depth === 0 && st.quote === null && !st.cont) settle(end);
      pos = next > pos ? next : text.length;
    }
    settle(text.length);
  }

  /** The progress callback: true cancels the parse. */
  readonly check = (state: { readonly currentOffset: number }): boolean => {
    const offset = state.currentOffset >>> 1;
    if (this.counted.length > 0) {
      const counted = this.counted;
      // Offsets mostly grow; after a step back, search from the first line again.
      if (offset < this.last) this.line = 0;
      this.last = offset;
      while (this.line < counted.length && offset >= (counted[this.line + 1] as number)) this.line += 2;
      const start = counted[this.line];
      if (start !== undefined && offset >= start) this.work += offset - start;
    }
    if (this.work > this.limit || Date.now() > this.deadline) {
      this.stoppedAt = offset;
      return true;
    }
    return false;
  };
}

/**
 * A tree-sitter parser that one file cannot break for the next, nor hold up for long. tree-sitter-python's external
 * scanner keeps per-parser state that hostile input corrupts (more than ~510 nested blocks holding
 * a triple-quoted string overflow its serialisation buffer): every later parse on that parser then
 * throws or returns an ERROR tree, sometimes after a parse that looked clean. The analyser never
 * hands it such input (text/nesting.ts); this is the second line: after a throw or a tree with
 * errors the parser is replaced by a fresh one and the text parsed once more (but for incremental
 * reparses), so a poisoned parser cannot turn a good statement into an error either. Every parse
 * runs within a work budget (PARSE_BUDGET): past it the parse is cancelled and refused.
 */
export class SafeParser {
  private parser: Parser;

  constructor(private readonly language: Language) {
    this.parser = parserFor(language);
  }

  /** Parses `text`, reusing `oldTree` (already `edit`ed) when given; null when tree-sitter fails on it or runs past its budget. */
  parse(text: string, oldTree?: Tree | null): Tree | null {
    const result = this.read(text, oldTree);
    return 'kind' in result ? null : result;
  }

  /** As `parse`, saying why there is no tree. */
  read(text: string, oldTree?: Tree | null): Tree | ParseRefusal {
    const budget = new ParseBudget(text);
    const first = this.attempt(text, oldTree ?? null, budget);
    if (first instanceof Tree && !first.rootNode.hasError) return first;
    // A cancelled or failed parser would resume its last parse: a fresh one (microseconds) starts clean.
    this.renew();
    if (!(first instanceof Tree) && first.kind === 'budget') return first;
    // An error tree is usually the text's own syntax error but may be a poisoned parser's: the
    // fresh parser decides. Not while typing (an old tree given): an incomplete statement is an
    // error at most keystrokes, and a second parse from scratch would cost each of them. Nor after
    // a costly parse, which a second one would double: the poisoning it guards against is kept
    // from the parser before it (text/nesting.ts).
    if (first instanceof Tree && (oldTree || budget.work > budget.limit / 4)) return first;
    const second = this.attempt(text, null, new ParseBudget(text));
    if (!(second instanceof Tree)) {
      this.renew();
      return first instanceof Tree ? first : second;
    }
    if (first instanceof Tree) first.delete();
    if (second.rootNode.hasError) this.renew();
    return second;
  }

  private attempt(text: string, oldTree: Tree | null, budget: ParseBudget): Tree | ParseRefusal {
    try {
      const tree = this.parser.parse(text, oldTree, { progressCallback: budget.check });
      if (tree) return tree;
      return budget.stoppedAt >= 0 ? { kind: 'budget', offset: budget.stoppedAt } : { kind: 'failed' };
    } catch {
      return { kind: 'failed' };
    }
  }

  private renew(): void {
    try {
      this.parser.delete();
    } catch {
      // A parser whose memory is corrupt may fail to free itself; it is dropped either way.
    }
    this.parser = parserFor(this.language);
  }

  delete(): void {
    this.parser.delete();
  }
}

/** The tree-sitter edit for replacing `text[start, start + removed)` by `inserted`. */
export function treeEdit(text: string, start: number, removed: number, inserted: string): Edit {
  const point = (offset: number, source: string) => {
    let row = 0;
    let lineStart = 0;
    for (let i = source.indexOf('\n'); i >= 0 && i < offset; i = source.indexOf('\n', i + 1)) {
      row++;
      lineStart = i + 1;
    }
    return { row, column: offset - lineStart };
  };
  const after = text.slice(0, start) + inserted;
  return {
    startIndex: start,
    oldEndIndex: start + removed,
    newEndIndex: start + inserted.length,
    startPosition: point(start, text),
    oldEndPosition: point(start + removed, text),
    newEndPosition: point(start + inserted.length, after),
  };
}
