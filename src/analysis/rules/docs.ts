/**
 * The rule pages, docs/rules/CODE.md, written from each rule's `doc`: a unit test holds the files to
 * this text and `npm run docs:rules` rewrites them, so a page cannot drift from its rule.
 */
import type { Prose, RuleInfo } from './define';

const prose = (p: Prose): string => (typeof p === 'string' ? p : p.join('\n\n'));

/** A Python example as written in the rule file: a template literal opening and closing on its own lines. */
const python = (code: string): string => ['```python', code.replace(/^\n/, '').replace(/\n$/, ''), '```'].join('\n');

export function renderRulePage(rule: RuleInfo): string {
  const { doc } = rule;
  return [
    `# ${rule.code} · ${rule.name}`,
    ['| Code | Name | Severity |', '|---|---|---|', `| ${rule.code} | ${rule.name} | ${rule.severity} |`].join('\n'),
    prose(doc.what),
    '## Why it matters at run time',
    prose(doc.why),
    '## Wrong',
    python(doc.wrong),
    '## Right',
    python(doc.right),
    '## Fix',
    prose(doc.fix),
    '## When it stays silent',
    prose(doc.silent),
    '## Suppress',
    python(doc.suppress),
  ].join('\n\n') + '\n';
}
