/**
 * The host's side of the document worker: open documents too large for the host's thread are
 * analysed there (documentServer.ts), and the host only forwards edits and awaits answers.
 *
 * - Edits are sent as they happen (a few bytes each); the worker applies them in order, and
 *   computes findings only when asked, so the versions typed in between are never analysed.
 * - One query per document is in flight at a time. A query asked while another runs waits for it,
 *   and is dropped (answers undefined) if a newer edit arrived meanwhile: a newer version
 *   supersedes it. An answer describing an older version than the host's is dropped too: stale
 *   results are never handed out.
 * - A worker that crashes, exits or does not answer in time is logged, stopped and started afresh
 *   with every document reopened from the host's text; what was asked answers undefined (the
 *   caller keeps what it showed). After `maxFailures` failures in a row with no answer between,
 *   the worker is not started again and every query answers undefined.
 *
 * Pure: the host says how to start a worker (a Node worker thread, a Web Worker, or, in tests, the
 * server in this thread).
 */
import type { Construction, Finding, SymbolTarget, TextChange } from '../analysis';
import type { DocumentProject, DocumentQuery, FromDocumentWorker, QueryValue, ToDocumentWorker } from './documentProtocol';

/** A started worker. */
export interface DocumentEndpoint {
  post(message: ToDocumentWorker): void;
  terminate(): void;
}

/** What a started worker reports: each answer, and (once) that it stopped. */
export interface EndpointEvents {
  message(reply: FromDocumentWorker): void;
  /** `cannotRun`: no worker can start on this host at all (not a crash): documents stay on the host's thread. */
  failed(reason: string, cannotRun?: boolean): void;
}

export interface RemoteDocumentsOptions {
  readonly spawn: (events: EndpointEvents) => DocumentEndpoint;
  /** One line per failure, for the host's log. */
  readonly log: (line: string) => void;
  /** How long one answer may take before the worker counts as stuck. */
  readonly timeoutMs?: number;
  readonly maxFailures?: number;
}

/** An open document's analysis, wherever it runs; every answer is for the version the host has now, or undefined. */
export interface LiveDocument {
  findings(): Promise<readonly Finding[] | undefined>;
  constructions(): Promise<readonly Construction[] | undefined>;
  symbolAt(offset: number): Promise<SymbolTarget | null | undefined>;
}

/** The host's current text and version of a document, read again when the worker restarts. */
export type DocumentSnapshot = () => { readonly text: string; readonly version: number };

interface Pending {
  readonly resolve: (reply: FromDocumentWorker | undefined) => void;
  readonly timer: ReturnType<typeof setTimeout>;
  readonly what: string;
}

const DEFAULT_TIMEOUT_MS = 60_000;

export class RemoteDocuments {
  private endpoint: DocumentEndpoint | undefined;
  private readonly pending = new Map<number, Pending>();
  private readonly documents = new Map<string, RemoteDocument>();
  private nextId = 1;
  private failures = 0;
  private disposed = false;
  private cannotRun = false;

  constructor(private readonly options: RemoteDocumentsOptions) {}

  /** Whether the worker has given up (too many failures in a row, or it cannot run here). */
  get broken(): boolean {
    return this.cannotRun || this.failures >= (this.options.maxFailures ?? 3);
  }

  /** Whether no worker can start on this host: the documents are better analysed in the host's thread than not at all. */
  get unavailable(): boolean {
    return this.cannotRun;
  }

  /** Opens (or reopens) a document in the worker at `now`, the host's text and version; `snapshot` reads them again when the worker restarts. */
  open(key: string, now: { readonly text: string; readonly version: number }, snapshot: DocumentSnapshot, project?: DocumentProject): RemoteDocument {
    this.documents.get(key)?.close();
    const doc = new RemoteDocument(this, key, now.version, snapshot, project);
    this.documents.set(key, doc);
    this.send({ type: 'open', key, version: now.version, text: now.text, project });
    return doc;
  }

  /** A notebook's code cells analysed together (a one-off: notebooks are re-read whole). */
  async notebook(cells: readonly string[], query: DocumentQuery): Promise<QueryValue | undefined> {
    const reply = await this.request((id) => ({ type: 'notebook', id, cells, query }), 'a notebook');
    return reply?.ok ? reply.value : undefined;
  }

  /** Another project file changed: the worker reads it as `text` (null: from disk), and the documents that read it forget their findings. */
  overlay(path: string, text: string | null, invalidate: readonly string[]): void {
    if (invalidate.length > 0) this.send({ type: 'overlay', path, text, invalidate });
  }

  dispose(): void {
    this.disposed = true;
    this.stop();
    this.documents.clear();
  }

  /** @internal */
  forget(key: string, doc: RemoteDocument): void {
    if (this.documents.get(key) !== doc) return;
    this.documents.delete(key);
    // The last large file closed: the worker's parser and memory go with it (the next one starts another).
    if (this.documents.size === 0 && this.pending.size === 0) this.stop();
    else this.send({ type: 'close', key });
  }

  /** @internal Posts to the worker, starting it (and reopening every document) if it is not running. */
  send(message: ToDocumentWorker): void {
    if (this.disposed || this.broken) return;
    if (!this.endpoint) {
      this.endpoint = this.start();
      // A fresh worker gets every document at the host's text now; the message that started it is then out of date.
      if (message.type === 'open' || message.type === 'edit' || message.type === 'close' || message.type === 'overlay') return;
    }
    this.endpoint.post(message);
  }

  /** @internal One answer, or undefined when the worker failed, stopped or gave up. */
  request(build: (id: number) => ToDocumentWorker, what: string): Promise<FromDocumentWorker | undefined> {
    if (this.disposed || this.broken) return Promise.resolve(undefined);
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const timer = setTimeout(() => this.fail(`the analysis of ${what} took longer than ${Math.round(timeoutMs / 1000)} s`), timeoutMs);
      this.pending.set(id, { resolve, timer, what });
      this.send(build(id));
    });
  }

  private start(): DocumentEndpoint {
    const endpoint = this.options.spawn({
      message: (reply) => {
        if (this.endpoint !== endpoint) return;
        const pending = this.pending.get(reply.id);
        if (!pending) return;
        this.pending.delete(reply.id);
        clearTimeout(pending.timer);
        if (reply.ok) this.failures = 0;
        else this.options.log(`The analysis of ${pending.what} in the worker failed: ${reply.error}`);
        pending.resolve(reply);
      },
      failed: (reason, cannotRun) => {
        if (this.endpoint !== endpoint) return;
        this.cannotRun ||= cannotRun === true;
        this.fail(reason);
      },
    });
    for (const doc of this.documents.values()) endpoint.post(doc.openMessage());
    return endpoint;
  }

  /** The worker crashed or is stuck: what was asked answers undefined, and the next message starts a new worker. */
  private fail(reason: string): void {
    this.failures++;
    const what = [...this.pending.values()].map((p) => p.what);
    const next = this.cannotRun
      ? 'large files are analysed in the extension host instead'
      : this.broken
        ? 'it is not started again: large files are not analysed until the window reloads'
        : 'restarting it';
    this.options.log(`The analysis worker stopped (${reason}${what.length ? `; it was analysing ${[...new Set(what)].join(', ')}` : ''}): ${next}.`);
    this.stop();
    // Restart now (not at the next message), so the documents are reopened while the user is not waiting.
    if (!this.broken && !this.disposed && this.documents.size > 0) this.endpoint = this.start();
  }

  private stop(): void {
    const endpoint = this.endpoint;
    this.endpoint = undefined;
    for (const pending of this.pending.values()) {
      clearTimeout(pending.timer);
      pending.resolve(undefined);
    }
    this.pending.clear();
    endpoint?.terminate();
  }
}

/** One open document in the worker. */
export class RemoteDocument implements LiveDocument {
  /** The host's version the worker has been told of (the last edit sent). */
  version: number;
  /** The project files its analyses read or looked for (normalized paths). */
  private readonly reads = new Set<string>();
  /** The last query sent or waiting; the next waits for it. */
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly owner: RemoteDocuments,
    readonly key: string,
    version: number,
    private readonly snapshot: DocumentSnapshot,
    private readonly project: DocumentProject | undefined,
  ) {
    this.version = version;
  }

  /** @internal The message that opens it in a (new) worker, at the host's text now. */
  openMessage(): ToDocumentWorker {
    const { text, version } = this.snapshot();
    this.version = version;
    return { type: 'open', key: this.key, version, text, project: this.project };
  }

  /** Forwards the editor's changes; `version` is the editor's version after them. */
  edit(version: number, changes: readonly TextChange[]): void {
    if (this.closed) return;
    this.version = version;
    this.owner.send({ type: 'edit', key: this.key, version, changes });
  }

  /** Whether an analysis may have read `path` (any path when undefined). */
  hasRead(path?: string): boolean {
    return path === undefined || this.reads.has(path);
  }

  findings(): Promise<readonly Finding[] | undefined> {
    return this.query({ kind: 'findings' }) as Promise<readonly Finding[] | undefined>;
  }

  constructions(): Promise<readonly Construction[] | undefined> {
    return this.query({ kind: 'constructions' }) as Promise<readonly Construction[] | undefined>;
  }

  symbolAt(offset: number): Promise<SymbolTarget | null | undefined> {
    return this.query({ kind: 'symbolAt', offset }) as Promise<SymbolTarget | null | undefined>;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.owner.forget(this.key, this);
  }

  /** Asked at the version the host has now: undefined if a newer edit came first, or the worker failed. */
  private query(query: DocumentQuery): Promise<QueryValue | undefined> {
    const version = this.version;
    const run = this.queue.then(async () => {
      if (this.closed || version !== this.version) return undefined;
      const reply = await this.owner.request((id) => ({ type: 'query', id, key: this.key, version, query }), this.key);
      if (!reply?.ok) return undefined;
      for (const path of reply.reads) this.reads.add(path);
      return reply.version === this.version && !this.closed ? reply.value : undefined;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}
