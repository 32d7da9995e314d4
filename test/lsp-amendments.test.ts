/**
 * Amendment files in the language server (issue 16, "In the editor"; server/src/lsp/amendmentDocuments.ts):
 * the built server over stdio (test/lsp-client.ts), a temporary workspace folder holding copies of
 * examples/lokalvalget-2023.programme and examples/lokalvalget-2023.amendments. The amendment file's
 * diagnostics are compared with `programme check`'s on the same file; hover, definition, completion
 * and the outline with what the pure functions of amendments/ give for the example's draft; the
 * programme's code lenses and line-number inlay hints; a change to the programme checks the open
 * amendment file again; and every request on an amendment document is answered without an error.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CodeLens, CompletionItem, Diagnostic, DocumentSymbol, Hover, InlayHint, Location, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { StdioClient, type Message } from './lsp-client';
import { analyse } from '../server/src/rules/index';
import { lineNumbersOfBlocks, linesLabel, printedDraft } from '../server/src/amendments/lines';
import { inLanguage } from '../server/src/l10n/index';
import { parseAmendments } from '../server/src/amendments/parse';

const PROGRAMME = path.resolve('examples/lokalvalget-2023.programme');
const AMENDMENTS = path.resolve('examples/lokalvalget-2023.amendments');
const CLI = path.resolve('server/bin/programme.cjs');

/** `programme check`'s diagnostics of `file` (JSON, in Norwegian as the file's `lang`), as code, range and message. */
function cliDiagnostics(file: string): { code: string; line: number; character: number; endLine: number; message: string }[] {
  let out: string;
  try {
    out = execFileSync(process.execPath, [CLI, 'check', '--lang', 'nb', '--format', 'json', file], { encoding: 'utf8' });
  } catch (error) {
    out = (error as { stdout: string }).stdout;
  }
  const found = JSON.parse(out) as { code: string; message: string; range: { start: { line: number; character: number }; end: { line: number } } }[];
  return found.map((d) => ({ code: d.code, line: d.range.start.line, character: d.range.start.character, endLine: d.range.end.line, message: d.message }));
}

/** The same shape from the server's published diagnostics. */
function shapeOf(diagnostics: Diagnostic[]): ReturnType<typeof cliDiagnostics> {
  return diagnostics.map((d) => ({ code: String(d.code), line: d.range.start.line, character: d.range.start.character, endLine: d.range.end.line, message: d.message }));
}

describe('amendment files in the language server', function () {
  this.timeout(60_000);
  let dir: string;
  let client: StdioClient;
  let programmeFile: string;
  let amendmentsFile: string;
  let programmeUri: string;
  let amendmentsUri: string;
  let programmeText: string;
  let amendmentsText: string;
  let programmeVersion = 1;

  const result = <T>(m: Message): T => {
    assert.equal(m.error, undefined, JSON.stringify(m.error));
    return m.result as T;
  };
  /** The newest diagnostics published for `uri` after index `from` that pass `probe`. */
  const published = (uri: string, from: number, probe: (p: PublishDiagnosticsParams) => boolean = () => true) =>
    client.until(`diagnostics of ${uri}`, () => client.diagnostics.slice(from).reverse().find((p) => p.uri === uri && probe(p)));

  before(async function () {
    dir = mkdtempSync(path.join(os.tmpdir(), 'programme-amendlsp-'));
    programmeFile = path.join(dir, path.basename(PROGRAMME));
    amendmentsFile = path.join(dir, path.basename(AMENDMENTS));
    copyFileSync(PROGRAMME, programmeFile);
    copyFileSync(AMENDMENTS, amendmentsFile);
    programmeUri = pathToFileURL(programmeFile).href;
    amendmentsUri = pathToFileURL(amendmentsFile).href;
    programmeText = readFileSync(programmeFile, 'utf8');
    amendmentsText = readFileSync(amendmentsFile, 'utf8');
    client = new StdioClient();
    const folder = pathToFileURL(dir).href;
    result(
      await client.request('initialize', {
        processId: process.pid,
        rootUri: folder,
        workspaceFolders: [{ uri: folder, name: 'congress' }],
        capabilities: { textDocument: { documentSymbol: { hierarchicalDocumentSymbolSupport: true } } },
      }),
    );
    client.notify('initialized', {});
  });

  after(async function () {
    await client?.shutdown();
    client?.dispose();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('checks the amendment file against its programme on disk as "programme check" does', async function () {
    const from = client.diagnostics.length;
    client.notify('textDocument/didOpen', { textDocument: { uri: amendmentsUri, languageId: 'programme-amendments', version: 1, text: amendmentsText } });
    const got = await published(amendmentsUri, from);
    const expected = cliDiagnostics(amendmentsFile);
    assert.deepEqual(
      expected.map((d) => d.code),
      ['amendment-conflict', 'amendment-conflict', 'amendment-quote', 'amendment-reason'],
      'the example as docs/amendments.md describes it',
    );
    assert.deepEqual(shapeOf(got.diagnostics), expected);
    assert.equal(got.version, 1);
  });

  it('checks it again against the open programme\'s analysis, with the same result', async function () {
    const from = client.diagnostics.length;
    client.notify('textDocument/didOpen', { textDocument: { uri: programmeUri, languageId: 'programme', version: programmeVersion, text: programmeText } });
    // The programme's own diagnostics come first, then the amendment file's, checked again.
    await published(programmeUri, from);
    const got = await published(amendmentsUri, from);
    assert.deepEqual(shapeOf(got.diagnostics), cliDiagnostics(amendmentsFile));
  });

  /** The position of `needle` in the amendment file (its `nth` occurrence), plus `delta` characters. */
  const at = (needle: string, delta = 0) => {
    const offset = amendmentsText.indexOf(needle);
    assert.ok(offset >= 0, needle);
    const before = amendmentsText.slice(0, offset + delta);
    const line = before.split('\n').length - 1;
    return { line, character: offset + delta - (before.lastIndexOf('\n') + 1) };
  };
  const draft = () => printedDraft(analyse(programmeText).programme);

  it('hovers an amendment\'s line number with the printed line', async function () {
    const hover = result<Hover>(await client.request('textDocument/hover', { textDocument: { uri: amendmentsUri }, position: at('Linje 27:', 7) }));
    const value = (hover.contents as { value: string }).value;
    const line27 = draft().lines.find((l) => l.number === 27)!;
    assert.ok(value.includes(`27  ${line27.text}`), value);
    assert.ok(line27.text.includes('nye grønne arbeidsplasser'), line27.text);
  });

  it('goes from the line number to the programme, at the line\'s text', async function () {
    const locations = result<Location[]>(await client.request('textDocument/definition', { textDocument: { uri: amendmentsUri }, position: at('Linje 27:', 7) }));
    assert.equal(locations.length, 1);
    assert.equal(locations[0].uri, programmeUri);
    const p = analyse(programmeText).programme;
    const line27 = draft().lines.find((l) => l.number === 27)!;
    assert.equal(locations[0].range.start.line, p.lines.positionAt(line27.source.start).line);
    assert.ok(programmeText.split('\n')[locations[0].range.start.line].includes('grønne arbeidsplasser'));
  });

  it('completes line numbers after "Linje " with their text', async function () {
    const items = result<CompletionItem[]>(await client.request('textDocument/completion', { textDocument: { uri: amendmentsUri }, position: at('Linje 27:', 6) }));
    const lines = draft().lines;
    assert.equal(items.length, Math.min(200, lines.length));
    assert.equal(items[0].label, '1');
    assert.equal(items[0].detail, lines[0].text);
    assert.equal(items[26].label, '27');
    assert.equal(items[26].detail, lines[26].text);
  });

  it('outlines the 13 amendments', async function () {
    const symbols = result<DocumentSymbol[]>(await client.request('textDocument/documentSymbol', { textDocument: { uri: amendmentsUri } }));
    assert.equal(symbols.length, 13);
    assert.deepEqual(
      symbols.map((s) => s.name.split(' ')[0]),
      Array.from({ length: 13 }, (_, i) => `E${i + 1}`),
    );
    assert.equal(symbols[0].selectionRange.start.line, at('\nE1\n', 1).line);
  });

  it('offers the fix that cites the lines where a quote stands', async function () {
    const diagnostics = client.diagnostics.filter((p) => p.uri === amendmentsUri).at(-1)!.diagnostics;
    const quote = diagnostics.find((d) => d.code === 'amendment-quote')!;
    const actions = result<CodeAction[]>(
      await client.request('textDocument/codeAction', { textDocument: { uri: amendmentsUri }, range: quote.range, context: { diagnostics: [quote] } }),
    );
    assert.equal(actions.length, 1, JSON.stringify(actions));
    assert.equal(actions[0].isPreferred, true);
    assert.deepEqual(actions[0].edit?.changes?.[amendmentsUri], [{ range: quote.range, newText: '99' }]);
  });

  it('puts "N amendments" code lenses over the amended measures of the programme, listing the amendments', async function () {
    const lenses = result<CodeLens[]>(await client.request('textDocument/codeLens', { textDocument: { uri: programmeUri } }));
    const amended = lenses.filter((l) => (l.command?.arguments?.[2] as Location[]).some((x) => x.uri === amendmentsUri));
    assert.ok(amended.length > 0, JSON.stringify(lenses.map((l) => l.command?.title)));
    // E4 and E5 change the measure on lines 93–94 (and conflict): its lens lists both and says 2.
    const p = analyse(programmeText).programme;
    const d = draft();
    const block = d.blocks[d.lines.find((l) => l.number === 93)!.block];
    assert.equal(block.kind, 'measure');
    const lens = amended.find((l) => l.range.start.line === p.lines.positionAt(block.source.start).line)!;
    assert.ok(lens !== undefined, 'a lens over the measure of line 93');
    const listed = lens.command!.arguments![2] as Location[];
    const file = parseAmendments(amendmentsText);
    const idLine = (id: string) => file.lines.positionAt(file.amendments.find((x) => x.id === id)!.idSpan.start).line;
    assert.deepEqual(
      listed.map((x) => x.range.start.line),
      [idLine('E4'), idLine('E5')],
    );
    assert.ok(lens.command!.title.startsWith('2 '), lens.command!.title);
    // E1 changes a paragraph (line 27), which gets no lens: only measures do.
    assert.equal(lens.command!.command, 'programme.showReferences');
  });

  it('shows each block\'s printed line numbers as inlay hints in the programme (an amendment file names it)', async function () {
    const end = { line: programmeText.split('\n').length, character: 0 };
    const hints = result<InlayHint[]>(await client.request('textDocument/inlayHint', { textDocument: { uri: programmeUri }, range: { start: { line: 0, character: 0 }, end } }));
    const p = analyse(programmeText).programme;
    const expected = inLanguage('nb', () => lineNumbersOfBlocks(draft()).map((b) => ({ position: p.lines.positionAt(b.offset), label: linesLabel(b) })));
    const numbers = hints.filter((h) => h.paddingRight === true).map((h) => ({ position: h.position, label: h.label }));
    assert.deepEqual(numbers, expected);
    assert.ok(expected.some((h) => h.label === 'l. 27' || String(h.label).includes('27')));
  });

  it('checks the open amendment file again when the programme is edited (the fingerprint changes)', async function () {
    const from = client.diagnostics.length;
    const top = programmeText.indexOf('# Valgseier');
    const line = programmeText.slice(0, top).split('\n').length - 1;
    programmeVersion++;
    client.notify('textDocument/didChange', {
      textDocument: { uri: programmeUri, version: programmeVersion },
      contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: 'Et nytt avsnitt øverst i utkastet.\n\n' }],
    });
    const got = await published(amendmentsUri, from, (p) => p.diagnostics.some((d) => d.code === 'amendment-draft'));
    const draftDiagnostic = got.diagnostics.find((d) => d.code === 'amendment-draft')!;
    assert.ok(draftDiagnostic.message.includes('0a101fbc'), draftDiagnostic.message);
    assert.equal(draftDiagnostic.range.start.line, at('draft: 0a101fbc').line);
  });

  it('counts the amendments of a file on disk in the workspace once the amendment file is closed', async function () {
    client.notify('textDocument/didClose', { textDocument: { uri: amendmentsUri } });
    const got = result<CodeLens[]>(await client.request('textDocument/codeLens', { textDocument: { uri: programmeUri } }));
    const listed = got.flatMap((l) => (l.command?.arguments?.[2] as Location[]).filter((x) => x.uri === amendmentsUri));
    assert.ok(listed.length >= 8, JSON.stringify(got.map((l) => l.command?.title)));
    // Open again for the next test.
    client.notify('textDocument/didOpen', { textDocument: { uri: amendmentsUri, languageId: 'programme-amendments', version: 1, text: amendmentsText } });
  });

  it('shows no line numbers with programme.amendments.lineNumbers off', async function () {
    const end = { line: programmeText.split('\n').length + 2, character: 0 };
    const ask = async () => result<InlayHint[]>(await client.request('textDocument/inlayHint', { textDocument: { uri: programmeUri }, range: { start: { line: 0, character: 0 }, end } }));
    assert.ok((await ask()).some((h) => h.paddingRight === true));
    client.notify('workspace/didChangeConfiguration', { settings: { programme: { amendments: { lineNumbers: 'off' } } } });
    assert.deepEqual((await ask()).filter((h) => h.paddingRight === true), []);
    client.notify('workspace/didChangeConfiguration', { settings: { programme: { amendments: { lineNumbers: 'auto' } } } });
  });

  it('answers every request on an amendment document without an error', async function () {
    const doc = { uri: amendmentsUri };
    const position = at('Linje 27:', 7);
    const range = { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } };
    const requests: [string, unknown][] = [
      ['textDocument/documentSymbol', { textDocument: doc }],
      ['textDocument/hover', { textDocument: doc, position }],
      ['textDocument/definition', { textDocument: doc, position }],
      ['textDocument/references', { textDocument: doc, position, context: { includeDeclaration: true } }],
      ['textDocument/prepareRename', { textDocument: doc, position }],
      ['textDocument/rename', { textDocument: doc, position, newName: 'x' }],
      ['textDocument/completion', { textDocument: doc, position }],
      ['textDocument/inlayHint', { textDocument: doc, range }],
      ['textDocument/codeLens', { textDocument: doc }],
      ['textDocument/foldingRange', { textDocument: doc }],
      ['textDocument/selectionRange', { textDocument: doc, positions: [position] }],
      ['textDocument/codeAction', { textDocument: doc, range, context: { diagnostics: [], only: ['source'] } }],
      ['textDocument/onTypeFormatting', { textDocument: doc, position, ch: '\n', options: { tabSize: 2, insertSpaces: true } }],
      ['workspace/executeCommand', { command: 'programme.server.renumberDocument', arguments: [amendmentsUri] }],
      ['workspace/symbol', { query: 'E1' }],
      ['programme/preview', { uri: amendmentsUri }],
      ['programme/export', { uri: amendmentsUri, format: 'html' }],
    ];
    for (const [method, params] of requests) {
      const m = await client.request(method, params);
      assert.equal(m.error, undefined, `${method}: ${JSON.stringify(m.error)}`);
    }
    // The programme features answer nothing for it.
    assert.deepEqual(result(await client.request('textDocument/foldingRange', { textDocument: doc })), []);
    assert.deepEqual(result(await client.request('textDocument/codeLens', { textDocument: doc })), []);
    client.assertAlive();
    assert.deepEqual(client.errors, []);
  });
});
