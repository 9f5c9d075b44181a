/**
 * A recursive-descent parser for `lambda NAME: EXPR`, following Python's grammar and precedence:
 *   test        := or_test ['if' or_test 'else' test]
 *   or_test     := and_test ('or' and_test)*          and_test := not_test ('and' not_test)*
 *   not_test    := 'not' not_test | comparison         comparison := arith (comp_op arith)*
 *   arith       := term (('+'|'-') term)*              term := factor (('*'|'/'|'//'|'%') factor)*
 *   factor      := ('+'|'-') factor | power            power := atom_expr ['**' factor]
 * Every construct outside the subset is recognised and refused by name, with its position.
 */
import type { BinaryOp, CompareOp, Expr, LambdaAst } from './ast';
import { BUILTINS, KNOWN_UNSUPPORTED_MATH, MATH_CONSTANTS, MATH_FUNCTIONS, type FunctionDef } from './functions';
import { LambdaSyntaxError, tokenize, type Token } from './tokens';

/** Python's own parser gives up around 200 nested parentheses; deeper trees would only risk the stack. */
const MAX_DEPTH = 200;

const COMPARE_OPS = new Set<string>(['<', '>', '==', '>=', '<=', '!=']);
const BITWISE_OPS = new Set(['|', '^', '&', '<<', '>>']);
const AUGMENTED = new Set(['+=', '-=', '*=', '/=', '//=', '%=', '**=', '@=', '&=', '|=', '^=', '>>=', '<<=', '=']);

function describeToken(token: Token): string {
  if (token.kind === 'end') return 'the end of the expression';
  return `${token.kind === 'keyword' ? 'keyword ' : ''}${JSON.stringify(token.text)}`;
}

class Parser {
  private index = 0;
  private depth = 0;
  private param = '';

  constructor(private readonly tokens: readonly Token[]) {}

  private get token(): Token {
    return this.tokens[this.index] as Token;
  }

  private peek(offset = 1): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const token = this.token;
    if (token.kind !== 'end') this.index++;
    return token;
  }

  private isOp(text: string): boolean {
    return this.token.kind === 'op' && this.token.text === text;
  }

  private isKeyword(text: string): boolean {
    return this.token.kind === 'keyword' && this.token.text === text;
  }

  private fail(token: Token, reason: string): never {
    throw new LambdaSyntaxError(token.start, reason);
  }

  private expectOp(text: string, context: string): Token {
    if (!this.isOp(text)) this.fail(this.token, `expected ${JSON.stringify(text)} ${context}, found ${describeToken(this.token)}`);
    return this.next();
  }

  /** Guards every recursive rule so that `((((…))))` or `- - - … x` cannot exhaust the stack. */
  private nested<T>(token: Token, parse: () => T): T {
    if (++this.depth > MAX_DEPTH) this.fail(token, `the expression is nested too deeply (more than ${MAX_DEPTH} levels)`);
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  parseLambda(): LambdaAst {
    const first = this.token;
    if (!(first.kind === 'keyword' && first.text === 'lambda')) {
      this.fail(first, 'expected a Python lambda such as "lambda epoch: 0.95 ** epoch"');
    }
    this.next();
    const name = this.token;
    if (name.kind === 'op' && name.text === ':') this.fail(name, 'the lambda takes no argument; it must take exactly one (the epoch)');
    if (name.kind === 'op' && (name.text === '*' || name.text === '**')) this.fail(name, 'star parameters are not supported; the lambda takes exactly one argument');
    if (name.kind !== 'name') this.fail(name, `expected the lambda's parameter name, found ${describeToken(name)}`);
    this.next();
    if (this.isOp(',')) this.fail(this.token, 'the lambda must take exactly one argument (the epoch)');
    if (this.isOp('=')) this.fail(this.token, 'default parameter values are not supported');
    this.expectOp(':', "after the lambda's parameter");
    this.param = name.text;
    const body = this.parseTest();
    const rest = this.token;
    if (rest.kind !== 'end') {
      if (rest.kind === 'op' && rest.text === ',') this.fail(rest, 'tuples are not supported');
      if (rest.kind === 'keyword' && rest.text === 'for') this.fail(rest, 'comprehensions are not supported');
      if (rest.kind === 'op' && AUGMENTED.has(rest.text)) this.fail(rest, `assignment (${JSON.stringify(rest.text)}) is not supported`);
      this.fail(rest, `unexpected ${describeToken(rest)}`);
    }
    return { param: this.param, body };
  }

  private parseTest(): Expr {
    const start = this.token;
    return this.nested(start, () => {
      if (this.isKeyword('lambda')) this.fail(start, 'a lambda inside the lambda is not supported');
      const body = this.parseOr();
      if (this.isOp(':=')) this.fail(this.token, 'assignment expressions (:=) are not supported');
      if (!this.isKeyword('if')) return body;
      const ifToken = this.next();
      const test = this.parseOr();
      if (!this.isKeyword('else')) this.fail(this.token, `a conditional expression needs "else", found ${describeToken(this.token)}`);
      this.next();
      const orelse = this.parseTest();
      return { type: 'IfElse', pos: ifToken.start, test, body, orelse };
    });
  }

  private parseOr(): Expr {
    let left = this.parseAnd();
    while (this.isKeyword('or')) {
      const op = this.next();
      left = { type: 'Logical', pos: op.start, op: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parseNot();
    while (this.isKeyword('and')) {
      const op = this.next();
      left = { type: 'Logical', pos: op.start, op: 'and', left, right: this.parseNot() };
    }
    return left;
  }

  private parseNot(): Expr {
    if (!this.isKeyword('not')) return this.parseComparison();
    const op = this.next();
    return this.nested(op, () => ({ type: 'Unary', pos: op.start, op: 'not', operand: this.parseNot() }));
  }

  private parseComparison(): Expr {
    const first = this.parseArith();
    const ops: CompareOp[] = [];
    const operands: Expr[] = [first];
    let pos = -1;
    for (;;) {
      const token = this.token;
      if (token.kind === 'keyword' && (token.text === 'in' || token.text === 'is' || (token.text === 'not' && this.peek().text === 'in'))) {
        this.fail(token, `the ${JSON.stringify(token.text)} operator is not supported`);
      }
      if (token.kind !== 'op' || !COMPARE_OPS.has(token.text)) break;
      if (pos < 0) pos = token.start;
      this.next();
      ops.push(token.text as CompareOp);
      operands.push(this.parseArith());
    }
    return ops.length === 0 ? first : { type: 'Compare', pos, ops, operands };
  }

  private parseArith(): Expr {
    let left = this.parseTerm();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.next();
      left = { type: 'Binary', pos: op.start, op: op.text as BinaryOp, left, right: this.parseTerm() };
    }
    if (this.token.kind === 'op' && BITWISE_OPS.has(this.token.text)) this.fail(this.token, `the bitwise operator ${JSON.stringify(this.token.text)} is not supported`);
    return left;
  }

  private parseTerm(): Expr {
    let left = this.parseFactor();
    for (;;) {
      if (this.isOp('@')) this.fail(this.token, 'the matrix multiplication operator "@" is not supported');
      if (!(this.isOp('*') || this.isOp('/') || this.isOp('//') || this.isOp('%'))) return left;
      const op = this.next();
      left = { type: 'Binary', pos: op.start, op: op.text as BinaryOp, left, right: this.parseFactor() };
    }
  }

  private parseFactor(): Expr {
    if (this.isOp('~')) this.fail(this.token, 'the bitwise operator "~" is not supported');
    if (!(this.isOp('-') || this.isOp('+'))) return this.parsePower();
    const op = this.next();
    return this.nested(op, () => ({ type: 'Unary', pos: op.start, op: op.text as '-' | '+', operand: this.parseFactor() }));
  }

  private parsePower(): Expr {
    const base = this.parseAtomExpr();
    if (!this.isOp('**')) return base;
    const op = this.next();
    // Right-associative, and the exponent may carry a sign: 2 ** -1, 2 ** 3 ** 2.
    return this.nested(op, () => ({ type: 'Binary', pos: op.start, op: '**', left: base, right: this.parseFactor() }));
  }

  private parseAtomExpr(): Expr {
    const atom = this.parseAtom();
    const trailer = this.token;
    if (trailer.kind === 'op') {
      if (trailer.text === '(') this.fail(trailer, 'this value is not callable; only min, max, abs, int, float, round, pow, bool and math functions can be called');
      if (trailer.text === '[') this.fail(trailer, 'subscripts are not supported');
      if (trailer.text === '.') this.fail(trailer, `attribute access ${JSON.stringify('.' + this.peek().text)} is not supported; only math.NAME is`);
    }
    return atom;
  }

  private parseAtom(): Expr {
    const token = this.token;
    switch (token.kind) {
      case 'number':
        this.next();
        return { type: 'Number', pos: token.start, value: token.value as number | bigint, isInt: token.isInt === true };
      case 'name':
        return this.parseName(token);
      case 'keyword':
        return this.parseKeywordAtom(token);
      case 'end':
        return this.fail(token, 'unexpected end of the expression');
      case 'op':
        return this.parseOpAtom(token);
    }
  }

  private parseKeywordAtom(token: Token): Expr {
    if (token.text === 'True' || token.text === 'False') {
      this.next();
      return { type: 'Bool', pos: token.start, value: token.text === 'True' };
    }
    if (token.text === 'None') this.fail(token, 'None is not supported');
    if (token.text === 'lambda') this.fail(token, 'a lambda inside the lambda is not supported');
    if (token.text === 'yield' || token.text === 'await') this.fail(token, `${JSON.stringify(token.text)} is not supported`);
    return this.fail(token, `unexpected ${describeToken(token)}`);
  }

  private parseOpAtom(token: Token): Expr {
    switch (token.text) {
      case '(': {
        this.next();
        if (this.isOp(')')) this.fail(token, 'tuples are not supported');
        const inner = this.nested(token, () => this.parseTest());
        if (this.isOp(',')) this.fail(this.token, 'tuples are not supported');
        if (this.isKeyword('for')) this.fail(this.token, 'generator expressions are not supported');
        this.expectOp(')', `to close the parenthesis at column ${token.start + 1}`);
        return inner;
      }
      case '[':
        return this.fail(token, 'lists are not supported');
      case '{':
        return this.fail(token, 'dicts and sets are not supported');
      case '...':
        return this.fail(token, 'Ellipsis (...) is not supported');
      case '*':
      case '**':
        return this.fail(token, 'unpacking is not supported');
      default:
        return this.fail(token, `unexpected ${describeToken(token)}`);
    }
  }

  private parseName(token: Token): Expr {
    this.next();
    const name = token.text;
    // The parameter shadows every builtin and even `math`, as it does in Python.
    if (name === this.param) return { type: 'Arg', pos: token.start };
    if (name === 'math') return this.parseMath(token);
    const builtin = BUILTINS[name];
    if (builtin !== undefined && Object.hasOwn(BUILTINS, name)) {
      if (!this.isOp('(')) this.fail(token, `the builtin ${name} can only be called, as ${name}(…)`);
      return this.parseCall(token, name, builtin);
    }
    return this.fail(
      token,
      `the name ${JSON.stringify(name)} is not supported: a lambda may use only its argument ${JSON.stringify(this.param)}, math.*, and min, max, abs, int, float, round, pow, bool`,
    );
  }

  private parseMath(token: Token): Expr {
    if (!this.isOp('.')) this.fail(token, '"math" must be followed by a member, as in math.cos(…) or math.pi');
    this.next();
    const member = this.token;
    if (member.kind !== 'name') this.fail(member, `expected a math member after "math.", found ${describeToken(member)}`);
    this.next();
    const name = member.text;
    if (Object.hasOwn(MATH_CONSTANTS, name)) return { type: 'MathConst', pos: token.start, name };
    const fn = Object.hasOwn(MATH_FUNCTIONS, name) ? MATH_FUNCTIONS[name] : undefined;
    if (fn === undefined) {
      const known = KNOWN_UNSUPPORTED_MATH.includes(name) ? 'is not supported' : 'is not a supported math member';
      this.fail(member, `math.${name} ${known} (supported: ${[...Object.keys(MATH_CONSTANTS), ...Object.keys(MATH_FUNCTIONS)].sort().join(', ')})`);
    }
    if (!this.isOp('(')) this.fail(member, `math.${name} is a function; call it as math.${name}(…)`);
    return this.parseCall(token, `math.${name}`, fn);
  }

  private parseCall(token: Token, callee: string, fn: FunctionDef): Expr {
    const open = this.expectOp('(', `after ${callee}`);
    const args: Expr[] = [];
    while (!this.isOp(')')) {
      if (this.isOp('*') || this.isOp('**')) this.fail(this.token, 'argument unpacking is not supported');
      if (this.token.kind === 'name' && this.peek().kind === 'op' && this.peek().text === '=') this.fail(this.token, `keyword arguments (${this.token.text}=…) are not supported`);
      args.push(this.nested(open, () => this.parseTest()));
      if (this.isKeyword('for')) this.fail(this.token, 'generator expressions are not supported');
      if (this.isOp(',')) {
        this.next();
        continue;
      }
      if (!this.isOp(')')) this.fail(this.token, `expected "," or ")" in the call to ${callee}, found ${describeToken(this.token)}`);
    }
    this.next();
    if (args.length < fn.minArgs || args.length > fn.maxArgs) {
      const expected = fn.minArgs === fn.maxArgs ? `exactly ${fn.minArgs}` : fn.maxArgs === Infinity ? `at least ${fn.minArgs}` : `${fn.minArgs} to ${fn.maxArgs}`;
      this.fail(token, `${callee}() takes ${expected} argument${fn.maxArgs === 1 && fn.minArgs === 1 ? '' : 's'} (${args.length} given)${fn.arityNote ? `; ${fn.arityNote}` : ''}`);
    }
    return { type: 'Call', pos: token.start, callee, args };
  }
}

/** Parses a lambda source; throws LambdaSyntaxError with the offending offset. */
export function parseLambdaSource(source: string): LambdaAst {
  return new Parser(tokenize(source)).parseLambda();
}
