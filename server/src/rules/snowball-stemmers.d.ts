/**
 * The part of snowball-stemmers 0.6 (a CommonJS package without its own types, a port of the Snowball
 * stemmers) that `similar-measures` uses: a stemmer made by the name of its algorithm; `stem` takes one
 * lower-case word and gives its stem (`kommunene` → `kommun` in Norwegian). Throws for an unknown name.
 */
declare module 'snowball-stemmers' {
  export interface SnowballStemmer {
    stem(word: string): string;
  }
  export function newStemmer(algorithm: string): SnowballStemmer;
  export function algorithms(): string[];
}
