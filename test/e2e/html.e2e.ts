// End-to-end for the HTML export: the built CLI writes the example as a web page, headless Chromium reads and prints it.
/**
 * The whole path a user takes: `programme export … -o lokalvalget-2023.html` through the built CLI
 * (server/bin/programme.cjs), then the file opened from a file:// URL in Debian's Chromium (driven by
 * playwright-core, see harness.ts), where
 * - every in-page link (`a[href^="#"]`) resolves to exactly one element with that id;
 * - axe-core (node_modules/axe-core/axe.min.js, injected into the page) finds no violation of impact
 *   serious or critical, in the light and the dark colour scheme;
 * - printing to PDF (`page.pdf({ format: 'A4' })`, the browser's own print path) gives several pages,
 *   each with "Side N" at its foot (the CSS page margin box `@bottom-center`, which Chromium prints
 *   since version 131), and no page whose last line is a heading (read with pdfjs-dist in Node: the
 *   last line of the page body, by its font size).
 *
 * Kept in test-results/e2e/ for people to look at: the exported page and its PDF, a screenshot of the
 * page on screen (light and dark), and the printed first page and a page with measures, drawn from the
 * PDF by pdf.js in the browser (pdfjs-dist's legacy build loaded into a page served by Playwright's
 * request routing, so that nothing is fetched from the network) and screenshot as a canvas.
 *
 * Needs: Chromium (scripts/e2e/setup.sh) and the built CLI (`npm run build`; `npm run test:e2e` builds it).
 * Alone: `npx mocha --config test/e2e/mocharc.json --grep "HTML export"` (a file named on the command line
 * is run besides the config's, not instead of them).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { CHROMIUM, launchBrowser, RESULTS, ROOT, type BrowserSession } from './harness';
import { EXAMPLE_PATH, PILLARS, measureText } from './example';

const CLI = path.join(ROOT, 'server/bin/programme.cjs');
const BUILT_CLI = path.join(ROOT, 'server/dist/cli.cjs');
const AXE = path.join(ROOT, 'node_modules/axe-core/axe.min.js');
const PDFJS = path.join(ROOT, 'node_modules/pdfjs-dist/legacy/build');
/** The exported page and its PDF, kept with the screenshots. */
const HTML_FILE = path.join(RESULTS, 'lokalvalget-2023.html');
const PDF_FILE = path.join(RESULTS, 'lokalvalget-2023.pdf');
/** The page margins of the print CSS (server/src/export/html.ts), in PDF points: top and bottom. */
const MM = 72 / 25.4;
const TOP_MARGIN = 22 * MM;
const BOTTOM_MARGIN = 24 * MM;

/** One line of a PDF page's text: its baseline (points from the page's bottom), text and largest font size. */
interface PdfLine {
  y: number;
  text: string;
  size: number;
}

/** A PDF page as read: its number (1-based), height in points, and lines from top to bottom. */
interface PdfPage {
  number: number;
  height: number;
  lines: PdfLine[];
}

/** Reads the pages of a PDF with pdfjs-dist in this process (its worker module as the "fake worker", as server/src/import/pdf.ts does). */
async function readPdf(bytes: Uint8Array): Promise<PdfPage[]> {
  const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
  (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= worker;
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  try {
    const pages: PdfPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const lines: PdfLine[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        const y = item.transform[5];
        const size = Math.hypot(item.transform[2], item.transform[3]);
        const line = lines.find((l) => Math.abs(l.y - y) < 2);
        if (line) {
          line.text += (line.text.endsWith(' ') || item.str.startsWith(' ') ? '' : ' ') + item.str;
          line.size = Math.max(line.size, size);
        } else lines.push({ y, text: item.str, size });
      }
      lines.sort((a, b) => b.y - a.y);
      for (const l of lines) l.text = l.text.replace(/\s+/g, ' ').trim();
      pages.push({ number: n, height: page.view[3] - page.view[1], lines });
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** The most common font size of the lines (the body text's), rounded to a tenth of a point. */
function bodySize(pages: PdfPage[]): number {
  const counts = new Map<number, number>();
  for (const p of pages) for (const l of p.lines) counts.set(Math.round(l.size * 10) / 10, (counts.get(Math.round(l.size * 10) / 10) ?? 0) + l.text.length);
  return [...counts].sort((a, b) => b[1] - a[1])[0][0];
}

/** The body text of a page: its lines between the page margins (not the running head and foot). */
const bodyLines = (p: PdfPage) => p.lines.filter((l) => l.y >= BOTTOM_MARGIN && l.y <= p.height - TOP_MARGIN);

/** The pages whose body ends with a heading's line (a line larger than the body text `body`), one line each. */
function headingsAtFoot(pages: PdfPage[], body: number): string[] {
  const out: string[] = [];
  for (const p of pages) {
    const lines = bodyLines(p);
    const last = lines[lines.length - 1];
    // A heading's lines are larger than the body text (a heading may wrap: its last line has no known text).
    if (last !== undefined && last.size > body * 1.15) out.push(`page ${p.number} ends with a heading: "${last.text}" (${last.size.toFixed(1)} pt; body ${body} pt)`);
  }
  return out;
}

/** Prints the page in `page` to A4 PDF with `css` added, and reads it. */
async function printWith(page: Page, css: string): Promise<PdfPage[]> {
  await page.goto(pathToFileURL(HTML_FILE).href);
  if (css !== '') await page.addStyleTag({ content: css });
  return readPdf(new Uint8Array(await page.pdf({ format: 'A4' })));
}

/** Runs axe-core in the page; resolves to the serious and critical violations, one line each. */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.help} (${v.targets.join(', ')})`);
}

/**
 * Draws page `n` of `pdf` with pdf.js in the browser and saves a screenshot of the canvas as
 * `RESULTS/name.png`. The page, pdf.js and the PDF are served by request routing on a made-up origin
 * (module scripts do not load from file:// URLs); pdf.js runs its worker code in the page (the worker
 * module as `globalThis.pdfjsWorker`), so no Worker is started.
 */
async function screenshotPdfPage(page: Page, pdf: Uint8Array, n: number, name: string): Promise<string> {
  const origin = 'http://pdf.localhost';
  const files: Record<string, { body: Buffer | string; type: string }> = {
    '/index.html': {
      type: 'text/html',
      body: `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>PDF page</title></head><body style="margin:0;background:#888">
<canvas id="page"></canvas>
<script type="module">
import * as worker from './pdf.worker.mjs';
globalThis.pdfjsWorker = worker;
const pdfjs = await import('./pdf.mjs');
globalThis.drawPage = async (n, scale) => {
  const doc = await pdfjs.getDocument({ url: './document.pdf', isEvalSupported: false }).promise;
  const page = await doc.getPage(n);
  const viewport = page.getViewport({ scale });
  const canvas = document.getElementById('page');
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  await page.render({ canvasContext: canvas.getContext('2d'), viewport }).promise;
  return { width: canvas.width, height: canvas.height };
};
globalThis.ready = true;
</script></body></html>`,
    },
    '/pdf.mjs': { type: 'text/javascript', body: readFileSync(path.join(PDFJS, 'pdf.mjs')) },
    '/pdf.worker.mjs': { type: 'text/javascript', body: readFileSync(path.join(PDFJS, 'pdf.worker.mjs')) },
    '/document.pdf': { type: 'application/pdf', body: Buffer.from(pdf) },
  };
  await page.route(`${origin}/**`, (route) => {
    const file = files[new URL(route.request().url()).pathname];
    return file ? route.fulfill({ status: 200, contentType: file.type, body: file.body }) : route.fulfill({ status: 404, body: '' });
  });
  await page.goto(`${origin}/index.html`);
  await page.waitForFunction(() => (globalThis as { ready?: boolean }).ready === true);
  const size = await page.evaluate(([pageNumber, scale]) => (globalThis as unknown as { drawPage(n: number, s: number): Promise<{ width: number; height: number }> }).drawPage(pageNumber, scale), [n, 1.5] as const);
  // An A4 page (Chromium's is 8.27 × 11.71 in) at 1.5 × 72 dpi: about 893 × 1264 pixels.
  assert.ok(Math.abs(size.width - 893) <= 2 && Math.abs(size.height - 1263) <= 3, JSON.stringify(size));
  const file = path.join(RESULTS, `${name}.png`);
  await page.locator('#page').screenshot({ path: file });
  return file;
}

describe('HTML export: the example as a web page in headless Chromium', function () {
  this.timeout(180_000);

  let browser: BrowserSession | undefined;
  let pdf: Uint8Array;
  let pages: PdfPage[];

  before(async function () {
    this.timeout(300_000);
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing. Run: bash scripts/e2e/setup.sh`);
    if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing. Run: npm run build (npm run test:e2e does it first).`);
    if (!existsSync(AXE)) throw new Error(`${AXE} is missing: axe-core is a devDependency. Run: npm install`);
    mkdirSync(RESULTS, { recursive: true });
    const run = spawnSync(process.execPath, [CLI, 'export', EXAMPLE_PATH, '-o', HTML_FILE], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.status, 0, `programme export failed (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
    browser = await launchBrowser(1000, 900);
    await browser.page.goto(pathToFileURL(HTML_FILE).href);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && browser) {
      await browser.page.screenshot({ path: path.join(RESULTS, `html-failed-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}.png`) }).catch(() => undefined);
    }
  });

  after(async () => {
    await browser?.close();
  });

  it('1. opens from a file:// URL in Norwegian, with every in-page link resolving to exactly one element', async () => {
    const page = browser!.page;
    assert.equal(await page.getAttribute('html', 'lang'), 'nb');
    assert.equal(await page.title(), 'Valgseier i lokalvalget 2023');
    const links = await page.evaluate(() =>
      Array.from(document.querySelectorAll('a[href^="#"]')).map((a) => {
        const id = decodeURIComponent(a.getAttribute('href')!.slice(1));
        return { id, targets: document.querySelectorAll(`[id="${CSS.escape(id)}"]`).length };
      }),
    );
    // The table of contents (6 entries) and the example's 6 references.
    assert.equal(links.length, 12);
    assert.deepEqual(links.filter((l) => l.targets !== 1), []);
    const ids = await page.evaluate(() => Array.from(document.querySelectorAll('[id]')).map((e) => e.id));
    assert.equal(new Set(ids).size, ids.length, 'an id occurs twice');
    for (const id of ['tiltak-4-7', 'heltidskultur', 'kapittel-4']) assert.ok(ids.includes(id), id);
    // A link followed in the page lands on its target.
    await page.click('a[href="#tiltak-4-7"]');
    assert.equal(await page.evaluate(() => location.hash), '#tiltak-4-7');
    assert.equal(await page.evaluate(() => document.querySelector(':target')?.id), 'tiltak-4-7');
  });

  it('2. axe-core finds no serious or critical accessibility violation (light and dark colour scheme)', async () => {
    const page = browser!.page;
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(pathToFileURL(HTML_FILE).href);
    const light = await axeViolations(page);
    await page.screenshot({ path: path.join(RESULTS, 'html-1-screen.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await axeViolations(page);
    await page.screenshot({ path: path.join(RESULTS, 'html-2-screen-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    assert.deepEqual([...light, ...dark.map((v) => `dark: ${v}`)], [], `axe-core found:\n${[...light, ...dark].join('\n')}`);
  });

  it('3. prints to A4: several pages, "Side N" at the foot of page N, the title at the head but of the first, no page ending with a heading', async () => {
    const page = browser!.page;
    await page.goto(pathToFileURL(HTML_FILE).href);
    pdf = new Uint8Array(await page.pdf({ format: 'A4' }));
    writeFileSync(PDF_FILE, pdf);
    pages = await readPdf(pdf);
    assert.ok(pages.length >= 4, `${pages.length} pages`);
    const body = bodySize(pages);
    const problems: string[] = [];
    for (const p of pages) {
      assert.ok(Math.abs(p.height - 842) < 2, `page ${p.number} is ${p.height} pt high, not A4`);
      const foot = p.lines.filter((l) => l.y < BOTTOM_MARGIN).map((l) => l.text);
      const head = p.lines.filter((l) => l.y > p.height - TOP_MARGIN).map((l) => l.text);
      if (foot.join(' ') !== `Side ${p.number}`) problems.push(`page ${p.number}: the foot says ${JSON.stringify(foot)}, not "Side ${p.number}"`);
      const expectedHead = p.number === 1 ? [] : ['Valgseier i lokalvalget 2023'];
      if (JSON.stringify(head) !== JSON.stringify(expectedHead)) problems.push(`page ${p.number}: the head says ${JSON.stringify(head)}`);
      if (bodyLines(p).length === 0) problems.push(`page ${p.number} has no text`);
    }
    assert.deepEqual([...problems, ...headingsAtFoot(pages, body)], []);
    // The pillars' headings are printed, each once, larger than the body text.
    for (const pillar of PILLARS) {
      const found = pages.flatMap((p) => p.lines).filter((l) => l.text === `${pillar.number}. ${pillar.title}`);
      assert.ok(found.some((l) => l.size > body * 1.3), `pillar ${pillar.number}'s heading: ${JSON.stringify(found)}`);
    }
  });

  it('4. the printed first page and a page with measures, drawn by pdf.js (screenshots)', async function () {
    if (pages === undefined) this.skip();
    const page = browser!.page;
    const first = await screenshotPdfPage(page, pdf, 1, 'html-3-print-first-page');
    // The page where measure 2.1 stands: a page of measures (and the head of pillar 2).
    const words = measureText(2, 1).slice(0, 30);
    const withMeasures = pages.find((p) => p.lines.some((l) => l.text.includes(words)));
    assert.ok(withMeasures, `no page holds "${words}"`);
    const second = await screenshotPdfPage(page, pdf, withMeasures.number, `html-4-print-measures-page-${withMeasures.number}`);
    for (const file of [first, second]) assert.ok(readFileSync(file).length > 20_000, `${file} looks empty`);
  });

  it('5. a pillar heading pushed to the foot of a page moves to the next page with what follows it', async () => {
    // Where the example's pillars happen to fall, none may come near a page's foot: pillar 3's heading
    // is pushed down step by step until, with the print CSS's break-after: avoid switched off, it ends
    // a page (which shows that the check above can fail); at that place, with the print CSS as it is,
    // no page may end with it.
    const page = browser!.page;
    const body = bodySize(pages);
    const push = (px: number) => `#kapittel-3 { margin-top: ${px}px !important; }`;
    let found: number | undefined;
    for (let px = 0; px <= 960 && found === undefined; px += 30) {
      const loose = await printWith(page, `${push(px)} h2 { break-after: auto !important; }`);
      if (headingsAtFoot(loose, body).some((p) => p.includes('3. God helse'))) found = px;
    }
    assert.ok(found !== undefined, 'pillar 3\'s heading never came to a page\'s foot with break-after: auto');
    const kept = await printWith(page, push(found));
    assert.deepEqual(headingsAtFoot(kept, body), [], `pushed by ${found}px`);
    const next = kept.find((p) => bodyLines(p)[0]?.text === '3. God helse og livskvalitet for alle');
    assert.ok(next, `pushed by ${found}px, pillar 3's heading does not start a page`);
  });
});
