import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { analyse } from '../../server/src/rules/index';
import type { NumberingMode } from '../../server/src/model/programme';
import { leftAlone, leftAloneMessage, renumberEdits, renumberedText, type RenumberScope } from '../../server/src/features/renumber';
import { applyEdits, doc, masked, numberingDiagnostics, referencedTexts } from './edits';

type Scope = 'document' | 'pillars' | number;

/** The text after renumbering `scope` (a number: that pillar, by its index). */
function renumber(text: string, scope: Scope, mode: NumberingMode = 'per-pillar'): string {
  const p = analyse(text, { measureNumbering: mode }).programme;
  const s: RenumberScope = typeof scope === 'number' ? { kind: 'pillar', pillar: p.pillars[scope] } : { kind: scope };
  const edited = applyEdits(text, renumberEdits(p, s));
  assert.equal(renumberedText(p, s), edited, 'renumberedText agrees with the edits');
  return edited;
}

describe('renumber', () => {
  describe('measures of one pillar (per-pillar numbering)', () => {
    const text = doc(
      '# 1. Arbeid {#arbeid}',
      '',
      '1. Skape jobber.',
      '',
      '2. Styrke fagbrev.',
      '',
      '4. Bygge industri. {#industri}',
      '',
      '5) Styrke trepartssamarbeidet, se [[1.4]] og [[ 1.5 ]].',
      '',
      '# 2. Klima',
      '',
      '1. Kutte utslipp, se [[1.5]], [[#industri]], [[#arbeid]], [[1]] og [[1.9]].',
      '',
      '3. Verne natur.',
    );

    it('renumbers the pillar, keeps delimiters, and rewrites the references to moved measures', () => {
      assert.equal(
        renumber(text, 0),
        doc(
          '# 1. Arbeid {#arbeid}',
          '',
          '1. Skape jobber.',
          '',
          '2. Styrke fagbrev.',
          '',
          '3. Bygge industri. {#industri}',
          '',
          '4) Styrke trepartssamarbeidet, se [[1.3]] og [[ 1.4 ]].',
          '',
          '# 2. Klima',
          '',
          '1. Kutte utslipp, se [[1.4]], [[#industri]], [[#arbeid]], [[1]] og [[1.9]].',
          '',
          '3. Verne natur.',
        ),
      );
    });

    it('leaves the other pillars alone', () => {
      assert.equal(renumber(text, 1), text.replace('3. Verne', '2. Verne'));
    });

    it('gives minimal edits: the digits and the reference targets only', () => {
      const p = analyse(doc('# 1. A', '', '1. a', '', '3. b, se [[1.3]]'), {}).programme;
      assert.deepEqual(renumberEdits(p, { kind: 'pillar', pillar: p.pillars[0] }), [
        { range: { start: { line: 4, character: 0 }, end: { line: 4, character: 1 } }, newText: '2' },
        { range: { start: { line: 4, character: 11 }, end: { line: 4, character: 14 } }, newText: '1.2' },
      ]);
    });

    it('gives no edits for a pillar of another programme', () => {
      const p = analyse(text).programme;
      const other = analyse(text).programme;
      assert.deepEqual(renumberEdits(p, { kind: 'pillar', pillar: other.pillars[0] }), []);
    });
  });

  describe('alternatives', () => {
    it('share one place and keep their letters; a letter out of order is set to the next', () => {
      const text = doc('# 1. A', '', '1. a', '', '3A. b', '', '3B. c', '', '4. d, se [[1.3B]]', '', '6A. e', '', '6C. f', '', '7B. g');
      assert.equal(
        renumber(text, 'document'),
        doc('# 1. A', '', '1. a', '', '2A. b', '', '2B. c', '', '3. d, se [[1.2B]]', '', '4A. e', '', '4B. f', '', '5A. g'),
      );
      assert.deepEqual(numberingDiagnostics(renumber(text, 'document')), []);
    });

    it('keeps alternatives that are separated by prose (dissent lines) together', () => {
      const text = doc('# 1. A', '', '1. a', '', '9A. b', '', 'Flertallet vil:', '', '9B. c', '', '12. d');
      assert.equal(renumber(text, 0), doc('# 1. A', '', '1. a', '', '2A. b', '', 'Flertallet vil:', '', '2B. c', '', '3. d'));
    });
  });

  describe('pillars', () => {
    const text = doc(
      '# 1. A',
      '',
      '1. a, se [[3.1]], [[3]] og [[3.9]]',
      '',
      '# 3. B {#b}',
      '',
      '## 3.1 X',
      '',
      '1. b',
      '',
      '## 3.4 Y',
      '',
      '2. c',
      '',
      '### 3.4.1 Z',
      '',
      '3. d',
      '',
      '# 3) C',
      '',
      '1. e',
    );

    it('renumbers the pillars and the sub-section numbers that carry them; references follow', () => {
      assert.equal(
        renumber(text, 'pillars'),
        doc(
          '# 1. A',
          '',
          '1. a, se [[2.1]], [[2]] og [[3.9]]',
          '',
          '# 2. B {#b}',
          '',
          '## 2.1 X',
          '',
          '1. b',
          '',
          '## 2.4 Y',
          '',
          '2. c',
          '',
          '### 2.4.1 Z',
          '',
          '3. d',
          '',
          '# 3) C',
          '',
          '1. e',
        ),
      );
    });

    it('renumbers pillars, sub-sections and measures in document scope', () => {
      const after = renumber(text, 'document');
      assert.equal(after, renumber(text, 'pillars').replace('## 2.4 Y', '## 2.2 Y').replace('### 2.4.1 Z', '### 2.2.1 Z'));
      assert.deepEqual(numberingDiagnostics(after), []);
    });
  });

  describe('numbering modes', () => {
    it('per-section: restarts in every numbered sub-section, whose numbers extend their parent', () => {
      const text = doc(
        '# 1. Arbeid',
        '',
        '1. a, se [[1.1.3]], [[1.3.2]] og [[1.1]]',
        '',
        '## 1.1 Industri',
        '',
        '1. b',
        '',
        '3. c',
        '',
        '## 1.3 Handel',
        '',
        '2. d',
        '',
        '### Uten nummer',
        '',
        '3. e',
      );
      assert.deepEqual(numberingDiagnostics(text, 'per-section'), ['8: measure-numbering', '10: section-numbering', '12: measure-numbering']);
      assert.equal(
        renumber(text, 'document', 'per-section'),
        doc(
          '# 1. Arbeid',
          '',
          '1. a, se [[1.1.2]], [[1.2.1]] og [[1.1]]',
          '',
          '## 1.1 Industri',
          '',
          '1. b',
          '',
          '2. c',
          '',
          '## 1.2 Handel',
          '',
          '1. d',
          '',
          '### Uten nummer',
          '',
          '2. e',
        ),
      );
    });

    it('per-section: renumbering one pillar restarts in each of its sections, without renumbering the sections', () => {
      const text = doc('# 1. A', '', '## 1.1 X', '', '2. a', '', '## 1.3 Y', '', '5. b', '', '# 2. B', '', '## 2.1 Z', '', '3. c');
      assert.equal(renumber(text, 0, 'per-section'), text.replace('2. a', '1. a').replace('5. b', '1. b'));
    });

    it('continuous: runs through the whole document', () => {
      const text = doc('# 1. A', '', '1. a', '', '2. b', '', '# 2. B', '', '3. c', '', '5. d, se [[5]] og [[2]]', '', '# 3. C', '', '1. e');
      assert.equal(
        renumber(text, 'document', 'continuous'),
        doc('# 1. A', '', '1. a', '', '2. b', '', '# 2. B', '', '3. c', '', '4. d, se [[4]] og [[2]]', '', '# 3. C', '', '5. e'),
      );
    });

    it('continuous: renumbering one pillar goes on from the measure before it', () => {
      const text = doc('# 1. A', '', '1. a', '', '2. b', '', '# 2. B', '', '1. c', '', '2. d', '', '# 3. C', '', '3. e');
      assert.equal(renumber(text, 1, 'continuous'), text.replace('1. c', '3. c').replace('2. d', '4. d'));
    });
  });

  describe('what never changes', () => {
    it('labels, references in front matter and comments, unresolved references, and numbers already right', () => {
      const text = doc(
        '---',
        'title: "Se [[1.3]]"',
        '---',
        '# 1. A {#a}',
        '',
        '// Se [[1.3]]',
        '01. a',
        '',
        '3. b {#b}',
        '',
        'Se [[1.3]], [[#b]], [[#a]], [[1.7]] og [[x]].',
        '',
        '# 2. B (se [[1.3]])',
        '',
        '1. c',
      );
      assert.equal(
        renumber(text, 'document'),
        doc(
          '---',
          'title: "Se [[1.3]]"',
          '---',
          '# 1. A {#a}',
          '',
          '// Se [[1.3]]',
          '01. a',
          '',
          '2. b {#b}',
          '',
          'Se [[1.2]], [[#b]], [[#a]], [[1.7]] og [[x]].',
          '',
          '# 2. B (se [[1.2]])',
          '',
          '1. c',
        ),
      );
    });

    it('measures outside any pillar are left alone, and so is text outside pillars', () => {
      const text = doc('# Innledning', '', '5. Vi vil ha en fin dag.', '', '5. mai er en fin dag.', '', '# 1. A', '', '2. a');
      assert.equal(renumber(text, 'document'), text.replace('2. a', '1. a'));
    });

    it('escapes a line in a pillar that was read as text, so that the new numbers cannot make it a measure', () => {
      // `2. Styrke` goes on from the line above and does not fit between 5 and 6: it is text. Renumbered to
      // 1, 2, 3, the measures around it would make it fit; the escape keeps it what it was read as.
      const text = doc('# 1. A', '', '0. [[#a]]', '5. Styrke', '2. Styrke', '6. Styrke');
      const once = renumber(text, 'document');
      assert.equal(once, doc('# 1. A', '', '1. [[#a]]', '2. Styrke', '2\\. Styrke', '3. Styrke'));
      assert.equal(renumber(once, 'document'), once);
    });

    it('leaves a measure read in doubt as a date alone, keeping its place, and names it', () => {
      const p = analyse(doc('# 1. A', '', '1. a', '', '3. b', '', '4. c', '', '5. d')).programme;
      // A date is read as text unless the numbers force it (the reading weighs a date word against a
      // measure): the doubt is set by hand here, to test the rule itself.
      const date = p.measures.find((m) => m.numberText === '4');
      assert.ok(date !== undefined, 'the fixture has measure 4');
      date.doubt = { reason: 'date', word: 'mai' };
      assert.deepEqual(leftAlone(p, { kind: 'document' }).map(leftAloneMessage), [
        'Renumbering left "4." as it is: "mai" after the number makes it look like a date, an ordinal or a year. Escape it ("4\\.") if it is text, or correct its number by hand.',
      ]);
      assert.equal(applyEdits(p.text, renumberEdits(p, { kind: 'document' })), doc('# 1. A', '', '1. a', '', '2. b', '', '4. c', '', '4. d'));
    });

    it('a reference keeps the measure it resolved to, also when two measures shared an id', () => {
      const text = doc('# 1. A', '', '1. a', '', '2. b', '', '2. c', '', '3. d, se [[1.2]] og [[1.3]]');
      assert.equal(renumber(text, 0), doc('# 1. A', '', '1. a', '', '2. b', '', '3. c', '', '4. d, se [[1.2]] og [[1.4]]'));
    });

    it('is idempotent, and gives no edits on the bundled example', () => {
      const example = readFileSync('examples/lokalvalget-2023.programme', 'utf8');
      for (const scope of ['document', 'pillars', 0, 4] as Scope[]) assert.equal(renumber(example, scope), example);
      const messy = doc('# 2. A', '', '3. a [[2.3]]', '', '## 4.2 X', '', '3. b', '', '# 2. B', '', '7A. c', '', '7C. d');
      const once = renumber(messy, 'document');
      assert.notEqual(once, messy);
      assert.equal(renumber(once, 'document'), once);
    });
  });

  describe('sub-section numbers that change the nesting', () => {
    it('re-reads the structure until it is stable, so no numbering diagnostic remains', () => {
      // `## 1.1.1` nests at level 3 by its number: under the pillar, beside `### 1.1.2`. Once it is
      // `## 1.1`, `### 1.2` nests under it and must become `1.1.1`.
      const text = doc('# 1. A', '', '## 1.1.1 X', '', '1. a', '', '### 1.1.2 Y', '', '1. b, se [[1.1.1.1]] og [[1.1.2.1]]');
      const after = renumber(text, 'document', 'per-section');
      assert.equal(after, doc('# 1. A', '', '## 1.1 X', '', '1. a', '', '### 1.1.1 Y', '', '1. b, se [[1.1.1]] og [[1.1.1.1]]'));
      assert.deepEqual(numberingDiagnostics(after, 'per-section'), []);
    });
  });

  describe('on a messy programme', () => {
    // Quirks of real programmes, written anew: a bold pillar heading, sections restarting their
    // measures, an alternative pair with dissent lines, a `)` list, wrapped dates and a pillar gap.
    const messy = doc(
      '---',
      'title: Eksempel',
      '---',
      '# Innledning',
      '',
      'Partiet vil:',
      '1) bygge',
      '2) styrke',
      '',
      '# **1. VÅR JORD** {#jord}',
      '',
      '## **1.1 KLIMA** {#1.1-klima}',
      '',
      '1. At Norge kutter utslipp.',
      '',
      '2. At skogen vernes, jf. [[1.5]].',
      '',
      '## 1.5 PLAST',
      '',
      '1. Forby engangsplast.',
      '',
      '9A. Innføre pant.',
      'DISSENS 1 – et mindretall vil:',
      '',
      '9B. Ikke innføre pant.',
      '',
      '# 4. VELFERD',
      '',
      'Fra',
      '17. mai i fjor har partiet jobbet for',
      '',
      '3. Styrke NAV, se [[1.9B]] og [[4]].',
    );

    for (const mode of ['per-pillar', 'per-section', 'continuous'] as NumberingMode[]) {
      it(`${mode}: leaves no numbering diagnostic, changes nothing but numbers and references, and is idempotent`, () => {
        assert.notDeepEqual(numberingDiagnostics(messy, mode), []);
        const after = renumber(messy, 'document', mode);
        assert.deepEqual(numberingDiagnostics(after, mode), []);
        assert.equal(masked(after), masked(messy));
        assert.equal(renumber(after, 'document', mode), after);
      });
    }

    it('per-pillar: the exact result', () => {
      const after = renumber(messy, 'document');
      assert.match(after, /# \*\*1\. VÅR JORD\*\*/);
      assert.match(after, /## \*\*1\.1 KLIMA\*\* \{#1\.1-klima\}/);
      assert.match(after, /## 1\.2 PLAST/);
      assert.match(after, /^3\. Forby engangsplast\.$/m);
      assert.match(after, /^4A\. Innføre pant\.$/m);
      assert.match(after, /^4B\. Ikke innføre pant\.$/m);
      assert.match(after, /# 2\. VELFERD/);
      // `17. mai` goes on from "Fra" and 17 is not due: it is text, and the date stays, escaped (issue 11).
      assert.match(after, /^17\\\. mai i fjor/m);
      assert.match(after, /^1\. Styrke NAV, se \[\[1\.4B\]\] og \[\[2\]\]\.$/m);
      assert.match(after, /jf\. \[\[1\.5\]\]/, 'an unresolved reference stays');
      assert.match(after, /^1\) bygge$/m, 'measures outside pillars stay');
    });
  });

  describe('on the bundled example', () => {
    const example = readFileSync('examples/lokalvalget-2023.programme', 'utf8');

    it('after a measure is deleted, changes nothing but numbers and references, and references keep their measures', () => {
      // Delete measure 4.3 (and its blank line): 4.4–4.7 move up, and [[4.7]] in pillar 5 follows.
      const start = example.indexOf('\n3. Sørge for gode barnehager') + 1;
      const end = example.indexOf('\n\n', start) + 2;
      const deleted = example.slice(0, start) + example.slice(end);
      const before = analyse(deleted).programme;
      const edits = renumberEdits(before, { kind: 'document' });
      const after = applyEdits(deleted, edits);
      assert.equal(edits.length, 5, 'four measure numbers and one reference');
      assert.equal(masked(after), masked(deleted));
      assert.deepEqual(numberingDiagnostics(after), []);
      assert.ok(after.includes('(Se også [[4.6]].)'));
      assert.ok(!after.includes('[[4.7]]'));
      assert.deepEqual(referencedTexts(analyse(after).programme), referencedTexts(before));
    });
  });

  describe('on the real programmes in /work/shared/real-programmes (when present)', () => {
    const dir = '/work/shared/real-programmes';
    const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.programme')) : [];
    for (const file of files) {
      for (const mode of ['per-pillar', 'per-section', 'continuous'] as NumberingMode[]) {
        it(`${file} (${mode})`, () => {
          const text = readFileSync(`${dir}/${file}`, 'utf8');
          const before = analyse(text, { measureNumbering: mode }).programme;
          const after = renumber(text, 'document', mode);
          assert.deepEqual(numberingDiagnostics(after, mode), []);
          assert.equal(masked(after), masked(text));
          assert.equal(renumber(after, 'document', mode), after);
          assert.deepEqual(referencedTexts(analyse(after, { measureNumbering: mode }).programme), referencedTexts(before));
        });
      }
    }
  });
});
