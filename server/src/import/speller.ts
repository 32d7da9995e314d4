/**
 * Spelling dictionaries for the import, made from the text of hunspell files (nspell behind them).
 * Nothing here touches the file system: `node/dictionaries.ts` reads the files and calls
 * {@link makeSpeller}.
 *
 * Why not plain `nspell({ aff, dic })`: nspell expands every stem of the `.dic` file with all its
 * affixes when it is made. For dictionary-nb (334,000 stems, 940,000 forms) that takes about 3 s,
 * for dictionary-nn 2 s and for dictionary-de 1.4 s — longer than a whole import may take. An import
 * asks about a few thousand words, so {@link makeSpeller} sorts the stems by their first letters
 * (cheap) and gives nspell only the stems that can make the word asked about, the first time a word
 * with those letters is asked about. The answers are nspell's own (a test compares them with a fully
 * loaded nspell on every form of the dictionary).
 */
import nspell, { type NSpell } from 'nspell';
import type { Speller } from './outline';

/** How many first letters (lower-cased) of a stem choose its group. */
const KEY = 3;

/** What the affix file says about one flag, as far as the grouping needs it. */
interface AffixFlag {
  type: 'PFX' | 'SFX';
  /** The longest strip of its entries (characters removed from the stem's end, for `SFX`). */
  strip: number;
  /** True for a `PFX` rule one of whose entries strips characters from the stem's start. */
  stripsStart: boolean;
  /** The flags its entries continue with (`SFX x 0 er/yz .`). */
  continuation: string[];
  /** The texts its entries add (for `PFX`: the prefixes a word may start with). */
  adds: string[];
}

/** The rules of an `.aff` text that are affixes, by flag (single-character flags only). */
function readAffixes(aff: string): Map<string, AffixFlag> {
  const flags = new Map<string, AffixFlag>();
  for (const raw of aff.split('\n')) {
    const parts = raw.trim().split(/\s+/);
    if ((parts[0] !== 'PFX' && parts[0] !== 'SFX') || parts.length < 5) continue;
    const [type, flag, strip, add] = parts as ['PFX' | 'SFX', string, string, string];
    if ((strip === 'Y' || strip === 'N') && /^\d+$/.test(add)) continue; // the rule's header: `SFX A Y 12`
    let entry = flags.get(flag);
    if (!entry) flags.set(flag, (entry = { type, strip: 0, stripsStart: false, continuation: [], adds: [] }));
    const [added, cont] = add.split('/');
    const stripped = strip === '0' ? 0 : strip.length;
    if (type === 'SFX') entry.strip = Math.max(entry.strip, stripped);
    else if (stripped > 0) entry.stripsStart = true;
    if (added && added !== '0') entry.adds.push(added.toLowerCase());
    if (cont) for (const c of cont) if (!entry.continuation.includes(c)) entry.continuation.push(c);
  }
  return flags;
}

/**
 * The most characters that a flag and the flags it continues with can strip from a stem's end, and
 * whether any of them strips a stem's start (then the stem is loaded at once, not grouped).
 */
function stripsOf(affixes: Map<string, AffixFlag>): Map<string, { end: number; start: boolean }> {
  const memo = new Map<string, { end: number; start: boolean }>();
  const visit = (flag: string, depth: number): { end: number; start: boolean } => {
    const known = memo.get(flag);
    if (known) return known;
    const rule = affixes.get(flag);
    if (!rule || depth > 4) return { end: rule?.strip ?? 0, start: rule?.stripsStart ?? false };
    let end = 0;
    let start = rule.stripsStart;
    for (const c of rule.continuation) {
      const next = visit(c, depth + 1);
      end = Math.max(end, next.end);
      start ||= next.start;
    }
    const result = { end: rule.strip + end, start };
    memo.set(flag, result);
    return result;
  };
  for (const flag of affixes.keys()) visit(flag, 0);
  return memo;
}

/** A speller that hands nspell the stems of a group the first time a word of that group is asked about. */
class GroupedSpeller implements Speller {
  private readonly groups = new Map<string, string[]>();
  private readonly prefixes: string[];
  private complete = false;

  constructor(
    private readonly spell: NSpell,
    dic: string,
    affixes: Map<string, AffixFlag>,
  ) {
    const strips = stripsOf(affixes);
    this.prefixes = [...new Set([...affixes.values()].filter((a) => a.type === 'PFX').flatMap((a) => a.adds))];
    const atOnce: string[] = [];
    const lines = dic.split('\n');
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.charCodeAt(0) === 9 /* nspell skips lines that start with a tab */ || !line.trim()) continue;
      if (line.includes('\\') || line.includes('#')) {
        atOnce.push(line);
        continue;
      }
      const slash = line.indexOf('/');
      const stem = (slash < 0 ? line : line.slice(0, slash)).trim();
      const codes = slash < 0 ? '' : line.slice(slash + 1).trim();
      // nspell applies one suffix rule (and its continuations) to a stem, and to that a prefix rule
      // (and its continuations), or the other way round: the strips of one of each can add up.
      let suffix = 0;
      let prefix = 0;
      let start = false;
      for (const c of codes) {
        const s = strips.get(c);
        if (!s) continue;
        start ||= s.start;
        if (affixes.get(c)!.type === 'SFX') suffix = Math.max(suffix, s.end);
        else prefix = Math.max(prefix, s.end);
      }
      if (start || stem.length - suffix - prefix < KEY) {
        atOnce.push(line);
        continue;
      }
      const key = stem.slice(0, KEY).toLowerCase();
      const group = this.groups.get(key);
      if (group) group.push(line);
      else this.groups.set(key, [line]);
    }
    this.add(atOnce);
  }

  /** Gives nspell `.dic` lines (its parser skips the first line, the count). */
  private add(lines: string[]): void {
    if (lines.length) this.spell.dictionary('0\n' + lines.join('\n'));
  }

  /** The groups that can hold a stem of `word`: its first letters, and those after each prefix it starts with. */
  private keys(word: string, depth: number, into: Set<string>): void {
    if (word.length >= KEY) into.add(word.slice(0, KEY));
    if (depth >= 3) return;
    for (const p of this.prefixes) if (word.length > p.length && word.startsWith(p)) this.keys(word.slice(p.length), depth + 1, into);
  }

  private load(word: string): void {
    if (this.complete) return;
    const keys = new Set<string>();
    this.keys(word.toLowerCase(), 0, keys);
    const lines: string[] = [];
    for (const key of keys) {
      const group = this.groups.get(key);
      if (!group) continue;
      this.groups.delete(key);
      for (const line of group) lines.push(line);
    }
    this.add(lines);
  }

  correct(word: string): boolean {
    this.load(word);
    return this.spell.correct(word);
  }

  /** nspell's suggestions need the whole dictionary: the first call loads every group still waiting. */
  suggest(word: string): string[] {
    if (!this.complete) {
      const lines: string[] = [];
      for (const group of this.groups.values()) for (const line of group) lines.push(line);
      this.groups.clear();
      this.add(lines);
      this.complete = true;
    }
    return this.spell.suggest(word);
  }
}

/**
 * A speller from the text of a hunspell `.aff` and `.dic` file (UTF-8). Its answers are nspell's
 * (`nspell({ aff, dic })`); the stems are handed to nspell group by group as words are asked about
 * (see the module comment), except where the affix file has what the grouping cannot follow
 * (compound rules, input conversion, two-character or numeric flags): then nspell gets the whole
 * dictionary at once. `suggest` loads the whole dictionary on its first call.
 */
export function makeSpeller(aff: string, dic: string): Speller {
  const spell = nspell(aff);
  const wholeAtOnce = spell.compoundRules.length > 0 || spell.conversion.in.length > 0 || spell.flags.FLAG !== undefined;
  if (wholeAtOnce) {
    spell.dictionary(dic);
    return { correct: (w) => spell.correct(w), suggest: (w) => spell.suggest(w) };
  }
  return new GroupedSpeller(spell, dic, readAffixes(aff));
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
