/**
 * `programme import INPUT [-o OUTPUT] [--from FORMAT] [--report text|json]`: a Word, PDF, Markdown or
 * text document becomes a programme (server/src/import/, docs/import.md).
 *
 * Without `-o` the programme goes to standard output and the report to standard error; with `-o` the
 * programme is written to OUTPUT (through a temporary file and a rename) and the report goes to
 * standard output. An existing OUTPUT is never overwritten without `--force`: it may hold a
 * secretary's edits. The report lists every clean-up step and every decision to review with its
 * output line, then what `programme check` finds in the result. Exit codes: 0 imported, 1 imported
 * but the result has errors, 2 a usage error or an input that could not be read or written.
 */
import * as l10n from '@vscode/l10n';
import { analyse } from '../rules/index';
import { importDocument, type ImportLanguage, type InputFormat } from '../import/index';
import { importSummary, isReview, noteMessage, problemMessage } from '../import/report';
import { loadSpeller } from '../node/dictionaries';
import { isFile, readBytes, realPath } from '../node/files';
import { writeTextAtomic } from '../node/write';
import { EXIT, type Io } from './io';
import { countBySeverity, formatText, severityCounts, toFileDiagnostics } from './report';

/** Options of `programme import`. */
export interface ImportCommandOptions {
  output?: string;
  from?: InputFormat;
  report?: 'text' | 'json';
  textLang?: ImportLanguage;
  force?: boolean;
}

/** Runs `programme import` on `input`; resolves to the exit code (see the module's comment). */
export async function runImport(input: string, options: ImportCommandOptions, io: Io): Promise<number> {
  const read = readBytes(input);
  if ('problem' in read) {
    io.err(read.problem.message);
    return EXIT.trouble;
  }
  if (options.output !== undefined && isFile(options.output) && realPath(options.output) === realPath(input)) {
    io.err(l10n.t('{0}: the output is the input file; the import never writes over the document it reads. Name another file with -o.', options.output));
    return EXIT.trouble;
  }
  if (options.output !== undefined && options.force !== true && isFile(options.output)) {
    io.err(l10n.t('{0}: the file exists; the import does not overwrite it. Name another file with -o, or add --force to replace it.', options.output));
    return EXIT.trouble;
  }
  const result = await importDocument(read.bytes, { from: options.from, fileName: input, lang: options.textLang, speller: loadSpeller });
  if ('problem' in result) {
    io.err(problemMessage(input, result.problem));
    return EXIT.trouble;
  }
  const shownAs = options.output ?? '<stdout>';
  const report = options.output === undefined ? io.err : io.out;
  if (options.output !== undefined) {
    const written = writeTextAtomic(options.output, result.text);
    if (!written.ok) {
      io.err(written.message);
      return EXIT.trouble;
    }
  } else {
    (io.write ?? ((t: string) => io.out(t.replace(/\n$/, ''))))(result.text);
  }
  // The report lists errors and warnings; near-duplicates (information, and slow on a whole programme)
  // are for `programme check` afterwards.
  const { programme, diagnostics } = analyse(result.text, { rules: { 'similar-measures': 'off' } });
  const found = toFileDiagnostics(shownAs, programme, diagnostics).filter((d) => d.severity === 'error' || d.severity === 'warning');
  if (options.report === 'json') {
    report(
      JSON.stringify(
        {
          input,
          output: options.output ?? null,
          format: result.summary.format,
          lang: result.summary.lang ?? null,
          pillars: result.summary.titles.map((title, i) => ({ title, measures: result.summary.measures[i] })),
          notes: result.notes.map((n) => ({
            code: n.code,
            review: isReview(n),
            line: n.outputLine ?? null,
            input: n.place ?? null,
            message: noteMessage(n),
            ...(n.removed !== undefined ? { removed: n.removed } : {}),
            ...(n.before !== undefined ? { before: n.before, after: n.after } : {}),
          })),
          diagnostics: found,
        },
        null,
        2,
      ),
    );
  } else {
    for (const n of result.notes) {
      const at = n.outputLine !== undefined ? `${shownAs}:${n.outputLine + 1}` : shownAs;
      report(`${at}: ${isReview(n) ? l10n.t('review') : l10n.t('import')} ${n.code} ${noteMessage(n)}`);
    }
    for (const d of found) report(formatText(d));
    report(importSummary(result.summary.measures, result.summary.review));
    if (found.length > 0) report(l10n.t('The result, checked: {0}.', severityCounts(countBySeverity(found), false)));
  }
  return found.some((d) => d.severity === 'error') ? EXIT.errors : EXIT.ok;
}
