/**
 * `parse(text)`: the programme format's text to its syntax tree and syntax diagnostics.
 *
 * Invariant: `parse` never throws and never hangs, on any input (empty, binary, NUL characters,
 * unterminated front matter, 100,000-character lines). Lexer and parser errors become `syntax`
 * diagnostics; every pass is linear in the text's length.
 */
import { programmeLexer } from './tokens';
import { parseTokens } from './parser';
import { TreeBuilder, type SyntaxTree } from './tree';
import type { Diagnostic } from './span';

export type { SyntaxTree } from './tree';

/** Parses `text`; see the module comment for the guarantees. */
export function parse(text: string): SyntaxTree {
  const diagnostics: Diagnostic[] = [];
  try {
    const lexed = programmeLexer.tokenize(text);
    for (const e of lexed.errors) {
      diagnostics.push({
        code: 'syntax',
        severity: 'error',
        message: `Unexpected character ${JSON.stringify(text.slice(e.offset, e.offset + Math.min(e.length, 1)))}.`,
        span: { start: e.offset, end: e.offset + Math.max(1, e.length) },
      });
    }
    const { cst, errors } = parseTokens(lexed.tokens);
    for (const e of errors) {
      const start = Number.isFinite(e.token.startOffset) ? e.token.startOffset : text.length;
      diagnostics.push({ code: 'syntax', severity: 'error', message: `Cannot read this line: ${e.message}`, span: { start, end: start + (e.token.image?.length ?? 0) } });
    }
    const builder = new TreeBuilder(text);
    builder.visit(cst);
    diagnostics.push(...builder.diagnostics);
    const unclosed = unclosedFrontMatter(text, builder.frontMatterNode !== undefined);
    if (unclosed !== undefined) diagnostics.push(unclosed);
    return { text, frontMatter: builder.frontMatterNode, blocks: builder.blocks, comments: builder.comments, diagnostics };
  } catch (error) {
    // A fault of ours must not take the editor down: report it and return an empty tree.
    diagnostics.push({
      code: 'syntax',
      severity: 'error',
      message: `Internal error while reading the document (please report it): ${error instanceof Error ? error.message : String(error)}`,
      span: { start: 0, end: 0 },
    });
    return { text, blocks: [], comments: [], diagnostics };
  }
}

/** A `---` first line that no `---`/`...` line closes: reported, and the lines are read as text. */
function unclosedFrontMatter(text: string, hasFrontMatter: boolean): Diagnostic | undefined {
  if (hasFrontMatter) return undefined;
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const m = /---[ \t]*(?=\r|\n|$)/y;
  m.lastIndex = start;
  const found = m.exec(text);
  if (found === null) return undefined;
  return {
    code: 'syntax',
    severity: 'error',
    message: 'Front matter opened with "---" is never closed: add a line "---" after the YAML, or remove this line.',
    span: { start, end: start + found[0].length },
  };
}
