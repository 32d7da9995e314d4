/**
 * The language server's custom requests for the preview and the export from the editor (the VS Code
 * commands "Programme: Open Preview to the Side" and "Programme: Export…"): their names and the shapes
 * of their parameters and answers, shared by the server (`server.ts`, `exportRequest.ts`) and the
 * client (client/src/preview.ts, client/src/export.ts). Types and constants only: the client bundles
 * this file, and nothing of the server's comes with it.
 */
import type { ExportFormat } from '../export/formats';
import type { ExportedFile, Preview } from '../features/preview';

/** The preview request's method name. */
export const PREVIEW_REQUEST = 'programme/preview';

/**
 * The preview's parameters: the open document (its URI as the client sent it in `didOpen`) and,
 * optionally, the version the client has. The answer is always made from the newest version the server
 * has (over one connection, the client's changes come before its request, so that is the client's
 * version or a newer one); its `version` says which, so that the client can drop an answer older than
 * one it has shown.
 */
export interface PreviewParams {
  uri: string;
  version?: number;
}

/**
 * The answer: the HTML writer's pieces of the newest version (`lang`, `title`, `css`, and `body`, the
 * body's inner HTML, every block with `data-line` and `data-end-line`, 0-based source lines; measures
 * are `li` elements with an `id`; references are links `a href="#anchor"`), and its `version`; null
 * when the document is not open (or the server failed, which it logs).
 */
export type PreviewResponse = Preview | null;

/** The export request's method name. */
export const EXPORT_REQUEST = 'programme/export';

/** The export's parameters: the open document and the format (`html`, `docx`, `md`, `json`). */
export interface ExportParams {
  uri: string;
  format: ExportFormat;
}

/**
 * The answer: `{ text }` (HTML, Markdown, JSON; to be written as UTF-8) or `{ data }` (a Word document:
 * its bytes, base64), made from the newest version of the document; null when the document is not open
 * (or the server failed, which it logs). A format that is not one of the four is refused with the error
 * `InvalidParams`.
 */
export type ExportResponse = ExportedFile | null;
