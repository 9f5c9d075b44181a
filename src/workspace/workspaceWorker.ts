/** One worker thread of pool.ts: analyses the texts it is sent, one at a time, with its own analyser. */
import { parentPort, workerData } from 'node:worker_threads';
import { createAnalyzer, type AnalyzerOptions } from '../analysis';
import { analyseText } from './engine';
import type { WorkerReply, WorkerRequest } from './pool';

const analyzer = createAnalyzer(workerData as AnalyzerOptions);

parentPort?.on('message', (request: WorkerRequest) => {
  void analyzer.then(
    (a) => parentPort?.postMessage({ id: request.id, result: analyseText(a, request.path, request.text) } satisfies WorkerReply),
    (error: unknown) => parentPort?.postMessage({ id: request.id, result: { kind: 'analysis', detail: `the parser did not load: ${String(error)}` } } satisfies WorkerReply),
  );
});
