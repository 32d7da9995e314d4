import assert from 'node:assert/strict';
import { analyse } from '../server/src/rules/index';
import { analyseText } from '../server/src/model/reading';
import { FRONT_MATTER_KEYS, FRONT_MATTER_SCHEMA, readFrontMatter } from '../server/src/rules/frontMatter';
import type { Config } from '../server/src/model/config';

/** The front-matter diagnostics of a document whose front matter is `yaml` (lines joined by LF). */
function fm(yaml: string[], config: Config = {}, eol = '\n') {
  const text = ['---', ...yaml, '---', '# 1. A', '', '1. Et tiltak.', ''].join(eol);
  const { programme, diagnostics } = analyse(text, config);
  return diagnostics
    .filter((d) => d.code === 'front-matter')
    .map((d) => ({
      line: programme.lines.lineAt(d.span.start) + 1,
      severity: d.severity,
      text: text.slice(d.span.start, d.span.end),
      message: d.message,
      related: (d.related ?? []).map((r) => programme.lines.lineAt(r.span.start) + 1),
    }));
}

/** The one diagnostic of `yaml`, checked for line, severity and the text it covers. */
function one(yaml: string[], line: number, severity: string, text: string) {
  const list = fm(yaml);
  assert.equal(list.length, 1, `expected one diagnostic, found: ${JSON.stringify(list, null, 1)}`);
  assert.deepEqual([list[0].line, list[0].severity, list[0].text], [line, severity, text]);
  return list[0].message;
}

const VALID = ['title: Partiprogram 2027–2031', 'party: Eksempelpartiet', 'election: Stortingsvalget 2027', 'year: 2027', 'lang: nb', 'status: draft', 'adopted: 2027-04-15', 'version: "2.1"'];

describe('front matter: the schema', () => {
  it('has the keys of the issue, each with a description', () => {
    assert.deepEqual(FRONT_MATTER_KEYS, ['title', 'party', 'election', 'year', 'lang', 'status', 'adopted', 'version']);
    for (const [key, value] of Object.entries(FRONT_MATTER_SCHEMA.properties)) assert.ok((value as { description?: string }).description, key);
    assert.equal(FRONT_MATTER_SCHEMA.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.deepEqual(FRONT_MATTER_SCHEMA.required, ['title']);
  });

  it('accepts every key when it is right, and no front matter at all', () => {
    assert.deepEqual(fm(VALID), []);
    assert.deepEqual(fm(['title: X']), []);
    assert.deepEqual(analyse('# 1. A\n\n1. x\n').diagnostics.filter((d) => d.code === 'front-matter'), []);
  });

  it('accepts BCP 47 language tags', () => {
    for (const tag of ['nb', 'nn', 'se', 'en', 'de-DE', 'zh-Hant-TW', 'es-419', 'sl-rozaj']) assert.deepEqual(fm(['title: X', `lang: ${tag}`]), [], tag);
  });
});

describe('front matter: each key', () => {
  it('title: required, on the opening line', () => {
    const list = fm(['party: P']);
    assert.deepEqual(list.map((d) => [d.line, d.severity, d.text]), [[1, 'error', '---']]);
    assert.equal(list[0].message, 'title is missing: add "title: …" to the front matter.');
  });

  it('title: empty, or a list', () => {
    assert.match(one(['title:'], 2, 'error', 'title'), /^title is empty: write a value after "title:", or remove the line\.$/);
    assert.match(one(['title: ""'], 2, 'error', '""'), /^title is empty/);
    assert.match(one(['title: [a, b]'], 2, 'error', '[a, b]'), /^title must be text, found a list\./);
  });

  it('title, party, election, version: an unquoted number or date is taken as written', () => {
    assert.deepEqual(fm(['title: 2027', 'party: 1814', 'election: 2027-09-13', 'version: 1.10']), []);
    const reading = readFrontMatter(analyseText('---\ntitle: 2027\nversion: 1.10\n---\n'));
    assert.deepEqual(reading?.data, { title: '2027', version: '1.10' });
  });

  it('party and election: must be text', () => {
    assert.match(one(['title: X', 'party: {navn: P}'], 3, 'error', '{navn: P}'), /^party must be text, found a set of keys\./);
    assert.match(one(['title: X', 'election:'], 3, 'error', 'election'), /^election is empty/);
  });

  it('year: a whole number', () => {
    assert.equal(one(['title: X', 'year: tjuetjuesju'], 3, 'error', 'tjuetjuesju'), 'year must be a whole number, found "tjuetjuesju". Write it in digits, for example "year: 2027".');
    assert.match(one(['title: X', 'year: 2027.5'], 3, 'error', '2027.5'), /^year must be a whole number, found 2027\.5\./);
    assert.match(one(['title: X', 'year: "2027"'], 3, 'error', '"2027"'), /^year must be a whole number, found "2027" in quotes\. Remove the quotes: year: 2027$/);
    assert.match(one(['title: X', 'year: 20227'], 3, 'error', '20227'), /^year must be a four-digit year, found 20227\.$/);
  });

  it('lang: a language tag, with a suggestion', () => {
    assert.equal(one(['title: X', 'lang: norsk'], 3, 'error', 'norsk'), 'lang must be a language tag such as "nb", "nn", "en" or "de-DE", found "norsk" (did you mean "nb"?).');
    assert.match(one(['title: X', 'lang: nb_NO'], 3, 'error', 'nb_NO'), /\(did you mean "nb-NO"\?\)/);
    assert.match(one(['title: X', 'lang: x'], 3, 'error', 'x'), /found "x"\.$/);
  });

  it('status: draft or adopted', () => {
    assert.equal(one(['title: X', 'status: vedtatt'], 3, 'error', 'vedtatt'), 'status must be "draft" or "adopted", found "vedtatt" (did you mean "adopted"?).');
    assert.match(one(['title: X', 'status: Draft'], 3, 'error', 'Draft'), /\(did you mean "draft"\?\)/);
    assert.match(one(['title: X', 'status: ferdig'], 3, 'error', 'ferdig'), /found "ferdig"\.$/);
  });

  it('adopted: a date YYYY-MM-DD', () => {
    assert.equal(one(['title: X', 'adopted: 15.04.2027'], 3, 'error', '15.04.2027'), 'adopted must be a date written YYYY-MM-DD, found "15.04.2027" (did you mean "2027-04-15"?).');
    assert.match(one(['title: X', 'adopted: 2027-4-5'], 3, 'error', '2027-4-5'), /\(did you mean "2027-04-05"\?\)/);
    assert.match(one(['title: X', 'adopted: 2027-02-30'], 3, 'error', '2027-02-30'), /found "2027-02-30"\.$/);
  });

  it('an unknown key is a warning, with the key meant', () => {
    assert.equal(one(['title: X', 'yaer: 2027'], 3, 'warning', 'yaer'), 'Unknown key "yaer" (did you mean "year"?): correct it, or remove the line.');
    assert.match(one(['title: X', 'tittel: Y'], 3, 'warning', 'tittel'), /^Unknown key "tittel" \(did you mean "title"\?\)/);
    assert.match(one(['title: X', 'Year: 2027'], 3, 'warning', 'Year'), /\(did you mean "year"\?\)/);
    assert.match(one(['title: X', 'forfatter: Y'], 3, 'warning', 'forfatter'), /^Unknown key "forfatter": the front matter's keys are title, party, election, year, lang, status, adopted, version\./);
  });

  it('reports every failing key at once, each on its own line', () => {
    const list = fm(['yaer: 2027', 'year: x', 'status: y']);
    assert.deepEqual(list.map((d) => [d.line, d.severity]), [[1, 'error'], [2, 'warning'], [3, 'error'], [4, 'error']]);
  });
});

describe('front matter: YAML that does not parse', () => {
  it('a value with ": " in it, with the quoted line to write', () => {
    assert.equal(one(['title: Partiprogram: 2027–2031'], 2, 'error', 'Partiprogram: 2027–2031'), 'The value of title contains ": ", which YAML reads as the start of another key. Put the value in quotes: title: "Partiprogram: 2027–2031"');
  });

  it('a line without a colon', () => {
    assert.equal(one(['title Partiprogram', 'year: 2027'], 2, 'error', 'title Partiprogram'), '"title Partiprogram" has no colon after its key. Write "key: value", for example "title: Partiprogram".');
    assert.match(one(['title: X', 'year 2027'], 3, 'error', 'year 2027'), /has no colon after its key/);
  });

  it('an indented line', () => {
    assert.match(one(['title: X', '  year: 2027'], 3, 'error', '  year: 2027'), /^This line is indented, so YAML reads it as part of the line above/);
  });

  it('a tab', () => {
    assert.match(one(['title: X', '\tyear: 2027'], 3, 'error', '\t'), /^A tab indents this line; YAML allows only spaces there/);
  });

  it('an unclosed quote, on the line where it opens', () => {
    assert.equal(one(['title: "Partiprogram', 'year: 2027'], 2, 'error', '"Partiprogram'), 'The value of title opens with " but is not closed. Add " at the end of the value.');
  });

  it('a key given twice, pointing at the first', () => {
    const list = fm(['title: X', 'year: 2027', 'year: 2028']);
    assert.deepEqual(list.map((d) => [d.line, d.text, d.related]), [[4, 'year', [3]]]);
    assert.equal(list[0].message, 'year is given twice in the front matter. Keep one of the two lines.');
  });

  it('a value starting with a reserved character', () => {
    assert.equal(one(['title: @partiet'], 2, 'error', '@partiet'), 'A value cannot start with "@" in YAML. Put the value in quotes: title: "@partiet"');
  });

  it('an empty front matter, and one that is not keys', () => {
    assert.deepEqual(fm([]).map((d) => [d.line, d.message]), [[1, 'The front matter is empty, but a title is expected: add "title: …" between the "---" lines, or remove them.']]);
    assert.match(one(['- title', '- year'], 2, 'error', '- title\n- year\n'), /^The front matter must be "key: value" lines/);
    assert.match(one(['Partiprogram 2027'], 2, 'error', 'Partiprogram 2027'), /found no key/);
  });

  it('maps lines and offsets through CRLF line ends', () => {
    const list = fm(['title: X', 'year: tjue'], {}, '\r\n');
    assert.deepEqual(list.map((d) => [d.line, d.text]), [[3, 'tjue']]);
  });
});

describe('front matter: refused YAML features', () => {
  it('refuses anchors and aliases without expanding them', () => {
    const list = fm(['title: &t X', 'party: *t']);
    assert.deepEqual(list.map((d) => [d.line, d.text]), [[2, '&t'], [3, '*t']]);
    assert.match(list[0].message, /defines the YAML anchor "&t"; anchors and aliases are not allowed here/);
    assert.match(list[1].message, /uses the YAML alias "\*t"; aliases are not allowed here\. Write the value out in full\./);
  });

  it('survives a "billion laughs" front matter with one diagnostic per line', () => {
    const yaml = ['title: X', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      yaml.push(`${name}: &${name} [${new Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const list = fm(yaml);
    assert.equal(list.filter((d) => /anchor|alias/.test(d.message)).length, 9);
    assert.ok(list.every((d) => d.message.length < 400));
  });

  it('refuses a __proto__ key and never copies it', () => {
    const list = fm(['title: X', '__proto__: {polluted: yes}']);
    assert.deepEqual(list.map((d) => [d.line, d.severity, d.text]), [[3, 'error', '__proto__']]);
    assert.equal(list[0].message, 'The key "__proto__" is not allowed in the front matter; remove it.');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    const reading = readFrontMatter(analyseText('---\ntitle: X\n__proto__: {polluted: yes}\n---\n'));
    assert.equal(Object.getPrototypeOf(reading?.data), Object.prototype);
    assert.deepEqual(Object.keys(reading?.data ?? {}), ['title']);
  });

  it('warns when a "#" cuts a value short', () => {
    assert.equal(one(['title: Program #1'], 2, 'warning', '#1'), '"#1" starts a YAML comment, so it is not part of the value of title. To keep it, put the value in quotes: title: "Program #1"');
    assert.deepEqual(fm(['title: Program # en kommentar']), []);
  });
});

describe('front matter: reading', () => {
  it('gives each entry with its key and value spans', () => {
    const text = '---\ntitle: Program\nyear: 2027\n---\n';
    const reading = readFrontMatter(analyseText(text));
    assert.deepEqual(
      reading?.entries.map((e) => [e.key, text.slice(e.keySpan.start, e.keySpan.end), e.valueSpan && text.slice(e.valueSpan.start, e.valueSpan.end), e.value]),
      [
        ['title', 'title', 'Program', 'Program'],
        ['year', 'year', '2027', 2027],
      ],
    );
  });

  it('follows config.rules', () => {
    assert.deepEqual(fm(['yaer: 1'], { rules: { 'front-matter': 'off' } }), []);
    assert.deepEqual(fm(['title: X', 'yaer: 1'], { rules: { 'front-matter': 'information' } }).map((d) => d.severity), ['information']);
  });
});
