import { describe, expect, it } from 'vitest';
import { LOSSES_STRING_KEYS, PANEL_KINDS, parseFromWebview, parseToWebview } from '../../../src/protocol';

describe('protocol: messages from a webview', () => {
  it('accepts the ready handshake', () => {
    expect(parseFromWebview({ type: 'ready' })).toEqual({ type: 'ready' });
  });

  it('accepts log messages and caps their length', () => {
    const message = parseFromWebview({ type: 'log', level: 'error', text: 'x'.repeat(10_000) });
    expect(message?.type).toBe('log');
    expect(message && message.type === 'log' ? message.text.length : 0).toBe(4000);
  });

  it.each([
    ['null', null],
    ['a string', 'ready'],
    ['an array', [{ type: 'ready' }]],
    ['an unknown type', { type: 'runCode', code: 'import os' }],
    ['a ready with extra fields', { type: 'ready', extra: 1 }],
    ['a log with a bad level', { type: 'log', level: 'fatal', text: 'x' }],
    ['a log without text', { type: 'log', level: 'info' }],
  ])('drops %s', (_name, value) => {
    expect(parseFromWebview(value)).toBeUndefined();
  });
});

describe('protocol: messages to a webview', () => {
  it('accepts a well-formed init', () => {
    const init = { type: 'init', kind: 'optimizers', locale: 'zh-cn', strings: { title: '比较优化器' }, state: { surface: 'ravine' } };
    expect(parseToWebview(init)).toEqual(init);
  });

  it('accepts an init of the losses panel, its state passed on unchecked for the panel to read', () => {
    const init = { type: 'init', kind: 'losses', locale: 'en', strings: { title: 'Compare Losses' }, state: { loss: 'HuberLoss', delta: 'x' } };
    expect(parseToWebview(init)).toEqual(init);
  });

  it('accepts an add with a state object', () => {
    const add = { type: 'add', state: { optimizers: [{ type: 'AdamW', kwargs: { lr: 3e-4 }, label: 'train.py:9' }] } };
    expect(parseToWebview(add)).toEqual(add);
  });

  it.each([
    ['an unknown panel', { type: 'init', kind: 'terminal', locale: 'en', strings: {}, state: null }],
    ['non-string strings', { type: 'init', kind: 'schedules', locale: 'en', strings: { title: 3 }, state: null }],
    ['a missing locale', { type: 'init', kind: 'schedules', strings: {}, state: null }],
    ['an unknown type', { type: 'eval', kind: 'schedules' }],
    ['an add without a state object', { type: 'add', state: [1] }],
    ['an add with extra fields', { type: 'add', state: {}, run: 'x' }],
  ])('drops %s', (_name, value) => {
    expect(parseToWebview(value)).toBeUndefined();
  });
});

describe('protocol: the losses panel', () => {
  it('is a panel kind, with short, stable, unique string keys', () => {
    expect(PANEL_KINDS).toContain('losses');
    expect(new Set(LOSSES_STRING_KEYS).size).toBe(LOSSES_STRING_KEYS.length);
    for (const key of LOSSES_STRING_KEYS) expect(key).toMatch(/^[a-z][\w]*(\.[\w]+)?$/i);
  });
});
