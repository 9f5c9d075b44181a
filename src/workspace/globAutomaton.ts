/**
 * A glob as a nondeterministic automaton (Thompson's construction) run on the set of its states at
 * once: a path of n characters against a pattern of m pieces costs O(n·m), whatever the pattern.
 * Regular expressions cannot promise that in V8, whose engine backtracks.
 */

/** One piece of a glob, as glob.ts reads it. */
export type Piece =
  /** One character the test accepts (a literal, `?`, a class); `literal` for the one character a literal is. */
  | { readonly k: 'char'; readonly test: (code: number) => boolean; readonly literal?: number }
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
  /** Per state: the character it consumes, or null for a state that only branches (and for the accepting one). */
  private readonly tests: (((code: number) => boolean) | null)[] = [];
  /** Per state: the literal character it consumes, or -1: most pieces are literals, compared inline. */
  private readonly literals: number[] = [];
  private readonly edges: number[][] = [];
  private readonly accept: number;
  /** Per consuming state: the consuming (or accepting) states after it, branches followed once, here. */
  private readonly follow: Int32Array[] = [];
  private readonly first: Int32Array;
  /** What every match starts and ends with: a path without them is refused before the automaton runs. */
  private readonly prefix: string;
  private readonly suffix: string;
  private current: Int32Array;
  private next: Int32Array;
  /** Per state: the step in which it was last added to `next`, to add each once. */
  private readonly marks: Int32Array;
  private step = 0;

  constructor(pieces: readonly Piece[]) {
    this.accept = this.state(null, []);
    const start = this.sequence(pieces, this.accept);
    const count = this.tests.length;
    this.marks = new Int32Array(count);
    for (let s = 0; s < count; s++) this.follow.push(this.tests[s] === null ? new Int32Array(0) : this.closure(this.edges[s]!));
    this.first = this.closure([start]);
    this.current = new Int32Array(count);
    this.next = new Int32Array(count);
    this.prefix = literalRun(pieces);
    // From the pieces after the prefix only: the two never overlap in a match.
    this.suffix = literalRun(pieces.slice(this.prefix.length).reverse(), true);
  }

  /** Whether the whole of `path` matches. */
  test(path: string): boolean {
    if (!path.startsWith(this.prefix) || !path.endsWith(this.suffix) || path.length < this.prefix.length + this.suffix.length) return false;
    let size = this.first.length;
    this.current.set(this.first);
    for (let i = 0; i < path.length && size > 0; i++) {
      const code = path.charCodeAt(i);
      const mark = this.nextStep();
      let nextSize = 0;
      for (let j = 0; j < size; j++) {
        const s = this.current[j]!;
        const literal = this.literals[s]!;
        if (literal >= 0 ? literal !== code : !this.tests[s]?.(code)) continue;
        for (const t of this.follow[s]!) {
          if (this.marks[t] === mark) continue;
          this.marks[t] = mark;
          this.next[nextSize++] = t;
        }
      }
      [this.current, this.next] = [this.next, this.current];
      size = nextSize;
    }
    for (let j = 0; j < size; j++) if (this.current[j] === this.accept) return true;
    return false;
  }

  private nextStep(): number {
    if (this.step === 0x3fffffff) {
      // Before the count outgrows the marks' 32 bits (after a billion characters in a long session).
      this.marks.fill(0);
      this.step = 0;
    }
    return ++this.step;
  }

  /** The consuming (or accepting) states reachable from `from` through branches alone. */
  private closure(from: readonly number[]): Int32Array {
    const seen = new Set<number>();
    const out: number[] = [];
    const stack = [...from];
    while (stack.length > 0) {
      const s = stack.pop()!;
      if (seen.has(s)) continue;
      seen.add(s);
      if (this.tests[s] !== null || s === this.accept) out.push(s);
      else stack.push(...this.edges[s]!);
    }
    return Int32Array.from(out);
  }

  private state(test: ((code: number) => boolean) | null, edges: number[], literal = -1): number {
    this.tests.push(test);
    this.literals.push(literal);
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
        return this.state(piece.test, [next], piece.literal ?? -1);
      case 'star':
        return this.loop(notSlash, next);
      case 'rest':
        return this.loop(anything, next);
      case 'folders': {
        // (any characters but `/`, then `/`) any number of times.
        const repeat = this.state(null, []);
        const slash = this.state(isSlash, [repeat], SLASH);
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

/** The literal characters `pieces` start with (reversed: end with). */
function literalRun(pieces: readonly Piece[], reversed = false): string {
  const codes: number[] = [];
  for (const piece of pieces) {
    if (piece.k !== 'char' || piece.literal === undefined) break;
    codes.push(piece.literal);
  }
  if (reversed) codes.reverse();
  return String.fromCharCode(...codes);
}
