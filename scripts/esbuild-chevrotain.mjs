// esbuild: Chevrotain's lexer without the 65,536-entry table it fills at every start, and its parser's
// methods copied onto a prototype in V8's dictionary mode (scripts/build.mjs).
/**
 * Chevrotain 11's lexer (`chevrotain/lib/src/scan/lexer.js`) maps a character code of 256 or more to
 * its "optimised index", `255 + ⌊code / 255⌋`, through an array of 65,536 entries that
 * `initCharCodeToOptimizedIndexMap` fills when the first `Lexer` is made: a loop of 65,536 steps in
 * code that has not been optimised yet, about 3 ms of every start of the CLI and the server (measured
 * with `--cpu-prof`: 7 % of loading the CLI's bundle). The lexer asks for the index once per token, not
 * per character (our tokens' patterns are custom functions), so working it out each time costs nothing
 * that can be measured.
 *
 * {@link chevrotainLexerPlugin} loads lexer.js with `charCodeToOptimizedIndex` computing the index
 * and with the table's set-up left empty ({@link computedOptimizedIndex}). The index is the same for
 * every code the table held (0 to 65,535) and `undefined` beyond it, as the table gave. Throws when the
 * file does not have the expected shape (another Chevrotain version), so that a build never silently
 * keeps or half-changes it.
 */
import { readFile } from 'node:fs/promises';

/** The two functions of chevrotain/lib/src/scan/lexer.js (11.x) that the plugin replaces, as written there. */
const TABLE_LOOKUP = `export function charCodeToOptimizedIndex(charCode) {
    return charCode < minOptimizationVal
        ? charCode
        : charCodeToOptimizedIdxMap[charCode];
}`;
const TABLE_SETUP = `function initCharCodeToOptimizedIndexMap() {
    if (isEmpty(charCodeToOptimizedIdxMap)) {
        charCodeToOptimizedIdxMap = new Array(65536);
        for (let i = 0; i < 65536; i++) {
            charCodeToOptimizedIdxMap[i] = i > 255 ? 255 + ~~(i / 255) : i;
        }
    }
}`;

/** `source` (lexer.js) with the optimised index computed, not looked up (see the module comment). */
export function computedOptimizedIndex(source) {
  const text = source.replace(/\r\n/g, '\n');
  if (!text.includes(TABLE_LOOKUP) || !text.includes(TABLE_SETUP) || !text.includes('const minOptimizationVal = 256;')) {
    throw new Error('chevrotain/lib/src/scan/lexer.js is not as scripts/esbuild-chevrotain.mjs expects (another Chevrotain version?)');
  }
  return text
    .replace(
      TABLE_LOOKUP,
      `export function charCodeToOptimizedIndex(charCode) {
    // scripts/esbuild-chevrotain.mjs: computed, as the table held it (undefined past 65535).
    return charCode < minOptimizationVal
        ? charCode
        : charCode < 65536 ? 255 + ~~(charCode / 255) : undefined;
}`,
    )
    .replace(TABLE_SETUP, 'function initCharCodeToOptimizedIndexMap() {}');
}

/** The start of chevrotain/lib/src/parse/parser/utils/apply_mixins.js (11.x), as written there. */
const MIXINS_START = `export function applyMixins(derivedCtor, baseCtors) {
    baseCtors.forEach((baseCtor) => {`;

/**
 * `source` (apply_mixins.js) with the prototype it copies to put in V8's dictionary mode first.
 *
 * Chevrotain's `Parser` gets its methods from ten classes (its traits), copied one by one onto
 * `Parser.prototype` by `applyMixins` when the module loads: about 200 properties added to a class
 * prototype, which V8 keeps in fast mode, where each new property copies the prototype's map and its
 * descriptors. That took about 4 ms of every start of the CLI and the server (timed around the call in
 * the bundle, 5 runs). Deleting a property that is not the last one added puts an object in dictionary
 * mode, where adding one is cheap; V8 makes a prototype fast again when it is first used as one. Two
 * properties of our own are added and deleted for that, so the prototype ends with the same
 * properties, in the same order, as before (test/build.test.ts).
 */
export function dictionaryModeMixins(source) {
  const text = source.replace(/\r\n/g, '\n');
  if (!text.includes(MIXINS_START)) {
    throw new Error('chevrotain/lib/src/parse/parser/utils/apply_mixins.js is not as scripts/esbuild-chevrotain.mjs expects (another Chevrotain version?)');
  }
  return text.replace(
    MIXINS_START,
    `export function applyMixins(derivedCtor, baseCtors) {
    // scripts/esbuild-chevrotain.mjs: the prototype in dictionary mode while the methods are added.
    const prototype = derivedCtor.prototype;
    prototype.__chevrotainMixinsFirst = undefined;
    prototype.__chevrotainMixinsSecond = undefined;
    delete prototype.__chevrotainMixinsFirst;
    delete prototype.__chevrotainMixinsSecond;
    baseCtors.forEach((baseCtor) => {`,
  );
}

/** The esbuild plugin (see the module comment and {@link dictionaryModeMixins}). */
export const chevrotainLexerPlugin = {
  name: 'chevrotain-lexer',
  setup(b) {
    b.onLoad({ filter: /[\\/]chevrotain[\\/]lib[\\/]src[\\/]scan[\\/]lexer\.js$/ }, async (args) => ({
      contents: computedOptimizedIndex(await readFile(args.path, 'utf8')),
      loader: 'js',
    }));
    b.onLoad({ filter: /[\\/]chevrotain[\\/]lib[\\/]src[\\/]parse[\\/]parser[\\/]utils[\\/]apply_mixins\.js$/ }, async (args) => ({
      contents: dictionaryModeMixins(await readFile(args.path, 'utf8')),
      loader: 'js',
    }));
  },
};
