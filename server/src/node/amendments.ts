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
import { printedDraft, type PrintedDraft } from '../amendments/lines';
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
  const target = programmeFile ?? (named !== undefined ? path.resolve(path.dirname(file), named) : undefined);
  if (target === undefined) return { amendments, context: {} };
  const read = readText(target);
  if ('problem' in read) {
    const reason = read.problem.unread?.reason ?? read.problem.message;
    // Named as the caller named it: the command line's file, else the front matter's words.
    return { amendments, context: { programmeProblem: l10n.t('The programme "{0}" cannot be read: {1}', programmeFile ?? named ?? target, reason) } };
  }
  const config = configOf(target) ?? {};
  const analysis = analyse(read.text, config);
  const fm = amendments.frontMatter;
  const draft = printedDraft(analysis.programme, {
    ...(fm?.lineWidth !== undefined ? { width: fm.lineWidth.value } : {}),
    ...(fm?.lineNumbering !== undefined ? { restart: fm.lineNumbering.value } : {}),
    config,
  });
  return { amendments, context: { draft }, programme: { file: target, text: read.text, config, analysis, draft } };
}
