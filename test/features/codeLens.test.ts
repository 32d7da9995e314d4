import assert from 'node:assert/strict';
import { codeLenses } from '../../server/src/features/codeLens';
import { SAMPLE, programmeOf, range, rangeOf } from './cursor';

const URI = 'file:///p/test.programme';

describe('codeLenses', () => {
  const p = programmeOf(SAMPLE);

  it('puts "N references" on each referenced pillar, sub-section and measure, in document order', () => {
    assert.deepEqual(
      codeLenses(p, URI).map((l) => [l.range, l.command?.title]),
      [
        [range(8, 0, 8, 21), '1 reference'],
        [range(12, 0, 12, 2), '3 references'],
        [range(23, 0, 23, 15), '1 reference'],
        [range(29, 0, 29, 2), '1 reference'],
      ],
    );
  });

  it('runs programme.showReferences with the document, the lens position and the references', () => {
    const lens = codeLenses(p, URI)[1];
    assert.deepEqual(lens.command, {
      title: '3 references',
      command: 'programme.showReferences',
      arguments: [
        URI,
        { line: 12, character: 0 },
        [
          { uri: URI, range: rangeOf(SAMPLE, '[[#flere-jobber]]') },
          { uri: URI, range: rangeOf(SAMPLE, '[[1.1]]') },
          { uri: URI, range: rangeOf(SAMPLE, '[[#Flere-Jobber]]') },
        ],
      ],
    });
  });

  it('gives no lens where nothing refers', () => {
    assert.deepEqual(codeLenses(programmeOf('# 1. A\n\n1. B [[9]].\n'), URI), []);
  });
});
