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
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import schema from '../../../schemas/programme.schema.json' with { type: 'json' };
import { frontMatterKeyAt, nodeAt } from '../model/locate';
import { pillarName, type Label, type Programme, type Reference } from '../model/programme';
import { programmeIndex, referencesTo, referencesToLabel, resolveReference } from '../model/resolve';
import { capitalise, count, escapeMarkdown, targetMarkdown, targetName } from './describe';
import type { Span } from '../syntax/span';

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
      return `${written} names nothing: there is no measure ${escapeMarkdown(form.id)} in this document.`;
    case 'pillar':
      return `${written} names nothing: there is no pillar ${escapeMarkdown(form.number)} in this document.`;
    case 'label':
      return `${written} names nothing: no heading or measure has the label ${escapeMarkdown(`{#${form.name}}`)}.`;
    default:
      return `${written} names nothing: a reference is written ${escapeMarkdown('[[1.3]]')} (a measure), ${escapeMarkdown('[[2]]')} (a pillar) or ${escapeMarkdown('[[#label]]')} (a label).`;
  }
}

/** The hover text of a label declaration: what it labels and its references. */
function labelHover(p: Programme, label: Label): string {
  const head = `**Label ${escapeMarkdown(`#${label.name}`)}** on ${escapeMarkdown(targetName(label.owner))}`;
  const pillar = label.owner.kind === 'measure' || label.owner.kind === 'subsection' ? label.owner.pillar : undefined;
  const parts = [head];
  if (pillar !== undefined) parts.push(`In pillar ${escapeMarkdown(pillarName(pillar))}`);
  const first = programmeIndex(p).labelsByKey.get(label.key);
  if (first !== undefined && first !== label) {
    const line = p.lines.lineAt(first.span.start) + 1;
    parts.push(
      `This label repeats ${escapeMarkdown(`{#${first.name}}`)} on ${escapeMarkdown(targetName(first.owner))} (line ${line}); references to it go there. Give this one another name.`,
    );
  } else {
    const uses = referencesToLabel(p, label).length;
    parts.push(`${capitalise(count(uses, 'reference'))} by label`);
    const all = referencesTo(p, label.owner).length;
    if (all !== uses) parts.push(`${capitalise(count(all, 'reference'))} in all (by label or number)`);
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
 * The hover text of a front-matter key: its description from `schemas/programme.schema.json`, with its
 * allowed values or an example. A key the schema does not know is reported as such. `path` is as in
 * `FrontMatterKey` (`['title']`, `['authors', '[]', 'name']`).
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
    return `**${shown}** is not a front-matter key this format knows. Known keys: ${known.map(escapeMarkdown).join(', ')}.`;
  }
  const parts = [`**${shown}**`];
  if (node.description !== undefined) parts.push(escapeMarkdown(node.description));
  if (node.enum !== undefined) parts.push(`Allowed values: ${node.enum.map((v) => escapeMarkdown(String(v))).join(', ')}`);
  else if (node.examples !== undefined && node.examples.length > 0) parts.push(`Example: ${escapeMarkdown(String(node.examples[0]))}`);
  return parts.join('\n\n');
}
