// `npm run bench`: our analysis side by side with markdownlint, VS Code's Markdown service and a floor.
/**
 * The benchmark of issue 6 (bench/README.md says how to read its output).
 *
 * 1. Builds the bench bundle `bench/dist/ours.cjs` from bench/ours.ts with esbuild (as the CLI and the
 *    server are bundled); `npm run bench` has already built `server/dist/server.cjs`.
 * 2. Writes the seeded inputs to bench/inputs/ (bench/generate.mjs): 100, 1,000, 10,000 and 100,000
 *    measures as `.programme` and as CommonMark `.md`, and the bundled example as `.md`.
 * 3. For each input and tool, one child process (bench/worker.mjs; bench/keystroke.mjs for the server),
 *    one after the other: warm-up, then the median of at least 5 timed runs (more for small inputs, so
 *    that at least ~0.3 s is timed; slow peers at 100,000 measures stop after a time budget and say
 *    how many runs they had), and the child's peak resident set size.
 * 4. Start-up (issue 15, bench/startup.mjs): `programme check` of the example as a whole process beside
 *    `node -e 0`, and the language server's first diagnostics after `initialize`.
 * 5. Runs bench/similarity.ts (the near-duplicate index alone, and its work on pathological inputs)
 *    and bench/planted.ts (recall and false pairs on planted near-duplicates).
 * 5b. Runs bench/responsive.mjs (issue 15): `programme check` and the server on a 20 MB programme of 30
 *    words (hovers while it analyses), and the soak of test/soak.ts (the long one; `--quick`: the short).
 * 6. Prints a table per input, the ratios ours ÷ each peer and ours ÷ floor, the issue's targets with
 *    met / not met, the start-up figures, then the near-duplicate figures and the targets of issue 15;
 *    writes everything to bench/results.json.
 *
 * Options: `--quick` (the example and 10,000 measures, keystrokes on the example only, no
 * bench/similarity.ts, bench/planted.ts on fewer documents), `--sizes 100,1000` (choose sizes),
 * `--profile` (also profile our full check at 10,000 and 100,000 measures with `node --cpu-prof`, see
 * bench/profile.mjs), `--no-keystroke`, `--no-similarity` (neither similarity file), `--no-startup`,
 * `--no-responsive` (no bench/responsive.mjs),
 * `--server FILE` (another built server).
 *
 * Exit code 0 when the benchmark ran (whether targets are met or not is in the output), 1 when a tool
 * failed to run (the failure is printed and recorded, the other tools still run).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { build } from 'esbuild';
import { generate, programmeToMarkdown } from './generate.mjs';
import { profileCheck, formatSummary } from './profile.mjs';
import { wordFormsPlugin } from '../scripts/esbuild-word-forms.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const inputsDir = path.join(here, 'inputs');
const EXAMPLE = path.join(root, 'examples', 'lokalvalget-2023.programme');

/** The tools, in table order: id, label, which input format, and whether it is a peer. */
export const TOOL_ROWS = [
  { id: 'ours.parse', label: 'ours: parse', input: 'programme', peer: false },
  { id: 'ours.check', label: 'ours: full check (all rules)', input: 'programme', peer: false },
  { id: 'ours.symbols', label: 'ours: document symbols', input: 'programme', peer: false },
  { id: 'ours.keystroke', label: 'ours: keystroke, over stdio', input: 'programme', peer: false },
  { id: 'ours.keystroke.inside', label: 'ours: keystroke, in server', input: 'programme', peer: false },
  { id: 'markdownlint', label: 'markdownlint MD029+MD024', input: 'markdown', peer: true },
  { id: 'md.symbols', label: 'Markdown service: symbols', input: 'markdown', peer: true },
  { id: 'md.links', label: 'Markdown service: link diags', input: 'markdown', peer: true },
  { id: 'floor', label: 'floor: regex per line', input: 'programme', peer: false },
];

/** The ratios printed per input: ours ÷ a peer or the floor (median times). */
export const RATIOS = [
  ['ours.check', 'markdownlint', 'check ÷ markdownlint'],
  ['ours.check', 'md.links', 'check ÷ Markdown link diagnostics'],
  ['ours.symbols', 'md.symbols', 'symbols ÷ Markdown symbols'],
  ['ours.parse', 'floor', 'parse ÷ floor'],
  ['ours.check', 'floor', 'check ÷ floor'],
];

/** Runs `node args…` and resolves with its parsed last line of JSON output, or `{ error }`. */
function runChild(args, timeoutMs) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    const timer = setTimeout(() => child.kill(), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = out.trim().split('\n').pop();
      if (code === 0 && line) {
        try {
          resolve(JSON.parse(line));
          return;
        } catch {
          // fall through: reported as an error below
        }
      }
      resolve({ error: `exit ${code ?? 'killed after ' + timeoutMs + ' ms'}: ${err.trim().split('\n').slice(-6).join(' | ') || out.slice(0, 500)}` });
    });
  });
}

/** Writes the inputs (unless bench/inputs/ already holds them from the same generator) and lists them. */
function prepareInputs(sizes) {
  fs.mkdirSync(inputsDir, { recursive: true });
  const stamp = crypto.createHash('sha256').update(fs.readFileSync(path.join(here, 'generate.mjs'))).digest('hex').slice(0, 16);
  const manifestFile = path.join(inputsDir, 'manifest.json');
  const manifest = fs.existsSync(manifestFile) ? JSON.parse(fs.readFileSync(manifestFile, 'utf8')) : {};
  const inputs = [];
  const exampleMd = path.join(inputsDir, 'example.md');
  fs.writeFileSync(exampleMd, programmeToMarkdown(fs.readFileSync(EXAMPLE, 'utf8')));
  inputs.push({ name: 'example', title: `real example (${path.relative(root, EXAMPLE)})`, programme: EXAMPLE, markdown: exampleMd });
  for (const size of sizes) {
    const base = path.join(inputsDir, `generated-${size}`);
    const entry = manifest[size];
    if (!(entry?.stamp === stamp && fs.existsSync(`${base}.programme`) && fs.existsSync(`${base}.md`))) {
      const g = generate(size);
      fs.writeFileSync(`${base}.programme`, g.programme);
      fs.writeFileSync(`${base}.md`, g.markdown);
      manifest[size] = { stamp, facts: g.facts };
    }
    inputs.push({ name: String(size), measures: size, title: `${size.toLocaleString('en')} measures`, programme: `${base}.programme`, markdown: `${base}.md`, facts: manifest[size].facts });
  }
  fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
  for (const input of inputs) {
    input.programmeBytes = fs.statSync(input.programme).size;
    input.markdownBytes = fs.statSync(input.markdown).size;
  }
  return inputs;
}

/** How many runs a tool gets on an input: `{ runs, warmup, budgetMs, minMs }` (see bench/worker.mjs). */
function runPolicy(row, input, options) {
  const huge = (input.measures ?? 0) >= 100000;
  return {
    runs: options.runs,
    warmup: huge ? 1 : 2,
    // Slow peers at the largest size: stop after ~20 s of timed runs (at least one run).
    budgetMs: huge && row.peer ? 20000 : Infinity,
    minMs: 300,
  };
}

const fmt = {
  ms: (v) => (v === undefined ? '–' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)),
  mbps: (bytes, ms) => (ms === undefined || ms <= 0 ? '–' : (bytes / 1e6 / (ms / 1000)).toFixed(1)),
  mb: (kb) => (kb === undefined ? '–' : (kb / 1024).toFixed(0)),
  ratio: (v) => (v === undefined || !Number.isFinite(v) ? '–' : v >= 10 ? `${v.toFixed(0)}×` : v >= 1 ? `${v.toFixed(1)}×` : `${v.toFixed(2)}×`),
};

/** The rows of one input's table as text lines. */
function formatInput(input, results) {
  const lines = [];
  const facts = input.facts ? ` · planted: ${input.facts.duplicates} duplicates, ${input.facts.nearDuplicates} near-duplicates, ${input.facts.skipped + input.facts.repeated} numbering slips` : '';
  lines.push(`${input.title} — programme ${(input.programmeBytes / 1e6).toFixed(2)} MB, Markdown ${(input.markdownBytes / 1e6).toFixed(2)} MB${facts}`);
  lines.push(`  ${'tool'.padEnd(32)}${'median ms'.padStart(11)}${'MB/s'.padStart(8)}${'CPU ms'.padStart(9)}${'peak RSS MB'.padStart(13)}${'runs'.padStart(6)}  found`);
  for (const row of TOOL_ROWS) {
    const r = results[row.id];
    if (r === undefined) continue;
    const bytes = row.input === 'markdown' ? input.markdownBytes : input.programmeBytes;
    if (r.error) {
      lines.push(`  ${row.label.padEnd(32)}  failed: ${r.error}`);
      continue;
    }
    const runs = `${r.runs.length}${r.fewer ? '*' : ''}`;
    lines.push(`  ${row.label.padEnd(32)}${fmt.ms(r.medianMs).padStart(11)}${(row.id.startsWith('ours.keystroke') ? '–' : fmt.mbps(bytes, r.medianMs)).padStart(8)}${fmt.ms(r.cpuMedianMs).padStart(9)}${fmt.mb(r.maxRssKB).padStart(13)}${runs.padStart(6)}  ${summariseResult(r)}`);
  }
  lines.push('  ratios of median times, wall (CPU):');
  for (const [a, b, label] of RATIOS) lines.push(`    ${label.padEnd(36)} ${fmt.ratio(ratio(results, a, b)).padStart(7)} (${fmt.ratio(ratio(results, a, b, 'cpuMedianMs'))})`);
  return lines;
}

/** A short "found" column: diagnostics by code, symbols, or a note. */
function summariseResult(r) {
  const x = r.result ?? {};
  if (r.tool === 'ours.keystroke') return `${r.diagnostics} diagnostics published${r.debounceCounted ? '; debounce may be included (no timing from server)' : ''}`;
  if (r.tool === 'ours.keystroke.inside') return 'reported by the server ($/programme/timing)';
  if (x.symbols !== undefined) return `${x.symbols} symbols`;
  if (x.diagnostics !== undefined && typeof x.diagnostics === 'object') {
    const parts = Object.entries(x.diagnostics).map(([k, v]) => `${k} ${v}`);
    return parts.length === 0 ? 'no diagnostics' : parts.join(', ');
  }
  if (x.syntaxDiagnostics !== undefined) return `${x.syntaxDiagnostics} syntax diagnostics`;
  if (x.slips !== undefined) return `${x.slips} numbering slips`;
  return '';
}

/** `results[a][field] ÷ results[b][field]` (median wall times by default), or undefined if either is missing. */
function ratio(results, a, b, field = 'medianMs') {
  const x = results?.[a];
  const y = results?.[b];
  if (!x || !y || x.error || y.error || x[field] === undefined || y[field] === undefined) return undefined;
  return x[field] / y[field];
}

/**
 * The issue's targets, evaluated on `byInput` (input name → tool id → result). Each is
 * `{ target, measured, met }`, `met` being true, false or null (not measured in this run).
 */
export function evaluateTargets(byInput, inputs) {
  const at10k = byInput['10000'] ?? {};
  const at100k = byInput['100000'] ?? {};
  const example = byInput.example ?? {};
  const targets = [];
  const add = (target, value, limit, show) => {
    if (value === undefined || Number.isNaN(value)) targets.push({ target, measured: 'not measured in this run', met: null });
    else targets.push({ target, measured: show(value), value, limit, met: value <= limit });
  };
  const versus = (a, b, limit, target) =>
    add(target, ratio(at10k, a, b), limit, (v) => `${fmt.ratio(v)} (${fmt.ms(at10k[a]?.medianMs)} vs ${fmt.ms(at10k[b]?.medianMs)} ms; CPU ${fmt.ratio(ratio(at10k, a, b, 'cpuMedianMs'))})`);
  versus('ours.check', 'md.links', 0.5, 'full check ≤ 0.5 × Markdown link diagnostics (10,000 measures)');
  versus('ours.check', 'markdownlint', 0.05, 'full check ≤ 0.05 × markdownlint MD029+MD024 (10,000)');
  versus('ours.symbols', 'md.symbols', 0.5, 'document symbols ≤ 0.5 × Markdown symbols (10,000)');
  versus('ours.parse', 'floor', 10, 'parse ≤ 10 × the floor (10,000)');
  const per10k = at10k['ours.check']?.medianMs / 10000;
  const per100k = at100k['ours.check']?.medianMs / 100000;
  const cpuGrowth = (at100k['ours.check']?.cpuMedianMs / 100000) / (at10k['ours.check']?.cpuMedianMs / 10000);
  add('growth: check time per measure at 100,000 ≤ 1.5 × at 10,000', per100k / per10k, 1.5, (v) => `${fmt.ratio(v)} (${(per100k * 1000).toFixed(1)} vs ${(per10k * 1000).toFixed(1)} µs per measure; CPU ${fmt.ratio(cpuGrowth)})`);
  add('full check at 100,000 measures < 2 s', at100k['ours.check']?.medianMs, 2000, (v) => `${fmt.ms(v)} ms`);
  const bytes100k = inputs.find((i) => i.name === '100000')?.programmeBytes;
  const rss100k = at100k['ours.check']?.maxRssKB;
  add('peak memory of the check at 100,000 < 30 × file size', rss100k === undefined || bytes100k === undefined ? undefined : (rss100k * 1024) / bytes100k, 30, (v) => `${v.toFixed(1)}× (${fmt.mb(rss100k)} MB for ${(bytes100k / 1e6).toFixed(1)} MB)`);
  add('keystroke on the real example < 5 ms, in the server', example['ours.keystroke.inside']?.medianMs, 5, (v) => `${fmt.ms(v)} ms`);
  const k10 = at10k['ours.keystroke'];
  add('keystroke at 10,000 measures < 100 ms (debounce not counted)', k10?.error ? undefined : k10?.medianMs, 100, (v) => `${fmt.ms(v)} ms over stdio${k10.debounceCounted ? ' (may include the server\'s debounce)' : ''}; ${fmt.ms(at10k['ours.keystroke.inside']?.medianMs)} ms in the server`);
  // Issue 15: the server's own figure (receipt of the change to its diagnostics sent, less the debounce).
  add('keystroke at 10,000 measures ≤ 20 ms in the server (issue 15)', k10?.error ? undefined : at10k['ours.keystroke.inside']?.medianMs, 20, (v) => `${fmt.ms(v)} ms in the server; ${fmt.ms(k10.medianMs)} ms over stdio`);
  return targets;
}

/** The start-up figures of bench/startup.mjs as text lines. */
function formatStartup(startup) {
  if (startup.error) return ['start-up (bench/startup.mjs):', `  failed: ${startup.error}`];
  const c = startup.check;
  const cpu = (v) => (v === undefined ? '' : `, CPU ${fmt.ms(v)} ms`);
  const lines = [`start-up (bench/startup.mjs, ${startup.file}; wall clock, and CPU time from /proc in 10 ms steps):`];
  const row = (label, value) => lines.push(`  ${label.padEnd(46)} ${value}`);
  row('programme check, whole process', `${fmt.ms(c.medianMs).padStart(6)} ms${cpu(c.cpuMedianMs)} (${c.runs.length} runs)`);
  row('node -e 0, whole process', `${fmt.ms(c.baseline.medianMs).padStart(6)} ms${cpu(c.baseline.cpuMedianMs)}`);
  row('check ÷ node -e 0, median of the pairs', `${fmt.ratio(c.ratio).padStart(6)}    (CPU medians: ${fmt.ratio(c.cpuRatio)})`);
  const ways = { bin: 'programme-language-server (bin)', server: 'node server/dist/server.cjs (as VS Code)' };
  for (const [name, label] of Object.entries(ways)) {
    const f = startup.firstDiagnostics[name];
    row(`first diagnostics, ${label}`, `${fmt.ms(f.medianMs).padStart(6)} ms after initialize (answered at ${fmt.ms(f.initializeMs)} ms)${f.cpuMedianMs === undefined ? '' : `; server CPU ${fmt.ms(f.cpuMedianMs)} ms`}`);
  }
  return lines;
}

/**
 * The start-up targets of issue 15, evaluated on bench/startup.mjs's result (`{ target, measured, met }`
 * as in {@link evaluateTargets}): the whole-process check at most 1.6 × `node -e 0`, and the server's
 * first diagnostics within 250 ms of `initialize` (started as the bin starts it).
 */
export function startupTargets(startup) {
  const targets = [];
  const add = (target, value, limit, show) => {
    if (value === undefined || Number.isNaN(value)) targets.push({ target, measured: 'not measured in this run', met: null });
    else targets.push({ target, measured: show(value), value, limit, met: value <= limit });
  };
  const ok = startup !== undefined && !startup.error;
  const c = ok ? startup.check : undefined;
  add('programme check of the example ≤ 1.6 × node -e 0 (whole process)', c?.ratio, 1.6, (v) => `${fmt.ratio(v)} (${fmt.ms(c.medianMs)} vs ${fmt.ms(c.baseline.medianMs)} ms; CPU ${fmt.ratio(c.cpuRatio)})`);
  const f = ok ? startup.firstDiagnostics.bin : undefined;
  add('first diagnostics on the example ≤ 250 ms after initialize', f?.medianMs, 250, (v) => `${fmt.ms(v)} ms (the bin; node server/dist/server.cjs: ${fmt.ms(startup.firstDiagnostics.server.medianMs)} ms)`);
  return targets;
}

/**
 * Runs a TypeScript bench file of ours (`bench/similarity.ts`, the near-duplicate index's own benchmark,
 * or `bench/planted.ts`, its recall on planted pairs) with `args` and returns `{ lines, json }`: its
 * text lines and its closing JSON line; `{ error }` when it fails; undefined when the file does not exist.
 */
async function tsFigures(name, args) {
  const file = path.join(here, name);
  if (!fs.existsSync(file)) return undefined;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file, ...args.map(String)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    const timer = setTimeout(() => child.kill(), 600000);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) {
        resolve({ error: `exit ${code}: ${err.trim().slice(-500)}` });
        return;
      }
      const lines = out.trimEnd().split('\n');
      let json;
      try {
        json = JSON.parse(lines[lines.length - 1]);
        lines.pop();
      } catch {
        json = undefined;
      }
      resolve({ lines, json });
    });
  });
}

/**
 * The near-duplicate targets of issue 15, from the JSON lines of bench/planted.ts (recall per kind,
 * false pairs per 1,000 measures) and bench/similarity.ts (work on the pathological inputs within the
 * budget, one diagnostic where it cuts): `{ target, measured, met }` each, as {@link evaluateTargets}.
 */
export function nearDuplicateTargets(planted, similarity) {
  const targets = [];
  if (planted?.json?.targets) for (const t of planted.json.targets) targets.push({ target: t.target, measured: t.measured, met: t.met });
  else targets.push({ target: 'near-duplicate recall ≥ 95 % per kind, ≤ 1 false pair per 1,000 measures', measured: planted?.error ?? 'not measured in this run', met: null });
  if (similarity?.json?.targets) for (const t of similarity.json.targets) targets.push({ target: t.target, measured: t.measured, met: t.met });
  else targets.push({ target: 'bounded work on pathological inputs', measured: similarity?.error ?? 'not measured in this run', met: null });
  return targets;
}

async function main() {
  const options = new Command('bench')
    .description('Side-by-side benchmark of our analysis and its peers (bench/README.md).')
    .option('--quick', 'the example and 10,000 measures; keystrokes on the example only; no bench/similarity.ts; bench/planted.ts on fewer documents')
    .option('--sizes <list>', 'measure counts to generate, comma-separated', (v) => v.split(',').map((s) => Number.parseInt(s.replace(/_/g, ''), 10)))
    .option('--runs <n>', 'timed runs per tool (5 or more)', (v) => Math.max(5, Number.parseInt(v, 10) || 5), 5)
    .option('--profile', 'also profile our full check at 10,000 and 100,000 measures (node --cpu-prof)')
    .option('--no-keystroke', 'skip the language server keystroke latency')
    .option('--no-similarity', 'skip bench/similarity.ts and bench/planted.ts')
    .option('--no-startup', 'skip the start-up figures (bench/startup.mjs)')
    .option('--no-responsive', 'skip the 20 MB programme and the soak (bench/responsive.mjs)')
    .option('--server <file>', 'the built language server', path.join(root, 'server', 'dist', 'server.cjs'))
    .parse(process.argv)
    .opts();
  const sizes = options.sizes ?? (options.quick ? [10000] : [100, 1000, 10000, 100000]);
  const log = (s) => process.stderr.write(s + '\n');
  const started = performance.now();
  const loadAtStart = os.loadavg();

  await build({
    entryPoints: [path.join(here, 'ours.ts')],
    outfile: path.join(here, 'dist', 'ours.cjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'warning',
    absWorkingDir: root,
    // As in scripts/build.mjs: jsonc-parser's UMD "main" does not bundle; its ES module build does;
    // only the stemmers and stop-word lists that similar-measures uses.
    alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
    plugins: [wordFormsPlugin()],
  });
  log('bench: inputs …');
  const inputs = prepareInputs(sizes);
  const keystrokeInputs = new Set(options.keystroke === false ? [] : options.quick ? ['example'] : ['example', '10000']);

  const byInput = {};
  let failed = false;
  for (const input of inputs) {
    const results = (byInput[input.name] = {});
    for (const row of TOOL_ROWS) {
      if (row.id === 'ours.keystroke.inside') continue;
      const file = row.input === 'markdown' ? input.markdown : input.programme;
      let r;
      if (row.id === 'ours.keystroke') {
        if (!keystrokeInputs.has(input.name)) continue;
        if (!fs.existsSync(options.server)) {
          r = { error: `no built server at ${path.relative(root, options.server)} (run "npm run build")` };
        } else {
          // 30 keystrokes before the timed ones, as a user types: the figure is the steady state. A
          // document over the server's main-thread limit (64K characters) is analysed in two worker
          // threads by turns, each compiling its own code: with 3, the timed keystrokes ran
          // half-compiled code (60–450 ms where warm workers take 30–50 ms); on the example, 3 gave
          // 6–12 ms where warm code takes under 2 ms. The example gets more timed runs (each is cheap).
          const small = (input.measures ?? 0) < 1000;
          const runs = Math.max(options.runs, small ? 41 : 9);
          r = await runChild([path.join(here, 'keystroke.mjs'), '--file', file, '--server', options.server, '--runs', String(runs), '--warmup', '30'], 300000);
        }
        if (!r.error && r.serverMedianMs !== undefined) results['ours.keystroke.inside'] = { tool: 'ours.keystroke.inside', runs: r.serverRuns, medianMs: r.serverMedianMs, maxRssKB: r.serverPeakRssKB };
        if (!r.error) r.maxRssKB = r.serverPeakRssKB;
      } else {
        const p = runPolicy(row, input, options);
        r = await runChild(['--expose-gc', path.join(here, 'worker.mjs'), '--tool', row.id, '--file', file, '--runs', String(p.runs), '--warmup', String(p.warmup), '--budget-ms', String(p.budgetMs), '--min-ms', String(p.minMs)], 600000);
        if (!r.error && r.runs.length < p.runs) r.fewer = true;
      }
      if (r.error) failed = true;
      results[row.id] = r;
      log(`  ${(input.measures ? input.title : 'example').padEnd(18)} ${row.label.padEnd(32)} ${r.error ? `failed: ${r.error}` : `${fmt.ms(r.medianMs)} ms (${r.runs.length} runs)`}`);
    }
  }

  let startup;
  if (options.startup !== false) {
    log('bench: start-up (bench/startup.mjs) …');
    startup = await runChild([path.join(here, 'startup.mjs'), '--file', EXAMPLE, '--runs', options.quick ? '9' : '15'], 600000);
    if (startup.error) failed = true;
  }

  let similarity;
  let planted;
  const similaritySizes = sizes.filter((n) => n >= 1000 && n <= 10000);
  if (!options.quick && options.similarity !== false && similaritySizes.length > 0) {
    log('bench: bench/similarity.ts …');
    similarity = await tsFigures('similarity.ts', similaritySizes);
  }
  if (options.similarity !== false) {
    log('bench: bench/planted.ts …');
    planted = await tsFigures('planted.ts', options.quick ? ['--quick'] : []);
  }

  let responsive;
  if (options.responsive !== false) {
    log('bench: bench/responsive.mjs (the 20 MB programme, the soak) …');
    responsive = await tsFigures('responsive.mjs', ['--server', options.server, ...(options.quick ? ['--soak', 'short', '--cli-runs', '1'] : [])]);
    if (responsive?.error) failed = true;
  }

  const profiles = [];
  if (options.profile) {
    for (const name of ['10000', '100000']) {
      const input = inputs.find((i) => i.name === name);
      if (input === undefined) continue;
      log(`bench: profiling the full check at ${input.title} …`);
      try {
        const { profile, summary } = profileCheck(input.programme);
        profiles.push({ input: name, profile, top: summary.self.slice(0, 20), totals: summary.total.slice(0, 25), files: summary.files.slice(0, 12), text: formatSummary(summary) });
      } catch (error) {
        profiles.push({ input: name, error: String(error) });
      }
    }
  }

  const targets = evaluateTargets(byInput, inputs);
  const out = [];
  out.push(`programme bench — node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, load ${loadAtStart[0].toFixed(1)} at the start, ${os.loadavg()[0].toFixed(1)} at the end${options.quick ? ' — QUICK' : ''}`);
  out.push('Times are medians of the timed runs, each run reading the file and doing the whole job; peak RSS is the child process\'s.');
  out.push('CPU ms: CPU time of the process (user + system, all threads) per run, steadier than wall time on a busy machine.');
  out.push('* fewer than the usual runs: a slow peer at 100,000 measures stops after ~20 s of timed runs.');
  const load = Math.max(loadAtStart[0], os.loadavg()[0], os.loadavg()[1]);
  if (load > os.cpus().length * 0.75) out.push(`NOTE: the machine was busy (load ${load.toFixed(1)} on ${os.cpus().length} cores): wall times are inflated and noisy; compare the CPU column.`);
  for (const input of inputs) out.push('', ...formatInput(input, byInput[input.name]));
  out.push('', 'targets (issue 6):');
  for (const t of targets) out.push(`  ${t.met === null ? '  ?    ' : t.met ? '  met  ' : 'NOT met'}  ${t.target.padEnd(64)} ${t.measured}`);
  const startupTable = startupTargets(startup);
  if (startup !== undefined) out.push('', ...formatStartup(startup), '', 'targets (issue 15, start-up):');
  for (const t of startupTable) out.push(`  ${t.met === null ? '  ?    ' : t.met ? '  met  ' : 'NOT met'}  ${t.target.padEnd(64)} ${t.measured}`);
  if (similarity) out.push('', 'near-duplicate index alone (bench/similarity.ts, its own inputs):', ...(similarity.error ? [`  failed: ${similarity.error}`] : similarity.lines.map((l) => `  ${l}`)));
  if (planted) out.push('', 'near-duplicates on planted pairs (bench/planted.ts):', ...(planted.error ? [`  failed: ${planted.error}`] : planted.lines.filter((l) => !/^\s*(NOT met|met)\s/.test(l)).map((l) => `  ${l}`)));
  const nearTargets = nearDuplicateTargets(planted, similarity);
  out.push('', 'targets (issue 15: near-duplicates by word forms, bounded work):');
  for (const t of nearTargets) out.push(`  ${t.met === null ? '  ?    ' : t.met ? '  met  ' : 'NOT met'}  ${t.target.padEnd(64)} ${t.measured}`);
  if (responsive) {
    // Its own lines without its targets (printed below with the others).
    const figures = responsive.error ? ['responsiveness (bench/responsive.mjs):', `  failed: ${responsive.error}`] : responsive.lines.filter((l) => !/^\s*(NOT met|met|\?)\s/.test(l) && !l.startsWith('targets ('));
    while (figures.length > 0 && figures[figures.length - 1].trim() === '') figures.pop();
    out.push('', ...figures);
    out.push('', 'targets (issue 15, responsiveness and memory):');
    for (const t of responsive.json?.targets ?? [{ target: 'bench/responsive.mjs', measured: responsive.error ?? 'no figures', met: null }]) out.push(`  ${t.met === null ? '  ?    ' : t.met ? '  met  ' : 'NOT met'}  ${t.target.padEnd(64)} ${t.measured}`);
  }
  for (const p of profiles) out.push('', `profile of the full check, ${p.input} measures${p.profile ? ` (${p.profile})` : ''}:`, ...(p.error ? [`  failed: ${p.error}`] : p.text.split('\n').map((l) => `  ${l}`)));
  out.push('', `bench: ${((performance.now() - started) / 1000).toFixed(0)} s; results in bench/results.json`);
  process.stdout.write(out.join('\n') + '\n');

  const results = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpu: { model: os.cpus()[0]?.model, count: os.cpus().length },
    loadavg: { start: loadAtStart, end: os.loadavg() },
    quick: Boolean(options.quick),
    inputs: inputs.map((i) => ({ name: i.name, title: i.title, programme: path.relative(root, i.programme), markdown: path.relative(root, i.markdown), programmeBytes: i.programmeBytes, markdownBytes: i.markdownBytes, facts: i.facts })),
    results: byInput,
    ratios: Object.fromEntries(inputs.map((i) => [i.name, Object.fromEntries(RATIOS.map(([a, b, label]) => [label, ratio(byInput[i.name], a, b) ?? null]))])),
    targets,
    startup,
    startupTargets: startupTable,
    nearDuplicateTargets: nearTargets,
    similarity,
    planted,
    responsive: responsive?.json ?? responsive,
    profiles: profiles.map(({ text, ...rest }) => rest),
  };
  fs.writeFileSync(path.join(here, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  process.exitCode = failed ? 1 : 0;
}

main().catch((error) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
