/**
 * The amendment file's reader (server/src/amendments/parse.ts): what a delegate writes, in nb, nn, de
 * and en, is read as meant; what cannot be read is reported with its span, and the other amendments
 * are read all the same.
 */
import assert from 'node:assert/strict';
import { parseAmendments } from '../../server/src/amendments/parse';
import type { Amendment, AmendmentsFile } from '../../server/src/amendments/model';

/** The amendments of `text` as compact objects (values only; spans are tested separately). */
function read(text: string): Record<string, unknown>[] {
  return parseAmendments(text).amendments.map(values);
}

function values(a: Amendment): Record<string, unknown> {
  const out: Record<string, unknown> = { id: a.id, status: a.status };
  if (a.proposer) out.proposer = a.proposer.value;
  if (a.range) out.lines = a.range.pillar ? `${a.range.pillar.value}:${a.range.first}-${a.range.last}` : `${a.range.first}-${a.range.last}`;
  if (a.change) out.change = a.change.value;
  if (a.quoted) out.quoted = a.quoted.value;
  if (a.replacement) out.replacement = a.replacement.value;
  if (a.reason) out.reason = a.reason.value;
  return out;
}

/** The diagnostics of `text` as `severity line:col "spanned text": message`. */
function problems(file: AmendmentsFile): string[] {
  return file.diagnostics.map((d) => {
    const p = file.lines.positionAt(d.span.start);
    return `${d.severity} ${p.line + 1}:${p.character + 1} "${file.text.slice(d.span.start, d.span.end)}": ${d.message}`;
  });
}

const FRONT = '---\nprogramme: valg.programme\ndraft: 3f09c2a1\nlang: nb\n---\n\n';

describe('amendments: reading a file', () => {
  it('reads the front matter, with the spans of its values', () => {
    const f = parseAmendments(FRONT);
    assert.deepEqual(problems(f), []);
    const fm = f.frontMatter!;
    assert.equal(fm.programme?.value, 'valg.programme');
    assert.equal(f.text.slice(fm.programme!.span.start, fm.programme!.span.end), 'valg.programme');
    assert.equal(fm.draft?.value, '3f09c2a1');
    assert.equal(fm.lang?.value, 'nb');
  });

  it('keeps a fingerprint of digits as written (YAML would make 12e45678 a number)', () => {
    assert.equal(parseAmendments('---\nprogramme: a.programme\ndraft: 12e45678\n---\n').frontMatter?.draft?.value, '12e45678');
    assert.equal(parseAmendments('---\nprogramme: a.programme\ndraft: "00012345"\n---\n').frontMatter?.draft?.value, '00012345');
  });

  it('reads a Bokmål amendment with every part', () => {
    const text = `${FRONT}E1\nForslagsstiller: Bergen Arbeiderparti\nLinje 112–114: Erstatt «flere grønne arbeidsplasser» med «flere grønne industriarbeidsplasser».\nBegrunnelse: Industrien må med.\nStatus: vedtatt\n`;
    assert.deepEqual(read(text), [
      {
        id: 'E1',
        status: 'adopted',
        proposer: 'Bergen Arbeiderparti',
        lines: '112-114',
        change: 'replace',
        quoted: 'flere grønne arbeidsplasser',
        replacement: 'flere grønne industriarbeidsplasser',
        reason: 'Industrien må med.',
      },
    ]);
    const a = parseAmendments(text).amendments[0];
    const at = (s: { start: number; end: number }) => text.slice(s.start, s.end);
    assert.equal(at(a.idSpan), 'E1');
    assert.equal(at(a.range!.span), '112–114');
    assert.equal(at(a.quoted!.span), 'flere grønne arbeidsplasser');
    assert.equal(at(a.replacement!.span), 'flere grønne industriarbeidsplasser');
    assert.equal(at(a.change!.span), 'Erstatt «flere grønne arbeidsplasser» med «flere grønne industriarbeidsplasser»');
    assert.equal(at(a.reason!.span), 'Industrien må med.');
    assert.equal(at(a.statusSpan!), 'vedtatt');
    assert.equal(at(a.span), text.slice(text.indexOf('E1'), text.length - 1));
  });

  it('reads the change words and statuses of nb, nn, de and en', () => {
    const text = [
      'E1', 'Linje 3: Stryk «og målstyring».', 'Status: innstilt', '',
      'E2', 'Linjene 4–5: Byt ut «skal» med «bør».', 'Status: vedteke', '',
      'Ä3', 'Zeilen 6 bis 7: Ersetze „grüne“ durch „nachhaltige“.', 'Status: abgelehnt', '',
      'A4', 'Line 8: Insert after "jobs": ", also in rural areas".', 'Status: withdrawn', '',
      'E5', 'Linje 9: Sett inn etter «ungdom»: «og studenter».', 'Status: trukket', '',
      'Ä6', 'Zeile 10: Füge nach „Arbeit“ ein: „und Ausbildung“', '',
      'Ä7', 'Zeile 11: Nach „Arbeit“ einfügen: „und Bildung“', 'Status: angenommen', '',
      'E8', 'Linje 12: Endre «kan» til «skal».', 'Status: falt', '',
      'A9', 'Lines 13-14: Delete “all of it”.', 'Status: recommended', '',
      'E10', 'Linje 15: Sett inn «nye ord» etter «gamle ord».', '',
    ].join('\n');
    const f = parseAmendments(text);
    assert.deepEqual(problems(f), []);
    assert.deepEqual(
      f.amendments.map((a) => [a.id, a.range?.first, a.range?.last, a.change?.value, a.quoted?.value, a.replacement?.value, a.status]),
      [
        ['E1', 3, 3, 'delete', 'og målstyring', undefined, 'recommended'],
        ['E2', 4, 5, 'replace', 'skal', 'bør', 'adopted'],
        ['Ä3', 6, 7, 'replace', 'grüne', 'nachhaltige', 'rejected'],
        ['A4', 8, 8, 'insertAfter', 'jobs', ', also in rural areas', 'withdrawn'],
        ['E5', 9, 9, 'insertAfter', 'ungdom', 'og studenter', 'withdrawn'],
        ['Ä6', 10, 10, 'insertAfter', 'Arbeit', 'und Ausbildung', 'proposed'],
        ['Ä7', 11, 11, 'insertAfter', 'Arbeit', 'und Bildung', 'adopted'],
        ['E8', 12, 12, 'replace', 'kan', 'skal', 'rejected'],
        ['A9', 13, 14, 'delete', 'all of it', undefined, 'recommended'],
        ['E10', 15, 15, 'insertAfter', 'gamle ord', 'nye ord', 'proposed'],
      ],
    );
  });

  it('reads the passive forms people write: «…» endres til «…», «…» strykes, „…“ wird gestrichen, etter «…» settes inn «…»', () => {
    const text = [
      'E1', 'Linje 3: «skal» endres til «bør».', '',
      'E2', 'Linje 4 «og målstyring» strykes', '',
      'Ä3', 'Zeile 5: „grüne“ wird gestrichen.', '',
      'E4', 'Linje 6: Etter «ungdom» settes inn «og studenter».', '',
      'A5', 'Line 7: "all of it" is deleted', '',
      'E6', 'Linje 8: «fylkene» erstattast med «fylka».', '',
    ].join('\n');
    const f = parseAmendments(text);
    assert.deepEqual(problems(f), []);
    assert.deepEqual(
      f.amendments.map((a) => [a.id, a.change?.value, a.quoted?.value, a.replacement?.value]),
      [
        ['E1', 'replace', 'skal', 'bør'],
        ['E2', 'delete', 'og målstyring', undefined],
        ['Ä3', 'delete', 'grüne', undefined],
        ['E4', 'insertAfter', 'ungdom', 'og studenter'],
        ['A5', 'delete', 'all of it', undefined],
        ['E6', 'replace', 'fylkene', 'fylka'],
      ],
    );
  });

  it('says that a new measure or paragraph is not a change it can make, and asks for the quote of a deletion without one', () => {
    const f = parseAmendments('E1\nLinje 52: Nytt punkt etter «klimatjenester.»: «4. Sikre klimakompetanse.»\n\nE2\nLinje 18-21: Tiltaket strykes i sin helhet.\n');
    assert.deepEqual(problems(f), [
      'error 2:11 "Nytt punkt etter «klimatjenester.»: «4. Sikre klimakompetanse.»": E1 adds a new measure or paragraph, which an amendment cannot say yet: it changes words of the draft. Write the new words as an insertion into the text before them, or add them by hand after the vote.',
      'error 5:14 "Tiltaket strykes i sin helhet.": Quote the words E2 deletes, as they are printed: Delete "…".',
    ]);
  });

  it('reads a change on the line below the citation, a quote over two lines, and a reason of two paragraphs', () => {
    const text = `${FRONT}E1\nLinje 40\nErstatt «flere grønne\narbeidsplasser» med «flere\n   gode jobber»\nBegrunnelse: Første avsnitt\nfortsetter her.\n\nAndre avsnitt.\n`;
    const f = parseAmendments(text);
    assert.deepEqual(problems(f), []);
    assert.deepEqual(read(text), [
      { id: 'E1', status: 'proposed', lines: '40-40', change: 'replace', quoted: 'flere grønne arbeidsplasser', replacement: 'flere gode jobber', reason: 'Første avsnitt fortsetter her.\n\nAndre avsnitt.' },
    ]);
    const q = f.amendments[0].quoted!;
    assert.equal(text.slice(q.span.start, q.span.end), 'flere grønne\narbeidsplasser');
  });

  it('reads an id followed by its citation on one line, ids with a "#", and any case', () => {
    const text = '# E1\nlinje 3: STRYK «x»\n\nE2: Linje 4: Stryk «y»\n\nE3. LINJE 5\nstryk «z»\n';
    assert.deepEqual(
      read(text).map((a) => [a.id, a.lines, a.change, a.quoted]),
      [
        ['E1', '3-3', 'delete', 'x'],
        ['E2', '4-4', 'delete', 'y'],
        ['E3', '5-5', 'delete', 'z'],
      ],
    );
  });

  it('accepts «…» with quotes inside it, "…", “…”, „…“ and »…«', () => {
    const text = 'E1\nLinje 1: Erstatt «han sa «ja» og "nei"» med »noe«\n\nE2\nLinje 2: Erstatt “a” med „b“\n';
    assert.deepEqual(
      read(text).map((a) => [a.quoted, a.replacement]),
      [
        ['han sa «ja» og "nei"', 'noe'],
        ['a', 'b'],
      ],
    );
  });

  it('reads a pillar before the lines, when lines restart in each pillar', () => {
    assert.deepEqual(read('E1\nKapittel 2, linje 12–13: Stryk «x»\n')[0].lines, '2:12-13');
    assert.deepEqual(read('A1\nChapter 3: lines 1 to 2: Delete "x"\n')[0].lines, '3:1-2');
  });

  it('reads two neighbouring lines joined by "og", "und", "and" or "&" as their range, and reports two lines apart', () => {
    assert.deepEqual(read('E1\nLinje 7 og 8: Stryk «x»\n')[0].lines, '7-8');
    assert.deepEqual(read('Ä1\nZeilen 7 und 8: Streiche „x“\n')[0].lines, '7-8');
    assert.deepEqual(read('A1\nLines 7 & 8: Delete "x"\n')[0].lines, '7-8');
    const file = parseAmendments('E1\nLinje 7 og 12: Stryk «x»\n');
    assert.deepEqual(file.amendments.map(values)[0].lines, '7-7');
    assert.deepEqual(problems(file), [
      'error 2:7 "7 og 12": An amendment changes one line or one range of lines: write "7–12" for the lines from 7 to 12, or a second amendment for line 12.',
    ]);
    // "og" in the change's own text is not a citation: only right after the first number.
    assert.deepEqual(read('E1\nLinje 7: Stryk «og 8»\n')[0].lines, '7-7');
  });

  it('reads a status with the count of the vote or an exclamation mark: enstemmig vedtatt, abgelehnt (einstimmig), Vedtatt!', () => {
    const statuses = (text: string) => parseAmendments(text).amendments.map((a) => a.status);
    assert.deepEqual(statuses('E1\nLinje 1: Stryk «x»\nStatus: enstemmig vedtatt\nE2\nLinje 2: Stryk «y»\nStatus: Vedtatt!\nE3\nLinje 3: Stryk «z»\nStatus: avvist enstemmig.\n'), ['adopted', 'adopted', 'rejected']);
    assert.deepEqual(statuses('Ä1\nZeile 1: Streiche „x“\nStatus: einstimmig abgelehnt\n'), ['rejected']);
    // Still not a status: adopted with changes says more than the file can hold.
    assert.deepEqual(statuses('E1\nLinje 1: Stryk «x»\nStatus: vedtatt med endringer\n'), ['unknown']);
  });

  it('ignores comments, and a title before the first amendment', () => {
    const text = `${FRONT}Endringsforslag til valgprogrammet 2027\n\n// fra fylkesstyret\nE1\n// Linje 9: Stryk «a»\nLinje 3: Stryk «b»\n`;
    const f = parseAmendments(text);
    assert.deepEqual(problems(f), []);
    assert.deepEqual(read(text).map((a) => a.quoted), ['b']);
  });

  it('reports lines that look like an amendment before the first id', () => {
    const f = parseAmendments('Linje 3: Stryk «b»\nStatus: vedtatt\n\nE1\nLinje 4: Stryk «c»\n');
    assert.deepEqual(problems(f), [
      'error 1:1 "Linje 3: Stryk «b»": This line belongs to no amendment: an amendment starts with its id on a line of its own (E1), and its lines follow.',
    ]);
    assert.deepEqual(f.amendments.map((a) => a.id), ['E1']);
  });

  it('reports what it cannot read, and reads the next amendment all the same', () => {
    const text = [
      'E1', 'Linje 3: Stryk «unclosed', 'Status: vedtat', '',
      'E2', 'Forslagsstiller: X', '',
      'E3', 'Linje 5: Gjør noe med «x»', '',
      'E4', 'Linje 6: Erstatt «a»', 'Linje 7: Stryk «b»', '',
      'E5', 'Linje 8: Sett inn «a» «b»', 'Status: vedtatt', 'og mer', '',
      'E6', 'Linje 9: Stryk «ok»', 'Status: vedtatt',
    ].join('\n');
    const f = parseAmendments(text);
    assert.deepEqual(problems(f), [
      'error 2:16 "«": This quote is not closed: end it with the closing mark (»).',
      'error 3:9 "vedtat": "vedtat" is not a status (did you mean "vedtatt"?): write one of proposed, recommended, adopted, rejected, withdrawn.',
      'error 5:1 "E2": E2 names no line: write the line or lines it changes, as "Line 112:" or "Lines 112–114:".',
      'error 5:1 "E2": E2 says no change: write "Replace "…" with "…"", "Delete "…"" or "Insert after "…": "…"" after its line.',
      'error 9:10 "Gjør noe med «x»": The change of E3 could not be read: write "Replace "…" with "…"", "Delete "…"" or "Insert after "…": "…"".',
      'error 12:10 "Erstatt «a»": E4 replaces "a" with what? Quote the new words: Replace "…" with "…".',
      'error 13:1 "Linje 7: Stryk «b»": E4 already has this part ("Linje"): an amendment has one of each. Start a new amendment with its id, or join the two.',
      'error 16:10 "Sett inn «a» «b»": Which words does the new text of E5 follow? Write "Insert after "…": "…"".',
      'warning 18:1 "og mer": This line belongs to no part of E5: start it with a keyword ("Reason:", "Status:" …), or make it a comment with "//".',
    ]);
    assert.deepEqual(read(text).at(-1), { id: 'E6', status: 'adopted', lines: '9-9', change: 'delete', quoted: 'ok' });
    // An unknown status is no status (issue 16's trial: it was taken as "proposed").
    assert.deepEqual(read(text)[0], { id: 'E1', status: 'unknown', lines: '3-3', change: 'delete', quoted: 'unclosed' });
    assert.equal(parseAmendments(text).amendments[0].statusWritten, 'vedtat');
  });

  it('reports front matter that does not fit: unknown keys, a width out of range, no closing line', () => {
    assert.deepEqual(problems(parseAmendments('---\nprogram: a.programme\nlineWidth: 5\nlang: fr\n---\n')), [
      'warning 2:1 "program": Unknown key "program" (did you mean "programme"?). The keys are programme, draft, lineWidth, lineNumbering, lang, title.',
      'error 3:12 "5": "lineWidth" is the number of characters on a printed line, from 10 to 1000: lineWidth: 80',
      'error 4:7 "fr": "lang" is the language of the file: nb, nn, de or en.',
    ]);
    const unclosed = parseAmendments('---\nprogramme: a.programme\n\nE1\nLinje 1: Stryk «x»\n');
    assert.deepEqual(problems(unclosed), ['error 1:1 "---": The front matter is not closed: end it with a line "---" before the first amendment.']);
    assert.equal(unclosed.frontMatter?.programme?.value, 'a.programme');
    assert.deepEqual(unclosed.amendments.map((a) => a.id), ['E1']);
  });

  it('does not take a road or a line of text for an id', () => {
    const f = parseAmendments('E1\nLinje 3: Stryk «x»\nBegrunnelse: Veien\nE6 er stengt.\n');
    assert.deepEqual(f.amendments.map((a) => a.id), ['E1']);
    assert.equal(f.amendments[0].reason?.value, 'Veien E6 er stengt.');
  });

  it('reads CRLF and CR line ends and a byte order mark', () => {
    const text = '\ufeff---\r\nprogramme: a.programme\r\n---\r\nE1\rLinje 3: Stryk «x»\r\n';
    const f = parseAmendments(text);
    assert.deepEqual(problems(f), []);
    assert.equal(f.frontMatter?.programme?.value, 'a.programme');
    assert.deepEqual(read(text).map((a) => a.quoted), ['x']);
  });
});

describe('amendments: ids and field words as delegates write them (issue 16)', () => {
  it('reads "E 2", "e3", the word in full and "nr." as ids, made E2, E3, E4, Ä5, A6, E7', () => {
    const text = [
      'E1', 'Linje 1: Stryk «a»', 'Begrunnelse: a', '',
      'E 2', 'Linje 2: Stryk «b»', 'Begrunnelse: b', '',
      'e3', 'Linje 3: Stryk «c»', 'Begrunnelse: c', '',
      'Endringsforslag 4', 'Linje 4: Stryk «d»', 'Begrunnelse: d', '',
      'Änderungsantrag 5', 'Zeile 5: Streiche „e“', 'Begründung: e', '',
      'Amendment 6', 'Line 6: Delete "f"', 'Reason: f', '',
      'Endringsforslag nr. 7:', 'Linje 7: Stryk «g»', 'Begrunnelse: g', '',
    ].join('\n');
    const f = parseAmendments(text);
    assert.deepEqual(problems(f), []);
    assert.deepEqual(
      f.amendments.map((a) => [a.id, text.slice(a.idSpan.start, a.idSpan.end), a.range?.first, a.quoted?.value, a.reason?.value]),
      [
        ['E1', 'E1', 1, 'a', 'a'],
        ['E2', 'E 2', 2, 'b', 'b'],
        ['E3', 'e3', 3, 'c', 'c'],
        ['E4', 'Endringsforslag 4', 4, 'd', 'd'],
        ['Ä5', 'Änderungsantrag 5', 5, 'e', 'e'],
        ['A6', 'Amendment 6', 6, 'f', 'f'],
        ['E7', 'Endringsforslag nr. 7', 7, 'g', 'g'],
      ],
    );
  });

  it('keeps a note after the id as the proposer when none is given, and drops it with a hint when one is', () => {
    const text = ['E5 (Oslo)', 'Linje 1: Stryk «a»', 'Begrunnelse: a', '', 'E6 – Oslo lokallag', 'Forslagsstiller: Bergen', 'Linje 2: Stryk «b»', 'Begrunnelse: b', '', 'E7 - Tromsø AUF', 'Linje 3: Stryk «c»', ''].join('\n');
    const f = parseAmendments(text);
    assert.deepEqual(problems(f), ['hint 5:6 "Oslo lokallag": The note after E6 ("Oslo lokallag") is not read: E6 names its proposer. Write the id alone on its line, like E6.']);
    assert.deepEqual(
      f.amendments.map((a) => [a.id, a.proposer?.value, a.proposer && text.slice(a.proposer.span.start, a.proposer.span.end)]),
      [
        ['E5', 'Oslo', 'Oslo'],
        ['E6', 'Bergen', 'Bergen'],
        ['E7', 'Tromsø AUF', 'Tromsø AUF'],
      ],
    );
  });

  it('reports other text after an id once, at the id line, and reads the amendment all the same', () => {
    const text = ['E1', 'Linje 1: Stryk «a»', 'Begrunnelse: a', '', 'E2 fra Oslo lokallag', 'Forslagsstiller: B', 'Linje 2: Stryk «b»', 'Begrunnelse: b', ''].join('\n');
    const f = parseAmendments(text);
    assert.deepEqual(problems(f), [
      'error 5:4 "fra Oslo lokallag": "fra Oslo lokallag" after the id is not read: write the id alone on its line, like E2, and the proposer as "Proposer: …".',
    ]);
    assert.deepEqual(read(text).map((a) => [a.id, a.proposer, a.quoted]), [
      ['E1', undefined, 'a'],
      ['E2', 'B', 'b'],
    ]);
  });

  it('still takes text that only looks like an id for text: a title, a line of a reason', () => {
    const text = [
      'Endringsforslag 2027', '', 'E1', 'Linje 1: Stryk «a»', 'Begrunnelse: Se forslag', 'E6 – veien er stengt', 'Status: vedtatt', '',
      'E2', 'Linje 2: Stryk «b»', 'Begrunnelse: Se', 'Forslag 4', 'E 5', '',
    ].join('\n');
    const f = parseAmendments(text);
    assert.deepEqual(problems(f), []);
    assert.deepEqual(read(text).map((a) => [a.id, a.reason, a.status]), [
      ['E1', 'Se forslag E6 – veien er stengt', 'adopted'],
      ['E2', 'Se Forslag 4 E 5', 'proposed'],
    ]);
  });

  it('gives one error, not one per line, for an amendment whose id cannot be read, and none of its parts to the one before', () => {
    const text = ['E1', 'Linje 1: Stryk «a»', 'Begrunnelse: a', '', 'Forslag fra Oslo', 'Linje 2: Stryk «b»', 'Begrunnelse: b', 'Status: vedtatt', ''].join('\n');
    const f = parseAmendments(text);
    assert.deepEqual(problems(f), [
      'error 5:1 "Forslag fra Oslo": E1 already has a part of this paragraph ("Linje"): it looks like another amendment, whose id could not be read. Start it with its id alone on a line, like E2.',
    ]);
    assert.deepEqual(read(text), [{ id: 'E1', status: 'proposed', lines: '1-1', change: 'delete', quoted: 'a', reason: 'a' }]);
    // After a status (the line of no part was a warning of its own) and with a part E1 did not have.
    const text2 = ['E1', 'Linje 1: Stryk «a»', 'Status: avvist', '', 'Forslag fra Oslo', 'Begrunnelse: b', 'Linje 2: Stryk «b»', 'Status: vedtatt', ''].join('\n');
    assert.deepEqual(problems(parseAmendments(text2)), [
      'error 5:1 "Forslag fra Oslo": E1 already has a part of this paragraph ("Linje"): it looks like another amendment, whose id could not be read. Start it with its id alone on a line, like E2.',
    ]);
    assert.deepEqual(read(text2), [{ id: 'E1', status: 'rejected', lines: '1-1', change: 'delete', quoted: 'a' }]);
  });

  it('takes a dash for the colon after a field word: Begrunnelse - …, Begrunnelse – …, Forslagsstiller — …, Status - …', () => {
    const text = ['E1', 'Forslagsstiller — Oslo', 'Linje 1, Stryk «a»', 'Begrunnelse - fordi det er bedre', 'Status - vedtatt', '', 'E2', 'Linje 2: Stryk «b»', 'Begrunnelse – fordi', ''].join('\n');
    const f = parseAmendments(text);
    assert.deepEqual(problems(f), []);
    assert.deepEqual(read(text), [
      { id: 'E1', status: 'adopted', proposer: 'Oslo', lines: '1-1', change: 'delete', quoted: 'a', reason: 'fordi det er bedre' },
      { id: 'E2', status: 'proposed', lines: '2-2', change: 'delete', quoted: 'b', reason: 'fordi' },
    ]);
  });

  it('reads a field word followed by words without a colon as the field, with one warning asking for the colon', () => {
    const text = ['E1', 'Linje 1: Stryk «a»', 'Begrunnelse fordi det er bedre', 'Status vedtatt', '', 'E2', 'Linje 2: Stryk «b»', 'Begrunnelse: Vi vil ha', 'status-møtet og', 'Status quo er ikke nok', ''].join('\n');
    const f = parseAmendments(text);
    assert.deepEqual(problems(f), [
      'warning 3:1 "Begrunnelse": Write a colon after "Begrunnelse" ("Begrunnelse: …"); the line is read as if it had one.',
      'warning 4:1 "Status": Write a colon after "Status" ("Status: …"); the line is read as if it had one.',
    ]);
    assert.deepEqual(read(text), [
      { id: 'E1', status: 'adopted', lines: '1-1', change: 'delete', quoted: 'a', reason: 'fordi det er bedre' },
      { id: 'E2', status: 'proposed', lines: '2-2', change: 'delete', quoted: 'b', reason: 'Vi vil ha status-møtet og Status quo er ikke nok' },
    ]);
  });

  it('reads the trial file of issue 16 with one finding per slip', () => {
    const text = [
      '---', 'programme: p.programme', 'lang: nb', '---',
      'E1:', 'Forslagsstiller: A', 'Linjer 5-6: Erstatt «x y» med «y»', 'Begrunnelse: a', 'Status: vedtatt', '',
      'E 2', 'Forslagsstiller: B', 'Linje 7: Stryk «privat»', 'Begrunnelse: b', '',
      'e3', 'Forslagsstiller: C', 'l. 13: Stryk «ved lov»', 'Begrunnelse: c', '',
      'Endringsforslag 4', 'Forslagsstiller: D', 'Linje 13 - 15: Stryk «ved lov»', 'Begrunnelse: d', '',
      'E5 (Oslo)', 'Linje 13 — 15 : Stryk «ved lov»', 'Begrunnelse: e', '',
      'E6', 'Forslagsstiller: F', 'Linje 13, Erstatt «ved lov» med «ved lov og forskrift»', 'Begrunnelse - fordi', 'Status: Vedtatt', '',
    ].join('\n');
    const f = parseAmendments(text);
    assert.deepEqual(problems(f), []);
    assert.deepEqual(read(text).map((a) => [a.id, a.proposer, a.lines, a.reason]), [
      ['E1', 'A', '5-6', 'a'],
      ['E2', 'B', '7-7', 'b'],
      ['E3', 'C', '13-13', 'c'],
      ['E4', 'D', '13-15', 'd'],
      ['E5', 'Oslo', '13-15', 'e'],
      ['E6', 'F', '13-13', 'fordi'],
    ]);
  });
});
