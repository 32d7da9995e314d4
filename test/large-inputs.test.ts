/**
 * Large valid programmes lose no check (issue 17), at the sizes that broke the checker: a rule family
 * that found more than about 125,000 things was replaced by one false `syntax` error (its findings
 * were spread into `push`), `programme check --format json` printed no JSON for more than about
 * 125,000 diagnostics, and a line of about 8.4 million characters overflowed the lexer. Each input
 * opens with a small document in which every rule family finds something (test/properties/large.ts),
 * and every family's findings must be there, with no internal error. Larger sizes, with the time per
 * size to show that it grows linearly, are in `npm run fuzz`; nothing is timed here.
 */
import assert from 'node:assert/strict';
import { analyse, RULE_FAMILIES } from '../server/src/rules/index';
import { INTERNAL_ERROR } from '../server/src/syntax/span';
import { main, type Io } from '../server/src/cli/main';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ALL_FAMILIES, familiesFound, familyCodes, identicalMeasures, longLine, manyLabels, manyPillars, SEED, type Large } from './properties/large';

const codes = familyCodes();

/** Analyses `large` and checks that every family reports, no internal error, and its mass is all there. */
function checkLarge(large: Large): void {
  const { diagnostics } = analyse(large.text);
  const found = familiesFound(diagnostics, codes);
  assert.deepEqual(found.internal, []);
  assert.deepEqual(found.families, ALL_FAMILIES);
  const count = found.counts.get(large.code) ?? 0;
  assert.ok(count >= large.count, `${count} ${large.code}, expected at least ${large.count}`);
}

describe('large programmes: no check is lost (issue 17)', function () {
  this.timeout(60_000);

  it('the seed document gives a finding of every rule family', function () {
    assert.deepEqual(familiesFound(analyse(SEED).diagnostics, codes), {
      families: ALL_FAMILIES,
      internal: [],
      counts: new Map([
        ['front-matter', 1],
        ['unused-label', 1],
        ['measure-numbering', 1],
        ['invisible-character', 1],
        ['unresolved-reference', 1],
        ['duplicate-measure', 1],
        ['similar-measures', 1],
      ]),
    });
  });

  it('a rule family that throws is one internal-error naming it, not a syntax error; the others keep their findings', function () {
    const duplicates = RULE_FAMILIES.duplicates;
    RULE_FAMILIES.duplicates = () => {
      throw new RangeError('Maximum call stack size exceeded');
    };
    try {
      // A configuration cannot hide a fault of ours.
      const { diagnostics } = analyse(SEED, { rules: { [INTERNAL_ERROR]: 'off' } as never });
      const internal = diagnostics.filter((d) => d.code === INTERNAL_ERROR);
      assert.deepEqual(internal, [
        {
          code: 'internal-error',
          severity: 'error',
          message: 'Internal error in the duplicates rules (please report it); other rules still ran: Maximum call stack size exceeded',
          span: { start: 0, end: 0 },
        },
      ]);
      assert.equal(diagnostics.filter((d) => d.code === 'syntax').length, 0);
      assert.deepEqual(familiesFound(diagnostics, codes).families, ALL_FAMILIES.filter((f) => f !== 'duplicates'));
    } finally {
      RULE_FAMILIES.duplicates = duplicates;
    }
  });

  it('130,000 pillars without measures: 130,000 empty-pillar warnings, and every family', function () {
    checkLarge(manyPillars(130_000));
  });

  it('130,000 pillars of one identical measure: 129,999 duplicate-measure warnings, and every family', function () {
    checkLarge(identicalMeasures(130_000));
  });

  it('a line of 8,500,000 characters: read, and every family, the numbering after it included', function () {
    const large = longLine(8_500_000);
    checkLarge(large);
    const { diagnostics } = analyse(large.text);
    const after = diagnostics.find((d) => d.code === 'measure-numbering' && d.span.start > 8_500_000);
    assert.equal(after?.message, 'Measure number 3 skips 2; expected 2 after 1 in pillar 2.');
  });

  it('programme check --format json prints every one of 200,000 diagnostics (100,000 labelled pillars), and exits 1 on the errors', async function () {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'programme-large-'));
    try {
      const file = path.join(dir, 'stor.programme');
      writeFileSync(file, manyLabels(100_000).text);
      const out: string[] = [];
      const err: string[] = [];
      const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t), env: { LANG: 'en_US.UTF-8' } };
      const code = await main(['check', '--format', 'json', file], io);
      assert.deepEqual(err, []);
      const list = JSON.parse(out.join('\n')) as { code: string; file: string }[];
      const counts = new Map<string, number>();
      for (const d of list) counts.set(d.code, (counts.get(d.code) ?? 0) + 1);
      assert.equal(counts.get('unused-label'), 100_001);
      assert.equal(counts.get('empty-pillar'), 100_000);
      assert.equal(counts.get(INTERNAL_ERROR), undefined);
      assert.equal(code, 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
