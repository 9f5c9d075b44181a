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
