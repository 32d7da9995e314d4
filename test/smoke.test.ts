import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyse } from '../server/src/rules/index';

describe('the bundled example', () => {
  it('has 5 pillars with 8, 8, 8, 7 and 7 measures and no errors or warnings', () => {
    const { programme, diagnostics } = analyse(readFileSync('examples/lokalvalget-2023.programme', 'utf8'));
    assert.deepEqual(programme.pillars.map((p) => p.measures.length), [8, 8, 8, 7, 7]);
    assert.deepEqual(diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning'), []);
  });
});
