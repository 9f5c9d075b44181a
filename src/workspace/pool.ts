/**
 * Worker threads that analyse files in parallel for the engine: each loads its own parser and
 * analyser (workspaceWorker.ts, bundled to dist/workspaceWorker.js). Files are handed to whichever
 * worker is free; a worker that dies fails its file (an `analysis` problem) and is replaced.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { AnalyzerOptions } from '../analysis';
import type { ParallelChecker, TextResult } from './engine';

/** What the pool sends to a worker, and what it answers. */
export interface WorkerRequest {
  readonly id: number;
  readonly path: string;
  readonly text: string;
}
export interface WorkerReply {
  readonly id: number;
  readonly result: TextResult;
}

/** Below this many files, starting workers (each loads the parser) costs more than it saves. */
export const MIN_FILES_FOR_WORKERS = 32;
const MAX_WORKERS = 8;

/** How many worker threads to check `files` files with: 0 (this thread) for a few files, else one per core. */
export function poolSize(files: number, cores = availableParallelism()): number {
  return files < MIN_FILES_FOR_WORKERS ? 0 : Math.max(1, Math.min(cores, MAX_WORKERS, Math.ceil(files / MIN_FILES_FOR_WORKERS)));
}

export interface WorkerPoolOptions {
  /** The bundled worker script. */
  readonly workerFile: string;
  readonly size: number;
  /** Where each worker finds the parser's WASM. */
  readonly parser: AnalyzerOptions;
  /** The project's folders: workers then follow calls into other files, read from disk. */
  readonly projectRoots?: readonly string[];
}

/** What a worker is started with. */
export type WorkerSetup = AnalyzerOptions & { readonly projectRoots?: readonly string[] };

interface Task extends WorkerRequest {
  readonly resolve: (result: TextResult) => void;
}

export class WorkerPool implements ParallelChecker {
  private readonly queue: Task[] = [];
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Task>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: WorkerPoolOptions) {
    for (let i = 0; i < Math.max(1, options.size); i++) this.idle.push(this.spawn());
  }

  analyse(path: string, text: string): Promise<TextResult> {
    if (this.closed) return Promise.resolve({ kind: 'analysis', detail: 'the worker pool is closed' });
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, path, text, resolve });
      this.dispatch();
    });
  }

  /** Stops the workers; files still queued fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.resolve({ kind: 'analysis', detail: 'cancelled' });
    const workers = [...this.idle.splice(0), ...this.busy.keys()];
    for (const task of this.busy.values()) task.resolve({ kind: 'analysis', detail: 'cancelled' });
    this.busy.clear();
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private spawn(): Worker {
    const setup: WorkerSetup = { ...this.options.parser, projectRoots: this.options.projectRoots };
    const worker = new Worker(this.options.workerFile, { workerData: setup });
    worker.on('message', (reply: WorkerReply) => {
      const task = this.busy.get(worker);
      if (!task || task.id !== reply.id) return;
      this.busy.delete(worker);
      this.idle.push(worker);
      worker.unref();
      task.resolve(reply.result);
      this.dispatch();
    });
    worker.on('error', (error) => this.lose(worker, error.message));
    worker.on('exit', (code) => this.lose(worker, `worker stopped (exit code ${code})`));
    // Only a worker at work keeps the process alive: an idle pool must not hold a CLI open.
    worker.unref();
    return worker;
  }

  /** A worker died: its file fails, and a new worker takes its place. */
  private lose(worker: Worker, detail: string): void {
    if (this.closed) return;
    const task = this.busy.get(worker);
    this.busy.delete(worker);
    const at = this.idle.indexOf(worker);
    if (at >= 0) this.idle.splice(at, 1);
    else if (!task) return; // Already handled (an error is followed by an exit).
    task?.resolve({ kind: 'analysis', detail });
    this.idle.push(this.spawn());
    this.dispatch();
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const task = this.queue.shift()!;
      this.busy.set(worker, task);
      worker.ref();
      const request: WorkerRequest = { id: task.id, path: task.path, text: task.text };
      worker.postMessage(request);
    }
  }
}
