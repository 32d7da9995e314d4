/**
 * The reader of plain text as pdftotext (with or without `-layout`) or OCR makes it: the text is cut
 * into pages at form feeds and into lines at line breaks. Nothing is removed or repaired here; the
 * page artefacts and the damaged characters are the clean-up's (`cleanup.ts`).
 */
import type { Page, PageLine, Reading } from './outline';

/** Columns a tab advances to (pdftotext -layout sometimes starts a line with one): the next multiple of 8. */
const TAB_WIDTH = 8;

/**
 * Reads a plain text into pages of lines.
 *
 * - A byte order mark at the start is dropped; CRLF and lone CR line breaks count as LF.
 * - Pages: a form feed (U+000C, which pdftotext writes at the end of every page) starts a new page.
 *   The form feed is not a line break: `"3\n\fInnledning"` is line 1 (`3`, page 1) and line 2
 *   (`Innledning`, page 2). Without form feeds the whole text is one page (OCR text usually). The
 *   empty page after a final form feed is not a page; empty pages between two form feeds are kept,
 *   so that page numbers stay those of the PDF.
 * - `place.page` is 1-based; `place.line` is the 0-based line in the whole input text (counting line
 *   breaks only), so the report can point at the input line.
 * - `x` is the line's indentation in columns: its leading spaces (a tab to the next multiple of 8),
 *   which the `-layout` output uses to show the layout. `text` is the line without its leading
 *   whitespace (it is in `x`); trailing whitespace is kept (the clean-up trims it).
 * - Blank lines are kept as lines with text `''` (paragraph breaks).
 * - A final line break does not make a last blank line.
 *
 * Reports no notes (the list is there for the `Reading` shape).
 */
export function readText(text: string): Reading {
  let source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  source = source.replace(/\r\n?/g, '\n');
  const rows = source.split('\n');
  if (rows.length > 1 && rows[rows.length - 1] === '') rows.pop();
  const pages: Page[] = [[]];
  rows.forEach((row, line) => {
    const segments = row.split('\f');
    segments.forEach((segment, k) => {
      if (k > 0) pages.push([]);
      // The empty pieces next to a form feed are not lines: "\fInnledning" is one line on the new page.
      if (segment === '' && segments.length > 1) return;
      pages[pages.length - 1].push(pageLine(segment, pages.length, line));
    });
  });
  if (pages.length > 1 && pages[pages.length - 1].every((l) => l.text === '')) pages.pop();
  return { kind: 'pages', pages, notes: [] };
}

/** One line of the text: its indentation in `x`, the rest in `text`. */
function pageLine(row: string, page: number, line: number): PageLine {
  let x = 0;
  let i = 0;
  for (; i < row.length; i++) {
    const c = row[i];
    if (c === ' ') x += 1;
    else if (c === '\t') x = (Math.floor(x / TAB_WIDTH) + 1) * TAB_WIDTH;
    else break;
  }
  const rest = row.slice(i);
  return { text: /^\s*$/.test(rest) ? '' : rest, place: { page, line }, x };
}
