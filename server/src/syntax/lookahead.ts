/**
 * The parser's lookahead, read from a table made beforehand (`lookahead.table.json`) instead of being
 * worked out from the grammar at every start.
 *
 * Chevrotain's `performSelfAnalysis` computes, for every decision of the grammar (each `OR`, `OPTION`,
 * `MANY`, `AT_LEAST_ONE`), the sequences of up to `maxLookahead` tokens that lead into each of its
 * choices (its "lookahead paths"), and builds from them the function that decides while parsing. Working
 * out the paths is most of the parser's set-up, and it gives the same paths every time for the same
 * grammar: {@link TableLookahead} takes them from the table and builds the deciding functions the way
 * Chevrotain's `LLkLookaheadStrategy` builds them (`buildAlternativesLookAheadFunc` and
 * `buildSingleAlternativeLookaheadFunction` of chevrotain/src/parse/grammar/lookahead.ts, which the
 * package does not export), so every parse is the same.
 *
 * The table also holds the grammar's follow sets, which Chevrotain's error recovery resynchronises on
 * (`computeAllProdsFollows` in `performSelfAnalysis`, the other large part of the set-up): the parser
 * takes them from {@link TableLookahead.follows} instead (parser.ts).
 *
 * The table holds the grammar it was made from (Chevrotain's `serializeGrammar`); when the parser's
 * grammar is another (parser.ts changed, the table was not made again), the table is not used and the
 * paths are worked out as before: a stale table costs time, never a wrong parse. `npm run build` makes
 * the table again (syntax/lookaheadTable.ts); test/parser.test.ts fails when it is stale, and checks
 * that the table's paths are Chevrotain's.
 */
import { LLkLookaheadStrategy, serializeGrammar, type IToken, type OptionalProductionType, type Rule, type TokenType } from 'chevrotain';

/** A decision's lookahead paths as token names: per choice, its paths; per path, its tokens. */
export type NamedPaths = string[][][];

/** What `lookahead.table.json` holds. */
export interface LookaheadTableFile {
  /** The grammar the table was made from: `JSON.stringify(serializeGrammar(rules))`. */
  grammar: string;
  /** The paths of each decision, by {@link decisionKey}, as `getLookaheadPaths` gives them. */
  decisions: Record<string, NamedPaths>;
  /**
   * The follow sets of error recovery as token names, by Chevrotain's key (a rule, the occurrence of
   * the sub-rule that leads to it, `_~IN~_`, the rule it is in): the parser's `resyncFollows` after
   * `performSelfAnalysis`.
   */
  follows: Record<string, string[]>;
}

/** The kind of a decision: an `OR`, or one of the optional productions. */
export type DecisionKind = 'Alternation' | OptionalProductionType;

/** The key of a decision in the table: its rule, its kind, its occurrence in the rule, and its maximum lookahead. */
export function decisionKey(rule: string, kind: DecisionKind, occurrence: number, maxLookahead: number): string {
  return `${rule} ${kind} ${occurrence} k=${maxLookahead}`;
}

/** The grammar as the table records it. */
export function grammarOf(rules: Rule[]): string {
  return JSON.stringify(serializeGrammar(rules));
}

/** The parser, as a deciding function sees it (`this`). */
interface Looking {
  LA_FAST(howMuch: number): IToken;
}

/** Chevrotain's token matcher: the token is of the type, or of a type in its category. */
function matchesWithCategories(token: IToken, type: TokenType): boolean {
  return token.tokenTypeIdx === type.tokenTypeIdx || (type.isParent === true && type.categoryMatchesMap![token.tokenTypeIdx!] === true);
}

/** The matcher when no token type of the paths has categories (Chevrotain's quicker one). */
function matchesWithoutCategories(token: IToken, type: TokenType): boolean {
  return token.tokenTypeIdx === type.tokenTypeIdx;
}

/** Chevrotain's choice of matcher for a decision's paths (`areTokenCategoriesNotUsed`). */
function matcherFor(paths: TokenType[][][]): (token: IToken, type: TokenType) => boolean {
  const categories = paths.some((alt) => alt.some((path) => path.some((type) => (type.categoryMatches ?? []).length > 0)));
  return categories ? matchesWithCategories : matchesWithoutCategories;
}

/** True when the next tokens of `parser` follow one of `paths` (an empty path always matches). */
function anyPathAhead(parser: Looking, paths: TokenType[][], match: (token: IToken, type: TokenType) => boolean): boolean {
  nextPath: for (let j = 0; j < paths.length; j++) {
    const path = paths[j];
    for (let i = 0; i < path.length; i++) {
      if (!match(parser.LA_FAST(i + 1), path[i])) continue nextPath;
    }
    return true;
  }
  return false;
}

/** The deciding function of an `OR` without predicates, as Chevrotain's `buildAlternativesLookAheadFunc` makes it. */
export function alternationFunction(alts: TokenType[][][], match: (token: IToken, type: TokenType) => boolean): (this: Looking) => number | undefined {
  if (alts.every((alt) => alt.every((path) => path.length === 1))) {
    // Every path is one token: a table from the token's type to the first choice it leads into.
    const choiceOf: Record<number, number> = {};
    alts.forEach((alt, index) => {
      for (const type of alt.flat()) {
        if (!Object.hasOwn(choiceOf, type.tokenTypeIdx!)) choiceOf[type.tokenTypeIdx!] = index;
        for (const extending of type.categoryMatches ?? []) if (!Object.hasOwn(choiceOf, extending)) choiceOf[extending] = index;
      }
    });
    return function (this: Looking) {
      return choiceOf[this.LA_FAST(1).tokenTypeIdx!];
    };
  }
  return function (this: Looking) {
    for (let t = 0; t < alts.length; t++) if (anyPathAhead(this, alts[t], match)) return t;
    return undefined;
  };
}

/** The deciding function of an optional production, as Chevrotain's `buildSingleAlternativeLookaheadFunction` makes it. */
export function optionalFunction(alt: TokenType[][], match: (token: IToken, type: TokenType) => boolean): (this: Looking) => boolean {
  if (alt.every((path) => path.length === 1)) {
    const types = alt.flat();
    if (types.length === 1 && (types[0].categoryMatches ?? []).length === 0) {
      const expected = types[0].tokenTypeIdx;
      return function (this: Looking) {
        return this.LA_FAST(1).tokenTypeIdx === expected;
      };
    }
    const starts: boolean[] = [];
    for (const type of types) {
      starts[type.tokenTypeIdx!] = true;
      for (const extending of type.categoryMatches ?? []) starts[extending] = true;
    }
    return function (this: Looking) {
      return starts[this.LA_FAST(1).tokenTypeIdx!] === true;
    };
  }
  return function (this: Looking) {
    return anyPathAhead(this, alt, match);
  };
}

/**
 * Chevrotain's LL(k) lookahead with the paths of each decision read from `table` (see the module
 * comment); `tokens` are the grammar's token types, by which the table's names are read. Decisions the
 * table does not hold, and all of them when the table was made from another grammar, are worked out
 * by `LLkLookaheadStrategy` itself.
 */
export class TableLookahead extends LLkLookaheadStrategy {
  private decisions: Record<string, NamedPaths> | undefined;
  private readonly types: Map<string, TokenType>;

  constructor(
    maxLookahead: number,
    private readonly table: LookaheadTableFile,
    tokens: TokenType[],
  ) {
    super({ maxLookahead });
    this.types = new Map(tokens.map((type) => [type.name, type]));
  }

  /** True when the table is used: it was made from the grammar Chevrotain recorded (see {@link initialize}). */
  get usesTable(): boolean {
    return this.decisions !== undefined;
  }

  /**
   * The follow sets of the table as token types, in the shape of the parser's `resyncFollows`;
   * undefined when the table is not used (made from another grammar, or not yet asked by Chevrotain)
   * or names a token type the grammar does not have.
   */
  follows(): Record<string, TokenType[]> | undefined {
    if (this.decisions === undefined || this.table.follows === undefined) return undefined;
    const out: Record<string, TokenType[]> = {};
    for (const [key, names] of Object.entries(this.table.follows)) {
      const types = names.map((name) => this.types.get(name));
      if (!types.every((type) => type !== undefined)) return undefined;
      out[key] = types as TokenType[];
    }
    return out;
  }

  /** Called by Chevrotain with the recorded grammar, before the deciding functions are built. */
  override initialize(options: { rules: Rule[] }): void {
    this.decisions = grammarOf(options.rules) === this.table.grammar ? this.table.decisions : undefined;
  }

  /** The paths of a decision from the table as token types; undefined when the table does not hold it. */
  private paths(rule: Rule, kind: DecisionKind, occurrence: number, maxLookahead: number): TokenType[][][] | undefined {
    const named = this.decisions?.[decisionKey(rule.name, kind, occurrence, maxLookahead)];
    if (named === undefined) return undefined;
    const typed = named.map((alt) => alt.map((path) => path.map((name) => this.types.get(name))));
    return typed.every((alt) => alt.every((path) => path.every((type) => type !== undefined))) ? (typed as TokenType[][][]) : undefined;
  }

  override buildLookaheadForAlternation(options: Parameters<InstanceType<typeof LLkLookaheadStrategy>['buildLookaheadForAlternation']>[0]) {
    const paths = options.hasPredicates || options.dynamicTokensEnabled ? undefined : this.paths(options.rule, 'Alternation', options.prodOccurrence, options.maxLookahead);
    return paths === undefined ? super.buildLookaheadForAlternation(options) : alternationFunction(paths, matcherFor(paths));
  }

  override buildLookaheadForOptional(options: Parameters<InstanceType<typeof LLkLookaheadStrategy>['buildLookaheadForOptional']>[0]) {
    const paths = options.dynamicTokensEnabled ? undefined : this.paths(options.rule, options.prodType, options.prodOccurrence, options.maxLookahead);
    // As Chevrotain: the paths into the production decide; the paths after it only choose the matcher.
    return paths === undefined ? super.buildLookaheadForOptional(options) : optionalFunction(paths[0], matcherFor(paths));
  }
}
