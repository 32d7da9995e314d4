/**
 * `invisible-character` (docs/rules.md): soft hyphens, zero-width characters, bidi
 * controls, control characters and a stray byte order mark in the text. They come with text pasted
 * from PDFs and word processors; nobody sees them, but they split words for search and for the
 * duplicate checks, and bidi controls change what the reader sees.
 *
 * Where: the whole document except the front matter (YAML; the `front-matter` rule's business), the
 * `//` comment lines (notes to the committee, never printed), a byte order mark at offset 0 (the
 * format allows it), and a zero-width space where a space belongs after a marker (the reading reports
 * it as a `near-miss`, with its fix). Headings, measures, prose, labels and references are all checked.
 *
 * Not reported: a zero-width joiner inside an emoji sequence, and a zero-width (non-)joiner between
 * two letters of a script that shapes with them (Arabic, Persian, Indic; see `isMeaningfulJoiner`).
 *
 * One diagnostic per run of the same character; its span is the run itself, and its `fixes` are the
 * removal, and where the context says what was meant a join or a repair ({@link fixesOf}). `data`
 * holds the facts: `{ character: 'U+00AD', name, count, newText: '' }` (replacing the span with `newText`
 * removes the run), and, where the context says what was meant:
 * - `suggestion`: a replacement for the run: `"-"` for a soft hyphen before a space (a hyphen turned
 *   soft, `Prozesskosten­ und`), the Windows-1252 character for a C1 control (`U+0096` → `–`);
 * - `join`: `{ start, end }` (offsets) from a soft hyphen at the end of a line to the first letter of
 *   the next line: the word was hyphenated across the line break (`Prozess­` / `kosten`), and removing
 *   this span (not only the soft hyphen) puts the word back together.
 */
import * as l10n from '@vscode/l10n';
import type { Diagnostic, Fix, Span } from '../syntax/span';
import type { Programme } from '../model/programme';
import { INVISIBLE_PATTERN, invisibleCharacter, isMeaningfulJoiner, windows1252Guess, type InvisibleInfo } from './fold';
import { stretchMemos } from '../syntax/index';
import { lazily } from '../syntax/lazy';

/**
 * The spans not checked: the front matter, the comment lines, and the blanks after a marker that the
 * reading reports already (`near-miss`: a zero-width space where a space belongs), sorted by start.
 */
function skippedSpans(p: Programme): Span[] {
  const spans: Span[] = [];
  if (p.frontMatter !== undefined) spans.push(p.frontMatter.span);
  for (const c of p.comments) spans.push(c.span);
  for (const d of p.syntaxDiagnostics) if (d.code === 'near-miss' && d.data?.spaces === true) spans.push(d.span);
  return spans.sort((a, b) => a.start - b.start);
}

const WORD_BEFORE = lazily(() => /(?<![\p{L}\p{M}\p{N}])[\p{L}\p{M}\p{N}]+$/u);
const WORD_AFTER = lazily(() => /^[\p{L}\p{M}\p{N}]+/u);
const LINE_BREAK_THEN_LETTER = lazily(() => /^(?:\r\n|\r|\n)[ \t]*(?=\p{L})/u);

/** What surrounds a soft hyphen run: the word before it, and how the text goes on. */
interface SoftHyphenContext {
  before: string;
  /** `line-end`: a line break and then a letter; `space`: a blank; `word`: inside a word. */
  where: 'line-end' | 'space' | 'word' | 'other';
  after: string;
  /** For `line-end`: the run, the line break and the next line's leading blanks. */
  join?: Span;
}

function softHyphenContext(text: string, run: Span): SoftHyphenContext {
  const before = WORD_BEFORE().exec(text.slice(Math.max(0, run.start - 40), run.start))?.[0] ?? '';
  const rest = text.slice(run.end, run.end + 42);
  const lineEnd = LINE_BREAK_THEN_LETTER().exec(rest);
  if (lineEnd !== null) {
    const after = WORD_AFTER().exec(rest.slice(lineEnd[0].length))?.[0] ?? '';
    return { before, where: 'line-end', after, join: { start: run.start, end: run.end + lineEnd[0].length } };
  }
  const next = rest.charAt(0);
  if (next === ' ' || next === '\t') return { before, where: 'space', after: '' };
  const after = WORD_AFTER().exec(rest)?.[0] ?? '';
  return { before, where: before !== '' && after !== '' ? 'word' : 'other', after };
}

/**
 * The message of a run of `count` invisible characters `info` (the code point and the Unicode name
 * stay as they are, in English: they are the character's identifiers). One message per kind and
 * context, for one character and for several in a row.
 */
function message(info: InvisibleInfo, count: number, suggestion: string | undefined, shy: SoftHyphenContext | undefined): string {
  const { hex, name } = info;
  const one = count === 1;
  switch (info.kind) {
    case 'soft-hyphen':
      if (shy?.where === 'line-end') {
        const word = `${shy.before}${shy.after}`;
        return one
          ? l10n.t('Invisible soft hyphen ({0} {1}) at the end of the line: the word "{2}" is split over two lines, so search and the duplicate checks read it as two words. Join its two parts into one word and remove the soft hyphen.', hex, name, word)
          : l10n.t('Invisible soft hyphen ({0} {1}, {2} in a row) at the end of the line: the word "{3}" is split over two lines, so search and the duplicate checks read it as two words. Join its two parts into one word and remove the soft hyphen.', hex, name, count, word);
      }
      if (shy?.where === 'space') {
        return one
          ? l10n.t('Invisible soft hyphen ({0} {1}) before a space, where it shows nothing. If a hyphen was meant ("{2}- …"), replace it with "-"; otherwise remove it.', hex, name, shy.before)
          : l10n.t('Invisible soft hyphen ({0} {1}, {2} in a row) before a space, where it shows nothing. If a hyphen was meant ("{3}- …"), replace them with "-"; otherwise remove them.', hex, name, count, shy.before);
      }
      if (shy?.where === 'word') {
        const word = `${shy.before}${shy.after}`;
        return one
          ? l10n.t('Invisible soft hyphen ({0} {1}) in the word "{2}". It usually comes with text pasted from a PDF or word processor and hides the word from search and the duplicate checks; remove it.', hex, name, word)
          : l10n.t('Invisible soft hyphen ({0} {1}, {2} in a row) in the word "{3}". They usually come with text pasted from a PDF or word processor and hide the word from search and the duplicate checks; remove them.', hex, name, count, word);
      }
      return one
        ? l10n.t('Invisible soft hyphen ({0} {1}). It usually comes with text pasted from a PDF or word processor and hides the word from search and the duplicate checks; remove it.', hex, name)
        : l10n.t('Invisible soft hyphen ({0} {1}, {2} in a row). They usually come with text pasted from a PDF or word processor and hide the word from search and the duplicate checks; remove them.', hex, name, count);
    case 'zero-width':
      return one
        ? l10n.t('Invisible zero-width character ({0} {1}). It usually comes with pasted text and splits words for search and the duplicate checks; remove it.', hex, name)
        : l10n.t('Invisible zero-width character ({0} {1}, {2} in a row). They usually come with pasted text and split words for search and the duplicate checks; remove them.', hex, name, count);
    case 'bom':
      return one
        ? l10n.t('Byte order mark inside the text ({0} {1}). It belongs only at the very start of a file; here it is an invisible character (from joined files or pasted text). Remove it.', hex, name)
        : l10n.t('Byte order mark inside the text ({0} {1}, {2} in a row). It belongs only at the very start of a file; here it is an invisible character (from joined files or pasted text). Remove them.', hex, name, count);
    case 'bidi':
      return one
        ? l10n.t('Invisible text-direction control ({0} {1}). It changes the order in which the text around it is shown, so what you read may differ from what is written; remove it.', hex, name)
        : l10n.t('Invisible text-direction control ({0} {1}, {2} in a row). They change the order in which the text around them is shown, so what you read may differ from what is written; remove them.', hex, name, count);
    default:
      if (info.codePoint === 0x0c) {
        return one
          ? l10n.t('Page break ({0} {1}), as text copied from a PDF has at every page end. It shows nothing, and the line is read as if it were not there; remove it.', hex, name)
          : l10n.t('Page break ({0} {1}, {2} in a row), as text copied from a PDF has at every page end. It shows nothing, and the line is read as if it were not there; remove them.', hex, name, count);
      }
      if (suggestion !== undefined) {
        return one
          ? l10n.t('Control character {0} {1}. It is most likely "{2}" damaged when the text was converted (Windows-1252 read as Latin-1); replace it with "{2}".', hex, name, suggestion)
          : l10n.t('Control character {0} {1}, {2} in a row. It is most likely "{3}" damaged when the text was converted (Windows-1252 read as Latin-1); replace them with "{3}".', hex, name, count, suggestion);
      }
      return one
        ? l10n.t('Control character {0} {1}. It has no place in the text (a damaged paste or conversion); remove it.', hex, name)
        : l10n.t('Control character {0} {1}, {2} in a row. It has no place in the text (a damaged paste or conversion); remove them.', hex, name, count);
  }
}

/** One of {@link INVISIBLE_PATTERN}'s characters anywhere in a string. */
const ANY_INVISIBLE = new RegExp(INVISIBLE_PATTERN.source);

/**
 * The stretches of `p`'s text that hold one of {@link INVISIBLE_PATTERN}'s characters, as ranges
 * (adjacent ones joined). Whether a stretch holds one is kept in its memo (syntax/memo.ts), so after an
 * edit only the stretches read again are searched for them. The whole text when `p` has no stretches.
 */
function rangesToSearch(p: Programme): [number, number][] {
  const stretches = stretchMemos(p.tree);
  if (stretches === undefined) return [[0, p.text.length]];
  const ranges: [number, number][] = [];
  for (const r of stretches) {
    r.memo.invisible ??= ANY_INVISIBLE.test(p.text.slice(r.start, r.end));
    if (!r.memo.invisible) continue;
    const last = ranges[ranges.length - 1];
    if (last !== undefined && last[1] === r.start) last[1] = r.end;
    else ranges.push([r.start, r.end]);
  }
  return ranges;
}

/** `invisible-character` (warning) over `p`; see the module comment for what, where, and `data`. */
export function checkInvisible(p: Programme): Diagnostic[] {
  const text = p.text;
  const skipped = skippedSpans(p);
  const out: Diagnostic[] = [];
  const pattern = new RegExp(INVISIBLE_PATTERN.source, 'g');
  let s = 0;
  // Only the stretches that hold such a character are searched; each as a piece of its own, so that a
  // search never runs on past its stretch (offsets in the piece are `from` less than in the text).
  for (const [from, to] of rangesToSearch(p)) {
    const piece = from === 0 && to === text.length ? text : text.slice(from, to);
    pattern.lastIndex = 0;
    for (let m = pattern.exec(piece); m !== null; m = pattern.exec(piece)) {
      const start = from + m.index;
      while (s < skipped.length && skipped[s].end <= start) s++;
      if (s < skipped.length && skipped[s].start <= start) {
        pattern.lastIndex = Math.max(start + 1, skipped[s].end) - from;
        continue;
      }
      const code = text.charCodeAt(start);
      if (start === 0 && code === 0xfeff) continue;
      if (isMeaningfulJoiner(text, start)) continue;
      const info = invisibleCharacter(code);
      if (info === undefined) continue;
      let end = start + 1;
      while (text.charCodeAt(end) === code) end++;
      pattern.lastIndex = end - from;
      const count = end - start;
      const shy = info.kind === 'soft-hyphen' ? softHyphenContext(text, { start, end }) : undefined;
      const suggestion = shy?.where === 'space' ? '-' : windows1252Guess(code);
      const data: Record<string, unknown> = { character: info.hex, name: info.name, count, newText: '' };
      if (suggestion !== undefined) data.suggestion = suggestion;
      if (shy?.join !== undefined) data.join = shy.join;
      const span = { start, end };
      out.push({ code: 'invisible-character', severity: 'warning', message: message(info, count, suggestion, shy), span, data, fixes: fixesOf(text, span, suggestion, shy) });
    }
  }
  return out;
}

/**
 * The fixes of an invisible-character diagnostic at `span` of `text`, worked out from the text alone
 * (for a diagnostic the editor shows that this analysis did not make: a stale one, or one of another
 * configuration). Empty unless the span holds invisible characters only.
 */
export function invisibleFixesAt(text: string, span: Span): Fix[] {
  if (span.start < 0 || span.end > text.length || span.start >= span.end) return [];
  const code = text.charCodeAt(span.start);
  const info = invisibleCharacter(code);
  const shy = info?.kind === 'soft-hyphen' ? softHyphenContext(text, span) : undefined;
  const suggestion = shy?.where === 'space' ? '-' : windows1252Guess(code);
  return fixesOf(text, span, suggestion, shy);
}

/** Characters that can be removed as invisible: format (Cf) and control (Cc) characters but tab, LF, CR; and blank fillers. */
const INVISIBLE_RUN = lazily(() => /^(?:(?![\t\n\r])[\p{Cc}\p{Cf}\u034f\u115f\u1160\u3164\uffa0])+$/u);

/** The name people know for one of the usual invisible characters, in the current language (undefined for the others). */
function everydayName(codePoint: number): string | undefined {
  switch (codePoint) {
    case 0x00ad:
      return l10n.t('soft hyphen');
    case 0x200b:
      return l10n.t('zero-width space');
    case 0x200c:
      return l10n.t('zero-width non-joiner');
    case 0x200d:
      return l10n.t('zero-width joiner');
    case 0x2060:
      return l10n.t('word joiner');
    case 0xfeff:
      return l10n.t('byte order mark');
    default:
      return undefined;
  }
}

/**
 * The fixes of one run `span`: `Join the word "…"` (a soft hyphen at a line end: the run, the line
 * break and the next line's leading blanks go), `Replace with "–"` (a character damaged in a
 * conversion, or a soft hyphen where a hyphen was meant), and "Remove invisible character". The
 * preferred one is the join, else the repair of a damaged character, else the removal; it is
 * automatic (`programme fix` applies it) unless it would put a letter in (a repair to `Š`). No fix
 * is offered unless the run is invisible characters only: no visible character is ever removed.
 */
function fixesOf(text: string, span: Span, suggestion: string | undefined, shy: SoftHyphenContext | undefined): Fix[] {
  const run = text.slice(span.start, span.end);
  if (!INVISIBLE_RUN().test(run)) return [];
  const fixes: Fix[] = [];
  const join = shy?.join;
  if (join !== undefined) {
    fixes.push({ title: l10n.t('Join the word "{0}"', `${shy!.before}${shy!.after}`), changes: [{ span: join, newText: '' }], preferred: true, automatic: true });
  }
  const replace = suggestion !== undefined && suggestion !== '' && suggestion.length <= 2 && !/[\r\n]/.test(suggestion) ? suggestion : undefined;
  // A C1 control is a damaged character: putting it back is the fix; otherwise removal is.
  const damaged = replace !== undefined && /^[\u0080-\u009f]+$/.test(run);
  if (replace !== undefined) {
    const preferred = damaged && join === undefined;
    fixes.push({ title: l10n.t('Replace with "{0}"', replace), changes: [{ span, newText: replace }], preferred, automatic: preferred && !/\p{L}/u.test(replace) });
  }
  const removal = !damaged && join === undefined;
  fixes.push({ title: invisibleTitle(run), changes: [{ span, newText: '' }], preferred: removal, automatic: removal });
  return fixes;
}

/**
 * `Remove invisible character (U+00AD soft hyphen)`; `Remove 3 invisible characters (…)` for a longer
 * run. The code point stays as it is; the everyday name ({@link everydayName}) is in the current language.
 */
function invisibleTitle(run: string): string {
  const chars = [...run];
  const cp = chars[0].codePointAt(0)!;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = everydayName(cp);
  const n = chars.length;
  if (n > 1 && !chars.every((c) => c === chars[0])) return l10n.t('Remove {0} invisible characters', n);
  if (name === undefined) return n === 1 ? l10n.t('Remove invisible character ({0})', hex) : l10n.t('Remove {0} invisible characters ({1})', n, hex);
  return n === 1 ? l10n.t('Remove invisible character ({0} {1})', hex, name) : l10n.t('Remove {0} invisible characters ({1} {2})', n, hex, name);
}
