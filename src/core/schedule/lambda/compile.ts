/**
 * Turns the syntax tree into a tree of closures, so that evaluating a lambda 100,000 times walks no
 * AST and allocates nothing: each closure returns a number and leaves its Python type in the
 * register (see values.ts). Operations that may raise record their position first, so that the
 * error can point at the column.
 */
import type { CompareOp, Expr } from './ast';
import { BUILTINS, MATH_CONSTANTS, MATH_FUNCTIONS, type Args } from './functions';
import { binary, negate } from './ops';
import { BOOL, INT, type Kind, type Register, equal, lessThan, retBool, retFloat, retInt, truthy } from './values';

export type CompiledExpr = (reg: Register, arg: number) => number;

function compareOnce(op: CompareOp, a: number | bigint, b: number | bigint): boolean {
  switch (op) {
    case '<':
      return lessThan(a, b);
    case '>':
      return lessThan(b, a);
    case '<=':
      return lessThan(a, b) || equal(a, b);
    case '>=':
      return lessThan(b, a) || equal(a, b);
    case '==':
      return equal(a, b);
    case '!=':
      return !equal(a, b);
  }
}

function compileCompare(ops: readonly CompareOp[], operands: readonly CompiledExpr[]): CompiledExpr {
  // a < b < c is (a < b) and (b < c) with b evaluated once, stopping at the first false.
  return (reg, x) => {
    const first = operands[0] as CompiledExpr;
    let left: number | bigint = first(reg, x);
    left = reg.big ?? left;
    for (let i = 0; i < ops.length; i++) {
      const evaluate = operands[i + 1] as CompiledExpr;
      const value = evaluate(reg, x);
      const right = reg.big ?? value;
      if (!compareOnce(ops[i] as CompareOp, left, right)) return retBool(reg, false);
      left = right;
    }
    return retBool(reg, true);
  };
}

function compileCall(pos: number, callee: string, args: readonly CompiledExpr[]): CompiledExpr {
  const fn = callee.startsWith('math.') ? MATH_FUNCTIONS[callee.slice(5)] : BUILTINS[callee];
  if (fn === undefined) throw new Error(`unknown callee ${callee}`); // the parser only emits known callees
  const slots: Args = { count: args.length, values: new Float64Array(args.length), kinds: new Uint8Array(args.length), bigs: args.map(() => undefined) };
  return (reg, x) => {
    for (let i = 0; i < args.length; i++) {
      const evaluate = args[i] as CompiledExpr;
      slots.values[i] = evaluate(reg, x);
      slots.kinds[i] = reg.kind;
      slots.bigs[i] = reg.big;
    }
    reg.pos = pos;
    return fn.call(reg, slots);
  };
}

export function compile(expr: Expr): CompiledExpr {
  switch (expr.type) {
    case 'Number': {
      const { value, isInt } = expr;
      if (typeof value === 'bigint') {
        return (reg) => {
          reg.kind = INT;
          reg.big = value;
          return NaN;
        };
      }
      return isInt ? (reg) => retInt(reg, value) : (reg) => retFloat(reg, value);
    }
    case 'Bool': {
      const value = expr.value;
      return (reg) => retBool(reg, value);
    }
    case 'Arg':
      return (reg, x) => retInt(reg, x);
    case 'MathConst': {
      const value = MATH_CONSTANTS[expr.name] as number;
      return (reg) => retFloat(reg, value);
    }
    case 'Unary': {
      const operand = compile(expr.operand);
      const pos = expr.pos;
      if (expr.op === 'not') return (reg, x) => retBool(reg, !truthy(operand(reg, x), reg.big));
      if (expr.op === '+') {
        // +True is the int 1.
        return (reg, x) => {
          const a = operand(reg, x);
          if (reg.kind === BOOL) reg.kind = INT;
          return a;
        };
      }
      return (reg, x) => {
        const a = operand(reg, x);
        reg.pos = pos;
        return negate(reg, a, reg.kind, reg.big);
      };
    }
    case 'Binary': {
      const left = compile(expr.left);
      const right = compile(expr.right);
      const { op, pos } = expr;
      return (reg, x) => {
        const a = left(reg, x);
        const ka: Kind = reg.kind;
        const ab = reg.big;
        const b = right(reg, x);
        reg.pos = pos;
        return binary(reg, op, a, ka, ab, b, reg.kind, reg.big);
      };
    }
    case 'Compare':
      return compileCompare(expr.ops, expr.operands.map(compile));
    case 'Logical': {
      // `and`/`or` return an operand, not a bool: `0 or 0.5` is 0.5.
      const left = compile(expr.left);
      const right = compile(expr.right);
      const isAnd = expr.op === 'and';
      return (reg, x) => {
        const a = left(reg, x);
        return truthy(a, reg.big) === isAnd ? right(reg, x) : a;
      };
    }
    case 'IfElse': {
      const test = compile(expr.test);
      const body = compile(expr.body);
      const orelse = compile(expr.orelse);
      return (reg, x) => (truthy(test(reg, x), reg.big) ? body(reg, x) : orelse(reg, x));
    }
    case 'Call':
      return compileCall(expr.pos, expr.callee, expr.args.map(compile));
  }
}

