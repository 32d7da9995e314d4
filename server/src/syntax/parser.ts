/**
 * The grammar of the programme format as a Chevrotain `CstParser` (docs/format.md). Rules hold grammar
 * only; the visitor in `tree.ts` turns the CST into typed syntax nodes.
 *
 * The grammar reads blocks: front matter, headings, measures (with their continuation lines and
 * sub-points), paragraphs, comments and blank lines. Inline tokens and line prefixes are consumed into
 * the rule of their line (one CST node per line, not per token), for speed. Which pillar a block
 * belongs to is decided by the model, not here. Every token sequence the lexer can produce is accepted, and error recovery is on
 * for safety, so parsing never fails.
 */
import { CstParser, LLkLookaheadStrategy, type CstNode, type ILookaheadStrategy, type IToken, type TokenType } from 'chevrotain';
import * as t from './tokens';
import { lazily } from './lazy';
import { programmeLexer } from './lexer';
import { TableLookahead } from './lookahead';
import lookaheadTable from './lookahead.table.json';

/** The most tokens a decision of the grammar looks ahead. */
export const MAX_LOOKAHEAD = 2;

/** The fields of Chevrotain's error recovery (its `Recoverable` trait) that the set-up reads and sets; not in Chevrotain's types. */
interface Recovery {
  recoveryEnabled: boolean;
  /** The follow sets recovery resynchronises on, by Chevrotain's key (see lookahead.ts, `follows`). */
  resyncFollows: Record<string, TokenType[]>;
}

/** Chevrotain's switch of its grammar recording (its `GastRecorder` trait); not in Chevrotain's types. */
interface Recorder {
  RECORDING_PHASE: boolean;
  enableRecording(): void;
  disableRecording(): void;
}

/** The follow sets `parser` recovers with (Chevrotain's `resyncFollows`). */
export function resyncFollowsOf(parser: ProgrammeCstParser): Record<string, TokenType[]> {
  return (parser as unknown as Recovery).resyncFollows;
}

/**
 * The grammar's token types (tokens.ts), with the index and category maps that Chevrotain gives every
 * token type of a lexer or a parser it makes (`augmentTokenTypes`) and that tokens.ts leaves out: a
 * parser chooses how it matches tokens by their category maps before it gives them (the first parser
 * made would match no token by its category, `TextLike` or `MeasureStart`), so the lexer, which gives
 * them as it is made, is made first.
 */
function tokenTypes(): TokenType[] {
  programmeLexer();
  return t.allTokens;
}

/**
 * The CstParser of the format; one instance is reused (Chevrotain parsers are stateful, not reentrant).
 *
 * The closures and arrays of alternatives that rules pass to `MANY`/`OR` are built once (fields below)
 * instead of on every rule call: Chevrotain's performance guide recommends it, and it removes most of
 * the garbage a large document would otherwise make.
 */
export class ProgrammeCstParser extends CstParser {
  /**
   * With `validate`, Chevrotain's grammar validations run too (ambiguous alternatives, left recursion,
   * …; a failure throws). They change nothing in a grammar that passes them, and cost a third of the
   * set-up at every start of the CLI and the server, so the shared instance skips them; the tests make
   * a parser with them (test/parser.test.ts).
   *
   * The lookahead of the decisions is read from a table made at build time (lookahead.ts) unless
   * another `lookahead` strategy is given (lookaheadTable.ts gives Chevrotain's own, to make the table).
   * With the table, error recovery's follow sets come from it too: recovery is off while Chevrotain
   * analyses the grammar (all that changes there is that it does not work them out) and on again with
   * the table's sets, or, when the table is of another grammar, with the sets of a parser that worked
   * everything out as Chevrotain does.
   */
  constructor(validate = false, lookahead: ILookaheadStrategy = new TableLookahead(MAX_LOOKAHEAD, lookaheadTable, t.allTokens)) {
    super(tokenTypes(), { recoveryEnabled: true, maxLookahead: MAX_LOOKAHEAD, nodeLocationTracking: 'none', skipValidations: !validate, lookaheadStrategy: lookahead });
    const table = lookahead instanceof TableLookahead ? lookahead : undefined;
    const recovery = this as unknown as Recovery;
    if (table !== undefined) recovery.recoveryEnabled = false;
    this.performSelfAnalysis();
    if (table !== undefined) {
      recovery.recoveryEnabled = true;
      recovery.resyncFollows = table.follows() ?? resyncFollowsOf(new ProgrammeCstParser(false, new LLkLookaheadStrategy({ maxLookahead: MAX_LOOKAHEAD })));
    }
  }

  /**
   * Chevrotain records the grammar with its DSL methods (`CONSUME`, `OR1`, …, about 90) replaced by
   * recording ones on the instance, and deletes them afterwards. The instance is a prototype object to
   * V8 by then (Chevrotain's `toFastProperties`), and V8 re-optimises it after each delete: about 3 ms
   * of every start. Here the recording methods go on an object put between the instance and its
   * prototype while Chevrotain records, and taken out again after: the same methods in the same
   * places while recording, the prototype's own after (overrides of Chevrotain's methods of the same
   * names; Chevrotain calls them from `performSelfAnalysis`).
   */
  protected enableRecording(): void {
    const recording = Object.create(Object.getPrototypeOf(this) as object) as Recorder;
    (CstParser.prototype as unknown as Recorder).enableRecording.call(recording);
    (this as unknown as Recorder).RECORDING_PHASE = true;
    Object.setPrototypeOf(this, recording);
  }

  /** Takes out what {@link enableRecording} put in (see there). */
  protected disableRecording(): void {
    (this as unknown as Recorder).RECORDING_PHASE = false;
    Object.setPrototypeOf(this, Object.getPrototypeOf(Object.getPrototypeOf(this) as object) as object);
  }

  // Shared pieces of rules (see the class comment).
  private readonly inlineAlts = (idx: number) => [
    { ALT: () => this.consume(idx, t.Reference) },
    { ALT: () => this.consume(idx, t.Label) },
    { ALT: () => this.consume(idx, t.TextLike) },
  ];
  private readonly inline10Alts = this.inlineAlts(10);
  private readonly inline11Alts = this.inlineAlts(11);
  /** (Reference | Label | TextLike), consumed into the calling rule: inline tokens are not CST nodes. */
  private readonly inline10 = () => this.or(10, this.inline10Alts);
  private readonly inline11 = () => this.or(11, this.inline11Alts);
  /** (Bullet | Indent | EscapedNumber), consumed into the calling rule. */
  private readonly prefixAlts = [
    { ALT: () => this.consume(20, t.Bullet) },
    { ALT: () => this.consume(20, t.Indent) },
    { ALT: () => this.consume(20, t.EscapedNumber) },
  ];
  /** lineEnd := TextEol | Newline — the text that ends a line (with its break), or a bare break. */
  private readonly lineEndAlts = (idx: number) => [{ ALT: () => this.consume(idx, t.TextEol) }, { ALT: () => this.consume(idx, t.Newline) }];
  private readonly lineEnd30Alts = this.lineEndAlts(30);
  private readonly lineEnd32Alts = this.lineEndAlts(32);
  private readonly lineEnd = () => this.or(30, this.lineEnd30Alts);
  /** The same, with other DSL indices, for a second use within one rule. */
  private readonly lineEnd2 = () => this.or(32, this.lineEnd32Alts);
  /** `(Bullet | Indent | EscapedNumber) inline* lineEnd?` — a line with a prefix. */
  private readonly prefixedLine = () => {
    this.or(20, this.prefixAlts);
    this.MANY(this.inline10);
    this.OPTION3(this.lineEnd);
  };
  /** `TextEol | inline+ lineEnd?` — a line of plain text (most lines are one `TextEol`). */
  private readonly plainLineAlts = [
    { ALT: () => this.consume(31, t.TextEol) },
    {
      ALT: () => {
        this.AT_LEAST_ONE(this.inline11);
        this.OPTION4(this.lineEnd2);
      },
    },
  ];
  private readonly plainLine = () => this.or(31, this.plainLineAlts);
  private readonly newline = () => this.CONSUME(t.Newline);
  private readonly subLine = () => this.SUBRULE(this.line);

  /** document := frontMatter? block* */
  public document = this.RULE('document', () => {
    this.OPTION(() => this.SUBRULE(this.frontMatter));
    this.MANY(this.blockAction);
  });
  private readonly blockAction = () => this.SUBRULE(this.block);

  /** frontMatter := FrontMatterStart (FrontMatterText | Newline)* FrontMatterEnd Newline? */
  public frontMatter = this.RULE('frontMatter', () => {
    this.CONSUME(t.FrontMatterStart);
    this.MANY(() => this.OR([{ ALT: () => this.CONSUME(t.FrontMatterText) }, { ALT: () => this.CONSUME(t.Newline) }]));
    this.CONSUME(t.FrontMatterEnd);
    this.OPTION(() => this.CONSUME2(t.Newline));
  });

  private readonly blockAlts = [
    { ALT: () => this.SUBRULE(this.heading) },
    { ALT: () => this.SUBRULE(this.measure) },
    { ALT: () => this.SUBRULE(this.paragraph) },
    {
      ALT: () => {
        this.CONSUME(t.Comment);
        this.OPTION(this.newline);
      },
    },
    { ALT: () => this.CONSUME(t.BlankLine) },
  ];

  /** block := heading | measure | paragraph | Comment Newline? | BlankLine */
  public block = this.RULE('block', () => this.OR(this.blockAlts));

  /** heading := HeadingMarker inline* lineEnd? */
  public heading = this.RULE('heading', () => {
    this.CONSUME(t.HeadingMarker);
    this.MANY(this.inline10);
    this.OPTION(this.lineEnd);
  });

  /**
   * measure := MeasureStart inline* lineEnd? line*  — the lines that continue it, until a blank line or
   * heading. MeasureStart is the marker or a near-miss (tokens.ts); the model decides the near-misses.
   */
  public measure = this.RULE('measure', () => {
    this.CONSUME(t.MeasureStart);
    this.MANY(this.inline10);
    this.OPTION(this.lineEnd);
    this.MANY2(this.subLine);
  });

  private readonly paragraphStartAlts = [{ ALT: this.prefixedLine }, { ALT: this.plainLine }];

  /** paragraph := ((Bullet | Indent | EscapedNumber) inline* lineEnd? | TextEol | inline+ lineEnd?) line* */
  public paragraph = this.RULE('paragraph', () => {
    this.OR(this.paragraphStartAlts);
    this.MANY2(this.subLine);
  });

  private readonly lineAlts = [
    {
      ALT: () => {
        this.CONSUME(t.Comment);
        this.OPTION(this.newline);
      },
    },
    { ALT: this.prefixedLine },
    { ALT: this.plainLine },
  ];

  /**
   * line := Comment Newline? | (Bullet | Indent | EscapedNumber) inline* lineEnd? | TextEol | inline+ lineEnd?
   * A continuation line of a measure or paragraph; never blank, never a heading or measure start.
   */
  public line = this.RULE('line', () => this.OR(this.lineAlts));
}

/**
 * The shared parser instance, made on first use: a stretch of plain lines, nearly all of a programme,
 * is read without it (plainLines.ts), so a check of such a programme never makes it (recording the
 * grammar and building its lookahead, about 3 ms of every start of the CLI and the server).
 */
export const cstParser: () => ProgrammeCstParser = lazily(() => new ProgrammeCstParser());

/**
 * Parses lexed tokens into a CST; Chevrotain's recognition errors are returned, never thrown. The
 * shared parser lets go of the tokens afterwards (it would otherwise hold the last document's tokens,
 * tens of megabytes for a large document, until the next parse).
 */
export function parseTokens(tokens: IToken[]): { cst: CstNode; errors: ProgrammeCstParser['errors'] } {
  const parser = cstParser();
  parser.input = tokens;
  const cst = parser.document();
  const errors = parser.errors;
  parser.input = [];
  return { cst, errors };
}
