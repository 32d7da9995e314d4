// Start-up (issue 15): `programme check` as a whole process beside `node -e 0`, and the language server's first diagnostics.
/**
 * `node bench/startup.mjs [--file FILE] [--runs N]` (run by bench/run.mjs; needs `npm run build`).
 *
 * - Whole process: `node server/bin/programme.cjs check FILE` and `node -e 0` (Node's own start and
 *   exit, the yardstick), started in turn (A B A B …, after one warm-up each), each timed from its
 *   spawn to its exit (wall clock, and CPU time where /proc tells it: steadier on a busy machine). The ratio is taken pair by pair and its median reported (pairing keeps it
 *   meaningful when the machine's speed drifts), beside the two medians.
 * - First diagnostics: a language server is started as an editor starts it, `initialize` is sent at
 *   once (with the capabilities VS Code sends that matter here: configuration, versioned diagnostics),
 *   then `initialized` and `didOpen` of FILE as soon as `initialize` is answered; timed from just
 *   before `initialize` is written (right after the spawn: the server's whole start is inside) to the
 *   arrival of FILE's `publishDiagnostics`, and the server's CPU time until then. Two ways to start it: the `programme-language-server` bin
 *   (server/bin/, loads the bundle with its code cache, server/src/node/codeCache.ts), and
 *   `node server/dist/server.cjs`, which VS Code runs (without the cache: its Node is Electron's,
 *   for which the build's cache does not hold).
 *
 * Output: one line of JSON: `{ tool: 'startup', file, check: { runs, medianMs, cpuMedianMs, baseline:
 * { runs, medianMs, cpuMedianMs }, ratios, ratio, cpuRatio }, firstDiagnostics: { bin: { runs,
 * medianMs, initializeMs, cpuMedianMs }, server: { … } } }` (times in ms; `ratio` is the median of
 * the pairs' wall-clock ratios, `cpuRatio` the ratio of the CPU medians).
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Command } from 'commander';
import rpc from 'vscode-jsonrpc/node.js';
import { median } from './worker.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

/**
 * CPU time (user + system, ms) from /proc (Linux; undefined elsewhere), counted in clock ticks (USER_HZ,
 * 100 a second on Linux: 10 ms steps): of the process `pid`, or with `children`, of this process's
 * children that have ended and been waited for.
 */
export function cpuMs(pid = 'self', children = false) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After the command's name in parentheses: field 3 (state) is [0]; utime, stime are fields 14, 15; cutime, cstime 16, 17.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const at = children ? 13 : 11;
    return ((Number(fields[at]) + Number(fields[at + 1])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/**
 * Runs `node args…` to its end with empty input and ignored output; resolves with `{ ms, cpuMs }`, its
 * wall time and CPU time (see {@link cpuMs}), or rejects on a failure.
 */
function timeProcess(args) {
  return new Promise((resolve, reject) => {
    const cpuBefore = cpuMs('self', true);
    const start = performance.now();
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => { err += d; });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - start;
      const cpuAfter = cpuMs('self', true);
      // `check` exits 1 when the file has errors: that is a result, not a failure.
      if (code === 0 || code === 1) resolve({ ms, cpuMs: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore });
      else reject(new Error(`node ${args.join(' ')} exited with ${code}: ${err.slice(0, 1000)}`));
    });
  });
}

/** The whole-process figures of `programme check file` beside `node -e 0` (see the module comment). */
export async function measureCheck(file, runs) {
  const check = [path.join(root, 'server', 'bin', 'programme.cjs'), 'check', file];
  const baseline = ['-e', '0'];
  await timeProcess(check);
  await timeProcess(baseline);
  const a = [];
  const b = [];
  for (let i = 0; i < runs; i++) {
    a.push(await timeProcess(check));
    b.push(await timeProcess(baseline));
  }
  const figures = (list) => {
    const cpu = list.map((r) => r.cpuMs).filter((v) => v !== undefined);
    return { runs: list.map((r) => r.ms), medianMs: median(list.map((r) => r.ms)), cpuMedianMs: cpu.length === list.length ? median(cpu) : undefined };
  };
  const ratios = a.map((r, i) => r.ms / b[i].ms);
  const baselineFigures = figures(b);
  const checkFigures = figures(a);
  const cpuRatio = checkFigures.cpuMedianMs !== undefined && baselineFigures.cpuMedianMs ? checkFigures.cpuMedianMs / baselineFigures.cpuMedianMs : undefined;
  return { ...checkFigures, baseline: baselineFigures, ratios, ratio: median(ratios), cpuRatio };
}

/**
 * Starts the language server with `args` (after `node`), initializes it, opens `file`; resolves with
 * `{ firstMs, initializeMs }`, the times from just before `initialize` is written to its diagnostics
 * and to its answer.
 */
async function firstDiagnostics(args, file, timeoutMs = 30000) {
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const uri = pathToFileURL(path.resolve(file)).href;
  const text = fs.readFileSync(file, 'utf8');
  let start = 0;
  const published = new Promise((resolve) => {
    connection.onNotification('textDocument/publishDiagnostics', (params) => {
      if (params.uri === uri) resolve({ ms: performance.now() - start, cpuMs: cpuMs(child.pid) });
    });
  });
  connection.onNotification(() => {});
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => null));
  connection.onRequest(() => null);
  connection.listen();
  const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error(`node ${args.join(' ')}: no diagnostics within ${timeoutMs} ms. ${stderr.slice(0, 1000)}`)), timeoutMs));
  try {
    start = performance.now();
    const initialized = connection
      .sendRequest('initialize', {
        processId: process.pid,
        rootUri: null,
        workspaceFolders: null,
        capabilities: {
          textDocument: { synchronization: { dynamicRegistration: false, didSave: true }, publishDiagnostics: { relatedInformation: true, versionSupport: true } },
          workspace: { configuration: true, workspaceFolders: false },
        },
      })
      .then(() => {
        const initializeMs = performance.now() - start;
        connection.sendNotification('initialized', {});
        connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'programme', version: 1, text } });
        return initializeMs;
      });
    const [initializeMs, first] = await Promise.race([Promise.all([initialized, published]), timeout]);
    await Promise.race([connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 5000))]);
    connection.sendNotification('exit');
    return { firstMs: first.ms, cpuMs: first.cpuMs, initializeMs };
  } finally {
    connection.dispose();
    const timer = setTimeout(() => child.kill(), 3000);
    await exited;
    clearTimeout(timer);
  }
}

/** First-diagnostics figures for each way to start the server (see the module comment), one warm-up start each. */
export async function measureFirstDiagnostics(file, runs) {
  const ways = {
    bin: [path.join(root, 'server', 'bin', 'programme-language-server.cjs'), '--stdio'],
    server: [path.join(root, 'server', 'dist', 'server.cjs'), '--stdio'],
  };
  const out = {};
  for (const [name, args] of Object.entries(ways)) {
    await firstDiagnostics(args, file);
    const first = [];
    const init = [];
    const cpu = [];
    for (let i = 0; i < runs; i++) {
      const r = await firstDiagnostics(args, file);
      first.push(r.firstMs);
      init.push(r.initializeMs);
      if (r.cpuMs !== undefined) cpu.push(r.cpuMs);
    }
    out[name] = { runs: first, medianMs: median(first), initializeMs: median(init), cpuMedianMs: cpu.length === runs ? median(cpu) : undefined };
  }
  return out;
}

async function main() {
  const options = new Command('startup')
    .option('--file <file>', 'the programme to check and open', path.join(root, 'examples', 'lokalvalget-2023.programme'))
    .option('--runs <n>', 'timed runs of each', (v) => Math.max(3, Number.parseInt(v, 10) || 3), 15)
    .parse(process.argv)
    .opts();
  const check = await measureCheck(options.file, options.runs);
  const firstDiagnostics = await measureFirstDiagnostics(options.file, Math.max(5, options.runs >> 1));
  process.stdout.write(`${JSON.stringify({ tool: 'startup', file: path.relative(root, options.file), check, firstDiagnostics })}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    process.stderr.write(`bench startup: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
