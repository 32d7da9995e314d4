/**
 * Word forms for the near-duplicate search (`similar-measures`, docs/rules.md): which language a
 * programme is written in, which of its words are stop words ("og", "i", "der", "the"), and the stem of
 * every other word, so that "rekrutteringen" and "rekruttering", "studenter" and "studentene" count as
 * the same word.
 *
 * - Stems: the Snowball stemmers (snowballstem.org): Norwegian for nb and nn ({@link norwegianStem},
 *   written out here: the same stems as snowball-stemmers' and about a hundred times faster), German
 *   for de and English for en (snowball-stemmers, a port of them). They cut endings by rule, with no
 *   dictionary: the forms of one word mostly get one stem (`kommunen`, `kommunene`, `kommuner` →
 *   `kommun`), and now and then two different words get the same one, or two forms of a word
 *   different ones (`bok`, `bøker`).
 * - Stop words: stopword's lists `nob` (Bokmål, 117 words), `deu` (German) and `eng` (English); for
 *   Nynorsk, `nob` and {@link NYNORSK_FUNCTION_WORDS}; but not the {@link NEGATIONS} ("ikke",
 *   "ingen", "nicht", "kein"), which change what a measure promises. Compared folded (fold.ts: `groß`
 *   as `gross`).
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
 * words, conjunctions, adverbs and forms of "vere" and "verte", as Nynorsk spells them (not its
 * negations, {@link NEGATIONS}); written for this project. With `nob`, the stop words of a Nynorsk
 * programme.
 */
export const NYNORSK_FUNCTION_WORDS: readonly string[] = [
  'anten', 'berre', 'dei', 'deim', 'deira', 'dersom', 'desse', 'di', 'difor', 'dine', 'dykk', 'dykkar', 'då', 'eg', 'ei', 'eigen', 'ein',
  'eit', 'elles', 'fleire', 'frå', 'hjå', 'ho', 'honom', 'kor', 'korleis', 'kva', 'kvar', 'kvarandre', 'kven',
  'kvifor', 'medan', 'mi', 'mine', 'mykje', 'no', 'noko', 'nokon', 'nokre', 'sidan', 'sjølv', 'somme', 'vart', 'vere', 'vert',
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

/**
 * Words that turn a promise around, by language ("ikke", "ingen", "uten"; "nicht", "kein", "ohne";
 * "never", "not"): some are on the stop-word lists, but they are compared, so that "Ingen bompenger
 * for elbiler" is not read as "Bompenger for elbiler".
 */
export const NEGATIONS: Readonly<Record<WordFormLanguage, readonly string[]>> = {
  nb: ['aldri', 'ikke', 'ingen', 'intet', 'uten'],
  nn: ['aldri', 'ikke', 'ikkje', 'inga', 'ingen', 'ingi', 'inkje', 'uten', 'utan'],
  de: ['kein', 'keine', 'keinem', 'keinen', 'keiner', 'keines', 'nicht', 'nichts', 'nie', 'niemals', 'ohne'],
  en: ['never', 'no', 'nor', 'not', 'without'],
};

/**
 * The folded stop words of `language` from `lists`: the entries that fold to exactly one word
 * (stopword's `d.h` and `z.b` are two), the language's {@link NEGATIONS} left out.
 */
function foldedSet(language: WordFormLanguage, ...lists: readonly (readonly string[])[]): Set<string> {
  const out = new Set<string>();
  for (const list of lists) {
    for (const entry of list) {
      const words = foldedWords(foldText(entry));
      if (words.length === 1) out.add(words[0]);
    }
  }
  for (const word of NEGATIONS[language]) out.delete(word);
  return out;
}

/** The Snowball stemmer of each language; Norwegian is {@link norwegianStem}, the same algorithm written out here. */
const SNOWBALL: Record<WordFormLanguage, string> = { nb: 'norwegian', nn: 'norwegian', de: 'german', en: 'english' };

/** The vowels of the Snowball Norwegian stemmer: `aeiouyæåø`. */
function isNorwegianVowel(c: number): boolean {
  return c === 0x61 || c === 0x65 || c === 0x69 || c === 0x6f || c === 0x75 || c === 0x79 || c === 0xe5 || c === 0xe6 || c === 0xf8;
}

/** The letters before which a final `s` is an ending in Norwegian (Snowball's `s_ending`): `bcdfghjlmnoprtvyz`. */
const S_ENDING = new Set('bcdfghjlmnoprtvyz');

/** Snowball Norwegian's main suffixes: 1 deleted, 2 (`s`) deleted after an `s_ending` letter or a `k` after a consonant, 3 replaced by `er`. */
const MAIN_SUFFIXES = new Map<string, number>([
  ...['a', 'e', 'ede', 'ande', 'ende', 'ane', 'ene', 'hetene', 'en', 'heten', 'ar', 'er', 'heter', 'as', 'es', 'edes', 'endes', 'enes', 'hetenes', 'ens', 'hetens', 'ers', 'ets', 'et', 'het', 'ast'].map((e) => [e, 1] as const),
  ['s', 2],
  ['erte', 3],
  ['ert', 3],
]);
const OTHER_SUFFIXES = new Set(['leg', 'eleg', 'ig', 'eig', 'lig', 'elig', 'els', 'lov', 'elov', 'slov', 'hetslov']);
/** The longest suffix of either list. */
const LONGEST_SUFFIX = 7;

/**
 * `suffixes` by their last letter and their length: `.get(c)[length]` lists those that end in the
 * code unit `c` and have that many letters (up to {@link LONGEST_SUFFIX}), so that a word is compared
 * only with the suffixes that end as it does.
 */
type SuffixIndex = ReadonlyMap<number, readonly (readonly string[])[]>;
function byLastAndLength(suffixes: Iterable<string>): SuffixIndex {
  const out = new Map<number, string[][]>();
  for (const suffix of suffixes) {
    const last = suffix.charCodeAt(suffix.length - 1);
    let lists = out.get(last);
    if (lists === undefined) out.set(last, (lists = Array.from({ length: LONGEST_SUFFIX + 1 }, () => [])));
    lists[suffix.length].push(suffix);
  }
  return out;
}
const MAIN_BY_LENGTH = byLastAndLength(MAIN_SUFFIXES.keys());
const OTHER_BY_LENGTH = byLastAndLength(OTHER_SUFFIXES);

/**
 * The longest suffix of `word` among `suffixes` (given {@link byLastAndLength}) that starts at `from`
 * or later, or undefined. Compared with `endsWith`, so that no piece of the word is made for the test.
 */
function longestSuffix(word: string, suffixes: SuffixIndex, from: number): string | undefined {
  if (word.length === 0) return undefined;
  const lists = suffixes.get(word.charCodeAt(word.length - 1));
  if (lists === undefined) return undefined;
  for (let length = Math.min(LONGEST_SUFFIX, word.length - from); length > 0; length--) {
    for (const suffix of lists[length]) if (word.endsWith(suffix)) return suffix;
  }
  return undefined;
}

/**
 * The Snowball Norwegian stemmer (snowballstem.org, norwegian.sbl, as snowball-stemmers 0.6 has it),
 * written out: the same stem as `newStemmer('norwegian').stem(word)` for every word (a test compares
 * them on the dictionaries' word forms), about a hundred times faster, because snowball-stemmers'
 * generated code reads every field through a getter. `word` is lower case.
 * - R1 starts after the first consonant that follows a vowel, and at 3 at the earliest (the whole
 *   word is outside R1 when it has fewer than 3 letters, or no such consonant);
 * - step 1: the longest main suffix in R1 is deleted (`s` only after one of `bcdfghjlmnoprtvyz`, or
 *   after a `k` that follows a consonant), or `erte`/`ert` becomes `er`;
 * - step 2: a final `dt` or `vt` in R1 loses its `t`;
 * - step 3: the longest of `leg`, `eleg`, `ig`, `eig`, `lig`, `elig`, `els`, `lov`, `elov`, `slov`,
 *   `hetslov` in R1 is deleted.
 */
export function norwegianStem(word: string): string {
  const n = word.length;
  let p1 = n;
  if (n >= 3) {
    let i = 0;
    while (i < n && !isNorwegianVowel(word.charCodeAt(i))) i++;
    while (i < n && isNorwegianVowel(word.charCodeAt(i))) i++;
    if (i < n) p1 = Math.max(i + 1, 3);
  }
  let w = word;
  const main = longestSuffix(w, MAIN_BY_LENGTH, p1);
  if (main !== undefined) {
    const kind = MAIN_SUFFIXES.get(main);
    const before = w.length - main.length - 1;
    if (kind === 1) w = w.slice(0, w.length - main.length);
    else if (kind === 3) w = w.slice(0, w.length - main.length) + 'er';
    else if ((before >= 0 && S_ENDING.has(w[before])) || (before >= 1 && w[before] === 'k' && !isNorwegianVowel(w.charCodeAt(before - 1)))) w = w.slice(0, -1);
  }
  if (w.length - 2 >= p1 && (w.endsWith('dt') || w.endsWith('vt'))) w = w.slice(0, -1);
  const other = longestSuffix(w, OTHER_BY_LENGTH, p1);
  if (other !== undefined) w = w.slice(0, w.length - other.length);
  return w;
}
const made = new Map<WordFormLanguage, WordForms>();
let stopLists: Record<WordFormLanguage, Set<string>> | undefined;

/** The stop words of each language, folded (made on first use). */
function stopWords(): Record<WordFormLanguage, Set<string>> {
  stopLists ??= { nb: foldedSet('nb', nob), nn: foldedSet('nn', nob, NYNORSK_FUNCTION_WORDS), de: foldedSet('de', deu), en: foldedSet('en', eng) };
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
      stem: language === 'nb' || language === 'nn' ? norwegianStem : (word) => (stemmer ??= newStemmer(SNOWBALL[language])).stem(word),
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
