/**
 * The start of the CLI and the server (issue 15, "Start-up"): the bundles are loaded with their V8
 * code cache (server/src/node/codeCache.ts, built as server/dist/load.cjs), and the import's and the
 * export's libraries (server/dist/vendor.cjs) are loaded only when a run needs them. How much time
 * this saves is a figure of `npm run bench`; here: that it is right.
 *
 * - A bundle loads as `require` would load it (exports, `__filename`, `require` from its folder), with
 *   its cache, without one, and with a cache that is not V8's or not the bundle's.
 * - The cache made with `produce` is written when the process exits, and used afterwards.
 * - `programme check` does not load vendor.cjs; `programme import` does, and its PDF reader's `import()`
 *   of pdf.js works from a bundle compiled with its cache.
 * - The `programme-language-server` bin, which loads the server with its cache, answers and publishes
 *   the example's diagnostics.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const LOADER = path.resolve('server/dist/load.cjs');
const EXAMPLE = path.resolve('examples/lokalvalget-2023.programme');

/** Runs `node -e script` in `cwd`; its stdout, stderr and exit status. */
function node(script: string, cwd = process.cwd()) {
  const r = spawnSync(process.execPath, ['-e', script], { cwd, encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8', LANGUAGE: '', LC_ALL: '', LC_MESSAGES: '' } });
  return { out: r.stdout, err: r.stderr, status: r.status };
}

describe('loading a bundle with its code cache (server/src/node/codeCache.ts)', function () {
  this.timeout(60_000);
  let dir: string;
  let bundle: string;

  before(function () {
    assert.ok(existsSync(LOADER), 'server/dist/load.cjs is missing: run "npm run build" first (npm test does).');
    dir = mkdtempSync(path.join(os.tmpdir(), 'programme-codecache-'));
    mkdirSync(path.join(dir, 'lib'));
    writeFileSync(path.join(dir, 'lib', 'helper.cjs'), 'module.exports = 40;\n');
    bundle = path.join(dir, 'bundle.cjs');
    writeFileSync(
      bundle,
      [
        "const helper = require('./lib/helper.cjs');",
        "const { sep } = require('node:path');",
        'function answer() { return helper + 2; }',
        'module.exports = { answer, file: __filename, dir: __dirname, self: module.filename, sep, same: require.cache[__filename] === module };',
        '',
      ].join('\n'),
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const load = (options = '{}') =>
    node(`const b = require(${JSON.stringify(LOADER)}).loadBundle(${JSON.stringify(bundle)}, ${options}); console.log(JSON.stringify({ ...b, answer: b.answer() }));`);
  const expected = () => ({ answer: 42, file: bundle, dir, self: bundle, sep: path.sep, same: true });

  it('loads a bundle without a cache as require would', () => {
    rmSync(`${bundle}.cache`, { force: true });
    const r = load();
    assert.equal(r.err, '');
    assert.deepEqual(JSON.parse(r.out), expected());
  });

  it('writes the cache when asked to, as the process exits, and loads the bundle with it', () => {
    rmSync(`${bundle}.cache`, { force: true });
    assert.deepEqual(JSON.parse(load('{ produce: true }').out), expected());
    assert.ok(statSync(`${bundle}.cache`).size > 0, 'the cache was written');
    const r = load();
    assert.equal(r.err, '');
    assert.deepEqual(JSON.parse(r.out), expected());
  });

  it('loads the bundle when its cache is not a V8 cache, or was made from another bundle', () => {
    writeFileSync(`${bundle}.cache`, 'not a code cache');
    assert.deepEqual(JSON.parse(load().out), expected());
    const other = path.join(dir, 'other.cjs');
    writeFileSync(other, 'module.exports = { other: true };\n');
    node(`require(${JSON.stringify(LOADER)}).loadBundle(${JSON.stringify(other)}, { produce: true })`);
    copyFileSync(`${other}.cache`, `${bundle}.cache`);
    assert.deepEqual(JSON.parse(load().out), expected());
  });
});

describe('the code caches of the build (scripts/codecache.mjs)', function () {
  this.timeout(30000);
  // V8 rejects a cache made under other flags: the server sets one after loading (lsp/heap.ts), and a
  // cache made with it set was rejected at every start (about 100 ms more to the first diagnostics).
  // The CLI's cache is made under the CLI's own flags (CLI_V8_FLAGS), which its bin sets before loading it.
  for (const bundle of ['cli.cjs', 'server.cjs']) {
    it(`V8 accepts the cache of ${bundle} in a fresh process`, () => {
      const file = path.resolve('server/dist', bundle);
      const flags = bundle === 'cli.cjs' ? `require('v8').setFlagsFromString(require(${JSON.stringify(LOADER)}).CLI_V8_FLAGS);` : '';
      const script = `${flags}const fs=require('fs'),vm=require('vm'),M=require('module');const f=${JSON.stringify(file)};const s=new vm.Script(M.wrap(fs.readFileSync(f,'latin1')),{filename:f,cachedData:fs.readFileSync(f+'.cache')});process.stdout.write(String(s.cachedDataRejected))`;
      assert.equal(node(script).out, 'false');
    });
  }
});

describe('the built CLI and what it loads', function () {
  this.timeout(60_000);

  // The bin sets CLI_V8_FLAGS through process.binding('v8') with its deprecation warning silenced (codeCache.ts, setV8Flags).
  for (const flag of ['--throw-deprecation', '--pending-deprecation']) {
    it(`sets the CLI's V8 flags without a warning, also under ${flag}`, () => {
      const r = spawnSync(process.execPath, [flag, path.resolve('server/bin/programme.cjs'), 'check', '--lang', 'en', EXAMPLE], { encoding: 'utf8' });
      assert.equal(r.stderr, '');
      assert.equal(r.status, 0);
      assert.match(r.stdout, /^No errors or warnings in 1 file\b/m);
    });
  }

  /** The files `require` loaded in a process that ran the bundled CLI with `args`, and what it printed. */
  function loadedBy(args: string[]) {
    const r = node(
      [
        `const cli = require(${JSON.stringify(LOADER)}).loadBundle(${JSON.stringify(path.resolve('server/dist/cli.cjs'))});`,
        `cli.main(${JSON.stringify(args)}, { out: (s) => process.stdout.write(s + '\\n'), err: (s) => process.stderr.write(s + '\\n'), env: { LANG: 'en_US.UTF-8' } })`,
        `.then((code) => process.stdout.write('\\n' + JSON.stringify({ code, loaded: Object.keys(require.cache).map((f) => require('node:path').basename(f)) }) + '\\n'));`,
      ].join(''),
    );
    const lines = r.out.trimEnd().split('\n');
    const result = JSON.parse(lines.pop()!) as { code: number; loaded: string[] };
    return { ...result, out: lines.join('\n'), err: r.err };
  }

  it('checks the example without loading the libraries of the import and the export (vendor.cjs)', () => {
    const r = loadedBy(['check', EXAMPLE]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^No errors or warnings in 1 file\b/m);
    assert.ok(r.loaded.includes('cli.cjs'), r.loaded.join(', '));
    assert.ok(!r.loaded.includes('vendor.cjs'), `check loaded ${r.loaded.join(', ')}`);
  });

  it('imports a PDF with them, through import() of pdf.js from the cached bundle', () => {
    const r = loadedBy(['import', path.resolve('test/fixtures/import/pdf/simple.pdf')]);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out.trimEnd(), readFileSync('test/fixtures/import/pdf/simple.pdf.expected', 'utf8').trimEnd());
    assert.ok(r.loaded.includes('vendor.cjs'), r.loaded.join(', '));
  });
});

describe('the programme-language-server bin (the server loaded with its code cache)', function () {
  this.timeout(60_000);

  it('answers initialize and publishes the diagnostics of the example', async () => {
    const proc = spawn(process.execPath, [path.resolve('server/bin/programme-language-server.cjs'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    const uri = pathToFileURL(EXAMPLE).href;
    const published = new Promise<{ uri: string; diagnostics: unknown[] }>((resolve) => {
      connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: unknown[] }) => {
        if (params.uri === uri) resolve(params);
      });
    });
    connection.listen();
    try {
      const result = (await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} })) as { serverInfo?: { name: string } };
      assert.equal(result.serverInfo?.name, 'programme-language-server');
      connection.sendNotification('initialized', {});
      connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'programme', version: 1, text: readFileSync(EXAMPLE, 'utf8') } });
      assert.deepEqual((await published).diagnostics, []);
    } finally {
      connection.dispose();
      proc.kill();
    }
  });
});
