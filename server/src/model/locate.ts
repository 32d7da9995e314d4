/**
 * Locating things in a programme by offset: what is under the cursor (a reference, a label, a measure's
 * number, a heading, a front-matter key), which headings enclose an offset, and the spans the editor
 * features show (a measure's number, a heading's name, the part of the document a heading opens).
 *
 * Offsets are UTF-16 code units into `Programme.text`. A cursor touches a node when it is inside the
 * node's span or right after its last character (as editors place the cursor after a word); when two
 * nodes touch the cursor, the one that starts at the cursor wins. Every lookup is a binary search over
 * lists the model keeps in document order; the heading list and the part ends are built once per
 * programme, in one linear pass, and cached.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import type { Span } from '../syntax/span';
import type { Label, Measure, Pillar, Programme, Reference, Section, Subsection } from './programme';
import { programmeIndex, type Target } from './resolve';

/** A node that a heading opens: a pillar, an unnumbered section or a sub-section. */
export type HeadingOwner = Pillar | Section | Subsection;

/**
 * What is at an offset, most specific first:
 * - `frontMatter`: inside the front matter (from its opening `---` to its closing line);
 * - `reference`: on a `[[…]]` reference (brackets included);
 * - `label`: on a `{#…}` label declaration;
 * - `measureNumber`: on a measure's number or its delimiter (`3.`, `9A)`);
 * - `heading`: elsewhere on a heading line (of a pillar, section or sub-section);
 * - `measure`: elsewhere in a measure's text;
 * - `none`: anywhere else (prose, comments, blank lines).
 */
export type Located =
  | { kind: 'frontMatter' }
  | { kind: 'reference'; reference: Reference }
  | { kind: 'label'; label: Label }
  | { kind: 'measureNumber'; measure: Measure }
  | { kind: 'heading'; node: HeadingOwner }
  | { kind: 'measure'; measure: Measure }
  | { kind: 'none' };

interface LocateIndex {
  /** Pillars, sections and sub-sections, by the start of their heading. */
  headings: HeadingOwner[];
  /** Heading owner → the offset where its part ends (the start of the next heading of its level or higher, or the text's end). */
  partEnds: Map<HeadingOwner, number>;
}

const cache = new WeakMap<Programme, LocateIndex>();

function locateIndex(p: Programme): LocateIndex {
  const cached = cache.get(p);
  if (cached !== undefined) return cached;
  const headings: HeadingOwner[] = [...p.top, ...p.subsections].sort((a, b) => a.heading.span.start - b.heading.span.start);
  const partEnds = new Map<HeadingOwner, number>();
  // One pass with a stack of open headings: a heading closes every open one of its level or deeper.
  const open: HeadingOwner[] = [];
  for (const h of headings) {
    const level = headingLevel(h);
    while (open.length > 0 && headingLevel(open[open.length - 1]) >= level) {
      partEnds.set(open.pop()!, lineStartOf(p, h.heading.span.start));
    }
    open.push(h);
  }
  for (const h of open) partEnds.set(h, p.text.length);
  const index = { headings, partEnds };
  cache.set(p, index);
  return index;
}

/** The nesting level of a heading owner: 1 for pillars and sections (the top of the outline), else the sub-section's level. */
export function headingLevel(node: HeadingOwner): number {
  return node.kind === 'subsection' ? node.level : 1;
}

function lineStartOf(p: Programme, offset: number): number {
  const starts = p.lines.lineStarts();
  return starts[p.lines.lineAt(offset)];
}

/**
 * Index of the item of `items` (sorted by span start, not overlapping) that touches `offset`, or -1.
 * An item holding `offset` (start ≤ offset < end) wins over one that ends at `offset`.
 */
function touching<T>(items: readonly T[], offset: number, spanOf: (item: T) => Span): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  // The last item that starts at or before offset.
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spanOf(items[mid]).start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return -1;
  const span = spanOf(items[found]);
  if (offset < span.end || (offset === span.end && span.end > span.start)) return found;
  return -1;
}

/** The reference whose `[[…]]` touches `offset`, if any. */
export function referenceAt(p: Programme, offset: number): Reference | undefined {
  const i = touching(p.references, offset, (r) => r.span);
  return i < 0 ? undefined : p.references[i];
}

/** The label declaration whose `{#…}` touches `offset`, if any. */
export function labelAt(p: Programme, offset: number): Label | undefined {
  const i = touching(p.labels, offset, (l) => l.span);
  return i < 0 ? undefined : p.labels[i];
}

/** The measure whose span (number to end of its last line) touches `offset`, if any. */
export function measureAt(p: Programme, offset: number): Measure | undefined {
  const i = touching(p.measures, offset, (m) => m.span);
  return i < 0 ? undefined : p.measures[i];
}

/** The pillar, section or sub-section whose heading line touches `offset`, if any. */
export function headingAt(p: Programme, offset: number): HeadingOwner | undefined {
  const { headings } = locateIndex(p);
  const i = touching(headings, offset, (h) => h.heading.span);
  return i < 0 ? undefined : headings[i];
}

/** The paragraph of prose whose span touches `offset`, if any. */
export function paragraphAt(p: Programme, offset: number): Programme['paragraphs'][number] | undefined {
  const i = touching(p.paragraphs, offset, (para) => para.span);
  return i < 0 ? undefined : p.paragraphs[i];
}

/** True when `offset` lies in the front matter, from its opening `---` to the end of its closing line. */
export function inFrontMatter(p: Programme, offset: number): boolean {
  const fm = p.frontMatter;
  return fm !== undefined && offset >= fm.span.start && offset <= fm.span.end;
}

/** True when `offset` lies on a `//` comment line (outside front matter). */
export function inComment(p: Programme, offset: number): boolean {
  return touching(p.comments, offset, (c) => c.span) >= 0;
}

/** What is at `offset`; see {@link Located} for the order in which candidates are tried. */
export function nodeAt(p: Programme, offset: number): Located {
  if (inFrontMatter(p, offset)) return { kind: 'frontMatter' };
  const reference = referenceAt(p, offset);
  if (reference !== undefined) return { kind: 'reference', reference };
  const label = labelAt(p, offset);
  if (label !== undefined) return { kind: 'label', label };
  const measure = measureAt(p, offset);
  if (measure !== undefined) {
    const n = measureNumberSpan(measure);
    if (offset >= n.start && offset <= n.end) return { kind: 'measureNumber', measure };
  }
  const heading = headingAt(p, offset);
  if (heading !== undefined) return { kind: 'heading', node: heading };
  if (measure !== undefined) return { kind: 'measure', measure };
  return { kind: 'none' };
}

/** All pillars, sections and sub-sections, in document order. */
export function headingOwners(p: Programme): readonly HeadingOwner[] {
  return locateIndex(p).headings;
}

/**
 * The headings whose part of the document holds `offset`, innermost first (for example
 * `[sub-section 1.1, pillar 1]`). A heading's part runs from its heading line up to the next heading
 * of the same or a higher level; offsets before the first heading have none.
 */
export function enclosingHeadings(p: Programme, offset: number): HeadingOwner[] {
  const { headings, partEnds } = locateIndex(p);
  let lo = 0;
  let hi = headings.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (headings[mid].heading.span.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const out: HeadingOwner[] = [];
  if (found < 0) return out;
  let node: HeadingOwner | undefined = headings[found];
  while (node !== undefined) {
    const end = partEnds.get(node) ?? p.text.length;
    if (offset < end || end === p.text.length) out.push(node);
    node = node.kind === 'subsection' ? node.parent : undefined;
  }
  return out;
}

/**
 * The part of the document a heading opens: from the start of its heading line to the end of the last
 * non-blank line before the next heading of the same or a higher level (or the end of the text).
 * Trailing blank lines are not part of it; comment lines are.
 */
export function headingPartSpan(p: Programme, node: HeadingOwner): Span {
  const end = locateIndex(p).partEnds.get(node) ?? p.text.length;
  return { start: node.heading.span.start, end: Math.max(node.heading.span.end, lastContentEnd(p, end)) };
}

/** The end of the last non-blank line that ends at or before `end` (an offset at a line start or the text's end). */
function lastContentEnd(p: Programme, end: number): number {
  const text = p.text;
  let i = end;
  // Step back over line breaks and blanks.
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c === 10 || c === 13 || c === 32 || c === 9) i--;
    else break;
  }
  return i;
}

/** The span of a measure's number with its delimiter (`3.`, `9A)`): where it is declared. */
export function measureNumberSpan(m: Measure): Span {
  return { start: m.numberSpan.start, end: m.delimiterSpan.end };
}

/** The span of a heading's name: from its `#` marks to the end of its title (the whole heading line when it has no title). */
export function headingNameSpan(node: HeadingOwner): Span {
  const h = node.heading;
  return h.titleSpan.end > h.titleSpan.start ? { start: h.span.start, end: h.titleSpan.end } : h.span;
}

/** Where a target is declared: a measure's number, or a heading's name (see {@link headingNameSpan}). */
export function declarationSpan(target: Target): Span {
  return target.kind === 'measure' ? measureNumberSpan(target) : headingNameSpan(target);
}

/**
 * The span of the label name inside a `[[#name]]` reference (without `#` and surrounding blanks), or
 * undefined when the reference does not name a label.
 */
export function referenceLabelNameSpan(p: Programme, ref: Reference): Span | undefined {
  if (ref.form.kind !== 'label') return undefined;
  const t = ref.node.targetSpan;
  const hash = p.text.indexOf('#', t.start);
  if (hash < 0 || hash >= t.end) return undefined;
  let start = hash + 1;
  while (start < t.end && (p.text[start] === ' ' || p.text[start] === '\t')) start++;
  return { start, end: start + ref.form.name.length };
}

/**
 * The label a reference binds to when it names one: the first declaration with its key (see
 * `resolve.ts`), whether or not the owner resolves.
 */
export function referencedLabel(p: Programme, ref: Reference): Label | undefined {
  return ref.form.kind === 'label' ? programmeIndex(p).labelsByKey.get(ref.form.key) : undefined;
}

/** A key of the front matter's YAML under the cursor. */
export interface FrontMatterKey {
  /** The keys from the top of the YAML down to this one (`['title']`, `['authors', '[]', 'name']`; `[]` steps into a list). */
  path: string[];
  /** The key's span in the document. */
  span: Span;
}

/**
 * The front-matter key whose name touches `offset` (a key, not its value), read with the `yaml`
 * library from the front matter's text. Undefined outside front matter, on values, and when the YAML
 * cannot be read far enough to tell.
 */
export function frontMatterKeyAt(p: Programme, offset: number): FrontMatterKey | undefined {
  const fm = p.frontMatter;
  if (fm === undefined || offset < fm.contentSpan.start || offset > fm.contentSpan.end) return undefined;
  const base = fm.contentSpan.start;
  const local = offset - base;
  let doc;
  try {
    doc = parseDocument(p.text.slice(fm.contentSpan.start, fm.contentSpan.end), { prettyErrors: false });
  } catch {
    return undefined;
  }
  const walk = (node: unknown, path: string[]): FrontMatterKey | undefined => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key as YamlNode | null;
        if (isScalar(key) && key.range !== undefined && key.range !== null) {
          const [start, end] = key.range;
          if (local >= start && local <= end) return { path: [...path, String(key.value)], span: { start: base + start, end: base + end } };
        }
        const value = pair.value as YamlNode | null;
        if (value !== null && value !== undefined && value.range && local >= value.range[0] && local <= value.range[2]) {
          const found = walk(value, isScalar(key) ? [...path, String(key.value)] : path);
          if (found !== undefined) return found;
        }
      }
    } else if (isSeq(node)) {
      for (const item of node.items) {
        const n = item as YamlNode | null;
        if (n !== null && n !== undefined && n.range && local >= n.range[0] && local <= n.range[2]) return walk(n, [...path, '[]']);
      }
    }
    return undefined;
  };
  return walk(doc.contents, []);
}
