/**
 * A stretch read without Chevrotain when every line of it is of the kinds nearly all of a programme is
 * made of: front matter, blank lines (of blanks too), headings, measures, comments, and lines of text
 * with or without a sub-point marker or an indent before them, with references, labels and stray
 * `[[`/`{#` in them. Such a stretch gives the same syntax nodes and diagnostics as the lexer, parser
 * and visitor give it (test/properties/plain-lines.property.test.ts): its lines are matched with the
 * lexer's own token patterns (tokens.ts), tried in the lexer's order, grouped into blocks as the
 * grammar groups them (parser.ts), and handed to the visitor (tree.ts) as the contexts the parser
 * would have made (without the `Newline` tokens, which the visitor does not read); a measure of lines
 * of text alone goes to the visitor without tokens (`plainMeasure`). Any other line (a near-miss of a
 * measure, an escaped number, a page break or other invisible character at its start, a line break
 * other than LF, a `---` line that nothing closes …) makes it give up, having added nothing, and the
 * stretch is read by Chevrotain. A large programme is read about twice as fast so.
 */
import type { CstNode, IToken, TokenType } from 'chevrotain';
import {
  BULLET_MARKERS, BlankLine, Bullet, Comment, EscapedNumber, FrontMatterEnd, FrontMatterStart, HeadingMarker, Indent, IndentedMeasureMarker, Label, MeasureMarker, NearMeasureMarker, Reference,
  StrayOpen, Text, TextEol, classChars,
} from './tokens';
import type { TreeBuilder } from './tree';

type Ctx = Record<string, (CstNode | IToken)[] | undefined>;

/** A token of `type` with `image` at document offset `startOffset`, as the lexer makes it (offsets only). */
function token(type: TokenType, image: string, startOffset: number): IToken {
  return { image, startOffset, tokenType: type, tokenTypeIdx: type.tokenTypeIdx! };
}

/**
 * A context as the parser makes it, with `key` holding `item`, and every other key the reader sets
 * present but undefined, in one order: the contexts of this reader then share one hidden class, and the
 * visitor's reads of them stay fast (the parser's contexts get their keys one by one, in many orders).
 */
function newCtx(key: string, item: CstNode | IToken | undefined, key2?: string, item2?: IToken): Ctx {
  const ctx: Ctx = { HeadingMarker: undefined, MeasureStart: undefined, Bullet: undefined, Indent: undefined, Comment: undefined, TextLike: undefined, Reference: undefined, Label: undefined, TextEol: undefined, line: undefined };
  if (item !== undefined) ctx[key] = [item];
  if (key2 !== undefined && item2 !== undefined) ctx[key2] = [item2];
  return ctx;
}

/** A `line` node of the CST with the tokens of `ctx`. */
function lineNode(ctx: Ctx): CstNode {
  return { name: 'line', children: ctx } as CstNode;
}

/**
 * True when a line that starts with code unit `c` can only be text for the lexer: no token but the
 * inline ones (`Reference`, `Label`, `StrayOpen`, `TextEol`, `Text`) starts with it. The characters the
 * lexer's line-start tokens begin with (their `start_chars_hint`s) are line breaks, blanks and
 * space-like characters, zero-width characters, the form feed, `/`, `#`, digits and the sub-point
 * markers; `-` and a byte order mark also start front matter and the byte order mark at the document's
 * start. Everything else (letters, `(`, `"`, `[`, `{`, `.`, …) starts text.
 */
function startsText(c: number): boolean {
  if (c < 0x80) return !(c <= 0x20 || c === 0x2f || c === 0x23 || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2a);
  return !(isSpaceLike(c) || c === 0x200b || c === 0xfeff || isBulletMarker(c));
}

/** The code units of `chars` (tokens.ts character-class contents) at or above U+0080. */
function codesPastAscii(chars: string): Set<number> {
  return new Set(classChars(chars).map((ch) => ch.charCodeAt(0)).filter((c) => c >= 0x80));
}

/** The sub-point markers of tokens.ts `BULLET_MARKERS` past ASCII. */
const BULLET_CODES = codesPastAscii(BULLET_MARKERS);

/**
 * Whether `c` is one of tokens.ts `SPACE_LIKE` but space and tab; written out as comparisons, since it
 * runs in the reader's loops over the blanks after a marker, and compared with `SPACE_LIKE` character
 * by character in test/properties/plain-lines.property.test.ts.
 */
export function isSpaceLike(c: number): boolean {
  return c === 0xa0 || c === 0x202f || (c >= 0x2000 && c <= 0x200a) || c === 0x3000;
}

/** Whether `c` is a sub-point marker of tokens.ts `BULLET_MARKERS` at or above U+0080. */
function isBulletMarker(c: number): boolean {
  return BULLET_CODES.has(c);
}

/**
 * Reads `piece`, a stretch of the document that starts at offset `base` at the start of a line and
 * ends with an LF, into `builder` as the visitor would from Chevrotain's CST, when every line is of the
 * kinds read here (see the module comment); returns false otherwise, with `builder` as it was.
 */
export function readPlainLines(piece: string, base: number, builder: TreeBuilder): boolean {
  if (piece.length === 0 || piece.charCodeAt(piece.length - 1) !== 10) return false;
  const blocks = builder.blocks.length;
  const comments = builder.comments.length;
  const diagnostics = builder.diagnostics.length;
  let read: boolean;
  startRuns(piece);
  try {
    read = readLines(piece, base, builder);
  } finally {
    startRuns('');
  }
  if (read) return true;
  builder.blocks.length = blocks;
  builder.comments.length = comments;
  builder.diagnostics.length = diagnostics;
  return false;
}

type Pattern = (text: string, offset: number) => RegExpExecArray | null;
const headingPattern = HeadingMarker.PATTERN as Pattern;
const nearMeasurePattern = NearMeasureMarker.PATTERN as Pattern;
const escapedPattern = EscapedNumber.PATTERN as Pattern;
const blankPattern = BlankLine.PATTERN as Pattern;
const frontMatterStartPattern = FrontMatterStart.PATTERN as Pattern;
const frontMatterEndPattern = FrontMatterEnd.PATTERN as Pattern;
const commentPattern = Comment.PATTERN as Pattern;
const bulletPattern = Bullet.PATTERN as Pattern;
const indentedMeasurePattern = IndentedMeasureMarker.PATTERN as Pattern;
const indentPattern = Indent.PATTERN as Pattern;
/** The patterns of tokens.ts `Reference` and `Label`, sticky (test/properties/plain-lines.property.test.ts compares the two). */
const REFERENCE = /\[\[[^[\]\r\n]*\]\]/y;
const LABEL = /\{#[^{}\r\n]*\}/y;

/** The sticky patterns the reader matches `Reference` and `Label` tokens with (for the test that they are the lexer's). */
export const inlinePatterns = { reference: REFERENCE, label: LABEL };

/** Where the lines of text of the measure being read start and end (document offsets); grown as needed. */
let lineStarts = new Int32Array(64);
let lineEnds = new Int32Array(64);

/**
 * Where the `MeasureMarker` token (tokens.ts) that the lexer reads at line start `at` of `piece` ends,
 * or −1 when there is none: its pattern `[0-9]+[A-Z]?[.)][ \t\u00a0\u202f\u2000-\u200a\u3000\u200b\ufeff]+`
 * (which backtracks nowhere) then text on the line (`contentFollows`), read without a regular
 * expression and its match (one per measure).
 */
function measureMarkerEnd(piece: string, at: number): number {
  let i = at;
  while (isDigit(piece.charCodeAt(i))) i++;
  if (i === at) return -1;
  const letter = piece.charCodeAt(i);
  if (letter >= 65 && letter <= 90) i++;
  const delimiter = piece.charCodeAt(i);
  if (delimiter !== 46 && delimiter !== 41) return -1;
  const blanks = ++i;
  for (let c = piece.charCodeAt(i); c === 32 || c === 9 || c === 0x200b || c === 0xfeff || isSpaceLike(c); c = piece.charCodeAt(++i));
  if (i === blanks) return -1;
  const next = piece.charCodeAt(i);
  return Number.isNaN(next) || next === 10 || next === 13 ? -1 : i;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Where the next LF, CR, `[[` and `{#` stand in `runPiece` (the piece being read), each found natively
 * (`indexOf`) and kept, with where it was looked for from, until the reader passes it: the reader only
 * moves forward, so the end of a run of text (tokens.ts `textRunEnd`, which looks at each code unit
 * and was most of the reading's time) is found with about one `indexOf` per line.
 */
let runPiece = '';
const RUN_ENDS = ['\n', '\r', '[[', '{#'];
/** For each of `RUN_ENDS`: where it next stands at or after `nextFrom` (`runPiece.length`: nowhere). */
const nextAt = new Int32Array(RUN_ENDS.length);
const nextFrom = new Int32Array(RUN_ENDS.length);

/** Starts reading `piece` with {@link runEnd} (`''` lets go of the last piece read). */
function startRuns(piece: string): void {
  runPiece = piece;
  // No offset lies in [1, 0]: every position is looked for on first use.
  nextFrom.fill(1);
  nextAt.fill(0);
}

/** tokens.ts `textRunEnd(runPiece, offset)`; for offsets that do not decrease it looks at each code unit of the piece at most once. */
function runEnd(offset: number): number {
  const piece = runPiece;
  let end = piece.length;
  for (let k = 0; k < RUN_ENDS.length; k++) {
    if (!(nextFrom[k] <= offset && offset <= nextAt[k])) {
      const at = piece.indexOf(RUN_ENDS[k], offset);
      nextAt[k] = at < 0 ? piece.length : at;
      nextFrom[k] = offset;
    }
    if (nextAt[k] < end) end = nextAt[k];
  }
  return end;
}

/**
 * The end of the `TextEol` token the lexer reads at `offset` of `piece` (before its LF), when that is a
 * run of text that ends its line with an LF; else −1 (a run that stops at `[[` or `{#`, or at a CR,
 * or no run at all). `piece` is the piece being read ({@link startRuns}), as in {@link lexRest}.
 */
function plainRunEnd(piece: string, offset: number): number {
  const end = runEnd(offset);
  return end > offset && piece.charCodeAt(end) === 10 ? end : -1;
}

/**
 * Lexes the rest of a line from `at` of `piece` (not at a line start) as the lexer does there, into
 * `ctx`: `Reference`, `Label` and `TextLike` (`Text`, `StrayOpen`) tokens, then the `TextEol` that ends
 * the line (a bare LF, the lexer's `Newline`, is not added). Returns where the next line starts, or −1
 * at a CR (left to Chevrotain).
 */
function lexRest(piece: string, at: number, base: number, ctx: Ctx): number {
  for (;;) {
    const c = piece.charCodeAt(at);
    if (c === 10) return at + 1;
    if (c === 13) return -1;
    const reference = c === 91 && piece.charCodeAt(at + 1) === 91;
    if (reference || (c === 123 && piece.charCodeAt(at + 1) === 35)) {
      // `Reference` or `Label`, else the `StrayOpen` `[[` or `{#`.
      const pattern = reference ? REFERENCE : LABEL;
      pattern.lastIndex = at;
      const m = pattern.exec(piece);
      if (m === null) (ctx.TextLike ??= []).push(token(StrayOpen, reference ? '[[' : '{#', base + at));
      else if (reference) (ctx.Reference ??= []).push(token(Reference, m[0], base + at));
      else (ctx.Label ??= []).push(token(Label, m[0], base + at));
      at += m !== null ? m[0].length : 2;
      continue;
    }
    const end = runEnd(at);
    const next = piece.charCodeAt(end);
    if (next === 10) {
      (ctx.TextEol ??= []).push(token(TextEol, piece.slice(at, end + 1), base + at));
      return end + 1;
    }
    if (next === 13) return -1;
    (ctx.TextLike ??= []).push(token(Text, piece.slice(at, end), base + at));
    at = end;
  }
}

/**
 * Reads the front matter that opens `piece` (the document's start) as the lexer's `frontMatter` mode
 * and the grammar's `frontMatter` rule read it (`FrontMatterStart (FrontMatterText | Newline)*
 * FrontMatterEnd Newline?`), into `builder`; returns where the lines after it start, or −1 when `piece`
 * opens none (a `---` line that nothing closes is text) or holds a CR before its end.
 */
function readFrontMatter(piece: string, builder: TreeBuilder): number {
  const start = frontMatterStartPattern(piece, 0);
  if (start === null) return -1;
  let at = start[0].length;
  for (;;) {
    const c = piece.charCodeAt(at);
    if (c === 10) {
      at++;
      continue;
    }
    if (c !== c || c === 13) return -1;
    const end = frontMatterEndPattern(piece, at);
    if (end !== null) {
      const after = at + end[0].length;
      if (piece.charCodeAt(after) !== 10) return -1;
      builder.frontMatter(newCtx('FrontMatterStart', token(FrontMatterStart, start[0], 0), 'FrontMatterEnd', token(FrontMatterEnd, end[0], at)));
      return after + 1;
    }
    // A line of YAML (`FrontMatterText`), then its line break.
    while (at < piece.length && piece.charCodeAt(at) !== 10 && piece.charCodeAt(at) !== 13) at++;
  }
}

function readLines(piece: string, base: number, builder: TreeBuilder): boolean {
  const n = piece.length;
  let at = 0;
  // The block being read, which the lines after it join: a paragraph's context, or a measure's marker
  // (its image, where it starts) with the number of its lines so far while they are lines of text alone
  // (in `lineStarts`, `lineEnds`), or its context once a line is of another kind; a paragraph, too, is
  // held as lines of text alone (`plainParagraph`) until a line of another kind joins it.
  let paragraph: Ctx | undefined;
  let plainParagraph = false;
  let marker: string | undefined;
  let markerStart = 0;
  let count = 0;
  let measure: Ctx | undefined;
  const close = () => {
    if (measure !== undefined) builder.measure(measure);
    else if (marker !== undefined) builder.plainMeasure(marker, markerStart, lineStarts, lineEnds, count);
    else if (paragraph !== undefined) builder.paragraph(paragraph);
    else if (plainParagraph) builder.plainParagraph(lineStarts, lineEnds, count);
    marker = undefined;
    measure = undefined;
    paragraph = undefined;
    plainParagraph = false;
  };
  /** Adds the line of text `[start, end)` (document offsets) to the measure or paragraph being read. */
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
  /** `ctx` with the lines of text held so far: the first as its `TextEol`, the others as its `line` nodes. */
  const withHeldLines = (ctx: Ctx): Ctx => {
    for (let i = 0; i < count; i++) {
      const eol = token(TextEol, piece.slice(lineStarts[i] - base, lineEnds[i] - base + 1), lineStarts[i]);
      if (i === 0) ctx.TextEol = [eol];
      else (ctx.line ??= []).push(lineNode(newCtx('TextEol', eol)));
    }
    return ctx;
  };
  /** The context of the measure being read, made from its marker and lines of text when it has none yet. */
  const measureCtx = (): Ctx => (measure ??= withHeldLines(newCtx('MeasureStart', token(MeasureMarker, marker!, markerStart))));
  /** The context of the paragraph being read (one is), made from its lines of text when it has none yet. */
  const paragraphCtx = (): Ctx => {
    if (plainParagraph) {
      paragraph = withHeldLines(newCtx('', undefined));
      plainParagraph = false;
    }
    return paragraph!;
  };
  /** Adds a line read into `ctx` (a `line` node's children) to the block being read, or starts a paragraph with it. */
  const addCtxLine = (ctx: Ctx) => {
    if (marker !== undefined) (measureCtx().line ??= []).push(lineNode(ctx));
    else if (paragraph !== undefined || plainParagraph) (paragraphCtx().line ??= []).push(lineNode(ctx));
    else paragraph = ctx;
  };
  if (base === 0 && piece.charCodeAt(0) === 45 /* - */) {
    // Front matter, at the document's start: its first and closing lines are all the visitor reads.
    at = readFrontMatter(piece, builder);
    if (at < 0) return false;
  }
  while (at < n) {
    const c = piece.charCodeAt(at);
    if (c === 10) {
      // A blank line: the lexer's `BlankLine` (tried before `Newline`), a block of its own, of which
      // the visitor reads only its blanks (`TreeBuilder.block`: an empty line has none to report).
      close();
      at++;
      continue;
    }
    let ctx: Ctx | undefined;
    /** Where a line's prefix (`Bullet`, `Indent`) ends, when it has one. */
    let prefixEnd = at;
    // Lines whose first character some line-start token begins with: those tokens, in the lexer's order.
    if (c === 35 /* # */) {
      // `HeadingMarker`, then the rest of the line: a heading, a block of its own.
      const heading = headingPattern(piece, at);
      if (heading !== null) {
        close();
        const hctx = newCtx('HeadingMarker', token(HeadingMarker, heading[0], base + at));
        at = lexRest(piece, at + heading[0].length, base, hctx);
        if (at < 0) return false;
        builder.heading(hctx);
        continue;
      }
    } else if (c >= 48 && c <= 57) {
      // `MeasureMarker` (its near-misses and the escaped number are left to Chevrotain), then the rest
      // of the line (the marker wants text after it): a measure, which the lines below join.
      const rest = measureMarkerEnd(piece, at);
      if (rest < 0) {
        if (nearMeasurePattern(piece, at) !== null || escapedPattern(piece, at) !== null) return false;
      } else {
        close();
        marker = piece.slice(at, rest);
        markerStart = base + at;
        count = 0;
        const end = plainRunEnd(piece, rest);
        if (end >= 0) {
          addLine(base + rest, base + end);
          at = end + 1;
        } else {
          const mctx = newCtx('MeasureStart', token(MeasureMarker, marker, markerStart));
          at = lexRest(piece, rest, base, mctx);
          if (at < 0) return false;
          measure = mctx;
        }
        continue;
      }
    } else if (c === 32 || c === 9 || c === 47 /* / */ || (c >= 0x80 && isSpaceLike(c))) {
      // `BlankLine`, `Comment`, `Bullet`, `IndentedMeasureMarker` (left to Chevrotain), `Indent`.
      const blank = blankPattern(piece, at);
      if (blank !== null) {
        // A lone CR (a line break of its own) is left to Chevrotain.
        if (blank[0].charCodeAt(blank[0].length - 1) !== 10 || blank[0].includes('\r')) return false;
        close();
        builder.block({ BlankLine: [token(BlankLine, blank[0], base + at)] });
        at += blank[0].length;
        continue;
      }
      const comment = commentPattern(piece, at);
      if (comment !== null) {
        const end = at + comment[0].length;
        if (piece.charCodeAt(end) !== 10) return false;
        const cctx = newCtx('Comment', token(Comment, comment[0], base + at));
        // `Comment Newline?`: a line of the block being read (the grammar's `line*` is greedy), or a block.
        if (marker !== undefined || paragraph !== undefined || plainParagraph) ((marker !== undefined ? measureCtx() : paragraphCtx()).line ??= []).push(lineNode(cctx));
        else builder.block(cctx);
        at = end + 1;
        continue;
      }
      if (c !== 47) {
        const bullet = bulletPattern(piece, at);
        if (bullet !== null) {
          ctx = newCtx('Bullet', token(Bullet, bullet[0], base + at));
          prefixEnd = at + bullet[0].length;
        } else if (indentedMeasurePattern(piece, at) !== null) return false;
        else {
          const indent = indentPattern(piece, at);
          if (indent === null) return false;
          ctx = newCtx('Indent', token(Indent, indent[0], base + at));
          prefixEnd = at + indent[0].length;
        }
      }
    } else if (c < 0x80 ? c === 0x2d || c === 0x2a : isBulletMarker(c)) {
      if (base === 0 && at === 0) return false; // front matter, at the document's start
      const bullet = bulletPattern(piece, at);
      if (bullet !== null) {
        ctx = newCtx('Bullet', token(Bullet, bullet[0], base + at));
        prefixEnd = at + bullet[0].length;
      }
    } else if (!startsText(c)) {
      // A line break other than LF, a form feed, a zero-width character or byte order mark (skipped by the lexer), …
      return false;
    }
    if (ctx === undefined) {
      // A line of text (no line-start token matched). Most are one run of text to the LF.
      const end = plainRunEnd(piece, at);
      if (end >= 0) {
        if (marker !== undefined && measure === undefined) {
          // A line of text goes on the measure above (the grammar's `line*` is greedy).
          addLine(base + at, base + end);
        } else if (marker === undefined && paragraph === undefined) {
          // A paragraph of lines of text alone so far (most): held as they are, no tokens.
          if (!plainParagraph) count = 0;
          plainParagraph = true;
          addLine(base + at, base + end);
        } else {
          addCtxLine(newCtx('TextEol', token(TextEol, piece.slice(at, end + 1), base + at)));
        }
        at = end + 1;
        continue;
      }
      ctx = newCtx('', undefined);
      at = lexRest(piece, at, base, ctx);
    } else {
      // After the prefix: the rest of the line.
      at = lexRest(piece, prefixEnd, base, ctx);
    }
    if (at < 0) return false;
    addCtxLine(ctx);
  }
  close();
  return true;
}
