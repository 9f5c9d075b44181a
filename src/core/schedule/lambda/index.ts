/**
 * A safe interpreter for the Python lambdas torch's LambdaLR and MultiplicativeLR take, given as
 * source text: `"lambda epoch: 0.95 ** epoch"`. It parses the expression subset (arithmetic,
 * comparisons, `and`/`or`/`not`, conditional expressions, min/max/abs/int/float/round/pow/bool and
 * `math.*`) with Python's precedence and evaluates it with Python's semantics (int vs float,
 * floor division and modulo signs, banker's rounding, ZeroDivisionError, OverflowError). It never
 * executes code: there is no `eval`, no `Function`, and no name outside the lambda's argument,
 * `math` and those builtins resolves to anything.
 */
import { SpecError, specError } from '../../errors';
import { PythonError } from '../python';
import type { LambdaAst } from './ast';
import { compile, type CompiledExpr } from './compile';
import { parseLambdaSource } from './parser';
import { LambdaSyntaxError } from './tokens';
import { BudgetError, LambdaBudget, MAX_LAMBDA_BITS, MAX_LAMBDA_OPS, Register, readValue, toFloat, type PyValue } from './values';

export type { PyValue } from './values';
export { pyRepr, LambdaBudget, MAX_LAMBDA_BITS, MAX_LAMBDA_OPS } from './values';
export type { LambdaAst, Expr } from './ast';

/** Longer sources are refused: a learning-rate lambda is one line, and this bounds parse time. */
export const MAX_LAMBDA_LENGTH = 2000;

function where(source: string, offset: number): string {
  const before = source.slice(0, offset);
  const line = before.split(/\r\n|\r|\n/).length;
  const column = offset - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
  return line > 1 ? `line ${line}, column ${column}` : `column ${column}`;
}

export class CompiledLambda {
  private readonly reg = new Register();

  /** @internal use parseLambda */
  constructor(
    readonly source: string,
    readonly ast: LambdaAst,
    readonly field: string,
    private readonly root: CompiledExpr,
    /** Nodes in the tree: what one call is charged against the trace's operation budget. */
    readonly nodes: number,
  ) {}

  /** The lambda's parameter name, e.g. `epoch`. */
  get param(): string {
    return this.ast.param;
  }

  /**
   * `lmbda(arg)` as the float torch multiplies by (`base_lr * lmbda(epoch)` converts an int result
   * to float, raising OverflowError if it is too large). Throws SpecError naming the field.
   */
  factor(arg: number, budget: LambdaBudget = new LambdaBudget()): number {
    const reg = this.reg;
    try {
      this.charge(budget);
      const value = this.root(reg, arg);
      reg.pos = -1;
      return toFloat(value, reg.big);
    } catch (error) {
      throw this.translate(error, arg);
    }
  }

  /** `lmbda(arg)` with its Python type: for tests and tooling (allocates one small object). */
  evaluate(arg: number, budget: LambdaBudget = new LambdaBudget()): PyValue {
    try {
      this.charge(budget);
      return readValue(this.reg, this.root(this.reg, arg));
    } catch (error) {
      throw this.translate(error, arg);
    }
  }

  private charge(budget: LambdaBudget): void {
    this.reg.budget = budget;
    budget.ops += this.nodes;
    if (budget.ops > MAX_LAMBDA_OPS) throw new BudgetError('ops');
  }

  private translate(error: unknown, arg: number): unknown {
    if (error instanceof BudgetError) {
      const args = { limit: error.what === 'ops' ? MAX_LAMBDA_OPS : MAX_LAMBDA_BITS, param: this.param, arg };
      return specError(this.field, error.what === 'ops' ? 'lambdaOps' : 'lambdaBits', error.what === 'ops' ? { ...args, nodes: this.nodes } : args);
    }
    if (!(error instanceof PythonError)) return error;
    const at = this.reg.pos < 0 ? "in the lambda's result" : `at ${where(this.source, this.reg.pos)}`;
    return new SpecError(this.field, `${error.pyType}: ${error.detail} ${at} (when ${this.param} = ${arg})`);
  }
}

/** Depth and node count; iterative, so that measuring a pathological tree cannot itself overflow the stack. */
function measure(ast: LambdaAst): { depth: number; nodes: number } {
  let max = 0;
  let nodes = 0;
  const stack: [unknown, number][] = [[ast.body, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [Record<string, unknown>, number];
    max = Math.max(max, depth);
    nodes++;
    for (const value of Object.values(node)) {
      const children = Array.isArray(value) ? value : [value];
      for (const child of children) if (typeof child === 'object' && child !== null && 'type' in child) stack.push([child, depth + 1]);
    }
  }
  return { depth: max, nodes };
}

const MAX_TREE_DEPTH = 400;

/**
 * Parses and compiles `source` (`"lambda step: min(1.0, (step + 1) / 500)"`). Every problem is a
 * SpecError on `field` that names the unsupported construct and its column.
 */
export function parseLambda(source: string, field: string): CompiledLambda {
  if (source.length > MAX_LAMBDA_LENGTH) throw new SpecError(field, `the lambda source is longer than ${MAX_LAMBDA_LENGTH} characters`);
  let ast: LambdaAst;
  try {
    ast = parseLambdaSource(source);
  } catch (error) {
    if (error instanceof LambdaSyntaxError) throw new SpecError(field, `${error.reason} (${where(source, error.offset)})`);
    throw error;
  }
  const { depth, nodes } = measure(ast);
  if (depth > MAX_TREE_DEPTH) throw new SpecError(field, `the expression is nested too deeply (more than ${MAX_TREE_DEPTH} levels)`);
  return new CompiledLambda(source, ast, field, compile(ast.body), nodes);
}
