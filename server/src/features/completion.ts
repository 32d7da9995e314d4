// Completion inside `[[`: every measure id, pillar number and label, with its text as documentation.
/**
 * `completions(p, position, options)` offers, when the cursor is inside an opened `[[` on its line
 * (not in front matter, not on a `//` comment line):
 * - every measure id (`1.3`, `2.9A`) and pillar number (`2`) that a reference can name, in document
 *   order (pillars are offered except in `continuous` numbering, where `[[N]]` names a measure);
 * - every label (`#arbeid`), after them, in document order;
 * - only the labels when what was typed after `[[` starts with `#` (the trigger character `#`).
 * Each item's detail names the target (`Measure 1.3`, `Pillar 2. Klima og natur`, `Label on measure
 * 1.3`); its documentation is the target's description as Markdown (a measure's full text); a
 * measure's first words show beside its id. The edit replaces what was typed between `[[` and the
 * cursor, and adds `]]` only when the reference is not closed on this line already. When text follows
 * the cursor before the closing `]]` and the client supports it (`insertReplaceSupport`), the item
 * carries an `InsertReplaceEdit` whose replace range also covers that text.
 * Only one target per id is offered: the one references bind to (the first, see `resolve.ts`).
 * Positions and ranges are 0-based, characters in UTF-16 code units.
 */
import * as l10n from '@vscode/l10n';
import {
  CompletionItemKind,
  MarkupKind,
  type CompletionItem,
  type InsertReplaceEdit,
  type Position,
  type Range,
  type TextEdit,
} from 'vscode-languageserver-types';
import { inComment, inFrontMatter } from '../model/locate';
import { measureText, type Label, type Measure, type Pillar, type Programme } from '../model/programme';
import { programmeIndex } from '../model/resolve';
import { byTarget, targetMarkdown, targetName, targetTitle } from './describe';

/** What the client can do with completion edits. */
export interface CompletionOptions {
  /** The client's `completionItem.insertReplaceSupport`; default false (plain `TextEdit`s). */
  insertReplaceSupport?: boolean;
}

/** The context of a completion inside `[[…`: offsets of what was typed and of what follows up to `]]`. */
export interface ReferenceContext {
  /** The offset just after `[[`. */
  start: number;
  /** The cursor's offset. */
  cursor: number;
  /** What was typed between `[[` and the cursor. */
  typed: string;
  /** Whether `]]` closes the reference later on the line (with no `[` or `]` before it). */
  closed: boolean;
  /** The offset of that `]]` when closed, else the cursor. */
  end: number;
}

/** The `[[…` the cursor at `offset` is in, or undefined (not in one, in front matter, on a comment line). */
export function referenceContext(p: Programme, offset: number): ReferenceContext | undefined {
  if (inFrontMatter(p, offset) || inComment(p, offset)) return undefined;
  const line = p.lines.lineAt(offset);
  const lineStart = p.lines.lineStarts()[line];
  const before = p.text.slice(lineStart, offset);
  const open = before.lastIndexOf('[[');
  if (open < 0) return undefined;
  const typed = before.slice(open + 2);
  if (/[[\]]/.test(typed)) return undefined;
  const after = /^[^[\]]*\]\]/.exec(p.text.slice(offset, p.lines.lineContentEnd(line)));
  const start = lineStart + open + 2;
  return { start, cursor: offset, typed, closed: after !== null, end: after !== null ? offset + after[0].length - 2 : offset };
}

/** The first words of a measure, as the outline shows them (`measureSummary`): six words, then "…". */
function summary(words: string[], count = 6): string {
  return words.length <= count ? words.join(' ') : `${words.slice(0, count).join(' ')} …`;
}

/** The completion items at `position` (see the module comment); empty outside `[[`. */
export function completions(p: Programme, position: Position, options: CompletionOptions = {}): CompletionItem[] {
  const ctx = referenceContext(p, p.lines.offsetAt(position));
  if (ctx === undefined) return [];
  const insert: Range = p.lines.rangeOf({ start: ctx.start, end: ctx.cursor });
  const replace: Range = p.lines.rangeOf({ start: ctx.start, end: ctx.end });
  const useInsertReplace = options.insertReplaceSupport === true && ctx.end > ctx.cursor;
  const edit = (text: string): TextEdit | InsertReplaceEdit => {
    const newText = ctx.closed ? text : `${text}]]`;
    return useInsertReplace ? { newText, insert, replace } : { range: insert, newText };
  };
  const index = programmeIndex(p);
  const items: CompletionItem[] = [];
  const labelsOnly = ctx.typed.trimStart().startsWith('#');
  if (!labelsOnly) {
    const numbered: (Measure | Pillar)[] = [];
    for (const m of p.measures) if (index.measuresById.get(m.id) === m) numbered.push(m);
    if (p.mode !== 'continuous') for (const pillar of p.pillars) if (index.pillarsByNumber.get(String(pillar.number)) === pillar) numbered.push(pillar);
    numbered.sort((a, b) => a.span.start - b.span.start);
    numbered.forEach((target, i) => {
      const text = target.kind === 'measure' ? target.id : String(target.number);
      // The measure's words, once: its first words show beside the id, all of them filter.
      const words = target.kind === 'measure' ? measureText(p, target).split(/\s+/).filter((w) => w !== '' && w !== '-') : [];
      items.push({
        label: text,
        labelDetails: { description: target.kind === 'measure' ? summary(words) : target.title },
        kind: target.kind === 'measure' ? CompletionItemKind.EnumMember : CompletionItemKind.Module,
        detail: targetTitle(target),
        documentation: { kind: MarkupKind.Markdown, value: targetMarkdown(p, target) },
        sortText: `a${String(i).padStart(6, '0')}`,
        filterText: target.kind === 'measure' ? `${text} ${words.join(' ')}` : `${text} ${target.title}`,
        textEdit: edit(text),
      });
    });
  }
  const labels: Label[] = [];
  for (const label of p.labels) if (index.labelsByKey.get(label.key) === label && label.name !== '') labels.push(label);
  labels.forEach((label, i) => {
    const text = `#${label.name}`;
    items.push({
      label: text,
      labelDetails: { description: targetName(label.owner) },
      kind: CompletionItemKind.Reference,
      detail: byTarget(label.owner, {
        measure: (id) => l10n.t('Label on measure {0}', id),
        pillar: (name) => l10n.t('Label on pillar {0}', name),
        subsection: (name) => l10n.t('Label on sub-section {0}', name),
        section: (title) => l10n.t('Label on section {0}', title),
      }),
      documentation: { kind: MarkupKind.Markdown, value: targetMarkdown(p, label.owner) },
      sortText: `b${String(i).padStart(6, '0')}`,
      filterText: text,
      textEdit: edit(text),
    });
  });
  return items;
}
