/**
 * A glob as a nondeterministic automaton (Thompson's construction) run on the set of its states at
 * once: a path of n characters against a pattern of m pieces costs O(n·m), whatever the pattern.
 * Regular expressions cannot promise that in V8, whose engine backtracks.
 */

/** One piece of a glob, as glob.ts reads it. */
export type Piece =
  /** One character the test accepts (a literal, `?`, a class). */
  | { readonly k: 'char'; readonly test: (code: number) => boolean }
  /** `*`: any characters but `/`. */
  | { readonly k: 'star' }
  /** `**∕`: any number of whole folders, none included. */
  | { readonly k: 'folders' }
  /** A trailing `**`: anything at all. */
  | { readonly k: 'rest' }
  /** `{a,b}`: one of the alternatives. */
  | { readonly k: 'either'; readonly alternatives: readonly (readonly Piece[])[] };

const SLASH = 0x2f;
const notSlash = (c: number) => c !== SLASH;
const isSlash = (c: number) => c === SLASH;
const anything = () => true;

export class Automaton {
  /** Per state: the character it consumes, or null for a state that only branches. */
  private readonly tests: (((code: number) => boolean) | null)[] = [];
  private readonly edges: number[][] = [];
  private readonly accept: number;
  private readonly start: number;
  /** Per state: the generation in which it was last added to a set, to add each once. */
  private marks = new Int32Array(0);
  private generation = 0;

  constructor(pieces: readonly Piece[]) {
    this.accept = this.state(null, []);
    this.start = this.sequence(pieces, this.accept);
    this.marks = new Int32Array(this.tests.length);
  }

  /** Whether the whole of `path` matches. */
  test(path: string): boolean {
    let current = this.closure([this.start]);
    for (let i = 0; i < path.length && current.length > 0; i++) {
      const code = path.charCodeAt(i);
      const targets: number[] = [];
      for (const s of current) {
        const consumes = this.tests[s];
        if (consumes?.(code)) targets.push(...this.edges[s]!);
      }
      current = this.closure(targets);
    }
    return current.includes(this.accept);
  }

  /** The states reachable from `from` without consuming a character, that consume one (or accept). */
  private closure(from: readonly number[]): number[] {
    if (this.generation === 0x3fffffff) {
      // Before the count outgrows the marks' 32 bits (after a billion closures in a long session).
      this.marks.fill(0);
      this.generation = 0;
    }
    const generation = ++this.generation;
    const out: number[] = [];
    const stack = [...from];
    while (stack.length > 0) {
      const s = stack.pop()!;
      if (this.marks[s] === generation) continue;
      this.marks[s] = generation;
      if (this.tests[s] !== null || s === this.accept) out.push(s);
      else stack.push(...this.edges[s]!);
    }
    return out;
  }

  private state(test: ((code: number) => boolean) | null, edges: number[]): number {
    this.tests.push(test);
    this.edges.push(edges);
    return this.tests.length - 1;
  }

  /** The entry state of `pieces` followed by the state `next`; built from the end. */
  private sequence(pieces: readonly Piece[], next: number): number {
    for (let i = pieces.length - 1; i >= 0; i--) next = this.piece(pieces[i]!, next);
    return next;
  }

  private piece(piece: Piece, next: number): number {
    switch (piece.k) {
      case 'char':
        return this.state(piece.test, [next]);
      case 'star':
        return this.loop(notSlash, next);
      case 'rest':
        return this.loop(anything, next);
      case 'folders': {
        // (any characters but `/`, then `/`) any number of times.
        const repeat = this.state(null, []);
        const slash = this.state(isSlash, [repeat]);
        this.edges[repeat] = [this.loop(notSlash, slash), next];
        return repeat;
      }
      case 'either':
        return this.state(null, piece.alternatives.map((a) => this.sequence(a, next)));
    }
  }

  /** Any number of characters that `test` accepts, then `next`. */
  private loop(test: (code: number) => boolean, next: number): number {
    const branch = this.state(null, []);
    this.edges[branch] = [this.state(test, [branch]), next];
    return branch;
  }
}
