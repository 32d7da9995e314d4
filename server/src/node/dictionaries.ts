/**
 * The spelling dictionaries of the import: the hunspell files of the packages `dictionary-nb`,
 * `dictionary-nn` and `dictionary-de` (wooorm/dictionaries), read from `node_modules` at run time —
 * also from the esbuild bundles, which do not contain them. The packages are ES modules that read
 * their files with a top-level `await`; we only resolve where they are and read `index.aff` and
 * `index.dic` ourselves.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeSpeller, wordListSpeller } from '../import/speller';
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
 * The word list of `lang` that the build made (scripts/dictionaries.mjs), `server/dist/dictionaries/
 * LANG.words`, found from this module: beside the bundle (server/dist), or from the sources
 * (server/src/node, when tests run them); undefined when there is none (no build yet).
 */
export function wordListFile(lang: SpellerLanguage): string | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of [path.join(here, 'dictionaries', `${lang}.words`), path.join(here, '..', '..', 'dist', 'dictionaries', `${lang}.words`)]) {
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * The spelling dictionary of `lang`, read once per process and kept (later calls return the same
 * speller); undefined when the package or its files cannot be read. The word list the build made
 * is read when there is one (a few hundred milliseconds); otherwise nspell reads the hunspell files
 * (1.4–4 s to expand a whole dictionary).
 */
export function loadSpeller(lang: SpellerLanguage): Speller | undefined {
  if (loaded.has(lang)) return loaded.get(lang);
  let speller: Speller | undefined;
  const list = wordListFile(lang);
  if (list !== undefined) {
    try {
      speller = wordListSpeller(readFileSync(list, 'utf8'));
    } catch {
      speller = undefined;
    }
  }
  const folder = speller === undefined ? dictionaryFolder(lang) : undefined;
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
