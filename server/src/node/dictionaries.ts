/**
 * The spelling dictionaries of the import: the hunspell files of the packages `dictionary-nb`,
 * `dictionary-nn` and `dictionary-de` (wooorm/dictionaries), read from `node_modules` at run time —
 * also from the esbuild bundles, which do not contain them. The packages are ES modules that read
 * their files with a top-level `await`; we only resolve where they are and read `index.aff` and
 * `index.dic` ourselves.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { makeSpeller } from '../import/speller';
import type { Speller } from '../import/outline';

/** The languages that have a spelling dictionary: Norwegian Bokmål, Nynorsk, German. */
export type SpellerLanguage = 'nb' | 'nn' | 'de';

const loaded = new Map<SpellerLanguage, Speller | undefined>();

/**
 * The folder of the package `dictionary-LANG` (holding `index.aff` and `index.dic`), found as Node
 * finds packages from this module (in the esbuild bundles `import.meta.url` is the bundle's URL,
 * see scripts/build.mjs); undefined when the package is not installed. (Its `exports` names
 * only `index.js`, so `dictionary-nb/package.json` cannot be resolved; `index.js` is resolved and
 * not loaded.)
 */
export function dictionaryFolder(lang: SpellerLanguage): string | undefined {
  try {
    return path.dirname(createRequire(import.meta.url).resolve(`dictionary-${lang}`));
  } catch {
    return undefined;
  }
}

/**
 * The spelling dictionary of `lang`, read once per process and kept (later calls return the same
 * speller); undefined when the package or its files cannot be read. Reading the files takes
 * milliseconds; the speller hands nspell the stems as words are asked about (`import/speller.ts`),
 * because nspell takes 1.4–3 s to expand a whole dictionary.
 */
export function loadSpeller(lang: SpellerLanguage): Speller | undefined {
  if (loaded.has(lang)) return loaded.get(lang);
  let speller: Speller | undefined;
  const folder = dictionaryFolder(lang);
  if (folder) {
    try {
      const aff = readFileSync(path.join(folder, 'index.aff'), 'utf8');
      const dic = readFileSync(path.join(folder, 'index.dic'), 'utf8');
      speller = makeSpeller(aff, dic);
    } catch {
      speller = undefined;
    }
  }
  loaded.set(lang, speller);
  return speller;
}
