/**
 * The voting list (server/src/amendments/list.ts, `programme amend list`): the order of the lines, the
 * draft's text and the amended text with the changed words marked, conflicts, amendments that cannot
 * be shown, the three formats, and the word diff's property (each side gives its text back).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyse } from '../../server/src/rules/index';
import { printedDraft } from '../../server/src/amendments/lines';
import { parseAmendments } from '../../server/src/amendments/parse';
import { renderVotingList, votingList, wordDiff, type DiffRun } from '../../server/src/amendments/list';
import { runIn, SKOLE, withPartTranslations } from './programmes';

const DRAFT = printedDraft(analyse(SKOLE).programme);

function list(body: string, lang = 'nb') {
  return votingList(parseAmendments(`---\nprogramme: skole.programme\ndraft: ${DRAFT.fingerprint}\nlang: ${lang}\n---\n\n${body}`), DRAFT, { title: 'Skole' });
}

/** The runs as `text`, `-removed-`, `+added+`. */
function shown(runs: DiffRun[]): string {
  return runs.map((r) => (r.kind === 'same' ? r.text : r.kind === 'removed' ? `[-${r.text}-]` : `{+${r.text}+}`)).join('');
}

const BODY =
  'E1\nForslagsstiller: Bergen AP\nLinje 4–5: Erstatt «flere lærere, helsesykepleiere» med «flere lærere og helsesykepleiere»\nBegrunnelse: Språk.\nStatus: vedtatt\n\n' +
  'E2\nLinje 2: Stryk «gratis»\nBegrunnelse: Dyrt.\nStatus: avvist\n\n' +
  'E3\nLinje 2: Sett inn etter «skolemåltid»: «, frukt»\nBegrunnelse: Sunt.\nStatus: innstilt\n\n' +
  'E4\nLinje 2: Erstatt «gratis skolemåltid» med «gratis lunsj»\nBegrunnelse: Ord.\n\n' +
  'E5\nLinje 3: Stryk «alle elever»\nBegrunnelse: Feil linje.\n';

describe('amendments: the voting list', () => {
  // The list is in the file's language: with the translations as they will be merged.
  let untranslate: () => void;
  before(() => (untranslate = withPartTranslations()));
  after(() => untranslate());

  it('lists the amendments in the order of the lines (ties in the file\'s order), the draft\'s text and the amended text run by run', () => {
    assert.deepEqual(
      list(BODY).entries.map((e) => [e.id, e.lines, e.status, e.diff.length > 0 ? shown(e.diff) : e.problem, e.conflicts]),
      [
        ['E2', { first: 2, last: 2 }, 'rejected', '1. Gi alle elever et[- gratis-] skolemåltid hver dag, laget av lokale råvarer der', []],
        ['E3', { first: 2, last: 2 }, 'recommended', '1. Gi alle elever et gratis skolemåltid{+, frukt+} hver dag, laget av lokale råvarer der', ['E4']],
        ['E4', { first: 2, last: 2 }, 'proposed', '1. Gi alle elever et gratis[- skolemåltid-]{+ lunsj+} hver dag, laget av lokale råvarer der', ['E3']],
        ['E5', { first: 3, last: 3 }, 'proposed', '«alle elever» står ikke på linje 3; det står på linje 2 og linje 4.', []],
        ['E1', { first: 4, last: 5 }, 'adopted', '2. Ansette flere[- lærere,-]{+ lærere og+} helsesykepleiere og miljøarbeidere, slik at alle elever blir sett.', []],
      ],
    );
    const e1 = list(BODY).entries[4];
    assert.equal(e1.original, '2. Ansette flere lærere, helsesykepleiere og miljøarbeidere, slik at alle elever blir sett.');
    assert.equal(e1.proposed, '2. Ansette flere lærere og helsesykepleiere og miljøarbeidere, slik at alle elever blir sett.');
  });

  // Issue 16's trial: the list said "forslag" for an unknown status, and "lines that are not in the draft" for 114–112.
  it('shows an unknown status as written, marked as not understood, and gives the check\'s message for what apply refuses', () => {
    const body =
      'E1\nLinje 2: Stryk «gratis»\nBegrunnelse: Dyrt.\nStatus: vedtatt med endringer\n\n' +
      'E2\nLinje 3-2: Stryk «gratis»\nBegrunnelse: Dyrt.\nStatus: vedtatt\n\n' +
      'E3\nLinje 2–4: Erstatt «gratis» med «billig», og «flere lærere» med «flere lektorer»\nBegrunnelse: To.\nStatus: vedtatt\n';
    const l = list(body);
    assert.deepEqual(
      l.entries.map((e) => [e.id, e.status, e.statusWritten, e.proposed, e.problem]),
      [
        ['E1', 'unknown', 'vedtatt med endringer', undefined, '«vedtatt med endringer» er ikke en status: skriv en av forslag, innstilt, vedtatt, avvist, trukket.'],
        ['E3', 'adopted', undefined, undefined, 'E3 har flere sitater enn endringen trenger (2); de første leses. Skriv én endring per endringsforslag.'],
        ['E2', 'adopted', undefined, undefined, 'E2 viser til linje 3–2: den første linjen kommer etter den siste. Skriv 2–3.'],
      ],
    );
    assert.match(renderVotingList(l, 'md'), /Status: vedtatt med endringer \(ikke forstått: ingen av statusene\)/);
  });

  it('writes Markdown: a table per amendment, ~~removed~~ and **added** words hugging their words', () => {
    const md = renderVotingList(list(BODY.split('\n\n')[0] + '\n'), 'md');
    assert.equal(
      md,
      [
        '# Voteringsliste: Skole',
        '',
        'Utkast ' + DRAFT.fingerprint + ', skrevet ut med 80 tegn per linje. 1 endringsforslag, i linjerekkefølge.',
        '',
        '## E1 (linje 4–5)',
        '',
        'Forslagsstiller: Bergen AP  ',
        'Status: vedtatt',
        '',
        '| Tekst i utkastet | Endret tekst |',
        '|---|---|',
        '| 2. Ansette flere ~~lærere,~~ helsesykepleiere og miljøarbeidere, slik at alle elever blir sett. | 2. Ansette flere **lærere og** helsesykepleiere og miljøarbeidere, slik at alle elever blir sett. |',
        '',
        'Begrunnelse: Språk.',
        '',
      ].join('\n'),
    );
  });

  it('writes HTML: a page in the list\'s language, <del> and <ins> in a table, the status as a class, text escaped', () => {
    const html = renderVotingList(list('E1\nLinje 2: Erstatt «gratis» med «<b>fri</b> & gratis»\nBegrunnelse: x\nStatus: trukket\n'), 'html');
    assert.match(html, /^<!DOCTYPE html>\n<html lang="nb">/);
    assert.match(html, /<section id="E1" class="withdrawn">/);
    assert.match(html, /<td>1\. Gi alle elever et gratis skolemåltid hver dag, laget av lokale råvarer der<\/td><td>1\. Gi alle elever et <ins>&lt;b&gt;fri&lt;\/b&gt; &amp;<\/ins> gratis skolemåltid/);
    assert.match(renderVotingList(list('E1\nLinje 2: Stryk «gratis»\nBegrunnelse: x\n'), 'html'), /<td>1\. Gi alle elever et <del>gratis<\/del> skolemåltid/);
    assert.doesNotMatch(html, /<b>fri/);
  });

  it('writes JSON with every entry\'s runs', () => {
    const json = JSON.parse(renderVotingList(list(BODY), 'json')) as { language: string; draft: string; entries: { id: string; diff: DiffRun[] }[] };
    assert.equal(json.language, 'nb');
    assert.equal(json.draft, DRAFT.fingerprint);
    assert.deepEqual(json.entries.map((e) => e.id), ['E2', 'E3', 'E4', 'E5', 'E1']);
    assert.deepEqual(json.entries[2].diff, [
      { kind: 'same', text: '1. Gi alle elever et gratis' },
      { kind: 'removed', text: ' skolemåltid' },
      { kind: 'added', text: ' lunsj' },
      { kind: 'same', text: ' hver dag, laget av lokale råvarer der' },
    ]);
  });

  it('the word diff gives each side its text back', () => {
    const text = fc.array(fc.constantFrom('og', 'grønne', 'jobber,', 'alle', 'kommuner.', 'flere'), { maxLength: 8 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(text, text, (before, after) => {
        const runs = wordDiff(before, after);
        assert.equal(runs.filter((r) => r.kind !== 'added').map((r) => r.text).join(''), before);
        assert.equal(runs.filter((r) => r.kind !== 'removed').map((r) => r.text).join(''), after);
      }),
      { numRuns: 300 },
    );
  });
});

describe('amendments: programme amend list', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'programme-list-'));
    writeFileSync(path.join(dir, '.programmerc.json'), '{}\n');
    writeFileSync(path.join(dir, 'skole.programme'), SKOLE);
    writeFileSync(path.join(dir, 'landsmote.amendments'), `---\nprogramme: skole.programme\ndraft: ${DRAFT.fingerprint}\n---\n\n${BODY}`);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const run = (argv: string[]) => runIn(dir, argv);


  it('writes the list in the format the output\'s extension names, in the programme\'s language when the file names none', async () => {
    assert.deepEqual(await run(['amend', 'list', 'skole.programme', 'landsmote.amendments', '-o', 'liste.html']), { code: 0, out: '', err: '' });
    assert.match(readFileSync(path.join(dir, 'liste.html'), 'utf8'), /^<!DOCTYPE html>\n<html lang="nb">/);
    const md = await run(['amend', 'list', 'skole.programme', 'landsmote.amendments', '--to', 'md']);
    assert.equal(md.code, 0);
    assert.match(md.out, /^# /);
  });

  it('asks for a format when neither --to nor the output names one (exit 2)', async () => {
    assert.deepEqual(await run(['amend', 'list', 'skole.programme', 'landsmote.amendments']), { code: 2, out: '', err: 'Say which format the voting list is written in with --to html, md or json.' });
    assert.deepEqual(await run(['amend', 'list', 'skole.programme', 'landsmote.amendments', '-o', 'liste.txt']), {
      code: 2,
      out: '',
      err: 'liste.txt: the file extension names no format of the voting list; say which with --to html, md or json.',
    });
  });
});
