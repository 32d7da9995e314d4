/**
 * Lines of laid-out text (a PDF's, or pdftotext's and OCR's, after the clean-up) grouped into the
 * blocks that the structure step reads: paragraphs joined from their wrapped lines, list items with
 * their markers, and lines that stand out as headings (larger, bold, capitals, or short and alone).
 *
 * The rules are a careful reader's: a blank line ends a block; a line that starts with a list marker
 * starts an item, unless it goes on from an unfinished sentence with a lowercase word or a number
 * that does not fit the list (`… feire` / `17. mai`); a marker alone on its line takes the next line
 * as its text; a larger or bold line is a heading. A table of contents at the start (titles with page
 * numbers, whose titles come back later as headings) is removed and noted.
 */

import { LEADING_ON } from '../model/reading';
import type { Block, Marker, Note, PageLine, Place } from './outline';

/**
 * A block of laid-out text, with what the structure step weighs when it decides what a block is:
 * `lines` joined into it, whether its text `endsSentence`, whether it stood `alone` (a single line
 * between blank lines or headings), whether it was `large` or `bold` (PDF fonts) or all `caps`, its
 * `indent` (the first line's `x`), and `afterBlank` (a blank line, or the start, before it).
 */
export interface TextBlock extends Block {
  lines: number;
  /** The first block of its page (pages of PDFs and pdftotext): chapters often start on a new page. */
  pageTop?: boolean;
  /** A short line standing apart from the text around it, as a heading does in text without fonts. */
  short?: boolean;
  endsSentence: boolean;
  alone: boolean;
  large?: boolean;
  bold?: boolean;
  caps: boolean;
  indent?: number;
  afterBlank: boolean;
  /** The font size of the block's first line in points (PDF), when known. */
  size?: number;
}

// The bullets of word processors and PDFs, as the format's sub-points know them (BULLET_MARKERS of
// syntax/tokens.ts, docs/format.md, Sub-points), written out (test/import/structure.test.ts keeps the
// two in step).
const BULLET = /^([-*•·▪◦‣⁃∙●○■□►▸➢✓✔◆♦❖→\uF0A7\uF0B7\uF0D8\uF076\uF0FC\u2010\u2212–—])(?=\s|$)\s*/u;
// `3.`, `3)`, `12.` — at most three digits, so that years (`2025.`) are never list numbers.
const NUMBER = /^(\d{1,3})([.)])(?=\s|$)\s*/;
// `1.2`, `1.2.`, `13. 1` (Generasjonspartiet's nested numbers with a space): a section number.
const SECTION_NUMBER = /^(\d{1,3}(?:\.\s?\d{1,3})+)\.?(?=\s)\s*/;
// `a)`, `b)`, … `z)`, `aa)`: lettered demands. Only with `)`: `a.` starts too many sentences.
const LETTER = /^([a-zæøå]{1,2})\)(?=\s|$)\s*/;
const SENTENCE_END = /[.!?:;…»"”)]$/u;
const LOWERCASE_START = /^\p{Ll}/u;
const LETTERS = /\p{L}/u;

/**
 * Whether `line` ends in a word that a number goes on from (`… på` / `17. mai`, `… den` / `2. juledag`):
 * the reader's own list of such words (LEADING_ON of model/reading.ts).
 */
function goesOn(line: string): boolean {
  const words = line.trim().split(/\s+/);
  return LEADING_ON.has(words[words.length - 1].toLowerCase());
}

/** A line's marker and the text after it, or none. `alone` when nothing follows the marker. */
export function markerOf(text: string): { marker: Marker; rest: string } | undefined {
  let m = SECTION_NUMBER.exec(text);
  if (m !== null) {
    const parts = m[1].split('.').map((p) => Number(p.trim()));
    return { marker: { kind: 'number', value: parts[parts.length - 1], written: m[1].replace(/\s/g, '') }, rest: text.slice(m[0].length) };
  }
  m = NUMBER.exec(text);
  if (m !== null) return { marker: { kind: 'number', value: Number(m[1]), written: m[1] + m[2] }, rest: text.slice(m[0].length) };
  m = LETTER.exec(text);
  if (m !== null) return { marker: { kind: 'letter', value: m[1], written: m[1] + ')' }, rest: text.slice(m[0].length) };
  m = BULLET.exec(text);
  if (m !== null) return { marker: { kind: 'bullet', written: m[1] }, rest: text.slice(m[0].length) };
  return undefined;
}

/** True when `text` has letters and none of them is lowercase: `ARBEID OG NÆRING`. */
export function isCaps(text: string): boolean {
  return LETTERS.test(text) && text === text.toLocaleUpperCase('nb') && text !== text.toLocaleLowerCase('nb');
}

/** The most common font size of `lines` (the body text's), or undefined when no line has one. */
function bodySize(lines: readonly PageLine[]): number | undefined {
  const counts = new Map<number, number>();
  for (const l of lines) if (l.size !== undefined && l.text.trim() !== '') counts.set(Math.round(l.size * 2) / 2, (counts.get(Math.round(l.size * 2) / 2) ?? 0) + l.text.length);
  let best: number | undefined;
  for (const [size, n] of counts) if (best === undefined || n > (counts.get(best) ?? 0)) best = size;
  return best;
}

/** Dot leaders and the spaces around them, as a table of contents has them between a title and its page. */
const LEADER = new Set([' ', '\t', '\u00A0', '.', '·', '…', '_']);

/**
 * The title and page number of a table-of-contents entry (`Arbeid og næring ........ 12`, `Skole 3`),
 * or undefined when `text` does not end in a page number of up to three digits after a space or
 * leaders, or has no letter before it. A scan from the end, without backtracking.
 */
export function tocEntry(text: string): { title: string; page: number } | undefined {
  let end = text.length;
  while (end > 0 && text[end - 1] >= '0' && text[end - 1] <= '9') end--;
  const digits = text.length - end;
  if (digits === 0 || digits > 3) return undefined;
  let start = end;
  while (start > 0 && LEADER.has(text[start - 1])) start--;
  if (start === end) return undefined;
  const title = text.slice(0, start);
  return /\p{L}/u.test(title) ? { title, page: Number(text.slice(end)) } : undefined;
}

/** A title compared loosely: lowercase letters and digits only. */
export function loose(title: string): string {
  return title.toLocaleLowerCase('nb').replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The heading of a table of contents: "Innhold", "Innhald", "Inhalt", "Contents" … (the whole line). */
export const CONTENTS_HEADING = /^(innhold|innhald|inhalt|inhaltsverzeichnis|contents|table of contents|innholdsfortegnelse)$/iu;

/**
 * The lines of a table of contents at the start of `lines`: a run of at least three entries
 * (title, page number) within the first fifth of the text, most of whose titles come back later as
 * lines of their own. Returns their indexes.
 */
function tableOfContents(lines: readonly PageLine[]): Set<number> {
  const out = new Set<number>();
  const limit = Math.max(60, Math.floor(lines.length / 5));
  let run: number[] = [];
  let heading: number | undefined; // a "Contents" line just before the run
  const flush = (): void => {
    if (run.length >= 3 || (run.length >= 2 && heading !== undefined)) {
      const later = new Set(lines.slice(run[run.length - 1] + 1).map((l) => loose(l.text.replace(NUMBER, '').replace(SECTION_NUMBER, ''))));
      const found = run.filter((i) => {
        const entry = tocEntry(lines[i].text.trim());
        return entry !== undefined && later.has(loose(entry.title.replace(SECTION_NUMBER, '').replace(NUMBER, '')));
      });
      if (found.length * 2 >= run.length) {
        for (const i of run) out.add(i);
        if (heading !== undefined) out.add(heading);
      }
    }
    run = [];
    heading = undefined;
  };
  for (let i = 0; i < Math.min(lines.length, limit); i++) {
    const text = lines[i].text.trim();
    if (text === '') continue;
    const entry = tocEntry(text);
    if (entry !== undefined && !SENTENCE_END.test(entry.title.trim())) run.push(i);
    else if (CONTENTS_HEADING.test(text) && run.length === 0) {
      flush();
      heading = i;
    }
    else flush();
  }
  flush();
  return out;
}

/**
 * Groups `lines` into blocks (see the module's comment). Returns the blocks and the notes of what it
 * did: `table-of-contents` for each removed entry (its text in `removed`), and one `line-wrap` note
 * counting the lines joined (`detail`: "joined lines,blocks").
 */
export function groupLines(lines: readonly PageLine[]): { blocks: TextBlock[]; notes: Note[] } {
  const notes: Note[] = [];
  const blocks: TextBlock[] = [];
  const body = bodySize(lines);
  const toc = tableOfContents(lines);
  for (const i of toc) notes.push({ code: 'table-of-contents', place: lines[i].place, removed: lines[i].text.trim() });

  let current: (TextBlock & { parts: string[] }) | undefined;
  let lastPage: number | undefined;
  // The usual length of a full line of body text: a line much shorter than that, between sentences,
  // may be a heading (text without fonts, as pdftotext writes it).
  const lengths = lines.map((l) => l.text.trim().length).filter((n) => n >= 20).sort((a, b) => a - b);
  const fullLine = lengths.length >= 10 ? lengths[Math.floor(lengths.length * 0.75)] : undefined;
  let blankBefore = true;
  // Markers alone on their lines whose texts follow: one (`•`, then its text on the next line), or a
  // column of them (`•`, `•`, `•`, then the three texts, as pdftotext without -layout gives a PDF's list).
  let queue: { marker: Marker; place: Place; indent?: number }[] = [];
  let fromQueue = false; // the current item took its marker from the queue
  let textSinceMarker = true; // text came after the last marker alone: a new marker starts a new column
  const dropQueue = (): void => {
    for (const q of queue) notes.push({ code: 'reader', place: q.place, detail: 'marker-without-text' });
    queue = [];
  };
  let joined = 0;
  let lastItemValue: number | undefined;

  const close = (): void => {
    if (current === undefined) return;
    current.text = current.parts.join(' ').replace(/\s+/g, ' ').trim();
    current.endsSentence = SENTENCE_END.test(current.text);
    current.caps = isCaps(current.text);
    if (current.lines > 1) joined += current.lines - 1;
    const { parts: _parts, ...block } = current;
    if (block.text !== '' || block.marker !== undefined) blocks.push(block);
    current = undefined;
  };

  const start = (kind: Block['kind'], line: PageLine, text: string, marker?: Marker): void => {
    close();
    fromQueue = false;
    const large = body !== undefined && line.size !== undefined && line.size > body * 1.12;
    current = {
      kind,
      text: '',
      parts: [text],
      place: line.place,
      lines: 1,
      endsSentence: false,
      alone: false,
      caps: false,
      afterBlank: blankBefore,
      ...(line.place.page !== undefined && line.place.page !== lastPage ? { pageTop: true } : {}),
      indent: line.x,
      size: line.size,
      ...(marker !== undefined ? { marker } : {}),
      ...(large ? { large: true, kind: kind === 'paragraph' ? 'heading' : kind } : {}),
      ...(line.bold === true ? { bold: true } : {}),
    };
    blankBefore = false;
    lastPage = line.place.page;
  };

  for (let i = 0; i < lines.length; i++) {
    if (toc.has(i)) continue;
    const line = lines[i];
    const text = line.text.trim();
    // A new page after a finished sentence (or a heading) is a new block, as a blank line would be; a
    // sentence that runs over the page break goes on.
    const previousLine = i > 0 ? lines[i - 1] : undefined;
    // A numbered title at the top of a page (`6 Justis og beredskap`, `Kapittel 6`) starts a block too.
    const titleAtTop = text.length <= 80 && /^(?:\d{1,2}\.?\s+\p{Lu}|(?:kapittel|kapitel|del|teil|chapter)\s+\d)/iu.test(text) && !/[.!?:;,]$/.test(text);
    if (current !== undefined && previousLine !== undefined && previousLine.place.page !== line.place.page && (SENTENCE_END.test(current.parts[current.parts.length - 1] ?? '') || current.kind === 'heading' || current.lines === 1 || titleAtTop)) {
      if (current.lines === 1) current.alone = true;
      close();
      blankBefore = true;
    }
    if (text === '') {
      // The texts of a column of markers end at a blank line; markers left over have no text.
      if (queue.length > 0 && textSinceMarker) dropQueue();
      if (current !== undefined && current.lines === 1) current.alone = true;
      close();
      blankBefore = true;
      continue;
    }
    const large = body !== undefined && line.size !== undefined && line.size > body * 1.12;
    const found = markerOf(text);
    const aloneMarker =
      found !== undefined &&
      found.rest.trim() === '' &&
      (found.marker.kind !== 'number' ||
        (i + 1 < lines.length && (lines[i + 1].text.trim() === '' || markerOf(lines[i + 1].text.trim()) === undefined || markerOf(lines[i + 1].text.trim())?.rest.trim() === '') && (current === undefined || SENTENCE_END.test(current.parts[current.parts.length - 1] ?? ''))));
    if (aloneMarker) {
      if (textSinceMarker) dropQueue();
      textSinceMarker = false;
      queue.push({ marker: found!.marker, place: line.place, indent: line.x });
      close();
      continue;
    }
    if (queue.length > 0 && found === undefined) {
      // A text for a queued marker: the first line after the markers, or a line that starts a new
      // sentence with a capital after a line that ended one (the texts of a column of bullets).
      const previous = current?.parts[current.parts.length - 1] ?? '';
      if (current === undefined || !fromQueue || (/[.!?]["»”)]?$/u.test(previous) && /^[\p{Lu}\p{N}«"„]/u.test(text))) {
        const { marker, place, indent } = queue.shift()!;
        start('item', { ...line, place, x: indent ?? line.x }, text, marker);
        fromQueue = true;
        textSinceMarker = true;
        if (marker.kind === 'number') lastItemValue = marker.value;
        continue;
      }
    }
    if (found !== undefined && found.rest.trim() !== '') {
      const previous = current?.parts[current.parts.length - 1] ?? '';
      const unfinished = current !== undefined && !SENTENCE_END.test(previous.trim());
      // Only a number can be the rest of a sentence (`17. mai`, `2. juledag`): when it does not fit the
      // list, or when it does but the line above ends in a word that a number goes on from.
      const fits = lastItemValue === undefined ? found.marker.kind === 'number' && found.marker.value === 1 : found.marker.kind === 'number' && found.marker.value === lastItemValue + 1;
      const wrapped = unfinished && found.marker.kind === 'number' && LOWERCASE_START.test(found.rest) && (!fits || goesOn(previous));
      if (!wrapped) {
        start('item', line, found.rest, found.marker);
        if (large) current!.large = true;
        if (found.marker.kind === 'number') lastItemValue = found.marker.value;
        continue;
      }
    }
    // A short line between a finished sentence (or a blank line) and a line that starts with a capital
    // stands apart: a heading of text without fonts (`Styrke familiene` above its paragraph).
    const nextText = i + 1 < lines.length ? lines[i + 1].text.trim() : '';
    const shortLine =
      fullLine !== undefined &&
      text.length <= fullLine * 0.6 &&
      text.length <= 80 &&
      /^[\p{Lu}\p{N}]/u.test(text) &&
      /\p{L}{2}/u.test(text) &&
      !/[.!?:;,]$/.test(text) &&
      (current === undefined || SENTENCE_END.test(current.parts[current.parts.length - 1] ?? '') || (titleAtTop && previousLine?.place.page !== line.place.page)) &&
      (nextText === '' || /^[\p{Lu}\p{N}«"„]/u.test(nextText) || markerOf(nextText) !== undefined);
    if (shortLine && !large) {
      start('paragraph', line, text);
      current!.short = true;
      current!.alone = true;
      close();
      blankBefore = false;
      continue;
    }
    // A large line goes on from a large block of the same size (a heading over two lines, also one
    // that starts with its number); otherwise it starts a heading.
    const sameSize = current !== undefined && current.large === true && current.size !== undefined && line.size !== undefined && Math.abs(current.size - line.size) < 0.6;
    const startsHeading = large && !sameSize;
    const endsHeading = current !== undefined && current.large === true && !large;
    // A wholly bold line after regular text, or regular text after a bold line, starts a new block
    // (a bold heading of body size); an item keeps its lines whatever their weight.
    const boldChange = current !== undefined && current.kind !== 'item' && (line.bold === true) !== (current.bold === true);
    if (current === undefined || startsHeading || endsHeading || boldChange) {
      start(large ? 'heading' : 'paragraph', line, text);
      continue;
    }
    current.parts.push(text);
    current.lines++;
  }
  if (current !== undefined && current.lines === 1) current.alone = true;
  close();
  dropQueue();
  if (joined > 0) notes.push({ code: 'line-wrap', detail: String(joined) });
  // A block is alone when blank lines (or headings) stand on both sides of one line.
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.short === true) continue;
    if (b.lines !== 1) b.alone = false;
    else if (!b.afterBlank && i > 0 && blocks[i - 1].kind !== 'heading') b.alone = false;
  }
  return { blocks, notes };
}
