/**
 * The page of the programme preview (client/src/preview.ts): the server's pieces of the programme as
 * HTML (`programme/preview`) in a page with a strict Content-Security-Policy, the preview's script
 * (media/preview.js) and where to start. A pure function of strings, without VS Code, so that it can be
 * tested alone.
 */
import type { Preview } from '../../server/src/features/preview';

/** What the page is made of. */
export interface PreviewPageOptions {
  /** The webview's `cspSource` (the origin its resources are loaded from). */
  cspSource: string;
  /** A fresh random nonce (letters and digits), the only way a script or style runs on the page. */
  nonce: string;
  /** The webview URI of media/preview.js. */
  scriptUri: string;
  /** The server's answer to show, or undefined while it is awaited (an empty page). */
  preview?: Preview;
  /** The fractional source line to show at the top of the view (0-based; 0 for the top). */
  line: number;
}

/** The preview's own style, after the programme's: scrolls are instant, as the scroll synchronisation needs. */
const PREVIEW_CSS = 'html { scroll-behavior: auto; }';

/** `&`, `<`, `>`, `"` and `'` as character references, for text and attribute values. */
function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The page: `lang` and `title` from the answer, a Content-Security-Policy that lets nothing load or run
 * but the webview's own resources, styles and the one script with the nonce (`default-src 'none'`; no
 * inline event handlers, no eval, no other origin), the answer's style sheet and the preview's in
 * `<style>` elements with the nonce, media/preview.js by its URI with the nonce, and the answer's body.
 * The settings for the script (the version shown, the line to start at) are the data attributes of
 * `meta#programme-preview-settings`.
 */
export function previewPage(options: PreviewPageOptions): string {
  const { cspSource, nonce, scriptUri, preview, line } = options;
  const csp = [`default-src 'none'`, `style-src ${cspSource} 'nonce-${nonce}'`, `script-src 'nonce-${nonce}'`, `img-src ${cspSource} data:`].join('; ');
  // A style sheet cannot end its <style> element early.
  const css = (preview?.css ?? '').split('</').join('<\\/');
  return [
    '<!DOCTYPE html>',
    `<html lang="${escape(preview?.lang ?? '')}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escape(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta id="programme-preview-settings" data-version="${preview?.version ?? -1}" data-line="${Number.isFinite(line) ? line : 0}">`,
    `<title>${escape(preview?.title ?? '')}</title>`,
    `<style id="programme-css" nonce="${nonce}">${css}</style>`,
    `<style nonce="${nonce}">${PREVIEW_CSS}</style>`,
    `<script defer nonce="${nonce}" src="${escape(scriptUri)}"></script>`,
    '</head>',
    '<body>',
    preview?.body ?? '',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
