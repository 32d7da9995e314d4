/**
 * `programme export` (server/src/cli/export.ts), run in-process with a capturing io: the format from
 * `--to` or the output's extension, standard output for text and `-o -` for Word, the output written
 * (and replaced) through a temporary file, never over the programme, exit codes 0/1/2 and their
 * messages. What each writer prints is tested beside it (test/export/*.test.ts); here, only that the
 * command hands the right format to the right place.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main, type Io } from '../../server/src/cli/main';

const EXAMPLE = 'examples/lokalvalget-2023.programme';

/** Runs the CLI with `argv` and optional standard input; the exit code, text output, bytes written and messages. */
async function run(argv: string[], stdin?: string): Promise<{ code: number; out: string; bytes: Uint8Array[]; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const bytes: Uint8Array[] = [];
  const io: Io = {
    out: (t) => out.push(`${t}\n`),
    err: (t) => err.push(t),
    write: (t) => out.push(t),
    writeBytes: (b) => bytes.push(b),
    stdin: () => (stdin === undefined ? Promise.reject(new Error('no standard input in this test')) : Promise.resolve(Buffer.from(stdin))),
    env: { LANG: 'en_US.UTF-8' },
  };
  const code = await main(argv, io);
  return { code, out: out.join(''), bytes, err: err.join('\n') };
}

describe('programme export (CLI)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'programme-export-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints HTML to standard output with --to html, in the programme\'s language, and exits 0', async () => {
    const r = await run(['export', EXAMPLE, '--to', 'html']);
    assert.equal(r.err, '');
    assert.equal(r.code, 0);
    assert.match(r.out, /^<!DOCTYPE html>\n<html lang="nb">/);
    assert.ok(r.out.includes('id="tiltak-4-7"'), 'the anchor of measure 4.7');
    assert.ok(r.out.includes('href="#tiltak-4-7">tiltak 4.7</a>'), 'the reference [[4.7]] printed and linked');
  });

  it('takes the format from the output\'s extension, and writes the file whole', async () => {
    for (const [name, check] of [
      ['out.html', (b: Buffer) => assert.match(b.toString('utf8'), /^<!DOCTYPE html>/)],
      ['out.md', (b: Buffer) => assert.ok(b.toString('utf8').includes('Valgseier i lokalvalget 2023'))],
      ['out.json', (b: Buffer) => assert.doesNotThrow(() => JSON.parse(b.toString('utf8')))],
      ['out.docx', (b: Buffer) => assert.equal(b.subarray(0, 2).toString('latin1'), 'PK', 'a zip file')],
    ] as const) {
      const output = path.join(dir, name);
      const r = await run(['export', EXAMPLE, '-o', output]);
      assert.equal(r.code, 0, `${name}: ${r.err}`);
      assert.equal(r.out, '', `${name}: nothing on standard output`);
      check(readFileSync(output));
    }
    assert.deepEqual(readdirSync(dir).sort(), ['out.docx', 'out.html', 'out.json', 'out.md'], 'no temporary file left behind');
  });

  it('replaces an existing output file', async () => {
    const output = path.join(dir, 'out.md');
    writeFileSync(output, 'old');
    const r = await run(['export', EXAMPLE, '-o', output]);
    assert.equal(r.code, 0);
    assert.notEqual(readFileSync(output, 'utf8'), 'old');
  });

  it('writes a Word document to standard output only with -o -', async () => {
    const refused = await run(['export', EXAMPLE, '--to', 'docx']);
    assert.equal(refused.code, 2);
    assert.match(refused.err, /A Word document is not text: name the output file with -o \(or -o - to write it to standard output\)\./);
    const r = await run(['export', EXAMPLE, '--to', 'docx', '-o', '-']);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.bytes.length, 1);
    assert.equal(Buffer.from(r.bytes[0].subarray(0, 2)).toString('latin1'), 'PK');
  });

  it('says which format to give when neither --to nor the extension names one (exit 2)', async () => {
    const none = await run(['export', EXAMPLE]);
    assert.equal(none.code, 2);
    assert.equal(none.err, 'Say which format to export with --to html, docx, md or json.');
    const output = path.join(dir, 'out.pdf');
    const unknown = await run(['export', EXAMPLE, '-o', output]);
    assert.equal(unknown.code, 2);
    assert.equal(unknown.err, `${output}: the file extension names no export format; say which with --to html, docx, md or json.`);
    assert.equal(existsSync(output), false);
    const bad = await run(['export', EXAMPLE, '--to', 'pdf']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /^error: "pdf" is not a value of the option "-t, --to <format>"; choose one of html, docx, md, json\.\n/);
  });

  it('never writes over the programme it exports', async () => {
    const file = path.join(dir, 'p.programme');
    writeFileSync(file, '# 1. Arbeid\n\n1. Skape jobber.\n');
    const r = await run(['export', file, '--to', 'md', '-o', file]);
    assert.equal(r.code, 2);
    assert.equal(r.err, `${file}: the output is the programme itself; the export never writes over it. Name another file with -o.`);
    assert.equal(readFileSync(file, 'utf8'), '# 1. Arbeid\n\n1. Skape jobber.\n');
  });

  it('exports a programme with errors as it reads, lists the errors and exits 1', async () => {
    const file = path.join(dir, 'p.programme');
    writeFileSync(file, '# 1. Arbeid\n\n1. Skape jobber, se [[9.9]].\n\n3. Bygge.\n');
    const output = path.join(dir, 'p.html');
    const r = await run(['export', file, '-o', output]);
    assert.equal(r.code, 1);
    const lines = r.err.split('\n');
    assert.equal(lines.length, 3, r.err);
    assert.match(lines[0], new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:\\d+: error unresolved-reference `));
    assert.match(lines[1], /:5:1: error measure-numbering /);
    assert.equal(lines[2], 'Exported, but the programme has 2 errors (above); they are printed as they read.');
    const html = readFileSync(output, 'utf8');
    assert.ok(html.includes('Skape jobber, se <span class="unresolved">9.9</span>.'), 'the unresolved reference printed as written, without brackets, marked and linking nowhere');
  });

  it('reads the programme from standard input with -', async () => {
    const r = await run(['export', '-', '--to', 'html'], '---\ntitle: Prøve\nlang: nn\n---\n# 1. Arbeid\n\n1. Skape jobber.\n');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /<html lang="nn">/);
    assert.ok(r.out.includes('Prøve'));
  });

  it('names a file it cannot read, and writes nothing (exit 2)', async () => {
    const missing = path.join(dir, 'missing.programme');
    const output = path.join(dir, 'out.html');
    const r = await run(['export', missing, '-o', output]);
    assert.equal(r.code, 2);
    assert.ok(r.err.startsWith(`${missing}: `), r.err);
    assert.equal(existsSync(output), false);
  });
});
