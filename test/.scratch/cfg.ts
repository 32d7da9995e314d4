import { validateConfig, parseConfigText } from '../../server/src/model/config';
import { analyse } from '../../server/src/rules/index';
for (const v of [{ lineWidth: 5 }, { lineWidth: 'x' }, { lineWidth: 80.5 }, { lineNumbering: 'pilar' }, { lineWidth: 70, lineNumbering: 'pillar' }]) console.log(JSON.stringify(validateConfig(v)));
for (const t of ['---\ntitle: X\nlineWidth: 5\n---\n', '---\ntitle: X\nlineWidth: tja\n---\n', '---\ntitle: X\nlinewidth: 70\n---\n', '---\ntitle: X\nlineWidth: 70\n---\n']) console.log(analyse(t).diagnostics.map((d) => d.code + ': ' + d.message));
