import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyse, type Analysis } from '../server/src/rules/index';
import { documentSymbols } from '../server/src/features/outline';
import { parse } from '../server/src/syntax/index';
import { inLanguage } from '../server/src/l10n/index';
import { example, programmeLike } from './properties/arbitraries';

// The language server analyses each version of a document with the analysis of the version before
// (`analyse(text, config, previous)`): the parse reuses unchanged stretches and the rules their caches.
// Whatever is reused, the result must be the one a fresh analysis gives.
describe('analysis of an edited text with the previous analysis (the language server)', () => {
  const edit = fc.record({
    at: fc.nat(),
    remove: fc.nat({ max: 40 }),
    insert: fc.constantFrom('', 'x', ' ord', '\n', '\n\n', '1. Nytt tiltak\n', '# 6. Ny pilar\n\n', '{#ny}', '[[1.2]]', '[[#ny]]', 'Skape flere jobber', '\u00ad', 'ø'),
  });
  const apply = (text: string, e: { at: number; remove: number; insert: string }) => {
    const at = e.at % (text.length + 1);
    return text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
  };
  const sameAsFresh = (base: string, edits: { at: number; remove: number; insert: string }[], threshold: number) => {
    const config = { similarity: { threshold } };
    let text = base;
    let previous: Analysis = analyse(text, config);
    for (const e of edits) {
      text = apply(text, e);
      const incremental = analyse(text, config, previous);
      const fresh = analyse(text, config);
      assert.deepEqual(incremental.diagnostics, fresh.diagnostics);
      assert.deepEqual(documentSymbols(incremental.programme), documentSymbols(fresh.programme));
      previous = incremental;
    }
  };

  it('gives the diagnostics and outline of a fresh analysis, on the real example (chains of edits)', () => {
    // A low threshold makes the near-duplicate search find pairs, so that its cache is exercised.
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), fc.constantFrom(0.1, 0.7), (edits, t) => sameAsFresh(example, edits, t)), { numRuns: 40, seed: 21 });
  });
  it('the same on programme-like documents', () => {
    fc.assert(fc.property(programmeLike, fc.array(edit, { minLength: 1, maxLength: 4 }), fc.constantFrom(0.1, 0.7), sameAsFresh), { numRuns: 300, seed: 22 });
  });
  it('the same on a document large enough to be read in several stretches, edited at its start, middle and end', () => {
    const big = Array.from({ length: 40 }, () => example).join('\n\n');
    assert.ok(big.length > 3 * 65536);
    sameAsFresh(big, [{ at: 100, remove: 0, insert: 'x' }, { at: Math.floor(big.length / 2), remove: 3, insert: '\n\n' }, { at: big.length - 10, remove: 5, insert: '1. Nytt tiltak\n' }, { at: 0, remove: 0, insert: '# 0. Først\n\n' }], 0.7);
  });
  it('reads the stretches again after a change of language, so that their messages are in the new one', () => {
    // Several stretches, each with a heading written almost right (its fix is "Write …").
    const text = Array.from({ length: 6 }, (_, i) => `#${i + 1}. Kapittel\n\n1. Tiltak\n`).join('\n');
    const titles = (tree: ReturnType<typeof parse>) => tree.diagnostics.map((d) => d.fixes?.[0]?.title);
    const english = parse(text, { stretchSize: 16 });
    assert.equal(titles(english)[0], 'Write "# 1. Kapittel"');
    const again = parse(text, { stretchSize: 16, previous: english });
    assert.equal(again.diagnostics[0], english.diagnostics[0], 'the same language: the stretch is taken over');
    inLanguage('nb', () => {
      const norwegian = parse(text, { stretchSize: 16, previous: english });
      assert.deepEqual(norwegian.diagnostics, parse(text, { stretchSize: 16 }).diagnostics);
      assert.equal(titles(norwegian)[0], 'Skriv «# 1. Kapittel»');
    });
  });
});
