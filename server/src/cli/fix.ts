/**
 * `programme fix [--dry-run] [--renumber] PATH…`: applies every automatic fix in place (features/
 * fixAll.ts), says what it changed and what is left, and exits 0 when no error is left, 1 when errors
 * are left, 2 on a usage error, a file it could not read or write, or a broken configuration.
 *
 * Safety: a file that is not UTF-8 is never written (it is reported, as `check` does); a file is
 * written through a temporary file and a rename (node/write.ts), so an interrupted run leaves either
 * the old text or the new; a byte order mark and the line ends are kept. `--dry-run` prints a unified
 * diff of what would change (the `diff` package) and writes nothing. `-` reads standard input and
 * writes the fixed text to standard output (the report then goes to standard error).
 */
import * as l10n from '@vscode/l10n';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { fixAll, type FixResult } from '../features/fixAll';
import { leftAloneMessage } from '../features/renumber';
import { expandPaths, readInput, readText } from '../node/files';
import { isAmendmentFile } from '../amendments/names';
import { writeTextAtomic } from '../node/write';
import { ConfigResolver } from './configFile';
import { configFor, EXIT, processIo, STDIN, type Io } from './io';
import { countBySeverity, formatText, severityCounts, toFileDiagnostics, type FileDiagnostic } from './report';
import { inLanguage, type Language } from '../l10n/index';
import { fileLanguage, inRunLanguage, type RunLanguage } from './language';

/** Options of `programme fix`. */
export interface FixCommandOptions {
  dryRun?: boolean;
  renumber?: boolean;
  config?: string;
}

/**
 * Runs `programme fix` on `paths` (files, folders, `-`); resolves to the exit code. Each file's lines
 * are in its language, the closing line in the run's (cli/main.ts `fileLanguage`, `inRunLanguage`).
 */
export async function runFix(paths: string[], options: FixCommandOptions, io: Io, language: RunLanguage = { asked: undefined }): Promise<number> {
  const configs = new ConfigResolver(options.config);
  const reported = new Set<string>();
  if (options.config !== undefined && configFor(configs.read(options.config), reported, io) === undefined) return EXIT.trouble;
  const { files: found, named, problems } = expandPaths(paths, { stdin: STDIN.argument });
  let trouble = problems.length > 0;
  for (const problem of problems) io.err(problem.message);
  const files = found.filter((file) => named.has(file) || !configs.isIgnored(file));
  if (files.length === 0 && found.length > 0) {
    io.err(
      found.length === 1
        ? l10n.t('No *.programme files to fix: the one found is ignored by "ignore" in .programmerc.json. Name a file to fix it anyway, or change "ignore".')
        : l10n.t('No *.programme files to fix: all {0} found are ignored by "ignore" in .programmerc.json. Name a file to fix it anyway, or change "ignore".', found.length),
    );
    return EXIT.trouble;
  }
  const left: FileDiagnostic[] = [];
  let done = 0;
  let fixes = 0;
  const languages: Language[] = [];
  for (const file of files) {
    const isStdin = file === STDIN.argument;
    const shown = isStdin ? STDIN.shownAs : file;
    if (!isStdin && isAmendmentFile(file)) {
      // An amendment file is no programme: its fixes rewrite line numbers, which a person should see.
      io.err(l10n.t('{0}: "programme fix" changes programmes only; the fixes of an amendment file are quick fixes in the editor ("programme check" lists what they would correct). The file was not changed.', file));
      trouble = true;
      continue;
    }
    // With `-`, standard output carries the text: the report goes to standard error.
    const report = isStdin ? io.err : io.out;
    const config = configFor(isStdin ? configs.forFolder(process.cwd()) : configs.forFile(file), reported, io);
    if (config === undefined) {
      trouble = true;
      continue;
    }
    const read = isStdin ? await readInput(io.stdin ?? processIo.stdin, STDIN.shownAs) : readText(file);
    if ('problem' in read) {
      io.err(`${read.problem.message} ${l10n.t('The file was not changed.')}`);
      trouble = true;
      continue;
    }
    const lang = fileLanguage(language, read.text);
    languages.push(lang);
    const result = inLanguage(lang, () => fixAll(read.text, config, { renumber: options.renumber }));
    const changed = result.text !== read.text;
    fixes += result.applied.length;
    if (options.dryRun === true) {
      if (changed) report(createTwoFilesPatch(shown, shown, read.text, result.text, undefined, undefined, { headerOptions: FILE_HEADERS_ONLY }).trimEnd());
    } else if (isStdin) {
      (io.write ?? ((t: string) => io.out(t.replace(/\n$/, ''))))((read.bom ? '\ufeff' : '') + result.text);
    } else if (changed) {
      const written = writeTextAtomic(file, (read.bom ? '\ufeff' : '') + result.text);
      if (!written.ok) {
        io.err(written.message);
        trouble = true;
        continue;
      }
    }
    inLanguage(lang, () => {
      for (const line of whatWasDone(shown, result, options.dryRun === true)) report(line);
      const list = toFileDiagnostics(shown, result.analysis.programme, result.analysis.diagnostics);
      for (const d of list) {
        left.push(d);
        report(formatText(d));
      }
    });
    done++;
  }
  if (done > 0) (files.includes(STDIN.argument) ? io.err : io.out)(inRunLanguage(language, languages, () => leftSummary(left, done, fixes, options.dryRun === true)));
  if (trouble) return EXIT.trouble;
  return left.some((d) => d.severity === 'error') ? EXIT.errors : EXIT.ok;
}

/** Lines that say what `fixAll` did to one file: the fixes by code, the renumbering, what it left alone. */
function whatWasDone(shown: string, result: FixResult, dryRun: boolean): string[] {
  const out: string[] = [];
  const counts = new Map<string, number>();
  for (const a of result.applied) counts.set(a.code, (counts.get(a.code) ?? 0) + 1);
  const parts = [...counts].map(([code, n]) => `${n} ${code}`).join(', ');
  const n = result.applied.length;
  const r = result.renumbered;
  if (n > 0 && r === 0) out.push(dryRun ? l10n.t('{0}: would fix {1} ({2}).', shown, n, parts) : l10n.t('{0}: fixed {1} ({2}).', shown, n, parts));
  else if (n > 0 && r === 1) out.push(dryRun ? l10n.t('{0}: would fix {1} ({2}), and renumber 1 number and references.', shown, n, parts) : l10n.t('{0}: fixed {1} ({2}), and renumbered 1 number and references.', shown, n, parts));
  else if (n > 0) out.push(dryRun ? l10n.t('{0}: would fix {1} ({2}), and renumber {3} numbers and references.', shown, n, parts, r) : l10n.t('{0}: fixed {1} ({2}), and renumbered {3} numbers and references.', shown, n, parts, r));
  else if (r === 1) out.push(dryRun ? l10n.t('{0}: would renumber 1 number and references.', shown) : l10n.t('{0}: renumbered 1 number and references.', shown));
  else if (r > 1) out.push(dryRun ? l10n.t('{0}: would renumber {1} numbers and references.', shown, r) : l10n.t('{0}: renumbered {1} numbers and references.', shown, r));
  for (const a of result.leftAlone) out.push(`${shown}:${result.analysis.programme.lines.lineAt(a.measure.span.start) + 1}: ${leftAloneMessage(a)}`);
  for (const x of result.refused) out.push(l10n.t('{0}:{1}: did not apply "{2}" ({3}): it would change words of the text. Please report it.', shown, x.line + 1, x.title, x.code));
  return out;
}

/** The closing line: "1 error, 2 warnings left in 3 files (12 fixes applied)." */
function leftSummary(left: FileDiagnostic[], files: number, fixes: number, dryRun: boolean): string {
  const c = countBySeverity(left);
  let done: string;
  if (dryRun) done = fixes === 1 ? l10n.t('1 fix would be applied') : l10n.t('{0} fixes would be applied', fixes);
  else done = fixes === 1 ? l10n.t('1 fix applied') : l10n.t('{0} fixes applied', fixes);
  if (c.error === 0 && c.warning === 0) {
    return files === 1 ? l10n.t('No errors or warnings left in 1 file ({0}).', done) : l10n.t('No errors or warnings left in {0} files ({1}).', files, done);
  }
  const counts = severityCounts(c, false);
  return files === 1 ? l10n.t('{0} left in 1 file ({1}).', counts, done) : l10n.t('{0} left in {1} files ({2}).', counts, files, done);
}
