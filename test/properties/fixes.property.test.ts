/**
 * Properties of the fixes and of `programme fix` on text as it is pasted (issue 11): every fix, and any
 * sequence of fixes and renumberings, changes nothing but numbers, delimiters, spacing, escapes,
 * markers and the characters a fix names (the letters of the programme's text stay, but a chapter word
 * a fix names in `drops`); and dates and ordinals at the start of a line survive, with their numbers.
 * Short runs here (`npm test`); `npm run fuzz -- --runs N` scales them (FUZZ_RUNS).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyse } from '../../server/src/rules/index';
import { applyChanges, fixAll } from '../../server/src/features/fixAll';
import { renumberTextChanges } from '../../server/src/features/renumber';
import type { NumberingMode } from '../../server/src/model/programme';
import type { Diagnostic, Fix } from '../../server/src/syntax/span';

const MODES: NumberingMode[] = ['per-pillar', 'per-section', 'continuous'];

/** Runs per property: the short default in `npm test`, scaled up by `npm run fuzz -- --runs N` (FUZZ_RUNS). */
function runs(short: number): number {
  const fuzz = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(fuzz) && fuzz > 0 ? Math.max(short, Math.round((fuzz * short) / 200)) : short;
}

// --- text as it is pasted ---------------------------------------------------------------------------

const word = fc.constantFrom('Styrke', 'skolen', 'helse', 'klima', 'og', 'for', 'Gi', 'alle', 'eldre', 'kr 100\u00a0000', '§\u00a03', 'arbeids\u00adliv', 'natur', 'se [[1.2]]', 'se [[#a b]]', 'ΣΥΝ');
const words = fc.array(word, { minLength: 1, maxLength: 5 }).map((w) => w.join(' '));
/** A line's end: a sentence end, or none (the next line may then be a wrapped date). */
const end = fc.constantFrom('.', '.', '', ':', ',');
const space = fc.constantFrom(' ', ' ', ' ', '\u00a0', '\u202f', '\u200b', '\u2003', '\t');
const bullet = fc.constantFrom('-', '*', '•', '–', '—', '·', '▪', '◦');

/** A wrapped date or ordinal at the start of a line, with a token that makes it findable: `17. mai d3 …`. */
const dateLine = fc
  .tuple(fc.constantFrom('17. mai', '1. januar', '2. juledag', '5. November', '18. Lebensjahres', '3. trinn', '2030.', '11. skoleår', '1. Mai'), fc.nat(999), words)
  .map(([d, n, rest]) => `${d} d${n} ${rest}.`);

const measureLine = fc
  .record({
    n: fc.nat(9),
    form: fc.constantFrom('plain', 'plain', 'plain', 'paren', 'indent', 'colon', 'nospace', 'fullid'),
    space,
    text: words,
    end,
    label: fc.constantFrom('', '', '', ' {#a b}', ' {#c}'),
  })
  .map((m) => {
    const marker =
      m.form === 'paren' ? `${m.n})${m.space}` : m.form === 'indent' ? ` ${m.n}.${m.space}` : m.form === 'colon' ? `${m.n}:${m.space}` : m.form === 'nospace' ? `${m.n}.` : m.form === 'fullid' ? `1.${m.n} ` : `${m.n}.${m.space}`;
    const text = m.form === 'nospace' ? `Gi ${m.text}` : m.text;
    return `${marker}${text}${m.end}${m.label}`;
  });

const itemLines = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(measureLine, fc.array(fc.oneof(words.map((w) => w), dateLine, fc.tuple(bullet, space, words).map(([b, s, w]) => `${b}${s}${w}`), fc.constantFrom('154', '- 24 -')), { maxLength: 3 })).map(([m, more]) => [m, ...more]) },
  { weight: 1, arbitrary: fc.tuple(words, end, dateLine).map(([w, e, d]) => [`${w}${e}`, d]) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('Partiet vil:', 'Vi vil'), fc.array(fc.tuple(fc.constantFrom('', '    '), bullet, space, words).map(([i, b, s, w]) => `${i}${b}${s}${w}`), { minLength: 1, maxLength: 4 })).map(([lead, bs]) => [lead, ...bs]) },
  { weight: 1, arbitrary: fc.constantFrom(['\u00a0'], ['']) },
);

const headingLine = fc
  .record({ n: fc.nat(6), form: fc.constantFrom('plain', 'plain', 'chapter', 'colon', 'dash', 'nospace', 'bold', 'nbsp', 'bare', 'caps'), title: fc.constantFrom('Arbeid', 'Skole og oppvekst', 'Helse') })
  .map((h) => {
    switch (h.form) {
      case 'chapter':
        return `# Kapittel ${h.n}: ${h.title}`;
      case 'colon':
        return `# ${h.n}: ${h.title}`;
      case 'dash':
        return `# ${h.n} – ${h.title}`;
      case 'nospace':
        return `#${h.n}. ${h.title}`;
      case 'bold':
        return `# **${h.n}. ${h.title}**`;
      case 'nbsp':
        return `#\u00a0${h.n}. ${h.title}`;
      case 'bare':
        return `Kapittel ${h.n}: ${h.title}`;
      case 'caps':
        return `${h.n}. ${h.title.toUpperCase()}`;
      default:
        return `# ${h.n}. ${h.title}`;
    }
  });

/** A programme as pasted: headings in many forms, measures in many forms, wrapped dates, bullets, page numbers. */
const pasted = fc
  .tuple(
    fc.option(fc.constantFrom('---\ntitle: T\nstatus: utkast\n---', '---\ntitle: T\n---'), { nil: undefined }),
    fc.array(fc.tuple(headingLine, fc.array(fc.tuple(itemLines, fc.boolean()), { maxLength: 6 })), { maxLength: 4 }),
    fc.constantFrom('\n', '\n', '\r\n'),
  )
  .map(([fm, pillars, eol]) => {
    const lines: string[] = fm !== undefined ? [fm] : [];
    for (const [heading, items] of pillars) {
      lines.push(heading, '');
      for (const [item, blank] of items) lines.push(...item, ...(blank ? [''] : []));
    }
    return lines.join('\n').replace(/\n/g, eol);
  });

// --- what must not change ---------------------------------------------------------------------------

/** The chapter words a heading fix may take out (they are `drops` of the fix). */
const CHAPTER = /\b(?:Kapittel|Kapitel|Del|Teil|Chapter|Part)\b/gu;

/** The letters of the programme's text (front matter left out), without the chapter words. */
function letters(text: string): string {
  const body = text.replace(/^\ufeff?---\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/, '');
  return body.replace(CHAPTER, '').replace(/[^\p{L}\p{M}]+/gu, '').normalize('NFC');
}

/** Each date line of `text`: its number and its token (`17`, `d3`). */
function dates(text: string): { number: string; token: string }[] {
  return [...text.matchAll(/^([0-9]+)\\?\.(?: [\p{L}]+)? (d[0-9]+) /gmu)].map((m) => ({ number: m[1], token: m[2] }));
}

/** Asserts that every date line of `before` is in `after`, with its number, at the start of a line. */
function assertDatesSurvive(before: string, after: string, what: string): void {
  const kept = new Map(dates(after).map((d) => [d.token, d.number]));
  for (const d of dates(before)) {
    // A token may stand twice (the generator draws numbers); each must still start a line with its number.
    assert.ok(kept.has(d.token), `${what}: the date line with ${d.token} no longer starts a line`);
    assert.ok(dates(after).some((x) => x.token === d.token && x.number === d.number), `${what}: the date ${d.number} (${d.token}) lost its number`);
  }
}

/** The fixes checked for words: all but those that change the front matter's values or a reference's target. */
function checkedFixes(diagnostics: Diagnostic[]): { d: Diagnostic; fix: Fix }[] {
  const out: { d: Diagnostic; fix: Fix }[] = [];
  for (const d of diagnostics) {
    if (d.code === 'front-matter' || d.code === 'unresolved-reference') continue;
    for (const fix of d.fixes ?? []) out.push({ d, fix });
  }
  return out;
}

describe('fixes (properties)', () => {
  it('every fix keeps the letters of the programme (but the chapter word it names), and the dates', () => {
    fc.assert(
      fc.property(pasted, fc.constantFrom(...MODES), (text, mode) => {
        const { diagnostics } = analyse(text, { measureNumbering: mode });
        for (const { d, fix } of checkedFixes(diagnostics)) {
          const after = applyChanges(text, fix.changes);
          assert.equal(letters(after), letters(text), `${d.code}: ${fix.title}`);
          assertDatesSurvive(text, after, `${d.code}: ${fix.title}`);
        }
      }),
      { numRuns: runs(150) },
    );
  });

  it('programme fix --renumber keeps the letters and the dates, refuses nothing, and a second run changes nothing more', () => {
    fc.assert(
      fc.property(pasted, fc.constantFrom(...MODES), (text, mode) => {
        const config = { measureNumbering: mode };
        const once = fixAll(text, config, { renumber: true });
        assert.equal(letters(once.text), letters(text));
        assertDatesSurvive(text, once.text, 'programme fix');
        assert.deepEqual(once.refused, [], 'the words guard refused a fix');
        // What is left after the first run needs no second one (the fixes converge).
        const twice = fixAll(once.text, config);
        assert.equal(twice.text, once.text);
      }),
      { numRuns: runs(100) },
    );
  });

  it('any sequence of fixes and renumberings keeps the letters and the dates', () => {
    const step = fc.oneof(fc.record({ kind: fc.constant('fix' as const), pick: fc.nat() }), fc.record({ kind: fc.constant('renumber' as const) }));
    fc.assert(
      fc.property(pasted, fc.constantFrom(...MODES), fc.array(step, { minLength: 1, maxLength: 8 }), (text, mode, steps) => {
        let current = text;
        for (const s of steps) {
          const { programme, diagnostics } = analyse(current, { measureNumbering: mode });
          if (s.kind === 'renumber') {
            current = applyChanges(current, renumberTextChanges(programme, { kind: 'document' }));
          } else {
            const fixes = checkedFixes(diagnostics);
            if (fixes.length === 0) continue;
            current = applyChanges(current, fixes[s.pick % fixes.length].fix.changes);
          }
          assert.equal(letters(current), letters(text), `after ${s.kind}`);
          assertDatesSurvive(text, current, `after ${s.kind}`);
        }
      }),
      { numRuns: runs(100) },
    );
  });
});
