/** The syntax tree of the supported Python expression subset. `pos` is a 0-based source offset. */

export type BinaryOp = '+' | '-' | '*' | '/' | '//' | '%' | '**';
export type CompareOp = '<' | '>' | '==' | '>=' | '<=' | '!=';

export type Expr =
  | { readonly type: 'Number'; readonly pos: number; readonly value: number | bigint; readonly isInt: boolean }
  | { readonly type: 'Bool'; readonly pos: number; readonly value: boolean }
  | { readonly type: 'Arg'; readonly pos: number }
  | { readonly type: 'MathConst'; readonly pos: number; readonly name: string }
  | { readonly type: 'Unary'; readonly pos: number; readonly op: '-' | '+' | 'not'; readonly operand: Expr }
  | { readonly type: 'Binary'; readonly pos: number; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr }
  | { readonly type: 'Compare'; readonly pos: number; readonly ops: readonly CompareOp[]; readonly operands: readonly Expr[] }
  | { readonly type: 'Logical'; readonly pos: number; readonly op: 'and' | 'or'; readonly left: Expr; readonly right: Expr }
  | { readonly type: 'IfElse'; readonly pos: number; readonly test: Expr; readonly body: Expr; readonly orelse: Expr }
  /** `callee` is a builtin (`min`) or a math function (`math.cos`). */
  | { readonly type: 'Call'; readonly pos: number; readonly callee: string; readonly args: readonly Expr[] };

export interface LambdaAst {
  /** The lambda's single parameter name, e.g. `epoch`. */
  readonly param: string;
  readonly body: Expr;
}
