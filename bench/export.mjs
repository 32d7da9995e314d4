// The export's speed (issue 14: the 10,000-measure bench document exports to HTML in under 1 s).
/**
 * Two views of one export, on bench/inputs/generated-10000.programme (bench/generate.mjs; written here
 * when `npm run bench` has not written it yet):
 *
 * 1. In process, from the bundle `bench/dist/export.cjs` (built here with esbuild from the server's
 *    sources, as the CLI is bundled): the text read into a programme (parse + model, no checking),
 *    `publication()` (export/document.ts), the full check that the CLI runs first (for its error
 *    report), each writer on its own, the printed draft with its line numbers (amendments/lines.ts) and
 *    the HTML that prints them, and the whole way from the text to each format (read +
 *    publication + writer), which is what the issue's target is about. Word is
 *    timed only when its writer is written (a stub's empty output is skipped, and said so).
 * 2. The whole `programme export FILE --to html -o OUT` as a user starts it (server/bin/programme.cjs):
 *    Node's start, reading the file, the full check (its errors go to standard error), the export and
 *    writing the file.
 *
 * Each figure is the median of 5 runs (`--runs N`) after one warm-up, with the fastest run beside it;
 * in process, a garbage
 * collection runs before each run (outside the timing) when node runs with `--expose-gc`, as
 * `npm run bench` starts it.
 *
 * Usage: node --expose-gc bench/export.mjs [--runs N]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { generate } from './generate.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const cli = path.join(root, 'server', 'bin', 'programme.cjs');
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const MEASURES = 10_000;
const TARGET_S = 1;
const input = path.join(here, 'inputs', `generated-${MEASURES}.programme`);
const scratch = mkdtempSync(path.join(tmpdir(), 'programme-bench-export-'));
const gc = globalThis.gc ?? (() => {});

if (!existsSync(input)) {
  mkdirSync(path.dirname(input), { recursive: true });
  writeFileSync(input, generate(MEASURES).programme);
}

// The bundle: what the CLI's export runs, bundled the way the CLI is (scripts/build.mjs).
const bundle = path.join(here, 'dist', 'export.cjs');
await build({
  stdin: {
    contents: [
      "export { analyseText } from '../server/src/model/reading';",
      "export { analyse } from '../server/src/rules/index';",
      "export { publication } from '../server/src/export/document';",
      "export { renderHtml } from '../server/src/export/html';",
      "export { renderMarkdown } from '../server/src/export/markdown';",
      "export { renderJson } from '../server/src/export/json';",
      "export { renderDocx } from '../server/src/export/docx';",
      "export { draftLayout } from '../server/src/amendments/lines';",
    ].join('\n'),
    resolveDir: here,
    sourcefile: 'export-bench-entry.ts',
    loader: 'ts',
  },
  outfile: bundle,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
  absWorkingDir: root,
  // As in scripts/build.mjs: jsonc-parser's UMD "main" does not bundle; its ES module build does.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
});
const ours = createRequire(import.meta.url)(bundle);

/** Median and fastest seconds of `runs` calls of `fn` (sync or async) after one warm-up, and its last result. */
async function time(fn) {
  const times = [];
  let result;
  for (let i = 0; i <= runs; i++) {
    gc();
    const started = process.hrtime.bigint();
    result = await fn();
    if (i > 0) times.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
  times.sort((a, b) => a - b);
  return { s: times[Math.floor(times.length / 2)], fastest: times[0], result };
}

/** One figure: the median, the fastest run in brackets (what a quiet machine comes near), and `extra`. */
const row = (name, t, extra = '') => console.log(`  ${name.padEnd(54)} ${t.s.toFixed(2)} s (fastest ${t.fastest.toFixed(2)} s)${extra ? `  ${extra}` : ''}`);
const verdict = (s) => `${s < TARGET_S ? 'met' : 'NOT met'} (< ${TARGET_S} s)`;

const text = readFileSync(input, 'utf8');
console.log(`export bench — ${MEASURES.toLocaleString('en')} measures (${path.relative(root, input)}, ${Math.round(statSync(input).size / 1000)} KB), median of ${runs} runs after one warm-up`);
// The machine may be shared: a load average well above its cores slows every figure below (the
// fastest run of each is printed beside its median for that reason; the targets judge the median).
console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${cpus().length} cores`);
console.log('in process (bench/dist/export.cjs):');
const read = await time(() => ours.analyseText(text));
row('read: parse + model (no checking)', read);
const programme = read.result;
const pub = await time(() => ours.publication(programme));
row('publication (export/document.ts)', pub);
row('full check (what the CLI runs first, for its report)', await time(() => ours.analyse(text, { rules: { 'similar-measures': 'off' } })));
const writers = [
  ['HTML', (p) => ours.renderHtml(p)],
  ['Markdown', (p) => ours.renderMarkdown(p)],
  ['JSON', (p) => `${JSON.stringify(ours.renderJson(p, programme), null, 2)}\n`],
  ['Word (docx)', (p) => ours.renderDocx(p)],
];
const written = [];
for (const [name, write] of writers) {
  const w = await time(() => write(pub.result));
  const size = typeof w.result === 'string' ? Buffer.byteLength(w.result) : w.result.length;
  if (size === 0) {
    console.log(`  ${`${name} writer`.padEnd(54)} skipped: not written yet (its stub's output is empty)`);
    continue;
  }
  row(`${name} writer`, w, `${Math.max(1, Math.round(size / 1000)).toLocaleString('en')} KB`);
  written.push([name, write]);
}
// The congress's draft (issue 16): the printed lines, and the HTML that prints them in the margin.
const layout = await time(() => ours.draftLayout(programme, pub.result));
row('printed draft (amendments/lines.ts draftLayout)', layout, `${layout.result.draft.lines.length.toLocaleString('en')} lines`);
const numbered = await time(() => ours.renderHtml(pub.result, { lineNumbers: layout.result }));
row('HTML writer with --line-numbers', numbered, `${Math.round(Buffer.byteLength(numbered.result) / 1000).toLocaleString('en')} KB`);
for (const [name, write] of written) {
  const whole = await time(() => write(ours.publication(ours.analyseText(text))));
  row(`text → ${name} (read + publication + writer)`, whole, name === 'HTML' ? verdict(whole.s) : '');
}

console.log('whole run, as a user starts it (node, reading, full check, export, writing):');
const out = path.join(scratch, 'out.html');
const cliRun = await time(() => {
  const r = spawnSync(process.execPath, [cli, 'export', input, '--to', 'html', '-o', out], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  // 1: exported, and the bench document's planted slips are reported.
  if (r.status !== 0 && r.status !== 1) throw new Error(`programme export failed (exit ${r.status}): ${r.stderr}`);
});
row('programme export --to html -o …', cliRun, verdict(cliRun.s));
