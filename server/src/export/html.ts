/**
 * The programme as one self-contained web page (docs/export.md, "HTML"): inline CSS, no script, no
 * external resource, so that the file can be mailed, put on any web server or opened from disk, and
 * prints to A4 with page numbers from the browser's "Print → Save as PDF".
 *
 * The page, as a screen reader or a search engine reads it:
 * - `<html lang>` is the programme's language tag (`lang` in its front matter);
 * - `<header>`: the title block from the front matter (`<h1>` title, party, election and year, the
 *   status, adoption and version words in the programme's language);
 * - `<nav>`: the table of contents ("Innhold"), nested lists of links to the pillars, sections and
 *   sub-sections with their numbers;
 * - `<main>`: one `<section>` per pillar or section, `<h2>`, with its sub-sections nested inside as
 *   `<section>`s with `<h3>`…`<h6>` by depth (never skipping a level, whatever `#` count was written);
 *   prose as `<p>` and bullet lists in prose as `<ul>`; each run of measures one `<ol>` whose items
 *   print their numbers as written (`3.`, `9A.`, `1.3`: text, not CSS counters), sub-points a `<ul>`
 *   inside the measure; references as links (`<a href="#tiltak-4-7">tiltak 4.7</a>`), a reference that
 *   names nothing as `<span class="unresolved">`.
 *
 * Anchors: every anchor of the publication is an `id` exactly once: a measure's on its `<li>`, a
 * heading's on its `<hN>`, a measure's label on its number (`<span class="number" id="…">`), a
 * heading's label on its `<section>`. Nothing else on the page has an id, so no id can collide.
 *
 * The body needs no script and has no `style` attribute, so that the editor's preview can show it under
 * a strict content security policy with the style sheet as its only style.
 */
import type { PrintedBlock, PrintedHeading, PrintedInline, PrintedItem, PrintedMeasure, PrintedParagraph, PrintedPart, Publication, TocEntry } from './document';
import type { DraftLayout, LaidOutLine, LaidOutRun } from '../amendments/lines';

/** Options of the HTML writer. */
export interface HtmlOptions {
  /**
   * Marks every block element (heading, paragraph, measure `<li>`, sub-point and bullet `<li>`) with
   * its 0-based source lines, first and last (`data-line`, `data-end-line`), as the preview needs for
   * scroll synchronisation and for revealing a measure's line in the editor.
   */
  sourceLines?: boolean;
  /**
   * The printed draft's layout (amendments/lines.ts `draftLayout`, of the same publication): print the
   * draft as a congress numbers it, each printed line a `<span class="line" data-n="112">` of its own
   * (a block), its number in the margin from the style sheet (`attr(data-n)`, with empty alternative
   * text so that screen readers read the words without the numbers), every number printed.
   */
  lineNumbers?: DraftLayout;
}

/**
 * The pieces of the page: the `lang` tag, the page's title (the programme's, else its first heading's),
 * one style sheet, and the inner HTML of `<body>` (no script, no `style` attribute).
 */
export interface HtmlParts {
  lang: string;
  title: string;
  css: string;
  body: string;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `&`, `<`, `>`, `"` and `'` as character references: safe in text and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return /[&<>"']/.test(text) ? text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]) : text;
}

/**
 * `text` as a CSS string in double quotes (`"…"`): `"` and `\` escaped with a backslash, control
 * characters (line breaks) and `<`, `>`, `&` as hexadecimal escapes (`\a `, `\3c `), so that the string
 * neither ends early nor closes the `<style>` element it stands in.
 */
export function cssString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (code < 0x20 || code === 0x7f || ch === '<' || ch === '>' || ch === '&') out += `\\${code.toString(16)} `;
    else out += ch;
  }
  return `${out}"`;
}

/** The page's pieces (see {@link HtmlParts}). Pure; never throws. */
export function htmlParts(pub: Publication, options: HtmlOptions = {}): HtmlParts {
  const title = pageTitle(pub);
  const writer = new BodyWriter(options.sourceLines === true, options.lineNumbers !== undefined ? runsByBlock(pub, options.lineNumbers) : undefined);
  const body = [titleBlock(pub), tableOfContents(pub.toc, pub.words.contents), writer.main(pub.blocks)].filter((s) => s !== '').join('\n');
  const css = styleSheet(pub, title);
  return { lang: pub.languageTag, title, css: options.lineNumbers !== undefined ? css + LINE_NUMBERS_CSS : css, body };
}

/**
 * The whole page: one self-contained HTML document (UTF-8, ending in a line break). Pure; never
 * throws.
 */
export function renderHtml(pub: Publication, options: HtmlOptions = {}): string {
  const { lang, title, css, body } = htmlParts(pub, options);
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>\n${css}</style>`,
    '</head>',
    '<body>',
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The programme's title, else its first heading as printed, else the word for measures (never empty). */
function pageTitle(pub: Publication): string {
  if (pub.title.title !== undefined) return pub.title.title;
  const heading = pub.blocks.find((b): b is PrintedHeading => b.kind === 'heading');
  if (heading !== undefined) return heading.number !== undefined ? `${heading.number} ${heading.titleText}` : heading.titleText;
  return pub.words.measures;
}

/** `<header>` with the front matter's title block, or '' when the front matter gives none of it. */
function titleBlock(pub: Publication): string {
  const t = pub.title;
  const lines: string[] = [];
  if (t.title !== undefined) lines.push(`<h1>${escapeHtml(t.title)}</h1>`);
  if (t.party !== undefined) lines.push(`<p class="party">${escapeHtml(t.party)}</p>`);
  // "Kommunevalget 2027" is printed once: the year only when the election's name does not hold it.
  const year = t.year !== undefined ? String(t.year) : undefined;
  const election = t.election !== undefined && year !== undefined && !t.election.includes(year) ? `${t.election} ${year}` : (t.election ?? year);
  if (election !== undefined) lines.push(`<p class="election">${escapeHtml(election)}</p>`);
  // "Vedtatt 2027-04-15" says "Vedtatt" already.
  const status = [t.status === 'adopted' && pub.words.adopted !== undefined ? undefined : pub.words.status, pub.words.adopted, pub.words.version].filter((s) => s !== undefined);
  if (status.length > 0) lines.push(`<p class="status">${escapeHtml(status.join(' · '))}</p>`);
  return lines.length === 0 ? '' : `<header>\n${lines.join('\n')}\n</header>`;
}

/** A tree of items by their levels: an item holds the items after it of a deeper level. */
interface Nested<T> {
  item: T;
  children: Nested<T>[];
}

/** `items` as a tree by `levelOf` (a deeper level nests under the nearest item before it of a lower one). */
function nest<T>(items: readonly T[], levelOf: (item: T) => number): Nested<T>[] {
  const roots: Nested<T>[] = [];
  const open: { level: number; node: Nested<T> }[] = [];
  for (const item of items) {
    const level = levelOf(item);
    while (open.length > 0 && open[open.length - 1].level >= level) open.pop();
    const node: Nested<T> = { item, children: [] };
    (open.length > 0 ? open[open.length - 1].node.children : roots).push(node);
    open.push({ level, node });
  }
  return roots;
}

/** `<nav>` with the table of contents, or '' when the programme has no heading. */
function tableOfContents(toc: readonly TocEntry[], contents: string): string {
  if (toc.length === 0) return '';
  const list = (nodes: readonly Nested<TocEntry>[]): string =>
    `<ol>\n${nodes
      .map(({ item, children }) => {
        const number = item.number !== undefined ? `<span class="number">${escapeHtml(item.number)}</span> ` : '';
        return `<li><a href="#${escapeHtml(item.anchor)}">${number}${escapeHtml(item.title)}</a>${children.length > 0 ? `\n${list(children)}` : ''}</li>`;
      })
      .join('\n')}\n</ol>`;
  return `<nav class="toc" aria-label="${escapeHtml(contents)}">\n<h2>${escapeHtml(contents)}</h2>\n${list(nest(toc, (e) => e.level))}\n</nav>`;
}

/** A heading with the blocks under it up to the next heading. */
interface Part {
  heading: PrintedHeading;
  blocks: PrintedBlock[];
}

/** Each block's laid out runs (by the block), from the draft layout of `pub`. */
function runsByBlock(pub: Publication, layout: DraftLayout): Map<PrintedBlock, LaidOutRun[]> {
  const out = new Map<PrintedBlock, LaidOutRun[]>();
  pub.blocks.forEach((b, i) => out.set(b, layout.runs[i] ?? []));
  return out;
}

/** Writes `<main>`: sections, prose and measures, with source lines and printed line numbers when asked for. */
class BodyWriter {
  constructor(
    private readonly sourceLines: boolean,
    private readonly printedLines?: Map<PrintedBlock, LaidOutRun[]>,
  ) {}

  /**
   * The printed lines of the run of `block` for `part` (-1: a heading) and `item`, as HTML, or undefined
   * without line numbers. `label` is the id of the number's `<span>` (a measure's label).
   */
  private linesOf(block: PrintedBlock, part: number, item: number | undefined, label = ''): string | undefined {
    const runs = this.printedLines?.get(block);
    if (runs === undefined) return undefined;
    const run = runs.find((r) => r.part === part && r.item === item);
    return run === undefined ? '' : run.lines.map((l) => printedLine(l, label)).join('');
  }

  /** `<main>` with the blocks: what stands before the first heading, then the sections. */
  main(blocks: readonly PrintedBlock[]): string {
    const before: PrintedBlock[] = [];
    const parts: Part[] = [];
    for (const b of blocks) {
      if (b.kind === 'heading') parts.push({ heading: b, blocks: [] });
      else (parts.length > 0 ? parts[parts.length - 1].blocks : before).push(b);
    }
    const out: string[] = ['<main>'];
    this.content(before, out);
    for (const node of nest(parts, (p) => p.heading.level)) this.section(node, 2, out);
    out.push('</main>');
    return out.join('\n');
  }

  /** A `<section>` with its heading at `level` (2…6), its blocks, and its sub-sections one level deeper. */
  private section({ item, children }: Nested<Part>, level: number, out: string[]): void {
    const h = item.heading;
    const label = h.labelAnchor !== undefined ? ` id="${escapeHtml(h.labelAnchor)}"` : '';
    out.push(`<section${label} aria-labelledby="${escapeHtml(h.anchor)}">`);
    const number = h.number !== undefined ? `<span class="number">${escapeHtml(h.number)}</span> ` : '';
    out.push(`<h${level} id="${escapeHtml(h.anchor)}"${this.lines(h.line, h.endLine)}>${this.linesOf(h, -1, undefined) ?? `${number}${inlines(h.title)}`}</h${level}>`);
    this.content(item.blocks, out);
    for (const child of children) this.section(child, Math.min(6, level + 1), out);
    out.push('</section>');
  }

  /** Prose and measures; each run of measures one `<ol>`. */
  private content(blocks: readonly PrintedBlock[], out: string[]): void {
    let inList = false;
    for (const b of blocks) {
      if (b.kind === 'measure') {
        if (!inList) out.push('<ol class="measures">');
        inList = true;
        out.push(this.measure(b));
        continue;
      }
      if (inList) out.push('</ol>');
      inList = false;
      if (b.kind === 'paragraph') out.push(this.paragraph(b));
    }
    if (inList) out.push('</ol>');
  }

  /** A measure's `<li>`: its number as printed, its text, its sub-points. */
  private measure(m: PrintedMeasure): string {
    const label = m.labelAnchor !== undefined ? ` id="${escapeHtml(m.labelAnchor)}"` : '';
    if (this.printedLines !== undefined) return this.printedMeasure(m, label);
    let html = `<li class="measure" id="${escapeHtml(m.anchor)}"${this.lines(m.line, m.endLine)}><span class="number"${label}>${escapeHtml(m.number)}</span>`;
    m.parts.forEach((part, i) => {
      const end = i + 1 < m.parts.length ? m.parts[i + 1].line - 1 : m.endLine;
      if (part.kind === 'list') html += `\n${this.list('sub-points', part.items, end, m, i)}`;
      // The measure's text runs on beside its number; a later run of text (none today) is a paragraph.
      else if (i === 0) html += ` ${inlines(part.inlines)}`;
      else html += `\n<p${this.lines(part.line, end)}>${inlines(part.inlines)}</p>`;
    });
    return `${html}</li>`;
  }

  /**
   * A measure's `<li>` with printed line numbers: its first run (its number and text) as lines, its
   * sub-points and later text as lines in their `<ul>` and `<p>`.
   */
  private printedMeasure(m: PrintedMeasure, label: string): string {
    let html = `<li class="measure" id="${escapeHtml(m.anchor)}"${this.lines(m.line, m.endLine)}>`;
    if (m.parts.length === 0) html += this.linesOf(m, 0, undefined, label) ?? '';
    m.parts.forEach((part, i) => {
      const end = i + 1 < m.parts.length ? m.parts[i + 1].line - 1 : m.endLine;
      if (part.kind === 'list') html += `${i === 0 ? '' : '\n'}${this.list('sub-points', part.items, end, m, i, i === 0 ? label : '')}`;
      else if (i === 0) html += this.linesOf(m, i, undefined, label) ?? '';
      else html += `\n<p${this.lines(part.line, end)}>${this.linesOf(m, i, undefined) ?? ''}</p>`;
    });
    return `${html}</li>`;
  }

  /** A paragraph of prose: its text as `<p>`, its bullets as `<ul>`. */
  private paragraph(p: PrintedParagraph): string {
    return p.parts
      .map((part: PrintedPart, i) => {
        const end = i + 1 < p.parts.length ? p.parts[i + 1].line - 1 : p.endLine;
        return part.kind === 'list' ? this.list('bullets', part.items, end, p, i) : `<p${this.lines(part.line, end)}>${this.linesOf(p, i, undefined) ?? inlines(part.inlines)}</p>`;
      })
      .join('\n');
  }

  /**
   * A `<ul>` of sub-points or bullets; an item ends where the next one starts, the last at `endLine`.
   * With printed line numbers, each item is its run's lines (`block`'s part `part`; `label` the id of a
   * measure number printed in the first item).
   */
  private list(kind: 'sub-points' | 'bullets', items: readonly PrintedItem[], endLine: number, block: PrintedBlock, part: number, label = ''): string {
    const lis = items.map((item, i) => `<li${this.lines(item.line, i + 1 < items.length ? items[i + 1].line - 1 : endLine)}>${this.linesOf(block, part, i, i === 0 ? label : '') ?? inlines(item.inlines)}</li>`);
    return `<ul class="${kind}">\n${lis.join('\n')}\n</ul>`;
  }

  /** ` data-line="…" data-end-line="…"` when source lines are asked for, else ''. */
  private lines(line: number, endLine: number): string {
    return this.sourceLines ? ` data-line="${line}" data-end-line="${Math.max(line, endLine)}"` : '';
  }
}

/**
 * A printed line as HTML: `<span class="line" data-n="112">` with its pieces: a number as
 * `<span class="number">` (with the id `label` when given), a sub-point's dash hidden from screen readers
 * (the list says it), text escaped, (parts of) references as links.
 */
function printedLine(l: LaidOutLine, label: string): string {
  let out = `<span class="line" data-n="${l.line.number}">`;
  for (const piece of l.pieces) {
    if (piece.kind === 'number') out += `<span class="number"${label}>${escapeHtml(piece.text)}</span>`;
    else if (piece.kind === 'bullet') out += `<span class="bullet" aria-hidden="true">${escapeHtml(piece.text)}</span>`;
    else if (piece.reference === undefined) out += escapeHtml(piece.text);
    else if (piece.reference.anchor !== undefined) out += `<a href="#${escapeHtml(piece.reference.anchor)}">${escapeHtml(piece.text)}</a>`;
    else out += `<span class="unresolved">${escapeHtml(piece.text)}</span>`;
  }
  return `${out}</span>`;
}

/**
 * The style sheet's rules for printed line numbers: each line a block that does not wrap, its number
 * right-aligned in a column at the left of `<main>` (every block is flush with the text column, so the numbers line up), in the muted colour, not selectable and with an
 * empty alternative text (`content: … / ""`; a browser that does not know that form keeps the first
 * `content`), on the line's baseline, sub-points with their printed dash instead of a bullet, measures flush with the text.
 */
const LINE_NUMBERS_CSS = `body {
  max-width: 48em;
}
main {
  padding-left: 4.5rem;
}
.line {
  display: block;
  white-space: nowrap;
}
.line::before {
  content: attr(data-n);
  content: attr(data-n) / "";
  display: inline-block;
  width: 3.5rem;
  margin-left: -4.5rem;
  margin-right: 1rem;
  text-align: right;
  color: var(--muted);
  font-size: 0.8rem;
  font-weight: 400;
  font-variant-numeric: tabular-nums;
  user-select: none;
}
li.measure {
  padding-left: 0;
}
li.measure .number {
  font-weight: 700;
}
ul.sub-points,
ul.bullets {
  list-style: none;
  padding-left: 0;
}
@media print {
  .line {
    break-inside: avoid;
  }
}
`;

/** Printed inlines as HTML: text escaped, references as links to their anchors (or marked as unresolved). */
function inlines(list: readonly PrintedInline[]): string {
  let out = '';
  for (const n of list) {
    if (n.kind === 'text') out += escapeHtml(n.text);
    else if (n.anchor !== undefined) out += `<a href="#${escapeHtml(n.anchor)}">${escapeHtml(n.text)}</a>`;
    else out += `<span class="unresolved">${escapeHtml(n.text)}</span>`;
  }
  return out;
}

/**
 * The style sheet: a modest reading width and system fonts on screen (light and dark), and for print
 * A4 pages with the title in a running header (not on the first page), "Side N" at the foot, the table
 * of contents on a page of its own, headings kept with what follows them and measures not split.
 */
function styleSheet(pub: Publication, title: string): string {
  const font = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif';
  return `:root {
  color-scheme: light dark;
  --text: #1a1a1a;
  --muted: #4a4a4a;
  --link: #0b57a4;
  --background: #ffffff;
  --rule: #cfcfcf;
  --target: #fff3c4;
}
@media screen and (prefers-color-scheme: dark) {
  :root {
    --text: #e6e6e6;
    --muted: #bdbdbd;
    --link: #8cb8ff;
    --background: #181818;
    --rule: #474747;
    --target: #3b3620;
  }
}
html {
  color: var(--text);
  background: var(--background);
  font-family: ${font};
  line-height: 1.55;
  -webkit-text-size-adjust: 100%;
  text-size-adjust: 100%;
}
body {
  max-width: 40em;
  margin: 0 auto;
  padding: 2rem 1.25rem 4rem;
}
a {
  color: var(--link);
}
header {
  margin-bottom: 2rem;
  padding-bottom: 1rem;
  border-bottom: 1px solid var(--rule);
}
h1 {
  font-size: 2rem;
  line-height: 1.2;
  margin: 0 0 0.75rem;
}
header p {
  margin: 0.2rem 0;
  color: var(--muted);
}
header .party {
  color: var(--text);
  font-weight: 600;
  font-size: 1.15rem;
}
h2,
h3,
h4,
h5,
h6 {
  line-height: 1.25;
  margin: 2rem 0 0.75rem;
}
h2 {
  font-size: 1.5rem;
}
h3 {
  font-size: 1.25rem;
}
h4,
h5,
h6 {
  font-size: 1.05rem;
}
main > section:first-child > h2,
nav.toc h2 {
  margin-top: 0;
}
nav.toc {
  margin-bottom: 2.5rem;
}
nav.toc ol {
  list-style: none;
  margin: 0.2rem 0;
  padding-left: 1.5em;
}
nav.toc > ol {
  padding-left: 0;
}
nav.toc li {
  margin: 0.2rem 0;
}
ol.measures {
  list-style: none;
  margin: 1rem 0 1.5rem;
  padding: 0;
}
li.measure {
  margin: 0 0 0.75rem;
  padding-left: 2.75em;
}
li.measure > .number {
  float: left;
  min-width: 2.75em;
  margin-left: -2.75em;
  font-weight: 700;
}
li.measure:target,
li.measure:has(> .number:target) {
  background: var(--target);
}
ul.sub-points,
ul.bullets {
  margin: 0.35rem 0 0.75rem;
  padding-left: 1.25em;
}
ul.sub-points li,
ul.bullets li {
  margin: 0.15rem 0;
}
.unresolved {
  text-decoration: underline dotted;
}
@page {
  size: A4;
  margin: 22mm 20mm 24mm;
  @top-center {
    content: ${cssString(title)};
    font-family: ${font};
    font-size: 9pt;
    color: #333333;
  }
  @bottom-center {
    content: ${cssString(`${pub.words.page} `)} counter(page);
    font-family: ${font};
    font-size: 9pt;
    color: #333333;
  }
}
@page :first {
  @top-center {
    content: none;
  }
}
@media print {
  :root {
    --text: #000000;
    --muted: #333333;
    --link: #000000;
    --background: #ffffff;
  }
  html {
    font-size: 10.5pt;
  }
  body {
    max-width: none;
    margin: 0;
    padding: 0;
  }
  a {
    color: inherit;
    text-decoration: none;
  }
  .unresolved {
    text-decoration: none;
  }
  li.measure:target,
  li.measure:has(> .number:target) {
    background: none;
  }
  nav.toc {
    break-after: page;
  }
  h1,
  h2,
  h3,
  h4,
  h5,
  h6 {
    break-after: avoid;
    break-inside: avoid;
  }
  p:has(+ ol.measures) {
    break-after: avoid;
  }
  li.measure {
    break-inside: avoid;
  }
  p,
  li {
    orphans: 3;
    widows: 3;
  }
}
`;
}
