const ours = require('../../bench/dist/export.cjs');
const fs = require('fs');
const text = fs.readFileSync('../../bench/inputs/generated-10000.programme', 'utf8');
const p = ours.analyseText(text);
const pub = ours.publication(p);
for (let i = 0; i < 6; i++) ours.draftLayout(p, pub);
