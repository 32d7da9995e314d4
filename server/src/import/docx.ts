/**
 * The Word reader: a .docx becomes blocks (headings, paragraphs, list items) for the structure step.
 *
 * mammoth reads the document (its document model, through the public `transformDocument` option:
 * paragraphs with their style names, runs, tables, notes, images); the numbers and bullets Word prints
 * before numbered paragraphs, which mammoth drops, come from `wordNumbering.ts`. The two are paired by
 * paragraph index: `readWordParagraphs` lists the paragraphs of `word/document.xml` in the order
 * mammoth's body reader produces them, and each pair is checked by its letters and digits; where the
 * texts disagree the pairing resynchronises on the next agreeing paragraph (within 50), so one odd
 * element cannot shift every number after it.
 */
import mammoth from 'mammoth';
import type { Block, Marker, Note, Reading } from './outline';
import { readWordParagraphs, readWordParts, type WordParagraph } from './wordNumbering';

/** The part of mammoth's document model (mammoth 1.13 `lib/documents.js`) the reader walks. */
interface MammothElement {
  type: string;
  children?: MammothElement[];
  styleId?: string | null;
  styleName?: string | null;
  numbering?: { level: string; isOrdered: boolean } | null;
  value?: string;
  breakType?: string;
  checked?: boolean;
  noteType?: string;
  noteId?: string;
  body?: MammothElement[];
}

interface MammothDocument extends MammothElement {
  notes: { resolve(reference: MammothElement): MammothElement | null };
}

/**
 * The heading level of a paragraph: mammoth's default style map (style id `Heading1`…, or style name
 * `heading 1`…, any case; `Heading` alone is level 1), `Title` as level 0, and else Word's outline
 * level (`w:outlineLvl` 0–8, direct or from the style chain, as level 1–9), which also finds headings
 * in renamed or derived styles. Undefined for body text.
 */
export function headingLevel(styleId: string | null | undefined, styleName: string | null | undefined, outlineLevel?: number): number | undefined {
  const id = styleId ?? '';
  const name = styleName ?? '';
  if (/^title$/i.test(id) || /^title$/i.test(name)) return 0;
  const m = /^heading\s?([1-9])$/i.exec(id) ?? /^heading ([1-9])$/i.exec(name);
  if (m) return Number(m[1]);
  if (/^heading$/i.test(id) || /^heading$/i.test(name)) return 1;
  if (outlineLevel !== undefined) return outlineLevel + 1;
  return undefined;
}

/** A paragraph's letters and digits, the key it is paired by. */
function keyOf(text: string): string {
  return text.replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * Pairs mammoth's paragraphs (`a`, by key) with the XML's (`b`): index in `b` for each of `a`, or
 * undefined. Equal keys pair; on a disagreement the nearer of "skip in a" / "skip in b" that makes the
 * keys agree again (looking 50 ahead) is taken, and with none the two are paired anyway.
 */
export function pairParagraphs(a: string[], b: string[]): (number | undefined)[] {
  const out: (number | undefined)[] = new Array(a.length).fill(undefined);
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out[i++] = j++;
      continue;
    }
    let skip: 'a' | 'b' | undefined;
    for (let k = 1; k <= 50 && !skip; k++) {
      if (j + k < b.length && a[i] === b[j + k]) skip = 'b';
      else if (i + k < a.length && a[i + k] === b[j]) skip = 'a';
      if (skip === 'b') j += k;
      if (skip === 'a') i += k;
    }
    if (!skip) out[i++] = j++;
  }
  return out;
}

/** Mammoth's raw text of an element: tabs and breaks as spaces, checkboxes as ☐/☒. */
function rawText(el: MammothElement, visit: (e: MammothElement) => void): string {
  visit(el);
  switch (el.type) {
    case 'text':
      return el.value ?? '';
    case 'tab':
    case 'break':
      return ' ';
    case 'checkbox':
      return el.checked ? '☒' : '☐';
    case 'paragraph':
    case 'table':
      return ''; // a paragraph inside a paragraph (none in mammoth 1.13: it hoists them) is read on its own
    default:
      return (el.children ?? []).map((c) => rawText(c, visit)).join('');
  }
}

/**
 * Reads a .docx into blocks.
 *
 * - Each paragraph of the body (tables' cells included, in order) with any text becomes one block:
 *   `heading` with `level` (see `headingLevel`; a Title also gives the reading's `title`, the first
 *   one), `item` when Word numbers it (its `marker` as Word prints it, see `wordNumbering.ts`, and
 *   `depth` = its list level `w:ilvl`), else `paragraph`. A numbered heading keeps its `marker` too.
 *   Numbers typed by hand stay in the text.
 * - The text is one line: line breaks, page breaks and tabs become spaces, runs of spaces one space,
 *   the ends trimmed; soft hyphens (U+00AD, invisible in Word) are removed, each word so changed noted
 *   (`soft-hyphen`, `before`/`after`). Empty paragraphs give no block.
 * - Footnotes and endnotes follow the body as paragraphs, in the order of their references.
 * - `place.line` is the paragraph's 0-based index among mammoth's paragraphs of the body (empty ones
 *   counted); the notes' paragraphs continue that count.
 *
 * Notes (`reader`, with `detail`): `table` once per table (at its first paragraph), `image` per
 * image, `footnotes` once when notes were appended, `numbering` for a paragraph mammoth sees as a list
 * item whose number could not be resolved (it gets no marker), plus those of `readWordParagraphs`
 * (`unread-text`, `numbering-format:…`). Throws when the bytes are not a .docx.
 */
export async function readDocx(bytes: Uint8Array): Promise<Reading> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let model: MammothDocument | undefined;
  await mammoth.convertToHtml(
    { buffer },
    {
      // Keep the document model, and give mammoth an empty document to convert: the HTML is not used.
      transformDocument: (document: MammothDocument) => {
        model = document;
        return { ...document, children: [] };
      },
    },
  );
  if (!model) throw new Error('mammoth gave no document');
  const xml = readWordParagraphs(await readWordParts(bytes));
  const notes: Note[] = [...xml.notes];

  // Mammoth's paragraphs in reading order, with their keys, for the pairing.
  const order: MammothElement[] = [];
  const collect = (el: MammothElement) => {
    if (el.type === 'paragraph') order.push(el);
    for (const c of el.children ?? []) collect(c);
  };
  for (const c of model.children ?? []) collect(c);
  const texts = new Map<MammothElement, string>();
  const images = new Map<MammothElement, number>();
  const references: MammothElement[] = [];
  for (const p of order) {
    let imageCount = 0;
    const text = (p.children ?? [])
      .map((c) =>
        rawText(c, (e) => {
          if (e.type === 'image') imageCount++;
          if (e.type === 'noteReference') references.push(e);
        }),
      )
      .join('');
    texts.set(p, text);
    if (imageCount) images.set(p, imageCount);
  }
  const pairs = pairParagraphs(
    order.map((p) => keyOf(texts.get(p) ?? '')),
    xml.paragraphs.map((p) => p.key),
  );
  const index = new Map(order.map((p, i) => [p, i]));

  const blocks: Block[] = [];
  let title: string | undefined;

  const clean = (raw: string, line: number): string => {
    let text = raw.replace(/[\t\n\r ]+/g, ' ').trim();
    if (text.includes('\u00AD')) {
      // Each word (a run of non-space characters) with a soft hyphen in it.
      text = text.replace(/\S+/g, (word) => {
        if (!word.includes('\u00AD')) return word;
        const after = word.replace(/\u00AD/g, '');
        notes.push({ code: 'soft-hyphen', place: { line }, before: word, after });
        return after;
      });
      text = text.replace(/ +/g, ' ').trim();
    }
    return text;
  };

  const paragraphBlock = (p: MammothElement, line: number, xmlParagraph: WordParagraph | undefined): void => {
    for (let n = images.get(p) ?? 0; n > 0; n--) notes.push({ code: 'reader', detail: 'image', place: { line } });
    const text = clean(texts.get(p) ?? '', line);
    if (text === '') return;
    const level = headingLevel(p.styleId, p.styleName, xmlParagraph?.outlineLevel);
    const numbering = xmlParagraph?.numbering;
    const marker: Marker | undefined = numbering?.marker;
    if (level !== undefined) {
      if (level === 0) title ??= text;
      blocks.push({ kind: 'heading', text, level, ...(marker ? { marker } : {}), place: { line } });
    } else if (numbering) {
      blocks.push({ kind: 'item', text, ...(marker ? { marker } : {}), depth: numbering.level, place: { line } });
    } else if (p.numbering) {
      notes.push({ code: 'reader', detail: 'numbering', place: { line } });
      blocks.push({ kind: 'item', text, depth: Number(p.numbering.level) || 0, place: { line } });
    } else {
      blocks.push({ kind: 'paragraph', text, place: { line } });
    }
  };

  const walk = (el: MammothElement): void => {
    if (el.type === 'paragraph') {
      const i = index.get(el) ?? 0;
      const j = pairs[i];
      paragraphBlock(el, i, j === undefined ? undefined : xml.paragraphs[j]);
    } else if (el.type === 'table') {
      const first = firstParagraph(el);
      notes.push({ code: 'reader', detail: 'table', place: { line: first ? (index.get(first) ?? 0) : 0 } });
    }
    if (el.type !== 'paragraph') for (const c of el.children ?? []) walk(c);
    else for (const c of el.children ?? []) if (containsParagraph(c)) walk(c);
  };
  for (const c of model.children ?? []) walk(c);

  // Footnotes and endnotes, in the order of their references.
  let line = order.length;
  let anyNote = false;
  for (const reference of references) {
    const note = model.notes.resolve(reference);
    for (const p of note?.body ?? []) {
      const paragraphs: MammothElement[] = [];
      const gather = (e: MammothElement) => {
        if (e.type === 'paragraph') paragraphs.push(e);
        for (const c of e.children ?? []) gather(c);
      };
      gather(p);
      for (const q of paragraphs) {
        texts.set(q, (q.children ?? []).map((c) => rawText(c, () => {})).join(''));
        const text = clean(texts.get(q) ?? '', line);
        if (text !== '') {
          if (!anyNote) notes.push({ code: 'reader', detail: 'footnotes', place: { line } });
          anyNote = true;
          blocks.push({ kind: 'paragraph', text, place: { line } });
        }
        line++;
      }
    }
  }

  return { kind: 'blocks', blocks, notes, ...(title !== undefined ? { title } : {}) };
}

function firstParagraph(el: MammothElement): MammothElement | undefined {
  if (el.type === 'paragraph') return el;
  for (const c of el.children ?? []) {
    const p = firstParagraph(c);
    if (p) return p;
  }
  return undefined;
}

function containsParagraph(el: MammothElement): boolean {
  return el.type === 'paragraph' || el.type === 'table' || (el.children ?? []).some(containsParagraph);
}
