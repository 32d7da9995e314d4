// Rename a label: the `{#label}` declaration and every `[[#label]]` reference that binds to it change together.
/**
 * `prepareRename(p, position)` and `rename(p, uri, position, newName)`.
 *
 * Only labels can be renamed, from their declaration `{#name}` or from a `[[#name]]` reference;
 * measure and pillar numbers change by renumbering instead. The edit replaces the label's name in its
 * declaration and in every `[[#…]]` reference that binds to it (the first declaration of a name, after
 * NFC and case folding; see `resolve.ts`), each written with the new name. Nothing but the names
 * changes: not the `{#`, `}`, `[[`, `#`, `]]` around them, nor blanks inside the brackets. A repeated
 * declaration (a `duplicate-label` error) is renamed alone: no reference binds to it.
 *
 * Refused, with a message for the writer: anything that is not a label; a reference to a label that is
 * not declared; a new name that is empty or holds characters other than letters, digits, `-`, `_` and
 * `.` (format §3; one leading `#` is accepted and dropped), saying which character is wrong (a space,
 * a line break, a tab, an invisible character by its code point, or the character itself); a new name
 * that equals another label's after NFC and case folding. Ranges are 0-based, characters in UTF-16
 * code units.
 */
import * as l10n from '@vscode/l10n';
import type { Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { nodeAt, referenceLabelNameSpan, referencedLabel } from '../model/locate';
import { labelKey, type Label, type Programme } from '../model/programme';
import { referencesToLabel } from '../model/resolve';
import type { Span } from '../syntax/span';
import { isValidLabelName } from '../syntax/tree';
import { invisibleCharacter } from '../rules/fold';
import { byTarget } from './describe';

/** The refusal for anything but a label. */
export function onlyLabels(): string {
  return l10n.t('Only labels can be renamed; measure and pillar numbers change by renumbering (Programme: Renumber Document).');
}

/** The label at an offset and the span of its name there (in the declaration or in a reference). */
interface LabelAt {
  label: Label;
  nameSpan: Span;
}

function labelAtOffset(p: Programme, offset: number): LabelAt | { error: string } {
  const at = nodeAt(p, offset);
  if (at.kind === 'label') return { label: at.label, nameSpan: at.label.nameSpan };
  if (at.kind === 'reference' && at.reference.form.kind === 'label') {
    const label = referencedLabel(p, at.reference);
    const nameSpan = referenceLabelNameSpan(p, at.reference);
    if (label === undefined || nameSpan === undefined) {
      return {
        error: l10n.t(
          'No heading or measure has the label "{0}", so there is nothing to rename. Add the label to a heading or measure, or correct the reference.',
          `{#${at.reference.form.name}}`,
        ),
      };
    }
    return { label, nameSpan };
  }
  return { error: onlyLabels() };
}

/**
 * Whether the label at `position` can be renamed: the range of its name there (without `{#`, `}` or
 * `#`) and the name as declared as the placeholder; or an error message to show.
 */
export function prepareRename(p: Programme, position: Position): { range: Range; placeholder: string } | { error: string } {
  const found = labelAtOffset(p, p.lines.offsetAt(position));
  if ('error' in found) return found;
  return { range: p.lines.rangeOf(found.nameSpan), placeholder: found.label.name };
}

/**
 * The edit that renames the label at `position` to `newName` in the document `uri`: one text edit per
 * name (declaration first, then the references in document order); or an error message to show.
 */
export function rename(p: Programme, uri: string, position: Position, newName: string): WorkspaceEdit | { error: string } {
  const found = labelAtOffset(p, p.lines.offsetAt(position));
  if ('error' in found) return found;
  const name = newName.startsWith('#') ? newName.slice(1) : newName;
  const problem = checkNewName(p, found.label, name);
  if (problem !== undefined) return { error: problem };
  const edits: TextEdit[] = [{ range: p.lines.rangeOf(found.label.nameSpan), newText: name }];
  for (const ref of referencesToLabel(p, found.label)) {
    const span = referenceLabelNameSpan(p, ref);
    if (span !== undefined) edits.push({ range: p.lines.rangeOf(span), newText: name });
  }
  return { changes: { [uri]: edits } };
}

/** Why `name` cannot be the new name of `label`, or undefined when it can. */
function checkNewName(p: Programme, label: Label, name: string): string | undefined {
  if (name.trim() === '') return l10n.t('A label needs a name: write letters, digits, "-", "_" or ".", for example "arbeid".');
  if (!isValidLabelName(name)) {
    const bad = /[^\p{L}\p{M}\p{N}_.-]/u.exec(name)?.[0] ?? '';
    const suggestion =
      name
        .trim()
        .split(/[^\p{L}\p{M}\p{N}_.-]+/u)
        .filter((w) => w !== '')
        .join('-') || 'arbeid';
    // A name with a line break, a tab or an invisible character is shown escaped (JSON), so that the message shows what is there.
    const shown = JSON.stringify(name);
    if (bad === '\n' || bad === '\r' || bad === '\u2028' || bad === '\u2029') {
      return l10n.t('{0} contains a line break; a label stands on one line and holds letters, digits, "-", "_" and "." only. Use "-" between words, for example "{1}".', shown, suggestion);
    }
    if (bad === '\t') return l10n.t('{0} contains a tab; a label holds letters, digits, "-", "_" and "." only. Use "-" between words, for example "{1}".', shown, suggestion);
    if (/\s/.test(bad)) return l10n.t('"{0}" contains a space; a label holds letters, digits, "-", "_" and "." only. Use "-" between words, for example "{1}".', name, suggestion);
    const invisible = invisibleCharacter(bad.charCodeAt(0));
    if (invisible !== undefined) {
      return l10n.t('{0} contains the invisible character {1} ({2}); a label holds letters, digits, "-", "_" and "." only. Remove it, for example "{3}".', shown, invisible.hex, invisible.name, suggestion);
    }
    return l10n.t('"{0}" contains "{1}"; a label holds letters, digits, "-", "_" and "." only. Use "-" between words, for example "{2}".', name, bad, suggestion);
  }
  const key = labelKey(name);
  const other = p.labels.find((l) => l !== label && l.key === key);
  if (other !== undefined) {
    const line = p.lines.lineAt(other.span.start) + 1;
    const used = `{#${other.name}}`;
    return byTarget(other.owner, {
      measure: (id) => l10n.t('The label "{0}" is already used on measure {1} (line {2}); labels must differ in more than capital letters. Choose another name.', used, id, line),
      pillar: (pillar) => l10n.t('The label "{0}" is already used on pillar {1} (line {2}); labels must differ in more than capital letters. Choose another name.', used, pillar, line),
      subsection: (subsection) =>
        l10n.t('The label "{0}" is already used on sub-section {1} (line {2}); labels must differ in more than capital letters. Choose another name.', used, subsection, line),
      section: (title) => l10n.t('The label "{0}" is already used on section {1} (line {2}); labels must differ in more than capital letters. Choose another name.', used, title, line),
    });
  }
  return undefined;
}
