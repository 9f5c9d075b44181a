/**
 * The direct parser (src/analysis/syntax/direct) must build exactly the IR that tree-sitter + syntax/fromTreeSitter.ts
 * build, or decline (null) so tree-sitter reads the chunk: on clean scripts, on damaged ones, on
 * token soup, and on the places where tree-sitter-python departs from Python. And it must not
 * decline plain training code, or the analyser is slow for nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { Parser } from 'web-tree-sitter';
import { beforeAll, describe, expect, it } from 'vitest';
import { convertModule } from '../../../src/analysis/syntax/fromTreeSitter';
import { parseDirect } from '../../../src/analysis/syntax/direct/parser';
import type { Stmt } from '../../../src/analysis/syntax/ir';
import { createPythonParser } from '../../../src/analysis/syntax/treeSitter';
import { segmentText } from '../../../src/analysis/syntax/text/segment';
import { generateScript } from '../../fixtures/analysis/generate';
import { apply, mutation, scripts, TOKENS } from './damage';
import { WASM } from './helpers';

let parser: Parser;
beforeAll(async () => {
  parser = await createPythonParser(WASM);
});

function viaTreeSitter(text: string): { stmts: Stmt[]; clean: boolean } {
  const tree = parser.parse(text);
  if (!tree) throw new Error('no tree');
  try {
    return { stmts: convertModule(tree.rootNode, text), clean: !tree.rootNode.hasError };
  } finally {
    tree.delete();
  }
}

/** The top-level statements the analyser parses one by one. */
function chunks(text: string): string[] {
  return segmentText(text).segments.map((s) => text.slice(s.start, s.end));
}

/** Direct reading agrees with tree-sitter or declines; returns whether it read the chunk. */
function agrees(chunk: string): boolean {
  const direct = parseDirect(chunk);
  if (direct === null) return false;
  const reference = viaTreeSitter(chunk);
  expect(reference.clean, `tree-sitter finds an error the direct parser accepted:\n${chunk}`).toBe(true);
  expect(direct, chunk).toEqual(reference.stmts);
  return true;
}

const root = path.resolve(__dirname, '../../..');
const realDir = path.join(root, 'test/fixtures/analysis/real');
const realScripts = readdirSync(realDir).filter((f) => f.endsWith('.py')).map((f) => [f, readFileSync(path.join(realDir, f), 'utf8')] as const);

describe('direct parser', () => {
  it('reads generated training scripts and the examples entirely by itself, as tree-sitter would', () => {
    const texts = [
      generateScript(600, 1),
      generateScript(600, 2).replace(/\n/g, '\r\n'),
      readFileSync(path.join(root, 'examples/train_buggy.py'), 'utf8'),
      readFileSync(path.join(root, 'examples/train_correct.py'), 'utf8'),
    ];
    for (const text of texts) for (const chunk of chunks(text)) expect(agrees(chunk), chunk).toBe(true);
  });

  it.each(realScripts)('agrees with tree-sitter on %s and reads most of it', (_name, text) => {
    const all = chunks(text);
    const read = all.filter(agrees);
    expect(read.length / all.length).toBeGreaterThan(0.8);
  });

  it('agrees with tree-sitter on damaged scripts', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(fc.nat(scripts.length - 1), fc.array(mutation, { minLength: 1, maxLength: 6 }), (which, mutations) => {
        for (const chunk of chunks(mutations.reduce(apply, scripts[which] ?? ''))) agrees(chunk);
      }),
      { numRuns: 200 },
    );
  });

  it('agrees with tree-sitter on character-level damage', { timeout: 60_000 }, () => {
    const piece = fc.constantFrom(
      ...'()[]{}:,.=+-*/%<>!@#\'"\\ \n\tfrb019_xy'.split(''),
      '    ', '"""', "f'", 'f"{', '}', 'lambda', 'if', 'else', 'for', 'in', 'not', 'is', 'and', 'yield', 'await', 'print', 'match', 'type', ':=', '**', '...', '\r\n',
    );
    const edit = fc.record({ at: fc.nat(), remove: fc.nat(3), insert: fc.array(piece, { maxLength: 3 }) });
    fc.assert(
      fc.property(fc.nat(scripts.length - 1), fc.array(edit, { minLength: 1, maxLength: 4 }), (which, edits) => {
        let text = scripts[which] ?? '';
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert.join('') + text.slice(at + e.remove);
        }
        for (const chunk of chunks(text)) agrees(chunk);
      }),
      { numRuns: 200 },
    );
  });

  it('agrees with tree-sitter on strings of Python-ish tokens', { timeout: 60_000 }, () => {
    const soup = fc.array(fc.oneof(fc.constantFrom(...TOKENS, 'a', 'b.c', '1', '=', '+', '*', '**', 'not', 'in', 'if', 'else', 'lambda', 'yield'), fc.string({ maxLength: 4 })), { maxLength: 40 });
    fc.assert(
      fc.property(soup, fc.constantFrom(' ', '\n', '\n    '), (parts, sep) => {
        for (const chunk of chunks(parts.join(sep))) agrees(chunk);
      }),
      { numRuns: 400 },
    );
  });

  // Places where tree-sitter-python's tree is not Python's, read the same way here.
  it.each([
    ['a stray comma after a call', 'f(x),\nprint(y),\n'],
    ['trailing comments that stay in a block', 'def f():\n    x = 1\n    # c4\n# c0\ny = 2\n'],
    ['a same-line comment ending a one-line block', 'if a: b  # t\nelse:\n  pass\n'],
    ['comments in brackets after a comma or an operator', 'y = f(1,  # a\n  2 +  # b\n  3  # c\n)\n'],
    ["`^` binding tighter than `&`", 'x = a ^ b & c | d << 2\n'],
    ['unary minus and power', 'x = -a ** -b * c\n'],
    ['conditionals, lambdas and walrus', 'y = lambda q=1: a if b else c if d else e\nif (n := len(a)) > 2: pass\n'],
    ['chained and annotated assignments', 'a = b = c, d\nx: int = 5\nself.y: T\n(p, [q, *r]) = s\n'],
    ['soft keywords used as names', 'print(x)\nmatch = re.match(p, s)\ntype = 3\nexec("x")\n'],
    ['comprehensions and slices', 'z = {k: v[1:, ::2] for k, v in d.items() if k if v}\nw = sum(x for x in y)\n'],
    ['f-strings with other quotes and specs', 'print(f"{d[\'k\']:.4f} {x!r:>{w}} {{}}")\n'],
    ['CRLF line ends and a comment after the block', 'for x in y:\r\n    z(x)  # c\r\n    # d\r\nw = 1\r\n'],
    // Flattened past a hundred links (syntax/chains.ts), by both readers alike.
    ['a sum of 250 terms', `x = ${Array.from({ length: 250 }, (_, i) => `a${i}`).join(' + ')}\n`],
    ['mixed operators and a call in a long chain', `x = ${'a * b - c ** d + '.repeat(60)}f(opt.step())\n`],
    ['long `or` and `and` chains, nested', `if ${'a and '.repeat(120)}b or ${'c or '.repeat(130)}d:\n    pass\n`],
    ['a long chain in parentheses continued outside', `x = (${'a + '.repeat(150)}b) + ${'c + '.repeat(150)}d\n`],
  ])('reads %s itself and agrees', (_what, text) => {
    for (const chunk of chunks(text)) expect(agrees(chunk), chunk).toBe(true);
  });

  // Places where tree-sitter and Python part ways, or tree-sitter is ambiguous: left to tree-sitter.
  it.each([
    ['a parenthesized target (a one-element tuple to tree-sitter)', '(a) = 1\n'],
    ['a starred call first in a list (`(*a).b()` to tree-sitter)', 'x = [*a.b()]\n'],
    ['a star argument of print (its Python 2 statement)', 'print("x", *a.b())\n'],
    ['a comment before an operator inside brackets', 'x = (a  # c\n  + b)\n'],
    ['async code', 'async def f():\n    await g()\n'],
    ['match statements', 'match x:\n    case 1:\n        pass\n'],
    ['type aliases', 'type X = int\n'],
    ['backslash continuations', 'x = 1 + \\\n    2\n'],
    ['tab indentation', 'def f():\n\treturn 1\n'],
    ['parenthesized with-items', 'with (open(a) as f, open(b) as g):\n    pass\n'],
    ['`as` after a conditional in a with-item', 'with a if c else b as x:\n    pass\n'],
    ['a continuation line left of its block', 'def f():\n        g(a.\n    b)\n'],
    ['f-strings nesting the same quote', 'x = f"{a["b"]}"\n'],
    ['syntax errors', 'def f(:\n    pass\n'],
    ['a NUL byte, even in a string or a comment (an error to tree-sitter)', 'x = "a\0b"\ny = 1  # \0\n'],
    ['an empty parenthesized import list', 'from x import ()\n'],
    ['unary operators nested deeper than the reader recurses', `x = ${'-'.repeat(400)}a\n`],
  ])('leaves %s to tree-sitter', (_what, text) => {
    expect(chunks(text).some((chunk) => parseDirect(chunk) === null)).toBe(true);
  });
});
