/**
 * The typed programme: front matter, unnumbered sections, pillars, sub-sections, measures, labels and
 * references, built from the flat syntax tree in one linear pass (docs/format.md).
 *
 * Nesting: a level-1 heading opens a pillar (numbered) or an unnumbered section; `##`…`######`
 * headings open sub-sections nested by level under the current level-1 heading. A measure belongs to
 * the innermost open heading; measures before the first pillar or under an unnumbered section are kept
 * in `outsideMeasures`. Measure ids follow the numbering mode (`per-pillar` → `P.N`, `per-section` →
 * `S.N` with S the innermost numbered sub-section or the pillar, `continuous` → `N`).
 */
import { LineIndex, type Diagnostic, type Span } from '../syntax/span';
import { changedRange, treeMemos } from '../syntax/index';
import { memoized, type BlockMemo } from '../syntax/memo';
import type { MeasureDoubt } from './reading';
import type { CommentNode, FrontMatterNode, HeadingNode, InlineNode, LabelNode, LineNode, MeasureNode, ParagraphNode, ReferenceNode, SyntaxTree } from '../syntax/tree';

/** How measures are numbered (configuration key `measureNumbering`). */
export type NumberingMode = 'per-pillar' | 'per-section' | 'continuous';

/** Options of the model. */
export interface ModelOptions {
  /** Default `per-pillar`. */
  measureNumbering?: NumberingMode;
  /**
   * The programme of the same document before an edit (the language server keeps it): its syntax tree
   * is reused for the stretches the edit did not touch (`parse`'s `previous`). The result is the same.
   */
  previous?: Programme;
  /**
   * The document is analysed once, with no version after it (`programme check`): nothing is kept for
   * a later analysis (the parse's `once`). The result is the same.
   */
  once?: boolean;
}

/** A label declared on a pillar, section, sub-section or measure. */
export interface Label {
  /** As written. */
  name: string;
  /** The comparison key: NFC and case-folded (see {@link labelKey}). */
  key: string;
  span: Span;
  nameSpan: Span;
  owner: Pillar | Section | Subsection | Measure;
}

/** What a reference's text says it names. */
export type ReferenceForm =
  | { kind: 'measure'; id: string }
  | { kind: 'pillar'; number: string }
  | { kind: 'label'; key: string; name: string }
  | { kind: 'invalid' };

/** A `[[…]]` reference outside front matter and comments. */
export interface Reference {
  node: ReferenceNode;
  span: Span;
  /** The text between the brackets, as written. */
  target: string;
  form: ReferenceForm;
  /** The measure whose text holds it, if any. */
  inMeasure?: Measure;
}

interface HeadingBased {
  heading: HeadingNode;
  /** From the heading to the end of the last line that belongs to it. */
  span: Span;
  title: string;
  label?: Label;
  /** Direct sub-sections. */
  subsections: Subsection[];
  /** Measures directly under this heading and under its sub-sections, in document order. */
  measures: Measure[];
  /** Direct children in document order. */
  children: (Subsection | Measure)[];
}

/** A numbered level-1 heading `# N. Title` and what follows it up to the next level-1 heading. */
export interface Pillar extends HeadingBased {
  kind: 'pillar';
  number: number;
  numberText: string;
  numberSpan: Span;
  /** `.`, `)` or '' (a near-miss without delimiter). */
  delimiter: string;
  delimiterSpan?: Span;
}

/** An unnumbered level-1 heading (Forord, Innledning). */
export interface Section extends HeadingBased {
  kind: 'section';
}

/** A `##`…`######` heading. */
export interface Subsection extends HeadingBased {
  kind: 'subsection';
  level: number;
  /** The hierarchical number (`1.1`), when written. */
  numberText?: string;
  numberParts?: number[];
  numberSpan?: Span;
  parent: Pillar | Section | Subsection;
  pillar?: Pillar;
}

/** A measure. */
export interface Measure {
  kind: 'measure';
  node: MeasureNode;
  span: Span;
  numberText: string;
  numberSpan: Span;
  value: number;
  alternative: string;
  /** `.` or `)`; `:` or '' for the forms that have no delimiter of the format's own (see `MeasureNode`). */
  delimiter: '.' | ')' | ':' | '';
  delimiterSpan: Span;
  /** The id in the document's numbering mode (`1.3`, `1.1.3`, `12`; `2.9A`). */
  id: string;
  pillar?: Pillar;
  /** The innermost heading above it, if any. */
  parent?: Pillar | Section | Subsection;
  label?: Label;
  references: Reference[];
  /**
   * Set when the line was read as a measure although it may be text (model/reading.ts): it goes on
   * from an unfinished sentence, or a date, an ordinal or a year follows its number.
   */
  doubt?: MeasureDoubt;
}

/** A line that may start a measure but was read as text: its number's and delimiter's spans, and its form. */
export interface NumberedText {
  numberSpan: Span;
  delimiter: MeasureNode['delimiter'];
  delimiterSpan: Span;
  form: MeasureNode['form'];
}

/** The programme model. */
export interface Programme {
  text: string;
  lines: LineIndex;
  tree: SyntaxTree;
  mode: NumberingMode;
  frontMatter?: FrontMatterNode;
  /** Unnumbered sections and pillars in document order. */
  top: (Section | Pillar)[];
  pillars: Pillar[];
  sections: Section[];
  subsections: Subsection[];
  measures: Measure[];
  /** Measures before the first pillar or under an unnumbered section. */
  outsideMeasures: Measure[];
  paragraphs: ParagraphNode[];
  comments: CommentNode[];
  labels: Label[];
  references: Reference[];
  /** Syntax diagnostics from the parser, and those of the reading of ambiguous lines (model/reading.ts). */
  syntaxDiagnostics: Diagnostic[];
  /**
   * Lines that may start a measure but were read as text (model/reading.ts): a wrapped date
   * (`17. mai`), a full id that is a decimal number (`1.5 millioner`), … Renumbering escapes those it
   * can (`17\. mai`), so that new numbers around them cannot make them measures.
   */
  numberedText: NumberedText[];
  /**
   * Caches that rules hand from the analysis of one version of a document to the next (by rule code),
   * when the programme was built with `ModelOptions.previous` (the language server's re-analysis after
   * an edit); undefined otherwise. No result depends on what they hold.
   */
  caches?: Map<string, unknown>;
}

/**
 * The comparison key of a label or title: Unicode NFC, then case folding (upper- then lower-casing,
 * which folds `ß`/`SS` and `Ø`/`ø` as full case folding does), then NFC again.
 */
export function labelKey(name: string): string {
  // Latin-1 text is in NFC already, and so is what case mapping makes of it (`ß` → `ss`, `µ` → `μ`,
  // `ÿ` → `ÿ`): most names need no normalisation.
  if (LATIN1.test(name)) return name.toUpperCase().toLowerCase();
  return name.normalize('NFC').toUpperCase().toLowerCase().normalize('NFC');
}

const LATIN1 = /^[\u0000-\u00ff]*$/;

/** {@link labelKey} of the labels of the model, kept for the next version (the names of unchanged labels are the same strings). */
const keyOfLabel = memoized(labelKey);

const MEASURE_ID = /^[0-9]+(?:\.[0-9]+)*[A-Z]?$/;
const PILLAR_ID = /^[0-9]+$/;

/** Reads what a reference's text names (format §6). Blanks around the target are tolerated. */
export function referenceForm(target: string, mode: NumberingMode): ReferenceForm {
  const t = target.trim();
  if (t.startsWith('#')) {
    const name = t.slice(1).trim();
    return name === '' ? { kind: 'invalid' } : { kind: 'label', key: labelKey(name), name };
  }
  if (mode === 'continuous') {
    // Measure ids are plain numbers; pillars are referred to by label.
    return MEASURE_ID.test(t) && !t.includes('.') ? { kind: 'measure', id: t } : { kind: 'invalid' };
  }
  // Without leading zeros; beyond 15 digits capped as pillar numbers are (syntax/tree.ts), never "Infinity".
  if (PILLAR_ID.test(t)) return { kind: 'pillar', number: String(t.length > 15 ? Number.MAX_SAFE_INTEGER : Number.parseInt(t, 10)) };
  if (MEASURE_ID.test(t)) return { kind: 'measure', id: t };
  return { kind: 'invalid' };
}

/**
 * Builds the model from a syntax tree, in one pass over its blocks.
 *
 * A heading's `span` runs from the heading to the end of the last paragraph or measure read while it
 * was open (sub-section headings alone do not extend it); it is computed once, when the heading
 * closes, and is the heading node's own span when nothing follows it.
 */
export function buildProgramme(tree: SyntaxTree, options: ModelOptions = {}, takeOver = true): Programme {
  const mode = options.measureNumbering ?? 'per-pillar';
  const p: Programme = {
    text: tree.text,
    lines: linesOf(tree, options.previous),
    tree,
    mode,
    frontMatter: tree.frontMatter,
    top: [],
    pillars: [],
    sections: [],
    subsections: [],
    measures: [],
    outsideMeasures: [],
    paragraphs: [],
    comments: tree.comments,
    labels: [],
    references: [],
    syntaxDiagnostics: tree.diagnostics,
    numberedText: [],
    caches: options.previous !== undefined ? (options.previous.caches ?? new Map()) : undefined,
  };

  // The open headings: index 0 is the level-1 heading, then sub-sections by level. `ends[i]` is the
  // furthest end of what `stack[i]` holds so far; it becomes the heading's span when it closes.
  const stack: (Pillar | Section | Subsection)[] = [];
  const ends: number[] = [];
  let currentPillar: Pillar | undefined;
  const blocks = tree.blocks;
  // The memos of the blocks (syntax/memo.ts), handed to the measures, paragraphs and labels made of them.
  const memoOf = treeMemos(tree);
  const memos: ProgrammeMemos = { measures: [], paragraphs: [], labels: [], takenOver: 0 };
  memosOfProgramme.set(p, memos);
  const first = takeOver && options.previous !== undefined ? takenOverPrefix(p, options.previous, memos) : 0;
  // Where the next `[[` stands at or after the block being built (every reference starts with one): a
  // block that ends before it holds no reference, and its lines are not walked (most blocks; walking
  // them is mostly waiting for memory).
  const text = tree.text;
  let nextOpen = -1;
  const mayHoldReference = (span: Span): boolean => {
    if (nextOpen < span.start) {
      nextOpen = text.indexOf('[[', span.start);
      if (nextOpen < 0) nextOpen = text.length;
    }
    return nextOpen < span.end;
  };

  for (let b = first; b < blocks.length; b++) {
    const block = blocks[b];
    if (block.kind === 'heading') {
      const level = block.effectiveLevel;
      let node: Pillar | Section | Subsection;
      if (level === 1 || stack.length === 0) {
        // A level-1 heading; or a sub-section before any level-1 heading, an outline entry of its own at the top.
        closeAll(stack, ends);
        const number = level === 1 ? block.number : undefined;
        if (number !== undefined) {
          const pillar: Pillar = {
            heading: block,
            span: block.span,
            title: block.title,
            subsections: [],
            measures: [],
            children: [],
            kind: 'pillar',
            number: number.parts[0],
            numberText: number.text,
            numberSpan: number.span,
            delimiter: number.delimiter,
            delimiterSpan: number.delimiterSpan,
            label: undefined,
          };
          p.pillars.push(pillar);
          currentPillar = pillar;
          node = pillar;
        } else {
          const section: Section = { heading: block, span: block.span, title: block.title, subsections: [], measures: [], children: [], kind: 'section', label: undefined };
          p.sections.push(section);
          if (level === 1) currentPillar = undefined;
          node = section;
        }
        node.label = addLabel(p, block.label, node);
        if (node.label !== undefined) memos.labels.push(memoOf(b));
        p.top.push(node);
      } else {
        while (stack.length > 1 && (stack[stack.length - 1] as Subsection).level >= level) closeLast(stack, ends);
        const parent = stack[stack.length - 1];
        const number = block.number;
        const sub: Subsection = {
          heading: block,
          span: block.span,
          title: block.title,
          subsections: [],
          measures: [],
          children: [],
          kind: 'subsection',
          level,
          numberText: number?.text,
          numberParts: number?.parts,
          numberSpan: number?.span,
          parent,
          pillar: currentPillar,
          label: undefined,
        };
        sub.label = addLabel(p, block.label, sub);
        if (sub.label !== undefined) memos.labels.push(memoOf(b));
        p.subsections.push(sub);
        parent.subsections.push(sub);
        parent.children.push(sub);
        node = sub;
      }
      stack.push(node);
      ends.push(block.span.end);
      addReferences(p, block.inlines, undefined);
      continue;
    }
    const end = block.span.end;
    for (let i = 0; i < ends.length; i++) if (end > ends[i]) ends[i] = end;
    if (block.kind === 'paragraph') {
      p.paragraphs.push(block);
      const memo = memoOf(b);
      memos.paragraphs.push(memo);
      addLineReferences(p, block.lines, undefined, memo, mayHoldReference(block.span));
      continue;
    }
    // A measure.
    const parent = stack.length > 0 ? stack[stack.length - 1] : undefined;
    const memo = memoOf(b);
    const measure: Measure = {
      kind: 'measure',
      node: block,
      span: block.span,
      numberText: block.numberText,
      numberSpan: block.numberSpan,
      value: block.value,
      alternative: block.alternative,
      delimiter: block.delimiter,
      delimiterSpan: block.delimiterSpan,
      id: measureId(block.numberText, currentPillar, stack, mode, memo),
      pillar: currentPillar,
      parent,
      references: [],
      label: undefined,
    };
    measure.label = addLabel(p, block.label, measure);
    if (measure.label !== undefined) memos.labels.push(memo);
    p.measures.push(measure);
    memos.measures.push(memo);
    if (currentPillar === undefined) p.outsideMeasures.push(measure);
    if (parent !== undefined) parent.children.push(measure);
    for (let i = 0; i < stack.length; i++) stack[i].measures.push(measure);
    addLineReferences(p, block.lines, measure, memo, mayHoldReference(block.span));
  }
  closeAll(stack, ends);
  return p;
}

/**
 * The line index of `tree`'s text; after an edit (`previous`, the programme of the text before it), one
 * that takes the lines outside the stretches the edit changed from the previous programme's.
 */
function linesOf(tree: SyntaxTree, previous: Programme | undefined): LineIndex {
  const range = previous !== undefined ? changedRange(tree) : undefined;
  // The range was found against the previous programme's text (parse's `previous` is its tree).
  return range !== undefined && previous!.text.length + range.delta === tree.text.length ? new LineIndex(tree.text, { lines: previous!.lines, ...range }) : new LineIndex(tree.text);
}

/** The memos (syntax/memo.ts) of the blocks of a programme's measures, paragraphs and labels' owners, parallel to its lists. */
export interface ProgrammeMemos {
  measures: (BlockMemo | undefined)[];
  paragraphs: (BlockMemo | undefined)[];
  labels: (BlockMemo | undefined)[];
  /**
   * How many of the programme's first measures are the previous programme's own objects (see
   * {@link takenOverPrefix}): they must not be changed (model/reading.ts checks their doubts instead).
   */
  takenOver: number;
}

/**
 * Fills `p` with the pillars, sections and everything in them that `previous` (the programme of the
 * version before an edit) built from the blocks before the last level-1 heading that comes before the
 * first block the two trees do not share (the same node objects, so the same characters at the same
 * offsets, read the same way): their objects are taken over as they are, and `memos` with them.
 * Returns the index of the block to build on from (that heading), or 0 when nothing is taken over
 * (another numbering mode, or no such heading). What a block builds depends only on the blocks
 * before it, and at a level-1 heading every open heading closes, so the result is the one a build
 * from the first block gives.
 */
function takenOverPrefix(p: Programme, previous: Programme, memos: ProgrammeMemos): number {
  if (previous.mode !== p.mode) return 0;
  const blocks = p.tree.blocks;
  const before = previous.tree.blocks;
  const shared = Math.min(blocks.length, before.length);
  let k = 0;
  while (k < shared && blocks[k] === before[k]) k++;
  let h = k - 1;
  while (h > 0 && !(blocks[h].kind === 'heading' && (blocks[h] as HeadingNode).effectiveLevel === 1)) h--;
  if (h <= 0) return 0;
  const cut = blocks[h].span.start;
  /** The first `count` entries of `list` whose spans start before `cut` (`list` in document order). */
  const head = <T extends { span: Span }>(list: readonly T[]): T[] => list.slice(0, firstAtOrAfter(list, cut));
  p.top = head(previous.top);
  p.pillars = head(previous.pillars);
  p.sections = head(previous.sections);
  p.subsections = head(previous.subsections);
  p.measures = head(previous.measures);
  p.outsideMeasures = head(previous.outsideMeasures);
  p.paragraphs = head(previous.paragraphs);
  p.labels = head(previous.labels);
  p.references = head(previous.references);
  const kept = programmeMemos(previous);
  memos.measures = kept.measures.slice(0, p.measures.length);
  memos.paragraphs = kept.paragraphs.slice(0, p.paragraphs.length);
  memos.labels = kept.labels.slice(0, p.labels.length);
  memos.takenOver = p.measures.length;
  return h;
}

/** The index of the first entry of `list` (sorted by span start) whose span starts at or after `offset`. */
export function firstAtOrAfter(list: readonly { span: Span }[], offset: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid].span.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const memosOfProgramme = new WeakMap<Programme, ProgrammeMemos>();

/**
 * The memos of the blocks `p`'s measures, paragraphs and labels were made of, parallel to
 * `p.measures`, `p.paragraphs` and `p.labels` (a label's is its owner's block's); undefined entries for
 * blocks without one (made by the reading). For a programme not made by {@link buildProgramme} (a
 * copy), none.
 */
export function programmeMemos(p: Programme): ProgrammeMemos {
  return memosOfProgramme.get(p) ?? { measures: new Array(p.measures.length), paragraphs: new Array(p.paragraphs.length), labels: new Array(p.labels.length), takenOver: 0 };
}

/** Closes the innermost open heading: its span runs to the end of what it holds. */
function closeLast(stack: (Pillar | Section | Subsection)[], ends: number[]): void {
  const h = stack.pop()!;
  const end = ends.pop()!;
  if (end > h.span.end) h.span = { start: h.span.start, end };
}

function closeAll(stack: (Pillar | Section | Subsection)[], ends: number[]): void {
  while (stack.length > 0) closeLast(stack, ends);
}

/** Adds the label `node` of `owner` to `p.labels`. */
function addLabel(p: Programme, node: LabelNode | undefined, owner: Label['owner']): Label | undefined {
  if (node === undefined) return undefined;
  const label: Label = { name: node.name, key: keyOfLabel(node.name), span: node.span, nameSpan: node.nameSpan, owner };
  p.labels.push(label);
  return label;
}

/**
 * {@link addReferences} for every line of a measure or paragraph; `memo`, the block's memo, says
 * whether its lines hold a reference at all (a fact of its characters, learnt the first time), so that
 * the lines of the many blocks without one are not read again in every version. `mayHold`: false when
 * no `[[` stands in the block's span, so that it holds no reference.
 */
function addLineReferences(p: Programme, lines: readonly LineNode[], inMeasure: Measure | undefined, memo: BlockMemo | undefined, mayHold: boolean): void {
  if (memo?.references === false) return;
  if (!mayHold) {
    if (memo !== undefined) memo.references = false;
    return;
  }
  const before = p.references.length;
  for (let l = 0; l < lines.length; l++) addReferences(p, lines[l].inlines, inMeasure);
  if (memo !== undefined) memo.references = p.references.length > before;
}

/** Adds the references among `inlines` to `p.references` (and to the measure holding them). */
function addReferences(p: Programme, inlines: InlineNode[], inMeasure: Measure | undefined): void {
  for (let i = 0; i < inlines.length; i++) {
    const n = inlines[i];
    if (n.kind !== 'reference') continue;
    const ref: Reference = { node: n, span: n.span, target: n.target, form: referenceForm(n.target, p.mode), inMeasure };
    p.references.push(ref);
    if (inMeasure !== undefined) inMeasure.references.push(ref);
  }
}

/** The id of a measure numbered `numberText` under the open headings `stack` (see the module comment). */
function measureId(numberText: string, pillar: Pillar | undefined, stack: (Pillar | Section | Subsection)[], mode: NumberingMode, memo: BlockMemo | undefined): string {
  if (mode === 'continuous' || pillar === undefined) return numberText;
  let prefix = pillar.numberText;
  if (mode === 'per-section') {
    for (let i = stack.length - 1; i > 0; i--) {
      const s = stack[i] as Subsection;
      if (s.numberText !== undefined) {
        prefix = s.numberText;
        break;
      }
    }
  }
  // The id of the version before, when its prefix is the same: the same string, whose hash the maps
  // keyed by id (model/resolve.ts) do not compute again.
  if (memo !== undefined && memo.idPrefix === prefix && memo.id !== undefined) return memo.id;
  const id = `${prefix}.${numberText}`;
  if (memo !== undefined) {
    memo.idPrefix = prefix;
    memo.id = id;
  }
  return id;
}

/** The parts of a line's text, without prefix marks, label, or the escape's backslash. */
function lineText(text: string, line: LineNode, label: LabelNode | undefined): string {
  let out = '';
  if (line.prefix === 'escape') out += text.slice(line.prefixSpan.start, line.prefixSpan.end).replace('\\', '');
  for (const n of line.inlines) {
    if (label !== undefined && n === label) continue;
    out += text.slice(n.span.start, n.span.end);
  }
  return out.trim();
}

/**
 * A measure's text as a reader sees it: its lines joined by spaces, sub-points on lines of their own
 * starting with "- ", without the number, the label or escape backslashes. References stay as written.
 */
export function measureText(p: Programme, m: Measure): string {
  const parts: string[] = [];
  const lines = m.node.lines;
  for (let i = 0; i < lines.length; i++) {
    const t = lineText(p.text, lines[i], m.node.label);
    if (t === '') continue;
    if (m.node.subPoint[i]) parts.push(`\n- ${t}`);
    else if (parts.length > 0 && parts[parts.length - 1].startsWith('\n- ')) parts[parts.length - 1] += ` ${t}`;
    else parts.push(parts.length === 0 ? t : ` ${t}`);
  }
  return parts.join('').trim();
}

/**
 * The first `count` words of a measure's text, with "…" when cut. Words are the runs of non-blank
 * characters (JavaScript's `\s` is blank) of each line's text as {@link measureText} reads it (without
 * the number, the label or the escape's backslash; a lone `-` is no word), joined by one space.
 *
 * Reads the text in place, piece by piece (the escaped number's parts, then the line's inline nodes
 * but the label), and stops at the word after the last it shows: the outline asks this of every
 * measure. While the words shown are one stretch of the text one space apart, they are cut out once.
 */
export function measureSummary(p: Programme, m: Measure, count = 6): string {
  const text = p.text;
  const lines = m.node.lines;
  const label = m.node.label;
  let taken = 0;
  // The words shown: `text[runStart, runEnd)` until `joined`, then `out`.
  let runStart = -1;
  let runEnd = -1;
  let joined = false;
  let out = '';
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li];
    const inlines = line.inlines;
    // The current word: `pending` (read before a gap: the label or the backslash), then `text[wordStart, …)`.
    let pending = '';
    let wordStart = -1;
    let lastEnd = -1;
    // The piece: k = -2 the escaped number up to its backslash, -1 the rest of it, 0… the inline
    // nodes, inlines.length the end of the line (an empty piece that ends the last word).
    let k = 0;
    let start = 0;
    let end = 0;
    let slash = -1;
    if (line.prefix === 'escape') {
      start = line.prefixSpan.start;
      end = line.prefixSpan.end;
      slash = start;
      while (slash < end && text.charCodeAt(slash) !== 92) slash++;
      k = slash < end ? -2 : -1;
      end = slash;
    }
    for (;;) {
      if (k >= 0) {
        while (k < inlines.length && inlines[k] === label) k++;
        if (k < inlines.length) {
          start = inlines[k].span.start;
          end = inlines[k].span.end;
        } else {
          start = end = lastEnd;
        }
      }
      const atLineEnd = k >= inlines.length;
      if (wordStart !== -1 && start !== lastEnd) {
        pending += text.slice(wordStart, lastEnd);
        wordStart = -1;
      }
      let i = start;
      for (;;) {
        while (i < end && !isBlank(text.charCodeAt(i))) {
          if (wordStart === -1) wordStart = i;
          i++;
        }
        if (i >= end && !atLineEnd) break;
        if (wordStart !== -1 || pending !== '') {
          // A word ends at i.
          const ws = wordStart;
          const before = pending;
          wordStart = -1;
          pending = '';
          const dash = before === '' ? i - ws === 1 && text.charCodeAt(ws) === 45 : ws === -1 && before === '-';
          if (!dash) {
            taken++;
            if (taken > count) return `${joined ? out : text.slice(runStart, runEnd)} …`;
            if (!joined && before === '' && (runStart === -1 || (ws === runEnd + 1 && text.charCodeAt(runEnd) === 32))) {
              if (runStart === -1) runStart = ws;
              runEnd = i;
            } else {
              const word = ws === -1 ? before : before + text.slice(ws, i);
              const shown = joined ? out : runStart === -1 ? '' : text.slice(runStart, runEnd);
              out = shown === '' ? word : `${shown} ${word}`;
              joined = true;
            }
          }
        }
        if (i >= end) break;
        i++;
      }
      if (atLineEnd) break;
      lastEnd = end;
      if (k === -2) {
        start = slash + 1;
        end = line.prefixSpan.end;
      }
      k++;
    }
  }
  return joined ? out : runStart === -1 ? '' : text.slice(runStart, runEnd);
}

/** True for the characters JavaScript's `\s` matches (ECMAScript WhiteSpace and LineTerminator). */
function isBlank(c: number): boolean {
  if (c > 32 && c < 0xa0) return false;
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** The display name of a pillar: `1. Title` (with its delimiter). */
export function pillarName(p: Pillar): string {
  return `${p.numberText}${p.delimiter || '.'} ${p.title}`.trim();
}

/** The display name of a sub-section: `1.1 Title` or `Title`. */
export function subsectionName(s: Subsection): string {
  return s.numberText !== undefined ? `${s.numberText} ${s.title}` : s.title;
}

/** A run of measures that must be numbered 1, 2, 3 … in the document's numbering mode. */
export interface MeasureSequence {
  /** The pillar or numbered sub-section the run belongs to; undefined in `continuous` mode (the whole document). */
  owner?: Pillar | Subsection;
  measures: Measure[];
}

/**
 * The measure sequences of `p` (docs/rules.md, "How numbering is checked"): `per-pillar`, one per
 * pillar; `per-section`, one per innermost numbered sub-section (or the pillar, for measures outside
 * any numbered sub-section); `continuous`, one for the whole document. Measures outside any pillar are
 * in none. Shared by the `measure-numbering` rule and renumbering, so the two cannot disagree. The
 * lists may be the model's own (a pillar's `measures`): read them, do not change them.
 */
export function measureSequences(p: Programme): MeasureSequence[] {
  // A pillar's `measures` are the measures whose pillar it is (in document order): per pillar, those are the sequences.
  if (p.mode === 'per-pillar') return p.pillars.filter((pillar) => pillar.measures.length > 0).map((pillar) => ({ owner: pillar, measures: pillar.measures }));
  const inPillars = p.measures.filter((m) => m.pillar !== undefined);
  if (p.mode === 'continuous') return [{ measures: inPillars }];
  const groups = new Map<Pillar | Subsection, Measure[]>();
  for (const m of inPillars) {
    let key: Pillar | Subsection = m.pillar!;
    if (p.mode === 'per-section') {
      for (let h = m.parent; h !== undefined && h.kind === 'subsection'; h = h.parent) {
        if (h.numberText !== undefined) {
          key = h;
          break;
        }
      }
    }
    let list = groups.get(key);
    if (list === undefined) groups.set(key, (list = []));
    list.push(m);
  }
  return [...groups].map(([owner, measures]) => ({ owner, measures }));
}
