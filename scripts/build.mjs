// Bundles the CLI, the language server and the VS Code client with esbuild.
import { build } from 'esbuild';
import { makeWordList } from './dictionaries.mjs';
import { writeValidators } from './validators.mjs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'server', 'dist');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
  // jsonc-parser's "main" is a UMD build whose inner require() calls esbuild cannot follow; its ES module build bundles.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
  // pdfjs-dist's ES modules (top-level code for Node, its worker) are not bundled: the PDF reader
  // loads them with import() at run time, from node_modules (server/src/import/pdf.ts).
  external: ['pdfjs-dist'],
};

/**
 * The CLI and the server are ES modules split into chunks (esbuild's code splitting): the entry holds
 * what every run needs, and what a run may not need (the import's and the export's libraries) is a
 * chunk loaded by `import()` when it is asked for, so that `programme check` and the server's start
 * do not read and compile it. Modules shared by the entry and a chunk (the language state of
 * `@vscode/l10n` among them) are in one chunk of their own, so there is one instance of each.
 * The CLI and the server are separate builds with their own chunks (`cli-…`, `server-…`): they never
 * run in one process, and the VS Code package carries only the server's.
 *
 * Bundled CommonJS packages call `require` for Node's own modules; an ES module has none, so each
 * output file begins by making one (`createRequire`). `import.meta.url` is each file's own URL
 * (node/dictionaries.ts finds the dictionaries from there): every file lies in server/dist.
 */
const esm = {
  ...common,
  format: 'esm',
  splitting: true,
  outdir: dist,
  outExtension: { '.js': '.mjs' },
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
};

/**
 * `server/dist/server.cjs`, the file the VS Code extension runs (and other editors, and the
 * `programme-language-server` bin): loads the server's ES module.
 */
const SERVER_LAUNCHER = `// The language server (made by scripts/build.mjs): loads the bundle, an ES module.
import('./server.mjs').catch((error) => {
  process.stderr.write(\`programme-language-server: cannot start: \${error instanceof Error ? error.stack : String(error)}\\n\`);
  process.exit(1);
});
`;

// What an earlier build left (chunks have new names when their content changes; the CommonJS bundles
// of before) must not go into the VS Code package.
mkdirSync(dist, { recursive: true });
for (const name of readdirSync(dist)) {
  if (/\.(mjs|cjs)(\.map)?$/.test(name)) rmSync(path.join(dist, name));
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

// The JSON Schema validators, compiled into code before bundling (scripts/validators.mjs).
writeValidators();

await Promise.all([
  // The import's spelling dictionaries, expanded once into word lists (scripts/dictionaries.mjs).
  Promise.resolve().then(() => ['nb', 'nn', 'de'].forEach((lang) => makeWordList(lang))),
  build({ ...esm, entryPoints: { cli: 'server/src/cli/main.ts' }, chunkNames: 'cli-[name]-[hash]' }),
  build({ ...esm, entryPoints: { server: 'server/src/lsp/main.ts' }, chunkNames: 'server-[name]-[hash]' }),
  Promise.resolve().then(() => writeFileSync(path.join(dist, 'server.cjs'), SERVER_LAUNCHER)),
  // VS Code loads extensions as CommonJS.
  build({ ...common, format: 'cjs', entryPoints: ['client/src/extension.ts'], outfile: 'client/dist/extension.js', external: [...common.external, 'vscode'] }),
]);
