/**
 * Text folding for comparisons: the keys under which two titles or two measures count as "the same"
 * (`duplicate-title`, `duplicate-measure`, `similar-measures`), and the table of invisible characters
 * that `invisible-character` reports and the folding removes.
 *
 * Folding never touches the document: it builds a comparison key from a copy of the text. The steps,
 * in order (docs/rules.md#how-texts-are-compared):
 *   1. invisible characters are removed (soft hyphen, zero-width characters, bidi controls, control
 *      characters; see {@link invisibleCharacter}); a soft hyphen at the end of a line is removed
 *      with the line break, joining the word it split (`Prozess­⏎kosten` → `Prozesskosten`);
 *   2. every kind of space and line break (tab, no-break space U+00A0, narrow no-break space U+202F,
 *      the U+2000–U+200A spaces, ideographic space, line and paragraph separators, vertical tab,
 *      form feed, U+0085) is read as one plain space;
 *   3. the emphasis marks `*` and `_` are removed;
 *   4. Unicode NFC, then full case folding ({@link foldCase}: `Ø` = `ø`, `ß` = `ss`, `ς` = `σ`);
 *   5. runs of spaces collapse to one, and the ends are trimmed;
 *   6. trailing `.`, `:`, `;`, `!`, `?` and `…` (with any spaces between them) are dropped.
 */
import { windows1252Character } from '../syntax/windows1252';
import { lazily } from '../syntax/lazy';

/** What kind of invisible character a code point is; decides the message of `invisible-character`. */
export type InvisibleKind = 'soft-hyphen' | 'zero-width' | 'bom' | 'bidi' | 'control';

/** An invisible character: its code point, its Unicode name (or the name alias, for controls) and its kind. */
export interface InvisibleInfo {
  codePoint: number;
  /** `U+00AD`. */
  hex: string;
  /** `SOFT HYPHEN`; for control characters, the Unicode name alias (`BELL`). */
  name: string;
  kind: InvisibleKind;
}

const C0_NAMES = [
  'NULL', 'START OF HEADING', 'START OF TEXT', 'END OF TEXT', 'END OF TRANSMISSION', 'ENQUIRY', 'ACKNOWLEDGE', 'BELL',
  'BACKSPACE', 'CHARACTER TABULATION', 'LINE FEED', 'LINE TABULATION', 'FORM FEED', 'CARRIAGE RETURN', 'SHIFT OUT', 'SHIFT IN',
  'DATA LINK ESCAPE', 'DEVICE CONTROL ONE', 'DEVICE CONTROL TWO', 'DEVICE CONTROL THREE', 'DEVICE CONTROL FOUR', 'NEGATIVE ACKNOWLEDGE', 'SYNCHRONOUS IDLE', 'END OF TRANSMISSION BLOCK',
  'CANCEL', 'END OF MEDIUM', 'SUBSTITUTE', 'ESCAPE', 'INFORMATION SEPARATOR FOUR', 'INFORMATION SEPARATOR THREE', 'INFORMATION SEPARATOR TWO', 'INFORMATION SEPARATOR ONE',
];

const C1_NAMES = [
  'PADDING CHARACTER', 'HIGH OCTET PRESET', 'BREAK PERMITTED HERE', 'NO BREAK HERE', 'INDEX', 'NEXT LINE', 'START OF SELECTED AREA', 'END OF SELECTED AREA',
  'CHARACTER TABULATION SET', 'CHARACTER TABULATION WITH JUSTIFICATION', 'LINE TABULATION SET', 'PARTIAL LINE FORWARD', 'PARTIAL LINE BACKWARD', 'REVERSE LINE FEED', 'SINGLE SHIFT TWO', 'SINGLE SHIFT THREE',
  'DEVICE CONTROL STRING', 'PRIVATE USE ONE', 'PRIVATE USE TWO', 'SET TRANSMIT STATE', 'CANCEL CHARACTER', 'MESSAGE WAITING', 'START OF GUARDED AREA', 'END OF GUARDED AREA',
  'START OF STRING', 'SINGLE GRAPHIC CHARACTER INTRODUCER', 'SINGLE CHARACTER INTRODUCER', 'CONTROL SEQUENCE INTRODUCER', 'STRING TERMINATOR', 'OPERATING SYSTEM COMMAND', 'PRIVACY MESSAGE', 'APPLICATION PROGRAM COMMAND',
];

const NAMED: Record<number, [string, InvisibleKind]> = {
  0x00ad: ['SOFT HYPHEN', 'soft-hyphen'],
  0x200b: ['ZERO WIDTH SPACE', 'zero-width'],
  0x200c: ['ZERO WIDTH NON-JOINER', 'zero-width'],
  0x200d: ['ZERO WIDTH JOINER', 'zero-width'],
  0x2060: ['WORD JOINER', 'zero-width'],
  0xfeff: ['ZERO WIDTH NO-BREAK SPACE', 'bom'],
  0x061c: ['ARABIC LETTER MARK', 'bidi'],
  0x200e: ['LEFT-TO-RIGHT MARK', 'bidi'],
  0x200f: ['RIGHT-TO-LEFT MARK', 'bidi'],
  0x202a: ['LEFT-TO-RIGHT EMBEDDING', 'bidi'],
  0x202b: ['RIGHT-TO-LEFT EMBEDDING', 'bidi'],
  0x202c: ['POP DIRECTIONAL FORMATTING', 'bidi'],
  0x202d: ['LEFT-TO-RIGHT OVERRIDE', 'bidi'],
  0x202e: ['RIGHT-TO-LEFT OVERRIDE', 'bidi'],
  0x2066: ['LEFT-TO-RIGHT ISOLATE', 'bidi'],
  0x2067: ['RIGHT-TO-LEFT ISOLATE', 'bidi'],
  0x2068: ['FIRST STRONG ISOLATE', 'bidi'],
  0x2069: ['POP DIRECTIONAL ISOLATE', 'bidi'],
};

/**
 * The characters `invisible-character` looks for, as one regular expression (global, no `u` flag:
 * every one of them is a single UTF-16 code unit): C0 controls but tab, LF and CR; DEL and the C1
 * controls U+007F–U+009F; soft hyphen; the zero-width characters U+200B–U+200D, U+2060, U+FEFF; the
 * bidi controls U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069.
 */
export const INVISIBLE_PATTERN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;

/** `U+00AD` for 0xAD: at least four upper-case hex digits. */
export function codePointHex(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** What `code` (a UTF-16 code unit) is when it is one of {@link INVISIBLE_PATTERN}'s characters; else undefined. */
export function invisibleCharacter(code: number): InvisibleInfo | undefined {
  let entry: [string, InvisibleKind] | undefined = NAMED[code];
  if (entry === undefined) {
    if (code < 0x20 && code !== 9 && code !== 10 && code !== 13) entry = [C0_NAMES[code], 'control'];
    else if (code === 0x7f) entry = ['DELETE', 'control'];
    else if (code >= 0x80 && code <= 0x9f) entry = [C1_NAMES[code - 0x80], 'control'];
  }
  if (entry === undefined) return undefined;
  return { codePoint: code, hex: codePointHex(code), name: entry[0], kind: entry[1] };
}

/**
 * The character that a C1 control U+0080–U+009F most likely stood for: the Windows-1252 character of
 * the same byte (a text decoded as Latin-1 that was written in Windows-1252 shows `U+0096` for `–`).
 * Undefined for the five bytes Windows-1252 leaves unassigned and for other code points.
 */
export function windows1252Guess(code: number): string | undefined {
  if (code < 0x80 || code > 0x9f) return undefined;
  const guess = windows1252Character(code);
  return guess.charCodeAt(0) >= 0x80 && guess.charCodeAt(0) <= 0x9f ? undefined : guess;
}

const LATIN_GREEK_CYRILLIC = lazily(() => /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]/u);
const LETTER_OR_MARK = lazily(() => /[\p{L}\p{M}]/u);
const PICTOGRAPHIC = lazily(() => /[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\uFE0F]/u);

/**
 * True when the zero-width joiner or non-joiner at `offset` of `text` does a job there, so that it
 * is not reported: a ZWJ inside an emoji sequence (👨‍👩‍👧), or a ZWJ/ZWNJ between two letters of a
 * script that uses them for shaping (Arabic, Persian, the Indic scripts; anything but Latin, Greek and
 * Cyrillic). Other characters: false.
 */
export function isMeaningfulJoiner(text: string, offset: number): boolean {
  const code = text.charCodeAt(offset);
  if (code !== 0x200c && code !== 0x200d) return false;
  const before = codePointBefore(text, offset);
  const after = text.codePointAt(offset + 1);
  if (before === undefined || after === undefined) return false;
  const b = String.fromCodePoint(before);
  const a = String.fromCodePoint(after);
  if (code === 0x200d && PICTOGRAPHIC().test(b) && PICTOGRAPHIC().test(a)) return true;
  return LETTER_OR_MARK().test(b) && LETTER_OR_MARK().test(a) && !LATIN_GREEK_CYRILLIC().test(b) && !LATIN_GREEK_CYRILLIC().test(a);
}

function codePointBefore(text: string, offset: number): number | undefined {
  if (offset <= 0) return undefined;
  const low = text.charCodeAt(offset - 1);
  if (low >= 0xdc00 && low <= 0xdfff && offset >= 2) {
    const high = text.charCodeAt(offset - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.codePointAt(offset - 2);
  }
  return low;
}

/** Text that lower-casing alone folds fully: Latin-1 without `µ` and `ß` (whose folds leave Latin-1). */
const LOWER_CASE_SUFFICES = /^[\u0000-\u00B4\u00B6-\u00DE\u00E0-\u00FF]*$/;
/** Text that is NFC as it is: Latin-1 has no combining marks. */
const LATIN1 = /^[\u0000-\u00FF]*$/;

/**
 * Full Unicode case folding as far as JavaScript offers it: upper-casing then lower-casing (which
 * folds `ß`/`ẞ` to `ss`, `ﬁ` to `fi`, `Ø` to `ø`), with final sigma `ς` folded to `σ`. Compared with
 * the Unicode CaseFolding table it also folds dotless `ı` to `i`, which only makes more things equal.
 * The input should be NFC; the result is NFC. (Latin-1 text other than `µ` and `ß` is only
 * lower-cased, which gives the same result faster.)
 */
export function foldCase(text: string): string {
  if (LOWER_CASE_SUFFICES.test(text)) return text.toLowerCase();
  return text.toUpperCase().toLowerCase().replace(/ς/g, 'σ').normalize('NFC');
}

/** Any character that step 1, 2 or 3 of the folding changes (a quick test before the replacements). */
const NEEDS_CLEANING = /[\u0000-\u001F\u007F-\u00A0\u00AD\u061C\u1680\u2000-\u206F\u3000\uFEFF*_]/;
/** Spaces and line breaks read as a plain space (step 2 of the folding). */
const SPACES = lazily(() => /[\t\n\r\u000B\u000C\u0085\u2028\u2029\p{Zs}]+/gu);
/** Characters removed by step 1: the invisible characters (but those that are spaces, read as spaces). */
const REMOVED = /[\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F\u00AD\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;
const EMPHASIS = /[*_]/g;
/** A soft hyphen run at a line end, with the line break: starts only at the first of a run (no quadratic backtracking). */
const SOFT_HYPHEN_AT_LINE_END = /(?<!\u00AD)\u00AD+[ \t]*(?:\r\n|\r|\n)[ \t]*/g;

/** True for the characters step 6 drops at the end: spaces and `.:;!?…`. */
export function isTrailing(code: number): boolean {
  return code === 0x20 || code === 0x2e || code === 0x3a || code === 0x3b || code === 0x21 || code === 0x3f || code === 0x2026;
}

/**
 * The comparison key of a text (the steps in the module comment). Two titles are "the same" when
 * their keys are equal; measures compare the key of their text without labels and references
 * (see `duplicates.ts`). Pure, linear in the length of `text`.
 */
export function foldText(text: string): string {
  let s = text;
  if (NEEDS_CLEANING.test(s)) s = s.replace(SOFT_HYPHEN_AT_LINE_END, '').replace(REMOVED, '').replace(SPACES(), ' ').replace(EMPHASIS, '');
  s = foldCase(LATIN1.test(s) ? s : s.normalize('NFC'));
  if (s.includes('  ')) s = s.replace(/ {2,}/g, ' ');
  let end = s.length;
  while (end > 0 && isTrailing(s.charCodeAt(end - 1))) end--;
  let start = 0;
  while (start < end && s.charCodeAt(start) === 0x20) start++;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

const WORD = lazily(() => /[\p{L}\p{M}\p{N}]+/gu);
/** Letters and digits of Latin-1: the same words as {@link WORD} there, found faster. */
const LATIN1_WORD = /[0-9A-Za-z\u00AA\u00B2\u00B3\u00B5\u00B9\u00BA\u00BC-\u00BE\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u00FF]+/g;

/**
 * The words of a folded text (see {@link foldText}): its runs of letters, marks and digits, in order.
 * Punctuation, hyphens and apostrophes separate words (`-regnskap` → `regnskap`, `f.eks.` → `f`, `eks`).
 */
export function foldedWords(folded: string): string[] {
  return folded.match(LATIN1.test(folded) ? LATIN1_WORD : WORD()) ?? [];
}

/** Markers of {@link LATIN1_FOLD}: removed (steps 1 and 3), read as a space (step 2), not folded here. */
export const FOLD_REMOVE = 0xffff;
export const FOLD_SPACE = 0xfffe;
export const FOLD_SLOW = 0xfffd;

/**
 * {@link foldCodeUnits}' table for Latin-1: the folded code unit (itself Latin-1), or one of the three
 * markers above. Read only (similarity.ts folds and reads words with it in one pass: `foldedLatin1Words`).
 */
export const LATIN1_FOLD = (() => {
  const table = new Uint16Array(256);
  for (let c = 0; c < 256; c++) table[c] = c;
  for (let c = 0x41; c <= 0x5a; c++) table[c] = c + 32;
  for (let c = 0xc0; c <= 0xde; c++) if (c !== 0xd7) table[c] = c + 32;
  for (let c = 0; c < 0x20; c++) table[c] = FOLD_REMOVE;
  for (let c = 0x7f; c <= 0x9f; c++) table[c] = FOLD_REMOVE;
  for (const c of [0x09, 0x0b, 0x0c, 0x20, 0x85, 0xa0]) table[c] = FOLD_SPACE;
  table[0x2a] = table[0x5f] = table[0xad] = FOLD_REMOVE;
  // Line breaks (a soft hyphen before one joins words), µ and ß (whose case folds leave Latin-1).
  for (const c of [0x0a, 0x0d, 0xb5, 0xdf]) table[c] = FOLD_SLOW;
  return table;
})();

/**
 * {@link foldText} over code units, for the text programmes are mostly made of: `src[0 .. length)` is
 * folded into `out` (which must hold `length` code units) and the folded length is returned, or −1
 * when `src` holds a character this path leaves to {@link foldText}. Folded here: Latin-1 but `µ`,
 * `ß` and line breaks; the punctuation U+2010–U+2027, U+2030–U+205E and `€` (caseless, and unchanged
 * by NFC next to any of these); and the spaces and invisible characters outside Latin-1 that steps 1
 * and 2 remove or read as a space. For every `src` where it does not return −1, the result equals
 * `foldText` of the same text (test/rules-duplicates.test.ts checks this on every code unit).
 */
export function foldCodeUnits(src: Uint16Array, length: number, out: Uint16Array): number {
  let n = 0;
  // True at the start and after a space: leading spaces are dropped and runs of spaces collapse.
  let afterSpace = true;
  for (let i = 0; i < length; i++) {
    const c = src[i];
    let f: number;
    if (c < 0x100) f = LATIN1_FOLD[c];
    else if ((c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205e) || c === 0x20ac) f = c;
    else if (c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000) f = FOLD_SPACE;
    else if (c === 0x061c || (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || c === 0x2060 || (c >= 0x2066 && c <= 0x2069) || c === 0xfeff) f = FOLD_REMOVE;
    else return -1;
    if (f < FOLD_SLOW) {
      out[n++] = f;
      afterSpace = false;
    } else if (f === FOLD_SPACE) {
      if (!afterSpace) out[n++] = 0x20;
      afterSpace = true;
    } else if (f === FOLD_SLOW) return -1;
  }
  while (n > 0 && isTrailing(out[n - 1])) n--;
  return n;
}
