/**
 * Word's automatic numbering, which mammoth drops: the number or bullet Word prints before a numbered
 * paragraph, resolved from the parts of the .docx (`word/document.xml`, `word/numbering.xml`,
 * `word/styles.xml`; ECMA-376 Part 1 §17.9, with Word's own behaviour where it departs from the text).
 *
 * The rules, as Word applies them:
 * - a paragraph is numbered by its own `w:numPr` (`w:numId`, `w:ilvl`) or, failing that, by its
 *   paragraph style's (`w:basedOn` chain); `w:numId` 0 means "not numbered" and overrides the style.
 *   The level is the paragraph's `w:ilvl`, else the style's, else the level of the abstract numbering
 *   whose `w:pStyle` names the paragraph's style, else 0;
 * - `w:num` → `w:abstractNumId` → `w:abstractNum` (following `w:numStyleLink` through a numbering
 *   style). A `w:lvlOverride` in the `w:num` may replace a level (`w:lvl`) or give a `w:startOverride`;
 * - **the counters belong to the abstract numbering, not to the `w:num`**: two `w:num` sharing one
 *   `w:abstractNum` continue one sequence, and that is how Word continues a list after an interruption.
 *   A `w:num` with a `w:startOverride` for a level restarts that level at the override the first time
 *   a paragraph of that `w:num` uses the level (this is how Word's "Restart at 1" and the docx
 *   package's `instance` are written). Sources: Word's output, and the readers that had to learn it
 *   (office-open-xml-viewer #590, anydoc #129, dxpdf #230);
 * - a level starts at `w:start` (0 when absent, as §17.9.25 says); when a paragraph uses level L, each
 *   deeper level D restarts unless its `w:lvlRestart` says otherwise (value R, 1-based: restart only
 *   when a level < R is used; 0: never restart);
 * - `w:lvlText` (`%1.`, `%1.%2`, `%2)`) is filled with the counters of the levels it names, each in
 *   its own level's `w:numFmt` (all decimal when the level has `w:isLgl`); a level never used shows
 *   its start value.
 *
 * Paragraphs are listed in the order mammoth's body reader reads them (see `readWordParagraphs`), so
 * that the Word reader can pair them with mammoth's paragraphs by index.
 */
import JSZip from 'jszip';
import { DOMParser } from '@xmldom/xmldom';
import type { Marker, Note } from './outline';

/** The namespace URIs of WordprocessingML (transitional and strict), of markup compatibility, VML and DrawingML. */
const NAMESPACES: Record<string, string> = {
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'w',
  'http://purl.oclc.org/ooxml/wordprocessingml/main': 'w',
  'http://schemas.openxmlformats.org/markup-compatibility/2006': 'mc',
  'urn:schemas-microsoft-com:vml': 'v',
  'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing': 'wp',
  'http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing': 'wp',
};

/** The XML parts the numbering needs, as text. `numbering` and `styles` are absent when the .docx has none. */
export interface WordParts {
  document: string;
  numbering?: string;
  styles?: string;
}

/** The resolved numbering of one paragraph. */
export interface WordNumbering {
  /** The `w:num` the paragraph uses (after its style). */
  numId: string;
  /** The paragraph's list level, 0-based (`w:ilvl`). */
  level: number;
  /** The `w:numFmt` of the level (`decimal`, `lowerLetter`, `bullet`, `none`, …). */
  format: string;
  /** What Word prints, absent when it prints nothing (`none`, an empty `w:lvlText`). */
  marker?: Marker;
}

/**
 * One paragraph of `word/document.xml`, in mammoth's reading order.
 * - `key`: the paragraph's letters and digits (of its `w:t`), to check the pairing with mammoth;
 * - `numbering`: present when Word numbers the paragraph;
 * - `outlineLevel`: the paragraph's `w:outlineLvl` (direct or from its style chain), 0-based; Word's
 *   own sign of a heading, which survives renamed heading styles.
 */
export interface WordParagraph {
  key: string;
  numbering?: WordNumbering;
  outlineLevel?: number;
}

/** Opens the .docx (a zip) and returns its document, numbering and styles parts. Throws when there is no `word/document.xml`. */
export async function readWordParts(bytes: Uint8Array): Promise<WordParts> {
  const zip = await JSZip.loadAsync(bytes);
  const text = async (path: string) => {
    const file = zip.file(path);
    return file ? file.async('string') : undefined;
  };
  // The main part is normally word/document.xml; the package relationships say so when it is not.
  let documentPath = 'word/document.xml';
  const rels = await text('_rels/.rels');
  const target = rels ? officeDocumentTarget(rels) : undefined;
  if (target !== undefined) documentPath = target;
  const document = await text(documentPath);
  if (document === undefined) throw new Error(`no ${documentPath} in the .docx`);
  const dir = documentPath.includes('/') ? documentPath.slice(0, documentPath.lastIndexOf('/') + 1) : '';
  return { document, numbering: await text(`${dir}numbering.xml`), styles: await text(`${dir}styles.xml`) };
}

/**
 * The `Target` of the package relationship whose `Type` ends in `/officeDocument` (the main part), from
 * the text of `_rels/.rels`, without a leading `/`; undefined when there is none. Each tag (the text up
 * to a `>`) is read on its own, the first with `Target="…"` and `Type="…/officeDocument"` (in either
 * order) wins; attributes are read one at a time, with no regular expression that spans both (which
 * would backtrack on a long tag).
 */
function officeDocumentTarget(rels: string): string | undefined {
  for (const tag of rels.split('>')) {
    const type = /Type="([^"]*)"/.exec(tag);
    if (!type || !type[1].endsWith('/officeDocument')) continue;
    const target = /Target="\/?([^"]*)"/.exec(tag);
    if (target) return target[1];
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// XML helpers (xmldom, names normalised to the usual prefixes by namespace URI, as mammoth does)

type El = Element;

function qname(el: El): string {
  const prefix = el.namespaceURI ? NAMESPACES[el.namespaceURI] : undefined;
  return prefix ? `${prefix}:${el.localName}` : el.nodeName;
}

function children(el: El): El[] {
  const out: El[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as El);
  return out;
}

function child(el: El | undefined, name: string): El | undefined {
  if (!el) return undefined;
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1 && qname(n as El) === name) return n as El;
  return undefined;
}

/** The `w:`-namespaced attribute `local` of `el` (e.g. `val` for `w:val`). */
function attr(el: El | undefined, local: string): string | undefined {
  if (!el) return undefined;
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes[i];
    if ((a.localName ?? a.name) === local && (!a.namespaceURI || NAMESPACES[a.namespaceURI] === 'w')) return a.value;
  }
  return undefined;
}

function val(el: El | undefined): string | undefined {
  return attr(el, 'val');
}

function int(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const n = parseInt(s, 10);
  return Number.isFinite(n) ? n : undefined;
}

function descendants(el: El, name: string): El[] {
  const out: El[] = [];
  const walk = (e: El) => {
    for (const c of children(e)) {
      if (qname(c) === name) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}

function parse(xml: string): El {
  const doc = new DOMParser({ errorHandler: { warning: () => {}, error: () => {} } }).parseFromString(xml, 'text/xml');
  return doc.documentElement as unknown as El;
}

// ---------------------------------------------------------------------------------------------------
// Number formats

/**
 * The text of `value` in Word's number format `numFmt` (`decimal`, `decimalZero`, `lowerLetter`,
 * `upperLetter`, `lowerRoman`, `upperRoman`). Letters go a…z, then aa…zz, aaa… (Word repeats the
 * letter; it does not count like spreadsheet columns). Returns undefined for a format it does not know
 * (the caller falls back to decimal and notes it).
 */
export function formatWordNumber(value: number, numFmt: string): string | undefined {
  switch (numFmt) {
    case 'decimal':
      return String(value);
    case 'decimalZero':
      return value >= 0 && value < 10 ? `0${value}` : String(value);
    case 'lowerLetter':
    case 'upperLetter': {
      if (value < 1) return String(value);
      const letter = String.fromCharCode(97 + ((value - 1) % 26)).repeat(Math.floor((value - 1) / 26) + 1);
      return numFmt === 'upperLetter' ? letter.toUpperCase() : letter;
    }
    case 'lowerRoman':
    case 'upperRoman': {
      if (value < 1 || value > 3999) return String(value);
      const roman = toRoman(value);
      return numFmt === 'lowerRoman' ? roman.toLowerCase() : roman;
    }
    default:
      return undefined;
  }
}

function toRoman(n: number): string {
  const table: [number, string][] = [
    [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
    [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
  ];
  let out = '';
  for (const [v, s] of table) while (n >= v) { out += s; n -= v; }
  return out;
}

/**
 * Bullets in the private-use area of the Symbol and Wingdings fonts, as Word writes them in
 * `w:lvlText`, and the Unicode characters they show. Other private-use characters become `•`.
 */
const SYMBOL_BULLETS: Record<string, string> = {
  '\uF0B7': '•', '\uF0A7': '▪', '\uF06F': '○', '\uF0D8': '➢', '\uF076': '❖', '\uF0FC': '✓', '\uF0A8': '□', '\uF02D': '-',
};

function bulletText(lvlText: string): string {
  return [...lvlText].map((c) => SYMBOL_BULLETS[c] ?? (c >= '\uE000' && c <= '\uF8FF' ? '•' : c)).join('');
}

// ---------------------------------------------------------------------------------------------------
// Definitions

interface Level {
  start: number;
  format: string;
  text: string;
  restart?: number;
  legal: boolean;
  pStyle?: string;
}

interface Num {
  abstractId: string;
  /** Levels replaced by `w:lvlOverride/w:lvl`. */
  levels: Map<number, Level>;
  /** `w:lvlOverride/w:startOverride` by level. */
  starts: Map<number, number>;
}

interface StyleInfo {
  basedOn?: string;
  numId?: string;
  ilvl?: number;
  outlineLevel?: number;
}

interface Definitions {
  abstracts: Map<string, Map<number, Level>>;
  nums: Map<string, Num>;
  styles: Map<string, StyleInfo>;
  defaultStyle?: string;
  /** numbering styles (`w:type="numbering"`) → their `w:numId`, for `w:numStyleLink`. */
  numberingStyles: Map<string, string>;
  abstractLinks: Map<string, string>;
}

function readLevel(el: El): Level {
  let numFmt = child(el, 'w:numFmt');
  if (!numFmt) numFmt = child(child(child(el, 'mc:AlternateContent'), 'mc:Fallback'), 'w:numFmt');
  const legal = child(el, 'w:isLgl');
  return {
    start: int(val(child(el, 'w:start'))) ?? 0,
    format: val(numFmt) ?? 'decimal',
    text: val(child(el, 'w:lvlText')) ?? '',
    restart: int(val(child(el, 'w:lvlRestart'))),
    legal: !!legal && val(legal) !== '0' && val(legal) !== 'false',
    pStyle: val(child(el, 'w:pStyle')),
  };
}

function readDefinitions(parts: WordParts): Definitions {
  const defs: Definitions = { abstracts: new Map(), nums: new Map(), styles: new Map(), numberingStyles: new Map(), abstractLinks: new Map() };
  if (parts.styles) {
    for (const s of descendants(parse(parts.styles), 'w:style')) {
      const id = attr(s, 'styleId');
      if (id === undefined) continue;
      const pPr = child(s, 'w:pPr');
      const numPr = child(pPr, 'w:numPr');
      const type = attr(s, 'type');
      if (type === 'numbering') {
        const numId = val(child(numPr, 'w:numId'));
        if (numId !== undefined && !defs.numberingStyles.has(id)) defs.numberingStyles.set(id, numId);
        continue;
      }
      if (type !== 'paragraph' || defs.styles.has(id)) continue;
      defs.styles.set(id, {
        basedOn: val(child(s, 'w:basedOn')),
        numId: val(child(numPr, 'w:numId')),
        ilvl: int(val(child(numPr, 'w:ilvl'))),
        outlineLevel: int(val(child(pPr, 'w:outlineLvl'))),
      });
      const def = attr(s, 'default');
      if (def === '1' || def === 'true') defs.defaultStyle ??= id;
    }
  }
  if (parts.numbering) {
    const root = parse(parts.numbering);
    for (const a of children(root).filter((e) => qname(e) === 'w:abstractNum')) {
      const id = attr(a, 'abstractNumId');
      if (id === undefined) continue;
      const levels = new Map<number, Level>();
      for (const l of children(a).filter((e) => qname(e) === 'w:lvl')) levels.set(int(attr(l, 'ilvl')) ?? 0, readLevel(l));
      defs.abstracts.set(id, levels);
      const link = val(child(a, 'w:numStyleLink'));
      if (link !== undefined) defs.abstractLinks.set(id, link);
    }
    for (const n of children(root).filter((e) => qname(e) === 'w:num')) {
      const id = attr(n, 'numId');
      const abstractId = val(child(n, 'w:abstractNumId'));
      if (id === undefined || abstractId === undefined) continue;
      const num: Num = { abstractId, levels: new Map(), starts: new Map() };
      for (const o of children(n).filter((e) => qname(e) === 'w:lvlOverride')) {
        const ilvl = int(attr(o, 'ilvl')) ?? 0;
        const start = int(val(child(o, 'w:startOverride')));
        const lvl = child(o, 'w:lvl');
        if (lvl) num.levels.set(ilvl, readLevel(lvl));
        if (start !== undefined) num.starts.set(ilvl, start);
      }
      defs.nums.set(id, num);
    }
  }
  return defs;
}

/** The abstract numbering a `w:num` counts in, after `w:numStyleLink` (undefined when it leads nowhere). */
function abstractOf(defs: Definitions, numId: string): string | undefined {
  let abstractId = defs.nums.get(numId)?.abstractId;
  for (let hops = 0; abstractId !== undefined && hops < 5; hops++) {
    const link = defs.abstractLinks.get(abstractId);
    if (link === undefined) return defs.abstracts.has(abstractId) ? abstractId : undefined;
    const linkedNum = defs.numberingStyles.get(link);
    if (linkedNum === undefined) return undefined;
    abstractId = defs.nums.get(linkedNum)?.abstractId;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Counting

/** Counts the numbered paragraphs in document order and renders what Word prints. */
class Counter {
  private readonly counters = new Map<string, (number | undefined)[]>();
  private readonly applied = new Set<string>();
  readonly unknownFormats = new Set<string>();

  constructor(private readonly defs: Definitions) {}

  private level(numId: string, abstractId: string, ilvl: number): Level | undefined {
    return this.defs.nums.get(numId)?.levels.get(ilvl) ?? this.defs.abstracts.get(abstractId)?.get(ilvl);
  }

  /** Counts one paragraph of `numId` at `ilvl`; undefined when the numbering does not exist. */
  count(numId: string, ilvl: number): WordNumbering | undefined {
    const abstractId = abstractOf(this.defs, numId);
    if (abstractId === undefined) return undefined;
    const lvl = this.level(numId, abstractId, ilvl);
    if (!lvl) return undefined;
    let counters = this.counters.get(abstractId);
    if (!counters) this.counters.set(abstractId, (counters = []));
    const override = this.defs.nums.get(numId)?.starts.get(ilvl);
    const key = `${numId}/${ilvl}`;
    if (override !== undefined && !this.applied.has(key)) {
      this.applied.add(key);
      counters[ilvl] = override;
    } else {
      const current = counters[ilvl];
      counters[ilvl] = current === undefined ? lvl.start : current + 1;
    }
    for (let d = ilvl + 1; d < 9; d++) {
      const deeper = this.level(numId, abstractId, d);
      const restart = deeper?.restart ?? d;
      if (restart !== 0 && ilvl < restart) counters[d] = undefined;
    }
    const marker = this.render(numId, abstractId, ilvl, lvl, counters);
    return { numId, level: ilvl, format: lvl.format, ...(marker ? { marker } : {}) };
  }

  private render(numId: string, abstractId: string, ilvl: number, lvl: Level, counters: (number | undefined)[]): Marker | undefined {
    if (lvl.format === 'none' || lvl.text === '') return undefined;
    if (lvl.format === 'bullet') return { kind: 'bullet', written: bulletText(lvl.text) };
    const written = lvl.text.replace(/%([1-9])/g, (_, k: string) => {
      const i = Number(k) - 1;
      const other = i === ilvl ? lvl : this.level(numId, abstractId, i);
      const value = counters[i] ?? other?.start ?? 0;
      const format = lvl.legal ? 'decimal' : (other?.format ?? 'decimal');
      if (format === 'bullet' || format === 'none') return '';
      const text = formatWordNumber(value, format);
      if (text === undefined) this.unknownFormats.add(format);
      return text ?? String(value);
    });
    const value = counters[ilvl] ?? lvl.start;
    if ((lvl.format === 'lowerLetter' || lvl.format === 'upperLetter') && !lvl.legal) {
      return { kind: 'letter', value: formatWordNumber(value, lvl.format) ?? String(value), written };
    }
    return { kind: 'number', value, written };
  }
}

// ---------------------------------------------------------------------------------------------------
// The paragraphs, in mammoth's order

/**
 * The elements whose children mammoth's body reader (1.13) reads; `w:p`, `w:tbl`, `w:tr`, `w:sdt` and
 * `mc:AlternateContent` are handled apart. Everything else is read for its text or skipped.
 */
const CONTAINERS = new Set([
  'w:r', 'w:hyperlink', 'w:tc', 'w:customXml', 'w:ins', 'w:moveTo', 'w:object', 'w:smartTag', 'w:drawing', 'w:pict',
  'v:roundrect', 'v:shape', 'v:textbox', 'w:txbxContent', 'v:group', 'v:rect', 'w:body',
]);

/**
 * The elements mammoth reads as text or as a leaf, or skips on purpose (deleted text, properties).
 * `wp:inline` and `wp:anchor` are not among them: mammoth reads only their pictures, so a text box
 * in a drawing outside `mc:AlternateContent` is text it does not read (noted as `unread-text`).
 */
const KNOWN_LEAVES = new Set([
  'w:t', 'w:tab', 'w:br', 'w:sym', 'w:noBreakHyphen', 'w:softHyphen', 'w:fldChar', 'w:instrText',
  'w:footnoteReference', 'w:endnoteReference', 'w:commentReference', 'w:bookmarkStart', 'v:imagedata', 'w:del', 'w:moveFrom', 'w:pPr', 'w:rPr', 'w:tblPr', 'w:tblGrid', 'w:trPr', 'w:tcPr',
  'w:sectPr', 'w:proofErr', 'w:lastRenderedPageBreak', 'w:commentRangeStart', 'w:commentRangeEnd',
  'w:bookmarkEnd', 'w:footnoteRef', 'w:endnoteRef', 'w:annotationRef', 'v:shadow', 'v:shapetype',
  'w:moveFromRangeStart', 'w:moveFromRangeEnd', 'w:moveToRangeStart', 'w:moveToRangeEnd',
]);

function isOn(el: El | undefined): boolean {
  if (!el) return false;
  const v = val(el);
  return v !== '0' && v !== 'false' && v !== 'off';
}

/**
 * The paragraphs of `word/document.xml` with their numbering, in the order mammoth's body reader
 * produces its paragraphs: depth-first, a paragraph before the paragraphs of its text boxes; in
 * `w:sdt` only `w:sdtContent`; in `mc:AlternateContent` only `mc:Fallback`; rows marked deleted
 * skipped; a paragraph whose mark is deleted (`w:pPr/w:rPr/w:del`) merged into the next one (it is not
 * a paragraph of its own, and it is not counted in the numbering either).
 *
 * Notes: `reader` with detail `numbering-format:<w:numFmt>` for a number format it does not know
 * (numbered as decimal); `reader` with detail `unread-text` and the text in `removed` for
 * text inside an element mammoth does not read (e.g. `w:fldSimple`), with the 0-based paragraph index
 * as `place.line`.
 */
export function readWordParagraphs(parts: WordParts): { paragraphs: WordParagraph[]; notes: Note[] } {
  const defs = readDefinitions(parts);
  const counter = new Counter(defs);
  const paragraphs: WordParagraph[] = [];
  const notes: Note[] = [];
  const stack: WordParagraph[] = [];
  let pendingKey = '';

  const styleChain = (styleId: string | undefined): StyleInfo[] => {
    const out: StyleInfo[] = [];
    const seen = new Set<string>();
    for (let id = styleId ?? defs.defaultStyle; id !== undefined && !seen.has(id); ) {
      seen.add(id);
      const s = defs.styles.get(id);
      if (!s) break;
      out.push(s);
      id = s.basedOn;
    }
    return out;
  };

  const numberingOf = (pPr: El | undefined): { numbering?: WordNumbering; outlineLevel?: number } => {
    const styleId = val(child(pPr, 'w:pStyle'));
    const chain = styleChain(styleId);
    const numPr = child(pPr, 'w:numPr');
    const outlineLevel = int(val(child(pPr, 'w:outlineLvl'))) ?? chain.find((s) => s.outlineLevel !== undefined)?.outlineLevel;
    const result = outlineLevel !== undefined && outlineLevel < 9 ? { outlineLevel } : {};
    let numId = val(child(numPr, 'w:numId'));
    let ilvl = int(val(child(numPr, 'w:ilvl')));
    const fromStyle = numId === undefined;
    if (fromStyle) numId = chain.find((s) => s.numId !== undefined)?.numId;
    if (numId === undefined || numId === '0') return result;
    ilvl ??= chain.find((s) => s.ilvl !== undefined)?.ilvl;
    if (ilvl === undefined && styleId !== undefined) {
      const abstractId = abstractOf(defs, numId);
      for (const [i, l] of abstractId !== undefined ? (defs.abstracts.get(abstractId) ?? []) : []) if (l.pStyle === styleId) ilvl = i;
    }
    const numbering = counter.count(numId, ilvl ?? 0);
    return numbering ? { ...result, numbering } : result;
  };

  const textOf = (el: El): string => {
    let s = '';
    for (const t of descendants(el, 'w:t')) s += t.textContent ?? '';
    if (qname(el) === 'w:t') s = el.textContent ?? '';
    return s;
  };

  const addKey = (s: string) => {
    const key = s.replace(/[^\p{L}\p{N}]/gu, '');
    if (stack.length) stack[stack.length - 1].key += key;
    else pendingKey += key;
  };

  const walk = (el: El): void => {
    const name = qname(el);
    if (name === 'w:p') {
      const pPr = child(el, 'w:pPr');
      if (isOn(child(child(pPr, 'w:rPr'), 'w:del'))) {
        // Mammoth moves a deleted paragraph's contents into the next paragraph.
        const saved = stack.length;
        const holder: WordParagraph = { key: '' };
        stack.push(holder);
        for (const c of children(el)) walk(c);
        stack.length = saved;
        pendingKey += holder.key;
        return;
      }
      const paragraph: WordParagraph = { key: pendingKey, ...numberingOf(pPr) };
      pendingKey = '';
      paragraphs.push(paragraph);
      stack.push(paragraph);
      for (const c of children(el)) walk(c);
      stack.pop();
      return;
    }
    if (name === 'w:t') return addKey(el.textContent ?? '');
    if (name === 'w:tbl') {
      for (const c of children(el)) if (qname(c) === 'w:tr') walk(c);
      return;
    }
    if (name === 'w:tr') {
      if (child(child(el, 'w:trPr'), 'w:del')) return;
      for (const c of children(el)) walk(c);
      return;
    }
    if (name === 'w:sdt') {
      const content = child(el, 'w:sdtContent');
      if (content) for (const c of children(content)) walk(c);
      return;
    }
    if (name === 'mc:AlternateContent') {
      const fallback = child(el, 'mc:Fallback');
      if (fallback) for (const c of children(fallback)) walk(c);
      return;
    }
    if (CONTAINERS.has(name)) {
      for (const c of children(el)) walk(c);
      return;
    }
    if (KNOWN_LEAVES.has(name)) return;
    const lost = textOf(el);
    if (lost.trim() !== '') notes.push({ code: 'reader', detail: 'unread-text', removed: lost, place: { line: Math.max(0, paragraphs.length - 1) } });
  };

  const body = child(parse(parts.document), 'w:body');
  if (body) walk(body);
  for (const format of counter.unknownFormats) notes.push({ code: 'reader', detail: `numbering-format:${format}` });
  return { paragraphs, notes };
}
