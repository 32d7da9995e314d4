/**
 * The language server with a misbehaving client: the built server (`server/dist/server.cjs`, made by
 * `npm run build`) is started over stdio and fed raw bytes and JSON-RPC messages that a careful client
 * never sends: bad JSON, bad `Content-Length` headers, wrong parameter types, unknown methods and URIs,
 * positions past the end and negative, versions out of order, a very large document, rapid edits and
 * cancellations. The server must answer every request with a result or a proper JSON-RPC error, never
 * exit, and hold no more than twice the memory after the run than before it, from its
 * `$/programme/memory` request (the server runs with `--expose-gc`, so that garbage not yet collected
 * does not count): the JavaScript heap in use, against the server after a warm-up with the example;
 * the resident set size, against the server after it has also read and closed one large document once
 * (node keeps its young generation grown and the C allocator keeps freed memory after a large
 * document, about 2.5 times the warm-up's size after 50 MB; what counts is that the run adds nothing).
 *
 * The client is test/lsp-client.ts's `StdioClient`. Sizes: `npm test` runs a 5 MB document, 1,000 edits and 300 random messages; `npm run fuzz` sets
 * LSP_ROBUSTNESS=long for a 50 MB document, 10,000 edits and 5,000 random messages.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentSymbol, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { analyse } from '../server/src/rules/index';
import { documentSymbols } from '../server/src/features/outline';
import { contentLength, FrameFilter, MAX_CONTENT_LENGTH } from '../server/src/lsp/framing';
import { assertAnswer, frame, framed, METHOD_NOT_FOUND, REQUEST_CANCELLED, StdioClient, type Message } from './lsp-client';

const EXAMPLE = readFileSync('examples/lokalvalget-2023.programme', 'utf8');
const LONG = process.env.LSP_ROBUSTNESS === 'long';
const SIZES = LONG ? { documentBytes: 50_000_000, edits: 10_000, randomMessages: 5_000 } : { documentBytes: 5_000_000, edits: 1_000, randomMessages: 300 };

/** A large programme of about `size` UTF-16 code units: pillars of 40 measures each, with references and labels. */
function largeProgramme(size: number): string {
  const parts: string[] = ['---\ntitle: Et stort program\n---\n\n'];
  let length = parts[0].length;
  for (let p = 1; length < size; p++) {
    const heading = `# ${p}. Søyle ${p} {#s${p}}\n\n`;
    parts.push(heading);
    length += heading.length;
    for (let m = 1; m <= 40 && length < size; m++) {
      const line = `${m}. Tiltak ${p}-${m} om ord${(p * 7919 + m * 104729) % 1000003} for ${p * 1000 + m} innbyggere, se [[${p}.${Math.max(1, m - 1)}]] og [[#s${p}]].\n\n`;
      parts.push(line);
      length += line.length;
    }
  }
  return parts.join('');
}

const pos = (line: number, character: number) => ({ line, character });

/** Every request that takes a document and a position, with the rest of its parameters. */
const POSITION_REQUESTS: [string, Record<string, unknown>][] = [
  ['textDocument/hover', {}],
  ['textDocument/definition', {}],
  ['textDocument/references', { context: { includeDeclaration: true } }],
  ['textDocument/prepareRename', {}],
  ['textDocument/rename', { newName: 'nytt' }],
  ['textDocument/completion', {}],
  ['textDocument/onTypeFormatting', { ch: '\n', options: { tabSize: 2, insertSpaces: true } }],
];

/** Every request the server handles, for the random messages. */
const METHODS = [
  ...POSITION_REQUESTS.map(([m]) => m),
  'textDocument/documentSymbol',
  'textDocument/inlayHint',
  'textDocument/codeLens',
  'textDocument/foldingRange',
  'textDocument/selectionRange',
  'textDocument/codeAction',
  'workspace/symbol',
  'workspace/executeCommand',
  'programme/unknown',
];

/** Notifications a client may send (never `exit`: that one is meant to end the server). */
const NOTIFICATIONS = [
  'textDocument/didOpen',
  'textDocument/didChange',
  'textDocument/didClose',
  'textDocument/didSave',
  'workspace/didChangeConfiguration',
  'workspace/didChangeWatchedFiles',
  'workspace/didChangeWorkspaceFolders',
  '$/cancelRequest',
  '$/setTrace',
  'programme/unknownNotification',
];

describe('the language server with a misbehaving client (stdio)', function () {
  this.timeout(LONG ? 1_800_000 : 60_000);
  let client: StdioClient;
  /** The heap in use after the warm-up, and the resident set after a large document was read and closed. */
  let baseline: { rss: number; heapUsed: number };
  const uri = 'file:///robustness/eksempel.programme';
  const exampleLines = EXAMPLE.split(/\r\n?|\n/).length;

  /** A hover on the example's first measure reference, which must be answered with its target. */
  async function probeHover(what: string): Promise<void> {
    const m = await client.request('textDocument/hover', { textDocument: { uri }, position: pos(20, 2) }, 10_000).catch((e: Error) => {
      throw new Error(`${what}: ${e.message}`);
    });
    assert.match(JSON.stringify(m.result), /Skape arbeidsplasser/, what);
    client.assertAlive();
  }

  before(async function () {
    client = new StdioClient({ nodeOptions: ['--expose-gc'] });
    const capabilities = { textDocument: { documentSymbol: { hierarchicalDocumentSymbolSupport: true } } };
    const init = await client.request('initialize', { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities });
    assert.ok((init.result as { capabilities: unknown }).capabilities);
    client.notify('initialized', {});
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'programme', version: 1, text: EXAMPLE } });
    // Warm up every feature once, so that the memory measured before is the server at work.
    for (const [method, extra] of POSITION_REQUESTS) await client.request(method, { textDocument: { uri }, position: pos(36, 1), ...extra });
    for (const method of METHODS.slice(POSITION_REQUESTS.length)) await client.request(method, { textDocument: { uri }, range: { start: pos(0, 0), end: pos(200, 0) }, positions: [pos(3, 3)], context: { diagnostics: [] }, query: 'a', command: 'x' });
    await probeHover('after the warm-up');
    const warmUp = 'file:///robustness/oppvarming.programme';
    client.notify('textDocument/didOpen', { textDocument: { uri: warmUp, languageId: 'programme', version: 1, text: largeProgramme(SIZES.documentBytes) } });
    // The large document's analysis (in the server's worker threads) finished before it is closed.
    await client.until('the warm-up document analysed', () => client.diagnostics.find((p) => p.uri === warmUp), 600_000);
    await client.request('textDocument/foldingRange', { textDocument: { uri: warmUp } }, 600_000);
    client.notify('textDocument/didClose', { textDocument: { uri: warmUp } });
    // After the large document: the server's worker threads (started for it, kept) are part of the baseline.
    const { rss, heapUsed } = await client.memoryMb();
    baseline = { rss, heapUsed };
  });

  after(() => client?.dispose());

  describe('bad bytes and bad headers', function () {
    const cases: [string, Buffer | string][] = [
      ['a body that is not JSON', 'Content-Length: 10\r\n\r\n{not json}'],
      ['a body that is JSON but not a message', 'Content-Length: 4\r\n\r\nnull'],
      ['an empty body', 'Content-Length: 0\r\n\r\n'],
      ['a body that is not UTF-8', framed(Buffer.from([0x7b, 0xff, 0xfe, 0x22, 0x7d]))],
      ['a Content-Length that is not a number', 'Content-Length: abc\r\n\r\n'],
      ['a negative Content-Length', 'Content-Length: -5\r\n\r\n'],
      ['a header block without Content-Length', 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n'],
      ['a header line without ":"', 'this is not a header\r\n\r\n'],
      ['a bad Content-Length with a body behind it', `Content-Length: x\r\n\r\n${JSON.stringify({ jsonrpc: '2.0', id: 'lost', method: 'textDocument/hover', params: {} })}`],
      ['garbage bytes before a header', Buffer.from([0x00, 0xff, 0x0d, 0x0a, 0x41, 0x0d])],
      ['a Content-Length of 2 GB', `Content-Length: ${2 * MAX_CONTENT_LENGTH}\r\n\r\n`],
      ['a request without a method', frame({ jsonrpc: '2.0', id: 'no-method' })],
      ['a request whose method is a number', frame({ jsonrpc: '2.0', id: 'number-method', method: 42 })],
      ['a response to nothing', frame({ jsonrpc: '2.0', id: 123456, result: {} })],
      ['a cancellation without parameters', frame({ jsonrpc: '2.0', method: '$/cancelRequest', params: null })],
      ['a JSON-RPC 1.0 message', frame({ jsonrpc: '1.0', id: 'old', method: 'textDocument/hover', params: {} })],
    ];
    for (const [name, bytes] of cases) {
      it(`reads past ${name}, answering the request sent right behind it`, async function () {
        // One write, so that the bad bytes and the request arrive in the same chunk.
        const id = client.id();
        const answered = client.answer(id, 10_000);
        client.write(Buffer.concat([Buffer.from(bytes), frame({ jsonrpc: '2.0', id, method: 'textDocument/hover', params: { textDocument: { uri }, position: pos(20, 2) } })]));
        const m = await answered;
        assertAnswer(m, id, name);
        assert.match(JSON.stringify(m.result), /Skape arbeidsplasser/);
        client.assertAlive();
      });
    }

    it('reads a message whose header arrives one byte at a time', async function () {
      const id = client.id();
      const answered = client.answer(id, 10_000);
      const bytes = frame({ jsonrpc: '2.0', id, method: 'textDocument/hover', params: { textDocument: { uri }, position: pos(20, 2) } });
      for (let i = 0; i < 40; i++) client.write(bytes.subarray(i, i + 1));
      client.write(bytes.subarray(40));
      assertAnswer(await answered, id, 'byte by byte');
    });
  });

  describe('the frame filter (server/src/lsp/framing.ts)', function () {
    it('reads the Content-Length of a header block, or says what is wrong with it', function () {
      assert.equal(contentLength('Content-Length: 52'), 52);
      assert.equal(contentLength('content-length:7\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8'), 7);
      assert.deepEqual(contentLength('Content-Length: -5'), { problem: `Content-Length must be a whole number of bytes from 0 to ${MAX_CONTENT_LENGTH}; found "-5"` });
      assert.deepEqual(contentLength('Content-Type: x'), { problem: 'a header block has no Content-Length: "Content-Type: x"' });
      assert.deepEqual(contentLength('garbage'), { problem: 'a header line is not "Name: value": "garbage"' });
    });

    it('passes good messages through unchanged and drops bad header blocks, reporting each', async function () {
      const problems: string[] = [];
      const filter = new FrameFilter((p) => problems.push(p));
      const out: Buffer[] = [];
      filter.on('data', (d: Buffer) => out.push(d));
      const good = frame({ jsonrpc: '2.0', id: 1, method: 'm' });
      filter.write(Buffer.concat([Buffer.from('Content-Length: -1\r\n\r\n'), good.subarray(0, 10)]));
      filter.write(Buffer.concat([good.subarray(10), Buffer.from('x\r\n\r\n'), good]));
      filter.end();
      await new Promise((resolve) => filter.on('end', resolve));
      assert.equal(Buffer.concat(out).toString(), `${good.toString()}${good.toString()}`);
      assert.deepEqual(problems, [
        `Ignored 22 bytes of input that are not a message (Content-Length must be a whole number of bytes from 0 to ${MAX_CONTENT_LENGTH}; found "-1").`,
        'Ignored 5 bytes of input that are not a message (a header line is not "Name: value": "x").',
      ]);
    });
  });

  describe('requests the server does not know, and wrong parameters', function () {
    it('answers an unknown request with MethodNotFound, and ignores unknown notifications', async function () {
      client.notify('programme/noSuchNotification', { a: 1 });
      const m = await client.request('programme/noSuchRequest', { a: 1 });
      assert.equal(m.error?.code, METHOD_NOT_FOUND);
      await probeHover('after an unknown notification');
    });

    it('answers requests on a document that is not open with empty results', async function () {
      const other = { uri: 'file:///robustness/not-open.programme' };
      assert.equal((await client.request('textDocument/hover', { textDocument: other, position: pos(0, 0) })).result, null);
      assert.deepEqual((await client.request('textDocument/completion', { textDocument: other, position: pos(0, 0) })).result, []);
      assert.deepEqual((await client.request('textDocument/documentSymbol', { textDocument: { uri: 'untitled:Untitled-9' } })).result, []);
      assert.deepEqual((await client.request('textDocument/foldingRange', { textDocument: { uri: 'not a uri at all' } })).result, []);
    });

    it('answers positions past the end and negative positions, with ranges inside the document', async function () {
      for (const [method, extra] of POSITION_REQUESTS) {
        for (const position of [pos(100_000, 0), pos(5, 100_000), pos(-1, 0), pos(0, -7), pos(-3, -3), pos(2 ** 31, 2 ** 31)]) {
          const m = await client.request(method, { textDocument: { uri }, position, ...extra });
          for (const [, line] of JSON.stringify(m.result ?? null).matchAll(/"line":(-?\d+)/g)) {
            assert.ok(Number(line) >= 0 && Number(line) < exampleLines, `${method} at ${JSON.stringify(position)} answered line ${line}`);
          }
        }
      }
      const ranges = await client.request('textDocument/inlayHint', { textDocument: { uri }, range: { start: pos(-5, -5), end: pos(10 ** 9, 0) } });
      assert.ok(Array.isArray(ranges.result));
      const selections = await client.request('textDocument/selectionRange', { textDocument: { uri }, positions: [pos(-1, -1), pos(10 ** 6, 4)] });
      assert.equal((selections.result as unknown[]).length, 2);
    });

    it('answers requests whose parameters have the wrong types with a result or an error', async function () {
      const wrong: unknown[] = [null, 42, 'text', [], {}, { textDocument: null }, { textDocument: { uri: 42 }, position: 'here' }, { textDocument: { uri }, position: { line: '3', character: null } }];
      for (const method of METHODS) {
        for (const params of wrong) {
          const m = await client.request(method, params);
          if (method === 'programme/unknown') assert.equal(m.error?.code, METHOD_NOT_FOUND);
        }
      }
      await probeHover('after wrong parameter types');
    });

    it(`answers ${SIZES.randomMessages} random requests and survives as many random notifications`, async function () {
      const json = fc.jsonValue({ maxDepth: 3 });
      const position = fc.oneof(fc.record({ line: fc.integer({ min: -3, max: 250 }), character: fc.integer({ min: -3, max: 200 }) }), json);
      const document = fc.oneof(fc.constant({ uri }), fc.record({ uri: fc.oneof(fc.constant('file:///robustness/other.programme'), fc.string()), version: json }), json);
      const params = fc.oneof(
        json,
        fc.record(
          {
            textDocument: document,
            position,
            positions: fc.oneof(fc.array(position, { maxLength: 4 }), json),
            range: fc.oneof(fc.record({ start: position, end: position }), json),
            context: fc.oneof(fc.record({ includeDeclaration: fc.boolean(), diagnostics: fc.oneof(fc.constant([]), json), only: fc.oneof(fc.constant(['quickfix']), json) }), json),
            newName: fc.oneof(fc.string(), json),
            ch: fc.oneof(fc.constantFrom('\n', 'x'), json),
            query: fc.oneof(fc.string(), json),
            command: fc.oneof(fc.constant('programme.server.renumberDocument'), json),
            arguments: fc.oneof(fc.constant([uri]), json),
            text: fc.oneof(fc.string(), json),
            contentChanges: fc.oneof(fc.array(fc.record({ range: fc.record({ start: position, end: position }), text: fc.string() }), { maxLength: 3 }), json),
            settings: json,
            changes: json,
            id: json,
          },
          { requiredKeys: [] },
        ),
      );
      // Notifications go to other documents, so that the example stays as it is for the probes.
      const notificationParams = params.map((p) => (p !== null && typeof p === 'object' && !Array.isArray(p) && 'textDocument' in p ? { ...p, textDocument: { uri: 'file:///robustness/random.programme', version: 1, text: '# 1. A\n' } } : p));
      const messages = fc.sample(fc.oneof(fc.tuple(fc.constant('request' as const), fc.constantFrom(...METHODS), params), fc.tuple(fc.constant('notification' as const), fc.constantFrom(...NOTIFICATIONS), notificationParams)), {
        numRuns: SIZES.randomMessages,
        seed: 7,
      });
      let requests = 0;
      const answers: Promise<void>[] = [];
      for (const [kind, method, p] of messages) {
        if (kind === 'notification') {
          client.notify(method, p);
          continue;
        }
        requests++;
        const id = client.id();
        answers.push(client.answer(id, 60_000).then((m) => assertAnswer(m, id, `${method} ${JSON.stringify(p).slice(0, 200)}`)));
        client.write(frame({ jsonrpc: '2.0', id, method, params: p }));
        if (requests % 50 === 0) await Promise.all(answers.splice(0));
      }
      await Promise.all(answers);
      await probeHover('after the random messages');
    });
  });

  describe('versions and edits', function () {
    const editUri = 'file:///robustness/redigert.programme';

    /** The document symbols the server gives for `u`, and those of `text` analysed here. */
    async function symbolsMatch(u: string, text: string, what: string): Promise<void> {
      const m = await client.request('textDocument/documentSymbol', { textDocument: { uri: u } });
      assert.deepEqual(m.result as DocumentSymbol[], JSON.parse(JSON.stringify(documentSymbols(analyse(text).programme))), what);
    }

    it('follows the changes in the order they come, whatever their versions, and publishes for the last', async function () {
      client.notify('textDocument/didOpen', { textDocument: { uri: editUri, languageId: 'programme', version: 10, text: '# 1. A\n\n1. En.\n' } });
      await symbolsMatch(editUri, '# 1. A\n\n1. En.\n', 'opened');
      const from = client.diagnostics.length;
      client.notify('textDocument/didChange', { textDocument: { uri: editUri, version: 5 }, contentChanges: [{ text: '# 1. B\n\n1. To.\n' }] });
      client.notify('textDocument/didChange', { textDocument: { uri: editUri, version: 7 }, contentChanges: [{ range: { start: pos(2, 0), end: pos(2, 1) }, text: '3' }] });
      // Requests answer from the last finished analysis (issue 15): once version 7's diagnostics are out, from it.
      const published = await client.until('diagnostics of version 7', () => client.diagnostics.slice(from).find((p) => p.uri === editUri && p.version === 7));
      await symbolsMatch(editUri, '# 1. B\n\n3. To.\n', 'a change with an older version, then one with a newer');
      assert.deepEqual(published.diagnostics.map((d) => [d.code, d.range.start.line]), [['measure-numbering', 2]]);
    });

    it('follows a change that repeats the version of the one before', async function () {
      const from = client.diagnostics.length;
      client.notify('textDocument/didChange', { textDocument: { uri: editUri, version: 7 }, contentChanges: [{ range: { start: pos(2, 0), end: pos(2, 1) }, text: '1' }] });
      const published = await client.until('diagnostics of the repeated version', () => client.diagnostics.slice(from).find((p) => p.uri === editUri));
      await symbolsMatch(editUri, '# 1. B\n\n1. To.\n', 'the same version again, with other text');
      assert.deepEqual(published.diagnostics, []);
    });

    it(`applies ${SIZES.edits} rapid incremental edits and publishes diagnostics for the last version only`, async function () {
      // Typing measures one character at a time, with a typo taken back every 7th character.
      let doc = TextDocument.create(editUri, 'programme', 20, '# 1. B\n\n1. To.\n');
      const chunks: Buffer[] = [];
      let typed = 0;
      for (let n = 2; typed < SIZES.edits; n++) {
        for (const ch of `${n}. Tiltak nummer ${n}.\n`) {
          if (typed >= SIZES.edits) break;
          const end = doc.positionAt(doc.getText().length);
          const changes: TextDocumentContentChangeEvent[] =
            typed % 7 === 6 && typed + 1 < SIZES.edits
              ? [{ range: { start: end, end }, text: 'x' }, { range: { start: end, end: { line: end.line, character: end.character + 1 } }, text: ch }]
              : [{ range: { start: end, end }, text: ch }];
          doc = TextDocument.update(doc, changes, doc.version + 1);
          chunks.push(frame({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri: editUri, version: doc.version }, contentChanges: changes } }));
          typed++;
        }
      }
      const from = client.diagnostics.length;
      client.write(Buffer.concat(chunks));
      const last = doc.version;
      await client.until('diagnostics of the last version', () => client.diagnostics.slice(from).find((p) => p.uri === editUri && p.version === last));
      await symbolsMatch(editUri, doc.getText(), 'after the edits');
      const published = client.diagnostics.slice(from).filter((p) => p.uri === editUri).map((p) => p.version);
      assert.ok(published.length < 20, `diagnostics were published ${published.length} times for ${SIZES.edits} edits`);
      assert.equal(published[published.length - 1], last);
      client.notify('textDocument/didClose', { textDocument: { uri: editUri } });
    });
  });

  describe(`a document of ${SIZES.documentBytes / 1e6} MB`, function () {
    const bigUri = 'file:///robustness/stort.programme';

    it('opens it, checks it and answers requests on it', async function () {
      const text = largeProgramme(SIZES.documentBytes);
      const from = client.diagnostics.length;
      client.notify('textDocument/didOpen', { textDocument: { uri: bigUri, languageId: 'programme', version: 1, text } });
      // Before its first analysis has finished, a large document's outline is empty (issue 15: no request waits for it).
      const early = await client.request('textDocument/documentSymbol', { textDocument: { uri: bigUri } }, 600_000);
      assert.ok(Array.isArray(early.result), JSON.stringify(early).slice(0, 200));
      const published = await client.until('diagnostics of the large document', () => client.diagnostics.slice(from).find((p) => p.uri === bigUri), 600_000);
      assert.deepEqual(published.diagnostics, []);
      const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri: bigUri } }, 600_000);
      const pillars = (symbols.result as DocumentSymbol[]).filter((s) => s.kind === 2);
      assert.equal(pillars.length, Math.ceil(text.split('\n# ').length - 1));
      const hover = await client.request('textDocument/hover', { textDocument: { uri: bigUri }, position: pos(6, 1) });
      assert.match(JSON.stringify(hover.result), /Measure 1\.1/);
    });

    it('answers cancelled requests with a result or RequestCancelled, and the next one in full', async function () {
      // An edit makes the next requests analyse the document again; each is cancelled at once.
      client.notify('textDocument/didChange', { textDocument: { uri: bigUri, version: 2 }, contentChanges: [{ range: { start: pos(4, 5), end: pos(4, 6) }, text: 'Z' }] });
      const ids: number[] = [];
      const answers: Promise<Message>[] = [];
      const chunks: Buffer[] = [];
      for (const method of ['textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/codeLens', 'textDocument/inlayHint']) {
        const id = client.id();
        ids.push(id);
        answers.push(client.answer(id, 600_000));
        chunks.push(frame({ jsonrpc: '2.0', id, method, params: { textDocument: { uri: bigUri }, range: { start: pos(0, 0), end: pos(50, 0) } } }));
        chunks.push(frame({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id } }));
      }
      client.write(Buffer.concat(chunks));
      const results = await Promise.all(answers);
      let cancelled = 0;
      results.forEach((m, i) => {
        assertAnswer(m, ids[i], 'a cancelled request');
        if (m.error !== undefined) {
          assert.equal(m.error.code, REQUEST_CANCELLED, JSON.stringify(m.error));
          cancelled++;
        }
      });
      assert.ok(cancelled > 0, 'at least one request was answered RequestCancelled');
      // Until version 2 is analysed, a hover may answer from version 1 (issue 15); then from version 2.
      await client.until('diagnostics of version 2', () => client.diagnostics.find((p) => p.uri === bigUri && p.version === 2), 600_000);
      const hover = await client.request('textDocument/hover', { textDocument: { uri: bigUri }, position: pos(4, 1) }, 600_000);
      assert.match(JSON.stringify(hover.result), /Pillar 1\. Zøyle 1/);
    });

    it('lets it go when it is closed', async function () {
      const from = client.diagnostics.length;
      client.notify('textDocument/didClose', { textDocument: { uri: bigUri } });
      const cleared = await client.until('the diagnostics cleared', () => client.diagnostics.slice(from).find((p) => p.uri === bigUri));
      assert.deepEqual(cleared.diagnostics, []);
    });
  });

  describe('after the run', function () {
    it('is still running, answers, and holds at most twice the memory it held before', async function () {
      await probeHover('at the end');
      const after = await client.memoryMb();
      const mb = (n: number) => `${n.toFixed(0)} MB`;
      console.log(`      memory: heap in use ${mb(baseline.heapUsed)} before, ${mb(after.heapUsed)} after; resident set ${mb(baseline.rss)} before, ${mb(after.rss)} after`);
      assert.ok(after.heapUsed <= 2 * baseline.heapUsed, `the heap in use after the run, ${mb(after.heapUsed)}, is more than twice the ${mb(baseline.heapUsed)} before`);
      assert.ok(after.rss <= 2 * baseline.rss, `the resident set after the run, ${mb(after.rss)}, is more than twice the ${mb(baseline.rss)} before`);
      client.assertAlive();
    });
  });
});
