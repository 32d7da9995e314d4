/**
 * A job's text crossing to a worker as the change from the text sent before it (server/src/lsp/hosts.ts
 * `textChange`, lsp/worker.ts): the change gives the text back, and a worker that gets changes gives
 * the diagnostics of the whole texts.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { WorkerHost, appliedChange, textChange, type ToWorker } from '../server/src/lsp/hosts';
import { DocumentService, type AnalysisJob } from '../server/src/lsp/documentService';
import type { JsonText } from '../server/src/lsp/jsonText';
// @ts-expect-error: a JavaScript module without types
import { generate } from '../bench/generate.mjs';

describe('lsp/hosts: a job\'s text as the change from the text before it', () => {
  it('gives the text after back from the text before, changing only what lies between their common start and end', () => {
    // Texts around the size of the chunks compared at once (4,096 code units), edited anywhere.
    const text = fc.oneof(fc.string({ maxLength: 20 }), fc.string({ minLength: 4000, maxLength: 9000, unit: fc.constantFrom('a', 'b', '\n', 'ø', '–') }));
    const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 5000 }), insert: fc.constantFrom('', 'a', 'ba', '\n\n', 'x'.repeat(4097)) });
    fc.assert(
      fc.property(text, fc.array(edit, { maxLength: 3 }), (before, edits) => {
        let after = before;
        for (const e of edits) {
          const at = e.at % (after.length + 1);
          after = after.slice(0, at) + e.insert + after.slice(at + e.remove);
        }
        const change = textChange(before, after);
        assert.equal(appliedChange(before, change), after);
        assert.equal(change.length, before.length);
        assert.equal(before.slice(0, change.from), after.slice(0, change.from));
        // Nothing more in common at the start, nor (within what is left) at the end.
        const left = Math.min(before.length, after.length) - change.from;
        if (change.from < Math.min(before.length, after.length)) assert.notEqual(before[change.from], after[change.from]);
        const tail = before.length - change.to;
        if (tail < left) assert.notEqual(before[before.length - 1 - tail], after[after.length - 1 - tail]);
      }),
      { numRuns: 500, seed: 41 },
    );
  });

  it('a worker that gets the changes gives the diagnostics of the whole texts, and the whole text again after forget', async function () {
    this.timeout(60000);
    const bundle = path.resolve('server/dist/worker.cjs');
    assert.ok(fs.existsSync(bundle), 'npm run build makes the worker bundle');
    const host = new WorkerHost('changes', bundle, (_, problem) => assert.fail(problem));
    const posted: ToWorker[] = [];
    const worker = (host as unknown as { worker: { postMessage: (m: ToWorker) => void } }).worker;
    const post = worker.postMessage.bind(worker);
    worker.postMessage = (m: ToWorker) => {
      posted.push(m);
      post(m);
    };
    const uri = 'file:///changes.programme';
    let text = generate(600, 3).programme as string;
    let version = 0;
    let generation = 0;
    const job = (t: string): AnalysisJob => ({ uri, version: ++version, text: t, config: {}, language: 'en', key: 'en', generation: ++generation });
    const fresh = async (t: string) => (await new DocumentService({ json: true }).analyse(job(t), async () => {}, () => false))!.diagnosticsJson;
    const analysed = async (t: string) => ((await host.analyse(job(t)).result)!.diagnostics as JsonText).toJSON();
    try {
      assert.deepEqual(await analysed(text), JSON.parse((await fresh(text))!));
      const middle = text.length >> 1;
      const edits = [
        (t: string) => t.slice(0, middle) + 'e' + t.slice(middle),
        (t: string) => t.slice(0, middle) + t.slice(middle + 40),
        (t: string) => t,
        (t: string) => `${t}\n1. Nytt tiltak\n`,
        (t: string) => `# 9. Ny pilar\n\n${t}`,
      ];
      for (const edit of edits) {
        text = edit(text);
        assert.deepEqual(await analysed(text), JSON.parse((await fresh(text))!));
      }
      const analyses = posted.filter((m) => m.type === 'analyse');
      assert.equal(analyses.length, edits.length + 1);
      assert.equal(analyses[0].type === 'analyse' && analyses[0].change, undefined, 'the first text crosses whole');
      for (const m of analyses.slice(1)) assert.ok(m.type === 'analyse' && m.change !== undefined && m.job.text === '', 'then changes');
      host.forget(uri, ++generation);
      text = `${text} `;
      assert.deepEqual(await analysed(text), JSON.parse((await fresh(text))!));
      const last = posted[posted.length - 1];
      assert.ok(last.type === 'analyse' && last.change === undefined && last.job.text === text, 'after forget, the whole text');
    } finally {
      await host.dispose();
    }
  });
});
