/**
 * What the tools say about paths they cannot read or write (issue 17): a name or path longer than the
 * system allows (ENAMETOOLONG) and a symbolic link that leads back to itself (ELOOP) are said in words,
 * not as a raw code or with a hint about permissions that does not apply; a file whose name the system
 * allows is saved even when the temporary file beside it would have had too long a name. Real paths,
 * real errors (server/src/node/files.ts, server/src/node/write.ts).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expandPaths, readText } from '../server/src/node/files';
import { writeTextAtomic } from '../server/src/node/write';

describe('messages for paths that cannot be read or written (issue 17)', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'programme-paths-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a file name longer than the system allows', () => {
    const file = path.join(dir, `${'a'.repeat(300)}.programme`);
    assert.deepEqual(
      expandPaths([file]).problems.map((p) => p.message),
      [`${file}: cannot read it (its name or path is longer than the system allows).`],
    );
    const read = readText(file);
    assert.ok('problem' in read);
    assert.equal(read.problem.message, `${file}: cannot read the file (its name or path is longer than the system allows).`);
  });

  it('a symbolic link that leads back to itself, named and found in a folder', () => {
    const loop = path.join(dir, 'sirkel.programme');
    symlinkSync('sirkel.programme', loop);
    assert.deepEqual(
      expandPaths([loop]).problems.map((p) => p.message),
      [`${loop}: cannot read it (a symbolic link that leads back to itself, or too many links in a row).`],
    );
    const read = readText(loop);
    assert.ok('problem' in read);
    assert.equal(read.problem.message, `${loop}: cannot read the file (a symbolic link that leads back to itself, or too many links in a row).`);
  });

  it('a folder whose path is longer than the system allows: no hint about permissions', () => {
    // Nested folders whose path passes PATH_MAX (4,096 bytes on Linux), each name allowed on its own;
    // made and removed one step at a time from inside (a call with the whole path would fail too).
    const names = Array.from({ length: 22 }, (_, i) => `${String(i).padStart(2, '0')}${'m'.repeat(198)}`);
    const cwd = process.cwd();
    try {
      process.chdir(dir);
      for (const name of names) {
        mkdirSync(name);
        process.chdir(name);
      }
      process.chdir(cwd);
      const problems = expandPaths([dir]).problems.map((p) => p.message);
      assert.equal(problems.length, 1, problems.join('\n'));
      assert.ok(problems[0].startsWith(path.join(dir, names[0], names[1])), problems[0].slice(0, 120));
      assert.ok(problems[0].endsWith(': cannot read this folder (its path is longer than the system allows).'), problems[0].slice(-200));
    } finally {
      process.chdir(dir);
      let depth = 0;
      for (const name of names) {
        try {
          process.chdir(name);
          depth++;
        } catch {
          break;
        }
      }
      for (let i = depth - 1; i >= 0; i--) {
        process.chdir('..');
        rmdirSync(names[i]);
      }
      process.chdir(cwd);
    }
  });

  it('saves a file whose name is allowed, though the temporary name would be too long', () => {
    const file = path.join(dir, `${'ø'.repeat(110)}.programme`);
    assert.deepEqual(writeTextAtomic(file, '# 1. Arbeid\n'), { ok: true });
    assert.equal(readFileSync(file, 'utf8'), '# 1. Arbeid\n');
    assert.deepEqual(readdirSync(dir), [path.basename(file)]);
  });

  it('a file name too long to save, in words', () => {
    const file = path.join(dir, `${'a'.repeat(300)}.programme`);
    const result = writeTextAtomic(file, '# 1. Arbeid\n');
    assert.deepEqual(result, {
      ok: false,
      code: 'ENAMETOOLONG',
      message: `${file}: could not save it, so nothing was changed: its name or path is longer than the system allows (ENAMETOOLONG); choose a shorter name.`,
    });
    assert.deepEqual(readdirSync(dir), []);
  });
});
