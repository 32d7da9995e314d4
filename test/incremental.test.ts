import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyse, type Analysis } from '../server/src/rules/index';
import { documentSymbols } from '../server/src/features/outline';
import { parse } from '../server/src/syntax/index';
import { inLanguage } from '../server/src/l10n/index';
import { example, programmeLike } from './properties/arbitraries';
// @ts-expect-error: a JavaScript module without types
import { generate } from '../bench/generate.mjs';
import type { Programme } from '../server/src/model/programme';

/**
 * The facts of a programme model that a fresh and an incremental analysis must share, without cycles
 * (deep comparison of the model's own cycles is slow): every field of every pillar, section,
 * sub-section, measure, label and reference, with the nodes they hold, and what they point to by its
 * id or title. Not the line table (built on first use), the caches handed from version to version, nor
 * the syntax tree as a whole (test/properties/stretches.property.test.ts compares trees).
 */
function modelFacts(p: Programme): unknown {
  type Heading = Programme['top'][number] | Programme['subsections'][number];
  const name = (h: Heading | undefined) => (h === undefined ? undefined : `${h.kind} ${h.kind === 'section' ? '' : h.numberText} ${h.title} @${h.span.start}`);
  const label = (l: Programme['labels'][number] | undefined) => l && { ...l, owner: l.owner.kind === 'measure' ? `measure ${l.owner.id}` : name(l.owner) };
  const reference = (r: Programme['references'][number]) => ({ ...r, inMeasure: r.inMeasure?.id });
  const heading = (h: Heading) => ({
    ...h,
    parent: h.kind === 'subsection' ? name(h.parent) : undefined,
    pillar: h.kind === 'subsection' ? name(h.pillar) : undefined,
    label: label(h.label),
    subsections: h.subsections.map(name),
    measures: h.measures.map((m) => m.id),
    children: h.children.map((c) => (c.kind === 'measure' ? c.id : name(c))),
  });
  const measure = (m: Programme['measures'][number]) => ({ ...m, pillar: name(m.pillar), parent: name(m.parent), label: label(m.label), references: m.references.map(reference) });
  return {
    ...p,
    lines: undefined,
    tree: undefined,
    caches: undefined,
    top: p.top.map(name),
    pillars: p.pillars.map(heading),
    sections: p.sections.map(heading),
    subsections: p.subsections.map(heading),
    measures: p.measures.map(measure),
    outsideMeasures: p.outsideMeasures.map((m) => m.id),
    labels: p.labels.map(label),
    references: p.references.map(reference),
  };
}

/** One edit: `remove` code units at `at` replaced with `insert`. */
interface Edit {
  at: number;
  remove: number;
  insert: string;
}

/** The offsets of the lines of `text` that start a measure (`12. …`, `3) …`). */
function measureLines(text: string): number[] {
  const out: number[] = [];
  const line = /^[0-9]+[.)] /gm;
  for (let m = line.exec(text); m !== null; m = line.exec(text)) out.push(m.index);
  return out;
}

/**
 * The edits of a writer at the keyboard, at a place chosen by `pick` (0 ≤ pick < 1): a letter typed,
 * a letter deleted or a line broken inside a measure's words, a digit typed into a measure's or a
 * pillar's number; at any place, one of the edits of the properties above.
 */
const keystroke = fc.record({
  kind: fc.constantFrom('letter', 'delete', 'newline', 'digit', 'digit-before-delimiter', 'blank-line', 'pillar-digit', 'anywhere'),
  pick: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  within: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  text: fc.constantFrom('e', 'ø', '7', ' ', '.', '[[1.2]]', '{#x}', '\u00ad'),
});

/** The edit `k` as it falls on `text`. */
function keystrokeEdit(text: string, k: { kind: string; pick: number; within: number; text: string }): Edit {
  if (k.kind === 'pillar-digit') {
    // A digit typed into a pillar's number: the ids of its measures change.
    const pillars = [...text.matchAll(/^# [0-9]/gm)].map((m) => m.index + 2);
    if (pillars.length > 0) return { at: pillars[Math.floor(k.pick * pillars.length)], remove: 0, insert: String(1 + Math.floor(k.within * 9)) };
  }
  const starts = measureLines(text);
  if (k.kind === 'anywhere' || k.kind === 'pillar-digit' || starts.length === 0) return { at: Math.floor(k.pick * (text.length + 1)), remove: 0, insert: k.text };
  const start = starts[Math.floor(k.pick * starts.length)];
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  const words = start + text.slice(start, end).indexOf(' ') + 1;
  const inside = words + Math.floor(k.within * Math.max(1, end - words));
  switch (k.kind) {
    case 'letter':
      return { at: inside, remove: 0, insert: k.text };
    case 'delete':
      return { at: inside, remove: 1, insert: '' };
    case 'newline':
      return { at: inside, remove: 0, insert: '\n' };
    case 'blank-line':
      return { at: end, remove: 0, insert: '\n' };
    case 'digit':
      return { at: start, remove: 0, insert: String(Math.floor(k.within * 10)) };
    default:
      return { at: words - 2, remove: 0, insert: String(Math.floor(k.within * 10)) };
  }
}

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
      assert.deepEqual(modelFacts(incremental.programme), modelFacts(fresh.programme));
      // The line starts are taken from the previous version's where it has found them (as the server does).
      assert.deepEqual(incremental.programme.lines.lineStarts(), fresh.programme.lines.lineStarts());
      previous = incremental;
    }
  };
  /** Like `sameAsFresh`, for keystrokes; compares diagnostics and the model. */
  const keystrokesAsFresh = (base: string, keystrokes: { kind: string; pick: number; within: number; text: string }[], config = {}) => {
    let text = base;
    let previous: Analysis = analyse(text, config);
    for (const k of keystrokes) {
      text = apply(text, keystrokeEdit(text, k));
      const incremental = analyse(text, config, previous);
      const fresh = analyse(text, config);
      assert.deepEqual(incremental.diagnostics, fresh.diagnostics);
      assert.deepEqual(modelFacts(incremental.programme), modelFacts(fresh.programme));
      // The line starts are taken from the previous version's where it has found them (as the server does).
      assert.deepEqual(incremental.programme.lines.lineStarts(), fresh.programme.lines.lineStarts());
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
  it('the same on a document large enough to be read in several stretches, edited at its start, middle and end', function () {
    this.timeout(120000);
    const big = Array.from({ length: 40 }, () => example).join('\n\n');
    assert.ok(big.length > 3 * 65536);
    sameAsFresh(big, [{ at: 100, remove: 0, insert: 'x' }, { at: Math.floor(big.length / 2), remove: 3, insert: '\n\n' }, { at: big.length - 10, remove: 5, insert: '1. Nytt tiltak\n' }, { at: 0, remove: 0, insert: '# 0. Først\n\n' }], 0.7);
  });
  it('the same for keystrokes (a letter, a deletion, a line break, a digit in a number) in the real example', () => {
    fc.assert(fc.property(fc.array(keystroke, { minLength: 1, maxLength: 6 }), (keys) => keystrokesAsFresh(example, keys, { similarity: { threshold: 0.3 } })), { numRuns: 40, seed: 23 });
  });
  it('the same for keystrokes in a generated programme of 1,200 measures (several stretches; planted slips, duplicates and references)', function () {
    this.timeout(300000);
    const { programme } = generate(1200, 7);
    assert.ok(programme.length > 3 * 65536, `${programme.length}`);
    fc.assert(fc.property(fc.array(keystroke, { minLength: 1, maxLength: 3 }), (keys) => keystrokesAsFresh(programme, keys)), { numRuns: 10, seed: 24 });
  });
  it('the same when keystrokes make and unmake exact duplicates (the counts of keys carried from version to version)', function () {
    this.timeout(120000);
    const { programme } = generate(1200, 9);
    const twin = analyse(programme).diagnostics.find((d) => d.code === 'duplicate-measure');
    assert.ok(twin !== undefined, 'the generated programme has a planted duplicate');
    const inTwin = programme.indexOf(' ', twin.span.start) + 3;
    // Another measure's line, to be written over with the twin's words.
    const other = programme.indexOf('\n1. ', programme.length >> 1) + 1;
    const twinWords = programme.slice(programme.indexOf(' ', twin.span.start) + 1, twin.span.end);
    const edits: ((text: string) => Edit)[] = [
      () => ({ at: inTwin, remove: 0, insert: 'x' }),
      () => ({ at: inTwin, remove: 1, insert: '' }),
      (text) => ({ at: other + 3, remove: text.indexOf('\n', other) - other - 3, insert: twinWords }),
      () => ({ at: inTwin, remove: 0, insert: 'y' }),
      (text) => ({ at: other + 3, remove: 1, insert: 'Z' }),
      () => ({ at: inTwin, remove: 1, insert: '' }),
    ];
    let text = programme;
    let previous = analyse(text);
    const counts: number[] = [];
    for (const edit of edits) {
      text = apply(text, edit(text));
      const incremental = analyse(text, {}, previous);
      const fresh = analyse(text);
      assert.deepEqual(incremental.diagnostics, fresh.diagnostics);
      counts.push(fresh.diagnostics.filter((d) => d.code === 'duplicate-measure').length);
      previous = incremental;
    }
    // The edits do make and unmake duplicates.
    assert.ok(new Set(counts).size > 1, `duplicates after each edit: ${counts.join(', ')}`);
  });
  it('the same when an edit further down changes the doubt of a measure above it (the model objects taken over)', () => {
    // Full ids in a document that numbers a measure plainly are in doubt (model/reading.ts); the plain
    // measure is in the last pillar, and the edits there take that doubt away and give it back.
    const text = '# 1. A\n\n1.1 Første tiltak.\n\n1.2 Andre tiltak.\n\n# 2. B\n\nTekst.\n\n# 3. C\n\n1. Vanlig tiltak.\n';
    const plain = text.indexOf('1. Vanlig');
    const edits: Edit[] = [
      { at: plain, remove: 3, insert: '3.1 ' },
      { at: plain, remove: 4, insert: '1. ' },
      { at: plain + 3, remove: 0, insert: 'x' },
    ];
    let current = text;
    let previous = analyse(current);
    const doubts: string[] = [JSON.stringify(previous.programme.measures[0].doubt)];
    for (const e of edits) {
      current = apply(current, e);
      const incremental = analyse(current, {}, previous);
      const fresh = analyse(current);
      assert.deepEqual(incremental.diagnostics, fresh.diagnostics);
      assert.deepEqual(modelFacts(incremental.programme), modelFacts(fresh.programme));
      // The line starts are taken from the previous version's where it has found them (as the server does).
      assert.deepEqual(incremental.programme.lines.lineStarts(), fresh.programme.lines.lineStarts());
      doubts.push(JSON.stringify(fresh.programme.measures[0].doubt));
      previous = incremental;
    }
    assert.ok(new Set(doubts).size > 1, `the first measure's doubt after each edit: ${doubts.join(', ')}`);
  });
  it('the same when an edit changes the programme\'s language or numbering mode in its front matter', function () {
    this.timeout(120000);
    // The last pillar reads differently in German: there a capital "Mai" after a number is a date.
    const programme = `${generate(600, 8).programme}\n# 99. Datoer\n\n1. Vi feirer den\n17. Mai hvert år med tog.\n\n2. Mai er en fin måned.\n\n3. Vi feirer\n8. Mai i år.\n`;
    const edits: ((text: string) => Edit)[] = [
      (text) => ({ at: text.indexOf('lang: nb') + 6, remove: 2, insert: 'de' }),
      (text) => ({ at: text.indexOf('lang: ') + 6, remove: 2, insert: 'nn' }),
      (text) => ({ at: text.indexOf('\n---') + 1, remove: 0, insert: 'measureNumbering: continuous\n' }),
      (text) => ({ at: text.indexOf('measureNumbering'), remove: 'measureNumbering: continuous\n'.length, insert: '' }),
    ];
    assert.ok(programme.length > 65536 + 10000, 'the last pillar is read in a stretch of its own');
    let text = programme;
    let previous = analyse(text);
    for (const edit of edits) {
      const e = edit(text);
      assert.ok(e.at > 0);
      text = apply(text, e);
      const incremental = analyse(text, {}, previous);
      const fresh = analyse(text);
      assert.deepEqual(incremental.diagnostics, fresh.diagnostics);
      assert.deepEqual(modelFacts(incremental.programme), modelFacts(fresh.programme));
      // The line starts are taken from the previous version's where it has found them (as the server does).
      assert.deepEqual(incremental.programme.lines.lineStarts(), fresh.programme.lines.lineStarts());
      previous = incremental;
    }
  });
  it('the same for keystrokes in and just after front matter that make and unmake its findings (its reading taken over while the lines up to the one after its closing line are unchanged)', () => {
    const base = '---\ntitle: Program\nyear: 2027\nstatus: draft\n---\n# 1. Arbeid\n\n1. Skape flere jobber.\n\n2. Styrke kommunen.\n';
    const edits: ((text: string) => Edit)[] = [
      (text) => ({ at: text.length, remove: 0, insert: '\n3. Nytt tiltak.\n' }),
      (text) => ({ at: text.indexOf('draft'), remove: 5, insert: 'utkast' }),
      (text) => ({ at: text.indexOf('# 1.'), remove: 0, insert: 'x' }),
      (text) => ({ at: text.indexOf('x# 1.'), remove: 1, insert: '' }),
      (text) => ({ at: text.indexOf('year: ') + 6, remove: 0, insert: '"' }),
      (text) => ({ at: text.indexOf('Arbeid'), remove: 0, insert: 'Mer ' }),
      (text) => ({ at: text.indexOf('\n---\n') + 1, remove: 0, insert: '  tittel: Y\n' }),
      (text) => ({ at: text.indexOf('Styrke'), remove: 0, insert: 'e' }),
      (text) => ({ at: text.indexOf('---\n#'), remove: 0, insert: 'title: Igjen\n' }),
      (text) => ({ at: text.indexOf('year: "') + 6, remove: 1, insert: '' }),
      (text) => ({ at: text.indexOf('---\n#') + 4, remove: 0, insert: '\n' }),
      (text) => ({ at: text.indexOf('\n\n# 1.') + 1, remove: 1, insert: '' }),
    ];
    let text = base;
    let previous = analyse(text);
    let takenOver = 0;
    for (const edit of edits) {
      text = apply(text, edit(text));
      const incremental = analyse(text, {}, previous);
      const fresh = analyse(text);
      assert.deepEqual(incremental.diagnostics, fresh.diagnostics, JSON.stringify(text));
      const last = (d: Analysis) => d.diagnostics.find((x) => x.code === 'front-matter');
      if (last(incremental) !== undefined && last(incremental) === last(previous)) takenOver++;
      previous = incremental;
    }
    assert.ok(takenOver > 0, 'some version takes over the front matter\'s findings');
  });
  it('the same when keystrokes make and unmake references in measures and paragraphs that the edit moves (whether a block holds one is kept in its memo)', function () {
    this.timeout(60000);
    // Several stretches; the references are made in the first, so the blocks after them are moved copies.
    const base = `${generate(1200, 5).programme}\n`;
    const edits: ((text: string) => Edit)[] = [
      (text) => ({ at: text.indexOf('\n1. ') + 4, remove: 0, insert: '[[1.2]] ' }),
      (text) => ({ at: text.indexOf('[[1.2]]'), remove: 1, insert: '' }),
      (text) => ({ at: text.indexOf('[1.2]]'), remove: 0, insert: '[' }),
      (text) => ({ at: text.lastIndexOf('\n1. ') + 4, remove: 0, insert: '[[#finnes-ikke]] ' }),
      (text) => ({ at: 0, remove: 0, insert: '' }),
      (text) => ({ at: text.indexOf('[[1.2]]') + 7, remove: 0, insert: 'e' }),
      (text) => ({ at: text.indexOf('[[#finnes-ikke]]'), remove: 2, insert: '' }),
      (text) => ({ at: text.indexOf('\n1. ') + 4, remove: 0, insert: 'x' }),
    ];
    assert.ok(base.length > 65536 * 2, 'several stretches');
    let text = base;
    let previous = analyse(text);
    for (const edit of edits) {
      text = apply(text, edit(text));
      const incremental = analyse(text, {}, previous);
      const fresh = analyse(text);
      assert.deepEqual(incremental.diagnostics, fresh.diagnostics);
      assert.deepEqual(modelFacts(incremental.programme), modelFacts(fresh.programme));
      previous = incremental;
    }
    assert.ok(previous.programme.references.length > 0);
  });
  it('gives the severities of the configuration of the version analysed, not of the one before (diagnostics are shared, never changed)', () => {
    const text = '# 1. A\n\n1. Tiltak {#a b}\n\n#2. B\n\n1. Mer\n';
    const configured = analyse(text, { rules: { 'near-miss': 'information' } });
    assert.deepEqual(configured.diagnostics.map((d) => `${d.code} ${d.severity}`), ['syntax error', 'near-miss information']);
    const next = `${text}\n`;
    assert.deepEqual(analyse(next, {}, configured).diagnostics, analyse(next).diagnostics);
    assert.equal(configured.diagnostics[1].severity, 'information', 'the earlier analysis keeps its own');
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
