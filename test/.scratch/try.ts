import { readFileSync } from 'node:fs';
import { analyse } from '../../server/src/rules/index';
import { printedDraft, lineNumbersOfBlocks } from '../../server/src/amendments/lines';
const text = readFileSync(process.argv[2], 'utf8');
const p = analyse(text).programme;
const d = printedDraft(p, { width: Number(process.argv[3] ?? 80) });
console.log(d.fingerprint, d.lines.length);
for (const l of d.lines) console.log(String(l.number).padStart(4), l.text.padEnd(d.width), '|', l.break, JSON.stringify(text.slice(l.source.start, l.source.end)).slice(0, 60));
console.log(lineNumbersOfBlocks(d).slice(0, 5));
