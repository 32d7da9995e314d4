import assert from 'node:assert/strict';
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import schema from '../../schemas/programme.schema.json' with { type: 'json' };
import { frontMatterKeyHover, hover, keyDescription } from '../../server/src/features/hover';
import { escapeInline, escapeMarkdown } from '../../server/src/features/describe';
import { SAMPLE, positionOf, programmeOf, range, rangeOf, withCursor } from './cursor';

/** The Markdown of a hover (asserting that it is Markdown). */
function markdown(h: Hover | null): string {
  assert.ok(h !== null, 'expected a hover');
  const contents = h.contents as MarkupContent;
  assert.equal(contents.kind, 'markdown');
  return contents.value;
}

describe('hover', () => {
  const p = programmeOf(SAMPLE);

  it('on a label reference: the measure id and label, its pillar and its full text', () => {
    const h = hover(p, positionOf(SAMPLE, '[[#flere-jobber]]', 0, 5));
    assert.equal(
      markdown(h),
      '**Measure 1.1** · \\#flere\\-jobber\n\nIn pillar 1\\. Arbeid og næring\n\nSkape flere arbeidsplasser i hele landet, og styrke lokalt næringsliv.',
    );
    assert.deepEqual(h!.range, range(15, 40, 15, 57));
  });

  it('on a measure reference: sub-points as a Markdown list, user text escaped', () => {
    const { p: q, position } = withCursor('# 1. A\n\n1. Innføre *gratis* [[2]]\n- for ungdom_under 25\n- 3. trinn\n\n2. Se [[1.$01]].\n');
    assert.equal(
      markdown(hover(q, position)),
      '**Measure 1.1**\n\nIn pillar 1\\. A\n\nInnføre \\*gratis\\* \\[\\[2\\]\\]\n- for ungdom\\_under 25\n- 3\\. trinn',
    );
  });

  it('on a pillar reference: the pillar, its measures and sub-sections, and its first paragraph', () => {
    const h = hover(p, positionOf(SAMPLE, '[[ #arbeid ]]', 0, 1));
    assert.equal(markdown(h), '**Pillar 1. Arbeid og næring** · \\#arbeid\n\n4 measures, 1 sub-section\n\nPartiet vil \\*mye\\*:');
    assert.deepEqual(h!.range, rangeOf(SAMPLE, '[[ #arbeid ]]'));
  });

  it('on an unresolved reference: says that it names nothing', () => {
    assert.equal(markdown(hover(p, positionOf(SAMPLE, '[[9.9]]', 0, 3))), '\\[\\[9.9\\]\\] names nothing: there is no measure 9\\.9 in this document.');
    const { p: q, position } = withCursor('# 1. A\n\n1. Se [[#ing$0en]] og [[7]] og [[x y]].\n');
    assert.equal(markdown(hover(q, position)), '\\[\\[\\#ingen\\]\\] names nothing: no heading or measure has the label \\{\\#ingen\\}.');
    assert.equal(markdown(hover(q, positionOf(q.text, '[[7]]'))), '\\[\\[7\\]\\] names nothing: there is no pillar 7 in this document.');
    assert.match(markdown(hover(q, positionOf(q.text, '[[x y]]'))), /^\\\[\\\[x y\\\]\\\] names nothing: a reference is written \\\[\\\[1\.3\\\]\\\] \(a measure\)/);
  });

  it('on a measure number: its id, label, pillar and number of references, without its text', () => {
    const h = hover(p, positionOf(SAMPLE, '1. Skape'));
    assert.equal(markdown(h), '**Measure 1.1** · \\#flere\\-jobber\n\nIn pillar 1\\. Arbeid og næring\n\n3 references');
    assert.deepEqual(h!.range, range(12, 0, 12, 2));
    assert.equal(markdown(hover(p, positionOf(SAMPLE, '3. Styrke', 0, 1))), '**Measure 1.3**\n\nIn pillar 1\\. Arbeid og næring\n\nNo references');
  });

  it('on a heading: measures, sub-sections and references', () => {
    const h = hover(p, positionOf(SAMPLE, 'Arbeid og næring', 0, 3));
    assert.equal(markdown(h), '**Pillar 1. Arbeid og næring** · \\#arbeid\n\n4 measures, 1 sub-section\n\n1 reference');
    assert.deepEqual(h!.range, range(8, 0, 8, 31));
    assert.equal(markdown(hover(p, positionOf(SAMPLE, 'Industri'))), '**Sub\\-section 1.1 Industri** · \\#industri\n\nIn pillar 1\\. Arbeid og næring\n\n1 measure\n\n1 reference');
    assert.equal(markdown(hover(p, positionOf(SAMPLE, 'Klima og'))), '**Pillar 2. Klima og natur**\n\n1 measure\n\nNo references');
    assert.equal(markdown(hover(p, positionOf(SAMPLE, 'Innledning'))), '**Section Innledning**\n\nNo measures\n\nNo references');
  });

  it('on a label declaration: what it labels and how many references use it', () => {
    const h = hover(p, positionOf(SAMPLE, '{#flere-jobber}', 0, 4));
    assert.equal(
      markdown(h),
      '**Label \\#flere\\-jobber** on measure 1.1\n\nIn pillar 1\\. Arbeid og næring\n\n2 references by label\n\n3 references in all (by label or number)',
    );
    assert.deepEqual(h!.range, rangeOf(SAMPLE, '{#flere-jobber}'));
    assert.equal(markdown(hover(p, positionOf(SAMPLE, '{#industri}'))), '**Label \\#industri** on sub-section 1.1 Industri\n\nIn pillar 1\\. Arbeid og næring\n\n1 reference by label');
  });

  it('on a repeated label: which declaration the references go to', () => {
    const { p: q, position } = withCursor('# 1. A {#mål}\n\n1. Tiltak. {#MÅL$0}\n');
    assert.equal(
      markdown(hover(q, position)),
      '**Label \\#MÅL** on measure 1.1\n\nIn pillar 1\\. A\n\nThis label repeats \\{\\#mål\\} on pillar 1. A (line 1); references to it go there. Give this one another name.',
    );
  });

  it('on a front-matter key: its description from the schema', () => {
    const h = hover(p, positionOf(SAMPLE, 'title', 0, 2));
    assert.equal(markdown(h), '**title**\n\nThe programme\'s title as it is printed, for example "Partiprogram 2027–2031". Required.\n\nExample: Partiprogram 2027–2031');
    assert.deepEqual(h!.range, range(1, 0, 1, 5));
    assert.equal(hover(p, positionOf(SAMPLE, '2027')), null);
  });

  it('on front-matter keys with allowed values, and on keys the schema does not know', () => {
    assert.match(frontMatterKeyHover(['status'])!, /^\*\*status\*\*\n\n.+\n\nAllowed values: draft, adopted$/);
    assert.match(frontMatterKeyHover(['forfatter'])!, /^\*\*forfatter\*\* is not a front-matter key this format knows\. Known keys: title, party, /);
  });

  it('describes every key of the schema in the schema\'s own words (in English)', () => {
    const properties = (schema as { properties: Record<string, { description?: string }> }).properties;
    for (const [key, node] of Object.entries(properties)) assert.equal(keyDescription(key), node.description, key);
    assert.equal(keyDescription('forfatter'), undefined);
  });

  it('has nothing to say on prose, measure text, comments and blank lines', () => {
    assert.equal(hover(p, positionOf(SAMPLE, 'innledningen')), null);
    assert.equal(hover(p, positionOf(SAMPLE, 'trepartssamarbeidet')), null);
    assert.equal(hover(p, positionOf(SAMPLE, 'Andre linje')), null);
    assert.equal(hover(p, { line: 9, character: 0 }), null);
  });
});

describe('escapeMarkdown', () => {
  it('escapes emphasis, brackets, HTML, tables and a number that would start a list', () => {
    assert.equal(escapeMarkdown('*a* _b_ [[1]] <b> a|b `c` #d 1. e'), '\\*a\\* \\_b\\_ \\[\\[1\\]\\] \\<b\\> a\\|b \\`c\\` \\#d 1. e');
    assert.equal(escapeMarkdown('17. mai\n  3) x'), '17\\. mai\n  3\\) x');
  });

  it('inside a line (escapeInline): leaves a number at the very start, which starts no list there', () => {
    assert.equal(escapeInline('1. Arbeid *og* næring'), '1. Arbeid \\*og\\* næring');
    assert.equal(escapeInline('a\n2. b'), 'a\n2\\. b');
  });
});
