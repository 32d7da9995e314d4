/**
 * Reading with Chevrotain: the lexer (lexer.ts), the parser (parser.ts) and the tree builder's CST
 * visitor (tree.ts), for the stretches that plainLines.ts does not read, and the resident sample. It
 * and the modules it imports are the only ones of the syntax that use Chevrotain's code (tokens.ts,
 * tree.ts and plainLines.ts use its types only): in the bundles they are loaded, and Chevrotain's
 * modules with them, on first use (cstLoad.ts), which a check of a programme of plain lines never makes.
 */
import type { CstNode, ILexingResult } from 'chevrotain';
import * as l10n from '@vscode/l10n';
import { lexingLaterStretch } from './tokens';
import { programmeLexer } from './lexer';
import { parseTokens } from './parser';
import { TreeBuilder } from './tree';
import type { Diagnostic } from './span';

/** Lexes, parses and visits the stretch `piece` at `base` into `builder`; the lexer's errors go to `lexerDiagnostics`, the parser's to `parserDiagnostics`. */
export function readWithChevrotain(piece: string, base: number, builder: TreeBuilder, lexerDiagnostics: Diagnostic[], parserDiagnostics: Diagnostic[]): void {
  const lexed = base === 0 ? programmeLexer().tokenize(piece) : lexingLaterStretch(() => programmeLexer().tokenize(piece));
  for (const e of lexed.errors) {
    lexerDiagnostics.push({
      code: 'syntax',
      severity: 'error',
      message: l10n.t('Unexpected character {0}.', JSON.stringify(piece.slice(e.offset, e.offset + Math.min(e.length, 1)))),
      span: { start: base + e.offset, end: base + e.offset + Math.max(1, e.length) },
    });
  }
  const tokens = lexed.tokens;
  if (base !== 0) {
    // Offsets-only tokens carry `startOffset` alone (no `endOffset`: adding one would reshape every token).
    for (let i = 0; i < tokens.length; i++) tokens[i].startOffset += base;
  }
  const { cst, errors } = parseTokens(tokens);
  for (const e of errors) {
    const start = Number.isFinite(e.token.startOffset) ? e.token.startOffset : base + piece.length;
    // Chevrotain's own words (English) follow, as a detail for a report.
    parserDiagnostics.push({ code: 'syntax', severity: 'error', message: l10n.t('Cannot read this line: {0}', e.message), span: { start, end: start + (e.token.image?.length ?? 0) } });
  }
  builder.visit(cst);
}

/** The resident sample read (see index.ts `RESIDENT_SAMPLE`), and how many parses it has outlived. */
export interface Resident {
  builder: TreeBuilder;
  lexed: ILexingResult;
  cst: CstNode;
  reads: number;
}

/** Reads the resident sample `text` (index.ts `RESIDENT_SAMPLE`) with Chevrotain. */
export function readResidentSample(text: string): Resident {
  const builder = new TreeBuilder(text);
  const lexed = programmeLexer().tokenize(text);
  const { cst } = parseTokens(lexed.tokens);
  builder.visit(cst);
  // The sample's messages are made in whatever language is set when it is read; none of them is kept.
  builder.diagnostics.length = 0;
  return { builder, lexed, cst, reads: 0 };
}
