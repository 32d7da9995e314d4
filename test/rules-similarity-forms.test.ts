// similar-measures by word forms (issue 15): stems and stop words by language, words and pairs, and the work budget.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { newStemmer } from 'snowball-stemmers';
import { analyse } from '../server/src/rules/index';
import { foldText, foldedWords } from '../server/src/rules/fold';
import { findSimilarKeys, findSimilarPairs, newWordCache, workBudget, type SimilarityOptions } from '../server/src/rules/similarity';
import { documentLanguage, guessLanguage, norwegianStem, wordFormsOf, type WordForms } from '../server/src/rules/wordForms';
import { wordListFile } from '../server/src/node/dictionaries';
// @ts-expect-error: a JavaScript module without types
import { makeWordList } from '../scripts/dictionaries.mjs';
import { DEFAULT_SIMILARITY_THRESHOLD } from '../server/src/model/config';
import type { Config } from '../server/src/model/config';
import { pairsAtOrAbove } from './similarity-brute';

/** The `similar-measures` diagnostics of `text`: 1-based line, message, related lines and messages, data. */
function similar(text: string, config: Config = {}) {
  const { programme, diagnostics } = analyse(text, config);
  const line = (offset: number) => programme.lines.lineAt(offset) + 1;
  return diagnostics
    .filter((d) => d.code === 'similar-measures')
    .map((d) => ({ line: line(d.span.start), severity: d.severity, message: d.message, related: (d.related ?? []).map((r) => [line(r.span.start), r.message]), data: d.data }));
}

const doc = (...lines: string[]) => lines.join('\n') + '\n';
const SAME_WORDS = 'only word forms, small words such as "and", punctuation, references or labels differ.';

describe('word forms (wordForms.ts)', () => {
  it('gives the forms of a word one stem, in Bokmål, Nynorsk, German and English', () => {
    const stems = (language: 'nb' | 'nn' | 'de' | 'en', words: string[]) => words.map((w) => wordFormsOf(language).stem(foldText(w)));
    assert.deepEqual(stems('nb', ['rekrutteringen', 'rekruttering']), ['rekruttering', 'rekruttering']);
    assert.deepEqual(stems('nb', ['antallet', 'antall', 'studenter', 'studentene']), ['antall', 'antall', 'student', 'student']);
    assert.deepEqual(stems('nn', ['kommunane', 'kommunen', 'rekrutteringa']), ['kommun', 'kommun', 'rekruttering']);
    assert.deepEqual(stems('de', ['Städte', 'Stadt', 'Kindergartenplätze', 'Kindergartenplatz']), ['stadt', 'stadt', 'kindergartenplatz', 'kindergartenplatz']);
    assert.deepEqual(stems('en', ['students', 'student', 'schools']), ['student', 'student', 'school']);
  });

  it('stems Norwegian as snowball-stemmers does, on the forms of the Bokmål and Nynorsk dictionaries', function () {
    this.timeout(60000);
    const snowball = newStemmer('norwegian');
    const edges = ['', 'a', 'ab', 'abc', 'ks', 'aks', 'bks', 'mks', 'øks', 'kommunenes', 'hetslov', 'bedt', 'havt', '2023', 'straße', 'kafé', 'ærlig', 'x\u{1D400}enes'];
    const words = [...edges];
    for (const lang of ['nb', 'nn'] as const) {
      makeWordList(lang);
      const list = readFileSync(wordListFile(lang)!, 'utf8').split('\n');
      // Every 20th form (about 80,000 of 1.6 million; all of them agree, as a one-off run showed).
      for (let i = 0; i < list.length; i += 20) words.push(list[i].toLowerCase());
    }
    assert.ok(words.length > 70000);
    const differ = words.filter((w) => norwegianStem(w) !== snowball.stem(w));
    assert.deepEqual(differ.slice(0, 10).map((w) => [w, norwegianStem(w), snowball.stem(w)]), []);
  });

  it('knows the stop words of each language, folded; Nynorsk adds its own function words to the Bokmål list', () => {
    const stop = (language: 'nb' | 'nn' | 'de' | 'en', words: string[]) => words.map((w) => wordFormsOf(language).isStopWord(w));
    assert.deepEqual(stop('nb', ['og', 'i', 'som', 'ikkje', 'frå', 'hele', 'kommunen']), [true, true, true, false, false, false, false]);
    assert.deepEqual(stop('nn', ['og', 'i', 'kva', 'frå', 'berre', 'eg', 'kommunen']), [true, true, true, true, true, true, false]);
    // stopword's "groß" is compared as the folded key has it.
    assert.deepEqual(stop('de', ['und', 'die', 'gross', 'stadt']), [true, true, true, false]);
    assert.deepEqual(stop('en', ['the', 'and', 'school']), [true, true, false]);
    // Words that turn a promise around are compared, though the lists have them.
    assert.deepEqual(stop('nb', ['ikke', 'ingen', 'uten']), [false, false, false]);
    assert.deepEqual(stop('nn', ['ikkje', 'inga', 'utan']), [false, false, false]);
    assert.deepEqual(stop('de', ['nicht', 'kein', 'ohne']), [false, false, false]);
    assert.deepEqual(stop('en', ['never', 'not', 'no']), [false, false, false]);
    // Each language's own: Nynorsk "no" is "now".
    assert.deepEqual(stop('nn', ['no']), [true]);
  });

  it("takes the language from the front matter's lang, and none for a language it has no stemmer for", () => {
    const norwegian = 'Vi vil at kommunen skal styrke skolen og gi alle barn en god start i livet, og at de som bor her skal få hjelp når de trenger det.';
    assert.equal(documentLanguage(`---\nlang: nb\n---\n${norwegian}`), 'nb');
    assert.equal(documentLanguage(`---\nlang: no\n---\n`), 'nb');
    assert.equal(documentLanguage(`---\nlang: nn-NO\n---\n`), 'nn');
    assert.equal(documentLanguage(`---\nlang: de-AT\n---\n`), 'de');
    assert.equal(documentLanguage(`---\nlang: en-GB\n---\n`), 'en');
    assert.equal(documentLanguage(`---\nlang: sv\n---\n${norwegian}`), undefined);
    assert.equal(documentLanguage(norwegian), 'nb');
  });

  it('guesses the language of a text without lang from its stop words, or gives none', () => {
    assert.equal(guessLanguage('Vi vil at kommunen skal styrke skolen og gi alle barn en god start i livet, og at de som bor her skal få hjelp når de trenger det.'), 'nb');
    assert.equal(guessLanguage('Vi vil at kommunen skal styrkje skulen og gje alle born ein god start i livet, og at dei som bur her skal få hjelp frå kommunen når dei treng det.'), 'nn');
    assert.equal(guessLanguage('Wir wollen, dass die Stadt mehr für die Schulen tut, damit alle Kinder in der Stadt eine gute Bildung bekommen und nicht zurückbleiben.'), 'de');
    assert.equal(guessLanguage('We want the council to do more for the schools, so that all children in the town get a good education and none of them are left behind.'), 'en');
    // Too short, or no language's stop words: no guess.
    assert.equal(guessLanguage('Styrke skolen og barnehagen.'), undefined);
    assert.equal(guessLanguage(Array.from({ length: 30 }, (_, i) => `Navn${i}`).join(' ')), undefined);
  });
});

describe('similar-measures by word forms', () => {
  const issue = [
    '# 1. Landbruk',
    '',
    '1. Styrke rekrutteringen til landbruket i hele kommunen.',
    '',
    '# 2. Kommune',
    '',
    '1. Styrke rekruttering til landbruket i kommunen.',
    '',
    '2. Øke antallet studieplasser for studenter i fylket.',
    '',
    '3. Øke antall studieplasser for studentene i fylket.',
  ];

  it('reports the inflected forms of issue 15 at the default threshold, quoting the measures as written', () => {
    assert.equal(DEFAULT_SIMILARITY_THRESHOLD, 0.55);
    const d = similar(doc('---', 'title: Test', 'lang: nb', '---', ...issue));
    assert.deepEqual(
      d.map((x) => [x.line, x.severity, x.message]),
      [
        [
          11,
          'information',
          'Measure 2.1 is 60% similar to measure 1.1 ("Styrke rekrutteringen til landbruket i hele …"). If both make the same promise, keep one and refer to it with [[1.1]]; if not, make the difference clear.',
        ],
        [
          15,
          'information',
          `Measure 2.3 has the same words as measure 2.2 ("Øke antallet studieplasser for studenter i …"); ${SAME_WORDS} If both make the same promise, keep one and refer to it with [[2.2]]; if not, make the difference clear.`,
        ],
      ],
    );
    // styrk, rekruttering, landbruk, hel, kommun and their 4 pairs against the same without "hel" (3 pairs): 6 of 10.
    assert.deepEqual(d[0].data, { twins: [{ id: '1.1', similarity: 6 / 10 }], more: 0 });
    assert.deepEqual(d[1].related, [[13, 'Measure 2.2 is 100% similar']]);
  });

  it('compares the words as written when the front matter names a language it has no stemmer for', () => {
    assert.deepEqual(similar(doc('---', 'title: Test', 'lang: sv', '---', ...issue)), []);
  });

  it('guesses the language of a programme without front matter (Nynorsk here)', () => {
    const d = similar(
      doc(
        'Vi vil at kommunen skal vere ein god stad å bu for alle, og at dei som bur her skal få hjelp frå kommunen når dei treng det.',
        '',
        '# 1. Landbruk',
        '',
        '1. Styrkje rekrutteringa til landbruket i heile kommunen.',
        '',
        '2. Styrkje rekruttering til landbruket i kommunen.',
      ),
    );
    assert.deepEqual(
      d.map((x) => [x.line, x.message]),
      [[7, 'Measure 1.2 is 60% similar to measure 1.1 ("Styrkje rekrutteringa til landbruket i heile …"). If both make the same promise, keep one and refer to it with [[1.1]]; if not, make the difference clear.']],
    );
  });

  it('reads German word forms with the German stemmer', () => {
    const d = similar(doc('---', 'title: Test', 'lang: de', '---', '# 1. Stadt', '', '1. Die Städte sollen mehr Kindergartenplätze schaffen.', '', '2. Die Stadt soll mehr Kindergartenplätze schaffen.'));
    assert.deepEqual(
      d.map((x) => [x.line, x.message]),
      [[9, `Measure 1.2 has the same words as measure 1.1 ("Die Städte sollen mehr Kindergartenplätze schaffen."); ${SAME_WORDS} If both make the same promise, keep one and refer to it with [[1.1]]; if not, make the difference clear.`]],
    );
  });

  it('does not report alternatives for one place with each other, and reads "ingen" as a word', () => {
    const d = similar(
      doc('---', 'title: Test', 'lang: nb', '---', '# 1. Samferdsel', '', '1. Bygge ut ladeinfrastruktur langs hovedveiene.', '', '2A. Bompenger for elbiler.', '', '2B. Ingen bompenger for elbiler.', '', '3. Bompenger for alle elbiler.'),
    );
    // 2A and 2B are alike on purpose; 3 has the words of 2A ("for" and "alle" are stop words), and of 2B but "ingen": 3 of 5.
    assert.deepEqual(
      d.map((x) => [x.line, x.message, x.related]),
      [
        [
          13,
          `Measure 1.3 has the same words as measure 1.2A ("Bompenger for elbiler.") and as 1 more measure, listed below; ${SAME_WORDS} If both make the same promise, keep one and refer to it with [[1.2A]]; if not, make the difference clear.`,
          [
            [9, 'Measure 1.2A is 100% similar'],
            [11, 'Measure 1.2B is 60% similar'],
          ],
        ],
      ],
    );
  });

  it('keeps measures on one subject with different promises apart', () => {
    const d = similar(doc('---', 'title: Test', 'lang: nb', '---', '# 1. Omsorg', '', '1. Øke antallet sykehjemsplasser i kommunen.', '', '2. Redusere antallet barnehageplasser i kommunen.'));
    assert.deepEqual(d, []);
  });
});

/** What `options.forms` makes of a text: its content words (stems, stop words left out). */
function contentOf(words: readonly string[], forms: WordForms | undefined): string[] {
  return forms === undefined ? [...words] : words.filter((w) => !forms.isStopWord(w)).map((w) => forms.stem(w));
}

/** Every pair at or above `threshold`, by comparing all of them: sets of words and of neighbouring pairs in either order. */
function bruteForce(texts: readonly (readonly string[])[], threshold: number, forms: WordForms | undefined): string[] {
  const sets = texts.map((words) => {
    const content = contentOf(words, forms);
    const set = new Set(content.map((w) => `w:${w}`));
    for (let i = 0; i + 1 < content.length; i++) set.add(`p:${[content[i], content[i + 1]].sort().join(' ')}`);
    return set;
  });
  return pairsAtOrAbove(sets, threshold);
}

const VOCABULARY = ['kommunen', 'kommunene', 'kommune', 'skolen', 'skoler', 'og', 'i', 'for', 'styrke', 'styrker', 'barn', 'barna', 'helse', 'ikke', '30'];
const texts = fc.array(fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 10 }), { maxLength: 25 });
const show = (pairs: { first: number; second: number; similarity: number }[]) => pairs.map((p) => `${p.first}~${p.second}:${p.similarity}`);

describe('the near-duplicate index with word forms, words and pairs (similarity.ts)', () => {
  it('finds every pair at or above the threshold, as comparing all pairs does (property)', () => {
    const forms = wordFormsOf('nb');
    fc.assert(
      fc.property(texts, fc.constantFrom(0.3, 0.5, 0.55, 2 / 3, 0.8, 1), fc.boolean(), (words, threshold, withForms) => {
        const options: SimilarityOptions = { threshold, shingles: 'words and pairs', forms: withForms ? forms : undefined };
        const expected = bruteForce(words, threshold, options.forms);
        assert.deepEqual(show(findSimilarPairs(words, options).pairs), expected);
        const keys = words.map((w) => foldText(w.join(' ')));
        assert.deepEqual(show(findSimilarKeys(keys, options).pairs), bruteForce(keys.map(foldedWords), threshold, options.forms));
      }),
      { seed: 15, numRuns: 400 },
    );
  });

  it('gives the same result with a word cache carried from one version to the next, and starts it again when the forms change', () => {
    const keysOf = (versions: string[][]) => versions.map((w) => foldText(w.join(' ')));
    fc.assert(
      fc.property(
        texts,
        fc.array(fc.record({ at: fc.nat(), words: fc.array(fc.constantFrom(...VOCABULARY, 'nytt', 'ord'), { maxLength: 10 }) }), { minLength: 1, maxLength: 5 }),
        fc.constantFrom(0.3, 0.55, 1),
        (start, edits, threshold) => {
          const cache = newWordCache();
          const nb: SimilarityOptions = { threshold, shingles: 'words and pairs', forms: wordFormsOf('nb') };
          let versions = start;
          assert.deepEqual(findSimilarKeys(keysOf(versions), nb, cache), findSimilarKeys(keysOf(versions), nb));
          for (const edit of edits) {
            versions = versions.slice();
            if (versions.length === 0 || edit.at % 3 === 0) versions.splice(edit.at % (versions.length + 1), 0, edit.words);
            else if (edit.at % 3 === 1) versions.splice(edit.at % versions.length, 1);
            else versions[edit.at % versions.length] = edit.words;
            const cached = findSimilarKeys(keysOf(versions), nb, cache);
            const fresh = findSimilarKeys(keysOf(versions), nb);
            assert.deepEqual([cached.pairs, cached.words, cached.budget], [fresh.pairs, fresh.words, fresh.budget]);
          }
          // Other forms (none: the words as written) with the same cache: a fresh search's result.
          const written: SimilarityOptions = { ...nb, forms: undefined };
          assert.deepEqual(findSimilarKeys(keysOf(versions), written, cache), findSimilarKeys(keysOf(versions), written));
        },
      ),
      { seed: 16, numRuns: 300 },
    );
  });
});

describe('the work budget of the near-duplicate search', () => {
  it('never reads and verifies more than the budget, and finds only true pairs when it cuts (property)', () => {
    const many = fc.array(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'), { minLength: 1, maxLength: 12 }), { minLength: 2, maxLength: 120 });
    let cuts = 0;
    fc.assert(
      fc.property(many, fc.constantFrom(0.3, 0.55, 0.8), fc.constantFrom(0, 0.5, 1, 4), (words, threshold, workPerWord) => {
        const full = findSimilarPairs(words, { threshold, shingles: 'words and pairs' });
        // The floor of 100,000 would keep these small inputs whole: the budget is tested without it.
        const result = findSimilarPairs(words, { threshold, shingles: 'words and pairs', workPerWord, workFloor: 0 });
        assert.equal(result.budget, workPerWord * full.words);
        assert.ok(result.visited + result.candidates <= result.budget, `${result.visited} + ${result.candidates} > ${result.budget}`);
        const all = new Set(show(full.pairs));
        for (const pair of show(result.pairs)) assert.ok(all.has(pair), pair);
        if (result.cut === undefined) assert.deepEqual(result.pairs, full.pairs);
        else {
          cuts++;
          assert.ok(result.cut.texts >= 1 && result.cut.commonIn >= 2 && result.cut.first < words.length);
        }
      }),
      { seed: 17, numRuns: 300 },
    );
    // The property says something about cut searches only if there were some.
    assert.ok(cuts > 50, `${cuts} cut searches`);
  });

  it('is 5 posting entries and candidates per word, and 100,000 more', () => {
    assert.equal(workBudget(0), 100000);
    assert.equal(workBudget(250000), 1350000);
    assert.equal(workBudget(1000, 1), 101000);
    assert.equal(workBudget(1000, 1, 0), 1000);
  });

  /** A programme of `count` measures made of `words` (each measure 8–20 of them), in Bokmål, 500 to a pillar (no number is a year). */
  function fewWords(count: number, words: readonly string[]): string {
    let seed = 42;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
    const lines = ['---', 'title: Få ord', 'lang: nb', '---'];
    for (let i = 0; i < count; i++) {
      const length = 8 + Math.floor(next() * 13);
      const text = Array.from({ length }, () => words[Math.floor(next() * words.length)]).join(' ');
      if (i % 500 === 0) lines.push(`# ${i / 500 + 1}. Kapittel`, '');
      lines.push(`${(i % 500) + 1}. ${text[0].toUpperCase()}${text.slice(1)}.`, '');
    }
    return lines.join('\n');
  }

  /** The words the search reads in `text` (its measures' content words, in Bokmål). */
  function contentWordsOf(text: string): number {
    const forms = wordFormsOf('nb');
    const { programme } = analyse(text, { rules: { 'similar-measures': 'off' } });
    let n = 0;
    for (const line of text.split('\n')) if (/^\d+\. /.test(line)) n += contentOf(foldedWords(foldText(line.replace(/^\d+\. /, ''))), forms).length;
    assert.equal(programme.measures.length, text.split('\n').filter((l) => /^\d+\. /.test(l)).length);
    return n;
  }

  it('cuts the search over 20,000 measures made of the same 30 words, and says so in one information diagnostic', function () {
    this.timeout(120000);
    const thirty = 'skole helse klima bolig arbeid barn eldre vei buss tog kommune fylke stat skatt lønn natur energi vann kultur idrett sykehus lege politi forsvar bonde fisk skog jord hav by'.split(' ');
    const text = fewWords(20000, thirty);
    const d = similar(text);
    const cut = d.filter((x) => x.data?.cut !== undefined);
    assert.equal(cut.length, 1);
    const [only] = cut;
    assert.equal(only.severity, 'information');
    assert.equal(only.line, 7);
    assert.equal(only.related.length, 0);
    assert.match(only.message, /^Similar measures may be missing: \d+ measures, this one \(1\.1\) first, are made of words that are each in \d+ or more measures, too many to compare them all with each other\. They were compared only with the measures that share one of their rarer words\.$/);
    const data = only.data!.cut as { measures: number; commonIn: number; work: number; budget: number };
    // The work counted by the search (entries read + candidates verified) is within 5 per word and 100,000.
    assert.equal(data.budget, 5 * contentWordsOf(text) + 100000);
    assert.ok(data.work <= data.budget, `${data.work} > ${data.budget}`);
    assert.ok(data.measures > 1000 && data.commonIn >= 2, JSON.stringify(data));
  });

  it('cuts the search over 20,000 near-identical measures, which then share only common words', function () {
    this.timeout(120000);
    const lines = ['---', 'title: Nesten like', 'lang: nb', '---'];
    for (let i = 0; i < 20000; i++) {
      if (i % 500 === 0) lines.push(`# ${i / 500 + 1}. Skole`, '');
      lines.push(`${(i % 500) + 1}. Styrke skolen i kommunen med tiltak nummer ${i + 1}.`, '');
    }
    const text = lines.join('\n');
    const d = similar(text);
    // Every measure shares all its words but its number with every other: the budget leaves them out.
    assert.equal(d.length, 1);
    const data = d[0].data!.cut as { measures: number; commonIn: number; work: number; budget: number };
    assert.match(d[0].message, /^Similar measures may be missing: \d+ measures, this one \(1\.1\) first, are made of words that are each in \d+ or more measures/);
    assert.ok(data.measures >= 19000, JSON.stringify(data));
    assert.equal(data.budget, 5 * contentWordsOf(text) + 100000);
    assert.ok(data.work <= data.budget);
  });

  it('searches afresh after an edit once the budget has cut a search (the language server)', () => {
    const words = Array.from({ length: 3000 }, (_, i) => `skole helse klima bolig arbeid barn eldre vei nummer${i}`);
    const cache = newWordCache();
    const options: SimilarityOptions = { threshold: 0.55, shingles: 'words and pairs', workPerWord: 1, workFloor: 0 };
    const first = findSimilarKeys(words, options, cache);
    assert.ok(first.cut !== undefined);
    const edited = [...words.slice(0, 10), 'helt ny tekst', ...words.slice(11)];
    const again = findSimilarKeys(edited, options, cache);
    // A fresh search (it uses the index: entries read), with the same cut as without the cache.
    assert.deepEqual(again, findSimilarKeys(edited, options));
    assert.ok(again.visited > 0 || again.cut !== undefined);
  });
});
