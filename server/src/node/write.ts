/**
 * Writing a file whole or not at all, for edits the tool saves (renumbering a file, fixes): the text
 * goes to a temporary file beside the target, is flushed to disk, and then renamed over the target, so
 * that a reader, a crash or a full disk never leaves half a programme behind.
 */
import * as l10n from '@vscode/l10n';
import { closeSync, fchmodSync, fsyncSync, openSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { errorCode } from './files';

/**
 * `bytes` random bytes as hex. Web Crypto's global `crypto`, which Node loads when it is first used:
 * `node:crypto` imported here would be loaded at every start of the CLI and the server (5 ms), for
 * the few runs that write a file.
 */
function randomHex(bytes: number): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(bytes))).toString('hex');
}

/** What {@link writeTextAtomic} did: the file was written, or it was not and nothing changed. */
export type WriteResult = { ok: true } | { ok: false; code: string; message: string };

/**
 * Replaces the contents of `file` with `text` (a string is written as UTF-8; bytes as they are) atomically: readers see the old file or the new
 * one, never a mix. The text is written to a temporary file in the same folder
 * (`.NAME.programme-PID-RANDOM.tmp`), flushed with fsync, given the mode (permission bits) of the file
 * it replaces, and renamed over it; a new file gets the usual mode (0666 less the umask). When `file` is
 * a symbolic link, the file it points to is replaced and the link stays.
 *
 * Never throws. On failure the temporary file is removed, `file` is as it was, and the result holds the
 * error code (`ENOSPC`, `EACCES`, `EROFS`, …) and one sentence for people naming the file, what went
 * wrong and what to do. `rename` is the final step, replaceable so that tests can make it fail.
 */
export function writeTextAtomic(file: string, text: string | Uint8Array, rename: (from: string, to: string) => void = renameSync): WriteResult {
  let target = file;
  let mode: number | undefined;
  try {
    target = realpathSync(file);
    mode = statSync(target).mode & 0o7777;
  } catch {
    // A new file (or a dangling link, which is replaced by the file).
  }
  const temp = path.join(path.dirname(target), `.${shortened(path.basename(target))}.programme-${process.pid}-${randomHex(6)}.tmp`);
  let fd: number | undefined;
  try {
    // 'wx': never reuse a file that happens to have the temporary name.
    fd = openSync(temp, 'wx', mode ?? 0o666);
    // The mode given to open is reduced by the umask; the old file's mode is wanted as it was.
    if (mode !== undefined) fchmodSync(fd, mode);
    if (typeof text === 'string') writeFileSync(fd, text, 'utf8');
    else writeFileSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    rename(temp, target);
  } catch (error) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // Already failing; the first error is the one to report.
      }
    }
    try {
      rmSync(temp, { force: true });
    } catch {
      // Could not be removed either (the folder refuses writes): there is nothing more to do.
    }
    const code = errorCode(error);
    return { ok: false, code, message: notWritten(file, code) };
  }
  syncFolder(path.dirname(target));
  return { ok: true };
}

/**
 * `name` cut to at most {@link TEMP_NAME_BYTES} bytes of UTF-8 (whole characters), for the temporary
 * file's name: a name the system allows (up to 255 bytes) must not fail because the temporary name
 * adds 35 bytes to it.
 */
function shortened(name: string): string {
  if (Buffer.byteLength(name) <= TEMP_NAME_BYTES) return name;
  let out = '';
  let bytes = 0;
  for (const c of name) {
    bytes += Buffer.byteLength(c);
    if (bytes > TEMP_NAME_BYTES) break;
    out += c;
  }
  return out;
}

/** The most bytes of the target's name that the temporary file's name repeats. */
const TEMP_NAME_BYTES = 100;

/** Makes the rename itself durable where the system allows it (not on Windows); a failure here loses nothing already written. */
function syncFolder(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Best effort only.
  }
}

/** The message of a failed write: the file, that nothing changed, why (from the error code) and what to do. */
function notWritten(file: string, code: string): string {
  switch (code) {
    case 'ENOSPC':
      return l10n.t('{0}: could not save it, so nothing was changed: the disk is full (ENOSPC); free some space and save again.', file);
    case 'EDQUOT':
      return l10n.t('{0}: could not save it, so nothing was changed: the disk quota is used up (EDQUOT); free some space and save again.', file);
    case 'EACCES':
    case 'EPERM':
      return l10n.t('{0}: could not save it, so nothing was changed: permission denied ({1}); check the permissions of the file and of its folder.', file, code);
    case 'EROFS':
      return l10n.t('{0}: could not save it, so nothing was changed: the file system is read-only (EROFS); save the file somewhere else.', file);
    case 'ENOENT':
    case 'ENOTDIR':
      return l10n.t('{0}: could not save it, so nothing was changed: its folder does not exist ({1}); check the path.', file, code);
    case 'EISDIR':
      return l10n.t('{0}: could not save it, so nothing was changed: it is a folder (EISDIR); name a file.', file);
    case 'ENAMETOOLONG':
      return l10n.t('{0}: could not save it, so nothing was changed: its name or path is longer than the system allows (ENAMETOOLONG); choose a shorter name.', file);
    case 'ELOOP':
      return l10n.t('{0}: could not save it, so nothing was changed: a symbolic link on its path leads back to itself, or too many links follow each other (ELOOP); check the links.', file);
    default:
      return l10n.t('{0}: could not save it, so nothing was changed: the system refused ({1}).', file, code);
  }
}
