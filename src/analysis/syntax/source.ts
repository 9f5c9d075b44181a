/**
 * A Python text as a list of top-level statements ("chunks"), each parsed lazily and on its own.
 *
 * Only chunks that can matter are parsed: those mentioning training-loop vocabulary, those calling
 * a function defined in such a chunk, and those the model asks for by name (a constant, a base
 * class). After an edit only the chunks whose text changed are re-parsed, the edited one
 * incrementally from its old tree.
 */
import { convertModule, indexStatements } from './fromTreeSitter';
import { parseDirect } from './direct/parser';
import type { Stmt } from './ir';
import { treeEdit, type SafeParser, type Tree } from './treeSitter';
import { segmentText } from './text/segment';
import { nestingProblem, type NestingProblem } from './text/nesting';
import { tooDeep, TooDeep, unreadable } from './bounds';
import type { TextChange } from '../types';
import { classNamePattern } from '../../core/torch';

let nextChunkId = 1;

/** Why a chunk could not be read (see Chunk.problem). */
export type ChunkProblem = NestingProblem | { readonly kind: 'budget'; readonly offset: number } | { readonly kind: 'parser' };

/**
 * Another file of the project whose functions a call was followed into (see analysis/project):
 * its chunks' offsets are into that file's text, never the analysed one's.
 */
export interface ForeignFile {
  readonly path: string;
  readonly text: string;
}

export class Chunk {
  /** Unique per chunk object, for identities of things made by its code. */
  readonly uid = nextChunkId++;
  /** Absolute offsets in the source text; updated when edits before the chunk shift it. */
  start: number;
  end: number;
  private ir: Stmt[] | null = null;
  /** Kept only while this is the chunk being edited, for an incremental reparse. */
  tree: Tree | null = null;
  /** The chunk this one replaced after an edit: its statements are reused (see fromTreeSitter.ts). */
  previous: { readonly text: string; readonly ir: Stmt[] } | null = null;
  private hasKeyword: boolean | null = null;
  private definedNames: string[] | null = null;
  private topNames: TopLevelNames | null = null;
  /**
   * Ends inside an unterminated triple-quoted string (typing a docstring): Python reads the rest
   * as a string, so the chunk has no statements rather than whatever error recovery makes of it.
   */
  unterminated = false;
  /** Set on the chunks of another project file (their offsets are into that file). */
  file: ForeignFile | null = null;
  /**
   * Why the chunk was read as one unreadable statement: past Python's nesting limits, past the
   * parser's work budget (offset: where it stopped), or refused by tree-sitter. Null when read (or
   * not yet). Offsets are relative to the chunk.
   */
  problem: ChunkProblem | null = null;

  constructor(
    readonly text: string,
    start: number,
  ) {
    this.start = start;
    this.end = start + text.length;
  }

  /**
   * The chunk's statements, parsing it on first use: directly in JavaScript when the text is plain
   * valid Python (direct/parser.ts, the same IR), else with tree-sitter, which recovers from errors.
   */
  statements(parser: SafeParser, keepTree: boolean): Stmt[] {
    if (this.ir) return this.ir;
    if (this.unterminated) return (this.ir = []);
    // Text Python refuses is never handed to a reader: it is what breaks them (text/nesting.ts).
    this.problem = nestingProblem(this.text);
    const ir = this.problem ? null : this.read(parser, keepTree);
    if (this.problem || !ir) {
      this.problem ??= { kind: 'parser' };
      this.dropTree();
      return (this.ir = [unreadable(0, this.text.length)]);
    }
    return (this.ir = ir);
  }

  private read(parser: SafeParser, keepTree: boolean): Stmt[] | null {
    const direct = parseDirect(this.text);
    // Too deep to walk: tree-sitter's reader reads it, leaving out what is too deep (syntax/bounds.ts).
    if (direct && !tooDeep(direct)) {
      this.dropTree();
      this.previous = null;
      return direct;
    }
    const tree = parser.read(this.text, this.tree);
    this.tree?.delete();
    this.tree = null;
    if ('kind' in tree) {
      if (tree.kind === 'budget') this.problem = tree;
      return null;
    }
    const previous = this.previous ? indexStatements(this.previous.ir, this.previous.text) : null;
    this.previous = null;
    let ir: Stmt[] | null;
    try {
      ir = convertModule(tree.rootNode, this.text, previous);
    } catch (error) {
      if (!(error instanceof TooDeep)) throw error;
      ir = null;
    }
    if (keepTree && ir) this.tree = tree;
    else tree.delete();
    return ir;
  }

  /** Frees the kept tree (WASM memory). */
  dropTree(): void {
    this.tree?.delete();
    this.tree = null;
  }

  /** The statements if already parsed (for reuse by the chunk replacing this one). */
  get parsedStatements(): Stmt[] | null {
    return this.ir;
  }

  get keyword(): boolean {
    this.hasKeyword ??= KEYWORD.test(this.text);
    return this.hasKeyword;
  }

  /** Names of functions and classes defined anywhere in the chunk (methods and nested ones too). */
  get defined(): readonly string[] {
    this.definedNames ??= [...this.text.matchAll(DEFINED)].map((m) => m[1] ?? '');
    return this.definedNames;
  }

  /** Names a module-level statement of this chunk binds (def, class, assignment, import). */
  get binds(): readonly string[] {
    return this.topLevel().binds;
  }

  /** Whether a `def` or `class` at the chunk's top level defines `name`. */
  definesAtTop(name: string): boolean {
    return this.topLevel().topDefined.includes(name);
  }

  /** Names bound by `import … as name` in this chunk. */
  get aliases(): readonly string[] {
    return this.topLevel().aliases;
  }

  private topLevel(): TopLevelNames {
    this.topNames ??= scanTopLevel(this.text);
    return this.topNames;
  }
}

interface TopLevelNames {
  readonly topDefined: readonly string[];
  readonly binds: readonly string[];
  readonly aliases: readonly string[];
}

/**
 * Vocabulary without which a statement cannot hold a finding or anything a finding depends on:
 * steps, backward passes, gradient clearing, optimizers, schedulers and the wrappers that return
 * them (accelerate's prepare, fabric's setup, amp/deepspeed initialize), and engine runs (ignite's
 * `trainer.run(...)`, whose handlers are registered in chunks of their own). The loss rules choose
 * their statements themselves, whatever this says (model/losses.ts).
 */
// The class names come from the torch facts, so a new optimizer is seen without editing this.
export const KEYWORD = new RegExp(
  `step|backward|zero_grad|\\.grad\\b|[oO]ptim|[sS]chedul|LR|${classNamePattern(['optimizer', 'scheduler'])}|prepare|initialize|setup|\\.run\\(`,
);
/** Whether `text` holds training-loop vocabulary (what the prefilter reads chunks for). */
export function mentionsTrainingVocabulary(text: string): boolean {
  return KEYWORD.test(text);
}

const DEFINED = /^[ \t]*(?:async[ \t]+)?(?:def|class)[ \t]+([A-Za-z_]\w*)/gm;
// Matched at the start of a line (sticky), as `^…/gm` would; each match stays on its line.
const TOP_DEF = /(?:async[ \t]+)?(?:def|class)[ \t]+([A-Za-z_]\w*)/y;
const TOP_ASSIGN = /([A-Za-z_]\w*(?:[ \t]*,[ \t]*[A-Za-z_]\w*)*)[ \t]*(?::[^=\n]*)?=(?!=)/y;
const TOP_IMPORT = /(?:from[ \t]+\S+[ \t]+)?import[ \t]+\(?([^#\n]*)/y;
const LINE_BREAK = /[\n\r\u2028\u2029]/g;

function matchAt(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

/**
 * What the chunk's column-0 lines bind. Only lines starting with a letter or `_` can match, and in a
 * chunk (one top-level statement) there are few: the statement's own first line, mostly.
 */
function scanTopLevel(text: string): TopLevelNames {
  const topDefined: string[] = [];
  const assigned: string[] = [];
  const imported: string[] = [];
  const aliases: string[] = [];
  const plainBreaks = text.indexOf('\r') < 0 && text.indexOf('\u2028') < 0 && text.indexOf('\u2029') < 0;
  for (let at = 0; at < text.length; ) {
    const c = text.charCodeAt(at);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95) {
      const def = matchAt(TOP_DEF, text, at);
      if (def?.[1]) topDefined.push(def[1]);
      const assign = matchAt(TOP_ASSIGN, text, at);
      if (assign) for (const n of (assign[1] ?? '').split(',')) assigned.push(n.trim());
      const imp = matchAt(TOP_IMPORT, text, at);
      for (const part of imp ? (imp[1] ?? '').split(',') : []) {
        const words = part.trim().split(/\s+/);
        const last = words[words.length - 1]?.replace(/[()\\]/g, '');
        if (!last) continue;
        if (words.length >= 3) aliases.push(last);
        imported.push(words.length >= 3 ? last : (last.split('.')[0] ?? last));
      }
    }
    if (plainBreaks) {
      const nl = text.indexOf('\n', at);
      if (nl < 0) break;
      at = nl + 1;
    } else {
      LINE_BREAK.lastIndex = at;
      if (!LINE_BREAK.test(text)) break;
      at = LINE_BREAK.lastIndex;
    }
  }
  return { topDefined, binds: [...topDefined, ...assigned, ...imported], aliases };
}

/**
 * The chunks each word (a maximal run of `\w`, what `\bname\b` matches whole) appears in, in text
 * order: the prefilter's later rounds look names up here rather than testing every chunk again.
 */
function wordIndex(chunks: readonly Chunk[]): Map<string, Chunk[]> {
  const index = new Map<string, Chunk[]>();
  for (const c of chunks) {
    for (const m of c.text.matchAll(WORD)) {
      const list = index.get(m[0]);
      if (!list) index.set(m[0], [c]);
      else if (list[list.length - 1] !== c) list.push(c);
    }
  }
  return index;
}
const WORD = /\w+/g;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Dunder methods are never called by name from code the model follows (`super().__init__()` runs
 * a base class's). Every other name pulls its callers in, however common (`train`, `main`): a
 * caller left out would be a loop the rules never see, a verdict the prefilter changed.
 */
const UNSPECIFIC = /^__\w+__$/;

/**
 * `text[from, to)` as Python reads it: a lone `\r` is a line break (CPython's universal newlines,
 * and VS Code's), which tree-sitter and the segmenter only take from `\n`. Same length, so every
 * offset stays where it was.
 */
function codeOf(text: string, from = 0, to = text.length): string {
  const slice = text.slice(from, to + 1);
  return (slice.includes('\r') ? slice.replace(LONE_CR, '\n') : slice).slice(0, to - from);
}
const LONE_CR = /\r(?!\n)/g;

export class Source {
  /** The text as given (what positions and fixes are about). */
  text: string;
  /** The text as parsed: `text` with each lone `\r` read as `\n` (codeOf). */
  code: string;
  chunks: Chunk[];
  private relevantCache: Chunk[] | null = null;
  private byName: Map<string, Chunk[]> | null = null;
  /** The chunk the last edit touched: it keeps its tree for the next incremental reparse. */
  private editing: Chunk | null = null;
  /** Names imported from other project files: chunks using them may call into those files. */
  private projectNames: readonly string[] = [];

  /**
   * @param cellStarts for notebooks, the offsets where cells start: segments never cross them.
   */
  constructor(
    private readonly parser: SafeParser,
    text: string,
    cellStarts: readonly number[] = [0],
    /**
     * `false` reads every chunk. The prefilter only saves work: a test holds the findings with and
     * without it equal.
     */
    private readonly prefilter = true,
  ) {
    this.text = text;
    const code = codeOf(text);
    this.code = code;
    this.chunks = [];
    cellStarts.forEach((start, cell) => {
      const end = cellStarts[cell + 1] ?? code.length;
      const { segments, open } = segmentText(code, start, end);
      for (const seg of segments) {
        if (seg.end > seg.start || cellStarts.length === 1) this.chunks.push(new Chunk(code.slice(seg.start, seg.end), seg.start));
      }
      const last = this.chunks[this.chunks.length - 1];
      if (open && last) last.unterminated = true;
    });
  }

  /**
   * Makes chunks that mention `names` (imported from other project files) relevant: a call into
   * another file may step or clear, whatever this chunk's own vocabulary.
   */
  setProjectNames(names: readonly string[]): void {
    if (names.length === this.projectNames.length && names.every((n, i) => n === this.projectNames[i])) return;
    this.projectNames = names;
    this.relevantCache = null;
  }

  statements(chunk: Chunk): Stmt[] {
    return chunk.statements(this.parser, chunk === this.editing);
  }

  /** Chunks that may hold findings, in order (see the module comment). */
  relevant(): Chunk[] {
    if (this.relevantCache) return this.relevantCache;
    if (!this.prefilter) return (this.relevantCache = this.chunks);
    const chosen = new Set<Chunk>();
    let names: string[] = [];
    const imported = this.projectNames.length > 0 ? new RegExp(`\\b(?:${this.projectNames.map(escapeRe).join('|')})\\b`) : null;
    for (const c of this.chunks) {
      if (c.keyword || imported?.test(c.text)) {
        chosen.add(c);
        // Functions it defines and import aliases (`from torch.optim import Adam as A`).
        names.push(...c.defined, ...c.aliases);
      }
    }
    // Pull in callers of chosen functions until nothing changes: a caller left out would be a root
    // the other analysis does not have (a chain of calls is followed from its start or not at all),
    // so there is no cap on the rounds. One or two rounds usually; past a few, an index of the
    // words of the chunks left makes each further round cost what its new names do (a chain of
    // 200 functions is 200 rounds).
    let index: Map<string, Chunk[]> | null = null;
    for (let round = 0; names.length > 0; round++) {
      const specific = [...new Set(names)].filter((n) => !UNSPECIFIC.test(n));
      names = [];
      if (specific.length === 0) break;
      const pull = (c: Chunk) => {
        if (chosen.has(c)) return;
        chosen.add(c);
        names.push(...c.defined, ...c.aliases);
      };
      if (round < 3) {
        const re = new RegExp(`\\b(?:${specific.map(escapeRe).join('|')})\\b`);
        for (const c of this.chunks) if (!chosen.has(c) && re.test(c.text)) pull(c);
        continue;
      }
      index ??= wordIndex(this.chunks.filter((c) => !chosen.has(c)));
      // In text order, as the regular expression's rounds pull them (the order is not semantic).
      const found = new Set<Chunk>();
      for (const n of specific) for (const c of index.get(n) ?? []) if (!chosen.has(c)) found.add(c);
      for (const c of [...found].sort((a, b) => a.start - b.start)) pull(c);
    }
    this.relevantCache = this.chunks.filter((c) => chosen.has(c));
    return this.relevantCache;
  }

  /** Chunks whose module-level statement binds `name` (parsed or not), in order. */
  chunksBinding(name: string): readonly Chunk[] {
    if (!this.byName) {
      this.byName = new Map();
      for (const c of this.chunks) {
        for (const n of c.binds) {
          const list = this.byName.get(n);
          if (list) {
            if (list[list.length - 1] !== c) list.push(c);
          } else this.byName.set(n, [c]);
        }
      }
    }
    return this.byName.get(name) ?? [];
  }

  /** Applies one change (VS Code semantics: offsets refer to the text before this change). */
  applyChange(change: TextChange): void {
    const old = this.text;
    const off = Math.max(0, Math.min(change.rangeOffset, old.length));
    const len = Math.max(0, Math.min(change.rangeLength, old.length - off));
    const given = old.slice(0, off) + change.text + old.slice(off + len);
    this.text = given;
    // Only the inserted text and the character before it (a `\r` the insertion may pair with a
    // `\n`) are read anew; the rest of the code is as it was.
    const before = Math.max(0, off - 1);
    const oldCode = this.code;
    const text = oldCode.slice(0, before) + codeOf(given, before, off + change.text.length) + oldCode.slice(off + len);
    this.code = text;
    const ins = text.slice(off, off + change.text.length);
    // The character before the edit changed its reading: no incremental reparse from the old tree.
    const reuseTree = before === off || oldCode.charCodeAt(before) === text.charCodeAt(before);
    const delta = ins.length - len;
    this.relevantCache = null;
    this.byName = null;

    const chunks = this.chunks;
    // First chunk whose end is past the edit start; start one earlier because the edit may change
    // whether the line at its boundary still starts a statement.
    let a = chunks.findIndex((c) => c.end > off || c.end === old.length);
    if (a < 0) a = chunks.length - 1;
    a = Math.max(0, a - 1);
    const first = chunks[a];
    const from = first ? first.start : 0;
    const editEndNew = off + ins.length;
    const startIndex = new Map<number, number>();
    for (let i = a + 1; i < chunks.length; i++) {
      const c = chunks[i];
      if (c && c.start >= off + len) startIndex.set(c.start + delta, i);
    }
    const { segments, syncedAt, open } = segmentText(text, from, text.length, (p) => p >= editEndNew && startIndex.has(p));
    const syncIdx = syncedAt === null ? chunks.length : (startIndex.get(syncedAt) ?? chunks.length);
    const oldMiddle = chunks.slice(a, syncIdx);
    const middle: Chunk[] = [];
    let editing: Chunk | null = null;
    for (const seg of segments) {
      const segText = text.slice(seg.start, seg.end);
      const same = oldMiddle.find((c) => c.text === segText && (c.start === seg.start || c.start + delta === seg.start));
      if (same) {
        oldMiddle.splice(oldMiddle.indexOf(same), 1);
        same.start = seg.start;
        same.end = seg.end;
        middle.push(same);
        continue;
      }
      const fresh = new Chunk(segText, seg.start);
      if (seg.start <= off && seg.end >= off) {
        editing = fresh;
        // The chunk holding the edit reparses incrementally from its old tree.
        const host = oldMiddle.find((c) => c.start === seg.start && c.end >= off + len);
        if (host && seg.end >= editEndNew) {
          const parsed = host.parsedStatements;
          fresh.previous = parsed ? { text: host.text, ir: parsed } : host.previous;
          if (host.tree && reuseTree) {
            fresh.tree = host.tree;
            host.tree = null;
            fresh.tree.edit(treeEdit(host.text, off - host.start, len, ins));
          }
        }
      }
      middle.push(fresh);
    }
    for (const c of oldMiddle) c.dropTree();
    const lastNew = middle[middle.length - 1];
    if (syncedAt === null && lastNew && open !== lastNew.unterminated) {
      // Same text, different fate (a string opened or closed earlier): re-read it.
      const fresh = new Chunk(lastNew.text, lastNew.start);
      fresh.unterminated = open;
      if (editing === lastNew) editing = fresh;
      lastNew.dropTree();
      middle[middle.length - 1] = fresh;
    }
    const tail = chunks.slice(syncIdx);
    for (const c of tail) {
      c.start += delta;
      c.end += delta;
    }
    if (this.editing && this.editing !== editing) this.editing.dropTree();
    this.editing = editing;
    this.chunks = [...chunks.slice(0, a), ...middle, ...tail];
  }

  dispose(): void {
    for (const c of this.chunks) c.dropTree();
    this.editing = null;
  }
}
