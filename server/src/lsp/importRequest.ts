/**
 * The answer to `programme/import` (importProtocol.ts): reads the file through the node layer
 * (`node/importFile.ts`), imports it (`import/index.ts`) and puts the report into words
 * (`import/report.ts`) in the language of the messages.
 */
import path from 'node:path';
import * as l10n from '@vscode/l10n';
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { importDocument } from '../import/index';
import { importSummary, noteMessage, problemMessage } from '../import/report';
import { inLanguage, type Language } from '../l10n/index';
import { readBytes } from '../node/files';
import { loadSpeller } from '../node/dictionaries';
import type { ImportParams, ImportResponse } from './importProtocol';

/**
 * Imports the document `params.uri` (a `file:` URI; anything else is refused with `InvalidParams`).
 * `languageOf(text)` gives the language of the messages for a programme with the text `text` (the
 * server's choice: setting, the text's `lang`, the editor's): the file's problem is told in the
 * language for no text, the report in the language for the imported programme.
 */
export async function answerImport(params: ImportParams, languageOf: (text: string) => Promise<Language>): Promise<ImportResponse> {
  const uri = typeof params?.uri === 'string' ? URI.parse(params.uri) : undefined;
  if (uri === undefined || uri.scheme !== 'file') {
    throw new ResponseError(ErrorCodes.InvalidParams, `programme/import needs the file: URI of the document to import, not ${JSON.stringify(params?.uri)}.`);
  }
  const file = uri.fsPath;
  const before = await languageOf('');
  const read = inLanguage(before, () => readBytes(file));
  if ('problem' in read) return { problem: { code: 'unreadable-file', message: read.problem.message } };
  const result = await importDocument(read.bytes, { fileName: file, speller: loadSpeller });
  if ('problem' in result) return { problem: { code: 'unreadable', message: inLanguage(before, () => problemMessage(path.basename(file), result.problem)) } };
  const language = await languageOf(result.text);
  return inLanguage(language, () => ({
    text: result.text,
    summary: { pillars: result.summary.pillars, measures: result.summary.measures, review: result.summary.review },
    message: importSummary(result.summary.measures, result.summary.review),
    report: result.notes.map((note) => (note.outputLine !== undefined ? l10n.t('Line {0}: {1}', note.outputLine + 1, noteMessage(note)) : noteMessage(note))),
  }));
}
