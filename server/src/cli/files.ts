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

/**
 * Reads a file as UTF-8 text. Invalid UTF-8 is refused with the line of the first bad byte, so that
 * nothing is silently replaced.
 */
export function readText(file: string): { text: string } | { problem: FileProblem } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : code === 'ENOENT' ? 'no such file' : (code ?? 'error');
    return { problem: { path: file, message: `${file}: cannot read the file (${why}).` } };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const line = bytes.subarray(0, bad).toString('latin1').split(/\r\n?|\n/).length;
    return {
      problem: {
        path: file,
        message: `${file}:${line}: not UTF-8 text (byte 0x${bytes[bad]?.toString(16).toUpperCase().padStart(2, '0')} at offset ${bad}). Save the file as UTF-8.`,
      },
    };
  }
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
