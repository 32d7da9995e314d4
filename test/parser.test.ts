/**
 * The parser's set-up: the shared parser skips Chevrotain's grammar validations (for a quicker start,
 * syntax/parser.ts), so the grammar is validated here; a parser made with them must find the same
 * grammar and parse the same way.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ProgrammeCstParser, cstParser } from '../server/src/syntax/parser';
import { programmeLexer } from '../server/src/syntax/tokens';

describe('the parser set-up', () => {
  it('passes Chevrotain\'s grammar validations', () => {
    // A grammar that fails them throws "Parser Definition Errors detected".
    assert.doesNotThrow(() => new ProgrammeCstParser(true));
  });

  it('has the same grammar and the same parse with the validations as without', () => {
    const validated = new ProgrammeCstParser(true);
    assert.deepEqual(validated.getSerializedGastProductions(), cstParser.getSerializedGastProductions());
    const text = readFileSync('examples/lokalvalget-2023.programme', 'utf8');
    const parse = (parser: ProgrammeCstParser) => {
      parser.input = programmeLexer.tokenize(text).tokens;
      const cst = parser.document();
      return { cst: JSON.stringify(cst, (key, value) => (key === 'tokenType' ? value.name : value)), errors: parser.errors.map((e) => e.message) };
    };
    assert.deepEqual(parse(validated), parse(cstParser));
  });
});
