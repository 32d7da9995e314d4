/**
 * The PDF reader: a PDF's bytes → pages of lines (`Reading` of kind `pages`), with pdfjs-dist's legacy
 * build (4.10.38) for the text and its positions. What it does, page by page:
 *
 * 1. takes pdfjs's text items (`getTextContent()`: `str`, `transform`, `width`, `fontName`, `hasEOL`)
 *    as {@link TextRun}s in the page's points (x from the page's left edge, y upwards from its bottom);
 * 2. looks for a **gutter** ({@link findGutter}): a vertical band near the middle of the text that no
 *    item crosses between two full-width lines, over a good part of the page; if there is one, the
 *    left column is read before the right one, and the full-width lines above and below it stay where
 *    they are ({@link layoutPage}, recursively, so a page may have several column blocks);
 * 3. joins the runs of each region into lines by their baseline (superscripts and subscripts go with
 *    the line they stand on), left to right, with a space where the gap between two runs is wider than
 *    a fifth of the font size and neither side has one; runs far apart on one baseline (a footer's
 *    title and its page number) become separate lines;
 * 4. inserts an empty line where the distance between two baselines is clearly larger than the
 *    document's line spacing for that font size (a paragraph break; {@link measureSpacing}).
 *
 * Running headers, footers and page numbers are kept as lines: the clean-up removes them. A page
 * without any text (a scanned page without a text layer) gives a `reader` note with detail `no-text`.
 *
 * Loading pdfjs: `pdf.mjs` is an ES module with top-level code for Node; the bundles (CommonJS, see
 * `scripts/build.mjs`) keep `pdfjs-dist` external and load it with `import()` (through node/esm.ts)
 * at the first PDF, together with its worker module, which is handed to pdfjs as `globalThis.pdfjsWorker` (pdfjs's
 * "fake worker": the parsing runs in this thread, no worker file is looked up by path).
 */
import type { Note, Page, PageLine, Reading } from './outline';
import { importModule } from '../node/esm';

/**
 * One text item of a page, as the layout works on it. Units are PDF points; `x0`/`x1` are the left and
 * right edges measured from the page's left edge, `y` is the baseline measured upwards from the page's
 * bottom; `size` is the font height (the text matrix's vertical scale). `space` is true for a run that
 * is only whitespace (pdfjs adds such runs where it saw a gap). `order` is the item's index in the
 * content stream (it breaks ties).
 */
export interface TextRun {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
  bold: boolean;
  space: boolean;
  order: number;
}

/**
 * A laid-out line before it becomes a `PageLine`: its text, left edge, baseline, the font size and
 * boldness of most of its characters, and `region` (lines of one region — a column, or the full-width
 * part above or below columns — follow each other; the paragraph-break test only looks inside one).
 */
export interface LaidLine {
  text: string;
  x: number;
  y: number;
  size: number;
  bold: boolean;
  region: number;
}

/** A gutter between two columns: its middle `x`, and the baselines that bound the column block (exclusive; ±Infinity when open). */
export interface Gutter {
  x: number;
  top: number;
  bottom: number;
}

/** Font names that say bold: Bold (also SemiBold, ExtraBold, DemiBold …), Black, Heavy. */
const BOLD_NAME = /bold|black|heavy/i;

/** A run joins a line when its baseline is at most this many (line's) font sizes below it … */
const BELOW = 0.35;
/** … or at most this many above it (a superscript is raised by about 0.4 of the body size). */
const ABOVE = 0.55;
/** Runs on one baseline further apart than this many font sizes are separate lines. */
const SPLIT_GAP = 3;
/** A gap between two runs wider than this many font sizes is a word space. */
const SPACE_GAP = 0.2;
/** A baseline distance larger than this many times the line spacing is a paragraph break. */
const BREAK_FACTOR = 1.4;

/**
 * Reads a PDF. Returns one `Page` per PDF page (page numbers are 1-based, lines 0-based within their
 * page), each line with its left edge `x` and font `size` in points and `bold` when most of its
 * characters are set in a bold font; empty lines mark paragraph breaks. `title` is the document's
 * metadata title, when it has one. Notes: `reader` with detail `no-text` for each page without text.
 * Rejects when pdfjs cannot open the file (not a PDF, damaged, encrypted with a password).
 */
export async function readPdf(bytes: Uint8Array): Promise<Reading> {
  const pdfjs = await loadPdfjs();
  const task = pdfjs.getDocument({
    // pdfjs may transfer (detach) the buffer it is given: it gets a copy, the caller's bytes stay usable.
    data: bytes.slice(),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS - 1,
    // Nothing is drawn: images bigger than a pixel are left out of the operator lists (see boldFonts), not decoded.
    maxImageSize: 1,
  });
  const doc = await task.promise;
  try {
    const runsOfPages: TextRun[][] = [];
    const boxes: { left: number; bottom: number }[] = [];
    const rotated: TextRun[][] = [];
    const fontPage = new Map<string, number>();
    const raw: { items: RawItem[] }[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      const items: RawItem[] = [];
      for (const i of content.items) if ('str' in i) items.push(i);
      for (const item of items) if (item.str.trim() && !fontPage.has(item.fontName)) fontPage.set(item.fontName, p);
      raw.push({ items });
      boxes.push({ left: page.view[0], bottom: page.view[1] });
      page.cleanup();
    }
    const bold = await boldFonts(doc, fontPage);
    for (let p = 0; p < raw.length; p++) {
      const straight: TextRun[] = [];
      const turned: TextRun[] = [];
      raw[p].items.forEach((item, order) => {
        const run = toRun(item, order, boxes[p], bold);
        if (run) (run.turned ? turned : straight).push(run.run);
      });
      runsOfPages.push(straight);
      rotated.push(turned);
    }
    const laid = runsOfPages.map((runs) => layoutPage(runs));
    const spacing = measureSpacing(laid);
    const notes: Note[] = [];
    const pages: Page[] = laid.map((lines, i) => {
      const page = toPage(lines, rotated[i], i + 1, spacing);
      if (!page.some((l) => l.text !== '')) notes.push({ code: 'reader', place: { page: i + 1, line: 0 }, detail: 'no-text' });
      return page;
    });
    const title = await documentTitle(doc);
    return title ? { kind: 'pages', pages, notes, title } : { kind: 'pages', pages, notes };
  } finally {
    await doc.destroy();
  }
}

/** The fields of a pdfjs text item that the reader uses. */
interface RawItem {
  str: string;
  transform: number[];
  width: number;
  fontName: string;
  hasEOL: boolean;
}

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PdfDocument = Awaited<ReturnType<Pdfjs['getDocument']>['promise']>;

let loading: Promise<Pdfjs> | undefined;

/**
 * Loads pdfjs's legacy build once, with its worker module as `globalThis.pdfjsWorker` so that pdfjs
 * runs its parser in this thread (the "fake worker" of Node) without looking up `workerSrc`.
 */
function loadPdfjs(): Promise<Pdfjs> {
  loading ??= (async () => {
    const worker = await importModule<typeof import('pdfjs-dist/legacy/build/pdf.worker.mjs')>('pdfjs-dist/legacy/build/pdf.worker.mjs');
    const g = globalThis as { pdfjsWorker?: unknown };
    g.pdfjsWorker ??= worker;
    return importModule<Pdfjs>('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  return loading;
}

/**
 * Which fonts are bold, by pdfjs's font id (`g_d0_f3`; one id per font of the document). pdfjs hands a
 * font's name (`ABCDEF+OpenSans-Bold`) and flags to this side only when a page's operator list is
 * built, so the operator list of one page per font is asked for (the first page that uses it).
 */
async function boldFonts(doc: PdfDocument, fontPage: Map<string, number>): Promise<Set<string>> {
  const bold = new Set<string>();
  const pages = new Map<number, string[]>();
  for (const [font, p] of fontPage) pages.set(p, [...(pages.get(p) ?? []), font]);
  for (const [p, fonts] of pages) {
    const page = await doc.getPage(p);
    try {
      await page.getOperatorList();
      for (const id of fonts) {
        if (!page.commonObjs.has(id)) continue;
        const font = page.commonObjs.get(id) as { name?: unknown; bold?: unknown; black?: unknown } | string | null;
        if (font && typeof font === 'object' && (font.bold === true || font.black === true || (typeof font.name === 'string' && BOLD_NAME.test(font.name)))) bold.add(id);
      }
    } catch {
      // A page whose drawing pdfjs cannot build: its fonts count as not bold.
    }
    page.cleanup();
  }
  return bold;
}

/** The metadata title (the Info dictionary's /Title), trimmed; undefined when there is none. */
async function documentTitle(doc: PdfDocument): Promise<string | undefined> {
  try {
    const { info } = await doc.getMetadata();
    const title = (info as { Title?: unknown } | undefined)?.Title;
    return typeof title === 'string' && title.trim() ? title.trim() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A pdfjs item as a run in page coordinates; `turned` for text that is not upright (rotated or
 * mirrored), which the layout keeps out of the lines and columns. Items without text are dropped.
 */
function toRun(item: RawItem, order: number, box: { left: number; bottom: number }, bold: Set<string>): { run: TextRun; turned: boolean } | undefined {
  if (item.str === '') return undefined;
  const [a, b, c, d, e, f] = item.transform;
  const turned = Math.abs(b) > 1e-3 * Math.abs(a) || Math.abs(c) > 1e-3 * Math.abs(d) || a <= 0 || d <= 0;
  const size = turned ? Math.hypot(a, b) : d;
  const x0 = e - box.left;
  const run: TextRun = {
    text: item.str,
    x0,
    x1: x0 + Math.max(0, item.width),
    y: f - box.bottom,
    size: size > 0 ? size : 1,
    bold: bold.has(item.fontName),
    space: item.str.trim() === '',
    order,
  };
  return { run, turned };
}

/**
 * Lays out one page's upright runs: finds the columns (recursively: a column block, then what is
 * above, below and inside each column) and joins each region's runs into lines. Lines come in reading
 * order: full-width lines above a column block, its left column top to bottom, its right column, the
 * full-width lines below. Pure; `y` of the lines is the baseline in points from the page's bottom.
 */
export function layoutPage(runs: TextRun[]): LaidLine[] {
  const ink = runs.filter((r) => !r.space);
  if (ink.length === 0) return [];
  const top = ink.reduce((max, r) => Math.max(max, r.y + r.size), -Infinity);
  const bottom = ink.reduce((min, r) => Math.min(min, r.y), Infinity);
  const out: LaidLine[] = [];
  let region = 0;
  const walk = (part: TextRun[]): void => {
    if (!part.some((r) => !r.space)) return;
    const gutter = findGutter(part, top - bottom);
    if (!gutter) {
      for (const line of joinLines(part)) out.push({ ...line, region });
      region++;
      return;
    }
    const above: TextRun[] = [];
    const left: TextRun[] = [];
    const right: TextRun[] = [];
    const below: TextRun[] = [];
    for (const r of part) {
      if (r.y >= gutter.top) above.push(r);
      else if (r.y <= gutter.bottom) below.push(r);
      else if ((r.x0 + r.x1) / 2 < gutter.x) left.push(r);
      else right.push(r);
    }
    walk(above);
    walk(left);
    walk(right);
    walk(below);
  };
  walk(runs);
  return out;
}

/**
 * Finds the gutter of a two-column block in a region's runs, or undefined for a single column.
 * The runs are joined into {@link chunks} and these into lines (by baseline). For each x in the
 * middle half of the region's text width (1-point steps), the lines that have ink across x cut the
 * region into bands of consecutive lines that are free at x; the band with the most lines is that
 * x's candidate. A candidate counts when at least 3 of its lines have ink left of x and 3 right of it,
 * the two sides stand side by side (their heights overlap by half the shorter one), and the band
 * covers at least 35 % of `pageHeight` (the page's text height: a gutter runs over most of the page,
 * a table's gap does not) or holds at least 60 % of the region's lines (a short column block under a
 * heading, on a chapter's last page). The gutter is the middle of the widest stretch of neighbouring
 * x with the same band, at least 6 points and half a font size wide; among several, the one with
 * lines on one side only wins (a line with ink on both sides of x — a bullet and its text — speaks
 * against a gutter there; a footer that crosses part of the gutter is inside the band, and peeled).
 * Last, the lines of each side must mostly be longer than 4 font sizes: a table's column of numbers
 * (a table of contents) is not a column of text. The band's bounds are the baselines of the cutting lines, widened by
 * half their font size; {@link peel} then takes running headers and footers out of it.
 */
export function findGutter(runs: TextRun[], pageHeight: number): Gutter | undefined {
  const ink = chunks(runs);
  if (ink.length < 6) return undefined;
  let minX = Infinity;
  let maxX = -Infinity;
  for (const r of ink) {
    minX = Math.min(minX, r.x0);
    maxX = Math.max(maxX, r.x1);
  }
  const width = maxX - minX;
  if (width < 100) return undefined;
  const sizes = ink.map((r) => r.size).sort((a, b) => a - b);
  const minGap = Math.max(6, 0.5 * sizes[Math.floor(sizes.length / 2)]);
  // Lines (top to bottom) with their extent and the x they cover, on a 1-point grid over the window.
  const lo = Math.ceil(minX + 0.25 * width);
  const n = Math.max(0, Math.floor(minX + 0.75 * width) - lo + 1);
  type Line = { y: number; size: number; top: number; x0: number; x1: number; covered: Uint8Array };
  const lines: Line[] = [];
  for (const r of ink) {
    let line = lines[lines.length - 1];
    if (!line || line.y - r.y > 0.35 * Math.max(line.size, r.size)) {
      line = { y: r.y, size: r.size, top: r.y + r.size, x0: r.x0, x1: r.x1, covered: new Uint8Array(n) };
      lines.push(line);
    }
    line.size = Math.max(line.size, r.size);
    line.top = Math.max(line.top, r.y + r.size);
    line.x0 = Math.min(line.x0, r.x0);
    line.x1 = Math.max(line.x1, r.x1);
    for (let i = Math.max(0, Math.floor(r.x0) + 1 - lo), end = Math.min(n - 1, Math.ceil(r.x1) - 1 - lo); i <= end; i++) line.covered[i] = 1;
  }
  type Candidate = { top: number; bottom: number; lines: number };
  const candidates: (Candidate | undefined)[] = [];
  for (let i = 0; i < n; i++) candidates.push(bandAt(i, lo + i));
  let best: { from: number; to: number; c: Candidate } | undefined;
  for (let i = 0; i < n; ) {
    const first = candidates[i];
    if (!first) {
      i++;
      continue;
    }
    let c: Candidate = first;
    let j = i;
    for (;;) {
      const next = candidates[j + 1];
      if (!next || next.top !== c.top || next.bottom !== c.bottom) break;
      c = { ...c, lines: Math.min(c.lines, next.lines) };
      j++;
    }
    if (j - i + 1 >= minGap && (!best || c.lines > best.c.lines || (c.lines === best.c.lines && j - i > best.to - best.from))) best = { from: i, to: j, c };
    i = j + 1;
  }
  if (!best) return undefined;
  const gutter = peel(ink, { x: lo + (best.from + best.to) / 2, top: best.c.top, bottom: best.c.bottom });
  // Columns of text, not of a table: the lines on each side are mostly longer than 4 font sizes
  // (a table of contents' page numbers, a list's numbers are not a column to read on its own).
  const block = lines.filter((l) => l.y < gutter.top && l.y > gutter.bottom);
  const median = (widths: number[]): number => widths.sort((m, k) => m - k)[Math.floor(widths.length / 2)] ?? 0;
  const leftWidth = median(block.filter((l) => l.x0 < gutter.x).map((l) => Math.min(l.x1, gutter.x) - l.x0));
  const rightWidth = median(block.filter((l) => l.x1 > gutter.x).map((l) => l.x1 - Math.max(l.x0, gutter.x)));
  const body = sizes[Math.floor(sizes.length / 2)];
  return leftWidth >= 4 * body && rightWidth >= 4 * body ? gutter : undefined;

  function bandAt(i: number, x: number): Candidate | undefined {
    let found: Candidate | undefined;
    for (let k = 0; k < lines.length; ) {
      if (lines[k].covered[i]) {
        k++;
        continue;
      }
      let end = k;
      while (end + 1 < lines.length && !lines[end + 1].covered[i]) end++;
      let left = 0;
      let right = 0;
      let both = 0;
      let lhi = -Infinity;
      let llo = Infinity;
      let rhi = -Infinity;
      let rlo = Infinity;
      for (let m = k; m <= end; m++) {
        const l = lines[m];
        if (l.x0 < x) {
          left++;
          lhi = Math.max(lhi, l.top);
          llo = Math.min(llo, l.y);
        }
        if (l.x0 < x && l.x1 > x) both++;
        if (l.x1 > x) {
          right++;
          rhi = Math.max(rhi, l.top);
          rlo = Math.min(rlo, l.y);
        }
      }
      const count = end - k + 1;
      const overlap = Math.min(lhi, rhi) - Math.max(llo, rlo);
      const tall = Math.max(lhi, rhi) - Math.min(llo, rlo) >= 0.35 * pageHeight || count >= 0.6 * lines.length;
      if (left >= 3 && right >= 3 && tall && overlap >= 0.5 * Math.min(lhi - llo, rhi - rlo) && (!found || count - both > found.lines)) {
        const above = lines[k - 1];
        const below = lines[end + 1];
        found = { top: above ? above.y - 0.5 * above.size : Infinity, bottom: below ? below.y + 0.5 * below.size : -Infinity, lines: count - both };
      }
      k = end + 1;
    }
    return found;
  }
}

/**
 * The non-blank runs of a region with neighbours on one baseline joined where the gap between them is
 * less than 0.6 font sizes (a word space, even a stretched one): fewer, longer pieces for the gutter
 * search, which looks for wider gaps only. Whitespace runs are left out.
 */
function chunks(runs: TextRun[]): TextRun[] {
  const ink = runs.filter((r) => !r.space).sort((a, b) => b.y - a.y || a.x0 - b.x0);
  const out: TextRun[] = [];
  for (const r of ink) {
    const last = out[out.length - 1];
    if (last && Math.abs(last.y - r.y) <= 0.1 * r.size && r.x0 >= last.x0 && r.x0 - last.x1 < 0.6 * Math.max(r.size, last.size)) {
      out[out.length - 1] = { ...last, x1: Math.max(last.x1, r.x1), size: Math.max(last.size, r.size) };
    } else out.push(r);
  }
  return out;
}

/**
 * Takes running headers and footers out of a column block: a line at the bottom (top) of the block
 * that stands on the same baseline left and right of the gutter (a footer's title and its page
 * number), both short (less than half their column's width), and more than 1.5 body sizes from the
 * rest of their columns; or a line on one side only that is below (above) everything on the other
 * side and more than 3 body sizes from the rest of its column — is full-width: the block ends above
 * (below) it. Stops when a column would keep fewer than 3 lines.
 */
function peel(ink: TextRun[], gutter: Gutter): Gutter {
  let { top, bottom } = gutter;
  for (let round = 0; round < 4; round++) {
    const inBand = ink.filter((r) => r.y < top && r.y > bottom);
    const left = baselines(inBand.filter((r) => (r.x0 + r.x1) / 2 < gutter.x));
    const right = baselines(inBand.filter((r) => (r.x0 + r.x1) / 2 >= gutter.x));
    if (left.length < 4 || right.length < 4) break;
    const lWidth = left.reduce((max, l) => Math.max(max, l.x1), -Infinity) - left.reduce((min, l) => Math.min(min, l.x0), Infinity);
    const rWidth = right.reduce((max, l) => Math.max(max, l.x1), -Infinity) - right.reduce((min, l) => Math.min(min, l.x0), Infinity);
    const short = (l: Baseline, w: number): boolean => l.x1 - l.x0 < 0.5 * w;
    const end = (side: Baseline[], i: number, j: number): { line: Baseline; gap: number; body: number } => ({
      line: side[i],
      gap: Math.abs(side[i].y - side[j].y),
      body: side[j].size,
    });
    const lb = end(left, left.length - 1, left.length - 2);
    const rb = end(right, right.length - 1, right.length - 2);
    const lt = end(left, 0, 1);
    const rt = end(right, 0, 1);
    const pair = (a: typeof lb, b: typeof lb): boolean =>
      Math.abs(a.line.y - b.line.y) <= 0.5 * Math.max(a.line.size, b.line.size) &&
      a.gap > 1.5 * a.body &&
      b.gap > 1.5 * b.body &&
      short(a.line, lWidth) &&
      short(b.line, rWidth);
    const tol = (l: Baseline): number => 0.5 * l.size;
    if (pair(lb, rb)) bottom = Math.max(lb.line.y + tol(lb.line), rb.line.y + tol(rb.line));
    else if (lb.line.y < rb.line.y - tol(rb.line) && lb.gap > 3 * lb.body) bottom = lb.line.y + tol(lb.line);
    else if (rb.line.y < lb.line.y - tol(lb.line) && rb.gap > 3 * rb.body) bottom = rb.line.y + tol(rb.line);
    else if (pair(lt, rt)) top = Math.min(lt.line.y - tol(lt.line), rt.line.y - tol(rt.line));
    else if (lt.line.y > rt.line.y + tol(rt.line) && lt.gap > 3 * lt.body) top = lt.line.y - tol(lt.line);
    else if (rt.line.y > lt.line.y + tol(lt.line) && rt.gap > 3 * rt.body) top = rt.line.y - tol(rt.line);
    else break;
  }
  return { x: gutter.x, top, bottom };
}

/** A baseline of some runs: its y, the largest size on it, the left and right edges of its runs. */
interface Baseline {
  y: number;
  size: number;
  x0: number;
  x1: number;
}

/** The distinct baselines of some runs, top first (runs within a third of a size share one). */
function baselines(runs: TextRun[]): Baseline[] {
  const out: Baseline[] = [];
  for (const r of [...runs].sort((a, b) => b.y - a.y)) {
    const last = out[out.length - 1];
    if (last && last.y - r.y <= 0.35 * Math.max(last.size, r.size)) {
      last.size = Math.max(last.size, r.size);
      last.x0 = Math.min(last.x0, r.x0);
      last.x1 = Math.max(last.x1, r.x1);
    } else out.push({ y: r.y, size: r.size, x0: r.x0, x1: r.x1 });
  }
  return out;
}

/**
 * Joins one region's runs into lines: a run belongs to the line whose baseline is nearest, within
 * {@link BELOW}/{@link ABOVE} of the larger font's size (a superscript or subscript stays with its
 * line; the line's baseline is that of its largest run). Runs of a line are sorted by x; a space goes
 * between two runs whose gap is wider than {@link SPACE_GAP} font sizes when neither has one at that
 * side (pdfjs's `hasEOL` is not needed: lines are found by position). Runs more than {@link SPLIT_GAP}
 * font sizes apart make separate lines, left one first. Lines come top to bottom.
 */
export function joinLines(runs: TextRun[]): Omit<LaidLine, 'region'>[] {
  const sorted = [...runs].sort((a, b) => b.size - a.size || b.y - a.y || a.order - b.order);
  const groups: { y: number; size: number; runs: TextRun[] }[] = [];
  for (const r of sorted) {
    let best: { y: number; size: number; runs: TextRun[] } | undefined;
    let bestD = Infinity;
    for (const g of groups) {
      const d = r.y - g.y;
      const size = Math.max(g.size, r.space ? 0 : r.size);
      if (d < -BELOW * size || d > ABOVE * size) continue;
      if (Math.abs(d) < bestD) {
        bestD = Math.abs(d);
        best = g;
      }
    }
    if (best) best.runs.push(r);
    else groups.push({ y: r.y, size: r.size, runs: [r] });
  }
  groups.sort((a, b) => b.y - a.y);
  const lines: Omit<LaidLine, 'region'>[] = [];
  for (const g of groups) {
    const inOrder = g.runs.sort((a, b) => a.x0 - b.x0 || a.order - b.order);
    let part: TextRun[] = [];
    let end = -Infinity;
    for (const r of inOrder) {
      if (part.length > 0 && !r.space && r.x0 - end > SPLIT_GAP * Math.max(r.size, g.size)) {
        pushLine(lines, part, g.y);
        part = [];
      }
      part.push(r);
      if (!r.space) end = Math.max(end, r.x1);
    }
    pushLine(lines, part, g.y);
  }
  return lines;
}

/** Makes one line of runs sorted by x (see {@link joinLines}); nothing for runs that are all whitespace. */
function pushLine(lines: Omit<LaidLine, 'region'>[], runs: TextRun[], y: number): void {
  const ink = runs.filter((r) => !r.space);
  if (ink.length === 0) return;
  let text = '';
  let end = -Infinity;
  for (const r of runs) {
    if (r.space) {
      if (text !== '' && !/\s$/.test(text)) text += ' ';
      continue;
    }
    if (text !== '' && r.x0 - end > SPACE_GAP * r.size && !/\s$/.test(text) && !/^\s/.test(r.text)) text += ' ';
    text += r.text;
    end = Math.max(end, r.x1);
  }
  const weight = new Map<number, number>();
  let boldChars = 0;
  let chars = 0;
  for (const r of ink) {
    const n = r.text.replace(/\s/g, '').length;
    weight.set(r.size, (weight.get(r.size) ?? 0) + n);
    chars += n;
    if (r.bold) boldChars += n;
  }
  const size = [...weight].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0][0];
  lines.push({ text: text.trim(), x: ink.reduce((min, r) => Math.min(min, r.x0), Infinity), y, size, bold: boldChars * 2 > chars });
}

/** The line spacing (baseline to baseline, points) of each font size of a document, keyed by the size rounded to a tenth. */
export type Spacing = Map<number, number>;

/**
 * Measures the document's line spacing per font size: the distances between the baselines of
 * consecutive lines of one region and the same size, in half-point bins; the spacing is the smallest
 * distance whose bin holds at least a fifth of the largest bin's count (and at least 3 pairs) — the
 * distance within a paragraph, even where one-line paragraphs (with their larger gaps) are more common.
 */
export function measureSpacing(pages: LaidLine[][]): Spacing {
  const bins = new Map<number, Map<number, number>>();
  for (const lines of pages) {
    for (let i = 1; i < lines.length; i++) {
      const a = lines[i - 1];
      const b = lines[i];
      if (a.region !== b.region || sizeKey(a.size) !== sizeKey(b.size)) continue;
      const d = a.y - b.y;
      if (d < 0.8 * b.size || d > 4 * b.size) continue;
      const key = sizeKey(b.size);
      const bin = Math.round(d * 2) / 2;
      const m = bins.get(key) ?? new Map<number, number>();
      m.set(bin, (m.get(bin) ?? 0) + 1);
      bins.set(key, m);
    }
  }
  const spacing: Spacing = new Map();
  for (const [key, m] of bins) {
    let most = -Infinity;
    for (const n of m.values()) most = Math.max(most, n);
    const usable = [...m].filter(([, n]) => n >= 3 && n * 5 >= most).map(([d]) => d);
    if (usable.length > 0) spacing.set(key, usable.reduce((min, d) => Math.min(min, d), Infinity));
  }
  return spacing;
}

/** The key of a font size in {@link Spacing}. */
function sizeKey(size: number): number {
  return Math.round(size * 10) / 10;
}

/**
 * The `Page` of laid-out lines: places (this page, 0-based lines), an empty line before a line whose
 * baseline is further below the previous line's (in the same region, or going down into the next
 * region) than {@link BREAK_FACTOR} times the expected spacing. The expected spacing is the measured
 * one for two lines of one size; for two sizes, or a size never measured, it is the document's usual
 * ratio of spacing to size (1.2 when nothing was measured) times the larger size. Text that is not
 * upright (a rotated margin note) follows, one line per item.
 */
function toPage(lines: LaidLine[], turned: TextRun[], page: number, spacing: Spacing): Page {
  const ratio = usualRatio(spacing);
  const out: Page = [];
  const push = (text: string, extra: Omit<PageLine, 'text' | 'place'>): void => {
    out.push({ text, place: { page, line: out.length }, ...extra });
  };
  lines.forEach((line, i) => {
    const prev = lines[i - 1];
    if (prev) {
      const d = prev.y - line.y;
      const same = sizeKey(prev.size) === sizeKey(line.size);
      const expected = (same ? spacing.get(sizeKey(line.size)) : undefined) ?? ratio * Math.max(prev.size, line.size);
      if (d > BREAK_FACTOR * expected) push('', {});
    }
    push(line.text, { x: round(line.x), size: round(line.size), bold: line.bold });
  });
  for (const r of turned.sort((a, b) => a.order - b.order)) {
    if (!r.space) push(r.text.trim(), { size: round(r.size), bold: r.bold });
  }
  return out;
}

/** The usual ratio of line spacing to font size: the median over the measured sizes; 1.2 when none was measured. */
function usualRatio(spacing: Spacing): number {
  const ratios = [...spacing].map(([size, d]) => d / size).sort((a, b) => a - b);
  return ratios.length > 0 ? ratios[Math.floor(ratios.length / 2)] : 1.2;
}

/** Rounds to hundredths of a point (the PageLine's x and size). */
function round(n: number): number {
  return Math.round(n * 100) / 100;
}
