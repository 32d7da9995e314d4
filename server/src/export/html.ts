/**
 * The programme as one self-contained HTML page (docs/export.md, "HTML"). STUB: the HTML writer's
 * first cut; its contract (`htmlParts`, `renderHtml`) is what the preview and the CLI use.
 */
import type { Publication, PrintedInline, PrintedPart } from './document';

/** Options of the HTML writer. */
export interface HtmlOptions {
  /**
   * Marks every block with its 0-based source lines (`data-line`, `data-end-line`), as the preview needs
   * for scroll synchronisation and for revealing a measure's line in the editor.
   */
  sourceLines?: boolean;
}

/** The pieces of the page: the `lang` tag, the title, the style sheet and the body's inner HTML. */
export interface HtmlParts {
  lang: string;
  title: string;
  css: string;
  body: string;
}

/** `&`, `<`, `>`, `"` and `'` as character references. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The page's pieces (see {@link HtmlParts}). */
export function htmlParts(pub: Publication, options: HtmlOptions = {}): HtmlParts {
  const out: string[] = [];
  const lines = (line: number, end: number) => (options.sourceLines === true ? ` data-line="${line}" data-end-line="${end}"` : '');
  if (pub.title.title !== undefined) out.push(`<header><h1>${escapeHtml(pub.title.title)}</h1></header>`);
  let inList = false;
  for (const b of pub.blocks) {
    if (b.kind !== 'measure' && inList) {
      out.push('</ol>');
      inList = false;
    }
    if (b.kind === 'heading') {
      const level = Math.min(6, b.level + 1);
      out.push(`<h${level} id="${escapeHtml(b.anchor)}"${lines(b.line, b.endLine)}>${b.number !== undefined ? `${escapeHtml(b.number)} ` : ''}${inlines(b.title)}</h${level}>`);
    } else if (b.kind === 'measure') {
      if (!inList) out.push('<ol class="measures">');
      inList = true;
      out.push(`<li id="${escapeHtml(b.anchor)}"${lines(b.line, b.endLine)}><span class="number">${escapeHtml(b.number)}</span> ${parts(b.parts)}</li>`);
    } else {
      out.push(`<div class="paragraph"${lines(b.line, b.endLine)}>${parts(b.parts)}</div>`);
    }
  }
  if (inList) out.push('</ol>');
  return { lang: pub.languageTag, title: pub.title.title ?? '', css: 'ol.measures { list-style: none; }', body: out.join('\n') };
}

function inlines(list: readonly PrintedInline[]): string {
  return list.map((n) => (n.kind === 'text' ? escapeHtml(n.text) : n.anchor !== undefined ? `<a href="#${escapeHtml(n.anchor)}">${escapeHtml(n.text)}</a>` : escapeHtml(n.text))).join('');
}

function parts(list: readonly PrintedPart[]): string {
  return list.map((p) => (p.kind === 'text' ? `<p>${inlines(p.inlines)}</p>` : `<ul>${p.items.map((i) => `<li>${inlines(i.inlines)}</li>`).join('')}</ul>`)).join('');
}

/** The whole page: one self-contained HTML document, UTF-8. */
export function renderHtml(pub: Publication, options: HtmlOptions = {}): string {
  const { lang, title, css, body } = htmlParts(pub, options);
  return `<!DOCTYPE html>\n<html lang="${escapeHtml(lang)}">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(title)}</title>\n<style>${css}</style>\n</head>\n<body>\n${body}\n</body>\n</html>\n`;
}
