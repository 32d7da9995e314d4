// Profiles our full check with `node --cpu-prof` and prints where the time goes, by function and by file.
/**
 * `node bench/profile.mjs --file FILE [--runs N] [--tool ours.parse]`, or `npm run bench -- --profile` (10,000 and 100,000
 * measures). Runs bench/worker.mjs's `ours.check` under `node --cpu-prof` (profiles are written to
 * bench/profiles/, git-ignored as `*.cpuprofile`) and summarises the profile:
 *
 * - self time by function (the time the function itself was on top of the stack), as ms and as a
 *   share of all samples, with the function's source place mapped back through the bundle's source
 *   map (`server/src/syntax/tree.ts:123`), so a reader can go straight to the code;
 * - total time by function (self + callees; recursion counted once per sample);
 * - self time by source file (our modules, chevrotain, node internals, the garbage collector).
 *
 * The profile covers the worker's warm-up and timed runs alike (reading the file included), so the
 * shares, not the absolute figures, are what to read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { SourceMap } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Command } from 'commander';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

/** Loads the source map next to a bundled file (`X.cjs.map`), or undefined. */
function sourceMapOf(url, cache) {
  if (cache.has(url)) return cache.get(url);
  let map;
  try {
    const file = url.startsWith('file:') ? fileURLToPath(url) : url;
    if (file.endsWith('.cjs') && fs.existsSync(`${file}.map`)) map = new SourceMap(JSON.parse(fs.readFileSync(`${file}.map`, 'utf8')));
  } catch {
    map = undefined;
  }
  cache.set(url, map);
  return map;
}

/** `file:line` of a call frame, through the source map when there is one; paths relative to the repository. */
function placeOf(frame, cache) {
  if (!frame.url) return '(native)';
  const map = sourceMapOf(frame.url, cache);
  if (map !== undefined && frame.lineNumber >= 0) {
    const entry = map.findEntry(frame.lineNumber, frame.columnNumber);
    if (entry && entry.originalSource) {
      const source = entry.originalSource.startsWith('file:') ? fileURLToPath(entry.originalSource) : path.resolve(path.dirname(fileURLToPath(frame.url)), entry.originalSource);
      return `${path.relative(root, source)}:${entry.originalLine + 1}`;
    }
  }
  const file = frame.url.startsWith('file:') ? path.relative(root, fileURLToPath(frame.url)) : frame.url;
  return `${file}:${frame.lineNumber + 1}`;
}

/**
 * Summarises a `.cpuprofile` (Chrome DevTools format: nodes with call frames and children, samples,
 * timeDeltas in µs). Returns `{ totalMs, self: Row[], total: Row[], files: Row[] }`, each `Row` being
 * `{ name, place, ms, share }` sorted by `ms` descending.
 */
export function summarise(profile) {
  const cache = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = new Map();
  const info = new Map();
  for (const n of profile.nodes) {
    const f = n.callFrame;
    const name = f.functionName || '(anonymous)';
    const place = name.startsWith('(') && !f.url ? '' : placeOf(f, cache);
    const key = `${name} ${place}`;
    keyOf.set(n.id, key);
    if (!info.has(key)) info.set(key, { name, place, file: place.replace(/:\d+$/, '') || name });
  }
  const self = new Map();
  const total = new Map();
  const files = new Map();
  let totalUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const us = profile.timeDeltas[i] ?? 0;
    totalUs += us;
    const leaf = profile.samples[i];
    const key = keyOf.get(leaf);
    self.set(key, (self.get(key) ?? 0) + us);
    const file = info.get(key).file;
    files.set(file, (files.get(file) ?? 0) + us);
    const seen = new Set();
    for (let id = leaf; id !== undefined; id = parent.get(id)) {
      const k = keyOf.get(id);
      if (seen.has(k) || !byId.has(id)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + us);
    }
  }
  const rows = (map, withPlace) =>
    [...map.entries()]
      .map(([k, us]) => ({ name: withPlace ? info.get(k).name : k, place: withPlace ? info.get(k).place : '', ms: us / 1000, share: totalUs > 0 ? us / totalUs : 0 }))
      .sort((a, b) => b.ms - a.ms);
  return { totalMs: totalUs / 1000, self: rows(self, true), total: rows(total, true), files: rows(files, false) };
}

/** Formats the top `count` rows of a summary as text. */
export function formatSummary(summary, count = 15) {
  const pct = (s) => `${(s * 100).toFixed(1).padStart(5)} %`;
  const ms = (v) => `${v.toFixed(0).padStart(7)} ms`;
  const lines = [`profiled ${summary.totalMs.toFixed(0)} ms in all`, '', 'self time by function:'];
  for (const r of summary.self.slice(0, count)) lines.push(`  ${ms(r.ms)} ${pct(r.share)}  ${r.name}  ${r.place}`);
  lines.push('', 'total time (self + callees) by function:');
  for (const r of summary.total.filter((r) => !r.name.startsWith('(root)')).slice(0, count)) lines.push(`  ${ms(r.ms)} ${pct(r.share)}  ${r.name}  ${r.place}`);
  lines.push('', 'self time by file:');
  for (const r of summary.files.slice(0, 10)) lines.push(`  ${ms(r.ms)} ${pct(r.share)}  ${r.name}`);
  return lines.join('\n');
}

/**
 * Profiles `tool` (default `ours.check`, see bench/worker.mjs) on `file`: runs the worker under `--cpu-prof` into bench/profiles/, and
 * returns `{ profile: path, summary }`. Throws when the worker fails.
 */
export function profileCheck(file, runs = 3, tool = 'ours.check') {
  const dir = path.join(here, 'profiles');
  fs.mkdirSync(dir, { recursive: true });
  const name = `${tool.replace(/\W+/g, '-')}-${path.basename(file).replace(/\W+/g, '-')}.cpuprofile`;
  const child = spawnSync(
    process.execPath,
    ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${name}`, path.join(here, 'worker.mjs'), '--tool', tool, '--file', file, '--runs', String(runs), '--warmup', '1'],
    { encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  if (child.status !== 0) throw new Error(`Profiling ${file} failed: ${child.stderr}`);
  const profilePath = path.join(dir, name);
  return { profile: path.relative(root, profilePath), summary: summarise(JSON.parse(fs.readFileSync(profilePath, 'utf8'))) };
}

async function main() {
  const options = new Command('profile')
    .requiredOption('--file <file>', 'the programme to check')
    .option('--runs <n>', 'timed runs in the profile', (v) => Number.parseInt(v, 10), 3)
    .option('--tool <tool>', 'the bench/worker.mjs tool to profile (ours.parse, ours.symbols, …)', 'ours.check')
    .option('--top <n>', 'rows per list', (v) => Number.parseInt(v, 10), 15)
    .parse(process.argv)
    .opts();
  const { profile, summary } = profileCheck(options.file, options.runs, options.tool);
  process.stdout.write(`${profile}\n${formatSummary(summary, options.top)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    process.stderr.write(`bench profile: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
