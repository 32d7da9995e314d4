/**
 * The intermediate outline of an imported document (pandoc's habit: every reader produces this one
 * model, one structure step turns it into programme text; nothing converts format to format).
 *
 * Two shapes come out of the readers:
 * - **pages of lines** (`Page[]`) from the readers of laid-out text: PDF (pdfjs) and plain text as
 *   pdftotext or OCR makes it. The clean-up (`cleanup.ts`) removes the page artefacts from them and
 *   the grouping (`blocks.ts`) joins their lines into blocks;
 * - **blocks** (`Block[]`) from the readers of structured documents: Word (mammoth and
 *   `numbering.xml`) and Markdown (markdown-it), which know headings and lists themselves.
 *
 * Every line and block keeps its `Place` in the input, so that the import report can point at it.
 * Nothing here touches the file system: readers take bytes or text.
 */

/**
 * Where something stands in the input. `page` is 1-based (PDF pages, or form-feed pages of a text);
 * `line` is 0-based: the line of a text or Markdown input, the line within its page for a PDF, the
 * paragraph index of a Word document.
 */
export interface Place {
  page?: number;
  line: number;
}

/**
 * A list marker as the input had it. `written` is the marker's text as printed (`3.`, `b)`, `•`);
 * for Word's automatic numbering it is the number Word would print (resolved from `numbering.xml`).
 */
export type Marker =
  | { kind: 'number'; value: number; written: string }
  | { kind: 'letter'; value: string; written: string }
  | { kind: 'bullet'; written: string };

/**
 * One block of a structured input.
 * - `heading`: `level` 1 is the top (Word's "Heading 1", Markdown's `#`; a title style is level 0);
 * - `paragraph`: running text, already joined into one line;
 * - `item`: a list item with its `marker` (when the input shows or numbers one) and `depth` (0 for a
 *   top-level list, 1 for a list inside it, …).
 * `text` never contains a line break; it is the block's words with the marker and heading signs removed.
 */
export interface Block {
  kind: 'heading' | 'paragraph' | 'item';
  text: string;
  level?: number;
  marker?: Marker;
  depth?: number;
  place: Place;
}

/** A line of laid-out text, as a PDF or pdftotext shows it: `text` without its line break. */
export interface PageLine {
  text: string;
  place: Place;
  /** The line's left edge in the page's units (PDF points, or leading spaces of a text line), when known. */
  x?: number;
  /** The line's font size in points (PDF only), when known: a heading is usually larger than the body. */
  size?: number;
  /** True when the line's text is bold (PDF: the font's name says so), when known. */
  bold?: boolean;
}

/** A page of laid-out text, its lines in reading order (columns already one after the other). */
export type Page = PageLine[];

/**
 * What the import did or noticed, for the report. `code` is stable (scripts read it; the message is
 * made from it in the user's language, see `report.ts`):
 * - removed artefacts, with the removed text in `removed`: `page-number`, `running-header`
 *   (headers and footers that repeat from page to page), `line-number` (printed line numbers at line
 *   starts), `table-of-contents`, `control-character`;
 * - repairs, with `before` and `after`: `hyphenation` (`Bundes-` + `land` → `Bundesland`),
 *   `soft-hyphen`, `ligature` (`oWentlig` → `offentlig`), `ocr` (a dictionary repair, `gnske` → `ønske`),
 *   `line-wrap` (lines joined into one paragraph: not listed one by one, counted);
 * - `renumbered`: a measure numbered otherwise than the input had it (`before`: the input's marker,
 *   `after`: the new number), because the input's list skipped, repeated, ran on from the chapter
 *   before, or was lettered or bulleted;
 * - decisions the user should review, with `detail`: `review-list` (a list that may or may not be
 *   demands), `review-heading` (a heading whose level was guessed), `review-front-matter`;
 * - `reader` for what a reader could not read (an image-only page, an embedded object), with `detail`.
 * `place` is in the input; the structure step adds `outputLine` (0-based) where the output has one.
 */
export interface Note {
  code: NoteCode;
  place?: Place;
  outputLine?: number;
  removed?: string;
  before?: string;
  after?: string;
  detail?: string;
}

/** The codes of `Note`. */
export type NoteCode =
  | 'page-number'
  | 'running-header'
  | 'line-number'
  | 'table-of-contents'
  | 'control-character'
  | 'hyphenation'
  | 'soft-hyphen'
  | 'ligature'
  | 'ocr'
  | 'line-wrap'
  | 'review-list'
  | 'renumbered'
  | 'review-heading'
  | 'review-front-matter'
  | 'reader';

/** What a reader gives: pages of laid-out lines, or structured blocks; and its notes. */
export type Reading = { kind: 'pages'; pages: Page[]; notes: Note[]; title?: string } | { kind: 'blocks'; blocks: Block[]; notes: Note[]; title?: string };

/** The input formats, as `--from` names them. */
export type InputFormat = 'docx' | 'pdf' | 'markdown' | 'text';

/**
 * A spelling dictionary, as the clean-up and the OCR repair use it (nspell behind it; loaded by
 * `node/dictionaries.ts`). `correct` says whether a word is spelled right; `suggest` gives
 * nspell's suggestions, best first.
 */
export interface Speller {
  correct(word: string): boolean;
  suggest(word: string): string[];
}
