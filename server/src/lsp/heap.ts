/**
 * How much the language server's heaps may grow between full garbage collections (issue 15: the server
 * stays well under 1 GB resident in the long soak of test/soak.ts).
 *
 * V8 collects a heap's old generation again once it has grown past what the last full collection kept
 * by a factor it picks itself: up to 4 when the heap may grow to gigabytes (node's default limit is a
 * quarter of the memory, up to 4 GB). The server makes garbage fast: a new text of a document at each
 * keystroke (a string of hundreds of kilobytes, which V8 puts in the old generation at once), a copy of
 * it for a worker at each analysis, the answers. In the long soak a worker that held 150 MB grew to
 * 500 MB before its collection, and the process's resident set past 1 GB; with the factor at 1.5 the
 * same soak peaked at about 740 MB, for about 8 % more CPU time (measured side by side, same load).
 *
 * V8's flags are the process's: set once, in the server's process (lsp/main.ts), before the workers
 * start, it holds for the server's thread and for each worker.
 */
import v8 from 'node:v8';

/** How much a heap may grow past what the last full collection kept, in percent: 50 (1.5 times). */
export const HEAP_GROWING_PERCENT = 50;

/**
 * The growth to use, in percent: `PROGRAMME_HEAP_GROWING_PERCENT` from `env` when it is a whole number
 * from 0 (V8's own factor) up, else {@link HEAP_GROWING_PERCENT}.
 */
export function heapGrowingPercent(env: Record<string, string | undefined>): number {
  const text = env.PROGRAMME_HEAP_GROWING_PERCENT?.trim();
  const value = Number(text);
  return text !== undefined && text !== '' && Number.isInteger(value) && value >= 0 ? value : HEAP_GROWING_PERCENT;
}

/**
 * Sets V8's `--heap-growing-percent` for this process to {@link heapGrowingPercent} of `env` (0: leaves
 * V8's own factor); returns the percent set.
 */
export function limitHeapGrowth(env: Record<string, string | undefined>): number {
  const percent = heapGrowingPercent(env);
  if (percent > 0) v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
  return percent;
}

/**
 * The young generation of each worker thread, in MB (`resourceLimits.maxYoungGenerationSizeMb` of
 * lsp/hosts.ts's workers; V8 makes its two semi-spaces a third of it each: 32 MB, where its default is
 * 16 MB). A keystroke in a 10,000-measure document makes about 14 MB of objects in the worker (the
 * syntax tree and model past the edit), which live until the next version replaces them: with 16 MB
 * semi-spaces nearly every analysis ran a scavenge that copied the new version's objects, and promoted
 * them to the old generation, whose collections came every few keystrokes. With 32 MB most scavenges
 * find the version before dead (issue 15: keystroke at 10,000 measures, server CPU per keystroke
 * about 58 → 49 ms; the analysis alone in one process about 24 → 19 ms of CPU). A worker's resident
 * set may grow by up to 32 MB more (the semi-spaces' added size, only once used).
 */
export const WORKER_YOUNG_GENERATION_MB = 96;
