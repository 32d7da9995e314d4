/**
 * The language server's glue: wires the LSP requests and notifications of a connection to the pure
 * analysis (`rules/`) and feature modules (`features/`). Nothing here analyses text itself.
 *
 * - Documents: incremental sync through `TextDocuments`. Analyses are made and held off the request
 *   path (lsp/analyses.ts): a small document on this thread in steps with pauses between them, a large
 *   one in two worker threads (lsp/hosts.ts, lsp/worker.ts). A newer version stops an older analysis.
 *   Each request is answered from the last finished analysis or waits for the newest, as its `Wait`
 *   says; every feature request on one version shares one analysis. A host keeps one analysis per
 *   document, and an older copy only while the document is being edited.
 * - Diagnostics: published at once on open and ~100 ms after the last change, always for the newest
 *   version (a result computed for an older version is dropped), with the document version attached.
 * - Configuration: the client's `programme.*` settings and the nearest `.programmerc.json` (the file
 *   wins key by key, see `ConfigStore`); a broken config file is reported as diagnostics on the config
 *   file and defaults are used. Open documents are checked again when settings or a config file change.
 * - Workspace symbols: the items of the workspace folders' `*.programme` files, indexed once and kept
 *   current (`WorkspaceIndex`), open documents winning over their files on disk; a search pauses for
 *   other requests and stops when cancelled.
 * - Handlers never throw to the client: a failure is logged with `connection.console.error` and an
 *   empty result is returned. A request cancelled by the client (`$/cancelRequest`) before or while it
 *   runs is answered with the error `RequestCancelled`, as LSP asks.
 * - Changes are applied in the order they come; the analysis cache is checked against the text, so a
 *   client that sends versions out of order or repeats one still gets answers for what it sent last.
 * - Language (issue 12; l10n/index.ts `editorLanguage`): the `programme.language` setting; when it is
 *   `auto` or not set, the document's own `lang` in its front matter, then the editor's display language
 *   (`InitializeParams.locale`), then English. Each document's analysis is made in its language, and
 *   every feature that makes text (hover, code actions, code lenses, …) runs in it; a change of the
 *   setting checks every open document again, in the new language.
 * - `programme/import` (a request, `{ uri }`; importProtocol.ts): imports a Word, PDF, Markdown or text
 *   file and answers with the programme text and the report in words; the VS Code command "Programme:
 *   Import Document…" opens the text. A failure of the importer is logged and answered with null.
 * - `programme/preview` and `programme/export` (requests, `{ uri, version? }` and `{ uri, format }`;
 *   exportProtocol.ts): the open document's newest version as the preview shows it (the HTML writer's
 *   pieces, blocks marked with their source lines) and exported as HTML, Word, Markdown or JSON, for
 *   the VS Code commands "Programme: Open Preview to the Side" and "Programme: Export…". Null for a
 *   document that is not open.
 * - `$/programme/memory` (a request, no parameters) answers with `process.memoryUsage()` (bytes; the
 *   heap figures summed over this thread and the workers), and `threads`: each thread's `name`,
 *   `heapUsed` and `heapTotal`; for tests of memory use. When node runs
 *   with `--expose-gc`, garbage is collected first in each thread (twice: the
 *   second collection gives the freed pages back), so the figures are what the server holds.
 */
import {
  CodeLensRefreshRequest,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  FileChangeType,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  type CancellationToken,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type CodeAction,
  type Range,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';
import { LineIndex } from '../syntax/span';
import { CODE_ACTION_KINDS } from '../features/codeActions';
import { ON_TYPE_TRIGGER } from '../features/onTypeFormatting';
import { SymbolSearch, symbolTable, symbolTableOf, type SymbolSource, type SymbolTable } from '../features/workspaceSymbols';
import { analyseText } from '../model/reading';
import { toLspDiagnostics } from './convert';
import { diskDraft } from './diskDraft';
import { Analyses, NEAR_LIMIT, type FarHosts, type Finished, type OpenDocument } from './analyses';
import { InThreadHost, WorkerHost, type AnalysisHost } from './hosts';
import type { FeatureAnswer, FeatureName, FeatureParams, RenumberAnswer } from './documentService';
import { ConfigStore, type ConfigFileState } from './configStore';
import { CONFIG_FILE_NAME } from '../cli/configFile';
import { AMENDMENTS_EXTENSION } from '../amendments/parse';
import { configKey } from './settings';
import { WorkspaceIndex } from './workspaceIndex';
import * as l10n from '@vscode/l10n';
import { editorLanguage, inLanguage, type Language, type LanguageSetting } from '../l10n/index';
import { IMPORT_REQUEST, type ImportParams, type ImportResponse } from './importProtocol';
import { EXPORT_REQUEST, PREVIEW_REQUEST, type ExportParams, type ExportResponse, type PreviewParams, type PreviewResponse } from './exportProtocol';
import type { AskNewest } from './exportRequest';
import { AmendmentDocuments, isAmendmentDocument } from './amendmentDocuments';
import type { PrintedDraft } from '../amendments/lines';
import type { DraftChoice } from './documentService';

/** The server's name, as reported in `initialize`. */
export const SERVER_NAME = 'programme-language-server';

/** Server-side command ids (`workspace/executeCommand`). */
export const SERVER_COMMANDS = {
  /** Arguments `[uri: string]`: renumbers the open document (pillars, measures, references) with `workspace/applyEdit`. */
  renumberDocument: 'programme.server.renumberDocument',
} as const;

/** How long after the last change diagnostics are computed, in milliseconds. */
export const DIAGNOSTICS_DELAY_MS = 100;

/** The custom request that reports the server's memory use (see the module comment). */
export const MEMORY_REQUEST = '$/programme/memory';

/** Trigger characters of completion: `[[` opens a reference, `#` asks for labels. */
export const COMPLETION_TRIGGERS = ['[', '#'];

/**
 * How long a request on a small document (analysed on the server's thread) waits for the analysis of
 * its newest version before it is answered from the last finished one, in ms (issue 15: answers
 * within 50 ms while an analysis runs). A request on a large document does not wait.
 */
export const LATEST_GRACE_MS = 30;

/**
 * How long an outline or folding request on a large document waits for the reading of the document's
 * first analysis (its model, before the rules) when no analysis has finished yet, in ms. VS Code asks
 * for them once per version and has no request to ask again, so an empty answer would leave the outline
 * empty until the next edit: a document of a few megabytes (a reading of well under a second) gets its
 * outline; a larger one an empty answer after this long (issue 15: the server answers while it analyses).
 */
export const FIRST_VIEW_WAIT_MS = 1000;

/**
 * The largest document, in characters, for which an outline or folding request waits for the first
 * analysis ({@link FIRST_VIEW_WAIT_MS}): a larger one's first analysis takes longer than the wait
 * (20 MB: 7–26 s), so waiting would only delay its empty answer.
 */
export const FIRST_VIEW_LIMIT = 4 * 1024 * 1024;

/**
 * Which analysis a request is answered from:
 * - `latest`: the last finished one, after waiting at most {@link LATEST_GRACE_MS} for the newest
 *   version's (hover, definition, references, completion, outline, folding, code lenses, inlay hints,
 *   selection ranges, workspace symbols, code actions, whose edits name the version they are for).
 *   Before any analysis of a large document has finished, the request's empty answer (the code lenses
 *   and inlay hints are refreshed when it has); a small document's first analysis is waited for;
 * - `view`: as `latest`, but before a large document's first analysis has finished, the reading of
 *   that analysis (its model, before the rules run: `FeatureCall.early`) is waited for, at most
 *   {@link FIRST_VIEW_WAIT_MS}, up to {@link FIRST_VIEW_LIMIT} characters, and the analysis goes before
 *   those of other documents on its host (the outline and folding: asked for once per version);
 * - `newest`: the newest version's, waited for: requests that edit the text where the user is now
 *   (rename, formatting on Enter, renumber) and the preview and export.
 */
export type Wait = 'latest' | 'view' | 'newest';

/** Options of {@link startServer} (tests and the benchmark shorten the delay). */
export interface ServerOptions {
  /** How long to wait after a change before checking, in ms (default {@link DIAGNOSTICS_DELAY_MS}). */
  diagnosticsDelayMs?: number;
  /** How long an outline or folding request waits for a large document's first analysis, in ms (default {@link FIRST_VIEW_WAIT_MS}). */
  firstViewWaitMs?: number;
  /**
   * Send a `$/programme/timing` notification after each publishDiagnostics, for `npm run bench`:
   * `{ uri, version, receivedToPublishedMs, debounceMs, analyseMs }`, in ms of `performance.now()`,
   * from the change being applied to the diagnostics being sent.
   */
  timing?: boolean;
  /**
   * The worker bundle (server/dist/worker.cjs): documents are analysed in two worker threads that run it
   * (lsp/hosts.ts, lsp/analyses.ts). Without it (tests), on the server's own thread, in steps.
   */
  workerBundle?: string;
}

/**
 * Wires every handler of the programme language server onto `connection` and starts listening on it
 * (`connection.listen()`). The connection's transport (stdio, node IPC, socket) is the caller's.
 */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const delay = options.diagnosticsDelayMs ?? DIAGNOSTICS_DELAY_MS;
  const documents = new TextDocuments(TextDocument);
  const timers = new Map<string, NodeJS.Timeout>();
  /** For `options.timing`: when the newest change of a document arrived, and how long its debounce waited. */
  const changeTimes = new Map<string, { received: number; debounceMs: number }>();
  /** Large documents whose first diagnostics were published (code lenses and inlay hints then refreshed). */
  const refreshed = new Set<string>();
  /** Documents just opened: their first content change (fired with the opening) is already being checked. */
  const opening = new Set<string>();
  /** Config files on which problems are published → the problems last published (JSON). */
  const configProblems = new Map<string, string>();
  let capabilities: ClientCapabilities = {};
  let shuttingDown = false;
  /** The editor's display language (`InitializeParams.locale`), and the `programme.language` setting last read. */
  let editorLocale: string | undefined;
  let lastLanguageSetting: LanguageSetting | undefined;

  const log = (message: string) => connection.console.log(message);
  const fail = (what: string, error: unknown) =>
    connection.console.error(`programme: ${what} failed (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);

  const configs = new ConfigStore({
    pullSettings: (uri) => (capabilities.workspace?.configuration ? connection.workspace.getConfiguration({ scopeUri: uri, section: 'programme' }) : undefined),
    log,
    report: (state) => publishConfigProblems(state),
    language: () => editorLanguage(lastLanguageSetting, '', editorLocale),
  });

  /** The language of the document `uri` with the text `text` (see the module comment). */
  async function languageOf(uri: string, text: string): Promise<Language> {
    const setting = await configs.languageFor(uri);
    lastLanguageSetting = setting;
    return editorLanguage(setting, text, editorLocale);
  }

  // The index needs the model (its numbering mode from the file's configuration), not the rules.
  const workspace = new WorkspaceIndex(async (uri, text, language, vocabulary) => {
    const config = await configs.configFor(uri);
    return inLanguage(language, () => symbolTable(analyseText(text, { measureNumbering: config.measureNumbering }), vocabulary));
  });

  /** Publishes the problems of a config file on its URI (or clears them once it is fine). */
  function publishConfigProblems(state: ConfigFileState): void {
    const uri = URI.file(state.file).toString();
    const diagnostics = toLspDiagnostics(state.diagnostics, new LineIndex(state.text), uri);
    const key = JSON.stringify(diagnostics);
    if ((configProblems.get(uri) ?? '[]') === key) return;
    if (diagnostics.length === 0) configProblems.delete(uri);
    else configProblems.set(uri, key);
    void connection.sendDiagnostics({ uri, diagnostics });
  }

  /** The job of analysing `doc` as it is now: its text, config and language. */
  async function jobOf(doc: OpenDocument) {
    const { uri, version } = doc;
    const text = doc.getText();
    const config = await configs.configFor(uri);
    const language = await languageOf(uri, text);
    return { uri, version, text, config, language, key: `${language} ${configKey(config)}` };
  }

  const near = new InThreadHost();
  /** The worker threads, started when the first large document is analysed (lsp/analyses.ts). */
  let workers: AnalysisHost[] | undefined;
  const far: FarHosts = {
    hosts: () => {
      if (options.workerBundle === undefined) return [];
      workers ??= [1, 2].map(
        (n) =>
          new WorkerHost(`worker ${n}`, options.workerBundle!, (host, problem, ended) => {
            if (ended) analyses.lost(host);
            fail(`the analysis in ${host.name}`, problem);
          }),
      );
      return workers;
    },
    started: () => workers ?? [],
  };
  const analyses = new Analyses(near, far, jobOf, (uri) => documents.get(uri) !== undefined);

  /** The amendment files open (lsp/amendmentDocuments.ts): checked against the draft of the programme each names. */
  const amendments = new AmendmentDocuments(
    {
      get: (uri) => documents.get(uri),
      all: () => documents.all(),
      configFor: (uri) => configs.configFor(uri),
      languageOf,
      openDraft: async (uri, choice, wait) => {
        const answer = await answerOf(uri, 'printedDraft', choice, wait);
        if (answer === undefined) return undefined;
        // The line index of the text the draft was made from: the newest text, or the analysed one.
        const doc = documents.get(uri);
        const held = analyses.finished(uri);
        const text = doc !== undefined && doc.version === answer.version ? doc.getText() : held !== undefined && held.version === answer.version ? held.text : undefined;
        return text === undefined ? undefined : { draft: answer.result as PrintedDraft, lines: new LineIndex(text) };
      },
      diskDraft: async (job, bytes) => {
        // A large programme is read on a worker (the one that holds the fewest documents' characters is
        // not known here: the second, which alternating analyses use least); a small one here.
        const hosts = bytes > NEAR_LIMIT ? far.hosts() : [];
        const host = hosts[hosts.length - 1] ?? near;
        try {
          const made = await host.diskDraft(job);
          if (made !== undefined) return made;
        } catch (error) {
          fail(`reading ${job.file} for its amendment files`, error);
        }
        return diskDraft(job);
      },
      publish: (uri, version, diagnostics) => void connection.sendDiagnostics({ uri, version, diagnostics }),
      refreshProgrammes: () => refreshViews(),
      fail,
    },
    delay,
  );
  // The older copies of documents no longer edited are let go (memory, issue 15).
  const trimmer = setInterval(() => analyses.trim(), 5000);
  trimmer.unref();

  /**
   * Answers the feature `name` for the open document `uri` (see {@link Wait}). Undefined when the
   * document is not open, or no analysis has finished and `wait` is `latest`.
   */
  async function answerOf<N extends FeatureName>(uri: string, name: N, params: FeatureParams[N], wait: Wait): Promise<FeatureAnswer | undefined> {
    // A few tries: a newer version can stop the analysis waited for, and a worker can be lost.
    for (let attempt = 0; attempt < 5; attempt++) {
      const doc = documents.get(uri);
      // An amendment file is no programme: the programme features answer nothing for it.
      if (doc === undefined || isAmendmentDocument(doc)) return undefined;
      // Before the first analysis of a small document has finished, every request waits for it (a
      // small document is analysed in well under a second, and an empty hover would be wrong).
      const first = analyses.finished(uri) === undefined && doc.getText().length <= NEAR_LIMIT;
      // A large document's analysis takes longer than the grace time: no use waiting for it.
      const grace = doc.getText().length <= NEAR_LIMIT ? LATEST_GRACE_MS : 0;
      if (wait === 'view' && !first && analyses.finished(uri) === undefined && doc.getText().length <= FIRST_VIEW_LIMIT) {
        // The outline or folding before the first analysis: from its reading, on the host that makes it.
        const host = analyses.runningHost(uri);
        if (host !== undefined) return within(host.answer({ uri, name, params, early: true }), options.firstViewWaitMs ?? FIRST_VIEW_WAIT_MS);
      }
      const finished =
        wait === 'newest'
          ? await analyses.ensure(doc)
          : first
            ? await analyses.first(doc)
            : wait === 'view' && analyses.finished(uri) === undefined && doc.getText().length <= FIRST_VIEW_LIMIT
              ? await firstWithin(doc, options.firstViewWaitMs ?? FIRST_VIEW_WAIT_MS)
              : await analyses.latest(doc, grace);
      if (finished === undefined) {
        if (wait !== 'newest' && !first) return undefined;
        continue;
      }
      const answer = await finished.host.answer({ uri, name, params });
      if (answer !== undefined) return answer;
    }
    return undefined;
  }

  /** The first finished analysis of `doc` ({@link Analyses.first}), or undefined after `ms` milliseconds. */
  function firstWithin(doc: OpenDocument, ms: number): Promise<Finished | undefined> {
    return within(analyses.first(doc), ms);
  }

  /** What `promise` gives, or undefined after `ms` milliseconds. */
  async function within<T>(promise: Promise<T | undefined>, ms: number): Promise<T | undefined> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), ms);
    });
    try {
      return await Promise.race([promise, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Computes and publishes the diagnostics of `uri`'s newest version; drops a result that got old. */
  async function validate(uri: string): Promise<void> {
    const doc = documents.get(uri);
    if (doc === undefined || shuttingDown) return;
    const version = doc.version;
    try {
      const started = performance.now();
      const finished = await analyses.ensure(doc);
      const now = documents.get(uri);
      if (finished === undefined || now === undefined || now.version !== version || finished.version !== version || shuttingDown) return;
      // Diagnostics from a worker are JSON text: written as they are over stdio, read back (`toJSON`) on other transports.
      await connection.sendDiagnostics({ uri, version, diagnostics: finished.diagnostics as LspDiagnostic[] });
      // The amendment files open that name this programme are checked against its new draft.
      amendments.programmeChanged(uri);
      // Code lenses and inlay hints asked for before a large document's first analysis got nothing.
      if (!refreshed.has(uri) && finished.text.length > NEAR_LIMIT) {
        refreshed.add(uri);
        refreshViews();
      }
      const times = changeTimes.get(uri);
      if (options.timing && times !== undefined) {
        changeTimes.delete(uri);
        const published = performance.now();
        void connection.sendNotification('$/programme/timing', {
          uri,
          version,
          receivedToPublishedMs: published - times.received,
          debounceMs: times.debounceMs,
          analyseMs: published - started,
        });
      }
    } catch (error) {
      fail(`checking ${uri}`, error);
    }
  }

  function schedule(uri: string): void {
    clearTimeout(timers.get(uri));
    const received = performance.now();
    if (options.timing) changeTimes.set(uri, { received, debounceMs: 0 });
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        const times = changeTimes.get(uri);
        if (times !== undefined) times.debounceMs = performance.now() - received;
        void validate(uri);
      }, delay),
    );
  }

  /** Settings or a config file changed: check every open document again. */
  function recheckAll(): void {
    analyses.reset();
    tables.clear();
    workspace.clear();
    amendments.recheckAll();
    for (const doc of documents.all()) {
      if (isAmendmentDocument(doc)) continue;
      clearTimeout(timers.get(doc.uri));
      timers.delete(doc.uri);
      void validate(doc.uri);
    }
    refreshViews();
  }

  /** Asks the client to ask again for inlay hints and code lenses, where it can. */
  function refreshViews(): void {
    if (capabilities.workspace?.inlayHint?.refreshSupport) void connection.languages.inlayHint.refresh().catch(() => undefined);
    if (capabilities.workspace?.codeLens?.refreshSupport) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  }

  /**
   * Wraps a handler so that it never throws to the client: an error is logged and `fallback` is
   * returned. A deliberate `ResponseError` (a refusal with a message, e.g. from prepareRename) passes.
   * A request cancelled before it starts or while it runs is answered with `RequestCancelled`.
   */
  function guard<P, R>(name: string, fallback: R, handler: (params: P, token: CancellationToken) => R | Promise<R>): (params: P, token: CancellationToken) => Promise<R> {
    const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, `The ${name} request was cancelled.`);
    return async (params, token) => {
      if (token.isCancellationRequested) throw cancelled();
      try {
        const result = await handler(params, token);
        if (token.isCancellationRequested) throw cancelled();
        return result;
      } catch (error) {
        if (error instanceof ResponseError) throw error;
        fail(name, error);
        return fallback;
      }
    };
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    capabilities = params.capabilities;
    editorLocale = params.locale;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    workspace.setFolders(folders);
    amendments.setFolders(folders);
    configs.setFallbackFolder(folders[0]);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        documentSymbolProvider: { label: 'Programme' },
        workspaceSymbolProvider: true,
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        completionProvider: { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: false },
        inlayHintProvider: true,
        codeLensProvider: { resolveProvider: false },
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: false },
        documentOnTypeFormattingProvider: { firstTriggerCharacter: ON_TYPE_TRIGGER },
        executeCommandProvider: { commands: Object.values(SERVER_COMMANDS) },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: SERVER_NAME },
    };
  });

  connection.onInitialized(() => {
    const ws = capabilities.workspace;
    // Settings changes: the VS Code client pushes them (`synchronize.configurationSection`), as do
    // Helix and Neovim 0.8 or later (Neovim 0.7 neither pushes them nor answers for them unless the
    // client declares `workspace.configuration`, as README's snippet does); a dynamic registration on
    // top would double every notification.
    if (ws?.didChangeWatchedFiles?.dynamicRegistration) {
      workspace.setWatched(true);
      configs.setWatched(true);
      amendments.setWatched(true);
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }, { globPattern: '**/*.programme' }, { globPattern: `**/*${AMENDMENTS_EXTENSION}` }],
        })
        .catch((e) => {
          workspace.setWatched(false);
          configs.setWatched(false);
          amendments.setWatched(false);
          fail('registering the file watchers', e);
        });
    }
    if (ws?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(async () => {
        try {
          const folders = (await connection.workspace.getWorkspaceFolders()) ?? [];
          workspace.setFolders(folders.map((f) => f.uri));
          amendments.setFolders(folders.map((f) => f.uri));
          configs.setFallbackFolder(folders[0]?.uri);
        } catch (error) {
          fail('reading the workspace folders', error);
        }
      });
    }
  });

  connection.onDidChangeConfiguration((params) => {
    const settings = params.settings as Record<string, unknown> | null | undefined;
    configs.settingsChanged(settings !== null && typeof settings === 'object' ? settings.programme : undefined);
    // The language of the config files' problems may have changed with the settings.
    configs.configFilesChanged();
    recheckAll();
  });

  connection.onDidChangeWatchedFiles((params) => {
    let configChanged = false;
    for (const change of params.changes) {
      const uri = URI.parse(change.uri);
      if (uri.path.endsWith(`/${CONFIG_FILE_NAME}`)) {
        configChanged = true;
        if (change.type === FileChangeType.Deleted && configProblems.delete(change.uri)) void connection.sendDiagnostics({ uri: change.uri, diagnostics: [] });
      } else if (uri.path.endsWith('.programme')) {
        workspace.fileChanged(change.uri, change.type === FileChangeType.Deleted);
        amendments.programmeChanged(change.uri);
      } else if (uri.path.endsWith(AMENDMENTS_EXTENSION)) {
        amendments.amendmentFileChanged(change.uri);
      }
    }
    if (configChanged) {
      configs.configFilesChanged();
      recheckAll();
    }
  });

  documents.onDidOpen((e) => {
    opening.add(e.document.uri);
    if (isAmendmentDocument(e.document)) amendments.opened(e.document.uri);
    else void validate(e.document.uri);
  });
  documents.onDidChangeContent((e) => {
    if (opening.delete(e.document.uri)) return;
    if (isAmendmentDocument(e.document)) {
      amendments.schedule(e.document.uri);
      return;
    }
    analyses.changed(e.document.uri);
    schedule(e.document.uri);
  });
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    if (isAmendmentDocument(e.document)) amendments.closed(uri);
    // The amendment files that name a programme read it from disk again once it is closed.
    else amendments.programmeChanged(uri);
    clearTimeout(timers.get(uri));
    timers.delete(uri);
    opening.delete(uri);
    analyses.closed(uri);
    tables.delete(uri);
    refreshed.delete(uri);
    configs.forget(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  // Each request says which analysis it is answered from (`Wait`, issue 15).
  const latest: Wait = 'latest';
  const newest: Wait = 'newest';
  const view: Wait = 'view';
  /** The feature's result for the document of `params`, or `fallback` when it is not open or not analysed yet. */
  const featureOf = async <N extends FeatureName, R>(uri: string, name: N, params: FeatureParams[N], when: Wait, fallback: R): Promise<R> =>
    ((await answerOf(uri, name, params, when))?.result as R | undefined) ?? fallback;
  /** The result of a feature that refuses with `{ error }` (rename): the refusal becomes an `InvalidRequest` error. */
  const refusable = <R>(result: R | { error: string } | null): R | null => {
    if (result !== null && typeof result === 'object' && 'error' in result) throw new ResponseError(ErrorCodes.InvalidRequest, result.error);
    return result;
  };

  /** True when `uri` is an open amendment file (its requests go to `amendments`). */
  const isAmendments = (uri: string): boolean => {
    const doc = documents.get(uri);
    return doc !== undefined && isAmendmentDocument(doc);
  };

  connection.onDocumentSymbol(
    guard('outline', [], async (params) => {
      const hierarchical = capabilities.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true;
      if (isAmendments(params.textDocument.uri)) return (await amendments.symbols(params.textDocument.uri, hierarchical)) ?? [];
      return featureOf(params.textDocument.uri, 'documentSymbol', { hierarchical }, view, []);
    }),
  );

  /** Per open document, its symbol table for workspace searches: made once per version, language and vocabulary. */
  const tables = new Map<string, { version: number; language: Language; vocabulary: unknown; table: SymbolTable }>();

  connection.onWorkspaceSymbol(
    guard('workspace symbol search', [], async (params, token) => {
      const language = editorLanguage(lastLanguageSetting, '', editorLocale);
      const search = new SymbolSearch(params.query, workspace.vocabulary);
      const open = new Set<string>();
      for (const doc of documents.all()) {
        if (token.isCancellationRequested) return [];
        open.add(doc.uri);
        const answer = await answerOf(doc.uri, 'symbolSources', {}, latest);
        if (answer === undefined) continue;
        let cached = tables.get(doc.uri);
        if (cached === undefined || cached.version !== answer.version || cached.language !== language || cached.vocabulary !== workspace.vocabulary) {
          const table = inLanguage(language, () => symbolTableOf(answer.result as SymbolSource[], workspace.vocabulary));
          cached = { version: answer.version, language, vocabulary: workspace.vocabulary, table };
          tables.set(doc.uri, cached);
        }
        search.add(doc.uri, cached.table);
      }
      const run = await workspace.search(search, open, language, () => token.isCancellationRequested);
      if (!run.complete) return [];
      return search.results();
    }),
  );

  connection.onHover(
    guard('hover', null, (params) =>
      isAmendments(params.textDocument.uri) ? amendments.hover(params.textDocument.uri, params.position) : featureOf(params.textDocument.uri, 'hover', { position: params.position }, latest, null),
    ),
  );

  connection.onDefinition(
    guard('go to definition', [], (params) =>
      isAmendments(params.textDocument.uri) ? amendments.definition(params.textDocument.uri, params.position) : featureOf(params.textDocument.uri, 'definition', { position: params.position }, latest, []),
    ),
  );

  connection.onReferences(
    guard('find references', [], (params) =>
      featureOf(params.textDocument.uri, 'references', { position: params.position, includeDeclaration: params.context.includeDeclaration }, latest, []),
    ),
  );

  // Renaming edits the newest text: it waits for the newest analysis.
  connection.onPrepareRename(
    guard('prepare rename', null, async (params) =>
      refusable(await featureOf<'prepareRename', { range: Range; placeholder: string } | { error: string } | null>(params.textDocument.uri, 'prepareRename', { position: params.position }, newest, null)),
    ),
  );

  connection.onRenameRequest(
    guard('rename', null, async (params): Promise<WorkspaceEdit | null> =>
      refusable(await featureOf<'rename', WorkspaceEdit | { error: string } | null>(params.textDocument.uri, 'rename', { position: params.position, newName: params.newName }, newest, null)),
    ),
  );

  connection.onCompletion(
    guard('completion', [], (params) => {
      if (isAmendments(params.textDocument.uri)) return amendments.completion(params.textDocument.uri, params.position);
      const insertReplaceSupport = capabilities.textDocument?.completion?.completionItem?.insertReplaceSupport === true;
      return featureOf(params.textDocument.uri, 'completion', { position: params.position, insertReplaceSupport }, latest, []);
    }),
  );

  // A programme's printed line numbers (`programme.amendments.lineNumbers`: `auto` shows them when an amendment file names it).
  connection.languages.inlayHint.on(
    guard('inlay hints', [], async (params) => {
      const { uri } = params.textDocument;
      if (isAmendments(uri)) return [];
      const setting = await configs.lineNumbersFor(uri);
      let lineNumbers: DraftChoice | undefined;
      if (setting !== 'off') {
        const { texts, choice } = amendments.sourcesFor(uri);
        if (setting === 'on' || texts.length > 0) lineNumbers = choice ?? {};
      }
      return featureOf(uri, 'inlayHint', lineNumbers !== undefined ? { range: params.range, lineNumbers } : { range: params.range }, latest, []);
    }),
  );

  // The references' lenses, and over measures the amendments to them from the amendment files that name the programme.
  connection.onCodeLens(
    guard('code lenses', [], (params) => {
      const { uri } = params.textDocument;
      if (isAmendments(uri)) return [];
      const { texts } = amendments.sourcesFor(uri);
      return featureOf(uri, 'codeLens', texts.length > 0 ? { amendments: texts } : {}, latest, []);
    }),
  );

  connection.onFoldingRanges(guard('folding ranges', [], (params) => featureOf(params.textDocument.uri, 'foldingRange', {}, view, [])));

  connection.onSelectionRanges(guard('selection ranges', [], (params) => featureOf(params.textDocument.uri, 'selectionRange', { positions: params.positions }, latest, [])));

  // Quick fixes answer the diagnostics the client shows, which are those of the last finished analysis.
  // Their edits name the version they were made for, so a client does not apply them to a newer text.
  connection.onCodeAction(
    guard('code actions', [], async (params) => {
      const { uri } = params.textDocument;
      if (isAmendments(uri)) return amendments.codeActions(uri, params.context.diagnostics, params.context.only);
      const answer = await answerOf(uri, 'codeAction', { range: params.range, diagnostics: params.context.diagnostics, only: params.context.only }, latest);
      const actions = (answer?.result as CodeAction[] | undefined) ?? [];
      if (answer === undefined || !capabilities.workspace?.workspaceEdit?.documentChanges) return actions;
      for (const action of actions) {
        const edits = action.edit?.changes?.[uri];
        if (edits !== undefined && Object.keys(action.edit!.changes!).length === 1) action.edit = { documentChanges: [{ textDocument: { uri, version: answer.version }, edits }] };
      }
      return actions;
    }),
  );

  // Formatting on Enter edits the line just typed.
  connection.onDocumentOnTypeFormatting(
    guard('formatting on Enter', [], (params) => featureOf(params.textDocument.uri, 'onTypeFormatting', { position: params.position, ch: params.ch }, newest, [])),
  );

  connection.onExecuteCommand(
    guard('running a command', null, async (params) => {
      if (params.command !== SERVER_COMMANDS.renumberDocument) {
        throw new ResponseError(ErrorCodes.InvalidParams, `Unknown command "${params.command}".`);
      }
      const uri = params.arguments?.[0];
      const answer = typeof uri === 'string' ? await answerOf(uri, 'renumber', {}, newest) : undefined;
      if (answer === undefined) {
        const text = inLanguage(editorLanguage(lastLanguageSetting, '', editorLocale), () =>
          l10n.t('Open the programme you want to renumber, then run "Programme: Renumber Document" again.'),
        );
        void connection.window.showWarningMessage(text);
        return null;
      }
      const { version } = answer;
      const renumber = answer.result as RenumberAnswer;
      if (renumber.edits.length === 0) {
        void connection.window.showInformationMessage(renumber.inOrder);
        return null;
      }
      const edit: WorkspaceEdit = capabilities.workspace?.workspaceEdit?.documentChanges
        ? { documentChanges: [{ textDocument: { uri: uri as string, version }, edits: renumber.edits }] }
        : { changes: { [uri as string]: renumber.edits } };
      const result = await connection.workspace.applyEdit({ label: renumber.label, edit });
      if (!result.applied) log(`The renumbering of ${uri as string} was not applied${result.failureReason ? `: ${result.failureReason}` : ''}.`);
      // Say what was left as it is (a date read as a measure), so that nobody thinks it was forgotten.
      if (result.applied && renumber.leftAlone !== undefined) void connection.window.showInformationMessage(renumber.leftAlone);
      return null;
    }),
  );

  connection.onRequest(
    IMPORT_REQUEST,
    // The importer and its libraries (Word, PDF, Markdown) are loaded on the first import, not at start.
    guard<ImportParams, ImportResponse | null>('importing a document', null, async (params) => {
      const { answerImport } = await import('./importRequest');
      return answerImport(params, (text) => languageOf(params.uri, text));
    }),
  );

  const askNewest: AskNewest = async (uri, name, params) => (await answerOf(uri, name, params, newest))?.result;
  // The export's writers are loaded on the first preview or export, not at start.
  connection.onRequest(
    PREVIEW_REQUEST,
    guard<PreviewParams, PreviewResponse>('previewing a document', null, async (params) => (await import('./exportRequest')).answerPreview(params, askNewest)),
  );
  connection.onRequest(
    EXPORT_REQUEST,
    guard<ExportParams, ExportResponse>('exporting a document', null, async (params) => (await import('./exportRequest')).answerExport(params, askNewest)),
  );

  connection.onRequest(MEMORY_REQUEST, async () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    // The workers' heaps count too: each is collected in its thread, and their figures added to this one's.
    const inWorkers = await Promise.all(far.started().map((h) => (h instanceof WorkerHost ? h.memory() : undefined)));
    gc?.();
    gc?.();
    const usage = process.memoryUsage();
    const threads = [{ name: near.name, heapUsed: usage.heapUsed, heapTotal: usage.heapTotal }];
    inWorkers.forEach((w, i) => {
      if (w === undefined) return;
      threads.push({ name: far.started()[i].name, heapUsed: w.heapUsed, heapTotal: w.heapTotal });
      usage.heapUsed += w.heapUsed;
      usage.heapTotal += w.heapTotal;
      usage.external += w.external;
      usage.arrayBuffers += w.arrayBuffers;
    });
    return { ...usage, rss: process.memoryUsage.rss(), threads };
  });

  connection.onShutdown(async () => {
    shuttingDown = true;
    clearInterval(trimmer);
    await Promise.all([near, ...far.started()].map((h) => h.dispose()));
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
  });

  documents.listen(connection);
  connection.listen();
}
