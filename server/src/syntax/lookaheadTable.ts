/**
 * Makes the parser's lookahead table (`lookahead.table.json`, read by lookahead.ts): constructs the
 * parser with Chevrotain's own `LLkLookaheadStrategy` and records the paths it works out for every
 * decision (`getLookaheadPaths`, Chevrotain's public API for them) and the grammar they belong to.
 * Run by `npm run build` (scripts/build.mjs) and by test/parser.test.ts; not part of the bundles.
 */
import { getLookaheadPaths, LLkLookaheadStrategy, type Rule, type TokenType } from 'chevrotain';
import { decisionKey, grammarOf, type DecisionKind, type LookaheadTableFile, type NamedPaths } from './lookahead';
import { MAX_LOOKAHEAD, ProgrammeCstParser, resyncFollowsOf } from './parser';

/** The paths of a decision as token names. */
function named(paths: TokenType[][][]): NamedPaths {
  return paths.map((alt) => alt.map((path) => path.map((type) => type.name)));
}

/** Chevrotain's LL(k) strategy, unchanged, recording every decision's paths and the grammar. */
class RecordingLookahead extends LLkLookaheadStrategy {
  readonly file: LookaheadTableFile = { grammar: '', decisions: {}, follows: {} };

  override initialize(options: { rules: Rule[] }): void {
    this.file.grammar = grammarOf(options.rules);
  }

  private record(rule: Rule, kind: DecisionKind, occurrence: number, maxLookahead: number): void {
    this.file.decisions[decisionKey(rule.name, kind, occurrence, maxLookahead)] = named(getLookaheadPaths({ occurrence, rule, prodType: kind, maxLookahead }));
  }

  override buildLookaheadForAlternation(options: Parameters<InstanceType<typeof LLkLookaheadStrategy>['buildLookaheadForAlternation']>[0]) {
    this.record(options.rule, 'Alternation', options.prodOccurrence, options.maxLookahead);
    return super.buildLookaheadForAlternation(options);
  }

  override buildLookaheadForOptional(options: Parameters<InstanceType<typeof LLkLookaheadStrategy>['buildLookaheadForOptional']>[0]) {
    this.record(options.rule, options.prodType, options.prodOccurrence, options.maxLookahead);
    return super.buildLookaheadForOptional(options);
  }
}

/** The lookahead table of the grammar of parser.ts, as Chevrotain works it out (its follow sets too). */
export function makeLookaheadTable(): LookaheadTableFile {
  const recording = new RecordingLookahead({ maxLookahead: MAX_LOOKAHEAD });
  const parser = new ProgrammeCstParser(false, recording);
  for (const [key, types] of Object.entries(resyncFollowsOf(parser))) recording.file.follows[key] = types.map((type) => type.name);
  return recording.file;
}

/** The table as `lookahead.table.json` holds it (stable key order, one decision or follow set a line). */
export function lookaheadTableText(file: LookaheadTableFile): string {
  const lines = (record: Record<string, unknown>) =>
    Object.keys(record)
      .sort()
      .map((key) => `    ${JSON.stringify(key)}: ${JSON.stringify(record[key])}`)
      .join(',\n');
  return `{\n  "grammar": ${JSON.stringify(file.grammar)},\n  "decisions": {\n${lines(file.decisions)}\n  },\n  "follows": {\n${lines(file.follows)}\n  }\n}\n`;
}
