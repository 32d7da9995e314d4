/**
 * The outline and folding of a large document asked for before its first analysis has finished
 * (server.ts `Wait` 'view', `FIRST_VIEW_WAIT_MS`): VS Code asks once per version, so the server waits
 * for that first analysis (bounded) instead of answering empty, which left the outline empty until the
 * next edit. Over stdio with the built server and its worker threads. The bound is raised through
 * `PROGRAMME_FIRST_VIEW_WAIT_MS` so that a busy machine cannot make the test fail; a second server with
 * the bound at 0 shows that the answer would otherwise be empty (the test can fail).
 */
import assert from 'node:assert/strict';
import { StdioClient } from './lsp-client';

/** A programme of 40 pillars of 100 measures: about 350,000 characters, past the main thread's limit (lsp/analyses.ts NEAR_LIMIT). */
function largeProgramme(): string {
  const parts: string[] = [];
  for (let p = 1; p <= 40; p++) {
    parts.push(`# ${p}. Kapittel ${p}\n`);
    for (let m = 1; m <= 100; m++) parts.push(`${m}. Tiltak ${m} i kapittel ${p} om skule, helse og arbeid for alle i kommunen nr. ${p * 1000 + m}.\n`);
  }
  return parts.join('\n');
}

/** Opens the large programme and asks at once for its outline and folding ranges. */
async function firstViews(waitMs: number): Promise<{ symbols: unknown[]; folding: unknown[] }> {
  const client = new StdioClient({ env: { PROGRAMME_FIRST_VIEW_WAIT_MS: String(waitMs) } });
  try {
    await client.initialize({ textDocument: { documentSymbol: { hierarchicalDocumentSymbolSupport: true } } });
    const uri = 'file:///stort.programme';
    const text = largeProgramme();
    assert.ok(text.length > 256 * 1024, `${text.length} characters`);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'programme', version: 1, text } });
    const symbols = client.send('textDocument/documentSymbol', { textDocument: { uri } });
    const folding = client.send('textDocument/foldingRange', { textDocument: { uri } });
    const [s, f] = await Promise.all([symbols.answered, folding.answered]);
    return { symbols: (s.message.result ?? []) as unknown[], folding: (f.message.result ?? []) as unknown[] };
  } finally {
    await client.shutdown();
    client.dispose();
  }
}

describe('the outline of a large document asked for before its first analysis (stdio)', function () {
  this.timeout(120_000);

  it('waits for the first analysis: 40 pillars in the outline, and their folding ranges', async () => {
    const { symbols, folding } = await firstViews(60_000);
    assert.equal(symbols.length, 40);
    assert.deepEqual((symbols[0] as { name: string }).name, '1. Kapittel 1');
    assert.ok(folding.length >= 40, `${folding.length} folding ranges`);
  });

  it('answers empty at once when the bound is 0 (what the outline got before)', async () => {
    const { symbols, folding } = await firstViews(0);
    assert.deepEqual(symbols, []);
    assert.deepEqual(folding, []);
  });
});
