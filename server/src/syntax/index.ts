/**
 * `parse(text)`: the programme format's text to its syntax tree and syntax diagnostics.
 *
 * Invariant: `parse` never throws and never hangs, on any input (empty, binary, NUL characters,
 * unterminated front matter, lines of any length). Lexer and parser errors become `syntax`
 * diagnostics (a fault of ours, one `internal-error`); every pass is linear in the text's length.
 */
import * as l10n from '@vscode/l10n';
import { currentLanguage, type Language } from '../l10n/index';
import { readPlainLines } from './plainLines';
import { cstReading } from './cstLoad';
import type { Resident } from './cst';
import { TreeBuilder, shiftedBlocks, shiftedComments, type BlockNode, type CommentNode, type SyntaxTree } from './tree';
import { INTERNAL_ERROR, type Diagnostic, type Span } from './span';
import { StretchMemo, newBlockMemo, type BlockMemo } from './memo';

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
  /** The lexer's diagnostics, then the parser's (each in the order of the text). */
  lexerDiagnostics: Diagnostic[];
  parserDiagnostics: Diagnostic[];
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
 * Where the text of a tree `parse` read with a `previous` tree differs from the previous text: the
 * characters before `from` are the same, and those from `to` on are the previous text's from
 * `to − delta` on (`delta`: the change in length). A range of stretches, so `from` and `to` are
 * where lines start. None when nothing changed (`from` = `to`).
 */
export interface TextChangeRange {
  from: number;
  to: number;
  delta: number;
}

const changesOf = new WeakMap<SyntaxTree, TextChangeRange>();

/**
 * Where `tree`'s text differs from the text of the tree it was read with (`ParseOptions.previous`), or
 * of the tree `tree` was made from with {@link withBlocks}; undefined for a tree read without one.
 */
export function changedRange(tree: SyntaxTree): TextChangeRange | undefined {
  return changesOf.get(tree);
}

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
  keepResidentSample();
  const diagnostics: Diagnostic[] = [];
  try {
    const builder = new TreeBuilder(text);
    const reusable = previous !== undefined ? stretchesOf.get(previous) : undefined;
    const byStart = new Map<number, StretchResult>();
    for (const r of reusable ?? []) byStart.set(r.start, r);
    const delta = previous !== undefined ? text.length - previous.text.length : 0;
    const results: StretchResult[] = [];
    const visitorDiagnostics: Diagnostic[] = [];
    // Where the text may differ from the previous one: from the first stretch not taken over where it
    // was, to the end of the last one not taken over moved by the change in length.
    let changedFrom = text.length;
    let changedTo = 0;
    let start = 0;
    for (const end of stretchEnds(text, stretchSize)) {
      const piece = start === 0 && end === text.length ? text : text.slice(start, end);
      let result: StretchResult | undefined;
      let taken: 'where it was' | 'moved' | undefined;
      for (const old of [byStart.get(start), byStart.get(start - delta)]) {
        if (old === undefined || (old.start === 0) !== (start === 0) || old.end - old.start !== piece.length) continue;
        // Its diagnostics are in the language it was read in: after a change of language, read it again.
        if (old.language !== currentLanguage()) continue;
        if (previous!.text.slice(old.start, old.end) !== piece) continue;
        result = old.start === start ? old : shiftedStretch(old, start - old.start);
        taken = old.start === start ? 'where it was' : 'moved';
        pushAll(builder.blocks, result.blocks);
        pushAll(builder.comments, result.comments);
        break;
      }
      // A stretch the edit fell in: what comes before and after the blank lines around the change is
      // taken over from the stretch at the same offset, the rest read again.
      if (result === undefined && previous !== undefined) result = splicedStretch(text, piece, start, byStart.get(start), previous, builder, plainLines);
      result ??= parseStretch(piece, start, builder, plainLines);
      if (taken !== 'where it was') changedFrom = Math.min(changedFrom, start);
      if (taken !== 'moved' && !(taken === 'where it was' && delta === 0)) changedTo = end;
      results.push(result);
      pushAll(diagnostics, result.lexerDiagnostics);
      pushAll(diagnostics, result.parserDiagnostics);
      pushAll(visitorDiagnostics, result.visitorDiagnostics);
      start = end;
    }
    // Front matter is only read in the first stretch, and only when it is read (not taken over).
    const frontMatter = builder.frontMatterNode ?? (results[0]?.start === 0 && results[0] === reusable?.[0] ? previous?.frontMatter : undefined);
    pushAll(diagnostics, visitorDiagnostics);
    const unclosed = unclosedFrontMatter(text, frontMatter !== undefined);
    if (unclosed !== undefined) diagnostics.push(unclosed);
    const tree: SyntaxTree = { text, frontMatter, blocks: builder.blocks, comments: builder.comments, diagnostics };
    if (!once) {
      stretchesOf.set(tree, results);
      parsedTrees.add(tree);
    }
    if (previous !== undefined) changesOf.set(tree, { from: changedFrom, to: Math.max(changedFrom, changedTo), delta });
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
  const changes = changesOf.get(tree);
  if (changes !== undefined) changesOf.set(out, changes);
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
        out[i] = memos[k] ??= newBlockMemo();
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

const memosOfTree = new WeakMap<SyntaxTree, (BlockMemo | undefined)[]>();

/** The trees `parse` returned (not those {@link withBlocks} made): their blocks are their stretches' blocks, in order. */
const parsedTrees = new WeakSet<SyntaxTree>();

/**
 * The memo of block `index` of `tree` ({@link blockMemos} of `tree.blocks`), as a function of the
 * index, for a loop over the blocks in order: the indices asked for must not decrease. For a tree
 * `parse` returned, every block's memo, found in its stretch as the loop goes (nothing is walked for
 * the blocks the loop does not ask for); for another tree, from one walk over its blocks.
 */
export function treeMemos(tree: SyntaxTree): (index: number) => BlockMemo | undefined {
  const stretches = stretchesOf.get(tree);
  if (stretches !== undefined && parsedTrees.has(tree)) {
    let s = 0;
    let first = 0;
    return (index) => {
      while (s < stretches.length && first + stretches[s].blocks.length <= index) first += stretches[s++].blocks.length;
      return s < stretches.length ? blockMemoAt(stretches[s], index - first) : undefined;
    };
  }
  let memos = memosOfTree.get(tree);
  if (memos === undefined) memosOfTree.set(tree, (memos = blockMemos(tree, tree.blocks, (b) => b)));
  const all = memos;
  return (index) => all[index];
}

/**
 * The stretches `parse` read `tree` in (or the tree `tree` was made from with {@link withBlocks}),
 * in order, each with its place in the text and its memo (syntax/memo.ts); undefined for a tree
 * without stretches (a parse that failed).
 */
export function stretchMemos(tree: SyntaxTree): readonly Stretch[] | undefined {
  return stretchesOf.get(tree);
}

/**
 * A stretch `parse` read (see {@link stretchMemos}): its place in the text, its memo, and its blocks as
 * the parse gave them (a tree the model's reading made of other lines holds other blocks in places).
 */
export interface Stretch {
  readonly start: number;
  readonly end: number;
  readonly memo: StretchMemo;
  readonly blocks: readonly BlockNode[];
  /** The memos of `blocks` ({@link blockMemoAt}). */
  readonly memos: (BlockMemo | undefined)[];
}

/** The memo of block `k` of `stretch` (made on first use). */
export function blockMemoAt(stretch: Stretch, k: number): BlockMemo {
  return (stretch.memos[k] ??= newBlockMemo());
}

/** A stretch result moved by `delta` code units (see {@link shiftedBlocks}). */
function shiftedStretch(r: StretchResult, delta: number): StretchResult {
  const move = (d: Diagnostic) => movedDiagnostic(d, delta);
  return {
    start: r.start + delta,
    end: r.end + delta,
    language: r.language,
    blocks: shiftedBlocks(r.blocks, delta),
    comments: shiftedComments(r.comments, delta),
    lexerDiagnostics: r.lexerDiagnostics.map(move),
    parserDiagnostics: r.parserDiagnostics.map(move),
    visitorDiagnostics: r.visitorDiagnostics.map(move),
    memos: r.memos,
    memo: r.memo,
  };
}

/**
 * Appends `items` to `list` (an indexed loop: `parse` runs once per version, often before it is
 * optimised, and a `for … of` there makes an iterator result per item).
 */
function pushAll<T>(list: T[], items: readonly T[]): void {
  for (let i = 0; i < items.length; i++) list.push(items[i]);
}

/** `d` with every offset moved by `delta` code units (a copy; `d` is shared with the previous tree). */
function movedDiagnostic(d: Diagnostic, delta: number): Diagnostic {
  if (delta === 0) return d;
  const by = (span: Span): Span => ({ start: span.start + delta, end: span.end + delta });
  const out: Diagnostic = { ...d, span: by(d.span) };
  if (d.related !== undefined) out.related = d.related.map((r) => ({ ...r, span: by(r.span) }));
  if (d.fixes !== undefined) out.fixes = d.fixes.map((f) => ({ ...f, changes: f.changes.map((c) => ({ span: by(c.span), newText: c.newText })) }));
  return out;
}

/**
 * The stretch `piece` of `text` (from offset `start`) read with what `old`, the stretch of the
 * previous text at the same offset, had read: the blocks (comments, diagnostics) before the last blank
 * line that both have before the first change are taken over as they are; those after the first blank
 * line that both have after the last change are taken over moved by the change in length; what lies
 * between is read again (`parseStretch`: it begins and ends right after a blank line, as a stretch
 * does, so it reads as it would within the whole stretch). Blocks taken over keep their memos (their
 * characters, from the blank line before them to the one after them, did not change). Adds the blocks
 * and comments to `builder` in order. Undefined when nothing can be taken over: no such stretch, one
 * read in another language, or no blank line before nor after the change; and in the document's first
 * stretch when the front matter does not end before what is read again (it is read with the
 * document's start).
 */
function splicedStretch(text: string, piece: string, start: number, old: StretchResult | undefined, previous: SyntaxTree, builder: TreeBuilder, plainLines: boolean): StretchResult | undefined {
  if (old === undefined || old.start !== start || old.language !== currentLanguage()) return undefined;
  const before = previous.text;
  const oldLength = old.end - old.start;
  // The characters both have at the start, and at the end (not overlapping those).
  let head = 0;
  const most = Math.min(oldLength, piece.length);
  while (head < most && before.charCodeAt(start + head) === piece.charCodeAt(head)) head++;
  let tail = 0;
  while (tail < most - head && before.charCodeAt(old.end - 1 - tail) === piece.charCodeAt(piece.length - 1 - tail)) tail++;
  // Cut after the last blank line within the shared start, and after the first blank line within the shared end.
  let cut1 = 0;
  BLANK_LINE_AFTER_BREAK.lastIndex = start;
  for (let m = BLANK_LINE_AFTER_BREAK.exec(text); m !== null && m.index + m[0].length <= start + head; m = BLANK_LINE_AFTER_BREAK.exec(text)) cut1 = m.index + m[0].length - start;
  let cut2 = piece.length;
  BLANK_LINE_AFTER_BREAK.lastIndex = start + piece.length - tail;
  const after = BLANK_LINE_AFTER_BREAK.exec(text);
  if (after !== null && after.index + after[0].length < start + piece.length) cut2 = after.index + after[0].length - start;
  if (cut1 === 0 && cut2 === piece.length) return undefined;
  if (start === 0) {
    // The front matter is read with the document's start, and what follows it depends on where it
    // ends: it must end at the same place in both, and lie wholly in what is taken over (what is read
    // again is then read as a later stretch) or in what is read again (from the document's start).
    const closing = frontMatterClosingEnd(text);
    if (closing !== frontMatterClosingEnd(before)) return undefined;
    if (closing !== undefined && (cut1 > 0 ? closing >= cut1 || previous.frontMatter === undefined : closing >= cut2)) return undefined;
    if (cut1 > 0 && closing !== undefined) builder.frontMatterNode = previous.frontMatter;
  }
  const delta = piece.length - oldLength;
  const headEnd = start + cut1;
  const tailStart = start + cut2 - delta;
  const inHead = (span: Span) => span.start < headEnd;
  const inTail = (span: Span) => span.start >= tailStart;
  const partOf = <T extends { span: Span }>(list: readonly T[], keep: (span: Span) => boolean) => list.filter((x) => keep(x.span));
  const headBlocks = partOf(old.blocks, inHead);
  const tailFrom = old.blocks.findIndex((b) => inTail(b.span));
  const tailBlocks = tailFrom < 0 ? [] : shiftedBlocks(old.blocks.slice(tailFrom), delta);
  pushAll(builder.blocks, headBlocks);
  const headComments = partOf(old.comments, inHead);
  pushAll(builder.comments, headComments);
  const middle = parseStretch(text.slice(headEnd, start + cut2), headEnd, builder, plainLines);
  const tailComments = shiftedComments(partOf(old.comments, inTail), delta);
  pushAll(builder.blocks, tailBlocks);
  pushAll(builder.comments, tailComments);
  const join = (list: readonly Diagnostic[], mid: readonly Diagnostic[]) => [...partOf(list, inHead), ...mid, ...partOf(list, inTail).map((d) => movedDiagnostic(d, delta))];
  const memos = new Array<BlockMemo | undefined>(headBlocks.length + middle.blocks.length + tailBlocks.length);
  for (let i = 0; i < headBlocks.length; i++) memos[i] = old.memos[i];
  for (let i = 0; i < tailBlocks.length; i++) memos[headBlocks.length + middle.blocks.length + i] = old.memos[tailFrom + i];
  return {
    start,
    end: start + piece.length,
    language: old.language,
    blocks: [...headBlocks, ...middle.blocks, ...tailBlocks],
    comments: [...headComments, ...middle.comments, ...tailComments],
    lexerDiagnostics: join(old.lexerDiagnostics, middle.lexerDiagnostics),
    parserDiagnostics: join(old.parserDiagnostics, middle.parserDiagnostics),
    visitorDiagnostics: join(old.visitorDiagnostics, middle.visitorDiagnostics),
    memos,
    memo: new StretchMemo(),
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
  const lexerDiagnostics: Diagnostic[] = [];
  const parserDiagnostics: Diagnostic[] = [];
  // Most stretches are plain lines (plainLines.ts): read without tokens and CST, with the same result.
  if (!plainLines || !readPlainLines(piece, base, builder)) cstReading().readWithChevrotain(piece, base, builder, lexerDiagnostics, parserDiagnostics);
  return {
    start: base,
    end: base + piece.length,
    language: currentLanguage(),
    blocks: builder.blocks.slice(blocksBefore),
    comments: builder.comments.slice(commentsBefore),
    lexerDiagnostics,
    parserDiagnostics,
    visitorDiagnostics: builder.diagnostics.slice(visitorBefore),
    memos: new Array<BlockMemo | undefined>(builder.blocks.length - blocksBefore),
    memo: new StretchMemo(),
  };
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
 * A small document in every construct of the format, read at the second parse (a process that parses
 * once, as `programme check` of one file, does not pay for it at its start); its tokens, CST and tree
 * builder are kept for the life of the process. V8 drops optimised code that depends on a hidden
 * class once no object of that class is left (after a full garbage collection); the CST nodes' classes
 * (built by adding properties) and the tree builder's would otherwise die after each parse, and the
 * visitor would run unoptimised again after every full collection (seen in the bench: `--trace-deopt`,
 * "weak objects").
 */
export const RESIDENT_SAMPLE = [
  '---', 'title: x', '---', '// c', '', 'Intro [[1]] text {#x} more.', '  indented', '- bullet', '17\\. mai', '', '# Forord', '',
  '# 1. Pillar {#p}', '', 'Text.', '', '## 1.1 Sub', '', '1. Measure', 'continued [[#p]]', '- point', '  more', '// note', '',
  '2. Measure [[1.1]] and [[#p]]. {#m}', '', '3) Measure {#n}', 'more', '', '#2. Near', '', '# 2 Near', '', '###### 2.1.1 Deep', '',
  '1A. Alt', '', '[[2]] first', 'text [[', '',
].join('\n');

/** The resident sample, once read; how many parses there were before it. */
let resident: Resident | undefined;
let parsesBeforeResident = 0;

/** Reads the resident sample (with Chevrotain, cst.ts). */
function readResidentSample(): Resident {
  return cstReading().readResidentSample(RESIDENT_SAMPLE);
}

/** Called at the start of every parse: reads the resident sample at the second, counts the parses it outlives. */
function keepResidentSample(): void {
  if (resident === undefined && parsesBeforeResident++ === 0) return;
  resident ??= readResidentSample();
  resident.reads++;
}

/** The resident sample's blocks and tokens, and how many parses it has outlived (see RESIDENT_SAMPLE); reads it if it is not yet read. */
export function residentSample(): { blocks: number; tokens: number; reads: number } {
  resident ??= readResidentSample();
  return { blocks: resident.builder.blocks.length, tokens: resident.lexed.tokens.length, reads: resident.reads };
}

