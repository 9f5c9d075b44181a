import { describe, expect, it } from 'vitest';
import { createNonce, renderWebviewHtml } from '../../../src/panels/html';

const page = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/optimizers.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/optimizers.css',
  title: 'Compare <Optimizers>',
  lang: 'en',
  data: { note: '"</div><script>alert(1)</script>' },
};

function csp(html: string): string {
  const match = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html);
  return (match?.[1] ?? '').replace(/&#39;/g, "'");
}

describe('webview HTML', () => {
  it('allows nothing by default and scripts only by nonce', () => {
    const html = renderWebviewHtml(page, 'abc123');
    const policy = csp(html);
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'nonce-abc123'");
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|https?:\/\/(?!file\+)/);
    expect(html).toContain('nonce="abc123"');
  });

  it('has no inline script and no inline handler', () => {
    const html = renderWebviewHtml(page, 'n');
    const scripts = html.match(/<script[^>]*>([\s\S]*?)<\/script>/g) ?? [];
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toMatch(/<script [^>]*src="[^"]+"[^>]*><\/script>/);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  it('escapes the initial data and the title', () => {
    const html = renderWebviewHtml(page, 'n');
    expect(html).not.toContain('</div><script>alert');
    expect(html).toContain('Compare &#60;Optimizers&#62;');
    const attribute = /data-initial="([^"]*)"/.exec(html)?.[1] ?? '';
    const decoded = attribute.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)));
    expect(JSON.parse(decoded)).toEqual(page.data);
  });

  it('uses a different nonce each load', () => {
    expect(createNonce()).not.toBe(createNonce());
    expect(createNonce()).toMatch(/^[A-Za-z0-9+/=]{24}$/);
  });
});
