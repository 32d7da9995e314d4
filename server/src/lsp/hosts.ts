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
  | { type: 'analyse'; id: number; job: AnalysisJob }
  | { type: 'stop'; id: number }
  | { type: 'answer'; id: number; call: FeatureCall }
  | { type: 'forget'; uri: string; generation: number }
  | { type: 'hurry'; uri: string }
  | { type: 'draft'; id: number; job: DiskDraftJob }
  | { type: 'memory'; id: number };

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

  constructor(
    readonly name: string,
    private readonly bundle: string,
    private readonly report: (host: WorkerHost, problem: string, ended: boolean) => void,
  ) {
    this.start();
  }

  private start(): Worker {
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
    const { id, promise } = this.send<HostResult | undefined>((id) => ({ type: 'analyse', id, job }));
    return { result: promise, stop: () => this.worker?.postMessage({ type: 'stop', id } satisfies ToWorker) };
  }

  answer(call: FeatureCall): Promise<FeatureAnswer | undefined> {
    return this.send<FeatureAnswer | undefined>((id) => ({ type: 'answer', id, call })).promise;
  }

  forget(uri: string, generation: number): void {
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
    for (const waiting of this.pending.values()) waiting.settle(undefined);
    this.pending.clear();
    if (worker !== undefined) await worker.terminate();
  }
}
