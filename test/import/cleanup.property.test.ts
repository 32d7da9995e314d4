import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cleanPages } from '../../server/src/import/cleanup';
import { readText } from '../../server/src/import/text';
import type { Page } from '../../server/src/import/outline';
import { fakeSpeller } from './fake-speller';
import { wordsAccountedFor } from './accounting';

// Short runs for `npm test`; FUZZ_RUNS=N runs the same properties longer.
const runs = Number(process.env.FUZZ_RUNS ?? 300);

const WORDS = ['Vi', 'vil', 'styrke', 'skolen', 'og', 'lav-', 'Nord-', 'Norge', 'Bundes-', 'land', 'und', 'eller', 'ﬁnne', 'oﬀentlig', 'oWentlig', 'Wnne', 'skole\u00admat', 'EU-', '12', '3.', '-', '–', '•', 'a)', 'Side', '7', 'Seite', 'von', '|', 'Partiet', 'kommunen', 'bzw.', '\u0007', '\uFFFD', 'proYl', 'samt', 'Arbeid', 'næring', '2023'];
const speller = fakeSpeller(['finne', 'offentlig', 'skolemat', 'profil', 'Bundesland', 'land', 'og', 'und', 'styrke', 'skolen']);

/** A line of words from the vocabulary, or a random string now and then. */
const line = fc.oneof(
  { weight: 6, arbitrary: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 }).map((ws) => ws.join(' ')) },
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom('1', '2', '- 3 -', 'Side 4', '3.', 'Partiet · Program 2025', '12 | Partiet') },
);

/** Pages: each with an optional header and page number, lines optionally numbered at the start. */
const document = fc
  .record({
    pages: fc.array(fc.array(line, { maxLength: 12 }), { minLength: 1, maxLength: 8 }),
    header: fc.option(fc.constantFrom('Partiet · Program 2025', 'Skole og oppvekst', 'Seite')),
    pageNumbers: fc.boolean(),
    lineNumbers: fc.boolean(),
    formFeeds: fc.boolean(),
  })
  .map(({ pages, header, pageNumbers, lineNumbers, formFeeds }) => {
    let n = 0;
    const texts = pages.map((lines, p) => {
      const all = [...(header ? [header] : []), ...lines, ...(pageNumbers ? ['', String(p + 1)] : [])];
      return lineNumbers ? all.map((l) => `${++n} ${l}`) : all;
    });
    return texts.map((t) => t.join('\n')).join(formFeeds ? '\n\f' : '\n');
  });

function check(text: string, withSpeller: boolean): void {
  const reading = readText(text);
  assert.equal(reading.kind, 'pages');
  if (reading.kind !== 'pages') return;
  const pages: Page[] = reading.pages;
  const result = cleanPages(pages, withSpeller ? { speller } : {});
  assert.deepEqual(wordsAccountedFor(pages, result.lines, result.notes), { ok: true });
  for (const l of result.lines) assert.doesNotMatch(l.text, /[\u0000-\u0008\u000A-\u001F\u007F-\u009F]|\s$/);
}

describe('properties of the clean-up of laid-out text', () => {
  it('accounts for every word of generated pages (page numbers, headers, line numbers, hyphens, ligatures)', () => {
    fc.assert(fc.property(document, fc.boolean(), (text, withSpeller) => check(text, withSpeller)), { numRuns: runs, seed: 11 });
  });
  it('the same on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.boolean(), (text, withSpeller) => check(text, withSpeller)), { numRuns: runs, seed: 12 });
  });
  it('does not change its input pages', () => {
    fc.assert(
      fc.property(document, (text) => {
        const reading = readText(text);
        if (reading.kind !== 'pages') return;
        const before = JSON.stringify(reading.pages);
        cleanPages(reading.pages, { speller });
        assert.equal(JSON.stringify(reading.pages), before);
      }),
      { numRuns: Math.ceil(runs / 3), seed: 13 },
    );
  });
});
