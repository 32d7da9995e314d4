/**
 * The HTML writer (server/src/export/html.ts): the example against its golden page, small invented
 * programmes against their golden bodies (`UPDATE_SNAPSHOTS=1` rewrites them; read the diff before
 * committing), the anchors (every link has exactly one target, every anchor of the publication is an
 * id exactly once), the source lines the preview scrolls by, escaping in HTML and in CSS strings, and
 * properties over generated documents. Fixtures in test/fixtures/export/ (invented text, but the
 * example).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { analyse } from '../../server/src/rules/index';
import { publication, type Publication } from '../../server/src/export/document';
import { cssString, escapeHtml, htmlParts, renderHtml } from '../../server/src/export/html';
import { anyDocument, example } from '../properties/arbitraries';

const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';
const FIXTURES = fileURLToPath(new URL('../fixtures/export/', import.meta.url));
/** The invented fixtures of this test (other writers' tests may keep more programmes in the folder). */
const NAMES = ['references', 'structure', 'numbers', 'full-id', 'german', 'no-front-matter', 'title-escapes'];

/** Runs per property: short in `npm test`, scaled up by `npm run fuzz -- --runs N` (FUZZ_RUNS). */
function runs(short: number): number {
  const fuzz = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(fuzz) && fuzz > 0 ? Math.max(short, Math.round((fuzz * short) / 200)) : short;
}

const source = (name: string) => readFileSync(path.join(FIXTURES, `${name}.programme`), 'utf8');
const publish = (text: string): Publication => publication(analyse(text, {}).programme);

/** Compares `actual` with the golden file `file` (written with UPDATE_SNAPSHOTS=1, or when missing). */
function golden(file: string, actual: string): void {
  if (UPDATE || !existsSync(file)) writeFileSync(file, actual);
  assert.equal(actual, readFileSync(file, 'utf8'), `${path.basename(file)} differs (UPDATE_SNAPSHOTS=1 to accept)`);
}

/** The values of every `NAME="…"` attribute in `html`, in order, found by a plain scan. */
function attributes(html: string, name: string): string[] {
  const out: string[] = [];
  const open = ` ${name}="`;
  for (let at = html.indexOf(open); at >= 0; at = html.indexOf(open, at + 1)) {
    const start = at + open.length;
    out.push(html.slice(start, html.indexOf('"', start)));
  }
  return out;
}

/** Undoes escapeHtml (for comparing attribute values with anchors). */
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/**
 * Checks the anchors of a page: ids are unique and are exactly the publication's anchors, and every
 * `href="#x"` has exactly one `id="x"`.
 */
function assertAnchors(html: string, pub: Publication): void {
  const ids = attributes(html, 'id').map(unescape);
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  assert.deepEqual([...counts].filter(([, n]) => n !== 1), [], 'ids that occur more than once');
  assert.deepEqual([...counts.keys()].sort(), [...pub.anchors].sort(), 'the ids are the anchors');
  for (const href of attributes(html, 'href')) {
    assert.ok(href.startsWith('#'), href);
    assert.equal(counts.get(unescape(href.slice(1))), 1, `no single target for ${href}`);
  }
}

/** The tags of `html` checked as a tree: each known, each closed in order; and no `<`, `>` in text. */
function assertWellFormed(html: string): void {
  const known = new Set(['html', 'head', 'meta', 'title', 'style', 'body', 'header', 'nav', 'main', 'section', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'ol', 'ul', 'li', 'a', 'span']);
  const stack: string[] = [];
  let at = html.startsWith('<!DOCTYPE html>\n') ? '<!DOCTYPE html>\n'.length : 0;
  for (;;) {
    const lt = html.indexOf('<', at);
    const text = html.slice(at, lt < 0 ? html.length : lt);
    assert.ok(!text.includes('>'), `a ">" in text: ${text}`);
    if (lt < 0) break;
    const gt = html.indexOf('>', lt);
    const tag = html.slice(lt + 1, gt);
    const name = tag.replace(/^\//, '').split(/[ >]/)[0];
    assert.ok(known.has(name), `unknown tag <${tag}>`);
    if (tag.startsWith('/')) assert.equal(stack.pop(), name, `</${name}> closes another element`);
    else if (name !== 'meta') stack.push(name);
    at = gt + 1;
    if (name === 'style' && !tag.startsWith('/')) at = html.indexOf('</style>', at);
  }
  assert.deepEqual(stack, []);
}

/** The heading levels of `html` in order (1 for `<h1>` …). */
const headingLevels = (html: string) => [...html.matchAll(/<h([1-6])[ >]/g)].map((m) => Number(m[1]));

describe('export: HTML', () => {
  describe('golden pages', () => {
    it('the example (lokalvalget-2023.html)', () => {
      const pub = publish(example);
      const html = renderHtml(pub);
      golden(path.join(FIXTURES, 'lokalvalget-2023.html'), html);
      assertAnchors(html, pub);
      assertWellFormed(html);
    });
    // The small programmes' goldens hold the body only: the style sheet is the example's.
    for (const name of NAMES) {
      it(`${name}.programme (${name}.body.html)`, () => {
        const pub = publish(source(name));
        golden(path.join(FIXTURES, `${name}.body.html`), `${htmlParts(pub).body}\n`);
        const html = renderHtml(pub);
        assertAnchors(html, pub);
        assertWellFormed(html);
      });
    }
  });

  describe('what is printed', () => {
    it('the page: lang, title, one style sheet, no script, no style attribute, no external resource', () => {
      const html = renderHtml(publish(example));
      assert.ok(html.startsWith('<!DOCTYPE html>\n<html lang="nb">\n<head>\n<meta charset="utf-8">\n'));
      assert.ok(html.includes('<title>Valgseier i lokalvalget 2023</title>'));
      assert.equal(html.split('<style>').length, 2);
      for (const absent of ['<script', ' style=', ' src=', '<link', 'http:', 'https:', '@import', 'url(']) assert.ok(!html.includes(absent), absent);
    });

    it('the title block from the front matter, with the words in the programme\'s language', () => {
      const body = htmlParts(publish(example)).body;
      assert.ok(body.startsWith('<header>\n<h1>Valgseier i lokalvalget 2023</h1>\n<p class="party">Arbeiderpartiet</p>\n<p class="election">Kommune- og fylkestingsvalget 2023</p>\n<p class="status">Vedtatt</p>\n</header>\n<nav class="toc" aria-label="Innhold">\n<h2>Innhold</h2>\n'));
      assert.ok(htmlParts(publish(source('structure'))).body.includes('<p class="election">Kommunevalget 2027</p>\n<p class="status">Utkast · Versjon 2.1</p>'));
      assert.ok(htmlParts(publish(source('numbers'))).body.includes('<p class="status">Vedtatt 2027-04-15</p>'));
    });

    it('the table of contents: nested lists of links with the numbers', () => {
      const body = htmlParts(publish(source('structure'))).body;
      const nav = body.slice(body.indexOf('<nav'), body.indexOf('</nav>'));
      assert.ok(nav.includes('<li><a href="#kapittel-1"><span class="number">1.</span> Klima &amp; natur</a>\n<ol>\n<li><a href="#kapittel-1-1"><span class="number">1.1</span> Skog</a>\n<ol>\n<li><a href="#kapittel-1-1-1">'));
      // "### Bibliotek" right under pillar 2 is one level down, not two.
      assert.ok(nav.includes('<li><a href="#kapittel-2"><span class="number">2.</span> Kultur</a>\n<ol>\n<li><a href="#bibliotek">Bibliotek</a></li>\n</ol></li>\n</ol>'));
    });

    it('headings never skip a level: pillars h2, sub-sections one deeper by nesting', () => {
      for (const name of [...NAMES]) {
        const levels = [1, ...headingLevels(htmlParts(publish(source(name))).body)];
        levels.forEach((l, i) => assert.ok(i === 0 || l <= levels[i - 1] + 1, `${name}: h${l} after h${levels[i - 1]}`));
      }
      assert.deepEqual(headingLevels(htmlParts(publish(source('structure'))).body), [1, 2, 2, 2, 3, 4, 5, 3, 2, 3]);
    });

    it('references: to a measure, a label, a pillar; an unresolved one as marked text', () => {
      const body = htmlParts(publish(source('references'))).body;
      assert.ok(body.includes('se tiltak <a href="#tiltak-1-1">1.1</a> og <a href="#jobber">tiltak 1.1</a>.'));
      assert.ok(body.includes('Denne delen bygger på <a href="#kapittel-1">kapittel 1</a> og <a href="#arbeid">kapittel 1</a>.'));
      assert.ok(body.includes('se også <span class="unresolved">9.9</span> og <span class="unresolved">#finnes-ikke</span>.'));
    });

    it('labels are anchors, not text: a measure\'s on its number, a heading\'s on its section', () => {
      const body = htmlParts(publish(source('references'))).body;
      assert.ok(body.includes('<li class="measure" id="tiltak-1-1"><span class="number" id="jobber">1.</span> Skape flere jobber i hele kommunen.</li>'));
      assert.ok(body.includes('<section id="arbeid" aria-labelledby="kapittel-1">\n<h2 id="kapittel-1"><span class="number">1.</span> Arbeid og næring</h2>'));
      assert.ok(!body.includes('{#'));
    });

    it('sub-points inside their measure, bullets in prose as a list, escapes and comments not printed, text escaped', () => {
      const body = htmlParts(publish(source('structure'))).body;
      assert.ok(body.includes('<li class="measure" id="tiltak-1-1"><span class="number" id="skog">1.</span> Verne gammelskogen &lt;før&gt; 2030 &amp; plante ny.\n<ul class="sub-points">\n<li>i hele kommunen</li>\n<li>også i utmarka, langs elvene</li>\n</ul></li>'));
      assert.ok(body.includes('<p>Partiet vil:</p>\n<ul class="bullets">\n<li>ha ei levende bygd</li>\n<li>ta vare på naturen</li>\n</ul>'));
      assert.ok(body.includes('<p>17. mai er nasjonaldagen, og vi feirer den &lt;sammen&gt; &amp; i fred.</p>'));
      assert.ok(!body.includes('\\'));
      assert.ok(!body.toLowerCase().includes('kommentar'));
      assert.ok(body.includes('<h1>Struktur &amp; &lt;tegn&gt; i &quot;Fjordvik&quot;</h1>'));
    });

    it('numbers as written: alternatives, full ids; repeated ids get anchors of their own', () => {
      const numbers = htmlParts(publish(source('numbers'))).body;
      assert.deepEqual(
        [...numbers.matchAll(/<li class="measure" id="([^"]+)"><span class="number">([^<]+)<\/span>/g)].map((m) => `${m[1]} ${m[2]}`),
        ['tiltak-1-1 1.', 'tiltak-1-2A 2A.', 'tiltak-1-2B 2B.', 'tiltak-1-3 3.', 'tiltak-1-3-2 3.'],
      );
      const fullId = htmlParts(publish(source('full-id'))).body;
      const main = fullId.slice(fullId.indexOf('<main>'));
      // "1.2." is written with a dot after the id: the id is printed.
      assert.deepEqual([...main.matchAll(/<span class="number">([^<]+)<\/span> [A-Z]/g)].map((m) => m[1]), ['1.', '1.1', '1.2', '2.', '2.1']);
      assert.ok(fullId.includes('se <a href="#tiltak-1-1">tiltak 1.1</a>.'));
      // Measures are an ordered list for their meaning, printed without the browser's own numbers.
      assert.match(htmlParts(publish(source('numbers'))).css, /ol\.measures \{\n {2}list-style: none;/);
    });

    it('a German programme: lang="de", "Inhalt", "Seite" at the foot of the page, German anchors', () => {
      const parts = htmlParts(publish(source('german')));
      assert.equal(parts.lang, 'de');
      assert.ok(parts.body.includes('<nav class="toc" aria-label="Inhalt">\n<h2>Inhalt</h2>'));
      assert.ok(parts.body.includes('siehe <a href="#massnahme-1-1">Maßnahme 1.1</a> und <a href="#kapitel-1">Kapitel 1</a>.'));
      assert.ok(parts.css.includes('content: "Seite " counter(page);'));
    });

    it('no front matter: English words, no title block, the first heading as the page\'s title', () => {
      const parts = htmlParts(publish(source('no-front-matter')));
      assert.equal(parts.lang, 'en');
      assert.equal(parts.title, '1. Work');
      assert.ok(parts.body.startsWith('<nav class="toc" aria-label="Contents">\n<h2>Contents</h2>'));
      assert.ok(!parts.body.includes('<header>'));
      assert.ok(parts.css.includes('content: "Page " counter(page);'));
      assert.equal(htmlParts(publish('Bare tekst.\n')).title, 'Measures');
    });

    it('print CSS: A4, the title in the running header but on the first page, page numbers, headings kept with what follows, measures whole', () => {
      const { css } = htmlParts(publish(example));
      assert.match(css, /@page \{\n {2}size: A4;\n {2}margin: 22mm 20mm 24mm;\n {2}@top-center \{\n {4}content: "Valgseier i lokalvalget 2023";/);
      assert.ok(css.includes('@bottom-center {\n    content: "Side " counter(page);'));
      assert.ok(css.includes('@page :first {\n  @top-center {\n    content: none;'));
      assert.match(css, /h6 \{\n {4}break-after: avoid;/);
      assert.match(css, /li\.measure \{\n {4}break-inside: avoid;/);
    });

    it('the title in a CSS string is escaped: quotes, backslashes, line breaks, and nothing that could close <style>', () => {
      const { css } = htmlParts(publish(source('title-escapes')));
      assert.ok(css.includes('content: "Sitat: \\"Vi vil\\" \\\\ \\3c /style\\3e  \\26  mer";'), css.slice(css.indexOf('@top-center'), css.indexOf('@bottom-center')));
      assert.ok(!css.toLowerCase().includes('</style'));
      assert.equal(cssString('a\nb"c\\d<e'), '"a\\a b\\"c\\\\d\\3c e"');
      assert.equal(escapeHtml(`<a href="x">Tom & 'Jerry'</a>`), '&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;');
    });
  });

  describe('source lines for the preview', () => {
    it('every block element of the page carries data-line and data-end-line, and none without sourceLines', () => {
      for (const name of NAMES) {
        const body = htmlParts(publish(source(name)), { sourceLines: true }).body;
        const main = body.slice(body.indexOf('<main>'));
        for (const m of main.matchAll(/<(h[1-6]|p|li)[ >][^>]*/g)) assert.match(m[0], / data-line="\d+" data-end-line="\d+"/, `${name}: ${m[0]}`);
        assert.ok(!htmlParts(publish(source(name))).body.includes('data-line'));
      }
    });

    it('each measure\'s data-line is the source line of its number', () => {
      for (const text of [...NAMES.map(source), example]) {
        const lines = text.split('\n');
        const body = htmlParts(publish(text), { sourceLines: true }).body;
        const measures = [...body.matchAll(/<li class="measure" id="[^"]+" data-line="(\d+)" data-end-line="(\d+)"><span class="number"[^>]*>([^<]+)<\/span>/g)];
        assert.ok(measures.length > 0);
        for (const [, line, end, number] of measures) {
          const written = lines[Number(line)];
          const printed = unescape(number);
          // The number as written, then the space (or the dot a full id may be written with).
          assert.ok(written.startsWith(printed) && [' ', '.'].includes(written[printed.length]), `line ${line} "${written}" does not start with ${number}`);
          assert.ok(Number(end) >= Number(line));
        }
      }
      const body = htmlParts(publish(source('structure')), { sourceLines: true }).body;
      assert.deepEqual([...body.matchAll(/<li class="measure" id="[^"]+" data-line="(\d+)" data-end-line="(\d+)"/g)].map((m) => `${m[1]}-${m[2]}`), ['23-26', '31-31', '35-35', '39-39', '45-45']);
      assert.ok(body.includes('<li data-line="24" data-end-line="24">i hele kommunen</li>\n<li data-line="25" data-end-line="26">også i utmarka, langs elvene</li>'));
      assert.ok(body.includes('<p data-line="15" data-end-line="15">Partiet vil:</p>\n<ul class="bullets">\n<li data-line="16" data-end-line="16">'));
    });
  });

  describe('properties over generated documents', () => {
    it('never throws; well-formed; ids unique and exactly the anchors; every link has one target', () => {
      fc.assert(
        fc.property(anyDocument, fc.boolean(), (text, sourceLines) => {
          const pub = publish(text);
          const html = renderHtml(pub, { sourceLines });
          assertWellFormed(html);
          assertAnchors(html, pub);
          const levels = [1, ...headingLevels(html)];
          levels.forEach((l, i) => assert.ok(i === 0 || l <= levels[i - 1] + 1));
        }),
        { numRuns: runs(200) },
      );
    });
  });
});
