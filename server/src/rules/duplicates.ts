/**
 * Duplicate rules (docs/rules.md): `duplicate-label`, `duplicate-title`,
 * `duplicate-measure` and `similar-measures`.
 *
 * Every pair is reported once, on the later of the two, with `related` pointing at the earlier (when
 * three are the same, the second and the third each point at the first). Positions are the model's
 * spans: the label, the heading's title, or a measure from its number to the end of its first line.
 */
import * as l10n from '@vscode/l10n';
import { repeated } from '../l10n/index';
import type { Diagnostic, Related, Span } from '../syntax/span';
import { truncate } from '../syntax/tree';
import { isJsSpace } from '../syntax/spaces';
import { memoized } from '../syntax/memo';
import { DEFAULT_SIMILARITY_THRESHOLD, type Config } from '../model/config';
import { measureSummary, programmeMemos, type Label, type Measure, type Pillar, type Programme, type Section, type Subsection } from '../model/programme';
import { foldCodeUnits, foldText } from './fold';
import { contentWords, findSimilarKeys, findSimilarWords, foldedLatin1PieceWords, keyHash, keyWords, newWordCache, newWordTable, selectedRuns, unitWords, type SimilarityResult, type WordCache, type WordRuns, type WordTable } from './similarity';
import { documentLanguage, wordFormsOf } from './wordForms';

/** Runs `duplicate-label`, `duplicate-title` and `duplicate-measure` over `p`. */
export function checkDuplicates(p: Programme): Diagnostic[] {
  return [...checkDuplicateLabels(p), ...checkDuplicateTitles(p), ...checkDuplicateMeasures(p)];
}

/**
 * Where a label stands, for the `duplicate-label` messages: `on measure 1.3`, `on pillar 1 "Arbeid"`,
 * `on the section "Forord"`. A phrase of place (an adverbial) that stands as it is in any position of
 * a sentence, in every language.
 */
function labelPlace(owner: Pillar | Section | Subsection | Measure): string {
  switch (owner.kind) {
    case 'measure':
      return l10n.t('on measure {0}', owner.id);
    case 'pillar':
      return owner.title === '' ? l10n.t('on pillar {0}', owner.numberText) : l10n.t('on pillar {0} "{1}"', owner.numberText, truncate(owner.title, 50));
    case 'subsection':
      return owner.numberText !== undefined
        ? l10n.t('on sub-section {0} "{1}"', owner.numberText, truncate(owner.title, 50))
        : l10n.t('on the sub-section "{0}"', truncate(owner.title, 50));
    default:
      return l10n.t('on the section "{0}"', truncate(owner.title, 50));
  }
}

/**
 * `duplicate-label` (error): a label whose key (NFC and case folding, `labelKey`) was declared
 * before. References bind to the first declaration (model/resolve.ts), so the later one is dead.
 */
export function checkDuplicateLabels(p: Programme): Diagnostic[] {
  const out: Diagnostic[] = [];
  const first = new Map<string, Label>();
  for (const label of p.labels) {
    const earlier = first.get(label.key);
    if (earlier === undefined) {
      first.set(label.key, label);
      continue;
    }
    const message =
      earlier.name === label.name
        ? l10n.t(
            'The label "{0}" {1} is already declared {2}; references to it go to the first one. Rename one of the two labels.',
            `{#${label.name}}`,
            labelPlace(label.owner),
            labelPlace(earlier.owner),
          )
        : l10n.t(
            'The label "{0}" {1} is the same as "{2}" {3} (capital and small letters count as the same); references to it go to the first one. Rename one of the two labels.',
            `{#${label.name}}`,
            labelPlace(label.owner),
            `{#${earlier.name}}`,
            labelPlace(earlier.owner),
          );
    out.push({
      code: 'duplicate-label',
      severity: 'error',
      message,
      span: label.span,
      related: [{ span: earlier.span, message: l10n.t('"{0}" is first declared here, {1}', `{#${earlier.name}}`, labelPlace(earlier.owner)) }],
      data: { first: earlier.name },
    });
  }
  return out;
}

/** The comparison key of a title (fold.ts), or '' for an empty title (kept for the next version: most titles do not change). */
export const titleKey: (title: string) => string = memoized(foldText);

/**
 * `duplicate-title` (warning): two siblings with the same title key ({@link titleKey}): pillars and
 * unnumbered sections at the top level (all compared with each other), and sub-sections of one parent.
 * The same sub-section title under two different parents is fine. Empty titles are not compared.
 */
export function checkDuplicateTitles(p: Programme): Diagnostic[] {
  const out: Diagnostic[] = [];
  const compare = (siblings: readonly (Pillar | Section | Subsection)[]) => {
    // Most headings have no sub-sections, or one: no map for them.
    if (siblings.length < 2) return;
    const first = new Map<string, Pillar | Section | Subsection>();
    for (const node of siblings) {
      const key = titleKey(node.title);
      if (key === '') continue;
      const earlier = first.get(key);
      if (earlier === undefined) {
        first.set(key, node);
        continue;
      }
      out.push({
        code: 'duplicate-title',
        severity: 'warning',
        message: sameTitleMessage(node, earlier),
        span: titleSpan(node),
        related: [{ span: titleSpan(earlier), message: sameTitleRelated(earlier) }],
      });
    }
  };
  compare(p.top);
  const visit = (node: Pillar | Section | Subsection) => {
    compare(node.subsections);
    for (const s of node.subsections) visit(s);
  };
  for (const top of p.top) visit(top);
  return out;
}

/** A title as the `duplicate-title` messages quote it. */
function title(node: Pillar | Section | Subsection): string {
  return truncate(node.title, 50);
}

/**
 * The `duplicate-title` message of `node`, whose title `earlier` has: siblings at the top level (pillars
 * and sections) or sub-sections of one heading. Titles are not empty here (empty ones are not compared).
 */
function sameTitleMessage(node: Pillar | Section | Subsection, earlier: Pillar | Section | Subsection): string {
  if (node.kind === 'subsection' && earlier.kind === 'subsection') {
    if (node.numberText !== undefined) {
      return earlier.numberText !== undefined
        ? l10n.t(
            'Sub-section {0} "{1}" has the same title as sub-section {2} "{3}" under the same heading; readers of the table of contents cannot tell them apart. Give one of them a distinct title, or merge the two.',
            node.numberText,
            title(node),
            earlier.numberText,
            title(earlier),
          )
        : l10n.t(
            'Sub-section {0} "{1}" has the same title as an earlier sub-section under the same heading; readers of the table of contents cannot tell them apart. Give one of them a distinct title, or merge the two.',
            node.numberText,
            title(node),
          );
    }
    return earlier.numberText !== undefined
      ? l10n.t(
          'The sub-section "{0}" has the same title as sub-section {1} "{2}" under the same heading; readers of the table of contents cannot tell them apart. Give one of them a distinct title, or merge the two.',
          title(node),
          earlier.numberText,
          title(earlier),
        )
      : l10n.t(
          'The sub-section "{0}" has the same title as an earlier sub-section under the same heading; readers of the table of contents cannot tell them apart. Give one of them a distinct title, or merge the two.',
          title(node),
        );
  }
  if (node.kind === 'pillar') {
    return earlier.kind === 'pillar'
      ? l10n.t(
          'Pillar {0} "{1}" has the same title as pillar {2} "{3}"; readers of the table of contents cannot tell them apart. Give one of them a distinct title, or merge the two.',
          node.numberText,
          title(node),
          earlier.numberText,
          title(earlier),
        )
      : l10n.t(
          'Pillar {0} "{1}" has the same title as an earlier section; readers of the table of contents cannot tell them apart. Give one of them a distinct title, or merge the two.',
          node.numberText,
          title(node),
        );
  }
  return earlier.kind === 'pillar'
    ? l10n.t(
        'The section "{0}" has the same title as pillar {1} "{2}"; readers of the table of contents cannot tell them apart. Give one of them a distinct title, or merge the two.',
        title(node),
        earlier.numberText,
        title(earlier),
      )
    : l10n.t(
        'The section "{0}" has the same title as an earlier section; readers of the table of contents cannot tell them apart. Give one of them a distinct title, or merge the two.',
        title(node),
      );
}

/** The related information of `duplicate-title` at the earlier of the two: "Pillar 1 "Skole" has the same title". */
function sameTitleRelated(earlier: Pillar | Section | Subsection): string {
  switch (earlier.kind) {
    case 'pillar':
      return l10n.t('Pillar {0} "{1}" has the same title', earlier.numberText, title(earlier));
    case 'subsection':
      return earlier.numberText !== undefined
        ? l10n.t('Sub-section {0} "{1}" has the same title', earlier.numberText, title(earlier))
        : l10n.t('The sub-section "{0}" has the same title', title(earlier));
    default:
      return l10n.t('The section "{0}" has the same title', title(earlier));
  }
}

function titleSpan(node: Pillar | Section | Subsection): Span {
  const t = node.heading.titleSpan;
  return t.end > t.start ? t : node.heading.span;
}

/** A measure's span for duplicate diagnostics: from its number to the end of its first line. */
function measureHead(m: Measure): Span {
  const firstLine = m.node.lines[0];
  return { start: m.numberSpan.start, end: Math.max(m.delimiterSpan.end, firstLine?.span.end ?? 0) };
}

const measureKeysCache = new WeakMap<Programme, string[]>();
const measureWordsCache = new WeakMap<Programme, { runs: WordRuns; table: WordTable }>();
/** The hashes of the keys of {@link measureKeys} (similarity.ts `keyHash`), made with the words. */
const keyHashesCache = new WeakMap<Programme, Int32Array>();

/**
 * The text of measure `m` that its comparison key folds: its lines' text with its label, its
 * references, sub-point bullets and escape backslashes left out (the escaped number's first `\`
 * removed; a label or reference read as one space), each line's leading white space removed on the
 * first line and after a line that ends in a soft hyphen, the lines joined by a space, or by nothing
 * after a soft hyphen that ends a line (the soft hyphens and the spaces and tabs after them dropped:
 * the word it split is whole again). `foldText` of it is the measure's key; this is the documented
 * reference that {@link measureKeys} computes faster.
 */
export function measureRawText(p: Programme, m: Measure): string {
  const text = p.text;
  let raw = '';
  let glue = '';
  for (const line of m.node.lines) {
    let part = line.prefix === 'escape' ? text.slice(line.prefixSpan.start, line.prefixSpan.end).replace('\\', '') : '';
    for (const n of line.inlines) part += n.kind === 'text' ? text.slice(n.span.start, n.span.end) : ' ';
    if (glue === '') part = part.trimStart();
    // A soft hyphen that ends a line joins the word it split with the next line; otherwise lines are joined by a space.
    let end = part.length;
    while (end > 0 && (part.charCodeAt(end - 1) === 0x20 || part.charCodeAt(end - 1) === 0x09)) end--;
    const hyphenated = end > 0 && part.charCodeAt(end - 1) === 0xad;
    if (hyphenated) while (end > 0 && part.charCodeAt(end - 1) === 0xad) end--;
    raw += glue + (hyphenated ? part.slice(0, end) : part);
    glue = hyphenated ? '' : ' ';
  }
  return raw;
}

/**
 * Scratch buffers, reused from measure to measure (grown when needed): a window of the text's code
 * units that the measures' pieces are read from, the code units of one measure's raw text (for the
 * paths that need it in one piece) and of its key; and the key's code units as bytes when they are
 * all Latin-1 (Node's `latin1` is ISO-8859-1, byte = code point, not windows-1252).
 */
/** Buffers above this many code units are let go after use (one huge measure must not pin megabytes). */
const KEPT_BUFFER_UNITS = 1 << 16;

/** Puts the scratch buffers back to their first size when a huge measure made them grow. */
function releaseLargeBuffers(): void {
  if (windowUnits.length > KEPT_BUFFER_UNITS + 1) setWindow(new Uint16Array(KEPT_BUFFER_UNITS + 1));
  if (pieces.length > KEPT_BUFFER_UNITS) pieces = new Int32Array(64);
  if (rawUnits.length > KEPT_BUFFER_UNITS) rawUnits = new Uint16Array(4096);
  if (keyUnits.length > KEPT_BUFFER_UNITS) keyUnits = new Uint16Array(4096);
  if (keyBytes.length > KEPT_BUFFER_UNITS) keyBytes = Buffer.allocUnsafe(4096);
}

/**
 * The window: `windowUnits[0 .. windowEnd − windowStart)` holds the code units of the text being
 * read from `windowStart` on (none when `windowStart > windowEnd`: {@link measureKeys} empties it
 * before it reads a text), written natively a window at a time (the measures follow one another in
 * the text, so each code unit is written about once); its last unit is always a space, which the
 * pieces of a label or reference read ({@link measurePieces}).
 */
let windowUnits: Uint16Array = new Uint16Array(KEPT_BUFFER_UNITS + 1);
let windowBytes: Buffer = Buffer.from(windowUnits.buffer);
let windowStart = 1;
let windowEnd = 0;

/** Makes `units` the window (empty), its last unit the space. */
function setWindow(units: Uint16Array): void {
  windowUnits = units;
  windowBytes = Buffer.from(units.buffer);
  units[units.length - 1] = 0x20;
  windowStart = 1;
  windowEnd = 0;
}
setWindow(windowUnits);

/** Makes the window hold `text[lo .. hi)` and returns the offset in `text` of its first code unit. */
function windowOver(text: string, lo: number, hi: number): number {
  if (lo >= windowStart && hi <= windowEnd) return windowStart;
  if (windowUnits.length - 1 < hi - lo) setWindow(new Uint16Array((hi - lo) * 2 + 1));
  const end = Math.min(text.length, Math.max(hi, lo + windowUnits.length - 1));
  windowBytes.write(text.slice(lo, end), 0, 'utf16le');
  windowStart = lo;
  windowEnd = end;
  return lo;
}

/** The pieces of one measure's raw text: `[from, to)` ranges of `windowUnits`, two numbers each. */
let pieces = new Int32Array(64);
let rawUnits = new Uint16Array(4096);
let keyUnits = new Uint16Array(4096);
let keyBytes = Buffer.allocUnsafe(4096);
/** The folded length and the hash of the last key of `foldedLatin1PieceWords` (similarity.ts). */
const foldedKey = { length: 0, hash: 0 };
const utf16 = new TextDecoder('utf-16le', { ignoreBOM: true });

/**
 * Writes to `pieces` the pieces of {@link measureRawText} of `m`, as ranges of `windowUnits` (which
 * it makes hold the measure's lines), and returns how many numbers it wrote (two per piece); the raw
 * text is the pieces' code units one after the other. A label or reference (one code unit or more)
 * is one space, the window's last unit; the glue of two lines is a space as well, or nothing after a
 * line that ends in a soft hyphen, whose soft hyphens and the spaces and tabs after them are left
 * out, as are the white space that begins the first line and a line after such a line, and the first
 * backslash of an escaped number. No piece is empty.
 */
function measurePieces(text: string, m: Measure): number {
  const lines = m.node.lines;
  let lo = text.length;
  let hi = 0;
  let room = 0;
  for (const line of lines) {
    const prefix = line.prefixSpan;
    if (prefix.start < lo) lo = prefix.start;
    if (prefix.end > hi) hi = prefix.end;
    for (const inline of line.inlines) {
      const span = inline.span;
      if (span.start < lo) lo = span.start;
      if (span.end > hi) hi = span.end;
    }
    room += 6 + 2 * line.inlines.length;
  }
  if (hi <= lo) return 0;
  const base = windowOver(text, lo, hi);
  const src = windowUnits;
  const space = src.length - 1;
  if (pieces.length < room) pieces = new Int32Array(room * 2);
  const out = pieces;
  let k = 0;
  let glue = false;
  for (const line of lines) {
    if (glue) {
      out[k++] = space;
      out[k++] = space + 1;
    }
    const first = k;
    if (line.prefix === 'escape') {
      const from = line.prefixSpan.start - base;
      const to = line.prefixSpan.end - base;
      let backslash = from;
      while (backslash < to && src[backslash] !== 0x5c) backslash++;
      if (backslash > from) {
        out[k++] = from;
        out[k++] = backslash;
      }
      if (backslash + 1 < to) {
        out[k++] = backslash + 1;
        out[k++] = to;
      }
    }
    for (const inline of line.inlines) {
      if (inline.kind !== 'text') {
        out[k++] = space;
        out[k++] = space + 1;
      } else if (inline.span.end > inline.span.start) {
        out[k++] = inline.span.start - base;
        out[k++] = inline.span.end - base;
      }
    }
    if (!glue) {
      // The white space that begins the line is left out.
      let p = first;
      for (; p < k; p += 2) {
        let from = out[p];
        const to = out[p + 1];
        while (from < to && isJsSpace(src[from])) from++;
        if (from < to) {
          out[p] = from;
          break;
        }
      }
      if (p > first) {
        out.copyWithin(first, p, k);
        k -= p - first;
      }
    }
    // Back from the line's end over spaces and tabs: a soft hyphen there makes it end in one.
    let p = k - 2;
    let at = p >= first ? out[p + 1] : 0;
    while (p >= first) {
      if (at > out[p]) {
        const c = src[at - 1];
        if (c !== 0x20 && c !== 0x09) break;
        at--;
      } else if ((p -= 2) >= first) at = out[p + 1];
    }
    const hyphenated = p >= first && src[at - 1] === 0xad;
    if (hyphenated) {
      while (p >= first) {
        if (at > out[p]) {
          if (src[at - 1] !== 0xad) break;
          at--;
        } else if ((p -= 2) >= first) at = out[p + 1];
      }
      if (p < first) k = first;
      else {
        out[p + 1] = at;
        k = p + 2;
      }
    }
    glue = !hyphenated;
  }
  return k;
}

/** The number of code units of the first `count` numbers of `pieces` (see {@link measurePieces}). */
function piecesLength(count: number): number {
  let length = 0;
  for (let p = 0; p < count; p += 2) length += pieces[p + 1] - pieces[p];
  return length;
}

/** Writes the code units of the first `count` numbers of `pieces` one after the other into `rawUnits` (the raw text); returns their number. */
function piecesToRaw(count: number, length: number): number {
  if (rawUnits.length < length) rawUnits = new Uint16Array(length * 2);
  const raw = rawUnits;
  const src = windowUnits;
  const ranges = pieces;
  let n = 0;
  for (let p = 0; p < count; p += 2) for (let i = ranges[p], to = ranges[p + 1]; i < to; i++) raw[n++] = src[i];
  return n;
}

/**
 * The string of `keyUnits[0 .. length)`: through `keyBytes` as Latin-1 when every code unit is below
 * U+0100 (a one-byte string, made natively), else decoded as UTF-16 (`foldCodeUnits` leaves no lone
 * surrogates: the code units it keeps are all below U+D800).
 */
function keyString(length: number): string {
  if (keyBytes.length < length) keyBytes = Buffer.allocUnsafe(length * 2);
  const units = keyUnits;
  const bytes = keyBytes;
  let wide = 0;
  for (let i = 0; i < length; i++) {
    const c = units[i];
    wide |= c;
    bytes[i] = c;
  }
  return wide < 0x100 ? bytes.toString('latin1', 0, length) : utf16.decode(units.subarray(0, length));
}

/**
 * A copy of `ids[0 .. at)` with room for `more` ids after them, and for as many as the `done` measures
 * read so far (of `total`) promise for the rest.
 */
function grownIds(ids: Int32Array, at: number, more: number, done: number, total: number): Int32Array {
  // As many as the measures read so far promise for all of them, a tenth more: a large document's
  // ids grow once or twice, not by doubling through megabytes of short-lived arrays.
  const expected = done > 0 ? Math.ceil((at / done) * total * 1.1) + 1024 : 0;
  const grown = new Int32Array(Math.max(ids.length * 2, at + more, expected));
  grown.set(ids.subarray(0, at));
  return grown;
}

/**
 * The comparison keys of the measures of `p`, in the order of `p.measures`: `foldText` (fold.ts) of
 * {@link measureRawText}. Computed once per programme, code unit by code unit (`foldCodeUnits`) where
 * the text allows it, else with `foldText`; the keys are the same either way. When `p` keeps no
 * caches (a one-off analysis, not the language server's), the words of the keys are read at the same
 * time, while a key's code units are at hand: see {@link measureWords}.
 */
export function measureKeys(p: Programme): string[] {
  const cached = measureKeysCache.get(p);
  if (cached !== undefined) return cached;
  const text = p.text;
  const measures = p.measures;
  const n = measures.length;
  const keys: string[] = [];
  const withWords = p.caches === undefined;
  const table = withWords ? newWordTable() : undefined;
  let ids: Int32Array = new Int32Array(withWords ? 4096 : 0);
  const offsets = new Int32Array(withWords ? n + 1 : 0);
  const hashes = new Int32Array(withWords ? n : 0);
  let at = 0;
  // A key depends only on the measure's own characters: it is kept in the measure's memo, which a
  // measure of a later version that was not read again (the language server's analysis after an
  // edit) shares.
  const memos = programmeMemos(p).measures;
  // The window holds nothing of this text yet.
  windowStart = 1;
  windowEnd = 0;
  for (let i = 0; i < n; i++) {
    const m = measures[i];
    const memo = memos[i];
    let key = memo?.key;
    let end = -1;
    // The key's hash when its bytes are at hand in `keyBytes` (else it is hashed from the string).
    let hash: number | undefined;
    if (key === undefined) {
      const count = measurePieces(text, m);
      const length = piecesLength(count);
      if (keyUnits.length < length) keyUnits = new Uint16Array(length * 2);
      if (table !== undefined) {
        // Latin-1 text: folded from the window, its words read and the key's bytes written in one pass.
        if (keyBytes.length < length) keyBytes = Buffer.allocUnsafe(length * 2);
        if (ids.length < at + length) ids = grownIds(ids, at, length, i, n);
        end = foldedLatin1PieceWords(windowUnits, pieces, count, keyUnits, keyBytes, table, ids, at, foldedKey);
        if (end >= 0) {
          key = foldedKey.length === 0 ? '' : keyBytes.toString('latin1', 0, foldedKey.length);
          hash = foldedKey.hash;
        }
      }
      if (key === undefined) {
        piecesToRaw(count, length);
        const folded = foldCodeUnits(rawUnits, length, keyUnits);
        if (folded > 0 && table !== undefined) {
          // Latin-1 keys: the words and the key's bytes in one pass.
          if (keyBytes.length < folded) keyBytes = Buffer.allocUnsafe(folded * 2);
          if (ids.length < at + folded) ids = grownIds(ids, at, folded, i, n);
          end = unitWords(keyUnits, folded, table, ids, at, keyBytes);
          if (end >= 0) key = keyBytes.toString('latin1', 0, folded);
          else end = unitWords(keyUnits, folded, table, ids, at);
        }
        // Other characters (and lone surrogates, which decoding would replace) take the documented path.
        if (key === undefined) key = folded === 0 ? '' : folded > 0 ? keyString(folded) : foldText(measureRawText(p, m));
      }
      if (memo !== undefined) memo.key = key;
    }
    keys.push(key);
    if (table !== undefined) {
      if (end < 0 && ids.length < at + key.length) ids = grownIds(ids, at, key.length, i, n);
      at = end >= 0 ? end : keyWords(key, table, ids, at);
      offsets[i + 1] = at;
      hashes[i] = hash ?? keyHash(key);
    }
  }
  releaseLargeBuffers();
  measureKeysCache.set(p, keys);
  if (table !== undefined) {
    measureWordsCache.set(p, { runs: { ids, offsets, count: table.count }, table });
    keyHashesCache.set(p, hashes);
  }
  return keys;
}

/**
 * The words of the measures' keys of `p` as word ids (`foldedWords` of each key of {@link measureKeys},
 * interned by similarity.ts in `table`; measure i's are `runs.ids[runs.offsets[i] .. runs.offsets[i + 1])`),
 * or undefined when `p` keeps caches (the language server, which keeps word ids from version to
 * version in a `WordCache`).
 */
export function measureWords(p: Programme): { runs: WordRuns; table: WordTable } | undefined {
  measureKeys(p);
  return measureWordsCache.get(p);
}

/** How to point a reader at measure `m` with a reference, if one would resolve: `[[#label]]` or `[[1.3]]`. */
function referenceTo(p: Programme, m: Measure): string | undefined {
  if (m.label !== undefined) return `[[#${m.label.name}]]`;
  if (m.pillar !== undefined || p.mode === 'continuous') return `[[${m.id}]]`;
  return undefined;
}

const exactTwinsCache = new WeakMap<Programme, Int32Array>();

/**
 * How many measures have each key, for the language server's next version (kept in `Programme.caches`
 * under `duplicate-measure`): the keys it was counted for, and the keys two measures or more have.
 */
interface KeyCounts {
  keys: readonly string[];
  counts: Map<string, number>;
  repeated: Set<string>;
}

/** At most this many keys changed since the counts were made: then only they are counted again. */
const MAX_RECOUNTED = 256;

/**
 * The keys two measures or more have among `keys` ('' never counts): from the counts of the version
 * before in `caches` when only a few keys changed since (those between the keys both versions share at
 * the start and at the end are taken out and put in again), else counted afresh; `caches` is brought up
 * to `keys`.
 */
function repeatedKeys(keys: readonly string[], caches: Map<string, unknown>): ReadonlySet<string> {
  const last = caches.get('duplicate-measure') as KeyCounts | undefined;
  const n = keys.length;
  if (last !== undefined) {
    const m = last.keys.length;
    let prefix = 0;
    while (prefix < n && prefix < m && keys[prefix] === last.keys[prefix]) prefix++;
    let suffix = 0;
    while (suffix < n - prefix && suffix < m - prefix && keys[n - 1 - suffix] === last.keys[m - 1 - suffix]) suffix++;
    if (n - suffix - prefix <= MAX_RECOUNTED && m - suffix - prefix <= MAX_RECOUNTED) {
      const { counts, repeated } = last;
      for (let i = prefix; i < m - suffix; i++) {
        const key = last.keys[i];
        if (key === '') continue;
        const count = counts.get(key)! - 1;
        if (count === 0) counts.delete(key);
        else counts.set(key, count);
        if (count === 1) repeated.delete(key);
      }
      for (let i = prefix; i < n - suffix; i++) {
        const key = keys[i];
        if (key === '') continue;
        const count = (counts.get(key) ?? 0) + 1;
        counts.set(key, count);
        if (count === 2) repeated.add(key);
      }
      last.keys = keys;
      return repeated;
    }
  }
  const counts = new Map<string, number>();
  const repeated = new Set<string>();
  for (const key of keys) {
    if (key === '') continue;
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    if (count === 2) repeated.add(key);
  }
  caches.set('duplicate-measure', { keys, counts, repeated } satisfies KeyCounts);
  return repeated;
}

/**
 * For each measure of `p` (by index into `p.measures`), the index of the first measure with the same
 * key when an earlier measure has it, else −1 (measures whose key is '' have none). Once per programme.
 * With the language server's caches (`Programme.caches`), only the keys two measures share are looked
 * for ({@link repeatedKeys}: the counts of the version before, brought up to this one); else the keys
 * are found again by a hash of their code units (FNV-1a) in a table of indices, not in a `Map` of
 * strings: a large document has hundreds of thousands of keys.
 */
function exactTwins(p: Programme): Int32Array {
  const cached = exactTwinsCache.get(p);
  if (cached !== undefined) return cached;
  const keys = measureKeys(p);
  const hashes = keyHashesCache.get(p);
  const twins = p.caches !== undefined ? twinsAmong(keys, repeatedKeys(keys, p.caches)) : twinsByHash(keys, hashes ?? Int32Array.from(keys, keyHash));
  exactTwinsCache.set(p, twins);
  return twins;
}

/** {@link exactTwins} of `keys` when `repeated` holds the keys two of them or more have. */
function twinsAmong(keys: readonly string[], repeated: ReadonlySet<string>): Int32Array {
  const twins = new Int32Array(keys.length).fill(-1);
  if (repeated.size === 0) return twins;
  const first = new Map<string, number>();
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (!repeated.has(key)) continue;
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, i);
    else twins[i] = earlier;
  }
  return twins;
}

/** {@link exactTwins} of `keys`, whose {@link keyHash}es are `hashes`, by a hash table of indices. */
function twinsByHash(keys: readonly string[], hashes: Int32Array): Int32Array {
  const n = keys.length;
  const twins = new Int32Array(n).fill(-1);
  let size = 16;
  while (size < 2 * n) size *= 2;
  const mask = size - 1;
  const slots = new Int32Array(size).fill(-1);
  for (let i = 0; i < n; i++) {
    const key = keys[i];
    if (key === '') continue;
    const h = hashes[i];
    let slot = Math.imul(h ^ (h >>> 16), 0x45d9f3b) & mask;
    for (;;) {
      const j = slots[slot];
      if (j < 0) {
        slots[slot] = i;
        break;
      }
      if (hashes[j] === h && keys[j] === key) {
        twins[i] = j;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return twins;
}

/**
 * `duplicate-measure` (warning): a measure whose comparison key ({@link measureKeys}) equals an
 * earlier measure's. Measures without words are not compared.
 */
export function checkDuplicateMeasures(p: Programme): Diagnostic[] {
  const out: Diagnostic[] = [];
  const twins = exactTwins(p);
  const measures = p.measures;
  let any = false;
  for (let i = 0; i < twins.length && !any; i++) any = twins[i] >= 0;
  if (!any) return out;
  // A large document may have hundreds of thousands of duplicates, of far fewer first copies: what
  // depends only on the first copy is made once per first copy, and the message's template read once.
  const sameText = repeated(l10n.t('Measure {0} has the same text as measure {1} ("{2}").'));
  const byEarlier = new Map<Measure, { sentence: (id: string) => string; advice: string; related: Related[]; data: { twin: string } }>();
  for (let i = 0; i < twins.length; i++) {
    if (twins[i] < 0) continue;
    const m = measures[i];
    const earlier = measures[twins[i]];
    let first = byEarlier.get(earlier);
    if (first === undefined) {
      const ref = referenceTo(p, earlier);
      first = {
        // The first sentence, of the later measure's id.
        sentence: sameText.but(0, '', earlier.id, measureSummary(p, earlier)),
        // The second sentence, with the space before it.
        advice: ' ' + (ref !== undefined ? l10n.t('Remove one of them, or keep one and refer to it with {0}.', ref) : l10n.t('Remove one of them.')),
        related: [{ span: earlier.span, message: l10n.t('Measure {0} has the same text', earlier.id) }],
        data: { twin: earlier.id },
      };
      byEarlier.set(earlier, first);
    }
    out.push({
      code: 'duplicate-measure',
      severity: 'warning',
      message: first.sentence(m.id) + first.advice,
      span: measureHead(m),
      // Shared by the duplicates of one first copy (diagnostics are never changed after they are made).
      related: first.related,
      data: first.data,
    });
  }
  return out;
}

/** At most this many earlier twins are listed in a `similar-measures` diagnostic (the most similar first). */
const MAX_RELATED = 10;

/**
 * The first sentence of a `similar-measures` message: measure `id` and its most similar earlier twin
 * `twin` (whose text begins `summary`), and how many `more` twins it has: "Measure 2.3 is 88% similar
 * to measure 2.1 ("Styrke …") , and to 1 more measure, listed below." At similarity 1 the two have
 * the same content words with the same neighbours: they may differ in word forms, stop words and
 * punctuation.
 */
function similarMessage(id: string, twin: string, summary: string, similarity: number, more: number): string {
  if (similarity >= 1) {
    if (more === 0) return l10n.t('Measure {0} has the same words as measure {1} ("{2}"); only word forms, small words such as "and", punctuation, references or labels differ.', id, twin, summary);
    if (more === 1) {
      return l10n.t('Measure {0} has the same words as measure {1} ("{2}") and as 1 more measure, listed below; only word forms, small words such as "and", punctuation, references or labels differ.', id, twin, summary);
    }
    if (more < MAX_RELATED) {
      return l10n.t(
        'Measure {0} has the same words as measure {1} ("{2}") and as {3} more measures, listed below; only word forms, small words such as "and", punctuation, references or labels differ.',
        id,
        twin,
        summary,
        more,
      );
    }
    return l10n.t(
      'Measure {0} has the same words as measure {1} ("{2}") and as {3} more measures, the {4} most similar of them listed below; only word forms, small words such as "and", punctuation, references or labels differ.',
      id,
      twin,
      summary,
      more,
      MAX_RELATED,
    );
  }
  const p = percent(similarity);
  if (more === 0) return l10n.t('Measure {0} is {1}% similar to measure {2} ("{3}").', id, p, twin, summary);
  if (more === 1) return l10n.t('Measure {0} is {1}% similar to measure {2} ("{3}"), and to 1 more measure, listed below.', id, p, twin, summary);
  if (more < MAX_RELATED) return l10n.t('Measure {0} is {1}% similar to measure {2} ("{3}"), and to {4} more measures, listed below.', id, p, twin, summary, more);
  return l10n.t('Measure {0} is {1}% similar to measure {2} ("{3}"), and to {4} more measures; the {5} most similar are listed below.', id, p, twin, summary, more, MAX_RELATED);
}

/** Similarity 0..1 as a whole percentage, rounded down (so that only the same words and pairs show 100%). */
function percent(similarity: number): number {
  return Math.floor(similarity * 100 + 1e-9);
}

/**
 * `similar-measures` (information): measures whose words and pairs of neighbouring words have a
 * Jaccard similarity ≥ `config.similarity.threshold` (default {@link DEFAULT_SIMILARITY_THRESHOLD})
 * with an earlier measure's, found with the prefix-filtering index of similarity.ts. The words are
 * read as their stems, stop words left out, in the programme's language (wordForms.ts's
 * `documentLanguage`: the front matter's `lang`, else a guess; none: the folded words as written). Exact duplicates
 * (`duplicate-measure`) take part only through their first copy, so a pair is never reported as both.
 * One diagnostic per later measure: the message names its most similar earlier twin, `related` lists
 * the earlier twins with their similarity, the most similar first (at most 10; the message says how
 * many there are; `data.twins` lists the same ones and `data.more` counts the rest). Alternatives
 * for one place (`9A.`, `9B.`) are alike on purpose and not reported with each other. When the work
 * budget of the search cut it (similarity.ts's `workBudget`), one more diagnostic says so, on the
 * first measure that was not compared in full (`data.cut`).
 * Skipped when the code is configured `off`.
 */
export function checkSimilarMeasures(p: Programme, config: Config = {}): Diagnostic[] {
  if (config.rules?.['similar-measures'] === 'off') return [];
  const configured = config.similarity?.threshold;
  const threshold = typeof configured === 'number' && Number.isFinite(configured) ? Math.min(1, Math.max(0, configured)) : DEFAULT_SIMILARITY_THRESHOLD;
  const keys = measureKeys(p);
  const twins = exactTwins(p);
  const candidates: Measure[] = [];
  const chosen: number[] = [];
  const measures = p.measures;
  for (let i = 0; i < measures.length; i++) {
    const m = measures[i];
    if (keys[i] === '' || twins[i] >= 0) continue;
    candidates.push(m);
    chosen.push(i);
  }
  const language = documentLanguage(p.text);
  const options = { threshold, shingles: 'words and pairs' as const, forms: language === undefined ? undefined : wordFormsOf(language) };
  const words = measureWords(p);
  let result: SimilarityResult;
  if (words !== undefined) {
    // The words read with the keys, of the candidates only: the same result as findSimilarKeys of their keys.
    const { runs, table } = words;
    // Every measure a candidate (no empty keys, no exact twins): the runs as they are, not a selection.
    // The selection is made in similarity.ts (with forms, while the content words are read: no copy),
    // not in a loop here: this function's optimised code is now and then dropped for want of type
    // feedback, and a loop over every word would then run in the interpreter.
    const selection = chosen.length < measures.length ? chosen : undefined;
    if (options.forms !== undefined) result = findSimilarWords(contentWords(runs, table, options.forms, selection), options);
    else result = findSimilarWords(selection !== undefined ? selectedRuns(runs, selection) : runs, options);
  } else {
    // The language server's re-analysis after an edit keeps the word ids of unchanged measures.
    let cache = p.caches?.get('similar-measures') as WordCache | undefined;
    if (cache === undefined && p.caches !== undefined) p.caches.set('similar-measures', (cache = newWordCache()));
    result = findSimilarKeys(chosen.map((i) => keys[i]), options, cache);
  }
  const pairs = result.pairs;
  const byLater = new Map<number, { earlier: Measure; similarity: number }[]>();
  for (const pair of pairs) {
    if (alternativesOfOnePlace(candidates[pair.first], candidates[pair.second])) continue;
    let list = byLater.get(pair.second);
    if (list === undefined) byLater.set(pair.second, (list = []));
    list.push({ earlier: candidates[pair.first], similarity: pair.similarity });
  }
  const out: Diagnostic[] = [];
  for (const [index, list] of byLater) {
    const m = candidates[index];
    list.sort((a, b) => b.similarity - a.similarity || a.earlier.span.start - b.earlier.span.start);
    const best = list[0];
    const ref = referenceTo(p, best.earlier);
    const shown = list.slice(0, MAX_RELATED);
    const related: Related[] = shown.map((t) => ({ span: t.earlier.span, message: l10n.t('Measure {0} is {1}% similar', t.earlier.id, percent(t.similarity)) }));
    out.push({
      code: 'similar-measures',
      severity: 'information',
      message:
        similarMessage(m.id, best.earlier.id, measureSummary(p, best.earlier), best.similarity, list.length - 1) +
        ' ' +
        (ref !== undefined
          ? l10n.t('If both make the same promise, keep one and refer to it with {0}; if not, make the difference clear.', ref)
          : l10n.t('If both make the same promise, keep one; if not, make the difference clear.')),
      span: measureHead(m),
      related,
      data: { twins: shown.map((t) => ({ id: t.earlier.id, similarity: t.similarity })), more: Math.max(0, list.length - MAX_RELATED) },
    });
  }
  if (result.cut !== undefined) out.push(cutDiagnostic(candidates[result.cut.first], result));
  return out;
}

/**
 * True when `a` and `b` are alternatives for one place (`2.9A` and `2.9B`: the same id but for the
 * letter): proposals for the committee to choose between, alike on purpose, so not reported.
 */
function alternativesOfOnePlace(a: Measure, b: Measure): boolean {
  if (a.alternative === '' || b.alternative === '' || a.value !== b.value) return false;
  return a.id.slice(0, a.id.length - a.alternative.length) === b.id.slice(0, b.id.length - b.alternative.length) && a.parent === b.parent;
}

/**
 * The one `similar-measures` diagnostic that says the work budget cut the search (see
 * similarity.ts's `workBudget`), on `first`, the first measure not compared in full. `data.cut`: how
 * many measures were not (`measures`), the number of measures from which a word counted as too common
 * to compare through (`commonIn`), and the work done and allowed (`work`, `budget`: posting entries
 * read plus candidate pairs verified).
 */
function cutDiagnostic(first: Measure, result: SimilarityResult): Diagnostic {
  const cut = result.cut!;
  const message =
    cut.texts === 1
      ? l10n.t(
          'Similar measures may be missing: measure {0} is made of words that are each in {1} or more measures, too many to compare it with all of them. It was compared only with the measures that share one of its rarer words.',
          first.id,
          cut.commonIn,
        )
      : l10n.t(
          'Similar measures may be missing: {0} measures, this one ({1}) first, are made of words that are each in {2} or more measures, too many to compare them all with each other. They were compared only with the measures that share one of their rarer words.',
          cut.texts,
          first.id,
          cut.commonIn,
        );
  return {
    code: 'similar-measures',
    severity: 'information',
    message,
    span: measureHead(first),
    data: { cut: { measures: cut.texts, commonIn: cut.commonIn, work: result.visited + result.candidates, budget: result.budget } },
  };
}
