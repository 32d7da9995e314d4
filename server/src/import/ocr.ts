/**
 * Repair of OCR letter damage with a spelling dictionary (issue 13): letters that OCR reads as
 * others — in Norwegian `ø` as `g`, `o`, `0` or `@`, `å` as `a` or `3`, `æ` as `z`, `ae` or `ze`,
 * and `l` as `I` (`Igsninger` for løsninger); in German `ü`, `ö`, `ä` as `u`, `o`, `a` and `ß` as
 * `B` or `13`.
 *
 * The rule: a word the dictionary does not know is repaired when putting the letters it may have
 * meant into one or two of its places gives exactly one word the dictionary knows; with no such word,
 * or several, it stays as it is. A capitalised word inside a sentence (a name, perhaps) gets one
 * place only. Words with digits are tried only where every digit is a confusion (`3r` for år).
 * Two context rules for Norwegian words that OCR turns into other words or into nothing: `a` before a
 * word → `å` (`a` is no Norwegian word; `for a sikre`), a standalone `3` after `til`, `for`, `ved` … and before a
 * lower-case word that may be an infinitive (it ends in `-e` or `-a`, or is `gi`, `ta`, `gå` …; not
 * `nye`, `store` …) → `å`, and `PA` among
 * capitalised words → `PÅ`. Each repair is a `Note` (`ocr`) with the word `before` and `after` and
 * the line's place; everything else in the line (punctuation, spacing) is kept exactly.
 *
 * A line where fewer than a third of the words (of four or more) are in the dictionary is taken to be in
 * another language and left alone; so is text in backticks.
 *
 * Real-word errors (`mal` for mål, `ga` for gå): only the common Norwegian ones in REAL_WORDS, where
 * their neighbours make the meant word sure, and only in a text that has lost `å` elsewhere.
 * Not repaired: other real-word errors, words
 * split by a line-end hyphen (the hyphenation step joins them first), web and mail addresses.
 */
import type { Note, PageLine, Speller } from './outline';

/** The languages whose OCR damage is known: Norwegian Bokmål and Nynorsk, German. */
export type OcrLanguage = 'nb' | 'nn' | 'de';

/**
 * A letter (or two) as OCR read it, and what was printed. `exact`: match case as written and put
 * `meant` as written; otherwise `read` is matched in either case and `meant` takes its case.
 * `inside`: not at the word's start.
 */
interface Confusion {
  read: string;
  meant: string;
  exact?: boolean;
  inside?: boolean;
}

const NORWEGIAN: Confusion[] = [
  { read: 'g', meant: 'ø' },
  { read: 'o', meant: 'ø' },
  { read: '0', meant: 'ø' },
  { read: '@', meant: 'ø' },
  { read: 'a', meant: 'å' },
  { read: '3', meant: 'å' },
  { read: 'z', meant: 'æ' },
  { read: 'ae', meant: 'æ' },
  { read: 'ze', meant: 'æ' },
  { read: 'ee', meant: 'æ' },
  { read: 'eg', meant: 'ø' },
  { read: 'I', meant: 'l', exact: true },
  { read: 'i', meant: 'j', exact: true },
];

const GERMAN: Confusion[] = [
  { read: 'u', meant: 'ü' },
  { read: 'o', meant: 'ö' },
  { read: 'a', meant: 'ä' },
  { read: 'B', meant: 'ß', exact: true, inside: true },
  { read: '13', meant: 'ß', inside: true },
];

/** Norwegian infinitives that do not end in `-e` or `-a`, for the `3` → `å` rule. */
const SHORT_INFINITIVES = new Set(['gi', 'ta', 'gå', 'bo', 'ha', 'se', 'få', 'stå', 'nå', 'slå', 'be', 'la', 'tro', 'bli', 'dø', 'gro', 'så', 'snu', 'sy', 'spå']);

/** Words before which a `3` may be `å` (a preposition or conjunction before an infinitive). */
const GOVERNS_INFINITIVE = new Set(['til', 'for', 'ved', 'om', 'uten', 'enn', 'og', 'eller', 'med']);

/** Words ending in `-e` that follow numbers (`for 3 nye skoler`): then `3` stays. */
const COUNTED = new Set(['nye', 'store', 'små', 'gode', 'flere', 'andre', 'unge', 'gamle', 'ulike', 'hele', 'faste', 'egne', 'lokale', 'nære', 'ekstra', 'tusen', 'hundre', 'timers', 'ganger']);

/** One place in a word where a confusion can be undone. */
interface Site {
  start: number;
  end: number;
  meant: string;
}

/** A word of a line: its text and where it starts (UTF-16 index). */
interface Token {
  text: string;
  start: number;
}

const WORD = /[\p{L}\p{M}\p{N}]+(?:@[\p{L}\p{M}]+)*/gu;
const LETTER = /\p{L}/u;
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
/** A chunk (between spaces) that is a web or mail address. */
const ADDRESS = /^[([<«"]?(?:https?:|www\.)|[\p{L}\p{N}]@[\p{L}\p{N}-]+\.|\.(?:no|com|org|de|net|eu|info)\b/iu;

function isUpper(s: string): boolean {
  return s.toUpperCase() === s && s.toLowerCase() !== s;
}

/** The places in `word` where `confusions` can be undone, with the meant letters in the right case. */
function sitesOf(word: string, confusions: Confusion[]): Site[] {
  const sites: Site[] = [];
  const lower = word.toLowerCase();
  const allCaps = isUpper(word) && [...word].filter((c) => LETTER.test(c)).length > 1;
  for (const c of confusions) {
    let from = 0;
    for (;;) {
      const at = c.exact ? word.indexOf(c.read, from) : lower.indexOf(c.read, from);
      if (at < 0) break;
      from = at + 1;
      if (c.inside && at === 0) continue;
      if (lower.slice(at, at + c.read.length).length !== c.read.length) continue;
      const written = word.slice(at, at + c.read.length);
      if (c.exact && c.read === 'I' && !(at === 0 && LOWER.test(word[1] ?? ''))) continue; // `I` for `l` starts a lower-case word
      let meant = c.meant;
      if (!c.exact) {
        const first = written[0]!;
        const upper = LETTER.test(first) ? UPPER.test(first) : allCaps;
        if (upper) meant = meant.toUpperCase();
      }
      sites.push({ start: at, end: at + c.read.length, meant });
    }
  }
  return sites;
}

function apply(word: string, sites: Site[]): string {
  let out = '';
  let at = 0;
  for (const s of [...sites].sort((a, b) => a.start - b.start)) {
    out += word.slice(at, s.start) + s.meant;
    at = s.end;
  }
  return out + word.slice(at);
}

/**
 * The one dictionary word that `word` becomes when one or two (`most`) of its confusions are undone;
 * undefined when there is none or more than one.
 */
function repairWord(word: string, speller: Speller, confusions: Confusion[], most: number): string | undefined {
  const sites = sitesOf(word, confusions);
  // Every digit must be one that a confusion explains.
  if (/\p{N}/u.test(word)) {
    for (let i = 0; i < word.length; i++) {
      if (/\p{N}/u.test(word[i]!) && !sites.some((s) => s.start <= i && i < s.end)) return undefined;
    }
  }
  if (sites.length === 0 || sites.length > 12) return undefined;
  const found = new Set<string>();
  for (let i = 0; i < sites.length; i++) {
    const one = apply(word, [sites[i]!]);
    if (known(one, speller)) found.add(one);
    if (most < 2) continue;
    for (let j = i + 1; j < sites.length; j++) {
      const a = sites[i]!;
      const b = sites[j]!;
      if (a.start < b.end && b.start < a.end) continue;
      const two = apply(word, [a, b]);
      if (known(two, speller)) found.add(two);
    }
  }
  return found.size === 1 ? [...found][0] : undefined;
}

/**
 * True when `word` is in the dictionary, or is a compound of two words that are (Norwegian and German
 * write compounds as one word, and hunspell's dictionaries list few of them; nspell does not apply
 * their compounding rules): a head of at least three letters, with or without a linking `s` or `e`,
 * and a lowercase tail of at least three. Only for words of eight letters or more.
 */
function known(word: string, speller: Speller): boolean {
  if (speller.correct(word)) return true;
  if (word.length < 8 || !/^\p{L}+$/u.test(word)) return false;
  const lower = word.toLowerCase();
  for (let i = 3; i <= lower.length - 3; i++) {
    const tail = lower.slice(i);
    if (!speller.correct(tail)) continue;
    const head = lower.slice(0, i);
    if (speller.correct(head) || (i > 4 && /[se]$/.test(head) && speller.correct(head.slice(0, -1)))) return true;
  }
  return false;
}

/**
 * Norwegian words that OCR makes into other real words by reading `å` as `a` (`mål` → `mal`): the damaged
 * word, the word meant, and when the meant one is sure from its neighbours (`previous`, `next`: the
 * words before and after, lowercase). Applied only in a text where `å` is often read as `a` elsewhere.
 */
const REAL_WORDS: { read: string; meant: string; when: (previous: string, next: string) => boolean }[] = [
  { read: 'trad', meant: 'tråd', when: (p, n) => p === 'i' && n === 'med' },
  { read: 'bade', meant: 'både', when: (p) => p !== 'å' && p !== 'a' },
  { read: 'far', meant: 'får', when: (p, n) => /^(vi|de|dei|alle|som|man|en|ein|du|han|hun|ho|den|det|ingen|flere|fleire|mange|barn|elever|ungdom|folk|kommunen|kommunene)$/.test(p) || /^(bedre|mer|meir|flere|fleire|tilbud|tilgang|mulighet|muligheit|brukt|hjelp)$/.test(n) },
  { read: 'gar', meant: 'går', when: () => true },
  { read: 'star', meant: 'står', when: () => true },
  { read: 'ga', meant: 'gå', when: (p) => /^(å|skal|vil|kan|må|bør|ma|la)$/.test(p) },
  { read: 'mal', meant: 'mål', when: (p, n) => /^(et|eit|konkrete|klare|felles|nasjonale|våre|vårt|dette|mange|nye|som|har|ha)$/.test(p) || /^(om|for|at|og)$/.test(n) },
  { read: 'maten', meant: 'måten', when: (p) => /^(på|den|denne)$/.test(p) },
  { read: 'vare', meant: 'våre', when: (p, n) => p === '' || /^(alle|av|for|til|i|med|på)$/.test(p) || /(er|ene|ar|ane)$/.test(n) },
  { read: 'var', meant: 'vår', when: (p, n) => /^(sikrer|sikre|styrke|for|av|i|til|på|med)$/.test(p) && /^(felles|egen|eiga|kommune|by|bygd|region|politikk|velferd|framtid|fremtid)$/.test(n) },
  { read: 'vart', meant: 'vårt', when: (p) => /^(i|for|av|til|på|med)$/.test(p) },
  { read: 'arene', meant: 'årene', when: (p) => /^(de|dei|neste|kommende|siste|kommande)$/.test(p) },
];

/** True when the text before a word (in its line) ends a sentence, or is a list marker or nothing. */
function startsSentence(before: string): boolean {
  const t = before.trimEnd();
  return t === '' || /[.!?:;]["»”)]?$/.test(t) || /^\s*(?:\d+|\p{L})[.)]$/u.test(t) || /^[-–•*"«„(]+$/.test(t.trim());
}

/**
 * Repairs OCR letter damage in `lines` (see the module comment for the rules and their sources),
 * using `speller` for the dictionary of `lang`. Returns new lines (same places and layout fields,
 * repaired text; lines without a repair are returned as they were) and one `ocr` note per repaired
 * word with `before`, `after` and the line's `place`, in reading order.
 */
export function repairOcr(lines: PageLine[], speller: Speller, lang: OcrLanguage): { lines: PageLine[]; notes: Note[] } {
  const norwegian = lang !== 'de';
  const confusions = norwegian ? NORWEGIAN : GERMAN;
  const notes: Note[] = [];
  const tokensOf = (text: string): Token[] => {
    const tokens: Token[] = [];
    const chunk = /`[^`]*`|\S+/g;
    for (let m = chunk.exec(text); m; m = chunk.exec(text)) {
      if (ADDRESS.test(m[0]) || m[0].startsWith('`')) continue;
      WORD.lastIndex = 0;
      for (let w = WORD.exec(m[0]); w; w = WORD.exec(m[0])) tokens.push({ text: w[0], start: m.index + w.index });
    }
    return tokens;
  };

  // A line in another language (a quotation, an English sentence) is left alone: at least a third of
  // its words (of four or more) must be known as they stand (OCR damage makes some unknown).
  const foreign = lines.map((line) => {
    const words = tokensOf(line.text).filter((t) => t.text.length > 1 && !/\p{N}/u.test(t.text));
    return words.length >= 4 && words.filter((t) => speller.correct(t.text)).length * 3 < words.length;
  });

  // First the words the dictionary does not know, line by line.
  const repaired = lines.map((line, index) => {
    const text = line.text;
    if (foreign[index]) return [];
    const tokens = tokensOf(text);
    const hyphenBefore = index > 0 && /[\p{L}]-\s*$/u.test(lines[index - 1]!.text);
    const out: { token: Token; after: string }[] = [];
    tokens.forEach((token, k) => {
      const word = token.text;
      if (word.length < 2 || !LETTER.test(word)) return;
      if (k === 0 && hyphenBefore) return; // the rest of a word split at the line's end: joined elsewhere
      if (text.slice(token.start + word.length).match(/^-\s*$/)) return; // split at this line's end
      if (speller.correct(word)) return;
      const capitalised = UPPER.test(word[0]!) && !isUpper(word) && word[0] !== 'I';
      const strict = capitalised && !startsSentence(text.slice(0, token.start));
      const after = repairWord(word, speller, confusions, strict ? 1 : 2);
      // A compound of known words (`matsvinn`) is left alone, unless the repair is a dictionary word itself (`malsetning` → `målsetning`).
      if (after !== undefined && after !== word && (speller.correct(after) || !known(word, speller))) out.push({ token, after });
    });
    return out;
  });

  // A text where `å` was read as `a` in several words the dictionary did not know has lost it in real
  // words too (`mål` read as `mal`): only then are the REAL_WORDS rules applied.
  const realWords = norwegian && repaired.flat().filter((c) => c.after.toLowerCase().replace('å', 'a') === c.token.text.toLowerCase() && /å/i.test(c.after)).length >= 3;

  // Then the context rules, which look at the (repaired) next word.
  const result: PageLine[] = [];
  lines.forEach((line, index) => {
    const changes = repaired[index]!;
    const text = line.text;
    if (norwegian && !foreign[index]) {
      const tokens = tokensOf(text);
      const wordAt = (i: number): string | undefined => {
        const t = tokens[i];
        if (!t) return undefined;
        return changes.find((c) => c.token.start === t.start)?.after ?? t.text;
      };
      /** The next word (repaired), on this line or at the start of the next one. */
      const nextWord = (i: number): string | undefined => {
        if (i + 1 < tokens.length) return wordAt(i + 1);
        const next = lines[index + 1];
        const first = next && !foreign[index + 1] ? tokensOf(next.text)[0] : undefined;
        return first && (repaired[index + 1]!.find((c) => c.token.start === first.start)?.after ?? first.text);
      };
      /** A lower-case dictionary word (a foreign phrase — `a priori`, `a file name` — has unknown words). */
      const known = (w: string | undefined): boolean => !!w && LOWER.test(w[0]!) && speller.correct(w);
      tokens.forEach((token, k) => {
        const word = token.text;
        const rest = text.slice(token.start + word.length);
        const before = text.slice(0, token.start);
        let after: string | undefined;
        if (word === 'a' || (word === 'A' && startsSentence(before))) {
          // Not a list marker (`a)`, `a.`) or a letter in brackets.
          if (/^[.)\]]/.test(rest) || /\($/.test(before) || /^\s*$/.test(before) && /^\s*[.)]/.test(rest)) return;
          const next = nextWord(k);
          const colon = /^:/.test(rest);
          // The word after the next one, when the phrase goes on (same line, only a space between).
          const gap = tokens[k + 2] && tokens[k + 1] ? text.slice(tokens[k + 1]!.start + tokens[k + 1]!.text.length, tokens[k + 2]!.start) : '';
          const third = /^\s+$/.test(gap) ? wordAt(k + 2) : undefined;
          const phrase = known(next) && (third === undefined || !LOWER.test(third[0]!) || known(third));
          if (colon || (/^\s/.test(rest) && phrase)) after = word === 'a' ? 'å' : 'Å';
        } else if (word === '3') {
          const previous = wordAt(k - 1);
          const next = nextWord(k);
          if (
            previous && GOVERNS_INFINITIVE.has(previous.toLowerCase()) &&
            next && /^\s+\p{Ll}/u.test(rest) && known(next) && !COUNTED.has(next) &&
            (/[ea]$/.test(next) || SHORT_INFINITIVES.has(next))
          ) after = 'å';
        } else if (realWords) {
          const rule = REAL_WORDS.find((r) => r.read === word.toLowerCase());
          if (rule !== undefined && rule.when((wordAt(k - 1) ?? '').toLowerCase(), (nextWord(k) ?? '').toLowerCase())) {
            after = word[0] === word[0]!.toUpperCase() ? rule.meant[0]!.toUpperCase() + rule.meant.slice(1) : rule.meant;
          }
        }
        if (word === 'PA') {
          const near = [wordAt(k - 1), nextWord(k)].filter((w): w is string => !!w);
          if (near.some((w) => w.length > 1 && isUpper(w) && speller.correct(w))) after = 'PÅ';
        }
        if (after !== undefined && !changes.some((c) => c.token.start === token.start)) changes.push({ token, after });
      });
    }
    if (!changes.length) {
      result.push(line);
      return;
    }
    changes.sort((a, b) => a.token.start - b.token.start);
    let out = '';
    let at = 0;
    for (const c of changes) {
      out += text.slice(at, c.token.start) + c.after;
      at = c.token.start + c.token.text.length;
      notes.push({ code: 'ocr', place: { ...line.place }, before: c.token.text, after: c.after });
    }
    result.push({ ...line, text: out + text.slice(at) });
  });
  return { lines: result, notes };
}
