/** The programme as CommonMark (docs/export.md, "Markdown"). STUB: to be written. */
import type { Publication } from './document';

/** The Markdown text of `pub`. */
export function renderMarkdown(pub: Publication): string {
  return `# ${pub.title.title ?? ''}\n`;
}
