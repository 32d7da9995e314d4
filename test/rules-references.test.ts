import assert from 'node:assert/strict';
import { analyse } from '../server/src/rules/index';
import { referencesToLabel, resolveReference } from '../server/src/model/resolve';
import { editDistance, nearest } from '../server/src/model/nearest';
import type { Config } from '../server/src/model/config';

/** The diagnostics of `code` in `text`: 1-based line, the text they cover, message, suggestions, related lines. */
function found(text: string, code: string, config: Config = {}) {
  const { programme, diagnostics } = analyse(text, config);
  const line = (offset: number) => programme.lines.lineAt(offset) + 1;
  return diagnostics
    .filter((d) => d.code === code)
    .map((d) => ({
      line: line(d.span.start),
      severity: d.severity,
      text: text.slice(d.span.start, d.span.end),
      message: d.message,
      suggestions: (d.data?.suggestions as string[] | undefined) ?? [],
      related: (d.related ?? []).map((r) => ({ line: line(r.span.start), message: r.message })),
    }));
}

/** The one unresolved-reference diagnostic of `target` in a document made of `body` and `[[target]]`. */
function unresolved(body: string, reference: string, config: Config = {}) {
  const text = `${body}\nSe ${reference}.\n`;
  const list = found(text, 'unresolved-reference', config).filter((d) => d.text === reference);
  assert.equal(list.length, 1, `expected one unresolved-reference on ${reference}, found ${list.length}`);
  return list[0];
}

const lines = (...l: string[]) => l.join('\n') + '\n';

/** Pillar 1 (label arbeid, 8 measures, 1.2 labelled flere-jobber, sub-section 1.1 Industri) and pillar 2 (9A, 9B). */
const DOC = lines(
  '# 1. Arbeid og næring {#arbeid}', // 1
  '',
  '1. Skape arbeidsplasser.',
  '2. Flere jobber i hele landet. {#flere-jobber}', // 4
  '3. Tre.',
  '4. Fire.',
  '',
  '## 1.1 Industri {#industri}', // 8
  '',
  '5. Fem.',
  '6. Seks.',
  '7. Sju.',
  '8. Åtte.',
  '',
  '# 2. Klima og natur', // 15
  '',
  '1. En.',
  '2. To.',
  '3. Tre.',
  '4. Fire.',
  '5. Fem.',
  '6. Seks.',
  '7. Sju.',
  '8. Åtte.',
  '9A. Ni A.', // 25
  '9B. Ni B.',
  '',
  '# Etterord', // 28
);

describe('unresolved-reference', () => {
  it('resolves the three known forms, labels after NFC and case folding', () => {
    const text = DOC + 'Se [[1.3]], [[2]], [[#arbeid]], [[#ARBEID]], [[#Flere-Jobber]] og [[2.9A]].\n';
    assert.deepEqual(found(text, 'unresolved-reference'), []);
    const { programme } = analyse(text);
    assert.deepEqual(
      programme.references.map((r) => resolveReference(programme, r)?.kind),
      ['measure', 'pillar', 'pillar', 'pillar', 'measure', 'measure'],
    );
  });

  it('suggests [[#arbeid]] for [[arbeid]] (a label written without "#"), naming it in the message', () => {
    const d = unresolved(DOC, '[[arbeid]]');
    assert.equal(d.line, 30);
    assert.equal(d.severity, 'error');
    assert.match(d.message, /^The reference "\[\[arbeid\]\]" is not of a known form: a reference is a measure id \("\[\[1\.3\]\]"\), a pillar number \("\[\[2\]\]"\) or a label \("\[\[#name\]\]"\)\. Did you mean "\[\[#arbeid\]\]"\?$/);
    assert.deepEqual(d.suggestions, ['[[#arbeid]]']);
    assert.deepEqual(d.related, [{ line: 1, message: '[[#arbeid]] would name pillar 1.' }]);
  });

  it('suggests the nearest label by edit distance: [[#arbied]] → [[#arbeid]], [[#flere_jobber]] → [[#flere-jobber]]', () => {
    const a = unresolved(DOC, '[[#arbied]]');
    assert.match(a.message, /names the label "arbied", but no heading or measure has the label "\{#arbied\}"\. Did you mean "\[\[#arbeid\]\]"\?/);
    assert.deepEqual(a.suggestions, ['[[#arbeid]]']);
    const b = unresolved(DOC, '[[#flere_jobber]]');
    assert.deepEqual(b.suggestions, ['[[#flere-jobber]]']);
    assert.deepEqual(b.related, [{ line: 4, message: '[[#flere-jobber]] would name measure 1.2.' }]);
  });

  it('says what to do when no label is near', () => {
    const d = unresolved(DOC, '[[#skolemat]]');
    assert.deepEqual(d.suggestions, []);
    assert.match(d.message, /Check the spelling, or add "\{#skolemat\}" to the end of the heading or measure line it should point to\.$/);
  });

  it('gives no suggestion for a measure number past the end of its pillar ([[1.9]] when pillar 1 has 8)', () => {
    const d = unresolved(DOC, '[[1.9]]');
    assert.match(d.message, /names measure 1\.9, but pillar 1 has measures 1\.1–1\.8\. Correct the number, or give the measure a label/);
    assert.deepEqual(d.suggestions, []);
  });

  it('names the pillars that exist for [[9]] and [[9.1]]', () => {
    assert.match(unresolved(DOC, '[[9]]').message, /names pillar 9, but there is no pillar 9 \(the pillars are 1 and 2\)\.$/);
    assert.match(unresolved(DOC, '[[9.1]]').message, /names measure 9\.1, but there is no pillar 9 \(the pillars are 1 and 2\)\.$/);
  });

  it('reads ids written another way: [[1,3]], [[1. 3]], [[pkt 1.3]], [[1.3a]], [[#1.3]], [[1.03]]', () => {
    for (const ref of ['[[1,3]]', '[[1. 3]]', '[[pkt 1.3]]', '[[#1.3]]', '[[1.03]]']) {
      assert.deepEqual(unresolved(DOC, ref).suggestions, ['[[1.3]]'], ref);
    }
    assert.deepEqual(unresolved(DOC, '[[2.9a]]').suggestions, ['[[2.9A]]']);
    assert.match(unresolved(DOC, '[[1.03]]').message, /ids are written without leading zeros\. Did you mean "\[\[1\.3\]\]"\?/);
    // A number inside a word is not an id.
    assert.deepEqual(unresolved(DOC, '[[klima2]]').suggestions, []);
    assert.deepEqual(unresolved(DOC, '[[1.1.x]]').suggestions, []);
  });

  it('names the alternatives of a place: [[2.9]] → 2.9A, 2.9B; [[2.9C]]', () => {
    const d = unresolved(DOC, '[[2.9]]');
    assert.match(d.message, /names measure 2\.9, but that place is split into alternatives \(2\.9A, 2\.9B\); name one of them\. Did you mean "\[\[2\.9A\]\]"\?/);
    assert.deepEqual(d.suggestions, ['[[2.9A]]', '[[2.9B]]']);
    assert.match(unresolved(DOC, '[[2.9C]]').message, /there is no alternative C of 2\.9 \(there are 2\.9A, 2\.9B\)/);
  });

  it('points a sub-section number at its label: [[1.1]] is measure 1.1, not sub-section 1.1', () => {
    const text = DOC.replace('1. Skape arbeidsplasser.', '1. Skape arbeidsplasser.'.replace('1.', '0.'));
    // Measure 1.1 does not exist once it is renumbered 0; sub-section 1.1 has the label industri.
    const d = unresolved(text, '[[1.1]]');
    assert.match(d.message, /1\.1 is a sub-section, not a measure; a sub-section is named by its label/);
    assert.deepEqual(d.suggestions, ['[[#industri]]']);
  });

  it('finds a heading by its title: [[Arbeid og næring]] → [[#arbeid]], [[#klima-og-natur]] → [[2]]', () => {
    assert.deepEqual(unresolved(DOC, '[[Arbeid og næring]]').suggestions, ['[[#arbeid]]']);
    assert.deepEqual(unresolved(DOC, '[[#klima-og-natur]]').suggestions, ['[[2]]']);
  });

  it('reports empty references', () => {
    for (const ref of ['[[]]', '[[ ]]', '[[#]]']) {
      assert.match(unresolved(DOC, ref).message, /is empty\. Write a measure id \("\[\[1\.3\]\]"\), a pillar number \("\[\[2\]\]"\) or a label \("\[\[#name\]\]"\) between the brackets, or remove it\.$/, ref);
    }
  });

  it('offers at most three suggestions, nearest first', () => {
    const text = lines('# 1. A', '', '1. a {#omsorg-ab}', '2. b {#omsorg-a}', '3. c {#omsorg-b}', '4. d {#omsorg-c}', '5. e {#omsorg-d}');
    const d = unresolved(text, '[[#omsorg-x]]');
    assert.deepEqual(d.suggestions, ['[[#omsorg-a]]', '[[#omsorg-b]]', '[[#omsorg-c]]']);
  });

  it('binds [[P.N]] to the first of two pillars with the same number', () => {
    const text = lines('# 1. A', '', '1. a', '', '# 1. B', '', '1. b', '2. c', '', 'Se [[1.2]] og [[1.1]].');
    const d = found(text, 'unresolved-reference');
    assert.deepEqual(d.map((x) => x.text), ['[[1.2]]']);
    assert.match(d[0].message, /pillar 1 has only measure 1\.1/);
    const { programme } = analyse(text);
    const target = resolveReference(programme, programme.references[1]);
    assert.equal(target !== undefined ? programme.lines.lineAt(target.span.start) + 1 : 0, 3);
  });

  it('ignores [[…]] in comments and front matter', () => {
    const text = lines('---', 'title: "Se [[9.9]]"', '---', '# 1. A', '', '1. a', '// se [[8.8]]');
    assert.deepEqual(found(text, 'unresolved-reference'), []);
  });

  it('can be turned off or made a warning', () => {
    assert.deepEqual(found(DOC + '[[9]]\n', 'unresolved-reference', { rules: { 'unresolved-reference': 'off' } }), []);
    assert.equal(found(DOC + '[[9]]\n', 'unresolved-reference', { rules: { 'unresolved-reference': 'warning' } })[0].severity, 'warning');
  });

  it('keeps messages short for huge ids', () => {
    const digits = '7'.repeat(10_000);
    const d = unresolved(DOC, `[[1.${digits}]]`);
    assert.ok(d.message.length < 400, `${d.message.length} characters`);
  });
});

describe('unresolved-reference: what a pillar holds, as it is', () => {
  /** Pillars `# N. …` with measures numbered as given, one pillar per entry; then the reference. */
  const pillars = (...list: [number, string[]][]) =>
    lines(...list.flatMap(([n, measures]) => [`# ${n}. Søyle ${n}`, '', ...measures.map((m) => `${m}. Tiltak ${m}.`), '']));
  /** The reason part of the message of `reference` in a document of one pillar 1 with `measures`. */
  const said = (measures: string[], reference: string) => unresolved(pillars([1, measures]), reference).message;

  it('sorts by place: measures 1.5–1.8 standing before 1.1–1.4 give 1.1–1.8', () => {
    const d = unresolved(pillars([1, ['5', '6', '7', '8', '1', '2', '3', '4']]), '[[1.9]]');
    assert.equal(d.line, 13);
    assert.match(d.message, /^The reference "\[\[1\.9\]\]" names measure 1\.9, but pillar 1 has measures 1\.1–1\.8\. Correct the number/);
  });

  it('says which one is missing: 1.1–1.8; 1.3 is missing (and two single gaps)', () => {
    assert.match(said(['1', '2', '4', '5', '6', '7', '8'], '[[1.3]]'), /but pillar 1 has measures 1\.1–1\.8; 1\.3 is missing\. Correct the number/);
    assert.match(said(['1', '2', '4', '5', '7', '8'], '[[1.9]]'), /but pillar 1 has measures 1\.1–1\.8; 1\.3 and 1\.6 are missing\./);
  });

  it('lists runs when more is missing, or a run is a single measure', () => {
    assert.match(said(['1', '2', '5', '6', '7', '8'], '[[1.3]]'), /but pillar 1 has measures 1\.1–1\.2 and 1\.5–1\.8\./);
    assert.match(said(['1', '2', '3', '4', '5', '6', '7', '9'], '[[1.8]]'), /but pillar 1 has measures 1\.1–1\.7 and 1\.9\./);
    assert.match(said(['1', '3', '4', '6', '7', '8'], '[[1.9]]'), /but pillar 1 has measures 1\.1, 1\.3–1\.4 and 1\.6–1\.8\./);
  });

  it('keeps long lists short: the first runs, "…" and the last', () => {
    assert.match(said(['1', '3', '5', '7', '9', '11'], '[[1.2]]'), /but pillar 1 has measures 1\.1, 1\.3, 1\.5, …, 1\.11\./);
  });

  it('orders numbers too long to be exact by their digits, and never runs them together', () => {
    const big = '9'.repeat(20);
    const bigger = `1${'0'.repeat(20)}`;
    const d = said(['1', '2', bigger, big, '7'.repeat(5000)], '[[1.3]]');
    assert.ok(d.includes(`but pillar 1 has measures 1.1–1.2, 1.${big}, 1.${bigger} and 1.${'7'.repeat(21)}…. Correct`), d);
  });

  it('counts alternatives as one place, and names them at the ends', () => {
    assert.match(said(['1', '2', '3A', '3B'], '[[1.4]]'), /but pillar 1 has measures 1\.1–1\.3B\./);
    assert.match(said(['1', '2', '5A', '5B'], '[[1.3]]'), /but pillar 1 has measures 1\.1–1\.2 and 1\.5A\/1\.5B\./);
    assert.match(said(['1A', '1B', '2', '4', '5'], '[[1.3]]'), /but pillar 1 has measures 1\.1A–1\.5; 1\.3 is missing\./);
    assert.match(said(['1A', '1B', '2', '5'], '[[1.3]]'), /but pillar 1 has measures 1\.1A–1\.2 and 1\.5\./);
    assert.match(said(['1A', '1B'], '[[1.2]]'), /but pillar 1 has only measures 1\.1A and 1\.1B\./);
  });

  it('one or two measures', () => {
    assert.match(said(['1'], '[[1.2]]'), /but pillar 1 has only measure 1\.1\./);
    assert.match(said(['1', '2'], '[[1.3]]'), /but pillar 1 has measures 1\.1 and 1\.2\./);
    assert.match(said(['2', '3', '4'], '[[1.1]]'), /but pillar 1 has measures 1\.2–1\.4\./);
  });

  it('names the pillars: the only pillar, a run, runs', () => {
    assert.match(unresolved(pillars([1, ['1']]), '[[2]]').message, /there is no pillar 2 \(the only pillar is 1\)\.$/);
    assert.match(unresolved(pillars([1, ['1']], [2, ['1']], [3, ['1']]), '[[4]]').message, /there is no pillar 4 \(the pillars are 1–3\)\.$/);
    assert.match(unresolved(pillars([1, ['1']], [2, ['1']], [3, ['1']], [5, ['1']]), '[[4.1]]').message, /there is no pillar 4 \(the pillars are 1–3 and 5\)\.$/);
    assert.match(unresolved(pillars([1, ['1']], [2, ['1']], [4, ['1']], [5, ['1']]), '[[3]]').message, /there is no pillar 3 \(the pillars are 1–5; 3 is missing\)\.$/);
    assert.match(unresolved(lines('# Forord', '', 'Tekst.'), '[[1]]').message, /there is no pillar 1 \(this document has no pillars\)\.$/);
  });

  it('continuous: the measures of the document, the same way', () => {
    const config: Config = { measureNumbering: 'continuous' };
    const doc = (...numbers: string[]) => lines('# 1. A', '', ...numbers.map((n) => `${n}. Tiltak ${n}.`));
    assert.match(unresolved(doc('1', '2', '4', '5', '6'), '[[3]]', config).message, /there is no measure 3 \(the measures are numbered 1–6; 3 is missing\)\.$/);
    assert.match(unresolved(doc('5', '6', '1', '2'), '[[9]]', config).message, /there is no measure 9 \(the measures are numbered 1–2 and 5–6\)\.$/);
    assert.match(unresolved(doc('1'), '[[2]]', config).message, /there is no measure 2 \(the only measure is 1\)\.$/);
  });
});

describe('unresolved-reference and the numbering modes', () => {
  const sections = lines(
    '# 1. Arbeid {#arbeid}', // 1
    '',
    '## 1.1 Industri',
    '',
    '1. En.', // 5
    '2. To.',
    '3. Tre.',
    '',
    '## 1.2 Reiseliv',
    '',
    '1. En.', // 11
    '2. To.',
    '',
    '# 2. Klima {#klima}',
    '',
    '1. En.', // 16
  );

  it('per-section: [[1.1.3]] names the third measure of 1.1; [[1.1.9]] says how many 1.1 has', () => {
    const config: Config = { measureNumbering: 'per-section' };
    const text = sections + 'Se [[1.1.3]], [[1.2.1]], [[2.1]] og [[1.1.9]].\n';
    const { programme } = analyse(text, config);
    assert.deepEqual(programme.references.map((r) => resolveReference(programme, r)?.kind), ['measure', 'measure', 'measure', undefined]);
    const m = resolveReference(programme, programme.references[0]);
    assert.equal(m?.kind === 'measure' ? programme.lines.lineAt(m.span.start) + 1 : 0, 7);
    const d = found(text, 'unresolved-reference', config);
    assert.equal(d.length, 1);
    assert.match(d[0].message, /names measure 1\.1\.9, but sub-section 1\.1 has measures 1\.1\.1–1\.1\.3\./);
  });

  it('per-section: [[1.3]] when pillar 1 numbers its measures within sub-sections', () => {
    const d = unresolved(sections, '[[1.3]]', { measureNumbering: 'per-section' });
    assert.match(d.message, /the measures of pillar 1 are numbered within its sub-sections \(measureNumbering is per-section\), for example "\[\[1\.1\.1\]\]"/);
  });

  it('per-pillar: [[1.1.3]] suggests the measure numbered 3 under 1.1 and names the setting', () => {
    const d = unresolved(sections, '[[1.1.3]]');
    assert.match(d.message, /has the form of a measure within a sub-section, but this document numbers measures per pillar .*"measureNumbering": "per-section"/);
    assert.deepEqual(d.suggestions, ['[[1.3]]']);
  });

  it('continuous: [[N]] is measure N, pillars are named by label; [[1.2]] suggests the second measure of pillar 1', () => {
    const config: Config = { measureNumbering: 'continuous' };
    const text = lines('# 1. Arbeid {#arbeid}', '', '1. En.', '2. To.', '', '# 2. Klima', '', '3. Tre.', '', 'Se [[3]], [[#arbeid]] og [[1.2]].');
    const { programme } = analyse(text, config);
    assert.deepEqual(programme.references.map((r) => resolveReference(programme, r)?.kind), ['measure', 'pillar', undefined]);
    const d = found(text, 'unresolved-reference', config);
    assert.equal(d.length, 1);
    assert.match(d[0].message, /measures are numbered through the whole document \(measureNumbering is continuous\), so a reference is a measure number \("\[\[12\]\]"\) or a label/);
    assert.deepEqual(d[0].suggestions, ['[[2]]']);
    assert.match(found(text + '[[9]]\n', 'unresolved-reference', config)[1].message, /there is no measure 9 \(the measures are numbered 1–3\)/);
  });
});

describe('unused-label', () => {
  it('reports a label that nothing refers to, as a hint on the label', () => {
    const d = found(DOC, 'unused-label');
    assert.deepEqual(
      d.map((x) => [x.line, x.severity, x.text]),
      [
        [1, 'hint', '{#arbeid}'],
        [4, 'hint', '{#flere-jobber}'],
        [8, 'hint', '{#industri}'],
      ],
    );
    assert.equal(d[1].message, 'No reference names the label "{#flere-jobber}" of measure 1.2. Refer to it with "[[#flere-jobber]]", or remove the label if it is not needed.');
  });

  it('counts [[#label]] references in any case, but not references by id or in comments', () => {
    const text = DOC + 'Se [[#ARBEID]] og [[1.2]].\n// [[#industri]]\n';
    assert.deepEqual(found(text, 'unused-label').map((x) => x.text), ['{#flere-jobber}', '{#industri}']);
    const { programme } = analyse(text);
    assert.equal(referencesToLabel(programme, programme.labels[0]).length, 1);
  });

  it('leaves a second declaration of a label to duplicate-label', () => {
    const text = lines('# 1. A {#a}', '', '1. x {#a}', '', 'Se [[#b]].');
    assert.deepEqual(found(text, 'unused-label').map((x) => x.line), [1]);
  });

  it('can be turned off', () => {
    assert.deepEqual(found(DOC, 'unused-label', { rules: { 'unused-label': 'off' } }), []);
  });
});

describe('nearest names (model/nearest.ts)', () => {
  it('counts insertions, deletions, substitutions and swaps, and stops above the maximum', () => {
    assert.equal(editDistance('arbeid', 'arbeid', 2), 0);
    assert.equal(editDistance('arbied', 'arbeid', 2), 1);
    assert.equal(editDistance('arbeid', 'arbeidet', 2), 2);
    assert.equal(editDistance('klima', 'skole', 2), 3);
    assert.equal(editDistance('a', 'abcdef', 2), 3);
  });

  it('suggests within a typo allowance, best first', () => {
    assert.deepEqual(nearest('yaer', ['title', 'year', 'party']), ['year']);
    assert.deepEqual(nearest('xyz', ['title', 'year']), []);
  });
});
