import assert from 'node:assert/strict';
import type { InlayHint } from 'vscode-languageserver-types';
import { inlayHints } from '../../server/src/features/inlayHints';
import { SAMPLE, positionOf, programmeOf, range } from './cursor';

/** Position and label of each hint, as `line:char label`. */
function summary(hints: InlayHint[]): string[] {
  return hints.map((h) => `${h.position.line}:${h.position.character} ${h.label as string}`);
}

describe('inlayHints', () => {
  const p = programmeOf(SAMPLE);
  const all = range(0, 0, 40, 0);

  it('shows the current id after each resolved [[#label]] reference, not after references by number', () => {
    assert.deepEqual(summary(inlayHints(p, all)), ['15:57 1.1', '21:62 1.1', '29:41 1', '29:58 1.1']);
    assert.deepEqual(positionOf(SAMPLE, '[[#flere-jobber]]', 0, '[[#flere-jobber]]'.length), { line: 15, character: 57 });
  });

  it('pads the hint on its left, gives it no kind, and the target as tooltip', () => {
    const [hint] = inlayHints(p, all);
    assert.equal(hint.paddingLeft, true);
    assert.equal(hint.kind, undefined);
    assert.deepEqual(hint.tooltip, { kind: 'markdown', value: '**Measure 1.1** · \\#flere\\-jobber\n\nIn pillar 1\\. Arbeid og næring\n\nSkape flere arbeidsplasser i hele landet, og styrke lokalt næringsliv.' });
  });

  it('gives only the hints of references in the requested range', () => {
    assert.deepEqual(summary(inlayHints(p, range(20, 0, 28, 0))), ['21:62 1.1']);
    assert.deepEqual(summary(inlayHints(p, range(29, 50, 29, 50))), ['29:58 1.1']);
    assert.deepEqual(inlayHints(p, range(0, 0, 14, 0)), []);
  });

  it('follows renumbering: the hint is the id the measure has now', () => {
    const q = programmeOf('# 1. A\n\n1. Først.\n\n2. Så. {#så}\n\n# 2. B\n\n1. Se [[#så]].\n');
    assert.deepEqual(summary(inlayHints(q, all)), ['8:13 1.2']);
    const r = programmeOf('# 3. A\n\n5. Så. {#så}\n\n1. Se [[#så]].\n');
    assert.deepEqual(summary(inlayHints(r, all)), ['4:13 3.5']);
  });

  it('gives no hint for an unresolved label or a target without a number', () => {
    const q = programmeOf('# Innledning {#innledning}\n\n# 1. A\n\n## Bakgrunn {#bakgrunn}\n\n1. Se [[#innledning]], [[#bakgrunn]] og [[#ingen]].\n');
    assert.deepEqual(inlayHints(q, all), []);
  });
});
