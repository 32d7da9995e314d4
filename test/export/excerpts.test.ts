/**
 * The excerpts of the example's export in the documentation are the export's output, not invented: each
 * fenced block whose info string names the output (```` ```markdown lokalvalget-2023.md ````, ```` ```json
 * lokalvalget-2023.json ````) is made of runs of lines that stand, in that order and each run whole, in
 * what `programme export` writes for examples/lokalvalget-2023.programme; a line `…` stands for lines
 * left out. The excerpts are in docs/export.md.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import MarkdownIt from 'markdown-it';
import { analyse } from '../../server/src/rules/index';
import { exportProgramme, type ExportFormat } from '../../server/src/export/index';
import { missingRun } from '../excerpt';

const root = (file: string) => fileURLToPath(new URL(`../../${file}`, import.meta.url));
const OUTPUTS: Record<string, ExportFormat> = { 'lokalvalget-2023.md': 'md', 'lokalvalget-2023.json': 'json' };

describe('export: the documentation shows the example as exported', () => {
  const pages = ['docs/export.md'].map(root).filter((f) => existsSync(f));

  it('every excerpt of lokalvalget-2023.md and lokalvalget-2023.json is the export, line for line', async () => {
    const text = analyse(readFileSync(root('examples/lokalvalget-2023.programme'), 'utf8')).programme;
    const checked = new Set<string>();
    for (const page of pages) {
      const fences = new MarkdownIt('commonmark').parse(readFileSync(page, 'utf8'), {}).filter((t) => t.type === 'fence');
      for (const fence of fences) {
        const name = fence.info.trim().split(/\s+/)[1];
        const format = name !== undefined ? OUTPUTS[name] : undefined;
        if (format === undefined) continue;
        const output = await exportProgramme(text, format);
        assert.ok('text' in output);
        const missing = missingRun(fence.content.replace(/\n$/, '').split('\n'), output.text.split('\n'));
        assert.equal(missing, undefined, `${name}: the excerpt's lines from "${missing}" are not the export's (at line ${(fence.map?.[0] ?? 0) + 1} of ${page})`);
        checked.add(name);
      }
    }
    assert.deepEqual([...checked].sort(), ['lokalvalget-2023.json', 'lokalvalget-2023.md']);
  });
});
