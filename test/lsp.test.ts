/**
 * LSP integration tests: the built server (`server/dist/server.cjs`, made by `npm run build`, which
 * `npm test` runs before mocha) is started over stdio and driven by a real JSON-RPC client, with the
 * client capabilities VS Code announces. Documents are the bundled example and the fixtures in
 * test/fixtures/lsp/, copied into a temporary workspace folder (config files are written there).
 * Every server process started here is killed after the tests, also when a test fails.
 */
import assert from 'node:assert/strict';
import { spawn, fork, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  IPCMessageReader,
  IPCMessageWriter,
  SocketMessageReader,
  SocketMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type {
  ClientCapabilities,
  CodeAction,
  CodeLens,
  CompletionItem,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  Hover,
  InitializeResult,
  InlayHint,
  Location,
  PublishDiagnosticsParams,
  Registration,
  SelectionRange,
  TextEdit,
  WorkspaceEdit,
  WorkspaceSymbol,
} from 'vscode-languageserver-protocol';
import type { Config } from '../server/src/model/config';
import { analyse } from '../server/src/rules/index';
import { LineIndex } from '../server/src/syntax/span';
import { flattenSymbols, toLspDiagnostic } from '../server/src/lsp/convert';
import { configKey, mergeConfig, readSettings } from '../server/src/lsp/settings';
import { ConfigStore, type ConfigFileState } from '../server/src/lsp/configStore';
import { URI } from 'vscode-uri';
import { WorkspaceIndex } from '../server/src/lsp/workspaceIndex';
import { SymbolSearch, symbolTable, type Vocabulary } from '../server/src/features/workspaceSymbols';
import { inLanguage, type Language } from '../server/src/l10n/index';
import { hover } from '../server/src/features/hover';
import { IMPORT_REQUEST, type ImportParams, type ImportResponse } from '../server/src/lsp/importProtocol';
import { EXPORT_REQUEST, PREVIEW_REQUEST, type ExportParams, type ExportResponse, type PreviewParams, type PreviewResponse } from '../server/src/lsp/exportProtocol';

const SERVER = path.resolve('server/dist/server.cjs');
const FIXTURES = path.resolve('test/fixtures/lsp');
const EXAMPLE = path.resolve('examples/lokalvalget-2023.programme');

/** Client capabilities as VS Code 1.8x announces them (the parts the server looks at). */
const VSCODE_CAPABILITIES: ClientCapabilities = {
  workspace: {
    applyEdit: true,
    workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'], failureHandling: 'textOnlyTransactional' },
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
    symbol: { dynamicRegistration: true },
    executeCommand: { dynamicRegistration: true },
    configuration: true,
    workspaceFolders: true,
    codeLens: { refreshSupport: true },
    inlayHint: { refreshSupport: true },
  },
  textDocument: {
    publishDiagnostics: { relatedInformation: true, versionSupport: false, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true, dataSupport: true },
    synchronization: { dynamicRegistration: true, willSave: true, willSaveWaitUntil: true, didSave: true },
    completion: {
      dynamicRegistration: true,
      contextSupport: true,
      completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'], labelDetailsSupport: true, insertReplaceSupport: true },
    },
    hover: { dynamicRegistration: true, contentFormat: ['markdown', 'plaintext'] },
    definition: { dynamicRegistration: true, linkSupport: true },
    references: { dynamicRegistration: true },
    documentSymbol: { dynamicRegistration: true, hierarchicalDocumentSymbolSupport: true, labelSupport: true },
    codeAction: {
      dynamicRegistration: true,
      isPreferredSupport: true,
      dataSupport: true,
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source'] } },
    },
    codeLens: { dynamicRegistration: true },
    onTypeFormatting: { dynamicRegistration: true },
    rename: { dynamicRegistration: true, prepareSupport: true },
    foldingRange: { dynamicRegistration: true, lineFoldingOnly: true },
    selectionRange: { dynamicRegistration: true },
    inlayHint: { dynamicRegistration: true },
  },
  window: { workDoneProgress: true, showMessage: {} },
};

/** A running server with a JSON-RPC client, recording what the server sends. */
class TestClient {
  readonly diagnostics: PublishDiagnosticsParams[] = [];
  readonly registrations: Registration[] = [];
  readonly appliedEdits: WorkspaceEdit[] = [];
  readonly messages: { type: number; message: string }[] = [];
  readonly logs: string[] = [];
  /** What `workspace/configuration` answers for the `programme` section. */
  settings: unknown = {};
  private waiters: (() => void)[] = [];
  private exited: Promise<number | null>;

  constructor(
    readonly proc: ChildProcess,
    readonly connection: MessageConnection,
  ) {
    this.exited = new Promise((resolve) => proc.once('exit', (code) => resolve(code)));
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.push(params);
      this.wake();
    });
    connection.onNotification('window/showMessage', (params: { type: number; message: string }) => {
      this.messages.push(params);
      this.wake();
    });
    connection.onNotification('window/logMessage', (params: { message: string }) => this.logs.push(params.message));
    connection.onRequest('client/registerCapability', (params: { registrations: Registration[] }) => {
      this.registrations.push(...params.registrations);
      this.wake();
      return null;
    });
    connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => params.items.map((i) => (i.section === 'programme' ? this.settings : null)));
    connection.onRequest('workspace/applyEdit', (params: { edit: WorkspaceEdit }) => {
      this.appliedEdits.push(params.edit);
      this.wake();
      return { applied: true };
    });
    connection.onRequest('workspace/workspaceFolders', () => null);
    connection.onRequest('workspace/codeLens/refresh', () => null);
    connection.onRequest('workspace/inlayHint/refresh', () => null);
    connection.listen();
  }

  /** Starts the built server over stdio. */
  static stdio(): TestClient {
    const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    track(proc);
    const connection = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    return new TestClient(proc, connection);
  }

  /** Starts the built server over node IPC, as the VS Code extension does. */
  static ipc(): TestClient {
    const proc = fork(SERVER, ['--node-ipc'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
    track(proc);
    const connection = createMessageConnection(new IPCMessageReader(proc), new IPCMessageWriter(proc));
    return new TestClient(proc, connection);
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Resolves with the first value `probe` returns that is not undefined, checked on every message. */
  async until<T>(what: string, probe: () => T | undefined, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value !== undefined) return value;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`Timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The first diagnostics for `uri` published after the first `from` notifications that `accept` accepts. */
  nextDiagnostics(uri: string, from: number, accept: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    return this.until(`diagnostics for ${uri}`, () => this.diagnostics.slice(from).find((p) => p.uri === uri && accept(p)));
  }

  async initialize(rootDir: string): Promise<InitializeResult> {
    const rootUri = pathToFileURL(rootDir).toString();
    const result = (await this.connection.sendRequest('initialize', {
      processId: process.pid,
      clientInfo: { name: 'Visual Studio Code', version: '1.95.0' },
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: path.basename(rootDir) }],
      capabilities: VSCODE_CAPABILITIES,
    })) as InitializeResult;
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** Opens `file` (its text on disk unless `text` is given) as version 1; returns its URI. */
  async open(file: string, text = readFileSync(file, 'utf8')): Promise<string> {
    const uri = pathToFileURL(file).toString();
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'programme', version: 1, text } });
    return uri;
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  /** Exit code of the process once it has exited. */
  exitCode(): Promise<number | null> {
    return this.exited;
  }

  /** Ends the connection and kills the process (idempotent). */
  dispose(): void {
    this.connection.dispose();
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill();
  }
}

/** Every server process started, killed after the tests and on exit. */
const processes = new Set<ChildProcess>();
function track(proc: ChildProcess): void {
  processes.add(proc);
  proc.once('exit', () => processes.delete(proc));
}
const killAll = () => {
  for (const proc of processes) proc.kill();
};
process.once('exit', killAll);
after(killAll);

const pos = (line: number, character: number) => ({ line, character });
const range = (l1: number, c1: number, l2: number, c2: number) => ({ start: pos(l1, c1), end: pos(l2, c2) });
const brief = (d: Diagnostic) => `${d.range.start.line}:${d.range.start.character} ${d.severity} ${String(d.code)} ${d.message}`;

describe('the language server over stdio', function () {
  let client: TestClient;
  let root: string;
  let init: InitializeResult;
  /** URIs of the workspace's documents. */
  let skippedUri: string;
  const skippedPath = () => path.join(root, 'skipped.programme');
  const configuredDir = () => path.join(root, 'configured');

  before(async function () {
    root = mkdtempSync(path.join(os.tmpdir(), 'programme-lsp-'));
    copyFileSync(path.join(FIXTURES, 'skipped.programme'), skippedPath());
    copyFileSync(EXAMPLE, path.join(root, 'lokalvalget-2023.programme'));
    mkdirSync(configuredDir());
    copyFileSync(path.join(FIXTURES, 'skipped.programme'), path.join(configuredDir(), 'skipped.programme'));
    mkdirSync(path.join(root, 'node_modules', 'dep'), { recursive: true });
    writeFileSync(path.join(root, 'node_modules', 'dep', 'hidden.programme'), '# 1. Skjult\n\n1. Skal ikke finnes.\n');
    client = TestClient.stdio();
    init = await client.initialize(root);
    skippedUri = pathToFileURL(skippedPath()).toString();
  });

  after(function () {
    client?.dispose();
    if (root !== undefined) rmSync(root, { recursive: true, force: true });
  });

  it('announces incremental sync, every feature and its server command', function () {
    const c = init.capabilities;
    assert.deepEqual(c.textDocumentSync, { openClose: true, change: 2 });
    assert.deepEqual(c.completionProvider, { triggerCharacters: ['[', '#'], resolveProvider: false });
    assert.deepEqual(c.renameProvider, { prepareProvider: true });
    assert.deepEqual(c.executeCommandProvider, { commands: ['programme.server.renumberDocument'] });
    assert.deepEqual(c.documentOnTypeFormattingProvider, { firstTriggerCharacter: '\n' });
    assert.deepEqual(c.codeActionProvider, {
      codeActionKinds: ['quickfix', 'source.programme.renumber.pillar', 'source.programme.renumber.pillars', 'source.programme.renumber.document'],
      resolveProvider: false,
    });
    for (const provider of [
      'documentSymbolProvider',
      'workspaceSymbolProvider',
      'hoverProvider',
      'definitionProvider',
      'referencesProvider',
      'inlayHintProvider',
      'codeLensProvider',
      'foldingRangeProvider',
      'selectionRangeProvider',
    ] as const) {
      assert.ok(c[provider], `${provider} is announced`);
    }
    assert.equal(init.serverInfo?.name, 'programme-language-server');
  });

  it('registers file watchers for .programmerc.json, *.programme and *.amendments', async function () {
    const reg = await client.until('the file watcher registration', () => client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles'));
    assert.deepEqual(reg.registerOptions, { watchers: [{ globPattern: '**/.programmerc.json' }, { globPattern: '**/*.programme' }, { globPattern: '**/*.amendments' }] });
  });

  it('publishes no errors or warnings for the bundled example, on open', async function () {
    const from = client.diagnostics.length;
    const uri = await client.open(path.join(root, 'lokalvalget-2023.programme'));
    const published = await client.nextDiagnostics(uri, from);
    assert.equal(published.version, 1);
    assert.deepEqual(published.diagnostics.filter((d) => d.severity === 1 || d.severity === 2).map(brief), []);
    for (const d of published.diagnostics) assert.equal(d.source, 'programme');
  });

  it('publishes a skipped measure number as measure-numbering on its line, with its data', async function () {
    const from = client.diagnostics.length;
    await client.open(skippedPath());
    const published = await client.nextDiagnostics(skippedUri, from);
    assert.deepEqual(published.diagnostics, [
      {
        range: range(14, 0, 14, 2),
        severity: 1,
        code: 'measure-numbering',
        source: 'programme',
        message: 'Measure number 4 skips 3; expected 3 after 2 in pillar 1.',
        data: { expected: 3, escapable: false, id: '1.4' },
      },
    ]);
  });

  it('gives the outline as document symbols', async function () {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: skippedUri } });
    const shape = (s: DocumentSymbol): unknown => [s.name, s.kind, s.range.start.line, s.range.end.line, s.selectionRange.start.line, (s.children ?? []).map(shape)];
    assert.deepEqual(symbols.map(shape), [
      ['Innledning', 3, 4, 6, 4, []],
      [
        '1. Arbeid',
        2,
        8,
        14,
        8,
        [
          ['1.1 Skape flere jobber i hele landet.', 22, 10, 10, 10, []],
          ['1.2 Styrke lærlingordningen, se [[#jobber]].', 22, 12, 12, 12, []],
          ['1.4 Bygge ut bredbånd i distriktene.', 22, 14, 14, 14, []],
        ],
      ],
      [
        '2. Klima',
        2,
        16,
        20,
        16,
        [
          ['2.1 Kutte utslipp, som i [[1.2]] og …', 22, 18, 18, 18, []],
          ['2.2 Flytte godstrafikk til bane, etter [[1.4]].', 22, 20, 20, 20, []],
        ],
      ],
    ]);
    assert.deepEqual(symbols[1].selectionRange, range(8, 0, 8, 11));
    assert.equal(symbols[1].detail, '#arbeid');
  });

  it('hovers a reference with its target: id, pillar and full text', async function () {
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri: skippedUri }, position: pos(18, 26) });
    assert.deepEqual(h, {
      contents: { kind: 'markdown', value: '**Measure 1.2**\n\nIn pillar 1\\. Arbeid\n\nStyrke lærlingordningen, se \\[\\[\\#jobber\\]\\].' },
      range: range(18, 24, 18, 31),
    });
  });

  it('goes to the definition of a label reference', async function () {
    const locations = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: skippedUri }, position: pos(12, 34) });
    assert.deepEqual(locations, [{ uri: skippedUri, range: range(10, 37, 10, 46) }]);
  });

  it('finds the references of a measure, with and without its declaration', async function () {
    const withDeclaration = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: skippedUri },
      position: pos(10, 0),
      context: { includeDeclaration: true },
    });
    assert.deepEqual(withDeclaration, [
      { uri: skippedUri, range: range(10, 0, 10, 2) },
      { uri: skippedUri, range: range(12, 31, 12, 42) },
    ]);
    const without = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: skippedUri },
      position: pos(10, 0),
      context: { includeDeclaration: false },
    });
    assert.deepEqual(without, [{ uri: skippedUri, range: range(12, 31, 12, 42) }]);
  });

  it('renames a label and every reference to it', async function () {
    const prepared = await client.request('textDocument/prepareRename', { textDocument: { uri: skippedUri }, position: pos(10, 40) });
    assert.deepEqual(prepared, { range: range(10, 39, 10, 45), placeholder: 'jobber' });
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: skippedUri }, position: pos(12, 34), newName: 'arbeidsplasser' });
    assert.deepEqual(edit, {
      changes: {
        [skippedUri]: [
          { range: range(10, 39, 10, 45), newText: 'arbeidsplasser' },
          { range: range(12, 34, 12, 40), newText: 'arbeidsplasser' },
        ],
      },
    });
  });

  it('refuses to rename a measure number, with the reason as the error message', async function () {
    await assert.rejects(client.request('textDocument/prepareRename', { textDocument: { uri: skippedUri }, position: pos(10, 0) }), (error: Error) => {
      assert.equal(error.message, 'Only labels can be renamed; measure and pillar numbers change by renumbering (Programme: Renumber Document).');
      return true;
    });
  });

  it('offers the renumber source action, moving the measure and the reference to it', async function () {
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: skippedUri },
      range: range(14, 0, 14, 0),
      context: { diagnostics: [], only: ['source.programme.renumber.document'] },
    });
    assert.deepEqual(actions, [
      {
        title: 'Renumber the whole document',
        kind: 'source.programme.renumber.document',
        // The edit names the version it was made for: the client does not apply it to a newer text.
        edit: {
          documentChanges: [
            {
              textDocument: { uri: skippedUri, version: 1 },
              edits: [
                { range: range(14, 0, 14, 1), newText: '3' },
                { range: range(20, 40, 20, 43), newText: '1.3' },
              ],
            },
          ],
        },
      },
    ]);
  });

  it('offers renumbering as quick fixes on the measure-numbering diagnostic', async function () {
    const published = client.diagnostics.filter((p) => p.uri === skippedUri).at(-1)!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: skippedUri },
      range: range(14, 0, 14, 2),
      context: { diagnostics: published.diagnostics, only: ['quickfix'] },
    });
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind]),
      [
        ['Renumber measures in pillar 1', 'quickfix'],
        ['Renumber the whole document', 'quickfix'],
      ],
    );
    assert.deepEqual(actions[0].diagnostics, published.diagnostics);
  });

  it('renumbers the document with the server command through workspace/applyEdit, versioned', async function () {
    const result = await client.request('workspace/executeCommand', { command: 'programme.server.renumberDocument', arguments: [skippedUri] });
    assert.equal(result, null);
    const edit = await client.until('the applied edit', () => client.appliedEdits.at(-1));
    assert.deepEqual(edit, {
      documentChanges: [
        {
          textDocument: { uri: skippedUri, version: 1 },
          edits: [
            { range: range(14, 0, 14, 1), newText: '3' },
            { range: range(20, 40, 20, 43), newText: '1.3' },
          ] satisfies TextEdit[],
        },
      ],
    });
  });

  it('completes every measure, pillar and label after [[, with the text as documentation', async function () {
    const text = readFileSync(path.join(FIXTURES, 'skipped.programme'), 'utf8') + '\n3. Se også [[\n\n4. Og [[#\n';
    const uri = await client.open(path.join(root, 'completion.programme'), text);
    const items = await client.request<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri },
      position: pos(22, 13),
      context: { triggerKind: 2, triggerCharacter: '[' },
    });
    assert.deepEqual(
      items.map((i) => [i.label, i.detail, (i.textEdit as TextEdit).newText]),
      [
        ['1', 'Pillar 1. Arbeid', '1]]'],
        ['1.1', 'Measure 1.1', '1.1]]'],
        ['1.2', 'Measure 1.2', '1.2]]'],
        ['1.4', 'Measure 1.4', '1.4]]'],
        ['2', 'Pillar 2. Klima', '2]]'],
        ['2.1', 'Measure 2.1', '2.1]]'],
        ['2.2', 'Measure 2.2', '2.2]]'],
        ['2.3', 'Measure 2.3', '2.3]]'],
        ['2.4', 'Measure 2.4', '2.4]]'],
        ['#arbeid', 'Label on pillar 1. Arbeid', '#arbeid]]'],
        ['#jobber', 'Label on measure 1.1', '#jobber]]'],
      ],
    );
    assert.deepEqual(items[1], {
      label: '1.1',
      labelDetails: { description: 'Skape flere jobber i hele landet.' },
      kind: 20,
      detail: 'Measure 1.1',
      documentation: { kind: 'markdown', value: '**Measure 1.1** · \\#jobber\n\nIn pillar 1\\. Arbeid\n\nSkape flere jobber i hele landet.' },
      sortText: 'a000001',
      filterText: '1.1 Skape flere jobber i hele landet.',
      textEdit: { range: range(22, 13, 22, 13), newText: '1.1]]' },
    });
  });

  it('completes labels only after [[#', async function () {
    const uri = pathToFileURL(path.join(root, 'completion.programme')).toString();
    const items = await client.request<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri },
      position: pos(24, 9),
      context: { triggerKind: 2, triggerCharacter: '#' },
    });
    assert.deepEqual(items, [
      {
        label: '#arbeid',
        labelDetails: { description: 'pillar 1. Arbeid' },
        kind: 18,
        detail: 'Label on pillar 1. Arbeid',
        documentation: { kind: 'markdown', value: '**Pillar 1. Arbeid** · \\#arbeid\n\n3 measures' },
        sortText: 'b000000',
        filterText: '#arbeid',
        textEdit: { range: range(24, 8, 24, 9), newText: '#arbeid]]' },
      },
      {
        label: '#jobber',
        labelDetails: { description: 'measure 1.1' },
        kind: 18,
        detail: 'Label on measure 1.1',
        documentation: { kind: 'markdown', value: '**Measure 1.1** · \\#jobber\n\nIn pillar 1\\. Arbeid\n\nSkape flere jobber i hele landet.' },
        sortText: 'b000001',
        filterText: '#jobber',
        textEdit: { range: range(24, 8, 24, 9), newText: '#jobber]]' },
      },
    ]);
    await client.notify('textDocument/didClose', { textDocument: { uri } });
  });

  it('shows the current id after label references as inlay hints', async function () {
    const hints = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: skippedUri }, range: range(0, 0, 21, 0) });
    assert.deepEqual(
      hints.map((h) => [h.position, h.label, h.paddingLeft]),
      [
        [pos(12, 42), '1.1', true],
        [pos(18, 46), '1', true],
      ],
    );
  });

  it('puts "N references" code lenses on referenced items, opening the references view', async function () {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: skippedUri } });
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command?.title, l.command?.command]),
      [
        [8, '1 reference', 'programme.showReferences'],
        [10, '1 reference', 'programme.showReferences'],
        [12, '1 reference', 'programme.showReferences'],
        [14, '1 reference', 'programme.showReferences'],
      ],
    );
    assert.deepEqual(lenses[1].command?.arguments, [skippedUri, pos(10, 0), [{ uri: skippedUri, range: range(12, 31, 12, 42) }]]);
  });

  it('gives folding ranges for front matter, sections and pillars', async function () {
    const folds = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: skippedUri } });
    assert.deepEqual(folds, [
      { startLine: 0, endLine: 3 },
      { startLine: 4, endLine: 6 },
      { startLine: 8, endLine: 14 },
      { startLine: 16, endLine: 20 },
    ]);
  });

  it('gives selection ranges from a reference out to the document', async function () {
    const [selection] = await client.request<SelectionRange[]>('textDocument/selectionRange', { textDocument: { uri: skippedUri }, positions: [pos(18, 26)] });
    const chain: unknown[] = [];
    for (let s: SelectionRange | undefined = selection; s !== undefined; s = s.parent) chain.push(s.range);
    assert.deepEqual(chain, [range(18, 26, 18, 27), range(18, 26, 18, 29), range(18, 24, 18, 31), range(18, 0, 18, 47), range(16, 0, 20, 46), range(0, 0, 21, 0)]);
  });

  it('inserts the next number on Enter after a measure', async function () {
    const text = readFileSync(path.join(FIXTURES, 'skipped.programme'), 'utf8').replace('distriktene.', 'distriktene.\n');
    const uri = await client.open(path.join(root, 'enter.programme'), text);
    const edits = await client.request<TextEdit[]>('textDocument/onTypeFormatting', {
      textDocument: { uri },
      position: pos(15, 0),
      ch: '\n',
      options: { tabSize: 4, insertSpaces: true },
    });
    assert.deepEqual(edits, [{ range: range(15, 0, 15, 0), newText: '5. ' }]);
    await client.notify('textDocument/didClose', { textDocument: { uri } });
  });

  it('searches the workspace symbols of open documents and of files on disk, skipping node_modules', async function () {
    const unsaved = await client.open(path.join(root, 'unsaved.programme'), '# 1. Energi\n\n1. Bygge havvind i Nordsjøen.\n');
    const found = await client.request<WorkspaceSymbol[]>('workspace/symbol', { query: 'bredbånd' });
    assert.deepEqual(found.map((s) => [(s.location as Location).uri, s.name, s.containerName]).sort(), [
      [pathToFileURL(path.join(configuredDir(), 'skipped.programme')).toString(), '1.4 Bygge ut bredbånd i distriktene.', '1. Arbeid'],
      [skippedUri, '1.4 Bygge ut bredbånd i distriktene.', '1. Arbeid'],
    ]);
    const havvind = await client.request<WorkspaceSymbol[]>('workspace/symbol', { query: 'havvind' });
    assert.deepEqual(havvind.map((s) => [(s.location as Location).uri, s.name]), [[unsaved, '1.1 Bygge havvind i Nordsjøen.']]);
    assert.deepEqual(await client.request('workspace/symbol', { query: 'skjult' }), []);
    await client.notify('textDocument/didClose', { textDocument: { uri: unsaved } });
  });

  it('publishes diagnostics for the newest version only when changes come quickly', async function () {
    const text = readFileSync(path.join(FIXTURES, 'skipped.programme'), 'utf8');
    const uri = pathToFileURL(path.join(root, 'versions.programme')).toString();
    let from = client.diagnostics.length;
    await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'programme', version: 1, text } });
    await client.nextDiagnostics(uri, from);
    from = client.diagnostics.length;
    // Version 2 fixes the skipped number (1.4 becomes 1.3, so [[1.4]] no longer resolves); version 3
    // also makes 2.2 skip numbers.
    await Promise.all([
      client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: range(14, 0, 14, 1), text: '3' }] }),
      client.notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ range: range(20, 0, 20, 1), text: '5' }] }),
    ]);
    const published = await client.nextDiagnostics(uri, from);
    assert.equal(published.version, 3);
    assert.deepEqual(published.diagnostics.map(brief), [
      '20:0 1 measure-numbering Measure number 5 skips 2–4; expected 2 after 1 in pillar 2.',
      '20:38 1 unresolved-reference The reference "[[1.4]]" names measure 1.4, but pillar 1 has measures 1.1–1.3. Correct the number, or give the measure a label ("{#name}") and refer to that, which stays right when measures are renumbered.',
    ]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(
      client.diagnostics.slice(from).filter((p) => p.uri === uri).map((p) => p.version),
      [3],
    );
    from = client.diagnostics.length;
    await client.notify('textDocument/didClose', { textDocument: { uri } });
    assert.deepEqual((await client.nextDiagnostics(uri, from)).diagnostics, []);
  });

  it('imports a Markdown document with programme/import: the programme text, its figures and report', async function () {
    const uri = pathToFileURL(path.join(FIXTURES, 'import.md')).toString();
    const answer = await client.request<ImportResponse | null>(IMPORT_REQUEST, { uri } satisfies ImportParams);
    assert.ok(answer !== null && !('problem' in answer), JSON.stringify(answer));
    // The importer's own tests say what the text is; here: the pillars, in order, with their measures.
    assert.match(answer.text, /^# 1\. Arbeid og næring$[\s\S]*^1\. Gi gründere et kontor i rådhuset\.$[\s\S]*^# 2\. Skole$[\s\S]*^3\. Pusse opp gymsalen\.$/m);
    assert.deepEqual([answer.summary.pillars, answer.summary.measures], [2, [2, 3]]);
    assert.equal(typeof answer.message, 'string');
    assert.ok(answer.message.length > 0);
    assert.ok(Array.isArray(answer.report) && answer.report.every((line) => typeof line === 'string'));
  });

  it('answers programme/import for a missing file with the problem, naming the file', async function () {
    const file = path.join(root, 'no-such-document.docx');
    const answer = await client.request<ImportResponse | null>(IMPORT_REQUEST, { uri: pathToFileURL(file).toString() });
    assert.deepEqual(answer, { problem: { code: 'unreadable-file', message: `${file}: cannot read the file (no such file; if it is a link, what it points to is missing).` } });
  });

  it('refuses programme/import for a URI that is not a file', async function () {
    await assert.rejects(client.request(IMPORT_REQUEST, { uri: 'untitled:Untitled-1' }), (error: { code?: number }) => error.code === -32602);
  });

  it('answers programme/preview with the HTML of the newest version, its blocks marked with their source lines', async function () {
    const text = '---\ntitle: Fjordvik\nlang: nb\n---\n# 1. Arbeid\n\n1. Gi alle arbeid.\n';
    const uri = await client.open(path.join(root, 'preview.programme'), text);
    const first = await client.request<PreviewResponse>(PREVIEW_REQUEST, { uri, version: 1 } satisfies PreviewParams);
    assert.ok(first !== null);
    assert.deepEqual([first.version, first.lang, first.title], [1, 'nb', 'Fjordvik']);
    assert.match(first.body, /<li [^>]*id="tiltak-1-1"[^>]* data-line="6" data-end-line="6"[^>]*>[\s\S]*Gi alle arbeid\.[\s\S]*<\/li>/);
    // Two changes, then a request that names the older one: the answer is the newest version's.
    await client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: range(6, 17, 6, 17), text: ' og bolig' }] });
    await client.notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ range: range(6, 26, 6, 26), text: ' nær sentrum' }] });
    const newest = await client.request<PreviewResponse>(PREVIEW_REQUEST, { uri, version: 2 } satisfies PreviewParams);
    assert.equal(newest?.version, 3);
    assert.ok(newest.body.includes('Gi alle arbeid og bolig nær sentrum.'), newest.body);
    await client.notify('textDocument/didClose', { textDocument: { uri } });
    assert.equal(await client.request(PREVIEW_REQUEST, { uri }), null);
  });

  it('answers programme/export with text for HTML, Markdown and JSON and base64 for Word, and refuses other formats', async function () {
    const uri = await client.open(path.join(root, 'export.programme'), readFileSync(EXAMPLE, 'utf8'));
    for (const format of ['html', 'md', 'json'] as const) {
      const answer = await client.request<ExportResponse>(EXPORT_REQUEST, { uri, format } satisfies ExportParams);
      assert.ok(answer !== null && 'text' in answer, `${format}: ${JSON.stringify(answer)?.slice(0, 200)}`);
      assert.ok(answer.text.length > 0 && answer.text.includes('Valgseier i lokalvalget 2023'), format);
    }
    const docx = await client.request<ExportResponse>(EXPORT_REQUEST, { uri, format: 'docx' } satisfies ExportParams);
    assert.ok(docx !== null && 'data' in docx, JSON.stringify(docx)?.slice(0, 200));
    assert.equal(Buffer.from(docx.data, 'base64').toString('base64'), docx.data);
    await assert.rejects(client.request(EXPORT_REQUEST, { uri, format: 'pdf' }), (error: { code?: number }) => error.code === -32602);
    await client.notify('textDocument/didClose', { textDocument: { uri } });
    assert.equal(await client.request(EXPORT_REQUEST, { uri, format: 'md' } satisfies ExportParams), null);
  });

  it('answers requests on documents that are not open with empty results, not errors', async function () {
    const uri = pathToFileURL(path.join(root, 'not-open.programme')).toString();
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: pos(0, 0) }), null);
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri } }), []);
    assert.deepEqual(await client.request('textDocument/definition', { textDocument: { uri }, position: pos(0, 0) }), []);
  });

  it('answers positions past the end of the document without failing', async function () {
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: skippedUri }, position: pos(999, 5) }), null);
  });

  describe('configuration', function () {
    const configFile = () => path.join(configuredDir(), '.programmerc.json');
    const configUri = () => pathToFileURL(configFile()).toString();
    const configuredUri = () => pathToFileURL(path.join(configuredDir(), 'skipped.programme')).toString();

    it('reports a broken .programmerc.json on the config file and uses the defaults', async function () {
      writeFileSync(configFile(), '{\n  "rules": {\n    "measure-numbering": "warning",\n  }\n');
      const from = client.diagnostics.length;
      await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri(), type: 1 }] });
      await client.open(path.join(configuredDir(), 'skipped.programme'));
      const onConfig = await client.nextDiagnostics(configUri(), from);
      assert.deepEqual(onConfig.diagnostics, [
        {
          range: range(2, 34, 2, 35),
          severity: 1,
          code: 'config',
          source: 'programme',
          message: 'Configuration error: a comma after the last entry is not allowed in JSON. Remove it. The defaults apply until it is fixed.',
        },
      ]);
      const onDocument = await client.nextDiagnostics(configuredUri(), from);
      assert.deepEqual(onDocument.diagnostics.map(brief), ['14:0 1 measure-numbering Measure number 4 skips 3; expected 3 after 2 in pillar 1.']);
    });

    it('checks open documents again when the config file is fixed, and clears its diagnostics', async function () {
      writeFileSync(configFile(), '{\n  "rules": {\n    "measure-numbering": "warning"\n  }\n}\n');
      const from = client.diagnostics.length;
      await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri(), type: 2 }] });
      assert.deepEqual((await client.nextDiagnostics(configUri(), from)).diagnostics, []);
      const onDocument = await client.nextDiagnostics(configuredUri(), from, (p) => p.diagnostics.every((d) => d.severity === 2));
      assert.deepEqual(onDocument.diagnostics.map(brief), ['14:0 2 measure-numbering Measure number 4 skips 3; expected 3 after 2 in pillar 1.']);
    });

    it('applies the client settings, with the config file winning code by code', async function () {
      client.settings = { rules: { 'measure-numbering': 'off', 'unused-label': 'off' }, measureNumbering: 'per-pillar', similarity: { threshold: 0.7 }, trace: { server: 'off' } };
      const from = client.diagnostics.length;
      await client.notify('workspace/didChangeConfiguration', { settings: null });
      const plain = await client.nextDiagnostics(skippedUri, from);
      assert.deepEqual(plain.diagnostics, []);
      const configured = await client.nextDiagnostics(configuredUri(), from);
      assert.deepEqual(configured.diagnostics.map(brief), ['14:0 2 measure-numbering Measure number 4 skips 3; expected 3 after 2 in pillar 1.']);
      client.settings = {};
      const reset = client.diagnostics.length;
      await client.notify('workspace/didChangeConfiguration', { settings: null });
      await client.nextDiagnostics(skippedUri, reset, (p) => p.diagnostics.length === 1);
    });

    it('reports a value that does not fit the schema at the value, and clears it when the file is deleted', async function () {
      writeFileSync(configFile(), '{ "rules": { "measure-numbering": "of" } }');
      let from = client.diagnostics.length;
      await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri(), type: 2 }] });
      // A check still running from the test before may read the file half-written (empty); the change
      // notification makes the server read it again, and that is the report awaited here.
      const settled = (p: PublishDiagnosticsParams) => !p.diagnostics.some((d) => d.message.includes('the file is empty'));
      assert.deepEqual((await client.nextDiagnostics(configUri(), from, settled)).diagnostics.map(brief), [
        '0:34 1 config Configuration error at rules.measure-numbering: "of" is not a level (did you mean "off"?); use "error", "warning", "information", "hint" or "off". The defaults apply until it is fixed.',
      ]);
      await client.nextDiagnostics(configuredUri(), from);
      rmSync(configFile());
      from = client.diagnostics.length;
      await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri(), type: 3 }] });
      assert.deepEqual((await client.nextDiagnostics(configUri(), from)).diagnostics, []);
    });
  });
});

describe('the language server in other languages (programme.language)', function () {
  let client: TestClient;
  let root: string;
  const nynorsk = '---\ntitle: Skule\nlang: nn\n---\n\n# 1. Skule\n\n1. Tilsetje fleire lærarar.\n\n3. Byggje nye skular.\n';
  const plain = '# 1. Skule\n\n1. Tilsetje fleire lærarar.\n\n3. Byggje nye skular.\n';
  /** The messages the analysis gives `text` in `language`, as the server should publish them. */
  const messagesIn = (language: Language, text: string) => inLanguage(language, () => analyse(text).diagnostics.map((d) => d.message));

  before(async function () {
    root = mkdtempSync(path.join(os.tmpdir(), 'programme-lsp-l10n-'));
    client = TestClient.stdio();
    client.settings = { language: 'nn' };
    await client.initialize(root);
  });
  after(function () {
    client.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it('publishes the diagnostics in Nynorsk when programme.language is nn, and the hover too', async function () {
    const file = path.join(root, 'utan-lang.programme');
    writeFileSync(file, plain);
    const from = client.diagnostics.length;
    const uri = await client.open(file);
    const published = await client.nextDiagnostics(uri, from);
    const want = messagesIn('nn', plain);
    assert.deepEqual(published.diagnostics.map((d) => d.message), want);
    assert.notDeepEqual(want, messagesIn('en', plain));
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: pos(4, 0) });
    const p = analyse(plain).programme;
    assert.deepEqual(h, inLanguage('nn', () => hover(p, pos(4, 0))));
  });

  it('with auto, follows the lang of the programme; a change of the setting publishes again in the new language', async function () {
    client.settings = { language: 'auto' };
    let from = client.diagnostics.length;
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    const file = path.join(root, 'nynorsk.programme');
    writeFileSync(file, nynorsk);
    const uri = await client.open(file);
    const published = await client.nextDiagnostics(uri, from);
    assert.deepEqual(published.diagnostics.map((d) => d.message), messagesIn('nn', nynorsk));
    client.settings = { language: 'de' };
    from = client.diagnostics.length;
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    const again = await client.nextDiagnostics(uri, from);
    assert.deepEqual(again.diagnostics.map((d) => d.message), messagesIn('de', nynorsk));
    assert.notDeepEqual(messagesIn('de', nynorsk), messagesIn('nn', nynorsk));
  });
});

describe('the language server process', function () {
  let root: string;
  before(function () {
    root = mkdtempSync(path.join(os.tmpdir(), 'programme-lsp-'));
  });
  after(function () {
    rmSync(root, { recursive: true, force: true });
  });

  it('shuts down and exits with code 0 on shutdown then exit', async function () {
    const client = TestClient.stdio();
    try {
      await client.initialize(root);
      assert.equal(await client.request('shutdown', null), null);
      await client.notify('exit', null);
      assert.equal(await client.exitCode(), 0);
    } finally {
      client.dispose();
    }
  });

  it('runs over node IPC, as the VS Code extension starts it', async function () {
    const client = TestClient.ipc();
    try {
      const init = await client.initialize(root);
      assert.equal(init.serverInfo?.name, 'programme-language-server');
      const from = client.diagnostics.length;
      const uri = await client.open(path.join(root, 'ipc.programme'), '# 1. Arbeid\n\n2. Feil nummer.\n');
      const published = await client.nextDiagnostics(uri, from);
      assert.deepEqual(published.diagnostics.map(brief), ['2:0 1 measure-numbering Measure number 2 should be 1, as the first in pillar 1.']);
    } finally {
      client.dispose();
    }
  });
});

describe('the language server over a socket', function () {
  it('connects to the port given with --socket and answers initialize', async function () {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    const accepted = new Promise<net.Socket>((resolve) => server.once('connection', resolve));
    const proc = spawn(process.execPath, [SERVER, `--socket=${port}`], { stdio: 'ignore' });
    track(proc);
    const socket = await accepted;
    const connection = createMessageConnection(new SocketMessageReader(socket), new SocketMessageWriter(socket));
    connection.listen();
    try {
      const result = (await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} })) as InitializeResult;
      assert.equal(result.serverInfo?.name, 'programme-language-server');
    } finally {
      connection.dispose();
      socket.destroy();
      proc.kill();
      server.close();
    }
  });
});

describe('the language server helpers', function () {
  it('reads the client settings, leaving out values that do not fit and keeping the rest', function () {
    assert.deepEqual(readSettings({ rules: { 'measure-numbering': 'of', 'unused-label': 'off' }, measureNumbering: 'per-section', similarity: { threshold: 2 }, trace: { server: 'verbose' } }), {
      config: { rules: { 'unused-label': 'off' }, measureNumbering: 'per-section', similarity: {} },
      problems: [
        'Setting "programme.rules.measure-numbering" is left out: "of" is not a level (did you mean "off"?); use "error", "warning", "information", "hint" or "off".',
        'Setting "programme.similarity.threshold" is left out: the threshold must be a number from 0 to 1, such as 0.7; found 2 (for 2 %, write 0.02).',
      ],
    });
    assert.deepEqual(readSettings(null), { config: {}, problems: [] });
    assert.deepEqual(readSettings('error'), { config: {}, problems: ['The "programme" settings are not an object; the defaults are used.'] });
  });

  it('reads a config file again, and reports it again, when the language of its messages changes', async function () {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'programme-store-'));
    try {
      writeFileSync(path.join(dir, '.programmerc.json'), '{"measureNumbering": 1}');
      let language: Language = 'en';
      const reports: ConfigFileState[] = [];
      const store = new ConfigStore({ pullSettings: () => undefined, log: () => {}, report: (state) => reports.push(state), language: () => language });
      const uri = URI.file(path.join(dir, 'x.programme')).toString();
      await store.configFor(uri);
      await store.configFor(uri);
      assert.equal(reports.length, 1);
      assert.match(reports[0].diagnostics[0].message, /^Configuration error at measureNumbering: 1 is not a numbering mode/);
      language = 'nb';
      await store.configFor(uri);
      assert.equal(reports.length, 2);
      await store.configFor(uri);
      assert.equal(reports.length, 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lets the config file win over the settings key by key, and rule code by rule code', function () {
    const settings: Config = { rules: { 'measure-numbering': 'off', 'unused-label': 'off' }, measureNumbering: 'per-pillar', similarity: { threshold: 0.5 } };
    assert.deepEqual(mergeConfig(settings, { rules: { 'measure-numbering': 'warning' }, measureNumbering: 'continuous' }), {
      rules: { 'measure-numbering': 'warning', 'unused-label': 'off' },
      measureNumbering: 'continuous',
      similarity: { threshold: 0.5 },
    });
    assert.deepEqual(mergeConfig(settings, undefined), settings);
    // The printed draft's width and numbering come from the file (the settings have none).
    assert.deepEqual(mergeConfig({}, { lineWidth: 60, lineNumbering: 'pillar' }), { lineWidth: 60, lineNumbering: 'pillar' });
    assert.notEqual(configKey({ lineWidth: 60 }), configKey({}));
    assert.equal(configKey({ rules: { a: 'off', b: 'hint' } as Config['rules'] }), configKey({ rules: { b: 'hint', a: 'off' } as Config['rules'] }));
  });

  it('converts a diagnostic to LSP with source, code, related information, data and the unused tag', function () {
    const text = '# 1. Arbeid {#arbeid}\n\n1. Tiltak.\n';
    const lines = new LineIndex(text);
    assert.deepEqual(
      toLspDiagnostic(
        { code: 'unused-label', severity: 'hint', message: 'Nothing refers to the label "arbeid".', span: { start: 12, end: 21 }, related: [{ span: { start: 23, end: 25 }, message: 'here' }], data: { label: 'arbeid' } },
        lines,
        'file:///a.programme',
      ),
      {
        range: range(0, 12, 0, 21),
        severity: 4,
        code: 'unused-label',
        source: 'programme',
        message: 'Nothing refers to the label "arbeid".',
        tags: [1],
        relatedInformation: [{ location: { uri: 'file:///a.programme', range: range(2, 0, 2, 2) }, message: 'here' }],
        data: { label: 'arbeid' },
      },
    );
  });

  it('flattens document symbols for clients without hierarchical symbols', function () {
    const symbol = (name: string, line: number, children?: DocumentSymbol[]): DocumentSymbol => ({ name, kind: 2, range: range(line, 0, line, 5), selectionRange: range(line, 0, line, 2), children });
    assert.deepEqual(flattenSymbols([symbol('1. Arbeid', 0, [symbol('1.1 Tiltak', 2)])], 'file:///a.programme'), [
      { name: '1. Arbeid', kind: 2, location: { uri: 'file:///a.programme', range: range(0, 0, 0, 5) } },
      { name: '1.1 Tiltak', kind: 2, location: { uri: 'file:///a.programme', range: range(2, 0, 2, 5) }, containerName: '1. Arbeid' },
    ]);
  });

  it('stops reading workspace files when the search is cancelled, keeping the open documents', async function () {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'programme-ws-'));
    try {
      writeFileSync(path.join(dir, 'a.programme'), '# 1. A\n\n1. Tiltak.\n');
      writeFileSync(path.join(dir, 'b.programme'), '# 1. B\n\n1. Tiltak.\n');
      const read: string[] = [];
      const index = new WorkspaceIndex(async (uri, text, language, vocabulary: Vocabulary) => {
        read.push(path.basename(uri));
        return inLanguage(language, () => symbolTable(analyse(text).programme, vocabulary));
      });
      index.setFolders([pathToFileURL(dir).toString()]);
      const searchWithOpen = async (cancelled: () => boolean) => {
        const search = new SymbolSearch('tiltak', index.vocabulary);
        search.add('untitled:Untitled-1', symbolTable(analyse('# 1. C\n\n1. Tiltak.\n').programme, index.vocabulary));
        const run = await index.search(search, new Set(['untitled:Untitled-1']), 'en', cancelled);
        return { run, uris: search.results().map((s) => path.basename((s.location as Location).uri)) };
      };
      assert.deepEqual(await searchWithOpen(() => true), { run: { complete: false, indexed: 0 }, uris: ['untitled:Untitled-1'] });
      assert.deepEqual(read, []);
      assert.deepEqual(await searchWithOpen(() => false), { run: { complete: true, indexed: 2 }, uris: ['untitled:Untitled-1', 'a.programme', 'b.programme'] });
      assert.deepEqual(read, ['a.programme', 'b.programme']);
      assert.deepEqual((await searchWithOpen(() => false)).run, { complete: true, indexed: 0 });
      assert.deepEqual(read, ['a.programme', 'b.programme'], 'unchanged files are not read again');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
