/**
 * What a person does in VS Code (code-server in Chromium) and what they see there, as Playwright steps:
 * Quick Open, Go to Line, the status bar, the Problems panel, the editor's lines and squiggles, hovers,
 * the Outline view, the light bulb menu and the rename box. Every step waits for what the page shows
 * (explicit waits with a timeout), never for a fixed time alone.
 *
 * Lines and columns here are 1-based, as VS Code shows them ("Ln 47, Col 1"); columns count UTF-16 code
 * units, as VS Code's do.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';

/** How long a step waits for the page (ms). Generous: the machine is shared and may be slow. */
export const STEP_TIMEOUT = 30_000;

/** Escapes a status bar item id for a CSS selector (`status.editor.mode` → `#status\.editor\.mode`). */
function byId(id: string): string {
  return `#${id.replace(/\./g, '\\.')}`;
}

/** One row of the Problems panel: a file row or a marker row, as its accessible label reads. */
export interface ProblemRow {
  /** The row's aria-label, e.g. `Error: Measure number 9 skips 8; … at line 47 and character 1 in skip-1.programme …`. */
  label: string;
  /** The row's visible text (message, source, code, `[Ln 47, Col 1]`). */
  text: string;
  /** 1 for file rows, 2 for the markers under them. */
  level: number;
}

/** One row of the Outline view. */
export interface OutlineRow {
  /** The row's aria-label: the symbol's name and its kind in parentheses, e.g. `1. Skape … (module)`. */
  label: string;
  /** Depth in the tree: 1 for top-level symbols. */
  level: number;
}

/** A VS Code workbench in a Playwright page. */
export class Workbench {
  constructor(readonly page: Page) {}

  /** Loads code-server at `url` with `folder` open, and waits until the Explorer lists its files. */
  async load(url: string, folder: string): Promise<void> {
    await this.page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 90_000 });
  }

  /** A status bar item by its id (`status.editor.mode`, `status.problems`, `status.editor.selection`). */
  statusItem(id: string): Locator {
    return this.page.locator(byId(id));
  }

  /** Waits until the status bar item `id` reads `text` (its visible text, trimmed; a RegExp tests it). */
  async waitForStatus(id: string, text: string | RegExp, attribute: 'text' | 'aria-label' = 'text'): Promise<void> {
    const item = this.statusItem(id);
    let value: string | null | undefined;
    try {
      await this.waitFor(`status bar item ${id} to read ${String(text)}`, async () => {
        value = attribute === 'text' ? (await item.textContent().catch(() => null))?.trim() : await item.getAttribute('aria-label').catch(() => null);
        return value != null && (typeof text === 'string' ? value === text : text.test(value));
      });
    } catch (error) {
      throw new Error(`${(error as Error).message}; it reads ${JSON.stringify(value)}`);
    }
  }

  /** Waits until `check` is true (polled every 100 ms), or throws naming `what` after `timeout` ms. */
  async waitFor(what: string, check: () => Promise<boolean>, timeout = STEP_TIMEOUT): Promise<void> {
    const deadline = Date.now() + timeout;
    for (;;) {
      if (await check()) return;
      if (Date.now() > deadline) throw new Error(`Timed out after ${timeout} ms waiting for ${what}`);
      await this.page.waitForTimeout(100);
    }
  }

  /**
   * Opens the workspace file `name` by double-clicking it in the Explorer, and waits until its editor tab is
   * active and focused. (Quick Open is not used: its file list can miss a file written a moment ago.)
   * A file written just after the workbench loaded can be missed by the Explorer's watcher: when its row
   * has not shown after a few seconds, the Explorer is refreshed (as a person would).
   */
  async openFile(name: string): Promise<void> {
    const row = this.page.locator('.explorer-folders-view .monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) });
    const shown = await row.first().waitFor({ timeout: 5_000 }).then(() => true, () => false);
    if (!shown) await this.command('Refresh Explorer');
    await row.first().waitFor({ timeout: STEP_TIMEOUT });
    // A modal dialog left open (e.g. "Do you want to save …?") would swallow the click for the whole step
    // timeout: fail at once, quoting it.
    const dialog = await this.dialogText();
    if (dialog !== undefined) throw new Error(`A dialog is open and blocks the workbench: ${JSON.stringify(dialog)}`);
    // A double click opens the file for editing (not as a preview) and puts the focus in the editor.
    await row.first().dblclick();
    await this.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: STEP_TIMEOUT });
    await this.page.locator('.editor-group-container.active .monaco-editor.focused').waitFor({ timeout: STEP_TIMEOUT });
  }

  /** Moves the cursor with Go to Line/Column (Ctrl+G, `line:column`) and waits for the status bar to show it. */
  async goTo(line: number, column: number): Promise<void> {
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: STEP_TIMEOUT });
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.waitForStatus('status.editor.selection', `Ln ${line}, Col ${column}`);
  }

  /** Runs a command from the Command Palette (F1) by its exact title, e.g. `File: Save`. */
  async command(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: STEP_TIMEOUT });
    await input.fill(`>${title}`);
    await this.page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title }).waitFor({ timeout: STEP_TIMEOUT });
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
  }

  /** The text of the modal dialog shown (message and buttons), or undefined when none is. */
  async dialogText(): Promise<string | undefined> {
    const box = this.page.locator('.monaco-dialog-box');
    if (!(await box.first().isVisible().catch(() => false))) return undefined;
    return ((await box.first().innerText().catch(() => '')) || '').replace(/\s+/g, ' ').trim();
  }

  /**
   * Closes every editor without saving: each edited (dirty) editor is reverted and closed in turn
   * ("View: Revert and Close Editor"), then the rest are closed; a "Do you want to save …?" dialog that
   * still comes up is answered "Don't Save". Returns the texts of the dialogs it answered (for the log).
   */
  async closeAllWithoutSaving(): Promise<string[]> {
    const answered: string[] = [];
    const dirty = this.page.locator('.tabs-container .tab.dirty');
    for (let i = 0; i < 5 && (await dirty.count().catch(() => 0)) > 0; i++) {
      await dirty.first().click().catch(() => undefined);
      await this.command('View: Revert and Close Editor').catch(() => undefined);
    }
    await this.command('View: Close All Editors').catch(() => undefined);
    for (let i = 0; i < 5; i++) {
      // The dialog, if any, comes up a moment after the command.
      const shown = await this.page.locator('.monaco-dialog-box').first().waitFor({ timeout: 1_000 }).then(() => true, () => false);
      if (!shown) break;
      answered.push((await this.dialogText()) ?? '');
      const dontSave = this.page.locator('.monaco-dialog-box .monaco-button', { hasText: /Don.t Save/ });
      if (await dontSave.count()) await dontSave.first().click();
      else await this.page.keyboard.press('Escape');
      await this.page.locator('.monaco-dialog-box').first().waitFor({ state: 'hidden', timeout: STEP_TIMEOUT }).catch(() => undefined);
    }
    return answered;
  }

  /** Closes hovers, menus and pickers (Escape twice), and moves the mouse out of the editor. */
  async dismiss(): Promise<void> {
    await this.page.mouse.move(1, 1);
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('Escape');
  }

  /** Opens the Problems panel (Ctrl+Shift+M) and waits for it. */
  async showProblems(): Promise<void> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) await this.page.keyboard.press('Control+Shift+M');
    await panel.waitFor({ timeout: STEP_TIMEOUT });
  }

  /** The rows of the Problems panel (it must be open), in the order shown, read in one go (rows re-render). */
  async problems(): Promise<ProblemRow[]> {
    return (await this.page.evaluate(`[...document.querySelectorAll('.markers-panel .monaco-list-row')].map((row) => {
      const parts = [];
      const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.textContent.trim()) parts.push(n.textContent.trim());
      return { label: row.getAttribute('aria-label') || '', text: parts.join(' '), level: Number(row.getAttribute('aria-level') || '1') };
    })`)) as ProblemRow[];
  }

  /** The marker rows the Problems panel (open) lists under the file `name` (none when the file is not listed). */
  async problemsOf(name: string): Promise<ProblemRow[]> {
    const rows = await this.problems();
    const out: ProblemRow[] = [];
    let inFile = false;
    for (const row of rows) {
      if (row.level === 1) inFile = row.text.startsWith(name);
      else if (inFile) out.push(row);
    }
    return out;
  }

  /** Waits until the Problems panel (open) lists under `name` rows that `test` accepts; returns them. */
  async waitForProblems(name: string, test: (rows: ProblemRow[]) => boolean, what: string): Promise<ProblemRow[]> {
    let rows: ProblemRow[] = [];
    try {
      await this.waitFor(`the Problems panel to list ${what} for ${name}`, async () => test((rows = await this.problemsOf(name))));
    } catch (error) {
      throw new Error(`${(error as Error).message}; it lists: ${JSON.stringify(rows.map((r) => r.text))}`);
    }
    return rows;
  }

  /** The text of the Problems panel's empty message ("No problems have been detected in the workspace."), or null. */
  async problemsMessage(): Promise<string | null> {
    const message = this.page.locator('.markers-panel .message-box-container');
    return (await message.isVisible()) ? normalise((await message.textContent()) ?? '') : null;
  }

  /**
   * The text of line `line` of the active editor as shown (its wrapped view lines joined), or null when
   * the line is not rendered (scroll to it first, e.g. with {@link goTo}).
   */
  async lineText(line: number): Promise<string | null> {
    return this.page.evaluate(`(${lineViewScript})(${line})`).then((r) => (r === null ? null : normalise((r as { text: string }).text)));
  }

  /** Waits until line `line` of the active editor shows text that `test` accepts; returns that text. */
  async waitForLine(line: number, test: (text: string) => boolean, what: string): Promise<string> {
    let last: string | null = null;
    await this.waitFor(`line ${line} to ${what} (it reads: ${JSON.stringify(last)})`, async () => {
      last = await this.lineText(line);
      return last !== null && test(last);
    });
    return last!;
  }

  /** The squiggles (`error`, `warning`, `info`) drawn on line `line` of the active editor. */
  async squiggles(line: number): Promise<string[]> {
    const r = (await this.page.evaluate(`(${lineViewScript})(${line})`)) as { squiggles: string[] } | null;
    return r?.squiggles ?? [];
  }

  /**
   * The centre, in page pixels, of the first span on line `line` (rendered) whose text is exactly `text`,
   * e.g. the `4.7` inside `[[4.7]]` (the grammar gives it a span of its own). Throws when there is none.
   */
  async spanCentre(line: number, text: string): Promise<{ x: number; y: number }> {
    const r = (await this.page.evaluate(`(${lineViewScript})(${line}, ${JSON.stringify(text)})`)) as { span: { x: number; y: number } | null } | null;
    if (!r?.span) throw new Error(`line ${line} shows no span reading ${JSON.stringify(text)}`);
    return r.span;
  }

  /** The visible content hover's text (its rendered Markdown parts, one per line), waiting up to `timeout` ms until one shows. */
  async hoverText(timeout = STEP_TIMEOUT): Promise<string> {
    const hover = this.page.locator('.monaco-hover:not(.hidden)').filter({ has: this.page.locator('.rendered-markdown') }).first();
    await hover.waitFor({ timeout });
    const parts = await hover.locator('.rendered-markdown').allInnerTexts();
    return parts.map((t) => normalise(t.replace(/\n+/g, '\n'))).join('\n');
  }

  /** Expands the Outline view in the Explorer (when collapsed) and waits for its first row. */
  async showOutline(): Promise<Locator> {
    const header = this.page.locator('.pane-header', { hasText: 'Outline' });
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    const tree = this.page.locator('.pane-body.outline-pane, .outline-pane').first();
    await tree.locator('.monaco-list-row').first().waitFor({ timeout: STEP_TIMEOUT });
    return tree;
  }

  /**
   * Every row of the Outline view, read with the keyboard as a person using a screen reader would: focus
   * the tree, Home, then Down until the end (the tree only renders the rows in view).
   */
  async outlineRows(): Promise<OutlineRow[]> {
    const tree = await this.showOutline();
    await tree.locator('.monaco-list-row').first().click();
    await this.page.keyboard.press('Home');
    const rows: OutlineRow[] = [];
    const focusedIndex = () => tree.locator('.monaco-list-row.focused').getAttribute('data-index', { timeout: STEP_TIMEOUT });
    for (let i = 0; i < 10_000; i++) {
      const focused = tree.locator('.monaco-list-row.focused');
      const index = await focusedIndex();
      rows.push({ label: (await focused.getAttribute('aria-label')) ?? '', level: Number((await focused.getAttribute('aria-level')) ?? '1') });
      await this.page.keyboard.press('ArrowDown');
      // At the last row Down does nothing: the focus staying put for a second ends the list.
      const moved = await this.waitFor('the focus to move down', async () => (await focusedIndex()) !== index, 1000).then(() => true, () => false);
      if (!moved) break;
    }
    return rows;
  }

  /**
   * Where line `line` (1-based) of the active editor is: the top of its first view line, in CSS pixels
   * from the top of the editor's text area, and that area's height; null when the line is not rendered.
   */
  async linePlace(line: number): Promise<{ top: number; height: number } | null> {
    return (await this.page.evaluate(`((line) => {
      const editor = document.querySelector('.editor-group-container.active .monaco-editor');
      if (!editor) return null;
      const area = editor.querySelector('.overflow-guard').getBoundingClientRect();
      for (const n of editor.querySelectorAll('.margin-view-overlays .line-numbers')) {
        if (Number(n.textContent) === line) return { top: n.getBoundingClientRect().top - area.top, height: area.height };
      }
      return null;
    })(${line})`)) as { top: number; height: number } | null;
  }

  /**
   * Waits for the frame of a webview whose page makes the JavaScript expression `test` true, and returns
   * it. (code-server puts a webview's page in an iframe inside the webview's iframe; Playwright lists
   * both among the page's frames.)
   */
  async webviewFrame(what: string, test: string): Promise<Frame> {
    let found: Frame | undefined;
    await this.waitFor(what, async () => {
      for (const frame of this.page.frames()) {
        if (frame === this.page.mainFrame()) continue;
        if ((await frame.evaluate(test).catch(() => false)) === true) {
          found = frame;
          return true;
        }
      }
      return false;
    });
    return found!;
  }

  /** Saves a screenshot of the page as `dir/name.png` (the folder is made when missing); returns its path. */
  async screenshot(dir: string, name: string): Promise<string> {
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }
}

/** Collapses the non-breaking spaces the editor renders and trims. */
function normalise(text: string): string {
  return text.replace(/\u00a0/g, ' ').trim();
}

/**
 * Runs in the page: finds logical line `line` of the active editor by its line number in the margin,
 * joins the view lines it wraps over, lists the squiggles drawn on them, and (with `spanText`) gives the
 * centre of the first span on it reading exactly `spanText` (page pixels).
 * Returns null when the line is not rendered. Kept as a string-free function body so that the page
 * gets plain JavaScript.
 */
const lineViewScript = `function (line, spanText) {
  const editor = document.querySelector('.editor-group-container.active .monaco-editor');
  if (!editor) return null;
  const tops = [];
  for (const n of editor.querySelectorAll('.margin-view-overlays .line-numbers')) {
    tops.push({ line: Number(n.textContent), top: parseFloat(n.parentElement.style.top) });
  }
  tops.sort((a, b) => a.top - b.top);
  const at = tops.findIndex((t) => t.line === line);
  if (at < 0) return null;
  const from = tops[at].top;
  const to = at + 1 < tops.length ? tops[at + 1].top : Infinity;
  const inLine = (el) => { const top = parseFloat(el.style.top); return top >= from && top < to; };
  const views = [...editor.querySelectorAll('.view-lines .view-line')].filter(inLine).sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
  const squiggles = [];
  for (const row of editor.querySelectorAll('.view-overlays > div')) {
    if (!inLine(row)) continue;
    for (const s of row.querySelectorAll('[class*="squiggly-"]')) {
      const m = /squiggly-(error|warning|info|hint)/.exec(s.className);
      if (m) squiggles.push(m[1]);
    }
  }
  let span = null;
  if (spanText !== undefined) {
    for (const v of views) {
      const s = [...v.querySelectorAll('span span')].find((e) => e.textContent.replace(/\\u00a0/g, ' ') === spanText);
      if (s) {
        const box = s.getBoundingClientRect();
        span = { x: box.left + box.width / 2, y: box.top + box.height / 2 };
        break;
      }
    }
  }
  return { text: views.map((v) => v.textContent).join(''), squiggles, span };
}`;
