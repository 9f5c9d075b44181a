/**
 * The document worker thread (bundled to dist/documentWorker.js): analyses the open documents too
 * large for the extension host's thread (documentServer.ts), with its own parser. Other project
 * files are read from disk each time (the host sends the texts of unsaved editors as overlays).
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { createAnalyzer } from '../analysis';
import type { DocumentWorkerSetup, ToDocumentWorker } from './documentProtocol';
import { DocumentServer } from './documentServer';

function readFile(path: string): string | null {
  try {
    return readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch {
    return null;
  }
}

const server = createAnalyzer(workerData as DocumentWorkerSetup).then((analyzer) => new DocumentServer(analyzer, readFile));

// Messages wait for the parser in order: one chain, so an edit never overtakes the open before it.
let queue: Promise<unknown> = Promise.resolve();
parentPort?.on('message', (message: ToDocumentWorker) => {
  queue = queue.then(
    () =>
      server.then(
        (s) => {
          const reply = s.handle(message);
          if (reply) parentPort?.postMessage(reply);
        },
        (error: unknown) => {
          if (message.type === 'query' || message.type === 'notebook') parentPort?.postMessage({ id: message.id, ok: false, error: `the parser did not load: ${String(error)}` });
        },
      ),
  );
});
