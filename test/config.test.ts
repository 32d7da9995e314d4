import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseConfigText, validateConfig, CONFIG_KEYS, type ConfigProblem } from '../server/src/model/config';
import { ConfigResolver, findConfigFile, formatConfigProblem, ignoreMatcher, loadConfigFile } from '../server/src/cli/configFile';
import { RULE_CODES } from '../server/src/rules/codes';
import { main } from '../server/src/cli/main';
import configSchema from '../schemas/programmerc.schema.json';
import { inLanguage } from '../server/src/l10n/index';

/** Runs the CLI, collecting what it prints. */
async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The problems of a config text, as `[path, line (1-based) or undefined, message]`. */
function problems(text: string): [string, number | undefined, string][] {
  return parseConfigText(text, 'x.json').problems.map((p: ConfigProblem) => [p.path, p.line !== undefined ? p.line + 1 : undefined, p.message]);
}

describe('configuration: the schema', () => {
  it('lists every rule code of rules/codes.ts, each with a description', () => {
    assert.deepEqual(Object.keys(configSchema.properties.rules.properties), RULE_CODES);
    for (const [code, value] of Object.entries(configSchema.properties.rules.properties)) assert.ok(value.description, code);
    assert.equal(configSchema.properties.rules.additionalProperties, false);
  });

  it('describes every key', () => {
    assert.deepEqual(CONFIG_KEYS, ['rules', 'measureNumbering', 'similarity', 'lineWidth', 'lineNumbering', 'ignore']);
    for (const key of CONFIG_KEYS) assert.ok((configSchema.properties as Record<string, { description?: string }>)[key].description, key);
  });
});

describe('configuration: validateConfig (each key)', () => {
  it('accepts every key when it is right; $schema is allowed and dropped', () => {
    const value = { $schema: './x.json', rules: { 'unused-label': 'off', 'similar-measures': 'warning' }, measureNumbering: 'per-section', similarity: { threshold: 0.8 }, ignore: ['drafts/**'] };
    assert.deepEqual(validateConfig(value), {
      config: { rules: { 'unused-label': 'off', 'similar-measures': 'warning' }, measureNumbering: 'per-section', similarity: { threshold: 0.8 }, ignore: ['drafts/**'] },
      problems: [],
    });
    assert.deepEqual(validateConfig({}), { config: {}, problems: [] });
  });

  it('rules: an unknown code, a wrong level, not an object', () => {
    const a = validateConfig({ rules: { 'measure-numberin': 'off' } });
    assert.deepEqual(a.config, {});
    assert.equal(a.problems[0].path, 'rules.measure-numberin');
    assert.match(a.problems[0].message, /^"measure-numberin" is not a rule code \(did you mean "measure-numbering"\?\)\. The codes are listed in docs\/rules\.md/);
    const b = validateConfig({ rules: { 'measure-numbering': 'eror' } });
    assert.deepEqual(b.problems.map((p) => [p.path, p.message]), [['rules.measure-numbering', '"eror" is not a level (did you mean "error"?); use "error", "warning", "information", "hint" or "off".']]);
    assert.match(validateConfig({ rules: ['off'] }).problems[0].message, /^"rules" must be an object of rule code → level/);
  });

  it('measureNumbering: one of three modes', () => {
    const p = validateConfig({ measureNumbering: 'per-chapter' }).problems;
    assert.deepEqual(p.map((x) => [x.path, x.message]), [['measureNumbering', '"per-chapter" is not a numbering mode; use "per-pillar", "per-section" or "continuous" (see docs/configuration.md).']]);
    assert.match(validateConfig({ measureNumbering: 'continous' }).problems[0].message, /\(did you mean "continuous"\?\)/);
  });

  it('similarity: threshold from 0 to 1, no other key', () => {
    assert.deepEqual(validateConfig({ similarity: { threshold: 70 } }).problems.map((x) => [x.path, x.message]), [
      ['similarity.threshold', 'the threshold must be a number from 0 to 1, such as 0.7; found 70 (for 70 %, write 0.7).'],
    ]);
    assert.match(validateConfig({ similarity: { threshold: '0.7' } }).problems[0].message, /found "0\.7"\.$/);
    assert.match(validateConfig({ similarity: { treshold: 0.7 } }).problems[0].message, /^unknown key "treshold": "similarity" has only "threshold"/);
    assert.match(validateConfig({ similarity: 0.7 }).problems[0].message, /^"similarity" must be an object/);
  });

  it('ignore: a list of text patterns', () => {
    assert.match(validateConfig({ ignore: 'drafts' }).problems[0].message, /^"ignore" must be a list of patterns/);
    assert.deepEqual(validateConfig({ ignore: ['a', 3] }).problems.map((x) => x.path), ['ignore[1]']);
    assert.deepEqual(validateConfig({ ignore: [''] }).problems.map((x) => [x.path, x.message]), [['ignore[0]', 'an empty pattern matches nothing; remove it.']]);
  });

  it('names a list or an object where a single value is due; $schema must be text', () => {
    assert.deepEqual(validateConfig({ ignore: [['a'], { b: 1 }] }).problems.map((x) => [x.path, x.message]), [
      ['ignore[0]', 'each pattern in "ignore" must be text in double quotes, such as "drafts/**"; found a list.'],
      ['ignore[1]', 'each pattern in "ignore" must be text in double quotes, such as "drafts/**"; found an object.'],
    ]);
    assert.deepEqual(validateConfig({ rules: { syntax: ['off'] } }).problems.map((x) => x.message), ['a list is not a level; use "error", "warning", "information", "hint" or "off".']);
    assert.deepEqual(validateConfig({ similarity: { threshold: {} } }).problems.map((x) => x.message), ['the threshold must be a number from 0 to 1, such as 0.7; found an object.']);
    assert.deepEqual(validateConfig({ $schema: 3 }).problems.map((x) => [x.path, x.message]), [['$schema', '"$schema" must be the path or address of the schema, in double quotes; found 3.']]);
  });

  it('an unknown key, with the key meant; not an object at all', () => {
    assert.deepEqual(validateConfig({ measureNumberin: 'continuous' }).problems.map((x) => [x.path, x.message]), [
      ['measureNumberin', 'unknown key "measureNumberin" (did you mean "measureNumbering"?). The keys are rules, measureNumbering, similarity, lineWidth, lineNumbering, ignore.'],
    ]);
    assert.match(validateConfig([]).problems[0].message, /^the configuration must be a JSON object/);
    assert.match(validateConfig(null).problems[0].message, /found null\.$/);
  });
});

describe('configuration: parseConfigText (lines and columns)', () => {
  it('puts each schema problem on the line of its key or value', () => {
    const text = '{\n  "rules": {\n    "measure-numbering": "eror",\n    "unused-labl": "off"\n  },\n  "ignore": ["a", 3]\n}\n';
    const reading = parseConfigText(text, 'x.json');
    assert.deepEqual(
      reading.problems.map((p) => [p.path, p.line, p.character, p.span && text.slice(p.span.start, p.span.end)]),
      [
        ['rules.measure-numbering', 2, 25, '"eror"'],
        ['rules.unused-labl', 3, 4, '"unused-labl"'],
        ['ignore[1]', 5, 18, '3'],
      ],
    );
    assert.deepEqual(reading.config, {});
  });

  it('reports JSON syntax errors with the slip and its line', () => {
    assert.deepEqual(problems('{\n  "ignore": ["a"],\n}\n'), [['', 2, 'a comma after the last entry is not allowed in JSON. Remove it.']]);
    assert.deepEqual(problems('{\n  "ignore": ["a",]\n}'), [['', 2, 'a comma after the last item is not allowed in JSON. Remove it.']]);
    assert.deepEqual(problems('{\n  // kommentar\n  "ignore": []\n}'), [['', 2, 'JSON does not allow comments. Remove the comment.']]);
    assert.deepEqual(problems("{'ignore': []}"), [['', 1, `JSON needs double quotes ("), not single quotes ('). Replace them.`]]);
    assert.deepEqual(problems('{\n  ignore: []\n}'), [['', 2, 'the key ignore must be in double quotes: "ignore".']]);
    assert.deepEqual(problems('{\n  "ignore": []\n  "rules": {}\n}'), [['', 3, 'a comma is missing before this entry. Put "," after the entry above.']]);
    assert.deepEqual(problems('{\n  "measureNumbering": continuous\n}'), [['', 2, 'continuous is not a JSON value. Put text in double quotes ("continuous"); write numbers as 0.7 and yes/no as true/false.']]);
    assert.deepEqual(problems('{\n  "ignore": ["a\n}'), [['', 2, 'this text has no closing double quote on its line. Add the closing ".']]);
    assert.deepEqual(problems('{\n  "ignore": []'), [['', 2, 'the file ends too early: "," or "}" is missing at the end.']]);
    assert.deepEqual(problems('{}\n}'), [['', 2, 'there is more text after the end of the JSON object. Remove it (or the extra "}").']]);
    assert.deepEqual(problems('  \n'), [['', 1, 'the file is empty. Write {} for the defaults, or remove the file.']]);
  });

  it('reports the other JSON slips (read with jsonc-parser) with their line and column', () => {
    const at = (text: string) => parseConfigText(text, 'x.json').problems.map((p) => [p.line !== undefined ? p.line + 1 : undefined, (p.character ?? 0) + 1, p.message]);
    assert.deepEqual(at('{\n  "ignore": ["a\\qb"]\n}'), [[2, 16, 'a backslash in text must start an escape such as \\\\ or \\"; write a folder separator as "/".']]);
    assert.deepEqual(at('{"ignore": ["a\tb"]}'), [[1, 13, 'text in double quotes cannot hold a tab, a line break or another control character. Write a tab as \\t, or remove it.']]);
    assert.deepEqual(at('{\n  "ignore" ["a"]\n}'), [[2, 12, '"[" where ":" after the key was expected.']]);
    assert.deepEqual(at('{"ignore": ["a"\n  "b"]}'), [[2, 3, 'a comma is missing before this item. Put "," after the item above.']]);
    assert.deepEqual(at('{"rules": {"syntax": "off" "unused-label": "off"}}'), [[1, 28, 'a comma is missing before this entry. Put "," after the entry above.']]);
    assert.deepEqual(at('{"similarity": {"threshold": .7}}'), [[1, 30, '"." where a value was expected.']]);
    assert.deepEqual(at('{"measureNumbering": per-pillar}'), [[1, 22, 'per-pillar is not a JSON value. Put text in double quotes ("per-pillar"); write numbers as 0.7 and yes/no as true/false.']]);
    assert.deepEqual(at('/* kommentar */ {}'), [[1, 1, 'JSON does not allow comments. Remove the comment.']]);
    assert.deepEqual(at('{"ignore": []'), [[1, 14, 'the file ends too early: "," or "}" is missing at the end.']]);
    assert.deepEqual(at('{"ignore": ["a"'), [[1, 16, 'the file ends too early: "," or "]" is missing at the end.']]);
  });

  it('finds a key given twice where JSON.parse reads it: the last one', () => {
    const text = '{"measureNumbering": "per-pillar", "measureNumbering": "per-chapter"}';
    const [problem] = parseConfigText(text, 'x.json').problems;
    assert.equal(problem.span && text.slice(problem.span.start, problem.span.end), '"per-chapter"');
  });

  it('reads a key "__proto__" as a key (an unknown one), not as the prototype', () => {
    assert.deepEqual(problems('{"__proto__": {"measureNumbering": "continuous"}}').map(([p, line]) => [p, line]), [['__proto__', 1]]);
  });

  it('tolerates a byte order mark', () => {
    const text = '\uFEFF{"measureNumbering": "continuous"}';
    assert.deepEqual(parseConfigText(text, 'x.json'), { file: 'x.json', text, config: { measureNumbering: 'continuous' }, problems: [] });
  });

  it('formats a problem for the CLI with file, line, column and JSON path', () => {
    const reading = parseConfigText('{\n  "rules": {"syntax": "eror"}\n}', '/p/.programmerc.json');
    assert.equal(formatConfigProblem(reading.file, reading.problems[0]), '/p/.programmerc.json:2:23: configuration error at rules.syntax: "eror" is not a level (did you mean "error"?); use "error", "warning", "information", "hint" or "off".');
    assert.equal(formatConfigProblem('c.json', { path: '', message: 'cannot read the configuration (there is no such file; check the path).' }), 'c.json: configuration error: cannot read the configuration (there is no such file; check the path).');
  });
});

describe('configuration files on disk', () => {
  let root: string;
  const write = (rel: string, text: string) => {
    const file = path.join(root, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
  };

  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'programme-config-'));
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('findConfigFile: the nearest .programmerc.json above, else none (up to the root)', () => {
    write('.programmerc.json', '{}');
    write('a/b/.programmerc.json', '{}');
    mkdirSync(path.join(root, 'a/b/c/d'), { recursive: true });
    assert.equal(findConfigFile(path.join(root, 'a/b/c/d')), path.join(root, 'a/b/.programmerc.json'));
    assert.equal(findConfigFile(path.join(root, 'a')), path.join(root, '.programmerc.json'));
    const cache = new Map<string, string | undefined>();
    assert.equal(findConfigFile(path.join(root, 'a/b/c/d'), cache), path.join(root, 'a/b/.programmerc.json'));
    assert.equal(cache.get(path.join(root, 'a/b/c')), path.join(root, 'a/b/.programmerc.json'));
    rmSync(path.join(root, '.programmerc.json'));
    // A folder named .programmerc.json is not a config file.
    mkdirSync(path.join(root, 'x/.programmerc.json'), { recursive: true });
    const found = findConfigFile(path.join(root, 'x'));
    assert.ok(found === undefined || !found.startsWith(root), String(found));
  });

  it('loadConfigFile: a missing file, text that is not UTF-8, a good file', () => {
    assert.match(loadConfigFile(path.join(root, 'none.json')).problems[0].message, /there is no such file/);
    const bad = path.join(root, 'bad.json');
    writeFileSync(bad, Buffer.from('{\n  "ignore": ["Tr\xf8ndelag"]\n}', 'latin1'));
    const reading = loadConfigFile(bad);
    assert.equal(formatConfigProblem(bad, reading.problems[0]), `${bad}:2:17: configuration error: the file is not UTF-8 text (byte 0xF8). Save it as UTF-8.`);
    assert.equal(reading.text, '');
    assert.deepEqual(loadConfigFile(write('ok.json', '{"ignore": ["x"]}')).config, { ignore: ['x'] });
  });

  it('ignoreMatcher: names at any depth, anchored paths, folders', () => {
    const config = write('.programmerc.json', '{}');
    const ignored = ignoreMatcher(config, ['*.old.programme', 'drafts', 'archive/2019/**', '/top.programme']);
    const at = (rel: string) => ignored(path.join(root, rel));
    assert.equal(at('a/b.old.programme'), true);
    assert.equal(at('drafts/x.programme'), true);
    assert.equal(at('a/drafts/x.programme'), true);
    assert.equal(at('archive/2019/x.programme'), true);
    assert.equal(at('archive/2020/x.programme'), false);
    assert.equal(at('top.programme'), true);
    assert.equal(at('a/top.programme'), false);
    assert.equal(at('a/x.programme'), false);
    assert.equal(ignored(path.join(os.tmpdir(), 'elsewhere.old.programme')), false);
  });

  it('ConfigResolver: reads a config file once per language of messages', () => {
    write('.programmerc.json', '{"measureNumbering": 1}');
    const file = write('x.programme', '');
    const resolver = new ConfigResolver();
    const en = resolver.forFile(file);
    assert.equal(resolver.forFile(file), en);
    const nb = inLanguage('nb', () => resolver.forFile(file));
    assert.notEqual(nb, en);
    assert.equal(inLanguage('nb', () => resolver.forFile(file)), nb);
    assert.equal(resolver.forFile(file), en);
  });

  it('ConfigResolver: --config wins over the nearest file', () => {
    write('.programmerc.json', '{"measureNumbering": "continuous"}');
    const other = write('other.json', '{"measureNumbering": "per-section"}');
    const file = write('a/x.programme', '');
    assert.equal(new ConfigResolver().forFile(file)?.config.measureNumbering, 'continuous');
    assert.equal(new ConfigResolver(other).forFile(file)?.config.measureNumbering, 'per-section');
  });

  describe('programme check', () => {
    const DOC = '# 1. A {#a}\n\n1. En.\n3. Tre.\n';

    it('uses the nearest .programmerc.json above each file', async () => {
      write('a/.programmerc.json', '{"rules": {"measure-numbering": "warning", "unused-label": "off"}}');
      write('a/x.programme', DOC);
      write('b/y.programme', DOC);
      const r = await run('check', root);
      assert.equal(r.code, 1);
      assert.match(r.out, /a\/x\.programme:4:1: warning measure-numbering/);
      assert.match(r.out, /b\/y\.programme:4:1: error measure-numbering/);
      assert.doesNotMatch(r.out, /a\/x\.programme.*unused-label/);
      assert.match(r.out, /b\/y\.programme:1:8: hint unused-label/);
    });

    it('--config overrides the search', async () => {
      write('.programmerc.json', '{"rules": {"measure-numbering": "off"}}');
      const other = write('strict.json', '{"rules": {"unused-label": "error"}}');
      const file = write('x.programme', DOC);
      assert.equal((await run('check', file)).code, 0);
      const r = await run('check', '--config', other, file);
      assert.equal(r.code, 1);
      assert.match(r.out, /x\.programme:1:8: error unused-label/);
      assert.match(r.out, /x\.programme:4:1: error measure-numbering/);
    });

    it('skips files matched by ignore when searching a folder, but checks a file named on the command line', async () => {
      write('.programmerc.json', '{"ignore": ["drafts"]}');
      write('x.programme', '# 1. A\n\n1. En.\n');
      const draft = write('drafts/y.programme', DOC);
      const r = await run('check', root);
      assert.equal(r.code, 0);
      assert.match(r.out, /in 1 file\.$/);
      const named = await run('check', root, draft);
      assert.equal(named.code, 1);
      assert.match(named.out, /drafts\/y\.programme:4:1: error measure-numbering/);
    });

    it('stops with exit 2 on a broken config, naming the file, line, JSON path and what to do', async () => {
      const config = write('.programmerc.json', '{\n  "rules": {\n    "measure-numbering": "eror"\n  }\n}\n');
      write('x.programme', DOC);
      const r = await run('check', root);
      assert.equal(r.code, 2);
      assert.equal(r.err, `${config}:3:26: configuration error at rules.measure-numbering: "eror" is not a level (did you mean "error"?); use "error", "warning", "information", "hint" or "off".`);
      assert.equal(r.out, '');
      writeFileSync(config, '{"rules": {},}');
      const s = await run('check', root);
      assert.equal(s.code, 2);
      assert.equal(s.err, `${config}:1:13: configuration error: a comma after the last entry is not allowed in JSON. Remove it.`);
    });

    it('stops with exit 2 when --config names a file that cannot be read', async () => {
      const file = write('x.programme', DOC);
      const r = await run('check', '--config', path.join(root, 'nope.json'), file);
      assert.equal(r.code, 2);
      assert.equal(r.err, `${path.join(root, 'nope.json')}: configuration error: cannot read the configuration (there is no such file; check the path).`);
    });

    it('reports a broken config once for all the files under it, and still checks the others', async () => {
      const config = write('a/.programmerc.json', '{"measureNumbering": 1}');
      write('a/x.programme', DOC);
      write('a/y.programme', DOC);
      write('b/z.programme', '# 1. A\n\n1. En.\n');
      const r = await run('check', root);
      assert.equal(r.code, 2);
      assert.equal(r.err, `${config}:1:22: configuration error at measureNumbering: 1 is not a numbering mode; use "per-pillar", "per-section" or "continuous" (see docs/configuration.md).`);
      assert.match(r.out, /No errors or warnings in 1 file/);
    });

    it('reports a config that is not JSON once, naming its line, and still checks the files outside it', async () => {
      const config = write('a/.programmerc.json', '# settings\nmeasureNumbering = "continuous"\n');
      write('a/x.programme', DOC);
      write('b/z.programme', '# 1. A\n\n1. En.\n');
      const r = await run('check', root);
      assert.equal(r.code, 2);
      assert.equal(r.err, `${config}:1:1: configuration error: "#" where a value was expected.`);
      assert.equal(r.out, 'No errors or warnings in 1 file.');
    });

    it('reports a config that is not UTF-8 with its line and column, and still checks the files outside it', async () => {
      const config = path.join(root, 'a', '.programmerc.json');
      mkdirSync(path.dirname(config), { recursive: true });
      writeFileSync(config, Buffer.from('{"ignore": ["\xe6"]}', 'latin1'));
      write('a/x.programme', DOC);
      write('b/z.programme', '# 1. A\n\n1. En.\n');
      const r = await run('check', root);
      assert.equal(r.code, 2);
      assert.equal(r.err, `${config}:1:14: configuration error: the file is not UTF-8 text (byte 0xE6). Save it as UTF-8.`);
      assert.equal(r.out, 'No errors or warnings in 1 file.');
    });
  });

  describe('measureNumbering end to end', () => {
    const SECTIONS = '# 1. Arbeid\n\n## 1.1 Industri\n\n1. En.\n2. To.\n3. Tre.\n\n## 1.2 Reiseliv\n\n1. En, se [[1.1.3]].\n';

    it('per-pillar (default): a restart under a sub-section is a numbering error, and [[1.1.3]] names nothing', async () => {
      const file = write('x.programme', SECTIONS);
      const r = await run('check', file);
      assert.equal(r.code, 1);
      assert.match(r.out, /x\.programme:11:1: error measure-numbering Measure number 1 is out of order; expected 4 after 3 in pillar 1\./);
      assert.match(r.out, /x\.programme:11:11: error unresolved-reference The reference "\[\[1\.1\.3\]\]" has the form of a measure within a sub-section/);
    });

    it('per-section: numbering restarts in each numbered sub-section, ids and references are 1.1.3', async () => {
      write('.programmerc.json', '{"measureNumbering": "per-section"}');
      const file = write('x.programme', SECTIONS);
      const r = await run('check', file);
      assert.equal(r.code, 0, r.out);
      const outline = await run('outline', file);
      assert.match(outline.out, /^ {4}1\.1\.3 Tre\.  \(line 7\)$/m);
      assert.match(outline.out, /^ {4}1\.2\.1 En, se \[\[1\.1\.3\]\]\.  \(line 11\)$/m);
    });

    it('continuous: numbers run through the document, ids are N, pillars by label', async () => {
      write('.programmerc.json', '{"measureNumbering": "continuous"}');
      const file = write('x.programme', '# 1. Arbeid {#arbeid}\n\n1. En.\n2. To.\n\n# 2. Klima\n\n3. Tre, se [[2]] og [[#arbeid]].\n4. Fire, se [[1.2]].\n');
      const r = await run('check', file);
      assert.equal(r.code, 1);
      const errors = r.out.split('\n').filter((l) => / error /.test(l));
      assert.equal(errors.length, 1, r.out);
      assert.match(errors[0], /x\.programme:9:13: error unresolved-reference The reference "\[\[1\.2\]\]" is not a reference this document can use.*Did you mean "\[\[2\]\]"\?/);
      const outline = await run('outline', file);
      assert.match(outline.out, /^ {2}3 Tre, se \[\[2\]\] og \[\[#arbeid\]\]\.  \(line 8\)$/m);
      // A per-pillar restart is an error in continuous mode.
      const restart = write('y.programme', '# 1. A\n\n1. En.\n\n# 2. B\n\n1. To.\n');
      assert.match((await run('check', restart)).out, /y\.programme:7:1: error measure-numbering Measure number 1 repeats 1; expected 2 in the document\./);
    });
  });
});
