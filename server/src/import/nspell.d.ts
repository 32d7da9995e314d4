/**
 * The part of nspell 2.1 (a CommonJS package without its own types) that the import uses: a hunspell
 * dictionary made from the text of an `.aff` and a `.dic` file; `data` maps every known form to its
 * flags (scripts/dictionaries.mjs lists them).
 */
declare module 'nspell' {
  export interface NSpell {
    correct(word: string): boolean;
    suggest(word: string): string[];
    data: Record<string, unknown>;
  }
  function nspell(aff: string | Uint8Array, dic?: string | Uint8Array): NSpell;
  function nspell(dictionary: { aff: string | Uint8Array; dic?: string | Uint8Array }): NSpell;
  export default nspell;
}
