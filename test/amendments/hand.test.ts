/**
 * Amendment files written by hand, as delegates write them, for programmes the format was not made
 * with (test/amendments/hand/): a generated programme (bench/generate.mjs, 24 measures), the complete
 * example of docs/format.md, and a draft numbered from 1 in each pillar. They mix the forms people use:
 * passive verbs (`«…» endres til «…»`, `«…» strykes`), a citation without a colon, the change on the
 * line below, `L. 46`, `Kap. 2 linje 2`, `Status: Vedtatt.`, "…" and «…», and things the format cannot
 * say (a new measure, a whole measure deleted without quoting it). What `programme check` says of each,
 * and what `programme amend apply` does with all their amendments, are golden files beside them
 * (`UPDATE_SNAPSHOTS=1` writes them anew).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runIn } from './programmes';

const HAND = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'hand');
const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';

function golden(name: string, actual: string): void {
  const file = path.join(HAND, name);
  if (UPDATE || !existsSync(file)) writeFileSync(file, actual);
  assert.equal(actual, readFileSync(file, 'utf8'), `${name} differs from the golden file (UPDATE_SNAPSHOTS=1 writes it anew)`);
}

describe('amendments: files written by hand', () => {
  let out: string;
  before(() => (out = mkdtempSync(path.join(os.tmpdir(), 'programme-hand-'))));
  after(() => rmSync(out, { recursive: true, force: true }));

  for (const name of ['generert', 'partiprogram', 'kapittel']) {
    it(`${name}.amendments: what the check finds, and what apply does with every amendment`, async () => {
      const check = await runIn(HAND, ['check', `${name}.amendments`]);
      golden(`${name}.check.txt`, check.out + check.err);
      const adopted = path.join(out, `${name}.programme`);
      const apply = await runIn(HAND, ['amend', 'apply', `${name}.programme`, `${name}.amendments`, '--status', 'proposed,recommended,adopted', '-o', adopted]);
      golden(`${name}.apply.txt`, `${apply.err.split(adopted).join(`<adopted>/${name}.programme`)}\n`);
    });
  }
});
