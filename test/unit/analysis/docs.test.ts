/**
 * The rule pages are generated from each rule's `doc` (`npm run rules:sync` writes them), checked
 * against the rule table and run through the analyser: each page's "Wrong" example triggers its
 * rule and its "Right" example is silent, so the docs cannot drift.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES, renderRulePage } from '../../../src/analysis';
import { getAnalyzer } from './helpers';

const root = path.resolve(__dirname, '../../..');

function section(page: string, title: string): string {
  const m = new RegExp(`^## ${title}\\n+\`\`\`python\\n([\\s\\S]*?)\`\`\``, 'm').exec(page);
  if (!m?.[1]) throw new Error(`no python block under "## ${title}"`);
  return m[1];
}

describe('rule pages', () => {
  for (const rule of RULES) {
    describe(rule.code, () => {
      const file = path.join(root, rule.docs);
      const page = existsSync(file) ? readFileSync(file, 'utf8') : '';

      it('is the page its rule file generates (npm run rules:sync rewrites it)', () => {
        expect(page, `${rule.docs} is out of date: run npm run rules:sync`).toBe(renderRulePage(rule));
      });

      it('exists with the title, code, name and severity of the table', () => {
        expect(existsSync(file)).toBe(true);
        expect(page.split('\n')[0]).toBe(`# ${rule.code} · ${rule.name}`);
        expect(page).toContain(`| ${rule.code} | ${rule.name} | ${rule.severity} |`);
        for (const heading of ['## Why it matters at run time', '## Wrong', '## Right', '## Fix', '## Suppress']) expect(page).toContain(heading);
        expect(section(page, 'Suppress')).toContain(`# noqa: ${rule.code}`);
      });

      it('its wrong example triggers the rule', async () => {
        const findings = (await getAnalyzer()).analyzeText(section(page, 'Wrong'));
        expect(findings.map((f) => f.code)).toContain(rule.code);
      });

      it('its right example is silent', async () => {
        expect((await getAnalyzer()).analyzeText(section(page, 'Right'))).toEqual([]);
      });
    });
  }
});
