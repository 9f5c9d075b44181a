/**
 * One fuzzing process (a worker thread of scripts/fuzz.mjs): runs the targets in turn, each for
 * its share of the time, from the index it is told, and posts failures and counts. It marks every
 * input it starts in shared memory, so that the driver can name an input that never finishes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createAnalyzer } from '../../src/analysis';
import { createPythonParser } from '../../src/analysis/syntax/treeSitter';
import { canaryScript, fuzzCorpus, fuzzNotebooks, WASM } from './corpus';
import { analyserTarget, cpuMs, knownIssue19, lambdaTarget, notebookTarget, protocolTarget, scheduleTarget, simulateTarget, type Failure, type Target } from './harness';

export interface WorkerInput {
  readonly seed: number;
  /**
   * Per target name: where to start, how much CPU time it may use (ms) and a wall-clock end (ms
   * since the epoch): the machine is shared, so the budget is CPU time, with a wall-clock bound.
   */
  readonly plan: readonly { readonly target: string; readonly from: number; readonly cpuMs: number; readonly until: number }[];
  /** [target number, input index, inputs started, CPU ms the target has used]: written before each input. */
  readonly progress: SharedArrayBuffer;
}

export type WorkerMessage =
  | { readonly type: 'failure'; readonly failure: Failure & { readonly known?: string } }
  | { readonly type: 'done'; readonly target: string; readonly inputs: number; readonly cpuMs: number; readonly slowestMs: number; readonly slowestIndex: number; readonly next: number };

/** Inputs that take more CPU time than this are reported as hangs (and the run goes on). */
export const HANG_MS = 2000;


async function main(): Promise<void> {
  const input = workerData as WorkerInput;
  const analyzer = await createAnalyzer(WASM);
  const parser = await createPythonParser(WASM);
  const targets: Record<string, () => Target> = {
    analyser: () => analyserTarget(analyzer, parser, fuzzCorpus(), canaryScript()),
    notebook: () => notebookTarget(analyzer, fuzzNotebooks()),
    'simulate spec': simulateTarget,
    'schedule spec': scheduleTarget,
    lambda: lambdaTarget,
    protocol: protocolTarget,
  };
  const progress = new Int32Array(input.progress);
  const post = (m: WorkerMessage) => parentPort?.postMessage(m);
  for (const [number, step] of input.plan.entries()) {
    const target = (targets[step.target] as () => Target)();
    let index = step.from;
    let slowestMs = 0;
    let slowestIndex = -1;
    const cpuStart = cpuMs();
    while (cpuMs() - cpuStart < step.cpuMs && Date.now() < step.until) {
      Atomics.store(progress, 0, number);
      Atomics.store(progress, 1, index);
      Atomics.add(progress, 2, 1);
      const t0 = cpuMs();
      Atomics.store(progress, 3, Math.round(t0 - cpuStart));
      const failures = target.run(input.seed, index);
      const ms = cpuMs() - t0;
      if (ms > slowestMs) [slowestMs, slowestIndex] = [ms, index];
      for (const failure of failures) post({ type: 'failure', failure: { ...failure, known: knownIssue19(failure) } });
      // The reader's own time, when the target tells it apart from its checks (the process's CPU
      // time: the driver's thread only waits).
      const judged = target.lastCallMs ?? ms;
      if (judged > HANG_MS) {
        const detail = target.lastCallMs === undefined ? `${Math.round(ms)} ms of CPU time` : `${Math.round(judged)} ms of CPU time in one call (${Math.round(ms)} ms with the checks)`;
        post({ type: 'failure', failure: { target: target.name, seed: input.seed, index, kind: 'hang', detail, input: '' } });
      }
      index++;
    }
    post({ type: 'done', target: step.target, inputs: index - step.from, cpuMs: cpuMs() - cpuStart, slowestMs, slowestIndex, next: index });
  }
}

void main();
