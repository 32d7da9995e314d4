/**
 * The language server's glue: wires the LSP requests and notifications of a connection to the pure
 * analysis (`rules/`) and feature modules (`features/`). Nothing here analyses text itself.
 *
 * - Documents: incremental sync through `TextDocuments`. Each analysis is cached per (URI, version,
 *   config), so every feature request on one version shares one analysis.
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
 * - `$/programme/memory` (a request, no parameters) answers with `process.memoryUsage()` (bytes); for
 *   tests of memory use. When node runs with `--expose-gc`, garbage is collected first (twice: the
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
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { LineIndex, type Span } from '../syntax/span';
import type { Config } from '../model/config';
import { analyse, type Analysis } from '../rules/index';
import { documentSymbols } from '../features/outline';
import { hover } from '../features/hover';
import { definition } from '../features/definition';
import { findReferences } from '../features/references';
import { prepareRename, rename } from '../features/rename';
import { CODE_ACTION_KINDS, codeActions } from '../features/codeActions';
import { leftAlone, leftAloneMessage, renumberEdits } from '../features/renumber';
import { ON_TYPE_TRIGGER, onTypeFormatting } from '../features/onTypeFormatting';
import { SymbolSearch, symbolTable } from '../features/workspaceSymbols';
import { analyseText } from '../model/reading';
import { completions } from '../features/completion';
import { inlayHints } from '../features/inlayHints';
import { codeLenses } from '../features/codeLens';
import { foldingRanges } from '../features/folding';
import { selectionRanges } from '../features/selectionRanges';
import { flattenSymbols, toLspDiagnostics } from './convert';
import { ConfigStore, type ConfigFileState } from './configStore';
import { CONFIG_FILE_NAME } from '../cli/configFile';
import { configKey } from './settings';
import { WorkspaceIndex } from './workspaceIndex';
import * as l10n from '@vscode/l10n';
import { editorLanguage, inLanguage, type Language, type LanguageSetting } from '../l10n/index';
import { IMPORT_REQUEST, type ImportParams, type ImportResponse } from './importProtocol';
import { EXPORT_REQUEST, PREVIEW_REQUEST, type ExportParams, type ExportResponse, type PreviewParams, type PreviewResponse } from './exportProtocol';
import type { NewestProgramme } from './exportRequest';

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

interface CachedAnalysis {
  version: number;
  key: string;
  config: Config;
  /** The language of the analysis's messages, and of every feature's text for this version. */
  language: Language;
  analysis: Analysis;
}

/** Options of {@link startServer} (tests and the benchmark shorten the delay). */
export interface ServerOptions {
  /** How long to wait after a change before checking, in ms (default {@link DIAGNOSTICS_DELAY_MS}). */
  diagnosticsDelayMs?: number;
  /**
   * Send a `$/programme/timing` notification after each publishDiagnostics, for `npm run bench`:
   * `{ uri, version, receivedToPublishedMs, debounceMs, analyseMs }`, in ms of `performance.now()`,
   * from the change being applied to the diagnostics being sent.
   */
  timing?: boolean;
}

/**
 * Wires every handler of the programme language server onto `connection` and starts listening on it
 * (`connection.listen()`). The connection's transport (stdio, node IPC, socket) is the caller's.
 */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const delay = options.diagnosticsDelayMs ?? DIAGNOSTICS_DELAY_MS;
  const documents = new TextDocuments(TextDocument);
  const analyses = new Map<string, CachedAnalysis>();
  const timers = new Map<string, NodeJS.Timeout>();
  /** For `options.timing`: when the newest change of a document arrived, and how long its debounce waited. */
  const changeTimes = new Map<string, { received: number; debounceMs: number }>();
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

  /** The analysis of `doc` as it is now (cached per URI, version and config). */
  async function analysisOf(doc: TextDocument): Promise<CachedAnalysis> {
    const { uri, version } = doc;
    const text = doc.getText();
    const config = await configs.configFor(uri);
    const language = await languageOf(uri, text);
    const key = `${language} ${configKey(config)}`;
    const cached = analyses.get(uri);
    // The text is compared too (the same string while the document is unchanged, so this is quick):
    // a client may send two different changes with the same version.
    if (cached !== undefined && cached.version === version && cached.key === key && cached.analysis.programme.text === text) return cached;
    // The previous version's analysis lets the parse reuse the stretches an edit did not touch (not
    // when the language changed: the syntax messages of those stretches are in the old one).
    const previous = cached !== undefined && cached.language === language ? cached.analysis : undefined;
    const entry: CachedAnalysis = { version, key, config, language, analysis: inLanguage(language, () => analyse(text, config, previous)) };
    const now = documents.get(uri);
    if (now !== undefined && now.version === version && now.getText() === text) analyses.set(uri, entry);
    return entry;
  }

  /** The programme of the open document `uri`, or undefined when it is not open. */
  async function programmeOf(uri: string): Promise<CachedAnalysis | undefined> {
    const doc = documents.get(uri);
    return doc !== undefined ? analysisOf(doc) : undefined;
  }

  /** Computes and publishes the diagnostics of `uri`'s newest version; drops a result that got old. */
  async function validate(uri: string): Promise<void> {
    const doc = documents.get(uri);
    if (doc === undefined || shuttingDown) return;
    const version = doc.version;
    try {
      const started = performance.now();
      const { analysis } = await analysisOf(doc);
      const now = documents.get(uri);
      if (now === undefined || now.version !== version || shuttingDown) return;
      // The document keeps its line offsets up to date with each edit; building the analysis's own line
      // table would read the whole text again on every keystroke. Same version, same text: same positions.
      const positions = { rangeOf: (span: Span) => ({ start: now.positionAt(span.start), end: now.positionAt(span.end) }) };
      const diagnostics = toLspDiagnostics(analysis.diagnostics, positions, uri);
      await connection.sendDiagnostics({ uri, version, diagnostics });
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
    analyses.clear();
    workspace.clear();
    for (const doc of documents.all()) {
      clearTimeout(timers.get(doc.uri));
      timers.delete(doc.uri);
      void validate(doc.uri);
    }
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
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }, { globPattern: '**/*.programme' }] })
        .catch((e) => {
          workspace.setWatched(false);
          configs.setWatched(false);
          fail('registering the file watchers', e);
        });
    }
    if (ws?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(async () => {
        try {
          const folders = (await connection.workspace.getWorkspaceFolders()) ?? [];
          workspace.setFolders(folders.map((f) => f.uri));
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
      }
    }
    if (configChanged) {
      configs.configFilesChanged();
      recheckAll();
    }
  });

  documents.onDidOpen((e) => {
    opening.add(e.document.uri);
    void validate(e.document.uri);
  });
  documents.onDidChangeContent((e) => {
    if (!opening.delete(e.document.uri)) schedule(e.document.uri);
  });
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    clearTimeout(timers.get(uri));
    timers.delete(uri);
    opening.delete(uri);
    analyses.delete(uri);
    configs.forget(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  connection.onDocumentSymbol(
    guard('outline', [], async (params) => {
      const a = await programmeOf(params.textDocument.uri);
      if (a === undefined) return [];
      const symbols = inLanguage(a.language, () => documentSymbols(a.analysis.programme));
      return capabilities.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport ? symbols : flattenSymbols(symbols, params.textDocument.uri);
    }),
  );

  connection.onWorkspaceSymbol(
    guard('workspace symbol search', [], async (params, token) => {
      const language = editorLanguage(lastLanguageSetting, '', editorLocale);
      const search = new SymbolSearch(params.query, workspace.vocabulary);
      const open = new Set<string>();
      for (const doc of documents.all()) {
        if (token.isCancellationRequested) return [];
        open.add(doc.uri);
        const { programme } = (await analysisOf(doc)).analysis;
        search.add(doc.uri, inLanguage(language, () => symbolTable(programme, workspace.vocabulary)));
      }
      const run = await workspace.search(search, open, language, () => token.isCancellationRequested);
      if (!run.complete) return [];
      return search.results();
    }),
  );

  connection.onHover(
    guard('hover', null, async (params) => {
      const a = await programmeOf(params.textDocument.uri);
      return a !== undefined ? inLanguage(a.language, () => hover(a.analysis.programme, params.position)) : null;
    }),
  );

  connection.onDefinition(
    guard('go to definition', [], async (params) => {
      const a = await programmeOf(params.textDocument.uri);
      return a !== undefined ? definition(a.analysis.programme, params.textDocument.uri, params.position) : [];
    }),
  );

  connection.onReferences(
    guard('find references', [], async (params) => {
      const a = await programmeOf(params.textDocument.uri);
      return a !== undefined ? findReferences(a.analysis.programme, params.textDocument.uri, params.position, params.context.includeDeclaration) : [];
    }),
  );

  connection.onPrepareRename(
    guard('prepare rename', null, async (params) => {
      const a = await programmeOf(params.textDocument.uri);
      if (a === undefined) return null;
      const result = inLanguage(a.language, () => prepareRename(a.analysis.programme, params.position));
      if ('error' in result) throw new ResponseError(ErrorCodes.InvalidRequest, result.error);
      return result;
    }),
  );

  connection.onRenameRequest(
    guard('rename', null, async (params): Promise<WorkspaceEdit | null> => {
      const a = await programmeOf(params.textDocument.uri);
      if (a === undefined) return null;
      const result = inLanguage(a.language, () => rename(a.analysis.programme, params.textDocument.uri, params.position, params.newName));
      if ('error' in result) throw new ResponseError(ErrorCodes.InvalidRequest, result.error);
      return result;
    }),
  );

  connection.onCompletion(
    guard('completion', [], async (params) => {
      const a = await programmeOf(params.textDocument.uri);
      const insertReplaceSupport = capabilities.textDocument?.completion?.completionItem?.insertReplaceSupport === true;
      return a !== undefined ? inLanguage(a.language, () => completions(a.analysis.programme, params.position, { insertReplaceSupport })) : [];
    }),
  );

  connection.languages.inlayHint.on(
    guard('inlay hints', [], async (params) => {
      const a = await programmeOf(params.textDocument.uri);
      return a !== undefined ? inLanguage(a.language, () => inlayHints(a.analysis.programme, params.range)) : [];
    }),
  );

  connection.onCodeLens(
    guard('code lenses', [], async (params) => {
      const a = await programmeOf(params.textDocument.uri);
      return a !== undefined ? inLanguage(a.language, () => codeLenses(a.analysis.programme, params.textDocument.uri)) : [];
    }),
  );

  connection.onFoldingRanges(
    guard('folding ranges', [], async (params) => {
      const a = await programmeOf(params.textDocument.uri);
      return a !== undefined ? foldingRanges(a.analysis.programme) : [];
    }),
  );

  connection.onSelectionRanges(
    guard('selection ranges', [], async (params) => {
      const a = await programmeOf(params.textDocument.uri);
      return a !== undefined ? selectionRanges(a.analysis.programme, params.positions) : [];
    }),
  );

  connection.onCodeAction(
    guard('code actions', [], async (params) => {
      const a = await programmeOf(params.textDocument.uri);
      if (a === undefined) return [];
      return inLanguage(a.language, () => codeActions(a.analysis.programme, params.textDocument.uri, params.range, params.context.diagnostics, params.context.only, a.config));
    }),
  );

  connection.onDocumentOnTypeFormatting(
    guard('formatting on Enter', [], async (params) => {
      const a = await programmeOf(params.textDocument.uri);
      return a !== undefined ? inLanguage(a.language, () => onTypeFormatting(a.analysis.programme, params.position, params.ch)) : [];
    }),
  );

  connection.onExecuteCommand(
    guard('running a command', null, async (params) => {
      if (params.command !== SERVER_COMMANDS.renumberDocument) {
        throw new ResponseError(ErrorCodes.InvalidParams, `Unknown command "${params.command}".`);
      }
      const uri = params.arguments?.[0];
      const doc = typeof uri === 'string' ? documents.get(uri) : undefined;
      if (doc === undefined) {
        const text = inLanguage(editorLanguage(lastLanguageSetting, '', editorLocale), () =>
          l10n.t('Open the programme you want to renumber, then run "Programme: Renumber Document" again.'),
        );
        void connection.window.showWarningMessage(text);
        return null;
      }
      const version = doc.version;
      const a = await analysisOf(doc);
      const edits = renumberEdits(a.analysis.programme, { kind: 'document' });
      if (edits.length === 0) {
        void connection.window.showInformationMessage(inLanguage(a.language, () => l10n.t('The numbering is already in order; nothing was changed.')));
        return null;
      }
      const edit: WorkspaceEdit = capabilities.workspace?.workspaceEdit?.documentChanges
        ? { documentChanges: [{ textDocument: { uri: doc.uri, version }, edits }] }
        : { changes: { [doc.uri]: edits } };
      const result = await connection.workspace.applyEdit({ label: inLanguage(a.language, () => l10n.t('Renumber document')), edit });
      if (!result.applied) log(`The renumbering of ${doc.uri} was not applied${result.failureReason ? `: ${result.failureReason}` : ''}.`);
      // Say what was left as it is (a date read as a measure), so that nobody thinks it was forgotten.
      const alone = leftAlone(a.analysis.programme, { kind: 'document' });
      if (result.applied && alone.length > 0) {
        const p = a.analysis.programme;
        const message = inLanguage(a.language, () => {
          const lines = alone.slice(0, 3).map((x) => l10n.t('Line {0}: {1}', p.lines.lineAt(x.measure.span.start) + 1, leftAloneMessage(x)));
          const more = alone.length - 3;
          if (more <= 0) return lines.join(' ');
          return `${lines.join(' ')} ${more === 1 ? l10n.t('(and 1 more)') : l10n.t('(and {0} more)', more)}`;
        });
        void connection.window.showInformationMessage(message);
      }
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

  const newest: NewestProgramme = async (uri) => {
    const a = await programmeOf(uri);
    return a !== undefined ? { version: a.version, programme: a.analysis.programme } : undefined;
  };
  // The export's writers are loaded on the first preview or export, not at start.
  connection.onRequest(
    PREVIEW_REQUEST,
    guard<PreviewParams, PreviewResponse>('previewing a document', null, async (params) => (await import('./exportRequest')).answerPreview(params, newest)),
  );
  connection.onRequest(
    EXPORT_REQUEST,
    guard<ExportParams, ExportResponse>('exporting a document', null, async (params) => (await import('./exportRequest')).answerExport(params, newest)),
  );

  connection.onRequest(MEMORY_REQUEST, () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
    return process.memoryUsage();
  });

  connection.onShutdown(() => {
    shuttingDown = true;
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
  });

  documents.listen(connection);
  connection.listen();
}
