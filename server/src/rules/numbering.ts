/**
 * Numbering rules (docs/rules.md): `pillar-numbering`, `measure-numbering`, `section-numbering`,
 * `numbering-style`, `measure-outside-pillar`, `empty-pillar`.
 *
 * Each number is checked against the one before it (the first against 1), so that one slip gives one
 * diagnostic: after a flagged number, the next one is also accepted when it continues the sequence as
 * it was before the slip (a stray number inserted, or one number changed).
 */
import type { Diagnostic, Span } from '../syntax/span';
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

/** What is wrong with a number, for a message: "skips 3; expected 3 after 2", "comes before 2; …". */
function describe(found: number, expected: number, previous: number | undefined, swappedWith?: number): string {
  if (swappedWith !== undefined) return `comes before ${swappedWith}; expected ${expected}${previous === undefined ? ', as the first' : ` after ${previous}`}`;
  if (previous === undefined) return `should be ${expected}, as the first`;
  if (found === previous) return `repeats ${previous}; expected ${expected}`;
  if (found > expected) {
    const skipped = found - expected === 1 ? `${expected}` : `${expected}–${found - 1}`;
    return `skips ${skipped}; expected ${expected} after ${previous}`;
  }
  return `is out of order; expected ${expected} after ${previous}`;
}

/**
 * The line before the one holding `offset`, without its line break (`\r\n`, `\r` or `\n`, as
 * `LineIndex` counts lines), or undefined on the first line. Found by scanning back from `offset`,
 * so that a numbering slip does not need the document's line table.
 */
function previousLine(text: string, offset: number): string | undefined {
  // The start of offset's line: just after the nearest line break before it.
  let start = offset;
  while (start > 0) {
    const c = text.charCodeAt(start - 1);
    if (c === 10 || (c === 13 && text.charCodeAt(start) !== 10)) break;
    start--;
  }
  if (start === 0) return undefined;
  let end = start - 1;
  if (text.charCodeAt(end) === 10 && end > 0 && text.charCodeAt(end - 1) === 13) end--;
  let prevStart = end;
  while (prevStart > 0) {
    const c = text.charCodeAt(prevStart - 1);
    if (c === 10 || (c === 13 && text.charCodeAt(prevStart) !== 10)) break;
    prevStart--;
  }
  return text.slice(prevStart, end);
}

/** True when a measure line looks like wrapped text rather than a new measure (a date, an ordinal). */
function looksLikeWrappedText(p: Programme, m: Measure): boolean {
  // Wrapped text continues the line right above it: after a blank line, a heading or a comment, a
  // numbered line is a measure, whatever its first letter.
  const above = previousLine(p.text, m.span.start);
  if (above === undefined) return false;
  const aboveText = above.trim();
  if (aboveText === '' || aboveText.startsWith('#') || aboveText.startsWith('//')) return false;
  const afterMarker = m.node.lines[0]?.span.start ?? m.delimiterSpan.end;
  const first = p.text.slice(afterMarker, afterMarker + 1);
  const lowercase = first !== '' && first === first.toLowerCase() && first !== first.toUpperCase();
  return lowercase || !/[.!?:…]["»”)]?$/.test(aboveText);
}

/** The escaped form of a measure's number, for messages and the quick fix: `17\.`. */
export function escapedNumber(m: Measure): string {
  return `${m.numberText}\\${m.delimiter}`;
}

function measureSlipDiagnostic(p: Programme, slip: Slip<Measure>, where: string): Diagnostic {
  const m = slip.item;
  const escapable = looksLikeWrappedText(p, m);
  let message: string;
  const number = short(m.numberText);
  if (slip.expectedLetter === 'A') {
    message = `Measure number ${number} is the first alternative for place ${m.value} ${where}; expected ${m.value}A (alternatives are lettered A, B, C …).`;
  } else if (slip.expectedLetter !== undefined) {
    message = `Measure number ${number} follows ${short(slip.previous?.numberText ?? '')} ${where}; expected ${m.value}${slip.expectedLetter}.`;
  } else {
    message = `Measure number ${number} ${describe(m.value, slip.expected, slip.previous?.value, slip.swappedWith?.value)} ${where}.`;
    if (slip.swappedWith !== undefined) message += ` Swap the two measures, or renumber them.`;
  }
  if (escapable) {
    const words = truncate(measureText(p, m), 30);
    message += ` If "${number}${m.delimiter} ${words}" continues the text above, escape the number as "${truncate(escapedNumber(m), 22)}".`;
  }
  return {
    code: 'measure-numbering',
    severity: 'error',
    message,
    span: { start: m.numberSpan.start, end: m.delimiterSpan.end },
    data: { expected: slip.expected, escapable, id: m.id },
  };
}

/** Where a measure sequence is, for messages: "in pillar 2", "in section 1.1", "in the document". */
function sequenceWhere(owner: Pillar | Subsection | undefined): string {
  if (owner === undefined) return 'in the document';
  return owner.kind === 'pillar' ? `in pillar ${short(owner.numberText)}` : `in section ${short(owner.numberText ?? '')}`;
}

/** `pillar-numbering`, `measure-numbering`, `section-numbering`, `numbering-style`, `measure-outside-pillar`, `empty-pillar`. */
export function checkNumbering(p: Programme): Diagnostic[] {
  const out: Diagnostic[] = [];

  for (const slip of sequenceSlips(p.pillars.map((x) => ({ ...x, alternative: '', value: x.number })))) {
    const pillar = slip.item;
    out.push({
      code: 'pillar-numbering',
      severity: 'error',
      message:
        `Pillar number ${short(pillar.numberText)} ${describe(pillar.number, slip.expected, slip.previous?.number, slip.swappedWith?.number)}.` +
        (slip.swappedWith !== undefined ? ' Swap the two pillars, or renumber them.' : ''),
      span: pillar.numberSpan,
      data: { expected: slip.expected },
    });
  }

  for (const { owner, measures } of measureSequences(p)) {
    for (const slip of sequenceSlips(measures)) out.push(measureSlipDiagnostic(p, slip, sequenceWhere(owner)));
  }

  out.push(...checkSections(p));

  // Style: the first pillar sets the pillars' delimiter, the first measure the measures'.
  const styleOf = <T extends { delimiter: string; delimiterSpan?: Span }>(items: readonly T[], what: (item: T) => string, kind: string) => {
    let style: string | undefined;
    for (const n of items) {
      if (n.delimiter === '' || n.delimiterSpan === undefined) continue;
      if (style === undefined) style = n.delimiter;
      else if (n.delimiter !== style) {
        out.push({
          code: 'numbering-style',
          severity: 'warning',
          message: `The number of ${what(n)} ends in "${n.delimiter}", but this document numbers its ${kind} with "${style}" (the first one does). Use "${style}".`,
          span: n.delimiterSpan,
          data: { style },
        });
      }
    }
  };
  styleOf(p.pillars, (x) => `pillar ${short(x.numberText)}`, 'pillars');
  styleOf(p.measures, (m) => `measure ${short(m.id)}`, 'measures');

  for (const m of p.outsideMeasures) {
    const under = m.parent === undefined ? 'before the first pillar' : `under the unnumbered heading "${truncate(m.parent.title, 40)}"`;
    const todo = m.parent === undefined ? 'Move it under a pillar' : 'Number the heading';
    out.push({
      code: 'measure-outside-pillar',
      severity: 'error',
      message: `Measure ${short(m.numberText)} stands ${under}; measures belong to a numbered pillar ("# 1. Title"). ${todo}, or escape the number as "${truncate(escapedNumber(m), 22)}" if the line is text.`,
      span: { start: m.numberSpan.start, end: m.delimiterSpan.end },
      data: { escapable: true },
    });
  }

  for (const pillar of p.pillars) {
    if (pillar.measures.length === 0) {
      out.push({
        code: 'empty-pillar',
        severity: 'warning',
        message: `Pillar ${short(pillar.numberText)}${pillar.title ? ` "${truncate(pillar.title, 50)}"` : ''} has no measures. Add measures ("1. …" at the start of a line), or remove the number to make it an unnumbered section.`,
        span: pillar.heading.span,
      });
    }
  }
  return out;
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
            message: `Sub-section ${cut(s.numberText ?? '')} does not extend the number of its parent ${cut(parentParts.join('.'))}; expected ${cut(want)}.`,
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
            ? `Sub-section ${cut(s.numberText ?? '')} should be ${cut(want)}, as the first numbered sub-section of ${cut(parentParts.join('.'))}.`
            : `Sub-section ${cut(s.numberText ?? '')} should be ${cut(want)}: the sub-section before it is ${cut(slip.previous.sub.numberText ?? '')}.`,
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
