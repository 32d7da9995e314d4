// Selection ranges (expand/shrink selection): word → reference or label → line → measure or paragraph → sub-section → pillar → document.
/**
 * `selectionRanges(p, positions)` gives, for each position, a chain of ranges each strictly containing
 * the one before, innermost first:
 * - the word at the cursor (letters, marks, digits and `_`; a measure number such as `3`);
 * - on a reference: its target (`1.3`, `#arbeid`), then the whole `[[…]]`; on a label: its name, then
 *   the whole `{#…}`; on a measure's number: the number with its delimiter;
 * - the line (without its line break);
 * - the measure or the paragraph of prose; in front matter, the YAML between the fences, then the
 *   front matter with its fences;
 * - each enclosing sub-section, then the pillar or section (from its heading to the last non-blank
 *   line of its part, see `headingPartSpan`);
 * - the whole document.
 * Empty ranges (a blank line) and a range equal to the one before it are skipped; an empty document
 * gives its one empty range. Positions and ranges are 0-based, characters in
 * UTF-16 code units.
 */
import type { Position, SelectionRange } from 'vscode-languageserver-types';
import { enclosingHeadings, headingPartSpan, inFrontMatter, labelAt, measureAt, measureNumberSpan, paragraphAt, referenceAt } from '../model/locate';
import type { Programme } from '../model/programme';
import type { Span } from '../syntax/span';

const WORD_CHAR = /[\p{L}\p{M}\p{N}_]/u;

/** The selection ranges at each of `positions`, in the same order (see the module comment). */
export function selectionRanges(p: Programme, positions: Position[]): SelectionRange[] {
  return positions.map((position) => selectionRange(p, p.lines.offsetAt(position)));
}

function selectionRange(p: Programme, offset: number): SelectionRange {
  const spans: Span[] = [];
  const word = wordAt(p.text, offset);
  if (word !== undefined) spans.push(word);
  const ref = referenceAt(p, offset);
  if (ref !== undefined) spans.push(trimmed(p.text, ref.node.targetSpan), ref.span);
  const label = labelAt(p, offset);
  if (label !== undefined) spans.push(label.nameSpan, label.span);
  const measure = measureAt(p, offset);
  if (measure !== undefined) {
    const n = measureNumberSpan(measure);
    if (offset >= n.start && offset <= n.end) spans.push(n);
  }
  const line = p.lines.lineAt(offset);
  spans.push({ start: p.lines.lineStarts()[line], end: p.lines.lineContentEnd(line) });
  if (measure !== undefined) spans.push(measure.span);
  const paragraph = paragraphAt(p, offset);
  if (paragraph !== undefined) spans.push(paragraph.span);
  if (inFrontMatter(p, offset) && p.frontMatter !== undefined) spans.push(p.frontMatter.contentSpan, p.frontMatter.span);
  for (const node of enclosingHeadings(p, offset)) spans.push(headingPartSpan(p, node));
  const document = { start: 0, end: p.text.length };
  spans.push(document);

  // Keep each non-empty span that contains the cursor and strictly contains the one kept before it.
  const kept: Span[] = [];
  for (const span of spans) {
    if (span.start > offset || span.end < offset || (span.start === span.end && span !== document)) continue;
    const last = kept[kept.length - 1];
    if (last !== undefined && !(span.start <= last.start && span.end >= last.end && (span.start < last.start || span.end > last.end))) continue;
    kept.push(span);
  }
  // The document span always contains the cursor (offsets are clamped to the text), so `kept` is never empty.
  let result: SelectionRange | undefined;
  for (let i = kept.length - 1; i >= 0; i--) {
    const range = p.lines.rangeOf(kept[i]);
    result = result === undefined ? { range } : { range, parent: result };
  }
  return result!;
}

/** The word touching `offset` (a run of letters, marks, digits and `_`), or undefined. */
function wordAt(text: string, offset: number): Span | undefined {
  let start = offset;
  let end = offset;
  while (start > 0 && WORD_CHAR.test(text[start - 1])) start--;
  while (end < text.length && WORD_CHAR.test(text[end])) end++;
  return end > start ? { start, end } : undefined;
}

/** `span` without blanks at its ends (an empty span stays where it starts). */
function trimmed(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}
