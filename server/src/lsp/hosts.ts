/**
 * Where the analyses of open documents are made and held: an {@link AnalysisHost}. The language server
 * uses two worker threads ({@link WorkerHost}, lsp/worker.ts), so that its own thread only reads and
 * writes messages and always answers; tests and a server started without its worker bundle use
 * {@link InThreadHost}, the same {@link DocumentService} on the server's own thread.
 *
 * Every host answers the same way: `analyse` gives the LSP diagnostics of a version (or undefined when
 * it was stopped), `answer` a feature's result from the newest analysis the host holds for the
 * document (or undefined when it holds none).
 */
import { Worker } from 'node:worker_threads';
import { DocumentService, type AnalysisJob, type AnalysisResult, type FeatureAnswer, type FeatureCall } from './documentService';
import { diskDraft, type DiskDraftJob, type DiskDraftResult } from './diskDraft';
import { JsonText } from './jsonText';
import { WORKER_YOUNG_GENERATION_MB } from './heap';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver-types';

/**
 * An analysis's result as a host gives it: {@link AnalysisResult}, the diagnostics as objects, or from a
 * worker as their JSON text (one string crosses threads; lsp/jsonText.ts writes it into the protocol
 * stream as it is).
 */
export type HostResult = Omit<AnalysisResult, 'diagnostics'> & { diagnostics: LspDiagnostic[] | JsonText };

/** An analysis under way: its result (undefined when stopped), and a way to stop it at its next step. */
export interface RunningAnalysis {
  result: Promise<HostResult | undefined>;
  stop(): void;
}

/** A thread that makes and holds analyses (see the module comment). */
export interface AnalysisHost {
  /** For logs: `worker 1`, `main thread`. */
  readonly name: string;
  /** Starts analysing `job`; the host keeps the result as the document's newest analysis. */
  analyse(job: AnalysisJob): RunningAnalysis;
  /** Answers `call` from the analysis held for its document; undefined when none is held. Rejects when the feature fails. */
  answer(call: FeatureCall): Promise<FeatureAnswer | undefined>;
  /** Lets go of what is held for `uri`, and of what an analysis of it up to job `generation` would still bring. */
  forget(uri: string, generation: number): void;
  /** The analyses of `uri` waiting for their turn go first (somebody waits for them; `DocumentService.hurry`). */
  hurry(uri: string): void;
  /**
   * The printed draft of a programme on disk (lsp/diskDraft.ts), made on this host's thread; undefined
   * when the host ended before it was made. Rejects when making it failed (a fault of ours).
   */
  diskDraft(job: DiskDraftJob): Promise<DiskDraftResult | undefined>;
  /** Ends the host (a worker is terminated). */
  dispose(): Promise<void>;
}

/** One turn of the event loop: what waits (messages, timers, I/O) runs first. */
export function pause(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The analyses on the server's own thread, in steps with a pause between them. */
export class InThreadHost implements AnalysisHost {
  readonly name = 'main thread';
  private readonly service = new DocumentService();

  analyse(job: AnalysisJob): RunningAnalysis {
    let stopped = false;
    return { result: this.service.analyse(job, pause, () => stopped), stop: () => (stopped = true) };
  }

  answer(call: FeatureCall): Promise<FeatureAnswer | undefined> {
    return this.service.answer(call);
  }

  forget(uri: string, generation: number): void {
    this.service.forget(uri, generation);
  }

  hurry(uri: string): void {
    this.service.hurry(uri);
  }

  async diskDraft(job: DiskDraftJob): Promise<DiskDraftResult | undefined> {
    return diskDraft(job);
  }

  async dispose(): Promise<void> {}
}

/** Messages from the server's thread to a worker. */
export type ToWorker =
  /** With `change`, `job.text` is empty: the text is the one last sent for `job.uri` with `change` applied ({@link textChange}). */
  | { type: 'analyse'; id: number; job: AnalysisJob; change?: TextChange }
  | { type: 'stop'; id: number }
  | { type: 'answer'; id: number; call: FeatureCall }
  | { type: 'forget'; uri: string; generation: number }
  | { type: 'hurry'; uri: string }
  | { type: 'draft'; id: number; job: DiskDraftJob }
  | { type: 'memory'; id: number };

/**
 * A text as the change from the text before it: the code units `from`–`to` of the text before (of
 * `length` code units) replaced by `insert`.
 */
export interface TextChange {
  from: number;
  to: number;
  insert: string;
  length: number;
}

/** A text shorter than this many code units crosses to a worker whole (a change saves little). */
const MIN_CHANGE_LENGTH = 16 * 1024;

/** Chunks of this many code units are compared at once by {@link textChange} (a native comparison of two slices). */
const CHUNK = 4096;

/**
 * The change from `before` to `after` (see {@link TextChange}): what lies between their longest common
 * start and their longest common end (not overlapping it). Linear, in native comparisons of chunks:
 * about 0.2 ms for two texts of 2 MB that differ in one character.
 */
export function textChange(before: string, after: string): TextChange {
  const most = Math.min(before.length, after.length);
  let head = 0;
  while (head + CHUNK <= most && before.slice(head, head + CHUNK) === after.slice(head, head + CHUNK)) head += CHUNK;
  while (head < most && before.charCodeAt(head) === after.charCodeAt(head)) head++;
  const rest = most - head;
  let tail = 0;
  while (tail + CHUNK <= rest && before.slice(before.length - tail - CHUNK, before.length - tail) === after.slice(after.length - tail - CHUNK, after.length - tail)) tail += CHUNK;
  while (tail < rest && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { from: head, to: before.length - tail, insert: after.slice(head, after.length - tail), length: before.length };
}

/** `change` applied to `before` (the text it was made from). */
export function appliedChange(before: string, change: TextChange): string {
  return before.slice(0, change.from) + change.insert + before.slice(change.to);
}

/** An analysis's result as a worker sends it: the diagnostics as their JSON text (lsp/jsonText.ts). */
export type WireResult = Omit<AnalysisResult, 'diagnostics'> & { diagnostics: string };

/** Messages from a worker to the server's thread. */
export type FromWorker =
  | { type: 'analysed'; id: number; result: WireResult | null; error?: string }
  | { type: 'answered'; id: number; answer: FeatureAnswer | null; error?: string }
  | { type: 'drafted'; id: number; result: DiskDraftResult | null; error?: string }
  | { type: 'memory'; id: number; usage: NodeJS.MemoryUsage };

/**
 * A worker thread running `bundle` (server/dist/worker.cjs, lsp/worker.ts). When the worker ends
 * unexpectedly (a crash, out of memory), what waited on it is settled (analyses with undefined, answers
 * with undefined), `report` is told (as it is of an analysis that failed), and a new worker is started on the next call: it holds nothing, so
 * documents are analysed again.
 */
export class WorkerHost implements AnalysisHost {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { settle: (value: unknown) => void; fail: (error: Error) => void }>();
  /**
   * Per document, the text last sent to the worker (the worker keeps it too, until `forget`): the next
   * job's text crosses as the change from it when that is small ({@link textChange}), so that a
   * keystroke in a 2 MB document does not copy the whole text to the worker.
   */
  private readonly sent = new Map<string, string>();

  constructor(
    readonly name: string,
    private readonly bundle: string,
    private readonly report: (host: WorkerHost, problem: string, ended: boolean) => void,
  ) {
    this.start();
  }

  private start(): Worker {
    // A new worker holds no text.
    this.sent.clear();
    const worker = new Worker(this.bundle, { stdout: false, stderr: false, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
    worker.unref();
    worker.on('message', (message: FromWorker) => {
      const waiting = this.pending.get(message.id);
      if (waiting === undefined) return;
      this.pending.delete(message.id);
      if (message.type === 'memory') {
        waiting.settle(message.usage);
      } else if (message.type === 'analysed') {
        // An analysis that failed is a fault of ours: reported, and the document has no new diagnostics.
        if (message.error !== undefined) this.report(this, message.error, false);
        const result = message.result;
        waiting.settle(result === null ? undefined : ({ ...result, diagnostics: new JsonText(result.diagnostics) } satisfies HostResult));
      }
      else if (message.error !== undefined) waiting.fail(new Error(message.error));
      else if (message.type === 'drafted') waiting.settle(message.result ?? undefined);
      else waiting.settle(message.answer ?? undefined);
    });
    const ended = (problem: string) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      for (const waiting of this.pending.values()) waiting.settle(undefined);
      this.pending.clear();
      this.report(this, problem, true);
    };
    worker.on('error', (error) => ended(error.stack ?? error.message));
    worker.on('exit', (code) => ended(`the worker stopped with exit code ${code}`));
    this.worker = worker;
    return worker;
  }

  private send<T>(message: (id: number) => ToWorker): { id: number; promise: Promise<T> } {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    const promise = new Promise<T>((settle, fail) => this.pending.set(id, { settle: settle as (value: unknown) => void, fail }));
    worker.postMessage(message(id));
    return { id, promise };
  }

  analyse(job: AnalysisJob): RunningAnalysis {
    const { id, promise } = this.send<HostResult | undefined>((id) => {
      const before = this.sent.get(job.uri);
      this.sent.set(job.uri, job.text);
      if (before === undefined || job.text.length < MIN_CHANGE_LENGTH) return { type: 'analyse', id, job };
      const change = before === job.text ? { from: 0, to: 0, insert: '', length: before.length } : textChange(before, job.text);
      // A large change: the whole text is as quick.
      if (change.insert.length > job.text.length >> 2) return { type: 'analyse', id, job };
      return { type: 'analyse', id, job: { ...job, text: '' }, change };
    });
    return { result: promise, stop: () => this.worker?.postMessage({ type: 'stop', id } satisfies ToWorker) };
  }

  answer(call: FeatureCall): Promise<FeatureAnswer | undefined> {
    return this.send<FeatureAnswer | undefined>((id) => ({ type: 'answer', id, call })).promise;
  }

  forget(uri: string, generation: number): void {
    this.sent.delete(uri);
    this.worker?.postMessage({ type: 'forget', uri, generation } satisfies ToWorker);
  }

  hurry(uri: string): void {
    this.worker?.postMessage({ type: 'hurry', uri } satisfies ToWorker);
  }

  diskDraft(job: DiskDraftJob): Promise<DiskDraftResult | undefined> {
    return this.send<DiskDraftResult | undefined>((id) => ({ type: 'draft', id, job })).promise;
  }

  /**
   * The worker's memory (`process.memoryUsage()` in it: its own heap; `rss` is the whole process's),
   * after collecting its garbage when node runs with `--expose-gc`; undefined when it is not running.
   */
  memory(): Promise<NodeJS.MemoryUsage | undefined> {
    if (this.worker === undefined) return Promise.resolve(undefined);
    return this.send<NodeJS.MemoryUsage | undefined>((id) => ({ type: 'memory', id })).promise;
  }

  async dispose(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.sent.clear();
    for (const waiting of this.pending.values()) waiting.settle(undefined);
    this.pending.clear();
    if (worker !== undefined) await worker.terminate();
  }
}
