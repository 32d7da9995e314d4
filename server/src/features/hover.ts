// Hover: what a reference points at, a measure's or pillar's facts, a label's use, a front-matter key's meaning.
/**
 * `hover(p, position)` answers with Markdown:
 * - on a `[[…]]` reference: the target's id and label, its pillar, and its full text (a measure) or its
 *   contents (a pillar, section or sub-section); an unresolved reference says that it names nothing
 *   (the `unresolved-reference` diagnostic on it explains more);
 * - on a measure's number: its id, label, pillar and how many references point to it;
 * - on a heading line: the pillar, section or sub-section, its measures and sub-sections, and references;
 * - on a label declaration `{#…}`: what it labels and how many `[[#…]]` references use it (a repeated
 *   label says which declaration the references go to);
 * - on a front-matter key: the key's description from `schemas/programme.schema.json`.
 * Elsewhere (prose, measure text, comments, YAML values) there is no hover (`null`).
 * Positions and ranges are 0-based, characters in UTF-16 code units.
 */
import * as l10n from '@vscode/l10n';
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import schema from '../../../schemas/programme.schema.json' with { type: 'json' };
import { frontMatterKeyAt, nodeAt } from '../model/locate';
import { type Label, type Programme, type Reference } from '../model/programme';
import { programmeIndex, referencesTo, referencesToLabel, resolveReference } from '../model/resolve';
import { byTarget, escapeInline, escapeMarkdown, inPillar, targetMarkdown } from './describe';
import type { Span } from '../syntax/span';
import { count } from '../l10n/index';

/** The hover at `position` (see the module comment), or null when there is nothing to say. */
export function hover(p: Programme, position: Position): Hover | null {
  const offset = p.lines.offsetAt(position);
  const at = nodeAt(p, offset);
  switch (at.kind) {
    case 'reference':
      return result(p, at.reference.span, referenceHover(p, at.reference));
    case 'measureNumber':
      return result(p, { start: at.measure.numberSpan.start, end: at.measure.delimiterSpan.end }, targetMarkdown(p, at.measure, { references: true, text: false }));
    case 'heading':
      return result(p, at.node.heading.span, targetMarkdown(p, at.node, { references: true, text: false }));
    case 'label':
      return result(p, at.label.span, labelHover(p, at.label));
    case 'frontMatter': {
      const key = frontMatterKeyAt(p, offset);
      if (key === undefined) return null;
      const text = frontMatterKeyHover(key.path);
      return text === undefined ? null : result(p, key.span, text);
    }
    default:
      return null;
  }
}

function result(p: Programme, span: Span, markdown: string): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: markdown }, range: p.lines.rangeOf(span) };
}

/** The hover text of a reference: the target's description, or what the reference names that does not exist. */
function referenceHover(p: Programme, ref: Reference): string {
  const target = resolveReference(p, ref);
  if (target !== undefined) return targetMarkdown(p, target);
  const written = escapeMarkdown(`[[${ref.target}]]`);
  const form = ref.form;
  switch (form.kind) {
    case 'measure':
      return l10n.t('{0} names nothing: there is no measure {1} in this document.', written, escapeMarkdown(form.id));
    case 'pillar':
      return l10n.t('{0} names nothing: there is no pillar {1} in this document.', written, escapeMarkdown(form.number));
    case 'label':
      return l10n.t('{0} names nothing: no heading or measure has the label {1}.', written, escapeMarkdown(`{#${form.name}}`));
    default:
      return l10n.t(
        '{0} names nothing: a reference is written {1} (a measure), {2} (a pillar) or {3} (a label).',
        written,
        escapeMarkdown('[[1.3]]'),
        escapeMarkdown('[[2]]'),
        escapeMarkdown('[[#label]]'),
      );
  }
}

/** The hover text of a label declaration: what it labels and its references. */
function labelHover(p: Programme, label: Label): string {
  const name = escapeMarkdown(`#${label.name}`);
  const head = byTarget(label.owner, {
    measure: (id) => l10n.t('**Label {0}** on measure {1}', name, escapeInline(id)),
    pillar: (pillar) => l10n.t('**Label {0}** on pillar {1}', name, escapeInline(pillar)),
    subsection: (subsection) => l10n.t('**Label {0}** on sub-section {1}', name, escapeInline(subsection)),
    section: (title) => l10n.t('**Label {0}** on section {1}', name, escapeInline(title)),
  });
  const pillar = label.owner.kind === 'measure' || label.owner.kind === 'subsection' ? label.owner.pillar : undefined;
  const parts = [head];
  if (pillar !== undefined) parts.push(inPillar(pillar));
  const first = programmeIndex(p).labelsByKey.get(label.key);
  if (first !== undefined && first !== label) {
    const line = p.lines.lineAt(first.span.start) + 1;
    const firstName = escapeMarkdown(`{#${first.name}}`);
    parts.push(
      byTarget(first.owner, {
        measure: (id) => l10n.t('This label repeats {0} on measure {1} (line {2}); references to it go there. Give this one another name.', firstName, escapeInline(id), line),
        pillar: (pillar) => l10n.t('This label repeats {0} on pillar {1} (line {2}); references to it go there. Give this one another name.', firstName, escapeInline(pillar), line),
        subsection: (subsection) =>
          l10n.t('This label repeats {0} on sub-section {1} (line {2}); references to it go there. Give this one another name.', firstName, escapeInline(subsection), line),
        section: (title) => l10n.t('This label repeats {0} on section {1} (line {2}); references to it go there. Give this one another name.', firstName, escapeInline(title), line),
      }),
    );
  } else {
    const uses = referencesToLabel(p, label).length;
    parts.push(uses === 0 ? l10n.t('No references by label') : uses === 1 ? l10n.t('1 reference by label') : l10n.t('{0} references by label', count(uses)));
    const all = referencesTo(p, label.owner).length;
    // More references in all than by label: at least one by number besides.
    if (all !== uses) parts.push(all === 1 ? l10n.t('1 reference in all (by label or number)') : l10n.t('{0} references in all (by label or number)', count(all)));
  }
  return parts.join('\n\n');
}

/** A JSON-schema node, as far as the hover reads it. */
interface SchemaNode {
  description?: string;
  type?: string | string[];
  enum?: unknown[];
  examples?: unknown[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
}

/**
 * The hover text of a front-matter key: its description (from `schemas/programme.schema.json`, in the
 * language of the messages: see {@link keyDescription}), with its allowed values or an example. A key
 * the schema does not know is reported as such. `path` is as in `FrontMatterKey` (`['title']`,
 * `['authors', '[]', 'name']`).
 */
export function frontMatterKeyHover(path: string[]): string | undefined {
  let node: SchemaNode | undefined = schema as SchemaNode;
  for (const step of path) {
    node = step === '[]' ? node?.items : node?.properties?.[step];
    if (node === undefined) break;
  }
  const key = path.filter((s) => s !== '[]').join('.');
  const shown = escapeMarkdown(key);
  if (node === undefined) {
    const known = Object.keys((schema as SchemaNode).properties ?? {});
    return l10n.t('**{0}** is not a front-matter key this format knows. Known keys: {1}.', shown, known.map(escapeMarkdown).join(', '));
  }
  const parts = [`**${shown}**`];
  const description = keyDescription(key) ?? node.description;
  if (description !== undefined) parts.push(escapeMarkdown(description));
  if (node.enum !== undefined) parts.push(l10n.t('Allowed values: {0}', node.enum.map((v) => escapeMarkdown(String(v))).join(', ')));
  else if (node.examples !== undefined && node.examples.length > 0) parts.push(l10n.t('Example: {0}', escapeMarkdown(String(node.examples[0]))));
  return parts.join('\n\n');
}

/**
 * The description of a top-level front-matter key in the language of the messages; undefined for a
 * key without one here (the hover then shows the schema's own). The English texts are the schema's
 * `description`s, word for word (test/features/hover.test.ts keeps them in step).
 */
export function keyDescription(key: string): string | undefined {
  switch (key) {
    case 'title':
      return l10n.t('The programme\'s title as it is printed, for example "Partiprogram 2027–2031". Required.');
    case 'party':
      return l10n.t('The party (or list) whose programme this is, for example "Eksempelpartiet".');
    case 'election':
      return l10n.t('The election the programme is written for, for example "Stortingsvalget 2027".');
    case 'year':
      return l10n.t('The year of the election or of the programme, as a four-digit number, for example 2027.');
    case 'lang':
      return l10n.t('The language of the text, as a BCP 47 language tag: "nb" (Norwegian Bokmål), "nn" (Nynorsk), "se" (Northern Sami), "en" (English), "de-DE" (German as written in Germany).');
    case 'status':
      return l10n.t('Where the programme stands: "draft" while it is being written or debated, "adopted" once the party has voted it through.');
    case 'adopted':
      return l10n.t('The day the programme was adopted, written YYYY-MM-DD, for example 2027-04-15.');
    case 'measureNumbering':
      return l10n.t('How this programme numbers its measures: "per-pillar" (1, 2, 3 in every pillar), "per-section" (again in every numbered sub-section) or "continuous" (1, 2, 3 … through the whole programme). It wins over measureNumbering in .programmerc.json.');
    case 'measureStyle':
      return l10n.t('How the measures were marked where the programme came from: "numbers" (1., 2.), "letters" (a), b)) or "bullets" (•). The file numbers them in any case; a printed or exported programme can show them as they were.');
    case 'lineWidth':
      return l10n.t('The width of a line of this programme\'s printed draft, in characters (Unicode code points), when a congress numbers its lines ("programme lines"; docs/amendments.md). Default 80. It wins over lineWidth in .programmerc.json.');
    case 'version':
      return l10n.t('A version of the text, in any form the party uses, for example "2.1" or "landsmøtet, andre utkast".');
    default:
      return undefined;
  }
}
