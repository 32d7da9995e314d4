/**
 * The clean-up of laid-out text (PDF, pdftotext, OCR): from pages of lines to one list of lines in
 * which the page artefacts are removed and the damaged words repaired. Every removal is a `Note`
 * with the removed text in `removed`, every repair a `Note` with `before` and `after`; nothing is
 * changed silently. Wrapped lines are not joined into paragraphs here (that is the grouping's,
 * `blocks.ts`), and list markers and headings are left as they are.
 *
 * The steps, in this order (each in its own module):
 * 1. characters (`characters.ts`): control characters, trailing whitespace (not noted), soft hyphens
 *    inside words, Unicode ligature characters;
 * 2. printed line numbers (`artefacts.ts`);
 * 3. page numbers, then running headers and footers (`artefacts.ts`); in a text without form feeds
 *    (OCR) only page numbers that follow each other like pages, and headers next to them;
 * 4. the pages put one after the other, without the blank lines at their tops and bottoms (a page
 *    break is no paragraph break; the grouping sees the page change in `place.page`);
 * 5. end-of-line hyphenation (`hyphenation.ts`), across page breaks too;
 * 6. with a speller, ligatures lost to a wrong character (`characters.ts`).
 */
import type { Note, Page, PageLine, Speller } from './outline';
import { expandLigatureCharacters, removeControlCharacters, removeSoftHyphens, repairLostLigatures } from './characters';
import { findPageNumberChain, removeLineNumbers, removePageNumbers, removeRunningHeaders, type WorkLine } from './artefacts';
import { joinHyphenation, type HyphenationLanguage } from './hyphenation';

/** What the clean-up may use: a spelling dictionary (hyphens, lost ligatures) and the text's language (conjunctions). */
export interface CleanupOptions {
  speller?: Speller;
  lang?: HyphenationLanguage;
}

/** The cleaned lines, in reading order, each with its input `place`; and the notes, in input order. */
export interface Cleaned {
  lines: PageLine[];
  notes: Note[];
}

/**
 * Cleans pages of laid-out lines (see the module's steps). The input is not changed. Output lines keep
 * their input `place` (a line that received the end of a broken word keeps its own place; a line left
 * empty by that is dropped), `x`, `size` and `bold`; blank lines inside pages stay (`''`). Notes are
 * sorted by their place (page, then line).
 */
export function cleanPages(pages: Page[], options: CleanupOptions = {}): Cleaned {
  const notes: Note[] = [];
  let work: WorkLine[][] = pages.map((page) =>
    page.map((line) => {
      const place = { ...line.place };
      let text = removeControlCharacters(line.text, place, notes).trimEnd();
      text = removeSoftHyphens(text, place, notes);
      text = expandLigatureCharacters(text, place, notes);
      return { ...line, place, text, source: line.text };
    }),
  );

  removeLineNumbers(work.flat(), notes);

  if (work.length > 1) {
    removePageNumbers(work, notes);
    removeRunningHeaders(work, notes);
  } else if (work.length === 1) {
    const chain = findPageNumberChain(work[0]);
    if (chain.length) {
      for (const i of chain) {
        const line = work[0][i];
        line.removed = true;
        notes.push({ code: 'page-number', place: line.place, removed: (line.source ?? line.text).trim() });
      }
      work = splitAfter(work[0], chain);
      removeRunningHeaders(work, notes);
    }
  }

  // A removed line's note shows its input text: the character notes made on it are void.
  const gone = new Set(work.flat().filter((l) => l.removed).map((l) => l.place));
  const valid = notes.filter((n) => !(n.place && gone.has(n.place) && CHARACTER_CODES.has(n.code)));
  notes.length = 0;
  for (const n of valid) notes.push(n);

  const lines: PageLine[] = [];
  for (const page of work) {
    const kept = page.filter((l) => !l.removed);
    let start = 0;
    let end = kept.length;
    while (start < end && kept[start].text === '') start++;
    while (end > start && kept[end - 1].text === '') end--;
    for (const { removed: _, source: __, ...line } of kept.slice(start, end)) lines.push(line);
  }

  joinHyphenation(lines, notes, options);
  if (options.speller) repairLostLigatures(lines, options.speller, notes);

  notes.sort((a, b) => (a.place?.page ?? 0) - (b.place?.page ?? 0) || (a.place?.line ?? 0) - (b.place?.line ?? 0));
  return { lines, notes };
}

/** The notes of the character clean-up, void on a line that is removed as a whole. */
const CHARACTER_CODES: ReadonlySet<Note['code']> = new Set(['control-character', 'soft-hyphen', 'ligature']);

/** A page cut into pages after the given line indices (the page numbers of a text without form feeds). */
function splitAfter(page: WorkLine[], cuts: number[]): WorkLine[][] {
  const pages: WorkLine[][] = [];
  let from = 0;
  for (const cut of cuts) {
    pages.push(page.slice(from, cut + 1));
    from = cut + 1;
  }
  pages.push(page.slice(from));
  return pages;
}
