/**
 * The safe interpreter for `lr_lambda` sources: Python precedence and semantics, and an error
 * (SpecError, naming the construct and its column) for everything outside the subset. Fuzzed: no
 * input makes it throw anything but SpecError, or hang.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SpecError } from '../../../src/core/errors';
import { LambdaBudget, MAX_LAMBDA_BITS, MAX_LAMBDA_LENGTH, MAX_LAMBDA_OPS, parseLambda, pyRepr } from '../../../src/core/schedule/lambda';
import { runScheduleJson } from '../../../src/core/schedule/run';

/** repr() of the lambda's value at `arg`, e.g. "2", "0.5", "True". */
function run(body: string, arg = 0): string {
  return pyRepr(parseLambda(`lambda x: ${body}`, 'lr_lambda').evaluate(arg));
}

function typeOf(body: string, arg = 0): string {
  return parseLambda(`lambda x: ${body}`, 'lr_lambda').evaluate(arg).type;
}

/** The SpecError a source raises, at parse or evaluation time. */
function errorOf(source: string, arg = 0): SpecError {
  try {
    parseLambda(source, 'scheduler.lr_lambda').factor(arg);
  } catch (error) {
    expect(error).toBeInstanceOf(SpecError);
    return error as SpecError;
  }
  throw new Error(`no error for ${source}`);
}

describe('lambda interpreter: the forms users write', () => {
  it('evaluates the documented examples', () => {
    expect(parseLambda('lambda epoch: 0.95 ** epoch', 'f').factor(2)).toBe(0.9025);
    expect(parseLambda('lambda step: min(1.0, (step + 1) / 500)', 'f').factor(99)).toBe(0.2);
    const cosine = parseLambda('lambda e: 0.5 * (1 + math.cos(math.pi * e / 100)) if e > 10 else e / 10', 'f');
    expect(cosine.factor(5)).toBe(0.5);
    expect(cosine.factor(100)).toBe(0);
    expect(cosine.param).toBe('e');
  });

  it('accepts any parameter name, parentheses across lines, comments and trailing whitespace', () => {
    expect(parseLambda('  lambda current_step : current_step * 2  ', 'f').factor(3)).toBe(6);
    expect(parseLambda('lambda e: (e +\n  1)  # next epoch\n', 'f').factor(1)).toBe(2);
    expect(parseLambda('lambda e: e + \\\n 1', 'f').factor(1)).toBe(2);
  });

  it('lets the parameter shadow builtins, as Python does', () => {
    expect(parseLambda('lambda min: min + 1', 'f').factor(1)).toBe(2);
  });
});

describe('lambda interpreter: Python semantics', () => {
  it('keeps int and float apart', () => {
    expect(typeOf('x // 30', 65)).toBe('int');
    expect(typeOf('x / 1', 4)).toBe('float');
    expect(typeOf('x ** 2', 4)).toBe('int');
    expect(typeOf('x ** -1', 4)).toBe('float');
    expect(typeOf('int(2.9) + True')).toBe('int');
    expect(typeOf('x > 3', 4)).toBe('bool');
    expect(run('7.0 // 2')).toBe('3.0');
  });

  it('floors division and takes the divisor sign for modulo', () => {
    expect(run('-7 // 2')).toBe('-4');
    expect(run('7 // -2')).toBe('-4');
    expect(run('-7 % 3')).toBe('2');
    expect(run('7 % -3')).toBe('-2');
    expect(run('-7.5 // 2')).toBe('-4.0');
    expect(run('7.5 % -2')).toBe('-0.5');
    expect(run('-0.0 % 5')).toBe('0.0');
  });

  it('follows Python precedence and associativity', () => {
    expect(run('-2 ** 2')).toBe('-4');
    expect(run('2 ** -1')).toBe('0.5');
    expect(run('2 ** 3 ** 2')).toBe('512');
    expect(run('10 - 4 - 3')).toBe('3');
    expect(run('100 / 10 / 5')).toBe('2.0');
    expect(run('2 * 3 % 4')).toBe('2');
    expect(run('not 1 == 2')).toBe('True');
    expect(run('1 + 2 if 0 else 3')).toBe('3');
    expect(run('- - 2')).toBe('2');
  });

  it('computes with arbitrary-precision ints', () => {
    expect(run('3 ** 40')).toBe('12157665459056928801');
    expect(run('2 ** 64 // 3')).toBe('6148914691236517205');
    expect(run('(2 ** 53 + 1) - 2 ** 53')).toBe('1');
    expect(run('10 ** 30 / 7')).toBe('1.4285714285714285e+29');
    expect(run('9007199254740993 == 9007199254740992.0')).toBe('False');
  });

  it("rounds half to even (banker's rounding), exactly", () => {
    expect(['round(0.5)', 'round(1.5)', 'round(2.5)', 'round(-0.5)', 'round(-1.5)'].map((b) => run(b))).toEqual(['0', '2', '2', '0', '-2']);
    expect(run('round(2.675, 2)')).toBe('2.67');
    expect(run('round(0.125, 2)')).toBe('0.12');
    expect(run('round(1250, -2)')).toBe('1200');
    expect(run('round(1350, -2)')).toBe('1400');
    expect(run('round(-0.4, 0)')).toBe('-0.0');
  });

  it('evaluates comparisons (chained), and/or returning operands, conditionals', () => {
    expect(run('1 < x < 5', 3)).toBe('True');
    expect(run('1 < x < 5', 5)).toBe('False');
    expect(run('3 > 2 > 2')).toBe('False');
    expect(run('0 or 0.5')).toBe('0.5');
    expect(run('1 and 0.5')).toBe('0.5');
    expect(run('0 and 1 / 0')).toBe('0');
    expect(run('1 if x > 3 else 2 if x > 1 else 3', 2)).toBe('2');
    expect(run('math.nan == math.nan')).toBe('False');
  });

  it('calls min/max/abs/int/float/round/pow/bool and math functions', () => {
    expect(run('min(3, 2.0)')).toBe('2.0');
    expect(run('min(2, 2.0)')).toBe('2');
    expect(run('max(1, 2, 3)')).toBe('3');
    expect(run('abs(-3)')).toBe('3');
    expect(run('int(-2.5)')).toBe('-2');
    expect(run('float(7)')).toBe('7.0');
    expect(run('pow(2, 10)')).toBe('1024');
    expect(run('bool(0.0)')).toBe('False');
    expect(run('math.floor(-2.5)')).toBe('-3');
    expect(run('math.ceil(-2.5)')).toBe('-2');
    expect(run('math.log(8, 2)')).toBe('3.0');
    expect(run('math.sqrt(2)')).toBe('1.4142135623730951');
    expect(run('math.copysign(1, -0.0)')).toBe('-1.0');
    expect(run('math.tau')).toBe('6.283185307179586');
  });

  it('reads Python number literals', () => {
    expect(run('1_000')).toBe('1000');
    expect(run('1e-3')).toBe('0.001');
    expect(run('.5 + 5.')).toBe('5.5');
    expect(run('0x1F + 0o17 + 0b101')).toBe('51');
    expect(run('1e400')).toBe('inf');
    expect(run('123456789012345678901234567890')).toBe('123456789012345678901234567890');
  });

  it('prints floats as Python repr does', () => {
    expect(['1e16', '1e15', '1e-5', '0.0001', '0.1 + 0.2', '1.5e300', '-0.0'].map((b) => run(b))).toEqual([
      '1e+16',
      '1000000000000000.0',
      '1e-05',
      '0.0001',
      '0.30000000000000004',
      '1.5e+300',
      '-0.0',
    ]);
  });
});

describe('lambda interpreter: runtime errors are Python exceptions with a position', () => {
  it.each([
    ['lambda e: 1 / e', 0, 'ZeroDivisionError', 'column 13'],
    ['lambda e: 1 // (e - 2)', 2, 'ZeroDivisionError', 'column 13'],
    ['lambda e: 5 % 0', 0, 'ZeroDivisionError', 'column 13'],
    ['lambda e: 0.0 ** -1', 0, 'ZeroDivisionError', 'column 15'],
    ['lambda e: 10.0 ** 400', 0, 'OverflowError', 'column 16'],
    ['lambda e: math.exp(1000)', 0, 'OverflowError', 'column 11'],
    ['lambda e: math.log(e)', 0, 'ValueError: math domain error', 'column 11'],
    ['lambda e: math.sqrt(-1)', 0, 'ValueError: math domain error', 'column 11'],
    ['lambda e: int(math.inf)', 0, 'OverflowError', 'column 11'],
    ['lambda e: int(math.nan)', 0, 'ValueError', 'column 11'],
    ['lambda e: (-8) ** (1 / 3)', 0, 'complex', 'column 16'],
    ['lambda e: 10 ** 400 * 1.0', 0, 'OverflowError: int too large to convert to float', 'column 21'],
    ['lambda e: 10 ** (e * 400)', 1, "OverflowError: int too large to convert to float in the lambda's result", ''],
    ['lambda e: 10 ** 10 ** 10', 0, 'OverflowError: integer result too large', 'column 14'],
  ])('%s at %d raises %s', (source, arg, kind, where) => {
    const error = errorOf(source, arg);
    expect(error.field).toBe('scheduler.lr_lambda');
    expect(error.message).toContain(kind);
    expect(error.message).toContain(where);
    expect(error.message).toContain(`= ${arg}`);
  });
});

describe('lambda interpreter: unsupported constructs are named, with their column', () => {
  it.each([
    ['lambda e: foo + 1', 'the name "foo" is not supported', 'column 11'],
    ['lambda e: __import__', '"__import__" is not supported', 'column 11'],
    ['lambda e: eval', '"eval" is not supported', 'column 11'],
    ['lambda e: e.real', 'attribute access ".real" is not supported', 'column 12'],
    ['lambda e: math.foo(e)', 'math.foo is not a supported math member', 'column 16'],
    ['lambda e: math.gamma(e)', 'math.gamma is not supported', 'column 16'],
    ['lambda e: math', '"math" must be followed by a member', 'column 11'],
    ['lambda e: math.pi(1)', 'not callable', 'column 18'],
    ['lambda e: min', 'can only be called', 'column 11'],
    ['lambda e: e[0]', 'subscripts are not supported', 'column 12'],
    ['lambda e: "0.1"', 'strings are not supported', 'column 11'],
    ["lambda e: f'{e}'", 'strings are not supported', 'column 12'],
    ['lambda e: [e]', 'lists are not supported', 'column 11'],
    ['lambda e: {e: 1}', 'dicts and sets are not supported', 'column 11'],
    ['lambda e: (e, 1)', 'tuples are not supported', 'column 13'],
    ['lambda e: e, 1', 'tuples are not supported', 'column 12'],
    ['lambda e: lambda f: f', 'a lambda inside the lambda is not supported', 'column 11'],
    ['lambda e: (y := e)', 'the name "y" is not supported', 'column 12'],
    ['lambda e: e if e', 'needs "else"', 'column 17'],
    ['lambda e: e in 1', 'the "in" operator is not supported', 'column 13'],
    ['lambda e: e is None', 'the "is" operator is not supported', 'column 13'],
    ['lambda e: e & 1', 'the bitwise operator "&" is not supported', 'column 13'],
    ['lambda e: ~e', 'the bitwise operator "~" is not supported', 'column 11'],
    ['lambda e: e @ e', 'matrix multiplication', 'column 13'],
    ['lambda e: None', 'None is not supported', 'column 11'],
    ['lambda e: 1j', 'complex numbers', 'column 11'],
    ['lambda e: 007', 'leading zeros', 'column 11'],
    ['lambda e: 1abc', 'invalid number literal', 'column 11'],
    ['lambda e: round(e, ndigits=2)', 'keyword arguments', 'column 20'],
    ['lambda e: min(*e)', 'argument unpacking is not supported', 'column 15'],
    ['lambda e: min(e)', 'min() takes at least 2 arguments (1 given)', 'column 11'],
    ['lambda e: pow(e, 2, 3)', 'three-argument pow() is not supported', 'column 11'],
    ['lambda e: abs()', 'abs() takes exactly 1 argument (0 given)', 'column 11'],
    ['lambda e: sum(x for x in e)', 'the name "sum" is not supported', 'column 11'],
    ['lambda e: e $ 1', 'invalid character "$"', 'column 13'],
    ['lambda e: e +', 'unexpected end of the expression', 'column 14'],
    ['lambda e: (e + 1', 'expected ")"', 'column 17'],
    ['lambda e: e\n+ 1', 'a newline outside parentheses', 'column 12'],
    ['lambda: 1', 'takes no argument', 'column 7'],
    ['lambda a, b: a', 'exactly one argument', 'column 9'],
    ['lambda e=1: e', 'default parameter values are not supported', 'column 9'],
    ['lambda *e: e', 'star parameters are not supported', 'column 8'],
    ['epoch: 0.95 ** epoch', 'expected a Python lambda', 'column 1'],
    ['0.95', 'expected a Python lambda', 'column 1'],
    ['', 'expected a Python lambda', 'column 1'],
  ])('%s', (source, reason, column) => {
    const error = errorOf(source);
    expect(error.field).toBe('scheduler.lr_lambda');
    expect(error.message).toContain(reason);
    expect(error.message).toContain(column);
  });

  it('reports line and column in multi-line sources', () => {
    expect(errorOf('lambda e: (e +\n  foo)').message).toContain('line 2, column 3');
  });

  it('refuses sources that are too long or too deeply nested', () => {
    expect(errorOf(`lambda e: ${'1 + '.repeat(MAX_LAMBDA_LENGTH)}1`).message).toContain('longer than');
    expect(errorOf(`lambda e: ${'('.repeat(150)}e${')'.repeat(150)}`).message).toContain('nested too deeply');
    expect(errorOf(`lambda e: ${'-'.repeat(300)}e`).message).toContain('nested too deeply');
    expect(errorOf(`lambda e: ${'e + '.repeat(450)}e`).message).toContain('nested too deeply');
  });
});

describe('lambda interpreter: work budgets per trace', () => {
  /** The SpecError of a whole schedule, or undefined when it runs. */
  function scheduleError(lambda: string, steps = 100_000, type = 'LambdaLR'): SpecError | undefined {
    try {
      runScheduleJson({ base_lr: 0.1, steps, scheduler: { type, lr_lambda: lambda } });
      return undefined;
    } catch (error) {
      expect(error).toBeInstanceOf(SpecError);
      return error as SpecError;
    }
  }

  it('refuses big-integer work past the bits budget, naming the lambda, the limit and the step', () => {
    // 65,000 bits a call: under the per-value limit, 82 s over 100,000 steps before the budget.
    const error = scheduleError('lambda e: (3 ** 41000) % (e + 2) / 100');
    expect(error?.field).toBe('scheduler.lr_lambda');
    expect(error?.template?.name).toBe('lambdaBits');
    expect(error?.reason).toMatch(new RegExp(`more than ${MAX_LAMBDA_BITS} bits of big integers in one schedule \\(spent at e = \\d+\\)`));
    // round(n, -k) builds 10**k without passing through the operators.
    expect(scheduleError('lambda e: round(e, -90000) + 1')?.template?.name).toBe('lambdaBits');
  });

  it('refuses long lambdas over many steps past the operations budget', () => {
    const body = Array.from({ length: 120 }, () => 'e').join(' + ');
    const error = scheduleError(`lambda e: 1 + 0 * (${body})`);
    expect(error?.template?.name).toBe('lambdaOps');
    expect(error?.reason).toContain(`more than ${MAX_LAMBDA_OPS} operations in one schedule (243 per call; spent at e = `);
    // The same lambda fits a shorter schedule, and MultiplicativeLR shares the budget.
    expect(scheduleError(`lambda e: 1 + 0 * (${body})`, 10_000)).toBeUndefined();
    expect(scheduleError(`lambda e: 1 + 0 * (${body})`, 100_000, 'MultiplicativeLR')?.template?.name).toBe('lambdaOps');
  });

  it('leaves ordinary lambdas and big-but-cheap integers alone', () => {
    expect(scheduleError('lambda e: 0.95 ** e')).toBeUndefined();
    expect(scheduleError('lambda step: min(1.0, (step + 1) / 500) * 0.5 * (1 + math.cos(math.pi * step / 100000))')).toBeUndefined();
    expect(scheduleError('lambda e: (2 ** 100 + e) % 7 / 7')).toBeUndefined();
  });

  it('shares one budget across the lambdas of a trace and the cases of a batch, and starts afresh per trace', () => {
    const heavy = { type: 'LambdaLR', lr_lambda: 'lambda e: (3 ** 20000) % (e + 2) / 100' };
    const one = { base_lr: 0.1, steps: 300, scheduler: heavy };
    expect(() => runScheduleJson(one)).not.toThrow();
    expect(() => runScheduleJson(one)).not.toThrow();
    const error = (() => {
      try {
        runScheduleJson({ cases: [one, one, one, one, one] });
      } catch (e) {
        return e as SpecError;
      }
      return undefined;
    })();
    expect(error?.field).toMatch(/^cases\[\d\]\.scheduler\.lr_lambda$/);
    expect(error?.template?.name).toBe('lambdaBits');
    const sequential = { base_lr: 0.1, steps: 1200, scheduler: { type: 'SequentialLR', schedulers: [heavy, heavy], milestones: [600] } };
    expect(() => runScheduleJson(sequential)).toThrow(/bits of big integers/);
  });

  it('charges a direct caller a fresh budget per call unless one is given', () => {
    const lambda = parseLambda('lambda e: e + 1', 'f');
    const budget = new LambdaBudget();
    budget.ops = MAX_LAMBDA_OPS - 3;
    expect(lambda.factor(1, budget)).toBe(2);
    expect(() => lambda.factor(1, budget)).toThrow(/operations/);
    expect(lambda.factor(1)).toBe(2);
  });
});

describe('lambda interpreter: fuzzed', () => {
  const pieces = [
    'lambda', 'e', 'x', ':', ' ', '(', ')', '[', ']', '{', '}', ',', '.', '+', '-', '*', '/', '//', '%', '**', '<', '<=', '==', '!=', '>', 'and', 'or',
    'not', 'if', 'else', 'in', 'is', 'math', 'cos', 'pi', 'exp', 'log', 'min', 'max', 'abs', 'int', 'float', 'round', 'pow', 'True', 'None', '0', '1',
    '2.5', '1e308', '1e-3', '10', '0x1', '_', '"', "'", '#', '\n', '\\', '=', ':=', '~', '@', 'lambda e: ', 'lambda e: e ** ', '**e', '9' .repeat(30),
  ];
  const source = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((parts) => parts.join(''));

  it('throws nothing but SpecError, at parse time or at any argument', () => {
    fc.assert(
      fc.property(fc.oneof(source, fc.string({ maxLength: 60 }), source.map((s) => `lambda e: ${s}`)), fc.integer({ min: -5, max: 100_000 }), (text, arg) => {
        try {
          const lambda = parseLambda(text, 'lr_lambda');
          const value = lambda.factor(arg);
          expect(typeof value).toBe('number');
        } catch (error) {
          if (!(error instanceof SpecError)) throw error;
          expect(error.field).toBe('lr_lambda');
        }
      }),
      { numRuns: 3000 },
    );
  });

  // A hang (exponential backtracking, a loop that never ends) fails this by the test's timeout;
  // how fast lambdas evaluate is measured in npm run bench, not asserted here.
  it('always terminates, whatever the source', () => {
    fc.assert(
      fc.property(source.map((s) => `lambda e: ${s}`), (text) => {
        try {
          const value = parseLambda(text, 'f').factor(99_999);
          expect(typeof value).toBe('number');
        } catch (error) {
          expect(error).toBeInstanceOf(SpecError);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with the host for random arithmetic on ints (exact Python results)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), (a, b) => {
        const lambda = (op: string): string => run(`(${a}) ${op} (${b})`);
        expect(lambda('+')).toBe(String(a + b));
        expect(lambda('*')).toBe(String(a * b));
        if (b !== 0n) {
          const q = a / b - ((a % b !== 0n && a < 0n !== b < 0n) ? 1n : 0n);
          expect(lambda('//')).toBe(String(q));
          expect(lambda('%')).toBe(String(a - q * b));
        }
      }),
      { numRuns: 500 },
    );
  });
});
