/**
 * Excerpts in the documentation that must be real output (test/export/excerpts.test.ts,
 * test/amendments/example.test.ts): an excerpt is runs of lines, split at lines `…` (lines left out).
 */

/**
 * Where the first run of `excerpt` (split at `…` lines) that is not in `lines`, in order and each run
 * whole, starts; undefined when all are.
 */
export function missingRun(excerpt: string[], lines: string[]): string | undefined {
  let from = 0;
  const runs: string[][] = [[]];
  for (const line of excerpt) {
    if (line.trim() === '…') runs.push([]);
    else runs[runs.length - 1].push(line);
  }
  for (const run of runs.filter((r) => r.length > 0)) {
    let at = -1;
    for (let i = from; i + run.length <= lines.length && at < 0; i++) if (run.every((l, k) => lines[i + k] === l)) at = i;
    if (at < 0) return run[0];
    from = at + run.length;
  }
  return undefined;
}
