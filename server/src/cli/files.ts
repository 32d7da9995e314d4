/**
 * Reading the files the CLI is asked to check: folders expand to every `*.programme` below them
 * (skipping `node_modules` and hidden folders), and text must be UTF-8. Problems are returned as
 * messages for people, never thrown.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** A problem that stops one file or path from being checked; `message` names the file. */
export interface FileProblem {
  path: string;
  message: string;
}

/** Expands `paths` (files and folders) to the files to check, in a stable order. */
export function expandPaths(paths: string[]): { files: string[]; problems: FileProblem[] } {
  const files: string[] = [];
  const problems: FileProblem[] = [];
  for (const given of paths) {
    let stat;
    try {
      stat = statSync(given);
    } catch {
      problems.push({ path: given, message: `${given}: no such file or folder. Check the path.` });
      continue;
    }
    if (stat.isDirectory()) {
      const found = walk(given, problems);
      if (found.length === 0) problems.push({ path: given, message: `${given}: no *.programme files in this folder.` });
      files.push(...found);
    } else {
      files.push(given);
    }
  }
  return { files: [...new Set(files)], problems };
}

function walk(dir: string, problems: FileProblem[]): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    problems.push({ path: dir, message: `${dir}: cannot read this folder (${(error as NodeJS.ErrnoException).code ?? 'error'}). Check its permissions.` });
    return [];
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      out.push(...walk(full, problems));
    } else if (entry.name.endsWith('.programme')) {
      out.push(full);
    }
  }
  return out;
}

/** What {@link readUtf8} found: the text, an error code of the file system, or the first bad byte. */
export type Utf8Reading = { text: string } | { errorCode: string } | { invalid: { line: number; column: number; byte: number } };

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
    return { errorCode: (error as NodeJS.ErrnoException).code ?? 'error' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { invalid: invalidUtf8At(bytes) };
  }
}

/** A byte as people read it in messages: `0xE5`. */
export function byteHex(byte: number): string {
  return `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}

/**
 * Reads a programme as UTF-8 text ({@link readUtf8}); a problem comes back as one message naming the file.
 */
export function readText(file: string): { text: string } | { problem: FileProblem } {
  const read = readUtf8(file);
  if ('text' in read) return read;
  if ('invalid' in read) {
    const bad = read.invalid;
    return { problem: { path: file, message: `${file}:${bad.line}:${bad.column}: not UTF-8 text (byte ${byteHex(bad.byte)}). Save the file as UTF-8.` } };
  }
  const code = read.errorCode;
  const why =
    code === 'EACCES'
      ? 'permission denied; check its permissions'
      : code === 'EISDIR'
        ? 'it is a folder'
        : code === 'ENOENT'
          ? 'no such file; if it is a link, what it points to is missing'
          : code;
  return { problem: { path: file, message: `${file}: cannot read the file (${why}).` } };
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
