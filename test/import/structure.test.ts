import assert from 'node:assert/strict';
import { groupLines, markerOf, tocEntry } from '../../server/src/import/blocks';
import { BULLET_MARKERS } from '../../server/src/syntax/tokens';
import { structure } from '../../server/src/import/structure';
import type { Block } from '../../server/src/import/outline';
import { analyse } from '../../server/src/rules/index';
import { firstDifference, inputWords, programmeWords } from './words';

/** Laid-out text (one line per line, no page artefacts) through the grouping and the structure step. */
function laidOut(text: string) {
  const lines = text.split('\n').map((t, i) => ({ text: t, place: { line: i } }));
  const { blocks } = groupLines(lines);
  return structure(blocks, { laidOut: true });
}

/** The errors `programme check` finds in `text`, as `line code` strings. */
function errors(text: string): string[] {
  const { programme, diagnostics } = analyse(text, {});
  return diagnostics.filter((d) => d.severity === 'error').map((d) => `${programme.lines.rangeOf(d.span).start.line + 1} ${d.code}`);
}

const CHAPTERS = [
  'Program for Eksempelpartiet 2027',
  '',
  'Vi vil ha en kommune for alle, der alle kan bo',
  'og arbeide trygt.',
  '',
  '1. Arbeid og næring',
  '',
  'Arbeid til alle er jobb nummer én. Eksempelpartiet vil:',
  '',
  '1. Skape flere arbeidsplasser i hele kommunen, og styrke',
  'det lokale næringslivet.',
  ' 2. Gi lærlinger en plass i kommunen.',
  '3. Arrangere en stor folkefest på',
  '17. mai hvert år.',
  '',
  '2. Skole og oppvekst',
  '',
  'Skolen er viktig.',
  '',
  '1. Bygge nye skoler.',
  '2. Ansette flere lærere.',
].join('\n');

describe('import: the structure of laid-out text', () => {
  it('finds numbered chapters whose numbers run on while the measures restart, and the intro before them', () => {
    const r = laidOut(CHAPTERS);
    assert.deepEqual(r.pillars, [
      { title: 'Arbeid og næring', measures: 3 },
      { title: 'Skole og oppvekst', measures: 2 },
    ]);
    assert.equal(
      r.text,
      [
        '---',
        'title: Program for Eksempelpartiet 2027',
        'year: 2027',
        'lang: nb',
        '---',
        '',
        '# Program for Eksempelpartiet 2027',
        '',
        'Vi vil ha en kommune for alle, der alle kan bo og arbeide trygt.',
        '',
        '# 1. Arbeid og næring',
        '',
        'Arbeid til alle er jobb nummer én. Eksempelpartiet vil:',
        '',
        '1. Skape flere arbeidsplasser i hele kommunen, og styrke det lokale næringslivet.',
        '',
        '2. Gi lærlinger en plass i kommunen.',
        '',
        '3. Arrangere en stor folkefest på 17. mai hvert år.',
        '',
        '# 2. Skole og oppvekst',
        '',
        'Skolen er viktig.',
        '',
        '1. Bygge nye skoler.',
        '',
        '2. Ansette flere lærere.',
        '',
      ].join('\n'),
    );
    assert.deepEqual(errors(r.text), []);
    assert.equal(firstDifference(inputWords(CHAPTERS), programmeWords(r.text)), undefined);
  });

  it('numbers bullets after a lead-in as measures, keeps bullets under a measure as its sub-points, and says what it renumbered', () => {
    const text = [
      'HELSE OG OMSORG',
      '',
      'Partiet vil:',
      '• styrke fastlegeordningen',
      '• bygge flere sykehjem',
      '',
      'SKOLE',
      '',
      'Partiet vil:',
      '',
      '1. Gi gratis skolemat,',
      '– også i ferien',
      '3. Ansette flere lærere.',
    ].join('\n');
    const r = laidOut(text);
    assert.deepEqual(r.pillars, [
      { title: 'HELSE OG OMSORG', measures: 2 },
      { title: 'SKOLE', measures: 2 },
    ]);
    assert.match(r.text, /^# 1\. HELSE OG OMSORG\n\nPartiet vil:\n\n1\. styrke fastlegeordningen\n\n2\. bygge flere sykehjem\n\n# 2\. SKOLE\n/);
    assert.match(r.text, /\n1\. Gi gratis skolemat,\n- også i ferien\n\n2\. Ansette flere lærere\.\n$/);
    assert.deepEqual(
      r.notes.filter((n) => n.code === 'renumbered').map((n) => [n.before, n.after, n.place?.line]),
      [['3.', '2.', 12]],
    );
    assert.deepEqual(errors(r.text), []);
    assert.equal(firstDifference(inputWords(text), programmeWords(r.text)), undefined);
  });

  it('reads lettered demands as measures, and "Kapittel N" as chapters', () => {
    const text = ['Kapittel 1: Klima', '', 'Vi vil:', '', 'a) kutte utslipp', 'b) plante skog', '', 'Kapittel 2: Kultur', '', 'c) bygge kulturhus'].join('\n');
    const r = laidOut(text);
    assert.deepEqual(r.pillars, [
      { title: 'Klima', measures: 2 },
      { title: 'Kultur', measures: 1 },
    ]);
    assert.match(r.text, /# 1\. Klima\n\nVi vil:\n\n1\. kutte utslipp\n\n2\. plante skog\n\n# 2\. Kultur\n\n1\. bygge kulturhus\n/);
    assert.deepEqual(errors(r.text), []);
  });

  it('escapes prose that starts with a number, so that it stays text', () => {
    const text = ['1. Kultur', '', 'Vi vil feire.', '', '1. Bygge et kulturhus.', '', '2. Kultur og idrett', '', '17. mai er en fest for alle, også her.', '', '1. Støtte korpsene.'].join('\n');
    const r = laidOut(text);
    assert.match(r.text, /\n17\\\. mai er en fest for alle, også her\.\n/);
    assert.deepEqual(errors(r.text), []);
  });
});

describe('import: the structure of structured documents', () => {
  const at = (line: number) => ({ line });
  it('takes a single top heading as the title, the next level as chapters, deeper levels as sub-sections, deeper items as sub-points', () => {
    const blocks: Block[] = [
      { kind: 'heading', level: 1, text: 'Valgprogram 2027–2031', place: at(0) },
      { kind: 'paragraph', text: 'Innledning.', place: at(1) },
      { kind: 'heading', level: 2, text: '1 Arbeid', place: at(2) },
      { kind: 'item', text: 'Flere jobber.', marker: { kind: 'number', value: 1, written: '1.' }, depth: 0, place: at(3) },
      { kind: 'item', text: 'i industrien', marker: { kind: 'bullet', written: '•' }, depth: 1, place: at(4) },
      { kind: 'heading', level: 3, text: 'Landbruk', place: at(5) },
      { kind: 'item', text: 'Flere bønder.', marker: { kind: 'number', value: 2, written: '2.' }, depth: 0, place: at(6) },
      { kind: 'heading', level: 2, text: 'Skole', place: at(7) },
      { kind: 'paragraph', text: 'Partiet vil:', place: at(8) },
      { kind: 'item', text: 'bygge skoler', marker: { kind: 'bullet', written: '•' }, depth: 0, place: at(9) },
    ];
    const r = structure(blocks, {});
    assert.deepEqual(r.pillars, [
      { title: 'Arbeid', measures: 2 },
      { title: 'Skole', measures: 1 },
    ]);
    assert.equal(
      r.text.replace(/^---\n[\s\S]*?\n---\n\n/, ''),
      ['# Valgprogram 2027–2031', '', 'Innledning.', '', '# 1. Arbeid', '', '1. Flere jobber.', '- i industrien', '', '## Landbruk', '', '2. Flere bønder.', '', '# 2. Skole', '', 'Partiet vil:', '', '1. bygge skoler', ''].join('\n'),
    );
    assert.match(r.text, /^---\ntitle: Valgprogram 2027–2031\nyear: 2027\n/);
    assert.deepEqual(errors(r.text), []);
  });
  it('keeps numbered headings in a row as chapters (pillars without measures yet), not as a table of contents', () => {
    // Word's heading styles and Markdown's `#`: a table of contents is never in them (Word's is in its TOC
    // styles), so three numbered headings with nothing between them are three chapters.
    const blocks: Block[] = [
      { kind: 'heading', level: 0, text: 'Program for Fjordbygda 2027', place: at(0) },
      { kind: 'heading', level: 1, text: '1. Arbeid', place: at(1) },
      { kind: 'item', text: 'Flere jobber.', marker: { kind: 'number', value: 1, written: '1.' }, depth: 0, place: at(2) },
      { kind: 'heading', level: 1, text: '2. Skole', place: at(3) },
      { kind: 'paragraph', text: 'Skolen er viktig.', place: at(4) },
      { kind: 'item', text: 'Nye skoler.', marker: { kind: 'number', value: 1, written: '1.' }, depth: 0, place: at(5) },
      { kind: 'heading', level: 1, text: '3. Helse', place: at(6) },
      { kind: 'heading', level: 1, text: '4. Kultur', place: at(7) },
      { kind: 'heading', level: 1, text: '5. Idrett', place: at(8) },
    ];
    const r = structure(blocks, { title: 'Program for Fjordbygda 2027' });
    assert.deepEqual(r.pillars, [
      { title: 'Arbeid', measures: 1 },
      { title: 'Skole', measures: 1 },
      { title: 'Helse', measures: 0 },
      { title: 'Kultur', measures: 0 },
      { title: 'Idrett', measures: 0 },
    ]);
    assert.match(r.text, /\n# 3\. Helse\n\n# 4\. Kultur\n\n# 5\. Idrett\n$/);
    // Laid-out text is another matter: there, such lines in a row are the table of contents.
    const text = ['Program for Fjordbygda 2027', '', '1. Arbeid', '2. Skole', '3. Helse', '', '1. Arbeid', '', 'Vi vil:', '', '1. Flere jobber.', '', '2. Skole', '', 'Vi vil:', '', '1. Nye skoler.'].join('\n');
    assert.deepEqual(laidOut(text).pillars, [
      { title: 'Arbeid', measures: 1 },
      { title: 'Skole', measures: 1 },
    ]);
  });
});

describe('import: markers and table-of-contents entries (blocks.ts)', () => {
  it('reads every bullet of the format (BULLET_MARKERS) as a bullet marker, and numbers and letters as theirs', () => {
    for (const c of BULLET_MARKERS) assert.deepEqual(markerOf(`${c} styrke skolen`), { marker: { kind: 'bullet', written: c }, rest: 'styrke skolen' }, `U+${c.codePointAt(0)!.toString(16)}`);
    assert.deepEqual(markerOf('3. Bygge'), { marker: { kind: 'number', value: 3, written: '3.' }, rest: 'Bygge' });
    assert.deepEqual(markerOf('13. 1 Skole'), { marker: { kind: 'number', value: 1, written: '13.1' }, rest: 'Skole' });
    assert.deepEqual(markerOf('aa) kutte'), { marker: { kind: 'letter', value: 'aa', written: 'aa)' }, rest: 'kutte' });
    assert.equal(markerOf('2025. Et godt år'), undefined);
  });
  it('reads a table-of-contents entry from its end, without backtracking', () => {
    assert.deepEqual(tocEntry('Arbeid og næring ........ 12'), { title: 'Arbeid og næring', page: 12 });
    assert.deepEqual(tocEntry('Skole 3'), { title: 'Skole', page: 3 });
    assert.equal(tocEntry('Innføre 2025'), undefined);
    assert.equal(tocEntry('12'), undefined);
    assert.equal(tocEntry('A' + '.'.repeat(50000) + '\u0000'), undefined);
  });
});

describe('import: sub-sections, lead-in items and lazy numbers', () => {
  it('keeps numbered sub-sections (1.1, 1.2) as sub-sections with their numbers, not as measures', () => {
    const text = ['Program 2027', '', '1. Oppvekst', '', '1.1 Barnehage', '', 'Vi vil:', '', '1. Gi gratis barnehage.', '', '1.2 Skole', '', 'Vi vil:', '', '1. Bygge ny skole.', '', '2. Helse', '', 'Vi vil:', '', '1. Flere leger.'].join('\n');
    const r = laidOut(text);
    assert.deepEqual(r.pillars, [
      { title: 'Oppvekst', measures: 2 },
      { title: 'Helse', measures: 1 },
    ]);
    assert.match(r.text, /\n# 1\. Oppvekst\n\n## 1\.1 Barnehage\n\nVi vil:\n\n1\. Gi gratis barnehage\.\n\n## 1\.2 Skole\n/);
    assert.deepEqual(errors(r.text), []);
  });

  it('reads a list item that is a lead-in as prose, with its nested items as the demands; 1. 1. 1. is not a slip', () => {
    const at = (line: number) => ({ line });
    const blocks: Block[] = [
      { kind: 'heading', level: 1, text: 'Sol', place: at(0) },
      { kind: 'item', text: 'Solpartiet vil:', marker: { kind: 'bullet', written: '*' }, depth: 0, place: at(1) },
      { kind: 'item', text: 'Mer vind.', marker: { kind: 'bullet', written: '*' }, depth: 1, place: at(2) },
      { kind: 'item', text: 'Mer sol.', marker: { kind: 'bullet', written: '*' }, depth: 1, place: at(3) },
      { kind: 'heading', level: 1, text: 'Vann', place: at(4) },
      { kind: 'item', text: 'Mer vann.', marker: { kind: 'number', value: 1, written: '1.' }, depth: 0, place: at(5) },
      { kind: 'item', text: 'Rent vann.', marker: { kind: 'number', value: 1, written: '1.' }, depth: 0, place: at(6) },
    ];
    const r = structure(blocks, {});
    assert.equal(r.text, ['# 1. Sol', '', 'Solpartiet vil:', '', '1. Mer vind.', '', '2. Mer sol.', '', '# 2. Vann', '', '1. Mer vann.', '', '2. Rent vann.', ''].join('\n'));
    assert.deepEqual(r.notes.filter((n) => n.code === 'renumbered'), []);
  });
});

describe('import: measures numbered through the whole document', () => {
  it('keeps the numbers and declares measureNumbering: continuous, which the checker then reads', () => {
    const text = ['Program for Eksempelpartiet 2027', '', 'Vi vil mye.', '', '1. Arbeid', '', 'Vi vil:', '', '1. Flere jobber.', '2. Flere lærlinger.', '', '2. Skole', '', 'Vi vil:', '', '3. Nye skoler.', '4. Flere lærere.'].join('\n');
    const r = laidOut(text);
    assert.deepEqual(r.pillars, [
      { title: 'Arbeid', measures: 2 },
      { title: 'Skole', measures: 2 },
    ]);
    assert.match(r.text, /\nmeasureNumbering: continuous\n---\n/);
    assert.match(r.text, /\n# 2\. Skole\n\nVi vil:\n\n3\. Nye skoler\.\n\n4\. Flere lærere\.\n$/);
    assert.deepEqual(r.notes.filter((n) => n.code === 'renumbered' || n.code === 'review-list'), []);
    assert.deepEqual(errors(r.text), []);
    // Without the declaration, the same text breaks the per-pillar numbering: the front matter is what the checker reads.
    assert.notDeepEqual(errors(r.text.replace('measureNumbering: continuous\n', '')), []);
  });
});

describe('import: what programme export writes in Markdown (alternatives, lead-in measures, one chapter)', () => {
  const at = (line: number) => ({ line });
  const heading = (line: number, level: number, text: string): Block => ({ kind: 'heading', level, text, place: at(line) });
  const item = (line: number, written: string, text: string, depth = 0): Block => ({
    kind: 'item',
    text,
    marker: written === '-' ? { kind: 'bullet', written } : { kind: 'number', value: Number.parseInt(written, 10), written },
    depth,
    place: at(line),
  });

  it('keeps alternatives (9A., 9B.) on one place with their letters, and numbers on after them', () => {
    const r = structure([heading(0, 1, 'Program'), heading(1, 2, '1. Skole'), heading(2, 2, '2. Helse'), item(3, '1.', 'Legevakt.'), item(4, '2A.', 'Gratis SFO.'), item(5, '2B.', 'Billig SFO.'), item(6, '3.', 'Ny hall.')], {});
    assert.match(r.text, /\n# 2\. Helse\n\n1\. Legevakt\.\n\n2A\. Gratis SFO\.\n\n2B\. Billig SFO\.\n\n3\. Ny hall\.\n$/);
    assert.deepEqual(r.notes.filter((n) => n.code === 'renumbered'), []);
    assert.deepEqual(errors(r.text), []);
  });

  it('reads a numbered item that ends like a lead-in, with bullets under it, as a measure with sub-points', () => {
    const r = structure([heading(0, 1, 'Program'), heading(1, 2, '1. Arbeid'), heading(2, 2, '2. Skole'), item(3, '1.', 'Innføre lærlingplassgaranti, se også:'), item(4, '-', 'for ungdom', 1), item(5, '-', 'for voksne', 1), item(6, '2.', 'Flere lærere.')], {});
    assert.match(r.text, /\n# 2\. Skole\n\n1\. Innføre lærlingplassgaranti, se også:\n- for ungdom\n- for voksne\n\n2\. Flere lærere\.\n$/);
  });

  it('takes one numbered heading for the one chapter when the other headings of its level stand before it', () => {
    const r = structure([heading(0, 1, 'Program'), heading(1, 2, 'Forord'), { kind: 'paragraph', text: 'Om programmet.', place: at(2) }, heading(3, 2, '1. Arbeid'), heading(4, 3, 'Industri'), item(5, '1.', 'Skape jobber.')], {});
    assert.deepEqual(r.pillars, [{ title: 'Arbeid', measures: 1 }]);
    assert.match(r.text, /\n# Forord\n\nOm programmet\.\n\n# 1\. Arbeid\n\n## Industri\n\n1\. Skape jobber\.\n$/);
    // With an unnumbered heading of its level after it, the top level of headings are the chapters, as before.
    assert.deepEqual(structure([heading(0, 1, 'Program'), heading(1, 2, '1. Arbeid'), item(2, '1.', 'Skape jobber.'), heading(3, 2, 'Skole'), item(4, '1.', 'Flere lærere.')], {}).pillars, [
      { title: 'Arbeid', measures: 1 },
      { title: 'Skole', measures: 1 },
    ]);
  });
});
