import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanPages } from '../../server/src/import/cleanup';
import { readText } from '../../server/src/import/text';
import type { Note, Page, PageLine } from '../../server/src/import/outline';
import { FIXTURE_WORDS, fakeSpeller } from './fake-speller';
import { wordsAccountedFor } from './words';

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
