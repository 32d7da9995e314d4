/**
 * What the commands that read one programme and print it another way share (`programme export`,
 * `programme lines`): reading the programme (a file, or standard input with `-`) with its config, and
 * listing its errors on standard error after what was printed.
 */
import type { Config } from '../model/config';
import type { Programme } from '../model/programme';
import type { Diagnostic } from '../syntax/span';
import { readInput, readText } from '../node/files';
import { ConfigResolver } from './configFile';
import { configFor, EXIT, processIo, STDIN, type Io } from './io';
import { formatText, toFileDiagnostics } from './report';

/** One programme as a command read it: its name as shown in messages, its text and its config. */
export interface ProgrammeInput {
  shownAs: string;
  text: string;
  config: Config;
}

/**
 * Reads the programme `file` (`-`: standard input, whose config is the current folder's) with the config
 * `configFile` or the nearest `.programmerc.json`. Undefined when the file or the config cannot be read:
 * the message naming it is already on standard error (exit code 2, `EXIT.trouble`).
 */
export async function readOneProgramme(file: string, configFile: string | undefined, io: Io): Promise<ProgrammeInput | undefined> {
  const isStdin = file === STDIN.argument;
  const configs = new ConfigResolver(configFile);
  const config = configFor(isStdin ? configs.forFolder(process.cwd()) : configs.forFile(file), new Set(), io);
  if (config === undefined) return undefined;
  const read = isStdin ? await readInput(io.stdin ?? processIo.stdin, STDIN.shownAs) : readText(file);
  if ('problem' in read) {
    io.err(read.problem.message);
    return undefined;
  }
  return { shownAs: isStdin ? STDIN.shownAs : file, text: read.text, config };
}

/**
 * Lists the errors among `diagnostics` of `programme` (read from `shownAs`) on standard error, then
 * `closing(count)` when there are any; the exit code: `EXIT.errors` with errors, else `EXIT.ok`.
 */
export function reportErrors(shownAs: string, programme: Programme, diagnostics: Diagnostic[], io: Io, closing: (count: number) => string): number {
  const errors = toFileDiagnostics(shownAs, programme, diagnostics).filter((d) => d.severity === 'error');
  for (const d of errors) io.err(formatText(d));
  if (errors.length === 0) return EXIT.ok;
  io.err(closing(errors.length));
  return EXIT.errors;
}
