/**
 * tree-sitter-python through web-tree-sitter: one lazily initialised parser per process.
 *
 * The two WASM files are located by path so the bundled extension and CLI can ship them next to
 * `dist/extension.js` / `dist/cli.js` (esbuild.mjs copies them) while tests load them from
 * node_modules.
 */
import { Language, Parser, type Edit, type Tree } from 'web-tree-sitter';

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
 * A ready parser. Parser.init may only run once per process, so the first caller's
 * `tree-sitter.wasm` path wins; languages are cached per path.
 */
export async function createPythonParser(options: WasmLocation = {}): Promise<Parser> {
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
  const parser = new Parser();
  parser.setLanguage(await language);
  return parser;
}

/** Parses `text`, reusing `oldTree` (already `edit`ed) when given. */
export function parseText(parser: Parser, text: string, oldTree?: Tree | null): Tree {
  const tree = parser.parse(text, oldTree ?? null);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
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
