/**
 * The language server under a soak of edits and requests (test/soak.ts, issue 15): many open documents,
 * random edits (typing, pasting 5,000 lines, deleting half a document, closing and reopening) and
 * requests of every kind at random positions, some cancelled. Asserted: every request is answered
 * (a result, or RequestCancelled for a cancelled one), the server logs no error and publishes no
 * internal error, the 95th percentile of each request kind's latency is under {@link P95_MS} (200 ms
 * in the long soak), the
 * server process's peak resident set (VmHWM, /proc) is under {@link RESIDENT_MB}, and at the end the
 * diagnostics of every document's newest version arrive and are those `analyse` gives for its text.
 * The figures (p50, p95, p99 and max per kind, memory) are printed.
 *
 * `npm test` runs the short soak (10 documents, 20 s); `SOAK=long` (set by `npm run fuzz`) the long one
 * (50 documents, two minutes), as the outside soak of the issue.
 */
import assert from 'node:assert/strict';
import { runSoak, SOAK_SIZES, soakTable, type SoakResult } from './soak';

/**
 * The limit on each request kind's 95th percentile, in ms. Issue 15's target is 200 ms, asserted by the
 * long soak (`npm run fuzz`) and printed against its target by `npm run bench` (bench/responsive.mjs);
 * the short soak of `npm test` runs on machines of every load (CI, a laptop busy with a build), where a
 * 200 ms percentile of wall-clock times says more about the machine than about the server, so it asserts
 * a bound that only a server that queues requests behind analyses misses.
 */
const P95_MS = process.env.SOAK === 'long' ? 200 : 3000;
/** The limit on the server's resident set, in MB (issue 15: "under 1 GB resident"). */
const RESIDENT_MB = 1024;

const SIZE = process.env.SOAK === 'long' ? 'long' : 'short';
const OPTIONS = SOAK_SIZES[SIZE];

describe(`the language server under a ${SIZE} soak (${OPTIONS.documents} documents, ${OPTIONS.durationMs / 1000} s, stdio)`, function () {
  this.timeout(OPTIONS.durationMs + 4 * OPTIONS.patienceMs);
  let result: SoakResult;

  before(async function () {
    result = await runSoak(OPTIONS, (line) => console.log(`      ${line}`));
    for (const line of soakTable(result)) console.log(`    ${line}`);
  });

  it('answers every request, with a result or, when cancelled, RequestCancelled', function () {
    assert.ok(result.requests > OPTIONS.requestsPerSecond * (OPTIONS.durationMs / 1000) * 0.5, `only ${result.requests} requests were sent`);
    assert.ok(result.cancelled > 0, 'some requests were cancelled');
    assert.deepEqual(result.unanswered.slice(0, 10), [], `${result.unanswered.length} requests were not answered`);
    assert.deepEqual(result.wrongAnswers.slice(0, 10), [], `${result.wrongAnswers.length} answers were errors`);
    assert.ok(result.alive, 'the server was running at the end');
  });

  it('logs no error and publishes no internal error', function () {
    assert.deepEqual(result.errorsLogged, []);
    assert.deepEqual(result.internalErrors, []);
  });

  it('publishes the diagnostics of every document\'s newest version, as analysed', function () {
    assert.deepEqual(result.mismatches, []);
  });

  it(`answers each kind of request with a 95th percentile under ${P95_MS} ms`, function () {
    const slow = result.perKind.filter((k) => !(k.p95 < P95_MS) && k.count > k.cancelled).map((k) => `${k.kind} p95 ${k.p95.toFixed(0)} ms`);
    assert.deepEqual(slow, []);
  });

  it(`keeps the server's resident set under ${RESIDENT_MB} MB`, function () {
    const peak = result.resident.peakMb ?? result.heap.rssBeforeCloseMb;
    assert.ok(peak !== undefined, 'no resident set size was read');
    assert.ok(peak < RESIDENT_MB, `the server's resident set reached ${peak.toFixed(0)} MB`);
  });
});
