import * as fs from 'node:fs';
import { parse } from '../../server/src/syntax/index';
import { readProgramme } from '../../server/src/model/reading';
import { RULE_FAMILIES } from '../../server/src/rules/index';
const text = fs.readFileSync(process.argv[2], 'utf8');
let t = performance.now();
const tree = parse(text); console.log('parse', (performance.now() - t) | 0); t = performance.now();
const p = readProgramme(tree, {}); console.log('read', (performance.now() - t) | 0, p.measures.length);
for (const [name, f] of Object.entries(RULE_FAMILIES)) { t = performance.now(); const d = f(p, {}); console.log(name, (performance.now() - t) | 0, d.length); }
