import assert from 'node:assert/strict';
import type { SelectionRange } from 'vscode-languageserver-types';
import { selectionRanges } from '../../server/src/features/selectionRanges';
import type { Programme } from '../../server/src/model/programme';
import { SAMPLE, positionOf, programmeOf } from './cursor';

/** The text of each range of a chain, innermost first (checking that each strictly contains the one before). */
function chain(p: Programme, r: SelectionRange): string[] {
  const out: string[] = [];
  let prev: { start: number; end: number } | undefined;
  for (let s: SelectionRange | undefined = r; s !== undefined; s = s.parent) {
    const start = p.lines.offsetAt(s.range.start);
    const end = p.lines.offsetAt(s.range.end);
    if (prev !== undefined) assert.ok(start <= prev.start && end >= prev.end && end - start > prev.end - prev.start, `not strictly larger: ${start}-${end}`);
    prev = { start, end };
    out.push(p.text.slice(start, end));
  }
  return out;
}

/** The first line of each text, for readable expectations of long ranges. */
function firstLines(texts: string[]): string[] {
  return texts.map((t) => (t.includes('\n') ? `${t.split('\n')[0]} …(${t.split('\n').length} lines)` : t));
}

describe('selectionRanges', () => {
  const p = programmeOf(SAMPLE);

  it('in a reference: word, target, reference, line, sub-section, pillar, document', () => {
    const [r] = selectionRanges(p, [positionOf(SAMPLE, '[[2.1]]', 0, 2)]);
    assert.deepEqual(firstLines(chain(p, r)), [
      '2',
      '2.1',
      '[[2.1]]',
      '4. Bygge ut grønn industri (se [[2.1]] og [[9.9]]).',
      '## 1.1 Industri {#industri} …(3 lines)',
      '# 1. Arbeid og næring {#arbeid} …(18 lines)',
      '--- …(31 lines)',
    ]);
  });

  it('in a label: name, label, line, measure, pillar', () => {
    const [r] = selectionRanges(p, [positionOf(SAMPLE, '{#flere-jobber}', 0, 4)]);
    assert.deepEqual(firstLines(chain(p, r)), [
      'flere',
      'flere-jobber',
      '{#flere-jobber}',
      'lokalt næringsliv. {#flere-jobber}',
      '1. Skape flere arbeidsplasser i hele landet, og styrke …(2 lines)',
      '# 1. Arbeid og næring {#arbeid} …(18 lines)',
      '--- …(31 lines)',
    ]);
  });

  it('on a measure number, in a sub-point, in prose, and in front matter', () => {
    const [number, subPoint, prose, fm] = selectionRanges(p, [
      positionOf(SAMPLE, '2. Innføre'),
      positionOf(SAMPLE, 'ungdom'),
      positionOf(SAMPLE, 'mye'),
      positionOf(SAMPLE, 'Testprogram', 0, 2),
    ]);
    assert.deepEqual(firstLines(chain(p, number)).slice(0, 4), ['2', '2.', '2. Innføre lærlingplassgaranti, se også [[#flere-jobber]].', '2. Innføre lærlingplassgaranti, se også [[#flere-jobber]]. …(3 lines)']);
    assert.deepEqual(firstLines(chain(p, subPoint)).slice(0, 3), ['ungdom', '- for ungdom under 25', '2. Innføre lærlingplassgaranti, se også [[#flere-jobber]]. …(3 lines)']);
    assert.deepEqual(firstLines(chain(p, prose)), ['mye', 'Partiet vil *mye*:', '# 1. Arbeid og næring {#arbeid} …(18 lines)', '--- …(31 lines)']);
    assert.deepEqual(firstLines(chain(p, fm)), ['Testprogram', 'title: Testprogram', 'title: Testprogram …(3 lines)', '--- …(4 lines)', '--- …(31 lines)']);
  });

  it('gives the one empty range of an empty document', () => {
    const empty = programmeOf('');
    assert.deepEqual(selectionRanges(empty, [{ line: 0, character: 0 }]), [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }]);
  });

  it('answers each position in order, also on a blank line', () => {
    const result = selectionRanges(p, [{ line: 5, character: 0 }, positionOf(SAMPLE, 'Andre')]);
    assert.equal(result.length, 2);
    assert.deepEqual(firstLines(chain(p, result[0])), ['# Innledning …(3 lines)', '--- …(31 lines)']);
    assert.deepEqual(firstLines(chain(p, result[1])), ['Andre', '// Andre linje.', '# 1. Arbeid og næring {#arbeid} …(18 lines)', '--- …(31 lines)']);
  });
});
