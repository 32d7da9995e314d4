/**
 * Helpers for the tests of edits (renumber, code actions, on-type formatting): applying LSP text
 * edits, masking numbers and reference targets, and what each reference resolves to.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { analyse } from '../../server/src/rules/index';
import { measureSummary, type NumberingMode, type Programme } from '../../server/src/model/programme';
import { resolveReference } from '../../server/src/model/resolve';

/** Applies LSP text edits (0-based lines, UTF-16 characters) to `text`. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///t.programme', 'programme', 1, text), edits);
}

/** Applies the edits a `WorkspaceEdit` holds for `uri` (its `changes`) to `text`. */
export function applyWorkspaceEdit(text: string, edit: WorkspaceEdit | undefined, uri: string): string {
  return applyEdits(text, edit?.changes?.[uri] ?? []);
}

/** Joins fixture lines with LF. */
export const doc = (...lines: string[]): string => lines.join('\n');

/** The codes a document renumber must leave no diagnostic of. */
export const NUMBERING_CODES = new Set(['pillar-numbering', 'measure-numbering', 'section-numbering']);

/** The numbering diagnostics of `text`, as `line: code` (0-based lines). */
export function numberingDiagnostics(text: string, mode: NumberingMode = 'per-pillar'): string[] {
  const { programme, diagnostics } = analyse(text, { measureNumbering: mode });
  return diagnostics.filter((d) => NUMBERING_CODES.has(d.code)).map((d) => `${programme.lines.positionAt(d.span.start).line}: ${d.code}`);
}

/**
 * `text` with every number and every reference's target masked: a number is digits, with any `.`
 * parts (`1.2.1`: a sub-section's number may gain or lose parts) and an alternative letter (`9A`),
 * and an escape after it (`17\.`).
 */
export function masked(text: string): string {
  // An escape before a delimiter (`17\. mai`) is allowed too: renumbering pins lines read as text.
  return text.replace(/\[\[[^[\]\r\n]*\]\]/g, '[[]]').replace(/[0-9]+(?:\.[0-9]+)*[A-Z]?/g, '0').replace(/0\\(?=[.)])/g, '0');
}

/** For each reference in order: the masked first words of the measure (or the title of the heading) it resolves to. */
export function referencedTexts(p: Programme): (string | undefined)[] {
  return p.references.map((r) => {
    const t = resolveReference(p, r);
    if (t === undefined) return undefined;
    // A measure's first words: a line in doubt below it may join it once the numbers around it change.
    return t.kind === 'measure' ? `measure: ${masked(measureSummary(p, t, 3))}` : `${t.kind}: ${t.title}`;
  });
}
