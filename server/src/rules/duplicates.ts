/**
 * Duplicate rules (docs/rules.md): `duplicate-label`, `duplicate-title`,
 * `duplicate-measure` and `similar-measures`.
 *
 * Every pair is reported once, on the later of the two, with `related` pointing at the earlier (when
 * three are the same, the second and the third each point at the first). Positions are the model's
 * spans: the label, the heading's title, or a measure from its number to the end of its first line.
 */
import type { Diagnostic, Related, Span } from '../syntax/span';
import { originalOf, truncate, type MeasureNode } from '../syntax/tree';
import { DEFAULT_SIMILARITY_THRESHOLD, type Config } from '../model/config';
import { measureSummary, type Label, type Measure, type Pillar, type Programme, type Section, type Subsection } from '../model/programme';
import { foldCodeUnits, foldText } from './fold';
import { findSimilarKeys, newWordCache, type WordCache } from './similarity';

/** Runs `duplicate-label`, `duplicate-title` and `duplicate-measure` over `p`. */
export function checkDuplicates(p: Programme): Diagnostic[] {
  return [...checkDuplicateLabels(p), ...checkDuplicateTitles(p), ...checkDuplicateMeasures(p)];
}

/** How a pillar, section, sub-section or measure is named in messages: `pillar 1 "Arbeid"`, `measure 1.3`. */
export function describeOwner(owner: Pillar | Section | Subsection | Measure): string {
  switch (owner.kind) {
    case 'measure':
      return `measure ${owner.id}`;
    case 'pillar':
      return owner.title === '' ? `pillar ${owner.numberText}` : `pillar ${owner.numberText} "${truncate(owner.title, 50)}"`;
    case 'subsection':
      return owner.numberText !== undefined ? `sub-section ${owner.numberText} "${truncate(owner.title, 50)}"` : `the sub-section "${truncate(owner.title, 50)}"`;
    default:
      return `the section "${truncate(owner.title, 50)}"`;
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
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
    const as =
      earlier.name === label.name
        ? `is already declared on ${describeOwner(earlier.owner)}`
        : `is the same as "{#${earlier.name}}" on ${describeOwner(earlier.owner)} (capital and small letters count as the same)`;
    out.push({
      code: 'duplicate-label',
      severity: 'error',
      message: `The label "{#${label.name}}" on ${describeOwner(label.owner)} ${as}; references to it go to the first one. Rename one of the two labels.`,
      span: label.span,
      related: [{ span: earlier.span, message: `"{#${earlier.name}}" is first declared here, on ${describeOwner(earlier.owner)}` }],
      data: { first: earlier.name },
    });
  }
  return out;
}

/** The comparison key of a title (fold.ts), or '' for an empty title. */
export function titleKey(title: string): string {
  return foldText(title);
}

/**
 * `duplicate-title` (warning): two siblings with the same title key ({@link titleKey}): pillars and
 * unnumbered sections at the top level (all compared with each other), and sub-sections of one parent.
 * The same sub-section title under two different parents is fine. Empty titles are not compared.
 */
export function checkDuplicateTitles(p: Programme): Diagnostic[] {
  const out: Diagnostic[] = [];
  const compare = (siblings: readonly (Pillar | Section | Subsection)[]) => {
    const first = new Map<string, Pillar | Section | Subsection>();
    for (const node of siblings) {
      const key = titleKey(node.title);
      if (key === '') continue;
      const earlier = first.get(key);
      if (earlier === undefined) {
        first.set(key, node);
        continue;
      }
      const where = node.kind === 'subsection' ? ' under the same heading' : '';
      const earlierName = earlier.kind === 'section' ? 'an earlier section' : earlier.kind === 'subsection' && earlier.numberText === undefined ? 'an earlier sub-section' : describeOwner(earlier);
      out.push({
        code: 'duplicate-title',
        severity: 'warning',
        message: `${capitalise(describeOwner(node))} has the same title as ${earlierName}${where}; readers of the table of contents cannot tell them apart. Give one of them a distinct title, or merge the two.`,
        span: titleSpan(node),
        related: [{ span: titleSpan(earlier), message: `${capitalise(describeOwner(earlier))} has the same title` }],
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
/** The key of a measure node (see `originalOf`); a key depends only on the measure's own characters. */
const keyOfMeasureNode = new WeakMap<MeasureNode, string>();

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

/** Code units of one measure's raw text and of its key, reused from measure to measure (grown when needed). */
let rawUnits = new Uint16Array(4096);
let keyUnits = new Uint16Array(4096);
const utf16 = new TextDecoder('utf-16le', { ignoreBOM: true });

/** True for what `String.prototype.trimStart` removes: JavaScript's white space and line terminators. */
function isJsSpace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) || c === 0x20 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/**
 * Writes {@link measureRawText} of `m` into `rawUnits` (code unit by code unit, no strings made) and
 * returns its length.
 */
function measureRawUnits(text: string, m: Measure): number {
  const lines = m.node.lines;
  let bound = 0;
  for (const line of lines) {
    bound += 1 + (line.prefixSpan.end - line.prefixSpan.start);
    for (const inline of line.inlines) bound += inline.kind === 'text' ? inline.span.end - inline.span.start : 1;
  }
  if (rawUnits.length < bound) rawUnits = new Uint16Array(bound * 2);
  const raw = rawUnits;
  let n = 0;
  let glue = false;
  for (const line of lines) {
    if (glue) raw[n++] = 0x20;
    const start = n;
    if (line.prefix === 'escape') {
      let backslash = false;
      for (let i = line.prefixSpan.start; i < line.prefixSpan.end; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x5c && !backslash) backslash = true;
        else raw[n++] = c;
      }
    }
    for (const inline of line.inlines) {
      if (inline.kind !== 'text') raw[n++] = 0x20;
      else for (let i = inline.span.start; i < inline.span.end; i++) raw[n++] = text.charCodeAt(i);
    }
    if (!glue) {
      let s = start;
      while (s < n && isJsSpace(raw[s])) s++;
      if (s > start) {
        raw.copyWithin(start, s, n);
        n -= s - start;
      }
    }
    let end = n;
    while (end > start && (raw[end - 1] === 0x20 || raw[end - 1] === 0x09)) end--;
    const hyphenated = end > start && raw[end - 1] === 0xad;
    if (hyphenated) {
      while (end > start && raw[end - 1] === 0xad) end--;
      n = end;
    }
    glue = !hyphenated;
  }
  return n;
}

/**
 * The comparison keys of the measures of `p`, in the order of `p.measures`: `foldText` (fold.ts) of
 * {@link measureRawText}. Computed once per programme, code unit by code unit (`foldCodeUnits`) where
 * the text allows it, else with `foldText`; the keys are the same either way.
 */
export function measureKeys(p: Programme): string[] {
  const cached = measureKeysCache.get(p);
  if (cached !== undefined) return cached;
  const text = p.text;
  const measures = p.measures;
  const keys: string[] = [];
  for (const m of measures) {
    // A measure whose characters are those of a measure of an earlier version (the language server
    // parses an edited text with its previous tree) has that measure's key.
    const original = originalOf(m.node);
    let key = keyOfMeasureNode.get(original);
    if (key === undefined) {
      const length = measureRawUnits(text, m);
      if (keyUnits.length < length) keyUnits = new Uint16Array(length * 2);
      const folded = foldCodeUnits(rawUnits, length, keyUnits);
      // Other characters (and lone surrogates, which decoding would replace) take the documented path.
      key = folded === 0 ? '' : folded > 0 ? utf16.decode(keyUnits.subarray(0, folded)) : foldText(measureRawText(p, m));
      keyOfMeasureNode.set(original, key);
    }
    keys.push(key);
  }
  measureKeysCache.set(p, keys);
  return keys;
}

/** How to point a reader at measure `m` with a reference, if one would resolve: `[[#label]]` or `[[1.3]]`. */
function referenceTo(p: Programme, m: Measure): string | undefined {
  if (m.label !== undefined) return `[[#${m.label.name}]]`;
  if (m.pillar !== undefined || p.mode === 'continuous') return `[[${m.id}]]`;
  return undefined;
}

/** The first measure with each key, and for each later measure the first one with its key. */
function exactTwins(p: Programme): Map<Measure, Measure> {
  const keys = measureKeys(p);
  const first = new Map<string, Measure>();
  const twins = new Map<Measure, Measure>();
  p.measures.forEach((m, i) => {
    const key = keys[i];
    if (key === '') return;
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, m);
    else twins.set(m, earlier);
  });
  return twins;
}

/**
 * `duplicate-measure` (warning): a measure whose comparison key ({@link measureKeys}) equals an
 * earlier measure's. Measures without words are not compared.
 */
export function checkDuplicateMeasures(p: Programme): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [m, earlier] of exactTwins(p)) {
    const ref = referenceTo(p, earlier);
    out.push({
      code: 'duplicate-measure',
      severity: 'warning',
      message:
        `Measure ${m.id} has the same text as measure ${earlier.id} ("${measureSummary(p, earlier)}"). ` +
        (ref !== undefined ? `Remove one of them, or keep one and refer to it with ${ref}.` : 'Remove one of them.'),
      span: measureHead(m),
      related: [{ span: earlier.span, message: `Measure ${earlier.id} has the same text` }],
      data: { twin: earlier.id },
    });
  }
  return out;
}

/** At most this many earlier twins are listed in a `similar-measures` diagnostic (the most similar first). */
const MAX_RELATED = 10;

/** Similarity 0..1 as a whole percentage, rounded down (so that only identical word pairs show 100%). */
function percent(similarity: number): number {
  return Math.floor(similarity * 100 + 1e-9);
}

/**
 * `similar-measures` (information): measures whose word pairs have a Jaccard similarity ≥
 * `config.similarity.threshold` (default 0.7) with an earlier measure's, found with the prefix-filtering index
 * of similarity.ts. Exact duplicates (`duplicate-measure`) take part only through their first copy, so
 * a pair is never reported as both. One diagnostic per later measure: the message names its most
 * similar earlier twin, `related` lists the earlier twins with their similarity, the most similar
 * first (at most 10; the message says how many there are; `data.twins` lists the same ones and
 * `data.more` counts the rest).
 * Skipped when the code is configured `off`.
 */
export function checkSimilarMeasures(p: Programme, config: Config = {}): Diagnostic[] {
  if (config.rules?.['similar-measures'] === 'off') return [];
  const configured = config.similarity?.threshold;
  const threshold = typeof configured === 'number' && Number.isFinite(configured) ? Math.min(1, Math.max(0, configured)) : DEFAULT_SIMILARITY_THRESHOLD;
  const keys = measureKeys(p);
  const twins = exactTwins(p);
  const candidates: Measure[] = [];
  const texts: string[] = [];
  const measures = p.measures;
  for (let i = 0; i < measures.length; i++) {
    const m = measures[i];
    if (keys[i] === '' || twins.has(m)) continue;
    candidates.push(m);
    texts.push(keys[i]);
  }
  // The language server's re-analysis after an edit keeps the word ids of unchanged measures.
  let cache = p.caches?.get('similar-measures') as WordCache | undefined;
  if (cache === undefined && p.caches !== undefined) p.caches.set('similar-measures', (cache = newWordCache()));
  const { pairs } = findSimilarKeys(texts, { threshold }, cache);
  const byLater = new Map<number, { earlier: Measure; similarity: number }[]>();
  for (const pair of pairs) {
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
    const how =
      best.similarity >= 1
        ? `has the same words as measure ${best.earlier.id} ("${measureSummary(p, best.earlier)}"); only punctuation, references or labels differ`
        : `is ${percent(best.similarity)}% similar to measure ${best.earlier.id} ("${measureSummary(p, best.earlier)}")`;
    const others =
      list.length <= 1 ? '' : list.length <= MAX_RELATED ? ` (and to ${list.length - 1} more, listed below)` : ` (and to ${list.length - 1} more; the ${MAX_RELATED} most similar are listed below)`;
    const shown = list.slice(0, MAX_RELATED);
    const related: Related[] = shown.map((t) => ({ span: t.earlier.span, message: `Measure ${t.earlier.id} is ${percent(t.similarity)}% similar` }));
    out.push({
      code: 'similar-measures',
      severity: 'information',
      message:
        `Measure ${m.id} ${how}${others}. If both make the same promise, keep one` +
        (ref !== undefined ? ` and refer to it with ${ref}` : '') +
        '; if not, make the difference clear.',
      span: measureHead(m),
      related,
      data: { twins: shown.map((t) => ({ id: t.earlier.id, similarity: t.similarity })), more: Math.max(0, list.length - MAX_RELATED) },
    });
  }
  return out;
}
