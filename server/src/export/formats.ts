/**
 * The export formats and their file extensions: names only, with no writer behind them, so that the VS
 * Code client (which bundles this file for its "Programme: Export…" menu) takes nothing of the writers
 * with it. `export/index.ts` re-exports them.
 */

/** The formats `programme export --to` takes. */
export type ExportFormat = 'html' | 'docx' | 'md' | 'json';

/** The export formats, in the order the CLI and the editor offer them. */
export const EXPORT_FORMATS: readonly ExportFormat[] = ['html', 'docx', 'md', 'json'];

/** The usual file extension of each format (with the dot). */
export const EXPORT_EXTENSIONS: Readonly<Record<ExportFormat, string>> = { html: '.html', docx: '.docx', md: '.md', json: '.json' };

/** True when `value` is the name of an export format (`html`, `docx`, `md`, `json`). */
export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);
}
