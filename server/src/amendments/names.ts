/**
 * The names of amendment files and of the voting list's formats, with no reader or writer behind them,
 * so that `programme check` of a programme loads nothing of the amendments (cli/main.ts loads their
 * checks only for an amendment file). `parse.ts` and `list.ts` re-export them.
 */

/** The extension of amendment files. */
export const AMENDMENTS_EXTENSION = '.amendments';

/** True when `file` is an amendment file (by its name). */
export function isAmendmentFile(file: string): boolean {
  return file.endsWith(AMENDMENTS_EXTENSION);
}

/** The formats of the voting list. */
export const LIST_FORMATS = ['html', 'md', 'json'] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];
