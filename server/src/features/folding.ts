// Folding: fold the front matter, each pillar, section and sub-section, long measures, and runs of comment lines.
/**
 * `foldingRanges(p)` gives, by 0-based line:
 * - the front matter, from its opening `---` to its closing line;
 * - each pillar, unnumbered section and sub-section, from its heading line to the last non-blank line
 *   before the next heading of the same or a higher level (trailing blank lines stay visible);
 * - each measure that spans two or more lines (its sub-points included);
 * - each run of two or more consecutive `//` comment lines (kind `comment`).
 * Ranges of one line are left out. Sorted by start line, then by end line, outermost first.
 */
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import { headingOwners, headingPartSpan } from '../model/locate';
import type { Programme } from '../model/programme';
import type { Span } from '../syntax/span';

/** The folding ranges of `p` (see the module comment). */
export function foldingRanges(p: Programme): FoldingRange[] {
  const out: FoldingRange[] = [];
  const add = (span: Span, kind?: string) => {
    const startLine = p.lines.lineAt(span.start);
    // A span that ends right after a line break ends on the line before.
    const endLine = p.lines.lineAt(Math.max(span.start, span.end - 1));
    if (endLine > startLine) out.push(kind === undefined ? { startLine, endLine } : { startLine, endLine, kind });
  };
  if (p.frontMatter !== undefined) add(p.frontMatter.span);
  for (const node of headingOwners(p)) add(headingPartSpan(p, node));
  for (const m of p.measures) add(m.span);
  let run: Span | undefined;
  let runLines = 0;
  let lastLine = -2;
  for (const c of p.comments) {
    const line = p.lines.lineAt(c.span.start);
    if (run !== undefined && line === lastLine + 1) {
      run = { start: run.start, end: c.span.end };
      runLines++;
    } else {
      if (run !== undefined && runLines >= 2) add(run, FoldingRangeKind.Comment);
      run = c.span;
      runLines = 1;
    }
    lastLine = line;
  }
  if (run !== undefined && runLines >= 2) add(run, FoldingRangeKind.Comment);
  return out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
