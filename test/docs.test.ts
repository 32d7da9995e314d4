/**
 * The documentation cannot go stale:
 * - docs/rules.md has a "## `code`" section for every code of `RULES` and for `config`, whose first
 *   line states the default severity, a row in the table at the top with the same severity, and an
 *   example whose output shows the code;
 * - every example of docs/rules.md and of the Norwegian user guide (every docs/nb/*.md page) prints
 *   exactly what the page shows under it;
 * - every relative link in docs/*.md, docs/nb/*.md and README.md leads to an existing file, and every link to a
 *   heading (`#anchor`, `rules.md#syntax`) to an existing heading (checked with
 *   vscode-markdown-languageservice's link diagnostics, the ones VS Code shows, with GitHub's anchors).
 *
 * Examples in docs/rules.md and docs/nb/*.md. A fenced code block whose info string is a language and a
 * file name (```` ```programme skole.programme ````, ```` ```json .programmerc.json ````) is a file of
 * the next example. The next ```` ```console ```` block whose first line is `$ programme …` runs that
 * command in a new empty folder holding those files (and an empty `.programmerc.json`, unless the
 * example gives one, so that no configuration around the folder applies); the rest of the block is what
 * the command prints, standard output and standard error in the order written. A `programme` block
 * without a file name, or files that no command follows, fail the test: every programme on a page is
 * run. (A snippet that is not meant to be run is fenced as ```` ```text ````.)
 *
 * The command runs with the environment of a terminal in the page's language (`Io.env`): docs/rules.md
 * with `LANG=en_US.UTF-8`, so that its output is English even for a file with `lang: nb` in its front
 * matter (the environment comes before a file's `lang`); the pages of docs/nb/ with `LANG=nb_NO.UTF-8`,
 * so that their output is Bokmål. A `--lang` in the command still wins, as it does in a terminal.
 *
 * After a deliberate change of a message (or of a translation), `UPDATE_DOCS=1 npx mocha
 * test/docs.test.ts` writes the new outputs into docs/rules.md and docs/nb/*.md (read the diff before
 * committing it).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLanguageService, DiagnosticLevel, githubSlugifier, LogLevel, type ITextDocument, type IWorkspace, type Token } from 'vscode-markdown-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CancellationTokenSource, Emitter } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { main, type Io } from '../server/src/cli/main';
import { RULES, RULE_CODES } from '../server/src/rules/codes';
import { CONFIG_DIAGNOSTIC_CODE } from '../server/src/model/config';
import type { LocaleEnvironment } from '../server/src/l10n/index';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RULES_PAGE = path.join(ROOT, 'docs', 'rules.md');
const NB_DIR = path.join(ROOT, 'docs', 'nb');
/** The environment the examples of a page run in: a terminal in the page's language (see the module comment). */
const ENGLISH: LocaleEnvironment = { LANG: 'en_US.UTF-8' };
const BOKMAL: LocaleEnvironment = { LANG: 'nb_NO.UTF-8' };
const UPDATE = process.env.UPDATE_DOCS === '1';

/** markdown-it (CommonMark), the parser VS Code's Markdown support uses; it ships without types. */
const MarkdownIt = createRequire(import.meta.url)('markdown-it') as new (preset: string) => { parse(src: string, env: object): MdToken[] };
const markdown = new MarkdownIt('commonmark');

/** The part of a markdown-it token this test reads; `map` is [first line, line after the last], 0-based. */
interface MdToken extends Token {
  readonly tag: string;
  readonly info: string;
}

/** One file of an example. */
interface ExampleFile {
  name: string;
  content: string;
}

/** One example of a page: its files, the command and the output shown. Lines are 0-based. */
interface Example {
  files: ExampleFile[];
  /** The arguments after `programme`. */
  argv: string[];
  /** The command line as written, for test titles. */
  command: string;
  expected: string;
  /** The line of the `$ programme …` line; the output follows it up to the closing fence. */
  commandLine: number;
  /** The line of the closing fence. */
  closingLine: number;
}

/** The examples of a page, and what is wrong with how they are written (see the module comment). */
function examplesOf(text: string): { examples: Example[]; problems: string[] } {
  const examples: Example[] = [];
  const problems: string[] = [];
  let pending: ExampleFile[] = [];
  let pendingLine = 0;
  for (const token of markdown.parse(text, {})) {
    if (token.type !== 'fence' || token.map === null) continue;
    const [lang = '', name, ...rest] = token.info.trim().split(/\s+/);
    const line = token.map[0];
    if (name !== undefined) {
      if (rest.length > 0) problems.push(`line ${line + 1}: the info string "${token.info}" should be a language and one file name`);
      if (pending.length === 0) pendingLine = line;
      pending.push({ name, content: token.content });
    } else if (lang === 'programme') {
      problems.push(`line ${line + 1}: a programme example needs a file name ("\`\`\`programme NAME.programme") and the output of a command after it`);
    } else if (lang === 'console' && token.content.startsWith('$ programme ')) {
      const [first, ...output] = token.content.replace(/\n$/, '').split('\n');
      if (pending.length === 0) problems.push(`line ${line + 1}: "${first}" has no example files before it`);
      examples.push({
        files: pending,
        argv: first.slice('$ programme '.length).trim().split(/\s+/),
        command: first.slice(2),
        expected: output.join('\n'),
        commandLine: line + 1,
        closingLine: token.map[1] - 1,
      });
      pending = [];
    }
  }
  if (pending.length > 0) problems.push(`line ${pendingLine + 1}: example files (${pending.map((f) => f.name).join(', ')}) without a "$ programme …" command after them`);
  return { examples, problems };
}

/**
 * Runs `programme ARGV` in a new folder holding `files`, with the language environment `env`; returns
 * what it printed (both outputs, in order).
 */
async function run(files: ExampleFile[], argv: string[], env: LocaleEnvironment): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'programme-docs-'));
  const cwd = process.cwd();
  try {
    writeFileSync(path.join(dir, '.programmerc.json'), '{}\n');
    for (const f of files) writeFileSync(path.join(dir, f.name), f.content);
    const printed: string[] = [];
    const io: Io = { out: (t) => printed.push(t), err: (t) => printed.push(t), env };
    process.chdir(dir);
    await main(argv, io);
    return printed.join('\n');
  } finally {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The level-2 sections of a page: heading text (backticks kept out) → [first line, line after the last]. */
function sectionsOf(text: string): Map<string, [number, number]> {
  const tokens = markdown.parse(text, {});
  const heads: { title: string; line: number }[] = [];
  tokens.forEach((t, i) => {
    if (t.type === 'heading_open' && t.tag === 'h2' && t.map !== null) heads.push({ title: tokens[i + 1].content, line: t.map[0] });
  });
  const lines = text.split('\n').length;
  return new Map(heads.map((h, i) => [h.title, [h.line, heads[i + 1]?.line ?? lines]]));
}

/**
 * Registers, in the current `describe`, the tests of the examples of the page `file` (whose text is
 * `page`): that they are written as the module comment says, and that each prints what the page shows,
 * run with `env`. With UPDATE_DOCS=1, writes the printed outputs into the page instead. Returns the
 * examples.
 */
function exampleTests(file: string, page: string, env: LocaleEnvironment, minimum = 0): Example[] {
  const { examples, problems } = examplesOf(page);
  /** The printed output of each example, by index (filled by the example tests). */
  const printed = new Map<number, string>();

  it('marks every example as files followed by a "$ programme …" command', () => {
    assert.deepEqual(problems, []);
    assert.ok(examples.length >= minimum, `only ${examples.length} examples`);
  });

  examples.forEach((example, index) => {
    it(`example at line ${example.commandLine + 1}: ${example.command}`, async () => {
      const actual = await run(example.files, example.argv, env);
      printed.set(index, actual);
      if (!UPDATE) assert.equal(actual, example.expected);
    });
  });

  after(() => {
    if (!UPDATE || printed.size !== examples.length || examples.length === 0) return;
    // Bottom up, so that the line numbers of the examples above stay right.
    const out = page.split('\n');
    for (let i = examples.length - 1; i >= 0; i--) {
      const e = examples[i];
      const text = printed.get(i) ?? '';
      out.splice(e.commandLine + 1, e.closingLine - e.commandLine - 1, ...(text === '' ? [] : text.split('\n')));
    }
    writeFileSync(file, out.join('\n'));
  });

  return examples;
}

describe('docs/rules.md', () => {
  const page = readFileSync(RULES_PAGE, 'utf8');
  const lines = page.split('\n');
  const sections = sectionsOf(page);
  const codes: { code: string; severity: string }[] = [
    ...RULE_CODES.map((code) => ({ code, severity: RULES[code].severity as string })),
    { code: CONFIG_DIAGNOSTIC_CODE, severity: 'error' },
  ];
  const examples = exampleTests(RULES_PAGE, page, ENGLISH, RULE_CODES.length);

  it('has a section for every code, with its default severity, a row in the table and an example', async () => {
    const missing: string[] = [];
    for (const { code, severity } of codes) {
      const range = sections.get(`\`${code}\``);
      if (range === undefined) {
        missing.push(`no "## \`${code}\`" section`);
        continue;
      }
      const firstLine = lines.slice(range[0] + 1).find((l) => l.trim() !== '') ?? '';
      if (!firstLine.startsWith(`Severity: ${severity}`)) missing.push(`the section of ${code} does not start with "Severity: ${severity}": ${firstLine}`);
      const row = lines.find((l) => l.startsWith(`| [\`${code}\`](#${code}) |`));
      if (row === undefined || row.split('|')[2].trim().split(' ')[0] !== severity) missing.push(`the table has no row "| [\`${code}\`](#${code}) | ${severity} |"`);
      const shown = code === CONFIG_DIAGNOSTIC_CODE ? ': configuration error' : ` ${code} `;
      const inSection = examples.filter((e) => e.commandLine >= range[0] && e.commandLine < range[1]);
      if (!inSection.some((e) => e.expected.includes(shown))) missing.push(`the section of ${code} has no example whose output shows "${shown.trim()}"`);
    }
    const known = new Set(codes.map((c) => `\`${c.code}\``));
    const extra = [...sections.keys()].filter((title) => /^`[^`]+`$/.test(title) && !known.has(title));
    assert.deepEqual([...missing, ...extra.map((t) => `a section for ${t}, which is not a code`)], []);
  });
});

for (const name of readdirSync(NB_DIR).filter((f) => f.endsWith('.md')).sort()) {
  describe(`docs/nb/${name}`, () => {
    const file = path.join(NB_DIR, name);
    exampleTests(file, readFileSync(file, 'utf8'), BOKMAL);
  });
}

/** A workspace of the files on disk under ROOT, for the Markdown language service. */
function diskWorkspace(documents: string[]): IWorkspace {
  const open = (file: string): ITextDocument => TextDocument.create(URI.file(file).toString(), 'markdown', 1, readFileSync(file, 'utf8'));
  const isMarkdownFile = (file: string) => file.endsWith('.md') && statOf(file)?.isDirectory === false;
  const statOf = (file: string) => {
    try {
      return { isDirectory: statSync(file).isDirectory() };
    } catch {
      return undefined;
    }
  };
  return {
    workspaceFolders: [URI.file(ROOT)],
    onDidChangeMarkdownDocument: new Emitter<ITextDocument>().event,
    onDidCreateMarkdownDocument: new Emitter<ITextDocument>().event,
    onDidDeleteMarkdownDocument: new Emitter<URI>().event,
    getAllMarkdownDocuments: async () => documents.map(open),
    hasMarkdownDocument: (uri) => isMarkdownFile(uri.fsPath),
    openMarkdownDocument: async (uri) => (isMarkdownFile(uri.fsPath) ? open(uri.fsPath) : undefined),
    stat: async (uri) => statOf(uri.fsPath),
    readDirectory: async (uri) => readdirSync(uri.fsPath, { withFileTypes: true }).map((d) => [d.name, { isDirectory: d.isDirectory() }] as const),
  };
}

describe('links in docs/*.md, docs/nb/*.md and README.md', () => {
  const documents = [
    path.join(ROOT, 'README.md'),
    ...['docs', path.join('docs', 'nb')].flatMap((dir) =>
      readdirSync(path.join(ROOT, dir))
        .filter((f) => f.endsWith('.md'))
        .map((f) => path.join(ROOT, dir, f)),
    ),
  ];
  const service = createLanguageService({
    workspace: diskWorkspace(documents),
    parser: { slugifier: githubSlugifier, tokenize: async (doc) => markdown.parse(doc.getText(), {}) },
    logger: { level: LogLevel.Off, log: () => {} },
  });
  const level = DiagnosticLevel.error;
  const options = {
    validateReferences: level,
    validateFragmentLinks: level,
    validateFileLinks: level,
    validateMarkdownFileLinkFragments: level,
    validateUnusedLinkDefinitions: level,
    validateDuplicateLinkDefinitions: level,
    ignoreLinks: [],
  };

  for (const file of documents) {
    it(`${path.relative(ROOT, file)}: every relative link leads to an existing file and heading`, async () => {
      const doc = TextDocument.create(URI.file(file).toString(), 'markdown', 1, readFileSync(file, 'utf8'));
      const found = await service.computeDiagnostics(doc, options, new CancellationTokenSource().token);
      assert.deepEqual(
        found.map((d) => `${path.relative(ROOT, file)}:${d.range.start.line + 1}: ${d.message}`),
        [],
      );
    });
  }

  it('the link check finds a broken link and a broken heading link', async () => {
    // A document that is not on disk, in docs/ (so that its links are relative to docs/).
    const file = path.join(ROOT, 'docs', 'not-on-disk.md');
    const text = '# Test\n\n[a](no-such-file.md) [b](rules.md#no-such-heading) [c](format.md) [d](rules.md#syntax) [e](#test) [f](#no-such)\n';
    const doc = TextDocument.create(URI.file(file).toString(), 'markdown', 1, text);
    const found = await service.computeDiagnostics(doc, options, new CancellationTokenSource().token);
    assert.deepEqual(
      found.map((d) => doc.getText(d.range)),
      ['no-such-file.md', '#no-such-heading', '#no-such'],
    );
  });
});
