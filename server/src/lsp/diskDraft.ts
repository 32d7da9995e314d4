/**
 * The printed draft of a programme on disk that an amendment file names and that is not open
 * (lsp/amendmentDocuments.ts). It is read, analysed and printed by an analysis host (lsp/hosts.ts): in
 * the server a large programme goes to a worker thread, so that reading it does not keep the server's
 * own thread from answering (issue 15: a server never stops answering while it analyses).
 *
 * The job and its result are plain data: they cross between threads by structured clone.
 */
import type { Config } from '../model/config';
import type { PrintedDraft } from '../amendments/lines';
import { inLanguage, type Language } from '../l10n/index';
import { readProgrammeDraft } from '../node/amendments';
import type { DraftChoice } from './documentService';

/** A programme on disk to print as a draft. */
export interface DiskDraftJob {
  /** The programme's path. */
  file: string;
  /** The path as the amendment file names it, for messages. */
  shownAs: string;
  /** The amendment file's line width and numbering. */
  choice: DraftChoice;
  /** The programme's configuration (its numbering mode, line width, line numbering). */
  config: Config;
  /** The language of the messages. */
  language: Language;
}

/** The programme's text and its printed draft, or why it could not be read (a message for people, in the job's language). */
export type DiskDraftResult = { text: string; draft: PrintedDraft } | { problem: string };

/** Reads, analyses and prints the programme of `job` on this thread (node/amendments.ts `readProgrammeDraft`); never throws for a file that cannot be read. */
export function diskDraft(job: DiskDraftJob): DiskDraftResult {
  return inLanguage(job.language, () => readProgrammeDraft(job.file, job.shownAs, job.choice, job.config));
}
