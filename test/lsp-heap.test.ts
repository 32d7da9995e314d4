/**
 * The language server's heap growth (server/src/lsp/heap.ts, issue 15): the percent read from the
 * environment, and the flag set in a process of its own, where a heap that makes garbage then grows
 * less far past what it keeps than with V8's own factor (up to four times).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HEAP_GROWING_PERCENT, WORKER_YOUNG_GENERATION_MB, heapGrowingPercent } from '../server/src/lsp/heap';
import { WorkerHost } from '../server/src/lsp/hosts';

describe('lsp/heap: how much the server lets its heaps grow (issue 15)', function () {
  it('uses 50 percent unless PROGRAMME_HEAP_GROWING_PERCENT is a whole number from 0', function () {
    assert.equal(HEAP_GROWING_PERCENT, 50);
    assert.equal(heapGrowingPercent({}), 50);
    assert.equal(heapGrowingPercent({ PROGRAMME_HEAP_GROWING_PERCENT: '0' }), 0);
    assert.equal(heapGrowingPercent({ PROGRAMME_HEAP_GROWING_PERCENT: ' 30 ' }), 30);
    for (const bad of ['', '-5', '1.5', 'many']) assert.equal(heapGrowingPercent({ PROGRAMME_HEAP_GROWING_PERCENT: bad }), 50, bad);
  });

  it('keeps a heap that makes garbage closer to what it holds than V8 alone does', function () {
    this.timeout(120_000);
    // 60 MB held, then objects made and dropped, some surviving a while (as the answers and texts do).
    const script = (limit: boolean) => `
      const { limitHeapGrowth } = require('./server/src/lsp/heap.ts');
      ${limit ? 'limitHeapGrowth({});' : ''}
      const held = [];
      for (let i = 0; i < 60; i++) held.push(new Array(1 << 17).fill(i).map((x) => x + 0.5));
      let peak = 0;
      let kept = [];
      for (let r = 0; r < 800; r++) {
        kept.push(new Array(5e4).fill(r).map((x) => ({ x })));
        if (kept.length > 4) kept = [];
        peak = Math.max(peak, process.memoryUsage().heapTotal);
      }
      process.stdout.write(String(peak / 1024 / 1024));`;
    const peakMb = (limit: boolean) => {
      const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script(limit)], { encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      return Number(run.stdout);
    };
    const limited = peakMb(true);
    const own = peakMb(false);
    // About 70 MB held; the young generation (up to 48 MB) counts in the heap's total too.
    assert.ok(limited < 240, `peak heap ${limited.toFixed(0)} MB with the limit`);
    assert.ok(own > limited * 1.4, `peak heap ${own.toFixed(0)} MB without the limit, ${limited.toFixed(0)} MB with it`);
  });

  it('starts each worker with a young generation of WORKER_YOUNG_GENERATION_MB: semi-spaces of 32 MB, twice V8\'s default', async function () {
    this.timeout(60_000);
    assert.equal(WORKER_YOUNG_GENERATION_MB, 96);
    // A stand-in for worker.cjs: on 'memory' it makes garbage that survives a while (as an analysis
    // does), so that V8 grows the new space as far as it may, and answers with the new space's size.
    const bundle = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'programme-young-')), 'worker.cjs');
    fs.writeFileSync(bundle, `
      const v8 = require('node:v8');
      const { parentPort } = require('node:worker_threads');
      parentPort.on('message', (m) => {
        let keep = [];
        for (let i = 0; i < 400000; i++) { keep.push({ a: i, b: [i, i + 1], c: 'x' + i }); if (keep.length > 100000) keep = []; }
        const newSpace = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
        parentPort.postMessage({ type: 'memory', id: m.id, usage: { newSpace } });
      });`);
    const host = new WorkerHost('young', bundle, () => {});
    try {
      const usage = (await host.memory()) as unknown as { newSpace: number };
      // Two semi-spaces: 64 MB with the limit, at most 32 MB with V8's default.
      assert.ok(usage.newSpace > 48 * 1024 * 1024, `new space ${(usage.newSpace / 1048576).toFixed(1)} MB`);
    } finally {
      await host.dispose();
      fs.rmSync(path.dirname(bundle), { recursive: true, force: true });
    }
  });
});
