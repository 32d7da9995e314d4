/**
 * `programme import`: a Word, PDF, Markdown or text document becomes programme text, with a report of
 * every clean-up step and every decision to review (docs/import.md).
 *
 * The pipeline, pandoc's way (one reader per format, one model, one writer):
 * - a reader (`docx.ts`, `pdf.ts`, `markdown.ts`, `text.ts`) gives pages of lines or blocks;
 * - pages go through the clean-up (`cleanup.ts`: page numbers, running headers and footers, printed
 *   line numbers, hyphenation, soft hyphens, ligatures, control characters), the OCR repair for text
 *   (`ocr.ts`, with a spelling dictionary) and the grouping into blocks (`blocks.ts`);
 * - the structure step (`structure.ts`) writes the programme.
 * Nothing here reads files: the caller passes the bytes, and a speller loader (`node/dictionaries.ts`).
 */

import { windows1252Character } from '../syntax/windows1252';
import { groupLines } from './blocks';
import { cleanPages } from './cleanup';
import { readDocx } from './docx';
import { readMarkdown } from './markdown';
import { repairOcr } from './ocr';
import type { Block, InputFormat, Note, Place, Reading, Speller } from './outline';
import { readPdf } from './pdf';
import { guessLanguage, structure, type ImportLanguage } from './structure';
import { readText } from './text';
import { isReview } from './report';

export type { InputFormat, Note } from './outline';
export type { ImportLanguage } from './structure';

/** The options of `importDocument`. */
export interface ImportOptions {
  /** The input's format; otherwise from `fileName`'s extension, otherwise from the bytes. */
  from?: InputFormat;
  /** The programme's language; otherwise guessed from its words. */
  lang?: ImportLanguage;
  /** Gives the spelling dictionary of a language (or none): used for hyphenation, ligatures and OCR repair. */
  speller?: (lang: 'nb' | 'nn' | 'de') => Speller | undefined;
  /** The input's file name, for its extension. */
  fileName?: string;
  /** Repair OCR letter damage: `auto` (default) for text input, `always`, or `never`. */
  ocr?: 'auto' | 'always' | 'never';
}

/** What an import gives: the programme `text`, its `notes` (each with `outputLine` where it has one), and a summary. */
export interface ImportResult {
  text: string;
  notes: Note[];
  summary: { format: InputFormat; lang?: ImportLanguage; pillars: number; measures: number[]; titles: string[]; review: number };
}

/**
 * Why an input could not be imported: `unreadable` (the reader failed: not a Word file, a broken PDF …)
 * with the reader's words in `detail`; `not-text` (text input with NUL or many control characters: a
 * binary file); `empty` (no text at all).
 */
export interface ImportProblem {
  problem: { code: 'unreadable' | 'not-text' | 'empty'; format: InputFormat; detail: string };
}

/** The format of a file by its extension: `.docx`, `.pdf`, `.md`/`.markdown`, `.txt`/`.text`; otherwise none. */
export function formatOfFile(fileName: string): InputFormat | undefined {
  const ext = /\.([^./\\]+)$/.exec(fileName.toLowerCase())?.[1];
  switch (ext) {
    case 'docx':
      return 'docx';
    case 'pdf':
      return 'pdf';
    case 'md':
    case 'markdown':
    case 'mdown':
      return 'markdown';
    case 'txt':
    case 'text':
      return 'text';
    default:
      return undefined;
  }
}

/** The format of `bytes` by their start: `%PDF` is a PDF, a ZIP (`PK`) a Word file, anything else text. */
export function formatOfBytes(bytes: Uint8Array): InputFormat {
  if (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) return 'pdf';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'docx';
  return 'text';
}

/** `bytes` as text: UTF-8 (a BOM dropped), or Windows-1252 when they are not UTF-8 (with a `reader` note). */
export function decodeText(bytes: Uint8Array): { text: string; notes: Note[] } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), notes: [] };
  } catch {
    let text = '';
    // Node's decoder without full ICU reads 0x80–0x9F as C1 controls: the table gives Word's dashes and quotes.
    for (const b of bytes) text += windows1252Character(b);
    return { text, notes: [{ code: 'reader', detail: 'encoding' }] };
  }
}

/** True when `text` is not text: it holds NUL characters, or more than one in fifty characters are control characters. */
export function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || (c >= 0x7f && c < 0xa0)) control++;
  }
  return control * 50 > text.length;
}

/** A PDF's metadata title that is only a file or program name (`Microsoft Word - program.docx`, `p1.html`), not the programme's. */
export function isJunkTitle(title: string): boolean {
  return /^(microsoft\s+(word|powerpoint)|untitled|uten tittel|dokument\d*|document\d*)\b|\.(docx?|odt|pdf|html?|indd|txt)$/iu.test(title.trim());
}

/** Orders places in the input: by page, then line. */
function comparePlaces(a: Place, b: Place): number {
  return (a.page ?? 0) - (b.page ?? 0) || a.line - b.line;
}

/**
 * Imports `input` (the bytes of a document). Never throws: a document its reader cannot read gives
 * an `ImportProblem`. The text always ends in a line break.
 */
export async function importDocument(input: Uint8Array, options: ImportOptions = {}): Promise<ImportResult | ImportProblem> {
  const format = options.from ?? formatOfFile(options.fileName ?? '') ?? formatOfBytes(input);
  let reading: Reading;
  const notes: Note[] = [];
  try {
    if (format === 'pdf') reading = await readPdf(input);
    else if (format === 'docx') reading = await readDocx(input);
    else {
      const decoded = decodeText(input);
      if (looksBinary(decoded.text)) return { problem: { code: 'not-text', format, detail: '' } };
      if (decoded.text.trim() === '') return { problem: { code: 'empty', format, detail: '' } };
      for (const n of decoded.notes) notes.push(n);
      reading = format === 'markdown' ? readMarkdown(decoded.text) : readText(decoded.text);
    }
  } catch (error) {
    return { problem: { code: 'unreadable', format, detail: error instanceof Error ? error.message : String(error) } };
  }
  for (const n of reading.notes) notes.push(n);

  let blocks: Block[];
  let lang = options.lang;
  if (reading.kind === 'pages') {
    lang ??= guessLanguage(reading.pages.map((p) => p.map((l) => l.text).join('\n')).join('\n'));
    const speller = lang !== undefined && lang !== 'en' ? options.speller?.(lang) : undefined;
    const cleaned = cleanPages(reading.pages, { speller, lang });
    for (const n of cleaned.notes) notes.push(n);
    let lines = cleaned.lines;
    const ocr = options.ocr ?? 'auto';
    if (speller !== undefined && lang !== undefined && lang !== 'en' && (ocr === 'always' || (ocr === 'auto' && format === 'text'))) {
      const repaired = repairOcr(lines, speller, lang);
      lines = repaired.lines;
      for (const n of repaired.notes) notes.push(n);
    }
    const grouped = groupLines(lines);
    for (const n of grouped.notes) notes.push(n);
    blocks = grouped.blocks;
  } else {
    blocks = reading.blocks;
    lang ??= guessLanguage(blocks.map((b) => b.text).join('\n'));
  }

  // A PDF's metadata title is often the file's name or the program that made it: not a title then.
  const title = reading.title !== undefined && !isJunkTitle(reading.title) ? reading.title : undefined;
  if (reading.kind === 'pages' && blocks.every((b) => b.text.trim() === '')) return { problem: { code: 'empty', format, detail: '' } };
  const written = structure(blocks, { title, lang, laidOut: reading.kind === 'pages' });
  for (const n of written.notes) notes.push(n);
  // Each note points at the output line of the block its place falls in.
  const placements = [...written.placements].sort((a, b) => comparePlaces(a.place, b.place));
  for (const note of notes) {
    if (note.outputLine !== undefined || note.place === undefined) continue;
    let lo = 0;
    let hi = placements.length - 1;
    let found: number | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (comparePlaces(placements[mid].place, note.place) <= 0) {
        found = placements[mid].line;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found !== undefined) note.outputLine = found;
  }
  notes.sort((a, b) => (a.outputLine ?? -1) - (b.outputLine ?? -1));
  return {
    text: written.text,
    notes,
    summary: {
      format,
      lang: written.lang,
      pillars: written.pillars.length,
      measures: written.pillars.map((p) => p.measures),
      titles: written.pillars.map((p) => p.title),
      review: notes.filter(isReview).length,
    },
  };
}
