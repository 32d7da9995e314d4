/**
 * Word forms for the near-duplicate search (`similar-measures`, docs/rules.md): which language a
 * programme is written in, which of its words are stop words ("og", "i", "der", "the"), and the stem of
 * every other word, so that "rekrutteringen" and "rekruttering", "studenter" and "studentene" count as
 * the same word.
 *
 * - Stems: the Snowball stemmers (snowball-stemmers, a port of snowball.tartarus.org): Norwegian for
 *   nb and nn, German for de, English for en. They cut endings by rule, with no dictionary: the forms
 *   of one word mostly get one stem (`kommunen`, `kommunene`, `kommuner` → `kommun`), and now and then
 *   two different words get the same one, or two forms of a word different ones (`bok`, `bøker`).
 * - Stop words: stopword's lists `nob` (Bokmål, 117 words), `deu` (German) and `eng` (English); for
 *   Nynorsk, `nob` and {@link NYNORSK_FUNCTION_WORDS}. Compared folded (fold.ts: `groß` as `gross`).
 * - The language ({@link documentLanguage}): the front matter's `lang` when it names one of ours; when
 *   it names another, none (words are compared as written, with no stop words); without a `lang`, a
 *   guess from how many words of the document's first 20,000 characters are stop words of each
 *   language ({@link guessLanguage}), or none when no language clearly wins.
 *
 * Pure: the stemmers keep no state between words.
 */
import { newStemmer, type SnowballStemmer } from 'snowball-stemmers';
import { deu, eng, nob } from 'stopword';
import { declaredLanguageTag, languageOfTag } from '../l10n/index';
import { foldedWords, foldText } from './fold';

/** A language whose word forms the near-duplicate search knows. */
export type WordFormLanguage = 'nb' | 'nn' | 'de' | 'en';

/**
 * Nynorsk function words that stopword's Bokmål list (`nob`) lacks: pronouns, determiners, question
 * words, conjunctions, adverbs and forms of "vere" and "verte", as Nynorsk spells them; written for
 * this project. With `nob`, the stop words of a Nynorsk programme.
 */
export const NYNORSK_FUNCTION_WORDS: readonly string[] = [
  'anten', 'berre', 'dei', 'deim', 'deira', 'dersom', 'desse', 'di', 'difor', 'dine', 'dykk', 'dykkar', 'då', 'eg', 'ei', 'eigen', 'ein',
  'eit', 'elles', 'fleire', 'frå', 'hjå', 'ho', 'honom', 'ikkje', 'inga', 'ingi', 'kor', 'korleis', 'kva', 'kvar', 'kvarandre', 'kven',
  'kvifor', 'medan', 'mi', 'mine', 'mykje', 'no', 'noko', 'nokon', 'nokre', 'sidan', 'sjølv', 'somme', 'utan', 'vart', 'vere', 'vert',
  'verte', 'viss', 'vore', 'vårt', 'våre', 'òg',
];

/**
 * Common function words of Nynorsk and their Bokmål counterparts (`ikkje` and `ikke`), which tell the
 * two apart in a guess; words both write alike (`vår`, `mine`) or that mean something else in the
 * other (`no`, `kor`, `vart`) are not among them.
 */
const NYNORSK_MARKERS: readonly string[] = ['berre', 'dei', 'ein', 'eit', 'eg', 'frå', 'fleire', 'hjå', 'ikkje', 'korleis', 'kva', 'kven', 'kvifor', 'medan', 'mykje', 'noko', 'nokon', 'nokre', 'sidan', 'sjølv', 'utan', 'vere', 'vore'];
const BOKMÅL_MARKERS: readonly string[] = ['bare', 'de', 'en', 'et', 'jeg', 'fra', 'flere', 'hos', 'ikke', 'hvordan', 'hva', 'hvem', 'hvorfor', 'mens', 'mye', 'noe', 'noen', 'siden', 'selv', 'uten', 'være', 'vært'];

/** What the near-duplicate search does with the words of one language. */
export interface WordForms {
  readonly language: WordFormLanguage;
  /** True for a stop word; `word` is folded (fold.ts), as `foldedWords` gives it. */
  isStopWord(word: string): boolean;
  /** The stem of a folded word that is not a stop word (a word without letters is its own stem). */
  stem(word: string): string;
}

/** A folded stop-word list: the entries that fold to exactly one word (stopword's `d.h` and `z.b` are two). */
function foldedSet(...lists: readonly (readonly string[])[]): Set<string> {
  const out = new Set<string>();
  for (const list of lists) {
    for (const entry of list) {
      const words = foldedWords(foldText(entry));
      if (words.length === 1) out.add(words[0]);
    }
  }
  return out;
}

const SNOWBALL: Record<WordFormLanguage, string> = { nb: 'norwegian', nn: 'norwegian', de: 'german', en: 'english' };
const made = new Map<WordFormLanguage, WordForms>();
let stopLists: Record<WordFormLanguage, Set<string>> | undefined;

/** The stop words of each language, folded (made on first use). */
function stopWords(): Record<WordFormLanguage, Set<string>> {
  stopLists ??= { nb: foldedSet(nob), nn: foldedSet(nob, NYNORSK_FUNCTION_WORDS), de: foldedSet(deu), en: foldedSet(eng) };
  return stopLists;
}

/** The word forms of `language` (one object per language, its stemmer made on first use). */
export function wordFormsOf(language: WordFormLanguage): WordForms {
  let forms = made.get(language);
  if (forms === undefined) {
    const stop = stopWords()[language];
    let stemmer: SnowballStemmer | undefined;
    forms = {
      language,
      isStopWord: (word) => stop.has(word),
      stem: (word) => (stemmer ??= newStemmer(SNOWBALL[language])).stem(word),
    };
    made.set(language, forms);
  }
  return forms;
}

/** How many characters from the start of a document {@link documentLanguage} reads to guess its language. */
export const GUESS_SAMPLE = 20000;

/**
 * The language whose word forms `similar-measures` uses for a document with the text `text`: the
 * front matter's `lang` (l10n's `declaredLanguageTag`) when it names nb, nn, de or en (`no` counts as
 * nb); undefined when it names another language; without `lang`, {@link guessLanguage} of the first
 * {@link GUESS_SAMPLE} characters.
 */
export function documentLanguage(text: string): WordFormLanguage | undefined {
  const tag = declaredLanguageTag(text);
  if (tag !== undefined) return languageOfTag(tag);
  return guessLanguage(text.length > GUESS_SAMPLE ? text.slice(0, GUESS_SAMPLE) : text);
}

/**
 * A guess at the language of `text` from its stop words: the share of its folded words that are stop
 * words of Norwegian (Bokmål and Nynorsk together), German and English. A language wins with at least
 * 20 words of text, when at least 15 % of the words are its stop words and at least twice as many as
 * of the runner-up; else undefined. Norwegian is Nynorsk when more of its words are common Nynorsk
 * function words than are their Bokmål counterparts (`ikkje` against `ikke`, `frå` against `fra`,
 * `ein` against `en`), else Bokmål. Danish and Swedish text may be read as Norwegian.
 */
export function guessLanguage(text: string): WordFormLanguage | undefined {
  const words = foldedWords(foldText(text));
  if (words.length < 20) return undefined;
  const lists = stopWords();
  const nynorsk = new Set(NYNORSK_MARKERS);
  const bokmål = new Set(BOKMÅL_MARKERS);
  let norwegian = 0;
  let german = 0;
  let english = 0;
  let nn = 0;
  let nb = 0;
  for (const word of words) {
    if (lists.nn.has(word)) norwegian++;
    if (lists.de.has(word)) german++;
    if (lists.en.has(word)) english++;
    if (nynorsk.has(word)) nn++;
    else if (bokmål.has(word)) nb++;
  }
  const ranked = [
    { language: nn > nb ? ('nn' as const) : ('nb' as const), hits: norwegian },
    { language: 'de' as const, hits: german },
    { language: 'en' as const, hits: english },
  ].sort((a, b) => b.hits - a.hits);
  const [best, second] = ranked;
  return best.hits >= 0.15 * words.length && best.hits >= 2 * second.hits ? best.language : undefined;
}
