/**
 * The `front-matter` rule (docs/rules.md#front-matter): the YAML between the `---` lines must parse,
 * and fit schemas/programme.schema.json. Every diagnostic sits on the exact key or value at fault.
 *
 * How the YAML is read (the `yaml` package, YAML 1.2 core schema, with node ranges):
 * - Parse errors are reported (the first one of each line, in words for people) and then the schema is
 *   not checked: after a parse error the keys may not be what the writer meant.
 * - Anchors (`&name`) and aliases (`*name`) are refused with a diagnostic and never expanded, so a
 *   "billion laughs" front matter costs nothing (the document is never converted as a whole; each
 *   value is converted on its own, and values holding an alias are skipped).
 * - A `__proto__` key is refused with a diagnostic and never copied into the data that is checked.
 * - For a key the schema types as text, an unquoted value that YAML would read as a number, a
 *   boolean or a date (`version: 1.10`, `title: 2027`) is taken as written, so nothing is lost
 *   (`1.10` stays `1.10`, not the number 1.1).
 * - An unknown key is a warning; every other failure is an error. No front matter: no diagnostic.
 * - A "#" that follows a value without a blank (`title: Program #1`) starts a YAML comment and the
 *   rest of the line is dropped from the value: reported as a warning so no words are lost silently.
 */
import { isAlias, isMap, isScalar, isCollection, parseDocument, visit, type Node, type Pair, type Scalar, type YAMLError } from 'yaml';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Diagnostic, Related, Span } from '../syntax/span';
import { truncate } from '../syntax/tree';
import type { Programme } from '../model/programme';
import { nearest } from '../model/nearest';
import schema from '../../../schemas/programme.schema.json';

/** schemas/programme.schema.json: the front matter's keys, with a `description` of each (for hovers). */
export const FRONT_MATTER_SCHEMA = schema;

/** The front matter's known keys, in the schema's order. */
export const FRONT_MATTER_KEYS = Object.keys(schema.properties);

/** One top-level `key: value` line of the front matter, with document offsets. */
export interface FrontMatterEntry {
  key: string;
  keySpan: Span;
  /** Absent when nothing follows the colon. */
  valueSpan?: Span;
  /** The value as checked (see the module comment for how scalars are read); undefined if skipped. */
  value: unknown;
}

/** What was read from the front matter. */
export interface FrontMatterReading {
  /** The keys and values as checked against the schema (without refused keys). */
  data: Record<string, unknown>;
  entries: FrontMatterEntry[];
  diagnostics: Diagnostic[];
}

let validator: ValidateFunction | undefined;

/** The compiled schema (compiled once, on first use). */
function validate(): ValidateFunction {
  if (validator === undefined) {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv, ['date']);
    validator = ajv.compile(schema);
  }
  return validator;
}

/** `front-matter` diagnostics of `p` (none when it has no front matter). */
export function checkFrontMatter(p: Programme): Diagnostic[] {
  return readFrontMatter(p)?.diagnostics ?? [];
}

/** Common non-English or misspelt keys → the key meant. */
const KEY_SYNONYMS: Record<string, string> = {
  tittel: 'title', titel: 'title', overskrift: 'title', name: 'title', navn: 'title',
  parti: 'party', partei: 'party',
  valg: 'election', wahl: 'election',
  'år': 'year', aar: 'year', jahr: 'year',
  language: 'lang', språk: 'lang', sprak: 'lang', mål: 'lang', sprache: 'lang', locale: 'lang',
  vedtatt: 'adopted', vedteke: 'adopted', date: 'adopted', dato: 'adopted',
  versjon: 'version',
};
const STATUS_SYNONYMS: Record<string, string> = {
  vedtatt: 'adopted', vedteke: 'adopted', godkjent: 'adopted', beschlossen: 'adopted', final: 'adopted', endelig: 'adopted',
  utkast: 'draft', forslag: 'draft', entwurf: 'draft', 'høring': 'draft', hoering: 'draft', proposal: 'draft',
};
const LANG_SYNONYMS: Record<string, string> = {
  norsk: 'nb', 'bokmål': 'nb', bokmal: 'nb', norwegian: 'nb', nynorsk: 'nn', samisk: 'se', 'sámegiella': 'se',
  english: 'en', engelsk: 'en', deutsch: 'de', german: 'de', tysk: 'de', svenska: 'sv', svensk: 'sv', dansk: 'da',
};

/**
 * Reads and checks the front matter of `p`; undefined when there is none. Never throws. Offsets in
 * the result are document offsets (the YAML's own offsets + `frontMatter.contentSpan.start`).
 */
export function readFrontMatter(p: Programme): FrontMatterReading | undefined {
  const fm = p.frontMatter;
  if (fm === undefined) return undefined;
  const base = fm.contentSpan.start;
  const yamlText = p.text.slice(fm.contentSpan.start, fm.contentSpan.end);
  const diagnostics: Diagnostic[] = [];
  const entries: FrontMatterEntry[] = [];
  const data: Record<string, unknown> = {};
  const reading: FrontMatterReading = { data, entries, diagnostics };
  const at = (start: number, end: number): Span => ({ start: base + start, end: base + Math.max(start, end) });
  const report = (span: Span, message: string, severity: Diagnostic['severity'] = 'error', extra: Partial<Diagnostic> = {}) =>
    diagnostics.push({ code: 'front-matter', severity, message, span, ...extra });

  let doc;
  try {
    doc = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: true, strict: true, version: '1.2', schema: 'core', merge: false });
  } catch (error) {
    report(fm.span, `The front matter could not be read as YAML (${error instanceof Error ? error.message : String(error)}). Write one "key: value" per line.`);
    return reading;
  }

  // Parse errors: the first of each line, in words.
  const reportedLines = new Set<number>();
  for (const error of doc.errors) {
    const line = p.lines.lineAt(base + error.pos[0]);
    if (reportedLines.has(line)) continue;
    reportedLines.add(line);
    const { span, message, related } = yamlErrorMessage(p, base, yamlText, error);
    report(span, message, 'error', related !== undefined ? { related } : {});
  }
  for (const warning of doc.warnings) {
    const span = at(warning.pos[0], warning.pos[1]);
    const shown = yamlText.slice(warning.pos[0], warning.pos[1]);
    report(
      span,
      warning.code === 'TAG_RESOLVE_FAILED'
        ? `The YAML tag "${truncate(shown, 30)}" is not known here; remove it.`
        : `The front matter has a YAML problem here (${warning.message}).`,
      'warning',
    );
  }

  // Anchors, aliases and `__proto__`, anywhere; anchors and aliases once per line (a "billion laughs"
  // front matter has dozens on a line).
  const refused = new Set<Node>();
  const anchorLines = new Set<number>();
  const firstOnLine = (offset: number) => {
    const line = p.lines.lineAt(base + offset);
    if (anchorLines.has(line)) return false;
    anchorLines.add(line);
    return true;
  };
  visit(doc, {
    Alias(_, node) {
      const r = node.range ?? [0, 0];
      if (!firstOnLine(r[0])) return;
      report(at(r[0], r[1]), `The front matter uses the YAML alias "*${truncate(node.source, 30)}"; aliases are not allowed here. Write the value out in full.`);
    },
    Node(_, node) {
      if (isAlias(node) || node.anchor === undefined || node.range == null) return;
      const name = `&${node.anchor}`;
      // The anchor stands before the node (on its line, or on the key's line above a block).
      const found = yamlText.lastIndexOf(name, node.range[0]);
      const start = found >= 0 ? found : node.range[0];
      if (!firstOnLine(start)) return;
      report(at(start, start + name.length), `The front matter defines the YAML anchor "${truncate(name, 30)}"; anchors and aliases are not allowed here. Write each value out in full.`);
    },
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === '__proto__') {
        const r = pair.key.range ?? [0, 0];
        report(at(r[0], r[1]), 'The key "__proto__" is not allowed in the front matter; remove it.');
        refused.add(pair.key);
      }
    },
  });

  if (doc.errors.length > 0) return reading;

  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === ''))) {
    report(fmFence(p), 'The front matter is empty, but a title is expected: add "title: …" between the "---" lines, or remove them.');
    return reading;
  }
  if (!isMap(contents)) {
    const r = contents.range ?? [0, yamlText.length];
    report(at(r[0], r[1]), 'The front matter must be "key: value" lines, such as "title: Partiprogram 2027–2031"; found no key. Write a key, a colon and a space before the value.');
    return reading;
  }

  const props = schema.properties as Record<string, { type?: string }>;
  const byKey = new Map<string, FrontMatterEntry>();
  for (const pair of contents.items as Pair<unknown, unknown>[]) {
    if (!isScalar(pair.key)) {
      const r = (pair.key as Node | null)?.range ?? contents.range ?? [0, 0];
      report(at(r[0], r[1]), 'A front-matter key must be a plain word such as "title"; this key is a list or a set of keys. Write "key: value".');
      continue;
    }
    const keyNode = pair.key as Scalar;
    if (refused.has(keyNode)) continue;
    const key = String(keyNode.value);
    const kr = keyNode.range ?? [0, 0];
    const valueNode = pair.value as Node | null;
    const vr = valueNode?.range ?? undefined;
    const entry: FrontMatterEntry = { key, keySpan: at(kr[0], kr[1]), valueSpan: vr != null && vr[1] > vr[0] ? at(vr[0], vr[1]) : undefined, value: undefined };
    entries.push(entry);
    if (valueNode !== null && containsRefused(valueNode, refused)) continue;
    entry.value = scalarValue(valueNode, props[key]?.type === 'string');
    data[key] = entry.value;
    if (!byKey.has(key)) byKey.set(key, entry);
    // `title: Program #1`: a comment glued to the value.
    if (isScalar(valueNode) && valueNode.type === 'PLAIN' && vr != null) {
      const after = yamlText.slice(vr[1], vr[2]);
      const hash = /^[ \t]+#(\S.*)$/.exec(after.split(/\r?\n/)[0]);
      if (hash !== null) {
        const full = `${yamlText.slice(vr[0], vr[1])} #${hash[1]}`;
        const start = vr[1] + after.indexOf('#');
        report(
          at(start, start + 1 + hash[1].length),
          `"#${truncate(hash[1], 30)}" starts a YAML comment, so it is not part of the value of ${key}. To keep it, put the value in quotes: ${key}: ${quote(full)}`,
          'warning',
        );
      }
    }
  }

  const check = validate();
  if (!check(data)) {
    const done = new Set<string>();
    for (const error of check.errors ?? []) {
      const d = schemaErrorDiagnostic(p, error, byKey, yamlText, base);
      if (d === undefined) continue;
      const id = `${d.span.start}:${d.span.end}:${error.instancePath}`;
      if (done.has(id)) continue;
      done.add(id);
      diagnostics.push(d);
    }
  }
  return reading;
}

/** The span of the opening `---` line. */
function fmFence(p: Programme): Span {
  const start = p.frontMatter?.span.start ?? 0;
  return { start, end: start + 3 };
}

/** True when `node` is refused or holds an alias or a refused node. */
function containsRefused(node: Node, refused: Set<Node>): boolean {
  if (refused.has(node) || isAlias(node)) return true;
  if (!isCollection(node)) return false;
  let found = false;
  visit(node, {
    Alias: () => {
      found = true;
      return visit.BREAK;
    },
    Node: (_, n) => {
      if (refused.has(n)) {
        found = true;
        return visit.BREAK;
      }
      return undefined;
    },
    Pair: (_, pair) => {
      if (isScalar(pair.key) && pair.key.value === '__proto__') {
        found = true;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** The value of a node as checked; a plain scalar under a text key is taken as written. */
function scalarValue(node: Node | null, asText: boolean): unknown {
  if (node === null) return null;
  if (isScalar(node)) {
    if (asText && node.type === 'PLAIN' && node.tag === undefined && node.value !== null && typeof node.value !== 'string') {
      return node.source ?? String(node.value);
    }
    return node.value;
  }
  return node.toJSON();
}

/** A YAML double-quoted string of `text`. */
function quote(text: string): string {
  return JSON.stringify(text);
}

/** The text of the document line holding `offset`, and where it starts. */
function lineOf(p: Programme, offset: number): { text: string; start: number; line: number } {
  const line = p.lines.lineAt(offset);
  const start = p.lines.lineStarts()[line];
  return { text: p.text.slice(start, p.lines.lineContentEnd(line)), start, line };
}

/** A parse error in words, on its line. */
function yamlErrorMessage(p: Programme, base: number, yamlText: string, error: YAMLError): { span: Span; message: string; related?: Related[] } {
  const start = base + error.pos[0];
  const { text, start: lineStart, line } = lineOf(p, start);
  const lineSpan = { start: lineStart, end: lineStart + text.length };
  const keyValue = /^([ \t]*)([^:#\s][^:#]*?):(?:[ \t]+([\s\S]*))?$/.exec(text);
  switch (error.code) {
    case 'BLOCK_AS_IMPLICIT_KEY': {
      // `title: Partiprogram: 2027`, or the next line indented under a value.
      if (keyValue !== null && keyValue[3] !== undefined && /:[ \t]/.test(keyValue[3] + ' ')) {
        const key = keyValue[2];
        const value = keyValue[3];
        const valueStart = lineStart + text.indexOf(value, keyValue[1].length + key.length + 1);
        return {
          span: { start: valueStart, end: valueStart + value.length },
          message: `The value of ${key} contains ": ", which YAML reads as the start of another key. Put the value in quotes: ${key}: ${quote(value.trim())}`,
        };
      }
      const next = line + 1 < p.lines.lineCount ? lineOf(p, p.lines.lineStarts()[line + 1]) : undefined;
      if (next !== undefined && /^[ \t]+\S/.test(next.text)) {
        return {
          span: { start: next.start, end: next.start + next.text.length },
          message: `This line is indented, so YAML reads it as part of the line above. Start every key at the beginning of its line${keyValue !== null ? `, or put the value of ${keyValue[2]} in quotes if it goes on over several lines` : ''}.`,
        };
      }
      break;
    }
    case 'MULTILINE_IMPLICIT_KEY':
    case 'MISSING_CHAR': {
      if (error.code === 'MISSING_CHAR' && /quote/i.test(error.message)) {
        // The unclosed quote: the nearest line above the error whose value opens with a quote.
        for (let l = p.lines.lineAt(Math.max(base, start - 1)); l >= p.lines.lineAt(base); l--) {
          const candidate = lineOf(p, p.lines.lineStarts()[l]);
          const m = /^[ \t]*([^:#\s][^:#]*?):[ \t]+(["'])/.exec(candidate.text);
          if (m !== null) {
            const q = candidate.start + candidate.text.indexOf(m[2], m[0].length - 1);
            return {
              span: { start: q, end: candidate.start + candidate.text.length },
              message: `The value of ${m[1]} opens with ${m[2]} but is not closed. Add ${m[2]} at the end of the value.`,
            };
          }
        }
        return { span: lineSpan, message: 'A quoted value is not closed. Add the closing quote at the end of the value.' };
      }
      const trimmed = text.trim();
      if (trimmed !== '' && !/:([ \t]|$)/.test(trimmed)) {
        const first = /^(\S+)[ \t]+([\s\S]+)$/.exec(trimmed);
        const example = first !== null ? `${first[1]}: ${first[2]}` : `${trimmed}: …`;
        const indent = text.length - text.trimStart().length;
        return {
          span: { start: lineStart + indent, end: lineStart + text.trimEnd().length },
          message: `"${truncate(trimmed, 40)}" has no colon after its key. Write "key: value", for example "${truncate(example, 50)}".`,
        };
      }
      break;
    }
    case 'TAB_AS_INDENT':
      return { span: { start, end: base + Math.max(error.pos[1], error.pos[0] + 1) }, message: 'A tab indents this line; YAML allows only spaces there. Remove the tab (keys start at the beginning of the line).' };
    case 'BAD_SCALAR_START': {
      const ch = yamlText[error.pos[0]] ?? '';
      const value = text.slice(start - lineStart).trim();
      const key = keyValue?.[2];
      return {
        span: { start, end: lineStart + text.trimEnd().length },
        message: `A value cannot start with "${ch}" in YAML. Put the value in quotes${key !== undefined ? `: ${key}: ${quote(value)}` : '.'}`,
      };
    }
    case 'DUPLICATE_KEY': {
      const key = keyValue?.[2] ?? text.trim();
      const related: Related[] = [];
      for (let l = p.lines.lineAt(base); l < line; l++) {
        const other = lineOf(p, p.lines.lineStarts()[l]);
        const m = /^([ \t]*)([^:#\s][^:#]*?):/.exec(other.text);
        if (m !== null && m[2] === key) {
          related.push({ span: { start: other.start + m[1].length, end: other.start + m[1].length + key.length }, message: `${key} is first given here.` });
          break;
        }
      }
      const keyStart = lineStart + (keyValue?.[1].length ?? 0);
      return { span: { start: keyStart, end: keyStart + key.length }, message: `${key} is given twice in the front matter. Keep one of the two lines.`, related };
    }
    default:
      break;
  }
  return {
    span: { start, end: Math.max(start + 1, Math.min(base + error.pos[1], lineSpan.end)) },
    message: `The front matter is not valid YAML here (${error.message}). Each line should be "key: value", for example "title: Partiprogram 2027–2031".`,
  };
}

/** How a value was written, for messages: `"tjuetjuesju"`, `2027.5`, `a list`. */
function shown(entry: FrontMatterEntry | undefined, yamlText: string, base: number): string {
  if (entry === undefined) return 'nothing';
  const v = entry.value;
  if (Array.isArray(v)) return 'a list';
  if (v !== null && typeof v === 'object') return 'a set of keys';
  if (entry.valueSpan === undefined) return 'nothing';
  const written = yamlText.slice(entry.valueSpan.start - base, entry.valueSpan.end - base).trim();
  return typeof v === 'string' ? quote(truncate(v, 40)) : truncate(written, 40);
}

/** A date written day first (`15.04.2027`, `15/4/2027`) or without zeros (`2027-4-5`), as YYYY-MM-DD. */
function dateSuggestion(text: string): string | undefined {
  let m = /^([0-9]{1,2})[./-]([0-9]{1,2})[./-]([0-9]{4})$/.exec(text.trim());
  let y: string, mo: string, d: string;
  if (m !== null) [, d, mo, y] = m;
  else {
    m = /^([0-9]{4})[./-]([0-9]{1,2})[./-]([0-9]{1,2})$/.exec(text.trim());
    if (m === null) return undefined;
    [, y, mo, d] = m;
  }
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) return undefined;
  return `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/** One ajv error as a diagnostic for people, or undefined when another error says it better. */
function schemaErrorDiagnostic(p: Programme, error: ErrorObject, byKey: Map<string, FrontMatterEntry>, yamlText: string, base: number): Diagnostic | undefined {
  const make = (span: Span, message: string, severity: Diagnostic['severity'] = 'error', data?: Record<string, unknown>): Diagnostic => ({
    code: 'front-matter',
    severity,
    message,
    span,
    ...(data !== undefined ? { data } : {}),
  });
  if (error.instancePath === '') {
    if (error.keyword === 'required') {
      const key = String(error.params.missingProperty);
      return make(fmFence(p), `${key} is missing: add "${key}: …" to the front matter.`, 'error', { missing: key });
    }
    if (error.keyword === 'additionalProperties') {
      const key = String(error.params.additionalProperty);
      const entry = byKey.get(key);
      const meant = KEY_SYNONYMS[key.toLowerCase()] ?? nearest(key.toLowerCase(), FRONT_MATTER_KEYS, 1)[0] ?? (FRONT_MATTER_KEYS.includes(key.toLowerCase()) ? key.toLowerCase() : undefined);
      const span = entry?.keySpan ?? fmFence(p);
      const known = FRONT_MATTER_KEYS.join(', ');
      return make(
        span,
        meant !== undefined
          ? `Unknown key "${truncate(key, 40)}" (did you mean "${meant}"?): correct it, or remove the line.`
          : `Unknown key "${truncate(key, 40)}": the front matter's keys are ${known}. Correct it, or remove the line.`,
        'warning',
        meant !== undefined ? { suggestion: meant } : undefined,
      );
    }
    return undefined;
  }
  const key = error.instancePath.slice(1).split('/')[0].replace(/~1/g, '/').replace(/~0/g, '~');
  const entry = byKey.get(key);
  const span = entry?.valueSpan ?? entry?.keySpan ?? fmFence(p);
  const found = shown(entry, yamlText, base);
  const value = entry?.value;
  if (value === null || value === undefined) {
    return make(span, `${key} is empty: write a value after "${key}:", or remove the line.`);
  }
  switch (error.keyword) {
    case 'type':
      if (error.params.type === 'integer') {
        if (typeof value === 'string' && /^[0-9]+$/.test(value.trim())) {
          return make(span, `${key} must be a whole number, found ${found} in quotes. Remove the quotes: ${key}: ${value.trim()}`);
        }
        return make(span, `${key} must be a whole number, found ${found}. Write it in digits, for example "${key}: 2027".`);
      }
      if (error.params.type === 'string') return make(span, `${key} must be text, found ${found}. Write the text on the same line as "${key}:".`);
      return make(span, `${key} must be ${String(error.params.type)}, found ${found}.`);
    case 'minLength':
      return make(span, `${key} is empty: write a value after "${key}:", or remove the line.`);
    case 'minimum':
    case 'maximum':
      return make(span, `${key} must be a four-digit year, found ${found}.`);
    case 'enum': {
      const allowed = (error.params.allowedValues as string[]).map((v) => `"${v}"`);
      const list = allowed.length === 2 ? `${allowed[0]} or ${allowed[1]}` : allowed.join(', ');
      const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
      const meant = (error.params.allowedValues as string[]).includes(text) ? text : STATUS_SYNONYMS[text] ?? nearest(text, error.params.allowedValues as string[], 1)[0];
      return make(span, `${key} must be ${list}, found ${found}${meant !== undefined ? ` (did you mean "${meant}"?)` : ''}.`, 'error', meant !== undefined ? { suggestion: meant } : undefined);
    }
    case 'pattern': {
      const text = typeof value === 'string' ? value.trim() : '';
      let meant = LANG_SYNONYMS[text.toLowerCase()];
      if (meant === undefined && /^[A-Za-z]{2,3}_[A-Za-z]{2}$/.test(text)) meant = text.replace('_', '-');
      return make(
        span,
        `${key} must be a language tag such as "nb", "nn", "en" or "de-DE", found ${found}${meant !== undefined ? ` (did you mean "${meant}"?)` : ''}.`,
        'error',
        meant !== undefined ? { suggestion: meant } : undefined,
      );
    }
    case 'format': {
      const meant = typeof value === 'string' ? dateSuggestion(value) : undefined;
      return make(
        span,
        `${key} must be a date written YYYY-MM-DD, found ${found}${meant !== undefined ? ` (did you mean "${meant}"?)` : ''}.`,
        'error',
        meant !== undefined ? { suggestion: meant } : undefined,
      );
    }
    default:
      return make(span, `${key}: ${error.message ?? 'does not fit the schema'} (found ${found}).`);
  }
}
