/**
 * The VS Code extension: starts the programme language server (`server/dist/server.cjs`, over node IPC)
 * for `programme` documents and `programme-amendments` documents (`*.amendments`, docs/amendments.md), keeps the `programme.*` settings in sync with it, and adds the commands
 * "Programme: Renumber Document", "Programme: Import Document…" and "Programme: Restart Language
 * Server", "Programme: Open Preview to the Side" and "Programme: Export…", and the command behind the
 * "N references" code lenses.
 *
 * Import: the command asks for a Word, PDF, Markdown or text file, sends the server `programme/import`
 * (server/src/lsp/importProtocol.ts) and opens the programme it answers as a new untitled document
 * beside the original (a Markdown or text original is opened first, in the active column); the
 * summary is shown as a message and the report written to the output channel "Programme" (in
 * the Output panel).
 *
 * Preview and export (preview.ts, export.ts): "Programme: Open Preview to the Side" shows the
 * programme as it will be printed beside the editor, following it as you type and scroll; "Programme:
 * Export…" writes it as a web page, a Word document, Markdown or JSON. The server makes both
 * (`programme/preview`, `programme/export`: server/src/lsp/exportProtocol.ts).
 *
 * Command ids: the server's own command is `programme.server.renumberDocument` (vscode-languageclient
 * registers it from the server's `executeCommandProvider`); the client's palette command
 * `programme.renumberDocument` asks the server to run it for the active editor's document.
 *
 * Language: VS Code has no Norwegian language pack, so `vscode.l10n` would give English to a
 * Norwegian user. The client's few messages use `@vscode/l10n` with its own bundles (client/l10n/),
 * chosen as the server chooses (`programme.language`; for `auto`, the active programme's `lang`,
 * then VS Code's display language, then English). The manifest's texts are in package.nls*.json.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';
import { BUNDLES, editorLanguage, languageOfTag, type Language, type LanguageSetting } from './l10n';
import { IMPORT_REQUEST, type ImportParams, type ImportResponse } from '../../server/src/lsp/importProtocol';
import { EXPORT_REQUEST, PREVIEW_REQUEST, type ExportParams, type ExportResponse, type PreviewParams, type PreviewResponse } from '../../server/src/lsp/exportProtocol';
import { ProgrammePreviews } from './preview';
import { exportCommand } from './export';
import { askServer } from './request';
import { ExecuteCommandRequest, LanguageClient, TransportKind, type LanguageClientOptions, type Location, type Position, type ServerOptions } from 'vscode-languageclient/node';

/** The client's id: also the prefix of its settings (`programme.trace.server`). */
export const CLIENT_ID = 'programme';

/** Command ids contributed by the extension (package.json) or used by the server's code lenses. */
export const COMMANDS = {
  renumberDocument: 'programme.renumberDocument',
  importDocument: 'programme.importDocument',
  restartServer: 'programme.restartServer',
  showReferences: 'programme.showReferences',
  showPreviewToSide: 'programme.showPreviewToSide',
  export: 'programme.export',
} as const;

/** The server-side command that renumbers a document (arguments: `[uri]`). */
export const SERVER_RENUMBER_COMMAND = 'programme.server.renumberDocument';

let client: LanguageClient | undefined;

/** The output channel "Programme" (the import reports), made when first needed. */
let output: vscode.OutputChannel | undefined;

/** The extensions of the formats the import reads whose original is text, and opened beside the result. */
const TEXT_EXTENSIONS = ['md', 'markdown', 'txt'];

/** Starts the language client and registers the commands. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('server', 'dist', 'server.cjs'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'programme', scheme: 'file' },
      { language: 'programme', scheme: 'untitled' },
      // Amendment files (docs/amendments.md): checked against the programme they name.
      { language: 'programme-amendments', scheme: 'file' },
      { language: 'programme-amendments', scheme: 'untitled' },
    ],
    synchronize: { configurationSection: 'programme' },
  };
  const languageClient = new LanguageClient(CLIENT_ID, 'Programme Language Server', serverOptions, clientOptions);
  client = languageClient;

  const asUri = (document: vscode.TextDocument) => languageClient.code2ProtocolConverter.asUri(document.uri);
  const previews = new ProgrammePreviews(
    context.extensionUri,
    (document, params) => languageClient.sendRequest<PreviewResponse>(PREVIEW_REQUEST, { ...params, uri: asUri(document) } satisfies PreviewParams),
    (document, error) => {
      const why = error instanceof Error ? error.message : String(error);
      useLanguage(document);
      void vscode.window.showErrorMessage(l10n.t('The preview of {0} could not be updated ({1}). Try "Programme: Restart Language Server".', path.posix.basename(document.uri.path), why));
    },
  );

  context.subscriptions.push(
    previews,
    vscode.commands.registerCommand(COMMANDS.showPreviewToSide, async (uri?: vscode.Uri) => {
      const editor = vscode.window.activeTextEditor;
      const document = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : editor?.document;
      useLanguage(document);
      if (document === undefined || document.languageId !== 'programme') {
        void vscode.window.showInformationMessage(l10n.t('Open a programme (a *.programme file) to preview it.'));
        return;
      }
      const column = vscode.window.visibleTextEditors.find((e) => e.document === document)?.viewColumn ?? editor?.viewColumn;
      previews.show(document, column);
    }),
    vscode.commands.registerCommand(COMMANDS.export, async (uri?: vscode.Uri) => {
      const document = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
      useLanguage(document);
      await exportCommand((d, format) => languageClient.sendRequest<ExportResponse>(EXPORT_REQUEST, { uri: asUri(d), format } satisfies ExportParams), document);
    }),
    vscode.commands.registerCommand(COMMANDS.renumberDocument, async () => {
      const editor = vscode.window.activeTextEditor;
      useLanguage(editor?.document);
      if (editor === undefined || editor.document.languageId !== 'programme') {
        void vscode.window.showInformationMessage(l10n.t('Open a programme (a *.programme file) to renumber it.'));
        return;
      }
      try {
        await languageClient.sendRequest(ExecuteCommandRequest.type, {
          command: SERVER_RENUMBER_COMMAND,
          arguments: [languageClient.code2ProtocolConverter.asUri(editor.document.uri)],
        });
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        void vscode.window.showErrorMessage(l10n.t('The document could not be renumbered ({0}). Try "Programme: Restart Language Server".', why));
      }
    }),
    vscode.commands.registerCommand(COMMANDS.importDocument, async () => {
      useLanguage(vscode.window.activeTextEditor?.document);
      await importDocument(languageClient);
    }),
    vscode.commands.registerCommand(COMMANDS.restartServer, async () => {
      await languageClient.restart();
    }),
    vscode.commands.registerCommand(COMMANDS.showReferences, async (uri: string, position: Position, locations: Location[]) => {
      const p2c = languageClient.protocol2CodeConverter;
      await vscode.commands.executeCommand('editor.action.showReferences', p2c.asUri(uri), p2c.asPosition(position), locations.map((l) => p2c.asLocation(l)));
    }),
  );

  await languageClient.start();
}

/**
 * "Programme: Import Document…": asks for the file, has the server import it, and opens the result
 * beside the original (see the module comment).
 */
async function importDocument(languageClient: LanguageClient): Promise<void> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    canSelectFiles: true,
    canSelectFolders: false,
    openLabel: l10n.t('Import'),
    title: l10n.t('Import a document as a programme'),
    filters: {
      [l10n.t('Documents')]: ['docx', 'pdf', 'md', 'markdown', 'txt'],
      'Word (.docx)': ['docx'],
      'PDF (.pdf)': ['pdf'],
      'Markdown (.md)': ['md', 'markdown'],
      [l10n.t('Text (.txt)')]: ['txt'],
    },
  });
  const uri = picked?.[0];
  if (uri === undefined) return;
  const name = path.basename(uri.fsPath);
  const params: ImportParams = { uri: languageClient.code2ProtocolConverter.asUri(uri) };
  const answer = await askServer(l10n.t('Importing {0}…', name), () => languageClient.sendRequest<ImportResponse | null>(IMPORT_REQUEST, params), {
    failed: (why) => l10n.t('{0} could not be imported ({1}). Try "Programme: Restart Language Server".', name, why),
    unanswered: () => l10n.t('{0} could not be imported. The Output panel, under "Programme Language Server", says why.', name),
  });
  if (answer === undefined) return;
  if ('problem' in answer) {
    void vscode.window.showErrorMessage(l10n.t('{0} could not be imported: {1}', name, answer.problem.message));
    return;
  }
  const extension = path.extname(uri.fsPath).slice(1).toLowerCase();
  if (TEXT_EXTENSIONS.includes(extension)) {
    await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Active, preview: false });
  }
  const result = await vscode.workspace.openTextDocument({ language: 'programme', content: answer.text });
  await vscode.window.showTextDocument(result, { viewColumn: TEXT_EXTENSIONS.includes(extension) ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active, preview: false });
  useLanguage(result);
  if (answer.report.length > 0) {
    output ??= vscode.window.createOutputChannel('Programme');
    output.appendLine(l10n.t('Import of {0}: {1}', uri.fsPath, answer.message));
    for (const line of answer.report) output.appendLine(line);
    output.appendLine('');
  }
  if (answer.summary.review === 0) {
    void vscode.window.showInformationMessage(l10n.t('{0} imported. {1}', name, answer.message));
    return;
  }
  const showReport = l10n.t('Show the Report');
  const chosen = await vscode.window.showInformationMessage(l10n.t('{0} imported. {1} The report is in the Output panel, under "Programme".', name, answer.message), showReport);
  if (chosen === showReport) output?.show(true);
}

/**
 * Makes the client's messages from now on in the language for `document` (the active programme): the
 * `programme.language` setting, else the programme's `lang`, else VS Code's display language.
 */
function useLanguage(document: vscode.TextDocument | undefined): Language {
  const setting = vscode.workspace.getConfiguration('programme').get<string>('language');
  const chosen: LanguageSetting | undefined = setting === 'auto' ? 'auto' : languageOfTag(setting);
  const own = document?.languageId === 'programme' || document?.languageId === 'programme-amendments';
  const language = editorLanguage(chosen, own ? document.getText() : '', vscode.env.language);
  l10n.config({ contents: BUNDLES[language] });
  return language;
}

/** Stops the language client (and with it the server). */
export async function deactivate(): Promise<void> {
  if (client !== undefined) await client.stop();
  client = undefined;
  output?.dispose();
  output = undefined;
}
