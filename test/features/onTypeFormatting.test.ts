import assert from 'node:assert/strict';
import { analyse } from '../../server/src/rules/index';
import { onTypeFormatting } from '../../server/src/features/onTypeFormatting';
import { withCursor } from './cursor';
import { applyEdits, doc } from './edits';

/** The text after Enter was typed where `$0` is (the fixture is the text after the keystroke). */
function afterEnter(source: string, ch = '\n'): string {
  const { text, p, position } = withCursor(source);
  return applyEdits(text, onTypeFormatting(p, position, ch));
}

/** The fixture without its cursor marker: the text when nothing is inserted. */
const unchanged = (source: string) => source.replace('$0', '');

describe('on-type formatting', () => {
  it('inserts the next number with the delimiter and a space after a measure', () => {
    assert.equal(afterEnter(doc('# 1. A', '', '1. Alfa.', '', '3. Beta.', '$0')), doc('# 1. A', '', '1. Alfa.', '', '3. Beta.', '4. '));
  });

  it('keeps the measure\'s delimiter', () => {
    assert.equal(afterEnter(doc('# 1. A', '', '9) Beta.', '$0', '')), doc('# 1. A', '', '9) Beta.', '10) ', ''));
  });

  it('gives the exact edit: an insertion at the start of the new line', () => {
    const { p, position } = withCursor(doc('# 1. A', '', '2. Beta.', '$0'));
    assert.deepEqual(onTypeFormatting(p, position, '\n'), [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, newText: '3. ' }]);
  });

  it('follows the last line of a measure that goes over several lines', () => {
    assert.equal(afterEnter(doc('# 1. A', '', '2. Beta som fortsetter', 'på neste linje.', '$0', '', '# 2. B')), doc('# 1. A', '', '2. Beta som fortsetter', 'på neste linje.', '3. ', '', '# 2. B'));
  });

  it('continues before the next measure or heading', () => {
    assert.equal(afterEnter(doc('# 1. A', '', '2. Beta.', '$0', '3. Gamma.')), doc('# 1. A', '', '2. Beta.', '3. ', '3. Gamma.'));
    assert.equal(afterEnter(doc('# 1. A', '', '2. Beta.', '$0', '// merknad', '# 2. B')), doc('# 1. A', '', '2. Beta.', '3. ', '// merknad', '# 2. B'));
  });

  it('writes the next number in the measure\'s form: a full id, and the document\'s delimiter after a near-miss', () => {
    assert.equal(afterEnter(doc('# 1. A', '', '1.3 Beta.', '$0')), doc('# 1. A', '', '1.3 Beta.', '1.4 '));
    assert.equal(afterEnter(doc('# 2. A', '', '2.3. Beta.', '$0')), doc('# 2. A', '', '2.3. Beta.', '2.4. '));
    assert.equal(afterEnter(doc('# 1. A', '', '1) Alfa.', '', '2: Beta.', '$0')), doc('# 1. A', '', '1) Alfa.', '', '2: Beta.', '3) '));
  });

  it('after an alternative, goes on with the next place', () => {
    assert.equal(afterEnter(doc('# 1. A', '', '9A. Beta.', '$0')), doc('# 1. A', '', '9A. Beta.', '10. '));
  });

  it('works with CRLF line ends', () => {
    assert.equal(afterEnter('# 1. A\r\n\r\n1. Alfa.\r\n$0'), '# 1. A\r\n\r\n1. Alfa.\r\n2. ');
  });

  describe('inserts nothing', () => {
    const cases: [string, string][] = [
      ['in the middle of a measure (the rest of its line moved down)', doc('# 1. A', '', '1. Alfa og', '$0beta.')],
      ['between a measure\'s line and its continuation', doc('# 1. A', '', '1. Alfa og', '$0', 'beta.')],
      ['between a measure\'s line and its indented continuation', doc('# 1. A', '', '1. Alfa og', '$0', '   3. trinn.')],
      ['after a sub-point', doc('# 1. A', '', '1. Alfa:', '- for ungdom', '$0')],
      ['after a comment', doc('# 1. A', '', '1. Alfa.', '// merknad', '$0')],
      ['after prose', doc('# 1. A', '', 'Partiet vil:', '$0')],
      ['after a heading', doc('# 1. A', '$0')],
      ['after a measure outside any pillar', doc('# Innledning', '', '1. Alfa.', '$0')],
      ['in front matter', doc('---', '1. tittel: x', '$0', '---', '# 1. A', '', '1. Alfa.')],
      ['on a line that is not empty', doc('# 1. A', '', '1. Alfa.', '  $0')],
      ['on the first line', doc('$0', '1. Alfa.')],
    ];
    for (const [what, source] of cases) {
      it(what, () => assert.equal(afterEnter(source), unchanged(source)));
    }

    it('for any character but Enter', () => {
      const source = doc('# 1. A', '', '1. Alfa.', '$0');
      assert.equal(afterEnter(source, '.'), unchanged(source));
    });

    it('for a position past the end of the document', () => {
      const p = analyse(doc('# 1. A', '', '1. Alfa.', '')).programme;
      assert.deepEqual(onTypeFormatting(p, { line: 9, character: 0 }, '\n'), []);
    });
  });
});
