/**
 * OL012 statement-not-analysed: a top-level statement with training vocabulary that the analyser
 * could not read, so the other rules did not see what is inside it. Such a statement is past
 * Python's own nesting limits (text/nesting.ts: CPython refuses it too), or tree-sitter ran past
 * its work budget on it (syntax/treeSitter.ts: a very long line with a syntax error), or
 * tree-sitter failed on it. The rest of the file is analysed as usual.
 *
 * Only statements the prefilter reads whatever it is set to (those with training vocabulary) are
 * reported, so that the findings are the same with and without it.
 */
import { defineRule, type CheckFinding } from './define';
import { MAX_BRACKET_DEPTH, MAX_INDENT_LEVELS } from '../syntax/text/nesting';

const NESTED = '('.repeat(201) + 'loss' + ')'.repeat(201);

export const statementNotAnalysed = defineRule({
  code: 'OL012',
  name: 'statement-not-analysed',
  severity: 'information',
  messages: {
    main: 'This statement was not analysed: the parser gave up on it, so findings inside it may be missing. The rest of the file was analysed.',
    variants: {
      budget:
        'This statement was not analysed: parsing its {length} characters ran past the work budget, and stopped on this line (tree-sitter recovers slowly from a syntax error on a very long line). Findings inside it may be missing. The rest of the file was analysed.',
      brackets:
        'This statement was not analysed: this line nests brackets more than {limit} deep, which Python refuses ("too many nested parentheses"). Findings inside it may be missing. The rest of the file was analysed.',
      indentation:
        'This statement was not analysed: this line is indented more than {limit} levels deep, which Python refuses ("too many levels of indentation"). Findings inside it may be missing. The rest of the file was analysed.',
    },
    summary: 'A statement with training code could not be read, so it was not analysed',
  },
  doc: {
    setting: 'A statement with training code could not be read (past Python\'s nesting limits, or too costly to parse), so it was not analysed.',
    what: 'A top-level statement that mentions training code (a step, a backward pass, an optimizer, a scheduler) could not be read, so no other rule looked inside it.',
    why: [
      'Optim Lens reads each top-level statement on its own. It does not read a statement that nests more than 200 brackets or 99 indentation levels deep (CPython refuses both, and they are what breaks parsers), and it stops tree-sitter when parsing one statement costs more than its work budget: tree-sitter\'s recovery from a syntax error on a line of tens of thousands of characters takes seconds to minutes. Rather than hang, or skip the statement silently, it says so here, and analyses the rest of the file.',
      'A mistake inside the statement (a missing `zero_grad()`, a misplaced `scheduler.step()`) is not reported while this finding stands.',
    ],
    wrong: `
for x, y in loader:
    loss = criterion(model(x), y)
    loss.backward()
    optimizer.step()
    total = ${NESTED}
`,
    right: `
for x, y in loader:
    optimizer.zero_grad()
    loss = criterion(model(x), y)
    loss.backward()
    optimizer.step()
    total = loss.item()
`,
    fix: 'Fix the syntax error on the line named (a budget finding), or write the expression with fewer nested brackets or blocks (assign parts of it to names first). Generated code that needs such lines is best kept in a module of its own, without training code in it.',
    silent: 'For statements without training vocabulary (they are not analysed whatever they hold), for long lines that are valid Python (read without tree-sitter, or within its budget), and for a syntax error on an ordinary line (tree-sitter recovers from it, and the statement is analysed).',
    suppress: 'table = [f(x) for x in data] + [loss.item(), …]  # noqa: OL012',
  },
  check(ctx, m) {
    const out: CheckFinding[] = [];
    for (const chunk of ctx.model.source.chunks) {
      const problem = chunk.problem;
      if (!problem || chunk.file || !chunk.keyword) continue;
      const at = chunk.start + ('offset' in problem ? problem.offset : 0);
      const line = ctx.lines.lineOf(at);
      const start = ctx.lines.offsetAt({ line, character: 0 });
      const lineText = ctx.lines.lineText(line);
      // The line's code, from its first character to its end (a long line is shown whole).
      const indent = lineText.length - lineText.trimStart().length;
      const anchor = { start: start + indent, end: start + lineText.trimEnd().length };
      const message =
        problem.kind === 'budget'
          ? m.variants.budget({ length: chunk.text.length })
          : problem.kind === 'brackets'
            ? m.variants.brackets({ limit: MAX_BRACKET_DEPTH })
            : problem.kind === 'indentation'
              ? m.variants.indentation({ limit: MAX_INDENT_LEVELS })
              : m.main();
      out.push({ ...anchor, message, related: [], fixes: [] });
    }
    return out;
  },
});
