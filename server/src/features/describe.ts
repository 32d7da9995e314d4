/**
 * Shared wording for the navigation features: how a pillar, section, sub-section or measure is named to
 * a writer, and its description as Markdown (hover, completion documentation, inlay-hint tooltips).
 *
 * User text (titles, measure text, label names) is always escaped, so that `*`, `_`, `[[…]]` or a
 * line starting with `1.` show as written and not as Markdown.
 *
 * Every word here is a message (`l10n.t`, in the language set by `inLanguage`, server/src/l10n): a
 * sentence that names a target is chosen whole per kind of target ({@link byTarget}), and a count is
 * chosen whole per number (none, one, many).
 */
import * as l10n from '@vscode/l10n';
import { count } from '../l10n/index';
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

/**
 * Escapes `text` for a place inside a line of Markdown, after other words (a name in a sentence): as
 * {@link escapeMarkdown}, except that a number followed by `.` at the very start of `text` is left as
 * it is, since it starts no list there (`1. Arbeid` in "on pillar 1. Arbeid").
 */
export function escapeInline(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-!~<>|&]/g, '\\$&').replace(/(\n[ \t]*[0-9]+)\./g, '$1\\.');
}

/** `No references`, `1 reference`, `3 references` (a paragraph of a description, a code lens's title). */
export function referencesCount(n: number): string {
  if (n === 0) return l10n.t('No references');
  return n === 1 ? l10n.t('1 reference') : l10n.t('{0} references', count(n));
}

/**
 * The words a message uses for each kind of target, each a whole message: the words around a name
 * differ by kind in other languages, so a message is chosen per kind, never built around a name.
 */
export interface TargetWords<T> {
  /** A measure, by its id (`1.3`). */
  measure: (id: string) => T;
  /** A pillar, by its number and title (`2. Klima og natur`). */
  pillar: (name: string) => T;
  /** A sub-section, by its number (if any) and title (`1.1 Industri`). */
  subsection: (name: string) => T;
  /** An unnumbered section, by its title (`Innledning`). */
  section: (title: string) => T;
}

/** The message `words` has for the kind of `target`, given the target's id or name. */
export function byTarget<T>(target: Target, words: TargetWords<T>): T {
  switch (target.kind) {
    case 'measure':
      return words.measure(target.id);
    case 'pillar':
      return words.pillar(pillarName(target));
    case 'subsection':
      return words.subsection(subsectionName(target));
    default:
      return words.section(target.title);
  }
}

/**
 * How a target is named on its own, in lower case (a completion item's description): `measure 1.3`,
 * `pillar 2. Klima og natur`, `sub-section 1.1 Industri`, `section Innledning`. Not for use inside a
 * sentence: a sentence chooses its own words per kind with {@link byTarget}.
 */
export function targetName(target: Target): string {
  return byTarget(target, {
    measure: (id) => l10n.t('measure {0}', id),
    pillar: (name) => l10n.t('pillar {0}', name),
    subsection: (name) => l10n.t('sub-section {0}', name),
    section: (title) => l10n.t('section {0}', title),
  });
}

/**
 * How a target is named as a title (a hover's headline, a completion item's detail): `Measure 1.3`,
 * `Pillar 2. Klima og natur`, `Sub-section 1.1 Industri`, `Section Innledning`.
 */
export function targetTitle(target: Target): string {
  return byTarget(target, {
    measure: (id) => l10n.t('Measure {0}', id),
    pillar: (name) => l10n.t('Pillar {0}', name),
    subsection: (name) => l10n.t('Sub-section {0}', name),
    section: (title) => l10n.t('Section {0}', title),
  });
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
  const measures = node.measures.length;
  const m = count(measures);
  const s = count(subsections);
  if (subsections === 0) {
    if (measures === 0) return l10n.t('No measures');
    return measures === 1 ? l10n.t('1 measure') : l10n.t('{0} measures', m);
  }
  if (subsections === 1) {
    if (measures === 0) return l10n.t('No measures, 1 sub-section');
    return measures === 1 ? l10n.t('1 measure, 1 sub-section') : l10n.t('{0} measures, 1 sub-section', m);
  }
  if (measures === 0) return l10n.t('No measures, {0} sub-sections', s);
  return measures === 1 ? l10n.t('1 measure, {0} sub-sections', s) : l10n.t('{0} measures, {1} sub-sections', m, s);
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

/** The paragraph that names a measure's or sub-section's pillar (Markdown): `In pillar 1\\. Arbeid`. */
export function inPillar(pillar: Pillar): string {
  return l10n.t('In pillar {0}', escapeMarkdown(pillarName(pillar)));
}

/** The heading line of a target's description: `**Measure 1.3** · \#læreplasser` (Markdown). */
export function targetHeadline(target: Target): string {
  const name = targetTitle(target);
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
    if (pillar !== undefined) parts.push(inPillar(pillar));
  }
  if (target.kind !== 'measure') parts.push(contentsSummary(target));
  if (options.references === true) parts.push(referencesCount(referencesTo(p, target).length));
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
