/**
 * The near-duplicate pairs of some shingle sets found by comparing all of them, for the tests of the
 * index (similarity.ts): every pair `i~j:similarity` (i < j, ordered by j then i) whose sets share a
 * shingle and whose Jaccard similarity, computed as the index computes it (shared / union), is at
 * least `threshold`.
 */
export function pairsAtOrAbove(sets: readonly ReadonlySet<string>[], threshold: number): string[] {
  const out: string[] = [];
  for (let j = 0; j < sets.length; j++) {
    for (let i = 0; i < j; i++) {
      let both = 0;
      for (const s of sets[j]) if (sets[i].has(s)) both++;
      const union = sets[i].size + sets[j].size - both;
      if (both > 0 && both / union >= threshold) out.push(`${i}~${j}:${both / union}`);
    }
  }
  return out;
}
