/**
 * The script of the programme preview (the webview that "Programme: Open Preview to the Side" opens
 * beside the editor; client/src/preview.ts makes the page). Plain JavaScript, loaded by its webview URI
 * with the page's nonce; it talks to the extension with `postMessage` only.
 *
 * The page's blocks carry their source lines (`data-line`, `data-end-line`: 0-based, first and last
 * line). The script:
 * - replaces the body when the extension sends a newer version (`update`), keeping the scroll position;
 * - scrolls to a source line when the editor scrolls (`scroll`), interpolating inside a block and
 *   between blocks, as VS Code's Markdown preview does;
 * - tells the extension the source line at the top when the reader scrolls the preview (`scroll`);
 * - on a click on a reference (`a href="#…"`), scrolls to its target and asks the editor to show the
 *   target's line (`reveal`); on a click on any other block, asks the editor to show that block's line.
 * A scroll that the script makes itself is not reported back for a short while (`QUIET_MS`), so the
 * editor and the preview do not chase each other.
 *
 * Messages from the extension: `{ type: 'update', version, lang, title, css, body }`,
 * `{ type: 'scroll', line }` (a fractional source line: 12.5 is halfway through line 12).
 * Messages to the extension: `{ type: 'ready', version }`, `{ type: 'scroll', line }`,
 * `{ type: 'reveal', line, top }` (`top`: true to show the line at the top of the editor).
 *
 * Outside a webview (no `acquireVsCodeApi`), the script only defines `globalThis.programmePreview`
 * with its pure functions ({@link offsetOfLine}, {@link lineAtOffset}), for the tests.
 */
(function () {
  'use strict';

  /** How long a scroll made by the script is not reported back, in ms. */
  const QUIET_MS = 150;

  /**
   * A block of the page as the scroll synchronisation sees it: its source lines (0-based, first and
   * last) and its place on the page (CSS pixels from the top of the document, top and bottom).
   * @typedef {{ line: number, endLine: number, top: number, bottom: number }} Block
   */

  /**
   * The page offset (CSS pixels from the top of the document) that shows the fractional source line
   * `line` at the top of the view: inside the innermost block that holds the line, in proportion to
   * how far the line is into the block's lines; between two blocks, in proportion to how far it is
   * from the one before to the one after. 0 before the first block's line 0; the last block's bottom
   * after it. `blocks` in any order.
   * @param {Block[]} blocks
   * @param {number} line
   * @returns {number}
   */
  function offsetOfLine(blocks, line) {
    if (blocks.length === 0 || line <= 0) return 0;
    /** @type {Block | undefined} */
    let inside;
    /** @type {Block | undefined} */
    let before;
    /** @type {Block | undefined} */
    let after;
    for (const b of blocks) {
      if (b.line <= line && line < b.endLine + 1 && (inside === undefined || b.line >= inside.line)) inside = b;
      if (b.endLine + 1 <= line && (before === undefined || b.endLine > before.endLine || (b.endLine === before.endLine && b.bottom > before.bottom))) before = b;
      if (b.line > line && (after === undefined || b.line < after.line || (b.line === after.line && b.top < after.top))) after = b;
    }
    if (inside !== undefined) return inside.top + ((line - inside.line) / (inside.endLine + 1 - inside.line)) * (inside.bottom - inside.top);
    if (before === undefined) return after === undefined ? 0 : (line / after.line) * after.top;
    if (after === undefined) return before.bottom;
    const from = before.endLine + 1;
    return before.bottom + ((line - from) / (after.line - from)) * (after.top - before.bottom);
  }

  /**
   * The fractional source line shown at the page offset `offset` (CSS pixels from the top of the
   * document): the inverse of {@link offsetOfLine}. Inside the innermost block at the offset, in
   * proportion to how far the offset is into it; between two blocks, in proportion to the gap. `blocks`
   * in any order; 0 when there are none.
   * @param {Block[]} blocks
   * @param {number} offset
   * @returns {number}
   */
  function lineAtOffset(blocks, offset) {
    /** @type {Block | undefined} */
    let inside;
    /** @type {Block | undefined} */
    let before;
    /** @type {Block | undefined} */
    let after;
    for (const b of blocks) {
      if (b.top <= offset && offset < b.bottom && (inside === undefined || b.top >= inside.top)) inside = b;
      if (b.bottom <= offset && (before === undefined || b.bottom > before.bottom)) before = b;
      if (b.top > offset && (after === undefined || b.top < after.top)) after = b;
    }
    if (inside !== undefined) return inside.line + ((offset - inside.top) / (inside.bottom - inside.top)) * (inside.endLine + 1 - inside.line);
    if (before === undefined) return after === undefined || after.top <= 0 ? 0 : (Math.max(0, offset) / after.top) * after.line;
    if (after === undefined) return before.endLine + 1;
    const from = before.endLine + 1;
    return from + ((offset - before.bottom) / (after.top - before.bottom)) * (after.line - from);
  }

  if (typeof acquireVsCodeApi !== 'function') {
    /** @type {any} */ (globalThis).programmePreview = { offsetOfLine, lineAtOffset };
    return;
  }

  const vscode = acquireVsCodeApi();
  const settings = document.getElementById('programme-preview-settings');
  let version = Number(settings?.getAttribute('data-version') ?? '-1');

  /** @type {Block[] | undefined} The blocks, measured; undefined when the page changed since. */
  let measured;
  /** @returns {Block[]} */
  function blocks() {
    if (measured !== undefined) return measured;
    const y = window.scrollY;
    measured = [];
    for (const element of document.body.querySelectorAll('[data-line]')) {
      const line = Number(element.getAttribute('data-line'));
      const endLine = Number(element.getAttribute('data-end-line') ?? line);
      const box = element.getBoundingClientRect();
      if (!Number.isFinite(line) || !Number.isFinite(endLine) || box.height <= 0) continue;
      measured.push({ line, endLine: Math.max(line, endLine), top: box.top + y, bottom: box.bottom + y });
    }
    return measured;
  }

  /** Until when (performance.now()) scroll events are the script's own. */
  let quietUntil = 0;
  /** Scrolls the page to `offset` without reporting it back. */
  function scrollQuietly(offset) {
    const target = Math.max(0, Math.round(offset));
    if (Math.abs(window.scrollY - target) < 1) return;
    quietUntil = performance.now() + QUIET_MS;
    window.scrollTo(window.scrollX, target);
  }

  /** Scrolls so that the fractional source line `line` is at the top of the view. */
  function scrollToLine(line) {
    scrollQuietly(offsetOfLine(blocks(), line));
  }

  /** Replaces the page's content with a newer version's, keeping the scroll position. */
  function update(message) {
    const y = window.scrollY;
    document.documentElement.lang = message.lang;
    document.title = message.title;
    const style = document.getElementById('programme-css');
    if (style !== null && style.textContent !== message.css) style.textContent = message.css;
    document.body.innerHTML = message.body;
    measured = undefined;
    version = message.version;
    scrollQuietly(y);
  }

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (message === null || typeof message !== 'object') return;
    if (message.type === 'update' && typeof message.version === 'number' && message.version >= version) update(message);
    else if (message.type === 'scroll' && typeof message.line === 'number') scrollToLine(message.line);
  });

  let scrollFrame = false;
  window.addEventListener('scroll', () => {
    if (performance.now() < quietUntil || scrollFrame) return;
    scrollFrame = true;
    requestAnimationFrame(() => {
      scrollFrame = false;
      if (performance.now() < quietUntil) return;
      vscode.postMessage({ type: 'scroll', line: lineAtOffset(blocks(), window.scrollY) });
    });
  });
  // The blocks move when the page's size changes: a new width, fonts or styles that arrive late.
  const remeasure = () => {
    measured = undefined;
  };
  window.addEventListener('resize', remeasure);
  window.addEventListener('load', remeasure);
  if (typeof ResizeObserver === 'function') new ResizeObserver(remeasure).observe(document.body);
  void document.fonts?.ready.then(remeasure);

  /** The source line of `element` or of the nearest block around it; undefined outside any block. */
  function lineOf(element) {
    const block = element?.closest('[data-line]');
    const line = Number(block?.getAttribute('data-line'));
    return block !== null && block !== undefined && Number.isFinite(line) ? line : undefined;
  }

  document.addEventListener('click', (event) => {
    const clicked = event.target instanceof Element ? event.target : null;
    if (clicked === null) return;
    const link = clicked.closest('a[href]');
    const href = link?.getAttribute('href') ?? '';
    if (link !== null && link !== undefined && href.startsWith('#')) {
      event.preventDefault();
      event.stopPropagation();
      let id = href.slice(1);
      try {
        id = decodeURIComponent(id);
      } catch {
        // not percent-encoded: the id as written
      }
      const target = document.getElementById(id);
      if (target === null) return;
      scrollQuietly(target.getBoundingClientRect().top + window.scrollY);
      const line = lineOf(target);
      if (line !== undefined) vscode.postMessage({ type: 'reveal', line, top: true });
      return;
    }
    // Another link is the webview's to open; a click that ends a text selection selects, it does not jump.
    if (link !== null && link !== undefined) return;
    if (!(window.getSelection()?.isCollapsed ?? true)) return;
    const line = lineOf(clicked);
    if (line !== undefined) vscode.postMessage({ type: 'reveal', line, top: false });
  });

  const initial = Number(settings?.getAttribute('data-line') ?? '0');
  if (Number.isFinite(initial) && initial > 0) scrollToLine(initial);
  vscode.postMessage({ type: 'ready', version });
})();
