/**
 * `programme export --line-numbers` (server/src/export/html.ts and docx.ts with a draft layout of
 * amendments/lines.ts): the HTML prints each printed line as `<span class="line" data-n="N">` with the
 * line's words (links kept), numbers from the style sheet with empty alternative text; the Word document
 * prints each line as a paragraph with its number at a tab stop. Without the flag nothing changes (the
 * goldens of test/export/ hold that too).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { DOMParser } from '@xmldom/xmldom';
import { analyse } from '../../server/src/rules/index';
import { publication } from '../../server/src/export/document';
import { renderHtml } from '../../server/src/export/html';
import { exportProgramme } from '../../server/src/export/index';
import { draftLayout, printedDraft } from '../../server/src/amendments/lines';
import { main, type Io } from '../../server/src/cli/main';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const EXAMPLE = 'examples/lokalvalget-2023.programme';

const TEXT = `---
title: Program for Fjordvik
lang: nb
lineWidth: 40
---
# 1. Arbeid og næringsliv i hele kommunen {#arbeid}

1. Skape 500 nye arbeidsplasser innen 2027, blant annet i fiskeindustrien. {#jobber}
2. Se [[1.1]] og [[#arbeid]] & [[9.9]]: vi vil bygge ut
- bredbånd i alle grender
- kollektivtilbud i Nord-Fjordvik og Sør-Fjordvik

Litt tekst <til slutt>.
`;

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
/** HTML as the text a reader sees: tags dropped, the five references decoded. */
const textOf = (html: string) => html.replace(/<[^>]*>/g, '').replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]);

/** The line spans of `html`: each one's number and inner HTML (its nested spans and links counted to its own end tag). */
function lineSpans(html: string): { n: number; inner: string }[] {
  const out: { n: number; inner: string }[] = [];
  const open = '<span class="line" data-n="';
  for (let at = html.indexOf(open); at >= 0; at = html.indexOf(open, at + 1)) {
    const numberEnd = html.indexOf('">', at);
    const start = numberEnd + 2;
    let depth = 1;
    let i = start;
    while (depth > 0) {
      const nextOpen = html.indexOf('<span', i);
      const nextClose = html.indexOf('</span>', i);
      if (nextOpen >= 0 && nextOpen < nextClose) {
        depth++;
        i = nextOpen + 5;
      } else {
        depth--;
        i = nextClose + 7;
      }
    }
    out.push({ n: Number(html.slice(at + open.length, numberEnd)), inner: html.slice(start, i - 7) });
  }
  return out;
}

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  // A terminal in English: a file's own `lang: nb` would otherwise choose the language of the messages.
  const io: Io = { env: { LANG: 'en_US.UTF-8' }, out: (t) => out.push(t), err: (t) => err.push(t), write: (t) => out.push(t) };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('export with printed line numbers: HTML', () => {
  const p = analyse(TEXT).programme;
  const pub = publication(p);
  const layout = draftLayout(p, pub);
  const html = renderHtml(pub, { lineNumbers: layout });
  const spans = lineSpans(html);

  it('prints each printed line as a span with its number, in order, holding exactly the line\'s words', () => {
    assert.deepEqual(
      spans.map((m) => [m.n, textOf(m.inner)]),
      layout.draft.lines.map((l) => [l.number, l.text]),
    );
    assert.equal(spans.length, 9);
  });
  it('keeps the links of references, the measure number and its label\'s anchor, and hides the sub-points\' dashes from screen readers', () => {
    assert.match(html, /<li class="measure" id="tiltak-1-1"><span class="line" data-n="2"><span class="number" id="jobber">1\.<\/span> Skape 500 nye arbeidsplasser innen<\/span>/);
    assert.match(html, /<span class="line" data-n="4"><span class="number">2\.<\/span> Se <a href="#tiltak-1-1">tiltak 1\.1<\/a> og <a href="#arbeid">kapittel 1<\/a> &amp; <span class="unresolved">9\.9<\/span>: vi<\/span><span class="line" data-n="5">vil bygge ut<\/span>/);
    assert.match(html, /<li><span class="line" data-n="6"><span class="bullet" aria-hidden="true">-<\/span> bredbånd i alle grender<\/span><\/li>/);
  });
  it('numbers the lines from the style sheet, with empty alternative text for screen readers', () => {
    assert.match(html, /\.line::before \{\n  content: attr\(data-n\);\n  content: attr\(data-n\) \/ "";/);
    assert.match(html, /\.line \{\n  display: block;\n  white-space: nowrap;\n\}/);
  });
  it('without line numbers prints as before: no line spans, no line style', () => {
    const plain = renderHtml(pub);
    assert.ok(!plain.includes('class="line"'));
    assert.ok(!plain.includes('data-n'));
    assert.equal(plain, renderHtml(pub, {}));
  });
  it('prints the example\'s 217 lines', async () => {
    const text = readFileSync(EXAMPLE, 'utf8');
    const output = await exportProgramme(analyse(text).programme, 'html', undefined, { lineNumbers: {} });
    assert.ok('text' in output);
    const numbers = [...output.text.matchAll(/<span class="line" data-n="([0-9]+)">/g)].map((m) => Number(m[1]));
    assert.deepEqual(numbers, Array.from({ length: 217 }, (_, i) => i + 1));
  });
});

describe('export with printed line numbers: Word', () => {
  it('prints each line as a paragraph: a tab, its number, a tab, its words; no Word lists, no table of contents', async () => {
    const p = analyse(TEXT).programme;
    const output = await exportProgramme(p, 'docx', undefined, { lineNumbers: {} });
    assert.ok('bytes' in output);
    const zip = await JSZip.loadAsync(output.bytes);
    const xml = await zip.file('word/document.xml')!.async('string');
    const body = new DOMParser().parseFromString(xml, 'text/xml').documentElement as unknown as Element;
    const paragraphs = Array.from(body.getElementsByTagNameNS(W, 'p') as unknown as ArrayLike<Element>);
    const lines = paragraphs
      .map((para) => {
        let text = '';
        const walk = (node: Node) => {
          for (const child of Array.from(node.childNodes)) {
            if (child.nodeType !== 1) continue;
            const el = child as Element;
            if (el.localName === 't') text += el.textContent ?? '';
            else if (el.localName === 'tab' && el.parentNode !== null && (el.parentNode as Element).localName === 'r') text += '\t';
            else walk(el);
          }
        };
        walk(para);
        return text;
      })
      .filter((t) => t.startsWith('\t'));
    const draft = printedDraft(p);
    assert.deepEqual(
      lines,
      draft.lines.map((l) => `\t${l.number}\t${l.text}`),
    );
    assert.ok(!xml.includes('w:numPr'), 'no Word list numbering');
    assert.ok(!xml.includes('TOC \\'), 'no table of contents');
    assert.ok(xml.includes('<w:tab w:val="right" w:pos="510"/>'));
    // The anchors stay: a reference links to the measure's bookmark.
    assert.match(xml, /<w:bookmarkStart w:name="tiltak_1_1"/);
    assert.match(xml, /<w:hyperlink w:history="1" w:anchor="tiltak_1_1">/);
  });
});

describe('programme export --line-numbers', () => {
  it('writes the HTML draft, with --width and --restart', async () => {
    const { code, out } = await run('export', EXAMPLE, '--to', 'html', '--line-numbers', '--width', '60', '--restart', 'pillar');
    assert.equal(code, 0);
    const numbers = [...out.matchAll(/data-n="([0-9]+)"/g)].map((m) => Number(m[1]));
    assert.equal(numbers.length, 280);
    assert.equal(numbers.filter((n) => n === 1).length, 6);
  });
  it('refuses Markdown and JSON, and --width or --restart without --line-numbers (exit 2, nothing written)', async () => {
    for (const to of ['md', 'json']) {
      const r = await run('export', EXAMPLE, '--to', to, '--line-numbers');
      assert.equal(r.code, 2);
      assert.equal(r.out, '');
      assert.equal(r.err, 'Line numbers are printed in html and docx only; export to one of them, or use "programme lines".');
    }
    const r = await run('export', EXAMPLE, '--to', 'html', '--width', '70');
    assert.equal(r.code, 2);
    assert.equal(r.err, '--width and --restart choose how lines are numbered: use them with --line-numbers.');
    const bad = await run('export', EXAMPLE, '--to', 'html', '--line-numbers', '--width', '9');
    assert.equal(bad.code, 2);
    assert.equal(bad.err, '--width must be a whole number of characters from 10 to 1000, such as 80; found "9".');
  });
});
