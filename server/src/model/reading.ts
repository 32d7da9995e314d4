/**
 * Reading ambiguous lines as a careful reader of the printed programme would (docs/format.md, "Lines
 * that wrap" and "What is structure and what is text"). The syntax tree marks every line that may
 * start a measure; this module decides which of them are measures, with the numbering as the judge,
 * and reads lines without `#` that stand as a pillar's or a sub-section's heading as that heading.
 *
 * Headings first (they set the sequences the measures are weighed in):
 * - a single line that stands alone and reads like a pillar's heading (`Kapittel 2: Skole`,
 *   `2. SKOLE`, `2. Klima og natur`, `3 Helse`) is that pillar where its number is higher than the
 *   pillar's before it and the measures under it start again at 1 ({@link readPillarLines});
 * - a full id with a heading's title over a paragraph (`2.1 En velferd vi skaper sammen`) is that
 *   sub-section ({@link readSectionLines}).
 *
 * Which measure lines are in doubt (each a `MeasureNode` of the syntax tree):
 * - a plain measure line (`17. mai …`) that goes on from a line above it that does not end a sentence
 *   (no blank line, heading or sentence end between): a date, an ordinal or a year may have wrapped
 *   there (`wrapped`); and a plain measure line whose first word is a month or a counted thing
 *   (`17. mai er …`, `2. juledag`), or whose number is a year (`date`);
 * - the forms written another way: a full id (`1.3 …`), an indent of one to three spaces (` 2. …`),
 *   `:` as delimiter (`1: …`), no space after the delimiter (`4.Gi …`).
 * Every other measure line is a measure for sure, as is a line in doubt that carries a label.
 *
 * How the numbers decide: per measure sequence (model `measureSequences`; measures outside any pillar
 * by heading), the reading that gives the fewest numbering slips wins, a slip being a number that does
 * not follow the one before it (as the `measure-numbering` rule counts them). Reading a line as text
 * costs 1 when it looks like a new item (a capital letter after the number, or a small one after a line
 * that ends in a word of its own), and nothing where a date follows the number or the line above ends
 * in a word that a number goes on from (`den`, `og`, `på`, `am`, `the` …; {@link textCost}). Reading it
 * as a measure costs 2 more when a month, a counted thing or a year follows the number, and 1 more for
 * a full id in a document that numbers its measures plainly, or for one whose first part is not its
 * pillar's. The near-miss forms are measures only where their number is the one due (or, after a
 * sentence end, where a capital letter follows); an indented line that goes on from an unfinished
 * sentence, a full id followed by a small letter (`1.5 millioner`), and a full id in continuous
 * numbering are text. On a tie, the measure wins. A beam search keeps the few best readings at each
 * line, so the whole pass is linear in the number of measures.
 *
 * What it reports (codes in rules/codes.ts, words in docs/rules.md):
 * - `near-miss` (warning), with a fix: a heading or measure read from a form written another way (the
 *   fix is automatic but for a sub-section read from a full id); a space-like character where the
 *   format wants a space after a measure's number.
 * - `wrapped-number` (information), with the escape as its fix (automatic where the words say the line
 *   is text): a plain measure line read as text. Such lines are kept in `Programme.numberedText`.
 * - `page-number` (hint), with a fix that removes the line: a page number or footer inside a text.
 * Measures read with doubt keep it in `Measure.doubt`: renumbering leaves a `date` measure alone.
 */
import * as l10n from '@vscode/l10n';
import { declaredLanguage } from '../l10n/index';
import type { Diagnostic, Fix, Span, TextChange } from '../syntax/span';
import type { BlockNode, HeadingNode, LineNode, MeasureNode, ParagraphNode, SyntaxTree } from '../syntax/tree';
import { labelSuggestion, truncate } from '../syntax/tree';
import { RESIDENT_SAMPLE, blockMemoAt, blockMemos, parse, stretchMemos, treeMemos, withBlocks, type Stretch } from '../syntax/index';
import type { BlockMemo } from '../syntax/memo';
import { Resident } from '../syntax/resident';
import { isJsSpace, oddSpaces } from '../syntax/spaces';
import { measureAsLines, paragraphOf, pillarHeading, withLines, type PillarLine } from '../syntax/rewrite';
import { buildProgramme, firstAtOrAfter, measureSequences, programmeMemos, type Measure, type ModelOptions, type NumberingMode, type Programme } from './programme';
import { lazily } from '../syntax/lazy';

/** Why a measure that was read as one may be text (kept in `Measure.doubt`). */
export interface MeasureDoubt {
  /**
   * `wrapped`: it goes on from an unfinished sentence; `date`: a date, an ordinal or a year follows the
   * number; `form`: the number may be a sub-section's (`13. 1 Individets …`, or a full id `2.3 …` in a
   * programme that numbers its measures plainly).
   */
  reason: 'wrapped' | 'date' | 'form';
  /** The word that makes it look like a date (`mai`, `juledag`), the year, or the number as written. */
  word?: string;
}

/**
 * Parses `text` and builds its model, with the ambiguous lines decided (see the module comment).
 * Never throws (see `parse`). With `options.previous`, the parse reuses what the edit did not touch.
 */
export function analyseText(text: string, options: ModelOptions = {}): Programme {
  return readProgramme(parse(text, { previous: options.previous?.tree, once: options.once }), options);
}

/**
 * The programme of the parser's resident sample (syntax/index.ts `RESIDENT_SAMPLE`), read at the
 * second reading and kept for the life of the process, with its memos and line index in use
 * (syntax/resident.ts): without it, the model's objects (the memos of blocks and stretches, the line
 * index and its positions) all died with each programme, and the reading's functions ran unoptimised
 * again after every full collection (`node --trace-deopt`: "weak objects", about 25 functions at each
 * run of the bench).
 */
const residentProgramme = new Resident<Programme>(() => {
  const p = readProgramme(parse(RESIDENT_SAMPLE));
  p.lines.rangeOf({ start: 0, end: RESIDENT_SAMPLE.length });
  return p;
});

/** The resident sample's programme (see {@link residentProgramme}), read now if it is not yet. */
export function residentSampleProgramme(): Programme {
  return residentProgramme.get();
}

/**
 * Builds the programme of `tree` with the ambiguous lines decided (see the module comment). Returns
 * the programme of the rewritten tree, whose `syntaxDiagnostics` hold the tree's and this reading's.
 */
export function readProgramme(tree: SyntaxTree, givenOptions: ModelOptions = {}): Programme {
  residentProgramme.use();
  // The programme's own `measureNumbering` in its front matter wins over the configuration's: it says
  // how this document is numbered (docs/format.md, Numbering modes).
  const declared = declaredNumbering(tree);
  const options = declared !== undefined ? { ...givenOptions, measureNumbering: declared } : givenOptions;
  const text = tree.text;
  const fmEnd = tree.frontMatter?.span.end ?? -1;
  const diagnostics: Diagnostic[] = [];
  const reading: ReadingContext = { text, fmEnd, language: languageOf(tree) };

  // 1. Lines that stand where a pillar heading is due, without `#`; numbered sub-section headings without `##`.
  // In continuous numbering the measures do not start again under a pillar: no sign of one there.
  const pillarLines = options.measureNumbering === 'continuous' ? tree.blocks : readPillarLines(tree, reading, diagnostics);
  let blocks = readSectionLines(tree, pillarLines, reading, diagnostics);
  let current = blocks === tree.blocks ? tree : withBlocks(tree, blocks);
  let p = buildProgramme(current, options);

  // 2. The measures in doubt, decided by the numbers.
  const decisions = decideMeasures(p, reading);
  if (decisions.text.size > 0) {
    blocks = demote(current.blocks, decisions.text);
    current = withBlocks(current, blocks);
    p = buildProgramme(current, options);
  }
  // The delimiter the document's measures use (the first `.` or `)`), found once for all `3: …` lines.
  let style: string | undefined;
  const delimiterStyle = () => (style ??= p.measures.find((x) => x.delimiter === '.' || x.delimiter === ')')?.delimiter ?? '.');
  // The measures taken over from the previous programme are its objects: their doubts must be the
  // ones decided now, else the programme is built again without taking any over.
  if (!sameDoubts(p, programmeMemos(p).takenOver, decisions.doubts)) p = buildProgramme(current, options, false);
  const { measures: memos, takenOver } = programmeMemos(p);
  // Most measures: no doubt, a plain form, and one space after the delimiter (what the memo says of
  // it); with no doubts and no near-miss forms decided, a stretch whose memo says all its measures
  // have one space is passed over.
  const quiet = decisions.doubts.size === 0 && decisions.forms.size === 0;
  forEachNotPassed(p, p.measures, (s) => quiet && !stretchReading(s, reading).oddSpaces, false, (i) => {
    const m = p.measures[i];
    const doubt = decisions.doubts.size > 0 ? decisions.doubts.get(m.numberSpan.start) : undefined;
    if (doubt !== undefined && i >= takenOver) m.doubt = doubt;
    if (decisions.forms.size > 0 && decisions.forms.has(m.numberSpan.start)) measureNearMisses(p, m, decisions.forms, diagnostics, delimiterStyle);
    else if (!oneSpaceOf(text, m.node, readingMemo(memos[i]))) measureNearMisses(p, m, decisions.forms, diagnostics, delimiterStyle);
  });
  for (const info of decisions.text.values()) {
    for (const d of textReading(text, info)) diagnostics.push(d);
    const node = info.choice.node;
    p.numberedText.push({ numberSpan: node.numberSpan, delimiter: node.delimiter, delimiterSpan: node.delimiterSpan, form: node.form });
  }
  pageNumbers(p, reading, diagnostics);

  const syntax = labelFixes(p);
  if (diagnostics.length > 0 || syntax !== p.syntaxDiagnostics) p.syntaxDiagnostics = [...syntax, ...diagnostics];
  return p;
}

/** True when the first `count` measures of `p` have the doubts `doubts` gives them (by the start of their number), and no others. */
function sameDoubts(p: Programme, count: number, doubts: ReadonlyMap<number, MeasureDoubt>): boolean {
  for (let i = 0; i < count; i++) {
    const m = p.measures[i];
    const doubt = doubts.size > 0 ? doubts.get(m.numberSpan.start) : undefined;
    if (doubt === undefined ? m.doubt !== undefined : m.doubt?.reason !== doubt.reason || m.doubt.word !== doubt.word) return false;
  }
  return true;
}

/**
 * The syntax diagnostics of `p` with the fix of a malformed label name (`{#min label}`): the label and
 * every `[[#…]]` that names it are written with the suggested name (syntax/tree.ts `labelSuggestion`).
 * Copies: the tree's diagnostics are shared with later versions of the document and never changed.
 */
function labelFixes(p: Programme): Diagnostic[] {
  if (!p.syntaxDiagnostics.some((d) => d.data?.labelSuggestion !== undefined)) return p.syntaxDiagnostics;
  return p.syntaxDiagnostics.map((d) => {
    const suggestion = d.data?.labelSuggestion;
    if (typeof suggestion !== 'string') return d;
    const label = p.labels.find((l) => l.nameSpan.start === d.span.start);
    if (label === undefined) return d;
    const changes: TextChange[] = [{ span: label.nameSpan, newText: suggestion }];
    for (const r of p.references) {
      if (r.form.kind !== 'label' || r.form.key !== label.key) continue;
      const raw = r.node.target;
      const hash = raw.indexOf('#');
      const nameStart = r.node.targetSpan.start + hash + 1 + (raw.slice(hash + 1).length - raw.slice(hash + 1).trimStart().length);
      // The reference keeps its own spelling (labels are compared without case): `[[#Flere Jobber]]` → `[[#Flere-Jobber]]`.
      changes.push({ span: { start: nameStart, end: nameStart + r.form.name.length }, newText: labelSuggestion(r.form.name) });
    }
    changes.sort((a, b) => a.span.start - b.span.start);
    const shown = `{#${truncate(suggestion, 40)}}`;
    const references = changes.length - 1;
    const title =
      references === 0
        ? l10n.t('Write the label as "{0}"', shown)
        : references === 1
          ? l10n.t('Write the label as "{0}" (and 1 reference)', shown)
          : l10n.t('Write the label as "{0}" (and {1} references)', shown, references);
    const fix: Fix = { title, changes, preferred: true, automatic: true };
    return { ...d, fixes: [fix] };
  });
}

// --- lines and words ---------------------------------------------------------------------------------

/** What stands on the line above a line (comment lines skipped, as they are invisible to the structure). */
interface Above {
  kind: 'start' | 'blank' | 'heading' | 'text';
  /** For `text`: whether it ends a sentence (`.`, `!`, `?`, `:`, `;`, `…`, before closing quotes and brackets). */
  endsSentence: boolean;
  /**
   * For `text` that does not end a sentence: whether its last word is one that a number follows in a
   * sentence (a preposition, an article, a conjunction: `den`, `på`, `og`, `innen`, `am`, `the` …).
   * A date or an ordinal wraps after such a word (`… den` / `17. mai`); a list item does not end in one.
   */
  leadsOn?: boolean;
  /** With `leadsOn`: the word is German (`dem`, `zum`, `für` …), after which a capital letter starts a noun, not an item. */
  nounFollows?: boolean;
}

/** The start of the line holding `offset`. */
function lineStartOf(text: string, offset: number): number {
  let s = offset;
  while (s > 0) {
    const c = text.charCodeAt(s - 1);
    if (c === 10 || c === 13) break;
    s--;
  }
  return s;
}

const SENTENCE_END = /[.!?:;…]["'»”’)\]]*$/u;
const TRAILING_LABEL = /\{#[^{}]*\}$/u;

/** What stands on the line above the line that starts at `lineStart` (see {@link Above}). Reads char codes; slices only a line that ends in a label or a closing sign. */
function lineAbove(text: string, lineStart: number, fmEnd: number): Above {
  let end = lineStart;
  for (;;) {
    if (end <= 0 || end <= fmEnd) return START;
    // Step over the line break before `end` (CRLF, LF or CR).
    let e = end - 1;
    if (text.charCodeAt(e) === 10 && e > 0 && text.charCodeAt(e - 1) === 13) e--;
    let start = lineStartOf(text, e);
    if (start < fmEnd) return START;
    // Page breaks and zero-width characters before a line are not read (syntax/tokens.ts).
    while (start < e && (text.charCodeAt(start) === 12 || text.charCodeAt(start) === 0x200b || text.charCodeAt(start) === 0xfeff)) start++;
    let first = start;
    while (first < e && isSpaceLike(text.charCodeAt(first))) first++;
    if (first === e) return BLANK;
    const c0 = text.charCodeAt(first);
    if (c0 === 47 /* / */ && text.charCodeAt(first + 1) === 47) {
      end = start;
      continue;
    }
    if (c0 === 35 /* # */ && first === start) {
      let hashes = first;
      while (hashes < e && text.charCodeAt(hashes) === 35) hashes++;
      if (hashes - first <= 6 && (hashes === e || isSpaceLike(text.charCodeAt(hashes)))) return HEADING;
    }
    let last = e - 1;
    while (last > first && isSpaceLike(text.charCodeAt(last))) last--;
    const c = text.charCodeAt(last);
    // `.`, `!`, `?`, `:`, `;`, `…` end a sentence; a closing quote, bracket or label needs a closer look.
    if (c === 46 || c === 33 || c === 63 || c === 58 || c === 59 || c === 0x2026) return TEXT_ENDED;
    if (c !== 125 && c !== 41 && c !== 93 && c !== 34 && c !== 39 && c !== 0xbb && c !== 0x201d && c !== 0x2019) {
      const lead = leadsOn(text, first, last);
      return lead === 0 ? TEXT_OPEN : lead === 2 ? TEXT_LEADS_ON_NOUN : TEXT_LEADS_ON;
    }
    const trimmed = text.slice(first, last + 1).replace(TRAILING_LABEL, '').trimEnd();
    return SENTENCE_END.test(trimmed) ? TEXT_ENDED : TEXT_OPEN;
  }
}

const START: Above = { kind: 'start', endsSentence: true };
const BLANK: Above = { kind: 'blank', endsSentence: true };
const HEADING: Above = { kind: 'heading', endsSentence: true };
const TEXT_ENDED: Above = { kind: 'text', endsSentence: true };
const TEXT_OPEN: Above = { kind: 'text', endsSentence: false };
const TEXT_LEADS_ON: Above = { kind: 'text', endsSentence: false, leadsOn: true };
const TEXT_LEADS_ON_NOUN: Above = { kind: 'text', endsSentence: false, leadsOn: true, nounFollows: true };

/**
 * What the reading learns of one block from the characters of its stretch alone, kept in the block's
 * memo (syntax/memo.ts, `BlockMemo.reading`) for the next version of the document: each field is
 * undefined until first needed, and then what the function named gives for the block.
 */
interface ReadingMemo {
  /** Whether {@link pillarLine} reads the block's only line as a pillar's heading. */
  pillarLine: boolean | undefined;
  /** Whether {@link sectionHeadingOf} reads the measure as a sub-section's heading (before its pillar and the block below are looked at). */
  sectionLine: boolean | undefined;
  /** {@link lineAbove} of the measure's first line. */
  above: Above | undefined;
  /** {@link firstWord} of the measure, in {@link firstLanguage}. */
  first: FirstWord | undefined;
  firstLanguage: Language;
  /** {@link splitNumber} and {@link contentsLine} of the measure. */
  split: boolean | undefined;
  contents: boolean | undefined;
  /** The lines of the block that {@link pageNumbers} reports, by index. */
  pages: readonly number[] | undefined;
  /** Whether one space follows the measure's delimiter ({@link oneSpaceOf}). */
  oneSpace: boolean | undefined;
  /** {@link surelyMeasure} of the measure, in {@link sureLanguage}. */
  sure: boolean | undefined;
  sureLanguage: Language;
}

/** A new {@link ReadingMemo}, nothing learnt yet (an object literal: see syntax/memo.ts `newBlockMemo`). */
function newReadingMemo(): ReadingMemo {
  return { pillarLine: undefined, sectionLine: undefined, above: undefined, first: undefined, firstLanguage: undefined, split: undefined, contents: undefined, pages: undefined, oneSpace: undefined, sure: undefined, sureLanguage: undefined };
}

/** The reading's memo of a block (see {@link ReadingMemo}), or undefined when the block has no memo. */
function readingMemo(memo: BlockMemo | undefined): ReadingMemo | undefined {
  if (memo === undefined) return undefined;
  return (memo.reading ??= newReadingMemo()) as ReadingMemo;
}

/**
 * What the reading learns of a stretch's blocks together (`StretchMemo.reading`, syntax/memo.ts),
 * from what it learns of each ({@link ReadingMemo}): whether any of them needs a step of the reading,
 * so that the step passes over the stretch where none does.
 */
interface StretchReading {
  /** Some single-line block reads as a pillar's heading by itself ({@link pillarLineOf}). */
  pillarLines: boolean;
  /** Some measure reads as a sub-section's heading by itself ({@link sectionLineOf}). */
  sectionLines: boolean;
  /** The number of the pillar the last level-1 heading of the stretch opens (undefined: a section), or null when it has none. */
  lastPillar: number | undefined | null;
  /** Some measure has not one space after its delimiter ({@link oneSpaceOf}). */
  oddSpaces: boolean;
  /** Some measure or paragraph has a line that is a page number ({@link pageLinesOf}). */
  pages: boolean;
  /** Whether every measure is one for sure ({@link surelyMeasure}) in {@link sureLanguage}; undefined until asked. */
  allSure: boolean | undefined;
  sureLanguage: Language;
}

/**
 * What the steps of one reading share: the text, where its front matter ends (−1: none), and its
 * language (model/reading.ts `languageOf`).
 */
interface ReadingContext {
  text: string;
  fmEnd: number;
  language: Language;
}

/**
 * The {@link StretchReading} of `stretch` of `context.text` (kept in its memo). Made in one pass over the
 * stretch's blocks, `allSure` in `context.language` with the rest ({@link stretchSure} would otherwise
 * walk the blocks and their memos again, later, when they are no longer in the processor's caches).
 */
function stretchReading(stretch: Stretch, context: ReadingContext): StretchReading {
  const kept = stretch.memo.reading as StretchReading | undefined;
  if (kept !== undefined) return kept;
  const { text, fmEnd, language } = context;
  const reading: StretchReading = { pillarLines: false, sectionLines: false, lastPillar: null, oddSpaces: false, pages: false, allSure: undefined, sureLanguage: undefined };
  let allSure = true;
  const blocks = stretch.blocks;
  for (let k = 0; k < blocks.length; k++) {
    const b = blocks[k];
    if (b.kind === 'heading') {
      if (b.effectiveLevel === 1) reading.lastPillar = b.number?.parts[0];
      continue;
    }
    const memo = readingMemo(blockMemoAt(stretch, k))!;
    if (b.lines.length === 1 && pillarLineOf(text, b, memo)) reading.pillarLines = true;
    if (b.kind === 'paragraph') {
      if (paragraphPagesOf(text, b, memo).length > 0) reading.pages = true;
      continue;
    }
    if (sectionLineOf(text, b, memo)) reading.sectionLines = true;
    if (!oneSpaceOf(text, b, memo)) reading.oddSpaces = true;
    if (pageLinesOf(text, b.lines, 1, memo).length > 0) reading.pages = true;
    if (allSure && !sureOf(text, b, fmEnd, language, memo)) allSure = false;
  }
  reading.allSure = allSure;
  reading.sureLanguage = language;
  stretch.memo.reading = reading;
  return reading;
}

/** Whether every measure of `stretch` is one for sure in `language` (kept in its memo with the language). */
function stretchSure(stretch: Stretch, context: ReadingContext): boolean {
  const { text, fmEnd, language } = context;
  const reading = stretchReading(stretch, context);
  if (reading.allSure !== undefined && reading.sureLanguage === language) return reading.allSure;
  let all = true;
  for (let k = 0; k < stretch.blocks.length && all; k++) {
    const b = stretch.blocks[k];
    if (b.kind === 'measure' && !sureOf(text, b, fmEnd, language, readingMemo(blockMemoAt(stretch, k)))) all = false;
  }
  reading.allSure = all;
  reading.sureLanguage = language;
  return all;
}

/**
 * For a loop over the blocks of `tree` (as `parse` gave them) by index: a function that, at the index
 * of the first block of a stretch that `passable` says the loop may pass over, gives that stretch
 * (the loop then goes on after its blocks); else undefined. The indices asked for must not decrease.
 * Never passes over a stretch whose blocks are not the tree's at that index.
 */
function passableStretches(tree: SyntaxTree, passable: (stretch: Stretch) => boolean): (index: number) => Stretch | undefined {
  const stretches = stretchMemos(tree);
  if (stretches === undefined) return () => undefined;
  let s = 0;
  let first = 0;
  return (index) => {
    while (s < stretches.length && first + stretches[s].blocks.length <= index) first += stretches[s++].blocks.length;
    if (s >= stretches.length || first !== index) return undefined;
    const stretch = stretches[s];
    if (stretch.blocks.length === 0 || tree.blocks[index] !== stretch.blocks[0] || tree.blocks[index + stretch.blocks.length - 1] !== stretch.blocks[stretch.blocks.length - 1]) return undefined;
    return passable(stretch) ? stretch : undefined;
  };
}

/** Whether {@link pillarLine} reads block `b` (of one line) as a pillar's heading by itself; from its memo when it has one. */
function pillarLineOf(text: string, b: Exclude<BlockNode, HeadingNode>, memo: ReadingMemo | undefined): boolean {
  if (memo?.pillarLine !== undefined) return memo.pillarLine;
  const is = pillarLine(text, b) !== undefined;
  if (memo !== undefined) memo.pillarLine = is;
  return is;
}

/** Whether {@link sectionHeadingOf} reads measure `m` as a sub-section's heading by itself; from its memo when it has one. */
function sectionLineOf(text: string, m: MeasureNode, memo: ReadingMemo | undefined): boolean {
  if (memo?.sectionLine !== undefined) return memo.sectionLine;
  const is = sectionHeadingOf(text, m, memo) !== undefined;
  if (memo !== undefined) memo.sectionLine = is;
  return is;
}

/** {@link lineAbove} of measure `node`'s first line, from its memo when it has one. */
function aboveOf(text: string, node: MeasureNode, fmEnd: number, memo: ReadingMemo | undefined): Above {
  if (memo?.above !== undefined) return memo.above;
  const above = lineAbove(text, lineStartOf(text, node.span.start), fmEnd);
  if (memo !== undefined) memo.above = above;
  return above;
}

/** {@link firstWord} of measure `node`, from its memo when it has one read in `language`. */
function firstOf(text: string, node: MeasureNode, language: Language, memo: ReadingMemo | undefined): FirstWord {
  if (memo?.first !== undefined && memo.firstLanguage === language) return memo.first;
  const first = firstWord(text, node, language);
  if (memo !== undefined) {
    memo.first = first;
    memo.firstLanguage = language;
  }
  return first;
}

/** True when one space (U+0020) follows measure `node`'s delimiter; from its memo when it has one. */
function oneSpaceOf(text: string, node: MeasureNode, memo: ReadingMemo | undefined): boolean {
  if (memo?.oneSpace !== undefined) return memo.oneSpace;
  const one = node.spaceSpan.end - node.spaceSpan.start === 1 && text.charCodeAt(node.spaceSpan.start) === 32;
  if (memo !== undefined) memo.oneSpace = one;
  return one;
}

/** {@link surelyMeasure} of measure `node` in `language`, from its memo when it has one. */
function sureOf(text: string, node: MeasureNode, fmEnd: number, language: Language, memo: ReadingMemo | undefined): boolean {
  if (memo?.sure !== undefined && memo.sureLanguage === language) return memo.sure;
  const sure = surelyMeasure(text, node, fmEnd, language, memo);
  if (memo !== undefined) {
    memo.sure = sure;
    memo.sureLanguage = language;
  }
  return sure;
}

/** {@link splitNumber} of measure `node`, from its memo when it has one. */
function splitOf(text: string, node: MeasureNode, memo: ReadingMemo | undefined): boolean {
  if (memo?.split !== undefined) return memo.split;
  const split = splitNumber(text, node);
  if (memo !== undefined) memo.split = split;
  return split;
}

/** {@link contentsLine} of measure `node`, from its memo when it has one. */
function contentsOf(text: string, node: MeasureNode, memo: ReadingMemo | undefined): boolean {
  if (memo?.contents !== undefined) return memo.contents;
  const contents = contentsLine(text, node);
  if (memo !== undefined) memo.contents = contents;
  return contents;
}

/** German words of {@link LEADING_ON} (not Norwegian ones): after them a capital letter starts a noun (`ab dem` / `5. Kind`). */
const GERMAN_LEADING = new Set('der die das dem zum zur am im vom ab bis seit und oder ein eine einen einem eines jedes jeden jeder mit nach bei rund über durch für gegen ohne um auf aus zu von ins beim'.split(' '));

/**
 * Words after which a number goes on the sentence (nb, nn, de, en; lower-cased): prepositions,
 * articles and determiners, conjunctions, and the words that count days and years.
 */
export const LEADING_ON: ReadonlySet<string> = new Set(
  (
    'den det dei de og eller i på til fra frå for om innen innan etter før ved per kl klokka klokken siden sidan ' +
    'mellom over under med av en et ei eit nr hver kvar hvert kvart annenhver hele heile fram frem mot rundt ca fom tom ' +
    'gjennom blant uten utan hos langs innenfor innanfor utenfor utanfor via samt både enten enn som når ' +
    'dem der die das am im vom zum zur bis ab seit und oder ein eine einen einem eines jedes jeden jeder mit nach vor bei rund über ' +
    'durch für gegen ohne um an auf aus zu von ins beim ' +
    'the on of and or by from to in until since every each a an at for with through about than as'
  ).split(' '),
);

/** Whether the text `[first, last]` of a line ends in a word of {@link LEADING_ON}: 0 no, 1 yes, 2 a German one ({@link GERMAN_LEADING}). */
function leadsOn(text: string, first: number, last: number): 0 | 1 | 2 {
  let start = last;
  while (start > first && text.charCodeAt(start - 1) !== 32 && text.charCodeAt(start - 1) !== 9) start--;
  if (last - start > 9) return 0;
  const word = text.slice(start, last + 1).replace(/\.$/, '').toLowerCase();
  return !LEADING_ON.has(word) ? 0 : GERMAN_LEADING.has(word) ? 2 : 1;
}

/** Space, tab, and the space-like characters (syntax/tokens.ts `SPACE_LIKE`). */
function isSpaceLike(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 0x202f || (c >= 0x2000 && c <= 0x200a) || c === 0x3000 || c === 12 /* a page break */;
}

const BLANK_LIKE = /^[ \t\u00a0\u202f\u2000-\u200a\u3000]*$/;
function isBlankLike(line: string): boolean {
  return BLANK_LIKE.test(line);
}

/** Month names and their abbreviations, in Norwegian (nb, nn), German and English, lower-cased. */
const MONTHS = new Set(
  (
    'januar februar mars april mai juni juli august september oktober november desember ' +
    'jan feb mar apr jun jul aug sep sept okt nov des ' +
    'jänner märz maerz dezember dez mär ' +
    'january february march may june july october december oct dec'
  ).split(' '),
);

/**
 * Things counted with ordinals, after which a number is a date or an ordinal rather than a measure:
 * holidays, school years, grades, places, floors, rounds, quarters, world wars, years of life …
 * (nb, nn, de, en; lower-cased).
 */
const COUNTED = new Set(
  (
    'juledag påskedag pinsedag nyttårsdag nyttårsaften juledagen påskedagen pinsedagen trinn klasse klassetrinn plass plassen ' +
    'etasje etg runde kvartal halvår halvåret skoleår leveår verdenskrig århundre mosebok utgave opplag ledd svangerskapsuke ' +
    'grade century anniversary quarter floor edition'
  ).split(' '),
);

/**
 * German nouns counted with ordinals (lower-cased): German writes nouns with a capital letter, so a
 * capital after the number does not make these a new item (`18. Lebensjahres`), as it does a
 * Norwegian `2. Plass til alle barn`.
 */
const GERMAN_COUNTED = new Set(
  (
    'lebensjahr lebensjahres lebensjahrs schuljahr klasse platz stock weltkrieg quartal halbjahr jahrhundert jahrhunderts ' +
    'weihnachtstag feiertag advent wahlperiode legislaturperiode auflage lesung'
  ).split(' '),
);

/** What the reading knows of the programme's language (front matter `lang`): Norwegian, German, or neither. */
export type Language = 'no' | 'de' | undefined;

/**
 * The numbering mode the front matter declares (`measureNumbering: continuous`), or undefined when it
 * declares none or a value that is not a mode (the front-matter check reports that).
 */
export function declaredNumbering(tree: SyntaxTree): NumberingMode | undefined {
  const fm = tree.frontMatter;
  if (fm === undefined) return undefined;
  const value = /^measureNumbering[ \t]*:[ \t]*["']?([a-z-]+)/m.exec(tree.text.slice(fm.contentSpan.start, fm.contentSpan.end))?.[1];
  return value === 'per-pillar' || value === 'per-section' || value === 'continuous' ? value : undefined;
}

/**
 * The language of `tree`'s front matter (`lang: nb`, `nn`, `no`, `de-DE` …), as far as the reading
 * needs it: read as the messages' language is (`declaredLanguage` of l10n/index.ts).
 */
function languageOf(tree: SyntaxTree): Language {
  if (tree.frontMatter === undefined) return undefined;
  const lang = declaredLanguage(tree.text);
  return lang === 'nb' || lang === 'nn' ? 'no' : lang === 'de' ? 'de' : undefined;
}

/** The first word of a measure's text and what it says about the line. */
export interface FirstWord {
  /** The word, as written (`mai`, `Skape`); '' when the text does not start with a letter. */
  word: string;
  /** A capital letter starts it: a new item, as a reader sees it. */
  capital: boolean;
  /** A small letter starts it. */
  small: boolean;
  /** The word (or the number itself) makes the line look like a date, an ordinal or a year; the word. */
  dateWord?: string;
}

const WORD = lazily(() => /["'«“(]*([\p{L}\p{M}][\p{L}\p{M}\p{N}-]{0,40}\.?)/uy);

/** True for the Latin-1 letters (`\p{L}`; Latin-1 has no marks, `\p{M}`). */
function isLatin1Letter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0xc0 && c <= 0xff && c !== 0xd7 && c !== 0xf7) || c === 0xaa || c === 0xb5 || c === 0xba;
}

/** True for the Latin-1 numbers (`\p{N}`). */
function isLatin1Number(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0xb2 || c === 0xb3 || c === 0xb9 || (c >= 0xbc && c <= 0xbe);
}

/**
 * The first word of the text at `at` as {@link WORD} captures it (quotes and brackets before it skipped;
 * a letter, then up to 40 letters, marks, numbers and hyphens, then a full stop if one follows), or
 * undefined when there is none. Read code unit by code unit where the text is Latin-1 (most of a
 * programme: the regular expression, with its Unicode classes, was most of the reading's time on a
 * large one), else with the regular expression.
 */
export function firstWordAt(text: string, at: number): string | undefined {
  const end = latin1FirstWord(text, at);
  if (end >= 0) return text.slice(wordStart, end);
  if (end === NO_WORD) return undefined;
  // A code unit beyond Latin-1 where a letter, mark or number may stand: the regular expression decides.
  const word = WORD();
  word.lastIndex = at;
  return word.exec(text)?.[1];
}

/** Where the word that {@link latin1FirstWord} last found starts. */
let wordStart = 0;
/** {@link latin1FirstWord}: no word at all; a code unit beyond Latin-1, which the regular expression decides. */
const NO_WORD = -1;
const NOT_LATIN1 = -2;

/**
 * The end of {@link firstWordAt}'s word at `at` (after its full stop, if it takes one), read code unit by
 * code unit, with its start in {@link wordStart}; {@link NO_WORD} when there is none, {@link NOT_LATIN1}
 * when a code unit beyond Latin-1 stands where the regular expression must decide.
 */
function latin1FirstWord(text: string, at: number): number {
  let i = at;
  let c = text.charCodeAt(i);
  // `["'«“(]*`: none of them is a letter, so a match never takes fewer of them.
  while (c === 0x22 || c === 0x27 || c === 0xab || c === 0x201c || c === 0x28) c = text.charCodeAt(++i);
  if (c < 0x100 && !isLatin1Letter(c)) return NO_WORD;
  wordStart = i;
  let end = i + 1;
  for (let n = 0; c < 0x100 && n <= 40; n++) {
    c = text.charCodeAt(end);
    if (c >= 0x100) break;
    if (n === 40 || !(isLatin1Letter(c) || isLatin1Number(c) || c === 0x2d)) {
      // The run ends here (or after 40): a full stop goes with the word.
      return c === 0x2e ? end + 1 : end;
    }
    end++;
  }
  return NOT_LATIN1;
}

/**
 * For each Latin-1 code unit, the lengths (as bits) of the date words ({@link isDateWord}: months,
 * counted things) that start with it: a word whose first letter, lower-cased, and length are none of
 * theirs is no date word, which {@link noDateWord} tells without making the word.
 */
const DATE_WORD_SHAPES = (() => {
  const shapes = new Uint32Array(256);
  for (const set of [MONTHS, COUNTED, GERMAN_COUNTED]) {
    for (const word of set) {
      const c = word.charCodeAt(0);
      if (c < 0x100 && word.length <= 16) shapes[c] |= 1 << word.length;
    }
  }
  return shapes;
})();

/**
 * Whether {@link firstWord} of measure `node` in `language` gives no `dateWord`, as `firstOf(…).dateWord
 * === undefined` says: without making the word (nor its memo's) when its number is no year and its text
 * starts with no word, or with a Latin-1 word that no date word has the first letter and length of
 * ({@link DATE_WORD_SHAPES}); else from {@link firstOf}.
 */
export function noDateWord(text: string, node: MeasureNode, language: Language, memo: ReadingMemo | undefined): boolean {
  const known = memo?.first !== undefined && memo.firstLanguage === language;
  const year = isYearNumber(node);
  if (!known && !year) {
    const end = latin1FirstWord(text, node.spaceSpan.end);
    if (end === NO_WORD) return true;
    if (end >= 0) {
      // The word without its full stop (`bare` of firstWord), its first letter lower-cased.
      const length = (text.charCodeAt(end - 1) === 0x2e ? end - 1 : end) - wordStart;
      let c = text.charCodeAt(wordStart);
      if ((c >= 0x41 && c <= 0x5a) || (c >= 0xc0 && c <= 0xde && c !== 0xd7)) c += 32;
      if (length > 16 || (DATE_WORD_SHAPES[c] & (1 << length)) === 0) return true;
    }
  }
  return firstOf(text, node, language, memo).dateWord === undefined;
}

/** Whether the number of measure `m` may be a year (1800–2100, no letter, no prefix): then it is {@link FirstWord}'s `dateWord` when its first word is none. */
function isYearNumber(m: MeasureNode): boolean {
  return m.alternative === '' && m.value >= 1800 && m.value <= 2100 && m.idPrefix === undefined;
}

/** Reads the first word after a measure's marker (the text of its first line). */
export function firstWord(text: string, m: MeasureNode, language: Language): FirstWord {
  const word = firstWordAt(text, m.spaceSpan.end);
  const year = isYearNumber(m) ? String(m.value) : undefined;
  if (word === undefined) return { word: '', capital: false, small: false, dateWord: year };
  const first = word.charAt(0);
  const capital = first !== first.toLowerCase();
  const small = first !== first.toUpperCase();
  const bare = word.endsWith('.') ? word.slice(0, -1) : word;
  return { word, capital, small, dateWord: bare.length <= 16 && isDateWord(bare, capital, language) ? bare : year };
}

/**
 * True when `word` after a number makes the line a date or an ordinal: a month or a counted thing in
 * small letters; with a capital letter, a German counted noun, or a month but in a Norwegian programme
 * (Norwegian writes months in small letters: `Mai skal …` starts a sentence).
 */
function isDateWord(word: string, capital: boolean, language: Language): boolean {
  const lower = word.toLowerCase();
  if (!capital) return MONTHS.has(lower) || COUNTED.has(lower) || GERMAN_COUNTED.has(lower);
  return GERMAN_COUNTED.has(lower) || (MONTHS.has(lower) && language !== 'no');
}

// --- pillar headings without `#` ---------------------------------------------------------------------

/** A line that names a chapter with a number: chapter words in nb/nn, de, en, then the number and a title. */
const CHAPTER_LINE = /^(?:Kapittel|Kap\.?|Del|Kapitel|Teil|Abschnitt|Chapter|Ch\.|Part)[ \t]+([0-9]{1,3})(?:[ \t]*([:.)\-–—|])[ \t]*|[ \t]+)(\S.*)$/iu;

/** True when `title` is written in capitals: two letters or more, none of them small. */
function inCapitals(title: string): boolean {
  let letters = 0;
  for (const ch of title) {
    if (ch !== ch.toUpperCase()) return false;
    if (ch !== ch.toLowerCase()) letters++;
  }
  return letters >= 2;
}

/**
 * Reads single lines that stand alone (a blank line, a heading or the start above; a blank line, a
 * heading, the end or a first measure below) and look like the heading of a pillar: `Kapittel 2:
 * Skole og oppvekst` (chapter words in nb, nn, de, en), or `2. SKOLE OG OPPVEKST` in capitals. Such a
 * line is read as that pillar, with a `near-miss` and the fix to `# 2. …`, where it is due: its number
 * is higher than the pillar's before it, the measures under it start again at 1 (before the next such
 * line or level-1 heading: the lines of a table of contents have none), and no `#` pillar below it has
 * its number or a lower one.
 */
function readPillarLines(tree: SyntaxTree, reading: ReadingContext, diagnostics: Diagnostic[]): BlockNode[] {
  const { text, fmEnd } = reading;
  const blocks = tree.blocks;
  // The lines that look like a pillar heading and stand alone, by block index.
  const candidates = new Map<number, PillarLine>();
  const memoOf = treeMemos(tree);
  // Stretches none of whose blocks reads as a pillar's heading are passed over (their memos say so).
  const passable = passableStretches(tree, (s) => !stretchReading(s, reading).pillarLines);
  for (let i = 0; i < blocks.length; i++) {
    const passed = passable(i);
    if (passed !== undefined) {
      i += passed.blocks.length - 1;
      continue;
    }
    const b = blocks[i];
    if (b.kind === 'heading' || b.lines.length !== 1) continue;
    const memo = readingMemo(memoOf(i));
    if (!pillarLineOf(text, b, memo)) continue;
    const candidate = pillarLine(text, b);
    if (candidate === undefined) continue;
    if (lineAbove(text, lineStartOf(text, b.span.start), fmEnd).kind === 'text') continue;
    // A title in small letters (`2. Klima og natur`) is a heading only with a blank line under it: right
    // above a measure 1 it is as likely a measure of a list.
    if (!standsAlone(text, b.span.end, blocks[i + 1], candidate.kind !== 'plain')) continue;
    candidates.set(i, candidate);
  }
  if (candidates.size === 0) return blocks;
  // The number of the next `#` pillar after each block (one pass from the end).
  const nextPillar = new Array<number | undefined>(blocks.length + 1);
  for (let i = blocks.length - 1; i >= 0; i--) {
    const b = blocks[i];
    nextPillar[i] = b.kind === 'heading' && b.effectiveLevel === 1 && b.number !== undefined ? b.number.parts[0] : nextPillar[i + 1];
  }
  let out: BlockNode[] | undefined;
  let lastPillar = 0;
  // The number of the measure before, under the same level-1 heading (0 when none).
  let lastMeasure = 0;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.kind === 'heading') {
      if (b.effectiveLevel === 1 && b.number !== undefined) lastPillar = b.number.parts[0];
      if (b.effectiveLevel === 1) lastMeasure = 0;
      continue;
    }
    const candidate = candidates.get(i);
    if (candidate === undefined) {
      if (b.kind === 'measure') lastMeasure = b.value;
      continue;
    }
    // A measure with a plain title that goes on the numbering of the measures above it is one of them
    // (`3. Mindre klasser` after `2. Flere lærere`), even where a list below starts again at 1.
    if (candidate.kind === 'plain' && b.kind === 'measure' && b.value === lastMeasure + 1 && lastMeasure > 0) {
      lastMeasure = b.value;
      continue;
    }
    const value = Number.parseInt(candidate.number, 10);
    // Under a pillar heading, the measures start again at 1 before the next heading of that kind (a
    // line of a table of contents has none under it; a measure in capitals goes on with the next
    // number); and no `#` pillar below has its number or a lower one.
    const below = nextPillar[i + 1];
    if (firstMeasureBelow(blocks, i + 1, candidates) !== 1 || value <= lastPillar || (below !== undefined && below <= value)) {
      if (b.kind === 'measure') lastMeasure = b.value;
      continue;
    }
    out ??= blocks.slice();
    out[i] = pillarHeading(candidate);
    lastPillar = value;
    lastMeasure = 0;
    diagnostics.push(pillarLineDiagnostic(text, b, candidate));
  }
  return out ?? blocks;
}

/**
 * Reads a measure written with its full id that is a sub-section's heading without its `##`, as text
 * from PDFs has them: `2.1 En velferd vi skaper sammen` (or `2. 1 En velferd …`, the number split by a
 * space) followed by a paragraph (on the next line, or
 * after a blank line), where the heading line is short (80 characters at most), starts with a capital
 * letter, does not end a sentence (`.`, `!`, `?`, `:`, `;`, `,`) nor in a word the sentence goes on
 * from (`gjennom`, `og`), and its first part is the number of the pillar it stands in. Such a block is read as the sub-section's heading (its level is the
 * number of parts), and the lines under it as a paragraph, with a `near-miss` whose fix adds the `##`
 * (offered, not applied by `programme fix`: a measure written with its full id looks the same).
 */
function readSectionLines(tree: SyntaxTree, blocks: BlockNode[], reading: ReadingContext, diagnostics: Diagnostic[]): BlockNode[] {
  const text = tree.text;
  let out: BlockNode[] | undefined;
  let pillar: number | undefined;
  const memos = blocks === tree.blocks ? undefined : blockMemos(tree, blocks, (b) => b);
  const memoOf = memos !== undefined ? (i: number) => memos[i] : treeMemos(tree);
  // Stretches none of whose measures reads as a sub-section's heading are passed over (their memos
  // say so, and which pillar the last level-1 heading among them opens).
  const passable = blocks === tree.blocks ? passableStretches(tree, (s) => !stretchReading(s, reading).sectionLines) : () => undefined;
  for (let i = 0; i < blocks.length; i++) {
    const passed = passable(i);
    if (passed !== undefined) {
      const last = stretchReading(passed, reading).lastPillar;
      if (last !== null) pillar = last;
      if (out !== undefined) for (let k = 0; k < passed.blocks.length; k++) out.push(blocks[i + k]);
      i += passed.blocks.length - 1;
      continue;
    }
    const b = blocks[i];
    if (b.kind === 'heading' && b.effectiveLevel === 1) pillar = b.number?.parts[0];
    let read: ReturnType<typeof sectionLine>;
    if (b.kind === 'measure' && pillar !== undefined) {
      const memo = readingMemo(memoOf(i));
      const heading = sectionLineOf(text, b, memo) ? sectionHeadingOf(text, b, memo) : undefined;
      if (heading !== undefined) read = sectionLine(text, b, heading, pillar, blocks[i + 1]);
    }
    if (read === undefined) {
      out?.push(b);
      continue;
    }
    out ??= blocks.slice(0, i);
    out.push(read.heading);
    if (read.rest.length > 0) out.push(paragraphOf(read.rest));
    diagnostics.push(read.diagnostic);
  }
  return out ?? blocks;
}

/** What {@link sectionHeadingOf} reads of a measure line that may be a sub-section's heading: the number's parts, where the number ends, the title and where it starts. */
interface SectionHeading {
  parts: number[];
  numberEnd: number;
  titleStart: number;
  title: string;
}

/**
 * The measure `m` read as a sub-section's heading as far as its own lines tell (see
 * {@link readSectionLines}: its number, title and the line below it, if any); undefined when they
 * say it is none. Whether it is depends also on its pillar and on the block below ({@link sectionLine}).
 */
function sectionHeadingOf(text: string, m: MeasureNode, memo?: ReadingMemo): SectionHeading | undefined {
  if (m.label !== undefined || m.alternative !== '') return undefined;
  // Most measures are plain and their text starts with no number: they are passed before their lines are read.
  const fullId = m.form === 'full-id' && m.idPrefix !== undefined;
  if (!fullId && !(m.form === 'plain' && m.delimiter === '.' && splitOf(text, m, memo))) return undefined;
  const first = m.lines[0];
  if (first.inlines.some((n) => n.kind !== 'text') || first.span.end - first.span.start > 84) return undefined;
  // The number as parts, where it ends, and where the title starts: `2.1 Title`, or `13. 1 Title`
  // (a sub-section's number that a PDF split with a space).
  let parts: number[];
  let numberEnd: number;
  let titleStart = first.span.start;
  if (fullId) {
    parts = [...m.idPrefix!.text.split('.'), m.numberText].map((x) => Number.parseInt(x, 10));
    numberEnd = m.numberSpan.end;
  } else {
    const split = /^([0-9]{1,3})[ \t]+/.exec(text.slice(first.span.start, first.span.start + 8))!;
    parts = [m.value, Number.parseInt(split[1], 10)];
    numberEnd = first.span.start + split[1].length;
    titleStart = first.span.start + split[0].length;
  }
  if (parts.length > 6) return undefined;
  const title = text.slice(titleStart, first.span.end).trim();
  // A heading does not end a sentence, nor in a word that the sentence goes on from (`… gjennom`).
  if (!headingLike(text, title, titleStart)) return undefined;
  // A paragraph under it: the next line of the block (or the next block after a blank line, see sectionLine).
  const below = m.lines[1];
  if (below !== undefined) {
    if (below.prefix !== 'none' && below.prefix !== 'indent') return undefined;
    if (!/^\s*\p{Lu}/u.test(text.slice(below.span.start, below.span.start + 8))) return undefined;
  }
  return { parts, numberEnd, titleStart, title };
}

/**
 * The reading of {@link readSectionLines} for one measure block whose own lines read as a sub-section's
 * heading (`read`, {@link sectionHeadingOf}), in pillar `pillar` with the block `next` below it: the
 * heading, the lines under it, and the diagnostic; undefined when it is no heading there.
 */
function sectionLine(text: string, m: MeasureNode, read: SectionHeading, pillar: number, next: BlockNode | undefined): { heading: HeadingNode; rest: LineNode[]; diagnostic: Diagnostic } | undefined {
  const { parts, numberEnd, titleStart, title } = read;
  const first = m.lines[0];
  if (parts[0] !== pillar) return undefined;
  // A paragraph under it: the next line of the block, or the next block after a blank line.
  if (m.lines[1] === undefined && (next?.kind !== 'paragraph' || next.lines[0].prefix === 'bullet')) return undefined;
  const numberText = parts.join('.');
  const level = Math.min(6, parts.length);
  const start = m.span.start;
  const dotted = m.form === 'full-id' && m.delimiter === '.';
  const heading: HeadingNode = {
    kind: 'heading',
    span: { start, end: first.span.end },
    level,
    markerSpan: { start, end: start },
    effectiveLevel: level,
    number: { text: numberText, parts, delimiter: dotted ? '.' : '', span: { start, end: numberEnd }, delimiterSpan: dotted ? m.delimiterSpan : undefined },
    title,
    titleSpan: { start: titleStart, end: titleStart + title.length },
    label: undefined,
    inlines: first.inlines,
  };
  const marks = '#'.repeat(level);
  const written = `${marks} ${truncate(numberText, 20)} ${truncate(title, 40)}`;
  const shown = truncate(text.slice(start, titleStart + title.length), 60);
  // The fix adds the `##` (and, for a split number, writes it whole).
  const change = m.form === 'full-id' ? { span: { start, end: start }, newText: `${marks} ` } : { span: { start, end: titleStart }, newText: `${marks} ${numberText} ` };
  return {
    heading,
    rest: m.lines.slice(1),
    diagnostic: {
      code: 'near-miss',
      severity: 'warning',
      message: l10n.t('"{0}" looks like the heading of sub-section {1}, with text under it, and is read as one. Write it as a heading: "{2}" (if it is a measure, end it with a full stop).', shown, truncate(numberText, 20), written),
      span: { start, end: first.span.end },
      fixes: [{ title: l10n.t('Write "{0}"', written), changes: [change], preferred: true }],
    },
  };
}

/**
 * True when `title` (standing at `at` in `text`) reads like a heading's title: at most 80 characters, a
 * capital letter first, no sentence end (`.`, `!`, `?`, `:`, `;`, `,`) and no word the sentence goes on
 * from (`og`, `for`) at the end. A title in capitals may be 100 characters long.
 */
function headingLike(text: string, title: string, at: number): boolean {
  if (title.length === 0 || title.length > (inCapitals(title) ? 100 : 80)) return false;
  if (!/^\p{Lu}/u.test(title) || /[.!?:;,]["»”)]*$/u.test(title)) return false;
  return !leadsOn(text, at, at + title.length - 1);
}

/** A block's only line read as a pillar heading, when it looks like one (see {@link readPillarLines}). */
function pillarLine(text: string, b: Exclude<BlockNode, HeadingNode>): PillarLine | undefined {
  const line = b.lines[0];
  if (line.inlines.some((n) => n.kind !== 'text')) return undefined;
  if (b.kind === 'measure') {
    if (b.form !== 'plain' || b.alternative !== '' || b.label !== undefined) return undefined;
    // Quick: a heading line starts with a capital letter and is short.
    const c0 = text.charCodeAt(line.span.start);
    if ((c0 >= 97 && c0 <= 122) || line.span.end - line.span.start > 100) return undefined;
    // Quick: most measures end a sentence, which a heading's title does not (see headingLike).
    let last = line.span.end - 1;
    while (last >= line.span.start && isJsSpace(text.charCodeAt(last))) last--;
    const cl = text.charCodeAt(last);
    if (cl === 46 || cl === 33 || cl === 63 || cl === 58 || cl === 59 || cl === 44) return undefined;
    const title = text.slice(line.span.start, line.span.end).trim();
    if (!headingLike(text, title, line.span.start)) return undefined;
    return {
      kind: inCapitals(title) ? 'capitals' : 'plain',
      span: { start: b.span.start, end: line.span.end },
      number: b.numberText,
      numberSpan: b.numberSpan,
      delimiter: b.delimiter,
      delimiterSpan: b.delimiterSpan,
      title,
      titleSpan: { start: line.span.start, end: line.span.start + title.length },
      inlines: line.inlines,
    };
  }
  if (line.prefix !== 'none') return undefined;
  const raw = text.slice(line.span.start, line.span.end);
  const content = raw.trimEnd();
  const chapter = CHAPTER_LINE.exec(content);
  const plain = chapter === null ? /^([0-9]{1,3})(?:[ \t]*([:\-–—|])[ \t]*|[ \t]+)(\S.*)$/u.exec(content) : null;
  const m = chapter ?? plain;
  if (m === null) return undefined;
  const title = m[3];
  if (!headingLike(text, title, line.span.start + content.length - title.length)) return undefined;
  const numberStart = line.span.start + content.indexOf(m[1], chapter !== null ? content.search(/[ \t]/) : 0);
  const titleStart = line.span.start + content.length - title.length;
  return {
    kind: chapter !== null ? 'chapter' : inCapitals(title) ? 'capitals' : 'plain',
    span: line.span,
    number: m[1],
    numberSpan: { start: numberStart, end: numberStart + m[1].length },
    delimiter: '',
    title,
    titleSpan: { start: titleStart, end: titleStart + title.length },
    inlines: line.inlines,
  };
}

/**
 * The value of the first measure from block `from` on, before the next level-1 heading or line without
 * a number of its own that may be one (`candidates`: `Kapittel 3: …`); undefined when there is none.
 */
function firstMeasureBelow(blocks: readonly BlockNode[], from: number, candidates: ReadonlyMap<number, PillarLine>): number | undefined {
  for (let i = from; i < blocks.length; i++) {
    const b = blocks[i];
    // A measure line that could be a heading is still a measure here (`1. Utarbeide planer` at the end).
    if (b.kind === 'measure') return b.value;
    if (candidates.has(i) || (b.kind === 'heading' && b.effectiveLevel === 1)) return undefined;
  }
  return undefined;
}

/** True when what follows `end` is a blank line, the end, a heading, or a measure numbered 1. */
function standsAlone(text: string, end: number, next: BlockNode | undefined, measureBelow: boolean): boolean {
  const rest = /^(?:\r\n?|\n)?([^\r\n]*)/.exec(text.slice(end, end + 200));
  const following = rest?.[1] ?? '';
  if (following.trim() === '' || isBlankLike(following)) return true;
  if (next === undefined) return true;
  return next.kind === 'heading' || (measureBelow && next.kind === 'measure' && next.value === 1 && next.span.start === end + (rest![0].length - following.length));
}

function pillarLineDiagnostic(text: string, b: BlockNode, line: PillarLine): Diagnostic {
  const shown = truncate(text.slice(line.span.start, line.span.end), 60);
  const written = `# ${line.number}. ${line.title}`;
  const fix: Fix = {
    title: l10n.t('Write "{0}"', truncate(written, 50)),
    changes: [{ span: { start: line.span.start, end: line.titleSpan.start }, newText: `# ${line.number}. ` }],
    preferred: true,
    // A chapter word or capitals say "heading" clearly; a plain title (`2. Klima og natur`) is read as
    // one by the numbers around it, so `programme fix` leaves the choice to the writer.
    automatic: line.kind !== 'plain',
  };
  // `Kapittel 2: Skole`: the chapter word goes, the number stands for it.
  const chapter = /^\p{L}+\.?/u.exec(text.slice(line.span.start, line.numberSpan.start))?.[0];
  if (chapter !== undefined) fix.drops = chapter;
  return {
    code: 'near-miss',
    severity: 'warning',
    message: l10n.t('"{0}" stands alone as a heading does, and the measures under it start again at 1: it is read as pillar {1}. Write it as a heading: "{2}".', shown, line.number, truncate(written, 50)),
    span: b.kind === 'measure' ? { start: b.span.start, end: line.span.end } : line.span,
    fixes: [fix],
  };
}

// --- measures in doubt -------------------------------------------------------------------------------

/** How one measure line may be read (see the module comment). */
interface Choice {
  node: MeasureNode;
  value: number;
  alternative: string;
  /** Read as a measure whatever the numbers say. */
  certain: boolean;
  /** Read as text whatever the numbers say. */
  forcedText: boolean;
  /** A measure only where its number is due (for the near-miss forms). */
  mustBeDue: boolean;
  /** The cost of reading it as a measure, besides its numbering slips. */
  measureCost: number;
  /** The cost of reading it as text. */
  textCost: number;
  doubt?: MeasureDoubt;
  above: Above;
  first: FirstWord;
}

/** A measure line read as text, for its diagnostic. */
interface TextReading {
  choice: Choice;
  /** The number due where it stands, when one was (for the message). */
  expected?: string;
  /** The number of the next line read as a measure in its sequence, if any (for the message). */
  next?: number;
}

interface Decisions {
  /** Measure nodes read as text, by the start of their number. */
  text: Map<number, TextReading>;
  /** Measures read with doubt, by the start of their number. */
  doubts: Map<number, MeasureDoubt>;
  /** The measures read from a near-miss form, by the start of their number. */
  forms: Set<number>;
}

/** Decides every measure in doubt of the tentative programme `p` (every line that may start a measure is one). */
function decideMeasures(p: Programme, reading: ReadingContext): Decisions {
  const { fmEnd, language } = reading;
  const decisions: Decisions = { text: new Map(), doubts: new Map(), forms: new Set() };
  const text = p.text;
  // Most measures are sure: a plain number after a sentence end, a blank line or a heading, and no date
  // after it. Only when some are not is every measure weighed.
  // What a measure line's own stretch says of it is kept in its memo for the next version.
  const memos = programmeMemos(p).measures;
  let anyDoubt = false;
  // A stretch whose memo says all its measures are sure is passed over (its measures are among them).
  forEachNotPassed(p, p.measures, (s) => anyDoubt || stretchSure(s, reading), false, (i) => {
    if (!anyDoubt && !sureOf(text, p.measures[i].node, fmEnd, language, readingMemo(memos[i]))) anyDoubt = true;
  });
  if (!anyDoubt) return decisions;
  let plainForm = false;
  const choices = new Map<Measure, Choice>();
  for (let i = 0; i < p.measures.length; i++) {
    const m = p.measures[i];
    const c = choiceOf(text, m, p.mode, fmEnd, language, readingMemo(memos[i]));
    choices.set(m, c);
    if (c.certain && m.node.form === 'plain') plainForm = true;
  }
  // A full id where the document numbers its measures plainly is a mixed form: less likely a measure,
  // and when the numbers make it one, renumbering leaves it alone (it may be a sub-section's number).
  if (plainForm) {
    for (const c of choices.values()) {
      if (c.node.form !== 'full-id' || c.certain) continue;
      c.measureCost += 1;
      c.doubt = { reason: 'form', word: `${c.node.idPrefix?.text ?? ''}.${c.node.numberText}` };
    }
  }

  const sequences: Measure[][] = measureSequences(p).map((s) => s.measures);
  // Measures outside any pillar, by the heading they stand under (or none).
  const outside = new Map<unknown, Measure[]>();
  for (const m of p.outsideMeasures) {
    let list = outside.get(m.parent);
    if (list === undefined) outside.set(m.parent, (list = []));
    list.push(m);
  }
  const inPillars = sequences.length;
  for (const list of outside.values()) sequences.push(list);

  for (let q = 0; q < sequences.length; q++) {
    const sequence = sequences[q];
    const list = sequence.map((m) => choices.get(m)!);
    if (list.every((c) => c.certain)) {
      // Nothing to weigh; a date after the number of a line that is a measure for sure (a label) stays a doubt.
      for (const c of list) if (c.doubt?.reason === 'date') decisions.doubts.set(c.node.numberSpan.start, c.doubt);
      continue;
    }
    const read = bestReading(list);
    // For each line, the value of the next line read as a measure after it (one pass from the end:
    // a search forward from each line read as text was quadratic in a long run of them).
    const nextValue = new Array<number | undefined>(list.length);
    for (let i = list.length - 1, next: number | undefined; i >= 0; i--) {
      nextValue[i] = next;
      if (read[i]) next = list[i].value;
    }
    let previous: Choice | undefined;
    for (let i = 0; i < list.length; i++) {
      const c = list[i];
      if (read[i]) {
        // A doubt worth keeping: a date, or a small letter after the number (a capital reads as a new item).
        if (c.doubt !== undefined && (c.doubt.reason !== 'wrapped' || (!c.certain && c.first.small))) decisions.doubts.set(c.node.numberSpan.start, c.doubt);
        if (c.node.form !== 'plain' && c.node.form !== 'full-id') decisions.forms.add(c.node.numberSpan.start);
        previous = c;
      } else {
        // Outside any pillar no measure is due (the lines there are no measures of any pillar).
        const expected = q >= inPillars ? undefined : previous === undefined ? '1' : String(previous.value + 1);
        decisions.text.set(c.node.numberSpan.start, { choice: c, expected, next: nextValue[i] });
      }
    }
  }
  return decisions;
}

/** True when `node` is a measure whatever the numbers say (the quick test of {@link choiceOf}'s `certain` for the plain form). */
function surelyMeasure(text: string, node: MeasureNode, fmEnd: number, language: Language, memo: ReadingMemo | undefined): boolean {
  if (node.form !== 'plain' || splitOf(text, node, memo) || contentsOf(text, node, memo)) return false;
  if (node.label !== undefined) return noDateWord(text, node, language, memo);
  const above = aboveOf(text, node, fmEnd, memo);
  if (above.kind === 'text' && !above.endsSentence) return false;
  return noDateWord(text, node, language, memo);
}

/** A sub-section's number written with a space, as PDFs split it: `13. 1 Individets rettigheter`. */
const SPLIT_NUMBER = /[0-9]{1,3}[ \t]+\p{Lu}/uy;

/** True when the text of measure line `node` starts with a number and a capital letter ({@link SPLIT_NUMBER}). */
function splitNumber(text: string, node: MeasureNode): boolean {
  // Most measures' text starts with no digit: no call of the regular expression for them.
  const c = text.charCodeAt(node.spaceSpan.end);
  if (!(c >= 48 && c <= 57)) return false;
  SPLIT_NUMBER.lastIndex = node.spaceSpan.end;
  return SPLIT_NUMBER.test(text);
}

/**
 * True when the first line of measure `node` is a line of a table of contents: a page number at its end
 * after dot leaders (three dots or more, or two `…`) or a wide gap (four blanks or more):
 * `1. Innledning ....... 9`.
 */
function contentsLine(text: string, node: MeasureNode): boolean {
  const first = node.lines[0];
  let end = first.span.end;
  while (end > first.span.start && isSpaceLike(text.charCodeAt(end - 1))) end--;
  let digits = end;
  while (digits > first.span.start && text.charCodeAt(digits - 1) >= 48 && text.charCodeAt(digits - 1) <= 57) digits--;
  if (digits === end || end - digits > 4) return false;
  let dots = 0;
  let blanks = 0;
  for (let i = digits - 1; i >= first.span.start; i--) {
    const c = text.charCodeAt(i);
    if (c === 46) dots++;
    else if (c === 0x2026) dots += 2;
    else if (c === 32 || c === 9) blanks++;
    else break;
  }
  return dots >= 3 || blanks >= 4;
}

/** How measure `m` may be read (see {@link Choice} and the module comment). */
function choiceOf(text: string, m: Measure, mode: Programme['mode'], fmEnd: number, language: Language, memo: ReadingMemo | undefined): Choice {
  const node = m.node;
  const above = aboveOf(text, node, fmEnd, memo);
  const first = firstOf(text, node, language, memo);
  const wrapped = above.kind === 'text' && !above.endsSentence;
  const c: Choice = {
    node,
    value: node.value,
    alternative: node.alternative,
    certain: false,
    forcedText: false,
    mustBeDue: false,
    // A date after the number; a three-digit number that goes on from an unfinished sentence (`fyller` / `1000.`).
    measureCost: (first.dateWord !== undefined ? 2 : 0) + (wrapped && node.value >= 100 ? 1 : 0),
    textCost: textCost(first, above, language),
    above,
    first,
  };
  const labelled = node.label !== undefined;
  switch (node.form) {
    case 'plain':
      // A date after the number is a doubt even where a label makes the line a measure: renumbering
      // must leave its number alone (`17. mai … {#feiring}`).
      if (first.dateWord !== undefined) c.doubt = { reason: 'date', word: first.dateWord };
      else if (wrapped) c.doubt = { reason: 'wrapped' };
      if (contentsOf(text, node, memo)) {
        // A line of a table of contents (`1. Innledning ....... 9`) is text.
        c.forcedText = true;
        break;
      }
      if (splitOf(text, node, memo)) {
        // `13. 1 Individets rettigheter`: a sub-section's number more likely than a measure's; renumbering
        // leaves it alone when the numbers make it a measure.
        c.doubt = { reason: 'form', word: `${node.numberText}${node.delimiter}` };
        c.measureCost += 1;
        break;
      }
      if (labelled || (!wrapped && first.dateWord === undefined)) c.certain = true;
      break;
    case 'full-id': {
      const expected = expectedPrefix(m);
      const written = node.idPrefix!.text.split('.').map((x) => Number.parseInt(x, 10));
      if (mode === 'continuous' || expected === undefined || expected.length !== written.length || first.small) c.forcedText = true;
      else if (expected.some((v, i) => v !== written[i])) c.measureCost += 1;
      if (labelled && !c.forcedText) c.certain = true;
      if (wrapped && !c.certain) c.doubt = { reason: 'wrapped' };
      break;
    }
    case 'indented':
      if (wrapped) c.forcedText = true;
      else c.mustBeDue = true;
      break;
    case 'colon':
    case 'no-space':
      c.mustBeDue = wrapped || !first.capital;
      break;
  }
  return c;
}

/**
 * The cost of reading a line as text (see the module comment): nothing where a date, an ordinal or a
 * year follows the number, or where the line above ends in a word that a number goes on from (`den`,
 * `og`, `på` …) and a small letter follows the number (or a capital, after a German word or in a German
 * programme: `ab dem` / `5. Kind`); else 1, for a line that looks like a new item (a capital letter, or a
 * small one in a list whose lines end in content words, `2. omstille samfunnet`); 0.5 when no letter
 * follows the number.
 */
function textCost(first: FirstWord, above: Above, language: Language): number {
  if (first.dateWord !== undefined) return 0;
  // German writes nouns with a capital letter: after `ab dem`, `5. Kind` goes on the sentence.
  if (first.capital) return above.leadsOn === true && (above.nounFollows === true || language === 'de') ? 0 : 1;
  if (first.small) return above.leadsOn === true ? 0 : 1;
  return 0.5;
}

/** The parts of the id prefix a full-id measure must have where it stands (`[1]` in pillar 1), if any. */
function expectedPrefix(m: Measure): number[] | undefined {
  const cut = m.id.lastIndexOf('.');
  if (cut < 0) return undefined;
  return m.id.slice(0, cut).split('.').map((x) => Number.parseInt(x, 10));
}

/** A reading of a sequence so far: the last measure's place, the cost, the choices (a linked list, newest first). */
interface State {
  value: number;
  alternative: string;
  cost: number;
  path: Step | undefined;
}
interface Step {
  measure: boolean;
  previous: Step | undefined;
}

/** How many readings are kept at each line: enough for a few lines in doubt in a row. */
const BEAM = 12;
/** A tie goes to the measure: each measure read takes this much off the cost. */
const TIE = 1e-6;

/** 1 when `c` does not follow the measure read before it (as `measure-numbering` counts slips), else 0. */
function slip(s: State, c: Choice): number {
  if (s.alternative !== '' && c.alternative !== '' && s.value === c.value) {
    return c.alternative.charCodeAt(0) === s.alternative.charCodeAt(0) + 1 ? 0 : 1;
  }
  return c.value === s.value + 1 && (c.alternative === '' || c.alternative === 'A') ? 0 : 1;
}

/** The best reading of a sequence: for each choice, whether it is read as a measure. */
function bestReading(list: readonly Choice[]): boolean[] {
  let states: State[] = [{ value: 0, alternative: '', cost: 0, path: undefined }];
  for (const c of list) {
    const next = new Map<string, State>();
    const keep = (s: State) => {
      const key = `${s.value}${s.alternative}`;
      const old = next.get(key);
      if (old === undefined || s.cost < old.cost) next.set(key, s);
    };
    for (const s of states) {
      if (!c.forcedText) {
        const slips = slip(s, c);
        if (!(c.mustBeDue && slips > 0)) {
          keep({ value: c.value, alternative: c.alternative, cost: s.cost + slips + c.measureCost - TIE, path: { measure: true, previous: s.path } });
        }
      }
      if (!c.certain) keep({ value: s.value, alternative: s.alternative, cost: s.cost + c.textCost, path: { measure: false, previous: s.path } });
    }
    states = [...next.values()].sort((a, b) => a.cost - b.cost).slice(0, BEAM);
    if (states.length === 0) states = [{ value: c.value, alternative: c.alternative, cost: 0, path: { measure: true, previous: undefined } }];
  }
  const best = states[0];
  const out = new Array<boolean>(list.length);
  let step = best.path;
  for (let i = list.length - 1; i >= 0; i--) {
    out[i] = step?.measure ?? true;
    step = step?.previous;
  }
  return out;
}

/**
 * The blocks with every measure in `asText` read as text: its lines go on the block above when they go
 * on from it (no blank line between), else they start a paragraph of their own.
 */
function demote(blocks: readonly BlockNode[], asText: ReadonlyMap<number, TextReading>): BlockNode[] {
  const out: BlockNode[] = [];
  // The lines that go on the last block of `out`, appended to it at once when the run of them ends:
  // appended one measure at a time, the block's lines were copied again for each (a run of thousands
  // of lines read as text took minutes).
  let pending: LineNode[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    out[out.length - 1] = withLines(out[out.length - 1] as Exclude<BlockNode, HeadingNode>, pending);
    pending = [];
  };
  for (const b of blocks) {
    if (b.kind !== 'measure' || !asText.has(b.numberSpan.start)) {
      flush();
      out.push(b);
      continue;
    }
    const lines = measureAsLines(b);
    const last = out[out.length - 1];
    const reading = asText.get(b.numberSpan.start)!;
    if (last !== undefined && last.kind !== 'heading' && reading.choice.above.kind === 'text') {
      for (const line of lines) pending.push(line);
    } else {
      flush();
      out.push(paragraphOf(lines));
    }
  }
  flush();
  return out;
}

// --- what the reading reports ------------------------------------------------------------------------

/**
 * The `near-miss` diagnostics of a measure read from a form written another way, and of odd spaces after
 * its number; `delimiterStyle` gives the delimiter the document writes its measures with.
 */
function measureNearMisses(p: Programme, m: Measure, forms: ReadonlySet<number>, out: Diagnostic[], delimiterStyle: () => string): void {
  const node = m.node;
  const text = p.text;
  // Most measures: a plain form, and one space after the delimiter.
  if (!forms.has(node.numberSpan.start) && node.spaceSpan.end - node.spaceSpan.start === 1 && text.charCodeAt(node.spaceSpan.start) === 32) return;
  const marker = text.slice(node.span.start, node.delimiterSpan.end);
  const fix = (title: string, span: Span, newText: string): Fix[] => [{ title, changes: [{ span, newText }], preferred: true, automatic: true }];
  if (forms.has(node.numberSpan.start)) {
    const markerSpan = { start: node.span.start, end: node.delimiterSpan.end };
    if (node.form === 'indented' && node.indentSpan !== undefined) {
      const n = node.indentSpan.end - node.indentSpan.start;
      out.push({
        code: 'near-miss',
        severity: 'warning',
        message:
          n === 1
            ? l10n.t('Measure {0} is indented by a space; it is read as the measure, but a measure starts at the start of its line. Remove the space.', truncate(m.id, 24))
            : l10n.t('Measure {0} is indented by {1} spaces; it is read as the measure, but a measure starts at the start of its line. Remove the spaces.', truncate(m.id, 24), n),
        span: markerSpan,
        fixes: fix(
          n === 1 ? l10n.t('Remove the space before "{0}"', truncate(marker, 20)) : l10n.t('Remove the spaces before "{0}"', truncate(marker, 20)),
          node.indentSpan,
          '',
        ),
      });
    } else if (node.form === 'colon') {
      const style = delimiterStyle();
      out.push({
        code: 'near-miss',
        severity: 'warning',
        message: l10n.t('"{0}" is read as measure {1}; a measure\'s number ends in "." or ")". Write "{2}".', truncate(marker, 20), truncate(m.id, 24), `${truncate(node.numberText, 20)}${style}`),
        span: markerSpan,
        fixes: fix(l10n.t('Write "{0}"', `${truncate(node.numberText, 20)}${style}`), node.delimiterSpan, style),
      });
    } else if (node.form === 'no-space' && node.spaceSpan.start === node.spaceSpan.end) {
      out.push({
        code: 'near-miss',
        severity: 'warning',
        message: l10n.t(
          '"{0}" is read as measure {1}; put a space after "{2}".',
          `${truncate(marker, 20)}${truncate(m.node.lines[0] !== undefined ? text.slice(m.node.lines[0].span.start, m.node.lines[0].span.start + 12).split(/\s/)[0] : '', 12)}`,
          truncate(m.id, 24),
          truncate(marker, 20),
        ),
        span: markerSpan,
        fixes: fix(l10n.t('Put a space after "{0}"', truncate(marker, 20)), { start: node.delimiterSpan.end, end: node.delimiterSpan.end }, ' '),
      });
    }
  }
  const spaces = oddSpaces(text, node.spaceSpan, marker);
  if (spaces !== undefined) out.push(spaces);
}

/** The `wrapped-number` information for a plain measure line read as text (the other forms are text silently). */
function textReading(text: string, reading: TextReading): Diagnostic[] {
  const c = reading.choice;
  const node = c.node;
  // The other forms, and a line of a table of contents, are text without a word.
  if (node.form !== 'plain' || c.forcedText) return [];
  const lineEnd = node.lines[0].span.end;
  const shown = truncate(text.slice(node.span.start, lineEnd), 40);
  const wrapped = c.above.kind === 'text' && !c.above.endsSentence;
  const escaped = truncate(`${node.numberText}\\${node.delimiter}`, 16);
  const read = wrapped
    ? l10n.t('"{0}" is read as text that goes on from the line above, not as measure {1}.', shown, truncate(node.numberText, 14))
    : l10n.t('"{0}" is read as text, not as measure {1}.', shown, truncate(node.numberText, 14));
  return [
    {
      code: 'wrapped-number',
      severity: 'information',
      message: `${read} ${whyText(node, reading)} ${l10n.t('Escape the number as "{0}" to say it is text.', escaped)}`,
      span: { start: node.span.start, end: node.delimiterSpan.end },
      fixes: [
        {
          title: l10n.t('Escape as text: "{0}"', escaped),
          changes: [{ span: { start: node.delimiterSpan.start, end: node.delimiterSpan.start }, newText: '\\' }],
          preferred: true,
          // `programme fix` makes the reading sure only where the words say so (a date after the number,
          // a word before it that a number goes on from); where the numbers alone decided, it is left.
          automatic: c.first.dateWord !== undefined || c.above.leadsOn === true,
        },
      ],
    },
  ];
}

/**
 * Why a plain measure line is read as text, as one sentence: what follows its number (a month or a
 * counted thing, or a year), and what the numbering says (the measure due there, or the one below it);
 * or that it stands where no measures are; or, when nothing else says it, that the numbering reads
 * better without it.
 */
function whyText(node: MeasureNode, reading: TextReading): string {
  const word = reading.choice.first.dateWord;
  const date = word === undefined ? undefined : word === String(node.value) ? 'year' : 'word';
  const shownWord = word !== undefined ? truncate(word, 20) : '';
  const below = truncate(node.numberText, 12);
  if (reading.expected !== undefined && reading.expected !== String(node.value)) {
    if (date === 'year') return l10n.t('{0} looks like a year, and measure {1} is due here.', node.value, reading.expected);
    if (date === 'word') return l10n.t('"{0}" follows the number, and measure {1} is due here.', shownWord, reading.expected);
    return l10n.t('Measure {0} is due here.', reading.expected);
  }
  if (reading.expected !== undefined && reading.next === node.value) {
    if (date === 'year') return l10n.t('{0} looks like a year, and measure {1} comes below it.', node.value, below);
    if (date === 'word') return l10n.t('"{0}" follows the number, and measure {1} comes below it.', shownWord, below);
    return l10n.t('Measure {0} comes below it.', below);
  }
  if (date === 'year') return l10n.t('{0} looks like a year.', node.value);
  if (date === 'word') return l10n.t('"{0}" follows the number.', shownWord);
  if (reading.expected === undefined) return l10n.t('It stands where no measures are (before the first pillar or under an unnumbered heading).');
  return l10n.t('The numbering reads better without it.');
}

/**
 * A line that is a page number, or a page's running footer with its number: `154` (up to three digits:
 * `2030` is as likely a year), `- 24 -`, `Side 13`, `Side 13 av 86`, `Seite 13`, `Page 13`, `s. 13`,
 * `13 | Partiet`, `Partiet | 13`.
 */
const PAGE_NUMBER_LINE = /^(?:[0-9]{1,3}|[-–—][ \t]*[0-9]{1,4}(?:[ \t]*[-–—])?|[0-9]{1,4}[ \t]*[-–—]|(?:Side|Seite|Page|S\.|s\.)[ \t]*[0-9]{1,4}(?:[ \t]+(?:av|von|of|\/)[ \t]+[0-9]{1,4})?|[0-9]{1,4}[ \t]*\|[^|]{1,50}|[^|]{1,50}\|[ \t]*[0-9]{1,4})$/u;

/** The message of a page number `shown` on a line of a paragraph. */
function insideParagraph(shown: string): string {
  return l10n.t('"{0}" stands alone on a line inside a paragraph: a page number from a PDF? It is read as text. Remove the line if it is not part of the programme.', shown);
}

/** The message of a page number `shown` on a line of its own between paragraphs. */
function betweenParagraphs(shown: string): string {
  return l10n.t('"{0}" stands alone on a line between paragraphs: a page number from a PDF? It is read as text. Remove the line if it is not part of the programme.', shown);
}

/** True when `text[start, end)` holds a digit. */
function hasDigit(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/**
 * `page-number` hints: a line of a measure or paragraph that holds only a page number or a footer with
 * one ({@link PAGE_NUMBER_LINE}), as PDF page numbers land inside the text; the fix removes the line
 * (with its line break).
 */
function pageNumbers(p: Programme, reading: ReadingContext, out: Diagnostic[]): void {
  const text = p.text;
  /** `where`: the message for a page number `content` at line `index` of `lines` (inside the measure, a paragraph or between paragraphs). */
  const report = (lines: readonly LineNode[], index: number, where: (content: string) => string) => {
    const line = lines[index];
    const content = text.slice(line.span.start, line.span.end).trim();
    const start = lineStartOf(text, line.span.start);
    let end = line.span.end;
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    if (text.charCodeAt(end) === 13) end++;
    if (text.charCodeAt(end) === 10) end++;
    out.push({
      code: 'page-number',
      severity: 'hint',
      message: where(truncate(content, 12)),
      span: { start: line.span.start, end: line.span.end },
      fixes: [{ title: l10n.t('Remove the line "{0}"', truncate(content, 12)), changes: [{ span: { start, end }, newText: '' }], preferred: true }],
    });
  };
  // Which lines are page numbers depends on the block's own lines: it is kept in the block's memo, and
  // the measures and paragraphs of a stretch whose memo says none has any are passed over (but for
  // paragraphs the reading made of other lines, which have no memo).
  const { measures: measureMemos, paragraphs: paragraphMemos } = programmeMemos(p);
  forEachNotPassed(p, p.measures, (s) => !stretchReading(s, reading).pages, false, (k) => {
    const m = p.measures[k];
    const lines = m.node.lines;
    const pages = pageLinesOf(text, lines, 1, readingMemo(measureMemos[k]));
    for (let i = 0; i < pages.length; i++) {
      report(lines, pages[i], (shown) => l10n.t('"{0}" stands alone on a line inside measure {1}: a page number from a PDF? It is read as text. Remove the line if it is not part of the programme.', shown, truncate(m.id, 24)));
    }
  });
  forEachNotPassed(p, p.paragraphs, (s) => !stretchReading(s, reading).pages, true, (k) => {
    const para = p.paragraphs[k];
    const pages = paragraphPagesOf(text, para, readingMemo(paragraphMemos[k]));
    for (let i = 0; i < pages.length; i++) report(para.lines, pages[i], para.lines.length > 1 ? insideParagraph : betweenParagraphs);
  });
}

/** The lines of paragraph `para` that {@link pageNumbers} reports, by index; from its memo when it has one. */
function paragraphPagesOf(text: string, para: ParagraphNode, memo: ReadingMemo | undefined): readonly number[] {
  if (memo?.pages !== undefined) return memo.pages;
  // A one-line paragraph is a page number with its dashes (`- 24 -`), a word (`Side 24`) or up to
  // three digits: a lone `2024` may be a year.
  const pages = para.lines.length > 1 || !/^\s*[0-9]{4}\s*$/u.test(text.slice(para.span.start, para.span.end)) ? pageLinesOf(text, para.lines, 0, undefined) : NO_LINES;
  if (memo !== undefined) memo.pages = pages;
  return pages;
}

/**
 * Calls `visit` with the index of each of `items` (measures or paragraphs of `p`, in document order)
 * but those in a stretch that `passable` says may be passed over; with `unread`, also with the index of
 * an item there that has no memo (one the model's reading made of other lines, which the stretch's
 * memo does not speak for). Without stretches, with every index.
 */
function forEachNotPassed(p: Programme, items: readonly { span: Span }[], passable: (stretch: Stretch) => boolean, unread: boolean, visit: (index: number) => void): void {
  const stretches = stretchMemos(p.tree);
  if (stretches === undefined) {
    for (let k = 0; k < items.length; k++) visit(k);
    return;
  }
  const memos = items === p.paragraphs ? programmeMemos(p).paragraphs : undefined;
  let k = 0;
  for (const s of stretches) {
    const end = firstAtOrAfter(items, s.end);
    if (passable(s)) {
      if (unread && memos !== undefined) for (; k < end; k++) if (memos[k] === undefined) visit(k);
      k = end;
      continue;
    }
    for (; k < end; k++) visit(k);
  }
  for (; k < items.length; k++) visit(k);
}

const NO_LINES: readonly number[] = [];

/**
 * The indices of the lines of `lines` from `first` on that hold only a page number or a footer with
 * one ({@link PAGE_NUMBER_LINE}), but for a number that goes on the sentence above it; from `memo`
 * when it has them, else kept there.
 */
function pageLinesOf(text: string, lines: readonly LineNode[], first: number, memo: ReadingMemo | undefined): readonly number[] {
  if (memo?.pages !== undefined) return memo.pages;
  let found: number[] | undefined;
  for (let i = first; i < lines.length; i++) {
    const line = lines[i];
    // A page number line is short, and holds a digit: most lines are passed at once.
    if (line.span.end - line.span.start > 60 || !hasDigit(text, line.span.start, line.span.end)) continue;
    const content = text.slice(line.span.start, line.span.end).trim();
    if (!PAGE_NUMBER_LINE.test(content)) continue;
    // A number that goes on a sentence is part of it (`innen` / `2030`, `kr` / `100` / `000 kroner`).
    if (i > 0 && /^[0-9]+$/.test(content) && lineAbove(text, lineStartOf(text, line.span.start), -1).leadsOn === true) continue;
    (found ??= []).push(i);
  }
  const pages = found ?? NO_LINES;
  if (memo !== undefined) memo.pages = pages;
  return pages;
}
