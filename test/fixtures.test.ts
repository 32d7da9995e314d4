/**
 * Fixture tests: documents and the diagnostics a writer should see, as committed snapshots.
 *
 * How it works (add your own fixtures here; nothing in this file needs to change):
 * - Every `test/fixtures/**\/NAME.programme` is one test, named by its path. It is analysed with
 *   `analyse(text, config)` (server/src/rules/index.ts), `config` being `NAME.config.json` next to it
 *   when that file exists (the shape of `.programmerc.json`, model/config.ts), else `{}`.
 * - The diagnostics are compared with `NAME.diagnostics.txt`: one diagnostic per line,
 *   `LINE:COL severity code message` (1-based line and column; the column counts UTF-16 code units,
 *   as LSP does), related information indented by four spaces below it as `LINE:COL message`, and
 *   the fixes it carries below that as `fix (preferred, automatic) TITLE: L:C–L:C → "new text"; …`.
 *   An empty file means "no diagnostics". Line breaks inside a message are written as `\n`.
 * - Optional structure snapshot: when `NAME.structure.txt` exists, the document's structure (front
 *   matter, sections, pillars, sub-sections, measures with their ids, lines, labels and text as
 *   `measureText` gives it, references, paragraphs, comments) is compared with it too. To start one,
 *   create the empty file and run the update below.
 * - Optional fix snapshot: when `NAME.fixed.txt` exists, the text after `programme fix` (every automatic
 *   fix, features/fixAll.ts) is compared with it.
 * - `UPDATE_SNAPSHOTS=1 npx mocha test/fixtures.test.ts` rewrites the snapshots from what the code
 *   produces now (it creates missing `.diagnostics.txt` files; it rewrites `.structure.txt` files that
 *   exist). Without it, a missing snapshot or a mismatch fails with a line diff (`-` snapshot,
 *   `+` actual). Read every rewritten snapshot before committing it: it must be what a writer should
 *   see, not merely what the code does today.
 *
 * Fixture texts are invented (never copied from real programmes). Snapshots are plain UTF-8 with LF
 * line ends; `test/fixtures/.gitattributes` keeps git from changing the fixtures' own line ends (one
 * fixture is CRLF on purpose).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { analyse } from '../server/src/rules/index';
import { fixAll } from '../server/src/features/fixAll';
import { measureText, type Measure, type Pillar, type Programme, type Section, type Subsection } from '../server/src/model/programme';
import type { Config } from '../server/src/model/config';
import type { Diagnostic } from '../server/src/syntax/span';

const FIXTURES = path.join('test', 'fixtures');
const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';

/** Every `*.programme` below `dir`, sorted, as paths relative to the working directory. */
function fixtureFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.programme'))
    .map((f) => path.join(dir, f))
    .sort();
}

/** Writes `\r` and `\n` inside a message visibly, so that one diagnostic stays one line. */
function oneLine(text: string): string {
  return text.replace(/\r/g, '\\r').replace(/\n/g, '\\n');
}

/** The snapshot text of `diagnostics` (see the module comment). */
export function formatDiagnostics(p: Programme, diagnostics: Diagnostic[]): string {
  const lines: string[] = [];
  for (const d of diagnostics) {
    const at = p.lines.positionAt(d.span.start);
    lines.push(`${at.line + 1}:${at.character + 1} ${d.severity} ${d.code} ${oneLine(d.message)}`);
    for (const r of d.related ?? []) {
      const rat = p.lines.positionAt(r.span.start);
      lines.push(`    ${r.uri !== undefined ? `${r.uri}:` : ''}${rat.line + 1}:${rat.character + 1} ${oneLine(r.message)}`);
    }
    for (const f of d.fixes ?? []) {
      const flags = [f.preferred ? 'preferred' : '', f.automatic ? 'automatic' : ''].filter(Boolean).join(', ');
      const changes = f.changes.map((c) => {
        const a = p.lines.positionAt(c.span.start);
        const b = p.lines.positionAt(c.span.end);
        return `${a.line + 1}:${a.character + 1}–${b.line + 1}:${b.character + 1} → ${JSON.stringify(c.newText)}`;
      });
      lines.push(`    fix${flags ? ` (${flags})` : ''} ${oneLine(f.title)}: ${changes.join('; ')}`);
    }
  }
  return lines.map((l) => l + '\n').join('');
}

/** The snapshot text of the document's structure (see the module comment). */
export function formatStructure(p: Programme): string {
  const out: string[] = [];
  const line = (offset: number) => p.lines.lineAt(offset) + 1;
  const lines = (span: { start: number; end: number }) => {
    const a = line(span.start);
    const b = line(span.end);
    return a === b ? `line ${a}` : `lines ${a}–${b}`;
  };
  const label = (n: { label?: { name: string } }) => (n.label !== undefined ? ` {#${n.label.name}}` : '');
  const measure = (m: Measure, depth: number) => {
    const pad = '  '.repeat(depth);
    out.push(`${pad}measure ${m.id} (${p.text.slice(m.node.span.start, m.delimiterSpan.end)}) ${lines(m.span)}${label(m)}`);
    for (const t of measureText(p, m).split('\n')) out.push(`${pad}  | ${t}`);
  };
  const heading = (h: Pillar | Section | Subsection, depth: number) => {
    const pad = '  '.repeat(depth);
    const title = JSON.stringify(h.title);
    if (h.kind === 'pillar') out.push(`${pad}pillar ${h.numberText}${h.delimiter} ${title} ${lines(h.span)}${label(h)}`);
    else if (h.kind === 'section') out.push(`${pad}section ${title} ${lines(h.span)}${label(h)}`);
    else out.push(`${pad}subsection${h.numberText !== undefined ? ` ${h.numberText}` : ''} ${title} level ${h.level} ${lines(h.span)}${label(h)}`);
    for (const c of h.children) {
      if (c.kind === 'measure') measure(c, depth + 1);
      else heading(c, depth + 1);
    }
  };
  if (p.frontMatter !== undefined) out.push(`front matter ${lines(p.frontMatter.span)}`);
  const top: { start: number; emit: () => void }[] = p.top.map((h) => ({ start: h.span.start, emit: () => heading(h, 0) }));
  for (const m of p.outsideMeasures) if (m.parent === undefined) top.push({ start: m.span.start, emit: () => measure(m, 0) });
  for (const t of top.sort((a, b) => a.start - b.start)) t.emit();
  for (const r of p.references) {
    const inMeasure = r.inMeasure !== undefined ? `, in measure ${r.inMeasure.id}` : '';
    const form = r.form.kind === 'measure' ? `measure ${r.form.id}` : r.form.kind === 'pillar' ? `pillar ${r.form.number}` : r.form.kind === 'label' ? `label ${r.form.name}` : 'invalid';
    out.push(`reference [[${r.target}]] ${lines(r.span)}: ${form}${inMeasure}`);
  }
  out.push(`paragraphs: ${p.paragraphs.map((x) => lines(x.span).replace(/^lines? /, '')).join(', ') || 'none'}`);
  out.push(`comments: ${p.comments.map((c) => line(c.span.start)).join(', ') || 'none'}`);
  return out.map((l) => l + '\n').join('');
}

/** A line diff of two snapshot texts (`-` expected, `+` actual, two lines of context). */
export function lineDiff(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  // Longest common subsequence table (snapshots are small).
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const ops: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) (ops.push(`  ${a[i]}`), i++, j++);
    else if (i < a.length && (j >= b.length || lcs[i + 1][j] >= lcs[i][j + 1])) ops.push(`- ${a[i++]}`);
    else ops.push(`+ ${b[j++]}`);
  }
  const keep = ops.map((op, k) => ops.slice(Math.max(0, k - 2), k + 3).some((o) => !o.startsWith('  ')));
  return ops.map((op, k) => (keep[k] ? op : keep[k - 1] ? '  …' : null)).filter((x) => x !== null).join('\n');
}

/** Compares `actual` with the snapshot at `file` (or rewrites it when updating). */
function compareSnapshot(file: string, actual: string, create: boolean): void {
  const exists = existsSync(file);
  if (!exists && !create) return;
  if (UPDATE) {
    if (!exists || readFileSync(file, 'utf8') !== actual) writeFileSync(file, actual);
    return;
  }
  if (!exists) assert.fail(`No snapshot ${file}. Run "UPDATE_SNAPSHOTS=1 npx mocha test/fixtures.test.ts", then read it before committing.`);
  const expected = readFileSync(file, 'utf8');
  if (expected !== actual) {
    assert.fail(`${file} differs (- snapshot, + actual):\n${lineDiff(expected, actual)}\n(If the new output is right, run "UPDATE_SNAPSHOTS=1 npx mocha test/fixtures.test.ts" and read the snapshot.)`);
  }
}

describe('fixtures (test/fixtures/**/*.programme)', () => {
  const files = fixtureFiles(FIXTURES);

  it('finds the fixtures', () => {
    assert.ok(files.length > 0, `no *.programme files below ${FIXTURES}`);
  });

  for (const file of files) {
    const base = file.slice(0, -'.programme'.length);
    it(path.relative(FIXTURES, file), () => {
      const configFile = `${base}.config.json`;
      const config: Config = existsSync(configFile) ? (JSON.parse(readFileSync(configFile, 'utf8')) as Config) : {};
      const { programme, diagnostics } = analyse(readFileSync(file, 'utf8'), config);
      compareSnapshot(`${base}.diagnostics.txt`, formatDiagnostics(programme, diagnostics), true);
      compareSnapshot(`${base}.structure.txt`, formatStructure(programme), false);
      if (existsSync(`${base}.fixed.txt`)) compareSnapshot(`${base}.fixed.txt`, fixAll(programme.text, config).text, false);
    });
  }
});
