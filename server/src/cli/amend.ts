/**
 * `programme amend apply PROGRAMME AMENDMENTS [--status adopted] [-o OUTPUT]`: the adopted text (the
 * amendments of the chosen statuses applied, the measures renumbered, amendments/apply.ts), and
 * `programme amend list PROGRAMME AMENDMENTS --to html|md|json [-o OUTPUT]`: the voting list
 * (amendments/list.ts). docs/amendments.md describes both.
 *
 * The programme is read with its own configuration (the nearest `.programmerc.json` above it), its
 * draft printed with the amendment file's `lineWidth` and `lineNumbering`, as `programme check` does.
 * What was applied, what was not and why, and what the check of the adopted text finds, go to standard
 * error; the text goes to OUTPUT (written whole, through a temporary file and a rename) or to standard
 * output. OUTPUT is never the programme or the amendment file.
 *
 * Exit codes: 0 every amendment of the statuses applied and the adopted text has no errors (for
 * `list`: written); 1 an amendment was not applied, or the adopted text has errors; 2 a usage error,
 * or a file that could not be read or written (nothing written).
 */
import * as l10n from '@vscode/l10n';
import path from 'node:path';
import { isFile, readText, realPath } from '../node/files';
import { writeTextAtomic } from '../node/write';
import { loadAmendments, type LoadedAmendments } from '../node/amendments';
import { applyAmendments, type Orphan } from '../amendments/apply';
import { draftChanged } from '../amendments/check';
import { STATUS_WORDS, STATUSES, wordFor, wordsOf, type AmendmentStatus } from '../amendments/keywords';
import { declaredLanguage, inLanguage, type Language } from '../l10n/index';
import { LIST_FORMATS, renderVotingList, votingList, type ListFormat } from '../amendments/list';
import { readFrontMatter } from '../rules/frontMatter';
import { ConfigResolver } from './configFile';
import { configFor, EXIT, type Io } from './io';
import { fileLanguage, type RunLanguage } from './language';
import { formatText, toFileDiagnostics } from './report';

/** Options of `programme amend list`. */
export interface AmendListOptions {
  to?: ListFormat;
  output?: string;
  config?: string;
}

/** The format a file's extension names (`.html`, `.htm`, `.md`, `.markdown`, `.json`), if any. */
function listFormatOf(file: string): ListFormat | undefined {
  const lower = file.toLowerCase();
  if (lower.endsWith('.html') || lower.endsWith('.htm')) return 'html';
  if (lower.endsWith('.md') || lower.endsWith('.markdown')) return 'md';
  if (lower.endsWith('.json')) return 'json';
  return undefined;
}

/** Runs `programme amend list`; resolves to the exit code (see the module comment). */
export async function runAmendList(programmeFile: string, amendmentsFile: string, options: AmendListOptions, io: Io, language: RunLanguage): Promise<number> {
  return inLanguage(fileLanguage(language, peekText(amendmentsFile)), () => amendList(programmeFile, amendmentsFile, options, io, language));
}

/** The text of `file` when it can be read (for the language of the messages), else ''. */
function peekText(file: string): string {
  const read = readText(file);
  return 'problem' in read ? '' : read.text;
}

function amendList(programmeFile: string, amendmentsFile: string, options: AmendListOptions, io: Io, language: RunLanguage): number {
  const toStdout = options.output === undefined || options.output === '-';
  const format = options.to ?? (toStdout ? undefined : listFormatOf(options.output!));
  if (format === undefined || !LIST_FORMATS.includes(format)) {
    io.err(toStdout ? l10n.t('Say which format the voting list is written in with --to html, md or json.') : l10n.t('{0}: the file extension names no format of the voting list; say which with --to html, md or json.', options.output!));
    return EXIT.trouble;
  }
  const loaded = load(programmeFile, amendmentsFile, options.output, io, options.config);
  if (loaded === undefined) return EXIT.trouble;
  const programme = loaded.programme!;
  const data = readFrontMatter(programme.analysis.programme)?.data ?? {};
  const title = typeof data.title === 'string' && data.title.trim() !== '' ? data.title.trim() : undefined;
  const list = votingList(loaded.amendments, programme.draft, { ...(title !== undefined ? { title } : {}), language: declaredLanguage(programme.text) ?? fileLanguage(language, loaded.text) });
  if (!writeOut(renderVotingList(list, format), options.output, io)) return EXIT.trouble;
  return EXIT.ok;
}

/** Options of `programme amend apply`. */
export interface AmendApplyOptions {
  /** The statuses to apply, comma-separated, as written (`adopted`, `adopted,recommended`, `vedtatt`). */
  status?: string;
  output?: string;
  config?: string;
}

const STATUS_LIST = wordsOf(STATUS_WORDS);

/** How many of the renumbering's changes `programme amend apply` lists; the rest are counted. */
const SHOWN_RENUMBERINGS = 20;

/** The statuses `value` names (comma-separated; English or any language's words), or a message for people that lists the statuses in `language`'s words. */
export function parseStatuses(value: string | undefined, language: Language = 'en'): { statuses: AmendmentStatus[] } | { message: string } {
  if (value === undefined) return { statuses: ['adopted'] };
  const known = STATUSES.map((s) => wordFor(STATUS_WORDS, s, language)).join(', ');
  const out: AmendmentStatus[] = [];
  for (const part of value.split(',')) {
    const word = part.trim().toLowerCase();
    if (word === '') continue;
    const found = STATUS_LIST.find((s) => s.word === word);
    if (found === undefined) return { message: l10n.t('--status takes {0}, or several joined by commas; found "{1}".', known, part.trim()) };
    if (!out.includes(found.kind)) out.push(found.kind);
  }
  return out.length > 0 ? { statuses: out } : { message: l10n.t('--status takes {0}, or several joined by commas; found "{1}".', known, value) };
}

/**
 * Reads the programme and the amendment file, as both commands need them; undefined (after saying
 * why on standard error) when one cannot be read, or the output would be one of them.
 */
function load(programmeFile: string, amendmentsFile: string, output: string | undefined, io: Io, configFile?: string): (LoadedAmendments & { text: string }) | undefined {
  for (const input of [programmeFile, amendmentsFile]) {
    if (output !== undefined && output !== '-' && isFile(output) && isFile(input) && realPath(output) === realPath(input)) {
      io.err(l10n.t('{0}: the output is one of the inputs; name another file with -o.', output));
      return undefined;
    }
  }
  const read = readText(amendmentsFile);
  if ('problem' in read) {
    io.err(read.problem.message);
    return undefined;
  }
  const configs = new ConfigResolver(configFile);
  const reported = new Set<string>();
  let broken = false;
  const loaded = loadAmendments(
    amendmentsFile,
    read.text,
    (file) => {
      const config = configFor(configs.forFile(file), reported, io);
      if (config === undefined) broken = true;
      return config;
    },
    programmeFile,
  );
  if (broken) return undefined;
  if (loaded.programme === undefined) {
    // The programme read is the one on the command line: its problem names it.
    io.err(loaded.context.programmeProblem ?? '');
    return undefined;
  }
  const named = loaded.amendments.frontMatter?.programme?.value;
  if (named !== undefined) {
    const namedPath = path.resolve(path.dirname(amendmentsFile), named);
    const same = isFile(namedPath) ? realPath(namedPath) === realPath(programmeFile) : path.resolve(namedPath) === path.resolve(programmeFile);
    if (!same) io.err(l10n.t('Note: {0} names the programme "{1}"; the amendments are applied to {2}, as asked.', amendmentsFile, named, programmeFile));
  }
  if (draftChanged(loaded.amendments, loaded.programme.draft)) {
    io.err(
      l10n.t(
        'Note: the draft has changed since the amendments\' line numbers were taken (fingerprint {1}, now {2}): an amendment whose quoted words are no longer on the lines it cites is neither applied nor compared. Check where "programme check {0}" finds them, and take its fix (it rewrites their line numbers and the fingerprint) before you apply them.',
        amendmentsFile,
        loaded.amendments.frontMatter?.draft?.value ?? '',
        loaded.programme.draft.fingerprint,
      ),
    );
  }
  return { ...loaded, text: read.text };
}

/** Writes `text` to `output` (atomically), or to standard output; false (after saying why) when it could not be written. */
function writeOut(text: string, output: string | undefined, io: Io): boolean {
  if (output === undefined || output === '-') {
    const write = io.write ?? ((t: string) => io.out(t.replace(/\n$/, '')));
    write(text);
    return true;
  }
  const written = writeTextAtomic(output, text);
  if (!written.ok) io.err(written.message);
  return written.ok;
}

/** What is true of a reference to a deleted measure: what it named, who deleted it, what it names now. */
function orphanMessage(o: Orphan, renumbered: boolean): string {
  const named = o.named !== undefined ? l10n.t('measure {0}', o.named) : l10n.t('a measure');
  const deleted = o.deletedBy !== undefined ? l10n.t('{0} named {1}, which {2} deleted', o.reference, named, o.deletedBy) : l10n.t('{0} named {1}, which an amendment deleted', o.reference, named);
  if (o.now !== undefined) {
    return renumbered
      ? l10n.t('{0}; after the renumbering it names measure {1} ("{2}") instead. Change the reference or remove it.', deleted, o.now.id, o.now.text)
      : l10n.t('{0}; it names measure {1} ("{2}") instead. Change the reference or remove it.', deleted, o.now.id, o.now.text);
  }
  return l10n.t('{0}, and names nothing now. Change the reference or remove it.', deleted);
}

/** Runs `programme amend apply`; resolves to the exit code (see the module comment). */
export async function runAmendApply(programmeFile: string, amendmentsFile: string, options: AmendApplyOptions, io: Io, language: RunLanguage): Promise<number> {
  const lang = fileLanguage(language, peekText(amendmentsFile));
  return inLanguage(lang, () => {
    const parsed = parseStatuses(options.status, lang);
    if ('message' in parsed) {
      io.err(parsed.message);
      return EXIT.trouble;
    }
    const loaded = load(programmeFile, amendmentsFile, options.output, io, options.config);
    if (loaded === undefined) return EXIT.trouble;
    const programme = loaded.programme!;
    const result = applyAmendments(programme.analysis.programme, programme.draft, loaded.amendments, { statuses: parsed.statuses, config: programme.config });
    if (!writeOut(result.text, options.output, io)) return EXIT.trouble;
    // Amendments of an unknown status are among the refused, but not among those of the statuses.
    const chosen = result.edits.length + result.refused.filter((r) => r.amendment.status !== 'unknown').length;
    const statuses = parsed.statuses.map((s) => wordFor(STATUS_WORDS, s, lang)).join(', ');
    if (chosen === 0) io.err(l10n.t('No amendment has the status {0}: the programme is written as it is.', statuses));
    else {
      const ids = result.edits.map((e) => e.amendment.id).join(', ');
      io.err(
        result.edits.length === 0
          ? chosen === 1
            ? l10n.t('The one amendment with the status {0} was not applied.', statuses)
            : l10n.t('None of the {0} amendments with the status {1} was applied.', chosen, statuses)
          : chosen === 1
            ? l10n.t('Applied the one amendment with the status {0}: {1}.', statuses, ids)
            : l10n.t('Applied {0} of the {1} amendments with the status {2}, in line order: {3}.', result.edits.length, chosen, statuses, ids),
      );
    }
    for (const r of result.refused) io.err(l10n.t('Not applied: {0}', r.reason));
    if (result.outOfOrder > 0) {
      io.err(
        result.outOfOrder === 1
          ? l10n.t('The draft\'s numbering was not in order before the amendments (1 number is out of order): the adopted text keeps the numbers as they are. Renumber it in the editor or with "programme fix --renumber" after reviewing it.')
          : l10n.t('The draft\'s numbering was not in order before the amendments ({0} numbers are out of order): the adopted text keeps the numbers as they are. Renumber it in the editor or with "programme fix --renumber" after reviewing it.', result.outOfOrder),
      );
    }
    if (result.renumbered > 0) {
      io.err(
        result.renumbered === 1
          ? l10n.t('The measures were renumbered; references by number follow (1 number changed):')
          : l10n.t('The measures were renumbered; references by number follow ({0} numbers changed):', result.renumbered),
      );
      for (const r of result.renumberings.slice(0, SHOWN_RENUMBERINGS)) io.err(`  ${l10n.t('line {0}: {1} → {2}', r.line + 1, r.old, r.new)}`);
      if (result.renumberings.length > SHOWN_RENUMBERINGS) io.err(`  ${l10n.t('and {0} more', result.renumberings.length - SHOWN_RENUMBERINGS)}`);
    }
    const shown = options.output === undefined || options.output === '-' ? '<stdout>' : options.output;
    for (const o of result.orphaned) io.err(`${shown}:${o.line + 1}: ${orphanMessage(o, result.renumbered > 0)}`);
    const problems = toFileDiagnostics(shown, result.analysis.programme, result.analysis.diagnostics).filter((d) => d.severity === 'error' || d.severity === 'warning');
    for (const d of problems) io.err(formatText(d));
    const errors = problems.filter((d) => d.severity === 'error').length;
    if (result.edits.length > 0 && problems.length === 0) io.err(l10n.t('The adopted text checks clean.'));
    return result.refused.length > 0 || errors > 0 ? EXIT.errors : EXIT.ok;
  });
}
