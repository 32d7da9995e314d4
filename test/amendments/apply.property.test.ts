/**
 * Properties of `programme amend apply` (server/src/amendments/apply.ts), with fast-check:
 * - applying no amendment (none in the file, or none of the chosen statuses) gives the programme back
 *   byte for byte, on generated programme-like documents and on mutations of the example;
 * - applying amendments whose quotes are all found on their lines changes nothing outside their
 *   ranges: the amended text is the programme with each applied edit put in (the renumbering after
 *   it changes only numbers), every edit lies in the
 *   source of the lines its amendment cites, and what is refused is refused only because it overlaps
 *   another amendment, stands twice on widened lines, or runs into a printed reference.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyse } from '../../server/src/rules/index';
import { printedDraft } from '../../server/src/amendments/lines';
import { parseAmendments } from '../../server/src/amendments/parse';
import { applyAmendments } from '../../server/src/amendments/apply';
import { draftText } from '../../server/src/amendments/locate';
import { example, mutationOf, programmeLike } from '../properties/arbitraries';

const RUNS = Number(process.env.AMENDMENT_RUNS ?? 60);

const EXAMPLE = analyse(example).programme;
const DRAFT = printedDraft(EXAMPLE);
const DT = draftText(DRAFT);

/** An amendment file with `blocks`, naming the example's draft. */
function file(blocks: string[]) {
  return parseAmendments(`---\nprogramme: x.programme\ndraft: ${DRAFT.fingerprint}\n---\n\n${blocks.join('\n\n')}\n`);
}

/** A quote of the example's draft: a run of whole words of one printed line, without digits (no measure numbers), found once on that line. */
const quoteOnLine = fc
  .tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 5 }))
  .map(([line, from, length]) => {
    const i = line % DRAFT.lines.length;
    const words = DRAFT.lines[i].text.split(' ');
    const start = from % words.length;
    const quote = words.slice(start, start + length).join(' ');
    return { i, quote };
  })
  .filter(({ i, quote }) => {
    if (quote === '' || /[0-9«»"“”„]/.test(quote)) return false;
    const inLine = DT.text.slice(DT.starts[i], DT.ends[i]);
    return inLine.indexOf(quote) >= 0 && inLine.indexOf(quote) === inLine.lastIndexOf(quote);
  });

const NEW_WORDS = ['grønne', 'og', 'alle', 'kommuner', 'flere', 'trygge', 'jobber,', 'lokalt.', 'Innbyggerne'];

const amendment = fc.record({
  at: quoteOnLine,
  change: fc.constantFrom('Erstatt', 'Stryk', 'Sett inn etter'),
  words: fc.array(fc.constantFrom(...NEW_WORDS), { minLength: 1, maxLength: 4 }).map((w) => w.join(' ')),
  widen: fc.nat(2),
});

describe('amendments: properties of apply', () => {
  it('applying no amendment gives a generated programme back, byte for byte', () => {
    fc.assert(
      fc.property(programmeLike, fc.boolean(), (text, statuses) => {
        const p = analyse(text).programme;
        const draft = printedDraft(p);
        const amendments = parseAmendments(statuses ? `---\nprogramme: x.programme\n---\nE1\nLinje 1: Stryk «${draft.lines[0]?.text.split(' ')[0] ?? 'x'}»\nStatus: forslag\n` : '---\nprogramme: x.programme\n---\n');
        const r = applyAmendments(p, draft, amendments);
        assert.equal(r.text, text);
        assert.deepEqual(r.edits, []);
      }),
      { numRuns: RUNS },
    );
  });

  it('applying no amendment gives a mutated example back, byte for byte', () => {
    fc.assert(
      fc.property(mutationOf(example), (text) => {
        const p = analyse(text).programme;
        assert.equal(applyAmendments(p, printedDraft(p), file([])).text, text);
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  });

  it('applying amendments whose quotes are all found changes nothing outside their ranges', () => {
    fc.assert(
      fc.property(fc.array(amendment, { minLength: 1, maxLength: 6 }), (specs) => {
        const blocks = specs.map((s, k) => {
          const first = DRAFT.lines[s.at.i].number;
          const last = DRAFT.lines[Math.min(DRAFT.lines.length - 1, s.at.i + s.widen)].number;
          const change = s.change === 'Erstatt' ? `Erstatt «${s.at.quote}» med «${s.words}»` : s.change === 'Stryk' ? `Stryk «${s.at.quote}»` : `Sett inn etter «${s.at.quote}»: «${s.words}»`;
          return `E${k + 1}\nLinje ${first}–${last}: ${change}\nStatus: vedtatt`;
        });
        const amendments = file(blocks);
        const r = applyAmendments(EXAMPLE, DRAFT, amendments);
        // Only overlaps are refused (a quote widened to more lines may stand there twice; one that runs into a
        // printed reference is not in the source as printed: both refused as well).
        for (const x of r.refused) assert.match(x.reason, /changes the same words as|stands [0-9]+ times on|printed from text written otherwise/, x.reason);
        // The adopted text is the example with the edits put in, and nothing else.
        let expected = '';
        let at = 0;
        for (const e of [...r.edits].sort((a, b) => a.span.start - b.span.start)) {
          assert.ok(e.span.start >= at, 'edits do not overlap');
          expected += example.slice(at, e.span.start) + e.newText;
          at = e.span.end;
        }
        expected += example.slice(at);
        assert.equal(r.amended, expected);
        // The renumbering that follows changes numbers only (deleting words of a heading may leave a
        // number alone on it: `# Valgseier i lokalvalget 2023` → `# 2023`, a pillar numbered 2023).
        if (r.renumbered === 0) assert.equal(r.text, expected);
        else assert.equal(r.text.replace(/[0-9]+/g, '0'), expected.replace(/[0-9]+/g, '0'));
        // Every edit lies in the source of its lines (a whole line deleted: to the end of its blank line).
        for (const e of r.edits) {
          const lines = DRAFT.lines.filter((l) => l.number >= e.lines.first && l.number <= e.lines.last);
          const from = Math.min(...lines.map((l) => l.source.start));
          let to = Math.max(...lines.map((l) => l.source.end));
          while (to < example.length && (example[to] === '\n' || example[to] === ' ')) to++;
          assert.ok(e.span.start >= from - 1 && e.span.end <= to, `${e.amendment.id}: ${e.span.start}–${e.span.end} outside ${from}–${to}`);
          // The words it removes are the quote's (with the spaces around them).
          if (e.amendment.change?.value !== 'insertAfter') assert.equal(example.slice(e.span.start, e.span.end).replace(/\s+/g, ' ').trim(), e.amendment.quoted!.value);
        }
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });
});
