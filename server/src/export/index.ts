/**
 * Export: the programme printed as a web page (HTML), a Word document (docx), Markdown or JSON
 * (docs/export.md). Every writer prints from the same {@link publication} of the programme, so they
 * agree on numbers, anchors, references and words. The writers of Word and JSON are loaded when they
 * are asked for, so that checking a programme never pays for them.
 */
import type { Programme } from '../model/programme';
import { publication, type Publication } from './document';
import { renderHtml } from './html';
import { renderMarkdown } from './markdown';
import type { ExportFormat } from './formats';
import { draftLayout, type DraftOptions } from '../amendments/lines';

export { EXPORT_EXTENSIONS, EXPORT_FORMATS, isExportFormat, type ExportFormat } from './formats';

/**
 * The format a file name's extension names (`.html`/`.htm`, `.docx`, `.md`/`.markdown`, `.json`;
 * case does not matter), or undefined.
 */
export function formatOfOutput(fileName: string): ExportFormat | undefined {
  const m = /\.([A-Za-z]+)$/.exec(fileName);
  switch (m?.[1].toLowerCase()) {
    case 'html':
    case 'htm':
      return 'html';
    case 'docx':
      return 'docx';
    case 'md':
    case 'markdown':
      return 'md';
    case 'json':
      return 'json';
    default:
      return undefined;
  }
}

/** What an export gives: text (HTML, Markdown, JSON; UTF-8 when written) or bytes (docx). */
export type ExportOutput = { text: string } | { bytes: Uint8Array };

/** Options of {@link exportProgramme}. */
export interface ExportOptions {
  /**
   * Print the congress's draft with its printed line numbers (amendments/lines.ts), with this width and
   * numbering (the front matter's and config's values as `printedDraft` takes them). HTML and Word only;
   * the other formats ignore it (the CLI refuses the combination).
   */
  lineNumbers?: DraftOptions;
}

/** The formats that print line numbers (`programme export --line-numbers`). */
export const LINE_NUMBER_FORMATS: readonly ExportFormat[] = ['html', 'docx'];

/**
 * The programme `p` in `format`. Never rejects for a programme: whatever the checker finds in it, it
 * is printed as it reads (an unresolved reference prints as written and links nowhere).
 */
export async function exportProgramme(p: Programme, format: ExportFormat, pub: Publication = publication(p), options: ExportOptions = {}): Promise<ExportOutput> {
  const lineNumbers = options.lineNumbers !== undefined && LINE_NUMBER_FORMATS.includes(format) ? draftLayout(p, pub, options.lineNumbers) : undefined;
  switch (format) {
    case 'html':
      return { text: renderHtml(pub, lineNumbers !== undefined ? { lineNumbers } : {}) };
    case 'md':
      return { text: renderMarkdown(pub) };
    case 'json': {
      const { renderJson } = await import('./json');
      return { text: `${JSON.stringify(renderJson(pub, p), null, 2)}\n` };
    }
    case 'docx': {
      const { renderDocx } = await import('./docx');
      return { bytes: await renderDocx(pub, lineNumbers !== undefined ? { lineNumbers } : {}) };
    }
  }
}
