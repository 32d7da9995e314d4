/**
 * Atomic writes (server/src/node/write.ts): the file is replaced whole, keeps its mode, and a write
 * that fails leaves the file as it was and no temporary file behind, with one sentence saying why.
 * A failing rename is simulated through `writeTextAtomic`'s `rename` parameter (tests run as root,
 * where permissions do not stop a write).
 */
import assert from 'node:assert/strict';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeTextAtomic } from '../server/src/node/write';

/** An error as Node's file-system calls throw it. */
function systemError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

describe('writeTextAtomic', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'programme-write-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('replaces the file whole: a shorter text leaves nothing of the longer one', () => {
    const file = path.join(dir, 'program.programme');
    writeFileSync(file, '# 1. Arbeid\n\n1. Skape flere arbeidsplasser i hele landet.\n\n2. Styrke lærlingordningen.\n');
    const result = writeTextAtomic(file, '# 1. Skole\n\n1. Ansette flere lærere.\n');
    assert.deepEqual(result, { ok: true });
    assert.equal(readFileSync(file, 'utf8'), '# 1. Skole\n\n1. Ansette flere lærere.\n');
    assert.deepEqual(readdirSync(dir), ['program.programme']);
  });

  it('creates a file that does not exist, as UTF-8, with the mode a new file gets', () => {
    const file = path.join(dir, 'ny.programme');
    const plain = path.join(dir, 'vanlig.txt');
    writeFileSync(plain, '');
    assert.deepEqual(writeTextAtomic(file, 'Bære 😀\n'), { ok: true });
    assert.deepEqual(readFileSync(file), Buffer.from('Bære 😀\n', 'utf8'));
    assert.equal(statSync(file).mode & 0o777, statSync(plain).mode & 0o777);
  });

  it("keeps an existing file's mode, whatever the umask", () => {
    const file = path.join(dir, 'program.programme');
    for (const mode of [0o640, 0o755, 0o600, 0o664]) {
      writeFileSync(file, 'gammel\n');
      chmodSync(file, mode);
      assert.deepEqual(writeTextAtomic(file, `ny ${mode.toString(8)}\n`), { ok: true });
      assert.equal(statSync(file).mode & 0o7777, mode, `mode ${mode.toString(8)}`);
      assert.equal(readFileSync(file, 'utf8'), `ny ${mode.toString(8)}\n`);
    }
  });

  it('writes the whole text to .NAME.programme-PID-RANDOM.tmp beside the file, with its mode, before the rename', () => {
    const file = path.join(dir, 'program.programme');
    writeFileSync(file, 'gammel\n');
    chmodSync(file, 0o640);
    const seen: { from: string; to: string; text: string; mode: number }[] = [];
    const result = writeTextAtomic(file, 'ny tekst\n', (from, to) => {
      seen.push({ from, to, text: readFileSync(from, 'utf8'), mode: statSync(from).mode & 0o7777 });
      throw systemError('EXDEV');
    });
    assert.equal(result.ok, false);
    assert.equal(seen.length, 1);
    assert.equal(path.dirname(seen[0].from), dir);
    assert.match(path.basename(seen[0].from), new RegExp(`^\\.program\\.programme\\.programme-${process.pid}-[0-9a-f]{12}\\.tmp$`));
    assert.equal(seen[0].to, file);
    assert.equal(seen[0].text, 'ny tekst\n');
    assert.equal(seen[0].mode, 0o640);
  });

  it('leaves the file untouched and no temporary file when the rename fails, and says which file and why', () => {
    const file = path.join(dir, 'program.programme');
    writeFileSync(file, 'gammel tekst\n');
    const result = writeTextAtomic(file, 'ny tekst\n', () => {
      throw systemError('ENOSPC');
    });
    assert.deepEqual(result, {
      ok: false,
      code: 'ENOSPC',
      message: `${file}: could not save it, so nothing was changed: the disk is full (ENOSPC); free some space and save again.`,
    });
    assert.equal(readFileSync(file, 'utf8'), 'gammel tekst\n');
    assert.deepEqual(readdirSync(dir), ['program.programme']);
  });

  it('names read-only file systems and permissions in words', () => {
    const file = path.join(dir, 'program.programme');
    writeFileSync(file, 'gammel\n');
    const messageFor = (code: string) => {
      const result = writeTextAtomic(file, 'ny\n', () => {
        throw systemError(code);
      });
      return result.ok ? '' : result.message;
    };
    assert.equal(messageFor('EROFS'), `${file}: could not save it, so nothing was changed: the file system is read-only (EROFS); save the file somewhere else.`);
    assert.equal(messageFor('EACCES'), `${file}: could not save it, so nothing was changed: permission denied (EACCES); check the permissions of the file and of its folder.`);
    assert.deepEqual(readdirSync(dir), ['program.programme']);
  });

  it('fails without throwing, and leaves no temporary file, when the target is a folder', () => {
    const folder = path.join(dir, 'mappe.programme');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'inni.txt'), 'x');
    const result = writeTextAtomic(folder, 'tekst\n');
    assert.equal(result.ok, false);
    assert.ok(!result.ok && /^(EISDIR|ENOTEMPTY|EEXIST)$/.test(result.code), JSON.stringify(result));
    assert.ok(!result.ok && result.message.startsWith(`${folder}: could not save it, so nothing was changed: `), JSON.stringify(result));
    assert.deepEqual(readdirSync(dir), ['mappe.programme']);
    assert.deepEqual(readdirSync(folder), ['inni.txt']);
  });

  it('says that the folder does not exist, and creates nothing', () => {
    const file = path.join(dir, 'finnes-ikke', 'program.programme');
    const result = writeTextAtomic(file, 'tekst\n');
    assert.deepEqual(result, { ok: false, code: 'ENOENT', message: `${file}: could not save it, so nothing was changed: its folder does not exist (ENOENT); check the path.` });
    assert.equal(existsSync(path.dirname(file)), false);
  });

  it('writes through a symbolic link: the link stays, the file it points to changes', () => {
    const file = path.join(dir, 'program.programme');
    const link = path.join(dir, 'lenke.programme');
    writeFileSync(file, 'gammel\n');
    symlinkSync(file, link);
    assert.deepEqual(writeTextAtomic(link, 'ny\n'), { ok: true });
    assert.ok(lstatSync(link).isSymbolicLink());
    assert.equal(readlinkSync(link), file);
    assert.equal(readFileSync(file, 'utf8'), 'ny\n');
    assert.deepEqual(readdirSync(dir).sort(), ['lenke.programme', 'program.programme']);
  });
});
