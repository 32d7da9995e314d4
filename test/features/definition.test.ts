import assert from 'node:assert/strict';
import { definition } from '../../server/src/features/definition';
import { SAMPLE, positionOf, programmeOf, range, rangeOf, withCursor } from './cursor';

const URI = 'file:///p/test.programme';

describe('definition', () => {
  const p = programmeOf(SAMPLE);

  it('goes from [[P.N]] to the measure number with its delimiter', () => {
    assert.deepEqual(definition(p, URI, positionOf(SAMPLE, '[[1.1]]', 0, 3)), [{ uri: URI, range: range(12, 0, 12, 2) }]);
  });

  it('goes from [[#label]] to the label declaration it binds to, whatever its capitals', () => {
    assert.deepEqual(definition(p, URI, positionOf(SAMPLE, '[[#Flere-Jobber]]', 0, 8)), [{ uri: URI, range: rangeOf(SAMPLE, '{#flere-jobber}') }]);
    assert.deepEqual(definition(p, URI, positionOf(SAMPLE, '[[#industri]]')), [{ uri: URI, range: rangeOf(SAMPLE, '{#industri}') }]);
  });

  it('goes from [[P]] to the pillar heading, from the cursor just after "]]" too', () => {
    const { p: q, position } = withCursor('# 1. A\n\n1. Tiltak.\n\n# 2. Klima {#klima}\n\n1. Se [[2]]$0.\n');
    assert.deepEqual(definition(q, URI, position), [{ uri: URI, range: range(4, 0, 4, 10) }]);
  });

  it('goes to the first of two measures with the same id', () => {
    const { p: q, position } = withCursor('# 1. A\n\n1. Først.\n\n1. Igjen.\n\n2. Se [[1$0.1]].\n');
    assert.deepEqual(definition(q, URI, position), [{ uri: URI, range: range(2, 0, 2, 2) }]);
  });

  it('gives nothing on an unresolved reference or outside references', () => {
    assert.deepEqual(definition(p, URI, positionOf(SAMPLE, '[[9.9]]', 0, 2)), []);
    assert.deepEqual(definition(p, URI, positionOf(SAMPLE, '{#arbeid}', 0, 2)), []);
    assert.deepEqual(definition(p, URI, positionOf(SAMPLE, '3. Styrke')), []);
  });

  it('reads CRLF line ends', () => {
    const q = programmeOf('# 1. A\r\n\r\n1. Først. {#først}\r\n\r\n2. Se [[#først]].\r\n');
    assert.deepEqual(definition(q, URI, { line: 4, character: 8 }), [{ uri: URI, range: range(2, 10, 2, 18) }]);
  });

  it('ignores [[…]] in front matter and comments', () => {
    const { p: q, position } = withCursor('---\ntitle: Se [[1$0]]\n---\n# 1. A\n');
    assert.deepEqual(definition(q, URI, position), []);
    const c = withCursor('# 1. A\n\n// se [[$01]]\n');
    assert.deepEqual(definition(c.p, URI, c.position), []);
  });
});
