/**
 * The configuration of the analysis (`.programmerc.json`, schemas/programmerc.schema.json; the
 * language server's `programme.*` settings have the same shape), and its checking: {@link validateConfig}
 * (a parsed value against the schema, with ajv) and {@link parseConfigText} (the text of a file, with
 * the line and column of each problem). Pure: reading files is cli/configFile.ts's.
 */
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import { isMap, isScalar, isSeq, parseDocument, type Scalar } from 'yaml';
import { LineIndex, type Severity, type Span } from '../syntax/span';
import type { NumberingMode } from './programme';
import { nearest } from './nearest';
import configSchema from '../../../schemas/programmerc.schema.json';

/** A rule's configured level: a severity, or `off`. */
export type RuleLevel = Severity | 'off';

/** The configuration; every key is optional and has a default. */
export interface Config {
  /** Code → level; codes not named keep their default (rules/codes.ts). */
  rules?: Record<string, RuleLevel>;
  /** Default `per-pillar`. */
  measureNumbering?: NumberingMode;
  /** Near-duplicate detection; `threshold` is a Jaccard similarity in 0..1, default 0.7. */
  similarity?: { threshold?: number };
  /** Globs (relative to the config file's folder) of files the CLI skips. */
  ignore?: string[];
}

/** The default similarity threshold of `similar-measures`. */
export const DEFAULT_SIMILARITY_THRESHOLD = 0.7;

// ---------------------------------------------------------------------------------------------------
// Reading and checking a configuration (pure: text or values in, config and problems out).

/** A problem with a configuration: where it is (JSON path and, when known, offsets) and what to do. */
export interface ConfigProblem {
  /** The JSON path of the value at fault: `rules.measure-numbering`, `ignore[1]`; '' for the whole file. */
  path: string;
  /** For people: what was found, what was expected, what to do (without the file name or path). */
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
  /** The configuration when `problems` is empty; `{}` (all defaults) otherwise: a config with problems is never used in part. */
  config: Config;
  problems: ConfigProblem[];
}

/** The config's known keys, from the schema. */
export const CONFIG_KEYS = Object.keys(configSchema.properties).filter((k) => k !== '$schema');

const LEVELS = configSchema.$defs.level.enum as string[];
const NUMBERING_MODES = configSchema.properties.measureNumbering.enum as string[];
const RULE_NAMES = Object.keys(configSchema.properties.rules.properties);

let configValidator: ValidateFunction | undefined;

function configValidate(): ValidateFunction {
  if (configValidator === undefined) configValidator = new Ajv2020({ allErrors: true, strict: true }).compile(configSchema);
  return configValidator;
}

/**
 * Checks a parsed configuration against schemas/programmerc.schema.json. Pure. Problems carry the
 * JSON path and a message for people (one per value at fault, no offsets: see {@link parseConfigText}).
 * `config` is `value` when there is no problem, else `{}`.
 */
export function validateConfig(value: unknown): { config: Config; problems: ConfigProblem[] } {
  const check = configValidate();
  if (check(value)) {
    const config = { ...(value as Config & { $schema?: string }) };
    delete (config as { $schema?: string }).$schema;
    return { config, problems: [] };
  }
  const problems: ConfigProblem[] = [];
  const seen = new Set<string>();
  for (const error of check.errors ?? []) {
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

/** A value as a message shows it: `"eror"`, `70`, `a list`, `an object`, `null`. */
function shownValue(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v !== null && typeof v === 'object') return 'an object';
  const s = JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

/** `"a", "b" or "c"`. */
function orList(values: string[]): string {
  const q = values.map((v) => `"${v}"`);
  return q.length <= 1 ? q.join('') : `${q.slice(0, -1).join(', ')} or ${q[q.length - 1]}`;
}

function configProblem(error: ErrorObject, root: unknown): ConfigProblem | undefined {
  const parts = segments(error.instancePath);
  const here = jsonPath(parts);
  const value = valueAt(root, parts);
  const top = parts[0];
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      const path = jsonPath([...parts, key]);
      if (parts.length === 0) {
        const meant = nearest(key, CONFIG_KEYS, 1)[0];
        return { path, at: 'key', message: `unknown key "${key}"${meant !== undefined ? ` (did you mean "${meant}"?)` : ''}. The keys are ${CONFIG_KEYS.join(', ')}.` };
      }
      if (top === 'rules' && parts.length === 1) {
        const meant = nearest(key, RULE_NAMES, 1)[0];
        return { path, at: 'key', message: `"${key}" is not a rule code${meant !== undefined ? ` (did you mean "${meant}"?)` : ''}. The codes are listed in docs/rules.md: ${RULE_NAMES.join(', ')}.` };
      }
      if (top === 'similarity' && parts.length === 1) {
        return { path, at: 'key', message: `unknown key "${key}": "similarity" has only "threshold", for example "similarity": { "threshold": 0.8 }.` };
      }
      return { path, at: 'key', message: `unknown key "${key}". Remove it.` };
    }
    case 'type':
      if (parts.length === 0) return { path: '', message: `the configuration must be a JSON object, such as { "measureNumbering": "per-pillar" }; found ${shownValue(value)}.` };
      if (top === 'rules' && parts.length === 1) return { path: here, message: `"rules" must be an object of rule code → level, such as { "unused-label": "off" }; found ${shownValue(value)}.` };
      if (top === 'similarity' && parts.length === 1) return { path: here, message: `"similarity" must be an object, such as { "threshold": 0.8 }; found ${shownValue(value)}.` };
      if (top === 'similarity') return thresholdProblem(here, value);
      if (top === 'ignore' && parts.length === 1) return { path: here, message: `"ignore" must be a list of patterns, such as ["drafts/**", "*.old.programme"]; found ${shownValue(value)}.` };
      if (top === 'ignore') return { path: here, message: `each pattern in "ignore" must be text in double quotes, such as "drafts/**"; found ${shownValue(value)}.` };
      return { path: here, message: `must be ${String(error.params.type)}; found ${shownValue(value)}.` };
    case 'enum': {
      const allowed = error.params.allowedValues as string[];
      const meant = typeof value === 'string' ? (allowed.includes(value.toLowerCase()) ? value.toLowerCase() : nearest(value.toLowerCase(), allowed, 1)[0]) : undefined;
      const hint = meant !== undefined ? ` (did you mean "${meant}"?)` : '';
      if (top === 'rules') return { path: here, message: `${shownValue(value)} is not a level${hint}; use ${orList(LEVELS)}.` };
      if (top === 'measureNumbering') return { path: here, message: `${shownValue(value)} is not a numbering mode${hint}; use ${orList(NUMBERING_MODES)} (see docs/configuration.md).` };
      return { path: here, message: `${shownValue(value)} is not allowed${hint}; use ${orList(allowed)}.` };
    }
    case 'minimum':
    case 'maximum':
      return top === 'similarity' ? thresholdProblem(here, value) : { path: here, message: `${error.message ?? 'is out of range'}; found ${shownValue(value)}.` };
    case 'minLength':
      return { path: here, message: 'an empty pattern matches nothing; remove it.' };
    default:
      return { path: here, message: `${error.message ?? 'does not fit the schema'}; found ${shownValue(value)}.` };
  }
}

function thresholdProblem(path: string, value: unknown): ConfigProblem {
  const percent = typeof value === 'number' && value > 1 && value <= 100 ? ` (for ${value} %, write ${value / 100})` : '';
  return { path, message: `the threshold must be a number from 0 to 1, such as 0.7; found ${shownValue(value)}${percent}.` };
}

/**
 * Reads the text of a `.programmerc.json` (`file` is only carried into the result): JSON syntax errors
 * with their line and column, then the schema's problems with their JSON path and the offsets of the
 * key or value at fault (found by reading the text again with the `yaml` package, which keeps node
 * ranges; JSON is YAML). A leading BOM is tolerated. Never throws.
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
    return { file, config: {}, problems: [withPosition({ path: '', message: 'the file is empty. Write {} for the defaults, or remove the file.', span: { start: 0, end: 0 } })] };
  }
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    const found = jsonSyntaxError(source) ?? { offset: 0, message: `the file is not valid JSON (${error instanceof Error ? error.message : String(error)}).` };
    return { file, config: {}, problems: [withPosition({ path: '', message: found.message, span: { start: found.offset, end: Math.min(source.length, found.offset + 1) } })] };
  }
  const { config, problems } = validateConfig(value);
  if (problems.length === 0) return { file, config, problems };
  const locator = jsonLocator(source);
  const located = problems.map((pr) => withPosition({ ...pr, span: locator(pr.path, pr.at ?? 'value') }));
  located.sort((a, b) => (a.span?.start ?? Infinity) - (b.span?.start ?? Infinity));
  return { file, config, problems: located };
}

/**
 * Finds offsets in JSON text by JSON path: the key of an unknown key, else the value. Uses the `yaml`
 * package's node ranges (JSON is YAML 1.2); undefined when the path is not found.
 */
function jsonLocator(text: string): (path: string, at: 'key' | 'value') => Span | undefined {
  let doc: ReturnType<typeof parseDocument> | undefined;
  try {
    doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  } catch {
    doc = undefined;
  }
  return (path, at) => {
    if (doc === undefined) return undefined;
    const parts: (string | number)[] = [];
    for (const m of path.matchAll(/([^.[\]]+)|\[([0-9]+)\]/g)) parts.push(m[2] !== undefined ? Number(m[2]) : m[1]);
    if (parts.length === 0) {
      const r = doc.contents?.range;
      return r ? { start: r[0], end: r[1] } : undefined;
    }
    let node: unknown = doc.contents;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      const last = i === parts.length - 1;
      if (isMap(node) && typeof part === 'string') {
        // With duplicate keys JSON.parse keeps the last one; so does this search.
        const pair = [...node.items].reverse().find((it) => isScalar(it.key) && it.key.value === part);
        if (pair === undefined) return undefined;
        const keyRange = (pair.key as Scalar).range;
        if (last && (at === 'key' || pair.value === null)) return keyRange ? { start: keyRange[0], end: keyRange[1] } : undefined;
        node = pair.value;
        if (last) {
          const r = (node as Scalar).range ?? keyRange;
          return r ? { start: r[0], end: r[1] } : undefined;
        }
      } else if (isSeq(node) && typeof part === 'number') {
        node = node.items[part];
        if (last) {
          const r = (node as Scalar | undefined)?.range;
          return r ? { start: r[0], end: r[1] } : undefined;
        }
      } else return undefined;
    }
    return undefined;
  };
}

/**
 * The first JSON syntax error of `text` (which JSON.parse refused), as an offset and a message for
 * people. A small scanner of the JSON grammar (RFC 8259), used only to name the place and the likely
 * slip (a comma after the last entry, a comment, single quotes, a key without quotes), which
 * JSON.parse's message does not always give.
 */
function jsonSyntaxError(text: string): { offset: number; message: string } | undefined {
  let i = 0;
  const fail = (offset: number, message: string) => ({ offset, message });
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
  };
  const unexpected = (what: string): { offset: number; message: string } => {
    if (i >= text.length) return fail(text.length, `the file ends too early: ${what} is missing at the end.`);
    const c = text[i];
    if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) return fail(i, 'JSON does not allow comments. Remove the comment.');
    if (c === "'") return fail(i, `JSON needs double quotes ("), not single quotes ('). Replace them.`);
    return fail(i, `"${c}" where ${what} was expected.`);
  };
  const value = (): { offset: number; message: string } | undefined => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return undefined;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') {
          if (text[i] === '}') return fail(lastComma(text, i), 'a comma after the last entry is not allowed in JSON. Remove it.');
          if (/[A-Za-z_$]/.test(text[i] ?? '')) {
            const word = /^[A-Za-z_$][\w$-]*/.exec(text.slice(i))?.[0] ?? '';
            return fail(i, `the key ${word} must be in double quotes: "${word}".`);
          }
          return unexpected('a key in double quotes');
        }
        const s = string();
        if (s) return s;
        ws();
        if (text[i] !== ':') return unexpected('":" after the key');
        i++;
        const v = value();
        if (v) return v;
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return undefined;
        }
        if (text[i] === '"') return fail(i, 'a comma is missing before this entry. Put "," after the entry above.');
        return unexpected('"," or "}"');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return undefined;
      }
      for (;;) {
        ws();
        if (text[i] === ']') return fail(lastComma(text, i), 'a comma after the last item is not allowed in JSON. Remove it.');
        const v = value();
        if (v) return v;
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return undefined;
        }
        if (text[i] === '"') return fail(i, 'a comma is missing before this item. Put "," after the item above.');
        return unexpected('"," or "]"');
      }
    }
    if (c === '"') return string();
    const literal = /^(?:true|false|null|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)(?![\w.])/.exec(text.slice(i, i + 64));
    if (literal !== null) {
      i += literal[0].length;
      return undefined;
    }
    if (/[A-Za-z]/.test(c ?? '')) {
      const word = /^[\w.-]+/.exec(text.slice(i))?.[0] ?? c;
      return fail(i, `${word} is not a JSON value. Put text in double quotes ("${word}"); write numbers as 0.7 and yes/no as true/false.`);
    }
    return unexpected('a value');
  };
  const string = (): { offset: number; message: string } | undefined => {
    const start = i;
    i++;
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        i++;
        return undefined;
      }
      if (c === '\\') {
        if (!/^(?:["\\/bfnrt]|u[0-9A-Fa-f]{4})/.test(text.slice(i + 1, i + 6))) return fail(i, 'a backslash in text must start an escape such as \\\\ or \\"; write a folder separator as "/".');
        i += text[i + 1] === 'u' ? 6 : 2;
        continue;
      }
      if (c === '\n' || c === '\r') return fail(start, 'this text has no closing double quote on its line. Add the closing ".');
      i++;
    }
    return fail(start, 'this text has no closing double quote. Add the closing ".');
  };
  const first = value();
  if (first) return first;
  ws();
  if (i < text.length) return fail(i, 'there is more text after the end of the JSON object. Remove it (or the extra "}").');
  return undefined;
}

/** The offset of the last "," before `offset` (skipping blanks), or `offset`. */
function lastComma(text: string, offset: number): number {
  let j = offset - 1;
  while (j >= 0 && ' \t\r\n'.includes(text[j])) j--;
  return text[j] === ',' ? j : offset;
}
