import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';
import { describe, expect, it } from 'vitest';
import { MESSAGE_TEMPLATES } from '../../../src/analysis';
import { CATALOG_TEXTS } from '../../../src/analysis/catalog';
import { REASONS } from '../../../src/core/errors';
import { KEYWORD_HELP } from '../../../src/core/torch';
import { PRESET_TEXTS } from '../../../src/core/presets';

const root = path.resolve(__dirname, '../../..');
const readJson = (file: string): Record<string, unknown> => JSON.parse(readFileSync(path.join(root, file), 'utf8')) as Record<string, unknown>;

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/**
 * The keys the Chinese bundle must translate: every string literal the code passes to `l10n.t`,
 * the analyser's message templates, the documentation catalog's texts, the core's validation
 * reasons, the torch facts' keyword help and the presets' titles and captions (translated by the
 * host and the CLI, so never literal at the call).
 */
async function sourceKeys(): Promise<string[]> {
  const files = sourceFiles('src').map((file) => ({ contents: readFileSync(file, 'utf8'), extension: path.extname(file) }));
  return [...new Set([...Object.keys(await getL10nJson(files)), ...MESSAGE_TEMPLATES, ...CATALOG_TEXTS, ...Object.values(REASONS), ...Object.values(KEYWORD_HELP), ...PRESET_TEXTS])];
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('localisation', () => {
  it('translates every l10n.t string into Chinese, with no unused keys', async () => {
    const expected = (await sourceKeys()).sort();
    const zh = readJson('l10n/bundle.l10n.zh-cn.json');
    expect(Object.keys(zh).sort()).toEqual(expected);
  });

  it('keeps the placeholders of every translated string', () => {
    const zh = readJson('l10n/bundle.l10n.zh-cn.json');
    for (const [key, value] of Object.entries(zh)) {
      expect(typeof value, key).toBe('string');
      expect(placeholders(value as string), key).toEqual(placeholders(key));
    }
  });

  it('has every manifest string in both languages and uses every one', () => {
    const en = readJson('package.nls.json');
    const zh = readJson('package.nls.zh-cn.json');
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    const manifest = readFileSync(path.join(root, 'package.json'), 'utf8');
    const used = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]).sort();
    expect([...new Set(used)]).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en)) expect(String(zh[key]), key).not.toBe('');
  });
});
