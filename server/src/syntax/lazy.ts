/**
 * Values made on first use instead of when their module loads. For the regular expressions with
 * Unicode properties (`\p{L}`, …) that a check of most programmes never runs: V8 builds their character
 * classes from the Unicode tables when the expression is made, about 0.15 ms each, and a dozen of them
 * were made at every start of the CLI and the server (callgrind: about 20 M instructions of a whole
 * `programme check` of the example).
 */

/** A function that returns `make()`, called on its first use and kept. */
export function lazily<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
