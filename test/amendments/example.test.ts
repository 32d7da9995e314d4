/**
 * The worked example: examples/lokalvalget-2023.amendments, a dozen amendments to the bundled example
 * programme (two in conflict, one that cites the wrong line, one without a reason, one withdrawn, one
 * rejected). Its check output, its adopted text and its voting list are golden files in
 * test/amendments/golden/ (`UPDATE_SNAPSHOTS=1 npx mocha test/amendments/example.test.ts` writes them
 * anew: read the diff before committing it).
 *
 * docs/amendments.md's section "A worked example" shows the same: every ```` ```console ```` block there that starts with
 * `$ programme` is run in a folder holding a copy of the two example files (and an empty
 * `.programmerc.json`), in an English terminal, and must print what the page shows; every block whose
 * info string names a file (```` ```text lokalvalget-2023.amendments ````, ```` ```markdown
 * voteringsliste.md ````, ```` ```text vedtatt.programme ````) is made of runs of lines that stand, in
 * that order and each run whole, in that file as the example has it or the commands write it (a line
 * `…` stands for lines left out), as test/export/excerpts.test.ts checks the export's.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import MarkdownIt from 'markdown-it';
import { runIn, withPartTranslations } from './programmes';
import { missingRun } from '../excerpt';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const GOLDEN = path.join(ROOT, 'test/amendments/golden');
const PAGE = path.join(ROOT, 'docs/amendments.md');
const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';

/** Compares `actual` with the golden file `name` (or writes it, with UPDATE_SNAPSHOTS=1). */
function golden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  if (UPDATE || !existsSync(file)) writeFileSync(file, actual);
  assert.equal(actual, readFileSync(file, 'utf8'), `${name} differs from the golden file (UPDATE_SNAPSHOTS=1 writes it anew)`);
}

describe('amendments: the worked example', () => {
  let dir: string;
  let untranslate: () => void;
  before(() => {
    // The voting list is in the file's language (nb): with the translations as they will be merged.
    untranslate = withPartTranslations();
    dir = mkdtempSync(path.join(os.tmpdir(), 'programme-example-'));
    writeFileSync(path.join(dir, '.programmerc.json'), '{}\n');
    for (const f of ['lokalvalget-2023.programme', 'lokalvalget-2023.amendments']) copyFileSync(path.join(ROOT, 'examples', f), path.join(dir, f));
  });
  after(() => {
    untranslate();
    rmSync(dir, { recursive: true, force: true });
  });

  it('checks: the conflict of E4 and E5, E6 on the wrong line, E9 without a reason', async () => {
    const r = await runIn(dir, ['check', 'lokalvalget-2023.amendments']);
    assert.equal(r.code, 0);
    golden('lokalvalget-2023.check.txt', r.out + r.err);
    assert.deepEqual(
      r.out.split('\n').filter((l) => / (warning|error) /.test(l)).map((l) => l.split(' ').slice(1, 3).join(' ')),
      ['warning amendment-conflict', 'warning amendment-conflict', 'warning amendment-quote', 'warning amendment-reason'],
    );
  });

  it('applies the adopted amendments but E6, renumbers chapter 1 after E3, and the adopted text checks clean', async () => {
    const r = await runIn(dir, ['amend', 'apply', 'lokalvalget-2023.programme', 'lokalvalget-2023.amendments', '-o', 'vedtatt.programme']);
    assert.equal(r.code, 1);
    golden('lokalvalget-2023.apply.txt', `${r.err}\n`);
    const adopted = readFileSync(path.join(dir, 'vedtatt.programme'), 'utf8');
    golden('lokalvalget-2023.adopted.programme', adopted);
    const check = await runIn(dir, ['check', 'vedtatt.programme']);
    assert.deepEqual([check.code, check.out], [0, 'No errors or warnings in 1 file.\n']);
  });

  it('writes the voting list', async () => {
    for (const format of ['md', 'html', 'json']) {
      const r = await runIn(dir, ['amend', 'list', 'lokalvalget-2023.programme', 'lokalvalget-2023.amendments', '--to', format]);
      assert.equal(r.code, 0);
      golden(`lokalvalget-2023.voting.${format}`, r.out);
    }
  });

  it('the amendments of docs/amendments.md\'s "The amendment file" stand on the example\'s draft as they say', async () => {
    const page = readFileSync(PAGE, 'utf8');
    const block = new MarkdownIt('commonmark').parse(page, {}).find((t) => t.type === 'fence' && t.content.startsWith('---\nprogramme: lokalvalget-2023.programme'));
    assert.ok(block !== undefined, 'the example of the format is on the page');
    writeFileSync(path.join(dir, 'format.amendments'), block.content);
    const r = await runIn(dir, ['check', 'format.amendments']);
    assert.deepEqual([r.code, r.out], [0, 'format.amendments:19:1: warning amendment-reason E3 gives no reason: add "Reason: …" (the congress reads it before it votes).\n0 errors, 1 warning in 1 file.\n']);
  });

  it('docs/amendments.md shows the example as the commands print it', async () => {
    const page = readFileSync(PAGE, 'utf8');
    // The section "A worked example" (the section "Printed line numbers" has its own example, tested in lines.test.ts).
    const from = page.split('\n').indexOf('## A worked example');
    assert.ok(from >= 0, 'docs/amendments.md has the section "A worked example"');
    const fences = new MarkdownIt('commonmark').parse(page, {}).filter((t) => t.type === 'fence' && (t.map?.[0] ?? 0) > from);
    // What each named file holds: the example's files, and what the commands write.
    const lines = (await runIn(dir, ['lines', 'lokalvalget-2023.programme'])).out;
    const files: Record<string, () => string> = {
      'programme-lines.txt': () => lines,
      'lokalvalget-2023.amendments': () => readFileSync(path.join(ROOT, 'examples/lokalvalget-2023.amendments'), 'utf8'),
      'voteringsliste.md': () => readFileSync(path.join(dir, 'voteringsliste.md'), 'utf8'),
      'vedtatt.programme': () => readFileSync(path.join(GOLDEN, 'lokalvalget-2023.adopted.programme'), 'utf8'),
    };
    let commands = 0;
    let excerpts = 0;
    // The commands first (they write the files the excerpts are from), then the excerpts.
    const ordered = [...fences.filter((f) => f.info.trim() === 'console'), ...fences.filter((f) => f.info.trim() !== 'console')];
    for (const fence of ordered) {
      const [lang, name] = fence.info.trim().split(/\s+/);
      const line = (fence.map?.[0] ?? 0) + 1;
      if (lang === 'console' && fence.content.startsWith('$ programme ')) {
        const [first, ...expected] = fence.content.replace(/\n$/, '').split('\n');
        const r = await runIn(dir, first.slice('$ programme '.length).trim().split(/\s+/));
        assert.equal((r.out + r.err).replace(/\n$/, ''), expected.join('\n'), `the output of "${first}" at line ${line} of docs/amendments.md`);
        commands++;
      } else if (name !== undefined && files[name] !== undefined) {
        const missing = missingRun(fence.content.replace(/\n$/, '').split('\n'), files[name]().split('\n'));
        assert.equal(missing, undefined, `${name}: the excerpt's lines from "${missing}" are not the file's (at line ${line} of docs/amendments.md)`);
        excerpts++;
      }
    }
    assert.ok(commands >= 3 && excerpts >= 3, `${commands} commands and ${excerpts} excerpts checked`);
  });
});
