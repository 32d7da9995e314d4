/**
 * "Did you mean …?": the names nearest to a misspelt one, by edit distance. Used for references
 * (`[[#arbied]]` → `[[#arbeid]]`), front-matter keys (`yaer` → `year`) and configuration keys.
 */

/**
 * The optimal-string-alignment distance between `a` and `b` (insertions, deletions, substitutions and
 * swaps of two neighbouring characters each cost 1), counted in UTF-16 code units; or `max + 1` as
 * soon as it is known to exceed `max`. Cost O(|a| · (2·max + 1)): only a band of the table is filled.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = a.length;
  const m = b.length;
  const big = max + 1;
  if (scratch.length < 3 * (m + 1)) scratch = new Int32Array(Math.max(3 * (m + 1), 2 * scratch.length));
  // Three rows of the table (two back, for swaps), in one reused buffer; cells outside the band stay `big`.
  let prev2 = 0;
  let prev = m + 1;
  let row = 2 * (m + 1);
  const t = scratch;
  t.fill(big, 0, 3 * (m + 1));
  for (let j = 0; j <= Math.min(m, max); j++) t[prev + j] = j;
  for (let i = 1; i <= n; i++) {
    t.fill(big, row, row + m + 1);
    const from = Math.max(1, i - max);
    const to = Math.min(m, i + max);
    if (i <= max) t[row] = i;
    let best = t[row];
    const ca = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const cb = b.charCodeAt(j - 1);
      let d = Math.min(t[prev + j] + 1, t[row + j - 1] + 1, t[prev + j - 1] + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) d = Math.min(d, t[prev2 + j - 2] + 1);
      t[row + j] = Math.min(d, big);
      if (t[row + j] < best) best = t[row + j];
    }
    if (best > max) return big;
    const old = prev2;
    prev2 = prev;
    prev = row;
    row = old;
  }
  return Math.min(t[prev + m], big);
}

/** The rows of {@link editDistance}, reused between calls (grown when a longer name comes). */
let scratch = new Int32Array(3 * 64);

/**
 * The largest edit distance at which a name of `length` code units still counts as a likely slip:
 * 1 for names up to 5 characters, 2 up to 8, then 3.
 */
export function typoAllowance(length: number): number {
  return length <= 5 ? 1 : length <= 8 ? 2 : 3;
}

/**
 * The candidates nearest to `name`, best first: those within {@link typoAllowance} of it, ordered by
 * distance and then by their order in `candidates`. At most `limit` are returned.
 */
export function nearest(name: string, candidates: Iterable<string>, limit = 3): string[] {
  const max = typoAllowance(name.length);
  const found: { candidate: string; distance: number; order: number }[] = [];
  let order = 0;
  for (const candidate of candidates) {
    const distance = editDistance(name, candidate, max);
    if (distance <= max && candidate !== name) found.push({ candidate, distance, order });
    order++;
  }
  found.sort((x, y) => x.distance - y.distance || x.order - y.order);
  return found.slice(0, limit).map((f) => f.candidate);
}
