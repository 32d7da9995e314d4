import assert from 'node:assert/strict';
import fc from 'fast-check';
import { anyDocument, example, mutationOf, programmeLike } from './arbitraries';
import { checkAnalysisProperties } from './analysis';
import { LineIndex } from '../../server/src/syntax/span';

// Short runs for `npm test`; `npm run fuzz -- --runs N` runs the same properties longer.
const runs = Number(process.env.FUZZ_RUNS ?? 1000);

describe('properties of the analysis', () => {
  it('never throws, and every range lies inside the document, on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => void checkAnalysisProperties(text)), { numRuns: runs, seed: 1 });
  });
  it('the same on programme-like documents (front matter, headings, measures, CR/CRLF)', () => {
    fc.assert(fc.property(programmeLike, (text) => void checkAnalysisProperties(text)), { numRuns: runs, seed: 2 });
  });
  it('the same on random mutations of the real example', () => {
    fc.assert(fc.property(mutationOf(example), (text) => void checkAnalysisProperties(text)), { numRuns: Math.ceil(runs / 2), seed: 3 });
  });
  it('the same on a mix of all of them, binary included', () => {
    fc.assert(fc.property(anyDocument, (text) => void checkAnalysisProperties(text)), { numRuns: runs, seed: 4 });
  });
});

describe('UTF-16 columns', () => {
  it('count æøå as one unit, an emoji as two and a combining mark as its own unit', () => {
    const text = 'ab\næøå x\n😀 y\ne\u0301 z';
    const lines = new LineIndex(text);
    assert.deepEqual(lines.positionAt(text.indexOf('x')), { line: 1, character: 4 });
    assert.deepEqual(lines.positionAt(text.indexOf('y')), { line: 2, character: 3 });
    assert.deepEqual(lines.positionAt(text.indexOf('z')), { line: 3, character: 3 });
    assert.equal(lines.offsetAt({ line: 2, character: 3 }), text.indexOf('y'));
  });
});
