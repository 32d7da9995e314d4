/**
 * `programme amend apply` (server/src/amendments/apply.ts, server/src/cli/amend.ts): each change as
 * it lands in the source text, the renumbering with references following, every refusal with its
 * reason, and the command's output and exit codes.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyse } from '../../server/src/rules/index';
import { printedDraft } from '../../server/src/amendments/lines';
import { parseAmendments } from '../../server/src/amendments/parse';
import { applyAmendments, type ApplyOptions } from '../../server/src/amendments/apply';
import { runIn, SKOLE_WITH_REFERENCES as SKOLE } from './programmes';


/** Applies the amendments `body` (with front matter naming the draft) to `programme`. */
function apply(body: string, programme = SKOLE, options: ApplyOptions = {}) {
  const p = analyse(programme).programme;
  const draft = printedDraft(p);
  const file = parseAmendments(`---\nprogramme: skole.programme\ndraft: ${draft.fingerprint}\n---\n\n${body}`);
  return applyAmendments(p, draft, file, options);
}

/** The measure lines of a programme text. */
function measures(text: string): string[] {
  return text.split('\n').filter((l) => /^[0-9]+\. /.test(l));
}

describe('amendments: apply', () => {
  it('applies a replacement, a deletion (with the space before it) and insertions (with a space, or none before punctuation)', () => {
    const r = apply(
      'E1\nLinje 2: Erstatt «gratis skolemåltid» med «gratis og sunt skolemåltid»\nStatus: vedtatt\n\n' +
        'E2\nLinje 2–3: Stryk «, laget av lokale råvarer der det er mulig»\nStatus: vedtatt\n\n' +
        'E3\nLinje 4: Sett inn etter «flere lærere»: «, lektorer»\nStatus: vedtatt\n\n' +
        'E4\nLinje 6: Sett inn etter «Bygge nye skoler»: «og svømmehaller»\nStatus: vedtatt\n',
    );
    assert.deepEqual(r.refused, []);
    assert.deepEqual(measures(r.text), [
      '1. Gi alle elever et gratis og sunt skolemåltid hver dag.',
      '2. Ansette flere lærere, lektorer, helsesykepleiere og miljøarbeidere, slik at alle elever blir sett. Se også [[1.1]].',
      '3. Bygge nye skoler og svømmehaller der barna bor (se [[1.2]]).',
    ]);
    assert.deepEqual(r.edits.map((e) => [e.amendment.id, e.lines.first, e.lines.last]), [['E1', 2, 2], ['E2', 2, 3], ['E3', 4, 4], ['E4', 6, 6]]);
    assert.equal(r.renumbered, 0);
  });

  it('deletes a whole measure with its blank line, and renumbers the measures after it; references by number follow', () => {
    const r = apply('E1\nLinje 2–3: Stryk «1. Gi alle elever et gratis skolemåltid hver dag, laget av lokale råvarer der det er mulig.»\nStatus: vedtatt\n');
    assert.deepEqual(r.refused, []);
    assert.equal(r.text, SKOLE.replace('1. Gi alle elever et gratis skolemåltid hver dag, laget av lokale råvarer der det er mulig.\n\n', '').replace('2. Ansette', '1. Ansette').replace('3. Bygge', '2. Bygge').replace('(se [[1.2]])', '(se [[1.1]])'));
    assert.deepEqual(r.orphaned, [{ reference: '[[1.1]]', line: 6 }]);
    assert.equal(r.renumbered, 3);
  });

  it('deletes a labelled measure with its label, and names the references to the label, which name nothing now', () => {
    const labelled = SKOLE.replace('der det er mulig.\n', 'der det er mulig. {#skolemat}\n').replace('(se [[1.2]])', '(se [[#skolemat]])');
    const r = apply('E1\nLinje 2–3: Stryk «1. Gi alle elever et gratis skolemåltid hver dag, laget av lokale råvarer der det er mulig.»\nStatus: vedtatt\n', labelled);
    assert.deepEqual(r.refused, []);
    assert.doesNotMatch(r.text, /skolemåltid|\{#skolemat\}\n/);
    assert.deepEqual(r.orphaned.map((o) => o.reference), ['[[1.1]]', '[[#skolemat]]']);
  });

  it('refuses amendments whose quote is not once on their lines, each with its reason, and applies the others', () => {
    const r = apply(
      'E1\nLinje 2: Stryk «flere lærere»\nStatus: vedtatt\n\n' +
        'E2\nLinje 2–5: Stryk «alle elever»\nStatus: vedtatt\n\n' +
        'E3\nLinje 4: Stryk «vikarer»\nStatus: vedtatt\n\n' +
        'E4\nLinje 40: Stryk «hver dag»\nStatus: vedtatt\n\n' +
        'E5\nLinje 4: Stryk «helsesykepleiere og»\nStatus: vedtatt\n\n' +
        'E6\nLinje 5: Stryk\nStatus: vedtatt\n',
    );
    assert.deepEqual(r.refused.map((x) => x.reason), [
      'The words E1 quotes are not on the lines it cites: correct its lines first ("programme check" offers the fix). The congress voted on what it cites.',
      'The words E2 quotes stand more than once on its lines: it cannot say which is meant.',
      'The words E3 quotes are not in the draft.',
      'E6 cannot be read whole (its lines, its change or its quotes): "programme check" says what is missing.',
      'E4 cites lines that are not in the draft: correct them first ("programme check" says where its words are).',
    ]);
    assert.deepEqual(r.edits.map((e) => e.amendment.id), ['E5']);
    assert.match(r.text, /flere lærere, miljøarbeidere/);
  });

  it('refuses two adopted amendments that change the same words, both, and one whose words are printed from a reference', () => {
    const r = apply(
      'E1\nLinje 2: Erstatt «gratis skolemåltid hver dag» med «gratis frokost hver dag»\nStatus: vedtatt\n\n' +
        'E2\nLinje 2: Erstatt «hver dag» med «tre dager i uka»\nStatus: vedtatt\n\n' +
        'E3\nLinje 5: Erstatt «tiltak 1.1» med «tiltak 1.3»\nStatus: vedtatt\n\n' +
        'E4\nLinje 2: Sett inn etter «Gi alle elever»: «og lærere»\nStatus: vedtatt\n',
    );
    assert.deepEqual(r.refused.map((x) => x.reason), [
      'E1 changes the same words as E2: neither is applied. Merge them into one amendment, or change the status of one.',
      'E2 changes the same words as E1: neither is applied. Merge them into one amendment, or change the status of one.',
      'The words E3 quotes are printed from text written otherwise (a reference, an escaped number, a label): change it by hand.',
    ]);
    assert.deepEqual(r.edits.map((e) => e.amendment.id), ['E4']);
  });

  it('applies the chosen statuses only; with none chosen, or none found, gives the programme back byte for byte', () => {
    const body = 'E1\nLinje 2: Stryk «hver dag»\nStatus: innstilt\n\nE2\nLinje 4: Stryk «og miljøarbeidere»\nStatus: vedtatt\n';
    assert.deepEqual(apply(body, SKOLE, { statuses: ['recommended'] }).edits.map((e) => e.amendment.id), ['E1']);
    assert.deepEqual(apply(body, SKOLE, { statuses: ['recommended', 'adopted'] }).edits.map((e) => e.amendment.id), ['E1', 'E2']);
    // A programme whose numbering is off stays as it is when nothing is applied.
    const off = SKOLE.replace('3. Bygge', '5. Bygge');
    const none = apply(body, off, { statuses: ['withdrawn'] });
    assert.equal(none.text, off);
    assert.equal(none.renumbered, 0);
  });

  it('applies an amendment where its quote is found again when the draft has changed', () => {
    const p = analyse(SKOLE).programme;
    const draft = printedDraft(p);
    const file = parseAmendments('---\nprogramme: skole.programme\ndraft: 0000aaaa\n---\n\nE1\nLinje 1: Stryk «hver dag»\nStatus: vedtatt\n');
    const r = applyAmendments(p, draft, file);
    assert.deepEqual([r.refused, r.edits.map((e) => [e.amendment.id, e.lines.first])], [[], [['E1', 2]]]);
  });
});

describe('amendments: programme amend apply', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'programme-apply-'));
    writeFileSync(path.join(dir, '.programmerc.json'), '{}\n');
    writeFileSync(path.join(dir, 'skole.programme'), SKOLE);
    const fingerprint = printedDraft(analyse(SKOLE).programme).fingerprint;
    writeFileSync(path.join(dir, 'ok.amendments'), `---\nprogramme: skole.programme\ndraft: ${fingerprint}\n---\n\nE1\nLinje 2: Stryk «hver dag»\nBegrunnelse: x\nStatus: vedtatt\n`);
    writeFileSync(path.join(dir, 'refused.amendments'), `---\nprogramme: skole.programme\ndraft: ${fingerprint}\n---\n\nE1\nLinje 3: Stryk «hver dag»\nBegrunnelse: x\nStatus: vedtatt\n`);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const run = (argv: string[]) => runIn(dir, argv);


  it('writes the adopted text to the output file and says what it did', async () => {
    const r = await run(['amend', 'apply', 'skole.programme', 'ok.amendments', '-o', 'vedtatt.programme']);
    assert.deepEqual(r, { code: 0, out: '', err: 'Applied 1 of the 1 amendments with the status adopted, in line order: E1.\nThe adopted text checks clean.' });
    assert.equal(readFileSync(path.join(dir, 'vedtatt.programme'), 'utf8'), SKOLE.replace(' hver dag', ''));
  });

  it('writes to standard output without -o, and exits 1 when an amendment is not applied', async () => {
    const r = await run(['amend', 'apply', 'skole.programme', 'refused.amendments']);
    assert.equal(r.code, 1);
    assert.equal(r.out, SKOLE);
    assert.equal(
      r.err,
      'None of the 1 amendments with the status adopted was applied.\nNot applied: The words E1 quotes are not on the lines it cites: correct its lines first ("programme check" offers the fix). The congress voted on what it cites.',
    );
  });

  it('programme fix leaves an amendment file alone, and says so (exit 2)', async () => {
    const before = readFileSync(path.join(dir, 'refused.amendments'), 'utf8');
    assert.deepEqual(await run(['fix', 'refused.amendments']), {
      code: 2,
      out: '',
      err: 'refused.amendments: "programme fix" changes programmes only; the fixes of an amendment file are quick fixes in the editor ("programme check" lists what they would correct). The file was not changed.',
    });
    assert.equal(readFileSync(path.join(dir, 'refused.amendments'), 'utf8'), before);
  });

  it('refuses an output that is one of the inputs, and a status it does not know (exit 2, nothing written)', async () => {
    assert.deepEqual(await run(['amend', 'apply', 'skole.programme', 'ok.amendments', '-o', 'skole.programme']), { code: 2, out: '', err: 'skole.programme: the output is one of the inputs; name another file with -o.' });
    assert.equal(readFileSync(path.join(dir, 'skole.programme'), 'utf8'), SKOLE);
    assert.deepEqual(await run(['amend', 'apply', 'skole.programme', 'ok.amendments', '--status', 'adopted,passed']), {
      code: 2,
      out: '',
      err: '--status takes proposed, recommended, adopted, rejected, withdrawn, or several joined by commas; found "passed".',
    });
    const r = await run(['amend', 'apply', 'skole.programme', 'ok.amendments', '--status', 'vedtatt,innstilt']);
    assert.equal(r.code, 0);
  });
});
