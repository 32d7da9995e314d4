// End-to-end in VS Code: the packaged extension in code-server, driven in headless Chromium as a writer uses it.
/**
 * Each scenario acts through the keyboard and mouse and asserts on what the page shows (status bar,
 * Problems panel, editor lines and squiggles, hover, Outline view), then saves a screenshot to
 * test-results/e2e/vscode-N-….png. A scenario is retried at most once, on a fresh copy of the example
 * (a new file name per attempt, so a half-done first attempt cannot leak into the second).
 *
 * Needs: scripts/e2e/setup.sh (Node 24, code-server, Chromium, playwright-core) and programme.vsix
 * (`npm run package`); `npm run test:e2e` does both first.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  assertSetUp, groupAlive, groupProcesses, installExtension, launchBrowser, prepareCodeServer, processAlive, startCodeServer,
  RESULTS, ROOT, type BrowserSession, type CodeServer, type CodeServerPaths,
} from './harness';
import { EXAMPLE, HOVERED, PILLARS, PREVIEWED, RENAMED, SLIP, measureText, renamed, withSlip } from './example';
import { Workbench } from './workbench';

/** The packaged extension that `npm run package` writes. */
const VSIX = path.join(ROOT, 'programme.vsix');

describe('VS Code (code-server in headless Chromium) with the packaged extension', function () {
  this.timeout(180_000);
  this.retries(1);

  let paths: CodeServerPaths;
  let server: CodeServer | undefined;
  let browser: BrowserSession | undefined;
  let wb: Workbench;
  const attempts = new Map<string, number>();

  /** A fresh copy of `text` in the workspace, named `base-N.programme` for the N-th attempt of a scenario. */
  function freshCopy(base: string, text: string): string {
    const n = (attempts.get(base) ?? 0) + 1;
    attempts.set(base, n);
    const name = `${base}-${n}.programme`;
    writeFileSync(path.join(paths.workspace, name), text);
    return name;
  }

  const shot = (name: string) => wb.screenshot(RESULTS, name);

  before(async function () {
    this.timeout(300_000);
    assertSetUp();
    if (!existsSync(VSIX)) throw new Error(`${VSIX} is missing. Run: npm run package (npm run test:e2e does it first).`);
    paths = prepareCodeServer();
    writeFileSync(path.join(paths.workspace, 'lokalvalget-2023.programme'), EXAMPLE);
    installExtension(paths, VSIX);
    server = await startCodeServer(paths);
    browser = await launchBrowser();
    wb = new Workbench(browser.page);
    await wb.load(server.url, paths.workspace);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && browser) {
      const name = `vscode-failed-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`;
      await wb.screenshot(RESULTS, name).catch(() => undefined);
    }
    if (browser) {
      // Leave no edited editor behind: revert what is unsaved, then close every editor.
      await wb.dismiss().catch(() => undefined);
      const answered = await wb.closeAllWithoutSaving().catch((error: Error) => [`(closing failed: ${error.message})`]);
      for (const text of answered) console.warn(`      (answered a dialog after "${this.currentTest?.title}": ${text})`);
    }
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('1. opens the example with language mode "Programme", the language server running, and no problems', async () => {
    await wb.openFile('lokalvalget-2023.programme');
    await wb.waitForStatus('status.editor.mode', 'Programme');
    // The server answers for this document: the breadcrumbs show the pillar the cursor is in (document symbols).
    const pillar = PILLARS[0]!;
    await wb.goTo(pillar.line, 3);
    await wb.waitFor('the breadcrumbs to show pillar 1', async () =>
      (await wb.page.locator('.breadcrumbs-control').first().innerText().catch(() => '')).includes(`${pillar.number}. ${pillar.title}`));
    // …and it is the packaged one, started by the installed extension.
    const languageServers = groupProcesses(server!.pgid).filter((p) => p.cmdline.includes('server/dist/server.cjs'));
    assert.equal(languageServers.length, 1, `one language server runs under code-server (found: ${JSON.stringify(languageServers)})`);
    assert.ok(languageServers[0]!.cmdline.includes(`${paths.extensions}/programme-tools.programme-`), languageServers[0]!.cmdline);
    await wb.showProblems();
    await wb.waitForStatus('status.problems', 'No Problems', 'aria-label');
    assert.equal(await wb.problemsMessage(), 'No problems have been detected in the workspace.');
    assert.deepEqual(await wb.squiggles(pillar.line), []);
    await shot('vscode-1-example-opens');
  });

  it(`2. an edit that skips a number shows the error, in Bokmål as the example's lang asks, in the Problems panel at line ${SLIP.line}`, async () => {
    const name = freshCopy('skip', EXAMPLE);
    await wb.openFile(name);
    await wb.goTo(SLIP.line, 1);
    // Overtype the "8" with "9", as a writer would.
    await wb.page.keyboard.press('Shift+ArrowRight');
    await wb.page.keyboard.type('9');
    await wb.waitForLine(SLIP.line, (t) => t.startsWith(SLIP.wrong), `start with "${SLIP.wrong}"`);
    await wb.showProblems();
    const errors = await wb.waitForProblems(name, (rows) => rows.length > 0, 'the error');
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.ok(errors[0]!.text.includes(SLIP.message), errors[0]!.text);
    // Shown as "<message> programme(measure-numbering) [Ln 47, Col 1]", read aloud as "Error: <message> at line 47 …".
    assert.ok(errors[0]!.text.endsWith(`programme measure-numbering [Ln ${SLIP.line}, Col 1]`), errors[0]!.text);
    assert.ok(errors[0]!.label.startsWith(`Error: ${SLIP.message} at line ${SLIP.line} and character 1.`), errors[0]!.label);
    assert.deepEqual(await wb.squiggles(SLIP.line), ['error']);
    await shot('vscode-2-skipped-number-in-problems-nb');
  });

  it(`3. hovering [[${HOVERED.target}]] shows the text of measure ${HOVERED.target}, in Bokmål`, async () => {
    await wb.openFile('lokalvalget-2023.programme');
    await wb.goTo(HOVERED.place.line, HOVERED.place.column);
    // Rest the mouse on the reference, as a person would; move it off and back if no hover shows
    // (a hover can be dismissed when the editor re-renders the line, e.g. as inlay hints arrive).
    const at = await wb.spanCentre(HOVERED.place.line, HOVERED.target);
    let text = '';
    await wb.waitFor(`the hover to show measure ${HOVERED.target}`, async () => {
      await wb.page.mouse.move(at.x, at.y + 40);
      await wb.page.mouse.move(at.x, at.y, { steps: 4 });
      text = await wb.hoverText(5_000).catch(() => '');
      return text.includes(HOVERED.text);
    }).catch((error: Error) => {
      throw new Error(`${error.message}; the last hover read: ${JSON.stringify(text)}`);
    });
    await shot('vscode-3-hover-reference-nb');
    // In Bokmål, as the example's `lang: nb` asks (programme.language is `auto`).
    assert.ok(text.includes(HOVERED.heading), text);
    assert.ok(text.includes(HOVERED.text), text);
  });

  it('4. the Outline view lists the five pillars and their measures', async () => {
    await wb.openFile('lokalvalget-2023.programme');
    // Fold the file list so that the Outline view has the side bar's height, as a person would to read it.
    const folder = wb.page.locator('.pane-header[aria-expanded="true"]', { hasText: 'workspace' });
    await folder.click();
    let rows;
    try {
      rows = await wb.outlineRows();
      await wb.page.keyboard.press('Home');
      await wb.page.mouse.move(1, 1);
      await shot('vscode-4-outline');
    } finally {
      await wb.page.locator('.pane-header[aria-expanded="false"]', { hasText: 'workspace' }).click();
    }
    // A row reads "<name> (<symbol kind>)"; the names are what a person reads.
    const name = (label: string) => label.replace(/ \([a-z ]+\)$/, '');
    const pillarRows = rows.filter((r) => r.level === 1 && /^\d+\. /.test(r.label));
    assert.deepEqual(pillarRows.map((r) => name(r.label)), PILLARS.map((p) => `${p.number}. ${p.title}`));
    for (const p of PILLARS) {
      const at = rows.findIndex((r) => r.level === 1 && name(r.label) === `${p.number}. ${p.title}`);
      const measures: string[] = [];
      for (let i = at + 1; i < rows.length && rows[i]!.level > 1; i++) measures.push(rows[i]!.label);
      assert.equal(measures.length, p.measures.length, `pillar ${p.number}: ${JSON.stringify(measures)}`);
      measures.forEach((label, k) => {
        assert.ok(name(label).startsWith(`${p.number}.${k + 1} `), label);
        const shown = name(label).slice(`${p.number}.${k + 1} `.length).replace(/ …$/, '');
        assert.ok(p.measures[k]!.startsWith(shown), `${label} begins measure ${p.number}.${k + 1}: ${p.measures[k]}`);
      });
    }
  });

  it('5. the renumber quick fix repairs the numbering and the problem disappears', async () => {
    const name = freshCopy('renumber', withSlip());
    await wb.openFile(name);
    await wb.showProblems();
    await wb.waitForProblems(name, (rows) => rows.some((r) => r.text.includes(SLIP.message)), 'the error');
    await wb.goTo(SLIP.line, 1);
    await wb.page.keyboard.press('Control+.');
    // The quick fix's title is in Bokmål, as its message ("Renumber measures in pillar 1" in English).
    const fix = wb.page.locator('.action-widget .monaco-list-row', { hasText: 'Nummerer tiltakene i kapittel 1 på nytt' });
    await fix.waitFor({ timeout: 30_000 });
    await shot('vscode-5a-renumber-quick-fix-menu');
    await fix.click();
    await wb.waitForLine(SLIP.line, (t) => t.startsWith(SLIP.right), `start with "${SLIP.right}"`);
    await wb.waitForProblems(name, (rows) => rows.length === 0, 'no problem');
    await wb.waitForStatus('status.problems', 'No Problems', 'aria-label');
    assert.equal(await wb.problemsMessage(), 'No problems have been detected in the workspace.');
    assert.deepEqual(await wb.squiggles(SLIP.line), []);
    await shot('vscode-5b-renumbered');
    // Saved, the file is the example again: the fix changed the one number and no other character.
    await wb.page.keyboard.press('Control+S');
    await wb.waitFor('the file to be saved', async () => readFileSync(path.join(paths.workspace, name), 'utf8') === EXAMPLE);
  });

  it(`6. renaming the label ${RENAMED.old} from a reference updates the label and its references`, async () => {
    const name = freshCopy('rename', EXAMPLE);
    await wb.openFile(name);
    await wb.goTo(RENAMED.reference.line, RENAMED.reference.column + 4);
    await wb.page.keyboard.press('F2');
    const input = wb.page.locator('.rename-box input.rename-input');
    await input.waitFor({ timeout: 30_000 });
    assert.equal(await input.inputValue(), RENAMED.old);
    await input.fill(RENAMED.new);
    await shot('vscode-6a-rename-box');
    await wb.page.keyboard.press('Enter');
    await wb.waitForLine(RENAMED.reference.line, (t) => t.includes(`[[#${RENAMED.new}]]`), `show [[#${RENAMED.new}]]`);
    await wb.goTo(RENAMED.declaration.line, 1);
    await wb.waitForLine(RENAMED.declaration.line, (t) => t.includes(`{#${RENAMED.new}}`), `show {#${RENAMED.new}}`);
    await shot('vscode-6b-renamed');
    await wb.page.keyboard.press('Control+S');
    await wb.waitFor('the file to be saved', async () => readFileSync(path.join(paths.workspace, name), 'utf8') !== EXAMPLE);
    assert.equal(readFileSync(path.join(paths.workspace, name), 'utf8'), renamed());
  });

  it('7. the preview beside the example shows its pillars and measures, follows typing and scrolling, and a click on a reference moves the editor', async () => {
    const name = freshCopy('preview', EXAMPLE);
    await wb.openFile(name);
    await wb.waitForStatus('status.editor.mode', 'Programme');
    await wb.command('Programme: Open Preview to the Side');
    // Its title is in Bokmål, as the example's `lang` asks ("Preview <file>" in English).
    await wb.page.locator('.tabs-container .tab', { hasText: `Forhåndsvisning ${name}` }).waitFor({ timeout: 30_000 });
    // The preview's page, found again if VS Code makes it anew (as it does when a hidden panel shows).
    const findPreview = () => wb.webviewFrame('the preview to show the programme', `document.querySelector('[data-line]') !== null && document.getElementById('kapittel-${PILLARS.length}') !== null`);
    let frame = await findPreview();
    const preview = async () => (frame.isDetached() ? (frame = await findPreview()) : frame);
    const text = async (selector: string) => (await (await preview()).locator(selector).first().innerText({ timeout: 10_000 })).replace(/\s+/g, ' ').trim();
    for (const p of PILLARS) {
      const heading = await text(`#kapittel-${p.number}`);
      assert.ok(heading.includes(`${p.number}.`) && heading.includes(p.title), `pillar ${p.number}: ${heading}`);
    }
    assert.equal(await (await preview()).locator('li#tiltak-1-2').count(), 1);
    assert.ok((await text('li#tiltak-1-2')).includes(measureText(1, 2)), await text('li#tiltak-1-2'));

    // As you type: a word at the start of measure 1.2 appears in the preview's measure 1.2.
    const typed = PREVIEWED.typed;
    await wb.goTo(typed.line, typed.column);
    await wb.page.keyboard.type(typed.word);
    await wb.waitFor('the typed word in the preview', async () => (await text(`li#${typed.measure}`).catch(() => '')).includes(`${typed.word}${measureText(1, 2).slice(0, 20)}`));

    // Scrolling the editor scrolls the preview: Go to Line puts pillar 4 in view, and its heading scrolls into the preview's view.
    await wb.goTo(PILLARS[3]!.line, 1);
    await wb.waitFor('the preview to scroll to pillar 4', async () =>
      (await (await preview()).evaluate(`(() => { const r = document.getElementById('kapittel-4').getBoundingClientRect(); return window.scrollY > 0 && r.bottom > 0 && r.top < window.innerHeight; })()`).catch(() => false)) === true);

    // …and scrolling the preview scrolls the editor: the wheel over the preview moves pillar 4's heading up in the editor.
    const before = await wb.linePlace(PILLARS[3]!.line);
    assert.ok(before !== null, 'pillar 4 is in the editor');
    const box = await wb.page.locator('iframe.webview').first().boundingBox();
    assert.ok(box !== null, 'the preview has a place on the page');
    await wb.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await wb.page.mouse.wheel(0, 500);
    await wb.waitFor('the editor to follow the preview down', async () => {
      const now = await wb.linePlace(PILLARS[3]!.line);
      return now === null || now.top < before.top - 100;
    });

    // A click on the reference [[4.7]] (in pillar 5) takes the editor to measure 4.7: the cursor on its line, the line in view.
    const link = (await preview()).locator(`a[href="${PREVIEWED.reference.href}"]`).first();
    assert.equal(await link.innerText(), PREVIEWED.reference.text);
    await link.click();
    await wb.waitForStatus('status.editor.selection', `Ln ${PREVIEWED.reference.targetLine}, Col 1`);
    await wb.waitForLine(PREVIEWED.reference.targetLine, (t) => t.startsWith('7. '), 'show measure 4.7');
    let place: { top: number; height: number } | null = null;
    await wb
      .waitFor(`measure 4.7 (line ${PREVIEWED.reference.targetLine}) near the top of the editor`, async () => {
        place = await wb.linePlace(PREVIEWED.reference.targetLine);
        return place !== null && place.top >= 0 && place.top < place.height / 4;
      })
      .catch((error: Error) => {
        throw new Error(`${error.message}; it is at ${JSON.stringify(place)}`);
      });
    // …and the preview shows measure 4.7 at its top.
    let targetTop: unknown;
    await wb
      .waitFor('measure 4.7 at the top of the preview', async () => {
        targetTop = await (await preview()).evaluate(`document.getElementById('tiltak-4-7').getBoundingClientRect().top`).catch((error: Error) => error.message);
        return typeof targetTop === 'number' && Math.abs(targetTop) < 50;
      })
      .catch((error: Error) => {
        throw new Error(`${error.message}; its top is at ${String(targetTop)} px`);
      });
    await wb.page.mouse.move(1, 1);
    await shot('vscode-7-preview');
  });

  it('stops code-server, the language server and Chromium, leaving no process behind', async () => {
    const pgid = server!.pgid;
    const chromium = browser!.pid;
    await browser!.close();
    browser = undefined;
    await server!.stop();
    server = undefined;
    assert.equal(groupAlive(pgid), false, `code-server's process group ${pgid} is gone`);
    if (chromium) assert.equal(processAlive(chromium), false, `Chromium (pid ${chromium}) is gone`);
  });
});
