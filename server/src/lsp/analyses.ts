/**
 * Which thread analyses each open document, and which one answers for it (issue 15: a server that never
 * stops answering).
 *
 * - Each document has at most one analysis under way. A newer version stops it at its next step
 *   ({@link Analyses.changed}) instead of queuing behind it, except the document's first analysis,
 *   which always finishes (else edits that never pause would keep every request waiting).
 * - A document of up to {@link NEAR_LIMIT} characters is analysed on the server's own thread, in steps
 *   with a pause between them (each step takes milliseconds at that size, and nothing waits for a worker
 *   to start or for the text to be copied). A larger one is analysed in the worker threads.
 * - The host that finished the newest analysis of a document is its *answerer*. A document keeps its
 *   worker, up to {@link ALTERNATE_LIMIT} characters: one copy of it is held. With two workers, the
 *   next analysis of a larger document runs on the other one, so that requests are answered at once
 *   from the last finished analysis while a new one runs, however long it takes ({@link Analyses.latest}),
 *   unless its last analysis after an edit was quick ({@link QUICK_MS}): then it stays on its worker.
 *   Requests that must see the newest text (rename, code actions, …) wait for it ({@link Analyses.ensure}).
 * - Memory: a host keeps one analysis per document. The host that is not a document's answerer keeps
 *   its older copy only while the document is being edited (it is the `previous` that makes the next
 *   analysis quick); {@link Analyses.trim} lets it go after {@link IDLE_MS} without an edit.
 */
import type { AnalysisHost } from './hosts';
import type { AnalysisJob } from './documentService';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver-types';
import type { JsonText } from './jsonText';

/** After how long without an edit a document's older copy on its other host is let go, in ms. */
export const IDLE_MS = 20000;

/**
 * The largest document analysed on the server's own thread, in UTF-16 characters (about 300 measures):
 * each step then takes a few milliseconds. Steps take turns with the messages the server reads (one
 * message per turn of the event loop, as vscode-jsonrpc reads them), so longer steps would make the
 * messages queue up when many documents are edited at once (measured in test/soak.ts).
 */
export const NEAR_LIMIT = 64 * 1024;

/**
 * The largest document, in UTF-16 characters, that keeps the worker it was first analysed on (about
 * 5,000 measures): a step of its analysis takes tens of milliseconds, so a request for it waits little
 * behind the next analysis on the same worker, and only one worker holds it (the previous analysis is
 * kept where it speeds up the next: issue 15, memory). A larger document's analyses alternate between
 * the workers, so that the other one answers at once from the last finished analysis while a new one
 * runs (steps of a 20 MB programme take seconds), unless its analyses after an edit are quick ({@link QUICK_MS}).
 */
export const ALTERNATE_LIMIT = 1024 * 1024;

/**
 * An analysis after an edit whose longest step took at most this many ms (`AnalysisResult.longestStepMs`;
 * from a host that does not say, the whole analysis from being asked for to its result) is quick: the
 * next analysis of the document stays on its worker however large it is (see {@link ALTERNATE_LIMIT}).
 * A request for the document then waits one such step at most (the worker answers between steps: issue
 * 15 asks for 50 ms), and the worker holds the version before, so that only one worker holds the
 * document and the next analysis builds on the newest reading (after a keystroke in a 10,000-measure
 * document, 2 MB, the steps take a few ms each).
 */
export const QUICK_MS = 50;

/** A finished analysis: the host that holds it (and answers for the document) and its diagnostics. */
export interface Finished {
  /** The job's number (see `AnalysisJob.generation`). */
  generation: number;
  host: AnalysisHost;
  version: number;
  key: string;
  /** The text analysed (the same string the document gave, while it is unchanged). */
  text: string;
  /** As objects, or from a worker as their JSON text (lsp/jsonText.ts). */
  diagnostics: LspDiagnostic[] | JsonText;
}

interface Running {
  generation: number;
  host: AnalysisHost;
  version: number;
  key: string;
  text: string;
  stop(): void;
  done: Promise<Finished | undefined>;
}

interface State {
  /** The newest finished analysis. */
  finished?: Finished;
  running?: Running;
  /** Hosts that hold an older analysis of the document. */
  older: Set<AnalysisHost>;
  /** When the document last changed (`performance.now()`). */
  changedAt: number;
  /** A request waits for the document's first analysis ({@link Analyses.first}): its host does it first. */
  urgent?: boolean;
  /** Whether the last analysis after an edit (not the document's first) was quick ({@link QUICK_MS}): its longest step. */
  quick?: boolean;
}

/** The worker threads of {@link Analyses}. */
export interface FarHosts {
  /** The workers, started if they were not (none: there are no workers). */
  hosts(): readonly AnalysisHost[];
  /** The workers started so far. */
  started(): readonly AnalysisHost[];
}

/** A document as the scheduler reads it: its URI, version, and text. */
export interface OpenDocument {
  readonly uri: string;
  readonly version: number;
  getText(): string;
}

/**
 * The scheduler of analyses: `near` is the server's own thread; `far` the worker threads (started when
 * first needed; none: everything is analysed on `near`). `jobOf` makes the job of a document's
 * current version (its config and language: asynchronous, as settings are pulled from the client); its
 * `generation` is filled in here. `isOpen` tells whether a document is still open.
 */
export class Analyses {
  private readonly states = new Map<string, State>();
  private generation = 0;

  constructor(
    private readonly near: AnalysisHost,
    private readonly far: FarHosts,
    private readonly jobOf: (doc: OpenDocument) => Promise<Omit<AnalysisJob, 'generation'>>,
    private readonly isOpen: (uri: string) => boolean,
  ) {}

  private stateOf(uri: string): State {
    let state = this.states.get(uri);
    if (state === undefined) {
      state = { older: new Set(), changedAt: performance.now() };
      this.states.set(uri, state);
    }
    return state;
  }

  /**
   * The host for the next analysis of a document of `length` characters: this thread for a small one;
   * for a very large one (over {@link ALTERNATE_LIMIT}) whose last analysis after an edit was not quick
   * ({@link QUICK_MS}) a worker that is not its answerer; for the others the worker that holds or analyses it already (its held analysis is the next one's
   * `previous`, and no other worker keeps a copy). A document new to the workers goes to the one with
   * the fewest characters to hold or analyse.
   */
  private hostFor(state: State, length: number): AnalysisHost {
    const hosts = length <= NEAR_LIMIT ? [] : this.far.hosts();
    if (hosts.length === 0) return this.near;
    const answerer = state.finished?.host;
    if (length > ALTERNATE_LIMIT && state.quick !== true) {
      if (answerer !== undefined && hosts.includes(answerer)) return hosts.find((h) => h !== answerer) ?? answerer;
    } else {
      const own = state.running?.host ?? answerer;
      if (own !== undefined && hosts.includes(own)) return own;
    }
    let best = hosts[0];
    let least = Infinity;
    for (const host of hosts) {
      let characters = 0;
      for (const s of this.states.values()) {
        const work = s.running ?? s.finished;
        if (work?.host === host) characters += work.text.length;
      }
      if (characters < least) {
        best = host;
        least = characters;
      }
    }
    return best;
  }

  /**
   * The finished analysis of `doc`'s current version, starting it when none is under way; undefined when
   * it was stopped (a newer version came) or failed, or the document was closed meanwhile.
   */
  async ensure(doc: OpenDocument): Promise<Finished | undefined> {
    const job = await this.jobOf(doc);
    // Closed while its config was read: nothing to analyse.
    if (!this.isOpen(doc.uri)) return undefined;
    const state = this.stateOf(doc.uri);
    const same = (a: { version: number; key: string; text: string } | undefined) => a !== undefined && a.version === job.version && a.key === job.key && a.text === job.text;
    if (same(state.finished)) return state.finished;
    if (same(state.running)) return state.running!.done;
    if (state.running !== undefined && state.finished === undefined) {
      // The first analysis of a document is never stopped: edits that never pause would otherwise keep
      // every request waiting. The newest version is analysed after it.
      await state.running.done;
      return this.ensure(doc);
    }
    state.running?.stop();
    const host = this.hostFor(state, job.text.length);
    const generation = ++this.generation;
    const asked = performance.now();
    const after = state.finished !== undefined;
    const run = host.analyse({ ...job, generation });
    if (state.urgent) host.hurry(doc.uri);
    const running: Running = { generation, host, version: job.version, key: job.key, text: job.text, stop: run.stop, done: Promise.resolve(undefined) };
    running.done = run.result.then((result) => {
      if (state.running === running) state.running = undefined;
      if (result === undefined || this.states.get(doc.uri) !== state) return undefined;
      // An older analysis that finished after a newer one does not replace it.
      if (state.finished !== undefined && state.finished.generation > generation) return undefined;
      // The first analysis (no previous) says nothing of how long the next ones take.
      if (after) state.quick = (result.longestStepMs ?? performance.now() - asked) <= QUICK_MS;
      const before = state.finished?.host;
      if (before !== undefined && before !== host) state.older.add(before);
      state.older.delete(host);
      state.finished = { generation, host, version: job.version, key: job.key, text: job.text, diagnostics: result.diagnostics };
      state.urgent = false;
      return state.finished;
    });
    state.running = running;
    return running.done;
  }

  /**
   * The host that answers for `doc` now: after waiting at most `graceMs` for the analysis under way
   * (it starts none: analyses start after the edits pause, see server.ts), the host of the last
   * finished analysis, which may be of an older version; undefined when none has finished yet.
   */
  async latest(doc: OpenDocument, graceMs: number): Promise<Finished | undefined> {
    const state = this.stateOf(doc.uri);
    const running = state.running;
    if (running === undefined || running.version !== doc.version || graceMs <= 0) return state.finished;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const waited = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), graceMs);
    });
    const current = await Promise.race([running.done, waited]);
    clearTimeout(timer);
    return current ?? state.finished;
  }

  /**
   * The last finished analysis of `doc`, whatever its version; when none has finished, the first one,
   * waited for (started if need be, and put before the analyses of other documents on its host). Undefined when the document was closed or its analysis failed.
   */
  async first(doc: OpenDocument): Promise<Finished | undefined> {
    const state = this.stateOf(doc.uri);
    if (state.finished !== undefined) return state.finished;
    // Somebody waits for it: it goes before the analyses of other documents waiting on its host.
    state.urgent = true;
    if (state.running !== undefined) {
      state.running.host.hurry(doc.uri);
      await state.running.done;
    }
    return state.finished ?? (await this.ensure(doc)) ?? state.finished;
  }

  /** The host of the analysis of `uri` under way, or undefined when none is. */
  runningHost(uri: string): AnalysisHost | undefined {
    return this.states.get(uri)?.running?.host;
  }

  /** The newest finished analysis of `uri`, whatever its version; undefined when none has finished. */
  finished(uri: string): Finished | undefined {
    return this.states.get(uri)?.finished;
  }

  /** `uri` has a newer version: the analysis under way is stopped at its next step, unless it is the document's first. */
  changed(uri: string): void {
    const state = this.stateOf(uri);
    state.changedAt = performance.now();
    if (state.finished !== undefined) state.running?.stop();
  }

  /** `uri` was closed: its analysis is stopped and every host lets go of it. */
  closed(uri: string): void {
    const state = this.states.get(uri);
    this.states.delete(uri);
    state?.running?.stop();
    const generation = ++this.generation;
    for (const host of [this.near, ...this.far.started()]) host.forget(uri, generation);
  }

  /**
   * Settings or config files changed: every document is analysed anew (held analyses stay until
   * replaced). The analyses under way are stopped and let go, so that the next {@link ensure} starts
   * one even when its job reads the same as the stopped one's (a config file read half-written before
   * the change was announced): waiting for a stopped analysis gives nothing, and nothing was published.
   */
  reset(): void {
    for (const state of this.states.values()) {
      state.running?.stop();
      state.running = undefined;
    }
  }

  /**
   * Lets the hosts go of the older copies of documents not edited for {@link IDLE_MS} (see the module
   * comment); returns how many copies were let go.
   */
  trim(now = performance.now()): number {
    let count = 0;
    for (const [uri, state] of this.states) {
      if (state.older.size === 0 || now - state.changedAt < IDLE_MS) continue;
      const generation = ++this.generation;
      for (const host of state.older) {
        // The host under way with a new analysis of it keeps what it has (its previous).
        if (state.running?.host === host) continue;
        host.forget(uri, generation);
        state.older.delete(host);
        count++;
      }
    }
    return count;
  }

  /** A host ended unexpectedly: it holds nothing any more. */
  lost(host: AnalysisHost): void {
    for (const state of this.states.values()) {
      state.older.delete(host);
      if (state.finished?.host === host) state.finished = undefined;
    }
  }
}
