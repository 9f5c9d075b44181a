import { describe, expect, it } from 'vitest';
import { findNoqa, suppresses } from '../../../src/analysis';
import { codes, getAnalyzer, py } from './helpers';

const loop = (comment: string) => py`
  import torch
  optimizer = torch.optim.Adam(model.parameters(), weight_decay=1e-2)${comment.includes('OL008') || comment === 'ALL8' ? '  # noqa' : ''}
  for x, y in loader:
      criterion(model(x), y).backward()
      optimizer.step()${comment === 'ALL8' ? '' : comment}
`;

describe('noqa', () => {
  it.each([
    ['  # noqa: OL001', ['OL008']],
    ['  # noqa:OL001', ['OL008']],
    ['  # NOQA: ol001', ['OL008']],
    ['  #noqa : OL001', ['OL008']],
    ['  # noqa: E501, OL001', ['OL008']],
    ['  # noqa: E501 OL001', ['OL008']],
    ['  # noqa', ['OL008']],
    ['  # noqa: OL002', ['OL008', 'OL001']],
    ['  # noqa: E501', ['OL008', 'OL001']],
    ['  # some comment', ['OL008', 'OL001']],
  ])('anchor line comment %j leaves %j', async (comment, expected) => {
    const analyzer = await getAnalyzer();
    expect(codes(analyzer.analyzeText(loop(comment)))).toEqual(expected);
  });

  it('applies to the anchor line only', async () => {
    const analyzer = await getAnalyzer();
    const text = py`
      import torch
      optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
      for x, y in loader:  # noqa: OL001
          criterion(model(x), y).backward()  # noqa
          optimizer.step()
    `;
    expect(codes(analyzer.analyzeText(text))).toEqual(['OL001']);
  });

  it('parses code lists', () => {
    expect(findNoqa('x = 1  # noqa: OL001,OL003  more')).toEqual({ codes: ['OL001', 'OL003'], codesEnd: 'x = 1  # noqa: OL001,OL003'.length });
    expect(findNoqa('x  # noqa')?.codes).toBeNull();
    expect(findNoqa('x  # nothing')).toBeNull();
    expect(suppresses('x  # noqa:ol004', 'OL004')).toBe(true);
    expect(suppresses('x  # noqa:OL0041', 'OL004')).toBe(false);
  });
});
