/** Escapes text for an HTML attribute value or text node. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A fresh nonce per page load from a cryptographic source (never Math.random): Web Crypto, which
 * both the Node extension host and the web worker host have.
 */
export function createNonce(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes));
}

export interface WebviewPage {
  /** `webview.cspSource`: the only origin styles, images and fonts may come from. */
  readonly cspSource: string;
  /** `webview.asWebviewUri(...)` of the app's bundle and stylesheet. */
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly title: string;
  readonly lang: string;
  /** Handed to the app in an escaped `data-*` attribute: no inline script ever carries data. */
  readonly data: unknown;
}

/**
 * The whole HTML of a webview: a strict CSP (`default-src 'none'`, scripts only by a fresh nonce,
 * styles, images and fonts only from the webview's own resource origin), and the app's bundle.
 */
export function renderWebviewHtml(page: WebviewPage, nonce: string = createNonce()): string {
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${page.cspSource}`,
    `img-src ${page.cspSource} data:`,
    `font-src ${page.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(page.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(page.styleUri)}">
<title>${escapeHtml(page.title)}</title>
</head>
<body>
<div id="app" data-initial="${escapeHtml(JSON.stringify(page.data ?? null))}"></div>
<script type="module" nonce="${escapeHtml(nonce)}" src="${escapeHtml(page.scriptUri)}"></script>
</body>
</html>`;
}
