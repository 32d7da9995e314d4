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
import { BlankLine, HeadingMarker, MeasureMarker, Newline, TextEol } from './tokens';
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

/** The `TextEol` token that the lexer reads at `offset` of `piece` (a run of text up to and with its LF), or undefined. */
function textEol(piece: string, offset: number, base: number): IToken | undefined {
  const c = piece.charCodeAt(offset);
  // `[[` and `{#` would be read before it; a `[` or `{` alone is text, but such lines are left to Chevrotain.
  if (c === 91 || c === 123) return undefined;
  const m = (TextEol.PATTERN as (text: string, offset: number) => RegExpExecArray | null)(piece, offset);
  if (m === null) return undefined;
  const image = m[0];
  // Only a run that ends its line with an LF: one that stops at `[[` or `{#`, or ends in a CR, is left to Chevrotain.
  if (image.charCodeAt(image.length - 1) !== 10 || image.indexOf('\r') >= 0) return undefined;
  return token(TextEol, image, base + offset);
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

function readLines(piece: string, base: number, builder: TreeBuilder): boolean {
  const n = piece.length;
  let at = 0;
  // The block being read: a measure's or a paragraph's context, which the lines of text after it join.
  let open: Ctx | undefined;
  let openKind: 'measure' | 'paragraph' | undefined;
  const close = () => {
    if (openKind === 'measure') builder.measure(open!);
    else if (openKind === 'paragraph') builder.paragraph(open!);
    open = undefined;
    openKind = undefined;
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
      const marker = headingPattern(piece, at);
      if (marker === null) return false;
      close();
      const rest = at + marker[0].length;
      const ctx: Ctx = { HeadingMarker: [token(HeadingMarker, marker[0], base + at)] };
      if (piece.charCodeAt(rest) === 10) {
        ctx.Newline = [token(Newline, '\n', base + rest)];
        at = rest + 1;
      } else {
        const eol = textEol(piece, rest, base);
        if (eol === undefined) return false;
        ctx.TextEol = [eol];
        at = rest + eol.image.length;
      }
      builder.heading(ctx);
      continue;
    }
    if (c >= 48 && c <= 57) {
      // `MeasureMarker` (tried before the near-miss forms and the escaped number), then the rest of the
      // line as `TextEol` (the marker wants text after it): a measure, which the lines of text below join.
      const marker = measurePattern(piece, at);
      if (marker === null) return false;
      const rest = at + marker[0].length;
      const eol = textEol(piece, rest, base);
      if (eol === undefined) return false;
      close();
      open = { MeasureStart: [token(MeasureMarker, marker[0], base + at)], TextEol: [eol] };
      openKind = 'measure';
      at = rest + eol.image.length;
      continue;
    }
    if (!startsText(c)) return false;
    const eol = textEol(piece, at, base);
    if (eol === undefined) return false;
    at += eol.image.length;
    if (open !== undefined) {
      // A line of text goes on the measure or paragraph above (the grammar's `line*` is greedy).
      const line: CstNode = { name: 'line', children: { TextEol: [eol] } };
      if (open.line === undefined) open.line = [line];
      else open.line.push(line);
    } else {
      open = { TextEol: [eol] };
      openKind = 'paragraph';
    }
  }
  close();
  return true;
}
