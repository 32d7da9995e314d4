// The parser's lookahead table (server/src/syntax/lookahead.table.json), made by the build.
/**
 * `writeLookaheadTable(root, { check })` (scripts/build.mjs): bundles server/src/syntax/lookaheadTable.ts
 * with esbuild, runs it here, and writes what it gives to server/src/syntax/lookahead.table.json when
 * that differs (with `check`, only says whether it differs). The table is committed, so that the tests,
 * which run the sources, read the same table as the bundles; server/src/syntax/lookahead.ts explains it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { build } from 'esbuild';

/** The table's file, from the repository's root. */
export const TABLE = 'server/src/syntax/lookahead.table.json';

/** Makes the table; writes it unless `check`; resolves to true when the file was not up to date. */
export async function writeLookaheadTable(root, { check = false } = {}) {
  const entry = path.join(root, 'server', 'src', 'syntax', 'lookaheadTable.ts');
  const result = await build({ entryPoints: [entry], bundle: true, platform: 'node', target: 'node20', format: 'cjs', write: false, absWorkingDir: root, logLevel: 'warning' });
  const made = { exports: {} };
  vm.runInThisContext(Module.wrap(result.outputFiles[0].text), { filename: entry })(made.exports, createRequire(entry), made, entry, path.dirname(entry));
  const text = made.exports.lookaheadTableText(made.exports.makeLookaheadTable());
  const file = path.join(root, TABLE);
  if (readFileSync(file, 'utf8') === text) return false;
  if (!check) writeFileSync(file, text);
  return true;
}
