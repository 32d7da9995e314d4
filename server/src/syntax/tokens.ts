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
import type { CustomPatternMatcherFunc, ITokenConfig, TokenType } from 'chevrotain';

/**
 * A token type as Chevrotain's `createToken(config)` makes it (the same fields, from the same
 * configuration), without the index and category maps that `createToken` gives it at once
 * (`tokenTypeIdx`, `categoryMatches`, …): Chevrotain gives them to every type of its lexer and parser
 * when it makes them (cst.ts), which a check of a programme of plain lines never does. plainLines.ts
 * reads such a programme with these types and their patterns, so that Chevrotain's modules are not
 * even loaded (in the bundles, scripts/build.mjs: about 1.5 ms of every start of the CLI). A category
 * has no pattern (Chevrotain's `Lexer.NA`): it is in none of the lexer's modes.
 */
function createToken(config: ITokenConfig): TokenType {
  const type: TokenType = { name: config.name };
  if (config.pattern !== undefined) type.PATTERN = config.pattern;
  if (config.categories !== undefined) type.CATEGORIES = Array.isArray(config.categories) ? config.categories : [config.categories];
  if (config.label !== undefined) type.LABEL = config.label;
  if (config.group !== undefined) type.GROUP = config.group;
  if (config.pop_mode !== undefined) type.POP_MODE = config.pop_mode;
  if (config.push_mode !== undefined) type.PUSH_MODE = config.push_mode;
  if (config.longer_alt !== undefined) type.LONGER_ALT = config.longer_alt;
  if (config.line_breaks !== undefined) type.LINE_BREAKS = config.line_breaks;
  if (config.start_chars_hint !== undefined) type.START_CHARS_HINT = config.start_chars_hint;
  return type;
}

/** Chevrotain's `Lexer.SKIPPED`, the group of the tokens the lexer skips (test/tokens.test.ts checks that it is Chevrotain's). */
export const SKIPPED =
  'This marks a skipped Token pattern, this means each token identified by it will be consumed and then thrown into oblivion, this can be used to for example to completely ignore whitespace.';

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

/**
 * The characters read as a space where the format expects a space or tab: after `#`, after a number's
 * delimiter, after a sub-point marker, and in a blank line (docs/format.md, "Spaces"). Besides space and
 * tab: no-break space U+00A0 (what Word pastes), narrow no-break space U+202F, the typographic spaces
 * U+2000–U+200A (figure space U+2007 among them) and the ideographic space U+3000. They are reported
 * (`near-miss`) where they stand for a space; inside the text they are text (`kr 100 000`).
 */
export const SPACE_LIKE = ' \t\u00a0\u202f\u2000-\u200a\u3000';
// The token patterns below spell these classes out as literals (so that test/regex-safety.test.ts
// checks them); test/tokens.test.ts checks that they agree with these strings.

/**
 * Zero-width characters that may stand where a space is expected after a marker (`2.\u200bGi`): a
 * zero-width space U+200B and a stray byte order mark U+FEFF. Read as the (missing) space and reported.
 */
export const ZERO_WIDTH = '\u200b\ufeff';

/**
 * The sub-point (list) markers: `-`, `*`, `•` (U+2022), the en and em dashes Word and PDFs give
 * (`–`, `—`), the middle dot `·`, and the squares, circles and triangles of word processors' bullet
 * lists (`▪`, `◦`, `‣`, `⁃`, `∙`, `●`, `○`, `■`, `□`, `►`, `▸`, `➢`), the Symbol-font bullets that
 * PDFs of Word documents carry in the private use area (U+F0A7, U+F0B7, U+F0D8, and Wingdings' U+F076,
 * U+F0FC), the hyphen U+2010 and minus U+2212, ticks (`✓`, `✔`), diamonds (`◆`, `♦`, `❖`) and `→`.
 */
export const BULLET_MARKERS = '-*\u2022\u2013\u2014\u00b7\u25aa\u25e6\u2023\u2043\u2219\u25cf\u25cb\u25a0\u25a1\u25ba\u25b8\u27a2\uf0a7\uf0b7\uf0d8\u2010\u2212\u2713\u2714\u25c6\u2666\u2756\u2192\uf076\uf0fc';

/**
 * Characters that may stand, unseen, before the first character of a line and are not read as content
 * there: a form feed (the page break that text copied from a PDF has, as `pdftotext` writes it), a
 * zero-width space U+200B and a stray byte order mark U+FEFF (from joined files or pasted text).
 */
function isInvisiblePrefix(c: number): boolean {
  return c === 12 || c === 0x200b || c === 0xfeff;
}

/**
 * True when `offset` is the first character of a line: a BOM at offset 0 is not content, and neither
 * are the invisible characters of {@link isInvisiblePrefix} at the start of a line.
 */
function atLineStart(text: string, offset: number): boolean {
  while (offset > 0 && isInvisiblePrefix(text.charCodeAt(offset - 1))) offset--;
  if (offset === 0) return true;
  const prev = text.charCodeAt(offset - 1);
  return prev === 10 /* \n */ || prev === 13 /* \r */ || (offset === 1 && prev === 0xfeff && lexingDocumentStart);
}

/**
 * Wraps a regular expression, matched sticky, so that it matches only at the start of a line. The
 * sticky copy is made at the first call (V8 compiles each expression as it is made): a check of a
 * programme of plain lines runs only a few of these patterns (plainLines.ts).
 */
function lineStart(re: RegExp, extra?: (match: RegExpExecArray, text: string) => boolean): CustomPatternMatcherFunc {
  let sticky: RegExp | undefined;
  return (text, offset) => {
    if (!atLineStart(text, offset)) return null;
    sticky ??= new RegExp(re.source, re.flags.includes('y') ? re.flags : re.flags + 'y');
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
  group: SKIPPED,
});

/**
 * Form feeds, zero-width spaces and stray byte order marks at the start of a line (a PDF's page break,
 * as `pdftotext` writes it; pasted or joined text): skipped, so that the line reads as if they were not
 * there. The `invisible-character` rule reports them, and its fix removes them.
 */
export const PageBreak = createToken({
  name: 'PageBreak',
  pattern: lineStart(/[\f\u200b\ufeff]+/),
  start_chars_hint: ['\f', '\u200b', '\ufeff'],
  line_breaks: false,
  group: SKIPPED,
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

/** The `start_chars_hint` of the tokens that start with any character but a line break (one array for them all: the lexer only reads it). */
const NOT_LINE_BREAK = anyCharExcept('\r\n');

/** One line of YAML inside front matter (without its line break). */
export const FrontMatterText = createToken({ name: 'FrontMatterText', pattern: /[^\r\n]+/, start_chars_hint: NOT_LINE_BREAK });

/** A line break after something other than text (a reference, a label, a marker), or in front matter: LF, CRLF or a lone CR (as LSP counts lines). */
export const Newline = createToken({ name: 'Newline', pattern: /\r\n?|\n/, line_breaks: true });

/** A comment line: first non-blank characters `//`; the whole line. */
export const Comment = createToken({
  name: 'Comment',
  pattern: lineStart(/[ \t]*\/\/[^\r\n]*/),
  start_chars_hint: [' ', '\t', '/'],
  line_breaks: false,
});

/** The characters of regular-expression class contents (characters and `a-b` ranges), for `start_chars_hint` (and test/tokens.test.ts). */
export function classChars(contents: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < contents.length; i++) {
    if (contents[i + 1] === '-' && i + 2 < contents.length) {
      for (let c = contents.charCodeAt(i); c <= contents.charCodeAt(i + 2); c++) out.push(String.fromCharCode(c));
      i += 2;
    } else out.push(contents[i]);
  }
  return out;
}

/** A blank line: blanks (space-like characters, or nothing) up to a line break, or to the end of the text. */
export const BlankLine = createToken({
  name: 'BlankLine',
  pattern: lineStart(/[ \t\u00a0\u202f\u2000-\u200a\u3000]*(?:\r\n?|\n)|[ \t\u00a0\u202f\u2000-\u200a\u3000]+$/),
  start_chars_hint: [...classChars(SPACE_LIKE), '\r', '\n'],
  line_breaks: true,
});

/**
 * A page marker of a PDF (`- 24 -`, `– 24 –`, `-24-`): a number between dashes, alone on its line.
 * Not a sub-point; the line is text (and the `page-number` hint names it).
 */
const PAGE_MARKER = /^[ \t]*[-\u2013\u2014][ \t]*[0-9]{1,4}[ \t]*(?:[-\u2013\u2014][ \t]*)?(?:\r|\n|$)/;

/** A sub-point marker must have text after it, and not be the dashes around a page number. */
function bulletFollows(m: RegExpExecArray, text: string): boolean {
  if (!contentFollows(m, text)) return false;
  const lineEnd = text.slice(m.index, m.index + 24);
  return !PAGE_MARKER.test(lineEnd);
}

/**
 * A sub-point (or list) marker at the start of a line, possibly indented: one of {@link BULLET_MARKERS},
 * then blanks (space-like characters included), then text.
 */
export const Bullet = createToken({
  name: 'Bullet',
  pattern: lineStart(/[ \t]*[-*\u2022\u2013\u2014\u00b7\u25aa\u25e6\u2023\u2043\u2219\u25cf\u25cb\u25a0\u25a1\u25ba\u25b8\u27a2\uf0a7\uf0b7\uf0d8\u2010\u2212\u2713\u2714\u25c6\u2666\u2756\u2192\uf076\uf0fc][ \t\u00a0\u202f\u2000-\u200a\u3000\u200b\ufeff]+/, bulletFollows),
  start_chars_hint: [' ', '\t', ...classChars(BULLET_MARKERS)],
  line_breaks: false,
});

/** Category of the tokens that start a measure block (the marker, and the near-misses the model decides). */
export const MeasureStart = createToken({ name: 'MeasureStart' });

/**
 * A measure number indented by one to three spaces (` 2. Følge opp`, as OCR and PDF text give it). The
 * model decides whether the line is the measure it looks like (model/reading.ts); otherwise it is text,
 * as every indented line is.
 */
export const IndentedMeasureMarker = createToken({
  name: 'IndentedMeasureMarker',
  pattern: lineStart(/[ \u00a0\u202f\u2000-\u200a\u3000]{1,3}[0-9]+[A-Z]?[.)][ \t\u00a0\u202f\u2000-\u200a\u3000\u200b\ufeff]+/, contentFollows),
  start_chars_hint: [' ', ...classChars('\u00a0\u202f\u2000-\u200a\u3000')],
  categories: [MeasureStart],
  line_breaks: false,
});

/** Leading blanks of an indented line with content: the line is always text. */
export const Indent = createToken({
  name: 'Indent',
  pattern: lineStart(/[ \t\u00a0\u202f\u2000-\u200a\u3000]+/),
  start_chars_hint: classChars(SPACE_LIKE),
  line_breaks: false,
});

/**
 * `#` to `######` at column 0, then blanks (space-like and zero-width characters, and a page break that
 * a `# ` typed before a PDF's page landed behind); also when a digit or `*` follows directly (a near-miss).
 */
export const HeadingMarker = createToken({
  name: 'HeadingMarker',
  pattern: lineStart(/#{1,6}(?:[ \t\u00a0\u202f\u2000-\u200a\u3000\u200b\ufeff\f]+|(?=[0-9*]|\r|\n|$))/),
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
  pattern: lineStart(/[0-9]+[A-Z]?[.)][ \t\u00a0\u202f\u2000-\u200a\u3000\u200b\ufeff]+/, contentFollows),
  start_chars_hint: digits,
  categories: [MeasureStart],
  line_breaks: false,
});

/**
 * A line at column 0 that may be a measure written another way (docs/format.md, "Measures written
 * another way"): with its full id (`1.2 Skape jobber`, `1.2. …`), with `:` as the delimiter
 * (`1: Legevakt`), or without a space after the delimiter (`4.Gi alle`). The model reads it as a
 * measure only where the numbering says so (model/reading.ts); otherwise it is text.
 */
export const NearMeasureMarker = createToken({
  name: 'NearMeasureMarker',
  pattern: lineStart(/[0-9]+(?:\.[0-9]+)+[A-Z]?\.?[ \t\u00a0\u202f\u2000-\u200a\u3000\u200b\ufeff]+|[0-9]+[A-Z]?:[ \t\u00a0\u202f\u2000-\u200a\u3000\u200b\ufeff]+|[0-9]+[A-Z]?[.)](?=\p{L})/u, contentFollows),
  start_chars_hint: digits,
  categories: [MeasureStart],
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
export const TextLike = createToken({ name: 'TextLike' });

/** An unmatched `[[` or `{#`: plain text. */
export const StrayOpen = createToken({ name: 'StrayOpen', pattern: /\[\[|\{#/, categories: [TextLike], start_chars_hint: ['[', '{'] });

/**
 * Where the run of text that starts at `offset` ends: at the first line break, `[[` or `{#` (a `[` or
 * `{` alone is text), or at the end of `text`; `offset` itself when none is there. A scan, not a
 * regular expression: V8 runs `(?:[^\r\n[{]|\[(?!\[)|\{(?!#))+` with a backtracking stack that grows
 * with the run and overflows at about 8.4 million characters (issue 17); this is linear and needs no
 * stack. (`Text` is tried only where `TextEol` failed, before a `[[` or `{#`: such a run is read twice.)
 */
export function textRunEnd(text: string, offset: number): number {
  const n = text.length;
  let i = offset;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */ || c === 13 /* \r */) break;
    if (c === 91 /* [ */ && text.charCodeAt(i + 1) === 91) break;
    if (c === 123 /* { */ && text.charCodeAt(i + 1) === 35 /* # */) break;
    i++;
  }
  return i;
}

/** A match of `text.slice(start, end)` in the shape Chevrotain takes from a custom pattern. */
function matchOf(text: string, start: number, end: number): RegExpExecArray {
  return [text.slice(start, end)] as unknown as RegExpExecArray;
}

/**
 * A run of text that ends its line, with the line break (LF, CRLF, lone CR) or the end of the text.
 * Most lines are one such token, which halves the tokens of a document; its span in the syntax tree
 * leaves the line break out. Not a `TextLike`: it ends the line for the grammar. Lines of any length
 * (see {@link textRunEnd}).
 */
export const TextEol = createToken({
  name: 'TextEol',
  pattern: (text, offset) => {
    const end = textRunEnd(text, offset);
    if (end === offset) return null;
    const c = text.charCodeAt(end);
    if (Number.isNaN(c)) return matchOf(text, offset, end);
    if (c === 10) return matchOf(text, offset, end + 1);
    if (c === 13) return matchOf(text, offset, text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1);
    return null;
  },
  start_chars_hint: NOT_LINE_BREAK,
  line_breaks: true,
});

/** A run of text followed, on the same line, by `[[` or `{#` (see {@link textRunEnd}). */
export const Text = createToken({
  name: 'Text',
  pattern: (text, offset) => {
    const end = textRunEnd(text, offset);
    return end === offset ? null : matchOf(text, offset, end);
  },
  start_chars_hint: NOT_LINE_BREAK,
  categories: [TextLike],
  line_breaks: false,
});

/** Tokens of the document mode, in priority order. */
export const documentTokens: TokenType[] = [
  Bom, PageBreak, FrontMatterStart, BlankLine, Newline, Comment, Bullet, IndentedMeasureMarker, Indent, HeadingMarker, MeasureMarker,
  NearMeasureMarker, EscapedNumber, Reference, Label, StrayOpen, TextEol, Text,
];

/** All token types, for the parser. */
export const allTokens: TokenType[] = [...documentTokens, FrontMatterEnd, FrontMatterText, TextLike, MeasureStart];

/** Tokens of the front matter mode, in priority order. */
export const frontMatterTokens: TokenType[] = [FrontMatterEnd, Newline, FrontMatterText];
