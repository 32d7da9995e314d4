/**
 * The `programme` command (server/src/cli/main.ts), run in-process with a capturing io: `check` in
 * text and JSON, exit codes 0/1/2, folders, missing paths, non-UTF-8 files, usage errors, and
 * `outline` in text and JSON (LSP DocumentSymbol[]). One test runs the built bin as a child process.
 *
 * Bad input (issue 7): a file that is not UTF-8, a folder with a file that cannot be read, a missing
 * path — each gets one message naming the file (and line and column), the other files are still
 * checked, and the exit code is 2. Tests run as root, where `chmod 000` does not stop reading, so an
 * unreadable file is a dangling symbolic link named `x.programme` (and a folder named `x.programme`);
 * configs that are not JSON or have a wrong type are in config.test.ts.
 *
 * Standard input (`-`), files named twice, and files that could not be read in `--format json`
 * (entries with the codes `encoding` and `unreadable-file`): stdin comes from the `stdin` reader of
 * `Io`; one test pipes it into the built bin.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main, mayExitAtOnce, type Io } from '../server/src/cli/main';

const EXAMPLE = 'examples/lokalvalget-2023.programme';

/** Runs the CLI with `argv`; returns the exit code and what it wrote, each output as one string. */
async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  return runWithInput(() => Promise.reject(new Error('this test gives no standard input')), ...argv);
}

/**
 * Runs the CLI with `argv` and `input` as standard input (text is sent as UTF-8; a function is the
 * reader itself); `reads` counts how often standard input was read.
 */
async function runWithInput(input: string | Uint8Array | (() => Promise<Uint8Array>), ...argv: string[]): Promise<{ code: number; out: string; err: string; reads: number }> {
  const out: string[] = [];
  const err: string[] = [];
  let reads = 0;
  const read = typeof input === 'function' ? input : () => Promise.resolve(typeof input === 'string' ? Buffer.from(input) : input);
  const io: Io = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    stdin: () => {
      reads++;
      return read();
    },
    // An English environment: the example's `lang: nb` would otherwise choose Bokmål (l10n.test.ts
    // tests the choice of language).
    env: { LANG: 'en_US.UTF-8' },
  };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n'), reads };
}

/** Runs `action` with `dir` as the current folder, and goes back whatever happens. */
async function inFolder<T>(dir: string, action: () => Promise<T>): Promise<T> {
  const before = process.cwd();
  process.chdir(dir);
  try {
    return await action();
  } finally {
    process.chdir(before);
  }
}

const BROKEN_TEXT = '# 1. Arbeid\n\n1. Skape flere arbeidsplasser.\n\n3. Styrke lærlingordningen.\n\n# 3. Skole\n\n1. Ansette flere lærere.\n';
const LATIN1_BYTES = Buffer.concat([Buffer.from('# 1. Arbeid\n\n1. Skape flere arbeidsplasser i '), Buffer.from([0x54, 0x72, 0xf8, 0x6e, 0x64, 0x65, 0x6c, 0x61, 0x67]), Buffer.from('.\n')]);

/** One entry of `check --format json`. */
interface JsonDiagnostic {
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: string;
  code: string;
  message: string;
}

/** A document symbol as `outline --format json` prints it. */
interface JsonSymbol {
  name: string;
  kind: number;
  range: JsonDiagnostic['range'];
  selectionRange: JsonDiagnostic['range'];
  children?: JsonSymbol[];
}

describe('programme CLI', () => {
  let dir: string;
  let clean: string;
  let broken: string;
  let warnOnly: string;
  let latin1: string;
  let bom: string;

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'programme-cli-'));
    clean = path.join(dir, 'ren.programme');
    writeFileSync(clean, '# 1. Arbeid\n\n1. Skape flere arbeidsplasser.\n\n2. Styrke lærlingordningen.\n');
    broken = path.join(dir, 'feil.programme');
    writeFileSync(broken, BROKEN_TEXT);
    warnOnly = path.join(dir, 'advarsel.programme');
    writeFileSync(warnOnly, '# 1. Arbeid\n\n1. Skape flere arbeidsplasser.\n\n2) Styrke lærlingordningen.\n');
    latin1 = path.join(dir, 'latin1.programme');
    writeFileSync(latin1, LATIN1_BYTES);
    bom = path.join(dir, 'bom.programme');
    writeFileSync(bom, '\uFEFF# 0. Arbeid\n\n1. Skape flere arbeidsplasser.\n');
    // A folder tree: programmes at two depths, and files that are not programmes.
    mkdirSync(path.join(dir, 'tre', 'under'), { recursive: true });
    writeFileSync(path.join(dir, 'tre', 'a.programme'), '# 1. A\n\n1. En.\n');
    writeFileSync(path.join(dir, 'tre', 'under', 'b.programme'), '# 1. B\n\n2. To.\n');
    writeFileSync(path.join(dir, 'tre', 'notat.txt'), '# 1. A\n\n5. Ikke et program.\n');
    writeFileSync(path.join(dir, 'tre', 'c.programme.bak'), '# 1. A\n\n5. Ikke et program.\n');
    mkdirSync(path.join(dir, 'tom'));
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  describe('check', () => {
    it('lets the bin end at once after a check, not after another command (mayExitAtOnce)', async () => {
      await run('check', EXAMPLE);
      assert.equal(mayExitAtOnce(), true);
      await run('outline', EXAMPLE);
      assert.equal(mayExitAtOnce(), false);
      await run('check', EXAMPLE);
      assert.equal(mayExitAtOnce(), true);
    });

    it('exits 0 and says so when there are no errors or warnings', async () => {
      const r = await run('check', clean);
      assert.equal(r.code, 0);
      assert.equal(r.out, 'No errors or warnings in 1 file.');
      assert.equal(r.err, '');
    });

    it('prints file:line:col: severity code message (1-based) and exits 1 on errors', async () => {
      const r = await run('check', broken);
      assert.equal(r.code, 1);
      assert.deepEqual(r.out.split('\n'), [
        `${broken}:5:1: error measure-numbering Measure number 3 skips 2; expected 2 after 1 in pillar 1.`,
        `${broken}:7:3: error pillar-numbering Pillar number 3 skips 2; expected 2 after 1.`,
        '2 errors, 0 warnings in 1 file.',
      ]);
    });

    it('exits 0 when there are warnings but no errors', async () => {
      const r = await run('check', warnOnly);
      assert.equal(r.code, 0);
      assert.match(r.out, /:5:2: warning numbering-style /);
      assert.match(r.out, /0 errors, 1 warning in 1 file\.$/);
    });

    it('prints JSON with 0-based LSP ranges and exits 1 on errors', async () => {
      const r = await run('check', '--format', 'json', broken);
      assert.equal(r.code, 1);
      const list = JSON.parse(r.out) as JsonDiagnostic[];
      assert.deepEqual(list, [
        {
          file: broken,
          range: { start: { line: 4, character: 0 }, end: { line: 4, character: 2 } },
          severity: 'error',
          code: 'measure-numbering',
          message: 'Measure number 3 skips 2; expected 2 after 1 in pillar 1.',
        },
        {
          file: broken,
          range: { start: { line: 6, character: 2 }, end: { line: 6, character: 3 } },
          severity: 'error',
          code: 'pillar-numbering',
          message: 'Pillar number 3 skips 2; expected 2 after 1.',
        },
      ]);
    });

    it('prints an empty JSON array for a clean file, and accepts "-f"', async () => {
      const r = await run('check', '-f', 'json', clean);
      assert.equal(r.code, 0);
      assert.deepEqual(JSON.parse(r.out), []);
    });

    it('checks every *.programme below a folder, recursively, and nothing else', async () => {
      const r = await run('check', '--format', 'json', path.join(dir, 'tre'));
      assert.equal(r.code, 1);
      const list = JSON.parse(r.out) as JsonDiagnostic[];
      assert.deepEqual(list.map((d) => [path.relative(dir, d.file), d.code, d.range.start.line]), [[path.join('tre', 'under', 'b.programme'), 'measure-numbering', 2]]);
      const text = await run('check', path.join(dir, 'tre'));
      assert.match(text.out, /1 error, 0 warnings in 2 files\.$/);
    });

    it('checks several paths, files and folders, each file once', async () => {
      const r = await run('check', clean, path.join(dir, 'tre'), path.join(dir, 'tre', 'a.programme'));
      assert.equal(r.code, 1);
      assert.match(r.out, /1 error, 0 warnings in 3 files\.$/);
    });

    it('exits 2 on a missing path, naming it, and still checks the other paths', async () => {
      const missing = path.join(dir, 'finnes-ikke.programme');
      const r = await run('check', missing, clean);
      assert.equal(r.code, 2);
      assert.equal(r.err, `${missing}: no such file or folder. Check the path.`);
      assert.equal(r.out, 'No errors or warnings in 1 file.');
    });

    it('exits 2 on a folder without programmes', async () => {
      const r = await run('check', path.join(dir, 'tom'));
      assert.equal(r.code, 2);
      assert.match(r.err, /tom: no \*\.programme files in this folder\./);
    });

    it('refuses a file that is not UTF-8, naming the file, the line and the column, and exits 2', async () => {
      const r = await run('check', latin1);
      assert.equal(r.code, 2);
      assert.equal(r.err, `${latin1}:3:35: not UTF-8 text (byte 0xF8). Save the file as UTF-8.`);
      assert.equal(r.out, '');
    });

    it('counts the column of a bad byte in characters, after æøå and emoji, as editors do', async () => {
      const file = path.join(dir, 'blandet.programme');
      writeFileSync(file, Buffer.concat([Buffer.from('# 1. Arbeid\r\n\r\n1. Bære 😀 '), Buffer.from([0xe6, 0x41]), Buffer.from('.\n')]));
      const r = await run('check', file);
      assert.equal(r.err, `${file}:3:12: not UTF-8 text (byte 0xE6). Save the file as UTF-8.`);
    });

    it('still checks the other files when one is not UTF-8, and exits 2', async () => {
      const r = await run('check', latin1, clean);
      assert.equal(r.code, 2);
      assert.equal(r.err, `${latin1}:3:35: not UTF-8 text (byte 0xF8). Save the file as UTF-8.`);
      assert.equal(r.out, 'No errors or warnings in 1 file.');
    });

    it('names a file in a folder that cannot be read (a dangling link), checks the others, and exits 2', async () => {
      const folder = path.join(dir, 'med-lenke');
      mkdirSync(folder);
      writeFileSync(path.join(folder, 'a.programme'), '# 1. A\n\n1. En.\n');
      const link = path.join(folder, 'x.programme');
      symlinkSync(path.join(folder, 'finnes-ikke.programme'), link);
      mkdirSync(path.join(folder, 'mappe.programme'));
      const r = await run('check', folder);
      assert.equal(r.code, 2);
      assert.equal(r.err, `${link}: cannot read the file (no such file; if it is a link, what it points to is missing).`);
      assert.equal(r.out, 'No errors or warnings in 1 file.');
    });

    it('names a folder given as a file (a folder named x.programme), checks the others, and exits 2', async () => {
      const folder = path.join(dir, 'x.programme');
      mkdirSync(folder);
      const r = await run('check', folder, clean);
      assert.equal(r.code, 2);
      assert.equal(r.err, `${folder}: no *.programme files in this folder.`);
      assert.equal(r.out, 'No errors or warnings in 1 file.');
    });

    it('does not count a BOM in columns, as editors do not', async () => {
      const r = await run('check', '--format', 'json', bom);
      const list = JSON.parse(r.out) as JsonDiagnostic[];
      assert.deepEqual(list.map((d) => [d.code, d.range.start]), [['pillar-numbering', { line: 0, character: 2 }]]);
    });
  });

  describe('check - (standard input)', () => {
    const brokenLines = (file: string) => [
      `${file}:5:1: error measure-numbering Measure number 3 skips 2; expected 2 after 1 in pillar 1.`,
      `${file}:7:3: error pillar-numbering Pillar number 3 skips 2; expected 2 after 1.`,
    ];

    it('checks the programme on standard input, shown as <stdin>, and exits 1 on errors', async () => {
      const r = await runWithInput(BROKEN_TEXT, 'check', '-');
      assert.equal(r.code, 1);
      assert.deepEqual(r.out.split('\n'), [...brokenLines('<stdin>'), '2 errors, 0 warnings in 1 file.']);
      assert.equal(r.err, '');
      assert.equal(r.reads, 1);
    });

    it('prints <stdin> as the file in JSON', async () => {
      const r = await runWithInput(BROKEN_TEXT, 'check', '--format', 'json', '-');
      assert.equal(r.code, 1);
      const list = JSON.parse(r.out) as JsonDiagnostic[];
      assert.deepEqual(list.map((d) => [d.file, d.code, d.range.start]), [
        ['<stdin>', 'measure-numbering', { line: 4, character: 0 }],
        ['<stdin>', 'pillar-numbering', { line: 6, character: 2 }],
      ]);
    });

    it('mixes - with paths, in the order given, and reads standard input once when - is given twice', async () => {
      const r = await runWithInput(BROKEN_TEXT, 'check', clean, '-', broken, '-');
      assert.equal(r.code, 1);
      assert.deepEqual(r.out.split('\n'), [...brokenLines('<stdin>'), ...brokenLines(broken), '4 errors, 0 warnings in 3 files.']);
      assert.equal(r.reads, 1);
    });

    it('reads nothing from standard input when - is not given', async () => {
      const r = await runWithInput(BROKEN_TEXT, 'check', clean);
      assert.equal(r.code, 0);
      assert.equal(r.reads, 0);
    });

    it('refuses standard input that is not UTF-8, naming <stdin>, the line and the column, and exits 2', async () => {
      const r = await runWithInput(LATIN1_BYTES, 'check', '-', clean);
      assert.equal(r.code, 2);
      assert.equal(r.err, '<stdin>:3:35: not UTF-8 text (byte 0xF8). Send UTF-8 text.');
      assert.equal(r.out, 'No errors or warnings in 1 file.');
    });

    it('says so, and exits 2, when standard input cannot be read', async () => {
      const failing = () => Promise.reject(Object.assign(new Error('read EAGAIN'), { code: 'EAGAIN' }));
      const r = await runWithInput(failing, 'check', '-');
      assert.equal(r.code, 2);
      assert.equal(r.err, '<stdin>: cannot read standard input (EAGAIN).');
      assert.equal(r.out, '');
    });

    it('uses the nearest .programmerc.json above the current folder, or --config', async () => {
      const top = path.join(dir, 'stdin-config');
      const below = path.join(top, 'under');
      mkdirSync(below, { recursive: true });
      writeFileSync(path.join(top, '.programmerc.json'), '{ "rules": { "measure-numbering": "off" } }\n');
      const found = await inFolder(below, () => runWithInput(BROKEN_TEXT, 'check', '-'));
      assert.equal(found.code, 1);
      assert.deepEqual(found.out.split('\n'), [brokenLines('<stdin>')[1], '1 error, 0 warnings in 1 file.']);
      // Outside that folder, the same text gets the defaults; --config brings the file back.
      const outside = await runWithInput(BROKEN_TEXT, 'check', '-');
      assert.match(outside.out, /^2 errors, 0 warnings in 1 file\.$/m);
      const named = await runWithInput(BROKEN_TEXT, 'check', '--config', path.join(top, '.programmerc.json'), '-');
      assert.deepEqual(named.out.split('\n'), [brokenLines('<stdin>')[1], '1 error, 0 warnings in 1 file.']);
    });
  });

  describe('a file named twice is checked once', () => {
    it('as x, ./x and its absolute path: printed as first written', async () => {
      const r = await inFolder(dir, () => run('check', 'feil.programme', './feil.programme', broken));
      assert.equal(r.code, 1);
      assert.deepEqual(r.out.split('\n'), [
        'feil.programme:5:1: error measure-numbering Measure number 3 skips 2; expected 2 after 1 in pillar 1.',
        'feil.programme:7:3: error pillar-numbering Pillar number 3 skips 2; expected 2 after 1.',
        '2 errors, 0 warnings in 1 file.',
      ]);
    });

    it('as a file and through the folder that holds it, in either order', async () => {
      const fileFirst = await inFolder(dir, () => run('check', './tre/under/b.programme', 'tre'));
      assert.deepEqual(fileFirst.out.split('\n'), [
        './tre/under/b.programme:3:1: error measure-numbering Measure number 2 should be 1, as the first in pillar 1.',
        '1 error, 0 warnings in 2 files.',
      ]);
      const folderFirst = await inFolder(dir, () => run('check', 'tre', './tre/under/b.programme'));
      assert.deepEqual(folderFirst.out.split('\n'), [
        `${path.join('tre', 'under', 'b.programme')}:3:1: error measure-numbering Measure number 2 should be 1, as the first in pillar 1.`,
        '1 error, 0 warnings in 2 files.',
      ]);
    });

    it('through a symbolic link to it', async () => {
      const link = path.join(dir, 'lenke-til-feil.programme');
      symlinkSync(broken, link);
      const r = await run('check', '--format', 'json', link, broken);
      assert.deepEqual((JSON.parse(r.out) as JsonDiagnostic[]).map((d) => [d.file, d.code]), [
        [link, 'measure-numbering'],
        [link, 'pillar-numbering'],
      ]);
    });

    it('found in a folder where "ignore" skips it, and named as well: checked, as it is named', async () => {
      const folder = path.join(dir, 'ignorert');
      mkdirSync(folder);
      writeFileSync(path.join(folder, '.programmerc.json'), '{ "ignore": ["gammel.programme"] }\n');
      writeFileSync(path.join(folder, 'gammel.programme'), '# 1. A\n\n2. To.\n');
      writeFileSync(path.join(folder, 'ny.programme'), '# 1. A\n\n1. En.\n');
      const searched = await inFolder(dir, () => run('check', 'ignorert'));
      assert.equal(searched.out, 'No errors or warnings in 1 file.');
      const named = await inFolder(dir, () => run('check', 'ignorert', './ignorert/gammel.programme'));
      assert.equal(named.code, 1);
      assert.deepEqual(named.out.split('\n'), [
        `${path.join('ignorert', 'gammel.programme')}:3:1: error measure-numbering Measure number 2 should be 1, as the first in pillar 1.`,
        '1 error, 0 warnings in 2 files.',
      ]);
    });
  });

  describe('check --format json: files that could not be read', () => {
    it('gives a file that is not UTF-8 an "encoding" entry at the first bad byte, and exits 2', async () => {
      const r = await run('check', '--format', 'json', latin1, clean);
      assert.equal(r.code, 2);
      assert.equal(r.err, '');
      assert.deepEqual(JSON.parse(r.out), [
        {
          file: latin1,
          range: { start: { line: 2, character: 34 }, end: { line: 2, character: 34 } },
          severity: 'error',
          code: 'encoding',
          message: 'not UTF-8 text (byte 0xF8). Save the file as UTF-8.',
        },
      ]);
    });

    it('uses the message of the text output, which puts the place in front', async () => {
      const json = JSON.parse((await run('check', '-f', 'json', latin1)).out) as JsonDiagnostic[];
      const text = await run('check', latin1);
      const { line, character } = json[0].range.start;
      assert.equal(text.err, `${latin1}:${line + 1}:${character + 1}: ${json[0].message}`);
    });

    it('gives standard input that is not UTF-8 an "encoding" entry for <stdin>', async () => {
      const r = await runWithInput(LATIN1_BYTES, 'check', '--format', 'json', '-');
      assert.equal(r.code, 2);
      assert.deepEqual(JSON.parse(r.out), [
        {
          file: '<stdin>',
          range: { start: { line: 2, character: 34 }, end: { line: 2, character: 34 } },
          severity: 'error',
          code: 'encoding',
          message: 'not UTF-8 text (byte 0xF8). Send UTF-8 text.',
        },
      ]);
    });

    it('gives a missing path and a dangling link in a folder "unreadable-file" entries at 0:0, paths before files', async () => {
      const missing = path.join(dir, 'borte.programme');
      const folder = path.join(dir, 'brutt');
      mkdirSync(folder);
      const link = path.join(folder, 'lenke.programme');
      symlinkSync(path.join(folder, 'finnes-ikke.programme'), link);
      const r = await run('check', '--format', 'json', folder, broken, missing);
      assert.equal(r.code, 2);
      assert.equal(r.err, '');
      const list = JSON.parse(r.out) as JsonDiagnostic[];
      const at0 = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      // Paths that do not exist are found before any file is read, so they come first.
      assert.deepEqual(list.map((d) => [d.file, d.code]), [
        [missing, 'unreadable-file'],
        [link, 'unreadable-file'],
        [broken, 'measure-numbering'],
        [broken, 'pillar-numbering'],
      ]);
      assert.deepEqual(list[0], { file: missing, range: at0, severity: 'error', code: 'unreadable-file', message: 'no such file or folder. Check the path.' });
      assert.deepEqual(list[1], {
        file: link,
        range: at0,
        severity: 'error',
        code: 'unreadable-file',
        message: 'cannot read the file (no such file; if it is a link, what it points to is missing).',
      });
      const text = await run('check', folder, broken, missing);
      assert.equal(text.err, `${missing}: ${list[0].message}\n${link}: ${list[1].message}`);
    });

    it('keeps a folder without programmes on standard error (no file to point at), and exits 2', async () => {
      const r = await run('check', '--format', 'json', path.join(dir, 'tom'), clean);
      assert.equal(r.code, 2);
      assert.equal(r.err, `${path.join(dir, 'tom')}: no *.programme files in this folder.`);
      assert.deepEqual(JSON.parse(r.out), []);
    });
  });

  describe('usage errors', () => {
    it('exits 2 on an unknown command, with a message', async () => {
      const r = await run('kontroller', clean);
      assert.equal(r.code, 2);
      assert.equal(r.err, 'error: unknown command "kontroller"\n(run "programme --help" for usage)');
    });

    it('exits 2 on a bad --format, naming the allowed ones', async () => {
      const r = await run('check', '--format', 'xml', clean);
      assert.equal(r.code, 2);
      assert.equal(r.err, 'error: "xml" is not a value of the option "-f, --format <format>"; choose one of text, json.\n(run "programme --help" for usage)');
      assert.equal(r.out, '');
    });

    it('exits 2 when check is given no path', async () => {
      const r = await run('check');
      assert.equal(r.code, 2);
      assert.equal(r.err, 'error: missing argument "paths"\n(run "programme --help" for usage)');
    });

    it('exits 0 on --help', async () => {
      const r = await run('--help');
      assert.equal(r.code, 0);
      assert.match(r.out, /check/);
      assert.match(r.out, /outline/);
    });
  });

  describe('outline', () => {
    it('prints the tree as text: pillars with their measure counts, measures indented', async () => {
      const r = await run('outline', EXAMPLE);
      assert.equal(r.code, 0);
      const lines = r.out.split('\n');
      assert.deepEqual(
        lines.filter((l) => !l.startsWith(' ')),
        [
          'Valgseier i lokalvalget 2023  (line 11)',
          '1. Skape arbeidsplasser og et seriøst arbeidsliv  (line 21, 8 measures)',
          '2. Klima og natur - rammen rundt all politikk  (line 49, 8 measures)',
          '3. God helse og livskvalitet for alle  (line 75, 8 measures)',
          '4. En god oppvekst varer hele livet  (line 103, 7 measures)',
          '5. Levende byer og bygder  (line 127, 7 measures)',
        ],
      );
      assert.ok(lines.includes('  1.3 Innføre læreplassgaranti, øke antallet læreplasser og …  (line 37)'), r.out);
    });

    it('prints LSP DocumentSymbol[] as JSON', async () => {
      const r = await run('outline', '--format', 'json', EXAMPLE);
      assert.equal(r.code, 0);
      const symbols = JSON.parse(r.out) as JsonSymbol[];
      assert.deepEqual(symbols.map((s) => s.name), [
        'Valgseier i lokalvalget 2023',
        '1. Skape arbeidsplasser og et seriøst arbeidsliv',
        '2. Klima og natur - rammen rundt all politikk',
        '3. God helse og livskvalitet for alle',
        '4. En god oppvekst varer hele livet',
        '5. Levende byer og bygder',
      ]);
      const pillar = symbols[1];
      assert.equal(pillar.kind, 2); // SymbolKind.Module
      assert.deepEqual(pillar.selectionRange, { start: { line: 20, character: 0 }, end: { line: 20, character: 50 } });
      const measure = pillar.children?.[2];
      assert.equal(measure?.name, '1.3 Innføre læreplassgaranti, øke antallet læreplasser og …');
      assert.equal(measure?.kind, 22); // SymbolKind.EnumMember
      assert.deepEqual(measure?.selectionRange, { start: { line: 36, character: 0 }, end: { line: 36, character: 2 } });
      assert.deepEqual(symbols.slice(1).map((s) => s.children?.length), [8, 8, 8, 7, 7]);
    });

    it('exits 2 on a missing file', async () => {
      const r = await run('outline', path.join(dir, 'finnes-ikke.programme'));
      assert.equal(r.code, 2);
      assert.equal(r.err, `${path.join(dir, 'finnes-ikke.programme')}: cannot read the file (no such file; if it is a link, what it points to is missing).`);
    });
  });

  describe('the built bin (server/bin/programme.cjs)', () => {
    /** The process environment with the language variables set to `vars` only. */
    const envWith = (vars: Record<string, string>) => {
      const env: NodeJS.ProcessEnv = { ...process.env };
      for (const name of ['LANGUAGE', 'LC_ALL', 'LC_MESSAGES', 'LANG']) delete env[name];
      return { ...env, ...vars };
    };
    const english = envWith({ LANG: 'en_US.UTF-8' });

    it('checks the bundled example and exits 0', function () {
      this.timeout(60_000);
      assert.ok(existsSync('server/dist/cli.cjs'), 'server/dist/cli.cjs is missing: run "npm run build" first (npm test does).');
      const result = spawnSync(process.execPath, ['server/bin/programme.cjs', 'check', EXAMPLE], { encoding: 'utf8', env: english });
      assert.equal(result.stderr, '');
      assert.match(result.stdout, /^No errors or warnings in 1 file\b/m);
      assert.equal(result.status, 0);
    });

    it('checks a programme piped into standard input along with a file, and exits 1 on its errors', function () {
      this.timeout(60_000);
      const result = spawnSync(process.execPath, ['server/bin/programme.cjs', 'check', '-', EXAMPLE], { input: readFileSync(broken), encoding: 'utf8', env: english });
      assert.equal(result.stderr, '');
      assert.deepEqual(result.stdout.trimEnd().split('\n'), [
        '<stdin>:5:1: error measure-numbering Measure number 3 skips 2; expected 2 after 1 in pillar 1.',
        '<stdin>:7:3: error pillar-numbering Pillar number 3 skips 2; expected 2 after 1.',
        '2 errors, 0 warnings in 2 files.',
      ]);
      assert.equal(result.status, 1);
    });

    it('prints the whole report in Bokmål with LANG=nb_NO.UTF-8 (a copy of the example with a skipped number)', function () {
      this.timeout(60_000);
      const text = readFileSync(EXAMPLE, 'utf8');
      const at = text.indexOf('\n2. ');
      const file = path.join(dir, 'hoppet-over.programme');
      writeFileSync(file, `${text.slice(0, at)}\n3. ${text.slice(at + 4)}`);
      const result = spawnSync(process.execPath, ['server/bin/programme.cjs', 'check', file], { encoding: 'utf8', env: envWith({ LANG: 'nb_NO.UTF-8' }) });
      assert.equal(result.stderr, '');
      assert.deepEqual(result.stdout.trimEnd().split('\n'), [
        `${file}:35:1: feil measure-numbering Tiltak nummer 3 hopper over 2; etter 1 i kapittel 1 skal det komme 2.`,
        '1 feil, 0 advarsler i 1 fil.',
      ]);
      assert.equal(result.status, 1);
    });

    it('stops writing quietly when its reader goes away (| head), and still exits with what it found', function () {
      this.timeout(60_000);
      // Many diagnostics, so that the pipe is closed while the CLI still writes; `head -c 1` reads one byte.
      const many = Array.from({ length: 3000 }, (_, i) => `${i * 2 + 3}. Tiltak ${i}.`).join('\n\n');
      const file = path.join(dir, 'mange.programme');
      const errors = path.join(dir, 'stderr.txt');
      writeFileSync(file, `# 1. Arbeid\n\n${many}\n`);
      const piped = spawnSync('bash', ['-c', `"${process.execPath}" server/bin/programme.cjs check "${file}" 2>"${errors}" | head -c 1 >/dev/null; echo "\${PIPESTATUS[0]}"`], { encoding: 'utf8' });
      assert.equal(readFileSync(errors, 'utf8'), '', 'nothing on standard error (no EPIPE stack trace)');
      assert.equal(piped.stdout.trim(), '1', 'the exit code of the errors it found');
    });

    it('stops quietly with --format json | head -1 too (one large write), with the exit code of its findings (issue 17)', function () {
      this.timeout(60_000);
      // About 700 KB of JSON: far more than a pipe holds, so the reader is gone while the CLI writes.
      const errorsToo = Array.from({ length: 2500 }, (_, i) => `${i * 2 + 3}. Tiltak ${i}.`).join('\n\n');
      const warningsOnly = Array.from({ length: 2500 }, (_, i) => `# ${i + 1}. Tema ${i + 1}`).join('\n\n');
      for (const [name, text, code] of [['feil.programme', `# 1. Arbeid\n\n${errorsToo}\n`, '1'], ['tomme.programme', `${warningsOnly}\n`, '0']]) {
        const file = path.join(dir, name);
        const errors = path.join(dir, 'stderr.txt');
        writeFileSync(file, text);
        const piped = spawnSync('bash', ['-c', `"${process.execPath}" server/bin/programme.cjs check --format json "${file}" 2>"${errors}" | head -1; echo "\${PIPESTATUS[0]}"`], { encoding: 'utf8' });
        assert.equal(readFileSync(errors, 'utf8'), '', `${name}: nothing on standard error (no EPIPE stack trace)`);
        assert.deepEqual(piped.stdout.split('\n'), ['[', code, ''], `${name}: the first line of the JSON, then the exit code`);
      }
    });
  });
});
