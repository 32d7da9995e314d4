// Bundles the CLI, the language server and the VS Code client, each into one file, with esbuild.
import { build } from 'esbuild';
import { makeWordList } from './dictionaries.mjs';
import { wordFormsPlugin } from './esbuild-word-forms.mjs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { copyFileSync, mkdirSync } from 'node:fs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
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
  // Only the stemmers and stop-word lists that similar-measures uses (scripts/esbuild-word-forms.mjs).
  plugins: [wordFormsPlugin()],
};

// pdf.js is loaded at run time (see above); a copy of the files the PDF reader loads goes beside the
// server's bundle, where Node finds it from there, so that the VS Code package (which has no
// node_modules) can read PDFs too. Apache-2.0, its licence file with it.
const pdfjs = path.join(root, 'node_modules', 'pdfjs-dist');
const pdfjsCopy = path.join(root, 'server', 'dist', 'node_modules', 'pdfjs-dist');
for (const file of ['package.json', 'LICENSE', 'legacy/build/pdf.mjs', 'legacy/build/pdf.worker.mjs']) {
  mkdirSync(path.dirname(path.join(pdfjsCopy, file)), { recursive: true });
  copyFileSync(path.join(pdfjs, file), path.join(pdfjsCopy, file));
}

await Promise.all([
  // The import's spelling dictionaries, expanded once into word lists (scripts/dictionaries.mjs).
  Promise.resolve().then(() => ['nb', 'nn', 'de'].forEach((lang) => makeWordList(lang))),
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'server/dist/cli.cjs' }),
  build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'server/dist/server.cjs' }),
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/dist/extension.js', external: [...common.external, 'vscode'] }),
]);
