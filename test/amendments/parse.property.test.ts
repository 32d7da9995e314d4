/**
 * Properties of the amendment file's reader (server/src/amendments/parse.ts), with fast-check:
 * - on any text (random strings, and random text made of the format's own pieces) it returns, never
 *   throws, reports no internal error, and keeps every span inside the text;
 * - a file written from generated amendments (any language's words, quotes and statuses) reads back
 *   as those amendments, with no diagnostic;
 * - a random mutation inside one amendment's block leaves every other amendment as it was read before
 *   (each block is read on its own).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseAmendments } from '../../server/src/amendments/parse';
import type { Amendment, AmendmentsFile } from '../../server/src/amendments/model';
import type { AmendmentStatus, ChangeKind } from '../../server/src/amendments/keywords';

const RUNS = Number(process.env.AMENDMENT_RUNS ?? 200);

/** The pieces of the format, for random text that exercises it. */
const PIECES = ['E1', 'Ä3', 'A12', '# E2', '\n', '\r\n', '\r', ' ', ':', '–', '-', '«', '»', '"', '“', '”', '„', 'Linje ', 'Zeile ', 'Line ', '12', '3', 'Erstatt ', 'med ', 'Stryk ', 'Sett inn etter ', 'Status: ', 'vedtatt', 'Begrunnelse: ', 'Forslagsstiller: ', '---', '//', 'ord', 'æøå', '😀', '\u00a0', '\u0000', 'Kapittel 2, '];

function sane(file: AmendmentsFile): void {
  for (const d of file.diagnostics) {
    assert.notEqual(d.code, 'internal-error', d.message);
    assert.ok(d.span.start >= 0 && d.span.start <= d.span.end && d.span.end <= file.text.length, `span ${d.span.start}–${d.span.end} of ${file.text.length}`);
  }
  for (const a of file.amendments) {
    for (const s of [a.span, a.idSpan, a.proposer?.span, a.range?.span, a.change?.span, a.quoted?.span, a.replacement?.span, a.reason?.span]) {
      if (s === undefined) continue;
      assert.ok(s.start >= 0 && s.start <= s.end && s.end <= file.text.length, `span ${s.start}–${s.end} of ${file.text.length} in ${a.id}`);
    }
  }
}

/** A generated amendment. */
interface Spec {
  n: number;
  language: 'nb' | 'nn' | 'de' | 'en';
  first: number;
  span: number;
  change: ChangeKind;
  quoted: string;
  replacement: string;
  quote: [string, string];
  reason?: string;
  proposer?: string;
  status?: AmendmentStatus;
  /** The change on the line below the citation. */
  below: boolean;
}

const WORDS = ['arbeid', 'grønne', 'jobber', 'for', 'alle', 'skal', 'Arbeiderparti-styrte', 'kommuner,', 'fylker.', '2023', 'læreplasser', 'Straße', 'jobs'];
const phrase = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));

const spec: fc.Arbitrary<Spec> = fc.record({
  n: fc.integer({ min: 1, max: 999 }),
  language: fc.constantFrom('nb' as const, 'nn' as const, 'de' as const, 'en' as const),
  first: fc.integer({ min: 1, max: 500 }),
  span: fc.integer({ min: 0, max: 3 }),
  change: fc.constantFrom<ChangeKind>('replace', 'delete', 'insertAfter'),
  quoted: phrase,
  replacement: phrase,
  quote: fc.constantFrom<[string, string]>(['«', '»'], ['"', '"'], ['“', '”'], ['„', '“']),
  reason: fc.option(phrase, { nil: undefined }),
  proposer: fc.option(phrase, { nil: undefined }),
  status: fc.option(fc.constantFrom<AmendmentStatus>('proposed', 'recommended', 'adopted', 'rejected', 'withdrawn'), { nil: undefined }),
  below: fc.boolean(),
});

const WORDS_OF = {
  nb: { id: 'E', lines: ['Linje', 'Linje'], proposer: 'Forslagsstiller', reason: 'Begrunnelse', replace: ['Erstatt', 'med'], delete: 'Stryk', insert: ['Sett inn etter', ''], status: { proposed: 'forslag', recommended: 'innstilt', adopted: 'vedtatt', rejected: 'avvist', withdrawn: 'trukket' } },
  nn: { id: 'E', lines: ['Linje', 'Linjene'], proposer: 'Forslagsstillar', reason: 'Grunngjeving', replace: ['Byt ut', 'med'], delete: 'Stryk', insert: ['Set inn etter', ''], status: { proposed: 'framlegg', recommended: 'innstilt', adopted: 'vedteke', rejected: 'avvist', withdrawn: 'trekt' } },
  de: { id: 'Ä', lines: ['Zeile', 'Zeilen'], proposer: 'Antragsteller', reason: 'Begründung', replace: ['Ersetze', 'durch'], delete: 'Streiche', insert: ['Füge nach', ' ein'], status: { proposed: 'gestellt', recommended: 'empfohlen', adopted: 'angenommen', rejected: 'abgelehnt', withdrawn: 'zurückgezogen' } },
  en: { id: 'A', lines: ['Line', 'Lines'], proposer: 'Proposer', reason: 'Reason', replace: ['Replace', 'with'], delete: 'Delete', insert: ['Insert after', ''], status: { proposed: 'proposed', recommended: 'recommended', adopted: 'adopted', rejected: 'rejected', withdrawn: 'withdrawn' } },
} as const;

/** The block a delegate would write for `s` (its id made unique by `index`). */
function write(s: Spec, index: number): string {
  const w = WORDS_OF[s.language];
  const q = (t: string) => `${s.quote[0]}${t}${s.quote[1]}`;
  const last = s.first + s.span;
  const citation = `${s.span === 0 ? w.lines[0] : w.lines[1]} ${s.first}${s.span === 0 ? '' : `–${last}`}:`;
  const change =
    s.change === 'replace' ? `${w.replace[0]} ${q(s.quoted)} ${w.replace[1]} ${q(s.replacement)}.` : s.change === 'delete' ? `${w.delete} ${q(s.quoted)}.` : `${w.insert[0]} ${q(s.quoted)}${w.insert[1]}: ${q(s.replacement)}`;
  const lines = [`${w.id}${index + 1}`];
  if (s.proposer !== undefined) lines.push(`${w.proposer}: ${s.proposer}`);
  lines.push(s.below ? citation : `${citation} ${change}`);
  if (s.below) lines.push(change);
  if (s.reason !== undefined) lines.push(`${w.reason}: ${s.reason}`);
  if (s.status !== undefined) lines.push(`Status: ${w.status[s.status]}`);
  return lines.join('\n');
}

/** What `s` should read as. */
function expected(s: Spec, index: number): Record<string, unknown> {
  return {
    id: `${WORDS_OF[s.language].id}${index + 1}`,
    first: s.first,
    last: s.first + s.span,
    change: s.change,
    quoted: s.quoted,
    replacement: s.change === 'delete' ? undefined : s.replacement,
    reason: s.reason,
    proposer: s.proposer,
    status: s.status ?? 'proposed',
  };
}

function actual(a: Amendment): Record<string, unknown> {
  return {
    id: a.id,
    first: a.range?.first,
    last: a.range?.last,
    change: a.change?.value,
    quoted: a.quoted?.value,
    replacement: a.replacement?.value,
    reason: a.reason?.value,
    proposer: a.proposer?.value,
    status: a.status,
  };
}

const FRONT = '---\nprogramme: valg.programme\ndraft: 0a101fbc\n---\n\n';

describe('amendments: properties of the reader', () => {
  it('returns on any string, with every span inside the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400, unit: 'binary' }), (text) => sane(parseAmendments(text))),
      { numRuns: RUNS },
    );
  });

  it('returns on random text made of the format\'s pieces, with every span inside the text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 200 }), fc.boolean(), (pieces, front) => sane(parseAmendments((front ? FRONT : '') + pieces.join('')))),
      { numRuns: RUNS },
    );
  });

  it('reads a file written from amendments back as those amendments, with no diagnostic', () => {
    fc.assert(
      fc.property(fc.array(spec, { minLength: 1, maxLength: 8 }), fc.constantFrom('\n', '\r\n'), (specs, eol) => {
        const text = (FRONT + specs.map(write).join('\n\n') + '\n').replace(/\n/g, eol);
        const file = parseAmendments(text);
        assert.deepEqual(file.diagnostics.map((d) => d.message), []);
        assert.deepEqual(file.amendments.map(actual), specs.map(expected));
      }),
      { numRuns: RUNS },
    );
  });

  it('after a random mutation inside one block, reads every other amendment as before', () => {
    const mutation = fc.record({
      block: fc.nat(),
      at: fc.nat(),
      text: fc.oneof(fc.string({ maxLength: 12 }), fc.array(fc.constantFrom(...PIECES), { maxLength: 6 }).map((p) => p.join(''))),
      cut: fc.nat(8),
    });
    fc.assert(
      fc.property(fc.array(spec, { minLength: 2, maxLength: 6 }), mutation, (specs, m) => {
        const blocks = specs.map(write);
        const k = m.block % blocks.length;
        const block = blocks[k];
        // Inside the block, after its id line: the ids of the others stay on lines of their own.
        const idEnd = block.indexOf('\n') + 1;
        const at = idEnd + (m.at % (block.length - idEnd + 1));
        blocks[k] = block.slice(0, at) + m.text + block.slice(Math.min(block.length, at + m.cut));
        const text = FRONT + blocks.join('\n\n') + '\n';
        const file = parseAmendments(text);
        sane(file);
        // Each block's amendment, by where its id stands (a mutation may write another block's id).
        const byStart = new Map(file.amendments.map((a) => [a.idSpan.start, a]));
        let start = FRONT.length;
        const starts = blocks.map((b) => {
          const at = start;
          start += b.length + 2;
          return at;
        });
        specs.forEach((s, i) => {
          if (i === k) return;
          const want = expected(s, i);
          const got = byStart.get(starts[i]);
          assert.ok(got !== undefined, `${want.id} is read`);
          assert.deepEqual(actual(got), want);
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('returns on 5,000 amendments, and on lines of 200,000 quote marks or keywords (the scans are linear)', () => {
    const many = FRONT + Array.from({ length: 5000 }, (_, i) => `E${i + 1}\nLinje ${i + 1}: Stryk «ord ${i}»\nStatus: vedtatt`).join('\n\n');
    assert.equal(parseAmendments(many).amendments.length, 5000);
    for (const c of ['«', '“', '„', '"', 'E1 ', 'Linje 1 ']) {
      const long = `E1\nLinje 1: Stryk ${c.repeat(Math.ceil(200_000 / c.length))}`;
      sane(parseAmendments(long));
    }
    sane(parseAmendments('“'.repeat(200_000) + '”'));
  });
});
