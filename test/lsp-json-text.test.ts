import { strict as assert } from 'node:assert';
import v8 from 'node:v8';
import { JsonText, jsonTextEncoder } from '../server/src/lsp/jsonText';
import { DiagnosticsJson, asciiJson, toLspDiagnostics } from '../server/src/lsp/convert';
import { analyse, type Analysis } from '../server/src/rules/index';
import { inLanguage } from '../server/src/l10n/index';
import { LineIndex, type Diagnostic } from '../server/src/syntax/span';

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

describe('lsp/convert DiagnosticsJson: the JSON text of a document\'s diagnostics, version after version (issue 15)', function () {
  const base = [
    '# 1. Skole {#skole}',
    '',
    '1. Bygge nye skoler i hele kommunen, med «gode» uteområder og bibliotek {#bygge}',
    '2. Bygge nye skoler i hele kommunen, med «gode» uteområder og bibliotek',
    '4. Ansette flere lærere — og helsesykepleiere 😀 {#laerere}',
    '',
    '# 2. Helse {#helse}',
    '',
    '1. Se [[#skol]] og [[1.9]]',
    '',
  ].join('\n');
  const expected = (a: Analysis) => asciiJson(JSON.stringify(toLspDiagnostics(a.diagnostics, a.programme.lines, 'file:///a.programme')));

  it('gives asciiJson of JSON.stringify of toLspDiagnostics, in ASCII held one byte a character, through edits that move, change and drop diagnostics', function () {
    const texts = [
      base,
      // A character typed on a line before the others: their offsets move, their lines do not.
      base.replace('Bygge nye skoler i hele kommunen, med «gode» uteområder og bibliotek {#bygge}', 'Bygge nye skolerr i hele kommunen, med «gode» uteområder og bibliotek {#bygge}'),
      // A line added: every line after it moves.
      base.replace('# 2. Helse', 'Mer tekst.\n\n# 2. Helse'),
      // The same messages with other data, and a diagnostic gone (the label is used now).
      base.replace('[[#skol]]', '[[#skole]]').replace('4. Ansette', '3. Ansette'),
      base.replace('[[#skol]]', '[[#skole]]').replace('4. Ansette', '3. Ansette') + '\n3. Og [[#bygge]]\n',
      base,
      '',
    ];
    const json = new DiagnosticsJson();
    let previous: Analysis | undefined;
    for (const config of [{}, { rules: { 'unused-label': 'warning' as const } }]) {
      for (const text of texts) {
        const a = inLanguage('nb', () => analyse(text, config, previous));
        const got = json.text(a.diagnostics, a.programme.lines, 'file:///a.programme');
        assert.equal(got, expected(a));
        assert.ok(!/[^\u0000-\u007f]/.test(got), 'no character past ASCII');
        // Held one byte a character (V8 serialises such a string as its characters and a few bytes more).
        assert.ok(v8.serialize(got).length < got.length + 16, 'held one byte a character');
        assert.deepEqual(JSON.parse(got), toLspDiagnostics(a.diagnostics, a.programme.lines, 'file:///a.programme'));
        previous = a;
      }
    }
    assert.ok(JSON.parse(expected(inLanguage('nb', () => analyse(base)))).some((d: { code: string }) => d.code === 'unused-label'));
  });

  it('writes a diagnostic anew when its code, severity, data or range changed but its message did not', function () {
    const text = 'abcdefghij\nklmnopqrst\nuvwxyz\n';
    const lines = new LineIndex(text);
    const d = (over: Partial<Diagnostic>): Diagnostic => ({ code: 'measure-numbering', severity: 'error', message: 'Samme melding …', span: { start: 1, end: 2 }, ...over });
    const versions: Diagnostic[][] = [
      [d({ data: { id: '1.2', list: ['a'] } })],
      [d({ data: { id: '1.3', list: ['a'] } })],
      [d({ data: { id: '1.3', list: ['a', 'b'] } })],
      [d({ data: { list: ['a', 'b'], id: '1.3' } })],
      [d({ data: { list: ['a', 'b'], id: '1.3' }, severity: 'warning' })],
      [d({ data: { list: ['a', 'b'], id: '1.3' }, severity: 'warning', code: 'pillar-numbering' })],
      [d({ data: { x: 1, y: 1 } })],
      [d({ data: { y: 1, x: 1 } })],
      [d({ span: { start: 1, end: 3 } })],
      [d({ span: { start: 2, end: 3 } })],
      [d({ span: { start: 2, end: 4 } })],
      [d({ span: { start: 2, end: 14 } })],
      [d({ span: { start: 13, end: 14 } })],
      [d({ span: { start: 13, end: 25 } })],
      [d({ span: { start: 1, end: 3 } }), d({ span: { start: 5, end: 6 } })],
      [d({ span: { start: 2, end: 3 } }), d({ span: { start: 5, end: 9 } })],
      [d({ span: { start: 2, end: 3 } }), d({ span: { start: 9, end: 10 }, related: [{ span: { start: 0, end: 1 }, message: 'Her — og der' }] })],
      [d({ span: { start: 2, end: 3 }, data: { when: new Date(0) } })],
      [d({ span: { start: 2, end: 3 }, data: { when: new Date(1) } })],
      // Many messages, then none (what was kept is let go of), then one of them again.
      Array.from({ length: 100 }, (_, k) => d({ message: `Melding ${k}`, span: { start: k % 20, end: 20 } })),
      [],
      [d({ message: 'Melding 7', span: { start: 3, end: 20 } })],
    ];
    const json = new DiagnosticsJson();
    for (const list of versions) assert.equal(json.text(list, lines, 'file:///a.programme'), asciiJson(JSON.stringify(toLspDiagnostics(list, lines, 'file:///a.programme'))));
  });

  it('writes characters past ASCII as escapes, surrogates one by one, and leaves the others', function () {
    const value = { a: 'æøå — «x» \u2028 😀 \u0100 \u00ff "q" \\' };
    const text = asciiJson(JSON.stringify(value));
    assert.equal(text, '{"a":"\\u00e6\\u00f8\\u00e5 \\u2014 \\u00abx\\u00bb \\u2028 \\ud83d\\ude00 \\u0100 \\u00ff \\"q\\" \\\\"}');
    assert.deepEqual(JSON.parse(text), value);
  });
});
