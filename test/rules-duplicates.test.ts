import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyse } from '../server/src/rules/index';
import { resolveReference } from '../server/src/model/resolve';
import { measureKeys, measureRawText, measureWords, titleKey } from '../server/src/rules/duplicates';
import { foldCase, foldCodeUnits, foldText, foldedWords } from '../server/src/rules/fold';
import { contentWords, findSimilarKeys, findSimilarPairs, findSimilarWords, foldedLatin1Words, jaccard, keyHash, newWordCache, newWordTable, prefixSize, selectedRuns, shingles, unitWords, wordText, type WordRuns } from '../server/src/rules/similarity';
import type { Programme } from '../server/src/model/programme';
import { DEFAULT_SIMILARITY_THRESHOLD } from '../server/src/model/config';
import { wordFormsOf } from '../server/src/rules/wordForms';
import { pairsAtOrAbove } from './similarity-brute';

/**
 * Asserts that `measureWords(p)` holds, for each measure, the words of its key (`foldedWords`), as ids
 * that stand for one word each (the same word always has the same id, different words different ids).
 */
function assertMeasureWords(p: Programme): void {
  const keys = measureKeys(p);
  const words = measureWords(p)?.runs;
  assert.ok(words !== undefined);
  const wordOf = new Map<number, string>();
  const idOf = new Map<string, number>();
  keys.forEach((key, i) => {
    const ids = Array.from(words.ids.subarray(words.offsets[i], words.offsets[i + 1]));
    const expected = foldedWords(key);
    assert.equal(ids.length, expected.length, `measure ${i}: ${JSON.stringify(key)}`);
    ids.forEach((id, j) => {
      assert.equal(wordOf.get(id) ?? (wordOf.set(id, expected[j]), expected[j]), expected[j], `measure ${i}, word ${j}`);
      assert.equal(idOf.get(expected[j]) ?? (idOf.set(expected[j], id), id), id, `measure ${i}, word ${j}`);
    });
  });
}

/** The rows of `words` for the texts `chosen`, as checkSimilarMeasures takes them. */
function rowsOf(words: WordRuns, chosen: number[]): WordRuns {
  const ids: number[] = [];
  const offsets = [0];
  for (const i of chosen) {
    ids.push(...words.ids.subarray(words.offsets[i], words.offsets[i + 1]));
    offsets.push(ids.length);
  }
  return { ids: Int32Array.from(ids), offsets: Int32Array.from(offsets), count: words.count };
}
import type { Config } from '../server/src/model/config';
import type { Diagnostic } from '../server/src/syntax/span';

/** The diagnostics of `code` in `text`, with 1-based lines of the diagnostic and of its related information. */
function found(text: string, code: string, config: Config = {}) {
  const { programme, diagnostics } = analyse(text, config);
  const line = (offset: number) => programme.lines.lineAt(offset) + 1;
  return diagnostics
    .filter((d) => d.code === code)
    .map((d: Diagnostic) => ({
      line: line(d.span.start),
      severity: d.severity,
      message: d.message,
      text: text.slice(d.span.start, d.span.end),
      related: (d.related ?? []).map((r) => ({ line: line(r.span.start), message: r.message })),
      data: d.data,
    }));
}

const lines = (...l: string[]) => l.join('\n') + '\n';

describe('text folding (fold.ts)', () => {
  it('folds case fully, including Ø/ø, ß/ss and final sigma', () => {
    assert.equal(foldCase('ØKONOMI'), 'økonomi');
    assert.equal(foldCase('Straße'), foldCase('STRASSE'));
    assert.equal(foldCase('ΟΔΟΣ'), foldCase('οδοσ'));
  });

  it('removes invisible characters and emphasis, reads every space as a space, drops trailing punctuation', () => {
    assert.equal(foldText('  **Klima\u00ADpolitikk**\u00A0og\u202Fnatur  … !'), 'klimapolitikk og natur');
    assert.equal(foldText('Ar\u200Bbeid\tog\u2003NÆRING.'), 'arbeid og næring');
    // NFC: a decomposed å equals a composed one.
    assert.equal(foldText('Ga\u030Ardsbruk'), foldText('Gårdsbruk'));
  });

  it('joins a word split by a soft hyphen at a line end, but not one before a space', () => {
    assert.equal(foldText('Prozess\u00AD\n  kosten\u00AD und Beratung'), 'prozesskosten und beratung');
  });

  it('splits words at punctuation and hyphens', () => {
    assert.deepEqual(foldedWords(foldText('Klimabudsjett og -regnskap, f.eks. 30 pst.')), ['klimabudsjett', 'og', 'regnskap', 'f', 'eks', '30', 'pst']);
  });
});

describe('the fast paths of the comparison keys (foldCodeUnits, measureKeys)', () => {
  /** foldCodeUnits of `text`, or undefined when it leaves `text` to foldText. */
  const fast = (text: string): string | undefined => {
    const src = Uint16Array.from(text, (c) => c.charCodeAt(0));
    const out = new Uint16Array(text.length);
    const n = foldCodeUnits(src, src.length, out);
    return n < 0 ? undefined : String.fromCharCode(...out.subarray(0, n));
  };

  it('folds every code unit it takes as foldText does, in every position', () => {
    let taken = 0;
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      for (const text of [ch, `A${ch}b`, ` ${ch}${ch} `, `Ord\u2013${ch}.`, `${ch} x`, `x ${ch}`]) {
        const f = fast(text);
        if (f === undefined) continue;
        taken++;
        if (f !== foldText(text)) assert.fail(`U+${c.toString(16)} in ${JSON.stringify(text)}: ${JSON.stringify(f)} ≠ ${JSON.stringify(foldText(text))}`);
      }
    }
    assert.ok(taken > 1500, `only ${taken} texts took the fast path`);
  });

  it('leaves µ, ß, line breaks, final sigma and other scripts to foldText', () => {
    for (const text of ['Straße', '5 µg', 'a\nb', 'a\rb', 'ΟΔΟΣ', 'Ёлка', 'İstanbul', 'ﬁnans', 'Ga\u030Ardsbruk', '\u{1D400}']) assert.equal(fast(text), undefined, text);
  });

  it('gives the same key as foldText of the documented text, on tricky measures', () => {
    const text = [
      '# 1. Prøve',
      '',
      '1. Prozess\u00AD',
      '   kosten\u00AD \t',
      '\u200B und *Beratung* [[#x]] {#x}',
      '',
      '2. Trygge\u00A0**boliger** – for «alle»\u00AD\u00AD',
      '\u00A0  og ingen andre …',
      '',
      '3. Die STRASSE und die Straße\u00AD',
      'n',
      '',
      '4. ΟΔΟΣ και ΟΔΟΣ, ς σ\r\n   ﬁnans\r\n',
      '5\\. ikke et tiltak, men tekst: 17\\. mai',
      '',
      '5. Ord\u2003med\u202Frare\u3000mellomrom\u0085og\u0007styretegn\uFEFF!?',
      '',
      '6. \u00AD\u00AD',
      '',
      '7. Ga\u030Ardsbruk og EKSTRA_ORD_ i ÆØÅ',
      '',
    ].join('\n');
    const { programme } = analyse(text);
    const keys = measureKeys(programme);
    assert.equal(keys.length, 7);
    programme.measures.forEach((m, i) => assert.equal(keys[i], foldText(measureRawText(programme, m)), `measure ${m.id}`));
    // The zero-width space that starts the third line is not part of it (it is skipped before a line, as a
    // page break is), so the soft hyphen that ends the line above (blanks after it do not count) joins.
    assert.equal(keys[0], 'prozesskostenund beratung');
    assert.equal(keys[1], 'trygge boliger – for «alle»og ingen andre');
    assert.equal(keys[2], 'die strasse und die strassen');
    assert.equal(keys[4], 'ord med rare mellomrom ogstyretegn');
    assert.equal(keys[5], '');
    assert.equal(keys[6], foldText('Gårdsbruk og EKSTRAORD i æøå'));
    assertMeasureWords(programme);
  });

  it('reads the words of a folded key from its code units as foldedWords does, for every code unit it takes', () => {
    let taken = 0;
    const table = newWordTable();
    const other = newWordTable();
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      for (const key of [ch, `a${ch}b`, `ord${ch}${ch}ord ${ch}x`]) {
        const units = Uint16Array.from(key, (u) => u.charCodeAt(0));
        const ids = new Int32Array(units.length);
        const end = unitWords(units, units.length, table, ids, 0);
        // With a byte buffer: Latin-1 keys only, their bytes written in the same pass.
        const bytes = new Uint8Array(units.length);
        const latin1End = unitWords(units, units.length, other, new Int32Array(units.length), 0, bytes);
        assert.equal(latin1End, c < 0x100 ? end : -1, `U+${c.toString(16)} in ${JSON.stringify(key)}`);
        if (latin1End >= 0) assert.deepEqual(Array.from(bytes), Array.from(units));
        if (end < 0) continue;
        taken++;
        assert.deepEqual(Array.from(ids.subarray(0, end), (id) => wordText(table, id)), foldedWords(key), `U+${c.toString(16)} in ${JSON.stringify(key)}`);
      }
    }
    assert.equal(taken, 3 * (256 + 0x18 + 0x2f + 1));
  });

  it('folds and reads words in one pass (foldedLatin1Words) as foldCodeUnits and unitWords do in two, for every code unit', () => {
    let taken = 0;
    const twoSteps = newWordTable();
    const onePass = newWordTable();
    const folded = { length: -1, hash: 0 };
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      for (const text of [ch, `A${ch}b`, ` ${ch}${ch} Ord `, `Ord${ch}.`, `${ch} x!`, `x ${ch}`, `  Å${ch}  ÆØ  ${ch}  `]) {
        const src = Uint16Array.from(text, (u) => u.charCodeAt(0));
        const key = new Uint16Array(src.length);
        const n = foldCodeUnits(src, src.length, key);
        const bytes = new Uint8Array(src.length);
        const ids = new Int32Array(src.length + 1);
        const end = n < 0 ? -1 : unitWords(key, n, twoSteps, ids, 1, bytes);
        const oneKey = new Uint16Array(src.length);
        const oneBytes = new Uint8Array(src.length);
        const oneIds = new Int32Array(src.length + 1);
        const oneEnd = foldedLatin1Words(src, src.length, oneKey, oneBytes, onePass, oneIds, 1, folded);
        const where = `U+${c.toString(16)} in ${JSON.stringify(text)}`;
        // Text with a code unit above U+00FF is left to the two steps (which take some: spaces, invisible characters, punctuation).
        assert.equal(oneEnd, c > 0xff ? -1 : end, where);
        if (oneEnd < 0) continue;
        taken++;
        assert.equal(folded.length, n, where);
        // The hash of the folded key, as keyHash gives it.
        assert.equal(folded.hash, keyHash(String.fromCharCode(...key.subarray(0, n))), where);
        assert.deepEqual(Array.from(oneKey.subarray(0, n)), Array.from(key.subarray(0, n)), where);
        assert.deepEqual(Array.from(oneBytes.subarray(0, n)), Array.from(bytes.subarray(0, n)), where);
        assert.deepEqual(Array.from(oneIds.subarray(1, end), (id) => wordText(onePass, id)), Array.from(ids.subarray(1, end), (id) => wordText(twoSteps, id)), where);
      }
    }
    assert.equal(taken, 7 * (256 - 4));
  });

  it('gives the same keys as the documented path on generated measures (property)', () => {
    const pieces = ['Ord', 'ord', ' ', '  ', '\t', '\u00A0', '\u00AD', '\u00AD\n', '\n', '\r\n', '\n  ', '*', '_', '.', '…', '–', '«', 'ß', 'µ', 'Σ', 'ς', 'Æ', 'ÿ', '\u200B', '\uFEFF', '[[#a]]', '{#b}', '\u3000', 'é', 'e\u0301', '\u{1F600}', '\uD800', '€', '1\\.'];
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 6 }), (measures) => {
        const text = `# 1. A\n\n${measures.map((m, i) => `${i + 1}. ${m.join('')}`).join('\n\n')}\n`;
        const { programme } = analyse(text);
        const keys = measureKeys(programme);
        programme.measures.forEach((m, i) => assert.equal(keys[i], foldText(measureRawText(programme, m))));
        assertMeasureWords(programme);
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it('gives the same keys as the documented path on generated Latin-1 measures, folded where they stand (property)', () => {
    // Only Latin-1 (and line breaks): the one-pass path over the measure's pieces (measurePieces, foldedLatin1PieceWords).
    const pieces = ['Ord', 'ø', ' ', '  ', '\t', '\u00A0', '\u0085', '\u00AD', '\u00AD\u00AD', '\u00AD\n', '\u00AD \t\n', ' \u00AD\n', '\n', '\n  ', '\n\t', '\n\u00A0', '*', '_', '.', '!', '?', ':', '\u0007', '[[#a]]', '{#b}', '[[1.1]]', '1\\.', '\\', 'ÿ', 'ß'];
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 14 }), { minLength: 1, maxLength: 8 }), (measures) => {
        const text = `# 1. A\n\n${measures.map((m, i) => `${i + 1}. ${m.join('')}`).join('\n\n')}\n`;
        const { programme } = analyse(text);
        const keys = measureKeys(programme);
        programme.measures.forEach((m, i) => assert.equal(keys[i], foldText(measureRawText(programme, m)), JSON.stringify(text)));
        assertMeasureWords(programme);
      }),
      { seed: 12, numRuns: 600 },
    );
  });
});

describe('duplicate-label', () => {
  const doc = lines(
    '# 1. Arbeid {#arbeid}',
    '',
    '1. Skape flere jobber. {#jobber}',
    '',
    '2. Styrke lokalt næringsliv. {#Arbeid}',
    '',
    '# 2. Klima',
    '',
    '1. Kutte utslipp, se [[#arbeid]]. {#jobber}',
  );

  it('reports the later label, pointing at the first, with both owners named', () => {
    const d = found(doc, 'duplicate-label');
    assert.equal(d.length, 2);
    assert.equal(d[0].line, 5);
    assert.equal(d[0].severity, 'error');
    assert.equal(d[0].text, '{#Arbeid}');
    assert.match(d[0].message, /^The label "\{#Arbeid\}" on measure 1\.2 is the same as "\{#arbeid\}" on pillar 1 "Arbeid" \(capital and small letters count as the same\)/);
    assert.deepEqual(d[0].related, [{ line: 1, message: '"{#arbeid}" is first declared here, on pillar 1 "Arbeid"' }]);
    assert.equal(d[1].line, 9);
    assert.match(d[1].message, /^The label "\{#jobber\}" on measure 2\.1 is already declared on measure 1\.1; references to it go to the first one\. Rename one/);
    assert.deepEqual(d[1].related, [{ line: 3, message: '"{#jobber}" is first declared here, on measure 1.1' }]);
  });

  it('compares labels after NFC (a decomposed é is the same label)', () => {
    const d = found(lines('# 1. Kafé {#kafé}', '', '1. Åpne kafeen.', '', '# 2. Mer {#kafe\u0301}', '', '1. Mer.'), 'duplicate-label');
    assert.deepEqual(d.map((x) => x.line), [5]);
  });

  it('lets references bind to the first declaration', () => {
    const { programme } = analyse(doc);
    const ref = programme.references[0];
    assert.equal(resolveReference(programme, ref), programme.pillars[0]);
  });

  it('reports the second and the third of three, each pointing at the first', () => {
    const d = found(lines('# 1. A', '', '1. En. {#x}', '', '2. To. {#x}', '', '3. Tre. {#X}'), 'duplicate-label');
    assert.deepEqual(d.map((x) => [x.line, x.related[0].line]), [[5, 3], [7, 3]]);
  });
});

describe('duplicate-title', () => {
  it('reports two pillars whose titles differ only in case, spacing and final punctuation', () => {
    const d = found(lines('# 1. Økonomi og  arbeid', '', '1. En.', '', '# 2. ØKONOMI OG ARBEID.', '', '1. To.'), 'duplicate-title');
    assert.equal(d.length, 1);
    assert.equal(d[0].line, 5);
    assert.equal(d[0].severity, 'warning');
    assert.equal(d[0].text, 'ØKONOMI OG ARBEID.');
    assert.match(d[0].message, /^Pillar 2 "ØKONOMI OG ARBEID\." has the same title as pillar 1 "Økonomi og  arbeid"; readers of the table of contents cannot tell them apart\./);
    assert.deepEqual(d[0].related, [{ line: 1, message: 'Pillar 1 "Økonomi og  arbeid" has the same title' }]);
  });

  it('reports sibling sub-sections, but not the same sub-section title under two pillars', () => {
    const doc = lines(
      '# 1. Arbeid',
      '## 1.1 Industri',
      '1. En.',
      '## 1.2 Fiske',
      '2. To.',
      '## 1.3 industri',
      '3. Tre.',
      '# 2. Klima',
      '## 2.1 Industri',
      '1. En.',
    );
    const d = found(doc, 'duplicate-title');
    assert.deepEqual(d.map((x) => x.line), [6]);
    assert.match(d[0].message, /^Sub-section 1\.3 "industri" has the same title as sub-section 1\.1 "Industri" under the same heading;/);
    assert.deepEqual(d[0].related.map((r) => r.line), [2]);
  });

  it('treats unnumbered sections like pillars (top-level siblings), emphasis and soft hyphens left out', () => {
    const d = found(lines('# Forord', '', 'Tekst.', '', '# 1. Forord', '', '1. En.', '', '# **For\u00ADord**', '', 'Mer.'), 'duplicate-title');
    assert.deepEqual(d.map((x) => [x.line, x.related[0].line]), [[5, 1], [9, 1]]);
    assert.match(d[0].message, /^Pillar 1 "Forord" has the same title as an earlier section;/);
    assert.match(d[1].message, /^The section "\*\*For\u00ADord\*\*" has the same title as an earlier section;/);
  });

  it('does not compare a sub-section with its parent, nor empty titles', () => {
    assert.deepEqual(found(lines('# 1. Skole', '## Skole', '1. En.', '# 2.', '1. To.', '# 3.', '1. Tre.'), 'duplicate-title'), []);
  });

  it('folds titles with the shared helper', () => {
    assert.equal(titleKey('  Helse…'), 'helse');
  });
});

describe('duplicate-measure', () => {
  const doc = lines(
    '# 1. Skole',
    '',
    '1. Innføre gratis skolemat for alle elever i grunnskolen. [[2]] {#skolemat}',
    '',
    '2. Ansette flere lærere.',
    '',
    '# 2. Helse',
    '',
    '1. Innføre *gratis* skole\u00ADmat for alle',
    'elever\u00A0i grunn\u200Bskolen.',
    '',
    '2. INNFØRE GRATIS SKOLEMAT FOR ALLE ELEVER I GRUNNSKOLEN!',
  );

  it('reports measures with the same text after folding, each pointing at the first with its id', () => {
    const d = found(doc, 'duplicate-measure');
    assert.deepEqual(d.map((x) => x.line), [9, 12]);
    assert.equal(d[0].severity, 'warning');
    assert.equal(d[0].text, '1. Innføre *gratis* skole\u00ADmat for alle');
    assert.equal(
      d[0].message,
      'Measure 2.1 has the same text as measure 1.1 ("Innføre gratis skolemat for alle elever …"). Remove one of them, or keep one and refer to it with [[#skolemat]].',
    );
    assert.deepEqual(d[0].related, [{ line: 3, message: 'Measure 1.1 has the same text' }]);
    assert.deepEqual(d[1].related, [{ line: 3, message: 'Measure 1.1 has the same text' }]);
    assert.deepEqual(d[1].data, { twin: '1.1' });
  });

  it('does not also report exact duplicates as similar', () => {
    assert.deepEqual(found(doc, 'similar-measures'), []);
  });

  it('leaves labels and references out of the comparison, and suggests [[P.N]] when there is no label', () => {
    const d = found(lines('# 1. A', '', '1. Bygge flere sykehjem.', '', '2. Bygge flere sykehjem. {#sykehjem}', '', '3. Bygge flere [[1.1]] sykehjem.'), 'duplicate-measure');
    assert.deepEqual(d.map((x) => x.line), [5, 7]);
    assert.match(d[0].message, /or keep one and refer to it with \[\[1\.1\]\]\.$/);
  });

  it('does not report measures that differ in a word', () => {
    assert.deepEqual(found(lines('# 1. A', '', '1. Bygge flere sykehjem.', '', '2. Bygge flere barnehager.'), 'duplicate-measure'), []);
  });

  it('can be turned off', () => {
    assert.deepEqual(found(doc, 'duplicate-measure', { rules: { 'duplicate-measure': 'off' } }), []);
  });
});

describe('similar-measures', () => {
  const base = 'Styrke kollektivtilbudet i distriktene med flere avganger, lavere priser og bedre overganger mellom buss, båt og tog';
  // Bokmål: 12 content words (without "i", "med", "og", "mellom"), so 12 words and 11 pairs of neighbours.
  const doc = lines(
    '---',
    'lang: nb',
    '---',
    '# 1. Samferdsel',
    '',
    `1. ${base}.`,
    '',
    '2. Bygge ut ladeinfrastruktur langs hovedveiene.',
    '',
    '# 2. Distrikt',
    '',
    `1. ${base.replace('lavere', 'billigere')}.`,
    '',
    `2. ${base.replace('lavere', 'billigere')} hver dag [[1.1]].`,
  );

  it('reports a near-identical measure with the twin id and the similarity as a percentage', () => {
    const d = found(doc, 'similar-measures');
    assert.deepEqual(d.map((x) => x.line), [12, 14]);
    assert.equal(d[0].severity, 'information');
    // One word of 12 changed: 11 words and 9 pairs shared, of 23 + 23 − 20 = 26 in all.
    assert.equal(
      d[0].message,
      'Measure 2.1 is 76% similar to measure 1.1 ("Styrke kollektivtilbudet i distriktene med flere …"). If both make the same promise, keep one and refer to it with [[1.1]]; if not, make the difference clear.',
    );
    assert.deepEqual(d[0].related, [{ line: 6, message: 'Measure 1.1 is 76% similar' }]);
    assert.deepEqual(d[0].data, { twins: [{ id: '1.1', similarity: 20 / 26 }], more: 0 });
  });

  it('lists every earlier twin in related information, the most similar first', () => {
    const d = found(doc, 'similar-measures');
    // "hver dag": "hver" is a stop word, so one word ("dag") and one pair more than 2.1.
    assert.match(d[1].message, /^Measure 2\.2 is 92% similar to measure 2\.1 .*, and to 1 more measure, listed below\./);
    assert.deepEqual(d[1].related, [
      { line: 12, message: 'Measure 2.1 is 92% similar' },
      { line: 6, message: 'Measure 1.1 is 71% similar' },
    ]);
    assert.deepEqual(d[1].data, { twins: [{ id: '2.1', similarity: 23 / 25 }, { id: '1.1', similarity: 20 / 28 }], more: 0 });
  });

  it('lists at most the 10 most similar earlier twins, and says how many there are', () => {
    const variants = Array.from({ length: 13 }, (_, i) => `${i + 1}. Bygge nye sykehjem og omsorgsboliger i alle kommuner innen utgangen av perioden, variant ${'x'.repeat(i + 1)}.`);
    const d = found(lines('---', 'lang: nb', '---', '# 1. Eldre', '', ...variants), 'similar-measures');
    const last = d[d.length - 1];
    assert.match(last.message, /^Measure 1\.13 is 80% similar to measure 1\.1 .*, and to 11 more measures; the 10 most similar are listed below\./);
    assert.equal(last.related.length, 10);
    assert.equal(last.data!.more, 2);
  });

  it('follows config.similarity.threshold', () => {
    assert.deepEqual(found(doc, 'similar-measures', { similarity: { threshold: 0.8 } }).map((x) => x.line), [14]);
    assert.deepEqual(found(doc, 'similar-measures', { similarity: { threshold: 0.95 } }), []);
  });

  it('can be turned off (and then does not run)', () => {
    assert.deepEqual(found(doc, 'similar-measures', { rules: { 'similar-measures': 'off' } }), []);
  });

  it('says when only word forms, small words or punctuation differ', () => {
    const d = found(lines('---', 'lang: nb', '---', '# 1. A', '', '1. Bygge flere barnehager, og raskt.', '', '2. Bygger flere barnehagene raskt.'), 'similar-measures');
    assert.equal(d.length, 1);
    assert.equal(d[0].line, 8);
    assert.match(
      d[0].message,
      /^Measure 1\.2 has the same words as measure 1\.1 \("Bygge flere barnehager, og raskt\."\); only word forms, small words such as "and", punctuation, references or labels differ\. /,
    );
  });
});

describe('the near-duplicate index (similarity.ts)', () => {
  it('computes exact Jaccard similarity of sorted sets', () => {
    assert.equal(jaccard([1, 2, 3, 4], [2, 3, 4, 5]), 3 / 5);
    assert.equal(jaccard([], []), 0);
  });

  it('makes word-pair shingles; a text shorter than a pair is one shingle', () => {
    assert.deepEqual(shingles(['a', 'b', 'c']), ['a b', 'b c']);
    assert.deepEqual(shingles(['a']), ['a']);
  });

  it('indexes the prefix that a pair at the threshold must share: size − ⌈t·size⌉ + 1', () => {
    assert.equal(prefixSize(25, 0.7), 8);
    assert.equal(prefixSize(10, 0.7), 4);
    assert.equal(prefixSize(1, 0.7), 1);
    assert.equal(prefixSize(10, 1), 1);
    assert.equal(prefixSize(10, 0), 10);
  });

  it('finds every pair at or above the threshold, as comparing all pairs does (property)', () => {
    const vocabulary = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom(...vocabulary), { maxLength: 12 }), { maxLength: 30 }),
        fc.constantFrom(0, 0.2, 0.5, 0.7, 0.9, 1),
        fc.constantFrom(1, 2, 3),
        (texts, threshold, k) => {
          const sets = texts.map((w) => [...new Set(shingles(w, k))].sort());
          const expected: string[] = [];
          for (let j = 0; j < texts.length; j++) {
            for (let i = 0; i < j; i++) {
              const a = new Set(sets[i]);
              const both = sets[j].filter((s) => a.has(s)).length;
              const union = sets[i].length + sets[j].length - both;
              if (union > 0 && both > 0 && both / union >= threshold) expected.push(`${i}~${j}:${(both / union).toFixed(6)}`);
            }
          }
          const found = findSimilarPairs(texts, { threshold, shingleSize: k }).pairs.map((p) => `${p.first}~${p.second}:${p.similarity.toFixed(6)}`);
          assert.deepEqual(found, expected);
        },
      ),
      { seed: 7, numRuns: 400 },
    );
  });

  it('finds the same pairs from folded keys (findSimilarKeys) as from their words (findSimilarPairs)', () => {
    const vocabulary = ['skole', 'helse', 'og', 'i', 'for', 'miljø', 'straße', 'σοφία', 'ord–ord', 'f.eks', '30', '\u{1D400}x', 'ǆ', 'е'];
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom(...vocabulary), { maxLength: 10 }), { maxLength: 25 }),
        fc.constantFrom(0, 0.3, 0.7, 1),
        (texts, threshold) => {
          const keys = texts.map((words) => foldText(words.join(' ')));
          assert.deepEqual(findSimilarKeys(keys, { threshold }), findSimilarPairs(keys.map(foldedWords), { threshold }));
        },
      ),
      { seed: 5, numRuns: 300 },
    );
  });

  it('gives the same result with a word cache carried from one version of the keys to the next (the language server)', () => {
    const vocabulary = ['skole', 'helse', 'og', 'i', 'for', 'miljø', 'straße', 'σοφία', 'f.eks', '30', 'ǆ'];
    const keysOf = (texts: string[][]) => texts.map((words) => foldText(words.join(' ')));
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom(...vocabulary), { maxLength: 10 }), { maxLength: 20 }),
        fc.array(fc.record({ at: fc.nat(), words: fc.array(fc.constantFrom(...vocabulary, 'nytt', 'ord'), { maxLength: 10 }) }), { minLength: 1, maxLength: 5 }),
        fc.constantFrom(0, 0.3, 0.7, 1),
        (texts, edits, threshold) => {
          const cache = newWordCache();
          let versions = texts;
          // The first search with the cache is a full one (same counts); later ones compare only the changed keys.
          assert.deepEqual(findSimilarKeys(keysOf(versions), { threshold }, cache), findSimilarKeys(keysOf(versions), { threshold }));
          for (const edit of edits) {
            versions = versions.slice();
            if (versions.length === 0 || edit.at % 3 === 0) versions.splice(edit.at % (versions.length + 1), 0, edit.words);
            else if (edit.at % 3 === 1) versions.splice(edit.at % versions.length, 1);
            else versions[edit.at % versions.length] = edit.words;
            assert.deepEqual(findSimilarKeys(keysOf(versions), { threshold }, cache).pairs, findSimilarKeys(keysOf(versions), { threshold }).pairs);
          }
        },
      ),
      { seed: 9, numRuns: 600 },
    );
  });

  it('finds every pair at or above any threshold from 0.3 to 1, on random small vocabularies (property)', () => {
    // Brute force over all pairs, with the similarity computed as the index computes it (shared / union).
    const brute = (texts: string[][], threshold: number): string[] => pairsAtOrAbove(texts.map((w) => new Set(shingles(w))), threshold);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((size) =>
          fc.array(fc.array(fc.integer({ min: 0, max: size - 1 }).map((w) => `w${w}`), { maxLength: 16 }), { maxLength: 40 }),
        ),
        fc.oneof(fc.double({ min: 0.3, max: 1, noNaN: true }), fc.constantFrom(0.3, 1 / 3, 0.5, 0.6, 2 / 3, 0.7, 0.75, 0.8, 0.9, 1)),
        (texts, threshold) => {
          const expected = brute(texts, threshold);
          const keys = texts.map((words) => words.join(' '));
          assert.deepEqual(findSimilarKeys(keys, { threshold }).pairs.map((p) => `${p.first}~${p.second}:${p.similarity}`), expected);
          assert.deepEqual(findSimilarPairs(texts, { threshold }).pairs.map((p) => `${p.first}~${p.second}:${p.similarity}`), expected);
        },
      ),
      { seed: 11, numRuns: 1000 },
    );
  });

  it('is deterministic', () => {
    const texts = Array.from({ length: 50 }, (_, i) => `ord${i % 7} felles tekst nummer ${i % 5} og mer ${i % 3}`.split(' '));
    assert.deepEqual(findSimilarPairs(texts, { threshold: 0.5 }), findSimilarPairs(texts, { threshold: 0.5 }));
  });
});

/** mulberry32, for the generated programme. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VERBS = ['Styrke', 'Sikre', 'Innføre', 'Bygge ut', 'Utvide', 'Gi', 'Øke', 'Etablere', 'Redusere', 'Satse på', 'Legge til rette for', 'Prioritere', 'Fjerne', 'Utrede', 'Trappe opp'];
const STEMS = [
  'skole', 'helse', 'klima', 'natur', 'bolig', 'arbeids', 'nærings', 'kultur', 'idretts', 'samferdsels', 'energi', 'land', 'fiskeri', 'forsvars',
  'distrikts', 'barne', 'eldre', 'ungdoms', 'kollektiv', 'sykehus', 'lærer', 'kommune', 'fylkes', 'vann', 'avfalls', 'jord', 'skog', 'havbruks',
];
const HEADS = ['tilbudet', 'politikken', 'ordningen', 'satsingen', 'tjenestene', 'planen', 'arbeidet', 'støtten', 'reformen', 'kapasiteten', 'nettet', 'fondet', 'loven', 'tilskuddet'];
const LINKS = ['og', 'i', 'for', 'med', 'til', 'på', 'ved', 'gjennom', 'slik at', 'blant annet', 'i hele landet', 'for alle', 'i samarbeid med'];
const ADJ = ['grønne', 'lokale', 'nye', 'trygge', 'gode', 'offentlige', 'regionale', 'bedre', 'flere', 'sterkere', 'rettferdige', 'varige'];

/** One generated Norwegian-like measure text of 18–34 words. */
function generatedText(rnd: () => number): string[] {
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)];
  const words: string[] = [...pick(VERBS).split(' ')];
  const target = 18 + Math.floor(rnd() * 17);
  while (words.length < target) {
    const r = rnd();
    if (r < 0.45) words.push(pick(STEMS) + pick(HEADS));
    else if (r < 0.7) words.push(...pick(LINKS).split(' '));
    else words.push(pick(ADJ));
  }
  return words;
}

/** Wraps words into lines of about 70 characters (lazy continuation lines). */
function wrap(words: string[]): string {
  const out: string[] = [];
  let line = '';
  for (const w of words) {
    if (line !== '' && line.length + 1 + w.length > 70) {
      out.push(line);
      line = w;
    } else line = line === '' ? w : `${line} ${w}`;
  }
  out.push(line);
  return out.join('\n');
}

describe('10,000 generated measures', () => {
  it('finds exactly the planted near-duplicate pairs', function () {
    this.timeout(60000);
    const rnd = random(2027);
    const texts: string[][] = Array.from({ length: 10000 }, () => generatedText(rnd));
    // Planted near-duplicates: a later measure is an earlier one with one or two words changed.
    const planted: [number, number][] = [];
    const plant = (from: number, to: number, change: (w: string[]) => void) => {
      const copy = [...texts[from]];
      change(copy);
      texts[to] = copy;
      planted.push([from, to]);
    };
    plant(12, 7012, (w) => (w[5] = 'annerledes'));
    plant(345, 9345, (w) => (w[w.length - 1] = 'sluttord'));
    plant(2001, 2002, (w) => ((w[3] = 'byttet'), (w[4] = 'ut')));
    plant(4100, 8888, (w) => (w[1] = 'helt'));
    plant(5555, 5600, (w) => w.splice(8, 1));
    plant(6000, 9999, (w) => w.splice(10, 0, 'dessuten'));
    // Decoys: related, but below the threshold (every third content word replaced: about 0.3–0.4) — must not be reported.
    const decoys: [number, number][] = [];
    const forms = wordFormsOf('nb');
    for (const [from, to] of [[100, 3100], [700, 7700], [1500, 1501]]) {
      let content = 0;
      texts[to] = texts[from].map((w, i) => (!forms.isStopWord(w.toLowerCase()) && ++content % 3 === 0 ? `annet${i}` : w));
      decoys.push([from, to]);
    }
    // An exact duplicate, wrapped and hyphenated differently: duplicate-measure, not similar-measures.
    texts[9500] = [...texts[50]];

    const pillars: string[] = [];
    for (let p = 0; p < 100; p++) {
      const measures = texts.slice(p * 100, p * 100 + 100).map((w, i) => `${i + 1}. ${wrap(p === 95 && i === 0 ? w.map((x, j) => (j === 2 ? `${x.slice(0, 3)}\u00AD${x.slice(3)}` : x)) : w)}`);
      pillars.push(`# ${p + 1}. Kapittel ${p + 1}\n\n${measures.join('\n\n')}\n`);
    }
    const { programme, diagnostics } = analyse(`---\ntitle: Generert\nlang: nb\n---\n${pillars.join('\n')}`);
    assert.equal(programme.measures.length, 10000);

    // The planted pairs are above the threshold and the decoys below it (as the rule compares them), or the test proves nothing.
    const keys = measureKeys(programme);
    const rule = { threshold: 0, shingles: 'words and pairs' as const, forms };
    const similarity = (a: number, b: number) => findSimilarPairs([foldedWords(keys[a]), foldedWords(keys[b])], rule).pairs[0]?.similarity ?? 0;
    const t = DEFAULT_SIMILARITY_THRESHOLD;
    for (const [a, b] of planted) assert.ok(similarity(a, b) >= t, `planted ${a}/${b}: ${similarity(a, b)}`);
    for (const [a, b] of decoys) assert.ok(similarity(a, b) > 0.25 && similarity(a, b) < t, `decoy ${a}/${b}: ${similarity(a, b)}`);

    const nonEmpty = keys.filter((k) => k !== '');
    assert.deepEqual(findSimilarKeys(nonEmpty, { threshold: 0.7 }), findSimilarPairs(nonEmpty.map(foldedWords), { threshold: 0.7 }));
    // The words read with the keys give the same result (pairs, candidates and counts) as the keys.
    assertMeasureWords(programme);
    const chosen = keys.flatMap((k, i) => (k === '' ? [] : [i]));
    assert.deepEqual(findSimilarWords(rowsOf(measureWords(programme)!.runs, chosen), { threshold: 0.7 }), findSimilarKeys(nonEmpty, { threshold: 0.7 }));
    // The same with the rule's options: stems without stop words, words and pairs.
    const ruleAt = { ...rule, threshold: t };
    assert.deepEqual(findSimilarKeys(nonEmpty, ruleAt), findSimilarPairs(nonEmpty.map(foldedWords), ruleAt));
    const { runs, table } = measureWords(programme)!;
    assert.deepEqual(findSimilarWords(contentWords(rowsOf(runs, chosen), table, forms), ruleAt), findSimilarKeys(nonEmpty, ruleAt));
    // The content words of a selection of the texts, and the selection's runs, as of the rows copied by hand
    // (every other measure, then the chosen ones backwards: an order of their own).
    for (const selection of [chosen.filter((_, i) => i % 2 === 0), [...chosen].reverse()]) {
      assert.deepEqual(contentWords(runs, table, forms, selection), contentWords(rowsOf(runs, selection), table, forms));
      assert.deepEqual(selectedRuns(runs, selection), rowsOf(runs, selection));
    }

    const id = (i: number) => programme.measures[i].id;
    const similar = diagnostics.filter((d) => d.code === 'similar-measures');
    const pairs = similar.flatMap((d) => (d.data!.twins as { id: string }[]).map((t) => `${t.id}~${/^Measure (\S+)/.exec(d.message)![1]}`));
    assert.deepEqual(pairs.sort(), planted.map(([a, b]) => `${id(a)}~${id(b)}`).sort());
    const duplicates = diagnostics.filter((d) => d.code === 'duplicate-measure').map((d) => d.data!.twin);
    assert.deepEqual(duplicates, [id(50)]);
    assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), []);
  });
});
