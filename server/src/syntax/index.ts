/**
 * `parse(text)`: the programme format's text to its syntax tree and syntax diagnostics.
 *
 * Invariant: `parse` never throws and never hangs, on any input (empty, binary, NUL characters,
 * unterminated front matter, lines of any length). Lexer and parser errors become `syntax`
 * diagnostics (a fault of ours, one `internal-error`); every pass is linear in the text's length.
 */
import * as l10n from '@vscode/l10n';
import { currentLanguage, type Language } from '../l10n/index';
import { lexingLaterStretch, programmeLexer } from './tokens';
import { parseTokens } from './parser';
import { readPlainLines } from './plainLines';
import { TreeBuilder, shiftedBlocks, shiftedComments, type BlockNode, type CommentNode, type SyntaxTree } from './tree';
import { INTERNAL_ERROR, type Diagnostic, type Span } from './span';
import { BlockMemo, StretchMemo } from './memo';

export type { SyntaxTree } from './tree';

/**
 * Stretches of about this many UTF-16 code units are lexed and parsed one at a time (see {@link parse}).
 * Large enough that the per-stretch set-up does not show, small enough that a stretch's tokens and CST
 * die young (in V8's young generation) instead of being copied and promoted with the syntax tree.
 */
export const STRETCH_SIZE = 1 << 16;

/** Options of {@link parse}. */
export interface ParseOptions {
  /** Stretch size in UTF-16 code units (default {@link STRETCH_SIZE}); tests use small ones. */
  stretchSize?: number;
  /**
   * The tree of the text before an edit: stretches whose characters are unchanged, and that were read
   * in the current language (their messages are in it), are taken from it (moved to their new offsets)
   * instead of being read again. The result is the same as without it.
   */
  previous?: SyntaxTree;
  /**
   * Whether stretches of plain lines are read without Chevrotain (plainLines.ts; default true). The
   * result is the same either way; tests compare the two.
   */
  plainLines?: boolean;
  /**
   * The tree will never be the `previous` of a later parse (a one-off analysis, as `programme check`
   * makes): its stretches are not kept, so its blocks have no memos (`blockMemos` gives none,
   * `stretchMemos` undefined) and nothing is held for a next version. The result is the same.
   */
  once?: boolean;
}

/**
 * What one stretch gave: its place, its blocks and comments, and its diagnostics (lexer and parser;
 * visitor), with the language their messages are in.
 */
interface StretchResult {
  start: number;
  end: number;
  language: Language;
  blocks: BlockNode[];
  comments: CommentNode[];
  readDiagnostics: Diagnostic[];
  visitorDiagnostics: Diagnostic[];
  /**
   * The memos of `blocks` (syntax/memo.ts), made on first use; a moved copy of the stretch shares
   * this array, and so the memos, with the stretch as first read.
   */
  memos: (BlockMemo | undefined)[];
  /** The memo of the stretch, shared in the same way. */
  memo: StretchMemo;
}

/** The stretches of each tree `parse` returned, for reuse by the parse of the next version (weakly held). */
const stretchesOf = new WeakMap<SyntaxTree, StretchResult[]>();

/**
 * Parses `text`; see the module comment for the guarantees.
 *
 * A large document is lexed and parsed in stretches that end after a blank line (`stretchEnds`):
 * every token ends at or before a line break, and a blank line ends every block (docs/format.md §2),
 * so the tokens and blocks are the same as for the whole text at once; only the byte order mark and
 * front matter belong to the document's start (`lexingLaterStretch`). The CST of a stretch is turned
 * into syntax nodes before the next stretch is read, so the tokens and CST never all live at once.
 *
 * With `options.previous` (the tree of the text before an edit, as the language server has it), a
 * stretch whose characters equal a stretch of the previous text at the same offset, or at the same
 * offset moved by the edit's change in length, is not read again: its nodes are copied with their
 * offsets moved (`shiftedBlocks`), or shared when they did not move (syntax nodes are never changed).
 * A stretch read in another language than the current one is read again (its messages would be in
 * the other language).
 */
export function parse(text: string, options: ParseOptions = {}): SyntaxTree {
  const { stretchSize = STRETCH_SIZE, previous, plainLines = true, once = false } = options;
  // Referring to the resident sample keeps it alive for as long as `parse` is (see RESIDENT_SAMPLE).
  resident.reads++;
  const diagnostics: Diagnostic[] = [];
  try {
    const builder = new TreeBuilder(text);
    const reusable = previous !== undefined ? stretchesOf.get(previous) : undefined;
    const byStart = new Map<number, StretchResult>();
    for (const r of reusable ?? []) byStart.set(r.start, r);
    const delta = previous !== undefined ? text.length - previous.text.length : 0;
    const results: StretchResult[] = [];
    const visitorDiagnostics: Diagnostic[] = [];
    let start = 0;
    for (const end of stretchEnds(text, stretchSize)) {
      const piece = start === 0 && end === text.length ? text : text.slice(start, end);
      let result: StretchResult | undefined;
      for (const old of [byStart.get(start), byStart.get(start - delta)]) {
        if (old === undefined || (old.start === 0) !== (start === 0) || old.end - old.start !== piece.length) continue;
        // Its diagnostics are in the language it was read in: after a change of language, read it again.
        if (old.language !== currentLanguage()) continue;
        if (previous!.text.slice(old.start, old.end) !== piece) continue;
        result = old.start === start ? old : shiftedStretch(old, start - old.start);
        for (const b of result.blocks) builder.blocks.push(b);
        for (const c of result.comments) builder.comments.push(c);
        break;
      }
      result ??= parseStretch(piece, start, builder, plainLines);
      results.push(result);
      for (const d of result.readDiagnostics) diagnostics.push(d);
      for (const d of result.visitorDiagnostics) visitorDiagnostics.push(d);
      start = end;
    }
    // Front matter is only read in the first stretch, and only when it is read (not taken over).
    const frontMatter = builder.frontMatterNode ?? (results[0]?.start === 0 && results[0] === reusable?.[0] ? previous?.frontMatter : undefined);
    for (const d of visitorDiagnostics) diagnostics.push(d);
    const unclosed = unclosedFrontMatter(text, frontMatter !== undefined);
    if (unclosed !== undefined) diagnostics.push(unclosed);
    const tree: SyntaxTree = { text, frontMatter, blocks: builder.blocks, comments: builder.comments, diagnostics };
    if (!once) stretchesOf.set(tree, results);
    return tree;
  } catch (error) {
    // A fault of ours must not take the editor down: report it and return an empty tree.
    diagnostics.push({
      code: INTERNAL_ERROR,
      severity: 'error',
      message: l10n.t('Internal error while reading the document (please report it): {0}', error instanceof Error ? error.message : String(error)),
      span: { start: 0, end: 0 },
    });
    return { text, blocks: [], comments: [], diagnostics };
  }
}

/**
 * The tree `tree` with other blocks (the model's reading of ambiguous lines, syntax/rewrite.ts) and
 * more diagnostics. The result can stand for `tree` as the `previous` of the next parse: it reuses the
 * stretches `tree` was read from (they hold the blocks as first read, before any rewrite).
 */
export function withBlocks(tree: SyntaxTree, blocks: BlockNode[], diagnostics: Diagnostic[] = tree.diagnostics): SyntaxTree {
  const out: SyntaxTree = { text: tree.text, frontMatter: tree.frontMatter, blocks, comments: tree.comments, diagnostics };
  const stretches = stretchesOf.get(tree);
  if (stretches !== undefined) stretchesOf.set(out, stretches);
  return out;
}

/**
 * The memos (syntax/memo.ts) of the blocks `nodeOf` gives for `items`: for each item, the memo of its
 * block as `parse` read it for `tree` (or for the tree `tree` was made from with {@link withBlocks}),
 * made on first use; undefined for a block that the parse did not give (one that the model's reading
 * made of other lines) and for a tree without stretches (a parse that failed). `items` must be in
 * document order (their blocks' starts ascending). One pass over the parse's blocks, whatever the items.
 */
export function blockMemos<T>(tree: SyntaxTree, items: readonly T[], nodeOf: (item: T) => BlockNode): (BlockMemo | undefined)[] {
  const out = new Array<BlockMemo | undefined>(items.length);
  const stretches = stretchesOf.get(tree);
  if (stretches === undefined) return out;
  let s = 0;
  let k = 0;
  let blocks = stretches.length > 0 ? stretches[0].blocks : [];
  for (let i = 0; i < items.length && s < stretches.length; i++) {
    const node = nodeOf(items[i]);
    // Step over the blocks of the parse before the node (compared by identity first: most items are blocks of the parse).
    for (;;) {
      if (k >= blocks.length) {
        if (++s >= stretches.length) break;
        blocks = stretches[s].blocks;
        k = 0;
        continue;
      }
      const b = blocks[k];
      if (b === node) {
        const memos = stretches[s].memos;
        out[i] = memos[k] ??= new BlockMemo();
        k++;
        break;
      }
      // A block that starts at or after the node: the node is not one of the parse's.
      if (b.span.start >= node.span.start) break;
      k++;
    }
  }
  return out;
}

/**
 * The stretches `parse` read `tree` in (or the tree `tree` was made from with {@link withBlocks}),
 * in order, each with its place in the text and its memo (syntax/memo.ts); undefined for a tree
 * without stretches (a parse that failed).
 */
export function stretchMemos(tree: SyntaxTree): { start: number; end: number; memo: StretchMemo }[] | undefined {
  return stretchesOf.get(tree);
}

/** A stretch result moved by `delta` code units (see {@link shiftedBlocks}). */
function shiftedStretch(r: StretchResult, delta: number): StretchResult {
  const by = (span: Span): Span => ({ start: span.start + delta, end: span.end + delta });
  const move = (d: Diagnostic): Diagnostic => {
    const out: Diagnostic = { ...d, span: by(d.span) };
    if (d.related !== undefined) out.related = d.related.map((r) => ({ ...r, span: by(r.span) }));
    if (d.fixes !== undefined) out.fixes = d.fixes.map((f) => ({ ...f, changes: f.changes.map((c) => ({ span: by(c.span), newText: c.newText })) }));
    return out;
  };
  return {
    start: r.start + delta,
    end: r.end + delta,
    language: r.language,
    blocks: shiftedBlocks(r.blocks, delta),
    comments: shiftedComments(r.comments, delta),
    readDiagnostics: r.readDiagnostics.map(move),
    visitorDiagnostics: r.visitorDiagnostics.map(move),
    memos: r.memos,
    memo: r.memo,
  };
}

/**
 * Lexes and parses one stretch `piece` that starts at offset `base` of the document, adds its syntax
 * nodes to `builder` (token offsets are moved to document offsets first) and returns what it gave.
 * With `plainLines`, a stretch of plain lines is read without Chevrotain (plainLines.ts).
 */
function parseStretch(piece: string, base: number, builder: TreeBuilder, plainLines: boolean): StretchResult {
  const blocksBefore = builder.blocks.length;
  const commentsBefore = builder.comments.length;
  const visitorBefore = builder.diagnostics.length;
  const readDiagnostics: Diagnostic[] = [];
  // Most stretches are plain lines (plainLines.ts): read without tokens and CST, with the same result.
  if (!plainLines || !readPlainLines(piece, base, builder)) readWithChevrotain(piece, base, builder, readDiagnostics);
  return {
    start: base,
    end: base + piece.length,
    language: currentLanguage(),
    blocks: builder.blocks.slice(blocksBefore),
    comments: builder.comments.slice(commentsBefore),
    readDiagnostics,
    visitorDiagnostics: builder.diagnostics.slice(visitorBefore),
    memos: new Array<BlockMemo | undefined>(builder.blocks.length - blocksBefore),
    memo: new StretchMemo(),
  };
}

/** Lexes, parses and visits the stretch `piece` at `base` into `builder`; the lexer's and parser's errors go to `readDiagnostics`. */
function readWithChevrotain(piece: string, base: number, builder: TreeBuilder, readDiagnostics: Diagnostic[]): void {
  const lexed = base === 0 ? programmeLexer.tokenize(piece) : lexingLaterStretch(() => programmeLexer.tokenize(piece));
  for (const e of lexed.errors) {
    readDiagnostics.push({
      code: 'syntax',
      severity: 'error',
      message: l10n.t('Unexpected character {0}.', JSON.stringify(piece.slice(e.offset, e.offset + Math.min(e.length, 1)))),
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
    // Chevrotain's own words (English) follow, as a detail for a report.
    readDiagnostics.push({ code: 'syntax', severity: 'error', message: l10n.t('Cannot read this line: {0}', e.message), span: { start, end: start + (e.token.image?.length ?? 0) } });
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
    message: l10n.t('Front matter opened with "---" is never closed: add a line "---" after the YAML, or remove this line.'),
    span: { start, end: start + found[0].length },
  };
}

/**
 * A small document in every construct of the format, read when the module loads; its tokens, CST and
 * tree builder are kept for the life of the process. V8 drops optimised code that depends on a hidden
 * class once no object of that class is left (after a full garbage collection); the CST nodes' classes
 * (built by adding properties) and the tree builder's would otherwise die after each parse, and the
 * visitor would run unoptimised again after every full collection (seen in the bench: `--trace-deopt`,
 * "weak objects").
 */
const RESIDENT_SAMPLE = [
  '---', 'title: x', '---', '// c', '', 'Intro [[1]] text {#x} more.', '  indented', '- bullet', '17\\. mai', '', '# Forord', '',
  '# 1. Pillar {#p}', '', 'Text.', '', '## 1.1 Sub', '', '1. Measure', 'continued [[#p]]', '- point', '  more', '// note', '',
  '2. Measure [[1.1]] and [[#p]]. {#m}', '', '3) Measure {#n}', 'more', '', '#2. Near', '', '# 2 Near', '', '###### 2.1.1 Deep', '',
  '1A. Alt', '', '[[2]] first', 'text [[', '',
].join('\n');
const resident = (() => {
  const builder = new TreeBuilder(RESIDENT_SAMPLE);
  const lexed = programmeLexer.tokenize(RESIDENT_SAMPLE);
  const { cst } = parseTokens(lexed.tokens);
  builder.visit(cst);
  // The sample's messages are made in whatever language is set at load; none of them is kept.
  builder.diagnostics.length = 0;
  return { builder, lexed, cst, reads: 0 };
})();

/** The resident sample's blocks and tokens, and how many parses it has outlived (see RESIDENT_SAMPLE). */
export function residentSample(): { blocks: number; tokens: number; reads: number } {
  return { blocks: resident.builder.blocks.length, tokens: resident.lexed.tokens.length, reads: resident.reads };
}

