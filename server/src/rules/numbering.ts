/**
 * Numbering rules (docs/rules.md): `pillar-numbering`, `measure-numbering`, `section-numbering`,
 * `numbering-style`, `measure-outside-pillar`, `empty-pillar`.
 *
 * Each number is checked against the one before it (the first against 1), so that one slip gives one
 * diagnostic: after a flagged number, the next one is also accepted when it continues the sequence as
 * it was before the slip (a stray number inserted, or one number changed).
 */
import * as l10n from '@vscode/l10n';
import type { Diagnostic, Fix, Span, TextChange } from '../syntax/span';
import type { LineNode } from '../syntax/tree';
import { truncate } from '../syntax/tree';
import { measureSequences, measureText, type Measure, type Pillar, type Programme, type Subsection } from '../model/programme';

/** One numbered item of a sequence. */
interface Numbered {
  value: number;
  alternative: string;
  span: Span;
}

/** What a sequence check found wrong with one item. */
interface Slip<T> {
  item: T;
  /** The value expected here. */
  expected: number;
  /** The item before it, if any. */
  previous?: T;
  /** Set when the slip is an alternative letter out of order; the letter expected. */
  expectedLetter?: string;
  /**
   * Set when the item and the next one look swapped (`1, 3, 2, 4`): the item that should come
   * before it. The swap then gives this one slip, not a second one on the item after the pair.
   */
  swappedWith?: T;
}

/**
 * Checks a sequence of numbers that should run 1, 2, 3 …; alternatives (`9A`, `9B`) share one place.
 * One slip gives one entry: a number inserted (`1, 2, 17, 3`), changed (`1, 5, 3`), deleted
 * (`1, 2, 4, 5`), repeated (`1, 2, 2, 3`) or two numbers swapped (`1, 3, 2, 4`) is reported once.
 */
export function sequenceSlips<T extends Numbered>(items: readonly T[]): Slip<T>[] {
  const slips: Slip<T>[] = [];
  let prev: T | undefined;
  let prevValue = 0;
  let lastGood = 0;
  let prevFlagged = false;
  // The slip of the first of two items that look swapped, while the item after the pair is awaited.
  let swap: Slip<T> | undefined;
  for (const item of items) {
    if (prev !== undefined && item.alternative !== '' && prev.alternative !== '' && prev.value === item.value) {
      const want = String.fromCharCode(prev.alternative.charCodeAt(0) + 1);
      if (item.alternative !== want) slips.push({ item, expected: item.value, previous: prev, expectedLetter: want });
      prev = item;
      continue;
    }
    const expected = prevValue + 1;
    let ok = item.value === expected || (prevFlagged && (item.value === lastGood + 1 || item.value === lastGood + 2));
    if (swap !== undefined) {
      // After `3, 2`: `4` confirms the swap; `3` means the first `3` was a stray number after all.
      if (item.value === expected + 1) ok = true;
      else if (item.value === expected) swap.swappedWith = undefined;
      swap = undefined;
    }
    if (!ok) {
      slips.push({ item, expected, previous: prev });
      prevFlagged = true;
    } else {
      if (prevFlagged && prev !== undefined && item.value !== expected && prev.value === item.value + 1) {
        swap = slips[slips.length - 1];
        swap.swappedWith = item;
      }
      if (item.alternative !== '' && item.alternative !== 'A') slips.push({ item, expected: item.value, previous: prev, expectedLetter: 'A' });
      prevFlagged = false;
      lastGood = item.value;
    }
    prevValue = item.value;
    prev = item;
  }
  return slips;
}

/** A number as shown in a message: a 1,000,000-digit number is cut to its first digits. */
function short(numberText: string): string {
  return truncate(numberText, 20);
}

/** What is wrong with a number in a sequence: which of the sentences of {@link pillarSlipMessage} and {@link measureSlipMessage}. */
type SlipKind = 'swapped-first' | 'swapped' | 'first' | 'repeats' | 'skips-one' | 'skips' | 'out-of-order';

/** The facts of a slip, for its message. */
interface SlipFacts {
  kind: SlipKind;
  /** The number written. */
  number: string;
  expected: number;
  previous?: number;
  swappedWith?: number;
  /** For `skips`: the last number skipped (the first is `expected`). */
  lastSkipped?: number;
}

/** Which kind of slip `found` is, after `previous`, where `expected` was due. */
function slipFacts(number: string, found: number, expected: number, previous: number | undefined, swappedWith?: number): SlipFacts {
  const facts = { number, expected, previous, swappedWith };
  if (swappedWith !== undefined) return { ...facts, kind: previous === undefined ? 'swapped-first' : 'swapped' };
  if (previous === undefined) return { ...facts, kind: 'first' };
  if (found === previous) return { ...facts, kind: 'repeats' };
  if (found > expected) return found - expected === 1 ? { ...facts, kind: 'skips-one' } : { ...facts, kind: 'skips', lastSkipped: found - 1 };
  return { ...facts, kind: 'out-of-order' };
}

/** The message of a pillar number out of sequence: "Pillar number 4 skips 3; expected 3 after 2." */
function pillarSlipMessage(f: SlipFacts): string {
  switch (f.kind) {
    case 'swapped-first':
      return l10n.t('Pillar number {0} comes before {1}; expected {2}, as the first. Swap the two pillars, or renumber them.', f.number, f.swappedWith!, f.expected);
    case 'swapped':
      return l10n.t('Pillar number {0} comes before {1}; expected {2} after {3}. Swap the two pillars, or renumber them.', f.number, f.swappedWith!, f.expected, f.previous!);
    case 'first':
      return l10n.t('Pillar number {0} should be {1}, as the first.', f.number, f.expected);
    case 'repeats':
      return l10n.t('Pillar number {0} repeats {1}; expected {2}.', f.number, f.previous!, f.expected);
    case 'skips-one':
      return l10n.t('Pillar number {0} skips {1}; expected {1} after {2}.', f.number, f.expected, f.previous!);
    case 'skips':
      return l10n.t('Pillar number {0} skips {1}–{2}; expected {1} after {3}.', f.number, f.expected, f.lastSkipped!, f.previous!);
    case 'out-of-order':
      return l10n.t('Pillar number {0} is out of order; expected {1} after {2}.', f.number, f.expected, f.previous!);
  }
}

/**
 * The message of a measure number out of sequence, with where the sequence is (`where`, from
 * {@link sequenceWhere}): "Measure number 4 skips 3; expected 3 after 2 in pillar 2."
 */
function measureSlipMessage(f: SlipFacts, where: string): string {
  switch (f.kind) {
    case 'swapped-first':
      return l10n.t('Measure number {0} comes before {1}; expected {2}, as the first {3}. Swap the two measures, or renumber them.', f.number, f.swappedWith!, f.expected, where);
    case 'swapped':
      return l10n.t('Measure number {0} comes before {1}; expected {2} after {3} {4}. Swap the two measures, or renumber them.', f.number, f.swappedWith!, f.expected, f.previous!, where);
    case 'first':
      return l10n.t('Measure number {0} should be {1}, as the first {2}.', f.number, f.expected, where);
    case 'repeats':
      return l10n.t('Measure number {0} repeats {1}; expected {2} {3}.', f.number, f.previous!, f.expected, where);
    case 'skips-one':
      return l10n.t('Measure number {0} skips {1}; expected {1} after {2} {3}.', f.number, f.expected, f.previous!, where);
    case 'skips':
      return l10n.t('Measure number {0} skips {1}–{2}; expected {1} after {3} {4}.', f.number, f.expected, f.lastSkipped!, f.previous!, where);
    case 'out-of-order':
      return l10n.t('Measure number {0} is out of order; expected {1} after {2} {3}.', f.number, f.expected, f.previous!, where);
  }
}

/** The escaped form of a measure's number, for messages and the quick fix: `17\.`. */
export function escapedNumber(m: Measure): string {
  return `${m.numberText}\\${m.delimiter}`;
}

/** True when the escape (`17\.`) can say that a measure line is text: a plain number with `.` or `)`. */
function canEscape(m: Measure): boolean {
  return m.node.form === 'plain' && (m.delimiter === '.' || m.delimiter === ')');
}

/** The "Escape as text" fix of a measure line (a `\` before the delimiter); never automatic: the line was read as a measure. */
export function escapeFix(m: Measure, preferred: boolean): Fix {
  return {
    title: l10n.t('Escape as text: "{0}"', truncate(escapedNumber(m), 22)),
    changes: [{ span: { start: m.delimiterSpan.start, end: m.delimiterSpan.start }, newText: '\\' }],
    preferred,
  };
}

function measureSlipDiagnostic(p: Programme, slip: Slip<Measure>, where: string): Diagnostic {
  const m = slip.item;
  // A line read as a measure in doubt (model/reading.ts): the escape is offered too, first for a date.
  const escapable = m.doubt !== undefined && canEscape(m);
  let message: string;
  const number = short(m.numberText);
  if (slip.expectedLetter === 'A') {
    message = l10n.t('Measure number {0} is the first alternative for place {1} {2}; expected {1}A (alternatives are lettered A, B, C …).', number, m.value, where);
  } else if (slip.expectedLetter !== undefined) {
    message = l10n.t('Measure number {0} follows {1} {2}; expected {3}.', number, short(slip.previous?.numberText ?? ''), where, `${m.value}${slip.expectedLetter}`);
  } else {
    message = measureSlipMessage(slipFacts(number, m.value, slip.expected, slip.previous?.value, slip.swappedWith?.value), where);
  }
  const restart = restartAdvice(p, m);
  if (restart !== undefined && slip.expectedLetter === undefined) message += ` ${restart}`;
  if (escapable) {
    const words = truncate(measureText(p, m), 30);
    message += ' ' + l10n.t('If "{0}" continues the text above, escape the number as "{1}".', `${number}${m.delimiter} ${words}`, truncate(escapedNumber(m), 22));
  }
  const d: Diagnostic = {
    code: 'measure-numbering',
    severity: 'error',
    message,
    span: { start: m.numberSpan.start, end: m.delimiterSpan.end },
    data: { expected: slip.expected, escapable, id: m.id },
  };
  if (escapable) d.fixes = [escapeFix(m, m.doubt?.reason === 'date')];
  return d;
}

/**
 * When measure `m` starts again at 1 where another numbering mode would start a new sequence: the
 * advice to choose that mode (the numbering is right, the configuration is not). In `per-pillar`, at
 * the first measure of a numbered sub-section; in `continuous`, at the first measure of a pillar.
 */
function restartAdvice(p: Programme, m: Measure): string | undefined {
  if (m.value !== 1 || m.alternative !== '' || m.pillar === undefined) return undefined;
  if (p.mode === 'per-pillar') {
    for (let h = m.parent; h !== undefined && h.kind === 'subsection'; h = h.parent) {
      if (h.numberText === undefined) continue;
      if (h.measures[0] !== m) return undefined;
      return l10n.t('The measures start again at 1 under sub-section {0}: if this programme numbers its measures per sub-section, set "measureNumbering": "per-section" in .programmerc.json (or the setting programme.measureNumbering).', short(h.numberText));
    }
    return undefined;
  }
  if (p.mode === 'continuous' && m.pillar.measures[0] === m && p.pillars[0] !== m.pillar) {
    return l10n.t('The measures start again at 1 in pillar {0}: if this programme numbers its measures per pillar, set "measureNumbering": "per-pillar" in .programmerc.json (or the setting programme.measureNumbering).', short(m.pillar.numberText));
  }
  return undefined;
}

/**
 * Where a measure sequence is, for messages: "in pillar 2", "in sub-section 1.1", "in the document".
 * A phrase that stands at the end of the slip messages (an adverbial in every language).
 */
function sequenceWhere(owner: Pillar | Subsection | undefined): string {
  if (owner === undefined) return l10n.t('in the document');
  return owner.kind === 'pillar' ? l10n.t('in pillar {0}', short(owner.numberText)) : l10n.t('in sub-section {0}', short(owner.numberText ?? ''));
}

/** `pillar-numbering`, `measure-numbering`, `section-numbering`, `numbering-style`, `measure-outside-pillar`, `empty-pillar`. */
export function checkNumbering(p: Programme): Diagnostic[] {
  const out: Diagnostic[] = [];

  for (const slip of sequenceSlips(p.pillars.map((pillar) => ({ value: pillar.number, alternative: '', span: pillar.numberSpan, pillar })))) {
    const pillar = slip.item.pillar;
    out.push({
      code: 'pillar-numbering',
      severity: 'error',
      message: pillarSlipMessage(slipFacts(short(pillar.numberText), pillar.number, slip.expected, slip.previous?.value, slip.swappedWith?.value)),
      span: pillar.numberSpan,
      data: { expected: slip.expected },
    });
  }

  for (const { owner, measures } of measureSequences(p)) {
    for (const slip of sequenceSlips(measures)) out.push(measureSlipDiagnostic(p, slip, sequenceWhere(owner)));
  }

  for (const d of checkSections(p)) out.push(d);

  // Style: the first pillar sets the pillars' delimiter, the first measure the measures'.
  // Style: the delimiter most of the pillars (or measures) have sets theirs; on a tie, the first one's.
  const styleOf = <T extends { delimiter: string; delimiterSpan?: Span }>(items: readonly T[], message: (item: T, style: string, of: number, all: number) => string) => {
    // The near-miss forms (`1:`, a full id without a dot) are reported as `near-miss` or by `forms` below.
    const counted = (n: T) => (n.delimiter === '.' || n.delimiter === ')') && n.delimiterSpan !== undefined;
    let first: T | undefined;
    let dots = 0;
    let parens = 0;
    // Indexed loops: this closure sees pillars and measures, and an iterator would make a result object per item where it is not optimised.
    for (let i = 0; i < items.length; i++) {
      const n = items[i];
      if (!counted(n)) continue;
      first ??= n;
      if (n.delimiter === '.') dots++;
      else parens++;
    }
    // Every one written the same way (most documents): nothing to report, and no second pass.
    if (first === undefined || dots === 0 || parens === 0) return;
    const style = dots > parens ? '.' : parens > dots ? ')' : first.delimiter;
    // `of` 0: a tie, and the first one decides.
    const of = dots === parens ? 0 : Math.max(dots, parens);
    for (let i = 0; i < items.length; i++) {
      const n = items[i];
      if (!counted(n) || n.delimiter === style) continue;
      out.push({
        code: 'numbering-style',
        severity: 'warning',
        message: message(n, style, of, dots + parens),
        span: n.delimiterSpan!,
        data: { style },
      });
    }
  };
  styleOf(p.pillars, (x, style, of, all) =>
    of === 0
      ? l10n.t('The number of pillar {0} ends in "{1}", but this document numbers its pillars with "{2}" (the first one does). Use "{2}".', short(x.numberText), x.delimiter, style)
      : l10n.t('The number of pillar {0} ends in "{1}", but this document numbers its pillars with "{2}" ({3} of {4} do). Use "{2}".', short(x.numberText), x.delimiter, style, of, all),
  );
  styleOf(p.measures, (m, style, of, all) =>
    of === 0
      ? l10n.t('The number of measure {0} ends in "{1}", but this document numbers its measures with "{2}" (the first one does). Use "{2}".', short(m.id), m.delimiter, style)
      : l10n.t('The number of measure {0} ends in "{1}", but this document numbers its measures with "{2}" ({3} of {4} do). Use "{2}".', short(m.id), m.delimiter, style, of, all),
  );
  for (const d of checkForms(p)) out.push(d);

  for (const m of p.outsideMeasures) {
    const number = short(m.numberText);
    const escaped = truncate(escapedNumber(m), 22);
    let message: string;
    if (m.parent === undefined) {
      message = canEscape(m)
        ? l10n.t('Measure {0} stands before the first pillar; measures belong to a numbered pillar ("# 1. Title"). Move it under a pillar, or escape the number as "{1}" if the line is text.', number, escaped)
        : l10n.t('Measure {0} stands before the first pillar; measures belong to a numbered pillar ("# 1. Title"). Move it under a pillar.', number);
    } else {
      const heading = truncate(m.parent.title, 40);
      message = canEscape(m)
        ? l10n.t('Measure {0} stands under the unnumbered heading "{1}"; measures belong to a numbered pillar ("# 1. Title"). Number the heading, or escape the number as "{2}" if the line is text.', number, heading, escaped)
        : l10n.t('Measure {0} stands under the unnumbered heading "{1}"; measures belong to a numbered pillar ("# 1. Title"). Number the heading.', number, heading);
    }
    out.push({
      code: 'measure-outside-pillar',
      severity: 'error',
      message,
      span: { start: m.numberSpan.start, end: m.delimiterSpan.end },
      data: { escapable: canEscape(m) },
      fixes: canEscape(m) ? [escapeFix(m, true)] : undefined,
    });
  }

  for (const pillar of p.pillars) {
    if (pillar.measures.length === 0) out.push(emptyPillar(p, pillar));
  }
  return out;
}

/**
 * `numbering-style` for the form of measure numbers: the first measure written plainly (`3.`) or with
 * its full id (`1.3`) sets the form of the document; a measure written the other way is reported,
 * with the fix that writes it in the document's form. A full id whose first part is not its pillar's
 * (or section's) number is a `measure-numbering` error: renumbering sets it.
 */
function checkForms(p: Programme): Diagnostic[] {
  const out: Diagnostic[] = [];
  let form: Measure | undefined;
  // The delimiters of the first measure of each form, found when a message first needs them (a search
  // for a form no measure has reads every measure, on every keystroke of the language server).
  let plainStyle: string | undefined;
  let fullStyle: string | undefined;
  const firstDelimiter = (form: 'plain' | 'full-id', none: string) => p.measures.find((m) => m.node.form === form)?.delimiter ?? none;
  /** The id prefix of measure `m` where it stands (`1` in pillar 1), if any. */
  const expectedOf = (m: Measure): string | undefined => {
    const cut = m.id.lastIndexOf('.');
    return cut >= 0 ? m.id.slice(0, cut) : undefined;
  };
  for (const m of p.measures) {
    if (m.node.form !== 'plain' && m.node.form !== 'full-id') continue;
    const prefix = m.node.idPrefix;
    const stands = prefix !== undefined ? expectedOf(m) : undefined;
    if (prefix !== undefined && stands !== undefined && !samePrefix(prefix.text, stands)) {
      out.push({
        code: 'measure-numbering',
        severity: 'error',
        message: stands.includes('.')
          ? l10n.t('Measure {0} stands in sub-section {1}; its number should begin with {1} ("{2}").', `${short(prefix.text)}.${short(m.numberText)}`, short(stands), short(m.id))
          : l10n.t('Measure {0} stands in pillar {1}; its number should begin with {1} ("{2}").', `${short(prefix.text)}.${short(m.numberText)}`, short(stands), short(m.id)),
        span: { start: prefix.span.start, end: m.delimiterSpan.end },
        data: { expected: m.value, id: m.id },
      });
    }
    if (form === undefined) {
      form = m;
      continue;
    }
    if (m.node.form === form.node.form || (m.pillar === undefined && m.node.form === 'plain')) continue;
    const expected = expectedOf(m);
    const whole = { start: m.node.span.start, end: m.delimiterSpan.end };
    const written = p.text.slice(whole.start, whole.end);
    const full = form.node.form === 'full-id';
    const want = full ? (expected !== undefined ? `${expected}.${m.numberText}${(fullStyle ??= firstDelimiter('full-id', ''))}` : undefined) : `${m.numberText}${(plainStyle ??= firstDelimiter('plain', '.'))}`;
    const firstWritten = p.text.slice(form.node.span.start, form.delimiterSpan.end);
    out.push({
      code: 'numbering-style',
      severity: 'warning',
      message: !full
        ? l10n.t('Measure {0} is numbered with its full id "{1}", but this document numbers its measures alone ("{2}", as the first one does). Write "{3}".', short(m.id), short(written), short(firstWritten), short(want!))
        : want !== undefined
          ? l10n.t('Measure {0} is numbered "{1}", but this document writes measures with their full id ("{2}", as the first one does). Write "{3}".', short(m.id), short(written), short(firstWritten), short(want))
          : l10n.t('Measure {0} is numbered "{1}", but this document writes measures with their full id ("{2}", as the first one does).', short(m.id), short(written), short(firstWritten)),
      span: whole,
      data: { form: form.node.form },
      // A plain number is a measure for sure; a full id in a plainly numbered document may be a
      // sub-section's number, so `programme fix` does not write it away.
      fixes: want !== undefined ? [{ title: l10n.t('Write "{0}"', short(want)), changes: [{ span: whole, newText: want }], preferred: true, automatic: full }] : undefined,
    });
  }
  return out;
}

/** True when a full id's written prefix (`01.2`) names the expected one (`1.2`). */
function samePrefix(written: string, expected: string): boolean {
  const a = written.split('.').map((x) => Number.parseInt(x, 10));
  const b = expected.split('.').map((x) => Number.parseInt(x, 10));
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/**
 * `empty-pillar`. When the pillar's text holds bullet points (`• …`, `– …` lists after a lead-in such as
 * "Partiet vil:"), they are most likely its measures: the message says so, and the fix "Number these
 * bullets as measures" writes each top-level bullet (the least indented of its list) as a numbered
 * measure at the start of its line; deeper bullets stay, as sub-points. A line at column 0 that
 * follows an item after a sentence end gets a blank line above it, so that it stays text. Only
 * markers, indentation and line breaks change.
 */
function emptyPillar(p: Programme, pillar: Pillar): Diagnostic {
  const number = short(pillar.numberText);
  const title = pillar.title ? truncate(pillar.title, 50) : undefined;
  const { items, loose } = bulletItems(p, pillar);
  if (items.length === 0) {
    let message =
      title !== undefined
        ? l10n.t('Pillar {0} "{1}" has no measures. Add measures ("1. …" at the start of a line), or remove the number to make it an unnumbered section.', number, title)
        : l10n.t('Pillar {0} has no measures. Add measures ("1. …" at the start of a line), or remove the number to make it an unnumbered section.', number);
    if (loose > 0) {
      message +=
        ' ' +
        l10n.t('The bullet markers in the pillar ({0}) stand on lines apart from their text, as in text copied from a PDF: write each demand as "1. …" by hand (or copy the text again with its layout).', loose);
    }
    return { code: 'empty-pillar', severity: 'warning', message, span: pillar.heading.span };
  }
  const first = items[0].line;
  const firstLine = p.lines.lineAt(first.span.start) + 1;
  const words = truncate(p.text.slice(first.span.start, first.span.end).trim(), 30);
  const n = items.length;
  let message: string;
  if (n === 1) {
    message =
      title !== undefined
        ? l10n.t('Pillar {0} "{1}" has no measures, but a bullet point in it looks like its measure (line {2}: "{3}"). Number it as a measure ("1. …" at the start of a line), or remove the pillar\'s number to make it an unnumbered section.', number, title, firstLine, words)
        : l10n.t('Pillar {0} has no measures, but a bullet point in it looks like its measure (line {1}: "{2}"). Number it as a measure ("1. …" at the start of a line), or remove the pillar\'s number to make it an unnumbered section.', number, firstLine, words);
  } else {
    message =
      title !== undefined
        ? l10n.t('Pillar {0} "{1}" has no measures, but {2} bullet points in it look like its measures (line {3}: "{4}"). Number them as measures ("1. …" at the start of a line), or remove the pillar\'s number to make it an unnumbered section.', number, title, n, firstLine, words)
        : l10n.t('Pillar {0} has no measures, but {1} bullet points in it look like its measures (line {2}: "{3}"). Number them as measures ("1. …" at the start of a line), or remove the pillar\'s number to make it an unnumbered section.', number, n, firstLine, words);
  }
  return {
    code: 'empty-pillar',
    severity: 'warning',
    message,
    span: pillar.heading.span,
    fixes: [{ title: n === 1 ? l10n.t('Number this bullet as a measure') : l10n.t('Number these {0} bullets as measures', n), changes: numberBullets(p, pillar, items), preferred: true }],
  };
}

/** A top-level bullet point of a pillar's text, and the paragraph line it is. */
interface BulletItem {
  line: LineNode;
  /** The lines of the paragraph after it, up to the next item. */
  rest: LineNode[];
  /**
   * For a marker alone on its line, its text on the next line (or after a blank line, as PDF text has
   * it): where the marker's line starts. The fix removes that line and writes the number before the text.
   */
  markerStart?: number;
}

/** The marker characters of a sub-point (syntax/tokens.ts `BULLET_MARKERS`), for a marker alone on a line. */
const LONE_MARKER = /^[ \t]*[-*\u2022\u2013\u2014\u00b7\u25aa\u25e6\u2023\u2043\u2219\u25cf\u25cb\u25a0\u25a1\u25ba\u25b8\u27a2\uf0a7\uf0b7\uf0d8\u2010\u2212\u2713\u2714\u25c6\u2666\u2756\u2192\uf076\uf0fc][ \t]*$/u;

/**
 * The top-level bullet points of `pillar`'s paragraphs, in document order: the least indented bullet
 * lines of each paragraph (deeper ones are their sub-points), and markers alone on a line with their
 * text on the next line or after blank lines.
 */
function bulletItems(p: Programme, pillar: Pillar): { items: BulletItem[]; loose: number } {
  const out: BulletItem[] = [];
  let loose = 0;
  const text = p.text;
  const isMarker = (line: LineNode) => line.prefix === 'none' && LONE_MARKER.test(text.slice(lineStart(text, line.span.start), line.span.end));
  const indent = (l: LineNode) => {
    let i = l.prefixSpan.start;
    while (text[i] === ' ' || text[i] === '\t') i++;
    return i - l.prefixSpan.start;
  };
  let lone: number | undefined;
  let loneEnd = 0;
  for (const para of p.paragraphs) {
    if (para.span.start < pillar.span.start || para.span.end > pillar.span.end) continue;
    // A lone marker waits for the first line of the next paragraph, with only blank lines between.
    // (Page numbers between them do not count: `•` / `72` / `Styrke familiene.`)
    if (lone !== undefined && !text.slice(loneEnd, para.span.start).split(/\r\n?|\n/).every((l) => l.trim() === '' || PAGE_NUMBER.test(l))) lone = undefined;
    const bullets = para.lines.filter((l) => l.prefix === 'bullet');
    const level = bullets.length > 0 ? bullets.reduce((min, b) => Math.min(min, indent(b)), Infinity) : -1;
    let current: BulletItem | undefined;
    const lines = para.lines;
    let inRun = false;
    for (let k = 0; k < lines.length; k++) {
      const line = lines[k];
      if (isMarker(line) && (inRun || lone !== undefined || (k + 1 < lines.length && isMarker(lines[k + 1])))) {
        // Markers in a column of their own, their texts in another (PDF text without its layout): which
        // text goes with which marker cannot be told, so they are counted, not numbered.
        loose += lone !== undefined ? 2 : 1;
        lone = undefined;
        current = undefined;
        inRun = true;
        continue;
      }
      inRun = false;
      if (lone !== undefined && line.prefix !== 'bullet' && !PAGE_NUMBER.test(text.slice(line.span.start, line.span.end))) {
        out.push((current = { line, rest: [], markerStart: lone }));
        lone = undefined;
      } else if (line.prefix === 'bullet' && indent(line) === level) {
        out.push((current = { line, rest: [] }));
      } else if (isMarker(line)) {
        lone = lineStart(text, line.span.start);
        loneEnd = line.span.end;
        current = undefined;
      } else if (lone === undefined && current !== undefined) current.rest.push(line);
    }
  }
  return { items: out, loose };
}

/** A line that is only a page number (model/reading.ts reports these as `page-number`): never a bullet's text. */
const PAGE_NUMBER_TRIMMED = /^(?:[-–—][ \t]*)?[0-9]{1,4}(?:[ \t]*[-–—])?$/u;
const PAGE_NUMBER = { test: (line: string): boolean => PAGE_NUMBER_TRIMMED.test(line.trim()) };

/** The changes of "Number these bullets as measures" (see {@link emptyPillar}). */
function numberBullets(p: Programme, pillar: Pillar, items: BulletItem[]): TextChange[] {
  const style = p.measures.find((m) => m.delimiter === '.' || m.delimiter === ')')?.delimiter ?? '.';
  let value = 0;
  if (p.mode === 'continuous') for (const m of p.measures) if (m.span.start < pillar.span.start && m.pillar !== undefined) value = m.value;
  const changes: TextChange[] = [];
  let section: unknown;
  for (const item of items) {
    if (p.mode === 'per-section') {
      const owner = numberedSectionAt(pillar, item.line.span.start);
      if (owner !== section) value = 0;
      section = owner;
    }
    value++;
    if (item.markerStart !== undefined) {
      // `•` alone, then its text: the marker's line goes, and the number stands before the text (what is
      // between them, blank lines or a page number, stays).
      let markerEnd = item.markerStart;
      while (markerEnd < p.text.length && p.text.charCodeAt(markerEnd) !== 10 && p.text.charCodeAt(markerEnd) !== 13) markerEnd++;
      if (p.text.charCodeAt(markerEnd) === 13) markerEnd++;
      if (p.text.charCodeAt(markerEnd) === 10) markerEnd++;
      const textStart = item.line.prefix === 'none' ? item.line.span.start : item.line.prefixSpan.start;
      changes.push({ span: { start: item.markerStart, end: markerEnd }, newText: '' });
      changes.push({ span: { start: textStart, end: item.line.prefix === 'none' ? textStart : item.line.prefixSpan.end }, newText: `${value}${style} ` });
    } else {
      const start = lineStart(p.text, item.line.span.start);
      changes.push({ span: { start, end: item.line.prefixSpan.end }, newText: `${value}${style} ` });
    }
    let previous = item.line;
    for (const line of item.rest) {
      const atColumn0 = line.prefix === 'none' && lineStart(p.text, line.span.start) === line.span.start;
      const before = p.text.slice(previous.span.start, previous.span.end).trim();
      if (atColumn0 && /[.!?:;…]["»”)]*$/u.test(before)) {
        changes.push({ span: { start: line.span.start, end: line.span.start }, newText: lineBreakOf(p.text, line.span.start) });
        break;
      }
      previous = line;
    }
  }
  return changes;
}

/** The innermost numbered sub-section of `pillar` that holds `offset`, or the pillar. */
function numberedSectionAt(pillar: Pillar, offset: number): Pillar | Subsection {
  let owner: Pillar | Subsection = pillar;
  const visit = (subs: Subsection[]) => {
    for (const s of subs) {
      if (s.span.start <= offset && offset <= s.span.end) {
        if (s.numberText !== undefined) owner = s;
        visit(s.subsections);
      }
    }
  };
  visit(pillar.subsections);
  return owner;
}

/** The start of the line holding `offset`. */
function lineStart(text: string, offset: number): number {
  let s = offset;
  while (s > 0 && text.charCodeAt(s - 1) !== 10 && text.charCodeAt(s - 1) !== 13) s--;
  return s;
}

/** The line break that ends the line before `offset` (`\r\n`, `\r` or `\n`), to write another like it. */
function lineBreakOf(text: string, offset: number): string {
  if (text.charCodeAt(offset - 1) === 10) return text.charCodeAt(offset - 2) === 13 ? '\r\n' : '\n';
  return text.charCodeAt(offset - 1) === 13 ? '\r' : '\n';
}

/**
 * `section-numbering`: numbered sub-sections extend their parent's number and follow their previous
 * numbered sibling. Siblings are checked like measures (`sequenceSlips`), so one slip gives one diagnostic.
 */
function checkSections(p: Programme): Diagnostic[] {
  const out: Diagnostic[] = [];
  const visit = (parent: Pillar | Subsection | { kind: 'section'; subsections: Subsection[] }) => {
    const parentParts = parent.kind === 'pillar' ? [parent.number] : parent.kind === 'subsection' ? parent.numberParts : undefined;
    const inSequence: { value: number; alternative: string; span: Span; sub: Subsection }[] = [];
    for (const s of parent.subsections) {
      if (s.numberParts !== undefined && s.numberSpan !== undefined && parentParts !== undefined) {
        const parts = s.numberParts;
        const prefixOk = parts.length === parentParts.length + 1 && parentParts.every((v, i) => parts[i] === v);
        if (prefixOk) {
          inSequence.push({ value: parts[parts.length - 1], alternative: '', span: s.numberSpan, sub: s });
        } else {
          const last = inSequence[inSequence.length - 1];
          const want = [...parentParts, (last?.value ?? 0) + 1].join('.');
          out.push({
            code: 'section-numbering',
            severity: 'error',
            message: l10n.t('Sub-section {0} does not extend the number of its parent {1}; expected {2}.', cut(s.numberText ?? ''), cut(parentParts.join('.')), cut(want)),
            span: s.numberSpan,
            data: { expected: want },
          });
        }
      }
      visit(s);
    }
    if (parentParts === undefined) return;
    for (const slip of sequenceSlips(inSequence)) {
      const s = slip.item.sub;
      const want = [...parentParts, slip.expected].join('.');
      out.push({
        code: 'section-numbering',
        severity: 'error',
        message:
          slip.previous === undefined
            ? l10n.t('Sub-section {0} should be {1}, as the first numbered sub-section of {2}.', cut(s.numberText ?? ''), cut(want), cut(parentParts.join('.')))
            : l10n.t('Sub-section {0} should be {1}: the sub-section before it is {2}.', cut(s.numberText ?? ''), cut(want), cut(slip.previous.sub.numberText ?? '')),
        span: s.numberSpan!,
        data: { expected: want },
      });
    }
  };
  for (const top of p.top) visit(top);
  return out;
}

/** Shortens a (possibly enormous) number for a message. */
function cut(number: string): string {
  return truncate(number, 24);
}
