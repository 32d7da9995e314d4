// End-to-end in Neovim: its own LSP client (a client no one here wrote) against `programme-language-server --stdio`.
/**
 * Runs `nvim --headless` with test/e2e/nvim/probe.lua, which opens a copy of the example and a copy with
 * a numbering slip, asks for diagnostics, document symbols, a hover, a definition and a rename the way
 * a Neovim user would (vim.lsp.buf.hover(), definition(), rename()), and writes what Neovim then holds
 * to a JSON file; this test asserts on it. The probe is run again once if it fails (at most one retry),
 * and its JSON is kept as test-results/e2e/neovim.json for people to read.
 *
 * Lines below are 1-based, as Neovim shows them.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { groupAlive, processAlive, stopGroup, RESULTS, ROOT, RUN } from './harness';
import { EXAMPLE, HOVERED, PILLARS, RENAMED, SLIP, withSlip } from './example';

/** The npm bin the probe starts (what a Neovim user would put in their config). */
const SERVER_BIN = path.join(ROOT, 'node_modules/.bin/programme-language-server');
const PROBE = path.join(ROOT, 'test/e2e/nvim/probe.lua');

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

/** Runs the probe once in its own process group; resolves with its results, or throws with what went wrong. */
async function runProbe(dir: string): Promise<ProbeResults & { pgid: number }> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const example = path.join(dir, 'lokalvalget-2023.programme');
  const broken = path.join(dir, 'broken.programme');
  const out = path.join(dir, 'results.json');
  writeFileSync(example, EXAMPLE);
  writeFileSync(broken, withSlip());
  const xdg = (name: string) => {
    const p = path.join(dir, 'xdg', name);
    mkdirSync(p, { recursive: true });
    return p;
  };
  const child = spawn('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${PROBE}`], {
    cwd: dir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PROBE_SERVER: SERVER_BIN,
      PROBE_EXAMPLE: example,
      PROBE_BROKEN: broken,
      PROBE_OUT: out,
      PROBE_HOVER: `${HOVERED.place.line}:[[${HOVERED.target}]]`,
      PROBE_REFERENCE: `${RENAMED.reference.line}:[[#${RENAMED.old}]]`,
      PROBE_DECLARATION: `${RENAMED.declaration.line}:{#${RENAMED.new}}`,
      PROBE_NEW_NAME: RENAMED.new,
      XDG_CONFIG_HOME: xdg('config'),
      XDG_DATA_HOME: xdg('data'),
      XDG_STATE_HOME: xdg('state'),
      XDG_CACHE_HOME: xdg('cache'),
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
  if (!existsSync(out)) throw new Error(`nvim ${code === null ? 'timed out' : `exited ${code}`} without results; it printed:\n${output}`);
  const results = JSON.parse(readFileSync(out, 'utf8')) as ProbeResults;
  if (Array.isArray(results.steps)) results.steps = {}; // an empty Lua table is encoded as []
  if (results.error) throw new Error(`the Neovim probe failed: ${results.error}\nlog: ${results.log.join('\n')}`);
  if (code !== 0) throw new Error(`nvim exited ${code}; it printed:\n${output}`);
  return { ...results, pgid };
}

describe('Neovim (its built-in LSP client) with programme-language-server --stdio', function () {
  this.timeout(240_000);
  let r: ProbeResults & { pgid: number };

  before(async () => {
    if (!existsSync(SERVER_BIN)) throw new Error(`${SERVER_BIN} is missing. Run: npm ci && npm run build`);
    const dir = path.join(RUN, 'nvim');
    try {
      r = await runProbe(dir);
    } catch (first) {
      console.log(`    (the Neovim probe failed once and is run again: ${(first as Error).message.split('\n')[0]})`);
      r = await runProbe(dir);
    }
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
    const d = r.steps.broken_diagnostics!;
    const errors = d.shown.filter((x) => x.severity === 1);
    assert.equal(errors.length, 1, JSON.stringify(d.shown));
    assert.equal(errors[0]!.line, SLIP.line);
    assert.equal(errors[0]!.col0, 0);
    assert.equal(errors[0]!.code, 'measure-numbering');
    assert.equal(errors[0]!.message, SLIP.message);
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
    assert.ok(shown.includes(`Measure ${HOVERED.target}`), shown);
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
