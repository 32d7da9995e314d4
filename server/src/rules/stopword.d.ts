/**
 * The part of stopword 3 (a package without its own types) that `similar-measures` uses: its lists of
 * stop words, lower case, by ISO 639-3 code (`nob` Norwegian Bokmål, `deu` German, `eng` English).
 */
declare module 'stopword' {
  export const nob: string[];
  export const deu: string[];
  export const eng: string[];
}
