/**
 * The grammar of the programme format as a Chevrotain `CstParser` (docs/format.md). Rules hold grammar
 * only; the visitor in `tree.ts` turns the CST into typed syntax nodes.
 *
 * The grammar reads blocks: front matter, headings, measures (with their continuation lines and
 * sub-points), paragraphs, comments and blank lines. Inline tokens and line prefixes are consumed into
 * the rule of their line (one CST node per line, not per token), for speed. Which pillar a block belongs to is decided by the
 * model, not here. Every token sequence the lexer can produce is accepted, and error recovery is on
 * for safety, so parsing never fails.
 */
import { CstParser, type CstNode, type IToken } from 'chevrotain';
import * as t from './tokens';

/** The CstParser of the format; one instance is reused (Chevrotain parsers are stateful, not reentrant). */
export class ProgrammeCstParser extends CstParser {
  constructor() {
    super(t.allTokens, { recoveryEnabled: true, maxLookahead: 2, nodeLocationTracking: 'none' });
    this.performSelfAnalysis();
  }

  /** document := frontMatter? block* */
  public document = this.RULE('document', () => {
    this.OPTION(() => this.SUBRULE(this.frontMatter));
    this.MANY(() => this.SUBRULE(this.block));
  });

  /** frontMatter := FrontMatterStart (FrontMatterText | Newline)* FrontMatterEnd Newline? */
  public frontMatter = this.RULE('frontMatter', () => {
    this.CONSUME(t.FrontMatterStart);
    this.MANY(() => this.OR([{ ALT: () => this.CONSUME(t.FrontMatterText) }, { ALT: () => this.CONSUME(t.Newline) }]));
    this.CONSUME(t.FrontMatterEnd);
    this.OPTION(() => this.CONSUME2(t.Newline));
  });

  /** block := heading | measure | paragraph | Comment Newline? | Newline (a blank line) */
  public block = this.RULE('block', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.heading) },
      { ALT: () => this.SUBRULE(this.measure) },
      { ALT: () => this.SUBRULE(this.paragraph) },
      {
        ALT: () => {
          this.CONSUME(t.Comment);
          this.OPTION(() => this.CONSUME(t.Newline));
        },
      },
      { ALT: () => this.CONSUME2(t.Newline, { LABEL: 'blank' }) },
    ]);
  });

  /** heading := HeadingMarker inline* Newline? */
  public heading = this.RULE('heading', () => {
    this.CONSUME(t.HeadingMarker);
    this.MANY(() => this.inline(10));
    this.OPTION(() => this.CONSUME(t.Newline));
  });

  /** measure := MeasureMarker inline* Newline? line*  — the lines that continue it, until a blank line or heading */
  public measure = this.RULE('measure', () => {
    this.CONSUME(t.MeasureMarker);
    this.MANY(() => this.inline(10));
    this.OPTION(() => this.CONSUME(t.Newline));
    this.MANY2(() => this.SUBRULE(this.line));
  });

  /** paragraph := ((Bullet | Indent | EscapedNumber) inline* | inline+) Newline? line* */
  public paragraph = this.RULE('paragraph', () => {
    this.OR([
      {
        ALT: () => {
          this.linePrefix(20);
          this.MANY(() => this.inline(10));
        },
      },
      { ALT: () => this.AT_LEAST_ONE(() => this.inline(11)) },
    ]);
    this.OPTION(() => this.CONSUME(t.Newline));
    this.MANY2(() => this.SUBRULE(this.line));
  });

  /**
   * line := (Comment | (Bullet | Indent | EscapedNumber) inline* | inline+) Newline?
   * A continuation line of a measure or paragraph; never blank, never a heading or measure start.
   */
  public line = this.RULE('line', () => {
    this.OR([
      { ALT: () => this.CONSUME(t.Comment) },
      {
        ALT: () => {
          this.linePrefix(20);
          this.MANY(() => this.inline(10));
        },
      },
      { ALT: () => this.AT_LEAST_ONE(() => this.inline(11)) },
    ]);
    this.OPTION(() => this.CONSUME(t.Newline));
  });

  /** (Bullet | Indent | EscapedNumber), consumed into the calling rule (no CST node of its own). */
  private linePrefix(idx: number): void {
    this.or(idx, [
      { ALT: () => this.consume(idx, t.Bullet) },
      { ALT: () => this.consume(idx, t.Indent) },
      { ALT: () => this.consume(idx, t.EscapedNumber) },
    ]);
  }

  /**
   * (Reference | Label | TextLike), consumed into the calling rule: inline tokens are not CST nodes of
   * their own, which keeps the CST (and the garbage it makes) small; the visitor orders them by offset.
   */
  private inline(idx: number): void {
    this.or(idx, [
      { ALT: () => this.consume(idx, t.Reference) },
      { ALT: () => this.consume(idx, t.Label) },
      { ALT: () => this.consume(idx, t.TextLike) },
    ]);
  }
}

/** The shared parser instance. */
export const cstParser = new ProgrammeCstParser();

/** Parses lexed tokens into a CST; Chevrotain's recognition errors are returned, never thrown. */
export function parseTokens(tokens: IToken[]): { cst: CstNode; errors: ProgrammeCstParser['errors'] } {
  cstParser.input = tokens;
  const cst = cstParser.document();
  return { cst, errors: cstParser.errors };
}
