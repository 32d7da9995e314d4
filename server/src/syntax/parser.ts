/**
 * The grammar of the programme format as a Chevrotain `CstParser` (docs/format.md). Rules hold grammar
 * only; the visitor in `tree.ts` turns the CST into typed syntax nodes.
 *
 * The grammar reads blocks: front matter, headings, measures (with their continuation lines and
 * sub-points), paragraphs, comments and blank lines. Which pillar a block belongs to is decided by the
 * model, not here. Every token sequence the lexer can produce is accepted, and error recovery is on
 * for safety, so parsing never fails.
 */
import { CstParser, EOF, type CstNode, type IToken } from 'chevrotain';
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

  /** frontMatter := FrontMatterStart (FrontMatterText | Newline)* FrontMatterEnd lineEnd */
  public frontMatter = this.RULE('frontMatter', () => {
    this.CONSUME(t.FrontMatterStart);
    this.MANY(() => this.OR([{ ALT: () => this.CONSUME(t.FrontMatterText) }, { ALT: () => this.CONSUME(t.Newline) }]));
    this.CONSUME(t.FrontMatterEnd);
    this.SUBRULE(this.lineEnd);
  });

  /** block := heading | measure | paragraph | commentLine | blankLine */
  public block = this.RULE('block', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.heading) },
      { ALT: () => this.SUBRULE(this.measure) },
      { ALT: () => this.SUBRULE(this.paragraph) },
      { ALT: () => this.SUBRULE(this.commentLine) },
      { ALT: () => this.CONSUME(t.Newline, { LABEL: 'blank' }) },
    ]);
  });

  /** heading := HeadingMarker inline* lineEnd */
  public heading = this.RULE('heading', () => {
    this.CONSUME(t.HeadingMarker);
    this.MANY(() => this.SUBRULE(this.inline));
    this.SUBRULE(this.lineEnd);
  });

  /** measure := MeasureMarker inline* lineEnd continuation* */
  public measure = this.RULE('measure', () => {
    this.CONSUME(t.MeasureMarker);
    this.MANY(() => this.SUBRULE(this.inline));
    this.SUBRULE(this.lineEnd);
    this.MANY2(() => this.SUBRULE(this.continuation));
  });

  /** continuation := subPoint | textLine | commentLine (one rule, so the CST keeps the lines in order) */
  public continuation = this.RULE('continuation', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.subPoint) },
      { ALT: () => this.SUBRULE(this.textLine) },
      { ALT: () => this.SUBRULE(this.commentLine) },
    ]);
  });

  /** subPoint := Bullet inline* lineEnd */
  public subPoint = this.RULE('subPoint', () => {
    this.CONSUME(t.Bullet);
    this.MANY(() => this.SUBRULE(this.inline));
    this.SUBRULE(this.lineEnd);
  });

  /** paragraph := (textLine | subPoint) continuation* */
  public paragraph = this.RULE('paragraph', () => {
    this.OR([{ ALT: () => this.SUBRULE(this.textLine) }, { ALT: () => this.SUBRULE(this.subPoint) }]);
    this.MANY(() => this.SUBRULE(this.continuation));
  });

  /** textLine := (Indent | EscapedNumber)? inline+ lineEnd  |  EscapedNumber lineEnd */
  public textLine = this.RULE('textLine', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.EscapedNumber);
          this.MANY(() => this.SUBRULE(this.inline));
        },
      },
      {
        ALT: () => {
          this.OPTION(() => this.CONSUME(t.Indent));
          this.AT_LEAST_ONE(() => this.SUBRULE2(this.inline));
        },
      },
    ]);
    this.SUBRULE(this.lineEnd);
  });

  /** commentLine := Comment lineEnd */
  public commentLine = this.RULE('commentLine', () => {
    this.CONSUME(t.Comment);
    this.SUBRULE(this.lineEnd);
  });

  /** inline := Reference | Label | TextLike */
  public inline = this.RULE('inline', () => {
    this.OR([
      { ALT: () => this.CONSUME(t.Reference) },
      { ALT: () => this.CONSUME(t.Label) },
      { ALT: () => this.CONSUME(t.TextLike) },
    ]);
  });

  /** lineEnd := Newline | end of input */
  public lineEnd = this.RULE('lineEnd', () => {
    this.OR([{ ALT: () => this.CONSUME(t.Newline) }, { ALT: () => this.CONSUME(EOF) }]);
  });
}

/** The shared parser instance. */
export const cstParser = new ProgrammeCstParser();

/** Parses lexed tokens into a CST; Chevrotain's recognition errors are returned, never thrown. */
export function parseTokens(tokens: IToken[]): { cst: CstNode; errors: ProgrammeCstParser['errors'] } {
  cstParser.input = tokens;
  const cst = cstParser.document();
  return { cst, errors: cstParser.errors };
}
