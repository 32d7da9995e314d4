// One benchmark child process: runs one tool on one file (warm-up, then timed runs) and prints JSON.
/**
 * `node --expose-gc bench/worker.mjs --tool TOOL --file FILE [--runs N] [--warmup W] [--budget-ms B]`
 *
 * bench/run.mjs starts one of these per tool and input, so that the peak resident set size
 * (`process.resourceUsage().maxRSS`) belongs to that tool alone. Every run, warm-up or timed, does the
 * whole job from the file on disk: read it as UTF-8, then the tool's work (see {@link TOOLS}). A garbage
 * collection runs between runs (outside the timing) when `--expose-gc` is given.
 *
 * Runs: `W` warm-up runs, then timed runs until `N` are done, or `B` milliseconds of timed runs have
 * passed (at least one timed run always happens), and then on (up to 100 runs) until `--min-ms` of
 * runs are timed, so that small inputs get enough runs for a steady median. A warm-up run that takes
 * over 5 s (the slow peers at 100,000 measures) counts as a timed run instead: compiling the code is
 * a negligible share of it. Slow peers thus get fewer runs, and the output lists every run.
 *
 * Output: one line of JSON on standard output: `{ tool, file, bytes, runs: number[] (wall ms), cpuRuns
 * (CPU ms), warmupRuns, medianMs, cpuMedianMs, baselineRssKB, maxRssKB, result }`, `result` being a small summary of what the tool found
 * (diagnostic counts by code, symbol counts), so a reader can see that each tool did the work.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Command } from 'commander';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** The median of `values` (undefined for none). */
export function median(values) {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Counts of `items` by `key(item)`. */
function countBy(items, key) {
  const out = {};
  for (const item of items) {
    const k = key(item);
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

/** The number of symbols in a `DocumentSymbol[]` tree. */
function countSymbols(symbols) {
  let n = 0;
  for (const s of symbols) n += 1 + countSymbols(s.children ?? []);
  return n;
}

/**
 * The floor: read the file, split it into lines, test one regular expression per line, and check
 * that pillar numbers (`# N.`) and measure numbers (`N.`) are sequential. It knows nothing of front
 * matter, continuation lines, labels or references; it is what merely reading the bytes costs.
 */
export function floor(text) {
  const lines = text.split(/\r?\n/);
  const numbered = /^(#[ \t]+)?(\d+)[.)][ \t]/;
  let pillar = 0;
  let measure = 0;
  let slips = 0;
  for (const line of lines) {
    const m = numbered.exec(line);
    if (m === null) continue;
    const n = Number(m[2]);
    if (m[1] !== undefined) {
      if (n !== pillar + 1) slips++;
      pillar = n;
      measure = 0;
    } else {
      if (n !== measure + 1) slips++;
      measure = n;
    }
  }
  return { lines: lines.length, slips };
}

/** Loads the bench bundle of our analysis (built by bench/run.mjs). */
function ours() {
  return require(path.join(here, 'dist', 'ours.cjs'));
}

/** A minimal vscode-markdown-languageservice set-up in Node: markdown-it as the parser, one document. */
async function markdownService() {
  const { createLanguageService, githubSlugifier, DiagnosticLevel } = await import('vscode-markdown-languageservice');
  const { default: MarkdownIt } = await import('markdown-it');
  const { TextDocument } = await import('vscode-languageserver-textdocument');
  const { URI } = await import('vscode-uri');
  const { Emitter, CancellationTokenSource } = await import('vscode-languageserver-protocol');
  const md = new MarkdownIt('commonmark');
  const parser = { slugifier: githubSlugifier, tokenize: async (doc) => md.parse(doc.getText(), {}) };
  const changed = new Emitter();
  let current;
  const workspace = {
    workspaceFolders: [URI.file('/bench')],
    onDidChangeMarkdownDocument: changed.event,
    onDidCreateMarkdownDocument: new Emitter().event,
    onDidDeleteMarkdownDocument: new Emitter().event,
    getAllMarkdownDocuments: async () => (current ? [current] : []),
    hasMarkdownDocument: (uri) => current !== undefined && uri.toString() === current.uri,
    openMarkdownDocument: async (uri) => (current !== undefined && uri.toString() === current.uri ? current : undefined),
    stat: async (uri) => (current !== undefined && uri.toString() === current.uri ? { isDirectory: false } : undefined),
    readDirectory: async () => [],
  };
  const logger = { level: 0, log: () => {} };
  const service = createLanguageService({ workspace, parser, logger });
  const token = new CancellationTokenSource().token;
  const uri = URI.file('/bench/programme.md').toString();
  let version = 0;
  /** Each run is a new version of the document, as after a keystroke: the service's caches are reset. */
  const load = (text) => {
    current = TextDocument.create(uri, 'markdown', ++version, text);
    changed.fire(current);
    return current;
  };
  // As VS Code's `markdown.validate.*` settings when validation is turned on.
  const options = {
    validateReferences: DiagnosticLevel.warning,
    validateFragmentLinks: DiagnosticLevel.warning,
    validateFileLinks: DiagnosticLevel.warning,
    validateMarkdownFileLinkFragments: DiagnosticLevel.warning,
    validateUnusedLinkDefinitions: DiagnosticLevel.hint,
    validateDuplicateLinkDefinitions: DiagnosticLevel.warning,
    ignoreLinks: [],
  };
  return { service, token, load, options };
}

/**
 * The tools: each is `async (file) => setup`, where `setup(text)` does one run's work on the file's
 * text and returns a summary of its result. Reading the file is part of every run (see {@link runOnce}).
 */
export const TOOLS = {
  /** Ours: the syntax tree alone (`parse`). */
  'ours.parse': async () => {
    const { parse } = ours();
    return (text) => ({ syntaxDiagnostics: parse(text).diagnostics.length });
  },
  /** Ours: the full check, as `programme check` and the server do it (`analyse`: parse, model, every rule). */
  'ours.check': async () => {
    const { analyse } = ours();
    return (text) => {
      const a = analyse(text);
      return { measures: a.programme.measures.length, diagnostics: countBy(a.diagnostics, (d) => d.code) };
    };
  },
  /** Ours: document symbols from the text (parse, model, outline; no rules). */
  'ours.symbols': async () => {
    const { analyseText, documentSymbols } = ours();
    return (text) => ({ symbols: countSymbols(documentSymbols(analyseText(text))) });
  },
  /** markdownlint with only MD029 (ordered list numbering) and MD024 (duplicate headings). */
  markdownlint: async () => {
    const { lint } = await import('markdownlint/promise');
    const config = { default: false, MD029: true, MD024: true };
    return async (text) => {
      const results = await lint({ strings: { doc: text }, config });
      return { diagnostics: countBy(results.doc, (r) => r.ruleNames[0]) };
    };
  },
  /** vscode-markdown-languageservice: document symbols (headings). */
  'md.symbols': async () => {
    const { service, token, load } = await markdownService();
    return async (text) => ({ symbols: countSymbols(await service.getDocumentSymbols(load(text), { includeLinkDefinitions: false }, token)) });
  },
  /** vscode-markdown-languageservice: link diagnostics (links to headings that do not exist, …). */
  'md.links': async () => {
    const { service, token, load, options } = await markdownService();
    return async (text) => ({ diagnostics: countBy(await service.computeDiagnostics(load(text), options, token), (d) => d.code) });
  },
  /** The floor (see {@link floor}). */
  floor: async () => (text) => floor(text),
};

/** A warm-up run longer than this (ms) counts as a timed run instead. */
const SLOW_MS = 5000;

/**
 * One run: read the file and do the work. Returns the wall time in ms, the CPU time of the process in
 * ms (user + system, all threads: steadier than wall time on a busy machine, but it also counts the
 * garbage collector's helper threads) and the result summary.
 */
async function runOnce(work, file) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const text = fs.readFileSync(file, 'utf8');
  const result = await work(text);
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, result };
}

async function main() {
  const options = new Command('worker')
    .requiredOption('--tool <tool>', `one of ${Object.keys(TOOLS).join(', ')}`)
    .requiredOption('--file <file>', 'the input file')
    .option('--runs <n>', 'timed runs', (v) => Number.parseInt(v, 10), 5)
    .option('--warmup <n>', 'warm-up runs', (v) => Number.parseInt(v, 10), 2)
    .option('--budget-ms <ms>', 'stop timed runs after this much time (at least one run)', (v) => Number(v), Infinity)
    .option('--min-ms <ms>', 'go on with timed runs (up to 100) until this much time is timed', (v) => Number(v), 0)
    .parse(process.argv)
    .opts();
  const setup = TOOLS[options.tool];
  if (setup === undefined) throw new Error(`Unknown tool "${options.tool}": use one of ${Object.keys(TOOLS).join(', ')}.`);
  const gc = globalThis.gc ?? (() => {});
  const work = await setup(options.file);
  gc();
  const baselineRssKB = process.resourceUsage().maxRSS;
  let warmupRuns = 0;
  let result;
  const runs = [];
  const cpuRuns = [];
  let spent = 0;
  for (let i = 0; i < options.warmup; i++) {
    const r = await runOnce(work, options.file);
    result = r.result;
    gc();
    if (r.ms > SLOW_MS) {
      // A run this long is not skewed by compiling the code: it counts as a timed run.
      runs.push(r.ms);
      cpuRuns.push(r.cpuMs);
      spent += r.ms;
      break;
    }
    warmupRuns++;
  }
  const more = () => runs.length < options.runs ? runs.length === 0 || spent < options.budgetMs : spent < options.minMs && runs.length < 100;
  while (more()) {
    const r = await runOnce(work, options.file);
    runs.push(r.ms);
    cpuRuns.push(r.cpuMs);
    spent += r.ms;
    result = r.result;
    gc();
  }
  process.stdout.write(
    JSON.stringify({
      tool: options.tool,
      file: path.relative(process.cwd(), options.file),
      bytes: fs.statSync(options.file).size,
      runs,
      cpuRuns,
      warmupRuns,
      medianMs: median(runs),
      cpuMedianMs: median(cpuRuns),
      baselineRssKB,
      maxRssKB: process.resourceUsage().maxRSS,
      result,
    }) + '\n',
  );
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    process.stderr.write(`bench worker: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
