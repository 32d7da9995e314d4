/**
 * The parser's set-up (issue 15, "Start-up"), which must never change a parse:
 *
 * - The shared parser skips Chevrotain's grammar validations (syntax/parser.ts), so the grammar is
 *   validated here.
 * - Its lookahead comes from a table made at build time (syntax/lookahead.ts): the table must be what
 *   Chevrotain works out for today's grammar, a table of another grammar must not be used, and the
 *   parser with the table must parse every token sequence as the parser with Chevrotain's own
 *   lookahead does (the same CST, the same errors; random sequences, with error recovery, included).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { createToken, createTokenInstance, Lexer, LLkLookaheadStrategy, tokenMatcher, type CstNode, type IToken, type TokenType } from 'chevrotain';
import { MAX_LOOKAHEAD, ProgrammeCstParser, cstParser, resyncFollowsOf } from '../server/src/syntax/parser';
import { alternationFunction, optionalFunction, TableLookahead, type LookaheadTableFile } from '../server/src/syntax/lookahead';
import { lookaheadTableText, makeLookaheadTable } from '../server/src/syntax/lookaheadTable';
import { allTokens } from '../server/src/syntax/tokens';
import { programmeLexer } from '../server/src/syntax/lexer';
import { TreeBuilder } from '../server/src/syntax/tree';
import table from '../server/src/syntax/lookahead.table.json';
// @ts-expect-error: a JavaScript module without types
import { generate } from '../bench/generate.mjs';

/** A parser with Chevrotain's own lookahead, worked out from the grammar. */
const chevrotains = new ProgrammeCstParser(false, new LLkLookaheadStrategy({ maxLookahead: MAX_LOOKAHEAD }));

/** The CST and errors of `tokens` with `parser`, as comparable data. */
function parsed(parser: ProgrammeCstParser, tokens: IToken[]): { cst: string; errors: string[] } {
  parser.input = tokens;
  const cst: CstNode = parser.document();
  const errors = parser.errors.map((e) => `${e.name} ${e.message} @${e.token.startOffset}`);
  parser.input = [];
  return { cst: JSON.stringify(cst, (key, value) => (key === 'tokenType' ? (value as TokenType).name : value)), errors };
}

/** Every *.programme file below `dir`. */
function programmes(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return programmes(full);
    return name.endsWith('.programme') ? [full] : [];
  });
}

describe('the parser set-up', () => {
  it('passes Chevrotain\'s grammar validations', () => {
    // A grammar that fails them throws "Parser Definition Errors detected".
    assert.doesNotThrow(() => new ProgrammeCstParser(true));
  });

  it('has the same grammar and the same parse with the validations as without', () => {
    const validated = new ProgrammeCstParser(true);
    assert.deepEqual(validated.getSerializedGastProductions(), cstParser().getSerializedGastProductions());
    const tokens = programmeLexer().tokenize(readFileSync('examples/lokalvalget-2023.programme', 'utf8')).tokens;
    assert.deepEqual(parsed(validated, tokens), parsed(cstParser(), tokens));
  });
});

/**
 * What `parse` makes of Chevrotain when it reads `text` in a process of its own (the lexer and the
 * shared parser are made once per process): `lexer` when a `Lexer` is made, `parser` when a
 * `CstParser` records its grammar. Chevrotain's `Lexer` sets its `TRACE_INIT` on the instance as its
 * constructor starts: a setter on the prototype sees it.
 */
function chevrotainMadeBy(text: string): string[] {
  const probe = `
    import { CstParser, Lexer } from 'chevrotain';
    const made = new Set();
    Object.defineProperty(Lexer.prototype, 'TRACE_INIT', { configurable: true, set(value) { made.add('lexer'); Object.defineProperty(this, 'TRACE_INIT', { value, writable: true, configurable: true }); } });
    const analyse = CstParser.prototype.performSelfAnalysis;
    CstParser.prototype.performSelfAnalysis = function () { made.add('parser'); return analyse.call(this); };
    const { parse } = await import('./server/src/syntax/index.ts');
    const tree = parse(${JSON.stringify(text)}, { once: true });
    if (tree.blocks.length === 0) throw new Error('nothing read');
    console.log(JSON.stringify([...made]));
  `;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as string[];
}

describe('Chevrotain made on first need (start-up)', () => {
  it('reads a programme of plain lines without making the lexer or the parser', function () {
    this.timeout(60_000);
    assert.deepEqual(chevrotainMadeBy(readFileSync('examples/lokalvalget-2023.programme', 'utf8')), []);
    // A line plainLines.ts leaves to Chevrotain makes both.
    assert.deepEqual(chevrotainMadeBy('# 1. Skole\n\n 2. Innrykket\n'), ['lexer', 'parser']);
  });

  it('matches tokens by their categories in a parser made first in its process (the lexer gives the token types their maps first)', function () {
    this.timeout(60_000);
    const probe = `
      import { readFileSync } from 'node:fs';
      import { LLkLookaheadStrategy } from 'chevrotain';
      const { ProgrammeCstParser, MAX_LOOKAHEAD } = await import('./server/src/syntax/parser.ts');
      const parser = new ProgrammeCstParser(false, new LLkLookaheadStrategy({ maxLookahead: MAX_LOOKAHEAD }));
      const { programmeLexer } = await import('./server/src/syntax/lexer.ts');
      parser.input = programmeLexer().tokenize(readFileSync('examples/lokalvalget-2023.programme', 'utf8')).tokens;
      const cst = parser.document();
      console.log(JSON.stringify({ blocks: cst.children.block.length, errors: parser.errors.length }));
    `;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe], { encoding: 'utf8', timeout: 50_000 });
    assert.equal(run.status, 0, run.stderr);
    const tokens = programmeLexer().tokenize(readFileSync('examples/lokalvalget-2023.programme', 'utf8')).tokens;
    const shared = cstParser();
    shared.input = tokens;
    const blocks = (shared.document().children.block as CstNode[]).length;
    shared.input = [];
    assert.ok(blocks > 100);
    assert.deepEqual(JSON.parse(run.stdout), { blocks, errors: 0 });
  });

  it('has a visitor method in the tree builder for every rule of the grammar (Chevrotain\'s validateVisitor)', () => {
    const rules = Object.keys(cstParser().getGAstProductions());
    assert.deepEqual(rules.sort(), ['block', 'document', 'frontMatter', 'heading', 'line', 'measure', 'paragraph']);
    const builder = new TreeBuilder('');
    for (const rule of rules) assert.equal(typeof (builder as unknown as Record<string, unknown>)[rule], 'function', rule);
    // Chevrotain's own check, on the tree builder, and on one without a method for `line`.
    const validate = (cstParser().getBaseCstVisitorConstructor().prototype as { validateVisitor(this: object): void }).validateVisitor;
    assert.doesNotThrow(() => validate.call(builder));
    const missing = Object.create(builder, { line: { value: undefined } }) as object;
    assert.throws(() => validate.call(missing), /Missing visitor method: <line>/);
  });

  it('visits a CST as a visitor made by Chevrotain does: the same tree and diagnostics', function () {
    this.timeout(60_000);
    const chevrotainVisit = (cstParser().getBaseCstVisitorConstructor().prototype as { visit(this: TreeBuilder, node: CstNode): void }).visit;
    const texts = [
      readFileSync('examples/lokalvalget-2023.programme', 'utf8'),
      ...programmes('test/fixtures').map((file) => readFileSync(file, 'utf8')),
      (generate(300) as { programme: string }).programme,
    ];
    for (const text of texts) {
      const cst = (tokens: IToken[]) => {
        const parser = cstParser();
        parser.input = tokens;
        const node = parser.document();
        parser.input = [];
        return node;
      };
      const node = cst(programmeLexer().tokenize(text).tokens);
      const ours = new TreeBuilder(text);
      ours.visit(node);
      const theirs = new TreeBuilder(text);
      chevrotainVisit.call(theirs, node);
      assert.ok(ours.blocks.length > 0);
      assert.deepEqual(ours, theirs);
    }
  });
});

describe('the lookahead table (syntax/lookahead.ts)', () => {
  it('is what Chevrotain works out for the grammar of parser.ts (npm run build makes it again)', () => {
    assert.equal(readFileSync('server/src/syntax/lookahead.table.json', 'utf8'), lookaheadTableText(makeLookaheadTable()));
  });

  it('is used for the grammar it was made from, and not for another', () => {
    const fresh = new TableLookahead(MAX_LOOKAHEAD, table as LookaheadTableFile, allTokens);
    new ProgrammeCstParser(false, fresh);
    assert.equal(fresh.usesTable, true);
    const stale = new TableLookahead(MAX_LOOKAHEAD, { ...(table as LookaheadTableFile), grammar: '[]' }, allTokens);
    const parser = new ProgrammeCstParser(false, stale);
    assert.equal(stale.usesTable, false);
    const tokens = programmeLexer().tokenize(readFileSync('examples/lokalvalget-2023.programme', 'utf8')).tokens;
    assert.deepEqual(parsed(parser, tokens), parsed(chevrotains, tokens));
  });

  it('gives error recovery the follow sets Chevrotain works out: the table\'s, or for another grammar its own', () => {
    const names = (parser: ProgrammeCstParser) => Object.fromEntries(Object.entries(resyncFollowsOf(parser)).map(([key, types]) => [key, types.map((type) => type.name)]));
    const expected = names(chevrotains);
    assert.ok(Object.keys(expected).length >= 5, `Chevrotain works out ${Object.keys(expected).length} follow sets`);
    assert.deepEqual((table as LookaheadTableFile).follows, expected);
    assert.deepEqual(names(cstParser()), expected);
    // The table's sets are taken, not worked out: a table that says otherwise is what the parser gets.
    const marked = { ...(table as LookaheadTableFile), follows: { ...(table as LookaheadTableFile).follows, 'line0_~IN~_measure': ['Comment'] } };
    assert.deepEqual(names(new ProgrammeCstParser(false, new TableLookahead(MAX_LOOKAHEAD, marked, allTokens)))['line0_~IN~_measure'], ['Comment']);
    const stale = new TableLookahead(MAX_LOOKAHEAD, { ...(table as LookaheadTableFile), grammar: '[]', follows: {} }, allTokens);
    assert.deepEqual(names(new ProgrammeCstParser(false, stale)), expected);
    const unknownToken = { ...(table as LookaheadTableFile), follows: { 'line0_~IN~_measure': ['NoSuchToken'] } };
    assert.deepEqual(names(new ProgrammeCstParser(false, new TableLookahead(MAX_LOOKAHEAD, unknownToken, allTokens))), expected);
  });

  it('parses the example, every fixture and a generated programme as Chevrotain\'s own lookahead does', function () {
    this.timeout(60_000);
    const texts = [
      readFileSync('examples/lokalvalget-2023.programme', 'utf8'),
      ...programmes('test/fixtures').map((file) => readFileSync(file, 'utf8')),
      (generate(2000) as { programme: string }).programme,
    ];
    for (const text of texts) {
      const tokens = programmeLexer().tokenize(text).tokens;
      assert.deepEqual(parsed(cstParser(), tokens), parsed(chevrotains, tokens));
    }
  });

  it('parses any sequence of tokens as Chevrotain\'s own lookahead does, errors and recovery included', () => {
    // Token types a lexer can give (not the categories); recovery inserts and skips tokens.
    const types = allTokens.filter((type) => type.PATTERN !== undefined && type.PATTERN !== null);
    const sequence = fc.array(fc.constantFrom(...types), { maxLength: 40 });
    fc.assert(
      fc.property(sequence, (seq) => {
        const tokens = seq.map((type, i) => createTokenInstance(type, type.name, i, i, 1, 1, i + 1, i + 1));
        assert.deepEqual(parsed(cstParser(), tokens), parsed(chevrotains, tokens));
      }),
      { numRuns: 2000 },
    );
  });

  it('decides on paths of two tokens and on categories as Chevrotain does (not needed by today\'s grammar)', () => {
    const Word = createToken({ name: 'Word', pattern: Lexer.NA });
    const A = createToken({ name: 'A', pattern: /a/, categories: [Word] });
    const B = createToken({ name: 'B', pattern: /b/ });
    const C = createToken({ name: 'C', pattern: /c/ });
    new Lexer([A, B, C]); // gives the token types their indices and category maps
    const ahead = (...types: TokenType[]) => ({ LA_FAST: (i: number) => createTokenInstance(types[i - 1] ?? B, '', 0, 0, 1, 1, 1, 1) });
    const decide = alternationFunction([[[A, B]], [[A, C], [C]], [[]]], tokenMatcher);
    assert.equal(decide.call(ahead(A, B)), 0);
    assert.equal(decide.call(ahead(A, C)), 1);
    assert.equal(decide.call(ahead(C, C)), 1);
    assert.equal(decide.call(ahead(B, B)), 2);
    const byCategory = alternationFunction([[[B]], [[Word]]], tokenMatcher);
    assert.equal(byCategory.call(ahead(A)), 1);
    assert.equal(byCategory.call(ahead(C)), undefined);
    const optional = optionalFunction([[A, B], [C]], tokenMatcher);
    assert.equal(optional.call(ahead(A, B)), true);
    assert.equal(optional.call(ahead(A, C)), false);
    assert.equal(optional.call(ahead(C)), true);
    assert.equal(optionalFunction([[Word]], tokenMatcher).call(ahead(A)), true);
    assert.equal(optionalFunction([[Word]], tokenMatcher).call(ahead(B)), false);
  });
});
