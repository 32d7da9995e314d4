/**
 * The language server's custom request `programme/import` (the VS Code command "Programme: Import
 * Document…"): its name and the shapes of its parameters and answer, shared by the server
 * (`server.ts`) and the client (client/src/extension.ts). Types and a constant only: the client bundles
 * this file, and nothing of the server's comes with it.
 */

/** The request's method name. */
export const IMPORT_REQUEST = 'programme/import';

/** The parameters: the document to import, a `file:` URI (a Word, PDF, Markdown or text file). */
export interface ImportParams {
  uri: string;
}

/**
 * The answer: the programme `text` with the import's figures and report, or the problem that stopped it.
 * - `summary`: chapters (pillars), measures per chapter, and how many notes ask for review;
 * - `message`: the summary in words ("5 chapters, with 8, 8, 8, 7 and 7 measures. 2 items to review.");
 * - `report`: one line per note of the import ("Line 12: …"; the line in `text`, 1-based), in order.
 * Words are in the language of the messages (`programme.language`; for `auto`, the imported
 * programme's `lang`, then the editor's).
 * A `problem` is `unreadable-file` (the file could not be read; `message` names it and says why) or
 * `unreadable` (its reader could not read it: not a Word file, a broken PDF …; `message` is the reader's
 * own words, often English).
 */
export type ImportResponse =
  | {
      text: string;
      summary: { pillars: number; measures: number[]; review: number };
      message: string;
      report: string[];
    }
  | { problem: { code: 'unreadable-file' | 'unreadable'; message: string } };
