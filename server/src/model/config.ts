/**
 * The configuration of the analysis (`.programmerc.json`, schemas/programmerc.schema.json; the
 * language server's `programme.*` settings have the same shape), and its checking: {@link validateConfig}
 * (a parsed value against the schema, with ajv), {@link parseConfigText} (the text of a file, with
 * the line and column of each problem, JSON syntax read with `jsonc-parser`) and
 * {@link configDiagnostic} (a problem as a diagnostic on the config file). Pure: reading files is
 * cli/configFile.ts's, for both the CLI and the language server.
 */
import * as l10n from '@vscode/l10n';
import type { ErrorObject } from 'ajv';
import { getLocation, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { LineIndex, type Diagnostic, type Severity, type Span } from '../syntax/span';
import type { NumberingMode } from './programme';
import { nearest } from './nearest';
import { eitherOf } from '../l10n/index';
import configSchema from '../../../schemas/programmerc.schema.json';
import configValidate from '../schemas/programmerc.validate';

/** A rule's configured level: a severity, or `off`. */
export type RuleLevel = Severity | 'off';

/** The configuration; every key is optional and has a default. */
export interface Config {
  /** Code → level; codes not named keep their default (rules/codes.ts). */
  rules?: Record<string, RuleLevel>;
  /** Default `per-pillar`. */
  measureNumbering?: NumberingMode;
  /** Near-duplicate detection; `threshold` is a Jaccard similarity in 0..1, default 0.55 (`DEFAULT_SIMILARITY_THRESHOLD`). */
  similarity?: { threshold?: number };
  /** Globs (relative to the config file's folder) of files the CLI skips. */
  ignore?: string[];
  /**
   * The width of a line of the printed draft, in characters (Unicode code points), 10…1000; default 80
   * (amendments/lines.ts). The front matter's `lineWidth` wins over it.
   */
  lineWidth?: number;
  /** How the printed draft's lines are numbered: through the `document` (default) or from 1 in each `pillar`. */
  lineNumbering?: 'document' | 'pillar';
}

/** The default similarity threshold of `similar-measures`. */
export const DEFAULT_SIMILARITY_THRESHOLD = 0.55;

// ---------------------------------------------------------------------------------------------------
// Reading and checking a configuration (pure: text or values in, config and problems out).

/** A problem with a configuration: where it is (JSON path and, when known, offsets) and what to do. */
export interface ConfigProblem {
  /** The JSON path of the value at fault: `rules.measure-numbering`, `ignore[1]`; '' for the whole file. */
  path: string;
  /**
   * For people: what was found, what was expected, what to do (without the file name or path), in the
   * language of messages when the configuration was read (l10n/index.ts).
   */
  message: string;
  /** Where in the config text (UTF-16 offsets), when known. */
  span?: Span;
  /** The 0-based line of `span.start`, when known. */
  line?: number;
  /** The 0-based character (UTF-16) of `span.start`, when known. */
  character?: number;
  /** Whether the problem is with a key (an unknown key: `span` covers the key) or with a value (the default). */
  at?: 'key' | 'value';
}

/** A configuration as read from one file. */
export interface ConfigReading {
  /** The file it was read from, as given. */
  file: string;
  /** The text read ('' when the file could not be read as UTF-8 text); problem spans index it. */
  text: string;
  /** The configuration when `problems` is empty; `{}` (all defaults) otherwise: a config with problems is never used in part. */
  config: Config;
  problems: ConfigProblem[];
}

/** The config's known keys, from the schema. */
export const CONFIG_KEYS = Object.keys(configSchema.properties).filter((k) => k !== '$schema');

const LEVELS = configSchema.$defs.level.enum as string[];
const NUMBERING_MODES = configSchema.properties.measureNumbering.enum as string[];
const RULE_NAMES = Object.keys(configSchema.properties.rules.properties);

/**
 * Checks a parsed configuration against schemas/programmerc.schema.json. Pure. Problems carry the
 * JSON path and a message for people (one per value at fault, no offsets: see {@link parseConfigText}).
 * `config` is `value` when there is no problem, else `{}`.
 */
export function validateConfig(value: unknown): { config: Config; problems: ConfigProblem[] } {
  // The schema's validator was compiled from the schema by scripts/validators.mjs, before the build.
  if (configValidate(value)) {
    const config = { ...(value as Config & { $schema?: string }) };
    delete (config as { $schema?: string }).$schema;
    return { config, problems: [] };
  }
  const problems: ConfigProblem[] = [];
  const seen = new Set<string>();
  for (const error of configValidate.errors ?? []) {
    const problem = configProblem(error, value);
    if (problem === undefined || seen.has(problem.path)) continue;
    seen.add(problem.path);
    problems.push(problem);
  }
  return { config: {}, problems };
}

/** The segments of an ajv instance path (`/rules/measure-numbering` → `['rules', 'measure-numbering']`). */
function segments(instancePath: string): string[] {
  return instancePath === '' ? [] : instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** A JSON path for people: `rules.measure-numbering`, `ignore[1]`. */
export function jsonPath(parts: (string | number)[]): string {
  let out = '';
  for (const part of parts) {
    if (typeof part === 'number' || /^[0-9]+$/.test(part)) out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}

function valueAt(root: unknown, parts: string[]): unknown {
  let v = root;
  for (const p of parts) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
  return v;
}

/** A value as a message shows it: a list, an object, or a JSON value as written (`"eror"`, `70`, `null`). */
interface Shown {
  kind: 'list' | 'object' | 'value';
  /** The value's JSON, cut at 40 characters (for every kind, so that a message may show any value as written). */
  text: string;
}

/** How `v` is shown in a message (see {@link Shown}). */
function shownValue(v: unknown): Shown {
  const s = JSON.stringify(v) ?? String(v);
  const text = s.length > 40 ? `${s.slice(0, 39)}…` : s;
  return { kind: Array.isArray(v) ? 'list' : v !== null && typeof v === 'object' ? 'object' : 'value', text };
}

/** `values` as JSON strings, joined as alternatives in the current language: `"a", "b" or "c"`. */
function orList(values: string[]): string {
  return eitherOf(values.map((v) => JSON.stringify(v)));
}

/**
 * The message of a value that does not fit the schema in a way no other message names (a keyword or a
 * key the messages do not know yet): without ajv's own words, which are English.
 */
function otherValueMessage(found: Shown): string {
  if (found.kind === 'list') return l10n.t('this value does not fit the configuration (see docs/configuration.md); found a list.');
  if (found.kind === 'object') return l10n.t('this value does not fit the configuration (see docs/configuration.md); found an object.');
  return l10n.t('this value does not fit the configuration (see docs/configuration.md); found {0}.', found.text);
}

function configProblem(error: ErrorObject, root: unknown): ConfigProblem | undefined {
  const parts = segments(error.instancePath);
  const here = jsonPath(parts);
  const value = valueAt(root, parts);
  const found = shownValue(value);
  const top = parts[0];
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      const path = jsonPath([...parts, key]);
      if (parts.length === 0) {
        const meant = nearest(key, CONFIG_KEYS, 1)[0];
        const keys = CONFIG_KEYS.join(', ');
        const message =
          meant !== undefined
            ? l10n.t('unknown key "{0}" (did you mean "{1}"?). The keys are {2}.', key, meant, keys)
            : l10n.t('unknown key "{0}". The keys are {1}.', key, keys);
        return { path, at: 'key', message };
      }
      if (top === 'rules' && parts.length === 1) {
        const meant = nearest(key, RULE_NAMES, 1)[0];
        const codes = RULE_NAMES.join(', ');
        const message =
          meant !== undefined
            ? l10n.t('"{0}" is not a rule code (did you mean "{1}"?). The codes are listed in docs/rules.md: {2}.', key, meant, codes)
            : l10n.t('"{0}" is not a rule code. The codes are listed in docs/rules.md: {1}.', key, codes);
        return { path, at: 'key', message };
      }
      if (top === 'similarity' && parts.length === 1) {
        return { path, at: 'key', message: l10n.t('unknown key "{0}": "similarity" has only "threshold", for example "similarity": { "threshold": 0.8 }.', key) };
      }
      return { path, at: 'key', message: l10n.t('unknown key "{0}". Remove it.', key) };
    }
    case 'type':
      return { path: here, message: top === 'lineWidth' ? lineWidthMessage(found) : typeMessage(parts, found, value) };
    case 'enum': {
      const allowed = error.params.allowedValues as string[];
      const meant = typeof value === 'string' ? (allowed.includes(value.toLowerCase()) ? value.toLowerCase() : nearest(value.toLowerCase(), allowed, 1)[0]) : undefined;
      if (top === 'rules') return { path: here, message: levelMessage(found, meant) };
      if (top === 'measureNumbering') return { path: here, message: numberingModeMessage(found, meant) };
      if (found.kind !== 'value') return { path: here, message: otherValueMessage(found) };
      const message =
        meant !== undefined
          ? l10n.t('{0} is not allowed (did you mean "{1}"?); use {2}.', found.text, meant, orList(allowed))
          : l10n.t('{0} is not allowed; use {1}.', found.text, orList(allowed));
      return { path: here, message };
    }
    case 'minimum':
    case 'maximum':
      return { path: here, message: top === 'similarity' ? thresholdMessage(found, value) : top === 'lineWidth' ? lineWidthMessage(found) : otherValueMessage(found) };
    case 'minLength':
      return { path: here, message: l10n.t('an empty pattern matches nothing; remove it.') };
    default:
      return { path: here, message: otherValueMessage(found) };
  }
}

/** The message of a value of the wrong type at `parts` (the JSON path's segments). */
function typeMessage(parts: string[], found: Shown, value: unknown): string {
  const top = parts[0];
  if (parts.length === 0) {
    return found.kind === 'list'
      ? l10n.t('the configuration must be a JSON object, such as { "measureNumbering": "per-pillar" }; found a list.')
      : l10n.t('the configuration must be a JSON object, such as { "measureNumbering": "per-pillar" }; found {0}.', found.text);
  }
  if (top === 'rules' && parts.length === 1) {
    return found.kind === 'list'
      ? l10n.t('"rules" must be an object of rule code → level, such as { "unused-label": "off" }; found a list.')
      : l10n.t('"rules" must be an object of rule code → level, such as { "unused-label": "off" }; found {0}.', found.text);
  }
  if (top === 'similarity' && parts.length === 1) {
    return found.kind === 'list'
      ? l10n.t('"similarity" must be an object, such as { "threshold": 0.8 }; found a list.')
      : l10n.t('"similarity" must be an object, such as { "threshold": 0.8 }; found {0}.', found.text);
  }
  if (top === 'similarity') return thresholdMessage(found, value);
  if (top === 'ignore' && parts.length === 1) {
    return found.kind === 'object'
      ? l10n.t('"ignore" must be a list of patterns, such as ["drafts/**", "*.old.programme"]; found an object.')
      : l10n.t('"ignore" must be a list of patterns, such as ["drafts/**", "*.old.programme"]; found {0}.', found.text);
  }
  if (top === 'ignore') {
    if (found.kind === 'list') return l10n.t('each pattern in "ignore" must be text in double quotes, such as "drafts/**"; found a list.');
    if (found.kind === 'object') return l10n.t('each pattern in "ignore" must be text in double quotes, such as "drafts/**"; found an object.');
    return l10n.t('each pattern in "ignore" must be text in double quotes, such as "drafts/**"; found {0}.', found.text);
  }
  if (top === '$schema' && parts.length === 1) {
    if (found.kind === 'list') return l10n.t('"$schema" must be the path or address of the schema, in double quotes; found a list.');
    if (found.kind === 'object') return l10n.t('"$schema" must be the path or address of the schema, in double quotes; found an object.');
    return l10n.t('"$schema" must be the path or address of the schema, in double quotes; found {0}.', found.text);
  }
  return otherValueMessage(found);
}

/** The message of a rule's level that is not one (`meant`: the level it is nearest to). */
function levelMessage(found: Shown, meant: string | undefined): string {
  const levels = orList(LEVELS);
  if (found.kind === 'list') return l10n.t('a list is not a level; use {0}.', levels);
  if (found.kind === 'object') return l10n.t('an object is not a level; use {0}.', levels);
  return meant !== undefined ? l10n.t('{0} is not a level (did you mean "{1}"?); use {2}.', found.text, meant, levels) : l10n.t('{0} is not a level; use {1}.', found.text, levels);
}

/** The message of a `measureNumbering` that is not a mode (`meant`: the mode it is nearest to). */
function numberingModeMessage(found: Shown, meant: string | undefined): string {
  const modes = orList(NUMBERING_MODES);
  if (found.kind === 'list') return l10n.t('a list is not a numbering mode; use {0} (see docs/configuration.md).', modes);
  if (found.kind === 'object') return l10n.t('an object is not a numbering mode; use {0} (see docs/configuration.md).', modes);
  return meant !== undefined
    ? l10n.t('{0} is not a numbering mode (did you mean "{1}"?); use {2} (see docs/configuration.md).', found.text, meant, modes)
    : l10n.t('{0} is not a numbering mode; use {1} (see docs/configuration.md).', found.text, modes);
}

/** The message of a similarity threshold that is not a number from 0 to 1 (with the fraction meant by a percentage). */
function thresholdMessage(found: Shown, value: unknown): string {
  if (found.kind === 'list') return l10n.t('the threshold must be a number from 0 to 1, such as 0.7; found a list.');
  if (found.kind === 'object') return l10n.t('the threshold must be a number from 0 to 1, such as 0.7; found an object.');
  if (typeof value === 'number' && value > 1 && value <= 100) {
    return l10n.t('the threshold must be a number from 0 to 1, such as 0.7; found {0} (for {0} %, write {1}).', found.text, value / 100);
  }
  return l10n.t('the threshold must be a number from 0 to 1, such as 0.7; found {0}.', found.text);
}

/** The message of a `lineWidth` that is not a whole number from 10 to 1000. */
function lineWidthMessage(found: Shown): string {
  if (found.kind === 'list') return l10n.t('the line width must be a whole number of characters from 10 to 1000, such as 80; found a list.');
  if (found.kind === 'object') return l10n.t('the line width must be a whole number of characters from 10 to 1000, such as 80; found an object.');
  return l10n.t('the line width must be a whole number of characters from 10 to 1000, such as 80; found {0}.', found.text);
}

/**
 * Reads the text of a `.programmerc.json` (`file` is only carried into the result): JSON syntax errors
 * with their line and column (the first one; `jsonc-parser` finds it, {@link jsonSyntaxMessage} names
 * the likely slip), then the schema's problems with their JSON path and the offsets of the key or value
 * at fault (from `jsonc-parser`'s tree). A leading BOM is tolerated. Never throws.
 */
export function parseConfigText(text: string, file: string): ConfigReading {
  const lines = new LineIndex(text);
  const withPosition = (problem: ConfigProblem): ConfigProblem => {
    if (problem.span === undefined) return problem;
    const pos = lines.positionAt(problem.span.start);
    return { ...problem, line: pos.line, character: pos.character };
  };
  const source = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  if (source.trim() === '') {
    return { file, text, config: {}, problems: [withPosition({ path: '', message: l10n.t('the file is empty. Write {} for the defaults, or remove the file.'), span: { start: 0, end: 0 } })] };
  }
  const errors: ParseError[] = [];
  const tree = parseTree(source, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  let value: unknown;
  let syntax: { offset: number; message: string } | undefined = errors.length > 0 ? jsonSyntaxMessage(source, errors[0]) : undefined;
  if (syntax === undefined) {
    // JSON.parse gives the value (own properties only, also for a key "__proto__"); jsonc-parser found no error.
    try {
      value = JSON.parse(source);
    } catch (error) {
      // The parser's own words (English) name what it could not read; jsonc-parser, which names the slip, found none.
      syntax = { offset: 0, message: l10n.t('the file is not valid JSON ({0}).', error instanceof Error ? error.message : String(error)) };
    }
  }
  if (syntax !== undefined) {
    return { file, text, config: {}, problems: [withPosition({ path: '', message: syntax.message, span: { start: syntax.offset, end: Math.min(source.length, syntax.offset + 1) } })] };
  }
  const { config, problems } = validateConfig(value);
  if (problems.length === 0) return { file, text, config, problems };
  const located = problems.map((pr) => withPosition({ ...pr, span: locate(tree, pr.path, pr.at ?? 'value') }));
  located.sort((a, b) => (a.span?.start ?? Infinity) - (b.span?.start ?? Infinity));
  return { file, text, config, problems: located };
}

/**
 * The offsets of the key (`at: 'key'`) or value at the JSON path `path` (as {@link jsonPath} writes it)
 * in `jsonc-parser`'s tree; undefined when the path is not there. With a key given twice, the last one
 * counts, as with JSON.parse.
 */
function locate(tree: JsonNode | undefined, path: string, at: 'key' | 'value'): Span | undefined {
  const parts: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[([0-9]+)\]/g)) parts.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  let node = tree;
  let key: JsonNode | undefined;
  for (const part of parts) {
    if (node?.type === 'object' && typeof part === 'string') {
      const property = [...(node.children ?? [])].reverse().find((c) => c.children?.[0]?.value === part);
      key = property?.children?.[0];
      node = property?.children?.[1];
    } else if (node?.type === 'array' && typeof part === 'number') {
      key = undefined;
      node = node.children?.[part];
    } else return undefined;
  }
  const target = at === 'key' && key !== undefined ? key : (node ?? key);
  return target !== undefined ? { start: target.offset, end: target.offset + target.length } : undefined;
}

/** What a JSON syntax error found something else in place of, for {@link unexpectedMessage}. */
type Expected = 'value' | 'key' | 'comma-or-brace' | 'comma-or-bracket' | 'colon';

/** The message of the character `c` where `expected` was due, or of the file ending (`ends`) before it. */
function unexpectedMessage(expected: Expected, c: string, ends: boolean): string {
  if (ends) {
    switch (expected) {
      case 'value':
        return l10n.t('the file ends too early: a value is missing at the end.');
      case 'key':
        return l10n.t('the file ends too early: a key in double quotes is missing at the end.');
      case 'comma-or-brace':
        return l10n.t('the file ends too early: "," or "}" is missing at the end.');
      case 'comma-or-bracket':
        return l10n.t('the file ends too early: "," or "]" is missing at the end.');
      case 'colon':
        return l10n.t('the file ends too early: ":" after the key is missing at the end.');
    }
  }
  switch (expected) {
    case 'value':
      return l10n.t('"{0}" where a value was expected.', c);
    case 'key':
      return l10n.t('"{0}" where a key in double quotes was expected.', c);
    case 'comma-or-brace':
      return l10n.t('"{0}" where "," or "}" was expected.', c);
    case 'comma-or-bracket':
      return l10n.t('"{0}" where "," or "]" was expected.', c);
    case 'colon':
      return l10n.t('"{0}" where ":" after the key was expected.', c);
  }
}

/**
 * The first JSON syntax error of `text`, as `jsonc-parser` reports it, turned into an offset and a
 * message for people that names the likely slip (a comma after the last entry, a comment, single
 * quotes, a key or a word without quotes, a missing comma), which the error code alone does not.
 */
function jsonSyntaxMessage(text: string, error: ParseError): { offset: number; message: string } {
  const at = error.offset;
  const c = text[at];
  const inArray = () => typeof getLocation(text, at).path.at(-1) === 'number';
  const ends = text.slice(at).trim() === '';
  const unexpected = (expected: Expected) => ({ offset: at, message: unexpectedMessage(expected, c, ends) });
  const code = printParseErrorCode(error.error);
  switch (code) {
    case 'InvalidCommentToken':
    case 'UnexpectedEndOfComment':
      return { offset: at, message: l10n.t('JSON does not allow comments. Remove the comment.') };
    case 'InvalidSymbol': {
      if (c === "'") return { offset: at, message: l10n.t('JSON needs double quotes ("), not single quotes (\'). Replace them.') };
      const word = /^[\p{L}\p{N}_$][\p{L}\p{N}_$.-]*/u.exec(text.slice(at, at + 200))?.[0];
      if (word === undefined) return unexpected('value');
      if (getLocation(text, at).isAtPropertyKey) return { offset: at, message: l10n.t('the key {0} must be in double quotes: "{0}".', word) };
      return { offset: at, message: l10n.t('{0} is not a JSON value. Put text in double quotes ("{0}"); write numbers as 0.7 and yes/no as true/false.', word) };
    }
    case 'PropertyNameExpected':
    case 'ValueExpected': {
      const comma = lastComma(text, at);
      if ((c === '}' || c === ']') && text[comma] === ',') {
        const message = c === '}' ? l10n.t('a comma after the last entry is not allowed in JSON. Remove it.') : l10n.t('a comma after the last item is not allowed in JSON. Remove it.');
        return { offset: comma, message };
      }
      return unexpected(code === 'PropertyNameExpected' ? 'key' : 'value');
    }
    case 'CommaExpected':
      if (c === '"' || c === '{' || c === '[') {
        const message = inArray()
          ? l10n.t('a comma is missing before this item. Put "," after the item above.')
          : l10n.t('a comma is missing before this entry. Put "," after the entry above.');
        return { offset: at, message };
      }
      return unexpected(inArray() ? 'comma-or-bracket' : 'comma-or-brace');
    case 'ColonExpected':
      return unexpected('colon');
    case 'CloseBraceExpected':
      return unexpected('comma-or-brace');
    case 'CloseBracketExpected':
      return unexpected('comma-or-bracket');
    case 'EndOfFileExpected':
      return { offset: at, message: l10n.t('there is more text after the end of the JSON object. Remove it (or the extra "}").') };
    case 'UnexpectedEndOfString':
      return text[at + error.length] === '\n' || text[at + error.length] === '\r'
        ? { offset: at, message: l10n.t('this text has no closing double quote on its line. Add the closing ".') }
        : { offset: at, message: l10n.t('this text has no closing double quote. Add the closing ".') };
    case 'InvalidEscapeCharacter':
    case 'InvalidUnicode': {
      const backslash = badEscape(text, at, at + error.length);
      return { offset: backslash, message: l10n.t('a backslash in text must start an escape such as \\\\ or \\"; write a folder separator as "/".') };
    }
    case 'InvalidCharacter':
      return { offset: at, message: l10n.t('text in double quotes cannot hold a tab, a line break or another control character. Write a tab as \\t, or remove it.') };
    default:
      return { offset: at, message: l10n.t('this number is not written as JSON writes numbers, such as 12 or 0.7.') };
  }
}

/** The offset of the first backslash in `[from, to)` of `text` that does not start a JSON escape, or `from`. */
function badEscape(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    if (text[i] !== '\\') continue;
    if (!/^(?:["\\/bfnrt]|u[0-9A-Fa-f]{4})/.test(text.slice(i + 1, i + 6))) return i;
    i++;
  }
  return from;
}

/** The offset of the last "," before `offset` (skipping blanks), or `offset`. */
function lastComma(text: string, offset: number): number {
  let j = offset - 1;
  while (j >= 0 && ' \t\r\n'.includes(text[j])) j--;
  return text[j] === ',' ? j : offset;
}

// ---------------------------------------------------------------------------------------------------
// Problems of a config file as diagnostics on it (the language server publishes them).

/** The code of a diagnostic on a config file (not a rule: it cannot be turned off). */
export const CONFIG_DIAGNOSTIC_CODE = 'config';

/**
 * One config problem as an error diagnostic on the config file, at the key or value at fault when
 * known, else at the start of the file (offsets index the file's text, whose length is `textLength`):
 * `Configuration error at PATH: MESSAGE The defaults apply until it is fixed.`
 */
export function configDiagnostic(problem: ConfigProblem, textLength: number): Diagnostic {
  const span = problem.span !== undefined && problem.span.end <= textLength ? problem.span : { start: 0, end: 0 };
  return {
    code: CONFIG_DIAGNOSTIC_CODE,
    severity: 'error',
    message:
      problem.path !== ''
        ? l10n.t('Configuration error at {0}: {1} The defaults apply until it is fixed.', problem.path, problem.message)
        : l10n.t('Configuration error: {0} The defaults apply until it is fixed.', problem.message),
    span,
  };
}
