/**
 * The language server stays responsive while it analyses a big programme (issue 15), and the CLI checks
 * the same programme in bounded time. The input is test/responsive.ts's big programme: 20 MB of about
 * 330,000 measures of 6–13 words drawn from 30 Norwegian words, written once to the system's temporary
 * folder. Over stdio, with the built server (`server/dist/server.cjs`, test/lsp-client.ts):
 *
 * 1. The file is opened; while the first analysis runs (until the `publishDiagnostics` of version 1
 *    arrives), a hover, a `documentSymbol`, a hover, a `definition`, then hovers, each at a measure's
 *    number, one every 100 ms without waiting for the answers. Every request sent before the
 *    diagnostics arrive must be answered within {@link BOUND_MS} (generous: the issue asks for 50 ms,
 *    which a loaded machine cannot promise; the figures are printed), with a result (null or empty is
 *    fine before an analysis has finished), at least one hover before the diagnostics arrive, and a
 *    hover that is not null must be about the measure under it. The diagnostics of version 1 must
 *    arrive, and the server log no error.
 * 2. One character is typed in a measure half way down; while the server analyses version 2, hovers as
 *    above, with the same bound, at least one answered before the diagnostics of version 2, which must
 *    arrive.
 * 3. `node server/bin/programme.cjs check --format json FILE` exits with 1 when it finds an error and 0
 *    otherwise, reports what the server reported for version 1 (the same codes on the same lines), and
 *    uses under {@link CLI_CPU_MS} of CPU (user + system of the ended child, from /proc/self/stat).
 *
 * A server that analyses on its main loop fails 1 and 2: every request waits for the whole analysis.
 */
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { LOG_ERROR, StdioClient } from './lsp-client';
import { BIG_PROGRAMME, bigProgramme, checkWithCli, findingKeys, measurePicker, ms, probeFigures, probeSummary, probeWhileAnalysing, type MeasureLine, type ProbeRun } from './responsive';

/**
 * How long any request may take while the server analyses, in ms: the issue's target is 50 ms (the
 * printed p50 and max, and bench/responsive.mjs); this bound holds on a loaded machine too, and only a
 * server that makes requests wait for the analysis misses it (before issue 15: 12–40 s).
 */
const BOUND_MS = 2_500;
/**
 * A bound on the CLI's CPU time on the big programme, in ms, that only a check gone superlinear misses.
 * Issue 15's target ("the CLI finishes that file in under 5 s") is printed against the figure by
 * `npm run bench` (bench/responsive.mjs); it is not met yet (about 7–8 s of CPU on this machine).
 */
const CLI_CPU_MS = 30_000;
/** How long to wait for diagnostics or an answer before calling it a failure (not a limit the issue sets). */
const PATIENCE_MS = 600_000;

/** Asserts what the module comment says of the requests of `run`. */
function assertResponsive(what: string, run: ProbeRun): void {
  const f = probeFigures(run);
  for (const p of run.probes) {
    assert.ok('result' in p.message, `${what}: ${p.method} at measure ${p.id} answered with an error: ${JSON.stringify(p.message.error)}`);
    if (p.method === 'textDocument/hover' && p.message.result !== null) assert.match(JSON.stringify(p.message.result), new RegExp(`\\b${p.id.replace('.', '\\.')}\\b`), `${what}: the hover at measure ${p.id} is about another measure`);
  }
  const slow = f.during.filter((p) => p.ms > BOUND_MS);
  assert.deepEqual(
    slow.slice(0, 10).map((p) => `${p.method} ${ms(p.ms)} ms`),
    [],
    `${what}: ${slow.length} of the ${f.during.length} requests sent while the server analysed took more than ${BOUND_MS} ms (the first 10 shown)`,
  );
  assert.ok(f.earlyHovers > 0, `${what}: no hover was answered before the diagnostics arrived (${f.during.length} requests sent while analysing)`);
}

describe(`the language server on a ${BIG_PROGRAMME.bytes / 1e6} MB programme of ${BIG_PROGRAMME.words} words (stdio)`, function () {
  this.timeout(PATIENCE_MS);
  const file = path.join(os.tmpdir(), `programme-responsive-${process.pid}.programme`);
  const uri = pathToFileURL(file).href;
  let text: string;
  let measures: MeasureLine[];
  let pick: () => MeasureLine;
  let client: StdioClient;
  let firstDiagnostics: PublishDiagnosticsParams | undefined;

  before(async function () {
    ({ text, measures } = bigProgramme());
    assert.ok(measures.length > 300_000, `${measures.length} measures`);
    pick = measurePicker(measures);
    writeFileSync(file, text);
    client = new StdioClient();
    await client.initialize({ textDocument: { documentSymbol: { hierarchicalDocumentSymbolSupport: true }, publishDiagnostics: { versionSupport: true } } });
  });

  after(async function () {
    await client?.shutdown();
    rmSync(file, { force: true });
  });

  it(`answers hovers, a documentSymbol and a definition within ${BOUND_MS} ms while it analyses the opened document, then publishes its diagnostics`, async function () {
    const from = client.diagnostics.length;
    const openedAt = performance.now();
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'programme', version: 1, text } });
    const run = await probeWhileAnalysing(client, uri, 1, from, openedAt, pick, ['textDocument/hover', 'textDocument/documentSymbol', 'textDocument/hover', 'textDocument/definition'], PATIENCE_MS);
    firstDiagnostics = run.published;
    console.log(`      ${probeSummary('opened', run)}`);
    assert.deepEqual(client.log.filter((l) => l.type === LOG_ERROR), []);
    assertResponsive('opened', run);
  });

  it(`answers hovers within ${BOUND_MS} ms while it analyses a one-character edit, then publishes the new version's diagnostics`, async function () {
    const middle = measures[measures.length >> 1];
    const from = client.diagnostics.length;
    const editedAt = performance.now();
    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: middle.line, character: 8 }, end: { line: middle.line, character: 8 } }, text: 'e' }] });
    const run = await probeWhileAnalysing(client, uri, 2, from, editedAt, pick, [], PATIENCE_MS);
    console.log(`      ${probeSummary('after a one-character edit', run)}`);
    assert.equal(run.published.version, 2);
    assert.deepEqual(client.log.filter((l) => l.type === LOG_ERROR), []);
    assertResponsive('after a one-character edit', run);
  });

  it(`checks the file with the CLI in under ${CLI_CPU_MS / 1000} s of CPU, exiting with its findings' exit code`, async function () {
    const cli = await checkWithCli(file);
    console.log(`      programme check: exit ${cli.code}, ${cli.findings.length} findings, ${(cli.wallMs / 1000).toFixed(1)} s wall, ${cli.cpuMs === undefined ? '? (no /proc)' : `${(cli.cpuMs / 1000).toFixed(1)} s`} CPU`);
    assert.equal(cli.stderr, '');
    assert.ok(cli.findings.length > 0, 'the CLI reports findings (at least the near-duplicate search cut by its budget)');
    assert.equal(cli.code, cli.findings.some((d) => d.severity === 'error') ? 1 : 0, 'exit 1 with errors found, 0 without');
    if (firstDiagnostics !== undefined) assert.deepEqual(findingKeys(cli.findings), findingKeys(firstDiagnostics.diagnostics), 'the CLI and the server report the same findings');
    if (cli.cpuMs !== undefined) assert.ok(cli.cpuMs < CLI_CPU_MS, `programme check took ${(cli.cpuMs / 1000).toFixed(1)} s of CPU on ${BIG_PROGRAMME.bytes / 1e6} MB (limit ${CLI_CPU_MS / 1000} s)`);
  });
});
