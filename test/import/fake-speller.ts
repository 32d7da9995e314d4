import type { Speller } from '../../server/src/import/outline';

/**
 * A speller for tests, from a word list: a word is right when it is in the list, or when it is a word
 * of the list with its first letter made capital (as nspell accepts a small word at a sentence's start).
 * It suggests nothing.
 */
export function fakeSpeller(words: Iterable<string>): Speller {
  const known = new Set(words);
  return {
    correct: (word) => known.has(word) || (word.length > 0 && known.has(word[0].toLowerCase() + word.slice(1))),
    suggest: () => [],
  };
}

/** The words the fixtures' speller knows (Norwegian and German, made up for the fixtures). */
export const FIXTURE_WORDS = [
  'finne', 'flott', 'offentlig', 'offentlige', 'profilfagene', 'elevene', 'skolemat', 'aktivitet',
  'Bundesland', 'Landesebene', 'Nordrhein', 'praktisk', 'tilbud', 'mellominntekter', 'arbeidsliv',
  'land', 'til', 'og', 'eller', 'und', 'oder', 'Manfred', 'von',
];
