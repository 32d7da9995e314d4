import { generate } from '../../bench/generate.mjs';
import { analyse } from '../../server/src/rules/index';
import { publication } from '../../server/src/export/document';
import { draftLayout, lineNumbersOfBlocks } from '../../server/src/amendments/lines';
const text = generate(10000).programme;
const p = analyse(text).programme;
const pub = publication(p);
const a: number[] = [], b: number[] = [];
for (let k = 0; k < 9; k++) {
  let t = performance.now(); draftLayout(p, pub, {}, true); a.push(performance.now() - t);
  t = performance.now(); lineNumbersOfBlocks(draftLayout(p, pub, {}, false).draft); b.push(performance.now() - t);
}
const med = (x: number[]) => x.sort((u, v) => u - v)[4].toFixed(0);
console.log(`10,000 measures (${text.length} chars): layout with pieces median ${med(a)} ms (min ${a[0].toFixed(0)}), draft + lineNumbersOfBlocks median ${med(b)} ms (min ${b[0].toFixed(0)})`);
