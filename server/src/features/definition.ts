// Go to definition: from a `[[…]]` reference to the measure, pillar, sub-section or label it names.
/**
 * `definition(p, uri, position)`: on a reference, the place its target is declared, in the same
 * document:
 * - `[[1.3]]` → the measure's number with its delimiter (`3.`);
 * - `[[2]]` → the pillar's heading (`# 2. Klima og natur`, without its label);
 * - `[[#label]]` → the label declaration `{#label}` it binds to (the first one with its name, after
 *   NFC and case folding).
 * An unresolved reference, and any other place, give no location (an empty list). Ranges are 0-based,
 * characters in UTF-16 code units.
 */
import type { Location, Position } from 'vscode-languageserver-types';
import { declarationSpan, referenceAt, referencedLabel } from '../model/locate';
import type { Programme } from '../model/programme';
import { resolveReference } from '../model/resolve';

/** The definition of the reference at `position` in the document `uri` (see the module comment). */
export function definition(p: Programme, uri: string, position: Position): Location[] {
  const ref = referenceAt(p, p.lines.offsetAt(position));
  if (ref === undefined) return [];
  const target = resolveReference(p, ref);
  if (target === undefined) return [];
  const label = referencedLabel(p, ref);
  const span = label !== undefined ? label.span : declarationSpan(target);
  return [{ uri, range: p.lines.rangeOf(span) }];
}
