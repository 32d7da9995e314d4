/**
 * An amendment file and the programme it names, read from disk: the programme is found relative to the
 * amendment file (its front matter's `programme`), read and analysed with its own configuration, and
 * its printed draft made with the amendment file's `lineWidth` and `lineNumbering` (when it gives
 * them). For `programme check`, `programme amend` and the language server alike. Never throws: a
 * programme that cannot be read is a sentence for the `amendment-programme` diagnostic.
 */
import * as l10n from '@vscode/l10n';
import path from 'node:path';
import type { Config } from '../model/config';
import { analyse, type Analysis } from '../rules/index';
import { parseAmendments } from '../amendments/parse';
import { printedDraft, type DraftOptions, type PrintedDraft } from '../amendments/lines';
import { analyseText } from '../model/reading';
import { draftOptionsOf } from '../amendments/editor';
import type { AmendmentContext } from '../amendments/check';
import type { AmendmentsFile } from '../amendments/model';
import { readText } from './files';

/** The programme an amendment file names, as read. */
export interface NamedProgramme {
  /** Its path, as the amendment file names it, resolved against the amendment file's folder. */
  file: string;
  text: string;
  config: Config;
  analysis: Analysis;
  draft: PrintedDraft;
}

/** An amendment file read with its programme. */
export interface LoadedAmendments {
  amendments: AmendmentsFile;
  /** What the checks get (the draft, or why there is none). */
  context: AmendmentContext;
  /** The programme, when it could be read. */
  programme?: NamedProgramme;
}

/**
 * Reads the amendment file `file` (its text `text`, already read) and the programme it names.
 * `configOf(programmeFile)` gives the programme's configuration (the nearest `.programmerc.json`
 * above it), or undefined when that configuration is broken (the programme is then read with the
 * defaults). `programmeFile`, when given, is used instead of the front matter's (`programme amend
 * apply PROGRAMME AMENDMENTS`).
 */
export function loadAmendments(file: string, text: string, configOf: (programmeFile: string) => Config | undefined, programmeFile?: string): LoadedAmendments {
  const amendments = parseAmendments(text);
  const named = amendments.frontMatter?.programme?.value;
  const target = programmeFile ?? namedProgrammeFile(file, amendments);
  if (target === undefined) return { amendments, context: {} };
  // Named as the caller named it: the command line's file, else the front matter's words.
  const read = readNamedProgramme(target, programmeFile ?? named ?? target, amendments, (t) => configOf(t) ?? {});
  if ('problem' in read) return { amendments, context: { programmeProblem: read.problem } };
  return { amendments, context: { draft: read.draft }, programme: read };
}

/**
 * The path of the programme the amendment file `file` names in its front matter (`programme:`),
 * resolved against the file's folder; undefined when it names none.
 */
export function namedProgrammeFile(file: string, amendments: AmendmentsFile): string | undefined {
  const named = amendments.frontMatter?.programme?.value;
  return named !== undefined ? path.resolve(path.dirname(file), named) : undefined;
}

/** Reads the programme `target` (`shownAs`: as the amendment file names it); a problem is the `amendment-programme` sentence. */
function readProgramme(target: string, shownAs: string): { text: string } | { problem: string } {
  const read = readText(target);
  if (!('problem' in read)) return { text: read.text };
  const reason = read.problem.unread?.reason ?? read.problem.message;
  return { problem: l10n.t('The programme "{0}" cannot be read: {1}', shownAs, reason) };
}

/**
 * Reads the programme `target` (a path; `shownAs` is how the amendment file names it) and makes its
 * printed draft with the options of `amendments`' front matter (amendments/editor.ts `draftOptionsOf`)
 * and its configuration `configOf(target)`. A programme that cannot be read gives `problem`, the
 * sentence of the `amendment-programme` diagnostic (in the current language). Never throws.
 */
export function readNamedProgramme(target: string, shownAs: string, amendments: AmendmentsFile, configOf: (programmeFile: string) => Config): NamedProgramme | { problem: string } {
  const read = readProgramme(target, shownAs);
  if ('problem' in read) return read;
  const config = configOf(target);
  const analysis = analyse(read.text, config);
  const draft = printedDraft(analysis.programme, { ...draftOptionsOf(amendments), config });
  return { file: target, text: read.text, config, analysis, draft };
}

/**
 * As {@link readNamedProgramme}, for the language server's amendment files whose programme is not
 * open: only the programme's model is read (no rules: the draft needs nothing else), with the draft
 * options `options` and the configuration `config`. Never throws.
 */
export function readProgrammeDraft(target: string, shownAs: string, options: Pick<DraftOptions, 'width' | 'restart'>, config: Config): { text: string; draft: PrintedDraft } | { problem: string } {
  const read = readProgramme(target, shownAs);
  if ('problem' in read) return read;
  const programme = analyseText(read.text, { measureNumbering: config.measureNumbering });
  return { text: read.text, draft: printedDraft(programme, { ...options, config }) };
}
