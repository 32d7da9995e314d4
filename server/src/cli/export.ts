/**
 * `programme export FILE [--to html|docx|md|json] [-o OUTPUT]`: the programme printed as a web page, a
 * Word document, Markdown or JSON (server/src/export/, docs/export.md).
 *
 * The format is `--to`, else the output's extension (`out.docx`), else an error that names both. Text
 * formats go to standard output without `-o` (or with `-o -`); a Word document is bytes and goes to
 * standard output only with `-o -`. The output is written through a temporary file and a rename, and
 * replaced when it exists (it is made from the programme and holds nothing of its own); it is never the
 * programme itself. The programme's errors (what `programme check` reports as errors) are listed on
 * standard error: they are printed as they read, and the exit code says so.
 *
 * With `--line-numbers` (HTML and Word), the programme is printed as the congress's draft, each printed
 * line with its number (amendments/lines.ts); `--width` and `--restart` choose the width and numbering as
 * for `programme lines`.
 *
 * Exit codes: 0 exported; 1 exported, but the programme has errors; 2 a usage error, or a file that
 * could not be read or written (nothing written).
 */
import * as l10n from '@vscode/l10n';
import { analyse } from '../rules/index';
import { exportProgramme, formatOfOutput, LINE_NUMBER_FORMATS, type ExportFormat } from '../export/index';
import type { LineNumbering } from '../amendments/lines';
import { widthOption } from './lines';
import { readOneProgramme, reportErrors } from './oneProgramme';
import { isFile, realPath } from '../node/files';
import { writeTextAtomic } from '../node/write';
import { EXIT, STDIN, type Io } from './io';

/** Options of `programme export`. */
export interface ExportCommandOptions {
  to?: ExportFormat;
  output?: string;
  config?: string;
  /** Print the draft with its printed line numbers (HTML and Word). */
  lineNumbers?: boolean;
  /** With `lineNumbers`: the line width as written, and the numbering. */
  width?: string;
  restart?: LineNumbering;
}

/** Runs `programme export` on `file`; resolves to the exit code (see the module's comment). */
export async function runExport(file: string, options: ExportCommandOptions, io: Io): Promise<number> {
  const toStdout = options.output === undefined || options.output === STDIN.argument;
  const format = options.to ?? (toStdout ? undefined : formatOfOutput(options.output!));
  if (format === undefined) {
    io.err(
      toStdout
        ? l10n.t('Say which format to export with --to html, docx, md or json.')
        : l10n.t('{0}: the file extension names no export format; say which with --to html, docx, md or json.', options.output!),
    );
    return EXIT.trouble;
  }
  if (format === 'docx' && options.output === undefined) {
    io.err(l10n.t('A Word document is not text: name the output file with -o (or -o - to write it to standard output).'));
    return EXIT.trouble;
  }
  if ((options.width !== undefined || options.restart !== undefined) && options.lineNumbers !== true) {
    io.err(l10n.t('--width and --restart choose how lines are numbered: use them with --line-numbers.'));
    return EXIT.trouble;
  }
  if (options.lineNumbers === true && !LINE_NUMBER_FORMATS.includes(format)) {
    io.err(l10n.t('Line numbers are printed in html and docx only; export to one of them, or use "programme lines".'));
    return EXIT.trouble;
  }
  const width = widthOption(options.width, io);
  if (width === 'bad') return EXIT.trouble;
  const isStdin = file === STDIN.argument;
  if (!toStdout && !isStdin && isFile(options.output!) && isFile(file) && realPath(options.output!) === realPath(file)) {
    io.err(l10n.t('{0}: the output is the programme itself; the export never writes over it. Name another file with -o.', options.output!));
    return EXIT.trouble;
  }
  const input = await readOneProgramme(file, options.config, io);
  if (input === undefined) return EXIT.trouble;
  const { config } = input;
  // The errors are for the writer; near-duplicates (information) are for `programme check`.
  const { programme, diagnostics } = analyse(input.text, { ...config, rules: { ...config.rules, 'similar-measures': 'off' } });
  const output = await exportProgramme(programme, format, undefined, options.lineNumbers === true ? { lineNumbers: { width, restart: options.restart, config } } : {});
  if (toStdout) {
    const write = io.write ?? ((t: string) => io.out(t.replace(/\n$/, '')));
    if ('text' in output) write(output.text);
    else if (io.writeBytes !== undefined) io.writeBytes(output.bytes);
    else write(Buffer.from(output.bytes).toString('latin1'));
  } else {
    const written = writeTextAtomic(options.output!, 'text' in output ? output.text : output.bytes);
    if (!written.ok) {
      io.err(written.message);
      return EXIT.trouble;
    }
  }
  return reportErrors(input.shownAs, programme, diagnostics, io, (count) =>
    count === 1
      ? l10n.t('Exported, but the programme has 1 error (above); it is printed as it reads.')
      : l10n.t('Exported, but the programme has {0} errors (above); they are printed as they read.', count),
  );
}
