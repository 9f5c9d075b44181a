import { describe, expect, it } from 'vitest';
import { fillTemplate } from '../../../src/core/template';

describe('fillTemplate', () => {
  it('fills named placeholders, in any order and more than once', () => {
    expect(fillTemplate('{b} then {a}, {a} again', { a: 1, b: 'x' })).toBe('x then 1, 1 again');
  });

  it('leaves a placeholder without an argument visible, including names an object inherits', () => {
    expect(fillTemplate('{missing} {toString} {gone}', { gone: undefined })).toBe('{missing} {toString} {gone}');
  });
});
