/**
 * fast-check arbitraries shared by the property tests (`npm test`, short runs) and the long fuzz runs
 * (`npm run fuzz -- --runs N`): arbitrary strings, programme-like documents, and random mutations of
 * the bundled example.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';

/** The bundled real example, read once. */
export const example = readFileSync(new URL('../../examples/lokalvalget-2023.programme', import.meta.url), 'utf8');

/** Fragments that matter to the format, inserted at random places by mutations. */
const SPECIALS = ['#', '# ', '## ', '[[', ']]', '{#', '}', '1', '9', '12', '.', ')', ' ', '\t', '---', '...', '//', '\r', '\n', '\r\n', '\ufeff', '\u0000', '\u00ad', '\u200b', 'æ', 'ø', 'å', '😀', 'e\u0301', '\\', '*', '**', '- ', '9A. '];

/** One programme-like line. */
const line = fc.oneof(
  fc.constantFrom('', '', ' ', '\t'),
  fc.tuple(fc.constantFrom('# ', '#', '## ', '### ', '# **'), fc.nat(12), fc.constantFrom('. ', ') ', ' ', '.', ''), fc.string({ maxLength: 20 })).map(([h, n, d, t]) => `${h}${n}${d}${t}`),
  fc.tuple(fc.nat(15), fc.constantFrom('', 'A', 'B'), fc.constantFrom('. ', ') ', '.\t', '\\. '), fc.string({ maxLength: 40 })).map(([n, a, d, t]) => `${n}${a}${d}${t}`),
  fc.tuple(fc.constantFrom('- ', '* ', '  ', '   3. ', '// '), fc.string({ maxLength: 30 })).map(([p, t]) => p + t),
  fc.tuple(fc.string({ maxLength: 20 }), fc.constantFrom('[[1.2]]', '[[2]]', '[[#arbeid]]', '[[x', '{#arbeid}', '{#', ' {#a b}'), fc.string({ maxLength: 10 })).map(([a, b, c]) => a + b + c),
  fc.string({ maxLength: 60 }),
);

/** A programme-like document: optional front matter, then lines joined by LF, CRLF or CR. */
export const programmeLike = fc
  .tuple(
    fc.option(fc.constantFrom('---\ntitle: T\n---\n', '---\ntitle: [unclosed\n---\n', '---\n', '\ufeff---\nyear: x\n...\n'), { nil: '' }),
    fc.array(line, { maxLength: 60 }),
    fc.constantFrom('\n', '\r\n', '\r'),
  )
  .map(([fm, lines, eol]) => fm + lines.join(eol));

/** A random mutation of a document: lines deleted, duplicated, swapped, special fragments inserted. */
export function mutationOf(base: string): fc.Arbitrary<string> {
  const op = fc.oneof(
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...SPECIALS) }),
  );
  return fc.array(op, { minLength: 1, maxLength: 12 }).map((ops) => {
    let text = base;
    for (const o of ops) {
      const lines = text.split('\n');
      if (o.kind === 'delete') lines.splice(o.at % lines.length, 1);
      else if (o.kind === 'duplicate') {
        const i = o.at % lines.length;
        lines.splice(i, 0, lines[i]);
      } else if (o.kind === 'swap') {
        const i = o.at % lines.length;
        const j = o.with % lines.length;
        [lines[i], lines[j]] = [lines[j], lines[i]];
      }
      text = lines.join('\n');
      if (o.kind === 'insert') {
        const at = o.at % (text.length + 1);
        text = text.slice(0, at) + o.text + text.slice(at);
      }
    }
    return text;
  });
}

/** Any document the properties are checked on. */
export const anyDocument = fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 400 }), programmeLike, mutationOf(example));
