import assert from 'node:assert/strict';
import fc from 'fast-check';
import { anyDocument, example, mutationOf, programmeLike } from './arbitraries';
import { blockMemos, parse, stretchEnds, stretchMemos } from '../../server/src/syntax/index';
import { analyse } from '../../server/src/rules/index';

// Short runs for `npm test`; `npm run fuzz -- --runs N` runs the same properties longer.
const runs = Number(process.env.FUZZ_RUNS ?? 1000);

/** The tree read whole and the tree read in stretches of `size` must be the same, diagnostics included. */
function sameInStretches(text: string, size: number): void {
  const whole = parse(text, { stretchSize: Number.MAX_SAFE_INTEGER });
  const inStretches = parse(text, { stretchSize: size });
  assert.deepEqual(inStretches, whole);
}

describe('parsing in stretches (syntax/index.ts) gives the tree of the whole text', () => {
  it('on programme-like documents (front matter, headings, measures, CR/CRLF), stretches of 1–40 code units', () => {
    fc.assert(fc.property(programmeLike, fc.integer({ min: 1, max: 40 }), (text, size) => sameInStretches(text, size)), { numRuns: runs, seed: 11 });
  });
  it('on mutations of the real example and arbitrary documents', () => {
    fc.assert(fc.property(mutationOf(example), fc.integer({ min: 1, max: 2000 }), (text, size) => sameInStretches(text, size)), { numRuns: Math.ceil(runs / 4), seed: 12 });
    fc.assert(fc.property(anyDocument, fc.integer({ min: 1, max: 60 }), (text, size) => sameInStretches(text, size)), { numRuns: runs, seed: 13 });
  });
  it('on the quirks at a stretch start: "---", a U+FEFF, blank lines of blanks, CRLF and lone CR', () => {
    const cases = [
      '---\ntitle: A\n---\n\n---\nx: 1\n---\n\n\ufeff# 1. A\n\n1. B\n',
      '\ufeff---\ntitle: A\n---\n\n1. A\n\n\ufeff1. B\n \t\n1. C\r\n\r\n2. D\r\r3. E\r \r4. F',
      '# 1. A\n\n1. A\n   \n---\ntitle: x\n---\n',
    ];
    for (const text of cases) for (let size = 1; size <= text.length; size++) sameInStretches(text, size);
  });
  it('reads a tree that is kept for no later version (once) as it reads any other, and keeps no memos for it', () => {
    fc.assert(
      fc.property(mutationOf(example), fc.integer({ min: 1, max: 3000 }), (text, size) => {
        const once = parse(text, { stretchSize: size, once: true });
        assert.deepEqual(once, parse(text, { stretchSize: size }));
        assert.equal(stretchMemos(once), undefined);
        assert.deepEqual(blockMemos(once, once.blocks, (b) => b).filter((m) => m !== undefined), []);
        const analysis = analyse(text, {}, undefined, { once: true });
        assert.deepEqual(analysis.diagnostics, analyse(text).diagnostics);
      }),
      { numRuns: Math.ceil(runs / 10), seed: 16 },
    );
  });
  it('ends stretches only after a blank line, never inside front matter', () => {
    const text = '---\na: 1\n\nb: 2\n---\n\n# 1. A\n\n1. B\nc\n\n1. D\n';
    const ends = stretchEnds(text, 1);
    assert.deepEqual(ends, [text.indexOf('# 1.'), text.indexOf('1. B'), text.indexOf('1. D'), text.length]);
  });

  it('reading an edited text with the previous tree gives the tree read afresh (edits: insert, delete, replace; chains of edits)', () => {
    const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 30 }), insert: fc.constantFrom('', 'x', '\n', '\n\n', '1. ', '# 2. B\n', '{#l}', '[[1.2]]', '\r\n', ' \n', '---\n', '\ufeff', 'ø') });
    const apply = (text: string, e: { at: number; remove: number; insert: string }) => {
      const at = e.at % (text.length + 1);
      return text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
    };
    const check = (base: string, edits: { at: number; remove: number; insert: string }[], size: number) => {
      let text = base;
      let tree = parse(text, { stretchSize: size });
      for (const e of edits) {
        text = apply(text, e);
        const incremental = parse(text, { stretchSize: size, previous: tree });
        assert.deepEqual(incremental, parse(text, { stretchSize: size }));
        tree = incremental;
      }
    };
    fc.assert(fc.property(programmeLike, fc.array(edit, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 40 }), check), { numRuns: runs, seed: 14 });
    fc.assert(fc.property(fc.constant(example), fc.array(edit, { minLength: 1, maxLength: 3 }), fc.integer({ min: 200, max: 3000 }), check), { numRuns: Math.ceil(runs / 4), seed: 15 });
  });
});

describe('the resident sample (syntax/index.ts)', () => {
  it('is read once, in every construct, and outlives the parses after it', async () => {
    const { residentSample } = await import('../../server/src/syntax/index');
    const before = residentSample();
    parse('# 1. A\n\n1. B\n');
    const after = residentSample();
    assert.equal(after.reads, before.reads + 1);
    assert.ok(after.blocks >= 12, `the sample gives ${after.blocks} blocks`);
    assert.ok(after.tokens >= 40, `the sample gives ${after.tokens} tokens`);
  });
});
