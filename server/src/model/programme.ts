/**
 * The typed programme: front matter, unnumbered sections, pillars, sub-sections, measures, labels and
 * references, built from the flat syntax tree in one linear pass (docs/format.md).
 *
 * Nesting: a level-1 heading opens a pillar (numbered) or an unnumbered section; `##`…`######`
 * headings open sub-sections nested by level under the current level-1 heading. A measure belongs to
 * the innermost open heading; measures before the first pillar or under an unnumbered section are kept
 * in `outsideMeasures`. Measure ids follow the numbering mode (`per-pillar` → `P.N`, `per-section` →
 * `S.N` with S the innermost numbered sub-section or the pillar, `continuous` → `N`).
 */
import { LineIndex, type Diagnostic, type Span } from '../syntax/span';
import type { CommentNode, FrontMatterNode, HeadingNode, LabelNode, LineNode, MeasureNode, ParagraphNode, ReferenceNode, SyntaxTree } from '../syntax/tree';
import { parse } from '../syntax/index';

/** How measures are numbered (configuration key `measureNumbering`). */
export type NumberingMode = 'per-pillar' | 'per-section' | 'continuous';

/** Options of the model. */
export interface ModelOptions {
  /** Default `per-pillar`. */
  measureNumbering?: NumberingMode;
}

/** A label declared on a pillar, section, sub-section or measure. */
export interface Label {
  /** As written. */
  name: string;
  /** The comparison key: NFC and case-folded (see {@link labelKey}). */
  key: string;
  span: Span;
  nameSpan: Span;
  owner: Pillar | Section | Subsection | Measure;
}

/** What a reference's text says it names. */
export type ReferenceForm =
  | { kind: 'measure'; id: string }
  | { kind: 'pillar'; number: string }
  | { kind: 'label'; key: string; name: string }
  | { kind: 'invalid' };

/** A `[[…]]` reference outside front matter and comments. */
export interface Reference {
  node: ReferenceNode;
  span: Span;
  /** The text between the brackets, as written. */
  target: string;
  form: ReferenceForm;
  /** The measure whose text holds it, if any. */
  inMeasure?: Measure;
}

interface HeadingBased {
  heading: HeadingNode;
  /** From the heading to the end of the last line that belongs to it. */
  span: Span;
  title: string;
  label?: Label;
  /** Direct sub-sections. */
  subsections: Subsection[];
  /** Measures directly under this heading and under its sub-sections, in document order. */
  measures: Measure[];
  /** Direct children in document order. */
  children: (Subsection | Measure)[];
}

/** A numbered level-1 heading `# N. Title` and what follows it up to the next level-1 heading. */
export interface Pillar extends HeadingBased {
  kind: 'pillar';
  number: number;
  numberText: string;
  numberSpan: Span;
  /** `.`, `)` or '' (a near-miss without delimiter). */
  delimiter: string;
  delimiterSpan?: Span;
}

/** An unnumbered level-1 heading (Forord, Innledning). */
export interface Section extends HeadingBased {
  kind: 'section';
}

/** A `##`…`######` heading. */
export interface Subsection extends HeadingBased {
  kind: 'subsection';
  level: number;
  /** The hierarchical number (`1.1`), when written. */
  numberText?: string;
  numberParts?: number[];
  numberSpan?: Span;
  parent: Pillar | Section | Subsection;
  pillar?: Pillar;
}

/** A measure. */
export interface Measure {
  kind: 'measure';
  node: MeasureNode;
  span: Span;
  numberText: string;
  numberSpan: Span;
  value: number;
  alternative: string;
  delimiter: '.' | ')';
  delimiterSpan: Span;
  /** The id in the document's numbering mode (`1.3`, `1.1.3`, `12`; `2.9A`). */
  id: string;
  pillar?: Pillar;
  /** The innermost heading above it, if any. */
  parent?: Pillar | Section | Subsection;
  label?: Label;
  references: Reference[];
}

/** The programme model. */
export interface Programme {
  text: string;
  lines: LineIndex;
  tree: SyntaxTree;
  mode: NumberingMode;
  frontMatter?: FrontMatterNode;
  /** Unnumbered sections and pillars in document order. */
  top: (Section | Pillar)[];
  pillars: Pillar[];
  sections: Section[];
  subsections: Subsection[];
  measures: Measure[];
  /** Measures before the first pillar or under an unnumbered section. */
  outsideMeasures: Measure[];
  paragraphs: ParagraphNode[];
  comments: CommentNode[];
  labels: Label[];
  references: Reference[];
  /** Syntax diagnostics from the parser. */
  syntaxDiagnostics: Diagnostic[];
}

/**
 * The comparison key of a label or title: Unicode NFC, then case folding (upper- then lower-casing,
 * which folds `ß`/`SS` and `Ø`/`ø` as full case folding does), then NFC again.
 */
export function labelKey(name: string): string {
  return name.normalize('NFC').toUpperCase().toLowerCase().normalize('NFC');
}

const MEASURE_ID = /^[0-9]+(?:\.[0-9]+)*[A-Z]?$/;
const PILLAR_ID = /^[0-9]+$/;

/** Reads what a reference's text names (format §6). Blanks around the target are tolerated. */
export function referenceForm(target: string, mode: NumberingMode): ReferenceForm {
  const t = target.trim();
  if (t.startsWith('#')) {
    const name = t.slice(1).trim();
    return name === '' ? { kind: 'invalid' } : { kind: 'label', key: labelKey(name), name };
  }
  if (mode === 'continuous') {
    // Measure ids are plain numbers; pillars are referred to by label.
    return MEASURE_ID.test(t) && !t.includes('.') ? { kind: 'measure', id: t } : { kind: 'invalid' };
  }
  // Without leading zeros; beyond 15 digits capped as pillar numbers are (syntax/tree.ts), never "Infinity".
  if (PILLAR_ID.test(t)) return { kind: 'pillar', number: String(t.length > 15 ? Number.MAX_SAFE_INTEGER : Number.parseInt(t, 10)) };
  if (MEASURE_ID.test(t)) return { kind: 'measure', id: t };
  return { kind: 'invalid' };
}

/** Parses `text` and builds its model. Never throws (see `parse`). */
export function analyseText(text: string, options: ModelOptions = {}): Programme {
  return buildProgramme(parse(text), options);
}

/** Builds the model from a syntax tree, in one pass over its blocks. */
export function buildProgramme(tree: SyntaxTree, options: ModelOptions = {}): Programme {
  const mode = options.measureNumbering ?? 'per-pillar';
  const p: Programme = {
    text: tree.text,
    lines: new LineIndex(tree.text),
    tree,
    mode,
    frontMatter: tree.frontMatter,
    top: [],
    pillars: [],
    sections: [],
    subsections: [],
    measures: [],
    outsideMeasures: [],
    paragraphs: [],
    comments: tree.comments,
    labels: [],
    references: [],
    syntaxDiagnostics: tree.diagnostics,
  };

  // The open headings: index 0 is the level-1 heading, then sub-sections by level.
  let stack: (Pillar | Section | Subsection)[] = [];
  let currentPillar: Pillar | undefined;
  const addLabel = (node: LabelNode | undefined, owner: Label['owner']): Label | undefined => {
    if (node === undefined) return undefined;
    const label: Label = { name: node.name, key: labelKey(node.name), span: node.span, nameSpan: node.nameSpan, owner };
    p.labels.push(label);
    return label;
  };
  const addReferences = (lines: LineNode[] | HeadingNode['inlines'][], inMeasure?: Measure) => {
    for (const l of lines) {
      const inlines = Array.isArray(l) ? l : l.inlines;
      for (const n of inlines) {
        if (n.kind !== 'reference') continue;
        const ref: Reference = { node: n, span: n.span, target: n.target, form: referenceForm(n.target, mode), inMeasure };
        p.references.push(ref);
        inMeasure?.references.push(ref);
      }
    }
  };
  const extend = (end: number) => {
    for (const h of stack) if (end > h.span.end) h.span = { start: h.span.start, end };
  };

  for (const block of tree.blocks) {
    if (block.kind === 'heading') {
      const base = { heading: block, span: block.span, title: block.title, subsections: [], measures: [], children: [] };
      const level = block.effectiveLevel;
      if (level === 1) {
        let node: Pillar | Section;
        if (block.number !== undefined) {
          const pillar: Pillar = {
            ...base,
            kind: 'pillar',
            number: block.number.parts[0],
            numberText: block.number.text,
            numberSpan: block.number.span,
            delimiter: block.number.delimiter,
            delimiterSpan: block.number.delimiterSpan,
          };
          p.pillars.push(pillar);
          currentPillar = pillar;
          node = pillar;
        } else {
          const section: Section = { ...base, kind: 'section' };
          p.sections.push(section);
          currentPillar = undefined;
          node = section;
        }
        node.label = addLabel(block.label, node);
        p.top.push(node);
        stack = [node];
      } else {
        while (stack.length > 1 && (stack[stack.length - 1] as Subsection).level >= level) stack.pop();
        const parent = stack[stack.length - 1];
        const sub: Subsection = {
          ...base,
          kind: 'subsection',
          level,
          numberText: block.number?.text,
          numberParts: block.number?.parts,
          numberSpan: block.number?.span,
          parent: parent ?? (undefined as never),
          pillar: currentPillar,
        };
        sub.label = addLabel(block.label, sub);
        p.subsections.push(sub);
        if (parent !== undefined) {
          parent.subsections.push(sub);
          parent.children.push(sub);
          stack.push(sub);
        } else {
          // A sub-section before any level-1 heading: an outline entry of its own at the top.
          const section: Section = { ...base, kind: 'section' };
          section.label = sub.label;
          if (section.label) section.label.owner = section;
          p.subsections.pop();
          p.sections.push(section);
          p.top.push(section);
          stack = [section];
          continue;
        }
      }
      addReferences([block.inlines]);
      continue;
    }
    if (block.kind === 'paragraph') {
      p.paragraphs.push(block);
      addReferences(block.lines);
      extend(block.span.end);
      continue;
    }
    // A measure.
    const parent = stack[stack.length - 1];
    const measure: Measure = {
      kind: 'measure',
      node: block,
      span: block.span,
      numberText: block.numberText,
      numberSpan: block.numberSpan,
      value: block.value,
      alternative: block.alternative,
      delimiter: block.delimiter,
      delimiterSpan: block.delimiterSpan,
      id: block.numberText,
      pillar: currentPillar,
      parent,
      references: [],
    };
    measure.id = measureId(measure, stack, mode);
    measure.label = addLabel(block.label, measure);
    p.measures.push(measure);
    if (currentPillar === undefined) p.outsideMeasures.push(measure);
    if (parent !== undefined) parent.children.push(measure);
    for (const h of stack) h.measures.push(measure);
    addReferences(block.lines, measure);
    extend(block.span.end);
  }
  return p;
}

function measureId(m: Measure, stack: (Pillar | Section | Subsection)[], mode: NumberingMode): string {
  if (mode === 'continuous' || m.pillar === undefined) return m.numberText;
  if (mode === 'per-section') {
    for (let i = stack.length - 1; i > 0; i--) {
      const s = stack[i] as Subsection;
      if (s.numberText !== undefined) return `${s.numberText}.${m.numberText}`;
    }
  }
  return `${m.pillar.numberText}.${m.numberText}`;
}

/** The parts of a line's text, without prefix marks, label, or the escape's backslash. */
function lineText(text: string, line: LineNode, label: LabelNode | undefined): string {
  let out = '';
  if (line.prefix === 'escape') out += text.slice(line.prefixSpan.start, line.prefixSpan.end).replace('\\', '');
  for (const n of line.inlines) {
    if (label !== undefined && n === label) continue;
    out += text.slice(n.span.start, n.span.end);
  }
  return out.trim();
}

/**
 * A measure's text as a reader sees it: its lines joined by spaces, sub-points on lines of their own
 * starting with "- ", without the number, the label or escape backslashes. References stay as written.
 */
export function measureText(p: Programme, m: Measure): string {
  const parts: string[] = [];
  const lines = m.node.lines;
  for (let i = 0; i < lines.length; i++) {
    const t = lineText(p.text, lines[i], m.node.label);
    if (t === '') continue;
    if (m.node.subPoint[i]) parts.push(`\n- ${t}`);
    else if (parts.length > 0 && parts[parts.length - 1].startsWith('\n- ')) parts[parts.length - 1] += ` ${t}`;
    else parts.push(parts.length === 0 ? t : ` ${t}`);
  }
  return parts.join('').trim();
}

/** The first `count` words of a measure's text, with "…" when cut. */
export function measureSummary(p: Programme, m: Measure, count = 6): string {
  // Reads lines only until it has one word more than it shows (the outline asks this of every measure).
  const words: string[] = [];
  const wordRe = /\S+/g;
  for (let i = 0; i < m.node.lines.length && words.length <= count; i++) {
    const line = lineText(p.text, m.node.lines[i], m.node.label);
    wordRe.lastIndex = 0;
    for (let w = wordRe.exec(line); w !== null && words.length <= count; w = wordRe.exec(line)) if (w[0] !== '-') words.push(w[0]);
  }
  return words.length <= count ? words.join(' ') : `${words.slice(0, count).join(' ')} …`;
}

/** The display name of a pillar: `1. Title` (with its delimiter). */
export function pillarName(p: Pillar): string {
  return `${p.numberText}${p.delimiter || '.'} ${p.title}`.trim();
}

/** The display name of a sub-section: `1.1 Title` or `Title`. */
export function subsectionName(s: Subsection): string {
  return s.numberText !== undefined ? `${s.numberText} ${s.title}` : s.title;
}

/** A run of measures that must be numbered 1, 2, 3 … in the document's numbering mode. */
export interface MeasureSequence {
  /** The pillar or numbered sub-section the run belongs to; undefined in `continuous` mode (the whole document). */
  owner?: Pillar | Subsection;
  measures: Measure[];
}

/**
 * The measure sequences of `p` (docs/rules.md, "How numbering is checked"): `per-pillar`, one per
 * pillar; `per-section`, one per innermost numbered sub-section (or the pillar, for measures outside
 * any numbered sub-section); `continuous`, one for the whole document. Measures outside any pillar are
 * in none. Shared by the `measure-numbering` rule and renumbering, so the two cannot disagree.
 */
export function measureSequences(p: Programme): MeasureSequence[] {
  const inPillars = p.measures.filter((m) => m.pillar !== undefined);
  if (p.mode === 'continuous') return [{ measures: inPillars }];
  const groups = new Map<Pillar | Subsection, Measure[]>();
  for (const m of inPillars) {
    let key: Pillar | Subsection = m.pillar!;
    if (p.mode === 'per-section') {
      for (let h = m.parent; h !== undefined && h.kind === 'subsection'; h = h.parent) {
        if (h.numberText !== undefined) {
          key = h;
          break;
        }
      }
    }
    let list = groups.get(key);
    if (list === undefined) groups.set(key, (list = []));
    list.push(m);
  }
  return [...groups].map(([owner, measures]) => ({ owner, measures }));
}
