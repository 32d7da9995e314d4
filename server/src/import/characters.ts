/**
 * The clean-up of damaged characters in laid-out text: control characters, soft hyphens, Unicode
 * ligature characters, and ligatures that a PDF lost to a wrong character (`oWentlig`). Each works
 * on one line at a time and records what it did in a `Note`.
 */
import type { Note, Place, Speller } from './outline';

/**
 * C0 controls except tab (line breaks are gone already; a form feed or CR left inside a line is an
 * artefact too), DEL and the C1 controls.
 */
const CONTROL = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F]/g;

/** The Unicode replacement character: a character the input's decoding lost. */
const REPLACEMENT = '\uFFFD';

const SOFT_HYPHEN = '\u00AD';

/** The Unicode ligature characters (Alphabetic Presentation Forms) and what they stand for. */
export const LIGATURES: Record<string, string> = {
  '\uFB00': 'ff',
  '\uFB01': 'fi',
  '\uFB02': 'fl',
  '\uFB03': 'ffi',
  '\uFB04': 'ffl',
  '\uFB05': 'st',
  '\uFB06': 'st',
};

/** A word as the character repairs name it in `before`/`after`: letters, digits, soft hyphens and ligature characters. */
const WORD = /[\p{L}\p{M}\p{N}\u00AD\uFB00-\uFB06]+/gu;

/**
 * Removes the control characters of a line (C0 except tab, DEL, C1). One `control-character` note
 * per line, `removed` holding the removed characters in order.
 *
 * U+FFFD (the replacement character) is kept: it stands for a letter the input lost, and removing it
 * would make another word (`f\uFFFDr` → `fr`); it is reported with a `control-character` note with
 * `detail: 'U+FFFD'` and no `removed`, so that the user finds and mends the word.
 */
export function removeControlCharacters(text: string, place: Place, notes: Note[]): string {
  const removed = text.match(CONTROL);
  if (removed) {
    notes.push({ code: 'control-character', place, removed: removed.join('') });
    text = text.replace(CONTROL, '');
  }
  if (text.includes(REPLACEMENT)) notes.push({ code: 'control-character', place, detail: 'U+FFFD' });
  return text;
}

/**
 * Removes the soft hyphens (U+00AD) inside the words of a line; a `soft-hyphen` note per word, with
 * the word before and after. A soft hyphen at the end of the line is left for the hyphenation step
 * (`hyphenation.ts`), which joins the word with the next line's.
 */
export function removeSoftHyphens(text: string, place: Place, notes: Note[]): string {
  if (!text.includes(SOFT_HYPHEN)) return text;
  const end = text.trimEnd();
  const keepLast = end.endsWith(SOFT_HYPHEN);
  const body = keepLast ? end.slice(0, -1) : text;
  const repaired = body.replace(WORD, (word) => {
    if (!word.includes(SOFT_HYPHEN)) return word;
    const after = word.split(SOFT_HYPHEN).join('');
    notes.push({ code: 'soft-hyphen', place, before: word, after });
    return after;
  });
  return keepLast ? repaired + SOFT_HYPHEN : repaired;
}

/** Expands the Unicode ligature characters (`ﬁ` → `fi`); a `ligature` note per word, before and after. */
export function expandLigatureCharacters(text: string, place: Place, notes: Note[]): string {
  if (!/[\uFB00-\uFB06]/.test(text)) return text;
  return text.replace(WORD, (word) => {
    if (!/[\uFB00-\uFB06]/.test(word)) return word;
    const after = word.replace(/[\uFB00-\uFB06]/g, (c) => LIGATURES[c]);
    notes.push({ code: 'ligature', place, before: word, after });
    return after;
  });
}

/** What a lost ligature can stand for. */
const LIGATURE_TEXTS = ['ff', 'fi', 'fl', 'ffi', 'ffl', 'ft'];

/** A word of running text with what stands around it: `core` is the word without the punctuation around it. */
const TOKEN = /\S+/g;
/** A letter or a digit (one code point). */
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Splits `token` into `[lead, core, trail]`: `lead` the characters before its first letter or digit,
 * `trail` those after its last one, `core` what is between (first and last included); a token without
 * a letter or digit is all `lead`. Characters are code points (an astral letter counts as a letter).
 * A scan from both ends, instead of a regular expression that backtracks on long punctuation.
 */
function splitEdgePunctuation(token: string): [lead: string, core: string, trail: string] {
  const chars = Array.from(token);
  let first = 0;
  while (first < chars.length && !LETTER_OR_DIGIT.test(chars[first])) first++;
  if (first === chars.length) return [token, '', ''];
  let last = chars.length - 1;
  while (!LETTER_OR_DIGIT.test(chars[last])) last--;
  return [chars.slice(0, first).join(''), chars.slice(first, last + 1).join(''), chars.slice(last + 1).join('')];
}

/** One line for the repair of lost ligatures. */
export interface LigatureLine {
  text: string;
  place: Place;
}

/**
 * Repairs ligatures that a PDF's font lost to a wrong character (`oWentlig` for `offentlig`, `Wnne`
 * for `finne`: the font maps `ﬀ`/`ﬁ` to a glyph that extracts as `W` or `Y`). Only with a speller, and
 * only where the word is not in the dictionary and exactly one repair is.
 *
 * Which characters are odd is found in the word, not from a list: a capital letter inside a word whose
 * other letters are small (`oWentlig`), or a symbol inside a word (`o$entlig`; not `-`, `'`, `’`, `.`,
 * `/`, which compounds and abbreviations use). Each odd character in turn is replaced by `ff`, `fi`,
 * `fl`, `ffi`, `ffl` or `ft`; the word is repaired when exactly one of these replacements is a word of
 * the dictionary. A capital at the start of a word (`Wnne`) is tried only when the same character was
 * repaired inside a word elsewhere in the document (a font that loses ligatures loses them throughout);
 * the repair is then written small unless the word begins a sentence.
 *
 * Changes the lines' `text` in place; a `ligature` note per word, before and after. Each distinct
 * word is looked up once, so the cost is one or two dictionary look-ups per distinct odd word.
 */
export function repairLostLigatures(lines: LigatureLine[], speller: Speller, notes: Note[]): void {
  const cache = new Map<string, Repair | null>();
  const proven = new Set<string>();
  const correct = memo((w: string) => speller.correct(w));

  // Pass 1: odd characters inside words.
  for (const line of lines) {
    if (!line.text) continue;
    line.text = line.text.replace(TOKEN, (token) => {
      const [lead, core, trail] = splitEdgePunctuation(token);
      if (core.length < 3 || !hasInnerOddCharacter(core)) return token;
      let repaired = cache.get(core);
      if (repaired === undefined) {
        repaired = correct(core) ? null : uniqueRepair(core, innerOddPositions(core), correct, false);
        cache.set(core, repaired);
      }
      if (!repaired) return token;
      proven.add(repaired.odd);
      notes.push({ code: 'ligature', place: line.place, before: core, after: repaired.word });
      return lead + repaired.word + trail;
    });
  }
  if (proven.size === 0) return;

  // Pass 2: a proven odd character at the start of a word.
  let sentenceEnds = true;
  for (const line of lines) {
    if (!line.text) {
      sentenceEnds = true; // a paragraph break
      continue;
    }
    line.text = line.text.replace(TOKEN, (token) => {
      const [lead, core, trail] = splitEdgePunctuation(token);
      const starts = sentenceEnds;
      sentenceEnds = /[.!?:]["»”’)]*$/.test(token);
      if (core.length < 2 || !proven.has(core[0]) || !/^\p{Ll}+$/u.test(core.slice(1))) return token;
      const key = `${starts ? 'S' : 's'}${core}`;
      let repaired = cache.get(key);
      if (repaired === undefined) {
        repaired = correct(core) ? null : uniqueRepair(core, [0], correct, starts);
        cache.set(key, repaired);
      }
      if (!repaired) return token;
      notes.push({ code: 'ligature', place: line.place, before: core, after: repaired.word });
      return lead + repaired.word + trail;
    });
  }
}

function hasInnerOddCharacter(core: string): boolean {
  return innerOddPositions(core).length > 0;
}

/**
 * The odd positions inside a word (never the first character): a capital between small letters'
 * company (the word's other letters are small, but for its first), or a symbol that is not a letter,
 * a digit, or the punctuation of compounds and abbreviations.
 */
function innerOddPositions(core: string): number[] {
  const chars = [...core];
  if (chars.length !== core.length) return []; // astral characters: leave such words alone
  const positions: number[] = [];
  for (let i = 1; i < core.length; i++) {
    const c = core[i];
    if (/\p{Lu}/u.test(c)) {
      const others = core.slice(1, i) + core.slice(i + 1);
      if (/^\p{Ll}+$/u.test(others)) positions.push(i);
    } else if (!/[\p{L}\p{M}\p{N}\-'’./\u2010]/u.test(c) && i < core.length - 1) {
      const others = core.slice(0, i) + core.slice(i + 1);
      if (/^\p{L}+$/u.test(others)) positions.push(i);
    }
  }
  return positions;
}

/** A repaired word, and the odd character that was replaced in it. */
interface Repair {
  word: string;
  odd: string;
}

/**
 * The one dictionary word that replacing one of the `positions` by a ligature's letters gives, or null
 * when none or more than one does. At the start of a word, `capital` says whether to write it capital.
 */
function uniqueRepair(core: string, positions: number[], correct: (w: string) => boolean, capital: boolean): Repair | null {
  const found = new Map<string, number>();
  for (const i of positions) {
    for (const l of LIGATURE_TEXTS) {
      let letters = l;
      if (i === 0) letters = capital ? l[0].toUpperCase() + l.slice(1) : l;
      const candidate = core.slice(0, i) + letters + core.slice(i + 1);
      if (correct(candidate)) found.set(candidate, i);
    }
  }
  if (found.size !== 1) return null;
  const [[word, position]] = found;
  return { word, odd: core[position] };
}

function memo(f: (w: string) => boolean): (w: string) => boolean {
  const seen = new Map<string, boolean>();
  return (w) => {
    let v = seen.get(w);
    if (v === undefined) seen.set(w, (v = f(w)));
    return v;
  };
}
