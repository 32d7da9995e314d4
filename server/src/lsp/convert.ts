/**
 * Conversions at the LSP edge: the analysis's {@link Diagnostic} (offsets into the text) to an LSP
 * `Diagnostic` (0-based lines and UTF-16 characters), with `source: 'programme'`, the rule code, related
 * information and the quick-fix facts in `data`; document symbols to flat symbol information for older
 * clients.
 */
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic as LspDiagnostic, type DiagnosticRelatedInformation, type DocumentSymbol, type SymbolInformation } from 'vscode-languageserver-types';
import type { Diagnostic, LineIndex, Severity } from '../syntax/span';

/** What the conversions need of a document's positions: `LineIndex`, or a document that tracks its own lines. */
export type Positions = Pick<LineIndex, 'rangeOf'>;

/** The `source` of every diagnostic the server publishes. */
export const DIAGNOSTIC_SOURCE = 'programme';

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The LSP severity of an analysis severity. */
export function toLspSeverity(severity: Severity): DiagnosticSeverity {
  return SEVERITIES[severity];
}

/** Options of {@link toLspDiagnostic}. */
export interface ConvertOptions {
  /**
   * The address of the rules documentation (docs/rules.md as a web page); when set, each diagnostic
   * gets `codeDescription.href` = `${rulesDocUrl}#${code}`. Unset: no `codeDescription` (the address
   * of the published documentation is not known yet, and LSP requires an absolute URI).
   */
  rulesDocUrl?: string;
  /**
   * The line index of another document, for related information that points into it (`Related.uri`).
   * Unknown documents get the range 0:0–0:0.
   */
  linesOf?: (uri: string) => Positions | undefined;
}

/**
 * Converts one analysis diagnostic of the document `uri` (whose line index is `lines`) to an LSP
 * `Diagnostic`: range in 0-based lines and UTF-16 characters, severity, `code`, `source: 'programme'`,
 * `relatedInformation` (locations in this document unless the related item names another `uri`) and
 * `data` (the facts code actions need, passed through unchanged). An `unused-label` diagnostic is
 * tagged `Unnecessary`, so editors fade the label.
 */
export function toLspDiagnostic(d: Diagnostic, lines: Positions, uri: string, options: ConvertOptions = {}): LspDiagnostic {
  const out: LspDiagnostic = {
    range: lines.rangeOf(d.span),
    severity: toLspSeverity(d.severity),
    code: d.code,
    source: DIAGNOSTIC_SOURCE,
    message: d.message,
  };
  if (options.rulesDocUrl !== undefined) out.codeDescription = { href: `${options.rulesDocUrl}#${d.code}` };
  if (d.code === 'unused-label') out.tags = [DiagnosticTag.Unnecessary];
  if (d.related !== undefined && d.related.length > 0) {
    out.relatedInformation = d.related.map((r): DiagnosticRelatedInformation => {
      const otherUri = r.uri ?? uri;
      const otherLines = otherUri === uri ? lines : options.linesOf?.(otherUri);
      const range = otherLines !== undefined ? otherLines.rangeOf(r.span) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      return { location: { uri: otherUri, range }, message: r.message };
    });
  }
  if (d.data !== undefined) out.data = d.data;
  return out;
}

/**
 * Flattens document symbols into `SymbolInformation[]` (depth first, document order), for clients
 * without `hierarchicalDocumentSymbolSupport`; each symbol's `containerName` is its parent's name.
 */
export function flattenSymbols(symbols: readonly DocumentSymbol[], uri: string, containerName?: string): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  for (const s of symbols) {
    const info: SymbolInformation = { name: s.name, kind: s.kind, location: { uri, range: s.range } };
    if (containerName !== undefined) info.containerName = containerName;
    out.push(info);
    for (const child of flattenSymbols(s.children ?? [], uri, s.name)) out.push(child);
  }
  return out;
}

/** Converts every diagnostic of a document (see {@link toLspDiagnostic}). */
export function toLspDiagnostics(list: readonly Diagnostic[], lines: Positions, uri: string, options: ConvertOptions = {}): LspDiagnostic[] {
  return list.map((d) => toLspDiagnostic(d, lines, uri, options));
}
