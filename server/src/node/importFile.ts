/**
 * Reading a document to import (`programme import`, the language server's `programme/import`): its
 * bytes, whatever the format (Word, PDF, Markdown, text); the readers in server/src/import/ decode them.
 */
import { readFileSync } from 'node:fs';
import { unreadableFile, type FileProblem } from './files';

/**
 * The bytes of `file`, or an `unreadable-file` problem naming it (missing, a folder, permission
 * denied …; the message in the current language of the messages, as `readText` makes it). Never
 * rejects. The file is read at once, before the promise is returned, so that a caller that sets the
 * language of the messages around the call (`inLanguage`) gets the problem in that language.
 */
export async function readImportInput(file: string): Promise<{ bytes: Uint8Array } | { problem: FileProblem }> {
  try {
    const buffer = readFileSync(file);
    // A plain Uint8Array over the same memory: pdfjs refuses a Buffer.
    return { bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) };
  } catch (error) {
    return { problem: unreadableFile(file, error) };
  }
}
