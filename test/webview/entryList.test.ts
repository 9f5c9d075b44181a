import { describe, expect, it } from 'vitest';
import { appendEntry, mergeByLabel, reduceEntryList } from '../../webview/shared/entryList';

const list = { entries: [{ id: 1, label: 'a', visible: true }, { id: 2, label: 'b', visible: true }], nextId: 3, other: 'kept' };

describe('the shared entry list', () => {
  it('duplicates right after the original, with the next id', () => {
    const next = reduceEntryList(list, { type: 'duplicate', id: 1 }, 10);
    expect(next.entries.map((e) => [e.id, e.label])).toEqual([[1, 'a'], [3, 'a'], [2, 'b']]);
    expect(next.nextId).toBe(4);
    expect(next.other).toBe('kept');
  });

  it('refuses to grow past its maximum', () => {
    expect(reduceEntryList(list, { type: 'duplicate', id: 1 }, 2)).toBe(list);
    expect(appendEntry(list, 2, (id) => ({ id, label: '', visible: true }))).toBe(list);
    expect(appendEntry(list, 3, (id) => ({ id, label: 'c', visible: true })).entries.at(-1)).toEqual({ id: 3, label: 'c', visible: true });
  });

  it('toggles, relabels (capped) and removes one entry only', () => {
    const toggled = reduceEntryList(list, { type: 'toggle', id: 2 }, 10);
    expect(toggled.entries.map((e) => e.visible)).toEqual([true, false]);
    const labelled = reduceEntryList(list, { type: 'label', id: 1, label: 'x'.repeat(500) }, 10);
    expect(labelled.entries[0]!.label).toHaveLength(200);
    expect(reduceEntryList(list, { type: 'remove', id: 1 }, 10).entries.map((e) => e.id)).toEqual([2]);
  });
});

describe('numberDuplicates', () => {
  it('numbers only the names that repeat, in list order', async () => {
    const { numberDuplicates } = await import('../../webview/shared/entryList');
    const names = new Map([[4, 'Adam'], [2, 'SGD'], [9, 'Adam']]);
    expect([...numberDuplicates(names)]).toEqual([[4, 'Adam #1'], [2, 'SGD'], [9, 'Adam #2']]);
  });

  it('merges entries from the host: same label replaces in place, others are appended while there is room', () => {
    const incoming = [{ id: 0, label: 'b', visible: false }, { id: 0, label: 'train.py:9', visible: true }, { id: 0, label: 'x', visible: true }];
    const next = mergeByLabel(list, incoming, 3);
    expect(next.entries).toEqual([{ id: 1, label: 'a', visible: true }, { id: 2, label: 'b', visible: false }, { id: 3, label: 'train.py:9', visible: true }]);
    expect(next.nextId).toBe(4);
    expect(mergeByLabel(next, [{ id: 0, label: 'train.py:9', visible: false }], 3).entries.map((e) => e.id)).toEqual([1, 2, 3]);
  });
});
