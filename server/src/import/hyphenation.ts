/**
 * End-of-line hyphenation in laid-out text: a word broken at a line end (`Bundes-` / `land`) is put
 * together again on the first line, and real hyphens are kept (`Nord-Norge`, `lav- og mellominntekt`).
 */
import type { Note, PageLine, Speller } from './outline';

/** The languages whose conjunctions keep a hyphen open (`lav- og mellominntekt`). */
export type HyphenationLanguage = 'nb' | 'nn' | 'de' | 'en';

/**
 * The words after which a hyphen at a line end stands for a part of a word that comes later
 * (`lav- og mellominntekt`, `Bundes- und Landesebene`, `short- and long-term`): the hyphen and the
 * break stay.
 */
const CONJUNCTIONS: Record<HyphenationLanguage, string[]> = {
  nb: ['og', 'eller', 'samt', 'enn', 'som', 'til', '&'],
  nn: ['og', 'eller', 'samt', 'enn', 'som', 'til', '&'],
  de: ['und', 'oder', 'sowie', 'bzw.', 'bzw', 'u.', 'wie', 'als', 'bis', 'statt', '&'],
  en: ['and', 'or', 'nor', 'to', 'as', '&'],
};

/** The hyphens that break a word at a line end: hyphen-minus, U+2010 HYPHEN, and the soft hyphen. */
const BREAK = /^(.*?)([\p{L}\p{M}\p{N}])([-\u2010\u00AD])$/su;

/**
 * Joins the words broken at line ends, in place. A line whose last word ends in a letter or a digit and
 * a hyphen, followed directly by a line that begins with a word (a blank line between is a paragraph
 * break: nothing is joined over it):
 * - a conjunction (`og`, `eller`, `samt`, `und`, `oder`, `sowie`, `bzw.`, `and`, `or`, … of `lang`, or
 *   of every language when none is given) or a `,` or `/` next: nothing changes (`lav- og`);
 * - a small letter next: the two parts are joined without the hyphen (`Bundes-` `land` → `Bundesland`),
 *   except when the part before is a number or an abbreviation in capitals (`2-`, `EU-` `landene` →
 *   `EU-landene`), or when the words say it is a real hyphen (see `keepsHyphen`: the `speller`, and
 *   hyphenated compounds like `land-til-` `land`);
 * - a capital or a digit next: the hyphen stays and the parts are joined (`Nord-` `Norge` → `Nord-Norge`,
 *   `Covid-` `19` → `Covid-19`);
 * - a soft hyphen (U+00AD) at the line end is always a break: joined without it (unless a conjunction
 *   follows, then only the soft hyphen goes).
 * The joined word goes to the end of the first line; the rest of the second line stays on the second
 * line (a line left empty is dropped, so no false paragraph break appears); when the joined word itself
 * ends in a hyphen, the first line is looked at again with the line after. Notes: `hyphenation` with
 * `before` (`Bundes- land`, `Nord- Norge`) and `after` (`Bundesland`, `Nord-Norge`) at the first line's
 * place; a soft hyphen gives `soft-hyphen` with the same shape (`Bundes\u00AD land` → `Bundesland`).
 *
 * A hyphen that stays at a line end (before a conjunction) means: the next step joins the lines with a space.
 */
export function joinHyphenation(lines: PageLine[], notes: Note[], options: { speller?: Speller; lang?: HyphenationLanguage } = {}): void {
  const conjunctions = new Set(options.lang ? CONJUNCTIONS[options.lang] : Object.values(CONJUNCTIONS).flat());
  for (let i = 0; i + 1 < lines.length; i++) {
    for (;;) {
      const line = lines[i];
      const next = lines[i + 1];
      if (!next) break;
      const last = lastWord(line.text);
      const first = /^\s*(\S+)/.exec(next.text);
      if (!last || !first) break;
      const broken = BREAK.exec(last.word);
      if (!broken) break;
      const [, head, end, hyphen] = broken;
      const stem = head + end;
      const word = first[1];
      const lower = word.toLowerCase();
      if (conjunctions.has(lower) || conjunctions.has(lower.replace(/[,;:]$/, '')) || /^[,/]/.test(word)) {
        if (hyphen === '\u00AD') {
          notes.push({ code: 'soft-hyphen', place: line.place, before: core(last.word), after: core(stem) });
          line.text = line.text.slice(0, -1);
        }
        break;
      }
      let joined: string;
      if (hyphen === '\u00AD') {
        if (!/^\p{L}/u.test(word)) {
          notes.push({ code: 'soft-hyphen', place: line.place, before: core(last.word), after: core(stem) });
          line.text = line.text.slice(0, -1);
          break;
        }
        joined = stem + word;
      } else if (/^\p{Ll}/u.test(word)) {
        joined = keepsHyphen(stem, word, options.speller) ? stem + '-' + word : stem + word;
        if (hyphen === '\u2010' && joined !== stem + word) joined = stem + hyphen + word;
      } else if (/^[\p{Lu}\p{Lt}\p{N}]/u.test(word)) {
        // Across a page break, a word cut short may be followed by the next page's heading
        // (`Det omfat-` / `10 Utenriks og forsvar`): a capital or a number there is not joined.
        if (line.place.page !== next.place.page) break;
        joined = stem + hyphen + word;
      } else break;
      notes.push({ code: hyphen === '\u00AD' ? 'soft-hyphen' : 'hyphenation', place: line.place, before: `${core(last.word)} ${core(word)}`, after: core(joined) });
      line.text = line.text.slice(0, last.index) + joined;
      next.text = next.text.slice(first[0].length).replace(/^\s+/, '');
      // A second line left empty goes (no false paragraph break); the first line may end in a hyphen
      // again (`Bundes-` `land-` …): go on with it.
      if (next.text === '') lines.splice(i + 1, 1);
    }
  }
}

/**
 * Whether a hyphen at a line end before a small letter is a real one:
 * - the part before is a number or an abbreviation in capitals (`2-`, `EU-`, `U3-`): yes;
 * - with a speller: no when it knows the joined word (`Bundesland`; for a hyphenated compound the joined
 *   parts at the break, `Nord-` `rhein-Westfalen` → `Nordrhein`), yes when it knows the hyphenated word;
 *   in a hyphenated compound (a hyphen before or after the break), yes when both parts at the break are
 *   words (`Manfred-` `von-Richthofen-Straße`, `land-til-` `land`);
 * - otherwise, yes when the part before the break is a short word of a hyphenated compound
 *   (`land-til-` `land`: at most three letters after the compound's last hyphen); no otherwise.
 */
function keepsHyphen(stem: string, word: string, speller: Speller | undefined): boolean {
  const a = core(stem);
  const b = core(word).replace(/[-\u2010]$/, ''); // `schülerinnen-` before `und`: its own hyphen is another break
  const partA = a.split(/[-\u2010]/).pop() ?? '';
  const partB = b.split(/[-\u2010]/)[0];
  if (/\p{N}$/u.test(a) || /^\p{Lu}{2,}$/u.test(partA)) return true;
  const compound = a !== partA || b !== partB;
  if (speller) {
    if (speller.correct(partA + partB) || speller.correct(a + b)) return false;
    if (speller.correct(`${a}-${b}`)) return true;
    if (compound && partA.length > 1 && speller.correct(partA) && speller.correct(partB)) return true;
  }
  return a !== partA && partA.length <= 3;
}

/**
 * The last word of `text` (the run of non-space characters at its very end) and the offset where it
 * starts; undefined when `text` is empty or ends in a space. A scan back from the end, instead of a
 * regular expression anchored at the end (which backtracks on long runs of spaces).
 */
function lastWord(text: string): { word: string; index: number } | undefined {
  let index = text.length;
  while (index > 0 && !/\s/.test(text[index - 1])) index--;
  return index < text.length ? { word: text.slice(index), index } : undefined;
}

/** A character that a word keeps at its end: a letter, a mark, a digit, or a hyphen (`-`, U+2010, soft U+00AD). */
const WORD_END = /[\p{L}\p{M}\p{N}\-\u2010\u00AD]/u;

/**
 * `token` without the characters after its last letter, mark, digit or hyphen (see `WORD_END`), taken
 * as code points (a surrogate pair is one character). A scan back from the end, instead of a regular
 * expression anchored at the end (which backtracks on long punctuation).
 */
function trimTrailingPunctuation(token: string): string {
  let end = token.length;
  while (end > 0) {
    const low = token.charCodeAt(end - 1);
    const high = end >= 2 ? token.charCodeAt(end - 2) : 0;
    const pair = low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
    const start = pair ? end - 2 : end - 1;
    if (WORD_END.test(token.slice(start, end))) break;
    end = start;
  }
  return token.slice(0, end);
}

/** A word without the punctuation around it (`(Bundes-` → `Bundes-`, `land,` → `land`). */
function core(token: string): string {
  return trimTrailingPunctuation(token.replace(/^[^\p{L}\p{M}\p{N}]+/u, ''));
}
