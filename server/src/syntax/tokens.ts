/**
 * Chevrotain tokens and lexer modes of the programme format (docs/format.md).
 *
 * The format is line-oriented, so most tokens are "line-start" tokens: custom patterns that only
 * match at offset 0 or right after a line break. Their order is their priority. Front matter has a
 * lexer mode of its own, so that nothing inside it is read as a heading, measure or reference.
 *
 * Positions are tracked as offsets only (UTF-16 code units); lines and columns are computed lazily
 * by {@link LineIndex} at the edges (CLI, LSP).
 */
import { createToken, Lexer, type CustomPatternMatcherFunc, type TokenType } from 'chevrotain';

/**
 * Whether the text being lexed starts the document (true) or is a later stretch of it that starts at a
 * line start (false; see `parse`, which lexes a large document in stretches). Only the byte order mark
 * and front matter depend on it: both exist only at the start of the document.
 */
let lexingDocumentStart = true;

/**
 * Runs `lex` on a stretch of the document that starts at a line start but not at the document's start:
 * a `U+FEFF` or `---` on its first line is then content, not a byte order mark or front matter.
 */
export function lexingLaterStretch<T>(lex: () => T): T {
  lexingDocumentStart = false;
  try {
    return lex();
  } finally {
    lexingDocumentStart = true;
  }
}

/** True when `offset` is the first character of a line (a BOM at offset 0 is not content). */
function atLineStart(text: string, offset: number): boolean {
  if (offset === 0) return true;
  const prev = text.charCodeAt(offset - 1);
  return prev === 10 /* \n */ || prev === 13 /* \r */ || (offset === 1 && prev === 0xfeff && lexingDocumentStart);
}

/** Wraps a sticky regular expression so that it matches only at the start of a line. */
function lineStart(re: RegExp, extra?: (match: RegExpExecArray, text: string) => boolean): CustomPatternMatcherFunc {
  const sticky = new RegExp(re.source, re.flags.includes('y') ? re.flags : re.flags + 'y');
  return (text, offset) => {
    if (!atLineStart(text, offset)) return null;
    sticky.lastIndex = offset;
    const m = sticky.exec(text);
    if (m === null || (extra !== undefined && !extra(m, text))) return null;
    return m;
  };
}

/** True when the line goes on after `end` with something other than a line break. */
function contentFollows(m: RegExpExecArray, text: string): boolean {
  const next = text.charCodeAt(m.index + m[0].length);
  return !Number.isNaN(next) && next !== 10 && next !== 13;
}

/**
 * Finds the line that closes front matter opened at `from` (the offset after the opening `---`).
 * Returns true when a line that is exactly `---` or `...` (trailing blanks allowed) follows.
 */
function frontMatterCloses(text: string, from: number): boolean {
  const closing = /(?:\r\n?|\n)(?:---|\.\.\.)[ \t]*(?=\r|\n|$)/g;
  closing.lastIndex = from;
  return closing.exec(text) !== null;
}

const frontMatterStart: CustomPatternMatcherFunc = (text, offset) => {
  if (!lexingDocumentStart) return null;
  if (!(offset === 0 || (offset === 1 && text.charCodeAt(0) === 0xfeff))) return null;
  const m = /---[ \t]*(?=\r|\n)/y;
  m.lastIndex = offset;
  const found = m.exec(text);
  if (found === null || !frontMatterCloses(text, offset + found[0].length)) return null;
  return found;
};

/** A byte order mark at the very start of the file: tolerated and skipped. */
export const Bom = createToken({
  name: 'Bom',
  pattern: (text, offset) => (offset === 0 && lexingDocumentStart && text.charCodeAt(0) === 0xfeff ? ['\ufeff'] as unknown as RegExpExecArray : null),
  start_chars_hint: ['\ufeff'],
  line_breaks: false,
  group: Lexer.SKIPPED,
});

/** `---` on the first line, when a closing `---` or `...` line exists; enters the front matter mode. */
export const FrontMatterStart = createToken({
  name: 'FrontMatterStart',
  pattern: frontMatterStart,
  start_chars_hint: ['-'],
  line_breaks: false,
  push_mode: 'frontMatter',
});

/** The closing `---` or `...` line of front matter; back to the document mode. */
export const FrontMatterEnd = createToken({
  name: 'FrontMatterEnd',
  pattern: lineStart(/(?:---|\.\.\.)[ \t]*(?=\r|\n|$)/),
  start_chars_hint: ['-', '.'],
  line_breaks: false,
  pop_mode: true,
});

/** One line of YAML inside front matter (without its line break). */
export const FrontMatterText = createToken({ name: 'FrontMatterText', pattern: /[^\r\n]+/, start_chars_hint: anyCharExcept('\r\n') });

/** A line break after something other than text (a reference, a label, a marker), or in front matter: LF, CRLF or a lone CR (as LSP counts lines). */
export const Newline = createToken({ name: 'Newline', pattern: /\r\n?|\n/, line_breaks: true });

/** A comment line: first non-blank characters `//`; the whole line. */
export const Comment = createToken({
  name: 'Comment',
  pattern: lineStart(/[ \t]*\/\/[^\r\n]*/),
  start_chars_hint: [' ', '\t', '/'],
  line_breaks: false,
});

/** A blank line: blanks (or nothing) up to a line break, or to the end of the text. */
export const BlankLine = createToken({
  name: 'BlankLine',
  pattern: lineStart(/[ \t]*(?:\r\n?|\n)|[ \t]+$/),
  start_chars_hint: [' ', '\t', '\r', '\n'],
  line_breaks: true,
});

/** A sub-point (or list) marker at the start of a line: `- `, `* ` or `• `, possibly indented. */
export const Bullet = createToken({
  name: 'Bullet',
  pattern: lineStart(/[ \t]*[-*\u2022][ \t]+/, contentFollows),
  start_chars_hint: [' ', '\t', '-', '*', '\u2022'],
  line_breaks: false,
});

/** Leading blanks of an indented line with content: the line is always text. */
export const Indent = createToken({
  name: 'Indent',
  pattern: lineStart(/[ \t]+/),
  start_chars_hint: [' ', '\t'],
  line_breaks: false,
});

/** `#` to `######` at column 0, then blanks; also when a digit or `*` follows directly (a near-miss). */
export const HeadingMarker = createToken({
  name: 'HeadingMarker',
  pattern: lineStart(/#{1,6}(?:[ \t]+|(?=[0-9*]|\r|\n|$))/),
  start_chars_hint: ['#'],
  line_breaks: false,
});

const digits = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/**
 * A `start_chars_hint` for "any character except these": every code unit below 256 but the excluded
 * ones, and one code unit from each of the buckets Chevrotain groups the rest into (256 units each).
 * With it, Chevrotain keeps its first-character optimization for tokens whose pattern is a complement
 * set, which it cannot analyse by itself (chevrotain.io/docs/guide/resolving_lexer_errors.html#COMPLEMENT).
 */
function anyCharExcept(excluded: string): number[] {
  const out: number[] = [];
  for (let c = 0; c < 256; c++) if (!excluded.includes(String.fromCharCode(c))) out.push(c);
  for (let c = 256; c < 65536; c += 255) out.push(c);
  out.push(65535);
  return out;
}

/** A measure number at column 0: digits, an optional capital letter, `.` or `)`, blanks, then text. */
export const MeasureMarker = createToken({
  name: 'MeasureMarker',
  pattern: lineStart(/[0-9]+[A-Z]?[.)][ \t]+/, contentFollows),
  start_chars_hint: digits,
  line_breaks: false,
});

/** An escaped number at column 0 (`17\. mai`): the line is text, not a measure. */
export const EscapedNumber = createToken({
  name: 'EscapedNumber',
  pattern: lineStart(/[0-9]+[A-Z]?\\[.)]/),
  start_chars_hint: digits,
  line_breaks: false,
});

/** A reference `[[…]]` on one line; what it names is checked later. */
export const Reference = createToken({ name: 'Reference', pattern: /\[\[[^[\]\r\n]*\]\]/, start_chars_hint: ['['] });

/** A label `{#…}` on one line; its characters are checked by the visitor. */
export const Label = createToken({ name: 'Label', pattern: /\{#[^{}\r\n]*\}/, start_chars_hint: ['{'] });

/** Category of the tokens that are plain text for the grammar. */
export const TextLike = createToken({ name: 'TextLike', pattern: Lexer.NA });

/** An unmatched `[[` or `{#`: plain text. */
export const StrayOpen = createToken({ name: 'StrayOpen', pattern: /\[\[|\{#/, categories: [TextLike], start_chars_hint: ['[', '{'] });

/**
 * A run of text that ends its line, with the line break (LF, CRLF, lone CR) or the end of the text.
 * Most lines are one such token, which halves the tokens of a document; its span in the syntax tree
 * leaves the line break out. Not a `TextLike`: it ends the line for the grammar.
 */
export const TextEol = createToken({
  name: 'TextEol',
  pattern: /(?:[^\r\n[{]|\[(?!\[)|\{(?!#))+(?:\r\n?|\n|$)/,
  start_chars_hint: anyCharExcept('\r\n'),
  line_breaks: true,
});

/** A run of text followed, on the same line, by `[[` or `{#`. */
export const Text = createToken({
  name: 'Text',
  pattern: /(?:[^\r\n[{]|\[(?!\[)|\{(?!#))+/,
  start_chars_hint: anyCharExcept('\r\n'),
  categories: [TextLike],
  line_breaks: false,
});

/** Tokens of the document mode, in priority order. */
const documentTokens: TokenType[] = [
  Bom, FrontMatterStart, BlankLine, Newline, Comment, Bullet, Indent, HeadingMarker, MeasureMarker, EscapedNumber,
  Reference, Label, StrayOpen, TextEol, Text,
];

/** All token types, for the parser. */
export const allTokens: TokenType[] = [...documentTokens, FrontMatterEnd, FrontMatterText, TextLike];

/** The lexer: mode `document` (initial) and mode `frontMatter`. */
export const programmeLexer = new Lexer(
  {
    modes: {
      document: documentTokens,
      frontMatter: [FrontMatterEnd, Newline, FrontMatterText],
    },
    defaultMode: 'document',
  },
  { positionTracking: 'onlyOffset', ensureOptimizations: true, skipValidations: true },
);
