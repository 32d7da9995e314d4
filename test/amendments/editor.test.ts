/**
 * The editor's features for amendment files (server/src/amendments/editor.ts): outline, hover on the
 * line numbers and the quote, go to the programme, completion of line numbers, and the code lenses
 * over the programme's measures.
 */
import assert from 'node:assert/strict';
import { analyse } from '../../server/src/rules/index';
import { printedDraft } from '../../server/src/amendments/lines';
import { parseAmendments } from '../../server/src/amendments/parse';
import { amendmentCodeLenses, amendmentDefinition, amendmentHover, amendmentSymbols, draftOptionsOf, lineCompletions, lineNumberHints, programmeAmendmentLenses } from '../../server/src/amendments/editor';
import { SKOLE } from './programmes';

const P = analyse(SKOLE).programme;
const DRAFT = printedDraft(P);
const TEXT = `---\nprogramme: skole.programme\ndraft: ${DRAFT.fingerprint}\nlang: nb\n---\n\nE1\nForslagsstiller: Bergen AP\nLinje 4–5: Erstatt «flere lærere» med «flere lektorer»\nStatus: vedtatt\n\nE2\nLinje 3: Stryk «hver dag»\n\nE3\nLinje \n`;
const FILE = parseAmendments(TEXT);

/** The position of the `n`th (0-based) place of `s` in TEXT, plus `delta` characters. */
function at(s: string, delta = 0, n = 0) {
  let i = -1;
  for (let k = 0; k <= n; k++) i = TEXT.indexOf(s, i + 1);
  return FILE.lines.positionAt(i + delta);
}

describe('amendments: editor features', () => {
  it('outlines the amendments by id and lines, with status and proposer', () => {
    assert.deepEqual(
      amendmentSymbols(FILE).map((s) => [s.name, s.detail, s.selectionRange.start.line]),
      [
        ['E1 · lines 4–5', 'vedtatt · Bergen AP', 6],
        ['E2 · line 3', 'forslag', 11],
        ['E3', 'forslag', 14],
      ],
    );
  });

  it('hovers on line numbers with the printed lines, and on a quote with where it stands', () => {
    const onLines = amendmentHover(FILE, DRAFT, at('4–5', 1));
    assert.deepEqual(onLines?.contents, {
      kind: 'markdown',
      value: '**lines 4–5**\n\n```text\n4  2. Ansette flere lærere, helsesykepleiere og miljøarbeidere, slik at alle elever\n5  blir sett.\n```',
    });
    const onQuote = amendmentHover(FILE, DRAFT, at('hver dag', 2));
    assert.deepEqual(onQuote?.contents, {
      kind: 'markdown',
      value: 'The quoted words are not on these lines. **line 2**\n\n```text\n2  1. Gi alle elever et gratis skolemåltid hver dag, laget av lokale råvarer der\n```',
    });
    assert.equal(amendmentHover(FILE, DRAFT, at('Bergen')), null);
    assert.equal(amendmentHover(FILE, undefined, at('4–5')), null);
  });

  it('goes from the line numbers to the programme\'s text of those lines, and from a quote to where it stands', () => {
    const onLines = amendmentDefinition(FILE, DRAFT, 'file:///skole.programme', P.lines, at('4–5'));
    assert.deepEqual(onLines.map((l) => [l.uri, l.range.start.line, l.range.end.line]), [['file:///skole.programme', 8, 8]]);
    assert.equal(SKOLE.split('\n')[8].slice(0, 10), '2. Ansette');
    const onQuote = amendmentDefinition(FILE, DRAFT, 'file:///skole.programme', P.lines, at('hver dag', 1));
    assert.deepEqual(onQuote.map((l) => l.range.start.line), [6]);
  });

  it('completes line numbers after a line word, with their text', () => {
    const items = lineCompletions(FILE, DRAFT, at('Linje \n', 6));
    assert.deepEqual(items.map((i) => [i.label, i.detail]), DRAFT.lines.map((l) => [String(l.number), l.text]));
    const typed = parseAmendments('E1\nLinje 4–');
    assert.deepEqual(lineCompletions(typed, DRAFT, typed.lines.positionAt(typed.text.length)).map((i) => i.label), ['1', '2', '3', '4', '5']);
    const partly = parseAmendments('E1\nE1: linje 3');
    assert.deepEqual(lineCompletions(partly, DRAFT, partly.lines.positionAt(partly.text.length)).map((i) => i.label), ['3']);
    assert.deepEqual(lineCompletions(FILE, DRAFT, at('Bergen', 2)), []);
  });

  it('counts, over each measure, the amendments to its lines', () => {
    const lenses = amendmentCodeLenses(P.lines, DRAFT, 'file:///skole.programme', [{ uri: 'file:///landsmote.amendments', file: FILE }]);
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command?.title, (l.command?.arguments?.[2] as { range: { start: { line: number } } }[]).map((x) => x.range.start.line)]),
      [
        [6, '1 amendment', [11]],
        [8, '1 amendment', [6]],
      ],
    );
  });

  it('reads the draft options of an amendment file\'s front matter', () => {
    assert.deepEqual(draftOptionsOf(FILE), {});
    assert.deepEqual(draftOptionsOf(parseAmendments('---\nprogramme: x.programme\nlineWidth: 40\nlineNumbering: pillar\n---\n')), { width: 40, restart: 'pillar' });
  });

  it('counts the amendments from the files\' texts, each in the draft its front matter asks for', () => {
    const asked: unknown[] = [];
    const narrow = `---\nprogramme: skole.programme\nlineWidth: 40\n---\n\nE9\nLinje 3: Stryk «hver dag»\n`;
    const lenses = programmeAmendmentLenses(P.lines, 'file:///skole.programme', [{ uri: 'file:///a.amendments', text: TEXT }, { uri: 'file:///b.amendments', text: narrow }], (options) => {
      asked.push(options);
      return printedDraft(P, options);
    });
    assert.deepEqual(asked, [{}, { width: 40 }]);
    // At 40 characters, line 3 is still in the first measure: a second lens over it, from the other file.
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command?.title, (l.command?.arguments?.[2] as { uri: string }[]).map((x) => x.uri)]),
      [
        [6, '1 amendment', ['file:///a.amendments']],
        [6, '1 amendment', ['file:///b.amendments']],
        [8, '1 amendment', ['file:///a.amendments']],
      ],
    );
    assert.deepEqual(programmeAmendmentLenses(P.lines, 'file:///skole.programme', [], () => DRAFT), []);
  });

  it('shows each block\'s printed lines as an inlay hint at its start, within the range asked for', () => {
    const all = lineNumberHints(P.lines, DRAFT, { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } });
    assert.deepEqual(
      all.map((h) => [h.position, h.label, h.paddingRight]),
      [
        [{ line: 4, character: 0 }, 'l. 1', true],
        [{ line: 6, character: 0 }, 'l. 2–3', true],
        [{ line: 8, character: 0 }, 'l. 4–5', true],
      ],
    );
    assert.deepEqual(
      lineNumberHints(P.lines, DRAFT, { start: { line: 5, character: 0 }, end: { line: 7, character: 0 } }).map((h) => h.label),
      ['l. 2–3'],
    );
  });
});
