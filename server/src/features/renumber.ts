/**
 * Renumbering: the text edits that put the measures of one pillar, the pillars, or the whole document back in order, with every reference to a moved item following it.
 *
 * What is renumbered, by scope (the numbering rules of rules/numbering.ts say what "in order" means):
 * - `pillar`: the measures of one pillar, in the document's numbering mode (`per-pillar`: 1…n in the
 *   pillar; `per-section`: 1…n again in every numbered sub-section, and in the pillar outside them;
 *   `continuous`: the pillar's measures go on from the number of the measure before the pillar).
 * - `pillars`: the pillar numbers 1…n, and the first part of every numbered sub-section number that
 *   carries its pillar's number (`## 3.2` under pillar 3 becomes `## 2.2` when the pillar becomes 2).
 * - `document`: the pillars, every numbered sub-section under a numbered parent (its number extends
 *   its parent's: `1.1`, `1.2`, `1.2.1` …) and the measures of every pillar.
 *
 * Alternatives (`9A`, `9B`: consecutive measures with a letter and the same number) share one place
 * and keep their letters; only a letter out of order (`9A`, `9C`) is set to the next in line.
 * Measures outside any pillar (a `measure-outside-pillar` slip) are left alone. So are measures read
 * in doubt (`Measure.doubt`, model/reading.ts: `4. mai` where the numbers made it a measure): their
 * number may be the writer's words, so they keep it and their place; {@link leftAlone} names them.
 * A measure written with its full id (`1.3`) gets the first part of its new id too (`2.3`).
 *
 * References: every `[[P.N]]` and `[[P]]` that resolved (model/resolve.ts, before the renumber) to a
 * measure or pillar whose id changes is rewritten to the new id, in the same edit. `[[#label]]` never
 * changes; unresolved references are left alone.
 *
 * Invariants (tested in test/features/renumber*.test.ts): the edits replace number digits, an
 * alternative's letter, the first parts of a full id, a sub-section's number (`1.1.1` becomes `1.1` when it had one part too many
 * for its place), or the text between `[[` and `]]` of a reference, nothing else; delimiters, labels
 * and numbers whose value is right (`01.`) are kept; renumbering an already renumbered text gives
 * no edits; after a `document` renumber no `pillar-numbering`, `measure-numbering` or
 * `section-numbering` diagnostic remains (except for a run of more than 26 alternatives, whose
 * letters cannot go past `Z`).
 *
 * Known limit: in `continuous` numbering a measure outside any pillar keeps its number, and a
 * renumbered measure that gets the same number is shadowed by it (references bind to the first);
 * in `per-section` numbering a numbered sub-section under an unnumbered one is not renumbered (the
 * rules do not check it either), so its measures' ids may meet those of a renumbered sub-section.
 *
 * How: a sub-section's number also sets its nesting (`## 1.1.1` nests at level 3), so a renumber can
 * change the structure it was computed on. The plan is therefore applied to a copy of the text and
 * re-read until it is stable (a few rounds at most); the edits are then taken between the original
 * and the final numbers, node by node (a renumber never changes which lines are headings, measures
 * or references, so the nodes of both correspond by position in document order).
 */
import * as l10n from '@vscode/l10n';
import type { TextEdit } from 'vscode-languageserver-types';
import type { Span, TextChange } from '../syntax/span';
import { measureSequences as modelSequences, type Measure, type Pillar, type Programme, type Section, type Subsection } from '../model/programme';
import { resolveReference } from '../model/resolve';
import { analyseText } from '../model/reading';

/**
 * What to renumber: the measures of one pillar (a pillar of the programme the edits are computed
 * for), the pillar numbers (with the sub-section numbers that carry them), or the whole document.
 */
export type RenumberScope = { kind: 'pillar'; pillar: Pillar } | { kind: 'pillars' } | { kind: 'document' };

/** The most rounds of plan-and-reread before the edits are taken (each round is one parse). */
const MAX_ROUNDS = 6;

/** One replacement in a text: `span` (UTF-16 offsets) becomes `text`. */
interface Change {
  span: Span;
  text: string;
}

/** The scope inside the planner: a pillar is named by its index in `p.pillars`. */
type PlanScope = { kind: 'pillar'; index: number } | { kind: 'pillars' } | { kind: 'document' };

/**
 * The minimal edits that renumber `scope` in `p` (see the module comment for what each scope covers
 * and the guarantees). Ranges are 0-based lines and UTF-16 characters of `p.text`, sorted by position
 * and never overlapping; empty when the numbering is already in order. Pure; never throws on a model
 * built by `analyseText`/`analyse` (a pillar from another programme gives no edits).
 */
export function renumberEdits(p: Programme, scope: RenumberScope): TextEdit[] {
  return renumberChanges(p, scope).map((c) => ({ range: p.lines.rangeOf(c.span), newText: c.text }));
}

/** A measure a renumber leaves alone, and why ({@link leftAloneMessage} says it in words for people). */
export interface LeftAlone {
  measure: Measure;
  /**
   * Why: `date` when the word after the number makes it look like a date, an ordinal or a year
   * (`4. mai`), `sub-section` when the number may be a sub-section's (`Measure.doubt` `form`).
   */
  reason: 'date' | 'sub-section';
  /** The word that raised the doubt (`mai`), or the number itself when there is none. */
  word: string;
}

/**
 * The measures of `scope` that a renumber leaves as they are: lines read as measures although a date,
 * an ordinal or a year follows the number, or whose number may be a sub-section's (`Measure.doubt`). Their numbers may be the writer's words
 * (`4. mai`), so no renumbering changes them; they keep their place in the numbering. Renumber tells
 * the user about them.
 */
export function leftAlone(p: Programme, scope: RenumberScope): LeftAlone[] {
  const out: LeftAlone[] = [];
  if (scope.kind === 'pillars') return out;
  for (const m of p.measures) {
    if (!isLeftAlone(m)) continue;
    if (scope.kind === 'pillar' && m.pillar !== scope.pillar) continue;
    out.push({ measure: m, reason: m.doubt?.reason === 'form' ? 'sub-section' : 'date', word: m.doubt?.word ?? m.numberText });
  }
  return out;
}

/**
 * True when a renumber leaves `m` alone: a line read as a measure although a date, an ordinal or a year
 * follows its number, or its number may be a sub-section's (`Measure.doubt` `date` or `form`). A
 * measure in doubt only because it goes on from an unfinished sentence is renumbered: the numbers made
 * it a measure, and it fits them.
 */
function isLeftAlone(m: Measure): boolean {
  return (m.doubt?.reason === 'date' || m.doubt?.reason === 'form') && m.pillar !== undefined;
}

/** One sentence on a measure left alone, for the CLI and the editor: what, why, and what to do. */
export function leftAloneMessage(a: LeftAlone): string {
  const m = a.measure;
  const written = `${m.numberText}${m.delimiter}`;
  const escaped = `${m.numberText}\\${m.delimiter}`;
  return a.reason === 'sub-section'
    ? l10n.t('Renumbering left "{0}" as it is: "{1}" may be the number of a sub-section, not of a measure. Escape it ("{2}") if it is text, or correct its number by hand.', written, a.word, escaped)
    : l10n.t(
        'Renumbering left "{0}" as it is: "{1}" after the number makes it look like a date, an ordinal or a year. Escape it ("{2}") if it is text, or correct its number by hand.',
        written,
        a.word,
        escaped,
      );
}

/**
 * The text of `p` after {@link renumberEdits} (a convenience for previews and tests). Returns
 * `p.text` itself when nothing changes.
 */
export function renumberedText(p: Programme, scope: RenumberScope): string {
  return applyChanges(p.text, renumberChanges(p, scope));
}

/** The edits of {@link renumberEdits} as offset changes of `p.text` (sorted, never overlapping). */
export function renumberTextChanges(p: Programme, scope: RenumberScope): TextChange[] {
  return renumberChanges(p, scope).map((c) => ({ span: c.span, newText: c.text }));
}

/** The renumber as offset replacements of `p.text`, sorted by start. */
function renumberChanges(p: Programme, scope: RenumberScope): Change[] {
  let planScope: PlanScope;
  if (scope.kind === 'pillar') {
    const index = p.pillars.indexOf(scope.pillar);
    if (index < 0) return [];
    planScope = { kind: 'pillar', index };
  } else planScope = scope;

  // Plan, apply to a copy, re-read; until the plan is empty (the numbering is in order). The headings
  // stay what they are; a line in doubt may be read otherwise once the numbers around it change (a
  // `13. helse` that fit after `12.` is text after `1.`), so measures are followed by their offsets.
  // Lines that may start a measure but were read as text are escaped in the first round, so that no
  // new numbering can make them measures (`17. mai` becomes `17\. mai`).
  let current = p;
  let at = p.measures.map((m) => m.numberSpan.start);
  // The measures left alone, followed by where their number is in each round's text.
  let fixed = new Set(p.measures.filter(isLeftAlone).map((m) => m.numberSpan.start));
  const pins = pinsOf(p, scope);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const planned = plan(current, planScope, fixed);
    if (planned.length === 0) break;
    const changes = round === 0 && pins.length > 0 ? [...planned, ...pins].sort((a, b) => a.span.start - b.span.start) : planned;
    const next = analyseText(applyChanges(current.text, changes), { measureNumbering: p.mode });
    if (!sameShape(p, next)) break; // Cannot happen by construction; keep the last good round.
    at = at.map((x) => shiftedOffset(x, changes));
    fixed = new Set([...fixed].map((x) => shiftedOffset(x, changes)));
    current = next;
  }
  if (current === p) return [];

  // The number edits: original node → final number (headings by position in document order,
  // measures by where their number is now).
  const numbers: Change[] = [];
  p.pillars.forEach((pillar, i) => {
    const after = current.pillars[i];
    if (pillar.number !== after.number) numbers.push({ span: pillar.numberSpan, text: after.numberText });
  });
  p.subsections.forEach((s, i) => {
    const after = current.subsections[i];
    if (s.numberSpan !== undefined && after.numberText !== undefined && !sameParts(s.numberParts, after.numberParts)) {
      numbers.push({ span: s.numberSpan, text: after.numberText });
    }
  });
  const finalAt = measuresByNumberStart(current);
  p.measures.forEach((m, i) => {
    const after = finalAt.get(at[i]);
    if (after === undefined) return;
    const { digits, letter } = numberParts(m);
    const prefix = m.node.idPrefix;
    if (prefix !== undefined && after.node.idPrefix !== undefined && prefix.text !== after.node.idPrefix.text) numbers.push({ span: prefix.span, text: after.node.idPrefix.text });
    if (m.value !== after.value) numbers.push({ span: digits, text: String(after.value) });
    if (m.alternative !== after.alternative) numbers.push({ span: letter, text: after.alternative });
  });
  if (numbers.length === 0) return [];
  for (const pin of pins) numbers.push(pin);
  numbers.sort((a, b) => a.span.start - b.span.start);

  // The renumbered text (equal to `current.text` unless a number went back to a value it had).
  const resultText = applyChanges(p.text, numbers);
  const result = resultText === current.text ? current : analyseText(resultText, { measureNumbering: p.mode });
  const resultAt = measuresByNumberStart(result);
  const measureAfter = (m: Measure) => resultAt.get(shiftedOffset(m.numberSpan.start, numbers));
  return [...numbers, ...referenceChanges(p, result, measureAfter)].sort((a, b) => a.span.start - b.span.start);
}

/**
 * The escapes (`\` before the delimiter) of the lines in `scope` that may start a measure but were
 * read as text (`Programme.numberedText`, model/reading.ts), as changes of `p.text`.
 */
function pinsOf(p: Programme, scope: RenumberScope): Change[] {
  if (scope.kind === 'pillars') return [];
  // Only where measures are renumbered: inside the pillar, or inside any pillar.
  const pillars = scope.kind === 'pillar' ? [scope.pillar] : p.pillars;
  const out: Change[] = [];
  let i = 0;
  for (const line of p.numberedText) {
    if (line.delimiter !== '.' && line.delimiter !== ')') continue;
    const at = line.numberSpan.start;
    while (i < pillars.length && pillars[i].span.end < at) i++;
    if (i >= pillars.length || pillars[i].span.start > at) continue;
    out.push({ span: { start: line.delimiterSpan.start, end: line.delimiterSpan.start }, text: '\\' });
  }
  return out;
}

/** The measures of `q` by the offset their number starts at. */
function measuresByNumberStart(q: Programme): Map<number, Measure> {
  const out = new Map<number, Measure>();
  for (const m of q.measures) out.set(m.numberSpan.start, m);
  return out;
}

/** Where `offset` of a text is after `changes` (sorted, none of them starting at or after it ends before it). */
function shiftedOffset(offset: number, changes: readonly Change[]): number {
  let delta = 0;
  for (const c of changes) {
    if (c.span.end > offset) break;
    delta += c.text.length - (c.span.end - c.span.start);
  }
  return offset + delta;
}

/** The reference rewrites: each `[[P.N]]`/`[[P]]` of `p` whose target's id differs in `result`. */
function referenceChanges(p: Programme, result: Programme, measureAfter: (m: Measure) => Measure | undefined): Change[] {
  const pillarIndex = new Map<Pillar, number>();
  p.pillars.forEach((x, i) => pillarIndex.set(x, i));
  const out: Change[] = [];
  for (const ref of p.references) {
    if (ref.form.kind !== 'measure' && ref.form.kind !== 'pillar') continue;
    const target = resolveReference(p, ref);
    let before: string | undefined;
    let after: string | undefined;
    if (target?.kind === 'measure') {
      const moved = measureAfter(target);
      if (moved === undefined) continue;
      before = target.id;
      after = moved.id;
    } else if (target?.kind === 'pillar') {
      const i = pillarIndex.get(target);
      if (i === undefined) continue;
      before = target.numberText;
      after = result.pillars[i].numberText;
    }
    if (before === undefined || after === undefined || before === after) continue;
    // Replace the target without the blanks around it (`[[ 1.3 ]]` keeps its blanks).
    const raw = ref.node.target;
    const lead = raw.length - raw.trimStart().length;
    const trail = raw.length - raw.trimEnd().length;
    out.push({ span: { start: ref.node.targetSpan.start + lead, end: ref.node.targetSpan.end - trail }, text: after });
  }
  return out;
}

/**
 * One round's plan on model `q`: the number changes that put `scope` in order as `q` is structured.
 * Values are compared, not texts, so `01.` stays as it is where 1 is right.
 */
function plan(q: Programme, scope: PlanScope, fixed: ReadonlySet<number>): Change[] {
  const changes: Change[] = [];
  if (scope.kind !== 'pillar') {
    const newNumber = new Map<Pillar, number>();
    q.pillars.forEach((pillar, i) => {
      newNumber.set(pillar, i + 1);
      if (pillar.number !== i + 1) changes.push({ span: pillar.numberSpan, text: String(i + 1) });
    });
    // Numbered sub-sections, as rules/numbering.ts checks them: under a numbered parent only.
    const visit = (parent: Pillar | Section | Subsection, oldParts: number[] | undefined, newParts: number[] | undefined) => {
      let ordinal = 0;
      for (const s of parent.subsections) {
        let parts = s.numberParts;
        if (s.numberParts !== undefined && s.numberSpan !== undefined && oldParts !== undefined && newParts !== undefined) {
          if (scope.kind === 'document') parts = [...newParts, ++ordinal];
          else if (extendsParts(s.numberParts, oldParts)) parts = [...newParts, s.numberParts[s.numberParts.length - 1]];
          if (!sameParts(parts, s.numberParts)) changes.push({ span: s.numberSpan, text: parts!.join('.') });
        }
        visit(s, s.numberParts, parts);
      }
    };
    for (const top of q.top) {
      if (top.kind === 'pillar') visit(top, [top.number], [newNumber.get(top)!]);
      else visit(top, undefined, undefined);
    }
  }
  if (scope.kind !== 'pillars') {
    const pillar = scope.kind === 'pillar' ? q.pillars[scope.index] : undefined;
    for (const { measures, start } of measureSequences(q, pillar)) renumberSequence(measures, start, changes, fixed);
  }
  return changes.sort((a, b) => a.span.start - b.span.start);
}

/**
 * The sequences of measures that each run from `start + 1`, by numbering mode, as the
 * `measure-numbering` rule groups them; only those of `pillar` when it is given.
 */
function measureSequences(q: Programme, pillar: Pillar | undefined): { measures: Measure[]; start: number }[] {
  const sequences = modelSequences(q);
  if (q.mode === 'continuous') {
    const inPillars = sequences[0]?.measures ?? [];
    if (pillar === undefined) return [{ measures: inPillars, start: 0 }];
    const first = inPillars.findIndex((m) => m.pillar === pillar);
    if (first < 0) return [];
    // The pillar's measures go on from the place of the measure before them.
    return [{ measures: inPillars.filter((m) => m.pillar === pillar), start: first > 0 ? inPillars[first - 1].value : 0 }];
  }
  // In the other modes every sequence lies within one pillar.
  return sequences.filter((s) => pillar === undefined || s.measures[0]?.pillar === pillar).map((s) => ({ measures: s.measures, start: 0 }));
}

/**
 * Numbers `measures` from `start + 1`; consecutive alternatives with one number share one place. A
 * measure left alone (its number starts at an offset in `fixed`, or {@link isLeftAlone}) keeps its
 * number and its place.
 */
function renumberSequence(measures: Measure[], start: number, changes: Change[], fixed: ReadonlySet<number>): void {
  let place = start;
  let previous: Measure | undefined;
  let previousLetter = '';
  for (const m of measures) {
    let letter: string;
    if (previous !== undefined && m.alternative !== '' && previous.alternative !== '' && previous.value === m.value) {
      // The next alternative of the same place: the next letter (a run past `Z` keeps its letters).
      const next = previousLetter.charCodeAt(0) + 1;
      letter = previousLetter !== '' && next <= 90 ? String.fromCharCode(next) : m.alternative;
    } else {
      place++;
      letter = m.alternative === '' ? '' : 'A';
    }
    previous = m;
    if (fixed.has(m.numberSpan.start) || isLeftAlone(m)) {
      // Read as a measure in doubt (a date, an ordinal …): it keeps its place, and its number (`leftAlone`).
      previousLetter = m.alternative;
      continue;
    }
    const { digits, letter: letterSpan } = numberParts(m);
    if (m.value !== place) changes.push({ span: digits, text: String(place) });
    if (letter !== m.alternative) changes.push({ span: letterSpan, text: letter });
    // A full id (`1.3`) carries its pillar's or section's number: it follows the id the measure has there.
    const prefix = m.node.idPrefix;
    const want = m.id.includes('.') ? m.id.slice(0, m.id.lastIndexOf('.')) : undefined;
    if (prefix !== undefined && want !== undefined && !sameParts(prefix.text.split('.').map(Number), want.split('.').map(Number))) changes.push({ span: prefix.span, text: want });
    previousLetter = letter;
  }
}

/** The spans of a measure's digits and of its alternative letter (empty when it has none). */
function numberParts(m: Measure): { digits: Span; letter: Span } {
  const split = m.numberSpan.end - m.alternative.length;
  return { digits: { start: m.numberSpan.start, end: split }, letter: { start: split, end: m.numberSpan.end } };
}

/** True when `parts` is `parent` plus one part (a sub-section number that extends its parent's). */
function extendsParts(parts: number[], parent: number[]): boolean {
  return parts.length === parent.length + 1 && parent.every((v, i) => parts[i] === v);
}

function sameParts(a: number[] | undefined, b: number[] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/**
 * True when both models have the same headings and references in the same order (what a renumber
 * must keep). Measures are followed by offset: a line in doubt may change its reading.
 */
function sameShape(a: Programme, b: Programme): boolean {
  return a.pillars.length === b.pillars.length && a.subsections.length === b.subsections.length && a.references.length === b.references.length;
}

/** Applies sorted, non-overlapping changes to `text`. */
function applyChanges(text: string, changes: Change[]): string {
  if (changes.length === 0) return text;
  let out = '';
  let at = 0;
  for (const c of changes) {
    out += text.slice(at, c.span.start) + c.text;
    at = c.span.end;
  }
  return out + text.slice(at);
}
