/**
 * The Markdown reader (server/src/import/markdown.ts): headings, lists with their numbers as written,
 * paragraphs, inline text made plain, and the notes for what it removes. Fixtures in
 * test/fixtures/import/markdown/ (invented text).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readMarkdown } from '../../server/src/import/markdown';
import type { Block, Note } from '../../server/src/import/outline';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/import/markdown/${name}`, import.meta.url), 'utf8');

/** The blocks and notes of `text`, which must be read as blocks. */
function read(text: string): { blocks: Block[]; notes: Note[]; title?: string } {
  const reading = readMarkdown(text);
  assert.equal(reading.kind, 'blocks');
  if (reading.kind !== 'blocks') throw new Error('unreachable');
  return reading;
}

/** A heading block. */
const h = (line: number, level: number, text: string): Block => ({ kind: 'heading', text, level, place: { line } });
/** A paragraph block. */
const p = (line: number, text: string): Block => ({ kind: 'paragraph', text, place: { line } });
/** A numbered item, `written` its marker as written (`5.`, `3)`). */
const n = (line: number, written: string, text: string, depth = 0): Block => ({
  kind: 'item',
  text,
  marker: { kind: 'number', value: Number.parseInt(written, 10), written },
  depth,
  place: { line },
});
/** A bullet item. */
const b = (line: number, written: string, text: string, depth = 0): Block => ({ kind: 'item', text, marker: { kind: 'bullet', written }, depth, place: { line } });

describe('import: Markdown reader', () => {
  it('reads ATX and setext headings with their levels, and the front matter title', () => {
    const r = read(fixture('headings.md'));
    assert.equal(r.title, 'Program for Fjordvik 2027–2031');
    assert.deepEqual(r.blocks, [
      h(6, 1, 'Innledning'),
      p(8, 'Vi vil ha ei levende bygd.'),
      h(10, 1, 'Arbeid og næring'),
      h(13, 2, '1. Næringsliv i sentrum'),
      p(15, 'Tekst om næringslivet.'),
      h(17, 2, 'Skole og oppvekst'),
      h(20, 3, '1.1 Barnehager'),
      h(22, 4, 'Fjerde nivå'),
    ]);
    assert.deepEqual(r.notes, [
      { code: 'reader', detail: 'front-matter', place: { line: 0 }, removed: 'title: Program for Fjordvik 2027–2031\nparty: Fjordvik Bygdeliste\nyear: 2027' },
    ]);
  });

  it('keeps list numbers as written, restarts, delimiters, bullets after a lead-in, nesting, and lettered lines as paragraphs', () => {
    const r = read(fixture('lists.md'));
    assert.deepEqual(r.blocks, [
      h(0, 1, '1. Arbeid og næring'),
      p(2, 'Partiet vil:'),
      n(4, '1.', 'Gi gründere et kontor i rådhuset.'),
      n(5, '2.', 'Bygge ut bredbånd til alle grender.'),
      n(6, '5.', 'Halvere kommunens gebyrer for små bedrifter.'),
      h(8, 1, '2. Skole'),
      n(10, '1.', 'Gi alle elever et varmt måltid.'),
      n(11, '1.', 'Ansette flere lærere.'),
      n(12, '1.', 'Pusse opp gymsalen.'),
      h(14, 1, '3. Helse'),
      n(16, '3)', 'Åpne legevakt om natta.'),
      n(17, '4)', 'Korte ned ventetida.'),
      p(19, 'Fjordvik Bygdeliste vil:'),
      b(21, '-', 'Ruste opp kaia.'),
      b(22, '-', 'Bygge gang- og sykkelveg langs fylkesvegen.'),
      b(24, '*', 'til skolen', 1),
      b(25, '*', 'til butikken', 1),
      b(26, '+', 'helt fram til døra', 2),
      b(27, '-', 'Gi eldre gratis buss.'),
      b(29, '*', 'Sikre jordvernet.'),
      p(31, 'Dette er en forklaring til jordvernet.'),
      b(33, '*', ''),
      p(35, 'Kommunen skal:'),
      p(36, 'a) skrive en plan'),
      p(37, 'b) holde et møte'),
      p(38, '(c) spørre innbyggerne'),
      p(39, '• lytte til svarene'),
    ]);
    assert.deepEqual(r.notes, []);
    assert.equal(r.title, undefined);
  });

  it('makes inline text plain and notes what it removes (links, images, HTML, comments), tables, code and quotes', () => {
    const r = read(fixture('inline.md'));
    assert.deepEqual(r.blocks, [
      h(0, 1, 'Kultur og idrett'),
      p(2, 'Vi vil ha et nytt kulturhus med kino og svømmehall scene. Les planen vår eller https://example.org. Kulturhuset i Fjordvik står klart i 2030.'),
      p(6, '17. mai skal feires med «korps» & is. Ny linje etter hard brudd. Og etter HTML.'),
      p(11, 'Sitat fra et møte: vi trenger en hall.'),
      p(14, 'Tiltak | Kostnad'),
      p(16, 'Kino | 2 mill.'),
      p(17, 'Scene | 1 mill.'),
      p(19, 'innrykket tekst over to linjer'),
      p(22, 'og et nytt avsnitt'),
      p(25, '1. ikke en liste'),
      p(29, 'Tekst i HTML'),
    ]);
    assert.deepEqual(r.notes, [
      { code: 'reader', detail: 'link', place: { line: 3 }, removed: 'https://example.org/plan' },
      { code: 'reader', detail: 'image', place: { line: 4 }, removed: 'bilder/kulturhus.png' },
      { code: 'reader', detail: 'html', place: { line: 7 }, removed: '<br>' },
      { code: 'reader', detail: 'html', place: { line: 7 }, removed: '<b>' },
      { code: 'reader', detail: 'html', place: { line: 7 }, removed: '</b>' },
      { code: 'reader', detail: 'reference-definition', place: { line: 9 }, removed: '[//]: # (Denne kommentaren vises ikke)' },
      { code: 'reader', detail: 'table', place: { line: 14 } },
      { code: 'reader', detail: 'code', place: { line: 19 } },
      { code: 'reader', detail: 'code', place: { line: 24 } },
      { code: 'reader', detail: 'html', place: { line: 28 }, removed: '<div class="boks">\n<p>Tekst i HTML</p>\n<!-- skjult merknad -->\n</div>' },
    ]);
  });

  it('reads an ordered list that starts at another number than 1 and a list after a heading restarting at 1', () => {
    const r = read('# A\n\n7. sju\n8. åtte\n\n# B\n\n1. en\n2. to\n');
    assert.deepEqual(
      r.blocks.filter((x) => x.kind === 'item').map((x) => x.marker),
      [
        { kind: 'number', value: 7, written: '7.' },
        { kind: 'number', value: 8, written: '8.' },
        { kind: 'number', value: 1, written: '1.' },
        { kind: 'number', value: 2, written: '2.' },
      ],
    );
  });

  it('keeps a number in a paragraph where Markdown does not start a list (only 1. may interrupt a paragraph)', () => {
    const r = read('Partiet vil:\n2. to\n3. tre\n');
    assert.deepEqual(r.blocks, [p(0, 'Partiet vil: 2. to 3. tre')]);
  });

  it('counts the front matter lines in places, and takes front matter that is not a mapping as Markdown with a review note', () => {
    const r = read('---\ntitle: "Skole"\n---\n# 1. Skole\n');
    assert.equal(r.title, 'Skole');
    assert.deepEqual(r.blocks, [h(3, 1, '1. Skole')]);
    const bad = read('---\nbare tekst\n---\n\n1. Tiltak\n');
    assert.equal(bad.title, undefined);
    assert.deepEqual(bad.blocks, [h(1, 2, 'bare tekst'), n(4, '1.', 'Tiltak')]);
    assert.deepEqual(bad.notes, [{ code: 'review-front-matter', detail: 'yaml', place: { line: 0 } }]);
  });

  it('reads CRLF line ends like LF', () => {
    const r = read('# 1. Arbeid\r\n\r\n1. Et tiltak\r\n   over to linjer.\r\n');
    assert.deepEqual(r.blocks, [h(0, 1, '1. Arbeid'), n(2, '1.', 'Et tiltak over to linjer.')]);
  });

  it('drops no word of the fixtures: every word is in a block, a marker or a note (entity names aside)', () => {
    const words = (text: string) => text.match(/[\p{L}\p{N}]+/gu) ?? [];
    for (const name of ['headings.md', 'lists.md', 'inline.md']) {
      const text = fixture(name);
      const r = read(text);
      const kept = new Map<string, number>();
      const found = [...r.blocks.flatMap((x) => [...words(x.marker?.written ?? ''), ...words(x.text)]), ...r.notes.flatMap((x) => words(x.removed ?? ''))];
      for (const w of found) kept.set(w, (kept.get(w) ?? 0) + 1);
      const missing = words(text.replace(/&[a-z]+;/g, ' ')).filter((w) => {
        const left = kept.get(w) ?? 0;
        kept.set(w, left - 1);
        return left <= 0;
      });
      assert.deepEqual(missing, [], name);
    }
  });

  it('drops empty anchors (<a id="…"></a>, as programme export writes them) without a note; other HTML is still noted', () => {
    const r = read('<a id="kapittel-1"></a><a id="arbeid"></a>\n\n# 1. Arbeid\n\n1. <a id="tiltak-1-1"></a>Skape <a name="x"></a>jobber <a id="y">her</a>.\n');
    assert.deepEqual(r.blocks, [h(2, 1, '1. Arbeid'), n(4, '1.', 'Skape jobber her.')]);
    assert.deepEqual(r.notes, [
      { code: 'reader', detail: 'html', place: { line: 4 }, removed: '<a id="y">' },
      { code: 'reader', detail: 'html', place: { line: 4 }, removed: '</a>' },
    ]);
  });

  it('leaves out a table of contents (a list of links to its own headings) and the "Innhold" heading over it, with a note for each', () => {
    const toc = ['# Program', '', '## Innhold', '', '- [1. Arbeid](#kapittel-1)', '  - [Industri](#industri)', '- [2. Skole](#kapittel-2)', '', '## 1. Arbeid', '', '### Industri', '', '## 2. Skole', ''];
    const r = read(toc.join('\n'));
    assert.deepEqual(r.blocks, [h(0, 1, 'Program'), h(8, 2, '1. Arbeid'), h(10, 3, 'Industri'), h(12, 2, '2. Skole')]);
    assert.deepEqual(r.notes, [
      { code: 'table-of-contents', place: { line: 2 }, removed: 'Innhold' },
      { code: 'table-of-contents', place: { line: 4 }, removed: '1. Arbeid' },
      { code: 'table-of-contents', place: { line: 5 }, removed: 'Industri' },
      { code: 'table-of-contents', place: { line: 6 }, removed: '2. Skole' },
    ]);
    // Links to elsewhere, or to places that are no headings, are a list like any other.
    const links = read('# Program\n\n- [Nettsida](https://example.org)\n- [Arbeid](#arbeid)\n');
    assert.deepEqual(links.blocks, [h(0, 1, 'Program'), b(2, '-', 'Nettsida'), b(3, '-', 'Arbeid')]);
    assert.deepEqual(read('# Program\n\n- [Her](#her)\n- [Der](#der)\n').blocks, [h(0, 1, 'Program'), b(2, '-', 'Her'), b(3, '-', 'Der')]);
  });

  it('reads a paragraph that starts with a number in bold as a numbered item: 9A., a full id, 3)', () => {
    const r = read('**9A.** <a id="tiltak-2-9A"></a>Gratis SFO.\n\n**1.3** Flere lærere.\n\n**3)** Ny hall.\n\n**Viktig:** ikke et tall.\n');
    assert.deepEqual(r.blocks, [
      { kind: 'item', text: 'Gratis SFO.', marker: { kind: 'number', value: 9, written: '9A.' }, depth: 0, place: { line: 0 } },
      { kind: 'item', text: 'Flere lærere.', marker: { kind: 'number', value: 3, written: '1.3' }, depth: 0, place: { line: 2 } },
      n(4, '3)', 'Ny hall.'),
      p(6, 'Viktig: ikke et tall.'),
    ]);
  });

  it('reads the empty document as no blocks', () => {
    assert.deepEqual(readMarkdown(''), { kind: 'blocks', blocks: [], notes: [] });
  });
});
