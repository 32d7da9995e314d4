// Workspace symbols: find pillars, sections, sub-sections and measures of every programme by id, label or words of their text.
/**
 * `workspaceSymbols(docs, query)` searches every given document's pillars, unnumbered sections,
 * sub-sections and measures. A query matches an item by:
 * - id: `1.3` (a measure), `2` or `2.` (a pillar), `1.1` (a numbered sub-section); an exact id ranks
 *   first, an id that starts with the query next;
 * - label: `#arbeid` or `arbeid`; an exact label ranks first, a label that starts with the query next
 *   (a query starting with `#` matches labels only; `#` alone lists every labelled item);
 * - words: every word of the query occurs in the item's title (a heading's title, a measure's first
 *   words, its label) or in a measure's text, as part of a word (`garanti` finds
 *   `læreplassgaranti`); a number (`2030`) must be a whole word; matches in the title rank before
 *   matches deeper in the text.
 * Matching ignores case and accents (`LÆREPLASS` and `læreplass` find `Læreplassgaranti`, `cafe`
 * finds `café`; `ae` does not find `æ`, a letter of its own). An empty query lists every item.
 * Results are ranked as above, then in the order of `docs` and of each document; at most
 * {@link MAX_WORKSPACE_SYMBOLS} are returned.
 *
 * A symbol's name is what the outline shows (`1.3 Innføre læreplassgaranti, øke …`) followed by its
 * label (`{#læreplasser}`), and, when the query's words are found only deeper in a measure's text, by
 * the words around the first of them (`… sikre flere praksisplasser …`), so that clients which filter
 * the names again (VS Code does) keep the match. `containerName` is the pillar (or the section) it
 * lies in. The location is the declaration (a measure's number, a heading's name). Positions are
 * 0-based, characters in UTF-16 code units.
 *
 * For a workspace of many files (issue 17) a document's items are made once per version
 * ({@link symbolTable}: each item's folded words as numbers of a {@link Vocabulary} shared by every
 * document, the location already a range), so that the language server can keep them without the
 * document's model. A search ({@link SymbolSearch}) looks for each query word once in the vocabulary
 * (`includes` over its distinct words, no regular expression), then only reads numbers per item; the
 * server feeds it file by file and can stop between files.
 */
import type { SymbolKind, WorkspaceSymbol } from 'vscode-languageserver-types';
import { declarationSpan } from '../model/locate';
import { measureText, pillarName, subsectionName, type Programme } from '../model/programme';
import type { Target } from '../model/resolve';
import type { Range } from '../syntax/span';
import { currentLanguage, type Language } from '../l10n/index';
import { SYMBOL_KINDS, untitled } from './outline';

/** The most symbols one search returns. */
export const MAX_WORKSPACE_SYMBOLS = 500;

/** How many words of a measure's text its name shows (as the outline does). */
const SUMMARY_WORDS = 6;

/** Soft hyphens and zero-width characters: removed before searching (a PDF's `Klima\u00ADschutz` finds `klimaschutz`). */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

/**
 * Folds text for searching: soft hyphens and zero-width characters removed, Unicode decomposition
 * with the combining marks removed (accents), then case folding (upper- then lower-casing, so `ß` finds `ss`). Letters that do not decompose (`æ`, `ø`)
 * stay themselves.
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(INVISIBLE, '').replace(/\p{M}+/gu, '').toUpperCase().toLowerCase();
}


/**
 * The distinct folded words of the documents searched (and the numbers among them, without the
 * punctuation around them), each with a number (its id). One vocabulary serves many documents, so
 * that a search looks at each distinct word once, however often it occurs; words are only added.
 */
export class Vocabulary {
  private readonly ids = new Map<string, number>();
  /** The id of each word as written in a text (before folding), so that each spelling is folded once. */
  private readonly written = new Map<string, number>();
  /** The words, by id. */
  readonly words: string[] = [];

  /** The id of `word` as written in a text, folded ({@link foldForSearch}); added when new. */
  idOfWritten(word: string): number {
    let id = this.written.get(word);
    if (id === undefined) {
      id = this.id(foldForSearch(word));
      this.written.set(word, id);
    }
    return id;
  }

  /** The id of `word`, added when new. */
  id(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.words.length;
      this.ids.set(word, id);
      this.words.push(word);
    }
    return id;
  }
}

/**
 * One searchable item of a document (a pillar, section, sub-section or measure): what a search answers
 * with, and its id and label for comparing. Its words are in its {@link SymbolTable}.
 */
export interface SymbolItem {
  /** The outline name, with the label (`1.3 Innføre læreplassgaranti, øke … {#læreplasser}`). */
  readonly name: string;
  readonly kind: SymbolKind;
  /** The declaration (a measure's number, a heading's name): 0-based lines, UTF-16 characters. */
  readonly range: Range;
  /** The pillar (or section) the item lies in. */
  readonly containerName?: string;
  /** The folded id (`1.3`), or '' for an unnumbered heading. */
  readonly id: string;
  /** The folded label, or ''. */
  readonly label: string;
  /** A measure's id, label and text as written, for the name of a match deep in its text. */
  readonly measure?: { readonly id: string; readonly label?: string; readonly text: string };
}

/**
 * The searchable items of one document, in document order, with their words as ids of a
 * {@link Vocabulary}: item `i`'s folded id and label are the words `keys[2i]` and `keys[2i+1]` (-1:
 * none); its title words (a heading's title, a measure's first words, the label; folded) are
 * `words[bounds[4i] .. bounds[4i+1])`, its text's words (a measure's) `… bounds[4i+2])`, the numbers
 * among its title words `… bounds[4i+3])` and among its text's words `… bounds[4i+4])`. A search
 * reads these arrays only, and the items for its results.
 */
export interface SymbolTable {
  readonly items: readonly SymbolItem[];
  readonly keys: Int32Array;
  readonly words: Int32Array;
  readonly bounds: Int32Array;
}

/** The tables of each programme, with the vocabulary and the language their names were made in (`(untitled)` is a message). */
const tableCache = new WeakMap<Programme, { vocabulary: Vocabulary; language: Language; table: SymbolTable }>();

/** Punctuation before and after a word, taken off before it is compared with a number. */
const AROUND_WORD = /^[^\p{L}\p{N}]+|(?<![^\p{L}\p{N}])[^\p{L}\p{N}]+$/gu;

/** A query word made of digits and dots (`2030`, `1.3`): matched as an id, or as a whole word of text. */
const NUMERIC = /^[0-9][0-9.]*$/;

/** The words of a measure's text as written: a word hyphenated with a soft hyphen at a line end stays one word. */
function wordsOf(text: string): string[] {
  return text.replace(/\u00AD\s+/g, '\u00AD').split(/\s+/).filter((w) => w !== '' && w !== '-');
}

/** True when `w` holds an ASCII digit (a scan: only such words can equal a numeric query). */
function hasDigit(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/** The folded word `w` as a number (`(2030).` → `2030`), or undefined when it is none. */
function numberOf(w: string): string | undefined {
  if (!hasDigit(w)) return undefined;
  const bare = w.replace(AROUND_WORD, '');
  return NUMERIC.test(bare) ? bare : undefined;
}

/** A mark per word id, for {@link firstTimes}: the number of the call that saw the id last. */
let seenIn = new Int32Array(4096);
let calls = 0;

/**
 * A test that is true the first time it is given an id and false after that (ids of a
 * {@link Vocabulary}); cheaper than a `Set` per item, as it reuses one array of marks.
 */
function firstTimes(): (id: number) => boolean {
  if (calls === 0x3fffffff) {
    seenIn.fill(0);
    calls = 0;
  }
  const call = ++calls;
  return (id) => {
    if (id >= seenIn.length) {
      const grown = new Int32Array(Math.max(id + 1, seenIn.length * 2));
      grown.set(seenIn);
      seenIn = grown;
    }
    if (seenIn[id] === call) return false;
    seenIn[id] = call;
    return true;
  };
}

/**
 * One searchable item of a document before its words are put in a {@link Vocabulary}: plain data, so
 * that a worker thread that holds the document's model can hand it to the thread that holds the
 * vocabulary (lsp/documentService.ts).
 */
export interface SymbolSource {
  /** What is declared. */
  readonly kind: Target['kind'];
  /** A heading's name (or "(untitled)"); '' for a measure (named by its first words). */
  readonly title: string;
  /** The id as written (`1.3`, `4`), or ''. */
  readonly id: string;
  /** The pillar (or section) the item lies in. */
  readonly container?: string;
  /** A measure's text as written; '' for a heading. */
  readonly text: string;
  /** The label's name as written, without `{#…}`. */
  readonly label?: string;
  /** The declaration: 0-based lines, UTF-16 characters. */
  readonly range: Range;
}

/**
 * The searchable items of `p` (each pillar, section or sub-section, then what it holds; then the
 * measures outside any heading), in document order. Names of untitled headings are made in the
 * current language.
 */
export function symbolSources(p: Programme): SymbolSource[] {
  const sources: SymbolSource[] = [];
  const add = (target: Target, title: string, id: string, container: string | undefined, text: string) => {
    sources.push({ kind: target.kind, title, id, container, text, label: target.label?.name, range: p.lines.rangeOf(declarationSpan(target)) });
  };
  const visit = (node: Target, container: string | undefined) => {
    if (node.kind === 'measure') {
      add(node, '', node.id, container, measureText(p, node));
      return;
    }
    const name = node.kind === 'pillar' ? pillarName(node) : node.kind === 'subsection' ? subsectionName(node) : node.title;
    const id = node.kind === 'pillar' ? String(node.number) : node.kind === 'subsection' ? (node.numberText ?? '') : '';
    add(node, name.trim() === '' ? untitled() : name, id, container, '');
    const inner = node.kind === 'subsection' ? container : name;
    for (const child of node.children) visit(child, inner);
  };
  for (const node of p.top) visit(node, undefined);
  for (const m of p.outsideMeasures) if (m.parent === undefined) visit(m, undefined);
  return sources;
}

/**
 * The searchable items of `p` (see {@link symbolSources}), their words in `vocabulary`. Names are made
 * in the current language; the table is cached per programme, vocabulary and language.
 */
export function symbolTable(p: Programme, vocabulary: Vocabulary): SymbolTable {
  const language = currentLanguage();
  const cached = tableCache.get(p);
  if (cached !== undefined && cached.language === language && cached.vocabulary === vocabulary) return cached.table;
  const table = symbolTableOf(symbolSources(p), vocabulary);
  tableCache.set(p, { vocabulary, language, table });
  return table;
}

/** The table of the items `sources` (from {@link symbolSources}), their words in `vocabulary`. */
export function symbolTableOf(sources: readonly SymbolSource[], vocabulary: Vocabulary): SymbolTable {
  const items: SymbolItem[] = [];
  const keys: number[] = [];
  const ids: number[] = [];
  const bounds: number[] = [0];
  for (const source of sources) {
    const { text, id } = source;
    let title = source.title;
    const words = wordsOf(text);
    // A measure is named by its id and first words, as in the outline (`1.3 Innføre læreplassgaranti, øke …`).
    if (source.kind === 'measure') title = `${words.slice(0, SUMMARY_WORDS).join(' ')}${words.length > SUMMARY_WORDS ? ' …' : ''}`;
    if (source.label !== undefined) title = `${title} {#${source.label}}`.trim();
    const foldedTitle = foldForSearch(title).split(/\s+/).filter((w) => w !== '');
    const textIds = words.map((w) => vocabulary.idOfWritten(w));
    // Each word once: the text's words leave out the title's (a search asks "in the title, or else in the text").
    const titleIds = foldedTitle.map((w) => vocabulary.id(w));
    const once = firstTimes();
    for (const wordId of titleIds) if (once(wordId)) ids.push(wordId);
    bounds.push(ids.length);
    for (const wordId of textIds) if (once(wordId)) ids.push(wordId);
    bounds.push(ids.length);
    const onceAsNumber = firstTimes();
    for (const list of [titleIds, textIds]) {
      for (const wordId of list) {
        const n = numberOf(vocabulary.words[wordId]);
        if (n === undefined) continue;
        const numberId = vocabulary.id(n);
        if (onceAsNumber(numberId)) ids.push(numberId);
      }
      bounds.push(ids.length);
    }
    const foldedId = foldForSearch(id);
    const label = source.label !== undefined ? foldForSearch(source.label) : '';
    keys.push(foldedId !== '' ? vocabulary.id(foldedId) : -1, label !== '' ? vocabulary.id(label) : -1);
    items.push({
      name: source.kind === 'measure' ? `${id} ${title}`.trim() : title,
      kind: SYMBOL_KINDS[source.kind],
      range: source.range,
      containerName: source.container,
      id: foldedId,
      label,
      measure: source.kind === 'measure' ? { id, label: source.label, text } : undefined,
    });
  }
  return { items, keys: Int32Array.from(keys), words: Int32Array.from(ids), bounds: Int32Array.from(bounds) };
}

/**
 * One mark per word of a vocabulary, made by a test of the word and grown with the vocabulary: each
 * word is tested once ({@link cover}).
 */
class Marks {
  marks = new Uint8Array(1024);
  private covered = 0;

  constructor(
    private readonly vocabulary: Vocabulary,
    private readonly test: (word: string) => number,
  ) {}

  /** Tests the words the vocabulary gained since the last call. */
  cover(): void {
    const words = this.vocabulary.words;
    if (this.covered === words.length) return;
    if (this.marks.length < words.length) {
      const grown = new Uint8Array(Math.max(words.length, this.marks.length * 2));
      grown.set(this.marks);
      this.marks = grown;
    }
    for (let id = this.covered; id < words.length; id++) this.marks[id] = this.test(words[id]);
    this.covered = words.length;
  }
}

/**
 * A word of the query (folded), and which words of the vocabulary it is found in: inside a word, or,
 * a number (`2030`, `1.3.`, without a final dot), as a whole number.
 */
class QueryWord {
  readonly number: string | undefined;
  readonly found: Marks;

  constructor(
    readonly text: string,
    vocabulary: Vocabulary,
  ) {
    const number = NUMERIC.test(text) ? text.replace(/\.$/, '') : undefined;
    this.number = number;
    this.found = new Marks(vocabulary, number !== undefined ? (w) => (w === number ? 1 : 0) : (w) => (w.includes(text) ? 1 : 0));
  }

  /**
   * True when the word is in item `i` of `table`: among its title words (`part` 0) or its text's
   * words (`part` 1); a number among the numbers of those.
   */
  in(table: SymbolTable, i: number, part: 0 | 1): boolean {
    const at = 4 * i + part + (this.number !== undefined ? 2 : 0);
    const { words, bounds } = table;
    const found = this.found.marks;
    for (let k = bounds[at]; k < bounds[at + 1]; k++) if (found[words[k]] === 1) return true;
    return false;
  }

  /** The same for one folded word (for the name of a match, see {@link shownName}). */
  matches(folded: string): boolean {
    if (this.number !== undefined) return numberOf(folded) === this.number;
    return folded.includes(this.text);
  }
}

/** What a word of the vocabulary is to the query, as an item's id or label (bits of {@link SymbolSearch}'s key marks). */
const ID_EXACT = 1;
const ID_PREFIX = 2;
const LABEL_EXACT = 4;
const LABEL_PREFIX = 8;

/**
 * The name shown for item `i`. For a match deep in a measure's text the words around the first query
 * word missing from the title are added (`1.2 Innføre lærlingplassgaranti … som tar fagbrev … {#label}`);
 * when they are close to the start, the name simply shows more of the text. Made for the results only.
 */
function shownName(table: SymbolTable, i: number, words: readonly QueryWord[]): string {
  const item = table.items[i];
  const measure = item.measure;
  const missing = words.find((w) => !w.in(table, i, 0));
  if (missing === undefined || measure === undefined) return item.name;
  const written = wordsOf(measure.text);
  const at = written.findIndex((w) => missing.matches(foldForSearch(w)));
  if (at < 0) return item.name;
  const label = measure.label !== undefined ? ` {#${measure.label}}` : '';
  const to = Math.min(written.length, at + 4);
  const more = to < written.length ? ' …' : '';
  if (at < SUMMARY_WORDS + 4) return `${measure.id} ${written.slice(0, to).join(' ')}${more}${label}`;
  return `${measure.id} ${written.slice(0, SUMMARY_WORDS).join(' ')} … ${written.slice(at - 2, to).join(' ')}${more}${label}`;
}

/** A match kept by a {@link SymbolSearch}: the item (by its place in its table) and its document. */
interface Found {
  uri: string;
  table: SymbolTable;
  index: number;
}

/**
 * One search over the items of many documents, fed one document at a time ({@link add}) so that the
 * caller can stop or pause between documents; {@link results} gives the symbols, ranked as the module
 * comment says, then in the order the documents and their items were added. Each query word is looked
 * for once per distinct word of the vocabulary; an item costs a few comparisons of numbers. Only the
 * first {@link MAX_WORKSPACE_SYMBOLS} matches of each rank are kept.
 */
export class SymbolSearch {
  private readonly query: string;
  private readonly words: QueryWord[];
  /** For each word of the vocabulary, what it is to the query as an id or a label (`ID_EXACT` …). */
  private readonly keyMarks: Marks;
  /** The kept matches of each rank (0–3), in the order they were added. */
  private readonly ranks: Found[][] = [[], [], [], []];
  private count = 0;

  /** A search for `query` (see the module comment for what it matches) in documents whose words are in `vocabulary`. */
  constructor(query: string, vocabulary: Vocabulary) {
    const q = foldForSearch(query.trim()).replace(/\s+/g, ' ');
    this.query = q;
    this.words = q === '' ? [] : q.split(' ').map((text) => new QueryWord(text, vocabulary));
    const numeric = NUMERIC.test(q);
    const bare = q.startsWith('#') ? q.slice(1) : q;
    // `1.` names pillar 1 as written in its heading.
    this.keyMarks = new Marks(
      vocabulary,
      (w) => (w === q || (numeric && `${w}.` === q) ? ID_EXACT : 0) | (numeric && w.startsWith(q) ? ID_PREFIX : 0) | (w === bare ? LABEL_EXACT : 0) | (w.startsWith(bare) ? LABEL_PREFIX : 0),
    );
  }

  /** How many items have been compared so far. */
  get compared(): number {
    return this.count;
  }

  /** Compares the items of `table`, the document `uri`'s (from {@link symbolTable} with this search's vocabulary), with the query. */
  add(uri: string, table: SymbolTable): void {
    const n = table.items.length;
    this.count += n;
    if (this.query === '') {
      // Every item matches with rank 2.
      for (let i = 0; i < n && this.ranks[2].length < MAX_WORKSPACE_SYMBOLS; i++) this.ranks[2].push({ uri, table, index: i });
      return;
    }
    this.keyMarks.cover();
    for (const w of this.words) w.found.cover();
    // One loop over the table's arrays, with what it reads held in locals: this runs for every item of
    // every file at every keystroke in the search box.
    const keys = table.keys;
    const marks = this.keyMarks.marks;
    const labelsOnly = this.query.startsWith('#');
    for (let i = 0; i < n; i++) {
      const idKey = keys[2 * i];
      const labelKey = keys[2 * i + 1];
      const asId = idKey >= 0 ? marks[idKey] : 0;
      const asLabel = labelKey >= 0 ? marks[labelKey] : 0;
      let r: number;
      if ((asId & ID_EXACT) !== 0 || (asLabel & LABEL_EXACT) !== 0) r = 0;
      else if (labelsOnly) {
        if ((asLabel & LABEL_PREFIX) === 0) continue;
        r = 1;
      } else if ((asId & ID_PREFIX) !== 0 || (asLabel & LABEL_PREFIX) !== 0) r = 1;
      else {
        r = this.wordRank(table, i);
        if (r < 0) continue;
      }
      // Beyond the limit, a later match of the same rank can never be among the results.
      const kept = this.ranks[r];
      if (kept.length < MAX_WORKSPACE_SYMBOLS) kept.push({ uri, table, index: i });
    }
  }

  /**
   * How well the words of item `i` of `table` match the query's: 2 every word in the title (a
   * heading's title, a measure's first words, the label), 3 every word in the title or text, -1 not.
   * (Ranks 0 and 1, an exact or leading id or label, are decided before: see {@link add}.)
   */
  private wordRank(table: SymbolTable, i: number): number {
    const words = this.words;
    let inTitle = true;
    for (let k = 0; k < words.length && inTitle; k++) inTitle = words[k].in(table, i, 0);
    if (inTitle) return 2;
    for (let k = 0; k < words.length; k++) if (!words[k].in(table, i, 0) && !words[k].in(table, i, 1)) return -1;
    return 3;
  }

  /** The best matches so far, at most {@link MAX_WORKSPACE_SYMBOLS}. */
  results(): WorkspaceSymbol[] {
    const out: WorkspaceSymbol[] = [];
    for (let r = 0; r < this.ranks.length; r++) {
      for (const { uri, table, index } of this.ranks[r]) {
        if (out.length === MAX_WORKSPACE_SYMBOLS) return out;
        const item = table.items[index];
        const symbol: WorkspaceSymbol = { name: r === 3 ? shownName(table, index, this.words) : item.name, kind: item.kind, location: { uri, range: item.range } };
        if (item.containerName !== undefined) symbol.containerName = item.containerName;
        out.push(symbol);
      }
    }
    return out;
  }
}

/** The symbols of `docs` that match `query` (see the module comment), in one go. */
export function workspaceSymbols(docs: Iterable<{ uri: string; programme: Programme }>, query: string): WorkspaceSymbol[] {
  const vocabulary = new Vocabulary();
  const search = new SymbolSearch(query, vocabulary);
  for (const { uri, programme } of docs) search.add(uri, symbolTable(programme, vocabulary));
  return search.results();
}
