/**
 * Where an amendment's quoted words stand in the printed draft: on the lines it cites, on other lines,
 * more than once, or nowhere. The checks (amendments/check.ts), `programme amend apply` and the voting
 * list all ask this one question the same way.
 *
 * The draft is searched as one text: a block's lines joined as they print (a space after a line that
 * broke at a space, nothing after a hyphen or a cut word), a line break between blocks and between
 * the runs of a block (a sub-point starts a new line), so that a quote never runs from one block into
 * the next. Quotes and draft are compared with every kind of space as a space (a quote copied with a
 * no-break space still matches), letter for letter otherwise.
 */
import type { Span } from '../syntax/span';
import type { PrintedDraft, PrintedLine } from './lines';
import type { Amendment, LineRange } from './model';
import { allIndexes, isSpace } from './text';
import { invisibleCharacter, type InvisibleInfo } from '../rules/fold';

/** The printed draft as one searchable text (see the module comment). */
export interface DraftText {
  draft: PrintedDraft;
  /** The lines joined; every kind of space is a plain space (one character for one: offsets are the same). */
  text: string;
  /** Where each line of `draft.lines` starts and ends in `text`. */
  starts: number[];
  ends: number[];
  /** The index in `draft.lines` of a line, by {@link lineKey}. */
  byNumber: Map<string, number>;
  /** The last line number, per pillar ('' for the whole document, or before the first pillar). */
  lastNumber: Map<string, number>;
}

/** The key of a printed line: its pillar (when numbering restarts per pillar) and its number. */
export function lineKey(number: number, pillar: string | undefined): string {
  return `${pillar ?? ''}|${number}`;
}

/** The texts made of drafts so far (the same draft is checked again at every edit of an amendment file, and hovered, and completed). */
const made = new WeakMap<PrintedDraft, DraftText>();

/**
 * The draft as one text (see the module comment). Linear in the draft, once per draft: the result is
 * kept while the draft is (it must not be changed).
 */
export function draftText(draft: PrintedDraft): DraftText {
  const known = made.get(draft);
  if (known !== undefined) return known;
  const starts: number[] = [];
  const ends: number[] = [];
  const byNumber = new Map<string, number>();
  const lastNumber = new Map<string, number>();
  const parts: string[] = [];
  let length = 0;
  draft.lines.forEach((line, i) => {
    if (i > 0) {
      const before = draft.lines[i - 1];
      const sep = before.block !== line.block || before.break === 'end' ? '\n' : before.break === 'space' ? ' ' : '';
      parts.push(sep);
      length += sep.length;
    }
    starts.push(length);
    const t = plain(line.text);
    parts.push(t);
    length += t.length;
    ends.push(length);
    byNumber.set(lineKey(line.number, line.pillar), i);
    const key = line.pillar ?? '';
    lastNumber.set(key, Math.max(lastNumber.get(key) ?? 0, line.number));
  });
  const dt: DraftText = { draft, text: parts.join(''), starts, ends, byNumber, lastNumber };
  made.set(draft, dt);
  return dt;
}

/** Every kind of space but the plain one (amendments/text.ts `isSpace`); each is one UTF-16 unit. */
const OTHER_SPACE = /[\t\n\r\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;

/** `s` with every kind of space made a plain space, one for one. */
function plain(s: string): string {
  return s.replace(OTHER_SPACE, ' ');
}

/** A place of a quote in the draft: `[start, end)` in {@link DraftText.text}, and the indices of its first and last line in `draft.lines`. */
export interface DraftMatch {
  start: number;
  end: number;
  first: number;
  last: number;
}

/** The index in `draft.lines` of the line that holds `offset` of the draft text (a separator counts to the line before it). */
export function lineAt(dt: DraftText, offset: number): number {
  let lo = 0;
  let hi = dt.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (dt.starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** What a line citation names in the draft. */
export type CitedLines =
  /** Lines `first`..`last` (indices in `draft.lines`). */
  | { kind: 'lines'; first: number; last: number }
  /** The first number is greater than the last. */
  | { kind: 'reversed' }
  /** A number is not a line of the draft (or of the pillar); `last` is the last line number there is. */
  | { kind: 'outside'; last: number }
  /** Lines restart in each pillar, and the citation names no pillar. */
  | { kind: 'no-pillar' }
  /** The citation names a pillar the draft does not have. */
  | { kind: 'unknown-pillar' };

/** The lines `range` names in the draft. */
export function citedLines(dt: DraftText, range: LineRange): CitedLines {
  if (range.first > range.last) return { kind: 'reversed' };
  const restart = dt.draft.restart === 'pillar';
  if (restart && range.pillar === undefined) return { kind: 'no-pillar' };
  const pillar = restart ? range.pillar?.value : undefined;
  if (pillar !== undefined && !dt.lastNumber.has(pillar)) return { kind: 'unknown-pillar' };
  const first = dt.byNumber.get(lineKey(range.first, pillar));
  const last = dt.byNumber.get(lineKey(range.last, pillar));
  if (first === undefined || last === undefined) return { kind: 'outside', last: dt.lastNumber.get(pillar ?? '') ?? 0 };
  return { kind: 'lines', first, last };
}

/** Where an amendment's quote stands (see {@link locate}). Matches are ordered by their distance from the cited lines, nearest first. */
export type Location =
  /** Once on its lines. */
  | { kind: 'here'; match: DraftMatch }
  /** The draft changed since the line numbers were taken, and the quote is not on its lines but once in the draft: the amendment moved there. */
  | { kind: 'moved'; match: DraftMatch }
  /** Not on its lines (or its lines are not in the draft), but elsewhere. */
  | { kind: 'elsewhere'; matches: DraftMatch[] }
  /** More than once on its lines. */
  | { kind: 'ambiguous'; matches: DraftMatch[] }
  /**
   * Nowhere in the draft; `similar` is a place where it stands with other upper and lower case, or
   * (`invisible` set) with an invisible character among its letters that the quote does not have (a
   * soft hyphen, a zero-width space: the draft prints the same words, the text differs).
   */
  | { kind: 'missing'; similar?: DraftMatch; invisible?: InvisibleInfo }
  /** The amendment has no quote or no lines to look for. */
  | { kind: 'unread' };

/**
 * Where `a`'s quoted words stand in the draft, and what its citation names. `changed` says that the
 * draft is not the one the line numbers were taken from (its fingerprint differs): a quote found once
 * in the whole draft, but not on the cited lines, has then moved there.
 */
export function locate(dt: DraftText, a: Amendment, changed: boolean): { cited?: CitedLines; location: Location } {
  const cited = a.range !== undefined ? citedLines(dt, a.range) : undefined;
  if (a.quoted === undefined || a.quoted.value === '' || cited === undefined) return { ...(cited !== undefined ? { cited } : {}), location: { kind: 'unread' } };
  const quote = a.quoted.value;
  if (cited.kind === 'lines') {
    // Most quotes stand once on their lines: look there first, and in the whole draft only when not.
    const from = dt.starts[cited.first];
    const inside = allIndexes(dt.text.slice(from, dt.ends[cited.last]), quote).map((at) => matchAt(dt, from + at, quote.length));
    if (inside.length === 1) return { cited, location: { kind: 'here', match: inside[0] } };
    if (inside.length > 1) return { cited, location: { kind: 'ambiguous', matches: inside } };
  }
  const all = allIndexes(dt.text, quote).map((start) => matchAt(dt, start, quote.length));
  if (all.length === 0) {
    const similar = caseInsensitive(dt, quote);
    if (similar !== undefined) return { cited, location: { kind: 'missing', similar } };
    const hidden = throughInvisible(dt, quote);
    return { cited, location: { kind: 'missing', ...(hidden !== undefined ? { similar: hidden.match, invisible: hidden.invisible } : {}) } };
  }
  if (cited.kind === 'lines') {
    const distance = (m: DraftMatch) => (m.last < cited.first ? cited.first - m.last : m.first > cited.last ? m.first - cited.last : 0);
    const sorted = [...all].sort((x, y) => distance(x) - distance(y) || x.start - y.start);
    if (changed && all.length === 1) return { cited, location: { kind: 'moved', match: all[0] } };
    return { cited, location: { kind: 'elsewhere', matches: sorted } };
  }
  if (changed && all.length === 1) return { cited, location: { kind: 'moved', match: all[0] } };
  return { cited, location: { kind: 'elsewhere', matches: all } };
}

function matchAt(dt: DraftText, start: number, length: number): DraftMatch {
  return { start, end: start + length, first: lineAt(dt, start), last: lineAt(dt, start + length - 1) };
}

/** The first place of `quote` in the draft ignoring upper and lower case (when lower-casing keeps the lengths), or undefined. */
function caseInsensitive(dt: DraftText, quote: string): DraftMatch | undefined {
  const text = dt.text.toLowerCase();
  const q = quote.toLowerCase();
  if (text.length !== dt.text.length || q.length !== quote.length) return undefined;
  const at = text.indexOf(q);
  return at < 0 ? undefined : matchAt(dt, at, q.length);
}

/**
 * The first place of `quote` in the draft when invisible characters (rules/fold.ts: soft hyphens,
 * zero-width spaces, marks) are left out of both, with the first invisible character that stands
 * there in the draft; undefined when there is none. Linear in the draft (one pass to leave them out,
 * one search).
 *
 * Decided: such a quote is not taken as found. Apply changes the source text, and the character is in
 * the source between the quoted letters; the check says which character it is, the programme's own
 * check (`invisible-character`) offers to remove it, and the quote then stands as written.
 */
function throughInvisible(dt: DraftText, quote: string): { match: DraftMatch; invisible: InvisibleInfo } | undefined {
  const v = visibleOf(dt);
  if (v === undefined) return undefined;
  let q = '';
  for (let i = 0; i < quote.length; i++) if (invisibleCharacter(quote.charCodeAt(i)) === undefined) q += quote[i];
  if (q === '') return undefined;
  const at = v.text.indexOf(q);
  if (at < 0) return undefined;
  const start = v.offsets[at];
  const end = v.offsets[at + q.length - 1] + 1;
  for (let i = start; i < end; i++) {
    const info = invisibleCharacter(dt.text.charCodeAt(i));
    if (info !== undefined) return { match: matchAt(dt, start, end - start), invisible: info };
  }
  return undefined;
}

/** The draft's text without its invisible characters, and where each of its characters stands in {@link DraftText.text}. */
interface Visible {
  text: string;
  offsets: Int32Array;
}

/** The visible texts made so far; null for a draft without invisible characters. */
const visibles = new WeakMap<DraftText, Visible | null>();

/** {@link Visible} of `dt`, made once; undefined when the draft has no invisible character. */
function visibleOf(dt: DraftText): Visible | undefined {
  const known = visibles.get(dt);
  if (known !== undefined) return known ?? undefined;
  const parts: string[] = [];
  const offsets = new Int32Array(dt.text.length);
  let kept = 0;
  let from = 0;
  for (let i = 0; i < dt.text.length; i++) {
    const c = dt.text.charCodeAt(i);
    if (c === 10 || invisibleCharacter(c) === undefined) {
      offsets[kept++] = i;
      continue;
    }
    parts.push(dt.text.slice(from, i));
    from = i + 1;
  }
  const v = kept === dt.text.length ? null : { text: (parts.push(dt.text.slice(from)), parts.join('')), offsets: offsets.subarray(0, kept) };
  visibles.set(dt, v);
  return v ?? undefined;
}

/** The printed lines of a match, or of indices `first`..`last`. */
export function linesOf(dt: DraftText, first: number, last: number): PrintedLine[] {
  return dt.draft.lines.slice(first, last + 1);
}

/** The text of the draft from line `first` to line `last` (indices), as searched (a line break between blocks). */
export function textOfLines(dt: DraftText, first: number, last: number): string {
  return dt.text.slice(dt.starts[first], dt.ends[last]);
}

/** The printed numbers of lines `first`..`last` (indices) as a citation writes them: `40`, `40–41`. */
export function numbersText(dt: DraftText, first: number, last: number, dash = '–'): string {
  const a = dt.draft.lines[first].number;
  const b = dt.draft.lines[last].number;
  return a === b ? String(a) : `${a}${dash}${b}`;
}

/** The dash a citation was written with (`-` when it holds one, else `–`). */
export function dashOf(text: string, span: Span): string {
  return text.slice(span.start, span.end).includes('-') ? '-' : '–';
}
