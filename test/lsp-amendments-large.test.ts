/**
 * An amendment file that names a large programme that is not open (issue 15: the server never stops
 * answering while it analyses). The programme's draft is read, analysed and printed on a worker thread
 * (server/src/lsp/diskDraft.ts), so that the server answers other requests meanwhile.
 *
 * Over stdio with the built server (test/lsp-client.ts): a small programme (the example) is opened and
 * analysed; then an amendment file naming an 8 MB programme on disk (bench/generate.mjs's
 * small-vocabulary programme) is opened, and hovers on the small programme are sent every 25 ms until
 * the amendment file's diagnostics arrive. Of the hovers sent from {@link SETTLE_MS} after the opening
 * until those diagnostics, at least half must be answered before they arrive: a server that reads the
 * programme on its own thread answers none of them before its diagnostics (it read for 4 s and checked
 * for 5 s more). The check itself, with the draft's searchable text (amendments/locate.ts), still runs
 * on the server's thread: about 0.5 s for this programme. The amendment file's diagnostics must be
 * those of a draft that was read (no "programme" problem).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
// @ts-expect-error: a JavaScript module without types
import { smallVocabularyProgramme } from '../bench/generate.mjs';
import { StdioClient, type Message } from './lsp-client';

/** After opening the amendment file, how long before its check is surely under way, in ms. */
const SETTLE_MS = 150;
/** How often a hover is sent, in ms. */
const EVERY_MS = 25;

describe('an amendment file naming a large programme on disk (stdio)', function () {
  this.timeout(120_000);
  let dir: string;
  let client: StdioClient;

  before(async function () {
    dir = mkdtempSync(path.join(os.tmpdir(), 'programme-amend-large-'));
    writeFileSync(path.join(dir, 'stort.programme'), smallVocabularyProgramme({ bytes: 8_000_000 }));
    writeFileSync(
      path.join(dir, 'stort.amendments'),
      ['---', 'programme: stort.programme', 'lang: nb', '---', '', 'E1', 'Forslagsstiller: Testlaget', 'Linje 7: Stryk «ikke-finnes-her».', 'Begrunnelse: En prøve.', ''].join('\n'),
    );
    client = new StdioClient();
    await client.initialize({ textDocument: { publishDiagnostics: { versionSupport: true } } });
  });

  after(async function () {
    await client?.shutdown();
    client?.dispose();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('answers hovers on another document while it reads the programme for the amendment file', async function () {
    const example = path.resolve('examples/lokalvalget-2023.programme');
    const exampleUri = pathToFileURL(example).href;
    const exampleText = readFileSync(example, 'utf8');
    client.notify('textDocument/didOpen', { textDocument: { uri: exampleUri, languageId: 'programme', version: 1, text: exampleText } });
    await client.diagnosticsOf(exampleUri, 1);
    const lines = exampleText.split('\n');
    const line = lines.findIndex((l) => /^\d+\. /.test(l));
    assert.ok(line > 0, 'the example has a measure');

    const amendments = path.join(dir, 'stort.amendments');
    const uri = pathToFileURL(amendments).href;
    const from = client.diagnostics.length;
    const opened = performance.now();
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'programme-amendments', version: 1, text: readFileSync(amendments, 'utf8') } });
    const arrived = () => client.diagnostics.slice(from).some((p) => p.uri === uri);
    const hovers: { sentMs: number; id: number; answered: Promise<{ message: Message }> }[] = [];
    while (!arrived() && performance.now() - opened < 100_000) {
      const sent = client.send('textDocument/hover', { textDocument: { uri: exampleUri }, position: { line, character: 0 } }, 100_000);
      hovers.push({ sentMs: performance.now() - opened, id: sent.id, answered: sent.answered });
      await new Promise((resolve) => setTimeout(resolve, EVERY_MS));
    }
    const at = client.diagnostics.findIndex((p, i) => i >= from && p.uri === uri);
    assert.ok(at >= 0, 'the amendment file\'s diagnostics arrived');
    const published = client.diagnostics[at];
    assert.deepEqual(
      published.diagnostics.filter((d) => /programme/i.test(String(d.code)) && !/amendment-quote/.test(String(d.code))).map((d) => d.message),
      [],
      'the programme was read',
    );
    const answers = await Promise.all(hovers.map(async (h) => ({ sentMs: h.sentMs, ...(await h.answered), beforeDiagnostics: client.diagnosticsBeforeAnswer.get(h.id)! <= at })));
    const during = answers.filter((a) => a.sentMs >= SETTLE_MS);
    assert.ok(during.length >= 3, `only ${during.length} hovers were sent between ${SETTLE_MS} ms after the opening and the diagnostics`);
    for (const a of during) assert.ok('result' in a.message && a.message.result !== null, `the hover sent at ${Math.round(a.sentMs)} ms got ${JSON.stringify(a.message)}`);
    const early = during.filter((a) => a.beforeDiagnostics).length;
    assert.ok(early * 2 >= during.length, `only ${early} of the ${during.length} hovers sent while the programme was read were answered before the amendment file's diagnostics`);
    assert.deepEqual(client.errors, []);
  });
});
