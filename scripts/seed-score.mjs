// How close the import of the seed (Arbeiderpartiet's 2023 programme as OCR'd text) comes to our
// hand-mended version, examples/lokalvalget-2023.programme: of the mended words that the OCR text has
// wrong (or split, or joined), the share that the import gets right. Issue 13 asks for at least 85 %.
//
// Usage: node scripts/seed-score.mjs [SEED] (default ../shared/seeds/000_70972d1c93c1b1e2.txt)
import { diffArrays } from 'diff';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const seed = path.resolve(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? path.join(root, '..', 'shared', 'seeds', '000_70972d1c93c1b1e2.txt'));
const mended = readFileSync(path.join(root, 'examples', 'lokalvalget-2023.programme'), 'utf8');
const imported = execFileSync('node', [path.join(root, 'server', 'bin', 'programme.cjs'), 'import', seed], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

/** The words of a programme's content: no front matter, comments, labels, references or numbers. */
function words(text) {
  const body = text.replace(/^---\n[\s\S]*?\n---\n/, '');
  return body
    .split('\n')
    .filter((l) => !/^\s*\/\//.test(l))
    .join(' ')
    // Our hand-written additions: labels, and references with their "(Se også …)".
    .replace(/\(Se også[^)]*\]\]\.?\)/g, ' ')
    .replace(/\{#[^}]*\}|\[\[[^\]]*\]\]/g, ' ')
    .match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)
    ?.filter((w) => !/^\d+$/.test(w)) ?? [];
}

/** The indexes of `a`'s words that `b` has too, in order (a longest common subsequence, from `diff`). */
function common(a, b) {
  const kept = new Set();
  let i = 0;
  for (const part of diffArrays(a, b)) {
    if (part.removed) i += part.count;
    else if (!part.added) for (let k = 0; k < part.count; k++) kept.add(i++);
  }
  return kept;
}

const want = words(mended);
const ocr = words(readFileSync(seed, 'utf8'));
const got = words(imported);
const ocrRight = common(want, ocr);
const importRight = common(want, got);
const differing = want.map((_, i) => i).filter((i) => !ocrRight.has(i));
const mendedNow = differing.filter((i) => importRight.has(i));
const broken = [...ocrRight].filter((i) => !importRight.has(i));
console.log(`words of the mended programme: ${want.length}`);
console.log(`of them wrong in the OCR text: ${differing.length}`);
console.log(`of those, right after the import: ${mendedNow.length} (${((100 * mendedNow.length) / Math.max(1, differing.length)).toFixed(1)} %)`);
console.log(`right in the OCR text but wrong after the import: ${broken.length}${broken.length > 0 ? ': ' + broken.slice(0, 20).map((i) => want[i]).join(', ') : ''}`);
const still = differing.filter((i) => !importRight.has(i)).map((i) => want[i]);
if (process.argv.includes('--list') || still.length <= 40) console.log(`still wrong: ${still.join(', ')}`);
