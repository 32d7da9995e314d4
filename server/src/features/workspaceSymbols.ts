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
 */
import type { WorkspaceSymbol } from 'vscode-languageserver-types';
import { declarationSpan } from '../model/locate';
import { measureText, pillarName, subsectionName, type Measure, type Programme } from '../model/programme';
import type { Target } from '../model/resolve';
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


/** One searchable item of a document. */
interface Entry {
  target: Target;
  /** The outline name, with the label. */
  name: string;
  /** Folded id (`1.3`), or '' for an unnumbered heading. */
  id: string;
  /** Folded label key, or ''. */
  label: string;
  /** The folded words of the name without the id: a heading's title, a measure's first words, the label. */
  foldedTitle: string[];
  /** The words of the measure's text, as written, and folded (empty for headings). */
  words: string[];
  foldedWords: string[];
  containerName?: string;
}

/** The entries of each programme, with the language their names were made in (`(untitled)` is a message). */
const entriesCache = new WeakMap<Programme, { language: Language; entries: Entry[] }>();

function entriesOf(p: Programme): Entry[] {
  const language = currentLanguage();
  const cached = entriesCache.get(p);
  if (cached !== undefined && cached.language === language) return cached.entries;
  const entries: Entry[] = [];
  const add = (target: Target, title: string, id: string, container: string | undefined, text: string) => {
    // A word hyphenated with a soft hyphen at a line end stays one word.
    const words = text.replace(/\u00AD\s+/g, '\u00AD').split(/\s+/).filter((w) => w !== '' && w !== '-');
    // A measure is named by its id and first words, as in the outline (`1.3 Innføre læreplassgaranti, øke …`).
    if (target.kind === 'measure') title = `${words.slice(0, SUMMARY_WORDS).join(' ')}${words.length > SUMMARY_WORDS ? ' …' : ''}`;
    if (target.label !== undefined) title = `${title} {#${target.label.name}}`.trim();
    const name = target.kind === 'measure' ? `${id} ${title}`.trim() : title;
    const foldedWords = words.map(foldForSearch);
    entries.push({
      target,
      name,
      id: foldForSearch(id),
      label: target.label !== undefined ? foldForSearch(target.label.name) : '',
      foldedTitle: foldForSearch(title).split(/\s+/).filter((w) => w !== ''),
      words,
      foldedWords,
      containerName: container,
    });
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
  entriesCache.set(p, { language, entries });
  return entries;
}

/** A query word made of digits and dots (`2030`, `1.3`): matched as an id, or as a whole word of text. */
const NUMERIC = /^[0-9][0-9.]*$/;

/** True when the query word `w` occurs in the folded words: inside a word, or (a number) as a whole word. */
function wordMatches(w: string, foldedWords: string[]): boolean {
  if (NUMERIC.test(w)) return foldedWords.some((fw) => fw.replace(/^[^\p{L}\p{N}]+|(?<![^\p{L}\p{N}])[^\p{L}\p{N}]+$/gu, '') === w.replace(/\.$/, ''));
  return foldedWords.some((fw) => fw.includes(w));
}

/**
 * How well an entry matches: 0 exact id or label, 1 id or label prefix, 2 every word in the title
 * (a heading's title, a measure's first words, the label), 3 every word in the title or text;
 * undefined: no match.
 */
function rank(entry: Entry, query: string, words: string[]): number | undefined {
  if (query === '') return 2;
  const bare = query.startsWith('#') ? query.slice(1) : query;
  // `1.` names pillar 1 as written in its heading.
  if (entry.id !== '' && (entry.id === query || (NUMERIC.test(query) && `${entry.id}.` === query))) return 0;
  if (entry.label !== '' && entry.label === bare) return 0;
  if (query.startsWith('#')) return entry.label !== '' && entry.label.startsWith(bare) ? 1 : undefined;
  if (entry.id !== '' && NUMERIC.test(query) && entry.id.startsWith(query)) return 1;
  if (entry.label !== '' && entry.label.startsWith(bare)) return 1;
  if (words.every((w) => wordMatches(w, entry.foldedTitle))) return 2;
  if (words.every((w) => wordMatches(w, entry.foldedTitle) || wordMatches(w, entry.foldedWords))) return 3;
  return undefined;
}

/**
 * The name shown for an entry. For a match deep in a measure's text the words around the first
 * missing query word are added (`1.2 Innføre lærlingplassgaranti … som tar fagbrev … {#label}`); when
 * they are close to the start, the name simply shows more of the text.
 */
function shownName(entry: Entry, words: string[]): string {
  const missing = words.find((w) => !wordMatches(w, entry.foldedTitle));
  if (missing === undefined || entry.target.kind !== 'measure') return entry.name;
  const at = entry.foldedWords.findIndex((w) => wordMatches(missing, [w]));
  if (at < 0) return entry.name;
  const label = entry.target.label !== undefined ? ` {#${entry.target.label.name}}` : '';
  const to = Math.min(entry.words.length, at + 4);
  const more = to < entry.words.length ? ' …' : '';
  if (at < SUMMARY_WORDS + 4) return `${entry.target.id} ${entry.words.slice(0, to).join(' ')}${more}${label}`;
  return `${entry.target.id} ${entry.words.slice(0, SUMMARY_WORDS).join(' ')} … ${entry.words.slice(at - 2, to).join(' ')}${more}${label}`;
}

/** The symbols of `docs` that match `query` (see the module comment). */
export function workspaceSymbols(docs: Iterable<{ uri: string; programme: Programme }>, query: string): WorkspaceSymbol[] {
  const q = foldForSearch(query.trim()).replace(/\s+/g, ' ');
  const words = q === '' ? [] : q.split(' ');
  const found: { rank: number; order: number; symbol: WorkspaceSymbol }[] = [];
  let order = 0;
  for (const { uri, programme: p } of docs) {
    for (const entry of entriesOf(p)) {
      const r = rank(entry, q, words);
      order++;
      if (r === undefined) continue;
      const symbol: WorkspaceSymbol = {
        name: r === 3 ? shownName(entry, words) : entry.name,
        kind: SYMBOL_KINDS[entry.target.kind],
        location: { uri, range: p.lines.rangeOf(declarationSpan(entry.target)) },
      };
      if (entry.containerName !== undefined) symbol.containerName = entry.containerName;
      found.push({ rank: r, order, symbol });
    }
  }
  found.sort((a, b) => a.rank - b.rank || a.order - b.order);
  return found.slice(0, MAX_WORKSPACE_SYMBOLS).map((f) => f.symbol);
}
