/**
 * `import()` of an ES module from Node's module system, for the code of the CommonJS bundles (pdf.js
 * in import/pdf.ts). The bundles keep this module out and load it as a file of its own,
 * `server/dist/esm.cjs` (scripts/build.mjs): the bins compile the CLI and the server in a `vm.Script`
 * with V8's code cache (node/codeCache.ts), and an `import()` there has no module loader to go to. A
 * specifier is resolved from here: in the build, from `server/dist`, where pdf.js is copied.
 */
export function importModule<T>(specifier: string): Promise<T> {
  return import(specifier) as Promise<T>;
}
