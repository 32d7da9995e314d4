// The import's speed (issue 13: a 700 KB text or a 180-page PDF imports in under 3 s): whole
// `programme import` runs, as a user starts them, on a generated 700 KB laid-out text (pages with a
// running footer and page numbers, columns of bullets, wrapped and hyphenated lines) and, when
// ../shared/real-inputs/ is there, on its largest PDF. Median of 5 runs after one warm-up.
//
// Usage: node bench/import.mjs [--runs N]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'server', 'bin', 'programme.cjs');
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const scratch = mkdtempSync(path.join(tmpdir(), 'programme-bench-import-'));

/** A laid-out Norwegian programme of about `bytes` bytes, as pdftotext writes one (form feeds between pages). */
function generate(bytes) {
  const words = ['kommunen', 'skal', 'styrke', 'tilbudet', 'for', 'barn', 'og', 'unge', 'i', 'hele', 'fylket', 'bygge', 'flere', 'boliger', 'med', 'god', 'kvalitet', 'sikre', 'arbeidsplasser', 'lokalt', 'nærings-', 'livet', 'grønn', 'omstilling'];
  let seed = 1;
  const pick = () => words[(seed = (seed * 1103515245 + 12345) % 2147483648) % words.length];
  const sentence = (n) => {
    const w = Array.from({ length: n }, pick).join(' ').replace(/- /g, '');
    return w[0].toUpperCase() + w.slice(1) + '.';
  };
  const pages = [];
  let size = 0;
  let chapter = 0;
  let measure = 0;
  while (size < bytes) {
    const lines = [];
    if (pages.length % 6 === 0) {
      lines.push(`${++chapter}. Kapittel ${chapter}`, '');
      measure = 0;
    }
    lines.push(sentence(14), sentence(12), '', 'Partiet vil:', '•', '•', '•', '', sentence(9), sentence(11), sentence(8), '');
    for (let m = 1; m <= 8; m++) lines.push(`${++measure}. ${sentence(10)}`);
    lines.push('', `Eksempelpartiet – program 2027–2031        ${pages.length + 1}`);
    const page = lines.join('\n');
    pages.push(page);
    size += Buffer.byteLength(page);
  }
  return pages.join('\n\f');
}

/** Median wall time in seconds of `runs` imports of `file`, after one warm-up. */
function time(file) {
  const times = [];
  for (let i = 0; i <= runs; i++) {
    const started = process.hrtime.bigint();
    const r = spawnSync('node', [cli, 'import', file, '-o', path.join(scratch, 'out.programme'), '--force'], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 28 });
    if (r.status !== 0 && r.status !== 1) throw new Error(`import failed: ${r.stderr}`);
    if (i > 0) times.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const text = path.join(scratch, 'generated-700k.txt');
writeFileSync(text, generate(700_000));
const inputs = [[`generated text, ${Math.round(statSync(text).size / 1000)} KB`, text]];
const real = path.join(root, '..', 'shared', 'real-inputs');
if (existsSync(real)) {
  const pdfs = readdirSync(real).filter((f) => f.endsWith('.pdf')).map((f) => path.join(real, f));
  // The largest file, and the longest (Partiet Sentrum's 180 pages), when they are there.
  const largest = pdfs.sort((a, b) => statSync(b).size - statSync(a).size)[0];
  if (largest) inputs.push([`${path.basename(largest)}`, largest]);
  const longest = pdfs.find((f) => f.includes('sentrum'));
  if (longest && longest !== largest) inputs.push([`${path.basename(longest)} (180 pages)`, longest]);
}
console.log(`import bench — median of ${runs} whole runs (node, reading, clean-up, dictionary, structure, check of the result)`);
for (const [name, file] of inputs) {
  const s = time(file);
  console.log(`  ${name.padEnd(44)} ${s.toFixed(2)} s  ${s < 3 ? 'met' : 'NOT met'} (< 3 s)`);
}
