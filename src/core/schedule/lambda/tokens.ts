/**
 * A tokenizer for the Python expression subset of `lr_lambda` sources. It follows Python's lexical
 * rules (number literals with underscores, implicit line joining inside brackets, comments) closely
 * enough that a source Python accepts is tokenized the same way, and it recognises what it does not
 * support (strings, complex literals) so the error can say so instead of "syntax error".
 */

export type TokenKind = 'number' | 'name' | 'keyword' | 'op' | 'end';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** 0-based offset in the source. */
  readonly start: number;
  /** For numbers: the value, and whether the literal is an int (Python's int, arbitrary precision). */
  readonly value?: number | bigint;
  readonly isInt?: boolean;
}

/** Raised with the 0-based offset; the caller turns it into a SpecError with a 1-based column. */
export class LambdaSyntaxError extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except',
  'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try',
  'while', 'with', 'yield',
]);

// Longest first, so `**` wins over `*` and `//=` over `//`.
const OPERATORS = [
  '**=', '//=', '>>=', '<<=', '...', '!=', '%=', '&=', '**', '*=', '+=', '-=', '->', '//', '/=', ':=', '<<', '<=', '==', '>=', '>>', '@=',
  '^=', '|=', '!', '%', '&', '(', ')', '*', '+', ',', '-', '.', '/', ':', ';', '<', '=', '>', '@', '[', ']', '^', '{', '|', '}', '~',
];

const OPEN = new Set(['(', '[', '{']);
const CLOSE = new Set([')', ']', '}']);

const DIGITS = '(?:[0-9](?:_?[0-9])*)';
const EXPONENT = `(?:[eE][+-]?${DIGITS})`;
// Order matters: floats before ints so that `1.5` is not read as `1` then `.5`.
const FLOAT_RE = new RegExp(`(?:${DIGITS}\\.(?:${DIGITS})?${EXPONENT}?|\\.${DIGITS}${EXPONENT}?|${DIGITS}${EXPONENT})`, 'y');
const INT_RE = /(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|[1-9](?:_?[0-9])*|0+(?:_?0)*)/y;
const NAME_RE = /[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*/uy;
const ID_CONTINUE_RE = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]/u;

function matchAt(re: RegExp, source: string, at: number): string | undefined {
  re.lastIndex = at;
  const m = re.exec(source);
  return m ? m[0] : undefined;
}

function intValue(text: string): number | bigint {
  const clean = text.replace(/_/g, '');
  const big = /^0[xXoObB]/.test(clean) ? BigInt(clean) : BigInt(clean.replace(/^0+(?=\d)/, ''));
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

function readNumber(source: string, at: number): Token {
  const asFloat = matchAt(FLOAT_RE, source, at);
  const asInt = matchAt(INT_RE, source, at);
  let token: Token;
  if (asFloat !== undefined && (asInt === undefined || asFloat.length > asInt.length)) {
    token = { kind: 'number', text: asFloat, start: at, value: Number(asFloat.replace(/_/g, '')), isInt: false };
  } else if (asInt !== undefined) {
    // "007": Python forbids leading zeros in non-zero decimal integers.
    const decimalDigits = matchAt(/[0-9](?:_?[0-9])*/y, source, at) ?? asInt;
    if (decimalDigits.length > asInt.length && /^0/.test(asInt) && !/^0[xXoObB]/.test(asInt)) {
      throw new LambdaSyntaxError(at, 'leading zeros in decimal integer literals are not permitted');
    }
    token = { kind: 'number', text: asInt, start: at, value: intValue(asInt), isInt: true };
  } else {
    throw new LambdaSyntaxError(at, 'invalid number literal');
  }
  const after = at + token.text.length;
  const next = source[after];
  if (next === 'j' || next === 'J') throw new LambdaSyntaxError(at, 'complex numbers (the j suffix) are not supported');
  if (next !== undefined && (next === '_' || ID_CONTINUE_RE.test(next) || next === '.')) {
    if (next !== '.' || token.isInt === false) throw new LambdaSyntaxError(at, `invalid number literal ${JSON.stringify(source.slice(at, after + 1))}`);
  }
  return token;
}

/** Splits `source` into tokens, ending with one `end` token. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let depth = 0;
  let lineEnd = -1;
  let i = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    if (ch === ' ' || ch === '\t' || ch === '\f') {
      i++;
      continue;
    }
    if (ch === '\\' && (source[i + 1] === '\n' || (source[i + 1] === '\r' && source[i + 2] === '\n'))) {
      i += source[i + 1] === '\n' ? 2 : 3;
      continue;
    }
    if (ch === '\n' || ch === '\r') {
      // Inside brackets a newline is whitespace; outside it ends the logical line, and only
      // blank lines and comments may follow.
      if (depth === 0 && lineEnd < 0) lineEnd = i;
      i++;
      continue;
    }
    if (ch === '#') {
      while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i++;
      continue;
    }
    if (lineEnd >= 0) throw new LambdaSyntaxError(lineEnd, 'a newline outside parentheses ends the expression; wrap a multi-line lambda in parentheses');
    if ((ch >= '0' && ch <= '9') || (ch === '.' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const token = readNumber(source, i);
      tokens.push(token);
      i += token.text.length;
      continue;
    }
    if (ch === '"' || ch === "'") throw new LambdaSyntaxError(i, 'strings are not supported');
    const name = matchAt(NAME_RE, source, i);
    if (name !== undefined) {
      const normalized = name.normalize('NFKC');
      tokens.push({ kind: KEYWORDS.has(normalized) ? 'keyword' : 'name', text: normalized, start: i });
      i += name.length;
      continue;
    }
    const op = OPERATORS.find((candidate) => source.startsWith(candidate, i));
    if (op === undefined) {
      const codePoint = source.codePointAt(i) ?? 0;
      throw new LambdaSyntaxError(i, `invalid character ${JSON.stringify(String.fromCodePoint(codePoint))} (U+${codePoint.toString(16).toUpperCase().padStart(4, '0')})`);
    }
    if (OPEN.has(op)) depth++;
    if (CLOSE.has(op)) depth = Math.max(0, depth - 1);
    tokens.push({ kind: 'op', text: op, start: i });
    i += op.length;
  }
  tokens.push({ kind: 'end', text: '', start: source.length });
  return tokens;
}
