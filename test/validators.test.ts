/**
 * The JSON Schema validators are compiled at build time (scripts/validators.mjs, ajv standalone code)
 * into server/src/schemas/*.validate.js: they must be what the schemas give today, and give the same
 * answers and errors as ajv compiling the schema at run time, as the checker did before.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
// @ts-expect-error: a JavaScript module without types
import { writeValidators } from '../scripts/validators.mjs';
import frontMatterValidate from '../server/src/schemas/programme.validate';
import configValidate from '../server/src/schemas/programmerc.validate';

/** The schema `file` compiled by ajv at run time, with the options of scripts/validators.mjs. */
function compiled(file: string, formats: string[]) {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  if (formats.length > 0) addFormats(ajv, formats as never);
  return ajv.compile(JSON.parse(readFileSync(file, 'utf8')));
}

describe('the validators compiled at build time (scripts/validators.mjs)', () => {
  it('are up to date with the schemas (run npm run build after changing a schema)', function () {
    this.timeout(20_000);
    assert.deepEqual(writeValidators({ check: true }), []);
  });

  it('answer as ajv compiling schemas/programme.schema.json at run time, errors included', () => {
    const ajv = compiled('schemas/programme.schema.json', ['date']);
    const cases: unknown[] = [
      { title: 'Partiprogram 2027–2031', year: 2027, lang: 'nb', status: 'draft', adopted: '2027-05-17' },
      {},
      { title: '', year: 27, lang: 'norsk', status: 'utkast', adopted: '2027-02-30', unknown: 1 },
      { title: 12, party: ['A'], adopted: '17. mai 2027' },
      [],
      'title',
    ];
    for (const data of cases) {
      assert.equal(frontMatterValidate(data), ajv(data), JSON.stringify(data));
      assert.deepEqual(frontMatterValidate.errors, ajv.errors, JSON.stringify(data));
    }
  });

  it('answer as ajv compiling schemas/programmerc.schema.json at run time, errors included', () => {
    const ajv = compiled('schemas/programmerc.schema.json', []);
    const cases: unknown[] = [
      { rules: { 'similar-measures': 'off' }, measureNumbering: 'continuous', similarity: { threshold: 0.5 }, ignore: ['drafts/**'] },
      { rules: { 'similar-measure': 'off', syntax: 'loud' }, measureNumbering: 'per-chapter', similarity: { threshold: 2 }, extra: true },
      { ignore: 'drafts' },
      null,
    ];
    for (const data of cases) {
      assert.equal(configValidate(data), ajv(data), JSON.stringify(data));
      assert.deepEqual(configValidate.errors, ajv.errors, JSON.stringify(data));
    }
  });
});
