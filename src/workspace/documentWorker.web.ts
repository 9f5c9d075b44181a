/**
 * The document worker in the browser (bundled to dist/documentWorker.web.js): a Web Worker that the
 * web extension host starts from its own worker (src/features/webHost.ts), running the same
 * DocumentServer as the desktop's worker thread. Its first message is the setup, with the parser's
 * WASM as bytes (a worker started from a blob has no path to read them from). Other project files
 * are not read here, as on the web host itself.
 */
import { createAnalyzer } from '../analysis';
import type { FromDocumentWorker, ToDocumentWorker } from './documentProtocol';
import { DocumentServer } from './documentServer';

/** The dedicated worker's global scope, as far as this file uses it (no DOM types in this layer). */
const scope = globalThis as unknown as {
  onmessage: ((event: { readonly data: ToDocumentWorker }) => void) | null;
  postMessage(message: FromDocumentWorker): void;
};

let server: Promise<DocumentServer> | undefined;
// Messages wait for the parser in order: one chain, so an edit never overtakes the open before it.
let queue: Promise<unknown> = Promise.resolve();

scope.onmessage = ({ data: message }) => {
  if (message.type === 'setup') {
    server = createAnalyzer(message.setup).then((analyzer) => new DocumentServer(analyzer, () => null));
    return;
  }
  const ready = server ?? Promise.reject(new Error('no setup message came first'));
  queue = queue.then(() =>
    ready.then(
      (s) => {
        const reply = s.handle(message);
        if (reply) scope.postMessage(reply);
      },
      (error: unknown) => {
        if (message.type === 'query' || message.type === 'notebook') scope.postMessage({ id: message.id, ok: false, error: `the parser did not load: ${String(error)}` });
      },
    ),
  );
};
