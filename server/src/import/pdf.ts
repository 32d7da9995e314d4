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
 * `scripts/build.mjs`) keep `pdfjs-dist` external and load it with a dynamic `import()` at the first
 * PDF, together with its worker module, which is handed to pdfjs as `globalThis.pdfjsWorker` (pdfjs's
 * "fake worker": the parsing runs in this thread, no worker file is looked up by path).
 */
import type { Note, Page, PageLine, Reading } from './outline';

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
    const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    const g = globalThis as { pdfjsWorker?: unknown };
    g.pdfjsWorker ??= worker;
    return import('pdfjs-dist/legacy/build/pdf.mjs');
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
  const top = Math.max(...ink.map((r) => r.y + r.size));
  const bottom = Math.min(...ink.map((r) => r.y));
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
 * For each x in the middle half of the region's text width (1-point steps), the runs that cross x cut
 * the region into horizontal bands; the band with the most lines on both sides is that x's candidate.
 * A candidate counts when both sides have at least 3 lines, the two sides stand side by side (their
 * heights overlap by half the shorter one) and the band covers at least 35 % of `pageHeight` (the
 * page's text height: a gutter runs over most of the page, a table's gap does not) or holds at least
 * 60 % of the region's baselines (a short column block under a heading, on a chapter's last page). The gutter is the
 * middle of the widest stretch of neighbouring x with the same band, which must be at least 6 points
 * and half a font size wide; among several, the one with most lines wins. The band's bounds are the
 * baselines of the crossing lines above and below it, just outside their own tolerance.
 */
export function findGutter(runs: TextRun[], pageHeight: number): Gutter | undefined {
  const ink = runs.filter((r) => !r.space);
  if (ink.length < 6) return undefined;
  const minX = Math.min(...ink.map((r) => r.x0));
  const maxX = Math.max(...ink.map((r) => r.x1));
  const width = maxX - minX;
  if (width < 100) return undefined;
  const sizes = ink.map((r) => r.size).sort((a, b) => a - b);
  const body = sizes[Math.floor(sizes.length / 2)];
  const minGap = Math.max(6, 0.5 * body);
  const lineCount = baselines(ink).length;
  type Candidate = { top: number; bottom: number; lines: number };
  const candidates: (Candidate | undefined)[] = [];
  const xs: number[] = [];
  for (let x = Math.ceil(minX + 0.25 * width); x <= minX + 0.75 * width; x++) {
    xs.push(x);
    candidates.push(bandAt(ink, x, pageHeight, lineCount));
  }
  // Stretches of neighbouring x whose bands share a bound (a footer that crosses part of the gutter
  // only shortens the band there): the stretch's band is the narrowest of them.
  let best: { from: number; to: number; c: Candidate } | undefined;
  for (let i = 0; i < candidates.length; ) {
    const first = candidates[i];
    if (!first) {
      i++;
      continue;
    }
    let c: Candidate = first;
    let j = i;
    for (;;) {
      const next = candidates[j + 1];
      if (!next || (next.top !== c.top && next.bottom !== c.bottom)) break;
      c = { top: Math.min(c.top, next.top), bottom: Math.max(c.bottom, next.bottom), lines: Math.min(c.lines, next.lines) };
      j++;
    }
    const gap = xs[j] - xs[i] + 1;
    if (gap >= minGap && (!best || c.lines > best.c.lines || (c.lines === best.c.lines && j - i > best.to - best.from))) best = { from: i, to: j, c };
    i = j + 1;
  }
  if (!best) return undefined;
  const x = (xs[best.from] + xs[best.to]) / 2;
  return peel(ink, { x, top: best.c.top, bottom: best.c.bottom });

  function bandAt(all: TextRun[], x: number, height: number, total: number): Candidate | undefined {
    const cuts: { y: number; tol: number }[] = [];
    for (const r of all) if (r.x0 < x && r.x1 > x) cuts.push({ y: r.y, tol: 0.5 * r.size });
    cuts.sort((a, b) => b.y - a.y);
    // Bands between consecutive cuts (from the top): index k is the band below cut k-1 and above cut k.
    const bands = new Map<number, { left: Set<number>; right: Set<number>; hi: number; lo: number; lhi: number; llo: number; rhi: number; rlo: number }>();
    for (const r of all) {
      if (r.x0 < x && r.x1 > x) continue;
      let k = 0;
      let onCut = false;
      while (k < cuts.length && cuts[k].y > r.y) {
        if (cuts[k].y - r.y <= cuts[k].tol) onCut = true;
        k++;
      }
      if (k < cuts.length && r.y - cuts[k].y <= cuts[k].tol) onCut = true;
      if (onCut) continue;
      let band = bands.get(k);
      if (!band) {
        band = { left: new Set(), right: new Set(), hi: -Infinity, lo: Infinity, lhi: -Infinity, llo: Infinity, rhi: -Infinity, rlo: Infinity };
        bands.set(k, band);
      }
      const line = Math.round(r.y);
      band.hi = Math.max(band.hi, r.y + r.size);
      band.lo = Math.min(band.lo, r.y);
      if (r.x1 <= x) {
        band.left.add(line);
        band.lhi = Math.max(band.lhi, r.y + r.size);
        band.llo = Math.min(band.llo, r.y);
      } else {
        band.right.add(line);
        band.rhi = Math.max(band.rhi, r.y + r.size);
        band.rlo = Math.min(band.rlo, r.y);
      }
    }
    let found: Candidate | undefined;
    for (const [k, b] of bands) {
      if (b.left.size < 3 || b.right.size < 3) continue;
      if (b.hi - b.lo < 0.35 * height && baselines(all.filter((r) => !(r.x0 < x && r.x1 > x) && r.y <= b.hi && r.y >= b.lo)).length < 0.6 * total) continue;
      const overlap = Math.min(b.lhi, b.rhi) - Math.max(b.llo, b.rlo);
      if (overlap < 0.5 * Math.min(b.lhi - b.llo, b.rhi - b.rlo)) continue;
      const lines = b.left.size + b.right.size;
      if (found && found.lines >= lines) continue;
      const above = k > 0 ? cuts[k - 1] : undefined;
      const below = k < cuts.length ? cuts[k] : undefined;
      const top = above ? above.y - above.tol : Infinity;
      const bottom = below ? below.y + below.tol : -Infinity;
      found = { top, bottom, lines };
    }
    return found;
  }
}

/**
 * Takes running headers and footers out of a column block: a line at the bottom (top) of the block
 * that stands on the same baseline left and right of the gutter (a footer's title and its page
 * number), or only on one side but below (above) everything on the other side, with a gap of more than
 * 2 (3 for one side) font sizes to the rest of its column, is full-width: the block ends above (below)
 * it. Stops when a column would keep fewer than 3 lines.
 */
function peel(ink: TextRun[], gutter: Gutter): Gutter {
  let { top, bottom } = gutter;
  for (let round = 0; round < 4; round++) {
    const inBand = ink.filter((r) => r.y < top && r.y > bottom);
    const left = baselines(inBand.filter((r) => (r.x0 + r.x1) / 2 < gutter.x));
    const right = baselines(inBand.filter((r) => (r.x0 + r.x1) / 2 >= gutter.x));
    if (left.length < 4 || right.length < 4) break;
    const l = left[left.length - 1];
    const r = right[right.length - 1];
    const lGap = left[left.length - 2].y - l.y;
    const rGap = right[right.length - 2].y - r.y;
    const tol = 0.5 * Math.max(l.size, r.size);
    const lt = left[0];
    const rt = right[0];
    const ltGap = lt.y - left[1].y;
    const rtGap = rt.y - right[1].y;
    const ttol = 0.5 * Math.max(lt.size, rt.size);
    if (Math.abs(l.y - r.y) <= tol && lGap > 2 * l.size && rGap > 2 * r.size) bottom = Math.max(l.y, r.y) + tol;
    else if (l.y < r.y - tol && lGap > 3 * l.size) bottom = l.y + 0.5 * l.size;
    else if (r.y < l.y - tol && rGap > 3 * r.size) bottom = r.y + 0.5 * r.size;
    else if (Math.abs(lt.y - rt.y) <= ttol && ltGap > 2 * lt.size && rtGap > 2 * rt.size) top = Math.min(lt.y, rt.y) - ttol;
    else if (lt.y > rt.y + ttol && ltGap > 3 * lt.size) top = lt.y - 0.5 * lt.size;
    else if (rt.y > lt.y + ttol && rtGap > 3 * rt.size) top = rt.y - 0.5 * rt.size;
    else break;
  }
  return { x: gutter.x, top, bottom };
}

/** The distinct baselines of some runs, top first, with the largest size on each (runs within a third of a size share one). */
function baselines(runs: TextRun[]): { y: number; size: number }[] {
  const out: { y: number; size: number }[] = [];
  for (const r of [...runs].sort((a, b) => b.y - a.y)) {
    const last = out[out.length - 1];
    if (last && last.y - r.y <= 0.35 * Math.max(last.size, r.size)) last.size = Math.max(last.size, r.size);
    else out.push({ y: r.y, size: r.size });
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
  lines.push({ text: text.trim(), x: Math.min(...ink.map((r) => r.x0)), y, size, bold: boldChars * 2 > chars });
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
    const most = Math.max(...m.values());
    const usable = [...m].filter(([, n]) => n >= 3 && n * 5 >= most).map(([d]) => d);
    if (usable.length > 0) spacing.set(key, Math.min(...usable));
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
