/**
 * The live preview and the export from the editor: the programme as the preview beside the editor
 * shows it (the HTML writer's pieces, every block marked with its source lines), and an export in a
 * shape that travels as JSON (a Word document's bytes as base64).
 */
import type { Programme } from '../model/programme';
import { publication } from '../export/document';
import { htmlParts, type HtmlParts } from '../export/html';
import { exportProgramme, type ExportOutput } from '../export/index';
import type { ExportFormat } from '../export/formats';

/**
 * What the preview shows of one version of a programme: the HTML writer's {@link HtmlParts} (`lang`,
 * `title`, `css`, and `body`, whose blocks carry `data-line` and `data-end-line`, 0-based source
 * lines) and the document `version` they were made from.
 */
export interface Preview extends HtmlParts {
  version: number;
}

/**
 * The preview of the programme `p`, which is version `version` of its document. Pure; never throws.
 * The printed words are in the programme's own language (`lang` in its front matter), as in every
 * export.
 */
export function preview(p: Programme, version: number): Preview {
  return { version, ...htmlParts(publication(p), { sourceLines: true }) };
}

/**
 * An export as the editor receives it: the text (HTML, Markdown, JSON), or the bytes as base64 in
 * `data` (a Word document).
 */
export type ExportedFile = { text: string } | { data: string };

/** An export's output as the editor receives it: text as it is, bytes as base64. */
export function exportedOutput(out: ExportOutput): ExportedFile {
  return 'text' in out ? { text: out.text } : { data: Buffer.from(out.bytes.buffer, out.bytes.byteOffset, out.bytes.byteLength).toString('base64') };
}

/**
 * The programme `p` in `format` ({@link exportProgramme}), with bytes as base64. Never rejects for a
 * programme; a failure of a writer is a bug, and rejects.
 */
export async function exportedFile(p: Programme, format: ExportFormat): Promise<ExportedFile> {
  return exportedOutput(await exportProgramme(p, format));
}
