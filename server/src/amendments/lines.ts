/**
 * The printed draft of a programme with its line numbers, as a congress prints it for amendments
 * ("linje 112–114: erstatt «…» med «…»"). docs/amendments.md, "Printed line numbers", states the rule;
 * it is the one congress tools (Antragsgrün, OpenSlides) use, made exact:
 *
 * - What is printed is the export's reading ({@link publication}): headings with their numbers, measures
 *   with their printed numbers, paragraphs, sub-points (`- ` before each), references as printed
 *   ("tiltak 4.7"); not the title block, the table of contents, comments or labels.
 * - Every block (heading, measure, paragraph) and every sub-point, and running text after a list, starts
 *   a new line. Headings count.
 * - Runs of blanks (U+0020, tab, line breaks) print as one space. U+00A0 (no-break space), U+202F and
 *   U+2007 are not blanks: a line never breaks there.
 * - A line holds at most `width` characters, counted as Unicode code points (an emoji is one, a letter
 *   with a combining accent two), not counting the space it breaks at. It breaks at the last place that
 *   fits: at a space (the space is not printed), or after a hyphen (U+002D or U+2010) between two
 *   letters or digits ("Arbeiderparti-|ledet", "2023-|2027"; not "lære-, og"). A word longer than a
 *   line is cut after `width` characters; no hyphen is added, so that the lines joined (a space where a
 *   line broke at a space, nothing otherwise) give back the printed text.
 * - The space of a printed reference between its kind word and its number ("tiltak 4.7", "kapittel 2")
 *   is no break either: "tiltak" never ends a line with "4.7" on the next.
 * - Lines are numbered from 1 through the whole document, or from 1 again at each pillar heading
 *   (`restart: 'pillar'`; blocks before the first pillar count from 1 too, and unnumbered sections after
 *   a pillar go on counting in that pillar's numbers).
 *
 * Pure: no file system, no language server.
 */
import * as l10n from '@vscode/l10n';
import { publication, type PrintedBlock, type PrintedInline, type PrintedReference, type Publication } from '../export/document';
import type { Programme } from '../model/programme';
import type { BlockNode } from '../syntax/tree';
import type { Span } from '../syntax/span';
import { readFrontMatter } from '../rules/frontMatter';

/** The default line width of a printed draft, in characters (code points). */
export const DEFAULT_LINE_WIDTH = 80;
/** The narrowest line width accepted: a measure number and a few letters. */
export const MIN_LINE_WIDTH = 10;
/** The widest line width accepted. */
export const MAX_LINE_WIDTH = 1000;

/** How line numbers run: through the whole document, or from 1 again at each pillar. */
export type LineNumbering = 'document' | 'pillar';

/** One printed line of the draft. Lines are numbered from 1 as printed (not 0-based: they are the congress's numbers). */
export interface PrintedLine {
  /** The printed line number (continuous, or restarting per pillar). */
  number: number;
  /** The words on that line as printed (no leading or trailing space). */
  text: string;
  /** Index of the printed block it belongs to: an index into {@link PrintedDraft.blocks} (and into `publication(p).blocks`). */
  block: number;
  /**
   * UTF-16 offsets in the programme text of the words on this line, as far as they map: from the first
   * mapped character's start to the last one's end (a reference maps to its whole `[[…]]`); a line none
   * of whose characters map (a printed number written differently) gets its block's span.
   */
  source: { start: number; end: number };
  /** The pillar's number when numbering restarts per pillar (absent before the first pillar). */
  pillar?: string;
  /**
   * How the line ends: `space` (it broke at a space, which is not printed), `hyphen` (after a hyphen,
   * printed), `split` (inside a word longer than a line), `end` (the end of a block, sub-point or running
   * text). Joining a block's lines puts one space after a `space` line and nothing after the others.
   */
  break: 'space' | 'hyphen' | 'split' | 'end';
}

/** A printed block: its kind and where it is in the source. */
export interface DraftBlock {
  kind: PrintedBlock['kind'];
  /** The block's source span (UTF-16 offsets), from its first character to the end of its last line's text. */
  source: Span;
  /** 0-based source line of the block's first line. */
  line: number;
  /** The id of a measure (`4.7`) or the number of a numbered heading (`4`, `4.1`), if any. */
  id?: string;
}

/** A programme's printed draft. */
export interface PrintedDraft {
  lines: PrintedLine[];
  /** The printed blocks, in document order; `PrintedLine.block` indexes them. */
  blocks: DraftBlock[];
  /** The line width used (code points). */
  width: number;
  restart: LineNumbering;
  /**
   * A short, stable fingerprint of the printed draft: 8 lower-case hex digits, FNV-1a (32 bits) of the
   * width, the numbering and every line's number and text. Any change to what or where something is
   * printed changes it (with a chance of 1 in 4 billion of not noticing).
   */
  fingerprint: string;
}

/** Options of {@link printedDraft}: explicit values win over the front matter's, which win over the config's. */
export interface DraftOptions {
  /** The line width (code points): `--width`. */
  width?: number;
  /** `--restart`. */
  restart?: LineNumbering;
  /** The configuration's `lineWidth` and `lineNumbering` (.programmerc.json), used when neither the option nor the front matter says. */
  config?: { lineWidth?: number; lineNumbering?: LineNumbering };
}

/**
 * The printed draft of `p` with its line numbers (see the module comment for the rule). The width is
 * `options.width`, else the front matter's `lineWidth`, else `options.config.lineWidth`, else 80; a width
 * outside {@link MIN_LINE_WIDTH}..{@link MAX_LINE_WIDTH} or not an integer is clamped/rounded (the CLI and
 * the schemas reject them before). Pure; never throws.
 */
export function printedDraft(p: Programme, options: DraftOptions = {}): PrintedDraft {
  return draftLayout(p, publication(p), options, false).draft;
}

/**
 * A piece of a printed line, for the writers that print the draft (HTML, Word): a measure's or
 * heading's number, a sub-point's `- `, running text, or (part of) a reference as printed.
 */
export interface LinePiece {
  kind: 'number' | 'bullet' | 'text' | 'reference';
  /** The characters of the piece on this line (the piece's words may go on on the next line). */
  text: string;
  /** The reference, for `reference` pieces (its anchor, for a link). */
  reference?: PrintedReference;
}

/** A printed line with its pieces. */
export interface LaidOutLine {
  line: PrintedLine;
  pieces: LinePiece[];
}

/**
 * A run of a printed block that starts a new line: a heading (`part` -1), the text of a part
 * (`item` absent) or one sub-point or bullet of a list part (`item` its index), with its lines.
 */
export interface LaidOutRun {
  part: number;
  item?: number;
  lines: LaidOutLine[];
}

/** The printed draft, and for each printed block its runs with their lines' pieces (what the writers print). */
export interface DraftLayout {
  draft: PrintedDraft;
  /** Per block of `draft.blocks` (and of the publication's blocks), its runs in order. */
  runs: LaidOutRun[][];
}

/** The width and numbering `options` ask for, with the front matter's and config's values (see {@link printedDraft}). */
export function draftSettings(p: Programme, options: DraftOptions = {}): { width: number; restart: LineNumbering } {
  return {
    width: clampWidth(options.width ?? frontMatterWidth(p) ?? options.config?.lineWidth ?? DEFAULT_LINE_WIDTH),
    restart: options.restart ?? options.config?.lineNumbering ?? 'document',
  };
}

/**
 * The printed draft of `p` and its layout, from its already made publication `pub` (as the export has
 * it); without `withPieces`, the lines' pieces are left empty (what {@link printedDraft} needs). Pure;
 * never throws.
 */
export function draftLayout(p: Programme, pub: Publication, options: DraftOptions = {}, withPieces = true): DraftLayout {
  const { width, restart } = draftSettings(p, options);
  const spans = blockSpans(p);
  const masked = maskedText(p);
  const lines: PrintedLine[] = [];
  const blocks: DraftBlock[] = [];
  const runs: LaidOutRun[][] = [];
  let number = 0;
  let pillar: string | undefined;
  pub.blocks.forEach((b, index) => {
    const span = spans[index] ?? { start: 0, end: 0 };
    const block: DraftBlock = { kind: b.kind, source: span, line: b.line };
    if (b.kind !== 'paragraph' && b.id !== undefined) block.id = b.id;
    blocks.push(block);
    if (restart === 'pillar' && b.kind === 'heading' && b.role === 'pillar') {
      pillar = b.id;
      number = 0;
    }
    const finder = new SourceFinder(masked, span);
    const laid: LaidOutRun[] = [];
    for (const run of runsOf(b)) {
      const mapped = mapRun(run.pieces, finder);
      const out: LaidOutLine[] = [];
      // Words and pieces are in text order, as the lines are: one sweep over each.
      let w = 0;
      let k = 0;
      for (const l of breakLines(mapped.text, width, mapped.keep)) {
        let start = Infinity;
        let end = -Infinity;
        const found = mapped.words;
        while (w < found.count && found.end[w] <= l.start) w++;
        for (let i = w; i < found.count && found.start[i] < l.end; i++) {
          if (found.whole[i]) {
            start = Math.min(start, found.from[i]);
            end = Math.max(end, found.to[i]);
          } else {
            start = Math.min(start, found.from[i] + Math.max(0, l.start - found.start[i]));
            end = Math.max(end, found.from[i] + (Math.min(l.end, found.end[i]) - found.start[i]));
          }
        }
        const source = start === Infinity ? { start: span.start, end: span.end } : { start, end };
        const line: PrintedLine = { number: ++number, text: mapped.text.slice(l.start, l.end), block: index, source, break: l.break };
        if (restart === 'pillar' && pillar !== undefined) line.pillar = pillar;
        lines.push(line);
        const pieces: LinePiece[] = [];
        while (withPieces && k < run.pieces.length && mapped.ends[k] <= l.start) k++;
        for (let j = k; withPieces && j < run.pieces.length && mapped.starts[j] < l.end; j++) {
          const from = Math.max(l.start, mapped.starts[j]);
          const to = Math.min(l.end, mapped.ends[j]);
          const piece = run.pieces[j];
          if (from < to) pieces.push(piece.reference !== undefined ? { kind: piece.kind, text: mapped.text.slice(from, to), reference: piece.reference } : { kind: piece.kind, text: mapped.text.slice(from, to) });
        }
        out.push({ line, pieces });
      }
      laid.push({ part: run.part, ...(run.item !== undefined ? { item: run.item } : {}), lines: out });
    }
    runs.push(laid);
  });
  return { draft: { lines, blocks, width, restart, fingerprint: fingerprintOf(width, restart, lines) }, runs };
}

/**
 * For each printed block, its first and last printed line: what the editor shows at the start of a
 * block ("l. 112–114"). Blocks are those of {@link PrintedDraft.blocks}, in order; `line` is the
 * block's 0-based source line, `offset` its first character (UTF-16). A block prints at least one line.
 */
export function lineNumbersOfBlocks(draft: PrintedDraft): { block: number; line: number; offset: number; first: number; last: number; pillar?: string }[] {
  const out: { block: number; line: number; offset: number; first: number; last: number; pillar?: string }[] = [];
  for (const l of draft.lines) {
    const last = out[out.length - 1];
    if (last !== undefined && last.block === l.block) {
      last.last = l.number;
      continue;
    }
    const b = draft.blocks[l.block];
    out.push({ block: l.block, line: b.line, offset: b.source.start, first: l.number, last: l.number, ...(l.pillar !== undefined ? { pillar: l.pillar } : {}) });
  }
  return out;
}

/**
 * A block's printed lines as the editor shows them at the block's start (an inlay hint): "l. 112",
 * "l. 112–114", or with numbering per pillar "ch. 2, l. 12–14", in the language of messages.
 */
export function linesLabel(range: { first: number; last: number; pillar?: string }): string {
  const { first, last, pillar } = range;
  if (pillar !== undefined) {
    return first === last
      ? l10n.t({ message: 'ch. {0}, l. {1}', args: [pillar, first], comment: ['Pillar {0}, printed line {1} of the congress draft, shown at the start of a block in the editor ("kap. 2, l. 12").'] })
      : l10n.t({ message: 'ch. {0}, l. {1}–{2}', args: [pillar, first, last], comment: ['Pillar {0}, printed lines {1} to {2} of the congress draft, shown at the start of a block in the editor ("kap. 2, l. 12–14").'] });
  }
  return first === last
    ? l10n.t({ message: 'l. {0}', args: [first], comment: ['Printed line {0} of the congress draft, shown at the start of a block in the editor ("l. 112").'] })
    : l10n.t({ message: 'l. {0}–{1}', args: [first, last], comment: ['Printed lines {0} to {1} of the congress draft, shown at the start of a block in the editor ("l. 112–114").'] });
}

/** The fingerprint of a draft: FNV-1a (32 bits) over the UTF-16 code units, as 8 hex digits. */
function fingerprintOf(width: number, restart: LineNumbering, lines: readonly PrintedLine[]): string {
  let h = 0x811c9dc5;
  const add = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  };
  add(`${width}\n${restart}\n`);
  for (const l of lines) add(`${l.pillar ?? ''}|${l.number}|${l.text}\n`);
  return h.toString(16).padStart(8, '0');
}

function clampWidth(width: number): number {
  if (!Number.isFinite(width)) return DEFAULT_LINE_WIDTH;
  return Math.min(MAX_LINE_WIDTH, Math.max(MIN_LINE_WIDTH, Math.round(width)));
}

/** The front matter's `lineWidth` when it is a whole number in range, else undefined. */
function frontMatterWidth(p: Programme): number | undefined {
  const value = readFrontMatter(p)?.data?.lineWidth;
  return typeof value === 'number' && Number.isInteger(value) && value >= MIN_LINE_WIDTH && value <= MAX_LINE_WIDTH ? value : undefined;
}

// ---------------------------------------------------------------------------------------------------
// Blocks, their source spans and the runs of text that start new lines.

/**
 * The source span of each printed block, in the order of `publication(p).blocks`: the syntax tree's
 * blocks, without the measure blocks the model did not read as measures (as publication skips them).
 */
function blockSpans(p: Programme): Span[] {
  const measureNodes = new Set<BlockNode>();
  for (const m of p.measures) measureNodes.add(m.node as BlockNode);
  const out: Span[] = [];
  for (const block of p.tree.blocks) {
    if (block.kind === 'measure' && !measureNodes.has(block)) continue;
    let end = block.span.end;
    while (end > block.span.start && isBlank(p.text.charCodeAt(end - 1))) end--;
    out.push({ start: block.span.start, end });
  }
  return out;
}

/** The programme's text with comments and labels blanked (same length), so that printed words are not found in them. */
function maskedText(p: Programme): string {
  const cuts: Span[] = [...p.tree.comments.map((c) => c.span), ...p.labels.map((l) => l.span)].sort((a, b) => a.start - b.start);
  if (cuts.length === 0) return p.text;
  let out = '';
  let at = 0;
  for (const c of cuts) {
    if (c.start < at) continue;
    out += p.text.slice(at, c.start) + ' '.repeat(c.end - c.start);
    at = c.end;
  }
  return out + p.text.slice(at);
}

/** A piece of a run: its printed text, its kind, and for a reference the reference. */
interface Piece {
  kind: LinePiece['kind'];
  text: string;
  reference?: PrintedReference;
}

/** A run of a block: the pieces printed from a new line on (see {@link LaidOutRun}). */
interface Run {
  part: number;
  item?: number;
  pieces: Piece[];
}

/** The runs of a printed block that each start a new line: its first line (with its number), sub-points, running text after a list. */
function runsOf(b: PrintedBlock): Run[] {
  const pieces = (inlines: readonly PrintedInline[]): Piece[] => inlines.map((n) => (n.kind === 'reference' ? { kind: 'reference', text: n.text, reference: n } : { kind: 'text', text: n.text }));
  if (b.kind === 'heading') return [{ part: -1, pieces: [...(b.number !== undefined ? [{ kind: 'number' as const, text: b.number }, { kind: 'text' as const, text: ' ' }] : []), ...pieces(b.title)] }];
  const runs: Run[] = [];
  b.parts.forEach((part, i) => {
    const prefix: Piece[] = i === 0 && b.kind === 'measure' ? [{ kind: 'number', text: b.number }, { kind: 'text', text: ' ' }] : [];
    if (part.kind === 'text') runs.push({ part: i, pieces: [...prefix, ...pieces(part.inlines)] });
    else part.items.forEach((item, j) => runs.push({ part: i, item: j, pieces: [...(j === 0 ? prefix : []), { kind: 'bullet', text: '-' }, { kind: 'text', text: ' ' }, ...pieces(item.inlines)] }));
  });
  if (runs.length === 0) runs.push({ part: 0, pieces: b.kind === 'measure' ? [{ kind: 'number', text: b.number }] : [] });
  return runs;
}

/** Finds printed words in a block's source, in order. */
class SourceFinder {
  private at: number;
  constructor(
    private readonly text: string,
    private readonly span: Span,
  ) {
    this.at = span.start;
  }
  /** The offset of `s` at or after the last find inside the block, or -1; a find moves on past it. */
  find(s: string): number {
    const i = this.text.indexOf(s, this.at);
    if (i < 0 || i + s.length > this.span.end) return -1;
    this.at = i + s.length;
    return i;
  }
}

/**
 * The printed words of a run found in the source, as parallel arrays: word `i` is `[start[i], end[i])`
 * in the run's text and `[from[i], to[i])` in the source; `whole[i]`: the whole word maps to the whole
 * of `[from, to)` (a reference's words to its `[[…]]`), else character by character.
 */
class MappedWords {
  count = 0;
  readonly start: number[] = [];
  readonly end: number[] = [];
  readonly from: number[] = [];
  readonly to: number[] = [];
  readonly whole: boolean[] = [];
  add(start: number, end: number, from: number, to: number, whole: boolean): void {
    this.start.push(start);
    this.end.push(end);
    this.from.push(from);
    this.to.push(to);
    this.whole.push(whole);
    this.count++;
  }
}

/**
 * A run's printed text (blanks collapsed, trimmed), its words that were found in the source, where
 * each piece of the run is in the text (`[starts[k], ends[k])`), and the spaces that are no break.
 */
interface MappedRun {
  text: string;
  words: MappedWords;
  starts: number[];
  ends: number[];
  /** The spaces that are no break: the one between a reference's kind word and its number. */
  keep: ReadonlySet<number>;
}

function mapRun(run: readonly Piece[], finder: SourceFinder): MappedRun {
  const parts: string[] = [];
  let length = 0;
  let afterSpace = true; // no space at the start
  const found = new MappedWords();
  const starts: number[] = [];
  const ends: number[] = [];
  let keep: Set<number> | undefined;
  for (const piece of run) {
    starts.push(length);
    // "tiltak 4.7", "kapittel 2": the space before the number holds them together.
    const id = piece.reference?.target?.kind !== 'section' ? piece.reference?.target?.id : undefined;
    const glue = id !== undefined && piece.text.length > id.length && piece.text.endsWith(id) && piece.text.charCodeAt(piece.text.length - id.length - 1) === 0x20;
    let refSpan: Span | undefined;
    if (piece.reference !== undefined) {
      const at = finder.find(`[[${piece.reference.written}]]`);
      if (at >= 0) refSpan = { start: at, end: at + piece.reference.written.length + 4 };
    }
    const s = piece.text;
    let i = 0;
    while (i < s.length) {
      if (isBlank(s.charCodeAt(i))) {
        while (i < s.length && isBlank(s.charCodeAt(i))) i++;
        if (!afterSpace) {
          if (glue) (keep ??= new Set()).add(length);
          parts.push(' ');
          length++;
          afterSpace = true;
        }
        continue;
      }
      const start = i;
      while (i < s.length && !isBlank(s.charCodeAt(i))) i++;
      const word = s.slice(start, i);
      if (refSpan !== undefined) found.add(length, length + word.length, refSpan.start, refSpan.end, true);
      else if (piece.reference === undefined) {
        const at = finder.find(word);
        if (at >= 0) found.add(length, length + word.length, at, at + word.length, false);
      }
      parts.push(word);
      length += word.length;
      afterSpace = false;
    }
    ends.push(length);
  }
  if (parts.length > 0 && parts[parts.length - 1] === ' ') {
    parts.pop();
    length--;
  }
  for (let k = 0; k < ends.length; k++) {
    ends[k] = Math.min(ends[k], length);
    starts[k] = Math.min(starts[k], length);
  }
  return { text: parts.join(''), words: found, starts, ends, keep: keep ?? NO_OFFSETS };
}

/** Space, tab, line feed, carriage return: the blanks a printed line may break at (not U+00A0). */
function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function isHyphen(c: number): boolean {
  return c === 0x2d || c === 0x2010;
}

/** Whether the code point at or ending at `i` (a low surrogate's pair counts) is a letter, digit or combining mark. */
function isWordCharacter(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  const at = c >= 0xdc00 && c <= 0xdfff && i > 0 ? i - 1 : i;
  const cp = text.codePointAt(at);
  return cp !== undefined && WORD.test(String.fromCodePoint(cp));
}

const WORD = /^[\p{L}\p{N}\p{M}]$/u;

// ---------------------------------------------------------------------------------------------------
// The line breaking.

const NO_OFFSETS: ReadonlySet<number> = new Set();

/** A printed line of a run: `[start, end)` in the run's text (UTF-16) and how it ends. */
export interface BrokenLine {
  start: number;
  end: number;
  break: PrintedLine['break'];
}

/**
 * `text` (single spaces, no leading or trailing space) broken into lines of at most `width` code
 * points by the rule of the module comment; the spaces at the UTF-16 offsets of `keep` are no break
 * (the space in a printed reference, "tiltak 4.7"). An empty text is one empty line. Pure.
 */
export function breakLines(text: string, width: number, keep: ReadonlySet<number> = NO_OFFSETS): BrokenLine[] {
  const out: BrokenLine[] = [];
  if (text === '') return [{ start: 0, end: 0, break: 'end' }];
  let start = 0;
  while (start < text.length) {
    // Walk at most width code points; remember the last break opportunity that fits.
    let i = start;
    let count = 0;
    let best: BrokenLine | undefined;
    let next = -1;
    while (i < text.length && count < width) {
      const c = text.charCodeAt(i);
      const size = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
      if (c === 0x20 && i > start && !keep.has(i)) {
        best = { start, end: i, break: 'space' };
        next = i + 1;
      }
      i += size;
      count++;
      if (isHyphen(c) && i - size > start && i < text.length && isWordCharacter(text, i) && isWordCharacter(text, i - size - 1)) {
        best = { start, end: i, break: 'hyphen' };
        next = i;
      }
    }
    if (i >= text.length) {
      out.push({ start, end: text.length, break: 'end' });
      break;
    }
    // `width` code points taken and more follow: a space just after them is a break that fits too.
    if (text.charCodeAt(i) === 0x20 && !keep.has(i)) {
      best = { start, end: i, break: 'space' };
      next = i + 1;
    }
    if (best === undefined) {
      out.push({ start, end: i, break: 'split' });
      start = i;
    } else {
      out.push(best);
      start = next;
    }
  }
  return out;
}
