/**
 * The checks of an amendment file against a programme's printed draft (server/src/amendments/check.ts):
 * each code with its exact place, message and fix, the related information of conflicts and duplicate
 * ids, the configured severities, and `programme check` on amendment files and folders.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyse } from '../../server/src/rules/index';
import { printedDraft } from '../../server/src/amendments/lines';
import { parseAmendments } from '../../server/src/amendments/parse';
import { checkAmendments } from '../../server/src/amendments/check';
import type { Config } from '../../server/src/model/config';
import type { Diagnostic } from '../../server/src/syntax/span';
import { runIn, SKOLE } from './programmes';

const DRAFT = printedDraft(analyse(SKOLE).programme);
const FRONT = `---\nprogramme: skole.programme\ndraft: ${DRAFT.fingerprint}\n---\n\n`;

/** The diagnostics of the amendment file `body` (after FRONT) as `code line:col "text": message`. */
function check(body: string, config: Config = {}, front = FRONT): string[] {
  return checked(front + body, config).lines;
}

function checked(text: string, config: Config = {}): { lines: string[]; diagnostics: Diagnostic[]; text: string } {
  const file = parseAmendments(text);
  const diagnostics = checkAmendments(file, { draft: DRAFT }, config);
  const lines = diagnostics.map((d) => {
    const p = file.lines.positionAt(d.span.start);
    return `${d.severity} ${d.code} ${p.line + 1}:${p.character + 1} "${text.slice(d.span.start, d.span.end)}": ${d.message}`;
  });
  return { lines, diagnostics, text };
}

/** `text` with the changes of `d`'s fix number `n` applied. */
function fixed(text: string, d: Diagnostic, n = 0): string {
  let out = text;
  for (const c of [...(d.fixes?.[n].changes ?? [])].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, c.span.start) + c.newText + out.slice(c.span.end);
  return out;
}

describe('amendments: the checks', () => {
  it('finds nothing in amendments whose quotes stand once on their lines', () => {
    assert.deepEqual(check('E1\nLinje 2: Stryk «hver dag».\nBegrunnelse: x\n\nE2\nLinje 4–5: Erstatt «blir sett» med «blir sett og hørt».\nBegrunnelse: y\n\nE3\nLinje 2–3: Sett inn etter «der det er mulig»: «og rimelig».\nBegrunnelse: z\n'), []);
  });

  it('finds a quote that runs over a line break of the draft, and one written with a no-break space', () => {
    assert.deepEqual(check('E1\nLinje 2–3: Stryk «råvarer der det er mulig»\nBegrunnelse: x\n\nE2\nLinje 4: Stryk «flere\u00a0lærere»\nBegrunnelse: y\n'), []);
    assert.deepEqual(check('E1\nLinje 2: Stryk «råvarer der det er mulig»\nBegrunnelse: x\n'), ['warning amendment-quote 7:7 "2": "råvarer der det er mulig" is not on line 2; it stands on lines 2–3.']);
  });

  it('amendment-quote: on other lines (a warning, with the fix that cites them), not in the draft, twice on its lines', () => {
    const text = FRONT + 'E1\nLinje 2: Erstatt «flere lærere» med «flere lektorer»\nBegrunnelse: x\n\nE2\nLinje 2–5: Stryk «alle elever»\nBegrunnelse: y\n\nE3\nLinje 4: Stryk «Miljøarbeidere»\nBegrunnelse: z\n\nE4\nLinje 4: Stryk «vikarer»\nBegrunnelse: w\n';
    const { lines, diagnostics } = checked(text);
    assert.deepEqual(lines, [
      'warning amendment-quote 7:7 "2": "flere lærere" is not on line 2; it stands on line 4.',
      'error amendment-quote 11:19 "alle elever": "alle elever" stands 2 times on lines 2–5 (line 2 and line 4): quote more of the words around it, so that it is found once.',
      'error amendment-quote 15:17 "Miljøarbeidere": "Miljøarbeidere" is not in the draft; "miljøarbeidere" on line 4 is written with other capital letters. Quote the words as they are printed.',
      'error amendment-quote 19:17 "vikarer": "vikarer" is not in the draft: quote the words as they are printed on line 4, letter for letter.',
    ]);
    assert.equal(diagnostics[0].fixes?.[0].title, 'Cite line 4');
    assert.match(fixed(text, diagnostics[0]), /\nLinje 4: Erstatt «flere lærere»/);
    assert.deepEqual(checked(fixed(text, diagnostics[0])).lines.length, 3);
  });

  it('amendment-lines: a range outside the draft (with the fix when the quote stands once) and a reversed range', () => {
    const text = FRONT + 'E1\nLinje 12: Stryk «hver dag»\nBegrunnelse: x\n\nE2\nLinje 5-4: Erstatt «blir sett» med «blir hørt»\nBegrunnelse: y\n\nE3\nLinje 9–10: Stryk «ingenting»\nBegrunnelse: z\n';
    const { lines, diagnostics } = checked(text);
    assert.deepEqual(lines, [
      'error amendment-lines 7:7 "12": E1 cites line 12, but the draft has lines 1–5 (printed 80 characters wide). The quoted words stand on line 2.',
      'error amendment-lines 11:7 "5-4": E2 cites lines 5–4: the first line comes after the last. Write 4–5.',
      'error amendment-lines 15:7 "9–10": E3 cites lines 9–10, but the draft has lines 1–5 (printed 80 characters wide).',
      'error amendment-quote 16:0 "ingenting": "ingenting" is not in the draft: quote the words as they are printed on lines 9–10, letter for letter.',
    ].map((l) => l.replace('16:0', '15:20')));
    assert.match(fixed(text, diagnostics[0]), /\nLinje 2: Stryk «hver dag»/);
    assert.match(fixed(text, diagnostics[1]), /\nLinje 4-5: Erstatt/);
  });

  it('amendment-conflict: both amendments marked, each with the other as related information; rejected ones conflict with nothing', () => {
    const text = FRONT + 'E1\nLinje 2: Erstatt «gratis skolemåltid hver dag» med «gratis frokost hver dag»\nBegrunnelse: x\nStatus: vedtatt\n\nE2\nLinje 2: Erstatt «hver dag» med «tre dager i uka»\nBegrunnelse: y\nStatus: vedtatt\n\nE3\nLinje 2: Stryk «skolemåltid hver»\nBegrunnelse: z\nStatus: avvist\n';
    const { lines, diagnostics } = checked(text);
    assert.deepEqual(lines, [
      'warning amendment-conflict 7:19 "gratis skolemåltid hver dag": E1 and E2 are both adopted, but change the same words on line 2: only one of them can be applied. Merge them into one, or change the status of one.',
      'warning amendment-conflict 12:19 "hver dag": E2 and E1 are both adopted, but change the same words on line 2: only one of them can be applied. Merge them into one, or change the status of one.',
    ]);
    const at = (s: { start: number }) => text.slice(0, s.start).split('\n').length;
    assert.deepEqual(diagnostics.map((d) => d.related?.map((r) => [at(r.span), r.message])), [[[12, 'E2 changes the same words']], [[7, 'E1 changes the same words']]]);
  });

  it('amendment-duplicate-id (upper and lower case are one id: e1 is read as E1) and amendment-reason, which the config can turn off', () => {
    const body = 'E1\nLinje 2: Stryk «hver dag»\nBegrunnelse: x\n\ne1\nLinje 4: Stryk «og miljøarbeidere»\n';
    assert.deepEqual(check(body), [
      'error amendment-duplicate-id 10:1 "e1": E1 is the id of another amendment too: give each amendment its own id, or join the two.',
      'warning amendment-reason 10:1 "e1": E1 gives no reason: add "Reason: …" (the congress reads it before it votes).',
    ]);
    assert.deepEqual(check(body, { rules: { 'amendment-reason': 'off', 'amendment-duplicate-id': 'warning' } }), [
      'warning amendment-duplicate-id 10:1 "e1": E1 is the id of another amendment too: give each amendment its own id, or join the two.',
    ]);
  });

  it('amendment-draft: a changed draft maps the line numbers through the quotes, and its fix rewrites them and the fingerprint', () => {
    const text = '---\nprogramme: skole.programme\ndraft: 3f09c2a1\n---\n\nE1\nLinje 1: Stryk «hver dag»\nBegrunnelse: x\n\nE2\nLinje 4: Stryk «blir sett»\nBegrunnelse: y\n\nE3\nLinje 2: Stryk «borte»\nBegrunnelse: z\n';
    const { lines, diagnostics } = checked(text);
    assert.deepEqual(lines, [
      `warning amendment-draft 3:8 "3f09c2a1": The draft has changed since these line numbers were taken (fingerprint 3f09c2a1, now ${DRAFT.fingerprint}): the amendments are found again by their quoted words (2 moved, 1 not found).`,
      'warning amendment-quote 7:7 "1": The draft has changed: "hver dag" is now on line 2, not on line 1.',
      'warning amendment-quote 11:7 "4": The draft has changed: "blir sett" is now on line 5, not on line 4.',
      'error amendment-quote 15:17 "borte": "borte" is not in the draft: quote the words as they are printed on line 2, letter for letter.',
    ]);
    const after = fixed(text, diagnostics[0]);
    assert.match(after, new RegExp(`draft: ${DRAFT.fingerprint}\n`));
    assert.match(after, /Linje 2: Stryk «hver dag»/);
    assert.match(after, /Linje 5: Stryk «blir sett»/);
    assert.deepEqual(checked(after).lines, ['error amendment-quote 15:17 "borte": "borte" is not in the draft: quote the words as they are printed on line 2, letter for letter.']);
  });

  it('amendment-draft: a file without a fingerprint, with the fix that adds it', () => {
    const text = '---\nprogramme: skole.programme\n---\n\nE1\nLinje 2: Stryk «hver dag»\nBegrunnelse: x\n';
    const { lines, diagnostics } = checked(text);
    assert.deepEqual(lines, [
      `warning amendment-draft 2:12 "skole.programme": The file does not say which printing of the draft its line numbers are from: add "draft: ${DRAFT.fingerprint}" (the fingerprint "programme lines" prints), so that a changed draft is noticed.`,
    ]);
    assert.equal(fixed(text, diagnostics[0]), text.replace('skole.programme\n', `skole.programme\ndraft: ${DRAFT.fingerprint}\n`));
  });

  it('amendment-programme: no programme named, or one that cannot be read', () => {
    const file = parseAmendments('E1\nLinje 2: Stryk «hver dag»\nBegrunnelse: x\n');
    assert.deepEqual(checkAmendments(file, {}).map((d) => [d.code, d.span.start, d.message]), [
      ['amendment-programme', 0, 'The file names no programme: add "programme: FILE" to its front matter (the programme\'s file, relative to this one), so that the amendments can be checked against its draft.'],
    ]);
    const named = parseAmendments(FRONT);
    assert.deepEqual(checkAmendments(named, { programmeProblem: 'gone' }).map((d) => [d.code, named.text.slice(d.span.start, d.span.end), d.message]), [['amendment-programme', 'skole.programme', 'gone']]);
  });

  it('cites lines by pillar when the draft numbers them from 1 in each pillar', () => {
    const two = `${SKOLE}\n# 2. Helse\n\n1. Flere helsesykepleiere i skolen.\n`;
    const draft = printedDraft(analyse(two).programme, { restart: 'pillar' });
    const run = (body: string) => {
      const file = parseAmendments(`---\nprogramme: skole.programme\ndraft: ${draft.fingerprint}\n---\n\n${body}`);
      return checkAmendments(file, { draft }).map((d) => `${d.code}: ${d.message}`);
    };
    assert.deepEqual(run('E1\nKapittel 2, linje 2: Stryk «i skolen»\nBegrunnelse: x\n'), []);
    assert.deepEqual(run('E1\nLinje 2: Stryk «i skolen»\nBegrunnelse: x\n'), ['amendment-lines: The draft numbers its lines from 1 in each pillar: say which pillar E1 is in ("Pillar 2, line 12"). The quoted words stand on pillar 2, line 2.']);
    assert.deepEqual(run('E1\nKapittel 1, linje 2: Stryk «i skolen»\nBegrunnelse: x\n'), ['amendment-quote: "i skolen" is not on pillar 1, line 2; it stands on pillar 2, line 2.']);
  });
});

describe('amendments: programme check', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'programme-amend-'));
    mkdirSync(path.join(dir, 'landsmote'));
    writeFileSync(path.join(dir, '.programmerc.json'), '{}\n');
    writeFileSync(path.join(dir, 'skole.programme'), SKOLE);
    writeFileSync(path.join(dir, 'landsmote', 'endringer.amendments'), `---\nprogramme: ../skole.programme\ndraft: ${DRAFT.fingerprint}\n---\n\nE1\nLinje 2: Stryk «flere lærere»\nBegrunnelse: x\n`);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function run(argv: string[]): Promise<{ code: number; out: string }> {
    const { code, out, err } = await runIn(dir, argv);
    return { code, out: (out + err).trimEnd() };
  }


  it('checks an amendment file against the programme it names, relative to itself', async () => {
    assert.deepEqual(await run(['check', 'landsmote/endringer.amendments']), {
      code: 0,
      out: 'landsmote/endringer.amendments:7:7: warning amendment-quote "flere lærere" is not on line 2; it stands on line 4.\n0 errors, 1 warning in 1 file.',
    });
  });

  it('checks the amendment files of a folder with its programmes', async () => {
    const { code, out } = await run(['check', '.', '--format', 'json']);
    assert.equal(code, 0);
    const found = JSON.parse(out) as { file: string; code: string; range: { start: { line: number } } }[];
    assert.deepEqual(found.map((d) => [d.file, d.code, d.range.start.line]), [['landsmote/endringer.amendments', 'amendment-quote', 6]]);
  });
});
