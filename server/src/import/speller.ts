/**
 * Spelling dictionaries for the import (the `Speller` of outline.ts). Nothing here touches the file
 * system: `node/dictionaries.ts` reads the files and calls these.
 *
 * nspell expands every stem of a `.dic` file with all its affixes when it is made: for dictionary-nb
 * (334,000 stems, 940,000 forms) about 3–4 s, longer than a whole import may take. So the build
 * expands each dictionary once with nspell into a sorted list of the forms nspell accepts
 * (scripts/dictionaries.mjs), and {@link wordListSpeller} looks words up in it; {@link makeSpeller} is
 * nspell itself, for when there is no list.
 */
import nspell from 'nspell';
import type { Speller } from './outline';

/**
 * A speller from the text of a hunspell `.aff` and `.dic` file (UTF-8): nspell with the whole
 * dictionary, expanded when it is made (1.4–4 s for the nb, nn and de dictionaries). The build's word
 * lists ({@link wordListSpeller}) are the fast way; this one is for when there are none.
 */
export function makeSpeller(aff: string, dic: string): Speller {
  const spell = nspell(aff, dic);
  return { correct: (w) => spell.correct(w), suggest: (w) => spell.suggest(w) };
}

/**
 * A speller that knows exactly `words` (no affixes), for tests and for lists of names: a word is
 * correct as written, in capitals, or with its first letter capitalised when it is listed in lower case
 * (nspell's rules of case).
 */
export function spellerFor(words: string[]): Speller {
  const spell = nspell('SET UTF-8\n', `${words.length}\n${words.join('\n')}\n`);
  return { correct: (w) => spell.correct(w), suggest: (w) => spell.suggest(w) };
}

/**
 * A speller from a sorted list of every accepted word form, one per line (the lists that
 * scripts/dictionaries.mjs makes from nspell at build time): lookups by binary search, with nspell's
 * rules of case (a word in capitals is right when its lower-case or capitalised form is listed; a
 * capitalised word when its lower-case form is). Much faster to make than nspell's own expansion of
 * the dictionary. `suggest` gives nothing: the import does not use suggestions.
 */
export function wordListSpeller(text: string): Speller {
  const words = text.split('\n');
  const has = (w: string): boolean => {
    let lo = 0;
    let hi = words.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = words[mid];
      if (at === w) return true;
      if (at < w) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  };
  return {
    correct(word: string): boolean {
      if (word === '' || has(word)) return true;
      const lower = word.toLowerCase();
      if (word === word.toUpperCase() && word !== lower) return has(lower) || has(lower[0].toUpperCase() + lower.slice(1));
      if (word[0] !== word[0].toLowerCase()) return has(word[0].toLowerCase() + word.slice(1));
      return false;
    },
    suggest: () => [],
  };
}
