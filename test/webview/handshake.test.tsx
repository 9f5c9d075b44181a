import { render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { handshake } from '../../webview/shared/host';
import { Placeholder } from '../../webview/shared/Placeholder';

describe('webview handshake', () => {
  it('resolves with the host init and ignores malformed messages', async () => {
    const pending = handshake(window);
    window.dispatchEvent(new MessageEvent('message', { data: { type: 'init', kind: 'nope' } }));
    window.dispatchEvent(new MessageEvent('message', { data: 'garbage' }));
    const init = { type: 'init', kind: 'optimizers', locale: 'en', strings: { title: 'Compare Optimizers', placeholder: 'soon' }, state: null };
    window.dispatchEvent(new MessageEvent('message', { data: init }));
    await expect(pending).resolves.toEqual(init);
  });

  it('renders the strings it is given', () => {
    render(<Placeholder strings={{ title: '比较优化器', placeholder: '即将上线' }} />);
    expect(screen.getByTestId('panel-root').textContent).toContain('比较优化器');
    expect(screen.getByRole('heading').textContent).toBe('比较优化器');
  });
});
