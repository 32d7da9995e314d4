/**
 * Shared wording for the navigation features: how a pillar, section, sub-section or measure is named to
 * a writer, and its description as Markdown (hover, completion documentation, inlay-hint tooltips).
 *
 * User text (titles, measure text, label names) is always escaped, so that `*`, `_`, `[[…]]` or a
 * line starting with `1.` show as written and not as Markdown.
 */
import { measureText, pillarName, subsectionName, type Measure, type Pillar, type Programme } from '../model/programme';
import { referencesTo, type Target } from '../model/resolve';
import type { HeadingOwner } from '../model/locate';

/**
 * Escapes `text` so that Markdown shows it literally: backslash-escapes the characters VS Code's
 * `MarkdownString.appendText` escapes (`\ ` * _ { } [ ] ( ) # + - ! ~`) and `< > | &`, and a number
 * followed by `.` at the start of a line (which would start a numbered list).
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-!~<>|&]/g, '\\$&').replace(/^([ \t]*[0-9]+)\./gm, '$1\\.');
}

/** `1 reference`, `3 references`, `no references` (the noun is given in the singular; the plural adds "s"). */
export function count(n: number, noun: string): string {
  if (n === 0) return `no ${noun}s`;
  return n === 1 ? `1 ${noun}` : `${n} ${noun}s`;
}

/** Capitalises the first letter. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * How a target is named in a sentence: `measure 1.3`, `pillar 2. Klima og natur`,
 * `sub-section 1.1 Industri`, `section Innledning`.
 */
export function targetName(target: Target): string {
  switch (target.kind) {
    case 'measure':
      return `measure ${target.id}`;
    case 'pillar':
      return `pillar ${pillarName(target)}`;
    case 'subsection':
      return `sub-section ${subsectionName(target)}`;
    default:
      return `section ${target.title}`;
  }
}

/** The number of measures and of sub-sections (at every depth) under a heading: `8 measures, 2 sub-sections`. */
export function contentsSummary(node: HeadingOwner): string {
  let subsections = 0;
  const visit = (n: HeadingOwner) => {
    for (const s of n.subsections) {
      subsections++;
      visit(s);
    }
  };
  visit(node);
  const parts = [count(node.measures.length, 'measure')];
  if (subsections > 0) parts.push(count(subsections, 'sub-section'));
  return parts.join(', ');
}

/**
 * A measure's text as Markdown: its lines joined as a reader sees them (see `measureText`), sub-points
 * as a Markdown list, everything else escaped.
 */
export function measureMarkdown(p: Programme, m: Measure): string {
  const lines = measureText(p, m).split('\n');
  return lines.map((line) => (line.startsWith('- ') ? `- ${escapeMarkdown(line.slice(2))}` : escapeMarkdown(line))).join('\n');
}

/**
 * The first paragraph of prose directly under a heading (before its first measure or sub-section), as a
 * reader sees it (lines joined by spaces, escape backslashes removed), cut after about `max` characters
 * at a word boundary with "…"; undefined when there is none.
 */
export function introParagraph(p: Programme, node: HeadingOwner, max = 400): string | undefined {
  const start = node.heading.span.end;
  const firstChild = node.children[0];
  const end = firstChild !== undefined ? (firstChild.kind === 'measure' ? firstChild.span.start : firstChild.heading.span.start) : node.span.end;
  // Paragraphs are in document order: find the first that starts after the heading.
  let lo = 0;
  let hi = p.paragraphs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (p.paragraphs[mid].span.start < start) lo = mid + 1;
    else hi = mid;
  }
  const para = p.paragraphs[lo];
  if (para === undefined || para.span.end > end) return undefined;
  const text = para.lines
    .map((l) => {
      const line = p.text.slice(l.span.start, l.span.end);
      return (l.prefix === 'escape' ? line.replace('\\', '') : line).trim();
    })
    .join(' ')
    .trim();
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(' ', max);
  return `${text.slice(0, cut > max / 2 ? cut : max)} …`;
}

/** The pillar a target lies in, if any (a pillar lies in itself). */
export function pillarOf(target: Target): Pillar | undefined {
  return target.kind === 'pillar' ? target : target.kind === 'section' ? undefined : target.pillar;
}

/** The heading line of a target's description: `**Measure 1.3** · \#læreplasser` (Markdown). */
export function targetHeadline(target: Target): string {
  const name = target.kind === 'measure' ? `Measure ${target.id}` : capitalise(targetName(target));
  const label = target.label !== undefined ? ` · ${escapeMarkdown(`#${target.label.name}`)}` : '';
  return `**${escapeMarkdown(name)}**${label}`;
}

/** What {@link targetMarkdown} includes beyond the headline. */
export interface DescribeOptions {
  /** Add a paragraph `N references` (default false). */
  references?: boolean;
  /** Add the measure's full text, or the heading's first paragraph of prose (default true). */
  text?: boolean;
}

/**
 * A target's description as Markdown, in paragraphs:
 * - a measure: `**Measure 1.3** · #label`, `In pillar 1. Title`, then its full text;
 * - a pillar, section or sub-section: `**Pillar 1. Title** · #label`, (for a sub-section: its pillar),
 *   `8 measures, 2 sub-sections`, then its first paragraph of prose, if any.
 * With `references`, a paragraph `N references` comes before the text; without `text`, the text is
 * left out (the writer is looking at it).
 */
export function targetMarkdown(p: Programme, target: Target, options: DescribeOptions = {}): string {
  const parts = [targetHeadline(target)];
  const pillar = pillarOf(target);
  if (target.kind === 'measure' || target.kind === 'subsection') {
    if (pillar !== undefined) parts.push(`In pillar ${escapeMarkdown(pillarName(pillar))}`);
  }
  if (target.kind !== 'measure') parts.push(capitalise(contentsSummary(target)));
  if (options.references === true) parts.push(capitalise(count(referencesTo(p, target).length, 'reference')));
  if (options.text === false) return parts.join('\n\n');
  if (target.kind === 'measure') {
    const text = measureMarkdown(p, target);
    if (text !== '') parts.push(text);
  } else {
    const intro = introParagraph(p, target);
    if (intro !== undefined && intro !== '') parts.push(escapeMarkdown(intro));
  }
  return parts.join('\n\n');
}
