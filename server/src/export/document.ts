/**
 * The programme as it is printed: the one reading that every writer (HTML, Word, Markdown, JSON) and
 * the preview print from, so that they cannot disagree on what a reader sees (docs/export.md).
 *
 * What is printed: the front matter as a title block; a table of contents; headings, prose, measures
 * and sub-points in document order. What is not: comments, labels (they become anchors), escape
 * backslashes (`17\.` prints `17.`), the front matter's own lines. A reference prints as its target's
 * current number with the target's kind before it (`[[4.7]]` → "tiltak 4.7", `[[2]]` → "kapittel 2",
 * a numbered sub-section → "kapittel 1.1"),
 * without repeating a kind word the writer put just before it ("se tiltak [[4.7]]" → "se tiltak 4.7");
 * a reference that names nothing prints the text between its brackets and links nowhere.
 *
 * The printed words (the table of contents' "Innhold", "tiltak", "kapittel", the anchors' words) are in
 * the programme's own language (`lang` in its front matter), never the tool's: they are messages
 * (`l10n.t`) made inside {@link inLanguage} of that language. Anchors are stable: a measure's is the
 * word for measure and its id (`tiltak-4-7`), a numbered pillar's or sub-section's the word for pillar
 * and its number (`kapittel-4`, `kapittel-4-1`), an unnumbered heading's its title's slug; a label is
 * an anchor of its own, by its name (`heltidskultur`), so links to it survive renumbering.
 *
 * Lines are 0-based source lines (as LSP's), kept on every block for the preview's scroll
 * synchronisation and the writers' source markers.
 */
import * as l10n from '@vscode/l10n';
import { declaredLanguage, declaredLanguageTag, inLanguage, type Language } from '../l10n/index';
import type { InlineNode, LabelNode, LineNode } from '../syntax/tree';
import type { Span } from '../syntax/span';
import type { Measure, Pillar, Programme, Reference, Section, Subsection } from '../model/programme';
import { programmeIndex, type Target } from '../model/resolve';
import { readFrontMatter } from '../rules/frontMatter';

/** A run of printed text inside a line. */
export interface PrintedText {
  kind: 'text';
  text: string;
}

/** A reference as printed: its words, and where it links (the target's anchor) when it resolves. */
export interface PrintedReference {
  kind: 'reference';
  /**
   * What is printed: `tiltak 4.7`, `4.7` after a written "tiltak", `kapittel 2`, a heading's title; for a
   * reference that names nothing, the text between its brackets (trimmed), and no `anchor` or `target`.
   */
  text: string;
  /** The text between the brackets, as written (`4.7`, `#heltidskultur`). */
  written: string;
  /** The target's anchor (without `#`); absent when the reference names nothing. */
  anchor?: string;
  /** The target: its kind and current id (a measure's `4.7`, a pillar's `2`, a heading's title). */
  target?: { kind: Target['kind']; id: string; title?: string };
  /** 0-based source line of the reference's `[[`. */
  line: number;
}

/** Inline content as printed. */
export type PrintedInline = PrintedText | PrintedReference;

/** A sub-point or a bullet of a list in prose. */
export interface PrintedItem {
  inlines: PrintedInline[];
  /** 0-based source line of the item's first line. */
  line: number;
}

/** A part of a measure's or paragraph's body: running text, or a list of sub-points. */
export type PrintedPart = { kind: 'text'; inlines: PrintedInline[]; line: number } | { kind: 'list'; items: PrintedItem[]; line: number };

interface BlockBase {
  /** 0-based source lines of the block's first and last line. */
  line: number;
  endLine: number;
}

/** A pillar, unnumbered section or sub-section heading. */
export interface PrintedHeading extends BlockBase {
  kind: 'heading';
  role: 'pillar' | 'section' | 'subsection';
  /** 1 for pillars and unnumbered sections, 2… for sub-sections (the `##` level). */
  level: number;
  /** As printed before the title: `2.` (pillar), `2.1` (sub-section); absent when unnumbered. */
  number?: string;
  /** The id a reference cites: `2`, `2.1`; absent when unnumbered. */
  id?: string;
  title: PrintedInline[];
  /** The title as plain text (references as printed). */
  titleText: string;
  /** The heading's own anchor, then its label's anchor, if any. */
  anchor: string;
  labelAnchor?: string;
  /** The label's name as written, if any. */
  label?: string;
}

/** A measure. */
export interface PrintedMeasure extends BlockBase {
  kind: 'measure';
  /** The id in the document's numbering mode: `1.3`, `1.1.3`, `12`, `2.9A`. */
  id: string;
  /** As printed before the text: `3.`, `3)`, `9A.`, or the full id `1.3` where the writer wrote it so. */
  number: string;
  /** The measure's own number (without its alternative letter). */
  value: number;
  alternative: string;
  /** The measure's anchor (`tiltak-1-3`), and its label's (by the label's name), if any. */
  anchor: string;
  labelAnchor?: string;
  /** The label's name as written, if any. */
  label?: string;
  /** The pillar's number, if the measure is in one. */
  pillar?: string;
  /** Running text and sub-point lists, in order; the first is the measure's text. */
  parts: PrintedPart[];
}

/** A paragraph of prose, or a bullet list written in prose. */
export interface PrintedParagraph extends BlockBase {
  kind: 'paragraph';
  parts: PrintedPart[];
}

/** A block as printed. */
export type PrintedBlock = PrintedHeading | PrintedMeasure | PrintedParagraph;

/** An entry of the table of contents: a pillar or section (level 1), or a sub-section (2…). */
export interface TocEntry {
  level: number;
  number?: string;
  title: string;
  anchor: string;
  /** The number of measures directly and indirectly under it. */
  measures: number;
}

/** The title block, from the front matter. */
export interface TitleBlock {
  /** The front matter's `title`, else the first unnumbered level-1 heading's, else undefined. */
  title?: string;
  party?: string;
  election?: string;
  year?: number;
  status?: 'draft' | 'adopted';
  /** The adoption date as written (`YYYY-MM-DD`). */
  adopted?: string;
  version?: string;
}

/** The fixed words of a printed programme, in its own language. */
export interface PrintedWords {
  /** "Innhold". */
  contents: string;
  /** "Utkast" / "Vedtatt" (the status as a title block prints it). */
  status?: string;
  /** "Vedtatt 15. april 2027"-like line: "Adopted {date}", with the date as written. */
  adopted?: string;
  /** "Versjon 2.1". */
  version?: string;
  /** "Side" before a page number (print CSS, Word's footer). */
  page: string;
  /** "Tiltak": the word for measures, as a label of a list of them. */
  measures: string;
}

/** The programme as printed. */
export interface Publication {
  /** The language of the printed words (the programme's `lang` when it is nb, nn, de or en; else en). */
  language: Language;
  /** The programme's language tag as written in its front matter (for HTML's `lang`), else `language`. */
  languageTag: string;
  title: TitleBlock;
  words: PrintedWords;
  toc: TocEntry[];
  blocks: PrintedBlock[];
  /** Every anchor of the publication (unique). */
  anchors: Set<string>;
}

/**
 * The programme `p` as printed (see the module comment). Pure; never throws. The printed words are in
 * the programme's language, made inside `inLanguage` whatever language is current.
 */
export function publication(p: Programme): Publication {
  const tag = declaredLanguageTag(p.text);
  const language = declaredLanguage(p.text) ?? 'en';
  return inLanguage(language, () => build(p, language, tag ?? language));
}

function build(p: Programme, language: Language, languageTag: string): Publication {
  const data = readFrontMatter(p)?.data ?? {};
  const str = (key: string): string | undefined => (typeof data[key] === 'string' && (data[key] as string).trim() !== '' ? (data[key] as string).trim() : undefined);
  const firstSection = p.top.find((t) => t.kind === 'section');
  const title: TitleBlock = {
    title: str('title') ?? firstSection?.title,
    party: str('party'),
    election: str('election'),
    year: typeof data.year === 'number' ? data.year : undefined,
    status: data.status === 'draft' || data.status === 'adopted' ? data.status : undefined,
    adopted: str('adopted'),
    version: str('version'),
  };
  const words: PrintedWords = {
    contents: l10n.t({ message: 'Contents', comment: ['The heading of a printed programme\'s table of contents ("Innhold").'] }),
    status: title.status === 'draft' ? l10n.t({ message: 'Draft', comment: ['Printed under a programme\'s title when its status is draft ("Utkast").'] }) : title.status === 'adopted' ? l10n.t({ message: 'Adopted', comment: ['Printed under a programme\'s title when its status is adopted ("Vedtatt").'] }) : undefined,
    adopted: title.adopted !== undefined ? l10n.t({ message: 'Adopted {0}', comment: ['Printed under a programme\'s title: the day it was adopted, as written (YYYY-MM-DD).'], args: [title.adopted] }) : undefined,
    version: title.version !== undefined ? l10n.t({ message: 'Version {0}', comment: ['Printed under a programme\'s title: its version as written.'], args: [title.version] }) : undefined,
    page: l10n.t({ message: 'Page', comment: ['Printed before a page number at the foot of a printed page ("Side 3").'] }),
    measures: l10n.t({ message: 'Measures', comment: ['The word for a programme\'s measures as a printed label ("Tiltak").'] }),
  };
  const anchors = new Anchors();
  const index = programmeIndex(p);
  const measureWord = slug(l10n.t({ message: 'measure', comment: ['A word in web addresses of printed measures (#measure-4-7): lower case, one word, as "tiltak".'] })) || 'measure';
  const pillarWord = slug(l10n.t({ message: 'pillar', comment: ['A word in web addresses of printed pillars (#pillar-4): lower case, one word, as "kapittel".'] })) || 'pillar';

  // Anchors first, in document order, so that a reference before its target knows where it links.
  const anchorOf = new Map<Target, string>();
  const labelAnchorOf = new Map<Target, string>();
  const targets: Target[] = [];
  for (const top of p.top) {
    targets.push(top);
    const visit = (h: Pillar | Section | Subsection) => {
      for (const c of h.children) {
        targets.push(c);
        if (c.kind === 'subsection') visit(c);
      }
    };
    visit(top);
  }
  for (const m of p.outsideMeasures) if (!targets.includes(m)) targets.push(m);
  // Labels keep their names where they can: they are claimed before the generated anchors.
  for (const t of targets) {
    const label = t.label;
    if (label !== undefined && index.labelsByKey.get(label.key) === label) {
      const a = anchors.claim(label.name, false);
      if (a !== undefined) labelAnchorOf.set(t, a);
    }
  }
  for (const t of targets) {
    let wanted: string;
    if (t.kind === 'measure') wanted = `${measureWord}-${t.id.replace(/\./g, '-')}`;
    else if (t.kind === 'pillar') wanted = `${pillarWord}-${t.number}`;
    else if (t.kind === 'subsection' && t.numberText !== undefined) wanted = `${pillarWord}-${t.numberText.replace(/\./g, '-')}`;
    else wanted = slug(t.title) || pillarWord;
    anchorOf.set(t, anchors.claim(wanted, true)!);
  }

  const refWords: RefWords = {
    measureWord: l10n.t({ message: 'measure', comment: ['Printed before a measure\'s number in a reference: "tiltak 4.7".'] }),
    pillarWord: l10n.t({ message: 'pillar', comment: ['Printed before a pillar\'s number in a reference: "kapittel 2".'] }),
  };
  const refAt = new Map<InlineNode, Reference>();
  for (const r of p.references) refAt.set(r.node, r);
  const printer: InlinePrinter = { p, refAt, index, anchorOf, labelAnchorOf, words: refWords };

  const blocks: PrintedBlock[] = [];
  const toc: TocEntry[] = [];
  const lineOf = (offset: number) => p.lines.lineAt(offset);
  const headingOf = new Map<unknown, Pillar | Section | Subsection>();
  for (const t of targets) if (t.kind !== 'measure') headingOf.set(t.heading, t);
  const measureOf = new Map<unknown, Measure>();
  for (const m of p.measures) measureOf.set(m.node, m);

  for (const block of p.tree.blocks) {
    if (block.kind === 'heading') {
      const h = headingOf.get(block);
      const label = block.label;
      // `# 17\. mai`: the escape's backslash is not printed (the digits go before the rest of the title).
      const raw = p.text.slice(block.titleSpan.start, block.titleSpan.end);
      let digits = 0;
      while (digits < raw.length && raw[digits] >= '0' && raw[digits] <= '9') digits++;
      const escaped = digits > 0 && raw[digits] === '\\' && (raw[digits + 1] === '.' || raw[digits + 1] === ')');
      const titleSpan = escaped ? { start: block.titleSpan.start + digits + 1, end: block.titleSpan.end } : block.titleSpan;
      const inlines = printInlines(printer, clip(block.inlines, titleSpan), label, escaped ? raw.slice(0, digits) : '');
      const titleText = plain(inlines);
      const role = h?.kind ?? 'section';
      const id = h === undefined ? undefined : h.kind === 'pillar' ? h.numberText : h.kind === 'subsection' ? h.numberText : undefined;
      const number = h?.kind === 'pillar' ? `${h.numberText}${h.delimiter === ')' ? ')' : '.'}` : id;
      const anchor = h !== undefined ? anchorOf.get(h)! : anchors.claim(slug(titleText) || pillarWord, true)!;
      const level = h?.kind === 'subsection' ? Math.max(2, block.level) : 1;
      const printed: PrintedHeading = { kind: 'heading', role, level, number, id, title: inlines, titleText, anchor, labelAnchor: h !== undefined ? labelAnchorOf.get(h) : undefined, label: label?.name, line: lineOf(block.span.start), endLine: lineOf(block.span.end) };
      blocks.push(printed);
      toc.push({ level, number, title: titleText, anchor, measures: h?.measures.length ?? 0 });
    } else if (block.kind === 'measure') {
      const m = measureOf.get(block);
      if (m === undefined) continue;
      const form = block.form;
      const number = form === 'full-id' ? m.id : `${m.numberText}${m.delimiter === ')' ? ')' : '.'}`;
      blocks.push({
        kind: 'measure',
        id: m.id,
        number,
        value: m.value,
        alternative: m.alternative,
        anchor: anchorOf.get(m) ?? anchors.claim(`${measureWord}-${m.id.replace(/\./g, '-')}`, true)!,
        labelAnchor: labelAnchorOf.get(m),
        label: m.label?.name,
        pillar: m.pillar?.numberText,
        parts: printParts(printer, block.lines, block.subPoint, block.label),
        line: lineOf(block.span.start),
        endLine: lineOf(block.span.end),
      });
    } else {
      const subPoint = block.lines.map((l) => l.prefix === 'bullet');
      blocks.push({ kind: 'paragraph', parts: printParts(printer, block.lines, subPoint, undefined), line: lineOf(block.span.start), endLine: lineOf(block.span.end) });
    }
  }
  return { language, languageTag, title, words, toc, blocks, anchors: anchors.all };
}

/** Anchors handed out once each. */
class Anchors {
  readonly all = new Set<string>();
  /** `wanted`, or with `-2`, `-3` … when taken (only when `orNext`; else undefined). */
  claim(wanted: string, orNext: boolean): string | undefined {
    if (!this.all.has(wanted)) {
      this.all.add(wanted);
      return wanted;
    }
    if (!orNext) return undefined;
    for (let n = 2; ; n++) {
      const next = `${wanted}-${n}`;
      if (!this.all.has(next)) {
        this.all.add(next);
        return next;
      }
    }
  }
}

/**
 * A heading's title as an anchor, as GitHub makes them: lower case, letters and digits of any script
 * kept, blanks made `-`, other signs dropped.
 */
export function slug(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC').toLowerCase()) {
    if (/[\p{L}\p{N}\p{M}_-]/u.test(ch)) out += ch;
    else if (/\s/u.test(ch)) out += '-';
  }
  let start = 0;
  let end = out.length;
  while (start < end && out[start] === '-') start++;
  while (end > start && out[end - 1] === '-') end--;
  return out.slice(start, end);
}

interface RefWords {
  /** "tiltak" (nb): what stands before a measure's id in a printed reference. */
  measureWord: string;
  /** "kapittel" (nb). */
  pillarWord: string;
}

interface InlinePrinter {
  p: Programme;
  refAt: Map<InlineNode, Reference>;
  index: ReturnType<typeof programmeIndex>;
  anchorOf: Map<Target, string>;
  labelAnchorOf: Map<Target, string>;
  words: RefWords;
}

/** The inlines of `inlines` inside `span`, text cut to it. */
function clip(inlines: readonly InlineNode[], span: Span): InlineNode[] {
  const out: InlineNode[] = [];
  for (const n of inlines) {
    if (n.span.end <= span.start || n.span.start >= span.end) continue;
    if (n.kind === 'text') out.push({ kind: 'text', span: { start: Math.max(n.span.start, span.start), end: Math.min(n.span.end, span.end) } });
    else out.push(n);
  }
  return out;
}

function printInlines(printer: InlinePrinter, inlines: readonly InlineNode[], label: LabelNode | undefined, escapePrefix = ''): PrintedInline[] {
  const out: PrintedInline[] = [];
  let text = escapePrefix;
  for (const n of inlines) {
    if (n === label || n.kind === 'label') continue;
    if (n.kind === 'text') {
      text += printer.p.text.slice(n.span.start, n.span.end);
      continue;
    }
    const ref = printer.refAt.get(n);
    const target = ref !== undefined ? printer.index.targets.get(ref) : undefined;
    const line = printer.p.lines.lineAt(n.span.start);
    if (target === undefined) {
      // Printed as written, as a reference of its own without an anchor or target, so that a writer
      // can show that it links nowhere (HTML marks it); an empty `[[]]` prints nothing.
      const written = n.target.trim();
      if (written === '') continue;
      if (text !== '') out.push({ kind: 'text', text });
      text = '';
      out.push({ kind: 'reference', text: written, written: n.target, line });
      continue;
    }
    const id = printedId(target);
    const word = target.kind === 'measure' ? printer.words.measureWord : target.kind === 'pillar' || target.kind === 'subsection' ? printer.words.pillarWord : '';
    // Not "tiltak tiltak 4.7": a kind word just before the reference is the writer's own.
    const said = word !== '' && endsWithWord(text, word);
    const title = target.kind === 'measure' ? '' : target.title;
    const shown = id === undefined ? title : said || word === '' ? id : `${word} ${id}`;
    if (text !== '') out.push({ kind: 'text', text });
    text = '';
    out.push({
      kind: 'reference',
      text: shown,
      written: n.target,
      anchor: printer.labelAnchorOf.get(target) !== undefined && ref!.form.kind === 'label' ? printer.labelAnchorOf.get(target) : printer.anchorOf.get(target),
      target: { kind: target.kind, id: id ?? title, ...(target.kind !== 'measure' ? { title } : {}) },
      line,
    });
  }
  if (text !== '') out.push({ kind: 'text', text });
  return trimInlines(out);
}

/** The number a target is cited by, or undefined for unnumbered headings. */
function printedId(target: Target): string | undefined {
  if (target.kind === 'measure') return target.id;
  if (target.kind === 'pillar') return target.numberText;
  if (target.kind === 'subsection') return target.numberText;
  return undefined;
}

function endsWithWord(text: string, word: string): boolean {
  const t = text.trimEnd().toLowerCase();
  const w = word.toLowerCase();
  if (!t.endsWith(w) && !t.endsWith(`${w}et`) && !t.endsWith(`${w}a`)) return false;
  const before = t.endsWith(w) ? t.length - w.length : t.length - w.length - (t.endsWith(`${w}et`) ? 2 : 1);
  return before === 0 || !/[\p{L}\p{N}]/u.test(t[before - 1]);
}

function trimInlines(inlines: PrintedInline[]): PrintedInline[] {
  if (inlines.length > 0 && inlines[0].kind === 'text') inlines[0] = { kind: 'text', text: inlines[0].text.trimStart() };
  const last = inlines.length - 1;
  if (last >= 0 && inlines[last].kind === 'text') inlines[last] = { kind: 'text', text: inlines[last].text.trimEnd() };
  return inlines.filter((n) => n.kind !== 'text' || n.text !== '');
}

/**
 * Lines as printed parts: lines that are not sub-points join into running text (one space between
 * lines); a sub-point and the lines that go on from it are one item; consecutive items are one list.
 */
function printParts(printer: InlinePrinter, lines: readonly LineNode[], subPoint: readonly boolean[], label: LabelNode | undefined): PrintedPart[] {
  const parts: PrintedPart[] = [];
  const text = printer.p.text;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const escape = line.prefix === 'escape' ? text.slice(line.prefixSpan.start, line.prefixSpan.end).replace('\\', '') : '';
    const inlines = printInlines(printer, line.inlines, label, escape);
    if (inlines.length === 0) continue;
    const lineNo = printer.p.lines.lineAt(line.span.start);
    const last = parts[parts.length - 1];
    if (subPoint[i]) {
      const item: PrintedItem = { inlines, line: lineNo };
      if (last !== undefined && last.kind === 'list') last.items.push(item);
      else parts.push({ kind: 'list', items: [item], line: lineNo });
    } else if (last !== undefined && last.kind === 'list') {
      const item = last.items[last.items.length - 1];
      item.inlines = join(item.inlines, inlines);
    } else if (last !== undefined) {
      last.inlines = join(last.inlines, inlines);
    } else {
      parts.push({ kind: 'text', inlines, line: lineNo });
    }
  }
  return parts;
}

/** `a` and `b` with one space between them, text runs merged. */
function join(a: PrintedInline[], b: PrintedInline[]): PrintedInline[] {
  const out = a.slice();
  const first = b[0];
  const tail = out[out.length - 1];
  if (tail !== undefined && tail.kind === 'text' && first.kind === 'text') {
    out[out.length - 1] = { kind: 'text', text: `${tail.text} ${first.text}` };
    for (let i = 1; i < b.length; i++) out.push(b[i]);
  } else if (first.kind === 'text') {
    out.push({ kind: 'text', text: ` ${first.text}` });
    for (let i = 1; i < b.length; i++) out.push(b[i]);
  } else if (tail !== undefined && tail.kind === 'text') {
    out[out.length - 1] = { kind: 'text', text: `${tail.text} ` };
    for (const x of b) out.push(x);
  } else {
    out.push({ kind: 'text', text: ' ' });
    for (const x of b) out.push(x);
  }
  return out;
}

/** Printed inlines as plain text (references as printed). */
export function plain(inlines: readonly PrintedInline[]): string {
  let out = '';
  for (const n of inlines) out += n.text;
  return out;
}

/** A part's or block's words as plain text: running text, then each sub-point on a line of its own starting "- ". */
export function partsText(parts: readonly PrintedPart[]): string {
  return parts.map((part) => (part.kind === 'text' ? plain(part.inlines) : part.items.map((i) => `- ${plain(i.inlines)}`).join('\n'))).join('\n');
}
