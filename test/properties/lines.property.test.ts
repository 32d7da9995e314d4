/**
 * Properties of the printed draft (server/src/amendments/lines.ts): the printed lines never change a
 * word (joined as the rule says, they give back the programme's printed text, as the export prints it),
 * every line holds at most `width` code points, the numbers run on without a gap (or from 1 again at
 * each pillar), every line maps inside the document. On programme-like documents, mutations of the
 * example and generated measures full of hyphens, no-break spaces, long words and references.
 *
 * Short runs here (`npm test`); `npm run fuzz -- --runs N` scales them (FUZZ_RUNS).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { example, mutationOf, programmeLike } from './arbitraries';
import { analyse } from '../../server/src/rules/index';
import { breakLines, lineNumbersOfBlocks, printedDraft, type LineNumbering, type PrintedDraft } from '../../server/src/amendments/lines';
import { plain, publication, type PrintedBlock, type Publication } from '../../server/src/export/document';

/** Runs per property: the short default in `npm test`, scaled up by `npm run fuzz -- --runs N` (FUZZ_RUNS). */
function runs(short: number): number {
  const fuzz = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(fuzz) && fuzz > 0 ? Math.max(short, Math.round((fuzz * short) / 200)) : short;
}

/** Blanks as the printed draft reads them: runs of space, tab, CR and LF are one space (U+00A0 is not a blank). */
function collapsed(text: string): string {
  let out = '';
  let blank = false;
  for (const ch of text) {
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') blank = true;
    else {
      if (blank && out !== '') out += ' ';
      blank = false;
      out += ch;
    }
  }
  return out;
}

/**
 * What a block prints, from the export's reading alone: its heading or first line with its number, each
 * sub-point with "- ", running text after a list; each starts a new line.
 */
function printedRuns(b: PrintedBlock): string[] {
  if (b.kind === 'heading') return [collapsed(b.number !== undefined ? `${b.number} ${b.titleText}` : b.titleText)];
  const out: string[] = [];
  b.parts.forEach((part, i) => {
    const prefix = i === 0 && b.kind === 'measure' ? `${b.number} ` : '';
    if (part.kind === 'text') out.push(collapsed(prefix + plain(part.inlines)));
    else part.items.forEach((item, j) => out.push(collapsed(`${j === 0 ? prefix : ''}- ${plain(item.inlines)}`)));
  });
  if (out.length === 0) out.push(b.kind === 'measure' ? b.number : '');
  return out;
}

/** The draft's lines of each block joined back: a space after a line that broke at a space, nothing after the others; a run ends at `end`. */
function joinedRuns(d: PrintedDraft, blocks: number): string[][] {
  const out: string[][] = Array.from({ length: blocks }, () => []);
  let text = '';
  for (const l of d.lines) {
    text += l.text;
    if (l.break === 'space') text += ' ';
    else if (l.break === 'end') {
      out[l.block].push(text);
      text = '';
    }
  }
  assert.equal(text, '', 'the last line ends a run');
  return out;
}

/** Checks every property of the draft of `text` at `width` with `restart`; throws on the first that fails. */
function checkDraft(text: string, width: number, restart: LineNumbering): void {
  const p = analyse(text).programme;
  const pub: Publication = publication(p);
  const d = printedDraft(p, { width, restart });
  assert.equal(d.width, width);
  assert.equal(d.blocks.length, pub.blocks.length);
  // Nothing lost, nothing altered, in order.
  assert.deepEqual(joinedRuns(d, pub.blocks.length), pub.blocks.map(printedRuns));
  let previous = 0;
  let previousBlock = -1;
  for (const l of d.lines) {
    assert.ok([...l.text].length <= width, `line ${l.number} is longer than ${width}: ${JSON.stringify(l.text)}`);
    assert.ok(!l.text.startsWith(' ') && !l.text.endsWith(' '), `line ${l.number} starts or ends with a space: ${JSON.stringify(l.text)}`);
    assert.ok(l.block >= previousBlock, 'blocks in order');
    // Consecutive, or from 1 again at a pillar's heading.
    const b = pub.blocks[l.block];
    const restarts = restart === 'pillar' && l.block !== previousBlock && b.kind === 'heading' && b.role === 'pillar';
    assert.equal(l.number, restarts ? 1 : previous + 1, `line numbers run on (${l.text})`);
    assert.ok(l.source.start >= 0 && l.source.start <= l.source.end && l.source.end <= text.length, 'the source span lies in the document');
    previous = l.number;
    previousBlock = l.block;
  }
  const spans = lineNumbersOfBlocks(d);
  assert.equal(spans.reduce((n, s) => n + (s.last - s.first + 1), 0), d.lines.length, 'the blocks cover every line once');
  assert.match(d.fingerprint, /^[0-9a-f]{8}$/);
  assert.equal(printedDraft(p, { width, restart }).fingerprint, d.fingerprint, 'the fingerprint is stable');
}

const width = fc.integer({ min: 10, max: 100 });
const restart = fc.constantFrom<LineNumbering>('document', 'pillar');

/** Words that put the rule to the test: hyphens, no-break spaces, long words, emoji, combining marks, references. */
const word = fc.oneof(
  fc.constantFrom('og', 'for', 'alle', 'skolen', 'Arbeiderparti-ledet', 'lære-,', '-20', '2023-2027', 'ekte\u2010bindestrek', '–', '-', '1\u00a0000\u00a0000', '§\u00a012', '3,5\u202fprosent', 'kl.\u00a008.00'),
  fc.constantFrom('[[1.1]]', '[[2]]', '[[#arbeid]]', '[[9.9]]', '{#arbeid}', '😀😀', 'e\u0301e\u0301', 'arbeidsmiljølovsendringene', 'https://www.eksempel.no/en/lang/adresse/uten/mellomrom'),
  fc.string({ minLength: 1, maxLength: 30 }).filter((s) => !/[\s[\]{}#\\]/.test(s)),
);
const sentence = fc.array(word, { minLength: 1, maxLength: 25 }).map((w) => w.join(' '));
/** A generated programme: two pillars of measures (with sub-points and continuation lines) and prose. */
const generated = fc
  .tuple(fc.array(fc.tuple(sentence, fc.array(sentence, { maxLength: 2 }), fc.array(sentence, { maxLength: 2 })), { minLength: 1, maxLength: 6 }), sentence, fc.array(sentence, { maxLength: 3 }))
  .map(([measures, prose, second]) => {
    const lines = ['---', 'title: T', 'lang: nb', '---', prose, '', '# 1. Arbeid og næringsliv {#arbeid}', ''];
    measures.forEach(([text, more, subs], i) => {
      lines.push(`${i + 1}. ${text}`);
      for (const m of more) lines.push(`   ${m}`);
      for (const s of subs) lines.push(`- ${s}`);
    });
    lines.push('', '# 2. Skole', '', ...second.map((s, i) => `${i + 1}. ${s}`), '');
    return lines.join('\n');
  });

describe('properties of the printed draft', () => {
  it('breakLines: lines of at most width code points that join back to the text', () => {
    const text = fc.array(fc.oneof(fc.constant(' '), fc.constant('-'), fc.constant('\u00a0'), fc.constant('😀'), fc.string({ minLength: 1, maxLength: 12 })), { maxLength: 40 }).map((parts) => collapsed(parts.join('')));
    fc.assert(
      fc.property(text, width, (t, w) => {
        const lines = breakLines(t, w);
        let joined = '';
        for (const l of lines) {
          const s = t.slice(l.start, l.end);
          assert.ok([...s].length <= w);
          joined += s + (l.break === 'space' ? ' ' : '');
        }
        assert.equal(joined, t);
        assert.equal(lines[lines.length - 1].break, 'end');
      }),
      { numRuns: runs(500), seed: 61 },
    );
  });
  it('never changes a word, keeps every line within the width, numbers every line, on generated programmes', () => {
    fc.assert(fc.property(generated, width, restart, (text, w, r) => void checkDraft(text, w, r)), { numRuns: runs(150), seed: 62 });
  });
  it('the same on programme-like documents', () => {
    fc.assert(fc.property(programmeLike, width, restart, (text, w, r) => void checkDraft(text, w, r)), { numRuns: runs(200), seed: 63 });
  });
  it('the same on mutations of the example', () => {
    fc.assert(fc.property(mutationOf(example), width, restart, (text, w, r) => void checkDraft(text, w, r)), { numRuns: runs(25), seed: 64 });
  });
});
