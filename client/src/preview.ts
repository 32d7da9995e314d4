/**
 * "Programme: Open Preview to the Side": the programme as it will be printed, in a webview beside the
 * editor, following the editor as VS Code's Markdown preview does.
 *
 * - One panel per document, titled "Preview <file name>"; asking again for the same document shows its
 *   panel. The page (previewPage.ts) holds what the server makes of the document (`programme/preview`,
 *   server/src/lsp/exportProtocol.ts) and media/preview.js, under a strict Content-Security-Policy;
 *   the webview may load nothing but the extension's `media` folder.
 * - As you type: ~300 ms after the last change, the preview of the document's newest version is asked
 *   for; an answer older than one asked for later, or than the one shown, is dropped. The script swaps
 *   the body and keeps its scroll position.
 * - Scrolling: the editor's top line goes to the preview, which scrolls to the block of that source
 *   line (`data-line`); the preview's top line goes to the editor, which shows it at the top. A scroll
 *   made to follow the other side is not sent back for a moment (`QUIET_MS`).
 * - Clicks: a reference scrolls the preview to its target and shows the target's line at the top of the
 *   editor, with the cursor on it; a click on a measure or any other block puts the cursor on its line.
 * - A hidden panel's page is made again by VS Code when it shows (from the HTML last set); its script
 *   then says which version it has, and is sent the newest and the editor's line.
 * Nothing here needs a trusted workspace: the page runs no code of the workspace's.
 */
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';
import type { Preview } from '../../server/src/features/preview';
import type { PreviewParams, PreviewResponse } from '../../server/src/lsp/exportProtocol';
import { previewPage } from './previewPage';

/** The webview panels' type. */
export const PREVIEW_VIEW_TYPE = 'programme.preview';

/** How long after the last change the preview is asked for, in ms. */
export const PREVIEW_DELAY_MS = 300;

/** How long a scroll of the editor that follows the preview is not sent back to it, in ms. */
const QUIET_MS = 300;

/** Asks the server for the preview of a document (`programme/preview`). */
export type PreviewRequester = (document: vscode.TextDocument, params: Omit<PreviewParams, 'uri'>) => Promise<PreviewResponse>;

/** A message of media/preview.js (see its module comment). */
type FromPage = { type: 'ready'; version: number } | { type: 'scroll'; line: number } | { type: 'reveal'; line: number; top: boolean };

/** The fractional source line at the top of `editor` (12.5: halfway through line 12), as the Markdown preview reckons it. */
function topLine(editor: vscode.TextEditor): number {
  const start = editor.visibleRanges[0]?.start;
  if (start === undefined) return 0;
  return start.line + start.character / (editor.document.lineAt(start.line).text.length + 2);
}

/** The previews of the open programmes, one per document, and the events they follow. */
export class ProgrammePreviews implements vscode.Disposable {
  private readonly panels = new Map<string, PreviewPanel>();
  private readonly subscriptions: vscode.Disposable[] = [];

  /** `request` asks the server; `onError` is told when it fails (the panel keeps what it shows). */
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly request: PreviewRequester,
    private readonly onError: (document: vscode.TextDocument, error: unknown) => void,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((e) => this.panels.get(e.document.uri.toString())?.changed()),
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => this.panels.get(e.textEditor.document.uri.toString())?.editorScrolled(e.textEditor)),
      // The numbering mode and the language settings change what is printed.
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('programme')) for (const panel of this.panels.values()) panel.changed();
      }),
    );
  }

  /**
   * Shows the preview of `document` beside its editor (made when it has none), without taking the
   * focus from the editor.
   */
  show(document: vscode.TextDocument, column: vscode.ViewColumn | undefined): void {
    const key = document.uri.toString();
    const existing = this.panels.get(key);
    if (existing !== undefined) {
      existing.reveal();
      return;
    }
    const panel = new PreviewPanel(document, column ?? vscode.ViewColumn.One, this.extensionUri, this.request, this.onError, () => this.panels.delete(key));
    this.panels.set(key, panel);
  }

  /** Closes every preview and stops following the editor. */
  dispose(): void {
    for (const panel of [...this.panels.values()]) panel.dispose();
    this.panels.clear();
    for (const s of this.subscriptions) s.dispose();
  }
}

/** The preview of one document. */
class PreviewPanel {
  private readonly panel: vscode.WebviewPanel;
  private readonly uri: vscode.Uri;
  private readonly mediaUri: vscode.Uri;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** The newest answer shown (or to show), and the version of the newest request sent. */
  private shown: Preview | undefined;
  private requested = -1;
  /** The version of what the page was made with (its script reports it when it loads). */
  private pageVersion = -1;
  /** Until when (Date.now()) the editor's scrolls follow the preview and are not sent back to it. */
  private quietUntil = 0;
  private disposed = false;

  constructor(
    document: vscode.TextDocument,
    /** The editor's column, where a click in the preview shows the document when no editor shows it. */
    private readonly column: vscode.ViewColumn,
    extensionUri: vscode.Uri,
    private readonly request: PreviewRequester,
    private readonly onError: (document: vscode.TextDocument, error: unknown) => void,
    private readonly onDispose: () => void,
  ) {
    this.uri = document.uri;
    this.mediaUri = vscode.Uri.joinPath(extensionUri, 'media');
    this.panel = vscode.window.createWebviewPanel(
      PREVIEW_VIEW_TYPE,
      l10n.t('Preview {0}', path.posix.basename(document.uri.path)),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, enableFindWidget: true, localResourceRoots: [this.mediaUri] },
    );
    this.disposables.push(
      this.panel.onDidDispose(() => this.dispose()),
      this.panel.webview.onDidReceiveMessage((message: FromPage) => this.received(message)),
    );
    this.render();
    void this.update();
  }

  /** Shows the panel where it is, without taking the focus from the editor. */
  reveal(): void {
    this.panel.reveal(undefined, true);
  }

  /** The document changed (or the settings): asks for the preview once the changes pause. */
  changed(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), PREVIEW_DELAY_MS);
  }

  /** The document, while it is open. */
  private document(): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === this.uri.toString());
  }

  /** The editor that shows the document (the active one first), if any. */
  private editor(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (active?.document.uri.toString() === this.uri.toString()) return active;
    return vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.uri.toString());
  }

  /** Asks for the preview of the newest version, and shows it unless a newer one came first. */
  private async update(): Promise<void> {
    this.timer = undefined;
    const document = this.document();
    if (document === undefined || this.disposed) return;
    const version = document.version;
    this.requested = Math.max(this.requested, version);
    let answer: PreviewResponse;
    try {
      answer = await this.request(document, { version });
    } catch (error) {
      if (!this.disposed) this.onError(document, error);
      return;
    }
    if (answer === null || this.disposed) return;
    // Newest version only: an answer older than a request sent since, or than what is shown, is dropped.
    if (answer.version < this.requested || (this.shown !== undefined && answer.version < this.shown.version)) return;
    this.shown = answer;
    if (this.pageVersion < 0) this.render();
    else void this.panel.webview.postMessage({ type: 'update', version: answer.version, lang: answer.lang, title: answer.title, css: answer.css, body: answer.body });
  }

  /** Makes the page anew with what is shown, at the editor's top line. */
  private render(): void {
    if (this.disposed) return;
    const editor = this.editor();
    const webview = this.panel.webview;
    this.pageVersion = this.shown?.version ?? -1;
    webview.html = previewPage({
      cspSource: webview.cspSource,
      nonce: randomBytes(18).toString('base64').replace(/[+/=]/g, ''),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.mediaUri, 'preview.js')).toString(),
      preview: this.shown,
      line: editor !== undefined ? topLine(editor) : 0,
    });
  }

  /** The editor scrolled: the preview follows, unless the editor was following the preview. */
  editorScrolled(editor: vscode.TextEditor): void {
    if (Date.now() < this.quietUntil || !this.panel.visible) return;
    void this.panel.webview.postMessage({ type: 'scroll', line: topLine(editor) });
  }

  private received(message: FromPage): void {
    if (message === null || typeof message !== 'object') return;
    switch (message.type) {
      case 'ready': {
        // The page loaded: the first time, or again when the panel shows after being hidden (VS Code
        // makes it again from the HTML it was given). It may be older than what has come since, and
        // the editor may have moved meanwhile.
        if (this.shown !== undefined && message.version < this.shown.version) {
          const s = this.shown;
          void this.panel.webview.postMessage({ type: 'update', version: s.version, lang: s.lang, title: s.title, css: s.css, body: s.body });
        }
        const editor = this.editor();
        if (editor !== undefined) void this.panel.webview.postMessage({ type: 'scroll', line: topLine(editor) });
        return;
      }
      case 'scroll': {
        const editor = this.editor();
        if (editor === undefined || typeof message.line !== 'number') return;
        const line = Math.min(Math.max(0, Math.floor(message.line)), editor.document.lineCount - 1);
        const text = editor.document.lineAt(line).text;
        const character = Math.floor((message.line - line) * text.length);
        this.quietUntil = Date.now() + QUIET_MS;
        editor.revealRange(new vscode.Range(line, character, line + 1, 0), vscode.TextEditorRevealType.AtTop);
        return;
      }
      case 'reveal':
        if (typeof message.line === 'number') void this.revealLine(message.line, message.top === true);
        return;
    }
  }

  /**
   * Puts the cursor at the start of `line` in the document's editor and shows the line (at the top, or
   * in the middle when it is out of view); opens the document in the editor's column when no editor
   * shows it. A visible editor is scrolled once, straight to the line, so the preview is not sent a
   * scroll in between.
   */
  private async revealLine(line: number, atTop: boolean): Promise<void> {
    const document = this.document() ?? (await vscode.workspace.openTextDocument(this.uri));
    const at = Math.min(Math.max(0, Math.floor(line)), document.lineCount - 1);
    const range = new vscode.Range(at, 0, at, 0);
    const shown = this.editor();
    this.quietUntil = Date.now() + QUIET_MS;
    const editor = await vscode.window.showTextDocument(document, {
      viewColumn: shown?.viewColumn ?? this.column,
      selection: shown === undefined ? range : undefined,
      preserveFocus: false,
    });
    this.quietUntil = Date.now() + QUIET_MS;
    editor.selection = new vscode.Selection(range.start, range.start);
    editor.revealRange(range, atTop ? vscode.TextEditorRevealType.AtTop : vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.timer);
    this.onDispose();
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
  }
}
