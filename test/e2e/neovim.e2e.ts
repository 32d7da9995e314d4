// End-to-end in Neovim: its own LSP client (a client no one here wrote) against `programme-language-server --stdio`.
/**
 * Two parts. First, README.md's init.lua snippet (section "Use the language server from another
 * editor"), read from README.md at test time so that the two cannot drift apart: Neovim starts with it
 * as its init.lua, opens the example and a copy with a numbering slip, and test/e2e/nvim/readme.lua
 * reports the filetype, the attached client and the diagnostics; run again with other settings, the
 * snippet must pass them to the server.
 *
 * Then the probe: `nvim --headless` with test/e2e/nvim/probe.lua, which opens a copy of the example and a copy with
 * a numbering slip, asks for diagnostics, document symbols, a hover, a definition and a rename the way
 * a Neovim user would (vim.lsp.buf.hover(), definition(), rename()), and writes what Neovim then holds
 * to a JSON file; this test asserts on it. The probe is run again once if it fails (at most one retry),
 * and its JSON is kept as test-results/e2e/neovim.json for people to read.
 *
 * Lines below are 1-based, as Neovim shows them.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { groupAlive, processAlive, stopGroup, RESULTS, ROOT, RUN } from './harness';
import { EXAMPLE, HOVERED, PILLARS, RENAMED, SLIP, withSlip } from './example';

/** The npm bin the probe starts (what a Neovim user would put in their config). */
const SERVER_BIN = path.join(ROOT, 'node_modules/.bin/programme-language-server');
const PROBE = path.join(ROOT, 'test/e2e/nvim/probe.lua');
const README_CHECK = path.join(ROOT, 'test/e2e/nvim/readme.lua');
/** The settings line of README.md's snippet, and what it is changed to to see that settings reach the server. */
const README_SETTING = "measureNumbering = 'per-pillar'";
const OTHER_SETTING = "measureNumbering = 'continuous'";

/** README.md's Neovim snippet: the ```lua block of its section "Use the language server from another editor". */
function readmeSnippet(): string {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = /^## Use the language server from another editor\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1];
  const lua = section === undefined ? undefined : /^```lua\n([\s\S]*?)^```$/m.exec(section)?.[1];
  if (lua === undefined) throw new Error('README.md has no ```lua block in its section "Use the language server from another editor".');
  return lua;
}

/** What test/e2e/nvim/readme.lua writes: one row per buffer, in the order opened. */
interface ReadmeResults {
  nvim_version?: string;
  error?: string;
  server_pids: number[];
  buffers: { name: string; filetype: string; clients: string[]; published: boolean; shown: Diagnostics['shown'] }[];
}

/** What the probe writes (see probe.lua). */
interface ProbeResults {
  nvim_version?: string;
  offset_encoding?: string;
  server_pid?: number;
  error?: string;
  log: string[];
  steps: {
    example_diagnostics?: Diagnostics;
    broken_diagnostics?: Diagnostics;
    symbols?: SymbolRow[];
    hover?: { cursor: [number, number]; lines: string[]; conceallevel: number };
    definition?: { from: [number, number]; to: [number, number]; line_text: string };
    rename?: { lines: { line: number; text: string }[]; modified: boolean };
  };
}
interface Diagnostics {
  published: number;
  shown: { line: number; col0: number; severity: number; message: string; source?: string; code?: string }[];
}
interface SymbolRow {
  name: string;
  kind: number;
  line: number;
  detail?: string;
  children: SymbolRow[];
}

/**
 * Runs `nvim --headless -i NONE -n ARGS` in `dir`, in its own process group, with XDG_* folders of its
 * own under `dir/xdg/` and `env` added; stops it after 90 s. Resolves with its exit code (null when it
 * was stopped), what it printed, and its process group.
 */
async function runNvim(dir: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string; pgid: number }> {
  const xdg = (name: string) => {
    const p = path.join(dir, 'xdg', name);
    mkdirSync(p, { recursive: true });
    return p;
  };
  const child = spawn('nvim', ['--headless', '-i', 'NONE', '-n', ...args], {
    cwd: dir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      XDG_CONFIG_HOME: xdg('config'),
      XDG_DATA_HOME: xdg('data'),
      XDG_STATE_HOME: xdg('state'),
      XDG_CACHE_HOME: xdg('cache'),
      ...env,
    },
  });
  const pgid = child.pid!;
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => void stopGroup(pgid, 1000).then(() => resolve(null)), 90_000);
    child.once('exit', (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  return { code, output, pgid };
}

/**
 * Starts Neovim as a user of README.md's snippet would: `snippet` is its init.lua (found through
 * XDG_CONFIG_HOME, no -u), `programme-language-server` is on PATH (a link to the npm bin), the example is
 * opened from the command line and the broken copy with :edit. Resolves with what readme.lua saw, or
 * throws with what went wrong.
 */
async function runReadme(dir: string, snippet: string): Promise<ReadmeResults & { pgid: number }> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'xdg/config/nvim'), { recursive: true });
  mkdirSync(path.join(dir, 'bin'));
  writeFileSync(path.join(dir, 'xdg/config/nvim/init.lua'), snippet);
  symlinkSync(SERVER_BIN, path.join(dir, 'bin/programme-language-server'));
  const example = path.join(dir, 'lokalvalget-2023.programme');
  const broken = path.join(dir, 'broken.programme');
  const out = path.join(dir, 'results.json');
  writeFileSync(example, EXAMPLE);
  writeFileSync(broken, withSlip());
  const { code, output, pgid } = await runNvim(dir, ['--cmd', `luafile ${README_CHECK}`, example, '-c', 'lua programme_readme_check()'], {
    PATH: `${path.join(dir, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`,
    PROBE_SECOND: broken,
    PROBE_OUT: out,
  });
  if (!existsSync(out)) throw new Error(`nvim ${code === null ? 'timed out' : `exited ${code}`} without results; it printed:\n${output}`);
  const results = JSON.parse(readFileSync(out, 'utf8')) as ReadmeResults;
  if (results.error) throw new Error(`the README check failed: ${results.error}`);
  if (code !== 0) throw new Error(`nvim exited ${code}; it printed:\n${output}`);
  return { ...results, pgid };
}

/** Runs `attempt` once more when it throws (at most one retry), saying so. */
async function withRetry<T>(what: string, attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (first) {
    console.log(`    (${what} failed once and is run again: ${(first as Error).message.split('\n')[0]})`);
    return attempt();
  }
}

/**
 * Asserts that `shown` holds exactly one error: the {@link SLIP} on its line, with its code and message
 * (`message`: in Bokmål for the README's snippet, whose `programme.language` is `auto` and the example's
 * `lang` nb; in English for the probe, which sets `language = 'en'`).
 */
function assertSlip(shown: Diagnostics['shown'], message: string): void {
  const errors = shown.filter((x) => x.severity === 1);
  assert.equal(errors.length, 1, JSON.stringify(shown));
  assert.equal(errors[0]!.line, SLIP.line);
  assert.equal(errors[0]!.col0, 0);
  assert.equal(errors[0]!.code, 'measure-numbering');
  assert.equal(errors[0]!.message, message);
}

/** Runs the probe once in its own process group; resolves with its results, or throws with what went wrong. */
async function runProbe(dir: string): Promise<ProbeResults & { pgid: number }> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const example = path.join(dir, 'lokalvalget-2023.programme');
  const broken = path.join(dir, 'broken.programme');
  const out = path.join(dir, 'results.json');
  writeFileSync(example, EXAMPLE);
  writeFileSync(broken, withSlip());
  const { code, output, pgid } = await runNvim(dir, ['-u', 'NONE', '-c', `luafile ${PROBE}`], {
    PROBE_SERVER: SERVER_BIN,
    PROBE_EXAMPLE: example,
    PROBE_BROKEN: broken,
    PROBE_OUT: out,
    PROBE_HOVER: `${HOVERED.place.line}:[[${HOVERED.target}]]`,
    PROBE_REFERENCE: `${RENAMED.reference.line}:[[#${RENAMED.old}]]`,
    PROBE_DECLARATION: `${RENAMED.declaration.line}:{#${RENAMED.new}}`,
    PROBE_NEW_NAME: RENAMED.new,
  });
  if (!existsSync(out)) throw new Error(`nvim ${code === null ? 'timed out' : `exited ${code}`} without results; it printed:\n${output}`);
  const results = JSON.parse(readFileSync(out, 'utf8')) as ProbeResults;
  if (Array.isArray(results.steps)) results.steps = {}; // an empty Lua table is encoded as []
  if (results.error) throw new Error(`the Neovim probe failed: ${results.error}\nlog: ${results.log.join('\n')}`);
  if (code !== 0) throw new Error(`nvim exited ${code}; it printed:\n${output}`);
  return { ...results, pgid };
}

describe("Neovim with README.md's init.lua snippet, as written there", function () {
  this.timeout(240_000);
  const snippet = readmeSnippet();
  let asWritten: ReadmeResults & { pgid: number };
  let otherSettings: ReadmeResults & { pgid: number };

  before(async () => {
    if (!existsSync(SERVER_BIN)) throw new Error(`${SERVER_BIN} is missing. Run: npm ci && npm run build`);
    assert.ok(snippet.includes(README_SETTING), `the snippet sets ${README_SETTING}`);
    asWritten = await withRetry('the README snippet', () => runReadme(path.join(RUN, 'nvim-readme'), snippet));
    otherSettings = await withRetry('the README snippet with other settings', () =>
      runReadme(path.join(RUN, 'nvim-readme-settings'), snippet.replace(README_SETTING, OTHER_SETTING)),
    );
    mkdirSync(RESULTS, { recursive: true });
    copyFileSync(path.join(RUN, 'nvim-readme', 'results.json'), path.join(RESULTS, 'neovim-readme.json'));
  });

  it('runs Neovim 0.7 or later', () => {
    assert.match(asWritten.nvim_version ?? '', /^0\.([7-9]|\d\d)\./);
  });

  it('gives *.programme files the filetype programme, and attaches one programme client to both', () => {
    assert.deepEqual(
      asWritten.buffers.map((b) => [path.basename(b.name), b.filetype, b.clients]),
      [
        ['lokalvalget-2023.programme', 'programme', ['programme']],
        ['broken.programme', 'programme', ['programme']],
      ],
    );
    assert.equal(asWritten.server_pids.length, 1, 'one server for both files');
  });

  it('publishes diagnostics for the example, none of them an error or warning', () => {
    const example = asWritten.buffers[0]!;
    assert.equal(example.published, true);
    assert.deepEqual(example.shown.filter((x) => x.severity <= 2), []);
  });

  it(`shows the numbering slip of the broken copy on line ${SLIP.line}`, () => {
    assert.equal(asWritten.buffers[1]!.published, true);
    assertSlip(asWritten.buffers[1]!.shown, SLIP.message);
  });

  it(`passes its settings to the server (with ${OTHER_SETTING}, measures must not restart in each pillar)`, () => {
    // Each pillar after the first starts again at 1: with continuous numbering, that is the error.
    const lines = EXAMPLE.split('\n');
    const restarts = PILLARS.slice(1).map((p) => lines.findIndex((text, i) => i >= p.line && text.startsWith('1. ')) + 1);
    const shown = otherSettings.buffers[0]!.shown.filter((x) => x.code === 'measure-numbering');
    assert.deepEqual(shown.map((x) => x.line), restarts);
  });

  it('leaves no process behind: Neovim and the language server are gone', () => {
    for (const run of [asWritten, otherSettings]) {
      assert.equal(groupAlive(run.pgid), false, `Neovim's process group ${run.pgid} is gone`);
      for (const pid of run.server_pids) assert.equal(processAlive(pid), false, `the language server (pid ${pid}) is gone`);
    }
  });
});

describe('Neovim (its built-in LSP client) with programme-language-server --stdio', function () {
  this.timeout(240_000);
  let r: ProbeResults & { pgid: number };

  before(async () => {
    if (!existsSync(SERVER_BIN)) throw new Error(`${SERVER_BIN} is missing. Run: npm ci && npm run build`);
    const dir = path.join(RUN, 'nvim');
    r = await withRetry('the Neovim probe', () => runProbe(dir));
    mkdirSync(RESULTS, { recursive: true });
    copyFileSync(path.join(dir, 'results.json'), path.join(RESULTS, 'neovim.json'));
  });

  it('runs Neovim 0.7 or later with UTF-16 positions', () => {
    assert.match(r.nvim_version ?? '', /^0\.([7-9]|\d\d)\./);
    assert.equal(r.offset_encoding, 'utf-16');
  });

  it('publishes diagnostics for the example, none of them an error or warning', () => {
    const d = r.steps.example_diagnostics!;
    assert.deepEqual(d.shown.filter((x) => x.severity <= 2), []);
  });

  it(`shows the numbering slip of the broken copy on line ${SLIP.line}`, () => {
    assertSlip(r.steps.broken_diagnostics!.shown, SLIP.englishMessage);
  });

  it('lists the five pillars and their measures as document symbols', () => {
    const pillars = r.steps.symbols!.filter((s) => /^\d+\. /.test(s.name));
    assert.deepEqual(pillars.map((s) => [s.name, s.line]), PILLARS.map((p) => [`${p.number}. ${p.title}`, p.line]));
    pillars.forEach((s, i) => {
      const p = PILLARS[i]!;
      assert.equal(s.children.length, p.measures.length, `pillar ${p.number}`);
      s.children.forEach((m, k) => assert.ok(m.name.startsWith(`${p.number}.${k + 1} `), m.name));
    });
  });

  it(`hovering [[${HOVERED.target}]] opens a float with the text of measure ${HOVERED.target}`, () => {
    const h = r.steps.hover!;
    // The float holds the Markdown source; Neovim conceals its backslash escapes (conceallevel 2), so
    // what a person reads is the text with them removed.
    assert.equal(h.conceallevel, 2);
    const shown = h.lines.map((l) => l.replace(/\\([\\`*{}[\]()#+\-.!_>~|])/g, '$1')).join('\n');
    assert.ok(shown.includes(HOVERED.englishHeading), shown);
    assert.ok(shown.includes(HOVERED.text), shown);
  });

  it(`go to definition from [[#${RENAMED.old}]] jumps to its label on line ${RENAMED.declaration.line}`, () => {
    const d = r.steps.definition!;
    assert.equal(d.from[0], RENAMED.reference.line);
    assert.equal(d.to[0], RENAMED.declaration.line);
    assert.ok(d.line_text.includes(`{#${RENAMED.old}}`), d.line_text);
  });

  it(`rename of the label ${RENAMED.old} from a reference changes the label and its reference`, () => {
    const rename = r.steps.rename!;
    assert.equal(rename.modified, true);
    assert.deepEqual(
      rename.lines.map((l) => [l.line, l.text]),
      [
        [RENAMED.declaration.line, EXAMPLE.split('\n')[RENAMED.declaration.line - 1]!.replace(`{#${RENAMED.old}}`, `{#${RENAMED.new}}`)],
        [RENAMED.reference.line, EXAMPLE.split('\n')[RENAMED.reference.line - 1]!.replace(`[[#${RENAMED.old}]]`, `[[#${RENAMED.new}]]`)],
      ],
    );
  });

  it('leaves no process behind: Neovim and the language server are gone', () => {
    assert.equal(groupAlive(r.pgid), false, `Neovim's process group ${r.pgid} is gone`);
    assert.ok(r.server_pid, 'the probe saw the server process');
    assert.equal(processAlive(r.server_pid!), false, `the language server (pid ${r.server_pid}) is gone`);
  });
});
