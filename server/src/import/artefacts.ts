/**
 * The page artefacts of laid-out text: page numbers, running headers and footers, printed line
 * numbers. Each finder looks at the whole document (a page number is a page number because the next
 * pages carry the next numbers; a header because it repeats), marks the lines it removes and records
 * a `Note` with the removed text.
 */
import type { Note, PageLine } from './outline';

/** A line while the clean-up works on it: a copy of the input's `PageLine`, and whether it is removed. */
export interface WorkLine extends PageLine {
  removed?: boolean;
  /** The line's text as the input had it (before the character clean-up): what a removal note shows. */
  source?: string;
}

/** How many non-blank lines at the top and at the bottom of a page are looked at for page numbers and headers. */
const EDGE = 3;

/** Page numbers above this are taken for years or amounts, never for page numbers. */
const MAX_PAGE = 999;

/**
 * The number a page-number line shows: `12`, `- 12 -`, `– 12 –`, `Side 12`, `Seite 12 von 40`,
 * `Page 3 of 9`, `12 / 40`, `12 | Partinavn`, `Partinavn | 12`, `6      7` (a spread of two pages in
 * `-layout`: the left number); and `12.` with `dotted` (a measure
 * number standing alone looks the same, so it needs a stronger proof).
 */
export function pageNumberOf(text: string): { value: number; dotted: boolean } | undefined {
  const t = text.trim().replace(/\s+/g, ' ');
  if (t.length > 80) return undefined;
  const m =
    /^[-–—]? ?(\d{1,3}) ?[-–—]?$/.exec(t) ??
    /^(?:side|seite|page|s\.|p\.) ?(\d{1,3})(?: ?(?:av|von|of|aus|\/) ?\d{1,4})?$/i.exec(t) ??
    /^(\d{1,3}) ?(?:\/|av|von|of|aus) ?\d{1,4}$/i.exec(t) ??
    /^(\d{1,3}) ?[|·•] ?\D.*$/.exec(t) ??
    /^\D.*? ?[|·•] ?(\d{1,3})$/.exec(t) ??
    /^(\d{1,3}) {3,}\d{1,3}$/.exec(text.trim());
  if (m) return { value: Number(m[1]), dotted: false };
  const d = /^(\d{1,3})\.$/.exec(t);
  return d ? { value: Number(d[1]), dotted: true } : undefined;
}

/** The indices of the first and last `n` non-blank, not removed lines of a page. */
function edgeLines(page: WorkLine[], n: number): { top: number[]; bottom: number[] } {
  const top: number[] = [];
  for (let i = 0; i < page.length && top.length < n; i++) if (!page[i].removed && page[i].text.trim()) top.push(i);
  const bottom: number[] = [];
  for (let i = page.length - 1; i >= 0 && bottom.length < n; i--) if (!page[i].removed && page[i].text.trim()) bottom.push(i);
  return { top, bottom };
}

function remove(line: WorkLine, code: 'page-number' | 'running-header' | 'line-number', notes: Note[]): void {
  line.removed = true;
  notes.push({ code, place: line.place, removed: (line.source ?? line.text).trim() });
}

/**
 * Finds and removes the page numbers of a document of several pages. A candidate is a line among the
 * first or last three non-blank lines of a page that shows a page number (`pageNumberOf`); it is a page
 * number when its numbering agrees with that of candidates on other pages: the numbers go up by one from
 * page to page (`2` on page 3 and `4` on page 5: pages without numbers between do not matter), or by two
 * (spreads: two printed pages on each PDF page). Agreeing means: another candidate within three pages,
 * and at least three pages in all on that numbering (two in a document of up to four pages), so that a
 * table of contents' lone numbers do not agree by chance. A `12.` standing alone needs more: half of the
 * pages, and at least three, on its numbering. One `page-number` note per removed line.
 */
export function removePageNumbers(pages: WorkLine[][], notes: Note[]): void {
  type Candidate = { page: number; line: number; dotted: boolean };
  const groups = new Map<string, Candidate[]>();
  pages.forEach((page, p) => {
    const { top, bottom } = edgeLines(page, EDGE);
    for (const i of new Set([...top, ...bottom])) {
      const n = pageNumberOf(page[i].text);
      if (!n || n.value > MAX_PAGE) continue;
      for (const step of [1, 2]) {
        const key = `${step}:${n.value - step * p}`;
        let list = groups.get(key);
        if (!list) groups.set(key, (list = []));
        list.push({ page: p, line: i, dotted: n.dotted });
      }
    }
  });
  const enough = pages.length <= 4 ? 2 : 3;
  for (const list of groups.values()) {
    const pagesAgreeing = new Set(list.map((c) => c.page)).size;
    if (pagesAgreeing < enough) continue;
    const strong = pagesAgreeing >= Math.max(3, pages.length / 2);
    for (const c of list) {
      if (c.dotted && !strong) continue;
      const line = pages[c.page][c.line];
      if (line.removed) continue;
      if (list.some((o) => o.page !== c.page && Math.abs(o.page - c.page) <= 3)) remove(line, 'page-number', notes);
    }
  }
}

/**
 * Finds the page numbers of a text that has no form feeds (OCR text: the pages were read one after the
 * other): lines that show a page number (not `12.`) and that follow each other with numbers going up by
 * one, at least three of them, spaced like pages (15 to 150 lines apart, the longest gap at most 2.5 times
 * the shortest). Returns the indices of those lines in `page`, in order; marks nothing.
 */
export function findPageNumberChain(page: WorkLine[]): number[] {
  const candidates: { line: number; value: number }[] = [];
  page.forEach((l, i) => {
    const n = l.removed ? undefined : pageNumberOf(l.text);
    if (n && !n.dotted && n.value <= MAX_PAGE) candidates.push({ line: i, value: n.value });
  });
  // Longest chains ending at each candidate: predecessor has value - 1 and stands 15 to 150 lines before.
  const byValue = new Map<number, number[]>();
  const length: number[] = [];
  const previous: number[] = [];
  candidates.forEach((c, k) => {
    length[k] = 1;
    previous[k] = -1;
    for (const j of byValue.get(c.value - 1) ?? []) {
      const gap = c.line - candidates[j].line;
      if (gap >= 15 && gap <= 150 && length[j] + 1 > length[k]) {
        length[k] = length[j] + 1;
        previous[k] = j;
      }
    }
    let list = byValue.get(c.value);
    if (!list) byValue.set(c.value, (list = []));
    list.push(k);
  });
  const used = new Set<number>();
  const chosen: number[] = [];
  const order = candidates.map((_, k) => k).sort((a, b) => length[b] - length[a]);
  for (const end of order) {
    if (length[end] < 3 || used.has(end)) continue;
    const chain: number[] = [];
    for (let k = end; k >= 0 && !used.has(k); k = previous[k]) chain.unshift(k);
    if (chain.length < 3) continue;
    const gaps = chain.slice(1).map((k, i) => candidates[k].line - candidates[chain[i]].line);
    if (gaps.reduce((a, b) => Math.max(a, b), -Infinity) > 2.5 * gaps.reduce((a, b) => Math.min(a, b), Infinity)) continue;
    for (const k of chain) {
      used.add(k);
      chosen.push(candidates[k].line);
    }
  }
  return chosen.sort((a, b) => a - b);
}

/** The key under which a header line repeats: its words with every run of digits made `#`. */
function headerKey(text: string): string {
  return text.trim().replace(/\s+/g, ' ').replace(/\d+/g, '#');
}

/**
 * Finds and removes running headers and footers: a line among the first (or last) three non-blank
 * lines of a page whose text, with its digits made `#`, stands in the same place (top or bottom) on at
 * least three pages and on 30 % of the pages, or of the odd or the even pages (left and right pages
 * often have headers of their own). On each page they are removed from the edge inwards,
 * among the three edge lines only (page numbers already removed do not count), up to the first line of content: a line of content
 * that happens to repeat the header further in stays. A removed line that is only a number with
 * punctuation (`#`, `- # -`) is noted `page-number`, others `running-header`.
 */
export function removeRunningHeaders(pages: WorkLine[][], notes: Note[]): void {
  // Counted on the odd and on the even pages apart: books have one header on the left, another on the right.
  const counts = [new Map<string, number>(), new Map<string, number>()];
  const withText = [0, 0];
  const edges = pages.map((page) => edgeLines(page, EDGE));
  pages.forEach((page, p) => {
    const { top, bottom } = edges[p];
    if (top.length) withText[p % 2]++;
    const keys = new Set([...top.map((i) => 't' + headerKey(page[i].text)), ...bottom.map((i) => 'b' + headerKey(page[i].text))]);
    for (const k of keys) counts[p % 2].set(k, (counts[p % 2].get(k) ?? 0) + 1);
  });
  const total = withText[0] + withText[1];
  const often = (key: string): boolean => {
    const n = [0, 1].map((s) => counts[s].get(key) ?? 0);
    if (n[0] + n[1] < 3) return false;
    return n[0] + n[1] >= 0.3 * total || [0, 1].some((s) => withText[s] >= 3 && n[s] >= 0.3 * withText[s]);
  };
  // A key needs a letter (a line of bullets or dashes is content), unless it is a number (`#`, `- # -`).
  const repeated = (key: string): boolean => often(key) && (/\p{L}/u.test(key.slice(1)) || isNumberKey(key));
  pages.forEach((page, p) => {
    for (const [edge, zone] of [['t', edges[p].top], ['b', edges[p].bottom]] as const) {
      // From the edge inwards, through the edge lines only, up to the first line that does not repeat.
      for (const i of zone) {
        const key = edge + headerKey(page[i].text);
        if (!repeated(key)) break;
        if (!page[i].removed) remove(page[i], isNumberKey(key) ? 'page-number' : 'running-header', notes);
      }
    }
  });
}

/** A repeated key that is only a number with dashes (`#`, `- # -`): page numbers that do not go up by one. */
function isNumberKey(key: string): boolean {
  return /^[tb][-–—\s]*#[-–—\s]*$/.test(key);
}

/** A printed line number at the start of a line: 1 to 4 digits, then spaces or the line's end. */
const LINE_NUMBER = /^(\d{1,4})(?:[ \t]+|$)/;

/**
 * Finds and strips printed line numbers (the drafts of congresses number every line, or every fifth):
 * chains of lines that start with a number, where each number is the previous one plus one (at most
 * three unnumbered lines between, e.g. a running header) or plus five on a multiple of five (three to
 * seven lines between). When the chains of at least five numbers (three on every fifth line) span at least half of the document's
 * non-blank lines, the numbers of those chains are stripped; a run of at least ten lines that are only
 * consecutive numbers (pdftotext without `-layout` may put the column of numbers apart) is removed
 * anyway. A list of measures numbered `1.` has dots and is never taken. One `line-number` note per
 * line, `removed` the number.
 *
 * `x` of a stripped text line (no font `size`: a text reading, where `x` counts columns) moves right
 * by the stripped characters.
 */
export function removeLineNumbers(lines: WorkLine[], notes: Note[]): void {
  /** `step` 0 while the chain has one member, then 1 or 5. */
  type Chain = { members: number[]; step: number };
  const chains: Chain[] = [];
  let current: Chain | undefined;
  let lastValue = 0;
  let lastIndex = -1;
  lines.forEach((line, i) => {
    if (line.removed) return;
    const m = LINE_NUMBER.exec(line.text);
    if (!m) return;
    const value = Number(m[1]);
    const between = i - lastIndex - 1;
    const fits = (step: number): boolean => value === lastValue + step && (step === 1 ? between <= 3 : value % 5 === 0 && between >= 3 && between <= 7);
    if (current && current.step !== 5 && fits(1)) current.step = 1;
    else if (current && current.step !== 1 && fits(5)) current.step = 5;
    else chains.push((current = { members: [], step: 0 }));
    current.members.push(i);
    lastValue = value;
    lastIndex = i;
  });
  const nonBlank = lines.filter((l) => !l.removed && l.text.trim()).length;
  const isLong = (c: Chain): boolean => c.members.length >= (c.step === 5 ? 3 : 5);
  const long = chains.filter(isLong);
  const spanned = long.reduce((n, c) => n + lines.slice(c.members[0], c.members[c.members.length - 1] + 1).filter((l) => !l.removed && l.text.trim()).length, 0);
  const numbered = nonBlank > 0 && spanned >= nonBlank / 2;
  for (const c of chains) {
    const bare = c.step === 1 && c.members.length >= 10 && c.members.every((i) => /^\d+$/.test(lines[i].text.trim())) && c.members.every((i, k) => k === 0 || i === c.members[k - 1] + 1);
    if (!(bare || (numbered && isLong(c)))) continue;
    for (const i of c.members) {
      const line = lines[i];
      const m = LINE_NUMBER.exec(line.text)!;
      notes.push({ code: 'line-number', place: line.place, removed: m[1] });
      line.text = line.text.slice(m[0].length);
      const s = line.source === undefined ? undefined : LINE_NUMBER.exec(line.source);
      line.source = s ? line.source!.slice(s[0].length) : line.text;
      if (line.x !== undefined && line.size === undefined) line.x += m[0].length;
    }
  }
}
