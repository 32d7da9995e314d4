import assert from 'node:assert/strict';
import type { Location } from 'vscode-languageserver-types';
import { findReferences } from '../../server/src/features/references';
import { SAMPLE, positionOf, programmeOf, range, rangeOf, withCursor } from './cursor';

const URI = 'file:///p/test.programme';

/** The ranges of locations as `line:char-line:char`, all in {@link URI}. */
function ranges(locations: Location[]): string[] {
  for (const l of locations) assert.equal(l.uri, URI);
  return locations.map((l) => `${l.range.start.line}:${l.range.start.character}-${l.range.end.line}:${l.range.end.character}`);
}

describe('findReferences', () => {
  const p = programmeOf(SAMPLE);

  it('from a measure number: every reference by number or label, with the declaration first', () => {
    assert.deepEqual(ranges(findReferences(p, URI, positionOf(SAMPLE, '1. Skape'), true)), ['12:0-12:2', '15:40-15:57', '21:34-21:41', '21:45-21:62']);
    assert.deepEqual(ranges(findReferences(p, URI, positionOf(SAMPLE, '1. Skape', 0, 1), false)), ['15:40-15:57', '21:34-21:41', '21:45-21:62']);
  });

  it('from a reference: the references of its target', () => {
    const expected = [rangeOf(SAMPLE, '[[#flere-jobber]]'), rangeOf(SAMPLE, '[[1.1]]'), rangeOf(SAMPLE, '[[#Flere-Jobber]]')];
    assert.deepEqual(
      findReferences(p, URI, positionOf(SAMPLE, '[[1.1]]', 0, 4), false).map((l) => l.range),
      expected,
    );
    // From a label reference the declaration is the label.
    assert.deepEqual(
      findReferences(p, URI, positionOf(SAMPLE, '[[#Flere-Jobber]]', 0, 4), true).map((l) => l.range),
      [rangeOf(SAMPLE, '{#flere-jobber}'), ...expected],
    );
  });

  it('from a label declaration: the references of what it labels, with the label as declaration', () => {
    assert.deepEqual(ranges(findReferences(p, URI, positionOf(SAMPLE, '{#arbeid}', 0, 3), true)), ['8:22-8:31', '29:28-29:41']);
  });

  it('from a pillar heading and a sub-section heading', () => {
    assert.deepEqual(findReferences(p, URI, positionOf(SAMPLE, 'Arbeid og'), true), [
      { uri: URI, range: range(8, 0, 8, 21) },
      { uri: URI, range: rangeOf(SAMPLE, '[[ #arbeid ]]') },
    ]);
    assert.deepEqual(findReferences(p, URI, positionOf(SAMPLE, '## 1.1', 0, 1), false), [{ uri: URI, range: rangeOf(SAMPLE, '[[#industri]]') }]);
  });

  it('gives only the declaration of something nothing refers to', () => {
    assert.deepEqual(ranges(findReferences(p, URI, positionOf(SAMPLE, '3. Styrke'), true)), ['21:0-21:2']);
    assert.deepEqual(findReferences(p, URI, positionOf(SAMPLE, '3. Styrke'), false), []);
  });

  it('gives no references to a repeated label: they bind to the first', () => {
    const { p: q, position } = withCursor('# 1. A {#mål}\n\n1. Tiltak. {#MÅL$0}\n\n2. Se [[#mål]].\n');
    assert.deepEqual(ranges(findReferences(q, URI, position, true)), ['2:11-2:17']);
  });

  it('from an unresolved reference: the other references written with the same target', () => {
    const { p: q, position } = withCursor('# 1. A\n\n1. Se [[#ukj$0ent]] og [[#UKJENT]] og [[#annen]].\n');
    assert.deepEqual(ranges(findReferences(q, URI, position, true)), ['2:6-2:17', '2:21-2:32']);
  });

  it('gives nothing on prose', () => {
    assert.deepEqual(findReferences(p, URI, positionOf(SAMPLE, 'innledningen'), true), []);
  });
});
