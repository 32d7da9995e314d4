/**
 * Offsets, ranges and the diagnostics shape shared by every layer.
 *
 * Inside the analysis every position is an offset into the document text, in UTF-16 code units (as
 * JavaScript strings and LSP count). Only the edges (CLI, LSP) turn offsets into 0-based lines and
 * characters, through {@link LineIndex}, which is built lazily on first use.
 */

/** A half-open stretch `[start, end)` of the document text, as UTF-16 offsets. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A 0-based line and a 0-based character (UTF-16 code units), as LSP's `Position`. */
export interface Position {
  line: number;
  character: number;
}

/** A range of two positions, as LSP's `Range`. */
export interface Range {
  start: Position;
  end: Position;
}

/** Diagnostic severities, by LSP's names. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Related information of a diagnostic: another place (in the same document unless `uri` is set). */
export interface Related {
  span: Span;
  message: string;
  /** The other document, when it is not this one. */
  uri?: string;
}

/** A replacement in the document text: `span` (UTF-16 offsets into the analysed text) becomes `newText`. */
export interface TextChange {
  span: Span;
  newText: string;
}

/**
 * A fix that a diagnostic knows: the changes, as offsets of the text the diagnostic was computed on
 * (sorted by start, never overlapping), and a title for people ("Write "# 3. Helse"").
 *
 * - `preferred`: the fix the editor offers first (LSP `isPreferred`).
 * - `automatic`: `programme fix` applies it. Only a fix that makes the text say what the reader already
 *   reads it as (the one reading the diagnostic names), and that keeps every word of the writer: in
 *   the programme's text it changes nothing but numbers, delimiters, spacing, escapes, markers and the
 *   characters it names (`drops`); in the front matter, the key or value it names (`status: utkast` →
 *   `draft`). docs/rules.md lists them.
 */
export interface Fix {
  title: string;
  changes: TextChange[];
  preferred?: boolean;
  automatic?: boolean;
  /**
   * A word the fix takes out on purpose, named in its message: the chapter word of `# Kapittel 3: Helse`,
   * which the number replaces. `programme fix` refuses an automatic fix that changes any other letter
   * of the programme's text (features/fixAll.ts); the front matter's values are not the programme's text.
   */
  drops?: string;
}

/**
 * A diagnostic of the analysis: a stable `code` (docs/rules.md), its severity, a message for people,
 * and where it is, as offsets. The edges turn it into an LSP `Diagnostic` or a CLI line.
 */
export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  span: Span;
  related?: Related[];
  /** Facts for quick fixes (for example the expected number); never shown. */
  data?: Record<string, unknown>;
  /** The fixes this diagnostic knows (quick fixes in the editor, `programme fix` for the automatic ones). */
  fixes?: Fix[];
}

/**
 * The code of a diagnostic that reports a fault of ours, not of the text: reading the document, or a
 * rule family, threw. It is no rule (docs/rules.md, "When the checker fails"): it cannot be turned off
 * or given another severity, and it is always an error at the start of the document.
 */
export const INTERNAL_ERROR = 'internal-error';

/**
 * Maps offsets to lines and characters and back. Line breaks are LF, CRLF and a lone CR, as in LSP.
 * The table of line starts is built once, on first use, in one linear pass.
 */
/**
 * The line starts of `text` after an edit, from `old` (the line starts of the text before it): those up
 * to `from` are the same, those in `(from, to]` are looked for in `text`, and those after `to` are the
 * old ones after `to − delta`, moved by `delta` (see the `LineIndex` constructor).
 */
function startsAfterEdit(old: readonly number[], text: string, from: number, to: number, delta: number): number[] {
  // The first old start after `from`, and the first after `to − delta` (binary searches).
  const head = firstAfter(old, from, 0);
  const tail = firstAfter(old, to - delta, head);
  // A line break (CR, LF or CRLF) ends a line; `to` starts one (or is the end), so none runs past it.
  const middle: number[] = [];
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 13) {
      if (text.charCodeAt(k + 1) === 10) k++;
      middle.push(k + 1);
    } else if (c === 10) middle.push(k + 1);
  }
  // One array of the final length (a document has tens of thousands of lines: no growing by push).
  const starts = new Array<number>(head + middle.length + (old.length - tail));
  let at = 0;
  for (let i = 0; i < head; i++) starts[at++] = old[i];
  for (let i = 0; i < middle.length; i++) starts[at++] = middle[i];
  for (let i = tail; i < old.length; i++) starts[at++] = old[i] + delta;
  return starts;
}

/** The first index at or after `lo` whose start in `starts` (ascending) is past `offset`; `starts.length` when none is. */
function firstAfter(starts: readonly number[], offset: number, lo: number): number {
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class LineIndex {
  private starts: number[] | undefined;
  /** See the constructor; let go of once the line starts are found. */
  private before: { lines: LineIndex; from: number; to: number; delta: number } | undefined;

  /**
   * The lines of `text`. `before`, when given: the lines of the text before an edit and where the two
   * texts differ (`text` and the text of `before.lines` share the characters before `from`, and those
   * of `text` from `to` on are the other's from `to − delta` on; `from` and `to` start lines, or are
   * the end): the line starts outside that range are then taken from it (when it has found them)
   * instead of being looked for again in the whole text.
   */
  constructor(
    private readonly text: string,
    before?: { lines: LineIndex; from: number; to: number; delta: number },
  ) {
    // Only an index whose starts are found is worth keeping: a chain of versions would keep their texts.
    if (before?.lines.starts !== undefined) this.before = before;
  }

  /** Offsets at which lines start; `lineStarts()[0]` is 0. */
  lineStarts(): number[] {
    if (this.starts !== undefined) return this.starts;
    const before = this.before;
    this.before = undefined;
    if (before !== undefined && before.lines.starts !== undefined) {
      this.starts = startsAfterEdit(before.lines.starts, this.text, before.from, before.to, before.delta);
      return this.starts;
    }
    const starts = [0];
    const text = this.text;
    // Line breaks found natively (a large document has millions of characters, and few of them are
    // line breaks). A text without CR gets a loop of its own: with the CR and LF loop below, V8's
    // optimised code for a text without CR became about 40 times slower after the first documents
    // (2 s instead of 50 ms at 10,000 measures, `npm run bench`'s document symbols), which this
    // loop does not.
    if (text.indexOf('\r') < 0) {
      for (let lf = text.indexOf('\n'); lf >= 0; lf = text.indexOf('\n', lf + 1)) starts.push(lf + 1);
    } else {
      // The next CR and the next LF: a CR, a CRLF or an LF is one line break.
      let cr = text.indexOf('\r');
      let lf = text.indexOf('\n');
      while (lf >= 0 || cr >= 0) {
        if (cr >= 0 && (lf < 0 || cr < lf)) {
          // A CR, or a CRLF: one line break.
          const next = lf === cr + 1 ? cr + 2 : cr + 1;
          starts.push(next);
          if (lf === cr + 1) lf = text.indexOf('\n', next);
          cr = text.indexOf('\r', next);
        } else {
          starts.push(lf + 1);
          lf = text.indexOf('\n', lf + 1);
        }
      }
    }
    this.starts = starts;
    return starts;
  }

  /** Number of lines (a file ending in a line break has an empty last line). */
  get lineCount(): number {
    return this.lineStarts().length;
  }

  /**
   * The 0-based line holding `offset` (clamped to the document). `hint` is a line at or before that
   * line, when the caller knows one: the search then gallops forward from it, in time logarithmic in
   * the distance, so converting ascending offsets (each hinted by the line of the one before) is linear
   * in all. A hint past the offset's line is ignored (a binary search over all lines).
   */
  lineAt(offset: number, hint = 0): number {
    const starts = this.lineStarts();
    const last = starts.length - 1;
    let lo = 0;
    let hi = last;
    if (hint > 0 && hint <= last && starts[hint] <= offset) {
      lo = hint;
      let step = 1;
      while (lo + step <= last && starts[lo + step] <= offset) {
        lo += step;
        step *= 2;
      }
      hi = Math.min(last, lo + step - 1);
    }
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The position of `offset`, clamped to `[0, text.length]`; `hint` as for {@link lineAt}. */
  positionAt(offset: number, hint = 0): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineAt(clamped, hint);
    return { line, character: clamped - this.lineStarts()[line] };
  }

  /** The offset of `position`; a character past the end of its line is clamped to the line's end. */
  offsetAt(position: Position): number {
    const starts = this.lineStarts();
    if (position.line < 0) return 0;
    if (position.line >= starts.length) return this.text.length;
    const start = starts[position.line];
    const end = this.lineContentEnd(position.line);
    return Math.max(start, Math.min(start + Math.max(0, position.character), end));
  }

  /** The offset just before the line break of `line` (or the end of the text). */
  lineContentEnd(line: number): number {
    const starts = this.lineStarts();
    if (line + 1 >= starts.length) return this.text.length;
    let end = starts[line + 1];
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > starts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /**
   * The range of `span`; `hint` as for {@link lineAt}, for the start (the end is searched from the
   * start's line).
   */
  rangeOf(span: Span, hint = 0): Range {
    const start = this.positionAt(span.start, hint);
    return { start, end: this.positionAt(span.end, start.line) };
  }
}
