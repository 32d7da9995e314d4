import { generate } from '../../bench/generate.mjs';
import { analyse } from '../../server/src/rules/index';
import { publication } from '../../server/src/export/document';
import { draftLayout, lineNumbersOfBlocks } from '../../server/src/amendments/lines';
for (const n of [1000, 10000]) {
  const text = generate(n).programme;
  const p = analyse(text).programme;
  const pubT: number[] = [], drT: number[] = [];
  let lines = 0;
  for (let k = 0; k < 7; k++) {
    let t = performance.now();
    const pub = publication(p);
    pubT.push(performance.now() - t);
    t = performance.now();
    const d = draftLayout(p, pub).draft;
    lineNumbersOfBlocks(d);
    drT.push(performance.now() - t);
    lines = d.lines.length;
  }
  const med = (a: number[]) => a.sort((x, y) => x - y)[3].toFixed(1);
  console.log(`${n} measures, ${text.length} chars, ${lines} lines: publication median ${med(pubT)} ms, draft+blocks median ${med(drT)} ms`);
}
