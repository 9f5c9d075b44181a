/**
 * Hostile input (issue 19): no file may crash the analyser, or silence it for the files after it.
 * Each text here is what a pull request could add to a repository whose CI runs `optim-lens check`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../src/analysis';
import { main } from '../../../src/cli';
import type { CliIo } from '../../../src/cli/io';
import { createSafeParser, PARSE_BUDGET } from '../../../src/analysis/syntax/treeSitter';
import { MAX_BRACKET_DEPTH, MAX_INDENT_LEVELS, nestingProblem } from '../../../src/analysis/syntax/text/nesting';
import { LineEndStates, lineEndState } from '../../../src/analysis/syntax/text/segment';
import { brief, getAnalyzer, text, WASM } from './helpers';
import { generateScript } from '../../fixtures/analysis/generate';

/** A training loop missing its zero_grad (OL001 on the step), indented with `indent`. */
function buggy(indent = '    ', body: readonly string[] = []): string {
  const lines = ['import torch', 'opt = torch.optim.SGD(model.parameters(), lr=0.1)', 'for x in data:', ...body, 'loss = model(x)', 'loss.backward()', 'opt.step()'];
  return lines.map((l, i) => (i > 2 ? indent + l : l)).join('\n') + '\n';
}
const BUGGY_STEP_LINE = 6;

/** `levels` nested blocks holding a docstring and a step: what overflows tree-sitter-python's scanner past ~510. */
function deepBlocks(levels: number, indent: string): string {
  let text = 'def f():\n';
  for (let i = 1; i <= levels; i++) text += `${indent.repeat(i)}if x:\n`;
  const inner = indent.repeat(levels + 1);
  return `${text}${inner}"""doc"""\n${inner}opt.step()\n`;
}

/**
 * `optim-lens check .` in a folder holding `files`: each output line's place and code. It must
 * succeed (nothing on stderr) with findings.
 */
async function checkFiles(files: Readonly<Record<string, string>>): Promise<string[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'optim-lens-hostile-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), readStdin: async () => '', cwd: dir };
  const code = await main(['check', '.'], io, { parser: WASM });
  expect(stderr).toBe('');
  expect(code).toBe(1);
  return stdout.split('\n').filter(Boolean).map((l) => l.split(' ').slice(0, 2).join(' '));
}

function sum(terms: number): string {
  return Array.from({ length: terms }, (_, i) => `a${i}`).join(' + ');
}

describe('parser poisoning', () => {
  it('a file nested past what tree-sitter-python can hold leaves the findings of later files intact', async () => {
    // One analyser, as the CLI and the extension host use it; the tab-indented file goes to tree-sitter.
    const analyzer = await createAnalyzer(WASM);
    for (const levels of [520, 600, 1000]) {
      for (const indent of ['\t', ' ']) {
        expect(() => analyzer.analyzeText(deepBlocks(levels, indent))).not.toThrow();
        expect(brief(analyzer.analyzeText(buggy('\t')))).toEqual([`OL001@${BUGGY_STEP_LINE}`]);
        expect(brief(analyzer.analyzeText(buggy()))).toEqual([`OL001@${BUGGY_STEP_LINE}`]);
      }
    }
  });

  it('an open document nested that deep does not poison the analyser either', async () => {
    const analyzer = await createAnalyzer(WASM);
    const doc = analyzer.open(deepBlocks(600, '\t'));
    // Not analysed, and said so on the line past Python's limit (OL012).
    expect(brief(doc.findings())).toEqual(['OL012@101']);
    doc.edit([{ rangeOffset: 0, rangeLength: 0, text: '# edited\n' }]);
    doc.findings();
    doc.dispose();
    expect(brief(analyzer.analyzeText(buggy('\t')))).toEqual([`OL001@${BUGGY_STEP_LINE}`]);
  });

  it('replaces a tree-sitter parser that a parse broke', async () => {
    // Straight to tree-sitter, past the analyser's own guard: the parser must recover by itself.
    const parser = await createSafeParser(WASM);
    // 520 levels parse without an error and break the parser; 600 and 1000 throw.
    for (const levels of [520, 600, 1000]) {
      parser.parse(deepBlocks(levels, ' '))?.delete();
      const tree = parser.parse('for x in y:\n    opt.step()\n');
      expect(tree?.rootNode.hasError, `after ${levels} levels`).toBe(false);
      tree?.delete();
    }
    parser.delete();
  });

  it('optim-lens check reports every bug in the files after a poisoning one', async () => {
    const files = { 'a_poison.py': deepBlocks(600, '\t'), 'b_tabs.py': buggy('\t'), 'c_spaces.py': buggy(), 'd_poison.py': deepBlocks(2000, '\t'), 'e_tabs.py': buggy('\t') };
    expect(await checkFiles(files)).toEqual([
      // Each poisoning file is one statement that was not analysed, said so where it passes Python's limit.
      'a_poison.py:101:101: OL012',
      `b_tabs.py:${BUGGY_STEP_LINE}:2: OL001`,
      `c_spaces.py:${BUGGY_STEP_LINE}:5: OL001`,
      'd_poison.py:101:101: OL012',
      `e_tabs.py:${BUGGY_STEP_LINE}:2: OL001`,
    ]);
  });
});

describe("Python's nesting limits", () => {
  const nested = (levels: number) => deepBlocks(levels - 1, ' ');
  it(`accepts ${MAX_INDENT_LEVELS} indentation levels and refuses more, as CPython does`, () => {
    expect(nestingProblem(nested(MAX_INDENT_LEVELS))).toBeNull();
    expect(nestingProblem(nested(MAX_INDENT_LEVELS + 1))?.kind).toBe('indentation');
    expect(nestingProblem(nested(MAX_INDENT_LEVELS + 1).replace(/ {8}/g, '\t'))?.kind).toBe('indentation');
  });

  it(`accepts ${MAX_BRACKET_DEPTH} nested brackets and refuses more; brackets in strings and comments do not count`, () => {
    const brackets = (n: number) => `x = ${'('.repeat(n)}1${')'.repeat(n)}\n`;
    expect(nestingProblem(brackets(MAX_BRACKET_DEPTH))).toBeNull();
    expect(nestingProblem(brackets(MAX_BRACKET_DEPTH + 1))).toEqual({ kind: 'brackets', offset: 0 });
    expect(nestingProblem(`x = "${'('.repeat(300)}"  # ${'['.repeat(300)}\n`)).toBeNull();
    expect(nestingProblem(`x = """\n${' '.repeat(300)}y\n"""\n`)).toBeNull();
  });

  it('analyses the statements around one nested past them', async () => {
    const analyzer = await getAnalyzer();
    const deep = `y = f(${'['.repeat(700)}${']'.repeat(700)})\n`;
    expect(brief(analyzer.analyzeText(deep + buggy()))).toEqual([`OL001@${BUGGY_STEP_LINE + 1}`]);
    // The statement past the limit holds training code: it is reported as not analysed (OL012).
    expect(brief(analyzer.analyzeText(deepBlocks(1500, ' ') + buggy()))).toEqual(['OL012@101', `OL001@${1500 + 3 + BUGGY_STEP_LINE}`]);
  });
});

describe('deep syntax trees', () => {
  it('reads a sum of thousands of terms in a tab-indented loop (valid Python) and still finds the bug', async () => {
    const analyzer = await getAnalyzer();
    for (const terms of [2000, 4000, 20_000]) {
      for (const indent of ['\t', '    ']) {
        const findings = analyzer.analyzeText(buggy(indent, [`x = ${sum(terms)}`]));
        expect(brief(findings), `${terms} terms`).toEqual([`OL001@${BUGGY_STEP_LINE + 1}`]);
      }
    }
  });

  it('reads long `or` chains, calls inside long sums, and deep unary chains without running out of stack', async () => {
    const analyzer = await getAnalyzer();
    const ors = Array.from({ length: 5000 }, (_, i) => `b${i}`).join(' or ');
    expect(brief(analyzer.analyzeText(buggy('    ', [`if ${ors}:`, '    pass'])))).toEqual([`OL001@${BUGGY_STEP_LINE + 2}`]);
    // The step sits inside the sum: still seen.
    const inSum = `import torch\nopt = torch.optim.SGD(p, lr=0.1)\nfor x in data:\n    model(x).backward()\n    y = ${sum(3000)} + opt.step()\n`;
    expect(brief(analyzer.analyzeText(inSum))).toEqual(['OL001@5']);
  });

  it('still judges a loop holding an expression nested deeper than it reads (what sits that deep is left out)', async () => {
    const analyzer = await getAnalyzer();
    // Valid Python all: a deep expression must not hide the loop around it from the rules.
    const deep = [
      ...['-', 'not ', '~', 'lambda: ', 'a if b else '].map((op) => `${op.repeat(3000)}a`),
      `x.${'a.'.repeat(5000)}b`,
      `f${'(x)'.repeat(5000)}`,
      `x${'[0]'.repeat(5000)}`,
      Array.from({ length: 3000 }, (_, i) => `a${i}`).join(' ** '),
      `${'('.repeat(150)}${'a + '.repeat(90)}b${')'.repeat(150)}`,
    ];
    for (const x of deep) {
      for (const indent of ['\t', '    ']) {
        expect(brief(analyzer.analyzeText(buggy(indent, [`y = ${x}`]))), x.slice(0, 20)).toEqual([`OL001@${BUGGY_STEP_LINE + 1}`]);
      }
    }
  });
});

describe('following calls', () => {
  it('follows a lambda calling itself, or a chain of lambdas, no deeper than functions', async () => {
    const analyzer = await getAnalyzer();
    // mpmath's `next = lambda _: _.next()` ran the flattener's stack out.
    const lambdas = 'next = lambda _: _.next()\nf = lambda n: f(n - 1)\n' + Array.from({ length: 50 }, (_, i) => `g${i} = lambda: g${i + 1}()\n`).join('');
    expect(brief(analyzer.analyzeText(lambdas + buggy('    ', ['next(it)', 'f(3)'])))).toEqual([`OL001@${52 + BUGGY_STEP_LINE + 2}`]);
    // Followed eight calls deep, like functions: past that the loop is not judged.
    expect(brief(analyzer.analyzeText(lambdas + buggy('    ', ['g0()'])))).toEqual([]);
    expect(brief(analyzer.analyzeText(lambdas + buggy('    ', ['g45()'])))).toEqual([`OL001@${52 + BUGGY_STEP_LINE + 1}`]);
  });
});

describe('line breaks and bytes', () => {
  it('finds in a file with lone CR line ends what it finds with LF, at the same positions', async () => {
    const analyzer = await getAnalyzer();
    const lf = buggy();
    const cr = lf.replace(/\n/g, '\r');
    const expected = analyzer.analyzeText(lf);
    expect(expected.length).toBe(1);
    const found = analyzer.analyzeText(cr);
    expect(found.map((f) => f.range)).toEqual(expected.map((f) => f.range));
    // A fix writes the file's own line ending.
    expect(found[0]?.fixes.flatMap((f) => f.edits.map((e) => e.newText)).some((t) => t.includes('\n'))).toBe(false);
  });

  it('keeps lone CR line ends right through edits of an open document', async () => {
    const analyzer = await getAnalyzer();
    const cr = buggy().replace(/\n/g, '\r');
    const doc = analyzer.open(cr.replace('loss.backward()', 'loss.backward()\r    opt.zero_grad()'));
    expect(doc.findings().map((f) => f.code)).toEqual(['OL002']);
    // Turning a lone CR into CRLF, then deleting the zero_grad line.
    const at = doc.text.indexOf('\r    opt.zero_grad()');
    doc.edit([{ rangeOffset: at + 1, rangeLength: 0, text: '\n' }]);
    expect(doc.findings().map((f) => f.code)).toEqual(['OL002']);
    doc.edit([{ rangeOffset: at, rangeLength: '\r\n    opt.zero_grad()'.length, text: '' }]);
    expect(brief(doc.findings())).toEqual([`OL001@${BUGGY_STEP_LINE}`]);
    doc.dispose();
  });
});

describe('hovers and constructions after a long expression', () => {
  it('explain opt.step() and find the optimizer after a sum of thousands of terms', async () => {
    const analyzer = await getAnalyzer();
    for (const indent of ['    ', '\t']) {
      const text = buggy(indent, [`scale = ${sum(8000)}`]);
      const doc = analyzer.open(text);
      expect(doc.symbolAt(text.lastIndexOf('opt.step') + 'opt.s'.length)).toMatchObject({ k: 'method', method: 'step', receiver: { kind: 'optimizer', cls: 'SGD' } });
      expect(doc.symbolAt(text.indexOf('a7999') + 1)).toBeNull();
      doc.dispose();
      expect(analyzer.constructions(text).map((c) => c.cls)).toEqual(['SGD']);
    }
  });
});

describe('the parse budget', () => {
  /** A broken line tree-sitter-python recovers from in quadratic time or worse (found by `npm run fuzz -- --seed 7`). */
  const broken = (chars: number) => 'x = a + '.repeat(Math.ceil(chars / 8)) + '1';

  it('stops tree-sitter on a long broken line, and a parse after it is clean', async () => {
    const parser = await createSafeParser(WASM);
    const text = `for x in data:\n\t${broken(170_000)}\n\topt.step()\n`;
    const result = parser.read(text);
    expect('kind' in result && result.kind).toBe('budget');
    // Stopped on the long line, a few thousand characters into it.
    const offset = 'offset' in result ? result.offset : -1;
    expect(offset).toBeGreaterThan(text.indexOf('x = a'));
    expect(offset).toBeLessThan(text.indexOf('opt.step'));
    const after = parser.read('for x in y:\n\topt.step()\n');
    expect('kind' in after ? after : after.rootNode.hasError).toBe(false);
    if (!('kind' in after)) after.delete();
    parser.delete();
  });

  it('reports a training statement it stopped on (OL012) and analyses the rest of the file', async () => {
    const analyzer = await getAnalyzer();
    const hostile = `import torch\nopt = torch.optim.SGD(p, lr=0.1)\nfor x in data:\n\tloss = model(x)\n\t${broken(150_000)}\n\tloss.backward()\n\topt.step()\n`;
    const findings = analyzer.analyzeText(hostile + buggy());
    expect(brief(findings)).toEqual(['OL012@5', `OL001@${7 + BUGGY_STEP_LINE}`]);
    const [notAnalysed] = findings;
    expect(notAnalysed?.severity).toBe('information');
    expect(text(notAnalysed!)).toMatch(/^This statement was not analysed: parsing its 150,?\d+ characters ran past the work budget/);
    // The same answer again: the budget is counted, not timed.
    expect(analyzer.analyzeText(hostile + buggy())).toEqual(findings);
    // A statement without training vocabulary is not reported (nor analysed, whatever it holds).
    expect(brief(analyzer.analyzeText(`def helper():\n\t${broken(150_000)}\n` + buggy()))).toEqual([`OL001@${2 + BUGGY_STEP_LINE}`]);
  });

  it('optim-lens check reports the file it stopped in and checks the files after it', async () => {
    const files = {
      'a_broken.py': `import torch\nfor x in data:\n    opt.step()\n    ${broken(200_000)}\n`,
      'b_tabs.py': buggy('\t'),
      'c_broken.py': `def train():\n    loss.backward() or ${broken(100_000)}\n`,
      'd_spaces.py': buggy(),
    };
    expect(await checkFiles(files)).toEqual([
      'a_broken.py:4:5: OL012',
      `b_tabs.py:${BUGGY_STEP_LINE}:2: OL001`,
      'c_broken.py:2:5: OL012',
      `d_spaces.py:${BUGGY_STEP_LINE}:5: OL001`,
    ]);
  });

  it('is not reached by long valid lines, even in a statement with a syntax error', async () => {
    const analyzer = await getAnalyzer();
    // 50,000 characters of valid tokens on one line of a tab-indented loop (read by tree-sitter), where
    // a broken line stops it after about 13,000.
    for (const line of [`y = ${sum(7000)}`, `y = [${'f(x), '.repeat(9000)}]`, `if ${sum(7000)}:`]) {
      const body = line.endsWith(':') ? [line, '\tpass'] : [line];
      expect(brief(analyzer.analyzeText(buggy('\t', body))), line.slice(0, 20)).toEqual([`OL001@${BUGGY_STEP_LINE + body.length}`]);
      const withError = analyzer.analyzeText(buggy('\t', ['z = = 1', ...body]));
      expect(withError.map((f) => f.code)).not.toContain('OL012');
    }
    // Lines of a literal spanning lines, each invalid alone: read as the statement they belong to.
    const entries = (row: number) => Array.from({ length: 600 }, (_, i) => `'k${row}_${i}': ${i},`).join(' ');
    const table = ['table = {', ...Array.from({ length: 30 }, (_, row) => `\t${entries(row)}`), '}'];
    expect(entries(0).length).toBeGreaterThan(PARSE_BUDGET.longLine);
    expect(brief(analyzer.analyzeText(buggy('\t', table)))).toEqual([`OL001@${BUGGY_STEP_LINE + table.length}`]);
    expect(PARSE_BUDGET.longLine).toBeLessThan(20_000);
  });

  it('is not reached by a 1 MB statement of ordinary code: a generated file, indented with tabs inside one block, keeps its findings', async () => {
    const analyzer = await getAnalyzer();
    const script = generateScript(30_000, 5) + buggy('\t');
    expect(script.length).toBeGreaterThan(1_000_000);
    // One top-level statement of 1 MB, tab-indented: the direct reader leaves it to tree-sitter. The
    // buggy loop at its end is found only if all of it was read.
    const lines = script.split('\n');
    const block = 'if True:\n' + lines.map((l) => (l ? `\t${l}` : l)).join('\n');
    // Block line = script line + 1; the last element of `lines` is the empty one after the final newline.
    expect(brief(analyzer.analyzeText(block))).toEqual([`OL001@${lines.length - 7 + BUGGY_STEP_LINE + 1}`]);
  });
});

describe('many findings', () => {
  const loop = (body: string) => `import torch\nopt = torch.optim.SGD(p, lr=0.1)\nfor x in data:\n    loss = model(x)\n    loss.backward()\n    d = {${body}}\n`;

  it('reports 5,000 steps in one dict literal on one line, in order, each with its noqa fix', async () => {
    const analyzer = await getAnalyzer();
    const text = loop(Array.from({ length: 5000 }, (_, i) => `${i}: opt.step()`).join(', '));
    const findings = analyzer.analyzeText(text);
    expect(findings).toHaveLength(5000);
    expect(new Set(findings.map((f) => f.code))).toEqual(new Set(['OL001']));
    const line = text.split('\n')[5] as string;
    let at = -1;
    for (const f of findings) {
      at = line.indexOf('opt.step', at + 1);
      expect(f.range.start).toEqual({ line: 5, character: at });
      expect(f.fixes.at(-1)?.edits).toEqual([{ range: { start: { line: 5, character: line.length }, end: { line: 5, character: line.length } }, newText: '  # noqa: OL001' }]);
    }
  });

  it('reads each line of a long statement for noqa as one finding alone would', async () => {
    const analyzer = await getAnalyzer();
    // Noqa comments, lines continued by a backslash and a string spanning lines, among 600 steps.
    const entries = Array.from({ length: 100 }, (_, i) => [
      `${6 * i}: opt.step(),  # noqa: OL001`,
      `${6 * i + 1}: opt.step() + \\`,
      '1,',
      `${6 * i + 3}: opt.step() + len("""a`,
      `b"""), ${6 * i + 4}: opt.step(),`,
      `${6 * i + 5}: opt.step(),   `,
    ]).flat();
    const text = loop(`\n        ${entries.join('\n        ')}\n    `);
    const findings = analyzer.analyzeText(text);
    expect(findings).toHaveLength(400);
    const suppressible = findings.filter((f) => f.fixes.some((x) => x.kind === 'suppress'));
    // Lines ending in a continuation or inside the string get no noqa fix; the others do, at the end of their code.
    expect(suppressible).toHaveLength(200);
    const lines = text.split('\n');
    for (const f of suppressible) {
      const line = lines[f.range.start.line] as string;
      expect(f.fixes.at(-1)?.edits[0]?.range.start.character).toBe(line.trimEnd().length);
    }
    // The same, one line at a time from the start of the statement.
    const start = text.indexOf('for x');
    const states = new LineEndStates(text, start);
    for (let end = text.indexOf('\n', start); end >= 0; end = text.indexOf('\n', end + 1)) expect(states.at(end)).toEqual(lineEndState(text, start, end));
  });
});
