import assert from 'node:assert/strict';
import { readText } from '../../server/src/import/text';

describe('readText', () => {
  it('cuts pages at form feeds, numbers lines through the whole text, keeps blank lines, drops the empty last page', () => {
    const r = readText('\uFEFFTittel\r\n\r\n  Innrykk\r\n3\n\fSkole\n\tTab\n\f');
    assert.equal(r.kind, 'pages');
    if (r.kind !== 'pages') return;
    assert.deepEqual(r.pages, [
      [
        { text: 'Tittel', place: { page: 1, line: 0 }, x: 0 },
        { text: '', place: { page: 1, line: 1 }, x: 0 },
        { text: 'Innrykk', place: { page: 1, line: 2 }, x: 2 },
        { text: '3', place: { page: 1, line: 3 }, x: 0 },
      ],
      [
        { text: 'Skole', place: { page: 2, line: 4 }, x: 0 },
        { text: 'Tab', place: { page: 2, line: 5 }, x: 8 },
      ],
    ]);
    assert.deepEqual(r.notes, []);
  });
  it('is one page without form feeds; a lone CR is a line break; empty pages between form feeds stay', () => {
    const one = readText('a\rb\n');
    assert.deepEqual(one.kind === 'pages' && one.pages.map((p) => p.map((l) => [l.text, l.place.line])), [[['a', 0], ['b', 1]]]);
    const three = readText('a\f\fb');
    assert.deepEqual(three.kind === 'pages' && three.pages.map((p) => p.map((l) => l.text)), [['a'], [], ['b']]);
  });
});
