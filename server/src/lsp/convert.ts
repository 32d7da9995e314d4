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

/** What {@link DiagnosticsJson} keeps of one diagnostic: what its JSON text was made from, and the text after its range. */
interface JsonEntry {
  code: string;
  severity: Severity;
  data: Record<string, unknown> | undefined;
  /** The JSON text of the LSP diagnostic from the first character after its `range` on (`,"severity":…}`). */
  rest: string;
  /** The last range it was written with (start line and character, end line and character), and the whole text. */
  at: [number, number, number, number];
  whole: string;
}

/**
 * The JSON text of a document's LSP diagnostics ({@link toLspDiagnostics} without options, then
 * `JSON.stringify`: the same text), made version after version (issue 15: a keystroke in a
 * 10,000-measure document has about 1,300 diagnostics, most of them the same as before but for their
 * offsets). It keeps, by message, the text of each diagnostic after its range, and reuses it while the
 * diagnostic's code, severity and data are the same; the range is written afresh (a message string the
 * analysis kept from the version before is found at once). Diagnostics with related information are
 * converted and serialised as they are. Only the last call's diagnostics are kept.
 */
export class DiagnosticsJson {
  private memo = new Map<string, JsonEntry>();

  /** The JSON text of `list`'s LSP diagnostics in the document `uri` with the lines `lines`. */
  text(list: readonly Diagnostic[], lines: Positions, uri: string): string {
    const last = this.memo;
    const memo = new Map<string, JsonEntry>();
    const parts = new Array<string>(list.length);
    let hint = 0;
    for (let i = 0; i < list.length; i++) {
      const d = list[i];
      if (d.related !== undefined && d.related.length > 0) {
        parts[i] = asciiJson(JSON.stringify(toLspDiagnostic(d, lines, uri)));
        continue;
      }
      const range = lines.rangeOf(d.span, hint);
      hint = range.start.line;
      let entry = memo.get(d.message) ?? last.get(d.message);
      if (entry === undefined || entry.code !== d.code || entry.severity !== d.severity || !sameJson(entry.data, d.data)) {
        // The range comes first: the text after the empty range's is the rest.
        entry = { code: d.code, severity: d.severity, data: d.data, rest: asciiJson(JSON.stringify(toLspDiagnostic(d, NO_POSITIONS, uri))).slice(EMPTY_RANGE.length), at: [-1, -1, -1, -1], whole: '' };
      }
      memo.set(d.message, entry);
      const at = entry.at;
      const { start, end } = range;
      if (at[0] !== start.line || at[1] !== start.character || at[2] !== end.line || at[3] !== end.character) {
        at[0] = start.line;
        at[1] = start.character;
        at[2] = end.line;
        at[3] = end.character;
        entry.whole = `{"range":{"start":{"line":${start.line},"character":${start.character}},"end":{"line":${end.line},"character":${end.character}}}${entry.rest}`;
      }
      parts[i] = entry.whole;
    }
    this.memo = memo;
    if (parts.length === 0) return '[]';
    parts[0] = `[${parts[0]}`;
    parts[parts.length - 1] = `${parts[parts.length - 1]}]`;
    return parts.join(',');
  }
}

/** Characters past ASCII. */
const PAST_ASCII = /[^\u0000-\u007f]/g;

/**
 * `json` (JSON text) with every character past ASCII written as its `\uXXXX` escape: the same JSON
 * value, as a new string of one byte a character (V8). One `…` in a message would otherwise make the
 * whole text two bytes a character, to copy, post to the server's thread and encode; and ASCII is
 * encoded as UTF-8 without a look at each character (a 430 KB message of 1,300 diagnostics: `Buffer.from` of
 * the message about 0.5 ms, 0.7 ms with Latin-1 letters, 0.9 ms two bytes a character). A string whose
 * characters all fit may still be held two bytes a character (a slice of a document that has others):
 * the result is always a new one-byte string.
 */
export function asciiJson(json: string): string {
  return Buffer.from(json.replace(PAST_ASCII, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`), 'latin1').toString('latin1');
}

/** Positions that put every span at 0:0 (see {@link DiagnosticsJson}). */
const NO_POSITIONS: Positions = { rangeOf: () => ({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }) };

/** How the JSON text of an LSP diagnostic at 0:0–0:0 begins. */
const EMPTY_RANGE = '{"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}}';

/** Whether two JSON values (a diagnostic's `data`) have the same JSON text: the same keys in the same order, the same values. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b) || !isPlain(a) || !isPlain(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i] || !sameJson((a as Record<string, unknown>)[ka[i]], (b as Record<string, unknown>)[kb[i]])) return false;
  }
  return true;
}

/** Whether `o` is a plain object (JSON text of its own keys), not a date or another class's. */
function isPlain(o: object): boolean {
  const proto = Object.getPrototypeOf(o);
  return proto === Object.prototype || proto === null;
}
