/**
 * Rewrites of the flat syntax tree for the model's reading of ambiguous lines (model/reading.ts): a
 * measure block read as text after all (`17. mai` that wraps a sentence), and a line read as a pillar
 * heading without its `#` (`Kapittel 2: Skole`). Nodes are never changed: each rewrite builds new
 * nodes, and the unchanged ones are shared with the tree it starts from.
 */
import type { Span } from './span';
import type { BlockNode, HeadingNode, InlineNode, LineNode, MeasureNode, ParagraphNode } from './tree';

/**
 * The lines of a measure block read as text: its first line from the start of the line (the number,
 * its delimiter and blanks become text; the spaces of an indented number are the line's indent), then
 * its continuation lines as they are.
 */
export function measureAsLines(m: MeasureNode): LineNode[] {
  const first = m.lines[0];
  const textStart = m.span.start;
  const marker: InlineNode = { kind: 'text', span: { start: textStart, end: first.span.start } };
  const inlines: InlineNode[] = [];
  const head = first.inlines[0];
  if (head !== undefined && head.kind === 'text' && head.span.start === marker.span.end) {
    inlines.push({ kind: 'text', span: { start: textStart, end: head.span.end } });
    for (let i = 1; i < first.inlines.length; i++) inlines.push(first.inlines[i]);
  } else {
    inlines.push(marker);
    for (const x of first.inlines) inlines.push(x);
  }
  const end = Math.max(first.span.end, marker.span.end);
  const line: LineNode =
    m.indentSpan !== undefined
      ? { kind: 'line', span: { start: m.indentSpan.start, end }, prefix: 'indent', prefixSpan: m.indentSpan, inlines }
      : { kind: 'line', span: { start: textStart, end }, prefix: 'none', prefixSpan: { start: textStart, end: textStart }, inlines };
  return [line, ...m.lines.slice(1)];
}

/**
 * `block` (a paragraph or measure) with `lines` appended: lines that go on from it. In a measure,
 * an appended line that starts with a sub-point marker is a sub-point (as the visitor reads them).
 */
export function withLines<B extends ParagraphNode | MeasureNode>(block: B, lines: readonly LineNode[]): B {
  if (lines.length === 0) return block;
  const all = [...block.lines, ...lines];
  const span: Span = { start: block.span.start, end: Math.max(block.span.end, lines[lines.length - 1].span.end) };
  if (block.kind === 'paragraph') return { kind: 'paragraph', span, lines: all } as B;
  const m = block as MeasureNode;
  return { ...m, span, lines: all, subPoint: [...m.subPoint, ...lines.map((l) => l.prefix === 'bullet')] } as B;
}

/** A paragraph of `lines` (at least one). */
export function paragraphOf(lines: readonly LineNode[]): ParagraphNode {
  return { kind: 'paragraph', span: { start: lines[0].span.start, end: lines[lines.length - 1].span.end }, lines: lines.slice() };
}

/** A pillar read from a line without `#`: what {@link pillarHeading} needs. */
export interface PillarLine {
  /** How it reads as a heading: a chapter word (`Kapittel 2: …`), a title in capitals, or a plain title. */
  kind: 'chapter' | 'capitals' | 'plain';
  /** The whole line (its content, without the line break). */
  span: Span;
  /** The pillar's number as written, and where. */
  number: string;
  numberSpan: Span;
  /** The delimiter after the number (`.`, `)`), or '' when the line has none of the format's own. */
  delimiter: string;
  delimiterSpan?: Span;
  title: string;
  titleSpan: Span;
  inlines: InlineNode[];
}

/** A level-1 heading node for a pillar line (its `#` is missing: the marker span is empty). */
export function pillarHeading(line: PillarLine): HeadingNode {
  return {
    kind: 'heading',
    span: line.span,
    level: 1,
    markerSpan: { start: line.span.start, end: line.span.start },
    effectiveLevel: 1,
    number: {
      text: line.number,
      parts: [Number.parseInt(line.number, 10)],
      delimiter: line.delimiter,
      span: line.numberSpan,
      delimiterSpan: line.delimiterSpan,
    },
    title: line.title,
    titleSpan: line.titleSpan,
    label: undefined,
    inlines: line.inlines,
  };
}

/** The inline nodes of a block's lines, in order (for a block turned into a heading). */
export function blockInlines(block: BlockNode): InlineNode[] {
  if (block.kind === 'heading') return block.inlines;
  return block.lines.flatMap((l) => l.inlines);
}
