/**
 * A near-duplicate index: finds the pairs of texts whose word shingles have a Jaccard similarity at
 * or above a threshold, without comparing every pair (`similar-measures`, docs/rules.md).
 * Pure and reusable: it takes word lists, not measures.
 *
 * Method: an inverted index of rare shingles ("prefix filtering": Chaudhuri, Ganti and Kaushik 2006;
 * Bayardo, Ma and Srikant, "Scaling up all pairs similarity search", 2007; with the size order and
 * the filters of PPJoin, Xiao, Wang, Lin, Yu and Wang, "Efficient similarity joins for near-duplicate
 * detection", 2008/2011).
 * - Words: taken as given, or with word forms (`SimilarityOptions.forms`, wordForms.ts) each read as
 *   its stem and stop words left out ("styrke rekrutteringen til landbruket" → `styrk`,
 *   `rekruttering`, `landbruk`).
 * - Shingles: each text is the set of its overlapping runs of `k` words (default 2: "innføre gratis",
 *   "gratis skolemat", …; a text shorter than `k` words is one shingle of all its words), or, as
 *   `similar-measures` has it (`shingles: 'words and pairs'`), of its words and its pairs of
 *   neighbouring words in either order (`styrk`, `rekruttering`, `landbruk`, `rekruttering+styrk`,
 *   `landbruk+rekruttering`): the words make a changed word form or an added clause cost little, the
 *   pairs keep measures that only share their words apart, and a pair in either order lets two
 *   neighbours swap places. Words and shingles are interned to integer ids, so the sets and the
 *   similarity are exact.
 * - Similarity: Jaccard, |A ∩ B| / |A ∪ B| of two shingle sets, 0..1. With word pairs, a 20-word
 *   measure with one word changed scores 17/21 ≈ 0.81, with two words changed (apart) ≈ 0.65; with
 *   words and pairs, a measure of n words with one changed (not at an end) scores (n − 2)/(n + 1):
 *   0.73 for 10 words, 0.57 for 6.
 * - Rare first: every set is ordered by how many texts hold each shingle (the rarest first, ties by
 *   first appearance). If J(A, B) ≥ t then |A ∩ B| ≥ ⌈t·|A|⌉, so A and B must share one of the
 *   first |A| − ⌈t·|A|⌉ + 1 shingles of A's order and likewise of B's (the "prefixes"). Texts are
 *   taken from the smallest to the largest, so a text only meets texts at most as large as itself,
 *   and only the shorter indexing prefix (|B| − ⌈2t/(1 + t)·|B|⌉ + 1) is indexed (for a 25-word measure
 *   at t = 0.7: it looks up its 8 rarest word pairs and is indexed under its 5 rarest). A shingle that
 *   only one text holds is never indexed nor looked up.
 * - Candidates: the texts that share a prefix shingle with an earlier text, whose sizes allow the
 *   threshold (t·|A| ≤ |B| ≤ |A|/t), and whose shared shingles counted so far, plus those that can
 *   still follow, reach the overlap the threshold needs (the positional filter and the counting of
 *   AllPairs/PPJoin, see {@link probe}). Each candidate pair is verified once with the exact overlap;
 *   only pairs at or above the threshold are returned.
 * - Cost: linear in the number of words, plus the posting entries read and the candidates. Rare
 *   shingles have short posting lists, so both stay few for real text (see bench/similarity.ts for
 *   figures); they grow with the square of the number of texts when many texts are made of the same
 *   few common shingles (then each text's rarest shingles are common ones), or at low thresholds.
 * - Bounded work: the entries read plus the candidates verified never exceed {@link workBudget}
 *   (5 per word and 100,000, by default). Before any entry is read, the entries the lookups will read
 *   are bounded, and counted by a dry run when the bound is too high; when they would go over, the most common shingles, which say least about which texts
 *   are alike, are left out, and the result says how (`cut`): texts made of common shingles are then
 *   compared only through their rarer ones. Real programmes need far less than the budget.
 * - Deterministic: no randomness, and ids are given in order of first appearance (hash tables only
 *   find the slots; words and pairs are compared exactly); the same texts give the same pairs in the same order.
 *
 * What it can miss: nothing that the measure sees (every pair with a similarity at or above the
 * threshold is found), unless the work budget cut the search (`cut`). What the measure does not see:
 * - meaning: a measure reworded with synonyms, with reordered clauses, or written in the other
 *   written standard (bokmål/nynorsk) scores low;
 * - containment: a short measure repeated inside a long one scores low (10 words inside 40: about
 *   0.25), because Jaccard divides by the union;
 * - texts without words (only punctuation, or with forms only stop words) are never compared, and a
 *   pair with no shingle in common is never returned, even at threshold 0.
 */
import type { WordForms } from './wordForms';
import { lazily } from '../syntax/lazy';
import { FOLD_SLOW, FOLD_SPACE, LATIN1_FOLD, isTrailing } from './fold';

/** Options of {@link findSimilarPairs}. */
export interface SimilarityOptions {
  /** Jaccard similarity 0..1 at or above which a pair is returned; values ≤ 0 return every pair with a shingle in common. */
  threshold: number;
  /** Words per shingle when `shingles` is `runs`; default 2 (word pairs). */
  shingleSize?: number;
  /**
   * What a text's shingles are: `runs` (the default) of `shingleSize` words; or `words and pairs`,
   * each of its words and each pair of neighbouring words in either order (`bygge flere` and `flere
   * bygge` are one pair), which is what `similar-measures` compares.
   */
  shingles?: 'runs' | 'words and pairs';
  /**
   * The word forms of the texts' language (wordForms.ts): when given, stop words are left out and
   * every other word is read as its stem before the shingles are made; else words are taken as they are.
   */
  forms?: WordForms;
  /** `c` of the work budget (see {@link workBudget}); default {@link WORK_PER_WORD}. */
  workPerWord?: number;
  /** The work every search may do whatever its size (see {@link workBudget}); default {@link WORK_FLOOR}. */
  workFloor?: number;
}

/** A pair of texts, by index into the input (`first < second`), and their exact Jaccard similarity. */
export interface SimilarPair {
  first: number;
  second: number;
  similarity: number;
}

/** What {@link findSimilarPairs} found, and what it cost. */
export interface SimilarityResult {
  /** Sorted by `second`, then `first`. */
  pairs: SimilarPair[];
  /** Candidate pairs from the index, each verified once with the exact similarity. */
  candidates: number;
  /** Distinct shingles of all texts. */
  shingles: number;
  /** Indexing-prefix shingles indexed (entries of the inverted index). */
  indexed: number;
  /** Posting entries read while probing (the work besides the candidates). */
  visited: number;
  /** Words of all texts that the search read (stop words left out when `forms` is given). */
  words: number;
  /** The work budget: `visited + candidates` never exceeds it (see {@link workBudget}). */
  budget: number;
  /** Set when the budget made the search leave common shingles out (see {@link SearchCut}). */
  cut?: SearchCut;
}

/**
 * How the work budget cut a search: the shingles held by `commonIn` texts or more (`skipped` distinct
 * ones) were neither indexed nor looked up, so `texts` texts, whose prefixes hold one of them, were
 * compared only through their rarer shingles: a pair of them that shares only common shingles may be
 * missing. `first` is the first of those texts (index into the input).
 */
export interface SearchCut {
  commonIn: number;
  skipped: number;
  texts: number;
  first: number;
}

/**
 * `c` of the work budget: the search reads posting entries and verifies candidates, together at
 * most `c` per word (see {@link workBudget}). Real programmes need under 0.01 per word, the bench's
 * generated ones 0.01 (1,000 measures) to 1.6 (100,000 measures, whose made-up vocabulary of 3,000
 * words makes every word common); 5 keeps the upper bound that spares the dry run below the budget
 * for all of them (bench/similarity.ts prints the figures).
 */
export const WORK_PER_WORD = 5;

/** Work every search may do whatever its size, so that short documents are always searched whole. */
export const WORK_FLOOR = 100000;

/**
 * The work budget of a search over `words` words: `c × words + floor` posting entries read plus
 * candidate pairs verified, `c` being `workPerWord` ({@link WORK_PER_WORD} by default) and `floor`
 * {@link WORK_FLOOR} by default (negative values count as 0). Linear in the
 * document. Before probing, the search bounds how many posting entries its lookups will read (the
 * entries indexed before each lookup) and, when the bound is over half the budget, counts them exactly
 * per shingle (a dry run of the lookups); when their sum is over half the budget, the most common
 * shingles (all those held by `commonIn` texts or more, the fewest such that the rest fits) are left
 * out of the index and of the lookups, and the result says so (`cut`). A candidate is a pair met
 * through at least one entry read, so candidates never outnumber entries read, and the two together
 * stay within the budget.
 */
export function workBudget(words: number, workPerWord = WORK_PER_WORD, floor = WORK_FLOOR): number {
  return Math.max(0, workPerWord) * words + Math.max(0, floor);
}

/** The shingles of a word list: runs of `k` words joined by a space; fewer than `k` words give one shingle. */
export function shingles(words: readonly string[], k = 2): string[] {
  if (words.length === 0) return [];
  if (words.length <= k) return [words.join(' ')];
  const out: string[] = [];
  for (let i = 0; i + k <= words.length; i++) out.push(words.slice(i, i + k).join(' '));
  return out;
}

/** The exact Jaccard similarity of two sets given as sorted arrays of distinct integers (0 when both are empty). */
export function jaccard(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return jaccardAt(a, 0, a.length, b, 0, b.length);
}

function jaccardAt(a: ArrayLike<number>, aStart: number, aEnd: number, b: ArrayLike<number>, bStart: number, bEnd: number): number {
  let i = aStart;
  let j = bStart;
  let both = 0;
  while (i < aEnd && j < bEnd) {
    if (a[i] === b[j]) {
      both++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  const union = aEnd - aStart + (bEnd - bStart) - both;
  return union === 0 ? 0 : both / union;
}

/**
 * The Jaccard similarity of the sorted, distinct sets `a` and `b` (as {@link jaccardAt} gives it) when
 * it is at least `t`; else −1, found as soon as the shingles left cannot bring it up to `t` (the
 * similarity grows with the shingles shared, so the test against the most that can still be shared,
 * made with the same division, never drops a pair that reaches `t`). `needs`: {@link sharedNeeded} by
 * the sets' total size, filled as met.
 */
function jaccardAtLeast(a: Float64Array, b: Float64Array, t: number, needs: number[]): number {
  const la = a.length;
  const lb = b.length;
  const total = la + lb;
  const need = needs[total] ?? (needs[total] = sharedNeeded(total, t));
  if (Math.min(la, lb) < need) return -1;
  let i = 0;
  let j = 0;
  let both = 0;
  while (i < la && j < lb) {
    if (a[i] === b[j]) {
      both++;
      i++;
      j++;
    } else {
      if (a[i] < b[j]) i++;
      else j++;
      if (both + Math.min(la - i, lb - j) < need) return -1;
    }
  }
  const union = total - both;
  return union === 0 ? 0 : both / union;
}

/** The fewest shingles two sets of `total` shingles together must share to reach Jaccard `t`: the least x with x / (total − x) ≥ t. */
function sharedNeeded(total: number, t: number): number {
  if (t <= 0) return 0;
  let need = Math.max(0, Math.min(total, Math.ceil((t * total) / (1 + t)) - 1));
  while (need < total && need / (total - need) < t) need++;
  while (need > 0 && (need - 1) / (total - need + 1) >= t) need--;
  return need;
}

/**
 * The size of the prefix of a set of `size` shingles at threshold `t`: `size − ⌈t·size⌉ + 1`,
 * at least 1 and at most `size` (a small tolerance keeps `0.7 × 10` from rounding up to 8).
 */
export function prefixSize(size: number, t: number): number {
  if (t <= 0) return size;
  const overlap = Math.max(1, Math.ceil(t * size - 1e-9));
  return Math.min(size, size - overlap + 1);
}

/** murmur3's 32-bit finaliser, for the hash tables' slots. */
function fmix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * The pair table of {@link shingleSets}: interns pairs of word ids to shingle ids by open addressing,
 * in one Int32Array of `[first, second, id + 1]` triples (one probe reads one cache line; 0 is empty,
 * so that a new table needs no filling). Kept in plain typed arrays and locals, not in an object, so that the optimised code does not
 * depend on an object's shape.
 */
function pairSlot(a: number, b: number, mask: number): number {
  return fmix32(Math.imul(a, 0x9e3779b1) ^ b) & mask;
}

/** The pair table with twice the slots (`mask` is the old one's slot count − 1). */
function growPairs(old: Int32Array, mask: number): Int32Array {
  const capacity = (mask + 1) * 2;
  const table = new Int32Array(3 * capacity);
  const newMask = capacity - 1;
  for (let at = 0; at < old.length; at += 3) {
    if (old[at + 2] === 0) continue;
    let slot = pairSlot(old[at], old[at + 1], newMask);
    while (table[slot * 3 + 2] !== 0) slot = (slot + 1) & newMask;
    table[slot * 3] = old[at];
    table[slot * 3 + 1] = old[at + 1];
    table[slot * 3 + 2] = old[at + 2];
  }
  return table;
}

/**
 * Finds every pair of `texts` (each a list of words, for example from `foldedWords`) whose shingle
 * sets have a Jaccard similarity ≥ `options.threshold` (see the module comment for the method), with
 * `options.forms`: of their stems, stop words left out. Linear in the total number of words plus the
 * work, which {@link workBudget} bounds. This is the reference
 * entry point; `similar-measures` calls {@link findSimilarKeys}, which gives the same result from
 * folded keys without building the word lists.
 */
export function findSimilarPairs(texts: readonly (readonly string[])[], options: SimilarityOptions): SimilarityResult {
  const n = texts.length;
  const forms = options.forms;
  const stems = new Map<string, string | undefined>();
  const formOf = (word: string): string | undefined => {
    if (forms === undefined) return word;
    if (!stems.has(word)) stems.set(word, forms.isStopWord(word) ? undefined : forms.stem(word));
    return stems.get(word);
  };
  let total = 0;
  for (const words of texts) total += words.length;
  const wordIds = new Int32Array(total);
  const wordOffsets = new Int32Array(n + 1);
  const ids = new Map<string, number>();
  let at = 0;
  for (let d = 0; d < n; d++) {
    for (const written of texts[d]) {
      const word = formOf(written);
      if (word === undefined) continue;
      let id = ids.get(word);
      if (id === undefined) ids.set(word, (id = ids.size));
      wordIds[at++] = id;
    }
    wordOffsets[d + 1] = at;
  }
  return findSimilarWords({ ids: wordIds.subarray(0, at), offsets: wordOffsets, count: ids.size }, options);
}

/**
 * Letters and digits of Latin-1, as a table by code unit: the characters of `fold.ts`'s `LATIN1_WORD`
 * (`[0-9A-Za-zª²³µ¹º¼-¾À-ÖØ-öø-ÿ]`), which are the letters, marks and digits of Latin-1.
 */
const LATIN1_WORD_CHAR = (() => {
  const table = new Uint8Array(256);
  const mark = (from: number, to: number) => table.fill(1, from, to + 1);
  mark(0x30, 0x39);
  mark(0x41, 0x5a);
  mark(0x61, 0x7a);
  for (const c of [0xaa, 0xb2, 0xb3, 0xb5, 0xb9, 0xba]) mark(c, c);
  mark(0xbc, 0xbe);
  mark(0xc0, 0xd6);
  mark(0xd8, 0xf6);
  mark(0xf8, 0xff);
  return table;
})();

/** The words of a text that is not all Latin-1: `fold.ts`'s `WORD`. */
const WORD = lazily(() => /[\p{L}\p{M}\p{N}]+/gu);

/**
 * The word table of {@link wordsOfKeys}: words given as ranges of strings or of code units (no
 * substring is made), by open addressing on an FNV-1a hash of the word's UTF-16 code units; ids count
 * from 0 in order of first appearance, as a `Map<string, number>` would give them. `slots` holds word
 * ids (−1 empty); word `id` has the hash `hashes[id]` and the code units `units[starts[id] .. starts[id + 1])`
 * (one pool for all words, so that comparing a word reads typed arrays only); `count` words so far.
 */
export interface WordTable {
  slots: Int32Array;
  hashes: Int32Array;
  starts: Int32Array;
  units: Uint16Array;
  count: number;
}

/** An empty {@link WordTable}. */
export function newWordTable(): WordTable {
  return { slots: new Int32Array(4096).fill(-1), hashes: new Int32Array(1024), starts: new Int32Array(1025), units: new Uint16Array(8192), count: 0 };
}

/** The text of word `id` of `table` (for tests and messages; the search never makes it). */
export function wordText(table: WordTable, id: number): string {
  const start = table.starts[id];
  const end = table.starts[id + 1];
  let out = '';
  for (let at = start; at < end; at += 8192) {
    // At most 8,192 code units per call (a word may be as long as its line), passed with `apply`,
    // which reads the typed array as it is: a spread would make an iterator result per code unit
    // (2 MB of garbage per check of 10,000 generated measures, whose 3,256 words are read once each).
    out += String.fromCharCode.apply(null, table.units.subarray(at, Math.min(end, at + 8192)) as unknown as number[]);
  }
  return out;
}

/** The id of `text[start .. end)` (whose FNV-1a hash is `hash`) in `table`, added when new. */
function internWord(table: WordTable, text: string, start: number, end: number, hash: number): number {
  const length = end - start;
  const { slots, hashes, starts, units } = table;
  const mask = slots.length - 1;
  let slot = fmix32(hash) & mask;
  for (;;) {
    const id = slots[slot];
    if (id === -1) break;
    if (hashes[id] === hash) {
      const from = starts[id];
      if (starts[id + 1] - from === length) {
        let i = 0;
        while (i < length && units[from + i] === text.charCodeAt(start + i)) i++;
        if (i === length) return id;
      }
    }
    slot = (slot + 1) & mask;
  }
  const id = addWord(table, slot, hash, length);
  const pool = table.units;
  const at = table.starts[id];
  for (let i = 0; i < length; i++) pool[at + i] = text.charCodeAt(start + i);
  return id;
}

/** The id of `src[start .. end)` (whose FNV-1a hash is `hash`) in `table`, added when new: {@link internWord} over code units. */
function internUnits(table: WordTable, src: Uint16Array, start: number, end: number, hash: number): number {
  const length = end - start;
  const { slots, hashes, starts, units } = table;
  const mask = slots.length - 1;
  let slot = fmix32(hash) & mask;
  for (;;) {
    const id = slots[slot];
    if (id === -1) break;
    if (hashes[id] === hash) {
      const from = starts[id];
      if (starts[id + 1] - from === length) {
        let i = 0;
        while (i < length && units[from + i] === src[start + i]) i++;
        if (i === length) return id;
      }
    }
    slot = (slot + 1) & mask;
  }
  const id = addWord(table, slot, hash, length);
  table.units.set(src.subarray(start, end), table.starts[id]);
  return id;
}

/**
 * Adds a word of `length` code units with hash `hash` at the empty `slot` of `table` and returns its
 * id; its code units are to be written at `units[starts[id] ..)` by the caller. Grows the arrays and
 * the slots (keeping the load at most one half) as needed.
 */
function addWord(table: WordTable, slot: number, hash: number, length: number): number {
  const id = table.count;
  if (id + 1 >= table.hashes.length) {
    const hashes = new Int32Array(table.hashes.length * 2);
    hashes.set(table.hashes);
    table.hashes = hashes;
    const starts = new Int32Array(hashes.length + 1);
    starts.set(table.starts);
    table.starts = starts;
  }
  const from = table.starts[id];
  if (from + length > table.units.length) {
    const units = new Uint16Array(Math.max(table.units.length * 2, from + length));
    units.set(table.units.subarray(0, from));
    table.units = units;
  }
  table.hashes[id] = hash;
  table.starts[id + 1] = from + length;
  table.count = id + 1;
  const slots = table.slots;
  slots[slot] = id;
  const mask = slots.length - 1;
  if ((id + 1) * 2 > mask) {
    const grown = new Int32Array(slots.length * 2).fill(-1);
    const newMask = grown.length - 1;
    for (let w = 0; w <= id; w++) {
      let at = fmix32(table.hashes[w]) & newMask;
      while (grown[at] !== -1) at = (at + 1) & newMask;
      grown[at] = w;
    }
    table.slots = grown;
  }
  return id;
}

/** FNV-1a over the code units of `text[start .. end)`. */
function hashRange(text: string, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

/** Word ids of texts, flat: text d's words are `ids[offsets[d] .. offsets[d + 1])`. */
export interface WordRuns {
  ids: Int32Array;
  offsets: Int32Array;
  /** Distinct words (ids are `0 .. count − 1`). */
  count: number;
}

/**
 * {@link findSimilarPairs} over folded texts (fold.ts's `foldText`, as `measureKeys` gives them): the
 * words of each key are those of `foldedWords(key)`, read straight from the key's code units and
 * interned by hash, so that no word strings or word arrays are made (with `options.forms`, each
 * distinct word is stemmed once). Gives exactly the result of
 * `findSimilarPairs(keys.map(foldedWords), options)` (the same pairs, candidates and counts); with a
 * `cache`, see {@link updatedSearch} for the one exception.
 */
export function findSimilarKeys(keys: readonly string[], options: SimilarityOptions, cache?: WordCache): SimilarityResult {
  if (cache === undefined) {
    return findSimilarWords(wordsOfKeys(keys, options.forms), options);
  }
  const updated = updatedSearch(keys, options, cache);
  if (updated !== undefined) return updated;
  const result = findSimilarWords(wordsOfKeysCached(keys, cache, options), options);
  cache.last = { keys, pairs: result.pairs, threshold: options.threshold, shape: shapeOf(options), cut: result.cut !== undefined, words: result.words };
  return result;
}

/** At most this many keys changed since the last search: then only they are compared with the others. */
const MAX_CHANGED_KEYS = 32;

/**
 * The search of {@link findSimilarKeys} after an edit that changed only a few keys (at most
 * {@link MAX_CHANGED_KEYS}, in one stretch of the list) since the last search with `cache`: the
 * pairs of unchanged keys are the last search's (a pair's similarity depends on its two texts only),
 * and each changed key is compared with every other key, exactly (shingle sets as sorted arrays; the
 * same Jaccard similarity and the same test against the threshold as the index). Undefined when the
 * last search cannot be built on (none, other options, too many changes, or a search that the work
 * budget cut); the caller then searches afresh. The same pairs as a fresh search, unless the edit
 * made a fresh search go over the work budget, where this one still finds every pair (its own work,
 * the changed keys times the keys, is linear in the document). `candidates` counts the comparisons
 * made; `shingles`, `indexed` and `visited` are 0 (no index was used).
 */
function updatedSearch(keys: readonly string[], options: SimilarityOptions, cache: WordCache): SimilarityResult | undefined {
  const last = cache.last;
  const shape = shapeOf(options);
  if (last === undefined || last.cut || last.threshold !== options.threshold || last.shape !== shape || !SET_SHAPES.has(shape)) return undefined;
  if (cache.forms !== options.forms) return undefined;
  const threshold = Math.min(1, options.threshold);
  const n = keys.length;
  const m = last.keys.length;
  let prefix = 0;
  while (prefix < n && prefix < m && keys[prefix] === last.keys[prefix]) prefix++;
  let suffix = 0;
  while (suffix < n - prefix && suffix < m - prefix && keys[n - 1 - suffix] === last.keys[m - 1 - suffix]) suffix++;
  const changedEnd = n - suffix;
  if (changedEnd - prefix > MAX_CHANGED_KEYS || m - suffix - prefix > MAX_CHANGED_KEYS) return undefined;
  // The table is started again when it grows too large: then every key's ids change. The keys' total
  // length is the last search's, less that of the keys replaced, plus that of the new ones.
  const table = cache.table;
  let length = last.length;
  if (length !== undefined) {
    for (let d = prefix; d < m - suffix; d++) length -= last.keys[d].length;
    for (let d = prefix; d < changedEnd; d++) length += keys[d].length;
  }
  length = resetWhenOvergrown(keys, cache, length);
  const sets = new Array<Float64Array>(n);
  const scratch = { ids: new Int32Array(256) };
  // The sets of the keys both searches share at the start and the end are the last search's.
  const lastSets = cache.table === table ? last.sets : undefined;
  // Their sizes too, side by side, so that a set too small or too large to reach the threshold with a
  // changed one is passed over without being read.
  const sizes = new Int32Array(n);
  const lastSizes = lastSets !== undefined ? last.sizes : undefined;
  let largest = 0;
  for (let d = 0; d < n; d++) {
    const from = d < prefix ? d : d >= changedEnd ? d - n + m : -1;
    const kept = lastSets === undefined || from < 0 ? undefined : lastSets[from];
    sets[d] = kept ?? shingleSetOf(keys[d], cache, scratch, shape);
    sizes[d] = kept !== undefined && lastSizes !== undefined ? lastSizes[from] : sets[d].length;
    if (sizes[d] > largest) largest = sizes[d];
  }
  // The words of the search: the last search's, less those of the keys replaced, plus those of the new ones.
  let words = last.words;
  for (let d = prefix; d < m - suffix; d++) words -= contentIdsOf(last.keys[d], cache, scratch).length;
  for (let d = prefix; d < changedEnd; d++) words += contentIdsOf(keys[d], cache, scratch).length;
  const pairs: SimilarPair[] = [];
  const shift = n - m;
  for (const pair of last.pairs) {
    if (pair.first >= prefix && pair.first < m - suffix) continue;
    if (pair.second >= prefix && pair.second < m - suffix) continue;
    pairs.push({ first: pair.first < prefix ? pair.first : pair.first + shift, second: pair.second < prefix ? pair.second : pair.second + shift, similarity: pair.similarity });
  }
  let candidates = 0;
  // The shingles a pair must share, by the size of the two sets together (see `jaccardAtLeast`).
  const needs: number[] = [];
  const fits = new Uint8Array(largest + 1);
  for (let c = prefix; c < changedEnd; c++) {
    const a = sets[c];
    if (a.length === 0) continue;
    for (let lb = 1; lb <= largest; lb++) fits[lb] = Math.min(a.length, lb) >= (needs[a.length + lb] ?? (needs[a.length + lb] = sharedNeeded(a.length + lb, threshold))) ? 1 : 0;
    for (let j = 0; j < n; j++) {
      if (j === c || (j >= prefix && j < c)) continue;
      const lb = sizes[j];
      if (lb === 0) continue;
      candidates++;
      if (fits[lb] === 0) continue;
      const similarity = jaccardAtLeast(a, sets[j], threshold, needs);
      if (similarity >= threshold && similarity > 0) pairs.push(j < c ? { first: j, second: c, similarity } : { first: c, second: j, similarity });
    }
  }
  pairs.sort((x, y) => x.second - y.second || x.first - y.first);
  cache.last = { keys, pairs, threshold: options.threshold, shape, cut: false, words, sets, sizes, length };
  // Keys typed and changed again pile up: keep only those in use once they are many.
  if (cache.idsOfKey.size > 2 * n + 64) {
    const ids = new Map<string, Int32Array>();
    const kept = new Map<string, Float64Array>();
    for (let d = 0; d < n; d++) {
      ids.set(keys[d], cache.idsOfKey.get(keys[d])!);
      kept.set(keys[d], sets[d]);
    }
    cache.idsOfKey = ids;
    cache.setOfKey = kept;
  }
  return { pairs, candidates, shingles: 0, indexed: 0, visited: 0, words, budget: workBudget(words, options.workPerWord, options.workFloor) };
}

/**
 * Starts the cache's word table again when it holds far more words than `keys` use (words typed and
 * deleted again); `length`, the keys' total length when known. Returns that total.
 */
function resetWhenOvergrown(keys: readonly string[], cache: WordCache, length?: number): number {
  let total = length ?? 0;
  if (length === undefined) for (let d = 0; d < keys.length; d++) total += keys[d].length;
  if (cache.table.count > 1024 + (total >> 1)) resetWordCache(cache, cache.forms);
  return total;
}

/** Empties `cache` and ties it to `forms`. */
function resetWordCache(cache: WordCache, forms: WordForms | undefined): void {
  cache.table = newWordTable();
  cache.idsOfKey = new Map();
  cache.setOfKey = new Map();
  cache.last = undefined;
  cache.forms = forms;
  cache.contentOf = new Int32Array(1024).fill(UNKNOWN);
  cache.stems = new Map();
}

/** {@link WordCache.contentOf} of a word not met yet. */
const UNKNOWN = -2;

/**
 * The content-word id of word `id` of the cache's table: under the cache's forms, the id of its stem
 * among the cache's stems, or −1 for a stop word; without forms, `id` itself.
 */
function contentOf(cache: WordCache, id: number): number {
  const forms = cache.forms;
  if (forms === undefined) return id;
  if (id >= cache.contentOf.length) {
    const grown = new Int32Array(Math.max(cache.contentOf.length * 2, id + 1)).fill(UNKNOWN);
    grown.set(cache.contentOf);
    cache.contentOf = grown;
  }
  let content = cache.contentOf[id];
  if (content === UNKNOWN) {
    const word = wordText(cache.table, id);
    if (forms.isStopWord(word)) content = -1;
    else {
      const stem = forms.stem(word);
      const known = cache.stems.get(stem);
      if (known !== undefined) content = known;
      else cache.stems.set(stem, (content = cache.stems.size));
    }
    cache.contentOf[id] = content;
  }
  return content;
}

/** The content-word ids of `key` (see {@link contentOf}), stop words left out, in order, in `scratch` (valid until its next use). */
function contentIdsOf(key: string, cache: WordCache, scratch: { ids: Int32Array }): Int32Array {
  let ids = cache.idsOfKey.get(key);
  if (ids === undefined) cache.idsOfKey.set(key, (ids = wordIdsOfKey(key, cache.table, scratch)));
  if (scratch.ids.length < ids.length) scratch.ids = new Int32Array(ids.length * 2);
  let at = 0;
  for (let i = 0; i < ids.length; i++) {
    const content = contentOf(cache, ids[i]);
    if (content >= 0) scratch.ids[at++] = content;
  }
  return scratch.ids.subarray(0, at);
}

/** The shingles of a search as one string ({@link SimilarityOptions}): `words and pairs`, or `runs of k`. */
function shapeOf(options: SimilarityOptions): string {
  return options.shingles === 'words and pairs' ? 'words and pairs' : `runs of ${Math.max(1, Math.floor(options.shingleSize ?? 2))}`;
}

/** The shapes that {@link shingleSetOf} makes, and so {@link updatedSearch} can search. */
const SET_SHAPES = new Set(['runs of 1', 'runs of 2', 'words and pairs']);

/** 2^26 (word ids stay below it) and 2^52: the codes of word pairs in {@link shingleSetOf}'s sets. */
const PAIR_FACTOR = 67108864;
const PAIR_OFFSET = 4503599627370496;

/**
 * The shingle set of `key` as sorted, distinct numbers over the cache's content-word ids, for one of
 * the {@link SET_SHAPES}: a word is its id; a pair of words (a, b) is a·2^26 + b with runs of 2, and
 * 2^52 + a·2^26 + b with words and pairs (a ≤ b there), numbers no word reaches; with runs of 2 a text
 * of one word is that word's own kind of shingle, −(id + 1) (as the index keeps one-word texts apart
 * from pairs). Cached per key while the key is in use.
 */
function shingleSetOf(key: string, cache: WordCache, scratch: { ids: Int32Array }, shape: string): Float64Array {
  if (cache.shape !== shape) {
    cache.setOfKey = new Map();
    cache.shape = shape;
  }
  const known = cache.setOfKey.get(key);
  if (known !== undefined) return known;
  const ids = contentIdsOf(key, cache, scratch);
  let set: Float64Array;
  if (shape === 'runs of 1') set = Float64Array.from(ids);
  else if (shape === 'words and pairs') {
    set = new Float64Array(ids.length === 0 ? 0 : 2 * ids.length - 1);
    set.set(ids);
    for (let i = 0; i + 1 < ids.length; i++) {
      const a = Math.min(ids[i], ids[i + 1]);
      const b = Math.max(ids[i], ids[i + 1]);
      set[ids.length + i] = PAIR_OFFSET + a * PAIR_FACTOR + b;
    }
  } else {
    set = new Float64Array(ids.length === 0 ? 0 : Math.max(1, ids.length - 1));
    if (ids.length === 1) set[0] = -(ids[0] + 1);
    else for (let i = 0; i + 1 < ids.length; i++) set[i] = ids[i] * PAIR_FACTOR + ids[i + 1];
  }
  set.sort();
  let distinct = 0;
  for (let i = 0; i < set.length; i++) if (i === 0 || set[i] !== set[i - 1]) set[distinct++] = set[i];
  const out = distinct === set.length ? set : set.slice(0, distinct);
  cache.setOfKey.set(key, out);
  return out;
}

/**
 * What one search over keys keeps for the next search over the keys of the next version of the same
 * document (the language server searches again after every edit): a word table whose ids stay put,
 * the word ids of each key of the last search, and the content word of every word (its stem, or none
 * for a stop word) under the forms of the last search. Make one with {@link newWordCache}; it never
 * changes a result (the ids are numbered again by first appearance for each search), and a search
 * with other forms starts it again.
 */
export interface WordCache {
  table: WordTable;
  idsOfKey: Map<string, Int32Array>;
  /** Shingle sets of keys (see `shingleSetOf`), for searches that compare only the changed keys. */
  setOfKey: Map<string, Float64Array>;
  /** The shingles of the sets in `setOfKey` (see `shapeOf`). */
  shape?: string;
  /** The word forms of the content words below (undefined: words as written). */
  forms?: WordForms;
  /** For each word id of `table`: its content-word id (an index into `stems`), −1 for a stop word, −2 not known yet. */
  contentOf: Int32Array;
  /** The stems met, with their content-word ids. */
  stems: Map<string, number>;
  /** The last search: its keys, its pairs, the options they were found with, whether the work budget cut it, and its words. */
  last?: { keys: readonly string[]; pairs: SimilarPair[]; threshold: number; shape: string; cut: boolean; words: number; sets?: readonly Float64Array[]; sizes?: Int32Array; length?: number };
}

/** An empty {@link WordCache}. */
export function newWordCache(): WordCache {
  return { table: newWordTable(), idsOfKey: new Map(), setOfKey: new Map(), contentOf: new Int32Array(1024).fill(UNKNOWN), stems: new Map() };
}

/**
 * The content words of `words` (ids of `table`) under `forms`: each word read as its stem, stop words
 * left out, the stems numbered from 0 in the order of the words' ids (every word of `table` is read
 * once, first; then the runs are mapped in one tight pass). With `texts` (indices into `words`' texts),
 * of those texts only, in that order: the same as of {@link selectedRuns}`(words, texts)`, without the
 * copy. The numbering of the stems changes no search ({@link findSimilarWords}).
 */
export function contentWords(words: WordRuns, table: WordTable, forms: WordForms, texts?: readonly number[]): WordRuns {
  const n = texts !== undefined ? texts.length : words.offsets.length - 1;
  const contentOfWord = new Int32Array(words.count);
  const stems = new Map<string, number>();
  for (let id = 0; id < words.count; id++) {
    const word = wordText(table, id);
    let content = -1;
    if (!forms.isStopWord(word)) {
      const stem = forms.stem(word);
      const known = stems.get(stem);
      if (known !== undefined) content = known;
      else stems.set(stem, (content = stems.size));
    }
    contentOfWord[id] = content;
  }
  const wordIds = words.ids;
  const wordOffsets = words.offsets;
  let length = 0;
  if (texts === undefined) length = wordOffsets[n] - wordOffsets[0];
  else for (let d = 0; d < n; d++) length += wordOffsets[texts[d] + 1] - wordOffsets[texts[d]];
  const ids = new Int32Array(length);
  const offsets = new Int32Array(n + 1);
  let at = 0;
  for (let d = 0; d < n; d++) {
    const text = texts !== undefined ? texts[d] : d;
    for (let w = wordOffsets[text], end = wordOffsets[text + 1]; w < end; w++) {
      const content = contentOfWord[wordIds[w]];
      if (content >= 0) ids[at++] = content;
    }
    offsets[d + 1] = at;
  }
  return { ids: ids.subarray(0, at), offsets, count: stems.size };
}

/** The runs of `texts` (indices into `words`' texts) of `words`, in that order: a copy, with the same word ids. */
export function selectedRuns(words: WordRuns, texts: readonly number[]): WordRuns {
  const offsets = new Int32Array(texts.length + 1);
  let length = 0;
  for (let c = 0; c < texts.length; c++) offsets[c + 1] = length += words.offsets[texts[c] + 1] - words.offsets[texts[c]];
  const ids = new Int32Array(length);
  let at = 0;
  for (let c = 0; c < texts.length; c++) for (let w = words.offsets[texts[c]], end = words.offsets[texts[c] + 1]; w < end; w++) ids[at++] = words.ids[w];
  return { ids, offsets, count: words.count };
}

/**
 * {@link findSimilarPairs} over texts given as word ids (for example from {@link keyWords} and
 * {@link unitWords}, with one {@link WordTable}): the same result as `findSimilarPairs` of the texts'
 * words, whatever the numbering of the ids (shingles are numbered by first appearance, not by word
 * id). The ids are taken as they are: `options.forms` is not applied here (see {@link contentWords}).
 */
export function findSimilarWords(words: WordRuns, options: SimilarityOptions): SimilarityResult {
  const k = Math.max(1, Math.floor(options.shingleSize ?? 2));
  const threshold = Math.min(1, options.threshold);
  // The sets in text order are not held here: they are let go as soon as they are laid out for the search.
  const sets = searchSets(shingleSets(words, k, options.shingles === 'words and pairs'));
  const total = words.offsets[words.offsets.length - 1] - words.offsets[0];
  const budget = workBudget(total, options.workPerWord, options.workFloor);
  const { pairs, candidates, indexed, visited, cut } = probe(sets, threshold, budget);
  pairs.sort((a, b) => a.second - b.second || a.first - b.first);
  return { pairs, candidates, shingles: sets.count, indexed, visited, words: total, budget, ...(cut !== undefined ? { cut } : {}) };
}

/**
 * Writes the ids in `table` of the words of folded key `key` (those of `foldedWords(key)`, in order)
 * to `ids` from `at` on, and returns the end. `ids` must have room for `key.length` more ids.
 */
export function keyWords(key: string, table: WordTable, ids: Int32Array, at: number): number {
  const end = latin1Words(key, table, ids, at);
  if (end >= 0) return end;
  // Not all Latin-1: the Unicode pattern's words, as foldedWords finds them.
  const word = WORD();
  word.lastIndex = 0;
  for (let m = word.exec(key); m !== null; m = word.exec(key)) {
    const stop = m.index + m[0].length;
    ids[at++] = internWord(table, key, m.index, stop, hashRange(key, m.index, stop));
  }
  return at;
}

/**
 * {@link keyWords} over the code units of a folded key, `units[0 .. length)` (as fold.ts's
 * `foldCodeUnits` writes them), when they are Latin-1 or the punctuation U+2010–U+2027,
 * U+2030–U+205E and `€` (the code units above U+00FF that `foldCodeUnits` keeps): the words are then
 * the runs of Latin-1 letters, marks and digits ({@link LATIN1_WORD_CHAR}), as `foldedWords` finds
 * them (none of that punctuation is a letter, mark or digit, so it separates words as a space does).
 * With `latin1`, only keys whose code units are all below U+0100 are read, and each is also written
 * to `latin1[i]` as a byte (so that the caller has the key as Latin-1 bytes in the same pass).
 * Returns the end, or −1 for any other code unit (then no id is kept, though words read before it
 * may have been added to `table`). `ids` must have room for `length` more ids.
 */
export function unitWords(units: Uint16Array, length: number, table: WordTable, ids: Int32Array, at: number, latin1?: Uint8Array): number {
  return latin1 !== undefined ? latin1UnitWords(units, length, table, ids, at, latin1) : wideUnitWords(units, length, table, ids, at);
}

function wideUnitWords(units: Uint16Array, length: number, table: WordTable, ids: Int32Array, at: number): number {
  let start = -1;
  let h = 0;
  for (let i = 0; i < length; i++) {
    const c = units[i];
    if (c < 0x100 && LATIN1_WORD_CHAR[c] === 1) {
      if (start < 0) {
        start = i;
        h = 0x811c9dc5 | 0;
      }
      h = Math.imul(h ^ c, 0x01000193);
      continue;
    }
    if (c > 0xff && !((c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205e) || c === 0x20ac)) return -1;
    if (start >= 0) {
      ids[at++] = internUnits(table, units, start, i, h);
      start = -1;
    }
  }
  if (start >= 0) ids[at++] = internUnits(table, units, start, length, h);
  return at;
}

function latin1UnitWords(units: Uint16Array, length: number, table: WordTable, ids: Int32Array, at: number, latin1: Uint8Array): number {
  let start = -1;
  let h = 0;
  for (let i = 0; i < length; i++) {
    const c = units[i];
    if (c > 0xff) return -1;
    latin1[i] = c;
    if (LATIN1_WORD_CHAR[c] === 1) {
      if (start < 0) {
        start = i;
        h = 0x811c9dc5 | 0;
      }
      h = Math.imul(h ^ c, 0x01000193);
    } else if (start >= 0) {
      ids[at++] = internUnits(table, units, start, i, h);
      start = -1;
    }
  }
  if (start >= 0) ids[at++] = internUnits(table, units, start, length, h);
  return at;
}

/**
 * fold.ts's `foldCodeUnits` and {@link unitWords} with `latin1` in one pass, for a text whose code
 * units are all Latin-1: folds `src[0 .. length)` into `key` and, as bytes, into `latin1` (both must
 * hold `length` code units), writes the ids in `table` of the folded text's words to `ids` from `at` on
 * (room for `length` more), and returns the end; the folded length is then `folded.length`. Returns −1
 * (with nothing kept, though words read before may have been added to `table`, as with `unitWords`)
 * for a code unit above U+00FF or one that `foldCodeUnits` leaves to `foldText`: the caller then takes
 * those two steps. The same key, bytes and ids as the two steps (test/rules-duplicates.test.ts).
 */
export function foldedLatin1Words(src: Uint16Array, length: number, key: Uint16Array, latin1: Uint8Array, table: WordTable, ids: Int32Array, at: number, folded: FoldedKey): number {
  onePiece[1] = length;
  return foldedLatin1PieceWords(src, onePiece, 2, key, latin1, table, ids, at, folded);
}

/** The one piece `[0, length)` of {@link foldedLatin1Words}. */
const onePiece = new Int32Array(2);

/**
 * {@link foldedLatin1Words} of a text given as pieces of `src`: the text is the code units of
 * `src[pieces[p] .. pieces[p + 1])` for p = 0, 2, … below `count`, one after the other (so that a
 * measure's text is folded where it stands, with no copy: duplicates.ts `measurePieces`). `key` and
 * `latin1` must hold as many code units as the pieces together, `ids` as many more ids. Also gives
 * the {@link keyHash} of the folded key (`folded.hash`), by which duplicates.ts finds the measures
 * with the same key.
 */
export function foldedLatin1PieceWords(
  src: Uint16Array,
  pieces: Int32Array,
  count: number,
  key: Uint16Array,
  latin1: Uint8Array,
  table: WordTable,
  ids: Int32Array,
  at: number,
  folded: FoldedKey,
): number {
  let n = 0;
  // keyHash of what is written so far (its words' hashes and the code units between them), and of
  // what is written up to the last code unit that is not trailing (the folded key ends there: isTrailing).
  let kh = 0x811c9dc5 | 0;
  let kept = kh;
  // As in foldCodeUnits: true at the start and after a space (leading spaces dropped, runs collapsed).
  let afterSpace = true;
  let start = -1;
  let h = 0;
  for (let p = 0; p < count; p += 2) {
    for (let i = pieces[p], to = pieces[p + 1]; i < to; i++) {
      const c = src[i];
      // A word's letters, marks and digits, folded, in a loop of their own (most code units are).
      let w = LATIN1_WORD_FOLD[c];
      if (w !== 0) {
        if (start < 0) {
          start = n;
          h = 0x811c9dc5 | 0;
        }
        for (;;) {
          key[n] = w;
          latin1[n] = w;
          h = Math.imul(h ^ w, 0x01000193);
          n++;
          if (++i === to || (w = LATIN1_WORD_FOLD[src[i]]) === 0) break;
        }
        afterSpace = false;
        i--;
        continue;
      }
      if (c > 0xff) return -1;
      const f = LATIN1_FOLD[c];
      if (f < FOLD_SLOW) {
        // A folded Latin-1 code unit that is no letter, mark or digit (the table maps Latin-1 to Latin-1).
        key[n] = f;
        latin1[n] = f;
        if (start >= 0) {
          ids[at++] = internUnits(table, key, start, n, h);
          start = -1;
          kept = kh = Math.imul(kh ^ h, 0x01000193);
        }
        kh = Math.imul(kh ^ f, 0x01000193);
        if (!isTrailing(f)) kept = kh;
        n++;
        afterSpace = false;
      } else if (f === FOLD_SPACE) {
        if (!afterSpace) {
          key[n] = 0x20;
          latin1[n] = 0x20;
          if (start >= 0) {
            ids[at++] = internUnits(table, key, start, n, h);
            start = -1;
            kept = kh = Math.imul(kh ^ h, 0x01000193);
          }
          kh = Math.imul(kh ^ 0x20, 0x01000193);
          n++;
        }
        afterSpace = true;
      } else if (f === FOLD_SLOW) return -1;
    }
  }
  // A word still open ends the text: nothing after it is trimmed (the trailing characters are no word characters).
  if (start >= 0) {
    ids[at++] = internUnits(table, key, start, n, h);
    kept = Math.imul(kh ^ h, 0x01000193);
  }
  while (n > 0 && isTrailing(key[n - 1])) n--;
  folded.length = n;
  folded.hash = kept;
  return at;
}

/**
 * For every UTF-16 code unit: its fold (fold.ts LATIN1_FOLD) when that is a letter, mark or digit of
 * Latin-1 ({@link LATIN1_WORD_CHAR}), else 0 (no letter folds to U+0000): one read per code unit of a word.
 */
const LATIN1_WORD_FOLD = (() => {
  const table = new Uint8Array(0x10000);
  for (let c = 0; c < 0x100; c++) {
    const f = LATIN1_FOLD[c];
    if (f < 0x100 && LATIN1_WORD_CHAR[f] === 1) table[c] = f;
  }
  return table;
})();

/** What {@link foldedLatin1Words} tells of the folded key besides its words: its length and its {@link keyHash}. */
export interface FoldedKey {
  length: number;
  hash: number;
}

/**
 * A hash of a folded key, as {@link foldedLatin1PieceWords} makes it while it folds: FNV-1a over the
 * FNV-1a hash of each word (a run of Latin-1 letters, marks and digits: {@link LATIN1_WORD_CHAR}) and
 * over each code unit between the words, so that only the code units between words cost more than
 * the words' own hashes. Equal keys have equal hashes.
 */
export function keyHash(key: string): number {
  let kh = 0x811c9dc5 | 0;
  let h = 0;
  let inWord = false;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c < 0x100 && LATIN1_WORD_CHAR[c] === 1) {
      if (!inWord) {
        inWord = true;
        h = 0x811c9dc5 | 0;
      }
      h = Math.imul(h ^ c, 0x01000193);
      continue;
    }
    if (inWord) {
      kh = Math.imul(kh ^ h, 0x01000193);
      inWord = false;
    }
    kh = Math.imul(kh ^ c, 0x01000193);
  }
  return inWord ? Math.imul(kh ^ h, 0x01000193) : kh;
}

/** The words of one key as ids of `table` (see {@link wordsOfKeys}), in an array of exact length. */
function wordIdsOfKey(key: string, table: WordTable, scratch: { ids: Int32Array }): Int32Array {
  if (scratch.ids.length < key.length + 1) scratch.ids = new Int32Array(key.length * 2 + 1);
  return scratch.ids.slice(0, keyWords(key, table, scratch.ids, 0));
}

/**
 * {@link wordsOfKeys} with `cache`: a key seen in the last search keeps its word ids; the others are
 * read. The ids are then numbered by first appearance, as {@link wordsOfKeys} numbers them, so the
 * result is the same. The cache keeps the ids of this search's keys only; its word table starts again
 * when it holds far more words than the keys use (words typed and deleted again).
 */
function wordsOfKeysCached(keys: readonly string[], cache: WordCache, options: SimilarityOptions): WordRuns {
  const n = keys.length;
  if (cache.forms !== options.forms) resetWordCache(cache, options.forms);
  resetWhenOvergrown(keys, cache);
  const table = cache.table;
  const next = new Map<string, Int32Array>();
  const scratch = { ids: new Int32Array(256) };
  const perKey = new Array<Int32Array>(n);
  let length = 0;
  for (let d = 0; d < n; d++) {
    const key = keys[d];
    let ids = next.get(key) ?? cache.idsOfKey.get(key);
    if (ids === undefined) ids = wordIdsOfKey(key, table, scratch);
    next.set(key, ids);
    perKey[d] = ids;
    length += ids.length;
  }
  cache.idsOfKey = next;
  // Word-pair sets of keys no longer in use are let go.
  const sets = new Map<string, Float64Array>();
  for (const key of keys) {
    const set = cache.setOfKey.get(key);
    if (set !== undefined) sets.set(key, set);
  }
  cache.setOfKey = sets;
  // Content words (stems, stop words left out) numbered by first appearance, as a fresh table would number them.
  const local = new Int32Array(table.count).fill(-1);
  const ids = new Int32Array(length);
  const offsets = new Int32Array(n + 1);
  let count = 0;
  let at = 0;
  for (let d = 0; d < n; d++) {
    const words = perKey[d];
    for (let i = 0; i < words.length; i++) {
      const global = contentOf(cache, words[i]);
      if (global < 0) continue;
      let id = local[global];
      if (id === -1) local[global] = id = count++;
      ids[at++] = id;
    }
    offsets[d + 1] = at;
  }
  return { ids: ids.subarray(0, at), offsets, count };
}

/** The words of folded keys as ids (see {@link findSimilarKeys}), with `forms` their content words ({@link contentWords}). */
function wordsOfKeys(keys: readonly string[], forms: WordForms | undefined): WordRuns {
  const n = keys.length;
  const table: WordTable = newWordTable();
  let length = 0;
  for (let d = 0; d < n; d++) length += keys[d].length;
  // At most one word per two code units (a word and the character that ends it), plus the last one.
  let ids = new Int32Array((length >> 1) + n);
  const offsets = new Int32Array(n + 1);
  let at = 0;
  for (let d = 0; d < n; d++) {
    const key = keys[d];
    // keyWords needs room for one id per code unit (surrogate pairs can make more words than the estimate).
    if (ids.length < at + key.length) {
      const grown = new Int32Array(Math.max(ids.length * 2, at + key.length));
      grown.set(ids.subarray(0, at));
      ids = grown;
    }
    at = keyWords(key, table, ids, at);
    offsets[d + 1] = at;
  }
  const words = { ids, offsets, count: table.count };
  return forms === undefined ? words : contentWords(words, table, forms);
}

/**
 * Writes the word ids of `key` to `ids` from `at` on, when `key` is all Latin-1 (its words are then
 * the runs of {@link LATIN1_WORD_CHAR}); returns the end, or −1 (nothing kept) when it is not.
 */
function latin1Words(key: string, table: WordTable, ids: Int32Array, at: number): number {
  let start = -1;
  let h = 0;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c > 0xff) return -1;
    if (LATIN1_WORD_CHAR[c] === 1) {
      if (start < 0) {
        start = i;
        h = 0x811c9dc5 | 0;
      }
      h = Math.imul(h ^ c, 0x01000193);
    } else if (start >= 0) {
      ids[at++] = internWord(table, key, start, i, h);
      start = -1;
    }
  }
  if (start >= 0) ids[at++] = internWord(table, key, start, key.length, h);
  return at;
}

/**
 * Texts as sets of shingle ids, flat: text d's distinct ids are `flat[offsets[d] .. offsets[d + 1])`,
 * in order of appearance (made by {@link shingleSets}).
 */
interface ShingleSets {
  flat: Int32Array;
  offsets: Int32Array;
  /** Distinct shingles (ids `0 .. count − 1`). */
  count: number;
  /** For each shingle id, the number of texts that hold it. */
  texts: Int32Array;
}

/**
 * The shingle sets as the search reads them (made by {@link searchSets}): the shingles renumbered by
 * rarity (fewest texts first, ties by first appearance), so that id order is rarity order; each text's
 * run sorted (its rarest shingles, its prefix, first); and the runs laid out in the order the search
 * takes the texts (by size, ties by index), so that every pass reads them one after the other.
 */
interface SearchSets {
  /** Text `order[p]`'s run is `runs[runAt[p] .. runAt[p + 1])`. */
  runs: Int32Array;
  runAt: Int32Array;
  /** The texts by size (ties by index). */
  order: Int32Array;
  /** The first place p whose text has shingles (the texts without come first). */
  first: number;
  /** The size of the largest set. */
  maxSize: number;
  /** Distinct shingles (ids `0 .. count − 1`). */
  count: number;
  /** The shingles held by one text only, which are ids `0 .. unique − 1`. */
  unique: number;
  /** The shingles held by `c` texts are ids `levels[c] .. levels[c + 1] − 1` (`c` = 0 … texts). */
  levels: Int32Array;
}

/** What {@link probe} found and what it cost. */
interface ProbeResult {
  pairs: SimilarPair[];
  candidates: number;
  indexed: number;
  visited: number;
  cut?: SearchCut;
}

/**
 * The number of shingles of a text of `length` words: runs of `k` words (at least one for a text with
 * words), or with `wordsAndPairs` each word and each pair of neighbours.
 */
function shingleCount(length: number, k: number, wordsAndPairs: boolean): number {
  if (length === 0) return 0;
  return wordsAndPairs ? 2 * length - 1 : Math.max(1, length - k + 1);
}

/**
 * The shingle sets of texts given as word ids, with the number of texts holding each shingle: runs of
 * `k` words, or with `wordsAndPairs` ({@link SimilarityOptions.shingles}) each word on its own (a
 * shingle of the same kind as a one-word text's) and each pair of neighbouring words in either order
 * (stored with the smaller word id first).
 */
function shingleSets(words: WordRuns, k: number, wordsAndPairs = false): ShingleSets {
  const { ids: wordIds, offsets: wordOffsets } = words;
  const n = wordOffsets.length - 1;
  let total = 0;
  for (let d = 0; d < n; d++) total += shingleCount(wordOffsets[d + 1] - wordOffsets[d], k, wordsAndPairs);
  if (wordsAndPairs) k = 2;
  const flat = new Int32Array(total);
  const offsets = new Int32Array(n + 1);
  // By shingle id, grown with the shingles (a large document has millions of shingles, and may have
  // only hundreds of distinct ones: arrays of its size would be garbage of tens of megabytes, which
  // makes V8 collect the whole heap). `texts`: the texts that hold it; `lastText`: 1 + the last text
  // that held it (0: none yet), which keeps each shingle once per text without sorting.
  // With word pairs there are at most as many distinct shingles as distinct words and distinct pairs
  // of them: the arrays start at that size (at most 2^18), so that a large document grows them little.
  let pairsMet = 0;
  if (k === 2) for (let d = 0; d < n; d++) pairsMet += Math.max(0, wordOffsets[d + 1] - wordOffsets[d] - 1);
  const pairsAtMost = Math.min(pairsMet, (words.count * (words.count + 1)) / 2);
  const sized = Math.min(1 << 18, k === 2 ? Math.min(total, words.count + pairsAtMost) : 0);
  let texts = new Int32Array(Math.min(total, Math.max(1024, sized)));
  let lastText = new Int32Array(texts.length);
  // The pair table, grown at three quarters full (a small table also keeps its probes in the cache),
  // from the smallest power of two of at least 1,024 slots and as many as the pairs may be (at most 2^18).
  let pairMask = 1023;
  while (pairMask < (1 << 18) - 1 && pairMask + 1 < pairsAtMost) pairMask = pairMask * 2 + 1;
  let pairs: Int32Array = new Int32Array(k === 2 ? 3 * (pairMask + 1) : 0);
  let pairCount = 0;
  // A text of one word (or any word when k = 1) is a shingle of its own kind: word id → 1 + shingle id (0: none yet).
  const singles = new Int32Array(words.count);
  const longIds = new Map<string, number>();
  let count = 0;
  let at = 0;
  for (let d = 0; d < n; d++) {
    const w0 = wordOffsets[d];
    const length = wordOffsets[d + 1] - w0;
    const runs = shingleCount(length, k, wordsAndPairs);
    for (let r = 0; r < runs; r++) {
      let id: number;
      // With wordsAndPairs, the first `length` shingles are the words, then the pairs from word i = r − length.
      const single = length === 1 || k === 1 || (wordsAndPairs && r < length);
      const i = wordsAndPairs && !single ? r - length : r;
      if (single) {
        const word = wordIds[w0 + i];
        id = singles[word] - 1;
        if (id === -1) singles[word] = (id = count) + 1;
      } else if (k === 2) {
        let a = wordIds[w0 + i];
        let b = wordIds[w0 + i + 1];
        if (wordsAndPairs && b < a) {
          const c = a;
          a = b;
          b = c;
        }
        let slot = pairSlot(a, b, pairMask);
        for (;;) {
          const at3 = slot * 3;
          id = pairs[at3 + 2] - 1;
          if (id === -1) {
            pairs[at3] = a;
            pairs[at3 + 1] = b;
            pairs[at3 + 2] = (id = count) + 1;
            if (++pairCount * 4 > pairMask * 3) {
              pairs = growPairs(pairs, pairMask);
              pairMask = pairMask * 2 + 1;
            }
            break;
          }
          if (pairs[at3] === a && pairs[at3 + 1] === b) break;
          slot = (slot + 1) & pairMask;
        }
      } else {
        const key = Array.from(wordIds.subarray(w0 + i, w0 + i + Math.min(k, length))).join(' ');
        id = longIds.get(key) ?? -1;
        if (id === -1) longIds.set(key, (id = count));
      }
      if (id === count) {
        count++;
        if (count > texts.length) {
          const capacity = Math.min(total, texts.length * 2);
          const grownTexts = new Int32Array(capacity);
          grownTexts.set(texts);
          texts = grownTexts;
          const grownLast = new Int32Array(capacity);
          grownLast.set(lastText);
          lastText = grownLast;
        }
      }
      if (lastText[id] === d + 1) continue;
      lastText[id] = d + 1;
      texts[id]++;
      flat[at++] = id;
    }
    offsets[d + 1] = at;
  }
  return { flat, offsets, count, texts };
}

/**
 * {@link SearchSets} of `sets`: renumbers the shingles in the prefix order — fewest texts first, ties
 * by first appearance — so that the first ids of a run are the text's rarest shingles (its prefix),
 * and lays the runs out in the order the search takes the texts, each sorted (still a set of distinct
 * ids for the verification). No run is sorted by comparisons: the texts of each shingle are listed by
 * rank (an inverted index, a counting sort), and the ranks are then dealt out to the texts' runs in
 * ascending order. The runs are written over `sets.flat`, which is let go.
 */
function searchSets(sets: ShingleSets): SearchSets {
  const { flat, offsets, texts, count } = sets;
  const n = offsets.length - 1;
  // A counting sort of the ids by their number of texts (at most n), stable, so ties keep id order.
  const start = new Int32Array(n + 2);
  for (let s = 0; s < count; s++) start[texts[s] + 1]++;
  for (let c = 0; c <= n; c++) start[c + 1] += start[c];
  const levels = start.slice();
  const rank = new Int32Array(count);
  for (let s = 0; s < count; s++) rank[s] = start[texts[s]]++;
  // The texts in order of size, ties by index (a counting sort); texts without shingles come first.
  let maxSize = 0;
  for (let d = 0; d < n; d++) maxSize = Math.max(maxSize, offsets[d + 1] - offsets[d]);
  const bySize = new Int32Array(maxSize + 2);
  for (let d = 0; d < n; d++) bySize[offsets[d + 1] - offsets[d] + 1]++;
  for (let size = 0; size <= maxSize; size++) bySize[size + 1] += bySize[size];
  const order = new Int32Array(n);
  for (let d = 0; d < n; d++) order[bySize[offsets[d + 1] - offsets[d]]++] = d;
  // Where each text's run starts in that order (`runAt`), and each text's place in it.
  const runAt = new Int32Array(n + 1);
  const placeOf = new Int32Array(n);
  for (let p = 0; p < n; p++) {
    const d = order[p];
    placeOf[d] = p;
    runAt[p + 1] = runAt[p] + offsets[d + 1] - offsets[d];
  }
  // The places of the texts that hold the shingle of rank r: `byRank[rankEnd[r − 1] .. rankEnd[r])`
  // (rankEnd[−1] = 0); shingle s is in `texts[s]` runs.
  const total = offsets[n];
  const rankEnd = new Int32Array(count + 1);
  for (let s = 0; s < count; s++) rankEnd[rank[s] + 1] = texts[s];
  for (let r = 0; r < count; r++) rankEnd[r + 1] += rankEnd[r];
  const byRank = new Int32Array(total);
  for (let d = 0; d < n; d++) {
    const p = placeOf[d];
    for (let i = offsets[d], to = offsets[d + 1]; i < to; i++) byRank[rankEnd[rank[flat[i]]]++] = p;
  }
  // Each rank, in ascending order, appended to the runs of the texts that hold it.
  const runs = flat.subarray(0, total);
  const next = runAt.slice(0, n);
  for (let r = 0, e = 0; r < count; r++) for (const to = rankEnd[r]; e < to; e++) runs[next[byRank[e]]++] = r;
  return { runs, runAt, order, first: bySize[0], maxSize, count, unique: start[1], levels };
}

/**
 * The least overlap the exact check accepts, by the sum of two set sizes `sum`: `least[sum]` is the
 * smallest o ≥ 1 with `o / (sum − o) ≥ threshold` computed as {@link jaccardAt} computes it (so no
 * rounding can make a filter below stricter than the check). It grows with `sum`, as does the
 * quotient with `o`; it is never above ⌈sum / 2⌉ (a quotient ≥ 1).
 */
function leastOverlaps(maxSum: number, threshold: number): Int32Array {
  const least = new Int32Array(maxSum + 1);
  for (let sum = 1; sum <= maxSum; sum++) {
    let o = Math.max(1, Math.floor((threshold * sum) / (1 + threshold)) - 1);
    while (o < sum && o / (sum - o) < threshold) o++;
    least[sum] = o;
  }
  return least;
}

/**
 * Finds the pairs (AllPairs: Bayardo, Ma and Srikant 2007; PPJoin: Xiao, Wang, Lin and Yu,
 * "Efficient similarity joins for near duplicate detection", 2008), over the ranked sets of
 * {@link searchSets}. The texts are taken in order of size (ties by index), so every text already
 * in the index is at most as large as the one probing it. For a text x of size |x| and an earlier y:
 * - Size filter: the similarity is at most |y| / |x|, so y must have at least `smallest(|x|)`
 *   shingles. Each posting list holds texts in order of size, so the entries too small for x are
 *   skipped from its front for good (a start pointer per list only moves forward).
 * - Overlap: a pair reaches the threshold only with `least[|x| + |y|]` shared shingles or more.
 *   Its rarest shared shingle then lies in x's first |x| − least[|x| + smallest(|x|)] + 1 shingles
 *   (the probing prefix, |x| − ⌈t·|x|⌉ + 1 as {@link prefixSize}) and in y's first
 *   |y| − least[2·|y|] + 1 (the indexing prefix: x is at least as large as y). Only indexing
 *   prefixes are indexed (for a 25-word measure at t = 0.7: 5 of its 24 word pairs); x looks up
 *   each shingle of its probing prefix (8).
 * - Counting: while x reads the posting lists, it counts the shingles it shares with each y
 *   (`overlap[y]`); every shared shingle rarer than the one at hand was counted already. At a shared
 *   shingle at rank i in x and j in y, at most overlap[y] + 1 + min(|x| − i − 1, |y| − j − 1)
 *   shingles are shared (the positional filter); below the least overlap, y is dropped for this x.
 * - Verification: the shared shingles counted are exactly those up to m = the more common of x's
 *   last probing-prefix shingle and y's last indexing-prefix shingle; the others come after m in
 *   both runs. When the count plus the shingles left after m in the shorter of the two rests cannot
 *   reach the least overlap, the pair is dropped; the others ("candidates") are verified once by
 *   merging the two rests, which gives the exact overlap (stopped as soon as it cannot reach the
 *   least overlap) and so the exact similarity, `overlap / (|x| + |y| − overlap)` as {@link jaccard}.
 * Every filter only drops pairs that the exact check would reject. The work is the posting entries
 * read (`visited`) plus the candidates.
 * - Budget: before the index is built, a dry run of the lookups counts the entries each would read
 *   (the same order and size filter: exactly `visited`). When they come to more than half of `budget`, the most common
 *   shingles are left out — every shingle held by `commonIn` texts or more, `commonIn` the smallest
 *   number of texts for which the rest fit — from the index and from the lookups: each text's
 *   prefixes end before its first left-out shingle, and the verification resumes after those shorter
 *   prefixes, so it stays exact for every pair met. Candidates are pairs met through an entry read,
 *   never more than `visited`; so `visited + candidates` ≤ `budget`. The texts whose probing prefix
 *   lost a shingle are counted in `cut`.
 */
function probe(sets: SearchSets, threshold: number, budget: number): ProbeResult {
  const { runs: runsInOrder, runAt, order, first, maxSize, count, unique, levels } = sets;
  const n = runAt.length - 1;
  const least = leastOverlaps(2 * maxSize, threshold);
  // By size: the smallest partner size, the probing and the indexing prefix.
  const smallest = new Int32Array(maxSize + 1);
  const probing = new Int32Array(maxSize + 1);
  const indexing = new Int32Array(maxSize + 1);
  for (let size = 1; size <= maxSize; size++) {
    // The smallest m ≥ 1 with m / size ≥ threshold (or size), as the quotient computes it: every m
    // below ⌊threshold·size⌋ − 1 falls short, so the count starts there (from 1 it was quadratic in
    // the size of the largest text).
    let m = Math.max(1, Math.floor(threshold * size) - 1);
    while (m < size && m / size < threshold) m++;
    smallest[size] = m;
    probing[size] = size - least[size + m] + 1;
    indexing[size] = size - least[2 * size] + 1;
  }
  const shared = count - unique;
  // The budget: the shingles at or after `cutoff` (the most common) are left out; none unless needed.
  const cutoff = budgetCutoff(runsInOrder, runAt, first, count, unique, levels, smallest, probing, indexing, budget / 2);
  // Each text's prefixes without the left-out shingles (the runs are in rank order, so they are the last ones).
  const end = (from: number, length: number): number => {
    let e = length;
    while (e > 0 && runsInOrder[from + e - 1] >= cutoff) e--;
    return e;
  };
  // The inverted index of the shingles that more than one text holds (a unique one cannot make a
  // pair): shingle s's entries are `bounds[2(s − unique)] .. bounds[2(s − unique) + 1]` (its head and
  // tail, side by side: one cache line per lookup), within `postingFrom[s − unique] .. postingFrom[s − unique + 1]`.
  const postingFrom = new Int32Array(shared + 1);
  // By place p in the order: where the text's indexing prefix ends.
  const indexedEnd = new Int32Array(n);
  // The shingles of the texts that will be indexed (those whose indexing prefix holds a shared shingle).
  let runsTotal = 0;
  for (let p = first; p < n; p++) {
    const from = runAt[p];
    indexedEnd[p] = end(from, indexing[runAt[p + 1] - from]);
    const to = from + indexedEnd[p];
    for (let i = from; i < to; i++) if (runsInOrder[i] >= unique) postingFrom[runsInOrder[i] - unique + 1]++;
    if (to > from && runsInOrder[to - 1] >= unique) runsTotal += runAt[p + 1] - from;
  }
  for (let s = 0; s < shared; s++) postingFrom[s + 1] += postingFrom[s];
  const indexed = postingFrom[shared];
  const bounds = new Int32Array(2 * shared);
  for (let s = 0; s < shared; s++) bounds[2 * s] = bounds[2 * s + 1] = postingFrom[s];
  // Posting entries name texts by their place among the texts indexed so far (`k`, in the order they
  // were indexed), and what the verification reads of text k is kept together in that order: its run
  // (copied to `runs`, unless they are most of the shingles), and in `textMeta[4k .. 4k + 3]` where the run starts, its size, where its
  // indexing prefix ends and that prefix's last shingle. Whatever the document's size, the texts that
  // meet one another are then read from a few compact arrays, not from all over `flat` (when common
  // shingles make millions of candidates among a few thousand texts, most of the time went to cache
  // misses). Entry e is `postings[3e .. 3e + 2]`: the text k, its size and the shingle's rank in its
  // run, side by side. At 100,000 generated measures most texts met are dropped on their sizes and
  // prefixes alone, so their runs are not read at all (the run of a text met is a cache miss).
  const postings = new Int32Array(3 * indexed);
  const textOf = new Int32Array(n);
  const textMeta = new Int32Array(4 * n);
  // The lists the text at hand looks up and finds not empty: the shingle's place in its run, the list's head and tail.
  const lookAt = new Int32Array(maxSize + 1);
  const lookHead = new Int32Array(maxSize + 1);
  const lookTail = new Int32Array(maxSize + 1);
  let runsEnd = 0;
  // When the texts indexed hold most of the shingles, their runs are read where they are (a copy
  // would be as sparse, and writing it into fresh memory cost more than the search's lookups).
  const copied = 2 * runsTotal < runsInOrder.length;
  const runs = copied ? new Int32Array(runsTotal) : runsInOrder;
  let indexedTexts = 0;
  // Per indexed text k, the x it was last met by and the shingles counted since (−1: dropped for this x).
  const metBy = new Int32Array(n).fill(-1);
  const overlap = new Int32Array(n);
  const met = new Int32Array(n);
  // The shingles of the text x being verified: `marks[s] === marked` (marked = x + 1, set on x's first candidate).
  const marks = new Int32Array(count);
  let marked = 0;
  const pairs: SimilarPair[] = [];
  let candidates = 0;
  let visited = 0;
  let cutTexts = 0;
  let firstCut = n;
  for (let p = first; p < n; p++) {
    const x = order[p];
    const fromX = runAt[p];
    const sizeX = runAt[p + 1] - fromX;
    const smallestY = smallest[sizeX];
    const prefixX = end(fromX, probing[sizeX]);
    if (prefixX < probing[sizeX]) {
      cutTexts++;
      if (x < firstCut) firstCut = x;
    }
    let metCount = 0;
    // The unique shingles come first (lowest ids): skipped.
    let firstShared = 0;
    while (firstShared < sizeX && runsInOrder[fromX + firstShared] < unique) firstShared++;
    // The lookups in three passes over the prefix: the lists' heads and tails (the lists not empty
    // kept, by place i in the run, in `lookAt`), then the size filter on their first entries, then
    // their entries. The reads of one pass do not wait on one another, so their cache misses overlap
    // (one list after another, each read waited for the last: at 100,000 generated measures most of
    // the search's time).
    let looks = 0;
    for (let i = firstShared; i < prefixX; i++) {
      const s2 = 2 * (runsInOrder[fromX + i] - unique);
      const e = bounds[s2];
      const last = bounds[s2 + 1];
      lookAt[looks] = i;
      lookHead[looks] = e;
      lookTail[looks] = last;
      looks += e < last ? 1 : 0;
    }
    for (let l = 0; l < looks; l++) {
      const last = 3 * lookTail[l];
      let e = 3 * lookHead[l];
      if (postings[e + 1] >= smallestY) continue;
      while (e < last && postings[e + 1] < smallestY) e += 3;
      lookHead[l] = e / 3;
      bounds[2 * (runsInOrder[fromX + lookAt[l]] - unique)] = e / 3;
    }
    for (let l = 0; l < looks; l++) {
      const last = 3 * lookTail[l];
      let e = 3 * lookHead[l];
      const restX = sizeX - lookAt[l] - 1;
      for (; e < last; e += 3) {
        visited++;
        const y = postings[e];
        let shared = overlap[y];
        if (metBy[y] !== x) {
          metBy[y] = x;
          shared = 0;
          met[metCount++] = y;
        } else if (shared < 0) continue;
        const sizeY = postings[e + 1];
        const restY = sizeY - postings[e + 2] - 1;
        overlap[y] = shared + 1 + (restX < restY ? restX : restY) >= least[sizeX + sizeY] ? shared + 1 : -1;
      }
    }
    const indexX = indexedEnd[p];
    if (indexX > firstShared) {
      const k = indexedTexts++;
      textOf[k] = x;
      textMeta[4 * k] = copied ? runsEnd : fromX;
      textMeta[4 * k + 1] = sizeX;
      textMeta[4 * k + 2] = indexX;
      textMeta[4 * k + 3] = runsInOrder[fromX + indexX - 1];
      if (copied) {
        for (let i = 0; i < sizeX; i++) runs[runsEnd + i] = runsInOrder[fromX + i];
        runsEnd += sizeX;
      }
      for (let i = firstShared; i < indexX; i++) {
        const e = 3 * bounds[2 * (runsInOrder[fromX + i] - unique) + 1]++;
        postings[e] = k;
        postings[e + 1] = sizeX;
        postings[e + 2] = i;
      }
    }
    const toX = fromX + sizeX;
    // x met y, so both prefixes hold a shingle: their last ones are where the counting stopped.
    const lastX = metCount > 0 ? runsInOrder[fromX + prefixX - 1] : 0;
    for (let c = 0; c < metCount; c++) {
      const k = met[c];
      const shared = overlap[k];
      if (shared <= 0) continue;
      const fromY = textMeta[4 * k];
      const sizeY = textMeta[4 * k + 1];
      const indexY = textMeta[4 * k + 2];
      const lastY = textMeta[4 * k + 3];
      const toY = fromY + sizeY;
      const need = least[sizeX + sizeY];
      // The shared shingles not counted are those after min(lastX, lastY) in both: where each run
      // resumes. Before y's run is read, the rest of the run that is known without it bounds them
      // (x's after lastX, or y's after lastY): what it drops the test below would drop too.
      let i = fromX + prefixX;
      let j = fromY + indexY;
      if (lastX < lastY) {
        if (shared + (toX - i) < need) continue;
        j = fromY;
        while (j < toY && runs[j] <= lastX) j++;
      } else {
        if (shared + (toY - j) < need) continue;
        i = fromX;
        while (i < toX && runsInOrder[i] <= lastY) i++;
      }
      if (shared + Math.min(toX - i, toY - j) < need) continue;
      candidates++;
      // The exact overlap: the shingles of y's rest that x holds (x's rest holds every shingle of x
      // after the same point), counted through x's marks without a branch on their order; stopped as
      // soon as the shingles left cannot reach `need`.
      if (marked !== x + 1) {
        marked = x + 1;
        for (let at = fromX; at < toX; at++) marks[runsInOrder[at]] = marked;
      }
      let both = shared;
      for (; j < toY && both + (toY - j) >= need; j++) both += marks[runs[j]] === marked ? 1 : 0;
      if (both < need) continue;
      const similarity = both / (sizeX + sizeY - both);
      const y = textOf[k];
      if (similarity >= threshold && similarity > 0) pairs.push(y < x ? { first: y, second: x, similarity } : { first: x, second: y, similarity });
    }
  }
  if (cutoff >= count) return { pairs, candidates, indexed, visited };
  // The level of the cutoff: the number of texts that hold the shingle of rank `cutoff`.
  let commonIn = 2;
  while (levels[commonIn + 1] <= cutoff) commonIn++;
  return { pairs, candidates, indexed, visited, cut: { commonIn, skipped: count - cutoff, texts: cutTexts, first: firstCut } };
}

/**
 * The first rank left out by the budget of {@link probe} (`count` when none is). When the entries
 * indexed before each lookup come to at most `reads` (an upper bound of what the lookups read: it
 * leaves the size filter out), none is; else a dry
 * run of the search's lookups (the same order, prefixes and size filter, without counting or verifying) gives
 * the exact number of posting entries each shingle's lookups read; when they come to more than
 * `reads`, the shingles held by the fewest texts are kept, level by level, while their entries fit.
 * Leaving a shingle out changes no other shingle's list, so what is kept reads exactly that much.
 */
function budgetCutoff(
  runs: Int32Array,
  runAt: Int32Array,
  first: number,
  count: number,
  unique: number,
  levels: Int32Array,
  smallest: Int32Array,
  probing: Int32Array,
  indexing: Int32Array,
  reads: number,
): number {
  const n = runAt.length - 1;
  const shared = count - unique;
  // Each lookup reads at most the entries indexed before it (the size filter left out): counted in
  // the search's order, with how many texts index each shingle.
  const from = new Int32Array(shared + 1);
  let bound = 0;
  for (let p = first; p < n; p++) {
    const size = runAt[p + 1] - runAt[p];
    for (let i = runAt[p], to = i + probing[size]; i < to; i++) if (runs[i] >= unique) bound += from[runs[i] - unique + 1];
    for (let i = runAt[p], to = i + indexing[size]; i < to; i++) if (runs[i] >= unique) from[runs[i] - unique + 1]++;
  }
  // Within the budget even if every lookup read its whole list: no dry run needed.
  if (bound <= reads) return count;
  for (let s = 0; s < shared; s++) from[s + 1] += from[s];
  const head = from.slice(0, shared);
  const tail = from.slice(0, shared);
  const sizes = new Int32Array(from[shared]);
  const readsOf = new Float64Array(shared);
  let total = 0;
  for (let p = first; p < n; p++) {
    const fromX = runAt[p];
    const size = runAt[p + 1] - fromX;
    const smallestY = smallest[size];
    for (let i = fromX, to = fromX + probing[size]; i < to; i++) {
      const s = runs[i] - unique;
      if (s < 0) continue;
      let e = head[s];
      const last = tail[s];
      while (e < last && sizes[e] < smallestY) e++;
      head[s] = e;
      readsOf[s] += last - e;
      total += last - e;
    }
    for (let i = fromX, to = fromX + indexing[size]; i < to; i++) if (runs[i] >= unique) sizes[tail[runs[i] - unique]++] = size;
  }
  if (total <= reads) return count;
  let kept = 0;
  for (let c = 2; c <= n; c++) {
    let level = 0;
    for (let r = levels[c]; r < levels[c + 1]; r++) level += readsOf[r - unique];
    if (kept + level > reads) return levels[c];
    kept += level;
  }
  return count;
}
