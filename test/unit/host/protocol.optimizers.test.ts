import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPTIMIZER_NAMES } from '../../../src/core/optim';
import { MAX_COPY_TEXT, OPTIMIZERS_STRING_KEYS, parseFromWebview, parseToWebview } from '../../../src/protocol';
import { REASONS } from '../../../src/core/errors';
import { OPTIMIZER_KEYWORDS } from '../../../src/core/torch';
import { PRESET_NAMES } from '../../../src/core/presets';

describe('protocol: copyText (Copy as PyTorch)', () => {
  it('accepts the text to copy', () => {
    const message = { type: 'copyText', text: 'torch.optim.Adam(model.parameters(), lr=0.001)' };
    expect(parseFromWebview(message)).toEqual(message);
  });

  it('accepts text up to the limit and never shortens it', () => {
    const text = 'x'.repeat(MAX_COPY_TEXT);
    expect(parseFromWebview({ type: 'copyText', text })).toEqual({ type: 'copyText', text });
  });

  it.each([
    ['no text', { type: 'copyText' }],
    ['empty text', { type: 'copyText', text: '' }],
    ['text that is not a string', { type: 'copyText', text: ['torch'] }],
    ['text over the limit', { type: 'copyText', text: 'x'.repeat(MAX_COPY_TEXT + 1) }],
    ['extra fields', { type: 'copyText', text: 'x', run: true }],
  ])('drops %s', (_name, value) => {
    expect(parseFromWebview(value)).toBeUndefined();
  });
});

describe('protocol: the optimizers panel’s init', () => {
  it('carries a spec from the host as state, for the panel to validate', () => {
    const state = { optimizers: [{ type: 'Adam', kwargs: { lr: 0.01 }, label: 'optimizer (train.py:12)' }], surface: 'rosenbrock', start: [-1, 1] };
    const init = { type: 'init', kind: 'optimizers', locale: 'en', strings: { title: 'Compare Optimizers' }, state };
    expect(parseToWebview(init)).toEqual(init);
  });

  it('has short, stable, unique string keys', () => {
    expect(new Set(OPTIMIZERS_STRING_KEYS).size).toBe(OPTIMIZERS_STRING_KEYS.length);
    for (const key of OPTIMIZERS_STRING_KEYS) expect(key).toMatch(/^[a-z][\w]*(\.[\w]+)?$/i);
  });

  it('gets every key from the host, through l10n.t', () => {
    const source = readFileSync(path.resolve(__dirname, '../../../src/panels/definitions.ts'), 'utf8');
    const start = source.indexOf('function optimizersStrings');
    const body = source.slice(start, source.indexOf('\n}\n', start));
    const keys = [...body.matchAll(/^\s*'?([\w.]+)'?: vscode\.l10n\.t\('/gm)].map((m) => m[1]);
    // …and the pickers' help, one per optimizer, from the documentation catalog.
    expect(body).toContain("...classHelp('optimizer', OPTIMIZER_NAMES)");
    const help = OPTIMIZER_NAMES.map((name) => `help.${name}`);
    // …and the keyword help, one per keyword, from the torch facts.
    expect(body).toContain('...keywordHelp()');
    const keywords = OPTIMIZER_KEYWORDS.map((name) => `kw.${name}`);
    // …and the core's validation reasons.
    expect(body).toContain('...reasonStrings()');
    const reasons = Object.keys(REASONS).map((name) => `reason.${name}`);
    // …and each preset's title and caption.
    expect(body).toContain('...presetTexts()');
    const presets = PRESET_NAMES.flatMap((name) => [`preset.${name}`, `presetCaption.${name}`]);
    expect([...keys, ...help, ...keywords, ...reasons, ...presets].sort()).toEqual([...OPTIMIZERS_STRING_KEYS].sort());
  });
});
