/**
 * The `programme` command: `check` (diagnostics for files, folders and standard input), `fix` (the
 * automatic fixes applied in place, cli/fix.ts), `outline` (the document tree), `import` (a Word,
 * PDF, Markdown or text document made a programme, cli/import.ts), `export` (the programme as HTML,
 * Word, Markdown or JSON, cli/export.ts) and `lines` (the printed draft with its line numbers, cli/lines.ts). Exit codes: 0 no errors, 1 errors found, 2 usage error or a file or config that
 * could not be read (with one clear message on standard error naming it; with `--format json`, a file
 * that could not be read is an `encoding` or `unreadable-file` entry of the JSON instead).
 *
 * Language (cli/language.ts): `--lang`, then the environment, then each file's `lang`, then English.
 * The JSON output's `code` and `severity` never change with the language; its `message` does.
 */
import * as l10n from '@vscode/l10n';
import { Command, CommanderError, Option } from 'commander';
import { analyse } from '../rules/index';
import { documentSymbols } from '../features/outline';
import { expandPaths, readInput, readText, type FileProblem } from '../node/files';
import { ConfigResolver } from './configFile';
import { configFor, EXIT, processIo, STDIN, wroteThroughStreams, type Io } from './io';
import { runFix } from './fix';
// `import` and `export` are loaded when they run (see `run`): their libraries must not slow `check`.
import type { ImportCommandOptions } from './import';
import type { ExportCommandOptions } from './export';
import type { LinesCommandOptions } from './lines';
import type { AmendApplyOptions, AmendListOptions } from './amend';
import { LIST_FORMATS } from '../amendments/names';
import { EXPORT_FORMATS } from '../export/formats';
import { diagnosticText, problemDiagnostic, severityWords, summaryOf, toFileDiagnostics, type FileDiagnostic } from './report';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { Config } from '../model/config';
import type { Diagnostic, LineIndex } from '../syntax/span';
// The amendments' reader and checks are loaded for the first amendment file (see `runCheck`).
import { AMENDMENTS_EXTENSION, isAmendmentFile } from '../amendments/names';
import { currentLanguage, inLanguage, languageFromEnvironment, setLanguage, type Language } from '../l10n/index';
import { commanderError, fileLanguage, inRunLanguage, languageInArguments, languageOption, localiseHelp, type RunLanguage } from './language';

export { EXIT, STDIN, type Io } from './io';

/** Whether the last {@link main} ran `check` (see {@link mayExitAtOnce}). */
let ranCheck = false;

/**
 * Whether the process may end as soon as {@link main} has resolved, without waiting for Node's own end:
 * after `check` (which leaves nothing running), when all its output went straight to the file
 * descriptors (cli/io.ts). The bin then ends with `process.exit`, which spares Node's tear-down of the
 * heap (about 50 M instructions, 3 ms, of a `programme check` of the example).
 */
export function mayExitAtOnce(): boolean {
  return ranCheck && !wroteThroughStreams();
}

/**
 * Runs the CLI with `argv` (without `node` and the script); resolves to the exit code. Never throws.
 * Messages are in the language of `--lang`, else of `io.env` (see cli/language.ts); the language that
 * was current before is current again afterwards.
 */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  ranCheck = false;
  const before = currentLanguage();
  const asked = languageInArguments(argv) ?? languageFromEnvironment(io.env ?? {});
  setLanguage(asked ?? 'en');
  try {
    return await run(argv, io, { asked });
  } finally {
    io.flush?.();
    setLanguage(before);
  }
}

async function run(argv: string[], io: Io, language: RunLanguage): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('programme')
    .description(l10n.t('Checks political programmes written in the programme format (docs/format.md).'))
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()), outputError: (s, write) => write(commanderError(s)) })
    .showHelpAfterError(l10n.t('(run "programme --help" for usage)'));
  localiseHelp(program);
  languageOption(program);

  languageOption(
    program
      .command('check')
      .description(l10n.t('report numbering, duplicate, reference and front-matter problems'))
      .argument(l10n.t('<paths...>'), l10n.t('*.programme and *.amendments files (an amendment file is checked against the programme it names), folders to search for them, or - for standard input'))
      .addOption(new Option(l10n.t({ message: '-f, --format <format>', comment: ['Translate only the word in <>: the option stays -f, --format.'] }), l10n.t('output format')).choices(['text', 'json']).default('text'))
      .option(l10n.t({ message: '-c, --config <file>', comment: ['Translate only the word in <>: the option stays -c, --config.'] }), l10n.t('use this configuration file instead of the nearest .programmerc.json above each file (for -, above the current folder)')),
  ).action(async (paths: string[], options: { format: 'text' | 'json'; config?: string }) => {
    exitCode = await runCheck(paths, options.format, io, language, options.config);
    ranCheck = true;
  });

  languageOption(
    program
      .command('fix')
      .description(l10n.t('apply every fix that keeps the words (docs/rules.md, "Fixes"), in place; print what changed and what is left'))
      .argument(l10n.t('<paths...>'), l10n.t('*.programme files, folders to search for them, or - (standard input to standard output)'))
      .option('-n, --dry-run', l10n.t('print a unified diff of what would change, and change nothing'))
      .option('-r, --renumber', l10n.t('also renumber the whole document (references follow), as "Renumber the whole document" does'))
      .option(l10n.t({ message: '-c, --config <file>', comment: ['Translate only the word in <>: the option stays -c, --config.'] }), l10n.t('use this configuration file instead of the nearest .programmerc.json above each file (for -, above the current folder)')),
  ).action(async (paths: string[], options: { dryRun?: boolean; renumber?: boolean; config?: string }) => {
    exitCode = await runFix(paths, options, io, language);
  });

  languageOption(
    program
      .command('outline')
      .description(l10n.t('print the tree of pillars, sub-sections and measures (JSON: LSP DocumentSymbol[])'))
      .argument(l10n.t('<file>'), l10n.t('a *.programme file'))
      .addOption(new Option(l10n.t({ message: '-f, --format <format>', comment: ['Translate only the word in <>: the option stays -f, --format.'] }), l10n.t('output format')).choices(['text', 'json']).default('text'))
      .option(l10n.t({ message: '-c, --config <file>', comment: ['Translate only the word in <>: the option stays -c, --config.'] }), l10n.t('use this configuration file instead of the nearest .programmerc.json above the file')),
  ).action((file: string, options: { format: 'text' | 'json'; config?: string }) => {
    exitCode = runOutline(file, options.format, io, language, options.config);
  });

  languageOption(
    program
      .command('import')
      .description(l10n.t('turn a Word, PDF, Markdown or text document into a programme, with a report of what was cleaned up and what to review (docs/import.md)'))
      .argument(l10n.t('<input>'), l10n.t('a .docx, .pdf, .md or .txt file'))
      .option(l10n.t({ message: '-o, --output <file>', comment: ['Translate only the word in <>: the option stays -o, --output.'] }), l10n.t('write the programme to this file (never over an existing one without --force); without it, to standard output'))
      .addOption(new Option(l10n.t({ message: '--from <format>', comment: ['Translate only the word in <>: the option stays --from.'] }), l10n.t('the input\'s format, when its extension does not say it')).choices(['docx', 'pdf', 'markdown', 'text']))
      .addOption(new Option(l10n.t({ message: '--report <format>', comment: ['Translate only the word in <>: the option stays --report.'] }), l10n.t('the report\'s format')).choices(['text', 'json']).default('text'))
      .addOption(new Option(l10n.t({ message: '--text-lang <language>', comment: ['Translate only the word in <>: the option stays --text-lang.'] }), l10n.t('the language the document is written in, when the import should not guess it')).choices(['nb', 'nn', 'de', 'en']))
      .option('--force', l10n.t('replace the output file if it exists')),
  ).action(async (input: string, options: ImportCommandOptions) => {
    const { runImport } = await import('./import');
    exitCode = await runImport(input, options, io);
  });

  languageOption(
    program
      .command('export')
      .description(l10n.t('print the programme as a web page (html), a Word document (docx), Markdown (md) or JSON (docs/export.md)'))
      .argument(l10n.t('<file>'), l10n.t('a *.programme file, or - for standard input'))
      .addOption(new Option(l10n.t({ message: '-t, --to <format>', comment: ['Translate only the word in <>: the option stays -t, --to.'] }), l10n.t('the format; without it, the output file\'s extension says it')).choices([...EXPORT_FORMATS]))
      .option(l10n.t({ message: '-o, --output <file>', comment: ['Translate only the word in <>: the option stays -o, --output.'] }), l10n.t('write to this file (replaced if it exists); without it, or with -, to standard output'))
      .option('--line-numbers', l10n.t('print the draft as a congress numbers its lines, each line with its number (html and docx; see "programme lines")'))
      .option(l10n.t({ message: '-w, --width <n>', comment: ['Translate only the word in <>: the option stays -w, --width.'] }), l10n.t('with --line-numbers: characters per line (10 to 1000); without it, lineWidth of the front matter or .programmerc.json, else 80'))
      .addOption(new Option(l10n.t({ message: '--restart <numbering>', comment: ['Translate only the word in <>: the option stays --restart.'] }), l10n.t('with --line-numbers: number lines through the document, or from 1 in each pillar; without it, lineNumbering of .programmerc.json, else document')).choices(['document', 'pillar']))
      .option(l10n.t({ message: '-c, --config <file>', comment: ['Translate only the word in <>: the option stays -c, --config.'] }), l10n.t('use this configuration file instead of the nearest .programmerc.json above the file')),
  ).action(async (file: string, options: ExportCommandOptions) => {
    const { runExport } = await import('./export');
    exitCode = await runExport(file, options, io);
  });

  languageOption(
    program
      .command('lines')
      .description(l10n.t('print the draft as a congress numbers its lines, with its fingerprint, for amendments (docs/amendments.md)'))
      .argument(l10n.t('<file>'), l10n.t('a *.programme file, or - for standard input'))
      .option(l10n.t({ message: '-w, --width <n>', comment: ['Translate only the word in <>: the option stays -w, --width.'] }), l10n.t('characters per line (10 to 1000); without it, lineWidth of the front matter or .programmerc.json, else 80'))
      .addOption(new Option(l10n.t({ message: '--restart <numbering>', comment: ['Translate only the word in <>: the option stays --restart.'] }), l10n.t('number lines through the document, or from 1 in each pillar; without it, lineNumbering of .programmerc.json, else document')).choices(['document', 'pillar']))
      .option(l10n.t({ message: '-c, --config <file>', comment: ['Translate only the word in <>: the option stays -c, --config.'] }), l10n.t('use this configuration file instead of the nearest .programmerc.json above the file')),
  ).action(async (file: string, options: LinesCommandOptions) => {
    const { runLines } = await import('./lines');
    exitCode = await runLines(file, options, io, language);
  });

  const amend = languageOption(
    program
      .command('amend')
      .description(l10n.t('a congress\'s amendments: the adopted text (apply) and the voting list (list); docs/amendments.md')),
  );
  languageOption(
    amend
      .command('apply')
      .description(l10n.t('apply the amendments with a status (adopted, by default) to the programme, renumber its measures, and write the adopted text'))
      .argument(l10n.t('<programme>'), l10n.t('the *.programme file the amendments are to'))
      .argument(l10n.t('<amendments>'), l10n.t('the *.amendments file'))
      .option(l10n.t({ message: '-s, --status <statuses>', comment: ['Translate only the word in <>: the option stays -s, --status.'] }), l10n.t('the statuses to apply, joined by commas: proposed, recommended, adopted, rejected, withdrawn (default: adopted)'))
      .option(l10n.t({ message: '-o, --output <file>', comment: ['Translate only the word in <>: the option stays -o, --output.'] }), l10n.t('write to this file (replaced if it exists; never one of the inputs); without it, or with -, to standard output'))
      .option(l10n.t({ message: '-c, --config <file>', comment: ['Translate only the word in <>: the option stays -c, --config.'] }), l10n.t('use this configuration file instead of the nearest .programmerc.json above the programme')),
  ).action(async (programmeFile: string, amendmentsFile: string, options: AmendApplyOptions) => {
    const { runAmendApply } = await import('./amend');
    exitCode = await runAmendApply(programmeFile, amendmentsFile, options, io, language);
  });

  languageOption(
    amend
      .command('list')
      .description(l10n.t('write the voting list: the amendments in line order, the draft\'s text and the amended text side by side, the changed words marked'))
      .argument(l10n.t('<programme>'), l10n.t('the *.programme file the amendments are to'))
      .argument(l10n.t('<amendments>'), l10n.t('the *.amendments file'))
      .addOption(new Option(l10n.t({ message: '-t, --to <format>', comment: ['Translate only the word in <>: the option stays -t, --to.'] }), l10n.t('the format; without it, the output file\'s extension says it')).choices([...LIST_FORMATS]))
      .option(l10n.t({ message: '-o, --output <file>', comment: ['Translate only the word in <>: the option stays -o, --output.'] }), l10n.t('write to this file (replaced if it exists; never one of the inputs); without it, or with -, to standard output'))
      .option(l10n.t({ message: '-c, --config <file>', comment: ['Translate only the word in <>: the option stays -c, --config.'] }), l10n.t('use this configuration file instead of the nearest .programmerc.json above the programme')),
  ).action(async (programmeFile: string, amendmentsFile: string, options: AmendListOptions) => {
    const { runAmendList } = await import('./amend');
    exitCode = await runAmendList(programmeFile, amendmentsFile, options, io, language);
  });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not errors; everything else is a usage error (already printed).
      return error.exitCode === 0 ? EXIT.ok : EXIT.trouble;
    }
    io.err(l10n.t('programme: internal error (please report it): {0}', error instanceof Error ? (error.stack ?? error.message) : String(error)));
    return EXIT.trouble;
  }
  return exitCode;
}

async function runCheck(paths: string[], format: 'text' | 'json', io: Io, language: RunLanguage, configFile?: string): Promise<number> {
  const configs = new ConfigResolver(configFile);
  const reported = new Set<string>();
  if (configFile !== undefined && configFor(configs.read(configFile), reported, io) === undefined) return EXIT.trouble;
  // The JSON output's entries; the text output counts by severity and prints as it goes.
  const all: FileDiagnostic[] = [];
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  let trouble = false;
  const cannotCheck = (problem: FileProblem) => {
    trouble = true;
    const entry = format === 'json' ? problemDiagnostic(problem) : undefined;
    if (entry !== undefined) all.push(entry);
    else io.err(problem.message);
  };
  const { files: found, named, problems } = expandPaths(paths, { stdin: STDIN.argument, extensions: CHECKED_EXTENSIONS });
  problems.forEach(cannotCheck);
  // `ignore` skips files found in folders; a file named on the command line is always checked.
  const files = found.filter((file) => named.has(file) || !configs.isIgnored(file));
  if (files.length === 0 && found.length > 0) {
    // Everything found was ignored: say so, rather than pass a CI job that checked nothing.
    io.err(
      found.length === 1
        ? l10n.t('No *.programme files to check: the one found is ignored by "ignore" in .programmerc.json. Name a file to check it anyway, or change "ignore".')
        : l10n.t('No *.programme files to check: all {0} found are ignored by "ignore" in .programmerc.json. Name a file to check it anyway, or change "ignore".', found.length),
    );
    return EXIT.trouble;
  }
  let checked = 0;
  const languages: Language[] = [];
  for (const file of files) {
    const isStdin = file === STDIN.argument;
    const config = configFor(isStdin ? configs.forFolder(process.cwd()) : configs.forFile(file), reported, io);
    if (config === undefined) {
      trouble = true;
      continue;
    }
    const read = isStdin ? await readInput(io.stdin ?? processIo.stdin, STDIN.shownAs) : readText(file);
    if ('problem' in read) {
      cannotCheck(read.problem);
      continue;
    }
    const lang = fileLanguage(language, read.text);
    languages.push(lang);
    const amendments = isAmendmentFile(file) ? await amendmentChecks() : undefined;
    inLanguage(lang, () => {
      const { lines, diagnostics } = amendments !== undefined ? checkAmendmentFile(amendments, file, read.text, config, configs) : analyseProgramme(read.text, config);
      const shownAs = isStdin ? STDIN.shownAs : file;
      checked++;
      for (const d of diagnostics) counts[d.severity]++;
      if (format === 'json') {
        for (const d of toFileDiagnostics(shownAs, { lines }, diagnostics)) all.push(d);
        return;
      }
      const words = severityWords();
      // The diagnostics are in order: each one's line is where the search for the next one starts.
      let line = 0;
      for (const d of diagnostics) {
        const made = diagnosticText(shownAs, lines, d, words, line);
        line = made.line;
        io.out(made.text);
      }
    });
    // What one file found is shown before the next file is read.
    io.flush?.();
  }
  if (format === 'json') io.out(JSON.stringify(all, null, 2));
  else if (checked > 0) io.out(inRunLanguage(language, languages, () => summaryOf(counts, checked)));
  if (trouble) return EXIT.trouble;
  return counts.error > 0 ? EXIT.errors : EXIT.ok;
}

/** What `programme check` finds in a folder: programmes and amendment files. */
const CHECKED_EXTENSIONS = ['.programme', AMENDMENTS_EXTENSION] as const;

function analyseProgramme(text: string, config: Config): { lines: LineIndex; diagnostics: Diagnostic[] } {
  // One analysis per file: nothing is kept for a next version of it.
  const { programme, diagnostics } = analyse(text, config, undefined, { once: true });
  return { lines: programme.lines, diagnostics };
}

/** The amendments' reader and checks, which a check of programmes alone does not load. */
interface AmendmentChecks {
  loadAmendments: typeof import('../node/amendments').loadAmendments;
  checkAmendments: typeof import('../amendments/check').checkAmendments;
}

/** Loads {@link AmendmentChecks} (on first use; their modules and regular expressions cost every start that loads them). */
async function amendmentChecks(): Promise<AmendmentChecks> {
  const [{ loadAmendments }, { checkAmendments }] = await Promise.all([import('../node/amendments'), import('../amendments/check')]);
  return { loadAmendments, checkAmendments };
}

/**
 * The diagnostics of an amendment file (docs/amendments.md, "Checks"), against the programme it
 * names, which is read with its own configuration (a broken one is ignored here: its problems are
 * reported when the programme itself is checked).
 */
function checkAmendmentFile(
  { loadAmendments, checkAmendments }: AmendmentChecks,
  file: string,
  text: string,
  config: Config,
  configs: ConfigResolver,
): { lines: LineIndex; diagnostics: Diagnostic[] } {
  const { amendments, context } = loadAmendments(file, text, (programme) => {
    const reading = configs.forFile(programme);
    return reading === undefined || reading.problems.length === 0 ? (reading?.config ?? {}) : undefined;
  });
  return { lines: amendments.lines, diagnostics: checkAmendments(amendments, context, config) };
}

function runOutline(file: string, format: 'text' | 'json', io: Io, language: RunLanguage, configFile?: string): number {
  const config = configFor(new ConfigResolver(configFile).forFile(file), new Set(), io);
  if (config === undefined) return EXIT.trouble;
  const read = readText(file);
  if ('problem' in read) {
    io.err(read.problem.message);
    return EXIT.trouble;
  }
  inLanguage(fileLanguage(language, read.text), () => {
    const { programme } = analyse(read.text, config, undefined, { once: true });
    const symbols = documentSymbols(programme);
    if (format === 'json') io.out(JSON.stringify(symbols, null, 2));
    else io.out(outlineText(symbols).join('\n'));
  });
  return EXIT.ok;
}

/** The outline as indented text lines: `name  (line N)`, children indented by two spaces. */
export function outlineText(symbols: DocumentSymbol[], depth = 0): string[] {
  const lines: string[] = [];
  for (const s of symbols) {
    const n = countMeasures(s);
    const line = s.selectionRange.start.line + 1;
    const where =
      s.kind !== SymbolKind.Module ? l10n.t('line {0}', line) : n === 1 ? l10n.t('line {0}, 1 measure', line) : l10n.t('line {0}, {1} measures', line, n);
    lines.push(`${'  '.repeat(depth)}${s.name}  (${where})`);
    for (const l of outlineText(s.children ?? [], depth + 1)) lines.push(l);
  }
  return lines;
}

function countMeasures(s: DocumentSymbol): number {
  let n = 0;
  for (const c of s.children ?? []) n += c.kind === SymbolKind.EnumMember ? 1 : countMeasures(c);
  return n;
}
