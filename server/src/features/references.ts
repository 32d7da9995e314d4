// Find all references: every `[[…]]` that names a measure, pillar, sub-section or label, from its declaration or from one of its references.
/**
 * `findReferences(p, uri, position, includeDeclaration)` collects the references to what is at
 * `position`:
 * - on a measure's number, a heading line (pillar, section or sub-section), or a `[[1.3]]`/`[[2]]`
 *   reference: every reference that resolves to that measure or heading, whether written by number or
 *   by label; the declaration is the measure's number or the heading's name;
 * - on a label declaration `{#…}` or a `[[#…]]` reference: every reference that resolves to what the
 *   label marks (by label or by number); the declaration is the label `{#…}`. A repeated label (a
 *   `duplicate-label` error) has no references: they bind to the first declaration of the name.
 * With `includeDeclaration` the declaration comes first; the references follow in document order.
 * An unresolved reference gives the other references written with the same target (so that a slip
 * repeated in several places can be found). Each location is the whole `[[…]]`. Ranges are 0-based,
 * characters in UTF-16 code units; all locations are in the document `uri`.
 */
import type { Location, Position } from 'vscode-languageserver-types';
import { declarationSpan, nodeAt, referencedLabel } from '../model/locate';
import type { Label, Programme, Reference } from '../model/programme';
import { programmeIndex, referencesTo, resolveReference, type Target } from '../model/resolve';
import type { Span } from '../syntax/span';

/** The references to what is at `position` (see the module comment); empty when nothing there can be referenced. */
export function findReferences(p: Programme, uri: string, position: Position, includeDeclaration: boolean): Location[] {
  const found = referencedAt(p, p.lines.offsetAt(position));
  if (found === undefined) return [];
  const spans: Span[] = [];
  if (includeDeclaration && found.declaration !== undefined) spans.push(found.declaration);
  for (const ref of found.references) spans.push(ref.span);
  return spans.map((span) => ({ uri, range: p.lines.rangeOf(span) }));
}

/** What is referenced at an offset: its declaration's span and the references to it, in document order. */
export interface Referenced {
  /** The target, when the cursor is on something that exists. */
  target?: Target;
  /** The span of the declaration (a measure's number, a heading's name or a label), if any. */
  declaration?: Span;
  references: Reference[];
}

/** The declaration and the references of what is at `offset`; undefined when nothing there can be referenced. */
export function referencedAt(p: Programme, offset: number): Referenced | undefined {
  const at = nodeAt(p, offset);
  switch (at.kind) {
    case 'measureNumber':
      return ofTarget(p, at.measure);
    case 'heading':
      return ofTarget(p, at.node);
    case 'label':
      return ofLabel(p, at.label);
    case 'reference': {
      const ref = at.reference;
      const label = referencedLabel(p, ref);
      if (label !== undefined) return ofLabel(p, label);
      const target = resolveReference(p, ref);
      if (target !== undefined) return ofTarget(p, target);
      // Unresolved: the references written with the same target, so a repeated slip can be found.
      const key = formKey(ref);
      const same = p.references.filter((r) => formKey(r) === key && resolveReference(p, r) === undefined);
      return { references: same };
    }
    default:
      return undefined;
  }
}

/** What a reference's text names, as one comparable string (labels by their key). */
function formKey(ref: Reference): string {
  const form = ref.form;
  switch (form.kind) {
    case 'measure':
      return `measure:${form.id}`;
    case 'pillar':
      return `pillar:${form.number}`;
    case 'label':
      return `label:${form.key}`;
    default:
      return `invalid:${ref.target.trim()}`;
  }
}

function ofTarget(p: Programme, target: Target): Referenced {
  return { target, declaration: declarationSpan(target), references: referencesTo(p, target) };
}

function ofLabel(p: Programme, label: Label): Referenced {
  if (programmeIndex(p).labelsByKey.get(label.key) !== label) return { declaration: label.span, references: [] };
  return { target: label.owner, declaration: label.span, references: referencesTo(p, label.owner) };
}
