/**
 * What the commands of the CLI share: exit codes, standard input's name, where output goes (tests pass
 * their own {@link Io}), and a file's configuration with its problems reported once.
 */
import { writeSync } from 'node:fs';
import type { Config, ConfigReading } from '../model/config';
import type { LocaleEnvironment } from '../l10n/index';
import { formatConfigProblem } from './configFile';

/** Exit codes. */
export const EXIT = { ok: 0, errors: 1, trouble: 2 } as const;

/** The argument that stands for standard input, and how standard input is named in the output. */
export const STDIN = { argument: '-', shownAs: '<stdin>' } as const;

/** Where the CLI writes, and reads standard input from; tests pass their own. */
export interface Io {
  /** A line of output (a line break is added). */
  out: (text: string) => void;
  /** A line of messages (a line break is added). */
  err: (text: string) => void;
  /** Text written to standard output as it is (the text of `programme fix -`). Absent: `out` without its line break. */
  write?: (text: string) => void;
  /** Bytes written to standard output as they are (`programme export --to docx -o -`). */
  writeBytes?: (bytes: Uint8Array) => void;
  /** All of standard input, as bytes; read only for the argument `-`. Absent: the process's standard input. */
  stdin?: () => Promise<Uint8Array>;
  /**
   * The environment variables that choose the language of messages (`LANGUAGE`, `LC_ALL`, `LC_MESSAGES`,
   * `LANG`; see l10n/index.ts `languageFromEnvironment`). Absent: none (tests get English unless they
   * ask); {@link processIo} has the process's own.
   */
  env?: LocaleEnvironment;
  /**
   * Writes out what `out` has gathered and not written yet (see {@link processIo}); the commands call it
   * after each file and when they end. Absent: `out` writes at once.
   */
  flush?: () => void;
}

/**
 * Whether standard output was closed by its reader (`programme check … | head`): writing stops then,
 * quietly, and the command still finishes and exits with the code it would have (see {@link processIo}).
 */
let stdoutClosed = false;

/**
 * Whether standard output is written through `process.stdout` (from the first write that could not be
 * made directly, see {@link writeStdout}, to the end).
 */
let stdoutStream = false;

/** Whether anything was written through `process.stdout` or `process.stderr` (see {@link wroteThroughStreams}). */
let streamsUsed = false;

/**
 * True when {@link processIo} wrote something through `process.stdout` or `process.stderr`, whose
 * writes may still be under way when a command ends (a pipe); false when all of it went straight to
 * the file descriptor, written when the call returned.
 */
export function wroteThroughStreams(): boolean {
  return streamsUsed;
}

/** Watches `process.stdout` for a reader that went away (once, when it is first used). */
let watching = false;
function watchStdout(): void {
  streamsUsed = true;
  if (watching) return;
  watching = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') stdoutClosed = true;
    else throw error;
  });
}

/**
 * Writes `bytes` to standard output: straight to its file descriptor while it takes them, which spares
 * making `process.stdout` and loading Node's streams (about 1 ms of a `programme check` to a file, 2 to
 * a pipe). A reader that went away (EPIPE) stops the writing, as on `process.stdout`; standard output
 * that would block (EAGAIN, a non-blocking pipe) is written through `process.stdout` from there on, so
 * the order of the output stays.
 */
function writeStdout(bytes: Uint8Array): void {
  if (stdoutClosed) return;
  let written = 0;
  if (!stdoutStream) {
    try {
      while (written < bytes.length) written += writeSync(1, bytes, written, bytes.length - written);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') {
        stdoutClosed = true;
        return;
      }
      if (code !== 'EAGAIN') throw error;
      stdoutStream = true;
    }
  }
  watchStdout();
  process.stdout.write(bytes.subarray(written));
}

/**
 * Lines of standard output not written yet, as UTF-8: `processIo.out` encodes each line into `pending`
 * and writes 256 KB at a time, one system call instead of one per line (`programme check` of a large
 * programme prints hundreds of thousands of lines; written one by one, they took longer than the
 * check). Each line is encoded where it goes, not joined to the others first (the joined text, made
 * flat and then encoded, took a third of the time of printing). A new buffer is taken after each write:
 * the stream may hold on to the one it was given.
 */
const PENDING_BYTES = 1 << 18;
let pending = Buffer.allocUnsafe(PENDING_BYTES);
let pendingAt = 0;

/** Writes the gathered lines of standard output (see {@link pending}). */
function flushStdout(): void {
  if (pendingAt === 0) return;
  const bytes = pending.subarray(0, pendingAt);
  pending = Buffer.allocUnsafe(PENDING_BYTES);
  pendingAt = 0;
  writeStdout(bytes);
}

/** Adds `text` and a line break to {@link pending} (a UTF-16 code unit is at most 3 bytes of UTF-8). */
function addLine(text: string): void {
  if (pendingAt + 3 * text.length + 1 > pending.length) flushStdout();
  if (3 * text.length + 1 > pending.length) {
    // A line longer than the buffer: written on its own.
    writeStdout(Buffer.from(text + '\n', 'utf8'));
    return;
  }
  pendingAt += pending.write(text, pendingAt);
  pending[pendingAt++] = 10;
}

/**
 * All of standard input, as bytes (what `stream/consumers`' `buffer` does, without loading that module
 * at every start).
 */
async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/**
 * The process's own standard output, error and input. Lines of `out` are gathered and written in
 * pieces (`flush` writes what is left); everything else is written at once, after what `out` gathered,
 * so that the order of the output stays as it was written.
 */
export const processIo: Required<Io> = {
  out: (text) => {
    if (stdoutClosed) return;
    addLine(text);
  },
  err: (text) => {
    flushStdout();
    streamsUsed = true;
    process.stderr.write(text + '\n');
  },
  write: (text) => {
    flushStdout();
    writeStdout(Buffer.from(text, 'utf8'));
  },
  writeBytes: (bytes) => {
    flushStdout();
    writeStdout(bytes);
  },
  stdin: readStdin,
  env: process.env,
  flush: flushStdout,
};

/**
 * The configuration of a file from its config `reading` (undefined: no config file, defaults); a
 * broken config file is reported once (each problem on a line naming the file, line and JSON path) and
 * gives undefined: the file is not checked.
 */
export function configFor(reading: ConfigReading | undefined, reported: Set<string>, io: Io): Config | undefined {
  if (reading === undefined) return {};
  if (reading.problems.length === 0) return reading.config;
  if (!reported.has(reading.file)) {
    reported.add(reading.file);
    for (const problem of reading.problems) io.err(formatConfigProblem(reading.file, problem));
  }
  return undefined;
}

