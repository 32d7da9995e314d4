// The V8 code caches of the CLI and the server, made by the build after a typical run of each.
/**
 * `makeCodeCaches(root)` (scripts/build.mjs, after bundling): runs each bundle once in a child process
 * through server/dist/load.cjs with `produce` (server/src/node/codeCache.ts), which writes
 * `server/dist/cli.cjs.cache` and `server/dist/server.cjs.cache` as the child exits. What a cache holds
 * is what V8 compiled until then, so each run does what a start does: the CLI checks the bundled
 * example (with the CLI's V8 flags, `CLI_V8_FLAGS`, as its bin runs it); the server answers
 * `initialize`, publishes the example's diagnostics, answers the requests an editor sends on opening a
 * file, and exits.
 *
 * The caches are made with the Node that runs the build, and hold only for it (V8 rejects them for
 * another version or other flags, and the bundles are then compiled as always). A cache that cannot be
 * made is left out, with a warning: it only saves time.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const EXAMPLE = 'examples/lokalvalget-2023.programme';

/** Runs `node -e script args…` in `root`; resolves with its exit code, stdout and stderr; `talk` may drive its stdio. */
function runNode(root, script, args, talk) {
  return new Promise((resolve) => {
    // V8 checks a cache against the flags of the process that loads it, and writes the flags of the one
    // that makes it: the server sets `--heap-growing-percent` after its bundle is loaded (lsp/heap.ts),
    // so the run that makes its cache must not (0 leaves V8's flags alone), or every start rejects it.
    const env = { ...process.env, PROGRAMME_HEAP_GROWING_PERCENT: '0' };
    const child = spawn(process.execPath, ['-e', script, '--', ...args], { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
    });
    const timer = setTimeout(() => child.kill(), 60_000);
    if (talk !== undefined) talk(child);
    else {
      child.stdout.resume();
      child.stdin.end();
    }
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, err });
    });
  });
}

/** Writes the LSP message `message` to `stream` (Content-Length framing). */
function send(stream, message) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
  stream.write(`Content-Length: ${body.length}\r\n\r\n`);
  stream.write(body);
}

/** Calls `onMessage` with each LSP message read from `stream`. */
function readMessages(stream, onMessage) {
  let buffer = Buffer.alloc(0);
  stream.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const headerEnd = buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
      if (buffer.length < headerEnd + 4 + length) return;
      onMessage(JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')));
      buffer = buffer.subarray(headerEnd + 4 + length);
    }
  });
}

/** The server's typical start: initialize, open the example, wait for its diagnostics and the first requests, shut down. */
function driveServer(root) {
  return (child) => {
    const uri = `file://${path.join(root, EXAMPLE)}`;
    const text = readFileSync(path.join(root, EXAMPLE), 'utf8');
    const pending = new Set();
    let published = false;
    const finish = () => {
      if (!published || pending.size > 0) return;
      published = false;
      send(child.stdin, { id: 99, method: 'shutdown' });
    };
    readMessages(child.stdout, (m) => {
      if (m.id === 1 && m.result !== undefined) {
        send(child.stdin, { method: 'initialized', params: {} });
        send(child.stdin, { method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'programme', version: 1, text } } });
        const requests = ['textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/codeLens'];
        requests.forEach((method, i) => {
          pending.add(10 + i);
          send(child.stdin, { id: 10 + i, method, params: { textDocument: { uri } } });
        });
      } else if (m.method === 'textDocument/publishDiagnostics' && m.params?.uri === uri) {
        published = true;
        finish();
      } else if (m.id === 99) {
        send(child.stdin, { method: 'exit' });
      } else if (m.id !== undefined && m.method !== undefined) {
        // A request of the server (configuration, registrations): answer it with nothing.
        send(child.stdin, { id: m.id, result: m.method === 'workspace/configuration' ? (m.params?.items ?? []).map(() => null) : null });
      } else if (pending.delete(m.id)) {
        finish();
      }
    });
    send(child.stdin, { id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
  };
}

/** Makes server/dist/{cli,server}.cjs.cache (see the module comment); warns about a cache it cannot make. */
export async function makeCodeCaches(root) {
  const loader = JSON.stringify(path.join(root, 'server', 'dist', 'load.cjs'));
  const load = (bundle, flags = '') => `require(${loader}).loadBundle(${JSON.stringify(path.join(root, 'server', 'dist', bundle))}, { produce: true${flags} })`;
  const runs = [
    // With the CLI's V8 flags, as its bin sets them: V8 accepts a cache only under the flags it was made with.
    ['cli.cjs', runNode(root, `${load('cli.cjs', `, v8Flags: require(${loader}).CLI_V8_FLAGS`)}.main(['check', ${JSON.stringify(EXAMPLE)}])`, [])],
    ['server.cjs', runNode(root, load('server.cjs'), ['--stdio'], driveServer(root))],
  ];
  for (const [bundle, run] of runs) {
    const { code, err } = await run;
    const cache = path.join(root, 'server', 'dist', `${bundle}.cache`);
    if (!existsSync(cache)) process.stderr.write(`build: no code cache for ${bundle} (exit ${code}): ${err.trim().slice(-500)}\n`);
  }
}
