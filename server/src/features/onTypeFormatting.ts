/**
 * On-type formatting: Enter at the end of a measure starts the next one (`4. `), as list continuation does in Markdown editors.
 *
 * When Enter is typed right after the last line of a measure of a pillar, and the new line is empty,
 * the next number is inserted with the measure's delimiter and a space: after `3) Styrke …` comes
 * `4) `, after `1.3 Styrke …` (a full id) `1.4 `. After an alternative (`9A`) the next place follows (`10. `). Nothing is inserted when the
 * measure goes on below the new line (Enter in the middle of a measure's continuation lines), when
 * its last line is a sub-point (`- …`), for a measure outside any pillar, or in front matter and
 * comments (which never end a measure).
 */
import type { Position, TextEdit } from 'vscode-languageserver-types';
import type { Measure, Programme } from '../model/programme';

/** The trigger characters of {@link onTypeFormatting} (LSP `firstTriggerCharacter`). */
export const ON_TYPE_TRIGGER = '\n';

/**
 * The edits after `ch` was typed, the cursor now at `position` (0-based line and UTF-16 character)
 * in the text `p` was built from (the text after the keystroke). Only Enter (`\n`) does anything:
 * see the module comment. Returns `[]` when nothing is to be inserted. Pure; never throws.
 */
export function onTypeFormatting(p: Programme, position: Position, ch: string): TextEdit[] {
  if (ch !== '\n' && ch !== '\r\n') return [];
  const lines = p.lines;
  const line = position.line;
  if (line < 1 || line >= lines.lineCount) return [];
  const lineStart = lines.lineStarts()[line];
  // The new line must be empty (an indented line is always text, so blanks are not continued either).
  if (lines.lineContentEnd(line) !== lineStart) return [];
  if (p.frontMatter !== undefined && lineStart <= p.frontMatter.span.end) return [];

  const measure = measureEndingOn(p, line - 1);
  if (measure === undefined || measure.pillar === undefined) return [];
  const last = measure.node.lines.length - 1;
  if (measure.node.subPoint[last]) return [];
  if (continuesBelow(p, line + 1)) return [];

  return [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${nextMarker(p, measure)} ` }];
}

/**
 * The number to write for the measure after `m`, in `m`'s form: `4.` after `3.`, `4)` after `3)`,
 * `1.4` after the full id `1.3` (and `1.4.` after `1.3.`); after a near-miss (`3:`, ` 3.`) the
 * document's own delimiter, as the fix of the near-miss writes it.
 */
function nextMarker(p: Programme, m: Measure): string {
  const next = nextNumber(m);
  if (m.node.form === 'full-id' && m.node.idPrefix !== undefined) return `${m.node.idPrefix.text}.${next}${m.delimiter}`;
  if (m.delimiter === '.' || m.delimiter === ')') return `${next}${m.delimiter}`;
  return `${next}${p.measures.find((x) => x.delimiter === '.' || x.delimiter === ')')?.delimiter ?? '.'}`;
}

/** The measure whose last line is `line`, if any (binary search over measures in document order). */
function measureEndingOn(p: Programme, line: number): Measure | undefined {
  const lineStart = p.lines.lineStarts()[line];
  const lineEnd = p.lines.lineContentEnd(line);
  const ms = p.measures;
  let lo = 0;
  let hi = ms.length - 1;
  let found: Measure | undefined;
  // The last measure starting at or before the end of `line`.
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ms[mid].span.start <= lineEnd) {
      found = ms[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found === undefined) return undefined;
  return found.span.end >= lineStart && found.span.end <= lineEnd ? found : undefined;
}

/**
 * True when the text from `line` on (comment lines skipped) would have continued the measure above
 * the new empty line: a non-blank line that starts no heading and no measure.
 */
function continuesBelow(p: Programme, line: number): boolean {
  const lines = p.lines;
  for (let l = line; l < lines.lineCount; l++) {
    const start = lines.lineStarts()[l];
    const text = p.text.slice(start, lines.lineContentEnd(l));
    if (text.trim() === '') return false;
    if (/^[ \t]*\/\//.test(text)) continue;
    if (/^#{1,6}(?:[ \t]|[0-9*]|$)/.test(text)) return false;
    if (/^[0-9]+[A-Z]?[.)][ \t]+\S|^[0-9]+(?:\.[0-9]+)+[A-Z]?\.?[ \t]+\S/.test(text)) return false;
    return true;
  }
  return false;
}

/** The number after `m`: the next place (an alternative's letter is not continued). */
function nextNumber(m: Measure): string {
  const digits = m.numberText.slice(0, m.numberText.length - m.alternative.length);
  return addOne(digits);
}

/** `digits` + 1, in decimal, for any length (no rounding for very long numbers). */
function addOne(digits: string): string {
  const d = digits.split('');
  let i = d.length - 1;
  while (i >= 0 && d[i] === '9') d[i--] = '0';
  if (i < 0) return `1${d.join('')}`.replace(/^0+(?=\d)/, '');
  d[i] = String(Number(d[i]) + 1);
  return d.join('').replace(/^0+(?=\d)/, '');
}
