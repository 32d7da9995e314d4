// Keystroke latency of the language server: one character typed in the middle → publishDiagnostics.
/**
 * `node bench/keystroke.mjs --file FILE [--server server/dist/server.cjs] [--runs N] [--warmup W]`
 *
 * Starts the built server (`node SERVER --stdio`) as a child process, talks LSP to it over stdio with
 * vscode-jsonrpc, opens FILE, waits for its first diagnostics, then types one character at a time in
 * the middle of the document (the middle of the middle non-blank line; an incremental `didChange`, or
 * the full text if the server asks for full sync) and measures, for each keystroke:
 *
 * - over stdio: from just before the `didChange` is written to the arrival of the `publishDiagnostics`
 *   for that version (or, from a server that does not send versions, the next one for the document);
 * - inside the server: the time the server reports in a `$/programme/timing` notification, from
 *   receiving the change to sending its diagnostics, minus the time it waited on purpose (debounce).
 *
 * The server is started with `PROGRAMME_DIAGNOSTICS_DELAY_MS=0` (no debounce) and `PROGRAMME_TIMING=1`
 * (send the timing notification), see bench/README.md. A server that ignores them still works: then
 * the stdio figure includes its debounce (`debounceCounted: true` in the output) and there is no inside
 * figure. The server's peak resident set size is read from /proc/PID/status (VmHWM) before shutdown.
 *
 * Output: one line of JSON: `{ tool: 'ours.keystroke', file, bytes, runs, medianMs, serverRuns,
 * serverMedianMs, debounceCounted, serverPeakRssKB, diagnostics }` (times in ms).
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Command } from 'commander';
import rpc from 'vscode-jsonrpc/node.js';
import { median } from './worker.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Where to type: the middle of the middle non-blank line, as a 0-based LSP position and an offset. */
export function middleOf(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  for (let line = starts.length >> 1; line < starts.length; line++) {
    const end = line + 1 < starts.length ? starts[line + 1] - 1 : text.length;
    const content = text.slice(starts[line], end).replace(/\r$/, '');
    // Inside the words of a line of text, never at its start (that could change what the line is).
    if (content.trim().length >= 8) {
      const character = Math.max(4, content.length >> 1);
      return { position: { line, character }, offset: starts[line] + character };
    }
  }
  return { position: { line: 0, character: 0 }, offset: 0 };
}

/** Waits for the first value passed to {@link deliver} that satisfies `accept`; undefined after `ms`. */
function next(listeners, accept, ms) {
  return new Promise((resolve) => {
    const entry = { accept, resolve: (v) => { clearTimeout(timer); resolve(v); } };
    const timer = setTimeout(() => {
      listeners.delete(entry);
      resolve(undefined);
    }, ms);
    listeners.add(entry);
  });
}

/** Hands `value` (a notification's params) to the waiters in `listeners` that accept it. */
function deliver(listeners, value) {
  for (const l of [...listeners]) {
    if (l.accept(value)) {
      listeners.delete(l);
      l.resolve(value);
    }
  }
}

/** The peak resident set size of process `pid` in KB (Linux), or undefined. */
export function peakRssKB(pid) {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Measures the keystroke latency of `server` on `file`; resolves with the output object described in
 * the module comment. Rejects when the server does not start or does not answer within `timeoutMs`.
 */
export async function measureKeystrokes({ file, server, runs = 5, warmup = 3, timeoutMs = 60000 }) {
  const child = spawn(process.execPath, [server, '--stdio'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, PROGRAMME_DIAGNOSTICS_DELAY_MS: '0', PROGRAMME_TIMING: '1' },
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const published = new Set();
  const timings = new Set();
  let timingSeen = false;
  connection.onNotification('textDocument/publishDiagnostics', (params) => deliver(published, params));
  connection.onNotification('$/programme/timing', (params) => {
    timingSeen = true;
    deliver(timings, params);
  });
  connection.onNotification(() => {});
  // Requests from the server: settings (none, so defaults), registrations, progress: all answered.
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => null));
  connection.onRequest(() => null);
  connection.listen();

  const text0 = fs.readFileSync(file, 'utf8');
  const uri = pathToFileURL(path.resolve(file)).href;
  const fail = (what) => new Error(`The language server (${server}) did not ${what} within ${timeoutMs} ms.${stderr ? ` Its error output: ${stderr.slice(0, 2000)}` : ''}`);
  try {
    const init = await Promise.race([
      connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: null,
        workspaceFolders: null,
        capabilities: {
          textDocument: {
            synchronization: { dynamicRegistration: false, didSave: true },
            publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          },
          workspace: { configuration: true, workspaceFolders: false },
        },
      }),
      new Promise((_, reject) => setTimeout(() => reject(fail('answer "initialize"')), timeoutMs)),
    ]);
    const sync = init.capabilities?.textDocumentSync;
    const incremental = (typeof sync === 'number' ? sync : sync?.change) === 2;
    connection.sendNotification('initialized', {});

    let text = text0;
    let version = 1;
    const first = next(published, (p) => p.uri === uri, timeoutMs);
    connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'programme', version, text } });
    const opened = await first;
    if (opened === undefined) throw fail('publish diagnostics for the opened document');

    const { position, offset } = middleOf(text);
    const stdio = [];
    const inside = [];
    let last = opened;
    let timingMissed = 0;
    for (let i = 0; i < warmup + runs; i++) {
      version += 1;
      text = text.slice(0, offset) + 'e' + text.slice(offset);
      const v = version;
      const diagnostics = next(published, (p) => p.uri === uri && (p.version === undefined || p.version === v), timeoutMs);
      const timing = next(timings, (t) => t.uri === uri && t.version === v, timeoutMs);
      const change = incremental ? { range: { start: position, end: position }, text: 'e' } : { text };
      const start = performance.now();
      connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [change] });
      const p = await diagnostics;
      const ms = performance.now() - start;
      if (p === undefined) throw fail(`publish diagnostics for version ${v}`);
      last = p;
      // The timing notification follows the diagnostics; wait briefly for it unless the server never sends it.
      const t = timingSeen || timingMissed < 2 ? await Promise.race([timing, new Promise((r) => setTimeout(() => r(undefined), 300))]) : undefined;
      if (t === undefined) timingMissed++;
      if (i < warmup) continue;
      stdio.push(ms);
      if (t !== undefined) inside.push(t.receivedToPublishedMs - (t.debounceMs ?? 0));
    }
    const serverPeakRssKB = peakRssKB(child.pid);
    await Promise.race([connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 5000))]);
    connection.sendNotification('exit');
    return {
      tool: 'ours.keystroke',
      file: path.relative(process.cwd(), file),
      bytes: Buffer.byteLength(text0),
      runs: stdio,
      medianMs: median(stdio),
      serverRuns: inside,
      serverMedianMs: median(inside),
      debounceCounted: !timingSeen,
      serverPeakRssKB,
      sync: incremental ? 'incremental' : 'full',
      diagnostics: last.diagnostics.length,
    };
  } finally {
    connection.dispose();
    const timer = setTimeout(() => child.kill(), 3000);
    await exited;
    clearTimeout(timer);
  }
}

async function main() {
  const options = new Command('keystroke')
    .requiredOption('--file <file>', 'the programme to open')
    .option('--server <file>', 'the built language server', path.join(here, '..', 'server', 'dist', 'server.cjs'))
    .option('--runs <n>', 'timed keystrokes', (v) => Number.parseInt(v, 10), 9)
    .option('--warmup <n>', 'keystrokes before timing', (v) => Number.parseInt(v, 10), 3)
    .parse(process.argv)
    .opts();
  const result = await measureKeystrokes(options);
  process.stdout.write(JSON.stringify(result) + '\n');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    process.stderr.write(`bench keystroke: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
