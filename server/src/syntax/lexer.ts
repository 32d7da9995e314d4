/**
 * Chevrotain's lexer of the programme format: the token types and modes of tokens.ts. Loaded only with
 * the syntax's reading with Chevrotain (cst.ts, parser.ts), never for a programme of plain lines.
 */
import { Lexer } from 'chevrotain';
import { lazily } from './lazy';
import { documentTokens, frontMatterTokens } from './tokens';

/**
 * The lexer: mode `document` (initial) and mode `frontMatter` (tokens.ts). Made on first use (about
 * 2 ms): a stretch of plain lines, nearly all of a programme, is read without it (plainLines.ts).
 * Making it gives every token type of the grammar its index and category maps (Chevrotain's
 * `augmentTokenTypes`), which tokens.ts leaves out; a parser needs them before it is made (parser.ts).
 */
export const programmeLexer: () => Lexer = lazily(
  () =>
    new Lexer(
      {
        modes: {
          document: documentTokens,
          frontMatter: frontMatterTokens,
        },
        defaultMode: 'document',
      },
      { positionTracking: 'onlyOffset', ensureOptimizations: true, skipValidations: true },
    ),
);
