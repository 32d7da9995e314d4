/**
 * The programme as CommonMark, readable on GitHub (docs/export.md, "Markdown"): the title block, a table
 * of contents, headings, prose, and measures with their numbers as printed; `programme import --from
 * markdown` reads it back to the same pillars and measures (test/export/markdown.test.ts).
 *
 * How it is written:
 * - the title as the one `#` heading, then a line of text with the party, the election, the year (when
 *   the election does not name it already), the status or the adoption date, and the version;
 * - a table of contents (`## Innhold` in the programme's language) as a nested list of links;
 * - pillars and unnumbered sections as `##`, sub-sections one level deeper per level of nesting (a
 *   level skipped in the programme is not skipped here, so heading levels go up one at a time);
 * - before each heading, on a line of its own, its anchor and its label's as empty HTML anchors
 *   (`<a id="kapittel-2"></a>`): GitHub makes its own heading ids from the title, which are not the
 *   stable anchors every format shares (`#kapittel-2`, `#tiltak-4-7`, `#heltidskultur`);
 * - measures as ordered lists whose numbers are the printed ones (`1.`, `2.` …; a list numbers its items
 *   from its first number on, so a run of measures is one list only while its numbers go up by one); a
 *   measure whose printed number a list cannot show (`9A.`, a full id `1.3`, `3)`) or that does not go on
 *   from the one before is a paragraph that starts with its number in bold (`**9A.**`). Each measure
 *   starts with its anchors (`<a id="tiltak-1-3"></a>`); its sub-points are a bullet list under it;
 * - references as links to their target's anchor (`[tiltak 4.7](#tiltak-4-7)`); a reference that names
 *   nothing as its text;
 * - every word from the programme escaped ({@link escapeMarkdown}), so that it shows as written.
 *
 * Blocks are separated by one blank line; the text ends with one line break.
 */
import type { PrintedHeading, PrintedInline, PrintedItem, PrintedMeasure, Publication, TocEntry } from './document';

/**
 * The Markdown text of `pub` (see the module comment). Pure; never throws. A programme without a title
 * (none in its front matter, no unnumbered section) has no `#` heading.
 */
export function renderMarkdown(pub: Publication): string {
  const chunks: string[] = [];
  if (pub.title.title !== undefined) chunks.push(`# ${escapeMarkdown(pub.title.title)}`);
  const facts = titleFacts(pub);
  if (facts.length > 0) chunks.push(escapeMarkdown(facts.join(' · '), true));
  if (pub.toc.length > 0) chunks.push(`## ${escapeMarkdown(pub.words.contents)}`, tableOfContents(pub.toc));

  const levels = new HeadingLevels();
  /** The number of the list item written last, while a list is open. */
  let openList: number | undefined;
  for (const block of pub.blocks) {
    if (block.kind === 'measure') {
      const plain = plainNumber(block);
      if (plain !== undefined && (openList === undefined ? plain < 1e9 : plain === openList + 1)) {
        chunks.push(listMeasure(block, plain));
        openList = plain;
      } else {
        for (const c of paragraphMeasure(block)) chunks.push(c);
        openList = undefined;
      }
      continue;
    }
    openList = undefined;
    if (block.kind === 'heading') {
      chunks.push(anchors(block.anchor, block.labelAnchor), heading(block, levels.of(block.level)));
    } else {
      for (const part of block.parts) chunks.push(part.kind === 'text' ? inlines(part.inlines, true) : bulletList(part.items, ''));
    }
  }
  return `${chunks.join('\n\n')}\n`;
}

/**
 * The facts of the title block as printed under the title: party, election, year (left out when the
 * election's words hold it, as "Stortingsvalget 2027" does), the adoption line ("Vedtatt 2027-04-15")
 * or else the status ("Utkast"), and the version ("Versjon 2.1").
 */
function titleFacts(pub: Publication): string[] {
  const { party, election, year } = pub.title;
  const facts: string[] = [];
  if (party !== undefined) facts.push(party);
  if (election !== undefined) facts.push(election);
  if (year !== undefined && !(election ?? '').split(/\s+/).includes(String(year))) facts.push(String(year));
  const status = pub.words.adopted ?? pub.words.status;
  if (status !== undefined) facts.push(status);
  if (pub.words.version !== undefined) facts.push(pub.words.version);
  return facts.map((f) => f.replace(/\s+/g, ' ').trim()).filter((f) => f !== '');
}

/** The table of contents as a nested list of links, two spaces of indentation per level. */
function tableOfContents(toc: readonly TocEntry[]): string {
  const levels = new HeadingLevels();
  return toc
    .map((entry) => {
      const depth = levels.of(entry.level) - 1;
      const title = entry.number !== undefined ? `${entry.number} ${entry.title}` : entry.title;
      return `${'  '.repeat(depth)}- [${escapeMarkdown(title)}](${destination(entry.anchor)})`;
    })
    .join('\n');
}

/**
 * Heading levels without gaps: a heading's level as printed (1 for pillars and sections, 2… for
 * sub-sections) becomes its depth among the headings open above it (1, 2, 3 …), so that `###` under a
 * `#` pillar is written one level below it, not two.
 */
class HeadingLevels {
  private readonly open: number[] = [];
  /** The depth (1 = top) of a heading of printed `level`, given the headings seen before it. */
  of(level: number): number {
    while (this.open.length > 0 && this.open[this.open.length - 1] >= level) this.open.pop();
    this.open.push(level);
    return this.open.length;
  }
}

/** A heading at `depth` (1 = pillar or section, written `##`; at most `######`). */
function heading(h: PrintedHeading, depth: number): string {
  const number = h.number !== undefined ? `${escapeMarkdown(h.number)} ` : '';
  return `${'#'.repeat(Math.min(6, depth + 1))} ${number}${inlines(h.title, h.number === undefined)}`;
}

/** Empty HTML anchors for `anchor` and, if any, `labelAnchor`. */
function anchors(anchor: string, labelAnchor: string | undefined): string {
  return `<a id="${escapeAttribute(anchor)}"></a>${labelAnchor !== undefined ? `<a id="${escapeAttribute(labelAnchor)}"></a>` : ''}`;
}

/** The measure's number when it is printed as a plain `N.` that a list can show (no leading zero, no letter), else undefined. */
function plainNumber(m: PrintedMeasure): number | undefined {
  return m.alternative === '' && m.number === `${m.value}.` ? m.value : undefined;
}

/** A measure as an item of an ordered list numbered `n`: anchors, its text, its sub-points nested under it. */
function listMeasure(m: PrintedMeasure, n: number): string {
  const marker = `${n}. `;
  const indent = ' '.repeat(marker.length);
  const [first, ...rest] = measureBody(m);
  return [`${marker}${first}`, ...rest.map((line) => (line === '' ? '' : `${indent}${line}`))].join('\n');
}

/**
 * A measure that no list can number as printed: a paragraph starting with its number in bold (so that it
 * is not read as a list), then its sub-points as a bullet list after it.
 */
function paragraphMeasure(m: PrintedMeasure): string[] {
  const [first, ...rest] = measureBody(m);
  const chunks = [`**${escapeMarkdown(m.number)}** ${first}`];
  if (rest.length > 0) chunks.push(rest.join('\n').replace(/^\n+/, ''));
  return chunks;
}

/**
 * The lines of a measure's body: the first starts with its anchors and holds its text; then its
 * sub-points (`- …`), and any further text as a paragraph of its own (after a blank line).
 */
function measureBody(m: PrintedMeasure): string[] {
  const lines: string[] = [];
  let first = anchors(m.anchor, m.labelAnchor);
  let started = false;
  for (const part of m.parts) {
    if (part.kind === 'text') {
      if (!started) first += inlines(part.inlines, false);
      else lines.push('', inlines(part.inlines, true));
    } else {
      for (const l of bulletList(part.items, '').split('\n')) lines.push(l);
    }
    started = true;
  }
  return [first, ...lines];
}

/** Items as a bullet list (`- …`), each line starting with `indent`. */
function bulletList(items: readonly PrintedItem[], indent: string): string {
  return items.map((item) => `${indent}- ${inlines(item.inlines, true)}`).join('\n');
}

/** Printed parts' inlines as Markdown: text escaped, references as links to their anchors. */
function inlines(list: readonly PrintedInline[], atLineStart: boolean): string {
  let out = '';
  list.forEach((n, i) => {
    const start = atLineStart && i === 0;
    if (n.kind === 'reference' && n.anchor !== undefined) out += `[${escapeMarkdown(n.text)}](${destination(n.anchor)})`;
    else out += escapeMarkdown(n.text, start);
  });
  return out;
}

/**
 * Characters that are Markdown (CommonMark and GitHub's extensions: tables, strike-through, math)
 * wherever they stand, and an `&` that could start a character reference.
 */
const MARKUP = /[\\`*_[\]<#|~$]|&(?=[A-Za-z#])/g;

/** Characters that start a block at the start of a line: block quote, list bullets, setext underline. */
const LINE_START = new Set(['>', '-', '+', '=']);

/**
 * `text` escaped so that Markdown shows it as written: a backslash before every character that is
 * markup wherever it stands (`\ ` * _ [ ] < # | ~ $`), before an `&` that could start a character
 * reference, and — when `atLineStart`, the text starts a block — before a `>`, `-`, `+` or `=` at its
 * start and before the `.` or `)` of a number at its start (`17\. mai`, which would start a list).
 * Line breaks become spaces (a printed text is one line).
 */
export function escapeMarkdown(text: string, atLineStart = false): string {
  const out = text.replace(/[\r\n]/g, ' ').replace(MARKUP, '\\$&');
  if (!atLineStart) return out;
  if (LINE_START.has(out[0])) return `\\${out}`;
  let digits = 0;
  while (digits < out.length && out[digits] >= '0' && out[digits] <= '9') digits++;
  if (digits > 0 && digits <= 9 && (out[digits] === '.' || out[digits] === ')')) return `${out.slice(0, digits)}\\${out.slice(digits)}`;
  return out;
}

/** `"`, `&`, `<` and `>` of an attribute's value as character references. */
function escapeAttribute(value: string): string {
  return value.replace(/[&"<>]/g, (c) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' })[c]!);
}

/** A link to `anchor` in the same document: `#anchor`, with spaces, brackets and other signs a destination cannot hold percent-encoded. */
function destination(anchor: string): string {
  let out = '#';
  for (const c of anchor) out += /[\p{L}\p{N}\p{M}._~-]/u.test(c) ? c : encodeURIComponent(c);
  return out;
}
