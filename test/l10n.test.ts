/**
 * Languages (issue 12; server/src/l10n/index.ts, docs/glossary.md):
 * - the choice of language: tags and locales, the environment in gettext's order, the front matter's
 *   `lang`, the editor's and the command line's order of precedence;
 * - the bundles: every English string of the sources in every translation, with the same
 *   placeholders, and the committed English bundles equal to what the sources say (scripts/l10n.mjs);
 * - no English left: every fixture's diagnostics (messages, related information, fix titles), and the
 *   hovers and code actions on them, in nb, nn and de hold no English sentence;
 * - the CLI with `--lang` and with `LANG=nb_NO.UTF-8`, whose JSON output keeps the stable code.
 * The language server's choice (`programme.language`, and `auto` with a `lang: nn` programme) is
 * tested in lsp.test.ts, with a server process.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  commandLineLanguage,
  currentLanguage,
  declaredLanguage,
  declaredLanguageTag,
  editorLanguage,
  inLanguage,
  languageFromEnvironment,
  languageOfTag,
  listOf,
  repeated,
  type Language,
} from '../server/src/l10n/index';
import * as l10n from '@vscode/l10n';
import { analyse } from '../server/src/rules/index';
import { hover } from '../server/src/features/hover';
import { codeActions } from '../server/src/features/codeActions';
import { toLspDiagnostics } from '../server/src/lsp/convert';
import { main, type Io } from '../server/src/cli/main';
// @ts-expect-error: a JavaScript module without types
import { problems } from '../scripts/l10n.mjs';

const TRANSLATED: Language[] = ['nb', 'nn', 'de'];

describe('languages: the choice', () => {
  it('reads language tags, locales and ISO 639-2 codes', () => {
    const cases: [string | undefined, Language | undefined][] = [
      ['nb', 'nb'],
      ['nb-NO', 'nb'],
      ['nb_NO.UTF-8', 'nb'],
      ['NB_no.utf8', 'nb'],
      ['nob', 'nb'],
      ['no', 'nb'],
      ['no_NO.UTF-8', 'nb'],
      ['nn', 'nn'],
      ['nn_NO@nynorsk', 'nn'],
      ['nno', 'nn'],
      ['no-NY', 'nn'],
      ['no_NO@nynorsk', 'nn'],
      ['de', 'de'],
      ['de-AT', 'de'],
      ['de_CH.UTF-8', 'de'],
      ['ger', 'de'],
      ['en_GB.UTF-8', 'en'],
      ['en-US', 'en'],
      ['C', undefined],
      ['C.UTF-8', undefined],
      ['POSIX', undefined],
      ['fr_FR.UTF-8', undefined],
      ['norsk', undefined],
      ['', undefined],
      [undefined, undefined],
    ];
    for (const [tag, want] of cases) assert.equal(languageOfTag(tag), want, String(tag));
  });

  it('follows gettext: LANGUAGE first unless the locale is C, then LC_ALL, LC_MESSAGES, LANG', () => {
    assert.equal(languageFromEnvironment({ LANG: 'nb_NO.UTF-8' }), 'nb');
    assert.equal(languageFromEnvironment({ LANG: 'en_US.UTF-8', LC_MESSAGES: 'de_DE.UTF-8' }), 'de');
    assert.equal(languageFromEnvironment({ LANG: 'en_US.UTF-8', LC_MESSAGES: 'de_DE.UTF-8', LC_ALL: 'nn_NO.UTF-8' }), 'nn');
    assert.equal(languageFromEnvironment({ LANGUAGE: 'nn:nb', LANG: 'en_US.UTF-8' }), 'nn');
    assert.equal(languageFromEnvironment({ LANGUAGE: 'fr:de', LANG: 'en_US.UTF-8' }), 'de', 'the first language of ours in the list');
    assert.equal(languageFromEnvironment({ LANGUAGE: 'fr', LANG: 'nb_NO.UTF-8' }), 'nb', 'none of ours in LANGUAGE: the locale');
    assert.equal(languageFromEnvironment({ LANGUAGE: 'nn', LC_ALL: 'C' }), undefined, 'LANGUAGE is ignored under the C locale');
    assert.equal(languageFromEnvironment({ LANG: 'C.UTF-8' }), undefined);
    assert.equal(languageFromEnvironment({ LC_ALL: '', LANG: 'de_DE.UTF-8' }), 'de', 'an empty variable counts as unset');
    assert.equal(languageFromEnvironment({}), undefined);
  });

  it("reads the front matter's lang without parsing the document", () => {
    assert.equal(declaredLanguageTag('---\ntitle: X\nlang: nn\n---\n# 1. A\n'), 'nn');
    assert.equal(declaredLanguageTag('\ufeff---\r\nlang: "de-AT" # tysk\r\n---\r\n'), 'de-AT');
    assert.equal(declaredLanguageTag("---\nlang: 'nb'\n...\n"), 'nb');
    assert.equal(declaredLanguageTag('---\ntitle: X\n---\nlang: nn\n'), undefined, 'after the front matter');
    assert.equal(declaredLanguageTag('# 1. A\n\nlang: nn\n'), undefined, 'no front matter');
    assert.equal(declaredLanguageTag('---\n  lang: nn\n---\n'), undefined, 'not a top-level key');
    assert.equal(declaredLanguageTag('---\nlanguage: nn\n---\n'), undefined);
    assert.equal(declaredLanguage('---\nlang: norsk\n---\n'), undefined, 'a lang that is none of ours');
  });

  it('chooses for the editor: the setting, then the lang of the programme, then the display language, then English', () => {
    const nynorsk = '---\nlang: nn\n---\n';
    assert.equal(editorLanguage('de', nynorsk, 'nb'), 'de');
    assert.equal(editorLanguage('auto', nynorsk, 'de'), 'nn');
    assert.equal(editorLanguage(undefined, nynorsk, 'de'), 'nn');
    assert.equal(editorLanguage('auto', '# 1. A\n', 'de'), 'de');
    assert.equal(editorLanguage('auto', '# 1. A\n', 'en'), 'en');
    assert.equal(editorLanguage('auto', '# 1. A\n', 'fr'), 'en');
    assert.equal(editorLanguage('auto', '# 1. A\n', undefined), 'en');
  });

  it('chooses for the command line: --lang, then the environment, then the lang of the file, then English', () => {
    const nynorsk = '---\nlang: nn\n---\n';
    assert.equal(commandLineLanguage('de', { LANG: 'nb_NO.UTF-8' }, nynorsk), 'de');
    assert.equal(commandLineLanguage(undefined, { LANG: 'nb_NO.UTF-8' }, nynorsk), 'nb');
    assert.equal(commandLineLanguage(undefined, { LANG: 'C.UTF-8' }, nynorsk), 'nn');
    assert.equal(commandLineLanguage(undefined, {}, '# 1. A\n'), 'en');
  });

  it('makes messages in the language asked for, and restores the one before', () => {
    assert.equal(currentLanguage(), 'en');
    assert.equal(
      inLanguage('nb', () => listOf(['1.2', '1.3', '1.4'])),
      '1.2, 1.3 og 1.4',
    );
    assert.equal(inLanguage('de', () => listOf(['A', 'B'])), 'A und B');
    assert.throws(() => inLanguage('nn', () => { throw new Error('x'); }));
    assert.equal(currentLanguage(), 'en');
  });

  it('makes a repeated message as l10n.t makes it, in every language', () => {
    // The messages of duplicate-measure, as the rule makes them, and templates with odd braces.
    const templates = ['Measure {0} has the same text as measure {1} ("{2}").', 'Measure {0} has the same text', 'Remove one of them.'];
    const odd = ['{0} and {0}', '{} {0}', '{a{0}} {1', 'no {#label} {1}{0}', '{ 0}', 'x {0'];
    const argLists: (string | number)[][] = [[], ['1.2'], ['1.2', '3.4'], ['1.2', '3.4', 'Styrke {0} «skolen» $& $1 …'], [7, '{1}', '{#x}']];
    for (const language of ['en', 'nb', 'nn', 'de'] as const) {
      inLanguage(language, () => {
        for (const template of templates) {
          const made = repeated(l10n.t(template));
          for (const args of argLists) assert.equal(made(...args), l10n.t(template, ...args), `${language}: ${template} ${JSON.stringify(args)}`);
        }
      });
    }
    // With every argument but one given: the same message.
    for (const language of ['en', 'nb', 'de'] as const) {
      inLanguage(language, () => {
        const made = repeated(l10n.t(templates[0]));
        assert.equal(made.but(0, '', '1.1', 'Styrke {0} $&')('2.1'), l10n.t(templates[0], '2.1', '1.1', 'Styrke {0} $&'));
        assert.equal(made.but(2, '2.1', '1.1')('{1}'), l10n.t(templates[0], '2.1', '1.1', '{1}'));
        assert.equal(repeated(l10n.t(templates[2])).but(0)('x'), l10n.t(templates[2]));
      });
    }
    for (const template of odd) assert.equal(repeated(template).but(0, '', 'b')('a'), l10n.t(template, 'a', 'b'), template);
    // Not in the bundles: the template as written, with @vscode/l10n's substitution.
    for (const template of odd) for (const args of argLists) assert.equal(repeated(template)(...args), l10n.t(template, ...args), `${template} ${JSON.stringify(args)}`);
    assert.equal(inLanguage('nb', () => repeated(l10n.t(templates[0]))('2.1', '1.1', 'Styrke')), 'Tiltak 2.1 har samme tekst som tiltak 1.1 («Styrke»).');
  });
});

describe('languages: the bundles', function () {
  this.timeout(60_000);

  it('have every string of the sources, in every language, with the same placeholders (npm run l10n)', async () => {
    const found: string[] = await problems();
    assert.deepEqual(found, []);
  });
});

/** Every `*.programme` file under `dir`. */
function programmes(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...programmes(full));
    else if (name.endsWith('.programme')) out.push(full);
  }
  return out;
}

/**
 * English words that no nb, nn or de sentence has (lower case, whole words). Quoted text, code,
 * labels and references are taken out first: they are the writer's words or the format's.
 */
const ENGLISH = /(?<![\p{L}\p{N}])(the|is|are|should|with|this|that|which|expected|measure|measures|pillar|pillars|number|line|after|before|has|have|does|would|write|remove|text|found|missing|label|reference|heading|please)(?![\p{L}\p{N}])/u;

/**
 * `text` without Markdown's backslash escapes (hovers are Markdown), and without what is quoted or is
 * code: "…", «…», „…“, `…`, {#…}, [[…]], and setting and file names.
 */
function ownWords(text: string): string {
  return text
    .replace(/\\([\\`*{}[\]()#+\-.!_>~|])/g, '$1')
    .replace(/"[^"\n]*"/g, ' ')
    .replace(/«[^»\n]*»/g, ' ')
    .replace(/„[^“\n]*“/g, ' ')
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/\{#[^}\n]*\}/g, ' ')
    .replace(/\[\[[^\]\n]*\]\]/g, ' ')
    .replace(/[\w.-]*\.(programmerc\.json|programme|json|md)\b/g, ' ')
    .replace(/\b[a-z]+(-[a-z]+)+\b/g, ' ')
    .replace(/\bprogramme\.[A-Za-z.]+/g, ' ');
}

describe('languages: no English left in nb, nn and de', function () {
  this.timeout(120_000);
  const files = [...programmes('test/fixtures'), 'examples/lokalvalget-2023.programme'];

  for (const language of TRANSLATED) {
    it(`${language}: every fixture's diagnostics, related information, fixes, hovers and code actions`, () => {
      const english: string[] = [];
      let texts = 0;
      for (const file of files) {
        const text = readFileSync(file, 'utf8');
        inLanguage(language, () => {
          const { programme: p, diagnostics } = analyse(text);
          const uri = `file:///${path.basename(file)}`;
          const said: string[] = [];
          for (const d of diagnostics) {
            said.push(d.message, ...(d.related ?? []).map((r) => r.message), ...(d.fixes ?? []).map((f) => f.title));
          }
          const lsp = toLspDiagnostics(diagnostics, p.lines, uri);
          for (const d of lsp) {
            for (const action of codeActions(p, uri, d.range, [d], undefined, {})) said.push(action.title);
            const h = hover(p, d.range.start);
            if (h !== null && typeof h.contents === 'object' && 'value' in h.contents) said.push(h.contents.value);
          }
          for (const m of p.measures) {
            const h = hover(p, p.lines.positionAt(m.numberSpan.start));
            if (h !== null && typeof h.contents === 'object' && 'value' in h.contents) said.push(h.contents.value);
          }
          for (const s of said) {
            texts++;
            const m = ENGLISH.exec(ownWords(s));
            if (m !== null) english.push(`${file}: "${m[1]}" in: ${s}`);
          }
        });
      }
      assert.ok(texts > 200, `${texts} texts were looked at`);
      assert.deepEqual(english.slice(0, 40), [], `${english.length} texts with English words`);
    });
  }
});

describe('languages: the command line', function () {
  this.timeout(60_000);
  let dir: string;
  let file: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'programme-l10n-'));
    file = path.join(dir, 'skole.programme');
    writeFileSync(file, '---\ntitle: Skule\nlang: nn\n---\n\n# 1. Skule\n\n1. Tilsetje fleire lærarar.\n3. Byggje nye skular.\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function run(env: Io['env'], ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t), env });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('prints the whole report in the language of --lang', async () => {
    const r = await run({ LANG: 'en_US.UTF-8' }, 'check', '--lang', 'de', file);
    assert.equal(r.out, [`${file}:9:1: Fehler measure-numbering ${inLanguage('de', () => analyse(readFileSync(file, 'utf8')).diagnostics[0].message)}`, '1 Fehler, 0 Warnungen in 1 Datei.'].join('\n'));
    assert.equal(r.code, 1);
  });

  it('prints the whole report in Bokmål with LANG=nb_NO.UTF-8, and in the file\'s own Nynorsk without a language', async () => {
    const nb = await run({ LANG: 'nb_NO.UTF-8' }, 'check', file);
    assert.equal(nb.out, [`${file}:9:1: feil measure-numbering Tiltak nummer 3 hopper over 2; etter 1 i kapittel 1 skal det komme 2.`, '1 feil, 0 advarsler i 1 fil.'].join('\n'));
    const nn = await run({ LANG: 'C.UTF-8' }, 'check', file);
    assert.match(nn.out, /^.*:9:1: feil measure-numbering .*\n1 feil, 0 åtvaringar i 1 fil\.$/);
  });

  it('keeps the code and severity of the JSON output in every language, and only the message changes', async () => {
    const en = JSON.parse((await run({}, 'check', '--lang', 'en', '--format', 'json', file)).out) as { code: string; severity: string; message: string }[];
    const nb = JSON.parse((await run({}, 'check', '--lang', 'nb', '--format', 'json', file)).out) as { code: string; severity: string; message: string }[];
    assert.deepEqual(
      nb.map((d) => [d.code, d.severity]),
      en.map((d) => [d.code, d.severity]),
    );
    assert.notEqual(nb[0].message, en[0].message);
  });

  it('gives the help and the usage errors in the language of the environment', async () => {
    const help = await run({ LANG: 'nb_NO.UTF-8' }, '--help');
    assert.match(help.out, /^Bruk: programme \[valg\] \[kommando\]$/m);
    const bad = await run({ LANG: 'de_DE.UTF-8' }, 'check', '--format', 'xml', file);
    assert.equal(bad.err, 'Fehler: „xml“ ist kein Wert der Option „-f, --format <Format>“; wählen Sie eines von text, json.\n(„programme --help“ zeigt die Verwendung)');
    assert.equal(bad.code, 2);
    const lang = await run({}, 'check', '--lang', 'fr', file);
    assert.equal(lang.err, 'error: "fr" is not a value of the option "--lang <language>". Choose one of nb, nn, de, en.\n(run "programme --help" for usage)');
    assert.equal(lang.code, 2);
  });
});
