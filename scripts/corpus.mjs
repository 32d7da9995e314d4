// `npm run corpus`: imports every real programme in ../shared/real-inputs/ (PDF and Markdown; not
// in the repository, and not in `npm test`: they are third-party documents) and prints a table:
// chapters, measures per chapter, errors after import, items in the report, seconds. Each PDF is
// also imported as pdftotext makes its text, with and without -layout (when pdftotext is installed),
// as most users would paste it.
//
// Usage: npm run corpus [-- FOLDER] [--json]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const json = args.includes('--json');
const folder = path.resolve(args.find((a) => !a.startsWith('--')) ?? path.join(root, '..', 'shared', 'real-inputs'));
const cli = path.join(root, 'server', 'bin', 'programme.cjs');

if (!existsSync(folder)) {
  console.error(`corpus: ${folder} does not exist; name the folder of real inputs: npm run corpus -- FOLDER`);
  process.exit(2);
}
if (!existsSync(path.join(root, 'server', 'dist', 'cli.cjs'))) execFileSync('node', [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });

const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;
const scratch = mkdtempSync(path.join(tmpdir(), 'programme-corpus-'));

/** Imports one file; its row of the table. */
function importOne(file, shown, from) {
  const started = process.hrtime.bigint();
  const run = spawnSync('node', [cli, 'import', file, '--report', 'json', ...(from ? ['--from', from] : [])], { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, LANG: 'en_US.UTF-8' } });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  let report;
  try {
    report = JSON.parse(run.stderr);
  } catch {
    return { input: shown, failed: (run.stderr || run.stdout).split('\n')[0].slice(0, 120), seconds };
  }
  return {
    input: shown,
    lang: report.lang,
    chapters: report.pillars.length,
    measures: report.pillars.map((p) => p.measures),
    errors: report.diagnostics.filter((d) => d.severity === 'error').length,
    warnings: report.diagnostics.filter((d) => d.severity === 'warning').length,
    review: report.notes.filter((n) => n.review).length,
    cleaned: report.notes.filter((n) => !n.review).length,
    seconds,
  };
}

const rows = [];
for (const name of readdirSync(folder).sort()) {
  const file = path.join(folder, name);
  if (/^readme/i.test(name)) continue;
  if (/\.(md|markdown|mdown|docx|txt)$/i.test(name)) rows.push(importOne(file, name));
  else if (/\.pdf$/i.test(name)) {
    rows.push(importOne(file, name));
    if (hasPdftotext) {
      for (const layout of [false, true]) {
        const txt = path.join(scratch, name.replace(/\.pdf$/i, layout ? '.layout.txt' : '.txt'));
        writeFileSync(txt, execFileSync('pdftotext', [...(layout ? ['-layout'] : []), file, '-'], { maxBuffer: 1 << 28 }));
        rows.push(importOne(txt, `${name} (pdftotext${layout ? ' -layout' : ''})`, 'text'));
      }
    }
  }
}

if (json) console.log(JSON.stringify(rows, null, 2));
else {
  const head = ['input', 'lang', 'chapters', 'measures per chapter', 'errors', 'warnings', 'review', 'cleaned', 's'];
  const table = rows.map((r) =>
    r.failed
      ? [r.input, '', '', `FAILED: ${r.failed}`, '', '', '', '', r.seconds.toFixed(2)]
      : [r.input, r.lang ?? '?', String(r.chapters), summarise(r.measures), String(r.errors), String(r.warnings), String(r.review), String(r.cleaned), r.seconds.toFixed(2)],
  );
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
  const line = (cells) => cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  console.log(line(head));
  for (const t of table) console.log(line(t));
}

/** Measures per chapter, shortened: "8 8 8 7 7 (38)". */
function summarise(measures) {
  const total = measures.reduce((a, b) => a + b, 0);
  const shown = measures.length > 14 ? [...measures.slice(0, 12), '…', measures[measures.length - 1]] : measures;
  return `${shown.join(' ')} (${total})`;
}
