/**
 * `parse` and `analyse` never throw and always return, on hostile inputs: empty, only front matter,
 * unterminated front matter, very long lines, random bytes (seeded), NUL characters, 100,000 `[`,
 * a 1,000,000-digit number, 50,000 `{#`, lone CR line ends. Each result must also be sane: no
 * internal error reported, every diagnostic inside the document, every message short enough to read.
 * (Speed is not timed here; `npm run bench` measures it.)
 */
import assert from 'node:assert/strict';
import { parse } from '../server/src/syntax/index';
import { analyse } from '../server/src/rules/index';

/** A small seeded generator (mulberry32), so that a failure can be reproduced. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `length` random bytes from `seed`. */
function randomBytes(seed: number, length: number): Buffer {
  const next = random(seed);
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(next() * 256);
  return bytes;
}

/** Random text made of the characters the format gives a meaning to, so that the grammar is exercised. */
function randomFormatText(seed: number, length: number): string {
  const next = random(seed);
  const pieces = ['#', '# ', '## ', '1', '9', '0', '.', ')', ' ', '\t', '\n', '\r\n', '\r', '[[', ']]', '{#', '}', '-', '- ', '* ', '•', '\\', '//', '---', '...', 'A', 'æ', 'å', 'a\u030a', '😀', '\0', '\uFEFF', '\u00AD', 'tekst'];
  let out = '';
  while (out.length < length) out += pieces[Math.floor(next() * pieces.length)];
  return out;
}

/** Runs `parse` and `analyse` on `text` and checks that what they return is sane. */
function survives(text: string): void {
  const tree = parse(text);
  assert.equal(tree.text, text);
  const { programme, diagnostics } = analyse(text);
  assert.equal(programme.text, text);
  for (const d of [...tree.diagnostics, ...diagnostics]) {
    assert.doesNotMatch(d.message, /Internal error/, `internal error reported: ${d.message.slice(0, 300)}`);
    assert.ok(d.span.start >= 0 && d.span.start <= d.span.end && d.span.end <= text.length, `span ${d.span.start}–${d.span.end} outside 0–${text.length} (${d.code})`);
    assert.ok(d.message.length <= 400, `a ${d.message.length}-character message (${d.code}): ${d.message.slice(0, 120)}…`);
  }
}

describe('parse and analyse never throw and always return', () => {
  it('on an empty file', () => {
    survives('');
    const { programme, diagnostics } = analyse('');
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(programme.top, []);
  });

  it('on a file that is only front matter', () => {
    survives('---\ntitle: x\n---\n');
    survives('---\ntitle: x\n---');
    survives('---\n---');
    assert.notEqual(parse('---\ntitle: x\n---').frontMatter, undefined);
  });

  it('on unterminated front matter', () => {
    survives('---\ntitle: x\n# 1. A\n\n1. B\n');
    survives('---');
    survives('---\n');
    const tree = parse('---\ntitle: x\n');
    assert.equal(tree.frontMatter, undefined);
    assert.deepEqual(tree.diagnostics.map((d) => d.code), ['syntax']);
  });

  it('on a 100,000-character line (prose, heading, measure, indented)', () => {
    const long = 'ord '.repeat(25_000);
    survives(long);
    survives(`# 1. ${long}\n`);
    survives(`# 1. A\n\n1. ${long}\n`);
    survives(`# 1. A\n\n1. B\n    ${long}`);
    survives('x'.repeat(100_000));
    survives('#'.repeat(100_000));
    survives(' '.repeat(100_000) + 'x');
  });

  it('on random bytes (seeded), read as UTF-8 and as Latin-1', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const bytes = randomBytes(seed, 4_000);
      survives(bytes.toString('utf8'));
      survives(bytes.toString('latin1'));
    }
  });

  it('on random text of the format\'s own characters (seeded)', () => {
    for (let seed = 1; seed <= 50; seed++) survives(randomFormatText(seed, 3_000));
  });

  it('on NUL characters', () => {
    survives('\0');
    survives('\0'.repeat(10_000));
    survives('# 1. A\0\n\n1. \0\0\0\n\0\n[[\0]] {#\0}\n');
  });

  it('on 100,000 "[", and 100,000 "[[" and "]]" unmatched', () => {
    survives('['.repeat(100_000));
    survives('[['.repeat(50_000));
    survives(']]'.repeat(50_000));
    survives(`# 1. A\n\n1. ${'['.repeat(100_000)}`);
  });

  it('on a 1,000,000-digit number as a measure, a pillar, a sub-section and a reference', () => {
    const digits = '7'.repeat(1_000_000);
    survives(`${digits}. x\n`);
    survives(`# ${digits}. Tittel\n\n1. x\n`);
    survives(`# 1. A\n\n## 1.${digits} Tema\n\n1. x [[${digits}]]\n`);
    const { programme, diagnostics } = analyse(`# 1. A\n\n1. x\n\n${digits}. y\n`);
    assert.deepEqual(programme.measures.map((m) => m.numberText.length), [1, 1_000_000]);
    assert.deepEqual(diagnostics.map((d) => d.code), ['measure-numbering']);
  });

  it('on references with a 1,000,000-digit number', () => {
    const digits = '7'.repeat(1_000_000);
    survives(`# 1. A\n\n1. x [[${digits}]] [[1.${digits}]] [[${digits}.1]]\n`);
    // A huge pillar number is capped, as in the model, never read as "Infinity".
    const { programme } = analyse(`# 1. A\n\n1. x [[${digits}]]\n`);
    assert.deepEqual(programme.references.map((r) => r.form), [{ kind: 'pillar', number: String(Number.MAX_SAFE_INTEGER) }]);
  });

  it('on 50,000 "{#", and 50,000 labels on one line', () => {
    survives('{#'.repeat(50_000));
    survives(`# 1. A\n\n1. ${'{#'.repeat(50_000)}`);
    survives('{#a}'.repeat(50_000));
    survives(`# 1. A\n\n1. x ${'{#a} '.repeat(50_000)}`);
  });

  it('on lone CR line ends', () => {
    survives('# 1. A\r\r1. B\r2. C\r');
    survives('\r'.repeat(100_000));
    survives('# 1. A\r\n\r1. B\n\r2. C\r\r\n');
    const { programme } = analyse('---\rtitle: x\r---\r# 1. A\r\r1. B\r');
    assert.notEqual(programme.frontMatter, undefined);
    assert.deepEqual(programme.measures.map((m) => m.id), ['1.1']);
  });

  it('on many short lines and deep headings', () => {
    survives('---\n'.repeat(20_000));
    survives('- \n'.repeat(20_000));
    survives('######## 1.1.1.1.1.1.1 x\n'.repeat(2_000));
    survives(`# 1. A\n\n## ${'1.'.repeat(5_000)}1 Tema\n`);
  });
});
