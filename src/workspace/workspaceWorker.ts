/** One worker thread of pool.ts: analyses the texts it is sent, one at a time, with its own analyser. */
import { parentPort, workerData } from 'node:worker_threads';
import { createAnalyzer } from '../analysis';
import { diskProject } from './diskProject';
import { analyseText } from './engine';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './pool';

const { projectRoots, ...options } = workerData as WorkerSetup;
const analyzer = createAnalyzer(options);
const project = projectRoots ? diskProject(projectRoots) : undefined;

parentPort?.on('message', (request: WorkerRequest) => {
  void analyzer.then(
    (a) => parentPort?.postMessage({ id: request.id, result: analyseText(a, request.path, request.text, true, project) } satisfies WorkerReply),
    (error: unknown) => parentPort?.postMessage({ id: request.id, result: { kind: 'analysis', detail: `the parser did not load: ${String(error)}` } } satisfies WorkerReply),
  );
});
