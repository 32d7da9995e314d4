import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanPages } from '../../server/src/import/cleanup';
import { readText } from '../../server/src/import/text';
import type { Note, Page } from '../../server/src/import/outline';
import { FIXTURE_WORDS, fakeSpeller } from './fake-speller';
import { wordsAccountedFor } from './accounting';

const FIXTURES = join(import.meta.dirname, '../fixtures/import/text');
const speller = fakeSpeller(FIXTURE_WORDS);

/** Pages of one line list each: `\f` in the list starts a new page; lines numbered through the input. */
function pagesOf(...pageTexts: string[][]): Page[] {
  let line = 0;
  return pageTexts.map((texts, p) => texts.map((text) => ({ text, place: { page: p + 1, line: line++ } })));
}

function clean(pages: Page[], withSpeller = false) {
  const result = cleanPages(pages, withSpeller ? { speller } : {});
  return { texts: result.lines.map((l) => l.text), notes: result.notes, lines: result.lines };
}

function pick(notes: Note[], code: Note['code']): Note[] {
  return notes.filter((n) => n.code === code);
}

describe('cleanPages: fixtures', () => {
  const inputs = readdirSync(FIXTURES).filter((f) => f.endsWith('.txt') && !f.endsWith('.expected.txt'));
  it('has the fixtures', () => assert.deepEqual(inputs.sort(), ['characters.txt', 'hyphenation.txt', 'layout-line-numbers.txt', 'ocr-pages.txt', 'pdftotext-pages.txt']));
  for (const input of inputs) {
    it(`${input}: the expected lines and notes, and every word accounted for`, () => {
      const text = readFileSync(join(FIXTURES, input), 'utf8');
      const reading = readText(text);
      assert.equal(reading.kind, 'pages');
      if (reading.kind !== 'pages') return;
      const result = cleanPages(reading.pages, { speller });
      const base = join(FIXTURES, input.replace(/\.txt$/, ''));
      const lines = result.lines.map((l) => l.text).join('\n') + '\n';
      const notes = JSON.stringify(result.notes, null, 1) + '\n';
      if (process.env.UPDATE_FIXTURES || !existsSync(`${base}.expected.txt`)) {
        writeFileSync(`${base}.expected.txt`, lines);
        writeFileSync(`${base}.notes.json`, notes);
      }
      assert.equal(lines, readFileSync(`${base}.expected.txt`, 'utf8'));
      assert.equal(notes, readFileSync(`${base}.notes.json`, 'utf8'));
      assert.deepEqual(wordsAccountedFor(reading.pages, result.lines, result.notes), { ok: true });
    });
  }
});

describe('cleanPages: page numbers and running headers', () => {
  const topics = ['skole', 'arbeid', 'helse', 'kultur', 'vei'];
  const body = (k: number) => [`Vi vil satse på ${topics[k]} i hele landet.`, `Mer om ${topics[k]}.`];
  it('removes page numbers that go up by one, in any of the forms, at the top or bottom', () => {
    const { texts, notes } = clean(pagesOf([...body(1), '- 1 -'], ['Side 2', ...body(2)], [...body(3), 'Seite 3 von 4'], [...body(4), '4 | Partiet']));
    assert.deepEqual(pick(notes, 'page-number').map((n) => n.removed), ['- 1 -', 'Side 2', 'Seite 3 von 4', '4 | Partiet']);
    assert.equal(texts.length, 8);
  });
  it('removes the numbers of spreads (two printed pages on each page, up by two), on one line or two', () => {
    const { notes } = clean(pagesOf([...body(1), '2       3'], [...body(2), '4', '5'], [...body(3), '6       7'], [...body(4), '8     9']));
    assert.deepEqual(pick(notes, 'page-number').map((n) => n.removed), ['2       3', '4', '5', '6       7', '8     9']);
  });
  it('keeps a lone number that no other page agrees with, and a lone `3.` without strong proof', () => {
    const { texts, notes } = clean(pagesOf([...body(1), '7'], [...body(2), '3.'], [...body(3), '12']));
    assert.deepEqual(notes, []);
    assert.deepEqual(texts.filter((t) => /^\d/.test(t)), ['7', '3.', '12']);
  });
  it('removes a header that repeats on 30 % of the pages, and keeps the same text inside a page', () => {
    const pages = [1, 2, 3, 4].map((k) => ['Partiet – Program 2025', ...body(k), ...(k === 2 ? ['Partiet – Program 2025', 'Slutt.'] : [])]);
    const { texts, notes } = clean(pagesOf(...pages));
    assert.deepEqual(pick(notes, 'running-header').map((n) => n.place), [1, 2, 3, 4].map((p) => ({ page: p, line: [0, 3, 8, 11][p - 1] })));
    assert.equal(texts.filter((t) => t === 'Partiet – Program 2025').length, 1);
  });
  it('does not take a line of bullets repeating at page tops for a header', () => {
    const { notes } = clean(pagesOf(['•', 'a'], ['•', 'b'], ['•', 'c'], ['•', 'd']));
    assert.deepEqual(notes, []);
  });
  it('in a text without form feeds, a lone number is a page number only in a sequence spaced like pages', () => {
    const filler = (n: number) => Array.from({ length: n }, (_, i) => `Linje ${i} med litt tekst.`);
    const page = [...filler(20), '2', ...filler(20), '3', ...filler(20), '4', ...filler(5), '9', 'Slutt.'];
    const { notes } = clean(pagesOf(page));
    assert.deepEqual(pick(notes, 'page-number').map((n) => [n.removed, n.place?.line]), [['2', 20], ['3', 41], ['4', 62]]);
    const { notes: none } = clean(pagesOf([...filler(20), '2', ...filler(20), '3', 'Slutt.']));
    assert.deepEqual(none, []);
  });
});

describe('cleanPages: printed line numbers', () => {
  it('strips numbers on every fifth line, and moves x of a text line', () => {
    const page = Array.from({ length: 20 }, (_, i) => ((i + 1) % 5 === 0 ? `${i + 1}   Linje ${i + 1}` : `Linje ${i + 1}`));
    const pages: Page[] = [page.map((text, line) => ({ text, place: { page: 1, line }, x: 0 }))];
    const result = cleanPages(pages, {});
    assert.deepEqual(result.notes.map((n) => n.removed), ['5', '10', '15', '20']);
    assert.equal(result.lines[4].text, 'Linje 5');
    assert.equal(result.lines[4].x, 4);
  });
  it('keeps measures numbered `1.` and a short list numbered without dots', () => {
    const { notes } = clean(pagesOf(['Vi vil:', '1. Bygge skole.', '2. Bygge vei.', '3. Bygge hall.', '4. Bygge bro.', '5. Bygge kai.', '6. Mer.']));
    assert.deepEqual(notes, []);
    const { notes: short } = clean(pagesOf(['Tekst.', 'Mer tekst.', 'Enda mer tekst her.', '1 Bygge skole.', '2 Bygge vei.', '3 Bygge hall.', 'Slutt på teksten.', 'Og mer.', 'Og mer.']));
    assert.deepEqual(short, []);
  });
});

describe('cleanPages: hyphenation', () => {
  it('joins over a page break, after the header and page number are gone', () => {
    const pages = [1, 2, 3].map((k) => ['Partiet', `Tekst ${k} om arbeids-`, `${k}`]);
    pages[1][1] = 'plasser i hele landet og nye arbeids-';
    pages[2][1] = 'plasser.';
    const { texts } = clean(pagesOf(...pages));
    assert.deepEqual(texts, ['Tekst 1 om arbeidsplasser', 'i hele landet og nye arbeidsplasser.']);
  });
  it('keeps the hyphen where the speller knows the hyphenated word and not the joined one', () => {
    const result = cleanPages(pagesOf(['Vi vil ha mer praktisk-', 'estetisk undervisning.']), { speller: fakeSpeller(['praktisk-estetisk']) });
    assert.deepEqual(result.lines.map((l) => l.text), ['Vi vil ha mer praktisk-estetisk', 'undervisning.']);
    assert.deepEqual(result.notes, [{ code: 'hyphenation', place: { page: 1, line: 0 }, before: 'praktisk- estetisk', after: 'praktisk-estetisk' }]);
  });
  it('does not join over a blank line, and keeps the hyphen before a conjunction of the given language', () => {
    assert.deepEqual(clean(pagesOf(['arbeids-', '', 'plasser'])).texts, ['arbeids-', '', 'plasser']);
    const de = cleanPages(pagesOf(['Sport-', 'und Kultur', 'lav-', 'og mer']), { lang: 'de' });
    assert.deepEqual(de.lines.map((l) => l.text), ['Sport-', 'und Kultur', 'lavog', 'mer']);
  });
});

describe('cleanPages: characters', () => {
  it('keeps U+FFFD with a note, removes C1 controls', () => {
    const { texts, notes } = clean(pagesOf(['f\uFFFDr alle\u0085']));
    assert.deepEqual(texts, ['f\uFFFDr alle']);
    assert.deepEqual(notes, [
      { code: 'control-character', place: { page: 1, line: 0 }, removed: '\u0085' },
      { code: 'control-character', place: { page: 1, line: 0 }, detail: 'U+FFFD' },
    ]);
  });
  it('repairs a lost ligature only when exactly one repair is a word, and not without a speller', () => {
    const speller = fakeSpeller(['offentlig', 'oftentlig']);
    assert.deepEqual(cleanPages(pagesOf(['det oWentlig']), { speller }).lines.map((l) => l.text), ['det oWentlig']);
    assert.deepEqual(cleanPages(pagesOf(['det oWentlig']), {}).lines.map((l) => l.text), ['det oWentlig']);
    const one = cleanPages(pagesOf(['Wnne det oWentlige.']), { speller: fakeSpeller(['offentlige', 'finne']) });
    assert.deepEqual(one.lines.map((l) => l.text), ['Finne det offentlige.']);
  });
});
