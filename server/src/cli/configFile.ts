/**
 * `.programmerc.json` on disk: finding the nearest one above a file, reading it, and the `ignore`
 * globs. The file-system half of the configuration (model/config.ts is the pure half; the reading
 * itself goes through node/files.ts); the language server imports it too, so that both front ends
 * find the same file the same way.
 *
 * Search: from the folder of the checked file upwards, the first folder holding a `.programmerc.json`
 * wins, up to the file system root; there is no merging of several files. A broken file is not
 * skipped in favour of one further up: it is reported.
 */
import path from 'node:path';
import * as l10n from '@vscode/l10n';
import picomatch from 'picomatch';
import { parseConfigText, type ConfigProblem, type ConfigReading } from '../model/config';
import { byteHex, isFile, readUtf8 } from '../node/files';
import { currentLanguage } from '../l10n/index';

/** The name of the config file. */
export const CONFIG_FILE_NAME = '.programmerc.json';

/**
 * The nearest `.programmerc.json` in `fromDir` or a folder above it, as an absolute path; undefined
 * when there is none up to the root. `cache` (folder → result) saves repeated searches in one run;
 * pass the same map for every file.
 */
export function findConfigFile(fromDir: string, cache?: Map<string, string | undefined>): string | undefined {
  const visited: string[] = [];
  let dir = path.resolve(fromDir);
  let found: string | undefined;
  for (;;) {
    if (cache?.has(dir)) {
      found = cache.get(dir);
      break;
    }
    visited.push(dir);
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (isFile(candidate)) {
      found = candidate;
      break;
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  if (cache !== undefined) for (const d of visited) cache.set(d, found);
  return found;
}

/**
 * Reads and checks a config file: the one loader of config files, for the CLI and the language server.
 * Never throws: a missing or unreadable file, text that is not UTF-8 (with its line and column), JSON
 * syntax errors and schema problems all come back as `problems` (see {@link parseConfigText}); `config`
 * is then `{}`. `text` is what was read ('' when it could not be read as text).
 */
export function loadConfigFile(file: string): ConfigReading {
  const read = readUtf8(file);
  if ('errorCode' in read) {
    return { file, text: '', config: {}, problems: [{ path: '', message: unreadableMessage(read.errorCode) }] };
  }
  if ('invalid' in read) {
    const bad = read.invalid;
    const problem = { path: '', message: l10n.t('the file is not UTF-8 text (byte {0}). Save it as UTF-8.', byteHex(bad.byte)), line: bad.line - 1, character: bad.column - 1 };
    return { file, text: '', config: {}, problems: [problem] };
  }
  const text = read.text;
  return parseConfigText(text, file);
}

/** Why a config file could not be read, from the system's error code (`ENOENT`); other codes are shown as they are. */
function unreadableMessage(code: string): string {
  switch (code) {
    case 'ENOENT':
      return l10n.t('cannot read the configuration (there is no such file; check the path).');
    case 'EACCES':
      return l10n.t('cannot read the configuration (permission denied; check its permissions).');
    case 'EISDIR':
      return l10n.t('cannot read the configuration (it is a folder; name the file itself).');
    default:
      return l10n.t('cannot read the configuration ({0}).', code);
  }
}

/**
 * One problem of a config file as one line for people:
 * `FILE:LINE:COL: configuration error at PATH: MESSAGE` (1-based line and column, when known; no path
 * for problems of the whole file).
 */
export function formatConfigProblem(file: string, problem: ConfigProblem): string {
  const where = problem.line !== undefined ? `${file}:${problem.line + 1}:${(problem.character ?? 0) + 1}` : file;
  return problem.path !== '' ? l10n.t('{0}: configuration error at {1}: {2}', where, problem.path, problem.message) : l10n.t('{0}: configuration error: {1}', where, problem.message);
}

/**
 * A test of the `ignore` patterns of the config file `configFile`: true when `file` is ignored.
 * Patterns are picomatch globs relative to the config file's folder (`/` as separator on every
 * system). A pattern without "/" (other than a trailing one) matches a file or folder name at any
 * depth (`*.old.programme`, `drafts`); a pattern with "/" matches from the config file's folder
 * (`archive/2019/**`; a leading "/" or "./" is dropped). A pattern that matches a folder ignores
 * everything below it. Files outside the config file's folder are never ignored.
 */
export function ignoreMatcher(configFile: string, patterns: readonly string[]): (file: string) => boolean {
  if (patterns.length === 0) return () => false;
  const root = path.dirname(path.resolve(configFile));
  const anchored: string[] = [];
  const anywhere: string[] = [];
  for (const raw of patterns) {
    let p = raw.trim().replace(/\\/g, '/');
    if (p.startsWith('./')) p = p.slice(2);
    const isAnchored = p.startsWith('/') || p.replace(/(?<!\/)\/+$/, '').includes('/');
    p = p.replace(/^\/+/, '').replace(/(?<!\/)\/+$/, '');
    if (p === '') continue;
    (isAnchored ? anchored : anywhere).push(p);
  }
  const anchoredMatch = anchored.length > 0 ? picomatch(anchored, { dot: true }) : () => false;
  const anywhereMatch = anywhere.length > 0 ? picomatch(anywhere, { dot: true, basename: true }) : () => false;
  return (file: string) => {
    const relative = path.relative(root, path.resolve(file));
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return false;
    const parts = relative.split(path.sep);
    // The file itself, then each folder between it and the config file's folder.
    for (let n = parts.length; n >= 1; n--) {
      const candidate = parts.slice(0, n).join('/');
      if (anchoredMatch(candidate) || anywhereMatch(candidate)) return true;
    }
    return false;
  };
}

/**
 * The configuration of each checked file in one CLI run: the file named by `--config`, or else the
 * nearest `.programmerc.json` above the file (none: defaults). Each config file is read once per
 * language of messages (l10n/index.ts), so that its problems are in the language current when it is asked for.
 */
export class ConfigResolver {
  private readonly nearest = new Map<string, string | undefined>();
  /** Language and config file (`nb\0/p/.programmerc.json`) → what was read. */
  private readonly readings = new Map<string, ConfigReading>();
  private readonly matchers = new Map<string, (file: string) => boolean>();

  /** `forced`: the `--config` file, when given. */
  constructor(private readonly forced?: string) {}

  /** The config reading that applies to `file`; undefined when no config file applies (defaults). */
  forFile(file: string): ConfigReading | undefined {
    return this.forFolder(path.dirname(path.resolve(file)));
  }

  /**
   * The config reading that applies to a programme in the folder `dir` (for standard input: the
   * current folder); undefined when no config file applies (defaults).
   */
  forFolder(dir: string): ConfigReading | undefined {
    const configFile = this.forced ?? findConfigFile(dir, this.nearest);
    if (configFile === undefined) return undefined;
    return this.read(configFile);
  }

  /** Reads (once per language of messages) the config file `configFile`. */
  read(configFile: string): ConfigReading {
    const key = `${currentLanguage()}\0${configFile}`;
    let reading = this.readings.get(key);
    if (reading === undefined) {
      reading = loadConfigFile(configFile);
      this.readings.set(key, reading);
    }
    return reading;
  }

  /** True when a usable config applies to `file` and its `ignore` patterns match it. */
  isIgnored(file: string): boolean {
    const reading = this.forFile(file);
    if (reading === undefined || reading.problems.length > 0 || reading.config.ignore === undefined) return false;
    let match = this.matchers.get(reading.file);
    if (match === undefined) {
      match = ignoreMatcher(reading.file, reading.config.ignore);
      this.matchers.set(reading.file, match);
    }
    return match(file);
  }
}
