/**
 * Printed line numbers (server/src/amendments/lines.ts, docs/amendments.md "Printed line numbers"): the
 * line breaking rule case by case, the fixtures' `programme lines` output (test/fixtures/amendments/
 * lines-*.programme against lines-*.lines.txt), the example's exact count and fingerprint, the mapping
 * of lines to the source, the blocks' first and last lines, the CLI's options and exit codes.
 *
 * `UPDATE_SNAPSHOTS=1 npx mocha test/amendments/lines.test.ts` rewrites the .lines.txt files; read
 * every rewritten line before committing it.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyse } from '../../server/src/rules/index';
import { breakLines, DEFAULT_LINE_WIDTH, lineNumbersOfBlocks, linesLabel, printedDraft } from '../../server/src/amendments/lines';
import { main, type Io } from '../../server/src/cli/main';

const FIXTURES = path.join('test', 'fixtures', 'amendments');
const EXAMPLE = 'examples/lokalvalget-2023.programme';
const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';

const draftOf = (text: string, options?: Parameters<typeof printedDraft>[1]) => printedDraft(analyse(text).programme, options);
/** `text` broken at `width`, as the lines' texts. */
const broken = (text: string, width: number) => breakLines(text, width).map((l) => text.slice(l.start, l.end));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  // A terminal in English: a file's own `lang: nb` would otherwise choose the language of the messages.
  const io: Io = { env: { LANG: 'en_US.UTF-8' }, out: (t) => out.push(t), err: (t) => err.push(t), stdin: async () => new TextEncoder().encode(readFileSync(EXAMPLE, 'utf8')) };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('printed lines: the breaking rule', () => {
  it('fills a line up to the width, breaking at the last space that fits (the space is not printed)', () => {
    assert.deepEqual(broken('aaa bbb ccc ddd', 7), ['aaa bbb', 'ccc ddd']);
    assert.deepEqual(broken('aaa bbb ccc ddd', 8), ['aaa bbb', 'ccc ddd']);
    assert.deepEqual(broken('aaa bbb ccc ddd', 11), ['aaa bbb ccc', 'ddd']);
    assert.deepEqual(breakLines('aaa bbb ccc', 7).map((l) => l.break), ['space', 'end']);
  });
  it('takes a word that ends exactly at the width on the line', () => {
    assert.deepEqual(broken('abcde fghij', 5), ['abcde', 'fghij']);
    assert.deepEqual(broken('ab cd', 5), ['ab cd']);
  });
  it('breaks after a hyphen between letters or digits, keeping the hyphen on the line', () => {
    assert.deepEqual(broken('Arbeiderparti-ledet regjering', 16), ['Arbeiderparti-', 'ledet regjering']);
    assert.deepEqual(broken('for 2023-2027 og', 9), ['for 2023-', '2027 og']);
    assert.deepEqual(broken('ekte\u2010bindestrek', 6), ['ekte\u2010', 'bindes', 'trek']);
    assert.deepEqual(breakLines('Arbeiderparti-ledet', 16).map((l) => l.break), ['hyphen', 'end']);
  });
  it('does not break after a hyphen next to a blank or a sign: "lære-, og", "-20", " - "', () => {
    assert.deepEqual(broken('mange lære-, og', 11), ['mange', 'lære-, og']);
    assert.deepEqual(broken('plan for -20 grader', 10), ['plan for', '-20 grader']);
    assert.deepEqual(broken('fagbrev - og mer', 9), ['fagbrev -', 'og mer']);
  });
  it('cuts a word longer than a line after width characters, without adding a hyphen', () => {
    assert.deepEqual(broken('arbeidsmiljølovsendringene', 10), ['arbeidsmil', 'jølovsendr', 'ingene']);
    assert.deepEqual(breakLines('arbeidsmiljølovsendringene', 10).map((l) => l.break), ['split', 'split', 'end']);
    assert.deepEqual(broken('ab arbeidsmiljølovsendringene', 10), ['ab', 'arbeidsmil', 'jølovsendr', 'ingene']);
  });
  it('never breaks at a no-break space (U+00A0, U+202F)', () => {
    assert.deepEqual(broken('sette av 1\u00a0000\u00a0000 kroner', 12), ['sette av', '1\u00a0000\u00a0000', 'kroner']);
    assert.deepEqual(broken('3,5\u202fprosent', 5), ['3,5\u202fp', 'rosen', 't']);
  });
  it('counts Unicode code points: an emoji is one character, never cut in half; a combining accent is one of its own', () => {
    assert.deepEqual(broken('😀😀😀😀 x', 3), ['😀😀😀', '😀 x']);
    assert.deepEqual(broken('e\u0301e\u0301 x', 4), ['e\u0301e\u0301', 'x']);
    assert.deepEqual(broken('e\u0301e\u0301e x', 4), ['e\u0301e\u0301', 'e x']);
  });
  it('an empty text is one empty line', () => {
    assert.deepEqual(breakLines('', 10), [{ start: 0, end: 0, break: 'end' }]);
  });
});

describe('printed lines: the draft', () => {
  it('starts every block, sub-point and text after a list on a new line; headings count; comments and labels are not printed', () => {
    const d = draftOf('# 1. Arbeid {#a}\n// ikke trykt\n1. Skape jobber. {#j}\n- i sentrum\n- på bygda\n\nTekst etter.\n', { width: 40 });
    assert.deepEqual(
      d.lines.map((l) => [l.number, l.text, l.block, l.break]),
      [
        [1, '1. Arbeid', 0, 'end'],
        [2, '1. Skape jobber.', 1, 'end'],
        [3, '- i sentrum', 1, 'end'],
        [4, '- på bygda', 1, 'end'],
        [5, 'Tekst etter.', 2, 'end'],
      ],
    );
  });
  it('prints references as the export does ("tiltak 1.1", "kapittel 2") and maps them to their [[…]]', () => {
    const text = '---\ntitle: T\nlang: nb\n---\n# 1. A\n\n1. Skape.\n2. Se [[1.1]] og [[2]].\n\n# 2. B\n\n1. C.\n';
    const d = draftOf(text, { width: 80 });
    const line = d.lines.find((l) => l.text.startsWith('2. Se'))!;
    assert.equal(line.text, '2. Se tiltak 1.1 og kapittel 2.');
    assert.equal(text.slice(line.source.start, line.source.end), '2. Se [[1.1]] og [[2]].');
  });
  it('never breaks a printed reference between its kind word and its number', () => {
    const text = '---\ntitle: T\nlang: nb\n---\n# 1. A\n\n1. Skape.\n2. Se fra [[1.1]] og [[2]] her.\n\n# 2. B\n\n1. C.\n';
    assert.deepEqual(
      draftOf(text, { width: 16 }).lines.filter((l) => l.block === 2).map((l) => l.text),
      ['2. Se fra', 'tiltak 1.1 og', 'kapittel 2 her.'],
    );
    // A kind word the writer wrote is text: "tiltak" and "1.1" may part there.
    assert.deepEqual(
      draftOf(text.replace('fra [[1.1]]', 'tiltak [[1.1]]'), { width: 12 }).lines.filter((l) => l.block === 2).map((l) => l.text),
      ['2. Se tiltak', '1.1 og', 'kapittel 2', 'her.'],
    );
  });
  it('maps every line to the source of its words, across the source lines of a block', () => {
    const text = '# 1. A\n\n1. Alfa beta gamma\n   delta epsilon zeta eta.\n';
    const d = draftOf(text, { width: 12 });
    assert.deepEqual(
      d.lines.map((l) => [l.text, text.slice(l.source.start, l.source.end)]),
      [
        ['1. A', '1. A'],
        ['1. Alfa beta', '1. Alfa beta'],
        ['gamma delta', 'gamma\n   delta'],
        ['epsilon zeta', 'epsilon zeta'],
        ['eta.', 'eta.'],
      ],
    );
  });
  it('takes the width from the option, else the front matter, else the config, else 80', () => {
    const text = '---\ntitle: T\nlineWidth: 30\n---\n1. Ord\n';
    assert.equal(draftOf(text).width, 30);
    assert.equal(draftOf(text, { width: 50 }).width, 50);
    assert.equal(draftOf(text, { config: { lineWidth: 60 } }).width, 30);
    assert.equal(draftOf('1. Ord\n', { config: { lineWidth: 60 } }).width, 60);
    assert.equal(draftOf('1. Ord\n').width, DEFAULT_LINE_WIDTH);
    assert.equal(draftOf('1. Ord\n', { width: 3 }).width, 10, 'clamped to 10');
  });
  it('restarts at 1 at each pillar when asked, and says which pillar', () => {
    const d = draftOf('Forord.\n\n# 1. A\n\n1. B.\n\n# 2. C\n\n1. D.\n', { restart: 'pillar' });
    assert.deepEqual(
      d.lines.map((l) => [l.pillar, l.number, l.text]),
      [
        [undefined, 1, 'Forord.'],
        ['1', 1, '1. A'],
        ['1', 2, '1. B.'],
        ['2', 1, '2. C'],
        ['2', 2, '1. D.'],
      ],
    );
    assert.equal(d.restart, 'pillar');
  });
  it('has a short fingerprint that changes with the text, the width and the numbering, and not otherwise', () => {
    const text = '# 1. A\n\n1. Skape jobber.\n\n# 2. B\n\n1. C.\n';
    const d = draftOf(text);
    assert.match(d.fingerprint, /^[0-9a-f]{8}$/);
    assert.equal(draftOf(text).fingerprint, d.fingerprint);
    assert.equal(draftOf(`// kommentar\n${text}`).fingerprint, d.fingerprint, 'a comment is not printed');
    assert.notEqual(draftOf(text.replace('jobber', 'arbeid')).fingerprint, d.fingerprint);
    assert.notEqual(draftOf(text, { width: 40 }).fingerprint, d.fingerprint);
    assert.notEqual(draftOf(text, { restart: 'pillar' }).fingerprint, d.fingerprint);
  });
  it('gives each block its first and last printed line (for "l. 112–114" in the editor)', () => {
    const text = '# 1. Arbeid\n\n1. Alfa beta gamma delta epsilon zeta eta theta.\n2. Kort.\n';
    assert.deepEqual(lineNumbersOfBlocks(draftOf(text, { width: 20 })), [
      { block: 0, line: 0, offset: 0, first: 1, last: 1 },
      { block: 1, line: 2, offset: text.indexOf('1. Alfa'), first: 2, last: 4 },
      { block: 2, line: 3, offset: text.indexOf('2. Kort'), first: 5, last: 5 },
    ]);
  });
  it('labels a block\'s lines for the editor: "l. 112", "l. 112–114", "ch. 2, l. 12–14"', () => {
    assert.equal(linesLabel({ first: 112, last: 112 }), 'l. 112');
    assert.equal(linesLabel({ first: 112, last: 114 }), 'l. 112–114');
    assert.equal(linesLabel({ first: 12, last: 14, pillar: '2' }), 'ch. 2, l. 12–14');
    assert.equal(linesLabel({ first: 1, last: 1, pillar: '3' }), 'ch. 3, l. 1');
  });
});

describe('printed lines: the example', () => {
  const text = readFileSync(EXAMPLE, 'utf8');
  it(`prints ${EXAMPLE} in exactly 217 lines of at most 80 characters, with a stable fingerprint`, () => {
    const d = draftOf(text);
    assert.equal(d.lines.length, 217);
    assert.equal(d.fingerprint, '0a101fbc');
    assert.deepEqual(
      d.lines.slice(0, 3).map((l) => l.text),
      ['Valgseier i lokalvalget 2023', 'Lokalvalget 2023 er avgjørende for å sikre en rettferdig utvikling av Norge.', 'Valget 2021 ga stor støtte til en ny kurs for Norge og en ny Arbeiderparti-ledet'],
    );
    // "lære-, og": no break after a hyphen before a comma.
    assert.ok(d.lines.some((l) => l.text === 'lære-, og praksisplasser.'));
  });
  it('in 280 lines at width 60, and per pillar from 1 again', () => {
    assert.equal(draftOf(text, { width: 60 }).lines.length, 280);
    const d = draftOf(text, { restart: 'pillar' });
    assert.deepEqual(
      d.lines.filter((l) => l.number === 1).map((l) => [l.pillar, l.text]),
      [
        [undefined, 'Valgseier i lokalvalget 2023'],
        ['1', '1. Skape arbeidsplasser og et seriøst arbeidsliv'],
        ['2', '2. Klima og natur - rammen rundt all politikk'],
        ['3', '3. God helse og livskvalitet for alle'],
        ['4', '4. En god oppvekst varer hele livet'],
        ['5', '5. Levende byer og bygder'],
      ],
    );
  });
});

describe('printed lines: fixtures (programme lines)', () => {
  const files = existsSync(FIXTURES)
    ? readdirSync(FIXTURES)
        .filter((f) => f.startsWith('lines-') && f.endsWith('.programme'))
        .sort()
    : [];
  it('has fixtures', () => assert.ok(files.length >= 5));
  for (const file of files) {
    it(file, async () => {
      const base = path.join(FIXTURES, file.replace(/\.programme$/, ''));
      const config = `${base}.config.json`;
      const { code, out } = await run('lines', path.join(FIXTURES, file), ...(existsSync(config) ? ['--config', config] : []));
      const expectedFile = `${base}.lines.txt`;
      if (UPDATE) writeFileSync(expectedFile, `${out}\n`);
      assert.ok(code === 0 || code === 1, `exit code ${code}`);
      assert.equal(`${out}\n`, readFileSync(expectedFile, 'utf8'));
    });
  }
});

describe('printed lines: programme lines', () => {
  it('prints the header with the fingerprint, then right-aligned numbers', async () => {
    const { code, out, err } = await run('lines', EXAMPLE);
    assert.equal(code, 0, err);
    const lines = out.split('\n');
    assert.equal(lines[0], `${EXAMPLE}: 217 lines of at most 80 characters, numbered through the document; fingerprint 0a101fbc`);
    assert.equal(lines[1], '  1  Valgseier i lokalvalget 2023');
    assert.equal(lines[217], '217  ' + draftOf(readFileSync(EXAMPLE, 'utf8')).lines[216].text);
    assert.equal(lines.length, 218);
  });
  it('takes --width, --restart and standard input', async () => {
    const { code, out } = await run('lines', '-', '--width', '60', '--restart', 'pillar');
    assert.equal(code, 0);
    assert.match(out.split('\n')[0], /^<stdin>: 280 lines of at most 60 characters, numbered from 1 in each pillar; fingerprint [0-9a-f]{8}$/);
  });
  it('refuses a width that is not a whole number from 10 to 1000 (exit 2)', async () => {
    for (const width of ['5', '1001', 'åtti', '80.5']) {
      const { code, out, err } = await run('lines', EXAMPLE, '--width', width);
      assert.equal(code, 2, width);
      assert.equal(out, '');
      assert.equal(err, `--width must be a whole number of characters from 10 to 1000, such as 80; found "${width}".`);
    }
  });
  it('exit 2 for an unknown numbering or a missing file; 1 when the programme has errors (printed all the same)', async () => {
    assert.equal((await run('lines', EXAMPLE, '--restart', 'chapter')).code, 2);
    const missing = await run('lines', 'test/fixtures/amendments/no-such-file.programme');
    assert.equal(missing.code, 2);
    assert.equal(missing.out, '');
    const errors = await run('lines', path.join(FIXTURES, 'lines-references.programme'), '--lang', 'en');
    assert.equal(errors.code, 1);
    assert.match(errors.err, /unresolved-reference/);
    assert.match(errors.err, /Printed, but the programme has 1 error \(above\); it is printed as it reads\.$/);
    assert.equal(errors.out.split('\n').length, 19);
  });
  it('speaks the language of messages (--help and the header)', async function () {
    const help = await run('lines', '--help', '--lang', 'nb');
    assert.equal(help.code, 0);
    assert.match(help.out, /^Bruk: programme lines/);
    const key = '{0}: {1} lines of at most {2} characters, numbered through the document; fingerprint {3}';
    const partFile = 'server/src/l10n/parts/lines.nb.json';
    const part = (existsSync(partFile) ? JSON.parse(readFileSync(partFile, 'utf8')) : {}) as Record<string, string>;
    const bundle = JSON.parse(readFileSync('server/src/l10n/bundles/bundle.l10n.nb.json', 'utf8')) as Record<string, string>;
    assert.equal(part[key] ?? bundle[key], '{0}: {1} linjer på høyst {2} tegn, nummerert gjennom hele dokumentet; fingeravtrykk {3}');
    // The parts are merged into the bundles by the lead (scripts/l10n.mjs --merge); until then the CLI speaks English here.
    if (bundle[key] === undefined) this.skip();
    const nb = await run('lines', EXAMPLE, '--lang', 'nb');
    assert.equal(nb.out.split('\n')[0], `${EXAMPLE}: 217 linjer på høyst 80 tegn, nummerert gjennom hele dokumentet; fingeravtrykk 0a101fbc`);
    assert.match(help.out, /fingeravtrykket/);
  });
});

describe('docs/amendments.md, "Printed line numbers"', () => {
  it('prints what the page shows for its example', async () => {
    const page = readFileSync('docs/amendments.md', 'utf8');
    const start = page.indexOf('\n## Printed line numbers\n');
    assert.ok(start >= 0, 'the section is there');
    const next = page.indexOf('\n## ', start + 1);
    const section = page.slice(start, next < 0 ? page.length : next);
    const file = /```programme ([^\n]+)\n([\s\S]*?)```/.exec(section);
    const shownOutput = /```console\n\$ programme ([^\n]+)\n([\s\S]*?)```/.exec(section);
    assert.ok(file !== null && shownOutput !== null, 'a programme file and a console block');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'programme-lines-'));
    const cwd = process.cwd();
    try {
      writeFileSync(path.join(dir, '.programmerc.json'), '{}\n');
      writeFileSync(path.join(dir, file[1]), file[2]);
      process.chdir(dir);
      const { code, out, err } = await run(...shownOutput[1].split(' '));
      assert.equal(code, 0, err);
      assert.equal(`${out}\n`, shownOutput[2]);
    } finally {
      process.chdir(cwd);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
