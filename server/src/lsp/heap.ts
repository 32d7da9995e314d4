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
