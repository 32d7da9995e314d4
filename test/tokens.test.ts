/**
 * The lexer's character classes (syntax/tokens.ts): the token patterns spell the space-like characters
 * and the sub-point markers out as literals (so that test/regex-safety.test.ts checks them), and the
 * strings `SPACE_LIKE` and `BULLET_MARKERS` name them for the docs and `start_chars_hint`. These tests
 * keep the two in step, character by character.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Lexer } from 'chevrotain';
import { allTokens, Bom, BULLET_MARKERS, MeasureStart, PageBreak, SKIPPED, SPACE_LIKE, TextLike, classChars as chars } from '../server/src/syntax/tokens';
import { programmeLexer } from '../server/src/syntax/lexer';
import { LABEL_NAME, LATIN1_LABEL_NAME, isValidLabelName } from '../server/src/syntax/tree';

/** The token type names of `text` (skipped tokens are not there). */
function tokens(text: string): string[] {
  return programmeLexer().tokenize(text).tokens.map((t) => t.tokenType.name);
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

describe('tokens: runs of text are scanned, not matched by a regular expression (issue 17)', () => {
  /** The regular expressions the text tokens had; V8 overflows its stack on them at about 8.4 million characters. */
  const TEXT = /(?:[^\r\n[{]|\[(?!\[)|\{(?!#))+/y;
  const TEXT_EOL = /(?:[^\r\n[{]|\[(?!\[)|\{(?!#))+(?:\r\n?|\n|$)/y;

  /** The custom pattern of a token type, as Chevrotain calls it. */
  function patternOf(name: string): (text: string, offset: number) => RegExpExecArray | null {
    const type = allTokens.find((t) => t.name === name);
    assert.ok(type !== undefined && typeof type.PATTERN === 'function', `${name} has a custom pattern`);
    return type.PATTERN as unknown as (text: string, offset: number) => RegExpExecArray | null;
  }

  it('match what the regular expressions matched, at every offset of every short text over "[{#a \\r\\n"', () => {
    const text = patternOf('Text');
    const textEol = patternOf('TextEol');
    const alphabet = ['[', '{', '#', 'a', ' ', '\r', '\n'];
    // Every text of up to 5 of these characters.
    let texts = [''];
    for (let length = 1; length <= 5; length++) texts = [...texts, ...texts.filter((t) => t.length === length - 1).flatMap((t) => alphabet.map((c) => t + c))];
    for (const s of texts) {
      for (let offset = 0; offset < s.length; offset++) {
        TEXT.lastIndex = offset;
        TEXT_EOL.lastIndex = offset;
        assert.equal(text(s, offset)?.[0], TEXT.exec(s)?.[0], `Text in ${JSON.stringify(s)} at ${offset}`);
        assert.equal(textEol(s, offset)?.[0], TEXT_EOL.exec(s)?.[0], `TextEol in ${JSON.stringify(s)} at ${offset}`);
      }
    }
  });

  it('read a line of 10,000,000 characters as one token', () => {
    const lexed = programmeLexer().tokenize(`${'a [b] {c} '.repeat(1_000_000)}\n`);
    assert.deepEqual(lexed.errors, []);
    assert.deepEqual(lexed.tokens.map((t) => [t.tokenType.name, t.image.length]), [['TextEol', 10_000_001]]);
  });
});

describe('tokens: made without Chevrotain\'s code (start-up)', () => {
  it('skip with Chevrotain\'s group for skipped tokens, and have categories without a pattern', () => {
    assert.equal(SKIPPED, Lexer.SKIPPED);
    assert.equal(Bom.GROUP, Lexer.SKIPPED);
    assert.equal(PageBreak.GROUP, Lexer.SKIPPED);
    const categories = new Set(allTokens.flatMap((type) => type.CATEGORIES ?? []));
    assert.deepEqual([...categories].map((type) => type.name).sort(), ['MeasureStart', 'TextLike']);
    for (const category of [MeasureStart, TextLike]) assert.equal(category.PATTERN, undefined, category.name);
  });

  it('leave Chevrotain\'s code to lexer.ts, parser.ts and lookahead*.ts, and those and cst.ts to cstLoad.ts (so the bundles load it on first need)', () => {
    const dir = 'server/src/syntax';
    const withChevrotain: string[] = [];
    const withCst: string[] = [];
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      const source = readFileSync(path.join(dir, name), 'utf8');
      // Imports of values (not `import type`), as written in these files.
      const imports = [...source.matchAll(/^import (?!type )[^;]*? from '([^']+)';/gms)].map((m) => m[1]);
      if (imports.includes('chevrotain')) withChevrotain.push(name);
      if (imports.some((from) => ['./cst', './lexer', './parser', './lookahead'].includes(from))) withCst.push(name);
    }
    assert.deepEqual(withChevrotain.sort(), ['lexer.ts', 'lookahead.ts', 'lookaheadTable.ts', 'parser.ts']);
    assert.deepEqual(withCst.sort(), ['cst.ts', 'cstLoad.ts', 'lookaheadTable.ts', 'parser.ts']);
  });
});

describe('label names (syntax/tree.ts)', () => {
  it('are read alike with and without Unicode properties for every Latin-1 character, and past it with them', () => {
    for (let c = 0; c < 0x100; c++) {
      const ch = String.fromCharCode(c);
      assert.equal(LATIN1_LABEL_NAME.test(`a${ch}b`), LABEL_NAME().test(`a${ch}b`), `U+${c.toString(16)}`);
      assert.equal(isValidLabelName(ch), LABEL_NAME().test(ch), `U+${c.toString(16)}`);
    }
    for (let c = 0x100; c < 0x10000; c += 7) {
      const name = `miljø${String.fromCharCode(c)}`;
      assert.equal(isValidLabelName(name), LABEL_NAME().test(name), `U+${c.toString(16)}`);
    }
    for (const [name, valid] of [['sirkulær-økonomi', true], ['læreplasser', true], ['Straße_2', true], ['ɐbc', true], ['日本', true], ['a b', false], ['', false], ['a,b', false], ['²', true], ['a\u0301', true]] as const) {
      assert.equal(isValidLabelName(name), valid, name);
    }
  });
});
