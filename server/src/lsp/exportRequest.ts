/**
 * The answers to `programme/preview` and `programme/export` (exportProtocol.ts): the parameters
 * checked, then the feature (features/preview.ts) asked of the thread that holds the document's
 * newest analysis.
 */
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import { isExportFormat } from '../export/formats';
import type { ExportParams, ExportResponse, PreviewParams, PreviewResponse } from './exportProtocol';
import type { FeatureParams } from './documentService';

/**
 * Asks the newest analysis of the open document `uri` for the preview or an export; undefined when the
 * document is not open.
 */
export type AskNewest = <N extends 'preview' | 'export'>(uri: string, name: N, params: FeatureParams[N]) => Promise<unknown>;

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
export async function answerPreview(params: PreviewParams, ask: AskNewest): Promise<PreviewResponse> {
  const found = await ask(uriOf('programme/preview', params), 'preview', {});
  return (found as PreviewResponse | undefined) ?? null;
}

/**
 * The open document `params.uri` exported in `params.format`, from its newest version; null when it is
 * not open. Throws `InvalidParams` when `params` has no URI or names no export format.
 */
export async function answerExport(params: ExportParams, ask: AskNewest): Promise<ExportResponse> {
  const uri = uriOf('programme/export', params);
  if (!isExportFormat(params.format)) {
    throw new ResponseError(ErrorCodes.InvalidParams, `programme/export exports to html, docx, md or json, not ${JSON.stringify(params.format)}.`);
  }
  const found = await ask(uri, 'export', { format: params.format });
  return (found as ExportResponse | undefined) ?? null;
}
