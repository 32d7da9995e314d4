/**
 * The Markdown writer (server/src/export/markdown.ts): golden files of the example and of the invented
 * fixtures (test/fixtures/export/md-*.programme → md-*.md; UPDATE_SNAPSHOTS=1 refreshes them), the
 * forms a measure takes (a list item, or a paragraph with its number in bold), escaping, markdownlint on
 * every output, and the round trip: `programme import --from markdown` of the export gives the same
 * pillars and measures (ids and words, as printed) — on the example, the fixtures and generated
 * programmes.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { lint } from 'markdownlint/sync';
import type { Configuration } from 'markdownlint';
import { analyse } from '../../server/src/rules/index';
import { partsText, publication } from '../../server/src/export/document';
import { escapeMarkdown, renderMarkdown } from '../../server/src/export/markdown';
import { importDocument } from '../../server/src/import/index';
import { wellFormedProgramme } from './arbitraries';

const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';
const FIXTURES = fileURLToPath(new URL('../fixtures/export/', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../../examples/lokalvalget-2023.programme', import.meta.url));

/** Runs per property: short in `npm test`, scaled by FUZZ_RUNS (`npm run fuzz -- --runs N`). */
function runs(short: number): number {
  const fuzz = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(fuzz) && fuzz > 0 ? Math.max(short, Math.round((fuzz * short) / 200)) : short;
}

/** Compares `actual` with the golden file `file` (written with UPDATE_SNAPSHOTS=1). */
function golden(file: string, actual: string): void {
  if (UPDATE || !existsSync(file)) writeFileSync(file, actual);
  assert.equal(actual, readFileSync(file, 'utf8'), `${path.basename(file)} differs (UPDATE_SNAPSHOTS=1 to accept)`);
}

/** The Markdown of programme text. */
const markdownOf = (text: string) => renderMarkdown(publication(analyse(text).programme));

/**
 * markdownlint's rules, all of them but those the export breaks on purpose:
 * - MD013 (line length): a paragraph or measure is one line, as the printed text is; wrapping it would
 *   change nothing a reader sees and make the diff of two exports harder to read;
 * - MD024 (no duplicate headings): a programme may repeat a title (the checker warns, duplicate-title),
 *   and the `#` title repeats the introduction's when the front matter has none; links go to the
 *   explicit anchors, not to GitHub's ids from the titles;
 * - MD029 (list numbers from 1): a pillar's measures run on across its sub-sections, so the list after
 *   a sub-section heading starts at its first measure's number (`4.`), as printed;
 * - MD033 (inline HTML) allows `<a>` only: the explicit anchors (`<a id="tiltak-4-7"></a>`) that keep
 *   every format's links; any other HTML would be a programme's text left unescaped;
 * - MD034 (bare URLs): an address in a programme's text is printed as written; GitHub links it itself.
 * MD041 (a `#` heading first) is off only for a programme without a title, which has no `#` heading.
 */
function lintConfig(hasTitle: boolean): Configuration {
  return { default: true, MD013: false, MD024: false, MD029: false, MD033: { allowed_elements: ['a'] }, MD034: false, MD041: hasTitle };
}

/** markdownlint's findings in `markdown`, as `line rule detail` strings. */
function lintFindings(markdown: string, hasTitle = true): string[] {
  const found = lint({ strings: { export: markdown }, config: lintConfig(hasTitle) }).export;
  return found.map((e) => `${e.lineNumber} ${e.ruleNames.join('/')} ${e.errorDetail ?? ''} ${e.errorContext ?? ''}`.trim());
}

/** What the round trip keeps: pillars (id and title) and measures (id and words, whitespace-normalised), as printed. */
function shapeOf(text: string): { pillars: string[]; measures: string[] } {
  const pub = publication(analyse(text).programme);
  const words = (s: string) => s.replace(/\s+/g, ' ').trim();
  return {
    pillars: pub.blocks.flatMap((b) => (b.kind === 'heading' && b.role === 'pillar' ? [`${b.id} ${words(b.titleText)}`] : [])),
    measures: pub.blocks.flatMap((b) => (b.kind === 'measure' ? [`${b.id} ${words(partsText(b.parts))}`] : [])),
  };
}

/** The programme text that importing `markdown` gives. */
async function imported(markdown: string): Promise<string> {
  const r = await importDocument(new TextEncoder().encode(markdown), { from: 'markdown' });
  if ('problem' in r) throw new Error(`the import failed: ${JSON.stringify(r.problem)}`);
  return r.text;
}

const fixtures = readdirSync(FIXTURES)
  .filter((f) => /^md-.*\.programme$/.test(f))
  .sort();

describe('export: Markdown', () => {
  it('the example: golden file test/fixtures/export/lokalvalget-2023.md', () => {
    golden(path.join(FIXTURES, 'lokalvalget-2023.md'), markdownOf(readFileSync(EXAMPLE, 'utf8')));
  });

  for (const name of fixtures) {
    it(`${name}: golden file`, () => {
      golden(path.join(FIXTURES, name.replace(/\.programme$/, '.md')), markdownOf(readFileSync(path.join(FIXTURES, name), 'utf8')));
    });
  }

  it('prints the title block: title, then party, election, the year when the election does not name it, the adoption or status, the version', () => {
    const head = (fm: string) => markdownOf(`---\n${fm}\n---\n# 1. Arbeid\n\n1. Skape jobber.\n`).split('\n\n').slice(0, 2);
    assert.deepEqual(head('title: Program 2027\nparty: Eksempelpartiet\nelection: Stortingsvalget 2027\nyear: 2027\nlang: nb\nstatus: draft\nversion: "2.1"'), ['# Program 2027', 'Eksempelpartiet · Stortingsvalget 2027 · Utkast · Versjon 2.1']);
    assert.deepEqual(head('title: Program\nelection: Kommunevalget\nyear: 2027\nlang: nn\nstatus: adopted\nadopted: 2027-04-15'), ['# Program', 'Kommunevalget · 2027 · Vedteke 2027-04-15']);
    assert.deepEqual(head('title: Programm\nlang: de'), ['# Programm', '## Inhalt']);
  });

  it('writes a table of contents of links, nested by level, and explicit anchors before every heading', () => {
    const md = markdownOf('---\ntitle: T\nlang: nb\n---\n# 1. Arbeid {#arbeid}\n\n## 1.1 Industri\n\n### Små bedrifter\n\n1. Skape jobber.\n\n# Etterord\n');
    assert.equal(
      md,
      [
        '# T',
        '',
        '## Innhold',
        '',
        '- [1. Arbeid](#kapittel-1)',
        '  - [1.1 Industri](#kapittel-1-1)',
        '    - [Små bedrifter](#små-bedrifter)',
        '- [Etterord](#etterord)',
        '',
        '<a id="kapittel-1"></a><a id="arbeid"></a>',
        '',
        '## 1. Arbeid',
        '',
        '<a id="kapittel-1-1"></a>',
        '',
        '### 1.1 Industri',
        '',
        '<a id="små-bedrifter"></a>',
        '',
        '#### Små bedrifter',
        '',
        '1. <a id="tiltak-1-1"></a>Skape jobber.',
        '',
        '<a id="etterord"></a>',
        '',
        '## Etterord',
        '',
      ].join('\n'),
    );
  });

  it('goes down one heading level at a time: a ### right under a pillar is written one level below it', () => {
    const md = markdownOf('---\ntitle: T\n---\n# 1. Arbeid\n\n### Dypt\n\n1. Skape jobber.\n');
    assert.ok(md.includes('\n## 1. Arbeid\n'));
    assert.ok(md.includes('\n### Dypt\n'), md);
    assert.ok(md.includes('\n- [1. Arbeid](#pillar-1)\n  - [Dypt](#dypt)\n'), md);
  });

  it('numbers measures with lists while the printed numbers go up by one, and with a bold number where a list cannot show them', () => {
    const measures = (text: string) =>
      markdownOf(`---\ntitle: T\n---\n${text}`)
        .trimEnd()
        .split('\n\n')
        .filter((chunk) => /^(\d|\*\*|- |   )/.test(chunk) && !chunk.startsWith('- ['));
    // A list from 1; a skipped number (3 after 1) and a repeated one cannot be list items that show them.
    assert.deepEqual(measures('# 1. A\n\n1. En.\n\n3. Tre.\n\n4. Fire.\n\n4. Fire igjen.\n'), [
      '1. <a id="measure-1-1"></a>En.',
      '**3.** <a id="measure-1-3"></a>Tre.',
      '4. <a id="measure-1-4"></a>Fire.',
      '**4.** <a id="measure-1-4-2"></a>Fire igjen.',
    ]);
    // Alternatives and the measure after them; sub-points under a list item and under a bold number.
    assert.deepEqual(measures('# 1. A\n\n1. En.\n- a\n- b\n\n2A. To A.\n- c\n\n2B. To B.\n\n3. Tre.\n'), [
      '1. <a id="measure-1-1"></a>En.\n   - a\n   - b',
      '**2A.** <a id="measure-1-2A"></a>To A.',
      '- c',
      '**2B.** <a id="measure-1-2B"></a>To B.',
      '3. <a id="measure-1-3"></a>Tre.',
    ]);
    // `3)` and full ids are printed as written.
    assert.deepEqual(measures('# 1. A\n\n1) En.\n\n2) To.\n'), ['**1)** <a id="measure-1-1"></a>En.', '**2)** <a id="measure-1-2"></a>To.']);
    assert.deepEqual(measures('# 1. A\n\n1.1 En.\n\n1.2. To.\n'), ['**1.1** <a id="measure-1-1"></a>En.', '**1.2** <a id="measure-1-2"></a>To.']);
    // Measure 10 of a list: its sub-points are indented under its text (four columns).
    const ten = Array.from({ length: 10 }, (_, i) => `${i + 1}. M${i + 1}.`).join('\n\n');
    assert.equal(measures(`# 1. A\n\n${ten}\n- under\n`).at(-1), '10. <a id="measure-1-10"></a>M10.\n    - under');
  });

  it('links references to their anchors (a label to the label), and prints a reference that names nothing as its text', () => {
    const md = markdownOf('---\ntitle: T\nlang: nb\n---\n# 1. A\n\n1. En. {#en}\n\n2. Se [[1.1]], [[#en]], [[1]] og [[9.9]].\n');
    assert.ok(md.includes('2. <a id="tiltak-1-2"></a>Se [tiltak 1.1](#tiltak-1-1), [tiltak 1.1](#en), [kapittel 1](#kapittel-1) og 9.9.\n'), md);
  });

  it('escapes what Markdown would read: markup anywhere, and a block start at the start of a text', () => {
    const cases: [string, boolean, string][] = [
      ['*fet* og _skrå_', false, '\\*fet\\* og \\_skrå\\_'],
      ['[lenke](x) <b> `kode` a|b ~x~ $5 #1 \\', false, '\\[lenke\\](x) \\<b> \\`kode\\` a\\|b \\~x\\~ \\$5 \\#1 \\\\'],
      ['A&B og &amp; og & alene', false, 'A\\&B og \\&amp; og & alene'],
      ['17. mai', true, '17\\. mai'],
      ['17. mai', false, '17. mai'],
      ['3) plass', true, '3\\) plass'],
      ['2027 var et år', true, '2027 var et år'],
      ['- strek', true, '\\- strek'],
      ['+ pluss', true, '\\+ pluss'],
      ['> sitat', true, '\\> sitat'],
      ['= likhet', true, '\\= likhet'],
      ['linje\nto', false, 'linje to'],
    ];
    for (const [text, atLineStart, expected] of cases) assert.equal(escapeMarkdown(text, atLineStart), expected, text);
  });

  it('markdownlint finds nothing in the example and the fixtures (rules the export breaks on purpose aside)', () => {
    for (const file of [EXAMPLE, ...fixtures.map((f) => path.join(FIXTURES, f))]) {
      assert.deepEqual(lintFindings(markdownOf(readFileSync(file, 'utf8'))), [], path.basename(file));
    }
  });

  it('markdownlint finds nothing in generated programmes', () => {
    fc.assert(
      fc.property(wellFormedProgramme, (text) => {
        const pub = publication(analyse(text).programme);
        assert.deepEqual(lintFindings(renderMarkdown(pub), pub.title.title !== undefined), []);
      }),
      { numRuns: runs(15), seed: 14 },
    );
  });
});

describe('export: Markdown round trip (import of the export)', () => {
  it('the example: the same pillars and measures, word for word', async () => {
    const text = readFileSync(EXAMPLE, 'utf8');
    const back = shapeOf(await imported(markdownOf(text)));
    assert.deepEqual(back, shapeOf(text));
    assert.equal(back.pillars.length, 5);
    assert.equal(back.measures.length, 38);
  });

  for (const name of fixtures) {
    it(`${name}: the same pillars and measures`, async () => {
      const text = readFileSync(path.join(FIXTURES, name), 'utf8');
      assert.deepEqual(shapeOf(await imported(markdownOf(text))), shapeOf(text));
    });
  }

  it('generated programmes: the same pillars and measures', async () => {
    await fc.assert(
      fc.asyncProperty(wellFormedProgramme, async (text) => {
        assert.deepEqual(shapeOf(await imported(markdownOf(text))), shapeOf(text));
      }),
      { numRuns: runs(60), seed: 15 },
    );
  });
});
