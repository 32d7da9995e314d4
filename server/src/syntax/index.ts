/**
 * `parse(text)`: the programme format's text to its syntax tree and syntax diagnostics.
 *
 * Invariant: `parse` never throws and never hangs, on any input (empty, binary, NUL characters,
 * unterminated front matter, 100,000-character lines). Lexer and parser errors become `syntax`
 * diagnostics; every pass is linear in the text's length.
 */
import { lexingLaterStretch, programmeLexer } from './tokens';
import { parseTokens } from './parser';
import { TreeBuilder, type SyntaxTree } from './tree';
import type { Diagnostic } from './span';

export type { SyntaxTree } from './tree';

/**
 * Stretches of about this many UTF-16 code units are lexed and parsed one at a time (see {@link parse}).
 * Large enough that the per-stretch set-up does not show, small enough that a stretch's tokens and CST
 * die young (in V8's young generation) instead of being copied and promoted with the syntax tree.
 */
export const STRETCH_SIZE = 1 << 16;

/**
 * Parses `text`; see the module comment for the guarantees. `stretchSize` (UTF-16 code units) is
 * for tests, which compare the tree read in small stretches with the tree read whole.
 *
 * A large document is lexed and parsed in stretches that end after a blank line (`stretchEnds`):
 * every token ends at or before a line break, and a blank line ends every block (docs/format.md §2),
 * so the tokens and blocks are the same as for the whole text at once; only the byte order mark and
 * front matter belong to the document's start (`lexingLaterStretch`). The CST of a stretch is turned
 * into syntax nodes before the next stretch is read, so the tokens and CST never all live at once.
 */
export function parse(text: string, stretchSize = STRETCH_SIZE): SyntaxTree {
  const diagnostics: Diagnostic[] = [];
  try {
    const builder = new TreeBuilder(text);
    let start = 0;
    for (const end of stretchEnds(text, stretchSize)) {
      const piece = start === 0 && end === text.length ? text : text.slice(start, end);
      parseStretch(piece, start, builder, diagnostics);
      start = end;
    }
    diagnostics.push(...builder.diagnostics);
    const unclosed = unclosedFrontMatter(text, builder.frontMatterNode !== undefined);
    if (unclosed !== undefined) diagnostics.push(unclosed);
    return { text, frontMatter: builder.frontMatterNode, blocks: builder.blocks, comments: builder.comments, diagnostics };
  } catch (error) {
    // A fault of ours must not take the editor down: report it and return an empty tree.
    diagnostics.push({
      code: 'syntax',
      severity: 'error',
      message: `Internal error while reading the document (please report it): ${error instanceof Error ? error.message : String(error)}`,
      span: { start: 0, end: 0 },
    });
    return { text, blocks: [], comments: [], diagnostics };
  }
}

/**
 * Lexes and parses one stretch `piece` that starts at offset `base` of the document, and adds its
 * syntax nodes to `builder` (token offsets are moved to document offsets first).
 */
function parseStretch(piece: string, base: number, builder: TreeBuilder, diagnostics: Diagnostic[]): void {
  const lexed = base === 0 ? programmeLexer.tokenize(piece) : lexingLaterStretch(() => programmeLexer.tokenize(piece));
  for (const e of lexed.errors) {
    diagnostics.push({
      code: 'syntax',
      severity: 'error',
      message: `Unexpected character ${JSON.stringify(piece.slice(e.offset, e.offset + Math.min(e.length, 1)))}.`,
      span: { start: base + e.offset, end: base + e.offset + Math.max(1, e.length) },
    });
  }
  const tokens = lexed.tokens;
  if (base !== 0) {
    // Offsets-only tokens carry `startOffset` alone (no `endOffset`: adding one would reshape every token).
    for (let i = 0; i < tokens.length; i++) tokens[i].startOffset += base;
  }
  const { cst, errors } = parseTokens(tokens);
  for (const e of errors) {
    const start = Number.isFinite(e.token.startOffset) ? e.token.startOffset : base + piece.length;
    diagnostics.push({ code: 'syntax', severity: 'error', message: `Cannot read this line: ${e.message}`, span: { start, end: start + (e.token.image?.length ?? 0) } });
  }
  builder.visit(cst);
}

/**
 * A blank line (blanks, then a line break) that follows a line break; a stretch ends after it. The
 * first break is whole (a CRLF is not a CR and then a blank line that is only the LF).
 */
const BLANK_LINE_AFTER_BREAK = /(?:\r\n|\r(?!\n)|\n)[ \t]*(?:\r\n?|\n)/g;

/**
 * The ends of the stretches `parse` reads: offsets right after a blank line's line break, about
 * {@link STRETCH_SIZE} apart, never inside front matter; the last one is `text.length`. Linear.
 */
export function stretchEnds(text: string, size = STRETCH_SIZE): number[] {
  const ends: number[] = [];
  let from = size;
  // Front matter is lexed in a mode of its own and only at the start: the first stretch holds all of it.
  const closing = frontMatterClosingEnd(text);
  if (closing !== undefined) from = Math.max(from, closing);
  while (from < text.length) {
    BLANK_LINE_AFTER_BREAK.lastIndex = from;
    const m = BLANK_LINE_AFTER_BREAK.exec(text);
    if (m === null) break;
    const end = m.index + m[0].length;
    if (end >= text.length) break;
    ends.push(end);
    from = end + size;
  }
  ends.push(text.length);
  return ends;
}

/** Where the line that closes front matter ends, when the text opens front matter; else undefined. */
function frontMatterClosingEnd(text: string): number | undefined {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const open = /---[ \t]*(?=\r|\n)/y;
  open.lastIndex = start;
  const opened = open.exec(text);
  if (opened === null) return undefined;
  const close = /(?:\r\n?|\n)(?:---|\.\.\.)[ \t]*(?=\r|\n|$)/g;
  close.lastIndex = start + opened[0].length;
  const closed = close.exec(text);
  return closed === null ? undefined : closed.index + closed[0].length;
}

/** A `---` first line that no `---`/`...` line closes: reported, and the lines are read as text. */
function unclosedFrontMatter(text: string, hasFrontMatter: boolean): Diagnostic | undefined {
  if (hasFrontMatter) return undefined;
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const m = /---[ \t]*(?=\r|\n|$)/y;
  m.lastIndex = start;
  const found = m.exec(text);
  if (found === null) return undefined;
  return {
    code: 'syntax',
    severity: 'error',
    message: 'Front matter opened with "---" is never closed: add a line "---" after the YAML, or remove this line.',
    span: { start, end: start + found[0].length },
  };
}
