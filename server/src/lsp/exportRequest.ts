/**
 * The answers to `programme/preview` and `programme/export` (exportProtocol.ts): the parameters
 * checked, the programme's newest analysis looked up, the feature (features/preview.ts) asked.
 */
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import { isExportFormat } from '../export/formats';
import type { Programme } from '../model/programme';
import { exportedFile, preview } from '../features/preview';
import type { ExportParams, ExportResponse, PreviewParams, PreviewResponse } from './exportProtocol';

/** The newest analysis of the open document `uri`: its version and programme; undefined when it is not open. */
export type NewestProgramme = (uri: string) => Promise<{ version: number; programme: Programme } | undefined>;

/** The URI of `params`, or a refusal (`InvalidParams`) naming the request when it has none. */
function uriOf(request: string, params: { uri?: unknown } | undefined): string {
  if (typeof params?.uri !== 'string') {
    throw new ResponseError(ErrorCodes.InvalidParams, `${request} needs the URI of an open programme, not ${JSON.stringify(params?.uri)}.`);
  }
  return params.uri;
}

/**
 * The preview of the open document `params.uri`, from its newest version (see {@link PreviewParams});
 * null when it is not open. Throws `InvalidParams` when `params` has no URI.
 */
export async function answerPreview(params: PreviewParams, newest: NewestProgramme): Promise<PreviewResponse> {
  const found = await newest(uriOf('programme/preview', params));
  return found === undefined ? null : preview(found.programme, found.version);
}

/**
 * The open document `params.uri` exported in `params.format`, from its newest version; null when it is
 * not open. Throws `InvalidParams` when `params` has no URI or names no export format.
 */
export async function answerExport(params: ExportParams, newest: NewestProgramme): Promise<ExportResponse> {
  const uri = uriOf('programme/export', params);
  if (!isExportFormat(params.format)) {
    throw new ResponseError(ErrorCodes.InvalidParams, `programme/export exports to html, docx, md or json, not ${JSON.stringify(params.format)}.`);
  }
  const found = await newest(uri);
  return found === undefined ? null : exportedFile(found.programme, params.format);
}
