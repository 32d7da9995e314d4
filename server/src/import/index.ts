// STUB (branch imp-md): a stand-in for the lead's server/src/import/index.ts, so that the language
// server's `programme/import` request can be written and tested. On merge, take the lead's file.
/**
 * `programme import` (STUB): Markdown only, through `readMarkdown`, written naively (level-1 headings
 * become numbered pillars, items numbered measures, everything else text). Other formats give an
 * `ImportProblem`.
 */
import { readMarkdown } from './markdown';
import type { InputFormat, Note, Speller } from './outline';

export type { InputFormat, Note } from './outline';

/** The languages of an import (STUB). */
export type ImportLanguage = 'nb' | 'nn' | 'de' | 'en';

/** The options of `importDocument` (STUB). */
export interface ImportOptions {
  from?: InputFormat;
  lang?: ImportLanguage;
  speller?: (lang: 'nb' | 'nn' | 'de') => Speller | undefined;
  fileName?: string;
}

/** What an import gives (STUB). */
export interface ImportResult {
  text: string;
  notes: Note[];
  summary: { format: InputFormat; lang?: ImportLanguage; pillars: number; measures: number[]; titles: string[]; review: number };
}

/** Why an input could not be imported (STUB). */
export interface ImportProblem {
  problem: { code: 'unreadable'; format: InputFormat; detail: string };
}

/** The format of a file by its extension (STUB). */
export function formatOfFile(fileName: string): InputFormat | undefined {
  const ext = /\.([^./\\]+)$/.exec(fileName.toLowerCase())?.[1];
  if (ext === 'docx' || ext === 'pdf') return ext;
  if (ext === 'md' || ext === 'markdown') return 'markdown';
  if (ext === 'txt') return 'text';
  return undefined;
}

/** Imports `input` (STUB: Markdown only). */
export async function importDocument(input: Uint8Array, options: ImportOptions = {}): Promise<ImportResult | ImportProblem> {
  const format = options.from ?? formatOfFile(options.fileName ?? '') ?? 'text';
  if (format !== 'markdown') return { problem: { code: 'unreadable', format, detail: 'STUB: only Markdown' } };
  const reading = readMarkdown(new TextDecoder().decode(input));
  if (reading.kind !== 'blocks') throw new Error('unreachable');
  const lines: string[] = reading.title !== undefined ? ['---', `title: ${JSON.stringify(reading.title)}`, '---', ''] : [];
  const measures: number[] = [];
  const titles: string[] = [];
  for (const block of reading.blocks) {
    if (block.kind === 'heading' && block.level === 1) {
      titles.push(block.text.replace(/^\d+[.)]\s*/, ''));
      measures.push(0);
      lines.push(`# ${titles.length}. ${titles[titles.length - 1]}`, '');
    } else if (block.kind === 'item' && measures.length > 0) {
      measures[measures.length - 1]++;
      lines.push(`${measures[measures.length - 1]}. ${block.text}`, '');
    } else {
      lines.push(block.kind === 'heading' ? `${'#'.repeat(block.level ?? 2)} ${block.text}` : block.text, '');
    }
  }
  return { text: lines.join('\n'), notes: reading.notes, summary: { format, pillars: titles.length, measures, titles, review: reading.notes.length } };
}
