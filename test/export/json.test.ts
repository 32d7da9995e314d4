/**
 * The JSON writer (server/src/export/json.ts) and its schema (schemas/programme-export.schema.json):
 * the example's JSON as a golden file (test/fixtures/export/lokalvalget-2023.json; UPDATE_SNAPSHOTS=1
 * refreshes it), the schema checked with ajv (Ajv2020, strict, as the front matter's) against the
 * example, the fixtures and generated programmes, and exact values for measures, headings and
 * references.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import fc from 'fast-check';
import schema from '../../schemas/programme-export.schema.json';
import { analyse } from '../../server/src/rules/index';
import { publication } from '../../server/src/export/document';
import { exportProgramme } from '../../server/src/export/index';
import { renderJson, type JsonExport } from '../../server/src/export/json';
import { wellFormedProgramme } from './arbitraries';

const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';
const FIXTURES = fileURLToPath(new URL('../fixtures/export/', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../../examples/lokalvalget-2023.programme', import.meta.url));

const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

/** Runs per property: short in `npm test`, scaled by FUZZ_RUNS. */
function runs(short: number): number {
  const fuzz = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(fuzz) && fuzz > 0 ? Math.max(short, Math.round((fuzz * short) / 200)) : short;
}

/** The export of programme text as the CLI writes it, parsed back. */
async function exported(text: string): Promise<JsonExport> {
  const output = await exportProgramme(analyse(text).programme, 'json');
  assert.ok('text' in output);
  assert.ok(output.text.endsWith('}\n'));
  return JSON.parse(output.text) as JsonExport;
}

/** ajv's errors for `data`, as `path message` strings (none when it fits the schema). */
function schemaErrors(data: unknown): string[] {
  return validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

describe('export: JSON', () => {
  it('the example: golden file test/fixtures/export/lokalvalget-2023.json, valid against the schema', async () => {
    const json = await exported(readFileSync(EXAMPLE, 'utf8'));
    const file = path.join(FIXTURES, 'lokalvalget-2023.json');
    const text = `${JSON.stringify(json, null, 2)}\n`;
    if (UPDATE || !existsSync(file)) writeFileSync(file, text);
    assert.equal(text, readFileSync(file, 'utf8'), 'lokalvalget-2023.json differs (UPDATE_SNAPSHOTS=1 to accept)');
    assert.deepEqual(schemaErrors(json), []);
    assert.equal(json.pillars.length, 5);
    assert.deepEqual(json.pillars.map((p) => p.measures.length), [8, 8, 8, 7, 7]);
    assert.deepEqual(json.references.map((r) => `${r.from.id} → ${r.target?.anchor}`), ['1.1 → kapittel-2', '2.8 → sirkulær-økonomi', '3.4 → heltidskultur', '3.4 → læreplasser', '5.3 → tiltak-4-7', '5.5 → jobb-funksjonsnedsettelser']);
  });

  for (const name of readdirSync(FIXTURES).filter((f) => f.endsWith('.programme')).sort()) {
    it(`${name}: valid against the schema`, async () => {
      assert.deepEqual(schemaErrors(await exported(readFileSync(path.join(FIXTURES, name), 'utf8'))), []);
    });
  }

  it('generated programmes: valid against the schema, every resolved reference linking to an anchor of the publication', () => {
    fc.assert(
      fc.property(wellFormedProgramme, (text) => {
        const p = analyse(text).programme;
        const pub = publication(p);
        const json = JSON.parse(JSON.stringify(renderJson(pub, p))) as JsonExport;
        assert.deepEqual(schemaErrors(json), []);
        for (const r of json.references) assert.ok(r.target !== null && pub.anchors.has(r.target.anchor), JSON.stringify(r));
        assert.equal(json.references.length, p.references.length);
      }),
      { numRuns: runs(50), seed: 16 },
    );
  });

  it('a measure: id, number as printed, label, anchors, plain text, sub-points, references with their targets', async () => {
    const json = await exported(['---', 'title: T', 'lang: nb', '---', '# 1. Arbeid {#arbeid}', '', 'Partiet vil:', '', '1. Skape jobber. {#jobber}', '', '2A. Gi lærlinger plass, se [[1.1]]', 'og [[#arbeid]]:', '- i byen', '- på bygda, [[9.9]]', ''].join('\n'));
    assert.deepEqual(json.pillars[0].measures[1], {
      id: '1.2A',
      number: '2A.',
      value: 2,
      alternative: 'A',
      pillar: '1',
      label: null,
      anchor: 'tiltak-1-2A',
      labelAnchor: null,
      text: 'Gi lærlinger plass, se tiltak 1.1 og kapittel 1:',
      inlines: [
        { kind: 'text', text: 'Gi lærlinger plass, se ' },
        { kind: 'reference', text: 'tiltak 1.1', written: '1.1', line: 10, target: { kind: 'measure', id: '1.1', anchor: 'tiltak-1-1', title: null } },
        { kind: 'text', text: ' og ' },
        { kind: 'reference', text: 'kapittel 1', written: '#arbeid', line: 11, target: { kind: 'pillar', id: '1', anchor: 'arbeid', title: 'Arbeid' } },
        { kind: 'text', text: ':' },
      ],
      subPoints: [
        { text: 'i byen', inlines: [{ kind: 'text', text: 'i byen' }], line: 12 },
        { text: 'på bygda, 9.9', inlines: [{ kind: 'text', text: 'på bygda, ' }, { kind: 'reference', text: '9.9', written: '9.9', line: 13, target: null }], line: 13 },
      ],
      references: [
        { text: 'tiltak 1.1', written: '1.1', line: 10, target: { kind: 'measure', id: '1.1', anchor: 'tiltak-1-1', title: null } },
        { text: 'kapittel 1', written: '#arbeid', line: 11, target: { kind: 'pillar', id: '1', anchor: 'arbeid', title: 'Arbeid' } },
        { text: '9.9', written: '9.9', line: 13, target: null },
      ],
      line: 10,
      endLine: 13,
    });
    assert.deepEqual(
      { ...json.pillars[0], measures: json.pillars[0].measures.map((m) => m.id) },
      {
        number: '1.',
        id: '1',
        title: 'Arbeid',
        inlines: [{ kind: 'text', text: 'Arbeid' }],
        anchor: 'kapittel-1',
        label: 'arbeid',
        labelAnchor: 'arbeid',
        level: 1,
        line: 4,
        paragraphs: [{ text: 'Partiet vil:', inlines: [{ kind: 'text', text: 'Partiet vil:' }], list: [], line: 6, endLine: 6 }],
        measures: ['1.1', '1.2A'],
        subsections: [],
      },
    );
    assert.deepEqual(json.frontMatter, { title: 'T', party: null, election: null, year: null, lang: 'nb', status: null, adopted: null, version: null });
    assert.deepEqual(
      json.references.map((r) => r.from),
      [
        { kind: 'measure', id: '1.2A', anchor: 'tiltak-1-2A' },
        { kind: 'measure', id: '1.2A', anchor: 'tiltak-1-2A' },
        { kind: 'measure', id: '1.2A', anchor: 'tiltak-1-2A' },
      ],
    );
  });

  it('nests sub-sections under their pillar, keeps unnumbered sections and what stands before the first heading', async () => {
    const json = await exported(['Før alt, se [[#skog]].', '', '# Forord', '', 'Om programmet.', '', '# 1. Klima', '', '## 1.1 Skog {#skog}', '', '1. Verne skog.', '', '### Gammelskog', '', '2. Kartlegge gammelskog.', ''].join('\n'));
    assert.deepEqual(json.preamble.paragraphs.map((p) => p.text), ['Før alt, se pillar 1.1.']);
    assert.deepEqual(json.sections.map((s) => [s.title, s.anchor, s.paragraphs.length]), [['Forord', 'forord', 1]]);
    const skog = json.pillars[0].subsections[0];
    assert.deepEqual([skog.number, skog.id, skog.title, skog.anchor, skog.labelAnchor, skog.level, skog.measures.map((m) => m.id)], ['1.1', '1.1', 'Skog', 'pillar-1-1', 'skog', 2, ['1.1']]);
    assert.deepEqual(skog.subsections.map((s) => [s.number, s.title, s.level, s.measures.map((m) => m.id)]), [[null, 'Gammelskog', 3, ['1.2']]]);
    assert.deepEqual(json.references, [{ text: 'pillar 1.1', written: '#skog', line: 0, target: { kind: 'subsection', id: '1.1', anchor: 'skog', title: 'Skog' }, from: { kind: 'paragraph', id: null, anchor: null } }]);
    assert.deepEqual(json.toc.map((e) => [e.level, e.number, e.title, e.measures]), [[1, null, 'Forord', 0], [1, '1.', 'Klima', 2], [2, '1.1', 'Skog', 2], [3, null, 'Gammelskog', 1]]);
  });

  it('the schema describes every key, and refuses what the format does not have', async () => {
    // Every property of every object in the schema says what it is.
    const undescribed: string[] = [];
    const walk = (node: unknown, at: string) => {
      if (node === null || typeof node !== 'object') return;
      const properties = (node as { properties?: Record<string, { description?: string }> }).properties;
      for (const [key, value] of Object.entries(properties ?? {})) if (typeof value.description !== 'string' && !('$ref' in value)) undescribed.push(`${at}/${key}`);
      for (const [key, value] of Object.entries(node)) walk(value, `${at}/${key}`);
    };
    walk(schema, '#');
    assert.deepEqual(undescribed, []);
    assert.equal(schema.$id, 'urn:programme-tools:schema:programme-export:1');

    const json = await exported('---\ntitle: T\n---\n# 1. A\n\n1. En [[1]].\n');
    assert.deepEqual(schemaErrors(json), []);
    const broken = (change: (j: Record<string, any>) => void): string[] => {
      const copy = structuredClone(json) as unknown as Record<string, any>;
      change(copy);
      return schemaErrors(copy);
    };
    assert.notDeepEqual(broken((j) => (j.version = 2)), []);
    assert.notDeepEqual(broken((j) => (j.pillars[0].measures[0].extra = true)), []);
    assert.notDeepEqual(broken((j) => (j.pillars[0].measures[0].references[0].extra = true)), []);
    assert.notDeepEqual(broken((j) => (j.pillars[0].measures[0].inlines[1].extra = true)), []);
    assert.notDeepEqual(broken((j) => (j.references[0].extra = true)), []);
    assert.notDeepEqual(broken((j) => delete j.pillars[0].measures[0].label), []);
    assert.notDeepEqual(broken((j) => (j.pillars[0].measures[0].line = -1)), []);
  });
});
