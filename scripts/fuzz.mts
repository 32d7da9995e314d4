// `npm run fuzz -- --runs N [--seed S]`: long runs of the analysis properties (test/properties/), with
// figures: inputs tried, failures (each shrunk to a minimal counterexample), and the slowest analysis
// with its input size. Then the other property tests (renumbering, edits) with FUZZ_RUNS=N, and the
// language server's misbehaving-client test with its long sizes (LSP_ROBUSTNESS=long), and the long soak of
// the language server (SOAK=long: 50 documents, two minutes; test/soak.test.ts). First, large valid
// programmes (issue 17; test/properties/large.ts) at two sizes each, the larger twice the smaller:
// 100,000 and 200,000 pillars without measures, labelled pillars, and pillars of one identical measure,
// and a line of 25 and 50 million characters; every rule family must report and no internal error be
// reported, and the time of each size is printed with the ratio (about 2 when the work is linear).
// `--large-only` runs just those.
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { anyDocument, example, mutationOf, programmeLike } from '../test/properties/arbitraries.ts';
import { checkAnalysisProperties } from '../test/properties/analysis.ts';
import { ALL_FAMILIES, datesInARun, familiesFound, familyCodes, identicalMeasures, longLine, manyLabels, manyPillars, unresolvedInARun, type Large } from '../test/properties/large.ts';
import { analyse } from '../server/src/rules/index.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '20000' }, seed: { type: 'string' }, 'large-only': { type: 'boolean', default: false } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs <= 0) {
  console.error(`fuzz: --runs takes a whole number above 0, found "${values.runs}".`);
  process.exit(2);
}
const seed = values.seed !== undefined ? Number(values.seed) : Date.now() % 1_000_000;

const sources: [string, fc.Arbitrary<string>][] = [
  ['arbitrary strings', fc.string({ unit: 'grapheme', maxLength: 2000 })],
  ['binary strings', fc.string({ unit: 'binary', maxLength: 2000 })],
  ['programme-like documents', programmeLike],
  ['mutations of the example', mutationOf(example)],
  ['all of them', anyDocument],
];

/** Analyses each large programme at `n` and at `2n`; prints what was found and the times; returns the number that failed. */
function largeInputs(): number {
  const codes = familyCodes();
  let failed = 0;
  const cases: [(n: number) => Large, number][] = [
    [manyPillars, 100_000],
    [manyLabels, 100_000],
    [identicalMeasures, 100_000],
    [longLine, 25_000_000],
    [datesInARun, 100_000],
    [unresolvedInARun, 100_000],
  ];
  console.log('large inputs: every rule family reports and no internal error, at n and 2n');
  for (const [make, n] of cases) {
    const times: number[] = [];
    for (const size of [n, 2 * n]) {
      const large = make(size);
      const start = performance.now();
      const { diagnostics } = analyse(large.text);
      const ms = performance.now() - start;
      times.push(ms);
      const found = familiesFound(diagnostics, codes);
      const problems: string[] = [];
      if (found.internal.length > 0) problems.push(`internal error: ${found.internal[0]}`);
      const missing = ALL_FAMILIES.filter((f) => !found.families.includes(f));
      if (missing.length > 0) problems.push(`nothing from the ${missing.join(', ')} rules`);
      const count = found.counts.get(large.code) ?? 0;
      if (count < large.count) problems.push(`${count} ${large.code}, expected at least ${large.count}`);
      if (problems.length > 0) failed++;
      const chars = `${(large.text.length / 1e6).toFixed(1)} M characters`;
      console.log(`${problems.length > 0 ? 'FAIL' : 'ok  '} ${large.name} (${chars}): ${diagnostics.length} diagnostics, ${count} ${large.code}, ${ms.toFixed(0)} ms${problems.length > 0 ? `: ${problems.join('; ')}` : ''}`);
    }
    console.log(`     twice the size: ${(times[1] / times[0]).toFixed(2)}× the time`);
  }
  return failed;
}

const largeFailed = largeInputs();
if (values['large-only']) process.exit(largeFailed > 0 ? 1 : 0);

let tried = 0;
let failures = 0;
let slowest = { ms: 0, size: 0, source: '' };
console.log(`fuzz: ${runs} runs per source, seed ${seed}`);
for (const [name, arbitrary] of sources) {
  const result = fc.check(
    fc.property(arbitrary, (text) => {
      tried++;
      const ms = checkAnalysisProperties(text);
      if (ms > slowest.ms) slowest = { ms, size: text.length, source: name };
    }),
    { numRuns: runs, seed },
  );
  if (result.failed) {
    failures++;
    console.log(`FAIL ${name}: ${fc.defaultReportMessage(result)}`);
  } else console.log(`ok   ${name}: ${result.numRuns} inputs`);
}
console.log(`inputs tried: ${tried}; failing sources: ${failures}; slowest analysis: ${slowest.ms.toFixed(1)} ms on ${slowest.size} characters (${slowest.source})`);

// The other property tests (renumbering and edits keep the user's words), with the same number of runs.
const mocha = spawnSync('npx', ['mocha', '--timeout', '0', 'test/**/*.property.test.ts'], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_RUNS: String(runs) },
});

// The language server with a misbehaving client, with the long sizes (a 50 MB document, 10,000 edits,
// 5,000 random messages; see test/lsp-robustness.test.ts), on a fresh build of the server.
const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
const lsp =
  build.status === 0
    ? spawnSync('npx', ['mocha', '--timeout', '0', 'test/lsp-robustness.test.ts'], { stdio: 'inherit', env: { ...process.env, LSP_ROBUSTNESS: 'long' } })
    : build;
// The long soak: 50 open documents of 100 to 2,000 measures, two minutes of random edits and requests.
const soak = build.status === 0 ? spawnSync('npx', ['mocha', '--timeout', '0', 'test/soak.test.ts'], { stdio: 'inherit', env: { ...process.env, SOAK: 'long' } }) : build;
process.exit(largeFailed > 0 || failures > 0 || mocha.status !== 0 || lsp.status !== 0 || soak.status !== 0 ? 1 : 0);
