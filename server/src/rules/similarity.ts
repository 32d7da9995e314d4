/**
 * A near-duplicate index: finds the pairs of texts whose word shingles have a Jaccard similarity at
 * or above a threshold, without comparing every pair (`similar-measures`, docs/rules.md).
 * Pure and reusable: it takes word lists, not measures.
 *
 * Method: an inverted index of rare shingles ("prefix filtering": Chaudhuri, Ganti and Kaushik 2006;
 * Bayardo, Ma and Srikant, "Scaling up all pairs similarity search", 2007).
 * - Shingles: each text is the set of its overlapping runs of `k` words (default 2: "innføre gratis",
 *   "gratis skolemat", …); a text shorter than `k` words is one shingle of all its words. Words and
 *   shingles are interned to integer ids, so the sets and the similarity are exact.
 * - Similarity: Jaccard, |A ∩ B| / |A ∪ B| of two shingle sets, 0..1. With word pairs, a 20-word
 *   measure with one word changed scores 17/21 ≈ 0.81, with two words changed (apart) ≈ 0.65.
 * - Rare first: every set is ordered by how many texts hold each shingle (the rarest first, ties by
 *   first appearance). If J(A, B) ≥ t then |A ∩ B| ≥ ⌈t·|A|⌉, so A and B must share one of the
 *   first |A| − ⌈t·|A|⌉ + 1 shingles of A's order and likewise of B's (the "prefixes"). Only prefix
 *   shingles are indexed (for a 25-word measure at t = 0.7: its 8 rarest word pairs).
 * - Candidates: the texts that share a prefix shingle with an earlier text, whose sizes allow the
 *   threshold (t·|A| ≤ |B| ≤ |A|/t). Each candidate pair is verified once with the exact Jaccard
 *   similarity; only pairs at or above the threshold are returned.
 * - Cost: linear in the number of words, plus the candidates. Rare shingles have short posting lists,
 *   so candidates stay few for real text (see bench/similarity.ts for figures); they grow towards all
 *   pairs only when many texts are made of the same few common word pairs, or at low thresholds.
 * - Deterministic: no hashing and no randomness; the same texts give the same pairs in the same order.
 *
 * What it can miss: nothing that the measure sees (every pair with a similarity at or above the
 * threshold is found). What the measure does not see:
 * - meaning: a measure reworded with synonyms, with reordered clauses, or written in the other
 *   written standard (bokmål/nynorsk) scores low;
 * - containment: a short measure repeated inside a long one scores low (10 words inside 40: about
 *   0.25), because Jaccard divides by the union;
 * - texts without words (only punctuation) are never compared, and a pair with no word pair in common
 *   is never returned, even at threshold 0.
 */

/** Options of {@link findSimilarPairs}. */
export interface SimilarityOptions {
  /** Jaccard similarity 0..1 at or above which a pair is returned; values ≤ 0 return every pair with a shingle in common. */
  threshold: number;
  /** Words per shingle; default 2. */
  shingleSize?: number;
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
  /** Prefix shingles indexed (entries of the inverted index). */
  indexed: number;
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
 * The size of the prefix of a set of `size` shingles at threshold `t`: `size − ⌈t·size⌉ + 1`,
 * at least 1 and at most `size` (a small tolerance keeps `0.7 × 10` from rounding up to 8).
 */
export function prefixSize(size: number, t: number): number {
  if (t <= 0) return size;
  const overlap = Math.max(1, Math.ceil(t * size - 1e-9));
  return Math.min(size, size - overlap + 1);
}

/** murmur3's 32-bit finaliser, for the pair table's slots. */
function fmix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Interns pairs of word ids to shingle ids: an open-addressing table in typed arrays, grown by doubling. */
class PairTable {
  private firsts = new Int32Array(1024);
  private seconds = new Int32Array(1024);
  private ids = new Int32Array(1024).fill(-1);
  private mask = 1023;
  size = 0;

  /** The id of the pair (a, b), or `next` when it is new (the caller then counts it). */
  intern(a: number, b: number, next: number): number {
    let slot = fmix32(Math.imul(a, 0x9e3779b1) ^ b) & this.mask;
    for (;;) {
      const id = this.ids[slot];
      if (id === -1) {
        this.firsts[slot] = a;
        this.seconds[slot] = b;
        this.ids[slot] = next;
        if (++this.size * 2 > this.mask) this.grow();
        return next;
      }
      if (this.firsts[slot] === a && this.seconds[slot] === b) return id;
      slot = (slot + 1) & this.mask;
    }
  }

  private grow(): void {
    const { firsts, seconds, ids } = this;
    const capacity = ids.length * 2;
    this.firsts = new Int32Array(capacity);
    this.seconds = new Int32Array(capacity);
    this.ids = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
    for (let i = 0; i < ids.length; i++) {
      if (ids[i] === -1) continue;
      let slot = fmix32(Math.imul(firsts[i], 0x9e3779b1) ^ seconds[i]) & this.mask;
      while (this.ids[slot] !== -1) slot = (slot + 1) & this.mask;
      this.firsts[slot] = firsts[i];
      this.seconds[slot] = seconds[i];
      this.ids[slot] = ids[i];
    }
  }
}

/**
 * Finds every pair of `texts` (each a list of words, for example from `foldedWords`) whose shingle
 * sets have a Jaccard similarity ≥ `options.threshold` (see the module comment for the method).
 * Linear in the total number of words plus the number of candidate pairs.
 */
export function findSimilarPairs(texts: readonly (readonly string[])[], options: SimilarityOptions): SimilarityResult {
  const k = Math.max(1, Math.floor(options.shingleSize ?? 2));
  const threshold = Math.min(1, options.threshold);
  const n = texts.length;

  // Shingle ids of every text, flat: text d's sorted, distinct ids are flat[offsets[d] .. offsets[d + 1]).
  let total = 0;
  for (const words of texts) total += words.length === 0 ? 0 : Math.max(1, words.length - k + 1);
  const flat = new Int32Array(total);
  const offsets = new Int32Array(n + 1);
  const wordIds = new Map<string, number>();
  const pairTable = k === 2 ? new PairTable() : undefined;
  const longIds = new Map<string, number>();
  let shingleCount = 0;
  const wordId = (word: string) => {
    let id = wordIds.get(word);
    if (id === undefined) wordIds.set(word, (id = wordIds.size));
    return id;
  };
  const counts: number[] = [];
  let at = 0;
  const ids: number[] = [];
  for (let d = 0; d < n; d++) {
    const words = texts[d];
    ids.length = 0;
    for (const w of words) ids.push(wordId(w));
    const runs = ids.length === 0 ? 0 : Math.max(1, ids.length - k + 1);
    const start = at;
    for (let i = 0; i < runs; i++) {
      let id: number;
      if (ids.length === 1 || k === 1) {
        // One word: its own key space, kept apart from pairs by the string table.
        const key = `\u0001${ids[i]}`;
        id = longIds.get(key) ?? -1;
        if (id === -1) longIds.set(key, (id = shingleCount));
      } else if (pairTable !== undefined) {
        id = pairTable.intern(ids[i], ids[i + 1], shingleCount);
      } else {
        const key = ids.slice(i, i + Math.min(k, ids.length)).join(' ');
        id = longIds.get(key) ?? -1;
        if (id === -1) longIds.set(key, (id = shingleCount));
      }
      if (id === shingleCount) {
        shingleCount++;
        counts.push(0);
      }
      flat[at++] = id;
    }
    // Sort and deduplicate this text's ids; count each distinct shingle once per text.
    const slice = flat.subarray(start, at).sort();
    let w = start;
    for (let i = 0; i < slice.length; i++) {
      if (i > 0 && slice[i] === slice[i - 1]) continue;
      flat[w++] = slice[i];
      counts[slice[i]]++;
    }
    at = w;
    offsets[d + 1] = at;
  }

  // Prefixes: each text's rarest shingles (fewest texts, then lowest id), sorted as count·2^32 + id.
  const prefixOffsets = new Int32Array(n + 1);
  const prefixes = new Int32Array(at);
  let p = 0;
  let order = new Float64Array(64);
  for (let d = 0; d < n; d++) {
    const size = offsets[d + 1] - offsets[d];
    if (size > 0) {
      if (order.length < size) order = new Float64Array(size * 2);
      const view = order.subarray(0, size);
      for (let i = 0; i < size; i++) {
        const id = flat[offsets[d] + i];
        view[i] = counts[id] * 4294967296 + id;
      }
      view.sort();
      const take = prefixSize(size, threshold);
      for (let i = 0; i < take; i++) prefixes[p++] = view[i] % 4294967296;
    }
    prefixOffsets[d + 1] = p;
  }

  // The inverted index of prefix shingles: for each shingle, the texts whose prefix holds it, ascending.
  const postingStart = new Int32Array(shingleCount + 1);
  for (let i = 0; i < p; i++) postingStart[prefixes[i] + 1]++;
  for (let s = 0; s < shingleCount; s++) postingStart[s + 1] += postingStart[s];
  const fill = postingStart.slice(0, shingleCount);
  const postings = new Int32Array(p);
  for (let d = 0; d < n; d++) for (let i = prefixOffsets[d]; i < prefixOffsets[d + 1]; i++) postings[fill[prefixes[i]]++] = d;

  // Probe: each text against the earlier texts in the posting lists of its prefix.
  const seen = new Int32Array(n).fill(-1);
  const pairs: SimilarPair[] = [];
  let candidates = 0;
  const tolerance = 1e-9;
  for (let x = 0; x < n; x++) {
    const sizeX = offsets[x + 1] - offsets[x];
    for (let i = prefixOffsets[x]; i < prefixOffsets[x + 1]; i++) {
      const s = prefixes[i];
      for (let e = postingStart[s]; e < postingStart[s + 1]; e++) {
        const y = postings[e];
        if (y >= x) break;
        if (seen[y] === x) continue;
        seen[y] = x;
        const sizeY = offsets[y + 1] - offsets[y];
        if (sizeY < threshold * sizeX - tolerance || sizeX < threshold * sizeY - tolerance) continue;
        candidates++;
        const similarity = jaccardAt(flat, offsets[y], offsets[y + 1], flat, offsets[x], offsets[x + 1]);
        if (similarity >= threshold && similarity > 0) pairs.push({ first: y, second: x, similarity });
      }
    }
  }
  pairs.sort((a, b) => a.second - b.second || a.first - b.first);
  return { pairs, candidates, shingles: shingleCount, indexed: p };
}
