/**
 * The lexer's character classes (syntax/tokens.ts): the token patterns spell the space-like characters
 * and the sub-point markers out as literals (so that test/regex-safety.test.ts checks them), and the
 * strings `SPACE_LIKE` and `BULLET_MARKERS` name them for the docs and `start_chars_hint`. These tests
 * keep the two in step, character by character.
 */
import assert from 'node:assert/strict';
import { BULLET_MARKERS, SPACE_LIKE, classChars as chars, programmeLexer } from '../server/src/syntax/tokens';

/** The token type names of `text` (skipped tokens are not there). */
function tokens(text: string): string[] {
  return programmeLexer.tokenize(text).tokens.map((t) => t.tokenType.name);
}

describe('tokens: the character classes', () => {
  it('reads every space-like character as a space after a measure number, a heading marker and in a blank line', () => {
    for (const c of chars(SPACE_LIKE)) {
      const hex = c.charCodeAt(0).toString(16);
      assert.deepEqual(tokens(`1.${c}Tekst`), ['MeasureMarker', 'TextEol'], `after a number: U+${hex}`);
      assert.equal(tokens(`#${c}1. Arbeid`)[0], 'HeadingMarker', `after #: U+${hex}`);
      assert.deepEqual(tokens(`${c}\n`), ['BlankLine'], `a blank line: U+${hex}`);
    }
  });

  it('reads every sub-point marker as one, and none of them before a page number', () => {
    for (const c of chars(BULLET_MARKERS)) {
      const hex = c.charCodeAt(0).toString(16);
      assert.deepEqual(tokens(`${c} tekst`), ['Bullet', 'TextEol'], `U+${hex}`);
      assert.deepEqual(tokens(`  ${c}\u00a0tekst`), ['Bullet', 'TextEol'], `indented, a no-break space after: U+${hex}`);
    }
    assert.deepEqual(tokens('- 24 -'), ['TextEol']);
    assert.deepEqual(tokens('– 7'), ['TextEol']);
  });

  it('skips page breaks, zero-width spaces and byte order marks before a line', () => {
    assert.deepEqual(tokens('\f# 1. Arbeid'), ['HeadingMarker', 'TextEol']);
    assert.deepEqual(tokens('Tekst\n\u200b\ufeff2. Tiltak'), ['TextEol', 'MeasureMarker', 'TextEol']);
    // Inside a line they are text.
    assert.deepEqual(tokens('Tekst \f 2. tiltak'), ['TextEol']);
  });
});
