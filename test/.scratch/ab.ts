import { generate } from '../../bench/generate.mjs';
import { analyse } from '../../server/src/rules/index';
import { publication } from '../../server/src/export/document';
import * as NEW from '../../server/src/amendments/lines';
import * as OLD from './lines_old';
const text = generate(10000).programme;
const p = analyse(text).programme;
const pub = publication(p);
const a: number[] = [], b: number[] = [];
for (let k = 0; k < 15; k++) {
  let t = performance.now(); const x = OLD.draftLayout(p, pub, {}); a.push(performance.now() - t);
  t = performance.now(); const y = NEW.draftLayout(p, pub, {}); b.push(performance.now() - t);
  if (k === 0 && JSON.stringify(x.draft) !== JSON.stringify(y.draft)) throw new Error('drafts differ');
  if (k === 0 && JSON.stringify(x.runs) !== JSON.stringify(y.runs)) throw new Error('runs differ');
}
const med = (x: number[]) => x.sort((u, v) => u - v)[7].toFixed(0);
console.log(`10,000 measures (${text.length} chars), draftLayout with pieces, 15 alternating runs: before median ${med(a)} ms (min ${a[0].toFixed(0)}), after median ${med(b)} ms (min ${b[0].toFixed(0)})`);
