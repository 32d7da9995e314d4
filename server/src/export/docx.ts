/** The programme as a Word document (docs/export.md, "Word"). STUB: to be written with the docx package. */
import type { Publication } from './document';

/** The .docx bytes of `pub`. */
export async function renderDocx(pub: Publication): Promise<Uint8Array> {
  void pub;
  return new Uint8Array();
}
