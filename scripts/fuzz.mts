// `npm run fuzz -- --runs N [--seed S]`: long runs of the analysis properties (test/properties/), with
// figures: inputs tried, failures (each shrunk to a minimal counterexample), and the slowest analysis
// with its input size. Then the other property tests (renumbering, edits) with FUZZ_RUNS=N, and the
// language server's misbehaving-client test with its long sizes (LSP_ROBUSTNESS=long).
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { anyDocument, example, mutationOf, programmeLike } from '../test/properties/arbitraries.ts';
import { checkAnalysisProperties } from '../test/properties/analysis.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '20000' }, seed: { type: 'string' } } });
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
process.exit(failures > 0 || mocha.status !== 0 || lsp.status !== 0 ? 1 : 0);
