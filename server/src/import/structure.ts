/**
 * The structure step of the import: blocks (from a reader, or grouped from laid-out lines) become
 * programme text — front matter, pillars, sub-sections, numbered measures with their sub-points, and
 * prose — with a note for every decision the user should review.
 *
 * What it decides, in order (docs/import.md says the same for users):
 * 1. The **title**: the reader's, a title-styled heading, or a short first line standing alone.
 * 2. The **pillars**: numbered chapter headings (`1. Title`, `Kapittel 1`, `Del 1:`, heading styles and
 *    Markdown headings with a number) whose numbers run 1, 2, 3 … through the document, while the
 *    measures' lists restart (in Word and Markdown, one numbered heading is the chapter when no other
 *    heading of its level follows it); otherwise the top level of headings (styles, Markdown, larger fonts);
 *    otherwise titles in capitals standing alone. Deeper headings are sub-sections.
 * 3. The **measures** of each pillar: its top-level numbered and lettered items, and bullets after a
 *    lead-in ("Partiet vil:") — or all its bullets when it has nothing else. They are numbered 1, 2, 3
 *    … per pillar (alternatives `9A.`, `9B.` keep their letters on one place); where that differs from
 *    the input's numbers a `renumbered` note says so. Deeper items, and bullets right under a measure,
 *    are its sub-points. Everything else is prose.
 * 4. The **front matter**: title, party, year and `lang` where the text shows them.
 * Every word of every block is written out, in order; nothing but list markers, heading numbers
 * (which the format writes anew) and the artefacts noted by earlier steps is left out.
 */

import type { Block, Marker, Note, Place } from './outline';
import { markerOf } from './blocks';
import type { TextBlock } from './blocks';

/** A language the import can name in the front matter's `lang`. */
export type ImportLanguage = 'nb' | 'nn' | 'de' | 'en';

/** The options of `structure`. */
export interface StructureOptions {
  /** The title the reader found (Word's title style, Markdown front matter), if any. */
  title?: string;
  /** The programme's language, when known (otherwise guessed from the words). */
  lang?: ImportLanguage;
  /** True for laid-out text (PDF, pdftotext, OCR), where headings are guessed from the lines. */
  laidOut?: boolean;
}

/** What `structure` gives: the programme text, its notes, and what it holds. */
export interface StructureResult {
  text: string;
  notes: Note[];
  /** The pillars' titles and their measure counts, in order. */
  pillars: { title: string; measures: number }[];
  lang?: ImportLanguage;
  /** Where each written block starts in the output (0-based line), by its place in the input, in the order written. */
  placements: { place: Place; line: number }[];
}

/** A block as the structure step sees it, from any reader. */
type Element = Block & Partial<Pick<TextBlock, 'alone' | 'endsSentence' | 'caps' | 'large' | 'bold' | 'afterBlank' | 'size' | 'lines' | 'indent' | 'pageTop' | 'short'>> & { typed?: boolean };

// "Kapittel 3: Helse", "KAPITTEL 3", "Del 2 –", "Kapitel 4.", "Teil 1:", "Chapter 2". The word first,
// then the number; what follows a delimiter is the title.
const CHAPTER_WORD = /^(kapittel|kapitel|del|teil|chapter|part|abschnitt)\s+(\d{1,2})\s*(?:[.:)–—-]\s*|\s+|$)/iu;
const SENTENCE_END = /[.!?;…]$/u;
// An alternative's number as written: `9A.`, `9B)` (its letter).
const ALTERNATIVE = /^\d{1,3}([A-Z])[.)]$/;
// A lead-in before a list of demands: "Partiet vil:", "Partiet Sentrum vil", "Wir fordern:".
const LEAD_IN = /(?::|\b(?:vil|ønsker|går inn for|will|wollen|fordern|fordert|setzen uns ein für))\s*:?$/u;

/** The number and title of a heading's text: `1. Arbeid` → 1, "Arbeid"; `Kapittel 2: Skole` → 2, "Skole". */
function numberedTitle(text: string): { number: number; title: string; section?: string } | undefined {
  const word = CHAPTER_WORD.exec(text);
  if (word !== null) return { number: Number(word[2]), title: text.slice(word[0].length).trim() };
  const found = markerOf(text);
  if (found === undefined || found.marker.kind !== 'number') return undefined;
  // A section number (`1.2 Skole`) is the section's; `1 Arbeid` without a delimiter is bareNumberedTitle's.
  if (/\d\.\d/.test(found.marker.written)) return { number: found.marker.value, title: found.rest.trim(), section: found.marker.written.replace(/\.$/, '') };
  return { number: found.marker.value, title: found.rest.trim() };
}

/** A bare number and title: `3 Helse og omsorg` (a heading style's text, without a delimiter). */
function bareNumberedTitle(text: string): { number: number; title: string } | undefined {
  const m = /^(\d{1,2})\s+(\p{Lu}.*)$/u.exec(text);
  return m === null ? undefined : { number: Number(m[1]), title: m[2] };
}

/** Function words that tell the languages apart (whole words, lowercase). */
const LANGUAGE_WORDS: Record<ImportLanguage, string[]> = {
  nb: ['og', 'ikke', 'det', 'en', 'et', 'som', 'på', 'til', 'for', 'med', 'av', 'skal', 'vil', 'hvor', 'hva', 'fra', 'mer', 'også', 'bare', 'noe', 'deres'],
  nn: ['og', 'ikkje', 'det', 'ein', 'eit', 'som', 'på', 'til', 'for', 'med', 'av', 'skal', 'vil', 'kor', 'kva', 'frå', 'meir', 'òg', 'berre', 'noko', 'deira', 'dei'],
  de: ['und', 'nicht', 'der', 'die', 'das', 'ein', 'eine', 'ist', 'für', 'mit', 'von', 'zu', 'auf', 'wir', 'werden', 'wollen', 'sich', 'auch'],
  en: ['and', 'not', 'the', 'a', 'of', 'to', 'for', 'with', 'is', 'we', 'will', 'that', 'this', 'are'],
};

/** The language of `text`, by its most frequent function words; undefined for too little text. */
export function guessLanguage(text: string): ImportLanguage | undefined {
  const counts = new Map<string, number>();
  for (const w of text.toLocaleLowerCase('nb').match(/\p{L}+/gu) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
  let best: ImportLanguage | undefined;
  let bestScore = 0;
  for (const lang of Object.keys(LANGUAGE_WORDS) as ImportLanguage[]) {
    // Words that both Norwegian standards share count for neither against the other.
    const score = LANGUAGE_WORDS[lang].reduce((n, w) => n + (counts.get(w) ?? 0), 0);
    if (score > bestScore) {
      best = lang;
      bestScore = score;
    }
  }
  if (best === 'nb' || best === 'nn') {
    const nb = ['ikke', 'hva', 'hvor', 'fra', 'mer', 'også', 'bare', 'noe', 'deres', 'et'].reduce((n, w) => n + (counts.get(w) ?? 0), 0);
    const nn = ['ikkje', 'kva', 'kor', 'frå', 'meir', 'òg', 'berre', 'noko', 'deira', 'eit', 'dei'].reduce((n, w) => n + (counts.get(w) ?? 0), 0);
    best = nn > nb ? 'nn' : 'nb';
  }
  return bestScore >= 5 ? best : undefined;
}

/** The party that `text` names most, as Norwegian parties name themselves ("Arbeiderpartiet"), or a German party's short name. */
function guessParty(text: string): string | undefined {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(/\b(\p{Lu}\p{Ll}+partiet|Høyre|Venstre|Senterpartiet|Rødt|SV|KrF|FrP|MDG|Piratpartiet|SPD|CDU|CSU|FDP|AfD|Piratenpartei|Die Linke|Bündnis 90\/Die Grünen|GRÜNE|Grünen)\b/gu)) {
    counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [name, n] of counts) if (n >= 3 && (best === undefined || n > (counts.get(best) ?? 0))) best = name;
  return best;
}

/** A programme's year in its title: the first year from 1900 to 2099 (`2025–2029` → 2025). */
function guessYear(title: string | undefined): number | undefined {
  const m = /\b(19|20)(\d{2})\b/.exec(title ?? '');
  return m === null ? undefined : Number(m[1] + m[2]);
}

/** `text` as the start of a prose or measure line: a number with `.` or `)` escaped (`17\. mai`), a `#` or `//` start kept as text. */
function asText(text: string): string {
  const m = /^(\d{1,3}(?:\.\d{1,3})*)([.)])(\s|$)/.exec(text);
  if (m !== null) return `${m[1]}\\${m[2]}${text.slice(m[1].length + 1)}`;
  const full = /^(\d{1,3})\.(\d{1,3}\s)/.exec(text);
  if (full !== null) return `${full[1]}\\.${text.slice(full[1].length + 1)}`;
  // An indented line is always text: a `#` heading sign or a `//` comment sign at the start stays words.
  if (/^(#{1,6}\s|\/\/|---$)/.test(text)) return ` ${text}`;
  return text;
}

/** A YAML scalar for the front matter: plain when it is safe, otherwise double-quoted. */
function yamlScalar(value: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N} ,.–—()'’-]*$/u.test(value) && !/:\s|\s#/.test(value) && !/^(true|false|null|yes|no|on|off|\d+)$/i.test(value) ? value : JSON.stringify(value);
}

/** The plain title of a heading: without its number, chapter word, or a trailing colon. */
function plainTitle(e: Element): { number?: number; title: string; section?: string } {
  const numbered = e.marker !== undefined && e.marker.kind === 'number' ? { number: e.marker.value, title: e.text, section: /\d\.\d/.test(e.marker.written) ? e.marker.written : undefined } : numberedTitle(e.text) ?? bareNumberedTitle(e.text);
  if (numbered !== undefined && numbered.title !== '') return numbered;
  return { title: e.text };
}

/**
 * The pillars of laid-out text, found by their numbers: standalone numbered lines (or "Kapittel N"
 * lines) whose numbers run 1, 2, 3 … through the document, each followed by text that is not the
 * next item of a list. Returns their indexes in `elements`, or none when fewer than two are found (but
 * for a structured document's one numbered heading with no heading of its level after it).
 * Three or more such lines in a row are a table of contents, except the headings of a structured
 * document (`laidOut` false: Word's heading styles, Markdown's `#`), where a table of contents never
 * is: there they are chapters with no text yet.
 */
function numberedChapters(elements: readonly Element[], laidOut: boolean): number[] {
  const candidates: number[] = [];
  for (let i = 0; i < elements.length; i++) {
    const e = elements[i];
    const word = CHAPTER_WORD.exec(e.text);
    if (word !== null && e.kind !== 'item' && e.text.length <= 120) {
      candidates.push(i);
      continue;
    }
    if (e.kind === 'heading' && numberedTitle(e.text) !== undefined && numberedTitle(e.text)!.section === undefined) {
      candidates.push(i);
      continue;
    }
    // `1 Klima og natur`: a number and a title with no delimiter, on a line standing apart.
    if ((e.kind === 'heading' || headingLike(e)) && bareNumberedTitle(e.text) !== undefined) {
      candidates.push(i);
      continue;
    }
    if (e.kind !== 'item' || e.marker?.kind !== 'number' || /\d\.\d/.test(e.marker.written)) continue;
    if (e.alone !== true && e.large !== true && e.bold !== true) continue;
    if (e.text.length > 100 || SENTENCE_END.test(e.text) || LEAD_IN.test(e.text)) continue;
    const next = elements[i + 1];
    // A chapter is followed by its introduction or its first list, not by the next item of its own list.
    if (next !== undefined && next.kind === 'item' && next.marker?.kind === 'number' && next.marker.value === e.marker.value + 1 && next.alone === true) continue;
    candidates.push(i);
  }
  // Numbered lines right after one another (three or more) are a table of contents, not chapters.
  const tocLike = laidOut ? candidates : candidates.filter((i) => elements[i].kind !== 'heading');
  const listed = new Set<number>();
  for (let k = 0; k < tocLike.length; ) {
    let end = k;
    while (end + 1 < tocLike.length && tocLike[end + 1] - tocLike[end] <= 2) end++;
    if (end - k >= 2) for (let j = k; j <= end; j++) listed.add(tocLike[j]);
    k = end + 1;
  }
  const numberOf = (e: Element): number | undefined =>
    e.kind === 'item' && e.marker?.kind === 'number' ? e.marker.value : CHAPTER_WORD.exec(e.text) !== null ? Number(CHAPTER_WORD.exec(e.text)![2]) : (numberedTitle(e.text) ?? bareNumberedTitle(e.text))?.number;
  const titleOf = (e: Element): string => (e.kind === 'item' ? e.text : plainTitle(e).title).toLocaleLowerCase('nb').replace(/[^\p{L}\p{N}]+/gu, '');
  // A chapter named twice with the same number and title: the first is its table-of-contents entry.
  const last = new Map<string, number>();
  for (const i of candidates) last.set(`${numberOf(elements[i])} ${titleOf(elements[i])}`, i);
  const chain: number[] = [];
  let want = 1;
  for (const i of candidates) {
    if (listed.has(i)) continue;
    const e = elements[i];
    if (last.get(`${numberOf(e)} ${titleOf(e)}`) !== i) continue;
    const n = numberOf(e);
    if (n === want) {
      chain.push(i);
      want++;
    }
  }
  if (chain.length >= 2) return chain;
  // One numbered heading (`## 1. Arbeid` in Markdown, a heading style in Word) is the chapter too when the
  // other headings of its level all stand before it (an introduction, a table of contents).
  const only = elements[chain[0]];
  if (!laidOut && chain.length === 1 && only.kind === 'heading' && only.level !== undefined) {
    if (!elements.slice(chain[0] + 1).some((e) => e.kind === 'heading' && e.level === only.level)) return chain;
  }
  return [];
}

/** True when `e` looks like an unnumbered heading of laid-out text: a short line in capitals standing alone, or a larger or bold one. */
function headingLike(e: Element): boolean {
  if (e.kind === 'heading') return true;
  if (e.kind !== 'paragraph' || e.text.length > 90 || SENTENCE_END.test(e.text) || LEAD_IN.test(e.text) || e.text.endsWith(',') || !/\p{L}{2}/u.test(e.text)) return false;
  if (e.alone !== true) return false;
  return e.caps === true || e.large === true || e.bold === true || e.short === true;
}

/**
 * Levels for the headings of laid-out text from their font sizes: the largest size is level 1, the
 * next 2, … (sizes within 0.6 pt are one size). Headings without a size keep none.
 */
function levelsBySize(elements: Element[]): void {
  const sizes = [...new Set(elements.filter((e) => e.kind === 'heading' && e.size !== undefined).map((e) => Math.round(e.size! * 2) / 2))].sort((a, b) => b - a);
  if (sizes.length === 0) return;
  const clusters: number[] = [];
  for (const size of sizes) if (clusters.length === 0 || clusters[clusters.length - 1] - size > 0.6) clusters.push(size);
  for (const e of elements) {
    if (e.kind !== 'heading' || e.size === undefined || e.level !== undefined) continue;
    const rounded = Math.round(e.size * 2) / 2;
    let level = 1;
    for (let c = 0; c < clusters.length; c++) if (rounded <= clusters[c] + 0.001 && (c + 1 === clusters.length || rounded > clusters[c + 1] + 0.001)) level = c + 1;
    e.level = level;
  }
  // Body-size lines that stand apart in bold or capitals are headings below the sized ones.
  for (const e of elements) {
    if (e.kind === 'paragraph' && headingLike(e) && (e.bold === true || e.caps === true || e.short === true)) {
      e.kind = 'heading';
      e.level = clusters.length + 1;
    }
  }
}

/**
 * The level of headings that are the chapters: the highest level with at least two headings of which
 * at least half have list items under them (before the next heading of their level or above). A title
 * page's large lines have no items under them; a chapter holds its sub-sections' items too. When no
 * level qualifies, the highest level with two headings or more.
 */
function chapterLevelOf(elements: readonly Element[], levels: readonly number[]): number {
  const counted = levels.filter((l) => elements.filter((e) => e.kind === 'heading' && e.level === l).length >= 2);
  for (const level of counted) {
    let headings = 0;
    let withItems = 0;
    let open = false;
    let seen = false;
    for (const e of elements) {
      if (e.kind === 'heading' && e.level !== undefined && e.level <= level) {
        open = e.level === level;
        if (open) headings++;
        seen = false;
      } else if (open && !seen && e.kind === 'item') {
        withItems++;
        seen = true;
      }
    }
    if (withItems * 2 >= headings) return level;
  }
  return counted[0] ?? levels[0];
}

/**
 * True when `measures` (in order, each with its pillar) were numbered through the document: every
 * pillar's first numbered measure goes on from the last number of the pillar before (two pillars with
 * measures at least), and most measures have numbers.
 */
function isContinuous(measures: readonly { pillar: number; marker?: Marker }[]): boolean {
  const numbered = measures.filter((m) => m.marker?.kind === 'number');
  if (numbered.length * 2 < measures.length) return false;
  let pillarsSeen = 0;
  for (let k = 0; k < numbered.length; k++) {
    const m = numbered[k];
    if (k > 0 && m.pillar !== numbered[k - 1].pillar) {
      pillarsSeen++;
      const previous = numbered[k - 1].marker as { value: number };
      if ((m.marker as { value: number }).value !== previous.value + 1) return false;
    }
  }
  return pillarsSeen >= 1;
}

/** How one output block is written. */
type Out =
  | { kind: 'heading'; level: number; text: string; place?: Place; numbered?: boolean }
  | { kind: 'pillar'; number: number; title: string; place?: Place }
  | { kind: 'measure'; number: number; alternative?: string; pillar: number; text: string; place?: Place; marker?: Marker; indent?: number; subPoints: string[] }
  | { kind: 'prose'; text: string; place?: Place };

/**
 * Turns `blocks` into programme text (see the module's comment). Never throws; every block's words
 * are in the text, in order. Notes carry `outputLine` (0-based) where they point at the output.
 */
export function structure(blocks: readonly Block[], options: StructureOptions = {}): StructureResult {
  const notes: Note[] = [];
  const elements: Element[] = blocks
    .filter((b) => b.text.trim() !== '' || b.marker !== undefined)
    .map((b) => {
      const text = b.text.replace(/\s+/g, ' ').trim();
      // A number or letter typed by hand at the start of a paragraph of a structured document (Word,
      // Markdown) is a list item there too; laid-out text was grouped with its markers already.
      const typed = options.laidOut !== true && b.kind === 'paragraph' ? markerOf(text) : undefined;
      if (typed !== undefined && typed.rest.trim() !== '' && !/\d\.\d/.test(typed.marker.written)) {
        return { ...b, kind: 'item' as const, text: typed.rest.trim(), marker: typed.marker, depth: 0, typed: true };
      }
      return { ...b, text };
    });
  if (options.laidOut === true) {
    for (const e of elements) {
      // A large or bold line that ends in ":" is a lead-in ("Venstre vil:"), not a heading.
      if (e.kind === 'heading' && (LEAD_IN.test(e.text) || !/\p{L}{2}/u.test(e.text))) e.kind = 'paragraph';
      // A section number in large or bold print (`2.1 Kamp for demokratiet`) is a heading, not a measure.
      if (e.kind === 'item' && e.marker?.kind === 'number' && /\d\.\d/.test(e.marker.written) && (e.large === true || e.bold === true || (e.alone === true && e.text.length <= 100 && !SENTENCE_END.test(e.text) && !LEAD_IN.test(e.text)))) {
        e.kind = 'heading';
        e.text = `${e.marker.written} ${e.text}`;
        e.marker = undefined;
      }
      // A photo credit or a web address in large print is not a heading either (`ISTOCKPHOTO.COM`).
      if (e.kind === 'heading' && !/\s/u.test(e.text) && /\.(?:com|no|de|org|net)\b/iu.test(e.text)) e.kind = 'paragraph';
    }
    levelsBySize(elements);
  }
  const allText = elements.map((e) => e.text).join('\n');
  const lang = options.lang ?? guessLanguage(allText);

  // 1. The title.
  let title = options.title?.trim() || undefined;
  let start = 0;
  const first = elements[0];
  if (first !== undefined && first.kind === 'heading' && first.level === 0) {
    title ??= first.text;
  } else if (
    title === undefined &&
    first !== undefined &&
    first.kind !== 'item' &&
    first.text.length <= 100 &&
    !SENTENCE_END.test(first.text) &&
    (first.alone === true || first.kind === 'heading' || (options.laidOut !== true && elements[1]?.kind === 'heading'))
  ) {
    title = first.text;
  }

  // 2. The pillars and sub-sections.
  const chapterAt = new Set<number>();
  const subAt = new Map<number, number>(); // element index → sub-section depth (1 = ##)
  const headingLevels = [...new Set(elements.filter((e) => e.kind === 'heading' && e.level !== undefined && e.level > 0).map((e) => e.level!))].sort((a, b) => a - b);
  const numbered = numberedChapters(elements, options.laidOut === true);
  if (numbered.length > 0) {
    for (const i of numbered) chapterAt.add(i);
    const chapterLevel = elements[numbered[0]].kind === 'heading' ? elements[numbered[0]].level : undefined;
    for (let i = numbered[0] + 1; i < elements.length; i++) {
      const e = elements[i];
      if (chapterAt.has(i)) continue;
      if (e.kind === 'heading' && e.level !== undefined && chapterLevel !== undefined && e.level > chapterLevel) subAt.set(i, Math.min(5, e.level - chapterLevel));
      else if (e.kind === 'heading' || (options.laidOut === true && headingLike(e))) subAt.set(i, 1);
    }
  } else if (headingLevels.length > 0) {
    // The top level of headings with at least two, below a single title heading at the start.
    let levels = headingLevels;
    const top = elements.filter((e) => e.kind === 'heading' && e.level === levels[0]);
    if (top.length === 1 && levels.length > 1 && elements.indexOf(top[0]) <= 1) {
      title ??= top[0].text;
      levels = levels.slice(1);
    }
    const chapterLevel = chapterLevelOf(elements, levels);
    for (let i = 0; i < elements.length; i++) {
      const e = elements[i];
      if (e.kind !== 'heading' || e.level === undefined || e.level === 0) continue;
      // An unnumbered first heading that is the title (metadata's, or the first line's) heads the introduction.
      const isTitle = i === 0 && title !== undefined && e.text === title && (options.title === title || options.laidOut === true) && numberedTitle(e.text) === undefined && top.length > 1;
      if (e.level === chapterLevel && !isTitle) chapterAt.add(i);
      else if (e.level > chapterLevel && chapterAt.size > 0) subAt.set(i, Math.min(5, e.level - chapterLevel));
    }
    let firstChapter = Infinity;
    for (const i of chapterAt) firstChapter = Math.min(firstChapter, i);
    if (options.laidOut === true) for (let i = 0; i < elements.length; i++) if (!chapterAt.has(i) && !subAt.has(i) && elements[i].kind !== 'heading' && headingLike(elements[i]) && i > firstChapter) subAt.set(i, 1);
  } else if (options.laidOut === true) {
    const candidates = elements.map((e, i) => (headingLike(e) ? i : -1)).filter((i) => i >= 0);
    // A first line in capitals followed by demands is the first chapter, not the title.
    if (candidates[0] === 0 && title === elements[0].text && options.title === undefined) {
      const next = candidates[1] ?? elements.length;
      if (elements.slice(1, next).some((e) => e.kind === 'item')) title = undefined;
    }
    const usable = candidates.filter((i) => !(i === 0 && title === elements[0].text));
    // Chapters often start on a new page: when some headings do and others do not, those are the
    // chapters and the others their sub-sections.
    const pageTops = usable.filter((i) => elements[i].pageTop === true);
    const chapters = pageTops.length >= 2 && pageTops.length < usable.length ? pageTops : usable;
    for (const i of chapters) chapterAt.add(i);
    if (chapters !== usable) for (const i of usable) if (!chapterAt.has(i) && i > chapters[0]) subAt.set(i, 1);
  }
  // A first heading that turned out to be the first chapter is not the title.
  if (options.title === undefined && chapterAt.has(0) && title === first?.text) title = undefined;
  if (title !== undefined && first !== undefined && first.text === title && !chapterAt.has(0)) start = 1;

  // 3. The blocks in order, measures numbered per pillar.
  const out: Out[] = [];
  if (start === 1 && title !== undefined) out.push({ kind: 'heading', level: 1, text: title, place: first!.place });
  const pillars: { title: string; measures: number }[] = [];
  let pillar: { title: string; measures: number } | undefined;
  let lastMeasure: Extract<Out, { kind: 'measure' }> | undefined;
  /** The number of places for measures in the current pillar (alternatives `9A`, `9B` share one). */
  let places = 0;
  let leadIn = false; // the block before was a lead-in (ends with ":"), or a bullet that follows one
  let lastSection = 0; // the last numbered sub-section kept in the current pillar
  let base = 0; // the list depth of the demands: 1 under a list item that is a lead-in
  let continuousFrom: number | undefined;
  let lastInputNumber: number | undefined;
  const pillarMarkers: Element[][] = [];

  // Which bullets are demands: per pillar, bullets are measures when the pillar has no numbered or lettered items.
  const pillarOf: number[] = [];
  {
    let p = -1;
    for (let i = 0; i < elements.length; i++) {
      if (chapterAt.has(i)) p++;
      pillarOf.push(p);
      if (p >= 0) (pillarMarkers[p] ??= []).push(elements[i]);
    }
  }
  const hasNumbered = (p: number): boolean => (pillarMarkers[p] ?? []).some((e) => e.kind === 'item' && (e.depth ?? 0) === 0 && e.marker !== undefined && e.marker.kind !== 'bullet');

  for (let i = start; i < elements.length; i++) {
    const e = elements[i];
    if (chapterAt.has(i)) {
      const { title: t } = plainTitle(e);
      pillar = { title: t, measures: 0 };
      pillars.push(pillar);
      out.push({ kind: 'pillar', number: pillars.length, title: t, place: e.place });
      lastSection = 0;
      places = 0;
      lastMeasure = undefined;
      leadIn = false;
      continue;
    }
    if (subAt.has(i)) {
      const { title: t, section } = plainTitle(e);
      // A sub-section keeps its number (`## 1.2 Skole`) when it is its pillar's and runs on from the one
      // before; otherwise the number goes, as a pillar's does, since the format would report it.
      const parts = section?.split('.').map(Number);
      const keep = parts !== undefined && parts.length === 2 && pillar !== undefined && parts[0] === pillars.length && parts[1] === lastSection + 1 && subAt.get(i) === 1;
      if (keep) lastSection = parts[1];
      out.push({ kind: 'heading', level: 1 + subAt.get(i)!, text: keep ? `${section} ${t}` : t, place: e.place, numbered: keep });
      lastMeasure = undefined;
      leadIn = false;
      continue;
    }
    if (e.kind === 'heading') {
      // A heading above the pillars' level, or before the first pillar: an unnumbered section there.
      // A part's heading ("DEL 3", "Kapittel 2") would read as a pillar there: it stays text.
      if (pillar === undefined && CHAPTER_WORD.exec(e.text) === null) {
        out.push({ kind: 'heading', level: 1, text: e.text, place: e.place });
      } else {
        out.push({ kind: 'prose', text: e.text, place: e.place });
        notes.push({ code: 'review-heading', place: e.place, detail: e.text });
      }
      lastMeasure = undefined;
      leadIn = false;
      continue;
    }
    if (e.kind === 'item' && pillar !== undefined) {
      if ((e.depth ?? 0) < base) base = 0;
      const depth = (e.depth ?? 0) - base;
      const p = pillarOf[i];
      const bullet = e.marker === undefined || e.marker.kind === 'bullet';
      // Under a measure, with no blank line between: a deeper item, a bullet under a numbered measure, a
      // bullet of another kind than the bulleted measure's (`•` demands, `–` under them), or an indented one.
      const close = lastMeasure !== undefined && e.afterBlank !== true;
      const otherBullet = bullet && lastMeasure?.marker?.kind === 'bullet' && e.marker !== undefined && e.marker.written !== lastMeasure.marker.written;
      const indented = e.indent !== undefined && lastMeasure?.indent !== undefined && e.indent > lastMeasure.indent + 1;
      const subPoint = lastMeasure !== undefined && (depth > 0 || (close && bullet && ((hasNumbered(p) && !leadIn) || otherBullet || indented)));
      if (subPoint) {
        lastMeasure!.subPoints.push(e.text);
        continue;
      }
      // A number that does not go on from the list before it (`17. mai er …` standing alone) is text.
      // Word's and Markdown's own lists are lists whatever their numbers; typed and laid-out numbers may be dates.
      const plausible =
        e.marker?.kind !== 'number' ||
        (options.laidOut !== true && e.typed !== true) ||
        e.marker.value === 1 ||
        (pillar.measures === 0 ? lastInputNumber !== undefined && e.marker.value === lastInputNumber + 1 : lastInputNumber !== undefined && e.marker.value >= lastInputNumber && e.marker.value <= lastInputNumber + 3);
      // A list item that is itself a lead-in ("* Partiet vil:" with the demands nested under it) is prose;
      // a numbered one is a measure with sub-points, unless the items under it are numbered too.
      const nextElement = elements[i + 1];
      const leadInItem = LEAD_IN.test(e.text) && nextElement !== undefined && nextElement.kind === 'item' && (nextElement.depth ?? 0) > depth && (bullet || nextElement.marker?.kind !== 'bullet');
      if (leadInItem) {
        out.push({ kind: 'prose', text: e.text, place: e.place });
        lastMeasure = undefined;
        leadIn = true;
        base = (e.depth ?? 0) + 1;
        continue;
      }
      const demand = depth === 0 && plausible && (!bullet || leadIn || !hasNumbered(p));
      if (demand) {
        pillar.measures++;
        // An alternative (`9A.`, `9B.`: proposals for one place) keeps its letter; `9B` after `9A` stands on its place.
        const alternative = e.marker?.kind === 'number' ? ALTERNATIVE.exec(e.marker.written)?.[1] : undefined;
        const previous = lastMeasure?.alternative;
        const samePlace = alternative !== undefined && previous !== undefined && lastMeasure?.marker?.kind === 'number' && e.marker?.kind === 'number' && lastMeasure.marker.value === e.marker.value && alternative.charCodeAt(0) === previous.charCodeAt(0) + 1;
        if (!samePlace) places++;
        const m: Extract<Out, { kind: 'measure' }> = { kind: 'measure', number: places, alternative, pillar: pillars.length, text: e.text, place: e.place, marker: e.marker, indent: e.indent, subPoints: [] };
        out.push(m);
        lastMeasure = m;
        if (bullet && !leadIn && pillar.measures === 1) notes.push({ code: 'review-list', place: e.place, detail: 'bullets-without-lead-in' });
        if (e.marker?.kind === 'number') {
          if (pillar.measures === 1 && e.marker.value > 1 && lastInputNumber !== undefined && e.marker.value === lastInputNumber + 1) continuousFrom ??= e.marker.value;
          // `1.`, `1.`, `1.` (Markdown's lazy numbering, which prints 1, 2, 3) is not a slip to review.
          const lazy = options.laidOut !== true && e.marker.value === lastInputNumber && pillar.measures > 1;
          if (e.marker.value !== places && !lazy) notes.push({ code: 'renumbered', place: e.place, before: e.marker.written, after: `${places}${alternative ?? ''}.` });
          lastInputNumber = e.marker.value;
        }
        leadIn = bullet;
        continue;
      }
    }
    // Prose: paragraphs, items before the first pillar, bullets that are not demands.
    const written = e.kind === 'item' && e.marker !== undefined ? `${e.marker.written} ${e.text}` : e.text;
    out.push({ kind: 'prose', text: written, place: e.place });
    lastMeasure = undefined;
    leadIn = e.kind === 'paragraph' && LEAD_IN.test(e.text);
    base = 0;
  }
  // Measures numbered through the whole document (chapter 2 goes on from chapter 1's last number):
  // the numbers are kept, and the front matter says `measureNumbering: continuous`. That needs a
  // front matter, so a title; without one they are numbered per chapter and the report says so.
  const measures = out.filter((o): o is Extract<Out, { kind: 'measure' }> => o.kind === 'measure');
  const continuous = continuousFrom !== undefined && title !== undefined && isContinuous(measures);
  if (continuous) {
    for (let k = notes.length - 1; k >= 0; k--) if (notes[k].code === 'renumbered') notes.splice(k, 1);
    measures.forEach((m, k) => {
      m.number = k + 1;
      if (m.marker?.kind === 'number' && m.marker.value !== m.number) notes.push({ code: 'renumbered', place: m.place, before: m.marker.written, after: `${m.number}.` });
    });
  } else if (continuousFrom !== undefined) notes.push({ code: 'review-list', detail: 'continuous' });

  // 4. The front matter and the text.
  const lines: string[] = [];
  const party = guessParty(allText);
  const year = guessYear(title);
  // The front matter needs a title; without one there is none, and the report says so.
  if (title === undefined) notes.push({ code: 'review-front-matter', outputLine: 0, detail: 'title' });
  else {
    lines.push('---');
    lines.push(`title: ${yamlScalar(title)}`);
    if (party !== undefined) lines.push(`party: ${yamlScalar(party)}`);
    if (year !== undefined) lines.push(`year: ${year}`);
    if (lang !== undefined) lines.push(`lang: ${lang}`);
    if (continuous) lines.push('measureNumbering: continuous');
    // How most measures were marked in the input, when not by numbers (docs/format.md, Front matter).
    const styles = { number: 0, letter: 0, bullet: 0 };
    for (const o of out) if (o.kind === 'measure') styles[o.marker?.kind ?? 'bullet']++;
    const total = styles.number + styles.letter + styles.bullet;
    if (total > 0 && styles.bullet * 2 > total) lines.push('measureStyle: bullets');
    else if (total > 0 && styles.letter * 2 > total) lines.push('measureStyle: letters');
    lines.push('---');
    lines.push('');
    if (party !== undefined) notes.push({ code: 'review-front-matter', outputLine: 2, detail: `party: ${party}` });
  }
  const placed = (note: Note | undefined, line: number): void => {
    if (note !== undefined && note.outputLine === undefined) note.outputLine = line;
  };
  const notesAt = new Map<Place, Note[]>();
  for (const n of notes) if (n.place !== undefined) (notesAt.get(n.place) ?? notesAt.set(n.place, []).get(n.place)!).push(n);
  const placements: { place: Place; line: number }[] = [];
  for (const o of out) {
    const at = lines.length;
    if (o.place !== undefined) placements.push({ place: o.place, line: at });
    for (const n of o.place !== undefined ? (notesAt.get(o.place) ?? []) : []) placed(n, at);
    switch (o.kind) {
      case 'pillar':
        lines.push(`# ${o.number}. ${asTitle(o.title)}`);
        break;
      case 'heading':
        lines.push(`${'#'.repeat(Math.min(6, o.level))} ${o.numbered === true ? o.text : asTitle(o.text)}`);
        break;
      case 'measure':
        lines.push(`${o.number}${o.alternative ?? ''}. ${o.text}`);
        for (const s of o.subPoints) lines.push(`- ${s}`);
        break;
      case 'prose':
        lines.push(asText(o.text));
        break;
    }
    lines.push('');
  }
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return { text: lines.join('\n') + '\n', notes, pillars, lang, placements };
}

/** A heading's title as written after `# N. `: a number at its start escaped (`# 17\. mai-feiringen`). */
function asTitle(title: string): string {
  const t = title === '' ? '…' : title;
  // `17. mai-feiringen`, `1.0 Grunnlovfesting`, `3.4 Skatt`: a number at the start escaped, so that an
  // unnumbered heading does not read as a pillar or a sub-section.
  return /^\d{1,3}[.)](?:\d|\s)/.test(t) ? t.replace(/^(\d{1,3})([.)])/, '$1\\$2') : t;
}

