/**
 * The programme model (server/src/model/programme.ts) on small inline documents: which pillars,
 * sub-sections and measures it finds, their ids, text, labels and references, and exact spans —
 * including CRLF and BOM offsets and UTF-16 columns (æøå, decomposed letters, emoji) via LineIndex.
 */
import assert from 'node:assert/strict';
import { analyseText } from '../server/src/model/reading';
import { labelKey, measureSummary, measureText, pillarName, referenceForm, subsectionName, type Programme } from '../server/src/model/programme';
import { LineIndex, type Span } from '../server/src/syntax/span';
import { firstWord, firstWordAt, noDateWord, residentSampleProgramme } from '../server/src/model/reading';
import { parse } from '../server/src/syntax/index';
import { isValidLabelName, type MeasureNode } from '../server/src/syntax/tree';
import { programmeMemos } from '../server/src/model/programme';
import { analyse, residentSampleDiagnostics } from '../server/src/rules/index';
import fc from 'fast-check';

/** The text a span covers. */
function at(p: Programme, span: Span): string {
  return p.text.slice(span.start, span.end);
}

describe('model: structure', () => {
  const text = [
    '# Forord', //                                     line 0
    '', //                                             line 1
    'Innledende tekst.', //                            line 2
    '', //                                             line 3
    '# 1. Arbeid og næring {#arbeid}', //              line 4
    '', //                                             line 5
    '1. Skape flere arbeidsplasser', //                line 6
    'i hele kommunen. {#jobber}', //                   line 7
    '', //                                             line 8
    '2. Innføre lærlingplassgaranti, se [[#jobber]].', // line 9
    '- for ungdom under 25', //                        line 10
    '* for voksne som tar fagbrev', //                 line 11
    '', //                                             line 12
    '## 1.1 Industri {#industri}', //                  line 13
    '', //                                             line 14
    '3. Feire', //                                     line 15
    '17\\. mai med [[2]] og [[1.2]].', //              line 16
    '', //                                             line 17
    '### Grønn industri', //                           line 18
    '', //                                             line 19
    '4. Bygge ut grønn industri.', //                  line 20
    '', //                                             line 21
    '# 2) Klima', //                                   line 22
    '', //                                             line 23
    '1) Kutte utslipp.', //                            line 24
  ].join('\n');
  const p = analyseText(text);

  it('finds the unnumbered section and the pillars, in document order', () => {
    assert.deepEqual(
      p.top.map((n) => `${n.kind}:${n.title}`),
      ['section:Forord', 'pillar:Arbeid og næring', 'pillar:Klima'],
    );
    assert.deepEqual(p.pillars.map((x) => [x.number, x.numberText, x.delimiter]), [[1, '1', '.'], [2, '2', ')']]);
    assert.deepEqual(p.pillars.map(pillarName), ['1. Arbeid og næring', '2) Klima']);
  });

  it('gives each pillar its measures, running on across sub-sections, with ids P.N', () => {
    assert.deepEqual(p.pillars.map((x) => x.measures.map((m) => m.id)), [['1.1', '1.2', '1.3', '1.4'], ['2.1']]);
    assert.deepEqual(p.measures.map((m) => m.parent?.title), ['Arbeid og næring', 'Arbeid og næring', 'Industri', 'Grønn industri', 'Klima']);
  });

  it('nests sub-sections by level', () => {
    const [industri, gronn] = p.subsections;
    assert.equal(subsectionName(industri), '1.1 Industri');
    assert.deepEqual(industri.numberParts, [1, 1]);
    assert.equal(industri.parent, p.pillars[0]);
    assert.equal(gronn.parent, industri);
    assert.equal(gronn.level, 3);
    assert.equal(subsectionName(gronn), 'Grønn industri');
    assert.equal(gronn.pillar, p.pillars[0]);
    assert.deepEqual(p.pillars[0].children.map((c) => (c.kind === 'measure' ? c.id : c.title)), ['1.1', '1.2', 'Industri']);
  });

  it('joins a measure\'s lines, keeps sub-points, drops its label and the escape\'s backslash', () => {
    assert.deepEqual(p.measures.map((m) => measureText(p, m)), [
      'Skape flere arbeidsplasser i hele kommunen.',
      'Innføre lærlingplassgaranti, se [[#jobber]].\n- for ungdom under 25\n- for voksne som tar fagbrev',
      'Feire 17. mai med [[2]] og [[1.2]].',
      'Bygge ut grønn industri.',
      'Kutte utslipp.',
    ]);
    assert.equal(measureSummary(p, p.measures[1], 3), 'Innføre lærlingplassgaranti, se …');
    assert.deepEqual(p.measures[1].node.subPoint, [false, true, true]);
  });

  it('collects labels with their owners', () => {
    assert.deepEqual(
      p.labels.map((l) => [l.name, l.owner.kind, at(p, l.span)]),
      [
        ['arbeid', 'pillar', '{#arbeid}'],
        ['jobber', 'measure', '{#jobber}'],
        ['industri', 'subsection', '{#industri}'],
      ],
    );
    assert.equal(p.measures[0].label?.name, 'jobber');
    assert.equal(p.pillars[0].label?.name, 'arbeid');
    assert.equal(p.pillars[0].title, 'Arbeid og næring');
  });

  it('collects references of the three forms, with the measure that holds them', () => {
    assert.deepEqual(
      p.references.map((r) => [r.target, r.form, r.inMeasure?.id, p.lines.positionAt(r.span.start)]),
      [
        ['#jobber', { kind: 'label', key: 'jobber', name: 'jobber' }, '1.2', { line: 9, character: 35 }],
        ['2', { kind: 'pillar', number: '2' }, '1.3', { line: 16, character: 13 }],
        ['1.2', { kind: 'measure', id: '1.2' }, '1.3', { line: 16, character: 22 }],
      ],
    );
  });

  it('gives exact spans: number, delimiter, measure, heading, title, pillar', () => {
    const m = p.measures[0];
    assert.deepEqual(p.lines.rangeOf(m.numberSpan), { start: { line: 6, character: 0 }, end: { line: 6, character: 1 } });
    assert.deepEqual(p.lines.rangeOf(m.delimiterSpan), { start: { line: 6, character: 1 }, end: { line: 6, character: 2 } });
    // A measure runs from its number to the end of its last line, without the line break.
    assert.deepEqual(p.lines.rangeOf(m.span), { start: { line: 6, character: 0 }, end: { line: 7, character: 26 } });
    assert.deepEqual(p.lines.rangeOf(p.measures[1].span), { start: { line: 9, character: 0 }, end: { line: 11, character: 28 } });
    const pillar = p.pillars[0];
    assert.equal(at(p, pillar.heading.span), '# 1. Arbeid og næring {#arbeid}');
    assert.equal(at(p, pillar.heading.titleSpan), 'Arbeid og næring');
    assert.equal(at(p, pillar.numberSpan), '1');
    assert.equal(at(p, pillar.delimiterSpan!), '.');
    // A pillar runs from its heading to the end of its last measure or paragraph.
    assert.deepEqual(p.lines.rangeOf(pillar.span), { start: { line: 4, character: 0 }, end: { line: 20, character: 27 } });
    assert.deepEqual(p.lines.rangeOf(p.sections[0].span), { start: { line: 0, character: 0 }, end: { line: 2, character: 17 } });
  });

  it('keeps paragraphs and has no outside measures', () => {
    assert.deepEqual(p.paragraphs.map((x) => at(p, x.span)), ['Innledende tekst.']);
    assert.deepEqual(p.outsideMeasures, []);
    assert.deepEqual(p.syntaxDiagnostics, []);
  });
});

describe('model: format elements', () => {
  it('reads lazy continuation at column 0 and indented, and an indented numbered line as text', () => {
    const p = analyseText('# 1. Skole\n\n1. Gjennomføre reformen\n  i tre trinn, der\n   3. trinn\nkommer sist.\n\n2. Neste.\n');
    assert.deepEqual(p.measures.map((m) => [m.id, measureText(p, m)]), [
      ['1.1', 'Gjennomføre reformen i tre trinn, der 3. trinn kommer sist.'],
      ['1.2', 'Neste.'],
    ]);
  });

  it('ends a measure at a blank line, the next measure or a heading, not at a comment', () => {
    const p = analyseText('# 1. A\n\n1. En\n// kommentar\nto\n2. Tre\n# 2. B\n\ntekst etter blank linje\n');
    assert.deepEqual(p.measures.map((m) => measureText(p, m)), ['En to', 'Tre']);
    assert.deepEqual(p.comments.map((c) => at(p, c.span)), ['// kommentar']);
    assert.equal(p.paragraphs.length, 1);
  });

  it('does not read headings, measures, references or labels inside comments', () => {
    const p = analyseText('# 1. A\n\n1. En.\n// # 2. B\n  // 2. To [[1.1]] {#x}\n');
    assert.equal(p.pillars.length, 1);
    assert.equal(p.measures.length, 1);
    assert.deepEqual(p.references, []);
    assert.deepEqual(p.labels, []);
    assert.equal(p.comments.length, 2);
  });

  it('does not read front matter as content', () => {
    const p = analyseText('---\ntitle: Program [[1.1]]\n# 1. Ikke en søyle\n---\n# 1. A\n\n1. En.\n');
    assert.deepEqual(p.frontMatter && at(p, p.frontMatter.contentSpan), 'title: Program [[1.1]]\n# 1. Ikke en søyle\n');
    assert.deepEqual(p.pillars.map((x) => x.title), ['A']);
    assert.deepEqual(p.references, []);
  });

  it('reads "1. " with nothing after as prose, and "9A." as an alternative', () => {
    const p = analyseText('# 1. A\n\n1. \n\n9A. Først.\n\n9B. Så.\n');
    assert.deepEqual(p.measures.map((m) => [m.id, m.value, m.alternative]), [['1.9A', 9, 'A'], ['1.9B', 9, 'B']]);
    assert.equal(p.paragraphs.length, 1);
  });

  it('keeps measures before the first pillar and under an unnumbered section apart', () => {
    const p = analyseText('1. Før.\n\n# Forord\n\n2. Under forordet.\n\n# 1. A\n\n1. En.\n');
    assert.deepEqual(p.outsideMeasures.map((m) => [m.id, m.parent?.title]), [['1', undefined], ['2', 'Forord']]);
    assert.deepEqual(p.pillars[0].measures.map((m) => m.id), ['1.1']);
  });

  it('reads "# 2.1 Title" as a sub-section, and nests by the number when it is deeper than the level', () => {
    const p = analyseText('# 2. A\n\n# 2.1 Tema\n\n1. En.\n\n## 2.1.1 Dypere\n\n2. To.\n');
    assert.deepEqual(p.pillars.map((x) => x.numberText), ['2']);
    const [tema, dypere] = p.subsections;
    assert.equal(tema.parent, p.pillars[0]);
    assert.equal(tema.heading.level, 1);
    assert.equal(tema.level, 2);
    assert.equal(dypere.parent, tema);
    assert.equal(dypere.level, 3);
    assert.deepEqual(p.syntaxDiagnostics.map((d) => [d.code, p.lines.positionAt(d.span.start).line]), [['near-miss', 2]]);
  });

  it('numbers measure ids per section and continuously when configured', () => {
    const text = '# 1. A\n\n## 1.1 T\n\n1. En.\n\n## 1.2 U\n\n1. To.\n';
    assert.deepEqual(analyseText(text, { measureNumbering: 'per-section' }).measures.map((m) => m.id), ['1.1.1', '1.2.1']);
    assert.deepEqual(analyseText(text, { measureNumbering: 'continuous' }).measures.map((m) => m.id), ['1', '1']);
    assert.deepEqual(analyseText(text).measures.map((m) => m.id), ['1.1', '1.1']);
  });
});

describe('model: labels and references', () => {
  it('compares labels after NFC and case folding', () => {
    assert.equal(labelKey('Arbeid'), labelKey('arbeid'));
    assert.equal(labelKey('L\u00e6replass-\u00c5pen'), labelKey('l\u00e6replass-a\u030apen'));
    assert.equal(labelKey('gr\u00f8nn'), labelKey('GR\u00d8NN'));
    assert.notEqual(labelKey('arbeid'), labelKey('arbeid-1'));
  });
  it('gives Latin-1 names (read without normalising) the key of the documented NFC and case folding', () => {
    const documented = (name: string) => name.normalize('NFC').toUpperCase().toLowerCase().normalize('NFC');
    for (let c = 0; c < 0x100; c++) {
      for (const name of [String.fromCharCode(c), `a${String.fromCharCode(c)}Z`, String.fromCharCode(c, c, 0x41)]) assert.equal(labelKey(name), documented(name), `U+${c.toString(16)}`);
    }
    assert.equal(labelKey('Stra\u00dfe'), 'strasse');
    assert.equal(labelKey('\u00b5'), '\u03bc');
  });

  it('reads the three reference forms, tolerating blanks, and rejects others', () => {
    assert.deepEqual(referenceForm('1.3', 'per-pillar'), { kind: 'measure', id: '1.3' });
    assert.deepEqual(referenceForm(' 2.9A ', 'per-pillar'), { kind: 'measure', id: '2.9A' });
    assert.deepEqual(referenceForm('02', 'per-pillar'), { kind: 'pillar', number: '2' });
    assert.deepEqual(referenceForm('#Læreplasser', 'per-pillar'), { kind: 'label', key: 'læreplasser', name: 'Læreplasser' });
    assert.deepEqual(['', '#', 'a.b', '1.x', '1..2'].map((t) => referenceForm(t, 'per-pillar').kind), ['invalid', 'invalid', 'invalid', 'invalid', 'invalid']);
    assert.deepEqual(referenceForm('12', 'continuous'), { kind: 'measure', id: '12' });
  });
});

describe('model: offsets with CRLF, a BOM, lone CR and UTF-16 columns', () => {
  it('counts CRLF as one line break and keeps CR out of spans', () => {
    const p = analyseText('# 1. A\r\n\r\n1. En\r\nto. {#x}\r\n');
    const m = p.measures[0];
    assert.equal(measureText(p, m), 'En to.');
    assert.deepEqual(p.lines.rangeOf(m.span), { start: { line: 2, character: 0 }, end: { line: 3, character: 8 } });
    assert.equal(m.span.end, 25);
    assert.equal(p.text.charCodeAt(m.span.end), 13);
    assert.deepEqual(p.lines.rangeOf(m.label!.span), { start: { line: 3, character: 4 }, end: { line: 3, character: 8 } });
    assert.equal(at(p, p.pillars[0].heading.span), '# 1. A');
  });

  it('skips a BOM: offsets count it, the structure does not see it', () => {
    const p = analyseText('\uFEFF# 1. A\n\n1. En.\n');
    assert.equal(p.pillars.length, 1);
    assert.equal(p.pillars[0].heading.span.start, 1);
    assert.deepEqual(p.lines.positionAt(p.pillars[0].numberSpan.start), { line: 0, character: 3 });
    assert.deepEqual(p.syntaxDiagnostics, []);
    const withFrontMatter = analyseText('\uFEFF---\ntitle: x\n---\n# 1. A\n\n1. En.\n');
    assert.equal(withFrontMatter.frontMatter?.span.start, 1);
    assert.equal(withFrontMatter.pillars.length, 1);
  });

  it('counts a lone CR as a line break', () => {
    const p = analyseText('# 1. A\r\r1. En\rto.\r2. Tre.');
    assert.deepEqual(p.measures.map((m) => [m.id, measureText(p, m), p.lines.positionAt(m.span.start).line]), [
      ['1.1', 'En to.', 2],
      ['1.2', 'Tre.', 4],
    ]);
    assert.equal(p.lines.lineCount, 5);
  });

  it('counts columns in UTF-16 code units: æøå one, decomposed å two, an emoji two', () => {
    // "1. Øke 😀 støtten " is 18 code units: 😀 is a surrogate pair.
    const p = analyseText('# 1. Ærlig\n\n1. Øke 😀 støtten [[1.1]] og a\u030a [[#å]].\n');
    const [first, second] = p.references;
    assert.deepEqual(p.lines.positionAt(first.span.start), { line: 2, character: 18 });
    assert.deepEqual(p.lines.rangeOf(first.span), { start: { line: 2, character: 18 }, end: { line: 2, character: 25 } });
    // " og " then "a" + U+030A (two code units) then a space.
    assert.deepEqual(p.lines.positionAt(second.span.start), { line: 2, character: 32 });
    assert.equal(second.form.kind === 'label' && second.form.key, 'å');
  });
});

describe('LineIndex', () => {
  it('maps offsets to positions and back, clamping past the end of a line', () => {
    const lines = new LineIndex('ab\r\ncd\ref\n');
    assert.deepEqual(lines.lineStarts(), [0, 4, 7, 10]);
    assert.deepEqual(lines.positionAt(5), { line: 1, character: 1 });
    assert.deepEqual(lines.positionAt(99), { line: 3, character: 0 });
    assert.equal(lines.offsetAt({ line: 0, character: 10 }), 2);
    assert.equal(lines.offsetAt({ line: 2, character: 1 }), 8);
    assert.equal(lines.lineContentEnd(0), 2);
    assert.equal(lines.lineContentEnd(1), 6);
  });

  it('starts a line after every LF, CRLF and lone CR, in any mix, at the ends too', () => {
    assert.deepEqual(new LineIndex('\r\r\n\n\r\na\rb\n\r').lineStarts(), [0, 1, 3, 4, 6, 8, 10, 11]);
    assert.deepEqual(new LineIndex('').lineStarts(), [0]);
    assert.deepEqual(new LineIndex('ab').lineStarts(), [0]);
    assert.deepEqual(new LineIndex('\n').lineStarts(), [0, 1]);
    assert.deepEqual(new LineIndex('a\r').lineStarts(), [0, 2]);
    // LF only (a loop of its own): at the start, the end, and in a row.
    assert.deepEqual(new LineIndex('\nab\n\ncd\n').lineStarts(), [0, 1, 4, 5, 8]);
    assert.deepEqual(new LineIndex('ab\ncd').lineStarts(), [0, 3]);
  });
});

describe('model: the first word after a measure number', () => {
  it('is what the regular expression finds, read code unit by code unit where the text is Latin-1', () => {
    const WORD = /["'«“(]*([\p{L}\p{M}][\p{L}\p{M}\p{N}-]{0,40}\.?)/uy;
    const regex = (text: string, at: number) => {
      WORD.lastIndex = at;
      return WORD.exec(text)?.[1];
    };
    const unit = fc.constantFrom(...'aZæØÿßµªº²¹¼×÷0-.,;: \t"\'«»“”()[]{}#*–ő\u0301ΩЖ中😀\u00a0\n'.split(''), 'e\u0301');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 60 }).map((a) => a.join('')), fc.nat(5), (text, at) => {
        assert.equal(firstWordAt(text, at), regex(text, at), JSON.stringify([text, at]));
      }),
      { numRuns: 5000, seed: 31 },
    );
    const long = 'Ø' + 'a'.repeat(39) + 'bc.';
    assert.equal(firstWordAt(long, 0), regex(long, 0));
    assert.equal(firstWordAt('«Styrke» skolen', 0), 'Styrke');
    assert.equal(firstWordAt('17. mai', 4), 'mai');
  });

  it('tells a measure that starts with no date word without making the word, as firstWord tells it (noDateWord)', () => {
    const check = (text: string) => {
      const node = parse(text).blocks.find((b): b is MeasureNode => b.kind === 'measure');
      if (node === undefined) return;
      for (const language of ['no', 'de', undefined] as const) {
        assert.equal(noDateWord(text, node, language, undefined), firstWord(text, node, language).dateWord === undefined, JSON.stringify([text, language]));
      }
    };
    const words = ['mai', 'Mai', 'MAI', 'mai.', 'Mai.', 'juledag', 'Juledag', 'Plass', 'plassen', 'klasse.', 'Lebensjahres', 'Weltkrieg', 'märz', 'März', 'Jänner', 'Okt.', 'des', 'Sept', 'svangerskapsuke', 'Skape', 'Øke', 'ÅPNE', 'Bygge', 'mais', 'ma', 'Mars-', '«mai»', '(juni)', 'Ωmega', 'åpne'];
    for (const word of words) for (const n of ['2', '17', '1814', '2024', '2101', '3A']) check(`${n}. ${word} og mer\n`);
    // With a label (read without the line above) and after an unfinished sentence.
    check('Vi feirer den\n17. mai hvert år. {#mai}\n');
    const letters = fc.constantFrom(...'aAmMjJdDpPkKlLøØåÅæÆéÉwWsSqzZ.-ä'.split(''));
    fc.assert(
      fc.property(fc.array(letters, { minLength: 1, maxLength: 18 }).map((a) => a.join('')), fc.constantFrom('1', '17', '1900', '2100'), (word, n) => check(`${n}. ${word} tekst\n`)),
      { numRuns: 3000, seed: 7 },
    );
  });
});

describe('model and rules: the resident sample (model/reading.ts, rules/index.ts)', () => {
  it('is read and checked once and kept for the process, with its measures, memos, line starts and findings', () => {
    const p = residentSampleProgramme();
    const d = residentSampleDiagnostics();
    analyse('# 1. A\n\n1. B\n');
    analyse('# 1. A\n\n1. B\n3. C\n');
    assert.equal(residentSampleProgramme(), p);
    assert.equal(residentSampleDiagnostics(), d);
    assert.ok(p.pillars.length >= 1 && p.measures.length >= 3, `${p.pillars.length} pillars, ${p.measures.length} measures`);
    assert.ok(programmeMemos(p).measures.some((m) => m !== undefined), 'the measures have memos');
    assert.ok(p.lines.lineCount > 1);
    assert.ok(d.length > 0, 'the sample has findings');
  });
});

describe('syntax: label names (syntax/tree.ts isValidLabelName)', () => {
  it('reads a Latin-1 name from its table as the pattern reads it, every code unit and random names', () => {
    const pattern = /^[\p{L}\p{M}\p{N}_.-]+$/u;
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      for (const name of [ch, `a${ch}`, `${ch}1`]) assert.equal(isValidLabelName(name), pattern.test(name), `U+${c.toString(16)} in ${JSON.stringify(name)}`);
    }
    assert.equal(isValidLabelName(''), false);
    const unit = fc.constantFrom(...'aZæØÿµªº²¹¼×÷09-_.,; #{}\u00a0\u00ad\u0301ΩЖ中'.split(''), '😀');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 12 }).map((a) => a.join('')), (name) => assert.equal(isValidLabelName(name), pattern.test(name), JSON.stringify(name))),
      { numRuns: 3000, seed: 11 },
    );
  });
});
