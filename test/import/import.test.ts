import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { importDocument, type ImportResult } from '../../server/src/import/index';
import { noteMessage } from '../../server/src/import/report';
import { analyse } from '../../server/src/rules/index';
import { main, type Io } from '../../server/src/cli/main';
import { firstDifference, inputWords, programmeWords } from './words';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';
const FIXTURES = fileURLToPath(new URL('../fixtures/import/', import.meta.url));

/** The errors `programme check` finds in `text`, as `line code message` strings. */
function errors(text: string): string[] {
  const { programme, diagnostics } = analyse(text, {});
  return diagnostics.filter((d) => d.severity === 'error').map((d) => `${programme.lines.rangeOf(d.span).start.line + 1} ${d.code} ${d.message}`);
}

/** The import's notes as text lines, as the golden files keep them: `line code message`. */
function notesText(r: ImportResult): string {
  return r.notes.map((n) => `${n.outputLine === undefined ? '-' : n.outputLine + 1} ${n.code} ${noteMessage(n)}`).join('\n') + '\n';
}

/** Compares `actual` with the golden file `file` (written with UPDATE_SNAPSHOTS=1). */
function golden(file: string, actual: string): void {
  if (UPDATE || !existsSync(file)) writeFileSync(file, actual);
  assert.equal(actual, readFileSync(file, 'utf8'), `${path.basename(file)} differs (UPDATE_SNAPSHOTS=1 to accept)`);
}

describe('import: whole documents against their expected programmes', () => {
  const inputs: string[] = [];
  for (const folder of ['programmes', 'docx', 'markdown', 'pdf']) {
    for (const name of readdirSync(path.join(FIXTURES, folder)).sort()) {
      if (/\.(txt|docx|md|pdf)$/.test(name) && !name.endsWith('.expected.txt')) inputs.push(path.join(folder, name));
    }
  }
  for (const input of inputs) {
    it(`${input}: the expected programme and report, and no error of the import's making`, async () => {
      const result = await importDocument(new Uint8Array(readFileSync(path.join(FIXTURES, input))), { fileName: input });
      assert.ok(!('problem' in result), JSON.stringify(result));
      const r = result as ImportResult;
      golden(path.join(FIXTURES, input + '.expected'), r.text);
      golden(path.join(FIXTURES, input + '.report.expected'), notesText(r));
      assert.deepEqual(errors(r.text), []);
    });
  }

  it('the seed-like text keeps every word but the artefacts it lists (kommune.txt)', async () => {
    const text = readFileSync(path.join(FIXTURES, 'programmes', 'kommune.txt'), 'utf8');
    const r = (await importDocument(new TextEncoder().encode(text), { from: 'text' })) as ImportResult;
    assert.deepEqual(r.summary.measures, [3, 2, 2]);
    // Input words, less the lines the report lists as removed, with the hyphenation joins applied.
    const removed = new Set(r.notes.filter((n) => n.removed !== undefined).map((n) => n.removed!.replace(/\s+/g, ' ').trim()));
    const lines = text.replace(/\f/g, '').split('\n').filter((l) => !removed.has(l.replace(/\s+/g, ' ').trim()));
    const kept = inputWords(lines.join('\n')).join(' ').replace('bedrif tene', 'bedriftene').replace('Nord Norges', 'Nord-Norges');
    assert.equal(firstDifference(kept.split(' '), programmeWords(r.text)), undefined);
  });
});

describe('import: no word lost, over generated documents', () => {
  const WORDS = ['Arbeid', 'skole', 'helse', 'bygge', 'styrke', 'kommunen', 'flere', 'lærere', 'i', 'og', 'på', 'for', 'alle', 'Partiet', 'vil', 'nye', 'veier', 'Kultur'];
  const sentence = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 9 }).map((ws) => ws.join(' '));
  const block = fc.oneof(
    sentence.map((s) => s + '.'),
    fc.tuple(sentence, sentence).map(([a, b]) => `${a}\n${b}.`),
    fc.tuple(fc.integer({ min: 1, max: 12 }), sentence).map(([n, s]) => `${n}. ${s[0].toUpperCase()}${s.slice(1)}.`),
    fc.tuple(fc.integer({ min: 1, max: 6 }), sentence).map(([n, s]) => `${n}. ${s}`),
    sentence.map((s) => `• ${s}`),
    sentence.map((s) => `${s}:`),
    sentence.map((s) => s.toUpperCase()),
    // Headings that must not read as pillars: parts, section numbers, lone page numbers.
    fc.integer({ min: 1, max: 9 }).map((n) => `DEL ${n}`),
    fc.tuple(fc.integer({ min: 1, max: 9 }), sentence).map(([n, s]) => `${n}.0 ${s[0].toUpperCase()}${s.slice(1)}`),
    fc.integer({ min: 1, max: 99 }).map(String),
  );
  it('every word of the input is in the programme, in order (markers and chapter numbers aside)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(block, { minLength: 1, maxLength: 25 }), async (blocks) => {
        const text = blocks.join('\n\n') + '\n';
        const r = await importDocument(new TextEncoder().encode(text), { from: 'text', lang: 'nb' });
        if ('problem' in r) throw new Error(r.problem.detail);
        const removed = r.notes.filter((n) => n.removed !== undefined);
        if (removed.length > 0) return; // page artefacts: the clean-up's own property test covers them
        assert.equal(firstDifference(inputWords(text), programmeWords(r.text)), undefined, text);
        assert.deepEqual(errors(r.text).filter((e) => !/pillar-numbering|duplicate/.test(e)), [], r.text);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 150) },
    );
  });
});

describe('programme import (the command)', () => {
  const run = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const written: string[] = [];
    const io: Io = { out: (s) => out.push(s), err: (s) => err.push(s), write: (s) => written.push(s), env: { LANG: 'en_US.UTF-8' } };
    const code = await main(args, io);
    return { code, out: out.join('\n'), err: err.join('\n'), written: written.join('') };
  };
  const kommune = path.join(FIXTURES, 'programmes', 'kommune.txt');

  it('writes the programme to standard output and the report to standard error', async () => {
    const r = await run(['import', kommune]);
    assert.equal(r.code, 0);
    assert.match(r.written, /^---\ntitle: Program for Fjordbygd Arbeiderlag 2027–2031\n/);
    assert.match(r.err, /<stdout>:19: import hyphenation Joined the hyphenated word "bedrif- tene" into "bedriftene"\./);
    assert.match(r.err, /\n3 chapters; measures in each: 3, 2 and 2\. Nothing to review\.$/);
  });

  it('writes -o through a rename, never over an existing file without --force, and reports in JSON', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'programme-import-'));
    const target = path.join(dir, 'kommune.programme');
    const first = await run(['import', kommune, '-o', target, '--report', 'json']);
    assert.equal(first.code, 0);
    const report = JSON.parse(first.out);
    assert.deepEqual(report.pillars.map((p: { measures: number }) => p.measures), [3, 2, 2]);
    assert.equal(report.notes.find((n: { code: string }) => n.code === 'hyphenation').line, 18);
    assert.deepEqual(report.diagnostics, []);
    const second = await run(['import', kommune, '-o', target]);
    assert.equal(second.code, 2);
    assert.equal(second.err, `${target}: the file exists; the import does not overwrite it. Name another file with -o, or add --force to replace it.`);
    assert.equal((await run(['import', kommune, '-o', target, '--force'])).code, 0);
  });

  it('says which file it cannot read, and as what', async () => {
    const missing = await run(['import', path.join(FIXTURES, 'nothing-here.docx')]);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /nothing-here\.docx: cannot read the file \(no such file/);
    const broken = await run(['import', kommune, '--from', 'docx']);
    assert.equal(broken.code, 2);
    assert.match(broken.err, /kommune\.txt: cannot read it as a Word document \(.+\)\. Check that the file is not damaged, or name its format with --from\./);
  });
});

describe('programme import: inputs it refuses', () => {
  const run = async (args: string[]) => {
    const err: string[] = [];
    const code = await main(args, { out: () => {}, err: (s) => err.push(s), write: () => {}, env: { LANG: 'en_US.UTF-8' } });
    return { code, err: err.join('\n') };
  };
  const dir = mkdtempSync(path.join(tmpdir(), 'programme-refuse-'));

  it('never writes over the input, not even with --force', async () => {
    const file = path.join(dir, 'same.txt');
    writeFileSync(file, '1. Arbeid\n\nTekst.\n');
    const r = await run(['import', file, '-o', file, '--force']);
    assert.equal(r.code, 2);
    assert.equal(r.err, `${file}: the output is the input file; the import never writes over the document it reads. Name another file with -o.`);
    assert.equal(readFileSync(file, 'utf8'), '1. Arbeid\n\nTekst.\n');
  });

  it('refuses a binary file and an empty one, and reads Windows-1252 with its dashes and quotes', async () => {
    const binary = path.join(dir, 'b.txt');
    writeFileSync(binary, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0x41, 0x42]));
    assert.deepEqual(await run(['import', binary]), { code: 2, err: `${binary}: this does not look like text (it holds control characters such as NUL). If it is a Word document or a PDF, name its format with --from.` });
    const empty = path.join(dir, 'e.txt');
    writeFileSync(empty, '\n \n');
    assert.deepEqual(await run(['import', empty]), { code: 2, err: `${empty}: there is no text in it to import.` });
    const r = await importDocument(new Uint8Array([0x4d, 0x65, 0x68, 0x72, 0x20, 0x84, 0x6a, 0x61, 0x93, 0x20, 0x96, 0x20, 0x80]), { from: 'text' });
    assert.ok(!('problem' in r));
    assert.match((r as ImportResult).text, /Mehr „ja“ – €/);
  });
});

describe('import: chapters of text without fonts (pdftotext without -layout)', () => {
  it('takes "1 Title" at the top of a page as the chapter, not its table-of-contents entry, and does not join a cut word to it', async () => {
    const filler = 'Dette er en lang linje med vanlig tekst som fyller opp siden slik en side gjør.';
    const page = (lines: string[]) => lines.join('\n');
    const text = [
      page(['Program 2027', '', 'Innhold', 'Kapittel 1 – Klima og natur', 'Klima', 'Kapittel 2 - Kunnskap', 'Skole', '', '2']),
      page(['1 Klima og natur', filler, filler, filler, 'Venstre vil:', '• Kutte utslipp.', '• Verne natur.', filler, 'Det omfat-', '', '3']),
      page(['2 Kunnskap', filler, filler, filler, 'Venstre vil:', '• Bygge skoler.', filler, filler, '', '4']),
    ].join('\n\f');
    const r = (await importDocument(new TextEncoder().encode(text), { from: 'text', lang: 'nb' })) as ImportResult;
    assert.deepEqual(r.summary.titles, ['Klima og natur', 'Kunnskap']);
    assert.deepEqual(r.summary.measures, [2, 1]);
    assert.match(r.text, /Det omfat-\n\n# 2\. Kunnskap\n/);
    assert.deepEqual(errors(r.text), []);
  });
});
