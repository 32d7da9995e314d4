import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyse } from '../server/src/rules/index';
import { analyseText } from '../server/src/model/reading';
import { checkInvisible } from '../server/src/rules/invisible';
import { INVISIBLE_PATTERN, invisibleCharacter, windows1252Guess } from '../server/src/rules/fold';

/** The `invisible-character` diagnostics of `text`: 1-based line and column, the run, message and data. */
function found(text: string) {
  const { programme, diagnostics } = analyse(text);
  return diagnostics
    .filter((d) => d.code === 'invisible-character')
    .map((d) => {
      const at = programme.lines.positionAt(d.span.start);
      return { line: at.line + 1, column: at.character + 1, severity: d.severity, run: text.slice(d.span.start, d.span.end), message: d.message, data: d.data };
    });
}

const lines = (...l: string[]) => l.join('\n') + '\n';

describe('invisible-character', () => {
  it('reports a soft hyphen inside a word, naming the character and the word', () => {
    const d = found(lines('# 1. Skole', '', '1. Gratis skole\u00ADmat for alle.'));
    assert.equal(d.length, 1);
    assert.deepEqual([d[0].line, d[0].column, d[0].severity, d[0].run], [3, 16, 'warning', '\u00AD']);
    assert.equal(
      d[0].message,
      'Invisible soft hyphen (U+00AD SOFT HYPHEN) in the word "skolemat". It usually comes with text pasted from a PDF or word processor and hides the word from search and the duplicate checks; remove it.',
    );
    assert.deepEqual(d[0].data, { character: 'U+00AD', name: 'SOFT HYPHEN', count: 1, newText: '' });
  });

  it('gives a soft hyphen at a line end the span that joins the split word', () => {
    const text = lines('# 1. Skole', '', '1. Bedre lærer\u00AD', '   dekning i hele landet.');
    const d = found(text);
    assert.equal(d.length, 1);
    assert.match(d[0].message, /^Invisible soft hyphen \(U\+00AD SOFT HYPHEN\) at the end of the line: the word "lærerdekning" is split over two lines/);
    const join = d[0].data!.join as { start: number; end: number };
    assert.equal(text.slice(0, join.start) + text.slice(join.end), lines('# 1. Skole', '', '1. Bedre lærerdekning i hele landet.'));
  });

  it('suggests a hyphen for a soft hyphen before a space', () => {
    const d = found(lines('# 1. Rett', '', '1. Mer Prozesskosten\u00AD und Beratungshilfe.'));
    assert.match(d[0].message, /before a space, where it shows nothing\. If a hyphen was meant \("Prozesskosten- …"\), replace it with "-"; otherwise remove it\.$/);
    assert.equal(d[0].data!.suggestion, '-');
  });

  it('reports one diagnostic per run of the same character, with its count', () => {
    const d = found(lines('# 1. A', '', '1. Ord\u200B\u200B\u200B\u00ADord.'));
    assert.deepEqual(d.map((x) => [x.column, x.run.length, x.data!.count]), [[7, 3, 3], [10, 1, 1]]);
    assert.match(d[0].message, /^Invisible zero-width character \(U\+200B ZERO WIDTH SPACE, 3 in a row\)\. They usually come with pasted text and split words .*; remove them\.$/);
  });

  it('allows a byte order mark at the start, but reports one inside the text', () => {
    const d = found('\uFEFF# 1. A\n\n1. Første.\n\uFEFF2. Andre.\n');
    assert.deepEqual(d.map((x) => [x.line, x.column]), [[4, 1]]);
    assert.match(d[0].message, /^Byte order mark inside the text \(U\+FEFF ZERO WIDTH NO-BREAK SPACE\)\. It belongs only at the very start of a file/);
  });

  it('reports bidi controls and control characters; a C1 control gets its Windows-1252 guess', () => {
    const d = found(lines('# 1. Tekst\u202Eomvendt', '', '1. Ring\u0007 nå \u0096 straks.'));
    assert.deepEqual(d.map((x) => [x.line, x.data!.character]), [[1, 'U+202E'], [3, 'U+0007'], [3, 'U+0096']]);
    assert.match(d[0].message, /^Invisible text-direction control \(U\+202E RIGHT-TO-LEFT OVERRIDE\)\. It changes the order/);
    assert.equal(d[1].message, 'Control character U+0007 BELL. It has no place in the text (a damaged paste or conversion); remove it.');
    assert.match(d[2].message, /^Control character U\+0096 START OF GUARDED AREA\. It is most likely "–" damaged .*; replace it with "–"\.$/);
    assert.equal(d[2].data!.suggestion, '–');
  });

  it('checks headings, labels and references, but not the front matter or comments', () => {
    const text = lines('---', 'title: Pro\u00ADgram', '---', '// Kom\u00ADmentar', '# 1. Ar\u00ADbeid', '', '1. Se [[#ar\u200Bbeid]].', '   // også\u200B her');
    assert.deepEqual(found(text).map((x) => x.line), [5, 7]);
  });

  it('does not report tabs, line breaks, no-break spaces, or joiners that do a job', () => {
    const text = lines('# 1. A', '', '1. Tab\there\u00A0og CRLF.\r', '2. Familie 👨\u200D👩\u200D👧 og persisk می\u200Cخواهم.');
    assert.deepEqual(found(text), []);
    assert.deepEqual(found(lines('# 1. A', '', '1. Ord\u200Dord.')).map((x) => x.data!.character), ['U+200D']);
  });

  it('names every character it looks for', () => {
    for (let c = 0; c < 0x10000; c++) {
      const matches = new RegExp(INVISIBLE_PATTERN.source).test(String.fromCharCode(c));
      const info = invisibleCharacter(c);
      assert.equal(info !== undefined, matches, `U+${c.toString(16)}`);
      if (info !== undefined) assert.match(info.name, /^[A-Z][A-Z -]+[A-Z]$/);
    }
    assert.equal(windows1252Guess(0x80), '€');
    assert.equal(windows1252Guess(0x81), undefined);
    assert.equal(windows1252Guess(0x9f), 'Ÿ');
  });

  it('applying every removal leaves no invisible character and changes nothing else (property)', () => {
    const pieces = ['# 1. A\n', '1. Tekst ', 'ord', ' ', '\n', '// note', '\u00AD', '\u200B', '\uFEFF', '\u202E', '\u0007', '\u0096', '\t', 'æøå', '👨\u200D👩'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        const p = analyseText(text);
        const diagnostics = checkInvisible(p);
        let fixed = text;
        for (const d of [...diagnostics].reverse()) {
          const removed = fixed.slice(d.span.start, d.span.end);
          assert.ok([...removed].every((ch) => invisibleCharacter(ch.charCodeAt(0)) !== undefined));
          fixed = fixed.slice(0, d.span.start) + (d.data!.newText as string) + fixed.slice(d.span.end);
        }
        assert.deepEqual(checkInvisible(analyseText(fixed)).filter((d) => d.span.start > 0), []);
      }),
      { seed: 3, numRuns: 300 },
    );
  });
});
