// Expands the hunspell dictionaries of the import (dictionary-nb, -nn, -de) into sorted lists of every
// word form that nspell accepts, once, at build time: server/dist/dictionaries/LANG.words. nspell takes
// 1.5–4 s to expand a dictionary on every run; reading the list takes a fraction of that
// (server/src/node/dictionaries.ts). A list newer than its dictionary is not made again.
import nspell from 'nspell';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'server', 'dist', 'dictionaries');
const require = createRequire(import.meta.url);

/** Makes the word list of `lang` when it is missing or older than the dictionary; returns what it did. */
export function makeWordList(lang) {
  let folder;
  try {
    folder = path.dirname(require.resolve(`dictionary-${lang}`));
  } catch {
    return `${lang}: no dictionary-${lang} package`;
  }
  const dic = path.join(folder, 'index.dic');
  const target = path.join(out, `${lang}.words`);
  if (existsSync(target) && statSync(target).mtimeMs >= statSync(dic).mtimeMs) return `${lang}: up to date`;
  const spell = nspell({ aff: readFileSync(path.join(folder, 'index.aff')), dic: readFileSync(dic) });
  // nspell's data holds every form its affixes make, and some it only allows inside compounds or with
  // an affix: the list keeps what nspell itself calls correct.
  const words = Object.keys(spell.data).filter((w) => w !== '' && !w.includes('\n') && spell.correct(w));
  words.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  mkdirSync(out, { recursive: true });
  writeFileSync(target + '.tmp', words.join('\n'));
  renameSync(target + '.tmp', target);
  return `${lang}: ${words.length} forms`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const lang of ['nb', 'nn', 'de']) console.log(`dictionaries: ${makeWordList(lang)}`);
}
