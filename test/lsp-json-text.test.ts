import { strict as assert } from 'node:assert';
import { JsonText, jsonTextEncoder } from '../server/src/lsp/jsonText';

const encode = async (msg: unknown) => Buffer.from(await (jsonTextEncoder as { encode(m: unknown, o: { charset: 'utf-8' }): Promise<Uint8Array> }).encode(msg, { charset: 'utf-8' })).toString('utf8');

describe('lsp/jsonText: diagnostics written as the JSON text a worker made (issue 15)', function () {
  const diagnostics = [
    { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 4 } }, severity: 1, code: 'measure-numbering', source: 'programme', message: 'Tiltak «2.3» følger 2.1 — "ø" og \u2028' },
  ];

  it('writes publishDiagnostics with JsonText as JSON.stringify writes the same message with the objects', async function () {
    for (const version of [7, undefined]) {
      const params = { uri: 'file:///a%20b.programme', ...(version === undefined ? {} : { version }), diagnostics: new JsonText(JSON.stringify(diagnostics)) };
      const text = await encode({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params });
      assert.equal(text, JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { ...params, diagnostics } }));
    }
  });

  it('writes every other message as JSON.stringify does, and JsonText elsewhere as the value it holds', async function () {
    const other = { jsonrpc: '2.0', id: 3, result: { contents: 'æøå', list: new JsonText('[1,{"a":"b"}]') } };
    assert.equal(await encode(other), JSON.stringify({ jsonrpc: '2.0', id: 3, result: { contents: 'æøå', list: [1, { a: 'b' }] } }));
    // Over node IPC (process.send) the text is read back as well.
    assert.deepEqual(JSON.parse(JSON.stringify({ diagnostics: new JsonText(JSON.stringify(diagnostics)) })), { diagnostics });
  });
});
