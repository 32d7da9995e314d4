/**
 * Small text scans the amendment code shares: the lines of a text, white space made single spaces with
 * a map back to the offsets, and every place of one text in another. Scans, not regular expressions:
 * each is linear in its input (test/regex-safety.test.ts).
 */
import type { Span } from '../syntax/span';

/** One line of a text: `[start, end)` without its line break. */
export interface TextLine {
  start: number;
  end: number;
}

/** The lines of `text`, split at LF, CRLF and a lone CR (as LSP and `LineIndex` split them). */
export function textLines(text: string): TextLine[] {
  const out: TextLine[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      out.push({ start, end: i });
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  out.push({ start, end: text.length });
  return out;
}

/** True for the characters that count as white space between words: spaces, tabs, line breaks, no-break and other Unicode spaces. */
export function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\u00a0' || c === '\u202f' || c === '\u2007' || c === '\f' || c === '\v' || (c >= '\u2000' && c <= '\u200a') || c === '\u3000' || c === '\u1680' || c === '\u205f';
}

/** A text with every run of white space made one space, and where each of its characters came from. */
export interface Squeezed {
  text: string;
  /** `offsets[i]` is the offset in the original of `text[i]`; `offsets[text.length]` is the original's end. */
  offsets: number[];
}

/**
 * `text` with every run of white space (see {@link isSpace}) made one space, and the leading and
 * trailing runs dropped, with the offset of each character in `text` (plus `base`).
 */
export function squeeze(text: string, base = 0): Squeezed {
  let out = '';
  const offsets: number[] = [];
  let pendingSpace = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (isSpace(c)) {
      if (pendingSpace < 0) pendingSpace = i;
      continue;
    }
    if (pendingSpace >= 0 && out.length > 0) {
      out += ' ';
      offsets.push(base + pendingSpace);
    }
    pendingSpace = -1;
    out += c;
    offsets.push(base + i);
  }
  let end = text.length;
  while (end > 0 && isSpace(text[end - 1])) end--;
  offsets.push(base + end);
  return { text: out, offsets };
}

/** `s` with white space made single spaces and trimmed. */
export function squeezed(s: string): string {
  return squeeze(s).text;
}

/** Every offset at which `needle` starts in `haystack` (overlapping places included); none for an empty needle. */
export function allIndexes(haystack: string, needle: string): number[] {
  const out: number[] = [];
  if (needle === '') return out;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) out.push(at);
  return out;
}

/** The span of `squeezed[start, end)` in the original text. */
export function originalSpan(s: Squeezed, start: number, end: number): Span {
  if (end <= start) return { start: s.offsets[start], end: s.offsets[start] };
  return { start: s.offsets[start], end: s.offsets[end - 1] + 1 };
}
