/**
 * The VS Code extension: starts the programme language server (`server/dist/server.cjs`, over node IPC)
 * for `programme` documents, keeps the `programme.*` settings in sync with it, and adds the commands
 * "Programme: Renumber Document" and "Programme: Restart Language Server", and the command behind the
 * "N references" code lenses.
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
import { ExecuteCommandRequest, LanguageClient, TransportKind, type LanguageClientOptions, type Location, type Position, type ServerOptions } from 'vscode-languageclient/node';

/** The client's id: also the prefix of its settings (`programme.trace.server`). */
export const CLIENT_ID = 'programme';

/** Command ids contributed by the extension (package.json) or used by the server's code lenses. */
export const COMMANDS = {
  renumberDocument: 'programme.renumberDocument',
  restartServer: 'programme.restartServer',
  showReferences: 'programme.showReferences',
} as const;

/** The server-side command that renumbers a document (arguments: `[uri]`). */
export const SERVER_RENUMBER_COMMAND = 'programme.server.renumberDocument';

let client: LanguageClient | undefined;

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
    ],
    synchronize: { configurationSection: 'programme' },
  };
  const languageClient = new LanguageClient(CLIENT_ID, 'Programme Language Server', serverOptions, clientOptions);
  client = languageClient;

  context.subscriptions.push(
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
 * Makes the client's messages from now on in the language for `document` (the active programme): the
 * `programme.language` setting, else the programme's `lang`, else VS Code's display language.
 */
function useLanguage(document: vscode.TextDocument | undefined): Language {
  const setting = vscode.workspace.getConfiguration('programme').get<string>('language');
  const chosen: LanguageSetting | undefined = setting === 'auto' ? 'auto' : languageOfTag(setting);
  const language = editorLanguage(chosen, document?.languageId === 'programme' ? document.getText() : '', vscode.env.language);
  l10n.config({ contents: BUNDLES[language] });
  return language;
}

/** Stops the language client (and with it the server). */
export async function deactivate(): Promise<void> {
  if (client !== undefined) await client.stop();
  client = undefined;
}
