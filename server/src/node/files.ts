/**
 * Reading from the file system, for the CLI and the language server alike: folders expand to every
 * `*.programme` below them (skipping `node_modules` and hidden folders), a file named twice is read
 * once, and text must be UTF-8. Problems are returned as messages for people (in the language of the
 * messages, server/src/l10n), never thrown.
 *
 * server/src/node/ is the only code that touches the file system (programmes, config files, atomic
 * writes); everything else gets text and returns results.
 */
import * as l10n from '@vscode/l10n';
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The code of a file that could not be checked at all, as the CLI's JSON shows it: `encoding` for
 * text that is not UTF-8, `unreadable-file` for a file or folder the system would not read (missing,
 * permission denied, a folder where a file was named …). These are not rules: they cannot be
 * configured or turned off (docs/rules.md, "Files that cannot be read").
 */
export type FileProblemCode = 'encoding' | 'unreadable-file';

/** A problem that stops one file or path from being checked. */
export interface FileProblem {
  /** The path as the user wrote it (or as found in a folder); `<stdin>` for standard input. */
  path: string;
  /** One sentence (or two) for people, starting with the path (and 1-based line and column). */
  message: string;
  /**
   * For a file or folder that could not be read: its code, where (0-based line and UTF-16 character:
   * the first bad byte for `encoding`, else 0:0) and `message` without the place in front. Absent
   * for a folder that holds no programme: nothing failed to be read there.
   */
  unread?: { code: FileProblemCode; line: number; character: number; reason: string };
}

/** A problem of a path that could not be read; the message is `PATH[:LINE:COL]: REASON`. */
function unreadable(shownAs: string, code: FileProblemCode, reason: string, line = 0, character = 0): FileProblem {
  const where = code === 'encoding' ? `${shownAs}:${line + 1}:${character + 1}` : shownAs;
  return { path: shownAs, message: `${where}: ${reason}`, unread: { code, line, character, reason } };
}

/** What {@link expandPaths} found. */
export interface Expansion {
  /** The files to check, each once, as first written (or found); the `stdin` argument stays in its place. */
  files: string[];
  /** Those of `files` that were named as files, not only found in a folder. */
  named: Set<string>;
  /** Paths that do not exist or could not be read, and folders without programmes, in order. */
  problems: FileProblem[];
}

/**
 * Expands `paths` (files and folders) to the files to check, in a stable order: the arguments in
 * order, the files of a folder sorted by name. A folder gives the files whose names end in one of
 * `options.extensions` (default `.programme`; `programme check` also asks for `.amendments`). A file reached twice (`x.programme` and
 * `./x.programme`, a link to it, or a folder that holds it) is kept once, under the path it was first
 * reached by; "the same file" is decided on real paths (links resolved). An argument equal to
 * `options.stdin` (the CLI's `-`) is kept as it is, once, for the caller to read standard input.
 */
export function expandPaths(paths: string[], options: { stdin?: string; extensions?: readonly string[] } = {}): Expansion {
  const extensions = options.extensions ?? ['.programme'];
  const files: string[] = [];
  const named = new Set<string>();
  const problems: FileProblem[] = [];
  /** Real path → the path kept for it. */
  const kept = new Map<string, string>();
  const keep = (file: string, isNamed: boolean) => {
    const real = file === options.stdin ? file : realPath(file);
    let shown = kept.get(real);
    if (shown === undefined) {
      shown = file;
      kept.set(real, file);
      files.push(file);
    }
    if (isNamed) named.add(shown);
  };
  for (const given of paths) {
    if (given === options.stdin) {
      keep(given, true);
      continue;
    }
    let stat;
    try {
      stat = statSync(given);
    } catch (error) {
      const code = errorCode(error);
      problems.push(unreadable(given, 'unreadable-file', code === 'ENOENT' || code === 'ENOTDIR' ? l10n.t('no such file or folder. Check the path.') : cannotRead(code, false)));
      continue;
    }
    if (stat.isDirectory()) {
      const before = problems.length;
      const found = walk(given, problems, extensions);
      // A folder that could not be read has said so already.
      if (found.length === 0 && problems.length === before) {
        problems.push({ path: given, message: `${given}: ${l10n.t('no *.programme files in this folder.')}` });
      }
      for (const file of found) keep(file, false);
    } else {
      keep(given, true);
    }
  }
  return { files, named, problems };
}

function walk(dir: string, problems: FileProblem[], extensions: readonly string[]): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    problems.push(unreadable(dir, 'unreadable-file', cannotReadFolder(errorCode(error))));
    return [];
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      for (const f of walk(full, problems, extensions)) out.push(f);
    } else if (extensions.some((e) => entry.name.endsWith(e))) {
      out.push(full);
    }
  }
  return out;
}

/** The real path of `file` (links resolved, absolute); its absolute path when it cannot be resolved (a dangling link). */
export function realPath(file: string): string {
  try {
    return realpathSync.native(file);
  } catch {
    return path.resolve(file);
  }
}

/** True when `file` exists and is a file (following links); false for folders, missing paths and paths that cannot be read. */
export function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The modification time (milliseconds since 1970) and size (bytes) of `file`, to tell whether a
 * cached reading is still current; undefined when the file cannot be reached.
 */
export function fileStamp(file: string): { mtimeMs: number; size: number } | undefined {
  try {
    const stat = statSync(file);
    return { mtimeMs: stat.mtimeMs, size: stat.size };
  } catch {
    return undefined;
  }
}

/** What {@link readUtf8} found: the text, an error code of the file system, or the first bad byte. */
export type Utf8Reading = { text: string; bom: boolean } | { errorCode: string } | { invalid: { line: number; column: number; byte: number } };

/**
 * Reads a file as UTF-8 text, for programmes and config files alike. Never throws: a file that cannot
 * be read gives its error code (`ENOENT`, `EACCES`, `EISDIR`, …); invalid UTF-8 gives the line and
 * column of the first bad byte (see {@link invalidUtf8At}), so that nothing is silently replaced.
 */
export function readUtf8(file: string): Utf8Reading {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    return { errorCode: errorCode(error) };
  }
  return decodeUtf8(bytes);
}

/**
 * `bytes` as UTF-8 text, or where its first byte that is not UTF-8 is (see {@link invalidUtf8At}). A
 * byte order mark is not part of the text; `bom` says whether the bytes began with one (a file written
 * back keeps it).
 */
export function decodeUtf8(bytes: Uint8Array): { text: string; bom: boolean } | { invalid: { line: number; column: number; byte: number } } {
  try {
    const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), bom };
  } catch {
    return { invalid: invalidUtf8At(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) };
  }
}

/** A byte as people read it in messages: `0xE5`. */
export function byteHex(byte: number): string {
  return `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}

/**
 * Reads a programme as UTF-8 text ({@link readUtf8}); a problem comes back as one message naming the
 * file, with its code and place ({@link FileProblem}).
 */
export function readText(file: string): { text: string; bom: boolean } | { problem: FileProblem } {
  const read = readUtf8(file);
  if ('errorCode' in read) return { problem: unreadable(file, 'unreadable-file', cannotRead(read.errorCode, true)) };
  return textOrProblem(read, file, () => l10n.t('Save the file as UTF-8.'));
}

/**
 * Reads a programme from standard input with `read` (all of it, as bytes), shown as `shownAs`
 * (`<stdin>`) in messages: the text, an `encoding` problem at the first byte that is not UTF-8, or an
 * `unreadable-file` problem when `read` fails. Never rejects.
 */
export async function readInput(read: () => Promise<Uint8Array>, shownAs: string): Promise<{ text: string; bom: boolean } | { problem: FileProblem }> {
  let bytes: Uint8Array;
  try {
    bytes = await read();
  } catch (error) {
    return { problem: unreadable(shownAs, 'unreadable-file', l10n.t('cannot read standard input ({0}).', errorCode(error))) };
  }
  return textOrProblem(decodeUtf8(bytes), shownAs, () => l10n.t('Send UTF-8 text.'));
}

/** The text, or an `encoding` problem at the first bad byte; `fix` is the sentence that says what to do. */
function textOrProblem(read: ReturnType<typeof decodeUtf8>, shownAs: string, fix: () => string): { text: string; bom: boolean } | { problem: FileProblem } {
  if ('text' in read) return read;
  const bad = read.invalid;
  return { problem: unreadable(shownAs, 'encoding', `${l10n.t('not UTF-8 text (byte {0}).', byteHex(bad.byte))} ${fix()}`, bad.line - 1, bad.column - 1) };
}

/**
 * The problem of a file that could not be read (`unreadable-file`), from the error of the file-system
 * call: "FILE: cannot read the file (…)." in the current language of the messages.
 */
export function unreadableFile(file: string, error: unknown): FileProblem {
  return unreadable(file, 'unreadable-file', cannotRead(errorCode(error), true));
}

/** The error code of a failed file-system call (`ENOENT`, `EACCES`, …), or `error` when it has none. */
export function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code ?? 'error';
}

/**
 * Why a path could not be read, from its error code: "cannot read it (…)." for a path named on the
 * command line, "cannot read the file (…)." (`theFile`) for a file being read.
 */
function cannotRead(code: string, theFile: boolean): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return theFile ? l10n.t('cannot read the file (permission denied; check its permissions).') : l10n.t('cannot read it (permission denied; check its permissions).');
    case 'EISDIR':
      return theFile ? l10n.t('cannot read the file (it is a folder).') : l10n.t('cannot read it (it is a folder).');
    case 'ENOENT':
      return theFile
        ? l10n.t('cannot read the file (no such file; if it is a link, what it points to is missing).')
        : l10n.t('cannot read it (no such file; if it is a link, what it points to is missing).');
    case 'ENAMETOOLONG':
      return theFile ? l10n.t('cannot read the file (its name or path is longer than the system allows).') : l10n.t('cannot read it (its name or path is longer than the system allows).');
    case 'ELOOP':
      return theFile
        ? l10n.t('cannot read the file (a symbolic link that leads back to itself, or too many links in a row).')
        : l10n.t('cannot read it (a symbolic link that leads back to itself, or too many links in a row).');
    default:
      return theFile ? l10n.t('cannot read the file ({0}).', code) : l10n.t('cannot read it ({0}).', code);
  }
}

/** Why a folder could not be listed, from the error code of the call (see {@link cannotRead}). */
function cannotReadFolder(code: string): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return l10n.t('cannot read this folder ({0}). Check its permissions.', code);
    case 'ENAMETOOLONG':
      return l10n.t('cannot read this folder (its path is longer than the system allows).');
    case 'ELOOP':
      return l10n.t('cannot read this folder (a symbolic link that leads back to itself, or too many links in a row).');
    default:
      return l10n.t('cannot read this folder ({0}).', code);
  }
}

/**
 * Where the first byte of `bytes` that is not UTF-8 is (the first byte of a broken sequence): its
 * 1-based line, its 1-based column (UTF-16 code units of the text before it on its line, + 1, as
 * editors count) and its value. `bytes` must hold invalid UTF-8; a file that ends inside a sequence
 * points at the sequence's first byte.
 */
export function invalidUtf8At(bytes: Buffer): { line: number; column: number; byte: number } {
  let bad = firstInvalidUtf8(bytes);
  // Back off to the lead byte of a sequence cut short (continuation bytes are 10xxxxxx).
  for (let back = 1; back <= 3 && bad - back >= 0; back++) {
    const b = bytes[bad - back];
    if ((b & 0xc0) === 0xc0) {
      bad -= back;
      break;
    }
    if ((b & 0xc0) !== 0x80) break;
  }
  let before = '';
  try {
    before = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, bad));
  } catch {
    before = bytes.subarray(0, bad).toString('latin1');
  }
  const lines = before.split(/\r\n?|\n/);
  return { line: lines.length, column: lines[lines.length - 1].length + 1, byte: bytes[bad] ?? 0 };
}

/** The offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Buffer): number {
  let lo = 0;
  let hi = bytes.length;
  // Binary search on the longest valid prefix (a cut inside a sequence is allowed with stream: true).
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}

/**
 * Reads a whole file as bytes (a document to import: Word, PDF or text): the bytes, or an
 * `unreadable-file` problem saying why, as `readText` does. Never throws.
 */
export function readBytes(file: string): { bytes: Uint8Array } | { problem: FileProblem } {
  try {
    const buffer = readFileSync(file);
    // A plain Uint8Array over the same memory: pdfjs refuses a Buffer.
    return { bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) };
  } catch (error) {
    return { problem: unreadableFile(file, error) };
  }
}
