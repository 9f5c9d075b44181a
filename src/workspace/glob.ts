/**
 * Glob patterns as regular expressions, for paths with `/` separators. Two dialects share the
 * translation of `*`, `?`, `[…]` and `**`: VS Code's (settings such as `optimLens.exclude`, with
 * `{a,b}` alternatives) and gitignore's (no braces; backslash escapes). Pure: no `vscode`, no `fs`.
 */

export interface GlobDialect {
  /** `{a,b}` means a or b (VS Code); otherwise braces are literal (gitignore). */
  readonly braces: boolean;
}

const SPECIAL = /[.*+?^${}()|[\]\\/]/g;

function escape(text: string): string {
  return text.replace(SPECIAL, '\\$&');
}

/**
 * The regular-expression source for `pattern` (not anchored). A `**` segment stands for any number
 * of folders, none included; a trailing one for everything below its folder (not the folder
 * itself); a `**` inside a segment is a plain `*`. `*` and `?` never match `/`.
 */
export function globSource(pattern: string, dialect: GlobDialect): string {
  let out = '';
  let i = 0;
  const atSegmentStart = () => i === 0 || pattern[i - 1] === '/';
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*' && atSegmentStart() && (i + 2 === pattern.length || pattern[i + 2] === '/')) {
      if (i + 2 === pattern.length) {
        out += '.*';
        i += 2;
      } else {
        out += '(?:[^/]*/)*';
        i += 3;
      }
    } else if (c === '*') {
      while (pattern[i] === '*') i++;
      out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
      i++;
    } else if (c === '[') {
      const cls = charClass(pattern, i, dialect);
      out += cls.source;
      i = cls.end;
    } else if (c === '\\' && !dialect.braces && i + 1 < pattern.length) {
      out += escape(pattern[i + 1]!);
      i += 2;
    } else if (c === '{' && dialect.braces) {
      const group = braceGroup(pattern, i);
      if (group) {
        out += `(?:${group.alternatives.map((a) => globSource(a, dialect)).join('|')})`;
        i = group.end;
      } else {
        out += escape(c);
        i++;
      }
    } else {
      out += escape(c);
      i++;
    }
  }
  return out;
}

/** `[abc]`, `[a-z]`, `[!x]` / `[^x]`; a `]` right after the opening is literal. Unclosed: a literal `[`. */
function charClass(pattern: string, start: number, dialect: GlobDialect): { source: string; end: number } {
  let i = start + 1;
  let negate = false;
  if (pattern[i] === '!' || pattern[i] === '^') {
    negate = true;
    i++;
  }
  let body = '';
  let first = true;
  while (i < pattern.length && (pattern[i] !== ']' || first)) {
    let c = pattern[i]!;
    if (c === '\\' && !dialect.braces && i + 1 < pattern.length) c = pattern[++i]!;
    body += c === '-' && !first && pattern[i + 1] !== ']' ? '-' : c.replace(/[\\\]^[-]/g, '\\$&');
    first = false;
    i++;
  }
  if (i >= pattern.length) return { source: '\\[', end: start + 1 };
  // A class never matches the separator, as in git and VS Code.
  return { source: negate ? `(?!/)[^${body}]` : `(?!/)[${body}]`, end: i + 1 };
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

/** A VS Code glob (as in `files.exclude`) as an anchored expression over a whole `/`-separated path. */
export function compileGlob(pattern: string): RegExp {
  return new RegExp(`^${globSource(pattern.replace(/\\/g, '/'), VSCODE)}$`);
}

/**
 * Whether any of `patterns` matches a file: tried against its absolute path (as VS Code's document
 * selectors do) and against its path relative to its workspace folder (as `files.exclude` does), so
 * a pattern may start with `**` or name a folder of the workspace.
 */
export function matchesAnyGlob(patterns: readonly RegExp[], absolutePath: string, relativePath?: string): boolean {
  const absolute = absolutePath.replace(/\\/g, '/');
  return patterns.some((p) => p.test(absolute) || (relativePath !== undefined && p.test(relativePath)));
}
