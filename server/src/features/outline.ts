/**
 * Outline: the document's tree as LSP `DocumentSymbol[]`, for the editor's outline and breadcrumbs and
 * for `programme outline`.
 *
 * The top level holds the unnumbered sections and the pillars in document order; a pillar is named
 * `N. Title`; sub-sections are its children, named `1.1 Title` or `Title`; a measure is a child of its
 * pillar or sub-section, named by its id and first words (`1.3 Innføre lærlingplassgaranti, øke …`).
 * Sub-points are not symbols. Ranges are 0-based, characters in UTF-16 code units.
 */
import * as l10n from '@vscode/l10n';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { LineIndex } from '../syntax/span';
import { measureSummary, pillarName, subsectionName, type Measure, type Pillar, type Programme, type Section, type Subsection } from '../model/programme';
import { residentSampleProgramme } from '../model/reading';
import { Resident } from '../syntax/resident';

/** The symbol kinds used for each kind of node. */
export const SYMBOL_KINDS = {
  section: SymbolKind.Namespace,
  pillar: SymbolKind.Module,
  subsection: SymbolKind.Package,
  measure: SymbolKind.EnumMember,
} as const;

/** The name of a heading without a title: `(untitled)`. */
export function untitled(): string {
  return l10n.t('(untitled)');
}

/**
 * Returns the document symbols of `p` (see the module comment for their shape). One walk in document
 * order; positions are found from the line of the symbol before, so the whole is linear in the
 * document.
 */
export function documentSymbols(p: Programme): DocumentSymbol[] {
  residentSymbols.use();
  const walk = new OutlineWalk(p);
  const out: DocumentSymbol[] = [];
  // Measures before the first heading (a `measure-outside-pillar` slip) still show, at the top, in
  // document order with the sections and pillars (both lists are in document order: merge them).
  const top = p.top;
  const outside = p.outsideMeasures;
  let t = 0;
  let o = 0;
  while (o < outside.length && outside[o].parent !== undefined) o++;
  while (t < top.length || o < outside.length) {
    if (o >= outside.length || (t < top.length && top[t].span.start <= outside[o].span.start)) {
      out.push(walk.headingSymbol(top[t++]));
    } else {
      out.push(walk.measureSymbol(outside[o++]));
      while (o < outside.length && outside[o].parent !== undefined) o++;
    }
  }
  return out;
}

/**
 * The outline of the model's resident sample (model/reading.ts `residentSampleProgramme`), made at
 * the second outline and kept for the life of the process, with an outline walk, so that the outline's
 * objects' hidden classes outlive every full garbage collection (syntax/resident.ts).
 */
const residentSymbols = new Resident(() => {
  const p = residentSampleProgramme();
  return { walk: new OutlineWalk(p), symbols: documentSymbols(p) };
});

/** Builds the symbols in document order; `line` is the line of the last symbol's start. */
class OutlineWalk {
  private readonly lines: LineIndex;
  private line = 0;

  constructor(private readonly p: Programme) {
    this.lines = p.lines;
  }

  headingSymbol(node: Pillar | Section | Subsection): DocumentSymbol {
    const name = node.kind === 'pillar' ? pillarName(node) : node.kind === 'subsection' ? subsectionName(node) : node.title;
    const lines = this.lines;
    const range = lines.rangeOf(node.span, this.line);
    const line = (this.line = range.start.line);
    const heading = node.heading;
    const selectionEnd = heading.titleSpan.end > heading.titleSpan.start ? heading.titleSpan.end : heading.span.end;
    const symbol: DocumentSymbol = {
      name: name.trim() === '' ? untitled() : name,
      detail: node.label !== undefined ? `#${node.label.name}` : undefined,
      kind: SYMBOL_KINDS[node.kind],
      range,
      selectionRange: { start: lines.positionAt(heading.span.start, line), end: lines.positionAt(selectionEnd, line) },
      children: [],
    };
    const children = node.children;
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      symbol.children!.push(child.kind === 'measure' ? this.measureSymbol(child) : this.headingSymbol(child));
    }
    return symbol;
  }

  measureSymbol(m: Measure): DocumentSymbol {
    const summary = measureSummary(this.p, m);
    const lines = this.lines;
    const range = lines.rangeOf(m.span, this.line);
    const line = (this.line = range.start.line);
    return {
      name: summary === '' ? m.id : `${m.id} ${summary}`,
      detail: m.label !== undefined ? `#${m.label.name}` : undefined,
      kind: SYMBOL_KINDS.measure,
      range,
      selectionRange: { start: lines.positionAt(m.numberSpan.start, line), end: lines.positionAt(m.delimiterSpan.end, line) },
    };
  }
}
