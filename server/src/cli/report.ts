/**
 * Formats diagnostics for the CLI: text lines `file:line:col: severity code message` (1-based, related
 * information indented below), or JSON with 0-based LSP positions.
 */
import type { Diagnostic, Range, Severity } from '../syntax/span';
import type { Programme } from '../model/programme';
import type { FileProblem } from '../node/files';

/** One diagnostic of one file, as the CLI's JSON prints it. */
export interface FileDiagnostic {
  file: string;
  range: Range;
  severity: Severity;
  code: string;
  message: string;
  related?: { file: string; range: Range; message: string }[];
}

/** Turns a document's diagnostics into file diagnostics (positions from the document's line index). */
export function toFileDiagnostics(file: string, p: Programme, diagnostics: Diagnostic[]): FileDiagnostic[] {
  return diagnostics.map((d) => {
    const out: FileDiagnostic = { file, range: p.lines.rangeOf(d.span), severity: d.severity, code: d.code, message: d.message };
    if (d.related !== undefined && d.related.length > 0) {
      out.related = d.related.map((r) => ({ file: r.uri ?? file, range: p.lines.rangeOf(r.span), message: r.message }));
    }
    return out;
  });
}

/**
 * A file that could not be read, as an error entry of the JSON output: its code (`encoding`,
 * `unreadable-file`), an empty range at the first bad byte (0:0 when nothing was read) and the message
 * the text output prints, without the place in front. Undefined for a problem that is not about one
 * file (a folder without programmes), which only the text on standard error reports.
 */
export function problemDiagnostic(problem: FileProblem): FileDiagnostic | undefined {
  if (problem.unread === undefined) return undefined;
  const { code, line, character, reason } = problem.unread;
  const at = { line, character };
  return { file: problem.path, range: { start: at, end: at }, severity: 'error', code, message: reason };
}

/** One diagnostic as text lines (1-based line and column). */
export function formatText(d: FileDiagnostic): string {
  const head = `${d.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} ${d.code} ${d.message}`;
  const related = (d.related ?? []).map((r) => `    ${r.file}:${r.range.start.line + 1}:${r.range.start.character + 1}: ${r.message}`);
  return [head, ...related].join('\n');
}

/** Counts by severity. */
export function countBySeverity(list: FileDiagnostic[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const d of list) counts[d.severity]++;
  return counts;
}

/** A closing summary: "2 errors, 1 warning in 3 files" or "No errors or warnings in 1 file". */
export function summary(list: FileDiagnostic[], files: number): string {
  const c = countBySeverity(list);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const where = plural(files, 'file');
  const minor = [c.information > 0 ? `${c.information} information` : '', c.hint > 0 ? plural(c.hint, 'hint') : ''].filter(Boolean).join(', ');
  if (c.error === 0 && c.warning === 0) return `No errors or warnings in ${where}${minor ? ` (${minor})` : ''}.`;
  return `${[plural(c.error, 'error'), plural(c.warning, 'warning'), minor].filter(Boolean).join(', ')} in ${where}.`;
}
