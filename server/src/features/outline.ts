/**
 * Outline: the document's tree as LSP `DocumentSymbol[]`, for the editor's outline and breadcrumbs and
 * for `programme outline`.
 *
 * The top level holds the unnumbered sections and the pillars in document order; a pillar is named
 * `N. Title`; sub-sections are its children, named `1.1 Title` or `Title`; a measure is a child of its
 * pillar or sub-section, named by its id and first words (`1.3 Innføre lærlingplassgaranti, øke …`).
 * Sub-points are not symbols. Ranges are 0-based, characters in UTF-16 code units.
 */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { measureSummary, pillarName, subsectionName, type Measure, type Pillar, type Programme, type Section, type Subsection } from '../model/programme';

/** The symbol kinds used for each kind of node. */
export const SYMBOL_KINDS = {
  section: SymbolKind.Namespace,
  pillar: SymbolKind.Module,
  subsection: SymbolKind.Package,
  measure: SymbolKind.EnumMember,
} as const;

/** Returns the document symbols of `p` (see the module comment for their shape). */
export function documentSymbols(p: Programme): DocumentSymbol[] {
  const symbols = p.top.map((node) => ({ start: node.span.start, symbol: headingSymbol(p, node) }));
  // Measures before the first heading (a `measure-outside-pillar` slip) still show, at the top.
  for (const m of p.outsideMeasures) if (m.parent === undefined) symbols.push({ start: m.span.start, symbol: measureSymbol(p, m) });
  return symbols.sort((a, b) => a.start - b.start).map((s) => s.symbol);
}

function headingSymbol(p: Programme, node: Pillar | Section | Subsection): DocumentSymbol {
  const name = node.kind === 'pillar' ? pillarName(node) : node.kind === 'subsection' ? subsectionName(node) : node.title;
  return {
    name: name.trim() === '' ? '(untitled)' : name,
    detail: node.label !== undefined ? `#${node.label.name}` : undefined,
    kind: SYMBOL_KINDS[node.kind],
    range: p.lines.rangeOf(node.span),
    selectionRange: p.lines.rangeOf(node.heading.titleSpan.end > node.heading.titleSpan.start ? { start: node.heading.span.start, end: node.heading.titleSpan.end } : node.heading.span),
    children: node.children.map((child) => (child.kind === 'measure' ? measureSymbol(p, child) : headingSymbol(p, child))),
  };
}

function measureSymbol(p: Programme, m: Measure): DocumentSymbol {
  const summary = measureSummary(p, m);
  return {
    name: summary === '' ? m.id : `${m.id} ${summary}`,
    detail: m.label !== undefined ? `#${m.label.name}` : undefined,
    kind: SYMBOL_KINDS.measure,
    range: p.lines.rangeOf(m.span),
    selectionRange: p.lines.rangeOf({ start: m.numberSpan.start, end: m.delimiterSpan.end }),
  };
}
