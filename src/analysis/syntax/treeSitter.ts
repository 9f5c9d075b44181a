/**
 * tree-sitter-python through web-tree-sitter: the language loaded once per process, and the parser
 * an analyser shares (SafeParser).
 *
 * The two WASM files are located by path so the bundled extension and CLI can ship them next to
 * `dist/extension.js` / `dist/cli.js` (esbuild.mjs copies them) while tests load them from
 * node_modules.
 */
import { Language, Parser, type Edit, type Tree } from 'web-tree-sitter';
import path from 'node:path';

export interface WasmLocation {
  /** Folder holding `tree-sitter.wasm` and `tree-sitter-python.wasm` (the bundle's folder). */
  readonly wasmDir?: string;
  /** Explicit path of web-tree-sitter's `tree-sitter.wasm`; wins over wasmDir. */
  readonly treeSitterWasm?: string;
  /** Explicit path of `tree-sitter-python.wasm`; wins over wasmDir. */
  readonly languageWasm?: string;
}

export type { Tree, Edit };
export type SyntaxNode = NonNullable<ReturnType<Tree['rootNode']['child']>>;

let init: Promise<void> | undefined;
const languages = new Map<string, Promise<Language>>();

function defaultDir(): string {
  // In the CommonJS bundle __dirname is dist/; elsewhere fall back to the working directory.
  return typeof __dirname === 'string' ? __dirname : process.cwd();
}

/** Resolves the two WASM paths from the options, defaulting to the bundle's own folder. */
export function resolveWasm(options: WasmLocation = {}): { treeSitterWasm: string; languageWasm: string } {
  const dir = options.wasmDir ?? defaultDir();
  return {
    treeSitterWasm: options.treeSitterWasm ?? path.join(dir, 'tree-sitter.wasm'),
    languageWasm: options.languageWasm ?? path.join(dir, 'tree-sitter-python.wasm'),
  };
}

/** tree-sitter-python's Language, loaded once per path (Parser.init runs once per process: the first caller's `tree-sitter.wasm` wins). */
async function loadPython(options: WasmLocation): Promise<Language> {
  const { treeSitterWasm, languageWasm } = resolveWasm(options);
  init ??= Parser.init({ locateFile: () => treeSitterWasm }).catch((error: unknown) => {
    init = undefined;
    throw new Error(`Cannot load ${treeSitterWasm}: ${String(error)}`);
  });
  await init;
  let language = languages.get(languageWasm);
  if (!language) {
    language = Language.load(languageWasm).catch((error: unknown) => {
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
 * A tree-sitter parser that one file cannot break for the next. tree-sitter-python's external
 * scanner keeps per-parser state that hostile input corrupts (more than ~510 nested blocks holding
 * a triple-quoted string overflow its serialisation buffer): every later parse on that parser then
 * throws or returns an ERROR tree, sometimes after a parse that looked clean. The analyser never
 * hands it such input (text/nesting.ts); this is the second line: after a throw or a tree with
 * errors the parser is replaced by a fresh one and the text parsed once more (but for incremental
 * reparses), so a poisoned parser cannot turn a good statement into an error either.
 */
export class SafeParser {
  private parser: Parser;

  constructor(private readonly language: Language) {
    this.parser = parserFor(language);
  }

  /** Parses `text`, reusing `oldTree` (already `edit`ed) when given; null when tree-sitter fails on it. */
  parse(text: string, oldTree?: Tree | null): Tree | null {
    const first = this.attempt(text, oldTree ?? null);
    if (first && !first.rootNode.hasError) return first;
    // An error tree is usually the text's own syntax error but may be a poisoned parser's: a fresh
    // parser (microseconds) decides. Not while typing (an old tree given): an incomplete statement
    // is an error at most keystrokes, and a second parse from scratch would cost each of them.
    this.renew();
    if (first && oldTree) return first;
    const second = this.attempt(text, null);
    if (!second) return first;
    first?.delete();
    if (second.rootNode.hasError) this.renew();
    return second;
  }

  private attempt(text: string, oldTree: Tree | null): Tree | null {
    try {
      return this.parser.parse(text, oldTree);
    } catch {
      this.renew();
      return null;
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
