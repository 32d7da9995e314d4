/**
 * A stretch read without Chevrotain when every line of it is of the few kinds most of a programme is
 * made of: blank lines, headings, measures and lines of text, none of them holding a reference, a
 * label or anything else the grammar has a token for. Such a stretch gives the same syntax nodes and
 * diagnostics as the lexer, parser and visitor give it (test/properties/plain-lines.property.test.ts):
 * its lines are matched with the lexer's own token patterns (tokens.ts), tried in the lexer's order,
 * grouped into blocks as the grammar groups them (parser.ts), and handed to the visitor (tree.ts) as
 * the contexts the parser would have made. Any other line (a comment, a sub-point, an indented line, a
 * reference or label, a line break other than LF, front matter …) makes it give up, having added
 * nothing, and the stretch is read by Chevrotain. A large programme is read about twice as fast so.
 */
import type { CstNode, IToken, TokenType } from 'chevrotain';
import { BlankLine, HeadingMarker, MeasureMarker, Newline, TextEol, textRunEnd } from './tokens';
import type { TreeBuilder } from './tree';

type Ctx = Record<string, (CstNode | IToken)[] | undefined>;

/** A token of `type` with `image` at document offset `startOffset`, as the lexer makes it (offsets only). */
function token(type: TokenType, image: string, startOffset: number): IToken {
  return { image, startOffset, tokenType: type, tokenTypeIdx: type.tokenTypeIdx! };
}

/**
 * True when a line that starts with code unit `c` can only be text for the lexer: no token but text
 * (`TextEol`, `Text`) starts with it. Letters of Latin script (the first characters that line-start
 * tokens begin with are ASCII punctuation, space-like, zero-width and bullet characters, all below
 * U+00C0 or at U+2000 and above), and the opening brackets and quotes `(`, `"`, `'`, `«`.
 */
function startsText(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c < 0x2000) || c === 0x28 || c === 0x22 || c === 0x27 || c === 0xab;
}

/**
 * Reads `piece`, a stretch of the document that starts at offset `base` at the start of a line and
 * ends with an LF, into `builder` as the visitor would from Chevrotain's CST, when every line is plain
 * (see the module comment); returns false otherwise, with `builder` as it was.
 */
export function readPlainLines(piece: string, base: number, builder: TreeBuilder): boolean {
  if (piece.length === 0 || piece.charCodeAt(piece.length - 1) !== 10) return false;
  const blocks = builder.blocks.length;
  const comments = builder.comments.length;
  const diagnostics = builder.diagnostics.length;
  if (readLines(piece, base, builder)) return true;
  builder.blocks.length = blocks;
  builder.comments.length = comments;
  builder.diagnostics.length = diagnostics;
  return false;
}

const headingPattern = HeadingMarker.PATTERN as (text: string, offset: number) => RegExpExecArray | null;
const measurePattern = MeasureMarker.PATTERN as (text: string, offset: number) => RegExpExecArray | null;

/** Where the lines of text of the measure being read start and end (document offsets); grown as needed. */
let lineStarts = new Int32Array(64);
let lineEnds = new Int32Array(64);

/**
 * The end of the `TextEol` token the lexer reads at `offset` of `piece` (before its LF), when that is a
 * run of text that ends its line with an LF; else −1 (a run that stops at `[[` or `{#`, or at a CR,
 * or no run at all), and the line is left to Chevrotain.
 */
function plainRunEnd(piece: string, offset: number): number {
  const c = piece.charCodeAt(offset);
  // `[[` and `{#` would be read before it; a `[` or `{` alone is text, but such lines are left to Chevrotain.
  if (c === 91 || c === 123) return -1;
  const end = textRunEnd(piece, offset);
  return end > offset && piece.charCodeAt(end) === 10 ? end : -1;
}

function readLines(piece: string, base: number, builder: TreeBuilder): boolean {
  const n = piece.length;
  let at = 0;
  // The block being read, which the lines of text after it join: a paragraph's context, or a measure's
  // marker (its image, where it starts) and the number of its lines so far (in `lineStarts`, `lineEnds`).
  let paragraph: Ctx | undefined;
  let marker: string | undefined;
  let markerStart = 0;
  let count = 0;
  const close = () => {
    if (marker !== undefined) builder.plainMeasure(marker, markerStart, lineStarts, lineEnds, count);
    else if (paragraph !== undefined) builder.paragraph(paragraph);
    marker = undefined;
    paragraph = undefined;
  };
  /** Adds the line of text `[start, end)` (document offsets) to the measure being read. */
  const addLine = (start: number, end: number) => {
    if (count === lineStarts.length) {
      const starts = new Int32Array(count * 2);
      starts.set(lineStarts);
      lineStarts = starts;
      const ends = new Int32Array(count * 2);
      ends.set(lineEnds);
      lineEnds = ends;
    }
    lineStarts[count] = start;
    lineEnds[count] = end;
    count++;
  };
  while (at < n) {
    const c = piece.charCodeAt(at);
    if (c === 10) {
      // A blank line: the lexer's `BlankLine` (tried before `Newline`), a block of its own.
      close();
      builder.block({ BlankLine: [token(BlankLine, '\n', base + at)] });
      at++;
      continue;
    }
    if (c === 35 /* # */) {
      // `HeadingMarker`, then the rest of the line as `TextEol`, or a bare `Newline`: a heading, a block of its own.
      const heading = headingPattern(piece, at);
      if (heading === null) return false;
      close();
      const rest = at + heading[0].length;
      const ctx: Ctx = { HeadingMarker: [token(HeadingMarker, heading[0], base + at)] };
      if (piece.charCodeAt(rest) === 10) {
        ctx.Newline = [token(Newline, '\n', base + rest)];
        at = rest + 1;
      } else {
        const end = plainRunEnd(piece, rest);
        if (end < 0) return false;
        ctx.TextEol = [token(TextEol, piece.slice(rest, end + 1), base + rest)];
        at = end + 1;
      }
      builder.heading(ctx);
      continue;
    }
    if (c >= 48 && c <= 57) {
      // `MeasureMarker` (tried before the near-miss forms and the escaped number), then the rest of the
      // line as `TextEol` (the marker wants text after it): a measure, which the lines of text below join.
      const found = measurePattern(piece, at);
      if (found === null) return false;
      const rest = at + found[0].length;
      const end = plainRunEnd(piece, rest);
      if (end < 0) return false;
      close();
      marker = found[0];
      markerStart = base + at;
      count = 0;
      addLine(base + rest, base + end);
      at = end + 1;
      continue;
    }
    if (!startsText(c)) return false;
    const end = plainRunEnd(piece, at);
    if (end < 0) return false;
    if (marker !== undefined) {
      // A line of text goes on the measure or paragraph above (the grammar's `line*` is greedy).
      addLine(base + at, base + end);
    } else {
      const eol = token(TextEol, piece.slice(at, end + 1), base + at);
      if (paragraph === undefined) paragraph = { TextEol: [eol] };
      else {
        const line: CstNode = { name: 'line', children: { TextEol: [eol] } };
        if (paragraph.line === undefined) paragraph.line = [line];
        else paragraph.line.push(line);
      }
    }
    at = end + 1;
  }
  close();
  return true;
}
