// esbuild: bundle only the stemmers and stop-word lists that `similar-measures` uses (server/src/rules/wordForms.ts).
/**
 * snowball-stemmers 0.6 is one 870 KB file holding 24 stemmers, and stopword 3's CommonJS build holds
 * 62 stop-word lists; bundled whole they would add about half a megabyte to every start of the CLI and
 * the server (compiling snowball-stemmers alone takes about 17 ms). The near-duplicate search takes two
 * stemmers from it (German, English; its Norwegian one is written out in wordForms.ts, which is far
 * faster) and three lists (`nob`, `deu`, `eng`).
 *
 * - {@link wordFormsPlugin}: an esbuild plugin that loads snowball-stemmers.js with every stemmer but
 *   those named left out ({@link keepStemmers}), and resolves `stopword` to its ES module build, whose
 *   unused lists esbuild's tree shaking drops.
 * - {@link keepStemmers}: the source of snowball-stemmers.js with only the named stemmers' classes and
 *   their entries in `newStemmer`'s table. Each stemmer is one block, from
 *   `    var NAMEStemmer = function (_SnowballStemmerN) {` to `    }(SnowballStemmer);`, that nothing
 *   else refers to but the table. Throws when the file does not have that shape (another version), so
 *   that a build never silently ships a stemmer-less bundle.
 */
import fs from 'node:fs';

/** The stemmers the near-duplicate search takes from snowball-stemmers (German and English; wordForms.ts writes out the Norwegian one). */
export const STEMMERS = ['german', 'english'];

/** snowball-stemmers.js's source with only the stemmers in `keep`; see the module comment. */
export function keepStemmers(source, keep = STEMMERS) {
  const start = /^ {4}var (\w+)Stemmer = function \(_SnowballStemmer\d*\) \{$/;
  const entry = /^ {12}(\w+): (\w+)Stemmer,?$/;
  const out = [];
  const found = new Set();
  let skipping = false;
  for (const line of source.split('\n')) {
    if (skipping) {
      if (line === '    }(SnowballStemmer);') skipping = false;
      continue;
    }
    const block = start.exec(line);
    if (block !== null) {
      found.add(block[1]);
      if (!keep.includes(block[1])) {
        skipping = true;
        continue;
      }
    }
    const mapped = entry.exec(line);
    if (mapped !== null && mapped[1] === mapped[2] && !keep.includes(mapped[1])) continue;
    out.push(line);
  }
  const missing = keep.filter((name) => !found.has(name));
  if (skipping || found.size < keep.length + 1 || missing.length > 0) {
    throw new Error(`snowball-stemmers.js has not the expected shape (stemmers found: ${[...found].join(', ') || 'none'}; missing: ${missing.join(', ') || 'none'})`);
  }
  return out.join('\n');
}

/** The esbuild plugin (see the module comment). */
export function wordFormsPlugin() {
  return {
    name: 'word-forms',
    setup(build) {
      build.onResolve({ filter: /^stopword$/ }, (args) => build.resolve('stopword/dist/stopword.esm.mjs', { kind: args.kind, resolveDir: args.resolveDir }));
      build.onLoad({ filter: /[\\/]snowball-stemmers[\\/]snowball-stemmers\.js$/ }, async (args) => ({
        contents: keepStemmers(await fs.promises.readFile(args.path, 'utf8')),
        loader: 'js',
      }));
    },
  };
}
