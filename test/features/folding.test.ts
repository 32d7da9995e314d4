import assert from 'node:assert/strict';
import { foldingRanges } from '../../server/src/features/folding';
import { SAMPLE, programmeOf } from './cursor';

describe('foldingRanges', () => {
  it('folds front matter, sections, pillars, sub-sections, long measures and comment runs', () => {
    assert.deepEqual(foldingRanges(programmeOf(SAMPLE)), [
      { startLine: 0, endLine: 3 }, // front matter
      { startLine: 4, endLine: 6 }, // # Innledning, without the blank line after it
      { startLine: 8, endLine: 25 }, // # 1. Arbeid og næring, with its sub-section
      { startLine: 12, endLine: 13 }, // measure 1.1 over two lines
      { startLine: 15, endLine: 17 }, // measure 1.2 with its sub-points
      { startLine: 19, endLine: 20, kind: 'comment' },
      { startLine: 23, endLine: 25 }, // ## 1.1 Industri
      { startLine: 27, endLine: 29 }, // # 2. Klima og natur
    ]);
  });

  it('ends a sub-section at the next heading of the same or a higher level, and keeps nested ones inside', () => {
    const text = '# 1. A\n## 1.1 B\n### 1.1.1 C\n1. x\n## 1.2 D\n1. y\n\n\n# 2. E\n';
    assert.deepEqual(foldingRanges(programmeOf(text)), [
      { startLine: 0, endLine: 5 },
      { startLine: 1, endLine: 3 },
      { startLine: 2, endLine: 3 },
      { startLine: 4, endLine: 5 },
    ]);
  });

  it('leaves out one-line ranges and single comment lines, and reads CRLF line ends', () => {
    const text = '# 1. A\r\n// én\r\n1. x\r\n\r\n// to\r\n// tre\r\n# 2. B\r\n1. y\r\n';
    assert.deepEqual(foldingRanges(programmeOf(text)), [
      { startLine: 0, endLine: 5 },
      { startLine: 4, endLine: 5, kind: 'comment' },
      { startLine: 6, endLine: 7 },
    ]);
  });
});
