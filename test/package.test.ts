/**
 * Packaging: `npm run package` builds the bundles and makes `programme.vsix` with @vscode/vsce; the
 * `.vsix` must hold exactly the files VS Code needs (no node_modules, tests, sources or source maps)
 * and the guides its users read, and the manifest must agree with the code (settings per rule code,
 * commands, contributed files).
 *
 * The package's readme.md (what VS Code shows on the extension's page) is the user README,
 * README.vscode.md, not the developer README.md; every relative link in it, and in the guides it links
 * to, must lead to a file (and heading) inside the package, and it must name every setting, command and
 * rule code of the manifest.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { githubSlugifier } from 'vscode-markdown-languageservice';
import { DEFAULT_SIMILARITY_THRESHOLD } from '../server/src/model/config';
import { RULE_CODES, RULES } from '../server/src/rules/codes';
import { analyse } from '../server/src/rules/index';

/** The README of the extension's users, which `npm run package` puts into the package as readme.md. */
const USER_README = 'README.vscode.md';

/** The part of a markdown-it token read here (markdown-it ships without types). */
interface MdToken {
  type: string;
  tag: string;
  info: string;
  content: string;
  attrGet(name: string): string | null;
  children: MdToken[] | null;
}
/** markdown-it (CommonMark), the parser vsce renders the README with. */
const markdown = new (createRequire(import.meta.url)('markdown-it') as new (preset: string) => { parse(src: string, env: object): MdToken[] })('commonmark');

/** The destinations of the links in Markdown `text`, in order. */
function linksOf(text: string): string[] {
  return markdown
    .parse(text, {})
    .flatMap((t) => t.children ?? [])
    .filter((t) => t.type === 'link_open')
    .map((t) => t.attrGet('href')!);
}

/** The GitHub-style anchors (`#the-file`) of the headings of Markdown `text`. */
function anchorsOf(text: string): Set<string> {
  const tokens = markdown.parse(text, {});
  const anchors = new Set<string>();
  tokens.forEach((t, i) => {
    if (t.type === 'heading_open') anchors.add(githubSlugifier.fromHeading(tokens[i + 1]!.content).value);
  });
  return anchors;
}

/** The part of yauzl's API used here (yauzl ships no types). */
interface ZipFile {
  readEntry(): void;
  on(event: 'entry', listener: (entry: { fileName: string }) => void): void;
  on(event: 'end', listener: () => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  openReadStream(entry: { fileName: string }, callback: (error: Error | null, stream: NodeJS.ReadableStream) => void): void;
}
const yauzl = createRequire(import.meta.url)('yauzl') as {
  open(file: string, options: { lazyEntries: boolean }, callback: (error: Error | null, zip: ZipFile) => void): void;
};

/** Every entry of the zip `file` with its content as text. */
function readZip(file: string): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const entries = new Map<string, string>();
      zip.on('error', reject);
      zip.on('end', () => resolve(entries));
      zip.on('entry', (entry) => {
        zip.openReadStream(entry, (err, stream) => {
          if (err) return reject(err);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

interface Manifest {
  main: string;
  scripts: Record<string, string>;
  workspaces: string[];
  bin: Record<string, string>;
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: boolean; description?: string }; virtualWorkspaces: { supported: boolean | 'limited'; description?: string } };
  contributes: {
    languages: { id: string; extensions: string[]; configuration: string }[];
    grammars: { language: string; scopeName: string; path: string; embeddedLanguages: Record<string, string> }[];
    configuration: { properties: Record<string, { properties?: Record<string, { enum: string[] }>; enum?: string[]; minimum?: number; maximum?: number; default?: unknown }> };
    jsonValidation: { fileMatch: string; url: string }[];
    configurationDefaults: Record<string, unknown>;
    commands: { command: string; title: string; category: string; icon?: string }[];
    menus: Record<string, { command: string; when?: string; group?: string }[]>;
    keybindings: { command: string; key: string; mac?: string; when?: string }[];
  };
}

/** The English texts of the manifest (`%key%` in package.json); package.nls.{nb,nn,de}.json translate them. */
const NLS = JSON.parse(readFileSync('package.nls.json', 'utf8')) as Record<string, string>;

/** `value` with every `%key%` string replaced by its text in `nls`, as VS Code does when it loads the manifest. */
function resolveNls<T>(value: T, nls: Record<string, string>, missing: string[] = []): T {
  if (typeof value === 'string') {
    const m = /^%(.+)%$/.exec(value);
    if (m === null) return value;
    if (!(m[1] in nls)) missing.push(m[1]);
    return (nls[m[1]] ?? value) as T;
  }
  if (Array.isArray(value)) return value.map((v) => resolveNls(v, nls, missing)) as T;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveNls(v, nls, missing)])) as T;
  return value;
}

describe('the VS Code extension package', function () {
  let entries: Map<string, string>;
  const raw = JSON.parse(readFileSync('package.json', 'utf8')) as Manifest;
  const manifest = resolveNls(raw, NLS);

  before(async function () {
    this.timeout(120_000);
    execFileSync('npm', ['run', 'package'], { stdio: 'pipe' });
    entries = await readZip('programme.vsix');
  });

  it('holds exactly the bundles, grammar, language configuration, schemas, manifest, README, guides and LICENSE', function () {
    assert.deepEqual([...entries.keys()].sort(), [
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension/LICENSE.txt',
      'extension/amendments-language-configuration.json',
      'extension/client/dist/extension.js',
      'extension/docs/amendments.md',
      'extension/docs/configuration.md',
      'extension/docs/export.md',
      'extension/docs/format.md',
      'extension/docs/glossary.md',
      'extension/docs/import.md',
      'extension/docs/nb/README.md',
      'extension/docs/nb/formatet.md',
      'extension/docs/nb/kom-i-gang.md',
      'extension/docs/nb/sjekkene.md',
      'extension/docs/rules.md',
      'extension/language-configuration.json',
      'extension/media/preview.js',
      'extension/package.json',
      'extension/package.nls.de.json',
      'extension/package.nls.json',
      'extension/package.nls.nb.json',
      'extension/package.nls.nn.json',
      'extension/readme.md',
      'extension/schemas/programme-export.schema.json',
      'extension/schemas/programme.schema.json',
      'extension/schemas/programmerc.schema.json',
      'extension/server/dist/esm.cjs',
      'extension/server/dist/node_modules/pdfjs-dist/LICENSE',
      'extension/server/dist/node_modules/pdfjs-dist/legacy/build/pdf.mjs',
      'extension/server/dist/node_modules/pdfjs-dist/legacy/build/pdf.worker.mjs',
      'extension/server/dist/node_modules/pdfjs-dist/package.json',
      'extension/server/dist/server.cjs',
      'extension/server/dist/vendor.cjs',
      'extension/server/dist/worker.cjs',
      'extension/syntaxes/amendments.tmLanguage.json',
      'extension/syntaxes/programme.tmLanguage.json',
    ]);
  });

  it(`has the user README (${USER_README}) as its readme.md, and no other README`, function () {
    // vsce copies the file unchanged (--no-rewrite-relative-links) and names it readme.md at the package's root.
    assert.equal(entries.get('extension/readme.md'), readFileSync(USER_README, 'utf8'));
    assert.notEqual(entries.get('extension/readme.md'), readFileSync('README.md', 'utf8'));
    // One readme only: VS Code picks the first file named readme.* it finds, whatever its case.
    assert.deepEqual([...entries.keys()].filter((f) => /^extension\/readme\b/i.test(f)), ['extension/readme.md']);
    assert.match(entries.get('extension.vsixmanifest')!, /<Asset Type="Microsoft\.VisualStudio\.Services\.Content\.Details" Path="extension\/readme\.md"/);
  });

  it('has every file and heading that the README and the guides link to', function () {
    const markdownFiles = [...entries.keys()].filter((f) => f.endsWith('.md'));
    const readmeLinks = linksOf(entries.get('extension/readme.md')!);
    // The README links to the three guides (the test below would pass on a README without links).
    for (const guide of ['docs/format.md', 'docs/rules.md', 'docs/configuration.md']) assert.ok(readmeLinks.includes(guide), `the README links to ${guide}`);
    const broken: string[] = [];
    for (const file of markdownFiles) {
      for (const link of linksOf(entries.get(file)!)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(link)) continue; // http:, https:, mailto: lead outside the package
        const [target, fragment] = link.split('#') as [string, string | undefined];
        const resolved = target === '' ? file : path.posix.join(path.posix.dirname(file), decodeURIComponent(target));
        if (!entries.has(resolved)) broken.push(`${file}: ${link} (no ${resolved} in the package)`);
        else if (fragment !== undefined && resolved.endsWith('.md') && !anchorsOf(entries.get(resolved)!).has(decodeURIComponent(fragment))) {
          broken.push(`${file}: ${link} (${resolved} has no heading #${fragment})`);
        }
      }
    }
    assert.deepEqual(broken, []);
  });

  it('names every setting, command and rule code of the manifest in the README', function () {
    const readme = entries.get('extension/readme.md')!;
    for (const setting of Object.keys(manifest.contributes.configuration.properties)) assert.ok(readme.includes(`\`${setting}\``), `the README names ${setting}`);
    for (const cmd of manifest.contributes.commands) assert.ok(readme.includes(`**${cmd.category}: ${cmd.title}**`), `the README names ${cmd.category}: ${cmd.title}`);
    for (const code of RULE_CODES) {
      assert.match(readme, new RegExp(`^\\| \`${code}\` \\| ${RULES[code].severity} \\|`, 'm'), `the README's table gives ${code} its default, ${RULES[code].severity}`);
    }
  });

  it('has an example programme in the README that the checker finds nothing in', function () {
    const examples = markdown.parse(entries.get('extension/readme.md')!, {}).filter((t) => t.type === 'fence' && t.info === 'programme');
    assert.equal(examples.length, 1);
    assert.deepEqual(analyse(examples[0]!.content).diagnostics.map((d) => `${d.code}: ${d.message}`), []);
  });

  it('bundles the client with vscode-languageclient, leaving vscode to VS Code', function () {
    // (Bundles are large: test them with `ok`, so that a failure does not print them.)
    const client = entries.get('extension/client/dist/extension.js')!;
    assert.ok(client.includes('require("vscode")'), 'the client requires vscode at run time');
    assert.ok(!/require\("vscode-languageclient[^"]*"\)/.test(client), 'the client bundles vscode-languageclient');
  });

  it('has a server that starts from the package alone (no node_modules), answers initialize, and imports a PDF with the pdf.js it carries and a Word document', async function () {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'programme-vsix-'));
    // The package's server folder as it is installed: the bundle and what lies beside it (pdf.js).
    for (const [name, bytes] of entries) {
      if (!name.startsWith('extension/server/dist/')) continue;
      const target = path.join(dir, name.slice('extension/server/dist/'.length));
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, bytes);
    }
    const server = path.join(dir, 'server.cjs');
    const proc = spawn(process.execPath, [server, '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    connection.listen();
    try {
      const result = (await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} })) as { serverInfo?: { name: string } };
      assert.equal(result.serverInfo?.name, 'programme-language-server');
      const pdf = fileURLToPath(new URL('./fixtures/import/pdf/simple.pdf', import.meta.url));
      const imported = (await connection.sendRequest('programme/import', { uri: pathToFileURL(pdf).href })) as { text?: string; problem?: unknown };
      assert.equal(imported.problem, undefined, JSON.stringify(imported.problem));
      assert.match(imported.text ?? '', /\n# 1\. Arbeid og næring\n/);
      // A Word document: the import's libraries are a bundle of their own beside the server (vendor.cjs).
      const docx = fileURLToPath(new URL('./fixtures/import/docx/bullets.docx', import.meta.url));
      const word = (await connection.sendRequest('programme/import', { uri: pathToFileURL(docx).href })) as { text?: string; problem?: unknown };
      assert.equal(word.problem, undefined, JSON.stringify(word.problem));
      assert.match(word.text ?? '', /^# 1\. /m);
      // A large document is analysed in the server's worker threads (worker.cjs beside the server).
      const pillars: string[] = [];
      for (let p = 1; p <= 40; p++) {
        pillars.push(`# ${p}. Kapittel ${p}\n`);
        for (let m = 1; m <= 100; m++) pillars.push(`${m}. Tiltak ${m} i kapittel ${p} om skole, helse og arbeid for alle i kommunen.\n`);
        pillars.push(p === 40 ? '1. Eit nummer for mykje.\n' : '');
      }
      const large = pillars.join('\n');
      assert.ok(large.length > 256 * 1024, `${large.length} characters`);
      const uri = 'file:///stort.programme';
      const published = new Promise<{ uri: string; diagnostics: { code?: unknown }[] }>((resolve) =>
        connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: { code?: unknown }[] }) => p.uri === uri && resolve(p)),
      );
      void connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'programme', version: 1, text: large } });
      assert.deepEqual((await published).diagnostics.filter((d) => d.code === 'measure-numbering').length, 1);
    } finally {
      connection.dispose();
      proc.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('contributes every file it names, and they are in the package', function () {
    const named = [
      manifest.main,
      ...manifest.contributes.languages.map((l) => l.configuration),
      ...manifest.contributes.grammars.map((g) => g.path),
      ...manifest.contributes.jsonValidation.map((j) => j.url),
    ].map((f) => `extension/${f.replace(/^\.\//, '')}`);
    for (const file of named) assert.ok(entries.has(file), `${file} is in the package`);
  });

  it('declares the language, grammar, commands, workspace trust and scripts', function () {
    const c = manifest.contributes;
    assert.deepEqual(c.languages.map((l) => [l.id, l.extensions, l.configuration]), [
      ['programme', ['.programme'], './language-configuration.json'],
      ['programme-amendments', ['.amendments'], './amendments-language-configuration.json'],
    ]);
    assert.deepEqual(c.grammars, [
      { language: 'programme', scopeName: 'text.programme', path: './syntaxes/programme.tmLanguage.json', embeddedLanguages: { 'meta.embedded.block.yaml': 'yaml' } },
      {
        language: 'programme-amendments',
        scopeName: 'text.programme-amendments',
        path: './syntaxes/amendments.tmLanguage.json',
        embeddedLanguages: { 'meta.embedded.block.yaml': 'yaml' },
      },
    ]);
    assert.deepEqual(c.jsonValidation, [{ fileMatch: '.programmerc.json', url: './schemas/programmerc.schema.json' }]);
    assert.deepEqual(c.configurationDefaults, { '[programme]': { 'editor.formatOnType': true, 'editor.wordWrap': 'on' } });
    assert.deepEqual(
      c.commands.map((cmd) => `${cmd.category}: ${cmd.title} (${cmd.command})`),
      [
        'Programme: Renumber Document (programme.renumberDocument)',
        'Programme: Import Document… (programme.importDocument)',
        'Programme: Restart Language Server (programme.restartServer)',
        'Programme: Open Preview to the Side (programme.showPreviewToSide)',
        'Programme: Export… (programme.export)',
      ],
    );
    // The preview as Markdown's: a button in the editor's title bar and Ctrl+K V, for programmes only.
    assert.equal(c.commands.find((cmd) => cmd.command === 'programme.showPreviewToSide')?.icon, '$(open-preview)');
    assert.deepEqual(c.menus['editor/title'], [{ command: 'programme.showPreviewToSide', when: 'editorLangId == programme && !notebookEditorFocused', group: 'navigation' }]);
    assert.deepEqual(c.keybindings, [{ command: 'programme.showPreviewToSide', key: 'ctrl+k v', mac: 'cmd+k v', when: 'editorLangId == programme && !notebookEditorFocused' }]);
    assert.deepEqual(
      c.menus.commandPalette.map((m) => `${m.command} when ${m.when}`),
      ['programme.renumberDocument', 'programme.showPreviewToSide', 'programme.export'].map((cmd) => `${cmd} when editorLangId == programme`),
    );
    assert.deepEqual(manifest.capabilities.untrustedWorkspaces, {
      supported: true,
      description: 'The extension runs no code from the workspace: it only reads *.programme files, .programmerc.json and the documents you import, and writes only the files you export, so it works fully in Restricted Mode.',
    });
    assert.deepEqual(manifest.capabilities.virtualWorkspaces, {
      supported: 'limited',
      description: 'Checking and the editor features need files on disk; syntax highlighting works everywhere.',
    });
    assert.deepEqual(manifest.activationEvents, ['onLanguage:programme', 'onLanguage:programme-amendments', 'workspaceContains:**/*.programme']);
    assert.equal(
      manifest.scripts.package,
      `vsce package --no-dependencies --readme-path ${USER_README} --no-rewrite-relative-links --allow-missing-repository --out programme.vsix`,
    );
    assert.equal(manifest.scripts['vscode:prepublish'], 'npm run build');
    for (const kept of ['test', 'test:grammar', 'bench', 'build']) assert.ok(manifest.scripts[kept], `script ${kept} is kept`);
    assert.deepEqual(manifest.workspaces, ['server', 'client']);
  });

  it('has the texts of every %key% of the manifest in package.nls.json and in each translation of it', function () {
    for (const language of ['', '.nb', '.nn', '.de']) {
      const missing: string[] = [];
      resolveNls(raw, JSON.parse(readFileSync(`package.nls${language}.json`, 'utf8')) as Record<string, string>, missing);
      assert.deepEqual(missing, [], `package.nls${language}.json`);
    }
    const nb = resolveNls(raw, JSON.parse(readFileSync('package.nls.nb.json', 'utf8')) as Record<string, string>);
    assert.deepEqual(
      nb.contributes.commands.map((cmd) => `${cmd.category}: ${cmd.title}`),
      [
        'Programme: Nummerer dokumentet på nytt',
        'Programme: Importer dokument …',
        'Programme: Start språktjeneren på nytt',
        'Programme: Åpne forhåndsvisning ved siden av',
        'Programme: Eksporter …',
      ],
    );
    for (const [language, title] of [
      ['nn', 'Importer dokument …'],
      ['de', 'Dokument importieren …'],
    ]) {
      const translated = resolveNls(raw, JSON.parse(readFileSync(`package.nls.${language}.json`, 'utf8')) as Record<string, string>);
      assert.equal(translated.contributes.commands.find((cmd) => cmd.command === 'programme.importDocument')?.title, title, language);
    }
  });

  it('has a programme.rules setting for every rule code, and the other settings', function () {
    const props = manifest.contributes.configuration.properties;
    assert.deepEqual(Object.keys(props), ['programme.rules', 'programme.measureNumbering', 'programme.similarity.threshold', 'programme.amendments.lineNumbers', 'programme.language', 'programme.trace.server']);
    assert.deepEqual([props['programme.amendments.lineNumbers'].enum, props['programme.amendments.lineNumbers'].default], [['auto', 'on', 'off'], 'auto']);
    assert.deepEqual([props['programme.language'].enum, props['programme.language'].default], [['auto', 'nb', 'nn', 'de', 'en'], 'auto']);
    const rules = props['programme.rules'].properties!;
    assert.deepEqual(Object.keys(rules), RULE_CODES);
    for (const code of RULE_CODES) assert.deepEqual(rules[code].enum, ['error', 'warning', 'information', 'hint', 'off'], code);
    assert.match(JSON.stringify(rules['measure-numbering']), new RegExp(`Default: \`${RULES['measure-numbering'].severity}\``));
    assert.deepEqual(props['programme.measureNumbering'].enum, ['per-pillar', 'per-section', 'continuous']);
    assert.deepEqual([props['programme.similarity.threshold'].minimum, props['programme.similarity.threshold'].maximum, props['programme.similarity.threshold'].default], [0, 1, DEFAULT_SIMILARITY_THRESHOLD]);
    assert.deepEqual(props['programme.trace.server'].enum, ['off', 'messages', 'verbose']);
  });
});
