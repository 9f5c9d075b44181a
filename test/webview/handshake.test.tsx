import { describe, expect, it } from 'vitest';
import { handshake } from '../../webview/shared/host';

describe('webview handshake', () => {
  it('resolves with the host init and ignores malformed messages', async () => {
    const pending = handshake(window);
    window.dispatchEvent(new MessageEvent('message', { data: { type: 'init', kind: 'nope' } }));
    window.dispatchEvent(new MessageEvent('message', { data: 'garbage' }));
    const init = { type: 'init', kind: 'optimizers', locale: 'en', strings: { title: 'Compare Optimizers', placeholder: 'soon' }, state: null };
    window.dispatchEvent(new MessageEvent('message', { data: init }));
    await expect(pending).resolves.toEqual(init);
  });
});

describe('entries from code (add)', () => {
  it('says `listening` once it has subscribed, so the host sends what it queued only then', async () => {
    const { onAdd } = await import('../../webview/shared/host');
    const { parseFromWebview } = await import('../../src/protocol');
    const sent: unknown[] = [];
    const received: unknown[] = [];
    // Before subscribing nothing listens: an add arriving now would be lost, which is why the host waits.
    window.dispatchEvent(new MessageEvent('message', { data: { type: 'add', state: { optimizers: [{ type: 'SGD' }] } } }));
    const stop = onAdd((message) => received.push(message.state), window, { postMessage: (m) => sent.push(m) });
    expect(sent).toEqual([{ type: 'listening' }]);
    expect(parseFromWebview(sent[0])).toEqual({ type: 'listening' });
    const state = { optimizers: [{ type: 'AdamW', kwargs: { lr: 3e-4 }, label: 'train.py:10', origin: 'code' }] };
    window.dispatchEvent(new MessageEvent('message', { data: { type: 'add', state } }));
    expect(received).toEqual([state]);
    stop();
    window.dispatchEvent(new MessageEvent('message', { data: { type: 'add', state } }));
    expect(received).toHaveLength(1);
  });
});
