/**
 * The part of nspell 2.1 (a CommonJS package without its own types) that the import uses: a hunspell
 * dictionary made from the text of an `.aff` and a `.dic` file. `dictionary` adds more `.dic` text
 * (its first line is the word count and is skipped); `data` maps every known form to its flags.
 */
declare module 'nspell' {
  export interface NSpell {
    correct(word: string): boolean;
    suggest(word: string): string[];
    dictionary(dic: string | Uint8Array): NSpell;
    data: Record<string, unknown>;
    compoundRules: unknown[];
    conversion: { in: unknown[]; out: unknown[] };
    flags: Record<string, unknown>;
  }
  function nspell(aff: string | Uint8Array, dic?: string | Uint8Array): NSpell;
  function nspell(dictionary: { aff: string | Uint8Array; dic?: string | Uint8Array }): NSpell;
  export default nspell;
}
