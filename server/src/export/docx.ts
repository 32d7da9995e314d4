/**
 * The programme as a Word document (docs/export.md, "Word"), written with the `docx` package, which
 * writes the XML (nothing here escapes by hand).
 *
 * What the document holds, in order: the title block (the front matter's title in Word's Title style,
 * the party as Subtitle, the election and year, the status, adoption and version words as normal
 * paragraphs); a table-of-contents field under a heading with the programme's word for contents (Word
 * fills it in on opening, since the document asks Word to update its fields); then, on a new page,
 * the programme: pillars and unnumbered sections in Heading 1 (so Word's navigation pane lists them),
 * sub-sections in Heading 2 … 6 by their level, prose as normal paragraphs, measures as a Word numbered
 * list and their sub-points as bullets one level under them. Every heading and measure holds a
 * bookmark named after its anchor (see {@link bookmarkNames}), and a label a bookmark of its own; a
 * reference is an internal link to its target's bookmark with the printed words ("tiltak 4.7"), an
 * unresolved one plain text. The styles carry the programme's language (`w:lang`), so that Word checks
 * the spelling in it; the core properties carry the title and the party as creator; the page is A4
 * with "Side N" in the footer.
 *
 * Measures are numbered by Word (see {@link planMeasureNumbers}), so that Word renumbers them when
 * someone inserts, deletes or moves a measure there.
 *
 * With printed line numbers ({@link DocxOptions.lineNumbers}), the programme is the congress's draft
 * instead: every printed line (amendments/lines.ts) is a paragraph of its own, its number as text
 * right-aligned at a tab stop in a column at the left, then a tab and the line's words; measures' numbers
 * are the text the line prints (no Word list: inserting a measure in Word must not renumber a draft that
 * amendments cite). Word's own line numbering (`w:lnNumType`) is not used: it counts Word's lines,
 * which follow the font and the page, not the draft's rule. The numbered draft has no table of contents
 * (Word's takes a heading's whole text, its line number too); Word's navigation pane lists the headings
 * with their line numbers before them. A line is not wrapped unless its characters
 * are wider than the text column (10 pt on A4 holds about 100 average characters); then Word wraps it
 * under its text, and the number stays on its first part.
 */
import {
  AlignmentType,
  Bookmark,
  Document,
  Footer,
  HeadingLevel,
  InternalHyperlink,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  Tab,
  TableOfContents,
  TabStopType,
  TextRun,
  type ILevelsOptions,
  type INumberingOptions,
  type ParagraphChild,
} from 'docx';
import type { PrintedBlock, PrintedHeading, PrintedInline, PrintedMeasure, PrintedPart, Publication } from './document';
import type { DraftLayout, LaidOutLine } from '../amendments/lines';

/** A4 in twentieths of a point (twips): 210 × 297 mm. */
const A4 = { width: 11906, height: 16838 };
/** Margins of 2.5 cm, in twips. */
const MARGIN = 1417;
/** The indent of a measure's text (1 cm, in twips); its number hangs in it. */
const MEASURE_INDENT = 567;
/** The indent of a sub-point's text, and how far its bullet hangs (twips). */
const SUB_POINT_INDENT = 1134;
const BULLET_HANG = 284;

/** Word's heading styles by a printed heading's level (1 for pillars and sections, 2… for sub-sections). */
const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6];

/**
 * Word's language for a language tag: a tag with a region is kept (`nb-NO`); a bare language gets the
 * region Word's proofing tools know it by (`nb` → `nb-NO`, `de` → `de-DE`); any other tag is kept as
 * written.
 */
export function wordLanguage(tag: string): string {
  if (tag.includes('-')) return tag;
  const regions: Record<string, string> = { nb: 'nb-NO', no: 'nb-NO', nn: 'nn-NO', se: 'se-NO', de: 'de-DE', en: 'en-GB', sv: 'sv-SE', da: 'da-DK', fi: 'fi-FI' };
  return regions[tag.toLowerCase()] ?? tag;
}

/** Letters that NFKD does not take apart, as Latin letters (æ → ae). */
const FOLDED: Record<string, string> = { æ: 'ae', Æ: 'AE', ø: 'o', Ø: 'O', œ: 'oe', Œ: 'OE', ß: 'ss', þ: 'th', Þ: 'TH', ð: 'd', Ð: 'D', đ: 'd', Đ: 'D', ł: 'l', Ł: 'L', ı: 'i' };

/** The longest bookmark name Word keeps. */
const BOOKMARK_LENGTH = 40;

/**
 * A bookmark name for every anchor of `pub`'s headings and measures (their own anchors and their
 * labels'), in document order: Word wants a letter first, then only letters, digits and `_`, at most
 * 40 characters, and no two names that differ only in case. So the anchor is folded to Latin letters
 * (`læreplasser` → `laereplasser`), every other sign becomes `_` (`tiltak-4-7` → `tiltak_4_7`, runs of
 * them one), a name that does not start with a letter gets `b_` before it, a long one is cut, and a
 * name already taken gets `_2`, `_3` … (within the 40). Pure; never throws.
 */
export function bookmarkNames(pub: Publication): Map<string, string> {
  const names = new Map<string, string>();
  const taken = new Set<string>();
  const claim = (anchor: string | undefined) => {
    if (anchor === undefined || names.has(anchor)) return;
    const base = bookmarkBase(anchor);
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) {
      const suffix = `_${n}`;
      name = base.slice(0, BOOKMARK_LENGTH - suffix.length) + suffix;
    }
    taken.add(name.toLowerCase());
    names.set(anchor, name);
  };
  for (const b of pub.blocks) {
    if (b.kind === 'paragraph') continue;
    claim(b.anchor);
    claim(b.labelAnchor);
  }
  return names;
}

/** `anchor` as a bookmark name, before it is made unique (see {@link bookmarkNames}). */
function bookmarkBase(anchor: string): string {
  let out = '';
  for (const ch of anchor.normalize('NFKD')) {
    if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')) out += ch;
    else if (FOLDED[ch] !== undefined) out += FOLDED[ch];
    else if (/\p{M}/u.test(ch)) continue;
    else if (!out.endsWith('_')) out += '_';
  }
  let start = 0;
  let end = out.length;
  while (start < end && out[start] === '_') start++;
  while (end > start && out[end - 1] === '_') end--;
  out = out.slice(start, end);
  if (!/^[A-Za-z]/.test(out)) out = `b_${out}`;
  out = out.slice(0, BOOKMARK_LENGTH);
  while (out.endsWith('_')) out = out.slice(0, -1);
  return out;
}

/**
 * How one measure's number is written: by a Word list (`reference` names the numbering definition, and
 * paragraphs of one `instance` are one list, numbered on from each other), or as text.
 */
export type MeasureNumber = { kind: 'list'; reference: string; instance: number } | { kind: 'text'; text: string };

/** A numbering definition of measures: Word's level text (`%1.`, `%1)`, `2.%1`) and where it starts. */
export interface MeasureList {
  reference: string;
  levelText: string;
  start: number;
}

/**
 * Word numbering for the measures of `blocks`: which list each measure is in, or its number as text,
 * and the numbering definitions the lists need.
 *
 * A measure is numbered by Word when its printed number is its value in a fixed frame: `3.`, `3)`, or
 * a full id `2.3` (the frame `2.%1`: the pillar's part is text of the level, the measure's own number
 * Word's). Measures follow each other in one list while each prints the number after the one before,
 * across prose and, in continuous numbering, across pillars; after a heading a measure that does not
 * go on from the list starts a new one at its own number (a new `instance`, from a definition that
 * starts there: Word's "restart numbering" per pillar). So Word renumbers the measures of a pillar as
 * the programme would when someone edits them there.
 *
 * The number is text where Word numbering cannot print it: an alternative (`9A.`, Word has no letter
 * after a list number, and `9A`/`9B` share one place), or, inside a run of measures, a number that
 * does not follow the one before (`1.`, `2.`, `5.`, or a repeated number; such a slip is the
 * checker's to report, and a Word list would silently print the right number instead of the one the
 * programme has). After an alternative, the measure whose number follows it (`10.` after `9B.`) starts
 * a new list at its number. Pure.
 */
export function planMeasureNumbers(blocks: readonly PrintedBlock[]): { numbers: Map<PrintedMeasure, MeasureNumber>; lists: MeasureList[] } {
  const numbers = new Map<PrintedMeasure, MeasureNumber>();
  const lists: MeasureList[] = [];
  const byKey = new Map<string, MeasureList>();
  const instances = new Map<string, number>();
  let list: { levelText: string; reference: string; instance: number; next: number } | undefined;
  let expected: number | undefined;
  let afterHeading = true;
  for (const b of blocks) {
    if (b.kind === 'heading') afterHeading = true;
    if (b.kind !== 'measure') continue;
    const levelText = levelTextOf(b);
    if (levelText !== undefined && list !== undefined && list.levelText === levelText && b.value === list.next) {
      numbers.set(b, { kind: 'list', reference: list.reference, instance: list.instance });
      list.next++;
    } else if (levelText !== undefined && (afterHeading || b.value === expected)) {
      const key = `${levelText}\u0000${b.value}`;
      let def = byKey.get(key);
      if (def === undefined) {
        def = { reference: `measures-${lists.length + 1}`, levelText, start: b.value };
        lists.push(def);
        byKey.set(key, def);
      }
      const instance = instances.get(def.reference) ?? 0;
      instances.set(def.reference, instance + 1);
      list = { levelText, reference: def.reference, instance, next: b.value + 1 };
      numbers.set(b, { kind: 'list', reference: def.reference, instance });
    } else {
      numbers.set(b, { kind: 'text', text: b.number });
    }
    expected = b.value + 1;
    afterHeading = false;
  }
  return { numbers, lists };
}

/** The level text that prints `m`'s number from its value (`%1.`, `%1)`, `2.%1`), or undefined when none does. */
function levelTextOf(m: PrintedMeasure): string | undefined {
  if (m.alternative !== '') return undefined;
  const value = String(m.value);
  const candidates = [`%1.`, `%1)`];
  if (m.number.endsWith(value) && !m.number.slice(0, -value.length).includes('%')) candidates.push(`${m.number.slice(0, -value.length)}%1`);
  return candidates.find((c) => c.replace('%1', value) === m.number);
}

/** The levels of a measures definition: the measure's number, then a bullet for its sub-points. */
function measureLevels(levelText: string, start: number): ILevelsOptions[] {
  return [
    { level: 0, format: LevelFormat.DECIMAL, text: levelText, start, alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: MEASURE_INDENT, hanging: MEASURE_INDENT } } } },
    subPointLevel(1),
  ];
}

function subPointLevel(level: number): ILevelsOptions {
  return { level, format: LevelFormat.BULLET, text: '–', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: SUB_POINT_INDENT, hanging: BULLET_HANG } } } };
}

/** The list of sub-points of a measure whose number is text (level 1, as under a numbered measure). */
const SUB_POINTS = 'sub-points';
/** Bullet lists in prose. */
const BULLETS = 'bullets';

/** Paragraph children of printed inlines: text runs, and internal links for references that resolve. */
function runs(inlines: readonly PrintedInline[], bookmarks: ReadonlyMap<string, string>): ParagraphChild[] {
  return inlines.map((n) => {
    const target = n.kind === 'reference' && n.anchor !== undefined ? bookmarks.get(n.anchor) : undefined;
    if (target === undefined) return new TextRun(n.text);
    return new InternalHyperlink({ anchor: target, children: [new TextRun({ text: n.text, style: 'Hyperlink' })] });
  });
}

/** `children` inside the bookmarks of `anchor` and `labelAnchor` (the label's inside the block's own). */
function bookmarked(children: ParagraphChild[], bookmarks: ReadonlyMap<string, string>, anchor: string, labelAnchor: string | undefined): ParagraphChild[] {
  let inner = children;
  const label = labelAnchor !== undefined ? bookmarks.get(labelAnchor) : undefined;
  if (label !== undefined) inner = [new Bookmark({ id: label, children: inner })];
  const own = bookmarks.get(anchor);
  return own !== undefined ? [new Bookmark({ id: own, children: inner })] : inner;
}

/** The paragraphs of the title block (see the module comment). */
function titleBlock(pub: Publication): Paragraph[] {
  const out: Paragraph[] = [];
  const t = pub.title;
  if (t.title !== undefined) out.push(new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(t.title)] }));
  if (t.party !== undefined) out.push(new Paragraph({ style: 'Subtitle', children: [new TextRun(t.party)] }));
  const year = t.year !== undefined ? String(t.year) : undefined;
  const election = t.election !== undefined ? (year !== undefined && !t.election.includes(year) ? `${t.election} ${year}` : t.election) : year;
  if (election !== undefined) out.push(new Paragraph({ children: [new TextRun(election)] }));
  // "Vedtatt 2023-04-15" says "Vedtatt" already.
  const status = t.status === 'adopted' && pub.words.adopted !== undefined ? undefined : pub.words.status;
  const standing = [status, pub.words.adopted, pub.words.version].filter((w): w is string => w !== undefined);
  if (standing.length > 0) out.push(new Paragraph({ children: [new TextRun(standing.join(' · '))] }));
  return out;
}

function headingParagraph(h: PrintedHeading, bookmarks: ReadonlyMap<string, string>, pageBreakBefore: boolean): Paragraph {
  const title = runs(h.title, bookmarks);
  const children = h.number !== undefined ? [new TextRun(`${h.number} `), ...title] : title;
  return new Paragraph({ heading: HEADINGS[Math.min(HEADINGS.length, Math.max(1, h.level)) - 1], pageBreakBefore, children: bookmarked(children, bookmarks, h.anchor, h.labelAnchor) });
}

/** A list part's items as bullet paragraphs of `reference` at `level`. */
function items(part: Extract<PrintedPart, { kind: 'list' }>, bookmarks: ReadonlyMap<string, string>, numbering: { reference: string; instance?: number; level: number }, pageBreakBefore = false): Paragraph[] {
  return part.items.map((i, k) => new Paragraph({ numbering, pageBreakBefore: pageBreakBefore && k === 0, children: runs(i.inlines, bookmarks) }));
}

function measureParagraphs(m: PrintedMeasure, number: MeasureNumber, bookmarks: ReadonlyMap<string, string>, pageBreakBefore: boolean): Paragraph[] {
  const [first, ...rest] = m.parts;
  const text = first !== undefined && first.kind === 'text' ? runs(first.inlines, bookmarks) : [];
  const more = first !== undefined && first.kind === 'text' ? rest : m.parts;
  const out: Paragraph[] = [];
  const body = bookmarked(text, bookmarks, m.anchor, m.labelAnchor);
  if (number.kind === 'list') {
    out.push(new Paragraph({ numbering: { reference: number.reference, instance: number.instance, level: 0 }, pageBreakBefore, children: body }));
  } else {
    // The number as text, hanging where Word's would, a tab before the text (Word's hanging indent is a tab stop).
    out.push(
      new Paragraph({
        indent: { left: MEASURE_INDENT, hanging: MEASURE_INDENT },
        tabStops: [{ type: TabStopType.LEFT, position: MEASURE_INDENT }],
        pageBreakBefore,
        children: [new TextRun(`${number.text}\t`), ...body],
      }),
    );
  }
  for (const part of more) {
    if (part.kind === 'list') {
      const numbering = number.kind === 'list' ? { reference: number.reference, instance: number.instance, level: 1 } : { reference: SUB_POINTS, level: 1 };
      for (const p of items(part, bookmarks, numbering)) out.push(p);
    } else {
      out.push(new Paragraph({ indent: { left: MEASURE_INDENT }, children: runs(part.inlines, bookmarks) }));
    }
  }
  return out;
}

function proseParagraphs(parts: readonly PrintedPart[], bookmarks: ReadonlyMap<string, string>, pageBreakBefore: boolean): Paragraph[] {
  const out: Paragraph[] = [];
  for (const part of parts) {
    const breakHere = pageBreakBefore && out.length === 0;
    if (part.kind === 'text') out.push(new Paragraph({ pageBreakBefore: breakHere, children: runs(part.inlines, bookmarks) }));
    else for (const p of items(part, bookmarks, { reference: BULLETS, level: 0 }, breakHere)) out.push(p);
  }
  return out;
}

/** Options of the Word writer. */
export interface DocxOptions {
  /** The printed draft's layout (amendments/lines.ts `draftLayout`, of the same publication): print the draft with its line numbers. */
  lineNumbers?: DraftLayout;
}

/** The right tab stop the printed line numbers end at, and the text column's start, in twips (0.9 cm, 1.2 cm). */
const LINE_NUMBER_TAB = 510;
const LINE_TEXT_INDENT = 680;

/** A printed line's children: its number at the right tab stop, a tab, its pieces (references as links). */
function lineChildren(l: LaidOutLine, bookmarks: ReadonlyMap<string, string>): ParagraphChild[] {
  const children: ParagraphChild[] = [new TextRun({ children: [new Tab(), String(l.line.number), new Tab()], color: '595959', size: 20, bold: false })];
  for (const piece of l.pieces) {
    const target = piece.reference?.anchor !== undefined ? bookmarks.get(piece.reference.anchor) : undefined;
    if (target === undefined) children.push(new TextRun(piece.text));
    else children.push(new InternalHyperlink({ anchor: target, children: [new TextRun({ text: piece.text, style: 'Hyperlink' })] }));
  }
  return children;
}

/**
 * The paragraphs of the printed draft with its line numbers (see the module comment): each line a
 * paragraph; a heading's first line in its heading style with its bookmarks (its further lines in the
 * same style but body-text outline level, so that the navigation pane lists the heading once), a
 * measure's first line with its bookmarks; the last line of a block with the space after it.
 */
function numberedParagraphs(pub: Publication, layout: DraftLayout, bookmarks: ReadonlyMap<string, string>): Paragraph[] {
  const out: Paragraph[] = [];
  pub.blocks.forEach((b, index) => {
    const runs = layout.runs[index] ?? [];
    const all = runs.flatMap((r) => r.lines);
    all.forEach((l, k) => {
      let children = lineChildren(l, bookmarks);
      if (k === 0 && b.kind !== 'paragraph') children = bookmarked(children, bookmarks, b.anchor, b.labelAnchor);
      const last = k === all.length - 1;
      out.push(
        new Paragraph({
          ...(b.kind === 'heading' ? { heading: HEADINGS[Math.min(HEADINGS.length, Math.max(1, b.level)) - 1], ...(k > 0 ? { outlineLevel: 9 } : {}) } : {}),
          pageBreakBefore: index === 0 && k === 0,
          indent: { left: LINE_TEXT_INDENT, hanging: LINE_TEXT_INDENT },
          tabStops: [
            { type: TabStopType.RIGHT, position: LINE_NUMBER_TAB },
            { type: TabStopType.LEFT, position: LINE_TEXT_INDENT },
          ],
          // A heading keeps its style's spacing around it; the lines inside a block have none between them.
          ...(b.kind !== 'heading' ? { spacing: { after: last ? 120 : 0 } } : k > 0 || !last ? { spacing: { ...(k > 0 ? { before: 0 } : {}), ...(!last ? { after: 0 } : {}) } } : {}),
          children,
        }),
      );
    });
  });
  return out;
}

/**
 * The .docx bytes of `pub` (see the module comment for what the document holds). Pure: the same
 * publication gives the same document but for the core properties' creation time. Rejects only when
 * the docx package fails to write (it does not for any publication).
 */
export async function renderDocx(pub: Publication, options: DocxOptions = {}): Promise<Uint8Array> {
  const bookmarks = bookmarkNames(pub);
  const { numbers, lists } = options.lineNumbers !== undefined ? { numbers: new Map<PrintedMeasure, MeasureNumber>(), lists: [] } : planMeasureNumbers(pub.blocks);
  const hasList = (parts: readonly PrintedPart[]) => parts.some((part) => part.kind === 'list');
  const numbering: INumberingOptions = {
    config: options.lineNumbers !== undefined ? [] : [
      ...lists.map((l) => ({ reference: l.reference, levels: measureLevels(l.levelText, l.start) })),
      // Only the definitions the document uses: the sub-points of measures numbered as text, prose bullets.
      ...(pub.blocks.some((b) => b.kind === 'measure' && numbers.get(b)!.kind === 'text' && hasList(b.parts)) ? [{ reference: SUB_POINTS, levels: [subPointLevel(0), subPointLevel(1)] }] : []),
      ...(pub.blocks.some((b) => b.kind === 'paragraph' && hasList(b.parts))
        ? [{ reference: BULLETS, levels: [{ level: 0, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: MEASURE_INDENT, hanging: BULLET_HANG } } } }] }]
        : []),
    ],
  };

  const body: (Paragraph | TableOfContents)[] = [...titleBlock(pub)];
  // Not in the numbered draft: Word's table of contents takes a heading's whole text, its line number too.
  if (options.lineNumbers === undefined) {
    body.push(new Paragraph({ style: 'TOCHeading', children: [new TextRun(pub.words.contents)] }));
    body.push(new TableOfContents(pub.words.contents, { hyperlink: true, headingStyleRange: '1-3' }));
  }
  let first = true;
  if (options.lineNumbers !== undefined) {
    for (const p of numberedParagraphs(pub, options.lineNumbers, bookmarks)) body.push(p);
    first = false;
  }
  for (const b of options.lineNumbers !== undefined ? [] : pub.blocks) {
    if (b.kind === 'heading') body.push(headingParagraph(b, bookmarks, first));
    else {
      const paragraphs = b.kind === 'measure' ? measureParagraphs(b, numbers.get(b)!, bookmarks, first) : proseParagraphs(b.parts, bookmarks, first);
      for (const p of paragraphs) body.push(p);
    }
    first = false;
  }

  const heading = (size: number, before: number) => ({
    run: { bold: true, size, color: '1F3864' },
    paragraph: { keepNext: true, keepLines: true, spacing: { before, after: 120 } },
  });
  const doc = new Document({
    title: pub.title.title,
    creator: pub.title.party,
    lastModifiedBy: pub.title.party,
    features: { updateFields: true },
    numbering,
    styles: {
      default: {
        document: { run: { language: { value: wordLanguage(pub.languageTag) }, size: options.lineNumbers !== undefined ? 20 : 22 }, paragraph: { spacing: { after: 120 } } },
        title: { run: { size: 52, bold: true, color: '1F3864' }, paragraph: { spacing: { after: 240 } } },
        heading1: { ...heading(32, 480), paragraph: { ...heading(32, 480).paragraph, outlineLevel: 0 } },
        heading2: { ...heading(28, 360), paragraph: { ...heading(28, 360).paragraph, outlineLevel: 1 } },
        heading3: { ...heading(24, 240), paragraph: { ...heading(24, 240).paragraph, outlineLevel: 2 } },
        heading4: { ...heading(22, 240), paragraph: { ...heading(22, 240).paragraph, outlineLevel: 3 } },
        heading5: { ...heading(22, 240), paragraph: { ...heading(22, 240).paragraph, outlineLevel: 4 } },
        heading6: { ...heading(22, 240), paragraph: { ...heading(22, 240).paragraph, outlineLevel: 5 } },
      },
      paragraphStyles: [
        { id: 'Subtitle', name: 'Subtitle', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { size: 32, color: '404040' }, paragraph: { spacing: { after: 240 } } },
        // Word's own "TOC Heading" is not a heading (outline level 9, body text): it stays out of the table.
        { id: 'TOCHeading', name: 'TOC Heading', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { bold: true, size: 32, color: '1F3864' }, paragraph: { keepNext: true, spacing: { before: 480, after: 120 } } },
      ],
      characterStyles: [{ id: 'Hyperlink', name: 'Hyperlink', basedOn: 'DefaultParagraphFont', run: { color: '0563C1', underline: {} } }],
    },
    sections: [
      {
        properties: { page: { size: A4, margin: { top: MARGIN, right: MARGIN, bottom: MARGIN, left: MARGIN } } },
        footers: {
          default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [`${pub.words.page} `, PageNumber.CURRENT] })] })] }),
        },
        children: body,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
