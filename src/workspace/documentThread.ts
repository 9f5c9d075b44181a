/** The desktop's document worker: a Node worker thread running dist/documentWorker.js (documentWorker.ts). */
import { Worker } from 'node:worker_threads';
import type { DocumentWorkerSetup, FromDocumentWorker } from './documentProtocol';
import type { DocumentEndpoint, EndpointEvents } from './remoteDocuments';

/** A worker thread running dist/documentWorker.js; its errors and exits are reported once, as `failed`. */
export function documentWorker(workerFile: string, setup: DocumentWorkerSetup, events: EndpointEvents): DocumentEndpoint & { readonly thread: Worker } {
  const worker = new Worker(workerFile, { workerData: setup });
  let stopped = false;
  const failed = (reason: string) => {
    if (stopped) return;
    stopped = true;
    events.failed(reason);
  };
  worker.on('message', (reply: FromDocumentWorker) => events.message(reply));
  worker.on('error', (error) => failed(`worker error: ${error.message}`));
  worker.on('exit', (code) => failed(`worker exited with code ${code}`));
  // An idle worker must not keep the extension host (or a test) alive.
  worker.unref();
  return {
    thread: worker,
    post: (message) => worker.postMessage(message),
    terminate: () => {
      stopped = true;
      void worker.terminate();
    },
  };
}
