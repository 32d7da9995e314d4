/**
 * The bundled example `examples/lokalvalget-2023.programme`: it must stay free of errors and
 * warnings with 5 pillars of 8, 8, 8, 7 and 7 measures; and a copy with typical slips (a measure
 * deleted, one duplicated, a pillar renumbered) must give exactly the diagnostics a writer should see.
 * The complete example of docs/format.md is checked here too, so that the page cannot go stale.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyse } from '../server/src/rules/index';
import { pillarName } from '../server/src/model/programme';

const EXAMPLE = 'examples/lokalvalget-2023.programme';

/** Replaces the one line that starts with `start` by `by(line)` (lines joined back with LF); fails when not exactly one. */
function editLine(text: string, start: string, by: (line: string) => string[]): string {
  const lines = text.split('\n');
  const found = lines.flatMap((l, i) => (l.startsWith(start) ? [i] : []));
  assert.equal(found.length, 1, `expected one line starting with "${start}" in ${EXAMPLE}, found ${found.length}`);
  lines.splice(found[0], 1, ...by(lines[found[0]]));
  return lines.join('\n');
}

describe('the bundled example', () => {
  const original = readFileSync(EXAMPLE, 'utf8');

  it('has no error or warning', () => {
    const { diagnostics } = analyse(original);
    assert.deepEqual(
      diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').map((d) => `${d.code}: ${d.message}`),
      [],
    );
  });

  it('has 5 pillars with 8, 8, 8, 7 and 7 measures, after an unnumbered introduction', () => {
    const { programme } = analyse(original);
    assert.deepEqual(programme.pillars.map((p) => p.measures.length), [8, 8, 8, 7, 7]);
    assert.deepEqual(programme.pillars.map(pillarName), [
      '1. Skape arbeidsplasser og et seriøst arbeidsliv',
      '2. Klima og natur - rammen rundt all politikk',
      '3. God helse og livskvalitet for alle',
      '4. En god oppvekst varer hele livet',
      '5. Levende byer og bygder',
    ]);
    assert.deepEqual(programme.top.map((n) => n.kind), ['section', 'pillar', 'pillar', 'pillar', 'pillar', 'pillar']);
    assert.deepEqual(programme.outsideMeasures, []);
    assert.notEqual(programme.frontMatter, undefined);
  });

  it('with a measure deleted, one duplicated and a pillar renumbered, gives exactly the expected diagnostics', () => {
    let text = original;
    // Measure 1.2 duplicated (a copy-paste slip): a blank line and the same line again below it.
    text = editLine(text, '2. Følge opp Regjeringens Norgesmodell', (line) => [line, '', line]);
    // Measure 2.4 deleted, with the blank line after it.
    text = editLine(text, '4. Sikre at grøntområder', () => []);
    text = text.replace(/\n\n\n5\. Vekte klima/, '\n\n5. Vekte klima');
    // Pillar 3 renumbered as 4.
    text = editLine(text, '# 3. God helse og livskvalitet for alle', (line) => [line.replace('# 3.', '# 4.')]);

    const { programme, diagnostics } = analyse(text);
    const shown = diagnostics
      .filter((d) => d.severity === 'error' || d.severity === 'warning')
      .map((d) => ({ line: programme.lines.positionAt(d.span.start).line + 1, code: d.code, message: d.message }));
    assert.deepEqual(
      shown.map((d) => `${d.line} ${d.code}`),
      ['37 measure-numbering', '37 duplicate-measure', '67 measure-numbering', '75 pillar-numbering'],
    );
    assert.equal(shown[0].message, 'Measure number 2 repeats 2; expected 3 in pillar 1.');
    assert.match(shown[1].message, /same text as measure 1\.2\b/);
    assert.equal(shown[2].message, 'Measure number 5 skips 4; expected 4 after 3 in pillar 2.');
    assert.equal(shown[3].message, 'Pillar number 4 skips 3; expected 3 after 2.');
    // Each slip gave one diagnostic: the measures after them, and pillar 4 and 5 after the renumbered one, are fine.
    assert.deepEqual(programme.pillars.map((p) => p.numberText), ['1', '2', '4', '4', '5']);
    assert.deepEqual(programme.pillars.map((p) => p.measures.length), [9, 7, 8, 7, 7]);
  });
});

describe('the complete example in docs/format.md', () => {
  it('has nothing to report and the structure the page describes', () => {
    const page = readFileSync('docs/format.md', 'utf8');
    const block = /## A complete example\n\n```\n([\s\S]*?)```\n/.exec(page);
    assert.ok(block !== null, 'docs/format.md has no "## A complete example" code block');
    const { programme, diagnostics } = analyse(block[1]);
    assert.deepEqual(diagnostics.map((d) => `${d.code}: ${d.message}`), []);
    assert.deepEqual(programme.top.map((n) => n.title), ['Innledning', 'Arbeid og næring', 'Klima og natur']);
    assert.deepEqual(programme.measures.map((m) => m.id), ['1.1', '1.2', '1.3', '1.4', '1.5A', '1.5B', '2.1', '2.2']);
    assert.deepEqual(programme.subsections.map((s) => [s.numberText, s.measures.map((m) => m.id)]), [['1.1', ['1.4', '1.5A', '1.5B']]]);
  });
});
