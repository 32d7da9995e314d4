/**
 * The workspace symbol index of the language server (server/src/lsp/workspaceIndex.ts) and the search
 * it feeds (features/workspaceSymbols.ts `SymbolSearch`), issue 17: each file is read and indexed once
 * and kept current (by file events, or by its modification time and size without them); a search
 * pauses for other requests while it indexes and stops between files when cancelled, keeping what it
 * indexed; a file open in the editor by another path (a symbolic link) is searched once; a warm search
 * runs no regular expression per item. Speed is measured by `node bench/workspace.mjs`, not here.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Location } from 'vscode-languageserver-types';
import { SymbolSearch, symbolTable, type Vocabulary } from '../server/src/features/workspaceSymbols';
import { analyseText } from '../server/src/model/reading';
import { WorkspaceIndex } from '../server/src/lsp/workspaceIndex';
import { inLanguage, type Language } from '../server/src/l10n/index';

/** A folder with `files` (name → text), removed after `body`. */
async function inFolder(files: Record<string, string>, body: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'programme-index-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An index of `dir` that records the files it reads; `slow` ms of work per file (a busy wait). */
function indexOf(dir: string, options: { watched?: boolean; slow?: number; pause?: () => Promise<void> } = {}) {
  const read: string[] = [];
  const index = new WorkspaceIndex(
    async (uri, text, language, vocabulary: Vocabulary) => {
      read.push(path.basename(uri));
      const until = performance.now() + (options.slow ?? 0);
      while (performance.now() < until);
      return inLanguage(language, () => symbolTable(analyseText(text), vocabulary));
    },
    options.watched ?? false,
    options.pause,
  );
  index.setFolders([pathToFileURL(dir).toString()]);
  return { index, read };
}

/** Searches `index` for `query` with the open documents `open` (URI → text); the results as `file name` pairs and the run. */
async function find(index: WorkspaceIndex, query: string, options: { open?: Record<string, string>; language?: Language; cancelled?: () => boolean } = {}) {
  const search = new SymbolSearch(query, index.vocabulary);
  for (const [uri, text] of Object.entries(options.open ?? {})) search.add(uri, symbolTable(analyseText(text), index.vocabulary));
  const run = await index.search(search, new Set(Object.keys(options.open ?? {})), options.language ?? 'en', options.cancelled ?? (() => false));
  return { run, found: search.results().map((s) => `${path.basename((s.location as Location).uri)} ${s.name}`) };
}

const A = '# 1. Arbeid\n\n1. Skape flere arbeidsplasser.\n';
const B = '# 1. Skole\n\n1. Flere lærere.\n';

describe('the workspace symbol index (issue 17)', function () {
  it('reads and indexes each file once, over many searches', async function () {
    await inFolder({ 'a.programme': A, 'b.programme': B }, async (dir) => {
      const { index, read } = indexOf(dir);
      assert.deepEqual(await find(index, 'flere'), { run: { complete: true, indexed: 2 }, found: ['a.programme 1.1 Skape flere arbeidsplasser.', 'b.programme 1.1 Flere lærere.'] });
      for (const q of ['skole', '1.1', '#', '']) assert.equal((await find(index, q)).run.indexed, 0);
      assert.deepEqual(read, ['a.programme', 'b.programme']);
    });
  });

  it('without file events: finds a new file, reads a changed one again, forgets a deleted one', async function () {
    await inFolder({ 'a.programme': A, 'b.programme': B }, async (dir) => {
      const { index, read } = indexOf(dir);
      await find(index, 'flere');
      writeFileSync(path.join(dir, 'b.programme'), '# 1. Skole\n\n1. Flere lærere og helsesykepleiere.\n');
      // The same second as before on a coarse clock: the size tells, and the time is set apart anyway.
      utimesSync(path.join(dir, 'b.programme'), new Date(), new Date(Date.now() + 5000));
      writeFileSync(path.join(dir, 'c.programme'), '# 1. Helse\n\n1. Flere fastleger.\n');
      unlinkSync(path.join(dir, 'a.programme'));
      assert.deepEqual(await find(index, 'flere'), {
        run: { complete: true, indexed: 2 },
        found: ['b.programme 1.1 Flere lærere og helsesykepleiere.', 'c.programme 1.1 Flere fastleger.'],
      });
      assert.deepEqual(read, ['a.programme', 'b.programme', 'b.programme', 'c.programme']);
    });
  });

  it('with file events: trusts them, and reads again only what they name', async function () {
    await inFolder({ 'a.programme': A, 'b.programme': B }, async (dir) => {
      const { index, read } = indexOf(dir, { watched: true });
      await find(index, 'flere');
      writeFileSync(path.join(dir, 'c.programme'), '# 1. Helse\n\n1. Flere fastleger.\n');
      assert.deepEqual((await find(index, 'flere')).found, ['a.programme 1.1 Skape flere arbeidsplasser.', 'b.programme 1.1 Flere lærere.'], 'no event, no new file');
      index.fileChanged(pathToFileURL(path.join(dir, 'c.programme')).toString(), false);
      writeFileSync(path.join(dir, 'a.programme'), '# 1. Arbeid\n\n1. Skape arbeid.\n');
      index.fileChanged(pathToFileURL(path.join(dir, 'a.programme')).toString(), false);
      unlinkSync(path.join(dir, 'b.programme'));
      index.fileChanged(pathToFileURL(path.join(dir, 'b.programme')).toString(), true);
      assert.deepEqual(await find(index, 'flere'), { run: { complete: true, indexed: 2 }, found: ['c.programme 1.1 Flere fastleger.'] });
      assert.deepEqual(read, ['a.programme', 'b.programme', 'a.programme', 'c.programme']);
    });
  });

  it('pauses for other requests while it indexes, and stops between files when cancelled, keeping what it indexed', async function () {
    const files: Record<string, string> = {};
    for (let i = 0; i < 6; i++) files[`f${i}.programme`] = `# 1. Tema ${i}\n\n1. Tiltak ${i}.\n`;
    await inFolder(files, async (dir) => {
      let pauses = 0;
      let cancel = false;
      // Each file takes 20 ms to index, longer than a slice: the search pauses after each one.
      const { index, read } = indexOf(dir, {
        slow: 20,
        pause: async () => {
          pauses++;
          if (pauses === 3) cancel = true;
          await new Promise((resolve) => setImmediate(resolve));
        },
      });
      assert.deepEqual((await find(index, 'tiltak', { cancelled: () => cancel })).run, { complete: false, indexed: 3 });
      assert.deepEqual(read, ['f0.programme', 'f1.programme', 'f2.programme']);
      cancel = false;
      const again = await find(index, 'tiltak');
      assert.deepEqual(again.run, { complete: true, indexed: 3 });
      assert.equal(again.found.length, 6);
      // Before each file but the first of each search.
      assert.equal(pauses, 5);
    });
  });

  it('indexes again in another language, and after clear()', async function () {
    await inFolder({ 'a.programme': '#\n\n1. Tiltak.\n' }, async (dir) => {
      const { index, read } = indexOf(dir);
      assert.deepEqual((await find(index, '')).found, ['a.programme (untitled)', 'a.programme 1 Tiltak.']);
      assert.deepEqual((await find(index, '', { language: 'nb' })).found, ['a.programme (uten tittel)', 'a.programme 1 Tiltak.']);
      const before = index.vocabulary;
      index.clear();
      assert.notEqual(index.vocabulary, before);
      await find(index, '', { language: 'nb' });
      assert.deepEqual(read, ['a.programme', 'a.programme', 'a.programme']);
    });
  });

  it('leaves out a file that is open by another path (a symbolic link to it)', async function () {
    await inFolder({ 'a.programme': A }, async (dir) => {
      const other = mkdtempSync(path.join(os.tmpdir(), 'programme-link-'));
      try {
        const link = path.join(other, 'lenke.programme');
        symlinkSync(path.join(dir, 'a.programme'), link);
        const { index } = indexOf(dir);
        const open = { [pathToFileURL(link).toString()]: '# 1. Arbeid\n\n1. Skape flere arbeidsplasser nå.\n' };
        assert.deepEqual((await find(index, 'flere', { open })).found, ['lenke.programme 1.1 Skape flere arbeidsplasser nå.']);
      } finally {
        rmSync(other, { recursive: true, force: true });
      }
    });
  });

  it('runs no regular expression per item when it compares (a warm search)', function () {
    const text = `# 1. Klima\n\n${Array.from({ length: 300 }, (_, i) => `${i + 1}. Kutte utslipp med ${i} prosent innen 2030, og (2035).`).join('\n\n')}\n`;
    const search = (q: string, vocabulary: Vocabulary) => new SymbolSearch(q, vocabulary);
    const { index } = indexOf(os.tmpdir());
    const table = symbolTable(analyseText(text), index.vocabulary);
    const searches = ['2030', '2035', 'utslipp', 'prosent 12', '1.1', '#'].map((q) => search(q, index.vocabulary));
    const exec = RegExp.prototype.exec;
    let runs = 0;
    RegExp.prototype.exec = function (this: RegExp, s: string) {
      runs++;
      return exec.call(this, s);
    };
    try {
      for (const s of searches) s.add('file:///k.programme', table);
    } finally {
      RegExp.prototype.exec = exec;
    }
    assert.equal(runs, 0);
    assert.deepEqual(
      searches.map((s) => [s.compared, s.results().length]),
      [[301, 300], [301, 300], [301, 300], [301, 1], [301, 111], [301, 0]],
    );
  });
});
