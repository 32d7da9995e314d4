/**
 * Formats diagnostics for the CLI: text lines `file:line:col: severity code message` (1-based, related
 * information indented below), or JSON with 0-based LSP positions.
 */
import * as l10n from '@vscode/l10n';
import type { Diagnostic, LineIndex, Range, Severity } from '../syntax/span';
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

/** Turns a document's diagnostics into file diagnostics (positions from the document's line index: a programme's, or an amendment file's). */
export function toFileDiagnostics(file: string, p: Pick<Programme, 'lines'>, diagnostics: Diagnostic[]): FileDiagnostic[] {
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

/** A severity as the text output names it, in the current language ("error", "feil", "Fehler"). */
export function severityWord(severity: Severity): string {
  switch (severity) {
    case 'error':
      return l10n.t('error');
    case 'warning':
      return l10n.t('warning');
    case 'information':
      return l10n.t('information');
    case 'hint':
      return l10n.t('hint');
  }
}

/**
 * One diagnostic as text lines (1-based line and column): `file:line:col: severity code message`, the
 * severity in the current language (the JSON output keeps the stable English `severity` and `code`).
 */
export function formatText(d: FileDiagnostic): string {
  const head = `${d.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${severityWord(d.severity)} ${d.code} ${d.message}`;
  const related = (d.related ?? []).map((r) => `    ${r.file}:${r.range.start.line + 1}:${r.range.start.character + 1}: ${r.message}`);
  return [head, ...related].join('\n');
}

/** The severity words of the current language ({@link severityWord}), made once for many diagnostics. */
export function severityWords(): Record<Severity, string> {
  return { error: severityWord('error'), warning: severityWord('warning'), information: severityWord('information'), hint: severityWord('hint') };
}

/**
 * The text of diagnostic `d` of `file` whose positions `lines` gives: what {@link formatText} gives for
 * the file diagnostic {@link toFileDiagnostics} makes of it, made without that (the text needs only
 * where the diagnostic and its related information start), for the hundreds of thousands of findings
 * a large document may have. `words` are {@link severityWords}; `hint` is a line at or before the
 * diagnostic's (the line of the one before it, for diagnostics in order), as `LineIndex.lineAt` takes
 * it. Returns the text and the diagnostic's line.
 */
export function diagnosticText(file: string, lines: LineIndex, d: Diagnostic, words: Record<Severity, string>, hint = 0): { text: string; line: number } {
  const at = lines.positionAt(d.span.start, hint);
  let text = `${file}:${at.line + 1}:${at.character + 1}: ${words[d.severity]} ${d.code} ${d.message}`;
  if (d.related !== undefined) {
    for (const r of d.related) {
      const from = lines.positionAt(r.span.start);
      text += `\n    ${r.uri ?? file}:${from.line + 1}:${from.character + 1}: ${r.message}`;
    }
  }
  return { text, line: at.line };
}

/** Counts by severity. */
export function countBySeverity(list: FileDiagnostic[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const d of list) counts[d.severity]++;
  return counts;
}

/**
 * Counts by severity for people, in the current language: "1 error, 2 warnings, 3 hints". Errors and
 * warnings always; information and hints, when there are any, only with `minor`.
 */
export function severityCounts(c: Record<Severity, number>, minor: boolean): string {
  const parts = [
    c.error === 1 ? l10n.t('1 error') : l10n.t('{0} errors', c.error),
    c.warning === 1 ? l10n.t('1 warning') : l10n.t('{0} warnings', c.warning),
  ];
  // bounded spread: at most two counts.
  if (minor) parts.push(...minorCounts(c));
  return parts.join(', ');
}

/** The information and hint counts, when there are any: ["2 information", "1 hint"]. */
function minorCounts(c: Record<Severity, number>): string[] {
  const parts: string[] = [];
  if (c.information > 0) parts.push(c.information === 1 ? l10n.t('1 information') : l10n.t('{0} information', c.information));
  if (c.hint > 0) parts.push(c.hint === 1 ? l10n.t('1 hint') : l10n.t('{0} hints', c.hint));
  return parts;
}

/** A closing summary: "2 errors, 1 warning in 3 files." or "No errors or warnings in 1 file (2 hints)." */
export function summary(list: FileDiagnostic[], files: number): string {
  return summaryOf(countBySeverity(list), files);
}

/** {@link summary} of diagnostics counted by severity (`c`, as {@link countBySeverity} counts them). */
export function summaryOf(c: Record<Severity, number>, files: number): string {
  const minor = minorCounts(c).join(', ');
  if (c.error === 0 && c.warning === 0) {
    if (minor === '') return files === 1 ? l10n.t('No errors or warnings in 1 file.') : l10n.t('No errors or warnings in {0} files.', files);
    return files === 1 ? l10n.t('No errors or warnings in 1 file ({0}).', minor) : l10n.t('No errors or warnings in {0} files ({1}).', files, minor);
  }
  const counts = severityCounts(c, true);
  return files === 1 ? l10n.t('{0} in 1 file.', counts) : l10n.t('{0} in {1} files.', counts, files);
}
