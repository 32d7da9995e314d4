/**
 * Stretches of plain lines read without Chevrotain (server/src/syntax/plainLines.ts) give the tree that
 * the lexer, parser and visitor give: nodes, offsets and diagnostics, on documents made mostly of the
 * lines it reads (so that the plain reading is taken: headings, measures, text, sub-points, indents,
 * comments, references and labels) with lines beside them that it must leave to Chevrotain
 * (near-misses of every kind), read in stretches of every size.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { anyDocument, example, mutationOf } from './arbitraries';
import { parse } from '../../server/src/syntax/index';
import { inlinePatterns, isSpaceLike, readPlainLines } from '../../server/src/syntax/plainLines';
import { Label, Reference, SPACE_LIKE, classChars } from '../../server/src/syntax/tokens';
import { TreeBuilder } from '../../server/src/syntax/tree';

// Short runs for `npm test`; `npm run fuzz -- --runs N` runs the same properties longer.
const runs = Number(process.env.FUZZ_RUNS ?? 1000);

/** The tree with plain stretches read without Chevrotain must be the tree Chevrotain gives. */
function samePlain(text: string, size: number): void {
  assert.deepEqual(parse(text, { stretchSize: size, plainLines: true }), parse(text, { stretchSize: size, plainLines: false }));
}

/** Words of text, with letters that start a line of text and characters that a line may hold. */
const word = fc.constantFrom('Styrke', 'skolen', 'Økt', 'ælg', 'Élan', 'ß', '(merk)', '"sitat"', "'x'", '«byen»', 'mai', '2024', '17.', 'kr', '1.2', 'a[b', 'c{d', '}', ']', '#', '//', '\u00a0', '\u200b', '\u00ad', '\t', '😀');
const words = fc.array(word, { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));

/** A line: plain kinds most often, and the near-misses of each that must be left to Chevrotain. */
const line = fc.oneof(
  { weight: 3, arbitrary: fc.constant('') },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('# ', '## ', '###### ', '#', '####### ', '#\u00a0', '# \u200b', '#\f'), fc.option(fc.nat(12), { nil: undefined }), fc.constantFrom('. ', ') ', ' ', '.', ''), fc.option(words, { nil: '' })).map(([h, n, d, t]) => `${h}${n ?? ''}${n === undefined ? '' : d}${t}`) },
  { weight: 6, arbitrary: fc.tuple(fc.oneof(fc.nat(300), fc.constantFrom('007', '1234567890123', '123456789012345678901')), fc.constantFrom('', 'A', 'Z'), fc.constantFrom('. ', ') ', '.\t', '.  ', '.\u00a0', '.\u200b', ': ', '.', '\\. '), words).map(([n, a, d, t]) => `${n}${a}${d}${t}`) },
  { weight: 6, arbitrary: words },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('- ', '* ', ' ', '  3. ', '// ', '\u2022 ', '\f', '\ufeff', '[[1.2]] ', '{#a} ', '---'), words).map(([p, t]) => p + t) },
  { weight: 1, arbitrary: fc.tuple(words, fc.constantFrom(' [[1.2]]', ' {#arbeid}', ' [[x', ' {#', ' \r', ' ')).map(([t, s]) => t + s) },
  // Sub-points, indents, comments, references and labels, which are read too, and their near-misses.
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.constantFrom('- ', '-\u00a0', '-\u200b', '  - ', '\t* ', '\u2022 ', '\u2013 ', '·\t', '- 24 -', '-', '*x', '  ', '\t', '\u00a0', '\u2003 ', ' 3) ', '   12. ', '    4. ', '//', '  // ', '/', '#######', '#x', '{#', '[[', '[x', '{x', '', '', ''),
        fc.option(words, { nil: '' }),
        fc.constantFrom('', ' [[1.2]]', ' [[#a]] og [[3]]', ' {#arbeid}', ' {#a b}', '{#}', ' {#a} {#b}', ' [[x', ' {#', '[[a]b]]', ' [[1]]{#c}', ' [[', ' [[]]'),
      )
      .map(([p, t, s]) => p + t + s),
  },
);

/** A document of such lines, mostly with LF, sometimes CRLF; with or without a last line break. */
/** Front matter (read too) and its near-misses (a `---` line that nothing closes is text). */
const frontMatter = fc.constantFrom('', '', '---\ntitle: x\n---\n', '---\n\nlang: nb\n...\n\n', '--- \n a: [b]\n---  \n', '---\na\n', '---\r\na\r\n---\r\n', '---\nb\n--- x\n---\n# 1. A\n', '---\n---\n');
const plainish = fc
  .tuple(frontMatter, fc.array(line, { maxLength: 80 }), fc.constantFrom('\n', '\n', '\n', '\r\n'), fc.boolean())
  .map(([fm, lines, eol, last]) => fm + lines.join(eol) + (last ? eol : ''));

describe('stretches of plain lines (syntax/plainLines.ts) give the tree that Chevrotain gives', () => {
  it('on documents made mostly of plain lines, in stretches of 1–200 code units', () => {
    fc.assert(fc.property(plainish, fc.integer({ min: 1, max: 200 }), (text, size) => samePlain(text, size)), { numRuns: runs, seed: 21 });
  });
  it('on mutations of the real example and arbitrary documents', () => {
    fc.assert(fc.property(mutationOf(example), fc.integer({ min: 1, max: 3000 }), (text, size) => samePlain(text, size)), { numRuns: Math.ceil(runs / 4), seed: 22 });
    fc.assert(fc.property(anyDocument, fc.integer({ min: 1, max: 60 }), (text, size) => samePlain(text, size)), { numRuns: runs, seed: 23 });
  });
  it('matches references and labels with the patterns of the lexer', () => {
    assert.equal(inlinePatterns.reference.source, (Reference.PATTERN as RegExp).source);
    assert.equal(inlinePatterns.label.source, (Label.PATTERN as RegExp).source);
  });
  it('takes for space-like exactly the characters of the lexer\'s SPACE_LIKE but space and tab', () => {
    const expected = classChars(SPACE_LIKE).map((c) => c.charCodeAt(0)).filter((c) => c !== 0x20 && c !== 0x09).sort((a, b) => a - b);
    const found: number[] = [];
    for (let c = 0; c <= 0xffff; c++) if (isSpaceLike(c)) found.push(c);
    assert.deepEqual(found, expected);
  });
  it('reads plain lines itself, and leaves every other line to Chevrotain with nothing added', () => {
    const read = (text: string) => {
      const builder = new TreeBuilder(text);
      const done = readPlainLines(text, 0, builder);
      return { done, blocks: builder.blocks.length, diagnostics: builder.diagnostics.length };
    };
    assert.deepEqual(read('# 1. Skole\n\n1. Styrke skolen.\nmer tekst\n2. Bygge\n\nTekst her.\n'), { done: true, blocks: 4, diagnostics: 0 });
    // A near-miss of a heading is read, with its diagnostic.
    assert.deepEqual(read('#1. Skole\n'), { done: true, blocks: 1, diagnostics: 1 });
    // Sub-points, references, labels, comments, indents, blanks of spaces and lines of text that look like something else are read too.
    for (const [other, blocks] of [['- punkt\n', 2], ['1. A [[1.2]]\n', 3], ['1. A {#a}\n', 3], ['// c\n', 2], ['2024 er\n', 2], ['---\n', 2], ['1. A\n\u00a0\n', 3], ['  mer\n', 2], ['[[2]] og\n', 2]] as const) {
      assert.deepEqual(read(`# 1. A\n\n1. B\n${other}`), { done: true, blocks, diagnostics: other.includes('\u00a0') ? 1 : 0 }, JSON.stringify(other));
    }
    for (const other of [' 1. A\n', '1.Gi\n', '1. A\r\n', '1. A', '\ufeff1. A\n', '\f1. A\n', '17\\. mai\n', '1: A\n', '1. A [[1]]\r\n', '// c\r\n']) {
      assert.deepEqual(read(`# 1. A\n\n1. B\n${other}`), { done: false, blocks: 0, diagnostics: 0 }, JSON.stringify(other));
    }
    // Front matter at the document's start is read; a `---` line that nothing closes is left to Chevrotain.
    assert.deepEqual(read('---\na: 1\n\n...\n# 1. A\n'), { done: true, blocks: 1, diagnostics: 0 });
    assert.deepEqual(read('---\na: 1\n# 1. A\n'), { done: false, blocks: 0, diagnostics: 0 });
  });
});
