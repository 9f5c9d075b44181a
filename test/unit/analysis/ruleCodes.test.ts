/**
 * A rule is one file: its code is named nowhere else in src/ (features ask the rule list, comments
 * describe rules by what they catch), and no source file grows past 600 lines.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../src/analysis';

const root = path.resolve(__dirname, '../../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.tsx?$/.test(entry) ? [full] : [];
  });
}

const files = [...sources(path.join(root, 'src')), ...sources(path.join(root, 'webview'))].map((f) => ({ file: path.relative(root, f), text: readFileSync(f, 'utf8') }));

describe('one place per rule', () => {
  for (const rule of RULES) {
    it(`${rule.code} is named by its rule file only`, () => {
      const naming = files.filter((f) => f.text.includes(rule.code)).map((f) => f.file);
      expect(naming).toHaveLength(1);
      expect(naming[0]).toMatch(/^src\/analysis\/rules\/\w+\.ts$/);
    });
  }

  it('no source file is over 600 lines', () => {
    const long = files.filter((f) => f.text.split('\n').length > 600).map((f) => f.file);
    expect(long).toEqual([]);
  });
});
