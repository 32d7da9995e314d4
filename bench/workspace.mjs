// Workspace symbol search in the language server over a workspace of many files: cold, warm, cancelled.
/**
 * `node bench/workspace.mjs [--files 1000] [--measures 100] [--runs 15] [--unwatched] [--server FILE]`
 *
 * Writes a workspace of `--files` generated programmes of `--measures` measures each (bench/generate.mjs,
 * seeded per file; into bench/inputs/workspace-F-M/, which git ignores, once), starts the built server
 * (`node SERVER --stdio`) on it over stdio with vscode-jsonrpc, opens the first file and measures:
 *
 * - cold: the first `workspace/symbol` search for `1.1`, which finds, reads and indexes every file;
 *   while it runs, a `textDocument/documentSymbol` request for the open file every 25 ms, and the
 *   longest and the median time those took to be answered (the index must not block other requests);
 * - warm: each query of {@link QUERIES} `--runs` times once the index is built; median and longest;
 * - cancelled: a warm search for `e` cancelled right after it is sent, and, on a fresh server, the cold
 *   search cancelled after 200 ms: the time from the cancellation to the answer.
 *
 * The client declares `didChangeWatchedFiles` with dynamic registration, as VS Code does (the server
 * then trusts file events instead of looking at the folders again); `--unwatched` declares no file
 * events, so the server must notice changes by itself.
 *
 * Output: a table for people, then one line of JSON with every figure (times in ms). The server's
 * CPU time per search (the mean over the runs, from /proc/PID/stat, in steps of the clock tick) and
 * its peak resident set size (/proc/PID/status, VmHWM) are read on Linux; on a busy machine the wall
 * times grow and scatter, the CPU times much less.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Command } from 'commander';
import rpc from 'vscode-jsonrpc/node.js';
import { generate } from './generate.mjs';
import { median } from './worker.mjs';
import { peakRssKB } from './keystroke.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The warm queries: an id, a number that is also a word, a word, a label prefix, everything. */
const QUERIES = ['1.1', '2030', 'skole', '#', 'e', ''];

/** Writes the workspace (once; the same options always give the same files); returns its folder. */
function workspaceFolder(files, measures) {
  const dir = path.join(here, 'inputs', `workspace-${files}-${measures}`);
  const done = path.join(dir, '.complete');
  if (fs.existsSync(done)) return dir;
  fs.mkdirSync(dir, { recursive: true });
  for (let i = 0; i < files; i++) {
    const sub = path.join(dir, `del-${String(Math.floor(i / 100)).padStart(2, '0')}`);
    fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, `program-${String(i).padStart(4, '0')}.programme`), generate(measures, 1000 + i).programme);
  }
  fs.writeFileSync(done, '');
  return dir;
}

/** Clock ticks per second of /proc/PID/stat's CPU times. */
const TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** The CPU time (user + system) process `pid` has used so far, in ms (Linux), or undefined. */
function cpuMs(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS;
  } catch {
    return undefined;
  }
}

/** Starts the server on `folder`, initialised, with `open` opened; resolves with the connection and helpers. */
async function startServer(server, folder, open, watched) {
  const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  connection.onNotification(() => {});
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => null));
  connection.onRequest(() => null);
  connection.listen();
  const folderUri = pathToFileURL(folder).href;
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: folderUri,
    workspaceFolders: [{ uri: folderUri, name: path.basename(folder) }],
    capabilities: {
      textDocument: { synchronization: { dynamicRegistration: false }, documentSymbol: { hierarchicalDocumentSymbolSupport: true } },
      workspace: { configuration: true, workspaceFolders: true, symbol: {}, didChangeWatchedFiles: { dynamicRegistration: watched } },
    },
  });
  connection.sendNotification('initialized', {});
  const uri = pathToFileURL(open).href;
  connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'programme', version: 1, text: fs.readFileSync(open, 'utf8') } });
  // The open document is analysed before the first measurement.
  await connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
  const stop = async () => {
    const rss = peakRssKB(child.pid);
    await Promise.race([connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 5000))]);
    connection.sendNotification('exit');
    connection.dispose();
    const timer = setTimeout(() => child.kill(), 3000);
    await exited;
    clearTimeout(timer);
    return rss;
  };
  return { connection, uri, stop, stderr: () => stderr, cpu: () => cpuMs(child.pid) };
}

/** Sends a search for `query`; resolves with its time in ms and the number of symbols (or the error's message). */
async function search(connection, query, token) {
  const start = performance.now();
  try {
    const result = token !== undefined ? await connection.sendRequest('workspace/symbol', { query }, token) : await connection.sendRequest('workspace/symbol', { query });
    return { ms: performance.now() - start, found: result?.length ?? 0 };
  } catch (error) {
    return { ms: performance.now() - start, error: error.message };
  }
}

/** Measures everything the module comment lists; resolves with the figures. */
export async function measureWorkspace({ files = 1000, measures = 100, runs = 15, watched = true, server }) {
  const folder = workspaceFolder(files, measures);
  const first = path.join(folder, 'del-00', 'program-0000.programme');
  const bytes = fs.readdirSync(folder, { recursive: true }).filter((f) => String(f).endsWith('.programme')).reduce((sum, f) => sum + fs.statSync(path.join(folder, String(f))).size, 0);

  // Cold, with other requests alongside; then warm.
  const s = await startServer(server, folder, first, watched);
  const others = [];
  let searching = true;
  const alongside = (async () => {
    while (searching) {
      const start = performance.now();
      await s.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: s.uri } });
      others.push(performance.now() - start);
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  const coldCpuBefore = s.cpu();
  const cold = await search(s.connection, '1.1');
  const coldCpuMs = s.cpu() - coldCpuBefore;
  searching = false;
  await alongside;
  const warm = [];
  for (const query of QUERIES) {
    const times = [];
    let found = 0;
    const cpuBefore = s.cpu();
    for (let i = 0; i < runs; i++) {
      const r = await search(s.connection, query);
      times.push(r.ms);
      found = r.found;
    }
    const cpuAfter = s.cpu();
    const cpuMsPerSearch = cpuBefore !== undefined && cpuAfter !== undefined ? (cpuAfter - cpuBefore) / runs : undefined;
    warm.push({ query, medianMs: median(times), maxMs: Math.max(...times), cpuMsPerSearch, found });
  }
  const source = new rpc.CancellationTokenSource();
  const pending = search(s.connection, 'e', source.token);
  const cancelAt = performance.now();
  source.cancel();
  const warmCancel = await pending;
  const warmCancelMs = performance.now() - cancelAt;
  const serverPeakRssKB = await s.stop();

  // Cold, cancelled after 200 ms, on a fresh server.
  const c = await startServer(server, folder, first, watched);
  const coldSource = new rpc.CancellationTokenSource();
  const coldPending = search(c.connection, '1.1', coldSource.token);
  await new Promise((r) => setTimeout(r, 200));
  const coldCancelAt = performance.now();
  coldSource.cancel();
  const coldCancel = await coldPending;
  const coldCancelMs = performance.now() - coldCancelAt;
  await c.stop();

  return {
    tool: 'ours.workspaceSymbols',
    files,
    measuresPerFile: measures,
    bytes,
    watched,
    cold: { ms: cold.ms, cpuMs: coldCpuMs, found: cold.found, error: cold.error },
    alongsideCold: { requests: others.length, medianMs: median(others), maxMs: others.length > 0 ? Math.max(...others) : undefined },
    warm,
    cancelledWarm: { msAfterCancel: warmCancelMs, answer: warmCancel.error ?? `${warmCancel.found} symbols` },
    cancelledCold: { msAfterCancel: coldCancelMs, answer: coldCancel.error ?? `${coldCancel.found} symbols` },
    serverPeakRssKB,
  };
}

/** The figures as a table for people. */
function table(r) {
  const ms = (v) => (v === undefined ? '–' : v < 10 ? v.toFixed(2) : v.toFixed(0));
  const lines = [
    `workspace symbols — ${r.files} files of ${r.measuresPerFile} measures (${(r.bytes / 1e6).toFixed(1)} MB), file events ${r.watched ? 'on' : 'off'}`,
    `  cold search "1.1": ${ms(r.cold.ms)} ms, server CPU ${ms(r.cold.cpuMs)} ms (${r.cold.error ?? `${r.cold.found} symbols`})`,
    `  other requests during it: ${r.alongsideCold.requests}, median ${ms(r.alongsideCold.medianMs)} ms, longest ${ms(r.alongsideCold.maxMs)} ms`,
    '  warm search          median ms   longest ms   server CPU ms   symbols',
    ...r.warm.map((w) => `    ${JSON.stringify(w.query).padEnd(18)}${ms(w.medianMs).padStart(11)}${ms(w.maxMs).padStart(13)}${ms(w.cpuMsPerSearch).padStart(16)}${String(w.found).padStart(10)}`),
    `  warm search cancelled: answered ${ms(r.cancelledWarm.msAfterCancel)} ms after the cancellation (${r.cancelledWarm.answer})`,
    `  cold search cancelled after 200 ms: answered ${ms(r.cancelledCold.msAfterCancel)} ms after the cancellation (${r.cancelledCold.answer})`,
    `  server peak RSS: ${r.serverPeakRssKB === undefined ? '–' : `${(r.serverPeakRssKB / 1024).toFixed(0)} MB`}`,
    `  target: warm searches under 50 ms: ${r.warm.every((w) => w.medianMs < 50) ? 'met' : 'not met'} (longest median ${ms(Math.max(...r.warm.map((w) => w.medianMs)))} ms; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs: on a busy machine read the server's CPU time)`,
  ];
  return lines.join('\n');
}

async function main() {
  const options = new Command('workspace')
    .option('--files <n>', 'programme files in the workspace', (v) => Number.parseInt(v, 10), 1000)
    .option('--measures <n>', 'measures per file', (v) => Number.parseInt(v, 10), 100)
    .option('--runs <n>', 'timed runs of each warm query', (v) => Number.parseInt(v, 10), 15)
    .option('--unwatched', 'the client reports no file events')
    .option('--server <file>', 'the built language server', path.join(here, '..', 'server', 'dist', 'server.cjs'))
    .parse(process.argv)
    .opts();
  const result = await measureWorkspace({ ...options, watched: options.unwatched !== true });
  process.stdout.write(`${table(result)}\n${JSON.stringify(result)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    process.stderr.write(`bench workspace: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
