/**
 * Loading a bundle with V8's code cache (bundled as `server/dist/load.cjs`; the bins use it).
 *
 * Node 20 compiles a CommonJS file anew at every start: for the CLI's and the server's bundles that is
 * a third of `programme check`'s time, and most of the rest is the first run of functions that V8
 * compiles lazily. V8 can save what it compiled as a code cache and take it back at the next start
 * (`vm.Script`'s `cachedData`; `module.enableCompileCache` came only in Node 22). `npm run build`
 * makes the cache of each bundle after a typical run (`BUNDLE.cache`, see scripts/codecache.mjs), and
 * {@link loadBundle} compiles the bundle with it.
 *
 * The cache is only a hint, never a source of truth:
 * - V8 checks it before use (its own version, its flags, the source's length, a checksum) and rejects
 *   one made by another Node or with other flags; the bundle is then compiled as always.
 * - The build deletes the caches before it bundles and makes them from the new bundles, so a cache
 *   never outlives its bundle; a missing, unreadable or rejected cache only costs the time it saves.
 * - Nothing is written at run time (no cache folder, no races between processes), except by the build,
 *   which asks for it with `produce`.
 *
 * An `import()` in code compiled this way has no module loader (Node's own for a `vm.Script` is
 * experimental, warns, and is lost with a code cache): the bundles import ES modules through
 * node/esm.ts, a file of its own, and the build fails on an `import()` left in a bundle.
 */
import { isAscii } from 'node:buffer';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/** Options of {@link loadBundle}. */
export interface LoadOptions {
  /** Write the bundle's code cache when the process exits (for the build: after a typical run). */
  produce?: boolean;
  /**
   * V8 flags (`v8.setFlagsFromString`) set before the bundle is compiled, on the V8 versions of
   * {@link V8_WITH_FLAGS} only (V8 prints an unknown flag to standard output). V8 accepts a code cache
   * only under the flags it was made with, so the run that makes the cache must pass the same (see
   * {@link CLI_V8_FLAGS}).
   */
  v8Flags?: string;
}

/**
 * The V8 flags of the CLI (server/bin/programme.cjs, and the build's run that makes the CLI's code
 * cache, scripts/codecache.mjs): the interrupt budget 16 times V8's default (67,584 bytes of bytecode
 * run before a function is considered for optimisation, in Node 20).
 *
 * With the default, a check of the 15 KB example has TurboFan compile five functions (about 12 ms of a
 * second thread, the similarity's `latin1UnitWords` alone 8 ms) whose optimised code hardly runs
 * before the process ends, and the process waits for the compiler's thread when it exits. With the
 * budget 16 times larger nothing of that check is optimised, and a large file's functions are
 * optimised a little later, with better type feedback: `programme check` of the example 103 → 97 ms of
 * CPU (2 ms of them then for loading `node:v8`, see {@link setV8Flags}), of 1,000 / 10,000 / 100,000 generated measures 250 → 192,
 * 815 → 596 and 3,240 → 3,040 ms (medians of 5–25 runs, load 4; bench/README.md, "Start-up"). The
 * language server keeps V8's default: it runs for long, and its keystrokes want optimised code soon.
 */
export const CLI_V8_FLAGS = '--interrupt-budget=1081344';

/** The major versions of V8 whose flags {@link LoadOptions.v8Flags} sets: those of Node 20 to 24, which know `--interrupt-budget`. */
export const V8_WITH_FLAGS = { from: 11, to: 13 } as const;

/** Whether this process's V8 is one of {@link V8_WITH_FLAGS}. */
function knowsFlags(): boolean {
  const major = Number(process.versions.v8.split('.')[0]);
  return major >= V8_WITH_FLAGS.from && major <= V8_WITH_FLAGS.to;
}

/**
 * Sets V8's flags `flags`, through Node's binding of `node:v8` (`process.binding('v8')`, whose
 * `setFlagsFromString` is the one `v8.setFlagsFromString` calls), with its deprecation warning (DEP0111)
 * silenced: loading `node:v8` loads Node's streams too, about 2 ms of a check's start, the binding
 * 0.13 ms. Where the binding is missing or refused (a later Node, the permission model), `node:v8` is
 * loaded (with `load`).
 */
function setV8Flags(flags: string, load: NodeJS.Require): void {
  let binding: { setFlagsFromString?: unknown } | undefined;
  const silenced = process.noDeprecation;
  try {
    process.noDeprecation = true;
    binding = (process as unknown as { binding(name: string): { setFlagsFromString?: unknown } }).binding('v8');
  } catch {
    binding = undefined;
  } finally {
    process.noDeprecation = silenced;
  }
  if (typeof binding?.setFlagsFromString === 'function') (binding.setFlagsFromString as (flags: string) => void)(flags);
  else (load('node:v8') as typeof import('node:v8')).setFlagsFromString(flags);
}

/** The file of the code cache of `bundle`. */
export function cacheFileOf(bundle: string): string {
  return `${bundle}.cache`;
}

/**
 * The text of the file `bundle`: UTF-8, read as Latin-1 when it is ASCII, as the build makes the bundles
 * (scripts/ascii.mjs): the same text, decoded several times faster.
 */
function sourceOf(bundle: string): string {
  const bytes = readFileSync(bundle);
  return typeof isAscii === 'function' && isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

/**
 * Loads the CommonJS file `bundle` (an absolute path) as `require` would, and returns its exports;
 * compiled with its code cache when V8 accepts it (see the module comment).
 */
export function loadBundle(bundle: string, options: LoadOptions = {}): unknown {
  const bundleRequire = createRequire(bundle);
  if (options.v8Flags !== undefined && knowsFlags()) setV8Flags(options.v8Flags, bundleRequire);
  const cacheFile = cacheFileOf(bundle);
  let cachedData: Buffer | undefined;
  if (options.produce !== true) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
  }
  const script = new vm.Script(Module.wrap(sourceOf(bundle)), { filename: bundle, cachedData });
  if (options.produce === true) {
    process.once('exit', () => {
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(temporary, script.createCachedData());
      renameSync(temporary, cacheFile);
    });
  }
  // The module as `require` would make it: its exports, its file, where its packages are found.
  const loaded = new Module(bundle);
  loaded.filename = bundle;
  loaded.paths = bundleRequire.resolve.paths('programme') ?? [];
  bundleRequire.cache[bundle] = loaded;
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  wrapper.call(loaded.exports, loaded.exports, bundleRequire, loaded, bundle, path.dirname(bundle));
  loaded.loaded = true;
  return loaded.exports;
}
