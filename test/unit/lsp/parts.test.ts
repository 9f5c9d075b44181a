/** The language server's pure parts: settings from untrusted JSON, hover links, change offsets. */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { toTextChange } from '../../../src/lsp/documents';
import { degradeCommandLinks } from '../../../src/lsp/hover';
import { parseSettings } from '../../../src/lsp/settings';
import { commandLink } from '../../../src/analysis/catalog';
import { DEFAULT_SETTINGS } from '../../../src/settings';

describe('parseSettings', () => {
  it('keeps what is valid and falls back to the default for the rest, key by key', () => {
    expect(parseSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings({ enable: 'yes', exclude: ['a/**', 3], severity: { OL001: 'off', OL002: 'loud' } })).toEqual({
      enable: true,
      exclude: ['a/**'],
      severity: { OL001: 'off' },
    });
    expect(parseSettings({ enable: false }).enable).toBe(false);
  });
});

describe('degradeCommandLinks', () => {
  it('leaves the label of a command link as plain text and keeps web links', () => {
    const panel = `[Plot this schedule](${commandLink('showLrSchedule', { a: "it's (1)" })} "Open the panel")`;
    const web = '[torch docs](https://pytorch.org/docs "docs")';
    expect(degradeCommandLinks(`${panel} · ${web}`)).toBe(`Plot this schedule · ${web}`);
  });
});

describe('toTextChange', () => {
  it('turns an LSP range into the offsets of the text before the change (UTF-16, as LSP counts)', () => {
    const doc = TextDocument.create('file:///t.py', 'python', 1, 'a = "é😀"\nb = 2\n');
    expect(toTextChange(doc, { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }, text: 'c' })).toEqual({ rangeOffset: 10, rangeLength: 1, text: 'c' });
    expect(toTextChange(doc, { text: 'x' })).toEqual({ rangeOffset: 0, rangeLength: 16, text: 'x' });
  });
});
