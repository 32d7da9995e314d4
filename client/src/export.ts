/**
 * "Programme: Export…": the programme as a web page, a Word document, Markdown or JSON, in a file you
 * choose. A quick pick asks for the format, a save dialog for the file (the programme's name with the
 * format's extension, beside it); the server makes the file from the document as it is in the editor,
 * saved or not (`programme/export`, server/src/lsp/exportProtocol.ts), VS Code writes it, and a message
 * offers to open it.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';
import { EXPORT_EXTENSIONS, EXPORT_FORMATS, type ExportFormat } from '../../server/src/export/formats';
import type { ExportResponse } from '../../server/src/lsp/exportProtocol';
import { askServer } from './request';

/** Asks the server for the export of a document (`programme/export`). */
export type ExportRequester = (document: vscode.TextDocument, format: ExportFormat) => Promise<ExportResponse>;

/** A format as the quick pick offers it. */
interface FormatItem extends vscode.QuickPickItem {
  format: ExportFormat;
}

/** The words for each format: its name in the quick pick and the save dialog, and what it is for. */
function formatItems(): FormatItem[] {
  const words: Record<ExportFormat, { label: string; detail: string }> = {
    html: { label: l10n.t('Web page'), detail: l10n.t('One self-contained page with a link to every measure, to publish or to print.') },
    docx: { label: l10n.t('Word document'), detail: l10n.t('For the office and the printer: headings, numbered measures and a table of contents that Word keeps up to date.') },
    md: { label: 'Markdown', detail: l10n.t('For GitHub and other websites that show Markdown.') },
    json: { label: 'JSON', detail: l10n.t('The programme as data, for websites and other tools.') },
  };
  return EXPORT_FORMATS.map((format) => ({ format, label: words[format].label, description: EXPORT_EXTENSIONS[format], detail: words[format].detail }));
}

/** The file the save dialog proposes: the programme's name with `extension`, in its folder (an unsaved one: the workspace's or the home folder). */
function proposedFile(document: vscode.TextDocument, extension: string): vscode.Uri {
  const base = path.posix.basename(document.uri.path).replace(/\.programme$/i, '');
  if (!document.isUntitled) return document.uri.with({ path: path.posix.join(path.posix.dirname(document.uri.path), base + extension) });
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
  return vscode.Uri.joinPath(folder, base + extension);
}

/**
 * Runs "Programme: Export…" for `document` (the active editor's, or the one a menu named); says so when
 * it is none or not a programme. Every failure is told in a message.
 */
export async function exportCommand(request: ExportRequester, document: vscode.TextDocument | undefined): Promise<void> {
  if (document === undefined || document.languageId !== 'programme') {
    void vscode.window.showInformationMessage(l10n.t('Open a programme (a *.programme file) to export it.'));
    return;
  }
  const name = path.posix.basename(document.uri.path);
  const picked = await vscode.window.showQuickPick(formatItems(), { title: l10n.t('Export {0}', name), placeHolder: l10n.t('Choose the format') });
  if (picked === undefined) return;
  const extension = EXPORT_EXTENSIONS[picked.format];
  const target = await vscode.window.showSaveDialog({
    defaultUri: proposedFile(document, extension),
    filters: { [`${picked.label} (${extension})`]: [extension.slice(1)] },
    saveLabel: l10n.t('Export'),
    title: l10n.t('Export {0} as {1}', name, picked.label),
  });
  if (target === undefined) return;
  const targetName = path.posix.basename(target.path);
  const answer = await askServer(l10n.t('Exporting {0}…', name), () => request(document, picked.format), {
    failed: (why) => l10n.t('{0} could not be exported ({1}). Try "Programme: Restart Language Server".', name, why),
    unanswered: () => l10n.t('{0} could not be exported. The Output panel, under "Programme Language Server", says why.', name),
  });
  if (answer === undefined) return;
  const bytes = 'data' in answer ? Buffer.from(answer.data, 'base64') : new TextEncoder().encode(answer.text);
  try {
    await vscode.workspace.fs.writeFile(target, bytes);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(l10n.t('{0} could not be written ({1}).', targetName, why));
    return;
  }
  const open = l10n.t('Open');
  const chosen = await vscode.window.showInformationMessage(l10n.t('{0} exported to {1}.', name, targetName), open);
  if (chosen !== open) return;
  // Markdown and JSON are text to read in the editor; a web page opens in the browser, a Word document in Word.
  if (picked.format === 'md' || picked.format === 'json') await vscode.window.showTextDocument(target, { preview: false });
  else await vscode.env.openExternal(target);
}

