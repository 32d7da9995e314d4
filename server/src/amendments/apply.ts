/**
 * The adopted text (docs/amendments.md, "The adopted text"): the amendments of the chosen statuses
 * (adopted, by default) applied to the programme's source text, in line order, then the measures
 * renumbered with the references following (features/renumber.ts, the whole document), unless the
 * draft's own numbering was not in order before the amendments (then nothing is renumbered, and
 * `outOfOrder` says how many numbers are out of order).
 *
 * Each amendment's quoted words are found on its printed lines (amendments/locate.ts), then in the
 * source text of those lines (comments and labels are not printed, so they are not searched; runs of
 * spaces and line breaks are one space), and changed there:
 * - a replacement puts the new words where the quoted ones stand;
 * - a deletion takes the quoted words out with the space before them (or after them, at the start of
 *   a line); a deletion of all the words of a block (a whole measure, its label too) takes its lines
 *   out, with the blank line after it;
 * - an insertion puts the new words after the quoted ones, with a space between unless the new words
 *   start with a punctuation mark.
 *
 * An amendment is refused, with a sentence that says why, when it cannot be read whole, when its
 * quote is not once on its lines (on other lines: the congress voted on what it cites, so its lines
 * must be corrected first; the check's fix does it), when its words are printed from something written
 * otherwise (a reference prints "tiltak 4.7" from `[[4.7]]`), or when its words overlap those of
 * another amendment that is applied (both are refused: the order cannot decide).
 *
 * Pure: texts and models in, the new text and what was done out. Applying no amendment gives the
 * programme back unchanged, byte for byte (nothing is renumbered then).
 */
import * as l10n from '@vscode/l10n';
import type { Config } from '../model/config';
import type { Programme } from '../model/programme';
import { analyse, type Analysis } from '../rules/index';
import { renumberTextChanges } from '../features/renumber';
import { resolveReference } from '../model/resolve';
import type { Span } from '../syntax/span';
import type { PrintedDraft } from './lines';
import { draftText, type DraftMatch, type DraftText } from './locate';
import { blockingFindings, findingReason, locateAll, type LocatedAmendment } from './check';
import type { Amendment, AmendmentStatus, AmendmentsFile } from './model';
import { allIndexes, isSpace } from './text';

/** What to apply. */
export interface ApplyOptions {
  /** The statuses whose amendments are applied; default `['adopted']`. */
  statuses?: readonly AmendmentStatus[];
  /** The programme's configuration (its numbering mode, for the renumbering and the check of the result). */
  config?: Config;
}

/** An amendment's change of the source text. */
export interface SourceEdit {
  amendment: Amendment;
  /** The source text replaced (UTF-16 offsets of the programme's text before the amendments). */
  span: Span;
  newText: string;
  /** The printed lines (numbers) the change is on. */
  lines: { first: number; last: number };
}

/** An amendment that was not applied, and why (a sentence for people). */
export interface Refusal {
  amendment: Amendment;
  reason: string;
}

/**
 * A reference to a measure an amendment deleted: `[[2.3]]` named measure 2.3, which E4 deleted; after
 * the renumbering the same words may name another measure (the one after it, now 2.3), or nothing.
 */
export interface Orphan {
  /** The reference as written (`[[2.3]]`, `[[#skolemat]]`). */
  reference: string;
  /** Its 0-based line in the adopted text. */
  line: number;
  /** Its offset in the amended text (before the renumbering). */
  offset: number;
  /** The id of the measure it named in the draft (`2.3`). */
  named?: string;
  /** The amendment that deleted that measure. */
  deletedBy?: string;
  /** What it names in the adopted text, when it names a measure: its id and its first words. */
  now?: { id: string; text: string };
}

/** What {@link applyAmendments} did. */
export interface ApplyResult {
  /** The adopted text: the programme with the edits applied and the measures renumbered. */
  text: string;
  /** The programme with the edits applied, before the renumbering (`text` when nothing was renumbered). */
  amended: string;
  /** The amendments' edits, in line order (offsets of the programme's text as it was). */
  edits: SourceEdit[];
  /** The amendments of the chosen statuses that were not applied, and those whose status is unknown, in line order. */
  refused: Refusal[];
  /** How many measures, pillars and references the renumbering changed (0: none, or nothing was applied, or `outOfOrder`). */
  renumbered: number;
  /** What the renumbering changed, in the order of the text: the 0-based line (of `text`), the text before and after (`5` → `4`, `[[1.5]]`'s `1.5` → `1.4`). */
  renumberings: { line: number; old: string; new: string }[];
  /**
   * How many numbers "Renumber the whole document" would change in the programme before the
   * amendments: when not 0, the adopted text is not renumbered (a draft numbered out of order is
   * renumbered by a person after reviewing it, not as a side effect of the amendments).
   */
  outOfOrder: number;
  /**
   * References that named something before and name nothing after the amendments (a deleted measure
   * that was referred to by number or label): the renumbering cannot make them follow. See {@link Orphan}.
   */
  orphaned: Orphan[];
  /** The analysis of the adopted text, with the programme's configuration. */
  analysis: Analysis;
}

/**
 * Applies the amendments of `file` with the chosen statuses to the programme `p`, whose printed draft
 * is `draft` (made as the checks make it). Pure; never throws on models built by the parsers.
 */
export function applyAmendments(p: Programme, draft: PrintedDraft, file: AmendmentsFile, options: ApplyOptions = {}): ApplyResult {
  const statuses = options.statuses ?? ['adopted'];
  const config = options.config ?? {};
  const dt = draftText(draft);
  const all = locateAll(file, dt);
  const blocking = blockingFindings(file, dt, all);
  // An unknown status is no status: named among the refused whatever the statuses applied.
  const located = all.filter((l) => l.amendment.status === 'unknown' || statuses.includes(l.amendment.status));
  const source = searchableSource(p);
  const candidates: SourceEdit[] = [];
  const refused: Refusal[] = [];
  for (const l of located) {
    const finding = blocking.get(l.amendment);
    if (finding !== undefined) {
      refused.push({ amendment: l.amendment, reason: findingReason(l.amendment, finding) });
      continue;
    }
    const edit = sourceEdit(p, dt, source, l);
    if ('reason' in edit) refused.push(edit);
    else candidates.push(edit);
  }
  // Overlapping edits are refused together: neither order is what the congress decided.
  candidates.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const clash = new Map<SourceEdit, SourceEdit[]>();
  for (let i = 0; i < candidates.length; i++) {
    for (let j = i + 1; j < candidates.length && candidates[j].span.start <= candidates[i].span.end; j++) {
      if (!overlaps(candidates[i], candidates[j])) continue;
      clash.set(candidates[i], [...(clash.get(candidates[i]) ?? []), candidates[j]]);
      clash.set(candidates[j], [...(clash.get(candidates[j]) ?? []), candidates[i]]);
    }
  }
  const edits: SourceEdit[] = [];
  for (const e of candidates) {
    const others = clash.get(e);
    if (others === undefined) edits.push(e);
    else refused.push({ amendment: e.amendment, reason: l10n.t('{0} changes the same words as {1}: neither is applied. Merge them into one amendment, or change the status of one.', e.amendment.id, others.map((o) => o.amendment.id).join(', ')) });
  }
  refused.sort((a, b) => (a.amendment.range?.first ?? 0) - (b.amendment.range?.first ?? 0));

  if (edits.length === 0) {
    return { text: p.text, amended: p.text, edits, refused, renumbered: 0, renumberings: [], outOfOrder: 0, orphaned: [], analysis: analyse(p.text, config) };
  }
  const amended = applyEdits(p.text, edits);
  const before = analyse(amended, config);
  const orphaned = orphanedReferences(p, before.programme, edits);
  // A draft whose numbering is not in order before the amendments would be renumbered where no
  // amendment touched it (a heading's number, a list numbered by hand): left as it is, and said.
  const outOfOrder = renumberTextChanges(p, { kind: 'document' }).length;
  const renumber = outOfOrder > 0 ? [] : renumberTextChanges(before.programme, { kind: 'document' });
  const text = renumber.length === 0 ? amended : applyEdits(amended, renumber.map((c) => ({ span: c.span, newText: c.newText })));
  const renumberings = renumber.map((c) => ({ line: before.programme.lines.positionAt(c.span.start).line, old: amended.slice(c.span.start, c.span.end), new: c.newText }));
  const analysis = renumber.length === 0 ? before : analyse(text, config);
  // What each orphaned reference names after the renumbering: the reference is where its offset moved.
  for (const o of orphaned) {
    const at = shiftedOffset(o.offset, renumber);
    const r = analysis.programme.references.find((x) => x.span.start === at);
    const now = r !== undefined ? resolveReference(analysis.programme, r) : undefined;
    if (now !== undefined && now.kind === 'measure') o.now = { id: now.id, text: plainStart(text.slice(now.span.start, now.span.end), now) };
    o.line = analysis.programme.lines.positionAt(at).line;
  }
  return { text, amended, edits, refused, renumbered: renumber.length, renumberings, outOfOrder, orphaned, analysis };
}

/** `offset` of a text, after `changes` (sorted, not overlapping) are applied to it. */
function shiftedOffset(offset: number, changes: readonly { span: Span; newText: string }[]): number {
  let shift = 0;
  for (const c of changes) {
    if (c.span.end > offset) break;
    shift += c.newText.length - (c.span.end - c.span.start);
  }
  return offset + shift;
}

/** The first words of a measure's source text (after its number), at most about 60 characters, whole words, for a message. */
function plainStart(source: string, m: { numberSpan: Span; span: Span }): string {
  const words = source.slice(m.numberSpan.end - m.span.start).split(/\s+/).filter((w) => w !== '');
  if (words.length > 0 && /^[.):]$/.test(words[0])) words.shift();
  else if (words.length > 0 && /^[.):]/.test(words[0])) words[0] = words[0].slice(1);
  let out = '';
  for (const w of words) {
    if (out.length + w.length + 1 > 60) return `${out}…`;
    out = out === '' ? w : `${out} ${w}`;
  }
  return out;
}

/** True when two edits touch the same words, or insert at the same place. */
function overlaps(a: SourceEdit, b: SourceEdit): boolean {
  if (a.span.start === a.span.end || b.span.start === b.span.end) return a.span.start === b.span.start || (a.span.start > b.span.start && a.span.start < b.span.end) || (b.span.start > a.span.start && b.span.start < a.span.end);
  return a.span.start < b.span.end && b.span.start < a.span.end;
}

/** `text` with `edits` (sorted, not overlapping) applied. */
function applyEdits(text: string, edits: { span: Span; newText: string }[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const e of [...edits].sort((a, b) => a.span.start - b.span.start)) {
    parts.push(text.slice(at, e.span.start), e.newText);
    at = e.span.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** The programme's text as searched for printed words: comments and labels blanked, every kind of space a space (same length). */
function searchableSource(p: Programme): string {
  const hidden: Span[] = [...p.tree.comments.map((c) => c.span), ...p.labels.map((l) => l.span)].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const h of hidden) {
    if (h.start < at) continue;
    out += p.text.slice(at, h.start) + ' '.repeat(h.end - h.start);
    at = h.end;
  }
  out += p.text.slice(at);
  let plain = '';
  for (const c of out) plain += c.length === 1 && isSpace(c) ? ' ' : c;
  return plain;
}

/**
 * The places of `quote` in `source[from, to)`, white space in the source matching one space of the
 * quote (and a run of them): each as a span of the source.
 */
function findInSource(source: string, from: number, to: number, quote: string): Span[] {
  // The stretch with its runs of spaces made one, and where each character came from.
  let text = '';
  const offsets: number[] = [];
  let space = false;
  for (let i = from; i < to; i++) {
    if (source[i] === ' ') {
      space = true;
      continue;
    }
    if (space && text !== '') {
      text += ' ';
      offsets.push(i - 1);
    }
    space = false;
    text += source[i];
    offsets.push(i);
  }
  return allIndexes(text, quote).map((at) => ({ start: offsets[at], end: offsets[at + quote.length - 1] + 1 }));
}

/** The edit of a located amendment, or why it is refused. */
function sourceEdit(p: Programme, dt: DraftText, source: string, l: LocatedAmendment): SourceEdit | Refusal {
  const a = l.amendment;
  const refuse = (reason: string): Refusal => ({ amendment: a, reason });
  if (a.change === undefined || a.quoted === undefined || a.range === undefined || (a.change.value !== 'delete' && a.replacement === undefined)) {
    return refuse(l10n.t('{0} cannot be read whole (its lines, its change or its quotes): "programme check" says what is missing.', a.id));
  }
  const loc = l.location;
  let match: DraftMatch;
  switch (loc.kind) {
    case 'here':
    case 'moved':
      match = loc.match;
      break;
    case 'elsewhere':
      return refuse(
        l.cited?.kind === 'lines'
          ? l10n.t('The words {0} quotes are not on the lines it cites: correct its lines first ("programme check" offers the fix). The congress voted on what it cites.', a.id)
          : l.cited?.kind === 'no-pillar'
            ? l10n.t('{0} names no pillar, and the draft numbers its lines from 1 in each pillar: say which pillar first ("programme check" says where its words are).', a.id)
            : l10n.t('{0} cites lines that are not in the draft: correct them first ("programme check" says where its words are).', a.id),
      );
    case 'ambiguous':
      return refuse(l10n.t('The words {0} quotes stand more than once on its lines: it cannot say which is meant.', a.id));
    case 'missing':
      return refuse(l10n.t('The words {0} quotes are not in the draft.', a.id));
    default:
      return refuse(l10n.t('{0} cannot be read whole (its lines, its change or its quotes): "programme check" says what is missing.', a.id));
  }
  const lines = dt.draft.lines;
  const first = lines[match.first];
  const last = lines[match.last];
  const from = Math.min(first.source.start, last.source.start);
  const to = Math.max(first.source.end, last.source.end);
  const quote = a.quoted.value;
  let found = findInSource(source, from, to, quote);
  if (found.length > 1) {
    // The lines' source spans may be their block's: take the place that is in the same order among the quote's places in the block.
    const block = dt.draft.blocks[first.block].source;
    const inBlockPrinted = allIndexes(dt.text.slice(dt.starts[firstLineOfBlock(dt, first.block)], dt.ends[lastLineOfBlock(dt, first.block)]), quote);
    const inBlockSource = findInSource(source, block.start, block.end, quote);
    const k = inBlockPrinted.indexOf(match.start - dt.starts[firstLineOfBlock(dt, first.block)]);
    found = inBlockPrinted.length === inBlockSource.length && k >= 0 ? [inBlockSource[k]] : [];
  }
  if (found.length !== 1) {
    return refuse(l10n.t('The words {0} quotes are printed from text written otherwise (a reference, an escaped number, a label): change it by hand.', a.id));
  }
  const span = found[0];
  const at = { first: first.number, last: last.number };
  const text = p.text;
  switch (a.change.value) {
    case 'replace':
      return a.replacement!.value === '' ? { amendment: a, span: deletion(text, span), newText: '', lines: at } : { amendment: a, span, newText: a.replacement!.value, lines: at };
    case 'delete':
      return { amendment: a, span: deletion(text, span), newText: '', lines: at };
    case 'insertAfter': {
      const added = a.replacement!.value;
      const glue = added === '' || PUNCTUATION.includes(added[0]) || isSpace(text[span.end - 1] ?? ' ') ? '' : ' ';
      return { amendment: a, span: { start: span.end, end: span.end }, newText: glue + added, lines: at };
    }
  }
}

/** Characters that follow a word without a space. */
const PUNCTUATION = ',.;:!?)]}»”’…';

function firstLineOfBlock(dt: DraftText, block: number): number {
  return dt.draft.lines.findIndex((l) => l.block === block);
}

function lastLineOfBlock(dt: DraftText, block: number): number {
  let last = -1;
  dt.draft.lines.forEach((l, i) => {
    if (l.block === block) last = i;
  });
  return last;
}

/** True when `s` is a heading's marks and nothing else: `#`s, then blanks (`## `). */
function onlyHeadingMarks(s: string): boolean {
  let i = 0;
  while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
  const hashes = i;
  while (i < s.length && s[i] === '#') i++;
  if (i === hashes) return false;
  return s.slice(i).trim() === '';
}

/**
 * The span a deletion of `span` takes out of `text`: with the spaces before it (or after it, when
 * nothing but spaces stands before it on its line); when nothing but spaces (before it, a heading's `#`
 * marks too; after it, the label of what it deletes) stands on its lines around it, the whole lines,
 * and the blank line after them.
 */
function deletion(text: string, span: Span): Span {
  let start = span.start;
  let end = span.end;
  let lineStart = start;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  let lineEnd = end;
  while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
  const blankBefore = text.slice(lineStart, start).trim() === '';
  // A heading's marks (`## `) are not words: a deletion of all its words takes the heading out.
  const headingBefore = !blankBefore && onlyHeadingMarks(text.slice(lineStart, start));
  // A label after the words goes with its measure: it names what is deleted.
  const after = text.slice(end, lineEnd).trim();
  const blankAfter = after === '' || (after.startsWith('{#') && after.endsWith('}') && after.indexOf('}') === after.length - 1);
  if ((blankBefore || headingBefore) && blankAfter) {
    // The whole lines, with their line break, and one blank line after them.
    let e = lineEnd;
    e += text.startsWith('\r\n', e) ? 2 : e < text.length ? 1 : 0;
    let k = e;
    while (k < text.length && (text[k] === ' ' || text[k] === '\t')) k++;
    if (text.startsWith('\r\n', k)) e = k + 2;
    else if (text[k] === '\n' || text[k] === '\r') e = k + 1;
    else if (k >= text.length) e = k;
    return { start: lineStart, end: e };
  }
  if (!blankBefore && (text[start - 1] === ' ' || text[start - 1] === '\t')) {
    while (start > lineStart && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
    return { start, end };
  }
  while (end < lineEnd && (text[end] === ' ' || text[end] === '\t')) end++;
  return { start, end };
}

/**
 * References of `after` that name nothing, whose text named something in `before`: a measure the
 * amendments deleted was referred to by its number.
 */
function orphanedReferences(before: Programme, after: Programme, edits: readonly SourceEdit[]): Orphan[] {
  const resolvedBefore = new Map<string, ReturnType<typeof resolveReference>>();
  for (const r of before.references) {
    const t = resolveReference(before, r);
    if (t !== undefined && !resolvedBefore.has(r.target)) resolvedBefore.set(r.target, t);
  }
  const out: Orphan[] = [];
  for (const r of after.references) {
    const was = resolvedBefore.get(r.target);
    if (was === undefined || resolveReference(after, r) !== undefined) continue;
    const by = edits.find((e) => e.span.start <= was.span.start && e.span.end >= Math.min(was.span.end, e.span.end) && e.span.end > was.span.start);
    out.push({
      reference: `[[${r.target}]]`,
      line: after.lines.positionAt(r.span.start).line,
      offset: r.span.start,
      ...(was.kind === 'measure' ? { named: was.id } : {}),
      ...(by !== undefined ? { deletedBy: by.amendment.id } : {}),
    });
  }
  return out;
}
