import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyse } from '../server/src/rules/index';
import { analyseText } from '../server/src/model/reading';
import { FRONT_MATTER_KEYS, FRONT_MATTER_SCHEMA, readFrontMatter, simpleFrontMatter } from '../server/src/rules/frontMatter';
import type { Config } from '../server/src/model/config';
import type { Fix } from '../server/src/syntax/span';
import { codeActions } from '../server/src/features/codeActions';

/** The front-matter diagnostics of a document whose front matter is `yaml` (lines joined by LF). */
function fm(yaml: string[], config: Config = {}, eol = '\n') {
  const text = ['---', ...yaml, '---', '# 1. A', '', '1. Et tiltak.', ''].join(eol);
  const { programme, diagnostics } = analyse(text, config);
  return diagnostics
    .filter((d) => d.code === 'front-matter')
    .map((d) => ({
      line: programme.lines.lineAt(d.span.start) + 1,
      severity: d.severity,
      text: text.slice(d.span.start, d.span.end),
      message: d.message,
      related: (d.related ?? []).map((r) => programme.lines.lineAt(r.span.start) + 1),
    }));
}

/** The one diagnostic of `yaml`, checked for line, severity and the text it covers. */
function one(yaml: string[], line: number, severity: string, text: string) {
  const list = fm(yaml);
  assert.equal(list.length, 1, `expected one diagnostic, found: ${JSON.stringify(list, null, 1)}`);
  assert.deepEqual([list[0].line, list[0].severity, list[0].text], [line, severity, text]);
  return list[0].message;
}

/** `text` with the changes of `fix` made (they are sorted and never overlap). */
function applyFix(text: string, fix: Fix): string {
  let out = text;
  for (const c of [...fix.changes].reverse()) out = out.slice(0, c.span.start) + c.newText + out.slice(c.span.end);
  return out;
}

/**
 * The front-matter diagnostics of `yaml` with their fixes: where (`line:col`, 1-based), the text covered,
 * the message, and each fix as its title, `*` when preferred, `(automatic)` when automatic, and the
 * front-matter lines after applying it alone. Checks that every change of a fix stays on the lines
 * the diagnostic covers, and that the rest of the document is untouched.
 */
function fixed(yaml: string[], eol = '\n') {
  const text = ['---', ...yaml, '---', '# 1. A', '', '1. Et tiltak.', ''].join(eol);
  const { programme, diagnostics } = analyse(text);
  const lines = programme.lines;
  return diagnostics
    .filter((d) => d.code === 'front-matter')
    .map((d) => {
      const at = lines.positionAt(d.span.start);
      const first = lines.lineStarts()[at.line];
      const last = lines.lineContentEnd(lines.lineAt(d.span.end));
      const fixes = (d.fixes ?? []).map((f) => {
        for (const c of f.changes) assert.ok(c.span.start >= first && c.span.end <= last, `${f.title}: a change outside the diagnostic's lines`);
        const after = applyFix(text, f);
        const end = after.indexOf(`${eol}---${eol}`);
        assert.equal(after.slice(end), text.slice(text.indexOf(`${eol}---${eol}`)), `${f.title}: the body changed`);
        return { title: `${f.preferred ? '* ' : ''}${f.title}${f.automatic ? ' (automatic)' : ''}`, yaml: after.slice(3 + eol.length, end).split(eol) };
      });
      return { at: `${at.line + 1}:${at.character + 1}`, text: text.slice(d.span.start, d.span.end), message: d.message, fixes };
    });
}

/** The one diagnostic of {@link fixed} `yaml`, checked for where it is and the text it covers. */
function oneFixed(yaml: string[], at: string, text: string) {
  const list = fixed(yaml);
  assert.equal(list.length, 1, `expected one diagnostic, found: ${JSON.stringify(list, null, 1)}`);
  assert.deepEqual([list[0].at, list[0].text], [at, text]);
  return list[0];
}

const VALID = ['title: Partiprogram 2027–2031', 'party: Eksempelpartiet', 'election: Stortingsvalget 2027', 'year: 2027', 'lang: nb', 'status: draft', 'adopted: 2027-04-15', 'version: "2.1"'];

describe('front matter: the schema', () => {
  it('has the keys of the issue, each with a description', () => {
    assert.deepEqual(FRONT_MATTER_KEYS, ['title', 'party', 'election', 'year', 'lang', 'status', 'adopted', 'version', 'measureStyle', 'measureNumbering', 'lineWidth']);
    for (const [key, value] of Object.entries(FRONT_MATTER_SCHEMA.properties)) assert.ok((value as { description?: string }).description, key);
    assert.equal(FRONT_MATTER_SCHEMA.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.deepEqual(FRONT_MATTER_SCHEMA.required, ['title']);
  });

  it('accepts every key when it is right, and no front matter at all', () => {
    assert.deepEqual(fm(VALID), []);
    assert.deepEqual(fm(['title: X']), []);
    assert.deepEqual(analyse('# 1. A\n\n1. x\n').diagnostics.filter((d) => d.code === 'front-matter'), []);
  });

  it('accepts BCP 47 language tags', () => {
    for (const tag of ['nb', 'nn', 'se', 'en', 'de-DE', 'zh-Hant-TW', 'es-419', 'sl-rozaj']) assert.deepEqual(fm(['title: X', `lang: ${tag}`]), [], tag);
  });
});

describe('front matter: each key', () => {
  it('title: required, on the opening line', () => {
    const list = fm(['party: P']);
    assert.deepEqual(list.map((d) => [d.line, d.severity, d.text]), [[1, 'error', '---']]);
    assert.equal(list[0].message, 'title is missing: add "title: …" to the front matter.');
  });

  it('title: empty, or a list', () => {
    assert.match(one(['title:'], 2, 'error', 'title'), /^title is empty: write a value after "title:", or remove the line\.$/);
    assert.match(one(['title: ""'], 2, 'error', '""'), /^title is empty/);
    assert.match(one(['title: [a, b]'], 2, 'error', '[a, b]'), /^title must be text, found a list\./);
  });

  it('title, party, election, version: an unquoted number or date is taken as written', () => {
    assert.deepEqual(fm(['title: 2027', 'party: 1814', 'election: 2027-09-13', 'version: 1.10']), []);
    const reading = readFrontMatter(analyseText('---\ntitle: 2027\nversion: 1.10\n---\n'));
    assert.deepEqual(reading?.data, { title: '2027', version: '1.10' });
  });

  it('party and election: must be text', () => {
    assert.match(one(['title: X', 'party: {navn: P}'], 3, 'error', '{navn: P}'), /^party must be text, found a set of keys\./);
    assert.match(one(['title: X', 'election:'], 3, 'error', 'election'), /^election is empty/);
  });

  it('a list or a set of keys where one value is due is named as such', () => {
    assert.equal(one(['title: X', 'year: [2027]'], 3, 'error', '[2027]'), 'year must be a whole number, found a list. Write it in digits, for example "year: 2027".');
    assert.equal(one(['title: X', 'status: {a: b}'], 3, 'error', '{a: b}'), 'status must be "draft" or "adopted", found a set of keys.');
  });

  it('year: a whole number', () => {
    assert.equal(one(['title: X', 'year: tjuetjuesju'], 3, 'error', 'tjuetjuesju'), 'year must be a whole number, found "tjuetjuesju". Write it in digits, for example "year: 2027".');
    assert.match(one(['title: X', 'year: 2027.5'], 3, 'error', '2027.5'), /^year must be a whole number, found 2027\.5\./);
    assert.match(one(['title: X', 'year: "2027"'], 3, 'error', '"2027"'), /^year must be a whole number, found "2027" in quotes\. Remove the quotes: year: 2027$/);
    assert.match(one(['title: X', 'year: 20227'], 3, 'error', '20227'), /^year must be a four-digit year, found 20227\.$/);
  });

  it('lang: a language tag, with a suggestion', () => {
    assert.equal(one(['title: X', 'lang: norsk'], 3, 'error', 'norsk'), 'lang must be a language tag such as "nb", "nn", "en" or "de-DE", found "norsk" (did you mean "nb" or "nn"?).');
    assert.match(one(['title: X', 'lang: nb_NO'], 3, 'error', 'nb_NO'), /\(did you mean "nb-NO"\?\)/);
    assert.match(one(['title: X', 'lang: x'], 3, 'error', 'x'), /found "x"\.$/);
  });

  it('status: draft or adopted', () => {
    assert.equal(one(['title: X', 'status: vedtatt'], 3, 'error', 'vedtatt'), 'status must be "draft" or "adopted", found "vedtatt" (did you mean "adopted"?).');
    assert.match(one(['title: X', 'status: Draft'], 3, 'error', 'Draft'), /\(did you mean "draft"\?\)/);
    assert.match(one(['title: X', 'status: ferdig'], 3, 'error', 'ferdig'), /found "ferdig"\.$/);
  });

  it('adopted: a date YYYY-MM-DD', () => {
    assert.equal(one(['title: X', 'adopted: 15.04.2027'], 3, 'error', '15.04.2027'), 'adopted must be a date written YYYY-MM-DD, found "15.04.2027" (did you mean "2027-04-15"?).');
    assert.match(one(['title: X', 'adopted: 2027-4-5'], 3, 'error', '2027-4-5'), /\(did you mean "2027-04-05"\?\)/);
    assert.equal(one(['title: X', 'adopted: 2027-02-30'], 3, 'error', '2027-02-30'), 'adopted must be a date written YYYY-MM-DD, found "2027-02-30", which is not a date: February 2027 has 28 days. Check the day and the month.');
  });

  it('an unknown key is a warning, with the key meant', () => {
    assert.equal(one(['title: X', 'yaer: 2027'], 3, 'warning', 'yaer'), 'Unknown key "yaer" (did you mean "year"?): correct it, or remove the line.');
    assert.match(one(['title: X', 'språk: nb'], 3, 'warning', 'språk'), /^Unknown key "språk" \(did you mean "lang"\?\)/);
    // The key meant is there already: renaming would give it twice.
    const both = fm(['title: X', 'tittel: Y']);
    assert.deepEqual(both.map((d) => [d.line, d.severity, d.text, d.related]), [[3, 'warning', 'tittel', [2]]]);
    assert.equal(both[0].message, 'Unknown key "tittel" (did you mean "title"? The front matter has title as well): keep one of the two lines.');
    assert.match(one(['title: X', 'Year: 2027'], 3, 'warning', 'Year'), /\(did you mean "year"\?\)/);
    assert.match(one(['title: X', 'forfatter: Y'], 3, 'warning', 'forfatter'), /^Unknown key "forfatter": the front matter's keys are title, party, election, year, lang, status, adopted, version, measureStyle, measureNumbering, lineWidth\./);
  });

  it('reports every failing key at once, each on its own line', () => {
    const list = fm(['yaer: 2027', 'year: x', 'status: y']);
    assert.deepEqual(list.map((d) => [d.line, d.severity]), [[1, 'error'], [2, 'warning'], [3, 'error'], [4, 'error']]);
  });
});

describe('front matter: fixes for status', () => {
  it('status: words in Norwegian, German and English, in any case, become "draft" or "adopted"', () => {
    const cases: [string, string][] = [
      ['utkast', 'draft'], ['Utkast', 'draft'], ['forslag', 'draft'], ['høringsutkast', 'draft'], ['Høyringsutkast', 'draft'],
      ['Entwurf', 'draft'], ['proposal', 'draft'], ['vedtatt', 'adopted'], ['vedteke', 'adopted'], ['vedtatt program', 'adopted'],
      ['Vedtatt Program', 'adopted'], ['beschlossen', 'adopted'], ['verabschiedet', 'adopted'], ['approved', 'adopted'], ['DRAFT', 'draft'],
    ];
    for (const [word, meant] of cases) {
      const d = oneFixed(['title: X', `status: ${word}`], '3:9', word);
      assert.equal(d.message, `status must be "draft" or "adopted", found "${word}" (did you mean "${meant}"?).`, word);
      assert.deepEqual(d.fixes, [{ title: `* Change to "${meant}" (automatic)`, yaml: ['title: X', `status: ${meant}`] }], word);
    }
  });

  it('status: keeps the quotes the value was written in', () => {
    assert.deepEqual(oneFixed(['title: X', "status: 'utkast'"], '3:9', "'utkast'").fixes, [{ title: '* Change to "draft" (automatic)', yaml: ['title: X', "status: 'draft'"] }]);
    assert.deepEqual(oneFixed(['title: X', 'status: "Vedtatt"  # landsmøtet'], '3:9', '"Vedtatt"').fixes, [
      { title: '* Change to "adopted" (automatic)', yaml: ['title: X', 'status: "adopted"  # landsmøtet'] },
    ]);
  });

  it('status: typos of "draft" and "adopted" (nearest.ts)', () => {
    assert.deepEqual(oneFixed(['title: X', 'status: drfat'], '3:9', 'drfat').fixes, [{ title: '* Change to "draft" (automatic)', yaml: ['title: X', 'status: draft'] }]);
    assert.deepEqual(oneFixed(['title: X', 'status: adoptd'], '3:9', 'adoptd').fixes, [{ title: '* Change to "adopted" (automatic)', yaml: ['title: X', 'status: adopted'] }]);
  });

  it('status: a guess ("final" may be the final draft; a typo of a word) is offered, not automatic', () => {
    const final = oneFixed(['title: X', 'status: final'], '3:9', 'final');
    assert.match(final.message, /found "final" \(did you mean "adopted"\?\)\.$/);
    assert.deepEqual(final.fixes, [{ title: '* Change to "adopted"', yaml: ['title: X', 'status: adopted'] }]);
    assert.deepEqual(oneFixed(['title: X', 'status: utkst'], '3:9', 'utkst').fixes.map((f) => f.title), ['* Change to "draft"']);
  });

  it('status: no fix without a meaning, nor for a block scalar', () => {
    assert.deepEqual(oneFixed(['title: X', 'status: ferdig'], '3:9', 'ferdig').fixes, []);
    const block = oneFixed(['title: X', 'status: |', '  utkast'], '3:9', '|\n  utkast\n');
    assert.match(block.message, /\(did you mean "draft"\?\)/);
    assert.deepEqual(block.fixes, []);
  });
});

describe('front matter: fixes for dates', () => {
  it('adopted: dates written another way name the ISO date and write it', () => {
    const cases = ['17.05.2027', '17.5.2027', '17. 5. 2027', '17/05/2027', '17-5-2027', '17. mai 2027', '17. Mai 2027', '17 mai 2027', '17 May 2027', '17th of May 2027', 'May 17, 2027', 'mai 17 2027', '2027.05.17', '2027/5/17', '2027-5-17'];
    for (const written of cases) {
      const d = oneFixed(['title: X', `adopted: ${written}`], '3:10', written);
      assert.equal(d.message, `adopted must be a date written YYYY-MM-DD, found "${written}" (did you mean "2027-05-17"?).`, written);
      assert.deepEqual(d.fixes, [{ title: '* Change to "2027-05-17" (automatic)', yaml: ['title: X', 'adopted: 2027-05-17'] }], written);
    }
  });

  it('adopted: month names and abbreviations in nb, nn, de and en, with or without a dot', () => {
    const cases: [string, string][] = [
      ['1. januar 2027', '2027-01-01'], ['1. Jänner 2027', '2027-01-01'], ['28. feb. 2027', '2027-02-28'], ['3. mars 2027', '2027-03-03'],
      ['3. März 2027', '2027-03-03'], ['Mar 3, 2027', '2027-03-03'], ['4. juni 2027', '2027-06-04'], ['9. sept. 2027', '2027-09-09'],
      ['3. okt. 2027', '2027-10-03'], ['Oct 3, 2027', '2027-10-03'], ['24. desember 2027', '2027-12-24'], ['24. Dez. 2027', '2027-12-24'],
      ['December 24, 2027', '2027-12-24'], ['29. februar 2028', '2028-02-29'],
    ];
    for (const [written, iso] of cases) {
      const d = oneFixed(['title: X', `adopted: ${written}`], '3:10', written);
      assert.match(d.message, new RegExp(`\\(did you mean "${iso}"\\?\\)\\.$`), written);
      assert.deepEqual(d.fixes.map((f) => f.yaml[1]), [`adopted: ${iso}`], written);
    }
  });

  it('adopted: keeps the quotes', () => {
    assert.deepEqual(oneFixed(['title: X', 'adopted: "17. mai 2027"'], '3:10', '"17. mai 2027"').fixes, [{ title: '* Change to "2027-05-17" (automatic)', yaml: ['title: X', 'adopted: "2027-05-17"'] }]);
    assert.deepEqual(oneFixed(['title: X', "adopted: '17.05.2027'"], '3:10', "'17.05.2027'").fixes.map((f) => f.yaml[1]), ["adopted: '2027-05-17'"]);
  });

  it('adopted: an impossible date says it is not a date, and has no fix', () => {
    const cases: [string, string][] = [
      ['31.02.2027', 'February 2027 has 28 days'], ['29.02.2027', 'February 2027 has 28 days'], ['31. april 2027', 'April 2027 has 30 days'],
      ['17.13.2027', 'there is no month 13'], ['0.5.2027', 'there is no day 0'], ['2027-02-30', 'February 2027 has 28 days'],
    ];
    for (const [written, why] of cases) {
      const d = oneFixed(['title: X', `adopted: ${written}`], '3:10', written);
      assert.equal(d.message, `adopted must be a date written YYYY-MM-DD, found "${written}", which is not a date: ${why}. Check the day and the month.`, written);
      assert.deepEqual(d.fixes, [], written);
    }
  });

  it('adopted: with "/" or "-", day first when both orders are dates, said in the message and not automatic', () => {
    const d = oneFixed(['title: X', 'adopted: 05/06/2027'], '3:10', '05/06/2027');
    assert.equal(
      d.message,
      'adopted must be a date written YYYY-MM-DD, found "05/06/2027" (did you mean "2027-06-05"? That reads the day first, as is usual in Norway and most of Europe; if 05 is the month, write "2027-05-06").',
    );
    assert.deepEqual(d.fixes, [{ title: '* Change to "2027-06-05"', yaml: ['title: X', 'adopted: 2027-06-05'] }]);
    // With dots the day comes first; the same number twice reads one way.
    assert.deepEqual(oneFixed(['title: X', 'adopted: 05.06.2027'], '3:10', '05.06.2027').fixes.map((f) => f.title), ['* Change to "2027-06-05" (automatic)']);
    assert.deepEqual(oneFixed(['title: X', 'adopted: 05/05/2027'], '3:10', '05/05/2027').fixes.map((f) => f.title), ['* Change to "2027-05-05" (automatic)']);
  });

  it('adopted: month first when the day-first reading is no date (05/17/2027), but not with dots', () => {
    const d = oneFixed(['title: X', 'adopted: 05/17/2027'], '3:10', '05/17/2027');
    assert.match(d.message, /found "05\/17\/2027" \(did you mean "2027-05-17"\? 17 cannot be a month, so the month comes first\)\.$/);
    assert.deepEqual(d.fixes.map((f) => f.title), ['* Change to "2027-05-17" (automatic)']);
    assert.match(oneFixed(['title: X', 'adopted: 05.17.2027'], '3:10', '05.17.2027').message, /which is not a date: there is no month 17\./);
  });

  it('adopted: no suggestion for what is not a date, or has no year', () => {
    for (const written of ['17. Brumaire 2027', '17. mai', '17.05.27', 'i vår']) {
      const d = oneFixed(['title: X', `adopted: ${written}`], '3:10', written);
      assert.equal(d.message, `adopted must be a date written YYYY-MM-DD, found "${written}".`, written);
      assert.deepEqual(d.fixes, [], written);
    }
  });
});

describe('front matter: fixes for values', () => {
  it('year: "2027" loses its quotes', () => {
    assert.deepEqual(oneFixed(['title: X', 'year: "2027"'], '3:7', '"2027"').fixes, [{ title: '* Remove the quotes: 2027 (automatic)', yaml: ['title: X', 'year: 2027'] }]);
    assert.deepEqual(oneFixed(['title: X', "year: '2027'"], '3:7', "'2027'").fixes.map((f) => f.yaml[1]), ['year: 2027']);
    assert.deepEqual(oneFixed(['title: X', 'year: tjuetjuesju'], '3:7', 'tjuetjuesju').fixes, []);
  });

  it('lang: a language name becomes its tag; "norsk" may be nb or nn, so neither is automatic', () => {
    assert.deepEqual(oneFixed(['title: X', 'lang: nynorsk'], '3:7', 'nynorsk').fixes, [{ title: '* Change to "nn" (automatic)', yaml: ['title: X', 'lang: nn'] }]);
    assert.deepEqual(oneFixed(['title: X', 'lang: Deutsch'], '3:7', 'Deutsch').fixes.map((f) => f.title), ['* Change to "de" (automatic)']);
    assert.deepEqual(oneFixed(['title: X', 'lang: nb_NO'], '3:7', 'nb_NO').fixes.map((f) => f.yaml[1]), ['lang: nb-NO']);
    const norsk = oneFixed(['title: X', 'lang: norsk'], '3:7', 'norsk');
    assert.equal(norsk.message, 'lang must be a language tag such as "nb", "nn", "en" or "de-DE", found "norsk" (did you mean "nb" or "nn"?).');
    assert.deepEqual(norsk.fixes, [
      { title: '* Change to "nb"', yaml: ['title: X', 'lang: nb'] },
      { title: 'Change to "nn"', yaml: ['title: X', 'lang: nn'] },
    ]);
  });

  it('keeps line ends and offsets through CRLF', () => {
    const list = fixed(['title: X', 'year: "2027"', 'status: utkast'], '\r\n');
    assert.deepEqual(list.map((d) => [d.at, d.fixes.map((f) => f.yaml.join('|'))]), [
      ['3:7', ['title: X|year: 2027|status: utkast']],
      ['4:9', ['title: X|year: "2027"|status: draft']],
    ]);
  });

  it('reach the editor as quick fixes', () => {
    const text = '---\ntitle: X\nstatus: utkast\n---\n# 1. A\n\n1. x\n';
    const { programme, diagnostics } = analyse(text);
    const d = diagnostics.find((x) => x.code === 'front-matter');
    assert.ok(d !== undefined);
    const range = programme.lines.rangeOf(d.span);
    const actions = codeActions(programme, 'file:///p.programme', range, [{ range, code: d.code, message: d.message }], undefined, {});
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred, a.edit?.changes?.['file:///p.programme']]), [
      ['Change to "draft"', true, [{ range: { start: { line: 2, character: 8 }, end: { line: 2, character: 14 } }, newText: 'draft' }]],
    ]);
  });
});

describe('front matter: fixes for unknown keys', () => {
  it('a key in Norwegian, German or English, or misspelt, is renamed to the one key near it', () => {
    const cases: [string, string][] = [
      ['tittel', 'title'], ['titel', 'title'], ['parti', 'party'], ['Partei', 'party'], ['valg', 'election'], ['år', 'year'], ['Jahr', 'year'],
      ['språk', 'lang'], ['sprak', 'lang'], ['Sprache', 'lang'], ['language', 'lang'], ['yaer', 'year'], ['Year', 'year'], ['versjon', 'version'],
    ];
    for (const [key, meant] of cases) {
      const yaml = key === 'tittel' || key === 'titel' ? [`${key}: X`] : ['title: X', `${key}: Y`];
      const d = fixed(yaml).find((x) => x.text === key);
      assert.ok(d !== undefined, key);
      assert.equal(d.message, `Unknown key "${key}" (did you mean "${meant}"?): correct it, or remove the line.`, key);
      assert.deepEqual(d.fixes, [{ title: `* Rename the key to "${meant}" (automatic)`, yaml: yaml.map((l) => l.replace(`${key}:`, `${meant}:`)) }], key);
    }
  });

  it('a key that may mean two keys is offered both, neither automatic', () => {
    const d = oneFixed(['title: X', 'vedtatt: 2027-04-15'], '3:1', 'vedtatt');
    assert.equal(d.message, 'Unknown key "vedtatt" (did you mean "adopted" or "status"?): correct it, or remove the line.');
    assert.deepEqual(d.fixes, [
      { title: '* Rename the key to "adopted"', yaml: ['title: X', 'adopted: 2027-04-15'] },
      { title: 'Rename the key to "status"', yaml: ['title: X', 'status: 2027-04-15'] },
    ]);
    // `navn` may be the title or the party; the title is given, so only the party is offered.
    assert.deepEqual(oneFixed(['title: X', 'navn: Eksempelpartiet'], '3:1', 'navn').fixes.map((f) => f.title), ['* Rename the key to "party"']);
  });

  it('two keys that mean the same key are not renamed by themselves, and a key given already is not renamed at all', () => {
    const two = fixed(['tittel: X', 'titel: Y']).filter((d) => d.text !== '---');
    assert.deepEqual(two.map((d) => [d.at, d.fixes.map((f) => f.title)]), [
      ['2:1', ['* Rename the key to "title"']],
      ['3:1', ['* Rename the key to "title"']],
    ]);
    assert.deepEqual(oneFixed(['title: X', 'tittel: Y'], '3:1', 'tittel').fixes, []);
  });

  it('keeps the quotes of a quoted key; no fix for a key near nothing', () => {
    assert.deepEqual(oneFixed(['title: X', '"Jahr": 2027'], '3:1', '"Jahr"').fixes.map((f) => f.yaml[1]), ['"year": 2027']);
    assert.deepEqual(oneFixed(['title: X', 'forfatter: Y'], '3:1', 'forfatter').fixes, []);
  });
});

describe('front matter: fixes for YAML that does not parse', () => {
  it('quotes a value with ": " or a reserved first character (automatic for text keys)', () => {
    assert.deepEqual(oneFixed(['title: Partiprogram: 2027–2031'], '2:8', 'Partiprogram: 2027–2031').fixes, [
      { title: '* Put the value in quotes: "Partiprogram: 2027–2031" (automatic)', yaml: ['title: "Partiprogram: 2027–2031"'] },
    ]);
    assert.deepEqual(oneFixed(['title: @partiet'], '2:8', '@partiet').fixes, [{ title: '* Put the value in quotes: "@partiet" (automatic)', yaml: ['title: "@partiet"'] }]);
    assert.deepEqual(oneFixed(['title: Si "ja": 2027'], '2:8', 'Si "ja": 2027').fixes.map((f) => f.yaml), [['title: "Si \\"ja\\": 2027"']]);
    // Not automatic where the key is not text; none where a " #" may be a comment.
    assert.deepEqual(oneFixed(['title: X', 'status: vedtatt: 2027'], '3:9', 'vedtatt: 2027').fixes.map((f) => f.title), ['* Put the value in quotes: "vedtatt: 2027"']);
    assert.deepEqual(oneFixed(['title: Valg: 2027 # merknad'], '2:8', 'Valg: 2027 # merknad').fixes, []);
  });

  it('adds the colon after a known key', () => {
    assert.deepEqual(oneFixed(['title Partiprogram', 'year: 2027'], '2:1', 'title Partiprogram').fixes, [{ title: '* Add ": " after title (automatic)', yaml: ['title: Partiprogram', 'year: 2027'] }]);
    assert.deepEqual(oneFixed(['title: X', 'year 2027'], '3:1', 'year 2027').fixes.map((f) => f.yaml), [['title: X', 'year: 2027']]);
    assert.deepEqual(oneFixed(['title: X', 'Partiprogram for alle'], '3:1', 'Partiprogram for alle').fixes, []);
  });

  it('removes the indentation or the tab before a known key', () => {
    assert.deepEqual(oneFixed(['title: X', '  year: 2027'], '3:1', '  year: 2027').fixes, [{ title: '* Remove the indentation (automatic)', yaml: ['title: X', 'year: 2027'] }]);
    assert.deepEqual(oneFixed(['title: X', '  forfatter: Y'], '3:1', '  forfatter: Y').fixes, []);
    assert.deepEqual(oneFixed(['title: X', '\tyear: 2027'], '3:1', '\t').fixes, [{ title: '* Remove the tab (automatic)', yaml: ['title: X', 'year: 2027'] }]);
    assert.deepEqual(oneFixed(['title: X', '\t\tyear: 2027'], '3:1', '\t\t').fixes.map((f) => f.yaml), [['title: X', 'year: 2027']]);
    assert.deepEqual(oneFixed(['title: X', ' \t year: 2027'], '3:1', ' \t year: 2027').fixes.map((f) => f.yaml), [['title: X', 'year: 2027']]);
  });

  it('closes a quote at the end of its line', () => {
    assert.deepEqual(oneFixed(['title: "Partiprogram', 'year: 2027'], '2:8', '"Partiprogram').fixes, [
      { title: '* Close the quote: add " at the end of the line (automatic)', yaml: ['title: "Partiprogram"', 'year: 2027'] },
    ]);
    assert.deepEqual(oneFixed(["title: 'Partiprogram  ", 'year: 2027'], '2:8', "'Partiprogram  ").fixes.map((f) => f.yaml[0]), ["title: 'Partiprogram'  "]);
  });
});

describe('front matter: fixes for refused YAML', () => {
  it('writes an alias out in full, and removes an anchor that no alias uses', () => {
    const list = fixed(['title: &t Partiprogram', 'party: *t']);
    assert.deepEqual(list.map((d) => [d.at, d.fixes]), [
      ['2:8', []],
      ['3:8', [{ title: '* Write the value out in full: Partiprogram (automatic)', yaml: ['title: &t Partiprogram', 'party: Partiprogram'] }]],
    ]);
    assert.deepEqual(oneFixed(['title: &t Partiprogram'], '2:8', '&t').fixes, [{ title: '* Remove the anchor (automatic)', yaml: ['title: Partiprogram'] }]);
  });

  it('removes an unknown tag', () => {
    assert.deepEqual(oneFixed(['title: !tekst Partiprogram'], '2:8', '!tekst').fixes, [{ title: '* Remove the tag (automatic)', yaml: ['title: Partiprogram'] }]);
  });

  it('offers quotes for a "#" that cuts a value short, not automatic (it may be a comment)', () => {
    assert.deepEqual(oneFixed(['title: Program #1'], '2:16', '#1').fixes, [{ title: '* Put the value in quotes: "Program #1"', yaml: ['title: "Program #1"'] }]);
  });
});

describe('front matter: applying every automatic fix', () => {
  /** Applies the automatic fixes of every diagnostic at once, as `programme fix` will, until none is left. */
  function fixAll(text: string): { text: string; rounds: number } {
    for (let rounds = 0; rounds < 5; rounds++) {
      const changes = analyse(text)
        .diagnostics.flatMap((d) => d.fixes ?? [])
        .filter((f) => f.automatic === true)
        .flatMap((f) => f.changes)
        .sort((a, b) => a.span.start - b.span.start);
      if (changes.length === 0) return { text, rounds };
      for (let i = 1; i < changes.length; i++) assert.ok(changes[i - 1].span.end <= changes[i].span.start, 'automatic fixes never overlap');
      text = applyFix(text, { title: 'all', changes });
    }
    assert.fail('automatic fixes did not settle');
  }

  it('turns a Nynorsk front matter written in words into a valid one (test/fixtures/front-matter/words.programme)', () => {
    const text = readFileSync('test/fixtures/front-matter/words.programme', 'utf8');
    const result = fixAll(text);
    assert.equal(result.rounds, 2);
    assert.equal(
      result.text,
      '---\ntitle: Arbeidsprogram 2027–2031\nparty: Eksempelpartiet\nyear: 2027\nlang: nn\nstatus: draft\nadopted: 2027-05-17\n---\n# 1. Arbeid\n\n1. Fleire arbeidsplassar.\n',
    );
    assert.deepEqual(analyse(result.text).diagnostics, []);
  });

  it('leaves guesses for the writer', () => {
    const text = '---\ntitle: X\nlang: norsk\nstatus: final\nadopted: 05/06/2027\nnavn: P\n---\n# 1. A\n\n1. x\n';
    assert.equal(fixAll(text).text, text);
  });
});

describe('front matter: YAML that does not parse', () => {
  it('a value with ": " in it, with the quoted line to write', () => {
    assert.equal(one(['title: Partiprogram: 2027–2031'], 2, 'error', 'Partiprogram: 2027–2031'), 'The value of title contains ": ", which YAML reads as the start of another key. Put the value in quotes: title: "Partiprogram: 2027–2031"');
  });

  it('a line without a colon', () => {
    assert.equal(one(['title Partiprogram', 'year: 2027'], 2, 'error', 'title Partiprogram'), '"title Partiprogram" has no colon after its key. Write "key: value", for example "title: Partiprogram".');
    assert.match(one(['title: X', 'year 2027'], 3, 'error', 'year 2027'), /has no colon after its key/);
  });

  it('an indented line', () => {
    assert.match(one(['title: X', '  year: 2027'], 3, 'error', '  year: 2027'), /^This line is indented, so YAML reads it as part of the line above/);
  });

  it('a tab', () => {
    assert.match(one(['title: X', '\tyear: 2027'], 3, 'error', '\t'), /^A tab indents this line; YAML allows only spaces there/);
  });

  it('an unclosed quote, on the line where it opens', () => {
    assert.equal(one(['title: "Partiprogram', 'year: 2027'], 2, 'error', '"Partiprogram'), 'The value of title opens with " but is not closed. Add " at the end of the value.');
  });

  it('a key given twice, pointing at the first', () => {
    const list = fm(['title: X', 'year: 2027', 'year: 2028']);
    assert.deepEqual(list.map((d) => [d.line, d.text, d.related]), [[4, 'year', [3]]]);
    assert.equal(list[0].message, 'year is given twice in the front matter. Keep one of the two lines.');
  });

  it('a value starting with a reserved character', () => {
    assert.equal(one(['title: @partiet'], 2, 'error', '@partiet'), 'A value cannot start with "@" in YAML. Put the value in quotes: title: "@partiet"');
  });

  it('an empty front matter, and one that is not keys', () => {
    assert.deepEqual(fm([]).map((d) => [d.line, d.message]), [[1, 'The front matter is empty, but a title is expected: add "title: …" between the "---" lines, or remove them.']]);
    assert.match(one(['- title', '- year'], 2, 'error', '- title\n- year\n'), /^The front matter must be "key: value" lines/);
    assert.match(one(['Partiprogram 2027'], 2, 'error', 'Partiprogram 2027'), /found no key/);
  });

  it('maps lines and offsets through CRLF line ends', () => {
    const list = fm(['title: X', 'year: tjue'], {}, '\r\n');
    assert.deepEqual(list.map((d) => [d.line, d.text]), [[3, 'tjue']]);
  });
});

describe('front matter: refused YAML features', () => {
  it('refuses anchors and aliases without expanding them', () => {
    const list = fm(['title: &t X', 'party: *t']);
    assert.deepEqual(list.map((d) => [d.line, d.text]), [[2, '&t'], [3, '*t']]);
    assert.match(list[0].message, /defines the YAML anchor "&t"; anchors and aliases are not allowed here/);
    assert.match(list[1].message, /uses the YAML alias "\*t"; aliases are not allowed here\. Write the value out in full\./);
  });

  it('survives a "billion laughs" front matter with one diagnostic per line', () => {
    const yaml = ['title: X', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      yaml.push(`${name}: &${name} [${new Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const list = fm(yaml);
    assert.equal(list.filter((d) => /anchor|alias/.test(d.message)).length, 9);
    assert.ok(list.every((d) => d.message.length < 400));
  });

  it('refuses a __proto__ key and never copies it', () => {
    const list = fm(['title: X', '__proto__: {polluted: yes}']);
    assert.deepEqual(list.map((d) => [d.line, d.severity, d.text]), [[3, 'error', '__proto__']]);
    assert.equal(list[0].message, 'The key "__proto__" is not allowed in the front matter; remove it.');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    const reading = readFrontMatter(analyseText('---\ntitle: X\n__proto__: {polluted: yes}\n---\n'));
    assert.equal(Object.getPrototypeOf(reading?.data), Object.prototype);
    assert.deepEqual(Object.keys(reading?.data ?? {}), ['title']);
  });

  it('warns when a "#" cuts a value short', () => {
    assert.equal(one(['title: Program #1'], 2, 'warning', '#1'), '"#1" starts a YAML comment, so it is not part of the value of title. To keep it, put the value in quotes: title: "Program #1"');
    assert.deepEqual(fm(['title: Program # en kommentar']), []);
  });
});

describe('front matter: reading', () => {
  it('gives each entry with its key and value spans', () => {
    const text = '---\ntitle: Program\nyear: 2027\n---\n';
    const reading = readFrontMatter(analyseText(text));
    assert.deepEqual(
      reading?.entries.map((e) => [e.key, text.slice(e.keySpan.start, e.keySpan.end), e.valueSpan && text.slice(e.valueSpan.start, e.valueSpan.end), e.value]),
      [
        ['title', 'title', 'Program', 'Program'],
        ['year', 'year', '2027', 2027],
      ],
    );
  });

  it('follows config.rules', () => {
    assert.deepEqual(fm(['yaer: 1'], { rules: { 'front-matter': 'off' } }), []);
    assert.deepEqual(fm(['title: X', 'yaer: 1'], { rules: { 'front-matter': 'information' } }).map((d) => d.severity), ['information']);
  });

  it('reads simple "key: value" lines without the YAML parser, as the YAML parser reads them', () => {
    const example = readFileSync('examples/lokalvalget-2023.programme', 'utf8');
    const p = analyseText(example);
    const fmText = example.slice(p.frontMatter!.contentSpan.start, p.frontMatter!.contentSpan.end);
    assert.deepEqual(simpleFrontMatter(fmText)?.map((e) => e.key), ['title', 'party', 'election', 'year', 'lang', 'status']);
    assert.deepEqual(readFrontMatter(p), readFrontMatter(p, true));
    // Lines the simple reading takes, lines it leaves to YAML, and lines where the two could differ.
    const pool = [
      'title: Program 2027–2031', 'title: Valg\'s «beste» program!', 'party: Arbeiderpartiet', 'year: 2027', 'year: 0', 'year: 0123', 'year: 12345678901234567890',
      'year: 2027.5', 'year: -3', 'year: +3', 'year: 0x1F', 'year: 1e3', 'lang: nb', 'lang: nn', 'lang: no', 'lang: NO', 'lang: Null', 'status: adopted', 'status: draft',
      'status: true', 'status: True', 'status: yes', 'status: ~', 'status: null', 'version: 1.10', 'version: 2', 'version: v2', 'lineWidth: 72', 'lineWidth: 72x',
      'title: a: b', 'title: a #b', 'title: a ', 'title: a\t', 'title:  Program', 'title:Program', 'title: Program\u00a0', 'title: Program\u0085', 'title: \u00e6re',
      'title: [a, b]', 'title: x [a, b] {c}', 'title: A & B *c !d %e @f `g', 'title: "Quoted"', "title: 'single'", 'title: &a Anchor', 'title: *a', 'title: |',
      'Title: X', 'TRUE: X', 'null: X', 'y: X', 'x-y_z: X', '__proto__: X', '  title: X', '# comment', '', '...', '---', 'title: X\r', 'title: \ufeffX', 'title: X\u2028Y',
      'unknownKey: value', 'title: Løsninger for Øst-Finnmark', 'title: \ud83d\ude00 smile', 'title: Z\ud83d\ude00',
    ];
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    let simple = 0;
    for (let i = 0; i < 1500; i++) {
      const lines = Array.from({ length: 1 + random(5) }, () => pool[random(pool.length)]);
      const eol = random(4) === 0 ? '\r\n' : '\n';
      const text = `---${eol}${lines.join(eol)}${eol}---${eol}# 1. A${eol}${eol}1. Et tiltak.${eol}`;
      const q = analyseText(text);
      if (q.frontMatter === undefined) continue;
      if (simpleFrontMatter(text.slice(q.frontMatter.contentSpan.start, q.frontMatter.contentSpan.end)) !== undefined) simple++;
      assert.deepEqual(readFrontMatter(q), readFrontMatter(q, true), JSON.stringify(lines));
    }
    assert.ok(simple > 100, `${simple} front matters read the simple way`);
  });
});
