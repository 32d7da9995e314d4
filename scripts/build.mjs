// Bundles the CLI, the language server and the VS Code client with esbuild.
import { build } from 'esbuild';
import { makeWordList } from './dictionaries.mjs';
import { writeValidators } from './validators.mjs';
import { writeLookaheadTable } from './lookahead.mjs';
import { asciiPlugin } from './ascii.mjs';
import { wordFormsPlugin } from './esbuild-word-forms.mjs';
import { chevrotainLexerPlugin } from './esbuild-chevrotain.mjs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { makeCodeCaches } from './codecache.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'server', 'dist');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
  // jsonc-parser's "main" is a UMD build whose inner require() calls esbuild cannot follow; its ES module build bundles.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
  // `import.meta.url` is empty in CommonJS: it becomes the bundle's own URL (node/dictionaries.ts
  // finds the dictionary packages from there).
  define: { 'import.meta.url': 'importMetaUrl' },
  inject: ['scripts/import-meta-url.mjs'],
  // pdfjs-dist's ES modules (top-level code for Node, its worker) do not bundle into CommonJS: the PDF
  // reader loads them with import() at run time, from node_modules (server/src/import/pdf.ts).
  external: ['pdfjs-dist'],
  // Only the stemmers and stop-word lists that similar-measures uses (scripts/esbuild-word-forms.mjs);
  // Chevrotain's lexer without its start-up table (scripts/esbuild-chevrotain.mjs).
  plugins: [wordFormsPlugin(), chevrotainLexerPlugin],
};

/**
 * The packages only the import and the export use (Word, Markdown, spelling). They are bundled into
 * `server/dist/vendor.cjs`, which the CLI and the server load on first use, so that `programme check`
 * and the server's start neither read nor compile them (about 1.2 MB). A package added here must not
 * be used by the checker; the build fails when one of them ends up in the CLI's or the server's bundle.
 */
const VENDOR = ['mammoth', 'jszip', '@xmldom/xmldom', 'markdown-it', 'nspell', 'docx'];
const vendorFilter = new RegExp(`^(${VENDOR.map((name) => name.replace(/[/.]/g, '\\$&')).join('|')})$`);

/** In the CLI and the server: `import … from 'mammoth'` becomes a getter of vendor.cjs, required when first used. */
const vendorPlugin = {
  name: 'vendor',
  setup(b) {
    b.onResolve({ filter: vendorFilter }, (args) => ({ path: args.path, namespace: 'vendor' }));
    b.onResolve({ filter: /^\.\/vendor\.cjs$/ }, () => ({ path: './vendor.cjs', external: true }));
    b.onLoad({ filter: /.*/, namespace: 'vendor' }, (args) => ({
      contents: `module.exports = require('./vendor.cjs')[${JSON.stringify(args.path)}];`,
      loader: 'js',
      resolveDir: dist,
    }));
  },
};

/** vendor.cjs's entry: one getter per package, each requiring (and so initialising) its package on first use. */
const vendorEntry = `module.exports = {\n${VENDOR.map((name) => `  get ${JSON.stringify(name)}() { return require(${JSON.stringify(name)}); },`).join('\n')}\n};\n`;

/**
 * In the CLI and the server: server/src/node/esm.ts (`import()` of ES modules) stays a file of its own,
 * `server/dist/esm.cjs`: an `import()` in code compiled with the code cache has no loader (see there).
 */
const esmPlugin = {
  name: 'esm',
  setup(b) {
    b.onResolve({ filter: /\/node\/esm$/ }, () => ({ path: './esm.cjs', external: true }));
  },
};

/**
 * Node's own modules that bundled packages require when they load but that a check or the server's
 * start never uses: `child_process` (commander, for sub-commands that are programs;
 * vscode-languageserver, to find global node_modules), `crypto` (vscode-jsonrpc, to name a pipe) and
 * `fs/promises` (@vscode/l10n, to read message bundles from files; ours are built in). In the CLI and the server they are required on first use (a
 * proxy that loads the module when it is first read), which spares loading them and what they load
 * (readline, dgram, …) at every start.
 */
const LAZY_BUILTINS = ['child_process', 'crypto', 'fs/promises'];

/**
 * The source of a module (after the lines `declarations`) whose export is a proxy of the value of the
 * expression `make`, evaluated when the export is first read: `module.exports` of a CommonJS module, or
 * with `exportAs` `'export default'`, an ES module's default export (which esbuild's `import x from`
 * binds as it is, where it would copy every property of a CommonJS module's exports at once).
 */
function lazyModule(declarations, make, exportAs = 'module.exports =') {
  return [
    ...declarations,
    'let loaded;',
    `const real = () => (loaded ??= ${make});`,
    `${exportAs} new Proxy({}, {`,
    '  get: (_, key) => real()[key],',
    '  has: (_, key) => key in real(),',
    '  ownKeys: () => Reflect.ownKeys(real()),',
    '  getOwnPropertyDescriptor: (_, key) => {',
    '    const found = Reflect.getOwnPropertyDescriptor(real(), key);',
    '    return found === undefined ? undefined : { ...found, configurable: true };',
    '  },',
    '});',
  ].join('\n');
}

const lazyBuiltinsPlugin = {
  name: 'lazy-builtins',
  setup(b) {
    const filter = new RegExp(`^(node:)?(${LAZY_BUILTINS.map((name) => name.replace('/', '\\/')).join('|')})$`);
    // The proxy's own require of the module (from the namespace below) resolves as usual: a Node module, external.
    b.onResolve({ filter }, (args) => (args.namespace === 'lazy-builtin' ? undefined : { path: args.path.replace(/^node:/, ''), namespace: 'lazy-builtin' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      contents: lazyModule([], `require(${JSON.stringify(`node:${args.path}`)})`),
      loader: 'js',
      resolveDir: root,
    }));
  },
};

/**
 * The translations of the messages (server/src/l10n/bundles/bundle.l10n.{nb,nn,de}.json, about 140 KB
 * each): in the CLI and the server, each is its JSON text, parsed when a message of its language is
 * first looked up (a proxy, as for the built-ins above), instead of three objects of about 600
 * properties made when the bundle loads, two of them for languages the run does not speak.
 */
const lazyTranslationsPlugin = {
  name: 'lazy-translations',
  setup(b) {
    b.onLoad({ filter: /[\\/]l10n[\\/]bundles[\\/]bundle\.l10n\.[a-z]+\.json$/ }, async (args) => ({
      // The text inside the function that parses it: V8 compiles that function (and the code cache holds
      // the text) only for a language that is used.
      contents: lazyModule([], `JSON.parse(${JSON.stringify(await readFile(args.path, 'utf8'))})`, 'export default'),
      loader: 'js',
    }));
  },
};

/**
 * Packages that the CLI and the server load at their start but call only now and then, each with the
 * names our sources import from it: in the CLI and the server, each name is a function that requires
 * the package at its first call (esbuild fails the build when a source imports a name not listed); a
 * name's list holds the properties of the package's function that our sources read (`visit.BREAK`),
 * read from it when first asked for. jsonc-parser reads a `.programmerc.json` (model/config.ts), which a
 * check of a folder without one never does; its set-up builds some 1,200 strings of indentation for its
 * formatter, which we do not use (about 0.4 ms of every start). yaml reads front matter that is not
 * only simple `key: value` lines (rules/frontMatter.ts `simpleFrontMatter` reads those without it),
 * and the editor's features read it in places (model/locate.ts); its set-up is about 0.5 ms.
 */
const LAZY_PACKAGES = {
  'jsonc-parser': { getLocation: [], parseTree: [], printParseErrorCode: [] },
  yaml: { isAlias: [], isCollection: [], isMap: [], isScalar: [], isSeq: [], parse: [], parseDocument: [], visit: ['BREAK', 'REMOVE', 'SKIP'] },
};

const lazyPackagesPlugin = {
  name: 'lazy-packages',
  setup(b) {
    // Package names as imported, or as `common.alias` makes them (esbuild applies the alias first).
    const names = new Map(Object.keys(LAZY_PACKAGES).flatMap((name) => [[name, name], [common.alias[name] ?? name, name]]));
    const filter = new RegExp(`^(${[...names.keys()].map((name) => name.replace(/[/.]/g, '\\$&')).join('|')})$`);
    // The function module's own require of the package (from the namespace below) resolves as usual.
    b.onResolve({ filter }, (args) => (args.namespace === 'lazy-package' ? undefined : { path: names.get(args.path), namespace: 'lazy-package' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-package' }, (args) => ({
      contents: [
        `// scripts/build.mjs (lazyPackagesPlugin): ${args.path} required at the first call.`,
        'let loaded;',
        `const real = () => (loaded ??= require(${JSON.stringify(args.path)}));`,
        ...Object.entries(LAZY_PACKAGES[args.path]).flatMap(([name, properties]) => [
          `export function ${name}(...args) { return real().${name}(...args); }`,
          ...properties.map((key) => `Object.defineProperty(${name}, ${JSON.stringify(key)}, { get: () => real().${name}[${JSON.stringify(key)}], enumerable: true });`),
        ]),
      ].join('\n'),
      loader: 'js',
      resolveDir: root,
    }));
  },
};

/**
 * In the CLI and the server: server/src/syntax/cstLoad.ts gives cst.ts by a `require` at its first call
 * instead of a static import, so that cst.ts (the syntax's reading with Chevrotain), parser.ts,
 * lookahead.ts and Chevrotain's modules are set up only when a stretch is not plain lines: a check of a
 * programme of plain lines never does it (Chevrotain's modules' set-up alone is about 1.5 ms of every
 * start, and their code is then not in the code cache either).
 */
const lazyCstPlugin = {
  name: 'lazy-cst',
  setup(b) {
    b.onLoad({ filter: /[\\/]server[\\/]src[\\/]syntax[\\/]cstLoad\.ts$/ }, (args) => ({
      contents: [
        '// scripts/build.mjs (lazyCstPlugin): cst.ts loaded at the first call.',
        'let loaded;',
        "export function cstReading() { return (loaded ??= require('./cst')); }",
      ].join('\n'),
      loader: 'js',
      resolveDir: path.dirname(args.path),
    }));
  },
};

/**
 * Fails when a bundle's metafile shows a file of a VENDOR package in it, or an `import()` that esbuild
 * left to run time (it would fail in a bundle loaded with its code cache: use node/esm.ts).
 */
function checkBundle(result, bundle) {
  for (const [input, { imports }] of Object.entries(result.metafile.inputs)) {
    const leaked = VENDOR.find((name) => input.includes(`node_modules/${name}/`));
    if (leaked !== undefined) throw new Error(`${bundle} bundles ${input}: ${leaked} belongs in vendor.cjs (scripts/build.mjs, VENDOR)`);
    const dynamic = imports.find((i) => i.kind === 'dynamic-import' && i.external);
    if (dynamic !== undefined) throw new Error(`${input} loads ${dynamic.path} with import(): in ${bundle} it must go through server/src/node/esm.ts`);
  }
}

// What an earlier build left must not outlive it: a code cache is made from the bundle it goes with
// (scripts/codecache.mjs), and the ES module chunks of before must not go into the VS Code package.
mkdirSync(dist, { recursive: true });
for (const name of readdirSync(dist)) {
  if (/\.(mjs|cjs)(\.map|\.cache)?$/.test(name)) rmSync(path.join(dist, name));
}

// pdf.js is loaded at run time (see above); a copy of the files the PDF reader loads goes beside the
// server's bundle, where Node finds it from there, so that the VS Code package (which has no
// node_modules) can read PDFs too. Apache-2.0, its licence file with it.
const pdfjs = path.join(root, 'node_modules', 'pdfjs-dist');
const pdfjsCopy = path.join(root, 'server', 'dist', 'node_modules', 'pdfjs-dist');
for (const file of ['package.json', 'LICENSE', 'legacy/build/pdf.mjs', 'legacy/build/pdf.worker.mjs']) {
  mkdirSync(path.dirname(path.join(pdfjsCopy, file)), { recursive: true });
  copyFileSync(path.join(pdfjs, file), path.join(pdfjsCopy, file));
}

// The JSON Schema validators, compiled into code before bundling (scripts/validators.mjs), and the
// parser's lookahead table (scripts/lookahead.mjs).
writeValidators();
await writeLookaheadTable(root);

/** The plugins of the three bundles that run our code: the CLI, the server and its workers. */
const bundlePlugins = [...common.plugins, vendorPlugin, esmPlugin, lazyBuiltinsPlugin, lazyTranslationsPlugin, lazyCstPlugin, lazyPackagesPlugin, asciiPlugin];

await Promise.all([
  // The import's spelling dictionaries, expanded once into word lists (scripts/dictionaries.mjs).
  Promise.resolve().then(() => ['nb', 'nn', 'de'].forEach((lang) => makeWordList(lang))),
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'server/dist/cli.cjs', plugins: bundlePlugins, metafile: true }).then((r) => checkBundle(r, 'cli.cjs')),
  build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'server/dist/server.cjs', plugins: bundlePlugins, metafile: true }).then((r) => checkBundle(r, 'server.cjs')),
  // The server's worker threads, which analyse open documents and answer from them (server/src/lsp/hosts.ts).
  build({ ...common, entryPoints: ['server/src/lsp/worker.ts'], outfile: 'server/dist/worker.cjs', plugins: bundlePlugins, metafile: true }).then((r) => checkBundle(r, 'worker.cjs')),
  build({ ...common, entryPoints: ['server/src/node/esm.ts'], outfile: 'server/dist/esm.cjs', sourcemap: false }),
  build({ ...common, stdin: { contents: vendorEntry, resolveDir: root, sourcefile: 'vendor.cjs' }, outfile: 'server/dist/vendor.cjs' }),
  // The bins load the CLI and the server with their code cache (server/src/node/codeCache.ts).
  build({ ...common, entryPoints: ['server/src/node/codeCache.ts'], outfile: 'server/dist/load.cjs', sourcemap: false }),
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/dist/extension.js', external: [...common.external, 'vscode'] }),
]);

// V8 code caches of the CLI and the server, made after a typical run of each (scripts/codecache.mjs).
await makeCodeCaches(root);
