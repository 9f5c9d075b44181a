/**
 * A loss hover's link state (src/features/fromCode.ts `lossesState`): the call's keywords the
 * losses panel draws with, as written, through a constant or by default; an unknown one left to
 * the panel's default and named in the note; no state for a loss the panel does not draw.
 */
import { describe, expect, it, vi } from 'vitest';
import type { ArgInfo, Construction } from '../../../src/analysis';
import { readSettings } from '../../../webview/losses/state';

vi.mock('vscode', () => ({ l10n: { t: (text: string, ...args: string[]) => text.replace(/\{(\d+)\}/g, (_m, i: string) => args[Number(i)] ?? '') } }));
const { lossesState } = await import('../../../src/features/fromCode');

const at = { start: { line: 11, character: 7 }, end: { line: 11, character: 40 } };
const located = (cls: string, args: readonly ArgInfo[]) => ({ construction: { kind: 'loss', cls, range: at, nameRange: at, args, opaque: false } as Construction, uri: {} as never, label: 'train.py:12' });
const def = (name: string, value: ArgInfo['value']): ArgInfo => ({ name, written: null, value, origin: 'default' });

describe('a loss hover’s link state', () => {
  it('carries the call’s values and torch’s defaults, which the panel reads without a problem', () => {
    const state = lossesState(located('HuberLoss', [{ name: 'delta', written: 'DELTA', value: 0.25, origin: 'constant' }, def('reduction', 'mean')]));
    expect(state).toEqual({ loss: 'HuberLoss', delta: 0.25, reduction: 'mean', note: 'train.py:12' });
    expect(readSettings(state).problems).toEqual([]);
  });

  it('leaves an unknown value to the panel and says so', () => {
    const state = lossesState(located('BCEWithLogitsLoss', [{ name: 'pos_weight', written: 'torch.tensor([3.0])', origin: 'unresolved' }, def('reduction', 'mean')]));
    expect(state).toEqual({
      loss: 'BCEWithLogitsLoss',
      reduction: 'mean',
      note: 'train.py:12 · Not known from the code: pos_weight=torch.tensor([3.0]); torch’s default is used until you set it here.',
    });
  });

  it('keeps None as None and refuses a reduction torch does not have', () => {
    const state = lossesState(located('BCEWithLogitsLoss', [def('pos_weight', null), { name: 'reduction', written: "'avg'", value: 'avg', origin: 'literal' }]));
    expect(state).toMatchObject({ pos_weight: null });
    expect(state).not.toHaveProperty('reduction');
    expect(state?.note).toContain("reduction='avg'");
  });

  it('has no state for a loss the panel does not draw', () => {
    expect(lossesState(located('NLLLoss', [def('reduction', 'mean')]))).toBeUndefined();
  });
});
