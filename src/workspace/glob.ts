/**
 * Glob patterns for paths with `/` separators. Two dialects share `*`, `?`, `[…]` and `**`: VS
 * Code's (settings such as `optimLens.exclude`, with `{a,b}` alternatives) and gitignore's (no
 * braces; backslash escapes). Pure: no `vscode`, no `fs`.
 *
 * A pattern becomes an automaton run on all its states at once (globAutomaton.ts), not a regular
 * expression: V8's backtracking made `**∕**∕…` or `*a*a*a*a*b` take seconds per path, and both
 * patterns come from files of the repository being checked.
 */
import { Automaton, type Piece } from './globAutomaton';

export interface GlobDialect {
  /** `{a,b}` means a or b (VS Code); otherwise braces are literal (gitignore). */
  readonly braces: boolean;
}

/** A compiled pattern: whether a whole path matches it. */
export interface PathMatcher {
  test(path: string): boolean;
}

/**
 * The pieces of `pattern`. A `**` segment stands for any number of folders, none included; a
 * trailing one for everything below its folder (not the folder itself); a `**` inside a segment
 * is a plain `*`. `*` and `?` never match `/`.
 */
export function globPieces(pattern: string, dialect: GlobDialect): Piece[] {
  const out: Piece[] = [];
  let i = 0;
  const atSegmentStart = () => i === 0 || pattern[i - 1] === '/';
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*' && atSegmentStart() && (i + 2 === pattern.length || pattern[i + 2] === '/')) {
      if (i + 2 === pattern.length) {
        out.push({ k: 'rest' });
        i += 2;
      } else {
        out.push({ k: 'folders' });
        i += 3;
      }
    } else if (c === '*') {
      while (pattern[i] === '*') i++;
      out.push({ k: 'star' });
    } else if (c === '?') {
      out.push({ k: 'char', test: notSlash });
      i++;
    } else if (c === '[') {
      const cls = charClass(pattern, i, dialect);
      out.push(cls.piece);
      i = cls.end;
    } else if (c === '\\' && !dialect.braces && i + 1 < pattern.length) {
      out.push(literal(pattern.charCodeAt(i + 1)));
      i += 2;
    } else if (c === '{' && dialect.braces) {
      const group = braceGroup(pattern, i);
      if (group) {
        out.push({ k: 'either', alternatives: group.alternatives.map((a) => globPieces(a, dialect)) });
        i = group.end;
      } else {
        out.push(literal(pattern.charCodeAt(i)));
        i++;
      }
    } else {
      out.push(literal(pattern.charCodeAt(i)));
      i++;
    }
  }
  return out;
}

const SLASH = 0x2f;
const notSlash = (c: number) => c !== SLASH;

function literal(code: number): Piece {
  return { k: 'char', test: (c) => c === code, literal: code };
}

/** `[abc]`, `[a-z]`, `[!x]` / `[^x]`; a `]` right after the opening is literal. Unclosed: a literal `[`. */
function charClass(pattern: string, start: number, dialect: GlobDialect): { piece: Piece; end: number } {
  let i = start + 1;
  let negate = false;
  if (pattern[i] === '!' || pattern[i] === '^') {
    negate = true;
    i++;
  }
  const ranges: [number, number][] = [];
  let first = true;
  const next = (): number => {
    if (pattern[i] === '\\' && !dialect.braces && i + 1 < pattern.length) i++;
    return pattern.charCodeAt(i++);
  };
  while (i < pattern.length && (pattern[i] !== ']' || first)) {
    first = false;
    const lo = next();
    if (pattern[i] === '-' && i + 1 < pattern.length && pattern[i + 1] !== ']') {
      i++;
      ranges.push([lo, next()]);
    } else {
      ranges.push([lo, lo]);
    }
  }
  if (i >= pattern.length) return { piece: literal(pattern.charCodeAt(start)), end: start + 1 };
  const inside = (c: number) => ranges.some(([lo, hi]) => c >= lo && c <= hi);
  // A class never matches the separator, as in git and VS Code.
  return { piece: { k: 'char', test: (c) => c !== SLASH && inside(c) !== negate }, end: i + 1 };
}

/** The alternatives of the `{…}` at `start`, split on top-level commas; null when it never closes. */
function braceGroup(pattern: string, start: number): { alternatives: string[]; end: number } | null {
  const alternatives: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = start + 1; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '{') depth++;
    if (c === '}' && depth-- === 0) {
      alternatives.push(current);
      return { alternatives, end: i + 1 };
    }
    if (c === ',' && depth === 0) {
      alternatives.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  return null;
}

const VSCODE: GlobDialect = { braces: true };

/** A VS Code glob (as in `files.exclude`), matched against a whole `/`-separated path. */
export function compileGlob(pattern: string): PathMatcher {
  return new Automaton(globPieces(pattern.replace(/\\/g, '/'), VSCODE));
}

/**
 * Whether any of `patterns` matches a file: tried against its absolute path (as VS Code's document
 * selectors do) and against its path relative to its workspace folder (as `files.exclude` does), so
 * a pattern may start with `**` or name a folder of the workspace.
 */
export function matchesAnyGlob(patterns: readonly PathMatcher[], absolutePath: string, relativePath?: string): boolean {
  const absolute = absolutePath.replace(/\\/g, '/');
  return patterns.some((p) => p.test(absolute) || (relativePath !== undefined && p.test(relativePath)));
}
