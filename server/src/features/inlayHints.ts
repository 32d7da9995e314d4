// Inlay hints: after each `[[#label]]` reference, the current number of what it names, as it will be printed.
/**
 * `inlayHints(p, range)` gives, for every `[[#label]]` reference that touches `range` and resolves,
 * a hint just after its `]]` showing the target's current id: `1.3` for a measure (in the document's
 * numbering mode), `2` for a pillar, `1.1` for a numbered sub-section. Targets without a number (an
 * unnumbered section or sub-section) get no hint, nor do references written by number (`[[1.3]]`
 * already shows it). The hint has padding on its left and no kind; its tooltip is the target's
 * description (Markdown). Positions are 0-based, characters in UTF-16 code units.
 */
import { MarkupKind, type InlayHint, type Range } from 'vscode-languageserver-types';
import type { Programme } from '../model/programme';
import { resolveReference, targetId, type Target } from '../model/resolve';
import { targetMarkdown } from './describe';

/** The number a target is printed with (its {@link targetId}), or undefined when it has none (unnumbered headings). */
export function printedNumber(target: Target): string | undefined {
  if (target.kind === 'section' || (target.kind === 'subsection' && target.numberText === undefined)) return undefined;
  return targetId(target);
}

/** The inlay hints of the references in `range` (see the module comment), in document order. */
export function inlayHints(p: Programme, range: Range): InlayHint[] {
  const start = p.lines.offsetAt(range.start);
  const end = p.lines.offsetAt(range.end);
  const hints: InlayHint[] = [];
  // References are in document order: skip those that end before the range, stop after it.
  let lo = 0;
  let hi = p.references.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (p.references[mid].span.end < start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < p.references.length; i++) {
    const ref = p.references[i];
    if (ref.span.start > end) break;
    if (ref.form.kind !== 'label') continue;
    const target = resolveReference(p, ref);
    if (target === undefined) continue;
    const number = printedNumber(target);
    if (number === undefined) continue;
    hints.push({
      position: p.lines.positionAt(ref.span.end),
      label: number,
      paddingLeft: true,
      tooltip: { kind: MarkupKind.Markdown, value: targetMarkdown(p, target) },
    });
  }
  return hints;
}
