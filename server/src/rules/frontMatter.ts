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
 *
 * Fixes (`Diagnostic.fixes`): a message that names the replacement ("did you mean "draft"?", "Remove
 * the quotes", "Put the value in quotes") carries it as a fix that changes only the key or value it
 * names (a value keeps its quotes: `'utkast'` becomes `'draft'`). A fix is `automatic` when only one
 * reading is possible and it keeps the writer's meaning: a status word (`utkast`, `Entwurf`,
 * `vedtatt`) or a typo of one (`drfat`), a date written another way (`17. mai 2027`, `May 17, 2027`)
 * when its order is certain, `year: "2027"`, a key in another language (`tittel`, `Jahr`) or misspelt
 * (`yaer`) when exactly one key is near, the quotes and colons of the YAML messages. Guesses
 * (`lang: norsk`, which may be nn; `status: final`; `05/06/2027`, whose order is not certain; a key
 * near two keys) are offered in the editor but never applied by themselves. docs/rules.md lists them.
 */
import * as l10n from '@vscode/l10n';
import { isAlias, isMap, isScalar, isCollection, parseDocument, visit, type Alias, type Node, type Pair, type Scalar, type YAMLError } from 'yaml';
import type { ErrorObject } from 'ajv';
import type { Diagnostic, Fix, Related, Span } from '../syntax/span';
import { detached, truncate } from '../syntax/tree';
import type { Programme } from '../model/programme';
import { nearest } from '../model/nearest';
import { currentLanguage, eitherOf } from '../l10n/index';
import schema from '../../../schemas/programme.schema.json';
import validate from '../schemas/programme.validate';

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

/** `front-matter` diagnostics of `p` (none when it has no front matter). */
export function checkFrontMatter(p: Programme): Diagnostic[] {
  const fm = p.frontMatter;
  if (fm === undefined) return [];
  // The reading depends on the characters up to the line after the closing fence alone (a message on
  // the last line of the YAML may look at the next line), and on the language of its messages: the
  // language server's next version, whose edit lies further down, takes it over.
  const starts = p.lines.lineStarts();
  const next = p.lines.lineAt(fm.span.end) + 2;
  const head = p.text.slice(0, next < starts.length ? starts[next] : p.text.length);
  const last = p.caches?.get('front-matter') as FrontMatterMemo | undefined;
  if (last !== undefined && last.language === currentLanguage() && last.head === head) return last.diagnostics;
  const diagnostics = readFrontMatter(p)?.diagnostics ?? [];
  p.caches?.set('front-matter', { head: detached(head), language: currentLanguage(), diagnostics } satisfies FrontMatterMemo);
  return diagnostics;
}

/**
 * What {@link checkFrontMatter} keeps in `Programme.caches` for the next version: the text from the
 * document's start to the end of the line after the front matter's closing line, the language its
 * messages are in, and its diagnostics (shared, never changed).
 */
interface FrontMatterMemo {
  head: string;
  language: string;
  diagnostics: Diagnostic[];
}

/**
 * Keys in other languages (lower case, NFC) → the key meant, where the word can mean nothing else:
 * renaming is automatic when no other key is near.
 */
const KEY_SYNONYMS: Record<string, string> = {
  tittel: 'title', titel: 'title',
  parti: 'party', partiet: 'party', partei: 'party',
  valg: 'election', valget: 'election', wahl: 'election',
  'år': 'year', aar: 'year', jahr: 'year',
  language: 'lang', 'språk': 'lang', sprak: 'lang', 'målform': 'lang', sprache: 'lang', locale: 'lang',
  vedtaksdato: 'adopted', beschlussdatum: 'adopted',
  versjon: 'version',
};
/** Keys that may mean one of several keys, the likelier first: suggested, never renamed by themselves. */
const KEY_GUESSES: Record<string, string[]> = {
  overskrift: ['title'], 'überschrift': ['title'], name: ['title', 'party'], navn: ['title', 'party'],
  'mål': ['lang'],
  vedtatt: ['adopted', 'status'], vedteke: ['adopted', 'status'], beschlossen: ['adopted', 'status'],
  date: ['adopted'], dato: ['adopted'], datum: ['adopted'],
  utgave: ['version'], 'utgåve': ['version'], fassung: ['version'],
};

/** Words people write for a status (lower case, NFC) → the status they mean, with no other reading. */
const STATUS_WORDS: Record<string, string> = {
  vedtatt: 'adopted', vedteke: 'adopted', vedteken: 'adopted', godkjent: 'adopted', godkjend: 'adopted',
  beschlossen: 'adopted', verabschiedet: 'adopted', angenommen: 'adopted', approved: 'adopted', accepted: 'adopted',
  utkast: 'draft', arbeidsutkast: 'draft', forslag: 'draft', programforslag: 'draft',
  'høringsutkast': 'draft', 'høyringsutkast': 'draft', 'høring': 'draft', 'høyring': 'draft', hoering: 'draft', horing: 'draft',
  entwurf: 'draft', proposal: 'draft', proposed: 'draft',
};
/** Status words that are likely but not certain ("final" may be the final draft): suggested only. */
const STATUS_GUESSES: Record<string, string> = {
  final: 'adopted', endelig: 'adopted', endeleg: 'adopted',
};
/** Nouns that may follow a status word without changing it: `vedtatt program`, `Entwurf-Fassung`. */
const STATUS_NOUN = /^(.+?)[ -](?:program|programmet|programm|programme|versjon|version|fassung|utgave|utgåve)$/;

/** Names of languages (lower case, NFC) → their tag, where the name has one written language. */
const LANG_WORDS: Record<string, string> = {
  'bokmål': 'nb', bokmal: 'nb', 'norsk bokmål': 'nb', nynorsk: 'nn', 'norsk nynorsk': 'nn',
  english: 'en', engelsk: 'en', englisch: 'en', deutsch: 'de', german: 'de', tysk: 'de',
  svenska: 'sv', svensk: 'sv', swedish: 'sv', dansk: 'da', danish: 'da', 'davvisámegiella': 'se', nordsamisk: 'se',
};
/** Names that cover more than one tag, the likelier first (Norwegian is written as nb or nn; Sami is several languages). */
const LANG_GUESSES: Record<string, string[]> = {
  norsk: ['nb', 'nn'], norwegian: ['nb', 'nn'], norwegisch: ['nb', 'nn'], samisk: ['se'], 'sámegiella': ['se'],
};

/** The keys whose value is text (from the schema). */
const TEXT_KEYS = new Set(FRONT_MATTER_KEYS.filter((k) => (schema.properties as Record<string, { type?: string }>)[k].type === 'string'));

/** One `key: value` line of a {@link simpleFrontMatter}: its key, the value's text, and their offsets in the YAML text. */
export interface SimpleEntry {
  key: string;
  keyStart: number;
  /** The value as written (a plain word string, or digits). */
  source: string;
  valueStart: number;
}

/**
 * A `key: value` line that YAML (1.2, core schema) reads as a plain key and a plain scalar that is a
 * string or a decimal integer, whatever the rest of the text: the key a word (not a YAML null or
 * boolean), the value a letter followed by anything but controls, tabs, `#`, `:` and trailing blanks,
 * or the digits of an integer that a double holds exactly.
 */
const SIMPLE_LINE = /^([A-Za-z][A-Za-z0-9_-]{0,99}):[ ]+(\p{L}[^\x00-\x1f\x7f-\x9f#:\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]*(?<![ ])|0|[1-9][0-9]{0,14})$/u;

/**
 * The words YAML reads as a null or a boolean, not as a string (in YAML 1.2; YAML 1.1's too, to be
 * safe): a key or value that is one of them is left to the YAML parser.
 */
const NOT_STRING_WORD = /^(?:null|true|false|yes|no|on|off|y|n)$/i;

/**
 * The lines of front matter that is only `key: value` lines of the simplest kind ({@link SIMPLE_LINE}),
 * each key once, no key or value a null or boolean word ({@link NOT_STRING_WORD}), separated by LF or CRLF (and nothing else: no blank line, comment, indentation or
 * quote); undefined for any other. Such a text is read without the YAML parser (about 1 ms of the
 * start of `programme check`), with the result YAML's would give (test/front-matter.test.ts compares
 * the two); anything else is read by the YAML parser.
 */
export function simpleFrontMatter(yamlText: string): SimpleEntry[] | undefined {
  const entries: SimpleEntry[] = [];
  const keys = new Set<string>();
  let start = 0;
  while (start < yamlText.length) {
    let end = yamlText.indexOf('\n', start);
    const next = end < 0 ? yamlText.length : end + 1;
    if (end < 0) end = yamlText.length;
    else if (end > start && yamlText.charCodeAt(end - 1) === 13) end--;
    const m = SIMPLE_LINE.exec(yamlText.slice(start, end));
    if (m === null || NOT_STRING_WORD.test(m[1]) || NOT_STRING_WORD.test(m[2]) || keys.has(m[1])) return undefined;
    keys.add(m[1]);
    entries.push({ key: m[1], keyStart: start, source: m[2], valueStart: end - m[2].length });
    start = next;
  }
  return entries.length > 0 ? entries : undefined;
}

/**
 * The reading of front matter that {@link simpleFrontMatter} reads, as {@link readFrontMatter} makes
 * it with the YAML parser; undefined when the data do not pass the schema (the YAML parser's nodes
 * then place the diagnostics).
 */
function readSimpleFrontMatter(simple: SimpleEntry[], base: number): FrontMatterReading | undefined {
  const props = schema.properties as Record<string, { type?: string }>;
  const entries: FrontMatterEntry[] = [];
  const data: Record<string, unknown> = {};
  for (const { key, keyStart, source, valueStart } of simple) {
    const isText = props[key]?.type === 'string';
    const value = isText || !/^[0-9]/.test(source) ? source : Number(source);
    entries.push({ key, keySpan: { start: base + keyStart, end: base + keyStart + key.length }, valueSpan: { start: base + valueStart, end: base + valueStart + source.length }, value });
    data[key] = value;
  }
  return validate(data) ? { data, entries, diagnostics: [] } : undefined;
}

/**
 * Reads and checks the front matter of `p`; undefined when there is none. Never throws. Offsets in
 * the result are document offsets (the YAML's own offsets + `frontMatter.contentSpan.start`). Front
 * matter of only simple `key: value` lines ({@link simpleFrontMatter}) is read without the YAML
 * parser unless `yamlOnly` (for the tests that compare the two).
 */
export function readFrontMatter(p: Programme, yamlOnly = false): FrontMatterReading | undefined {
  const fm = p.frontMatter;
  if (fm === undefined) return undefined;
  const base = fm.contentSpan.start;
  const yamlText = p.text.slice(fm.contentSpan.start, fm.contentSpan.end);
  if (!yamlOnly) {
    const simple = simpleFrontMatter(yamlText);
    const read = simple === undefined ? undefined : readSimpleFrontMatter(simple, base);
    if (read !== undefined) return read;
  }
  const diagnostics: Diagnostic[] = [];
  const entries: FrontMatterEntry[] = [];
  const data: Record<string, unknown> = {};
  const reading: FrontMatterReading = { data, entries, diagnostics };
  const at = (start: number, end: number): Span => ({ start: base + start, end: base + Math.max(start, end) });
  const report = (span: Span, message: string, severity: Diagnostic['severity'] = 'error', extra: Partial<Diagnostic> = {}) => {
    const d: Diagnostic = { code: 'front-matter', severity, message, span, ...extra };
    diagnostics.push(d);
    return d;
  };

  let doc;
  try {
    doc = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: true, strict: true, version: '1.2', schema: 'core', merge: false });
  } catch (error) {
    // The YAML parser's own words (English) say what it could not read.
    report(fm.span, l10n.t('The front matter could not be read as YAML ({0}). Write one "key: value" per line.', error instanceof Error ? error.message : String(error)));
    return reading;
  }

  // Parse errors: the first of each line, in words.
  const reportedLines = new Set<number>();
  for (const error of doc.errors) {
    const line = p.lines.lineAt(base + error.pos[0]);
    if (reportedLines.has(line)) continue;
    reportedLines.add(line);
    const { span, message, related, fixes } = yamlErrorMessage(p, base, yamlText, error);
    report(span, message, 'error', { ...(related !== undefined ? { related } : {}), ...withFixes(fixes) });
  }
  for (const warning of doc.warnings) {
    const span = at(warning.pos[0], warning.pos[1]);
    const shown = yamlText.slice(warning.pos[0], warning.pos[1]);
    if (warning.code === 'TAG_RESOLVE_FAILED') {
      report(span, l10n.t('The YAML tag "{0}" is not known here; remove it.', truncate(shown, 30)), 'warning', withFixes([removeMarker(p, span, l10n.t('Remove the tag'), true)]));
    } else {
      // The YAML parser's own words (English), for the rare warnings no message here names.
      report(span, l10n.t('The front matter has a YAML problem here ({0}).', warning.message), 'warning');
    }
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
  // For the fixes: the node each anchor name stands on (the latest, as YAML binds aliases), the
  // names aliases use, and the diagnostics to complete once every alias is known.
  const anchored = new Map<Alias, Node | undefined>();
  const latestAnchor = new Map<string, Node>();
  const aliasNames = new Set<string>();
  const anchorDiagnostics: { d: Diagnostic; name: string }[] = [];
  const aliasDiagnostics = new Map<Alias, Diagnostic>();
  visit(doc, {
    Alias(_, node) {
      aliasNames.add(node.source);
      anchored.set(node, latestAnchor.get(node.source));
      const r = node.range ?? [0, 0];
      if (!firstOnLine(r[0])) return;
      aliasDiagnostics.set(node, report(at(r[0], r[1]), l10n.t('The front matter uses the YAML alias "{0}"; aliases are not allowed here. Write the value out in full.', `*${truncate(node.source, 30)}`)));
    },
    Node(_, node) {
      if (isAlias(node) || node.anchor === undefined || node.range == null) return;
      latestAnchor.set(node.anchor, node);
      const name = `&${node.anchor}`;
      // The anchor stands before the node (on its line, or on the key's line above a block).
      const found = yamlText.lastIndexOf(name, node.range[0]);
      const start = found >= 0 ? found : node.range[0];
      if (!firstOnLine(start)) return;
      const d = report(at(start, start + name.length), l10n.t('The front matter defines the YAML anchor "{0}"; anchors and aliases are not allowed here. Write each value out in full.', truncate(name, 30)));
      if (found >= 0) anchorDiagnostics.push({ d, name: node.anchor });
    },
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === '__proto__') {
        const r = pair.key.range ?? [0, 0];
        report(at(r[0], r[1]), l10n.t('The key "__proto__" is not allowed in the front matter; remove it.'));
        refused.add(pair.key);
      }
    },
  });
  // An anchor that no alias uses can simply go; one that is used goes once its aliases are written out.
  for (const { d, name } of anchorDiagnostics) if (!aliasNames.has(name)) d.fixes = [removeMarker(p, d.span, l10n.t('Remove the anchor'), true)];
  // An alias that is the whole value of a key, of a one-line scalar: the scalar as written.
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      const alias = pair.value;
      const d = isAlias(alias) ? aliasDiagnostics.get(alias) : undefined;
      const target = isAlias(alias) ? anchored.get(alias) : undefined;
      if (d === undefined || target === undefined || !isScalar(target) || target.range == null || target.tag !== undefined) continue;
      const written = yamlText.slice(target.range[0], target.range[1]);
      if (written === '' || /[\r\n]/.test(written) || !['PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'].includes(String(target.type))) continue;
      d.fixes = [{ title: l10n.t('Write the value out in full: {0}', truncate(written, 40)), changes: [{ span: d.span, newText: written }], preferred: true, automatic: true }];
    }
  }

  if (doc.errors.length > 0) return reading;

  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === ''))) {
    report(fmFence(p), l10n.t('The front matter is empty, but a title is expected: add "title: …" between the "---" lines, or remove them.'));
    return reading;
  }
  if (!isMap(contents)) {
    const r = contents.range ?? [0, yamlText.length];
    report(at(r[0], r[1]), l10n.t('The front matter must be "key: value" lines, such as "title: Partiprogram 2027–2031"; found no key. Write a key, a colon and a space before the value.'));
    return reading;
  }

  const props = schema.properties as Record<string, { type?: string }>;
  const byKey = new Map<string, FrontMatterEntry>();
  const nodes = new Map<FrontMatterEntry, { key: Scalar; value: Node | null }>();
  for (const pair of contents.items as Pair<unknown, unknown>[]) {
    if (!isScalar(pair.key)) {
      const r = (pair.key as Node | null)?.range ?? contents.range ?? [0, 0];
      report(at(r[0], r[1]), l10n.t('A front-matter key must be a plain word such as "title"; this key is a list or a set of keys. Write "key: value".'));
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
    nodes.set(entry, { key: keyNode, value: valueNode });
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
        const end = start + 1 + hash[1].length;
        // Not automatic: the writer may have meant the comment. None for a value over several lines (YAML folds them).
        const fix: Fix | undefined = /[\r\n]/.test(full)
          ? undefined
          : { title: l10n.t('Put the value in quotes: {0}', truncate(quote(full), 40)), changes: [{ span: at(vr[0], end), newText: quote(full) }], preferred: true };
        report(
          at(start, end),
          l10n.t('"{0}" starts a YAML comment, so it is not part of the value of {1}. To keep it, put the value in quotes: {1}: {2}', `#${truncate(hash[1], 30)}`, key, quote(full)),
          'warning',
          withFixes([fix]),
        );
      }
    }
  }

  // The schema's validator was compiled from the schema by scripts/validators.mjs, before the build.
  if (!validate(data)) {
    const ctx: SchemaContext = { p, byKey, nodes, yamlText, base, keyTargets: keyTargetCounts(entries) };
    const done = new Set<string>();
    for (const error of validate.errors ?? []) {
      const d = schemaErrorDiagnostic(ctx, error);
      if (d === undefined) continue;
      const id = `${d.span.start}:${d.span.end}:${error.instancePath}`;
      if (done.has(id)) continue;
      done.add(id);
      diagnostics.push(d);
    }
  }
  return reading;
}

/** `{ fixes }` when there are any, for spreading into a diagnostic. */
function withFixes(fixes: (Fix | undefined)[] | undefined): { fixes?: Fix[] } {
  const list = (fixes ?? []).filter((f): f is Fix => f !== undefined);
  return list.length > 0 ? { fixes: list } : {};
}

/**
 * A fix that removes the marker at `span` (a tag, an anchor) with the blanks that separate it from the
 * value after it on its line; with none after it, the blanks before it go instead.
 */
function removeMarker(p: Programme, span: Span, title: string, automatic: boolean): Fix {
  const text = p.text;
  let { start, end } = span;
  let after = end;
  while (text[after] === ' ' || text[after] === '\t') after++;
  if (after > end && after < text.length && text[after] !== '\n' && text[after] !== '\r' && text[after] !== '#') end = after;
  else while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  return { title, changes: [{ span: { start, end }, newText: '' }], preferred: true, automatic };
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

/** A parse error in words, on its line, with the fix when the message names one. */
function yamlErrorMessage(p: Programme, base: number, yamlText: string, error: YAMLError): { span: Span; message: string; related?: Related[]; fixes?: (Fix | undefined)[] } {
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
        const span = { start: valueStart, end: valueStart + value.length };
        return {
          span,
          message: l10n.t('The value of {0} contains ": ", which YAML reads as the start of another key. Put the value in quotes: {0}: {1}', key, quote(value.trim())),
          fixes: [quoteFix(key, value, span.start)],
        };
      }
      const next = line + 1 < p.lines.lineCount ? lineOf(p, p.lines.lineStarts()[line + 1]) : undefined;
      if (next !== undefined && /^[ \t]+\S/.test(next.text)) {
        // A known key indented by mistake: the indentation can go. Anything else may be the value going on.
        const indent = next.text.length - next.text.trimStart().length;
        const indented = /^([^:#\s][^:#]*?):(?:[ \t]|$)/.exec(next.text.slice(indent));
        const fix: Fix | undefined =
          indented !== null && FRONT_MATTER_KEYS.includes(indented[1])
            ? { title: l10n.t('Remove the indentation'), changes: [{ span: { start: next.start, end: next.start + indent }, newText: '' }], preferred: true, automatic: true }
            : undefined;
        return {
          span: { start: next.start, end: next.start + next.text.length },
          message:
            keyValue !== null
              ? l10n.t('This line is indented, so YAML reads it as part of the line above. Start every key at the beginning of its line, or put the value of {0} in quotes if it goes on over several lines.', keyValue[2])
              : l10n.t('This line is indented, so YAML reads it as part of the line above. Start every key at the beginning of its line.'),
          fixes: [fix],
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
            const span = { start: q, end: candidate.start + candidate.text.length };
            return {
              span,
              message: l10n.t('The value of {0} opens with {1} but is not closed. Add {1} at the end of the value.', m[1], m[2]),
              fixes: [closeQuoteFix(p, span, m[2], l)],
            };
          }
        }
        return { span: lineSpan, message: l10n.t('A quoted value is not closed. Add the closing quote at the end of the value.') };
      }
      const trimmed = text.trim();
      if (trimmed !== '' && !/:([ \t]|$)/.test(trimmed)) {
        const first = /^(\S+)([ \t]+)([\s\S]+)$/.exec(trimmed);
        const example = first !== null ? `${first[1]}: ${first[3]}` : `${trimmed}: …`;
        const indent = text.length - text.trimStart().length;
        // `title Partiprogram`: a colon after a known key (any other first word may be prose).
        let fix: Fix | undefined;
        if (first !== null && indent === 0 && (FRONT_MATTER_KEYS.includes(first[1].toLowerCase()) || KEY_SYNONYMS[first[1].toLowerCase()] !== undefined)) {
          const gap = { start: lineStart + first[1].length, end: lineStart + first[1].length + first[2].length };
          const automatic = FRONT_MATTER_KEYS.includes(first[1]) && !/^[-?:,[\]{}#&*!|>'"%@`]/.test(first[3]);
          fix = { title: l10n.t('Add ": " after {0}', truncate(first[1], 20)), changes: [{ span: gap, newText: ': ' }], preferred: true, automatic };
        }
        return {
          span: { start: lineStart + indent, end: lineStart + text.trimEnd().length },
          message: l10n.t('"{0}" has no colon after its key. Write "key: value", for example "{1}".', truncate(trimmed, 40), truncate(example, 50)),
          fixes: [fix],
        };
      }
      break;
    }
    case 'TAB_AS_INDENT': {
      // The whole run of blanks at the start of the line goes: keys start at the beginning of the line.
      const indent = text.length - text.replace(/^[ \t]+/, '').length;
      const inIndent = start >= lineStart && start < lineStart + indent;
      const span = inIndent ? { start: lineStart, end: lineStart + indent } : { start, end: base + Math.max(error.pos[1], error.pos[0] + 1) };
      const rest = /^([^:#\s][^:#]*?):(?:[ \t]|$)/.exec(text.slice(indent));
      const fix: Fix | undefined = inIndent
        ? { title: l10n.t('Remove the tab'), changes: [{ span, newText: '' }], preferred: true, automatic: rest !== null && FRONT_MATTER_KEYS.includes(rest[1]) }
        : undefined;
      return { span, message: l10n.t('A tab indents this line; YAML allows only spaces there. Remove the tab (keys start at the beginning of the line).'), fixes: [fix] };
    }
    case 'BAD_SCALAR_START': {
      const ch = yamlText[error.pos[0]] ?? '';
      const value = text.slice(start - lineStart).trim();
      const key = keyValue?.[2];
      return {
        span: { start, end: lineStart + text.trimEnd().length },
        message:
          key !== undefined
            ? l10n.t('A value cannot start with "{0}" in YAML. Put the value in quotes: {1}: {2}', ch, key, quote(value))
            : l10n.t('A value cannot start with "{0}" in YAML. Put the value in quotes.', ch),
        fixes: key !== undefined ? [quoteFix(key, value, start)] : [],
      };
    }
    case 'DUPLICATE_KEY': {
      const key = keyValue?.[2] ?? text.trim();
      const related: Related[] = [];
      for (let l = p.lines.lineAt(base); l < line; l++) {
        const other = lineOf(p, p.lines.lineStarts()[l]);
        const m = /^([ \t]*)([^:#\s][^:#]*?):/.exec(other.text);
        if (m !== null && m[2] === key) {
          related.push({ span: { start: other.start + m[1].length, end: other.start + m[1].length + key.length }, message: l10n.t('{0} is first given here.', key) });
          break;
        }
      }
      const keyStart = lineStart + (keyValue?.[1].length ?? 0);
      return { span: { start: keyStart, end: keyStart + key.length }, message: l10n.t('{0} is given twice in the front matter. Keep one of the two lines.', key), related };
    }
    default:
      break;
  }
  return {
    span: { start, end: Math.max(start + 1, Math.min(base + error.pos[1], lineSpan.end)) },
    // The YAML parser's own words (English), for the errors no message above names.
    message: l10n.t('The front matter is not valid YAML here ({0}). Each line should be "key: value", for example "title: Partiprogram 2027–2031".', error.message),
  };
}

/**
 * The fix that puts the value of `key`, written from offset `start` to the end of its line, in double
 * quotes (trailing blanks stay outside). None when a " #" may start a comment the writer meant, or
 * when the value already starts with a quote or a bracket. Automatic for the keys whose value is text.
 */
function quoteFix(key: string, value: string, start: number): Fix | undefined {
  const written = value.trimEnd();
  if (written === '' || /[ \t]#/.test(written) || /^["'[{]/.test(written)) return undefined;
  return {
    title: l10n.t('Put the value in quotes: {0}', truncate(quote(written), 40)),
    changes: [{ span: { start, end: start + written.length }, newText: quote(written) }],
    preferred: true,
    automatic: TEXT_KEYS.has(key),
  };
}

/**
 * The fix that closes a quote opened at `span.start` at the end of its line (`line`, 0-based; before
 * trailing blanks). Only when the rest of the line holds no other quote of the kind (nor, for double
 * quotes, a backslash, which would start an escape), and the value does not go on over an indented
 * next line: then the line is the value, and closing it there is what the writer meant.
 */
function closeQuoteFix(p: Programme, span: Span, q: string, line: number): Fix | undefined {
  const inside = p.text.slice(span.start + 1, span.end).trimEnd();
  if (inside.includes(q) || (q === '"' && inside.includes('\\'))) return undefined;
  if (line + 1 < p.lines.lineCount && /^[ \t]+\S/.test(lineOf(p, p.lines.lineStarts()[line + 1]).text)) return undefined;
  const end = span.start + 1 + inside.length;
  return { title: l10n.t('Close the quote: add {0} at the end of the line', q), changes: [{ span: { start: end, end }, newText: q }], preferred: true, automatic: true };
}

/**
 * A value as a message shows it: a list, a set of keys, or a single value as written (`text`: text in
 * quotation marks, `"tjuetjuesju"`; anything else as written, `2027.5`). The messages say "a list" and
 * "a set of keys" in sentences of their own.
 */
interface Shown {
  kind: 'list' | 'keys' | 'value';
  text: string;
}

/** How the value of `entry` was written, for messages (see {@link Shown}). */
function shown(entry: FrontMatterEntry, yamlText: string, base: number): Shown {
  const v = entry.value;
  if (Array.isArray(v)) return { kind: 'list', text: '' };
  if (v !== null && typeof v === 'object') return { kind: 'keys', text: '' };
  if (typeof v === 'string') return { kind: 'value', text: quoted(truncate(v, 40).replace(/[\u0000-\u001f]/g, (c) => JSON.stringify(c).slice(1, -1))) };
  const written = entry.valueSpan !== undefined ? yamlText.slice(entry.valueSpan.start - base, entry.valueSpan.end - base).trim() : String(v);
  return { kind: 'value', text: truncate(written, 40) };
}

/** `text` in the quotation marks of the current language: "draft", «draft», „draft“. */
function quoted(text: string): string {
  return l10n.t('"{0}"', text);
}

/** Values or keys the writer may mean, quoted and joined as alternatives: "nb" or "nn", «nb» eller «nn». */
function eitherQuoted(values: readonly string[]): string {
  return eitherOf(values.map(quoted));
}

/** A month of a year for people, in the current language: "February 2027", "februar 2027". */
function monthOfYear(year: number, month: number): string {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, 1);
  return new Intl.DateTimeFormat(currentLanguage(), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** Month names and abbreviations (lower case, NFC) in Norwegian (nb and nn), German and English, by month. */
const MONTH_NAMES: readonly (readonly string[])[] = [
  ['januar', 'january', 'jänner', 'jan', 'jän'],
  ['februar', 'february', 'feber', 'feb', 'febr'],
  ['mars', 'march', 'märz', 'maerz', 'mar', 'mär', 'mrz'],
  ['april', 'apr'],
  ['mai', 'may'],
  ['juni', 'june', 'jun'],
  ['juli', 'july', 'jul'],
  ['august', 'aug'],
  ['september', 'sep', 'sept'],
  ['oktober', 'october', 'okt', 'oct'],
  ['november', 'nov'],
  ['desember', 'dezember', 'december', 'des', 'dez', 'dec'],
];
const MONTHS = new Map<string, number>(MONTH_NAMES.flatMap((names, i) => names.map((n): [string, number] => [n, i + 1])));

/**
 * How the message says a date was read, when it should: `day-first` when the month may come first
 * instead (`05/06/2027`: "if 05 is the month, write …"), `month-first` when the day cannot be a month
 * (`05/17/2027`: "17 cannot be a month").
 */
type DateNote = { kind: 'day-first'; month: string; monthFirst: string } | { kind: 'month-first'; day: string };

/** Why day, month and year are no date: no such month, no such day, or more days than the month has. */
type NotADate = { kind: 'no-month'; month: number } | { kind: 'no-day'; day: number } | { kind: 'too-many-days'; year: number; month: number; days: number };

/**
 * How a value that is not a YYYY-MM-DD date reads as one: the ISO date, whether that reading is
 * certain (`automatic`), and a `note` when the message should say how it was read; or `notADate` with
 * the reason when the day or month cannot be (`31.02.2027`: "February 2027 has 28 days").
 */
type DateReading = { iso: string; automatic: boolean; note?: DateNote } | { notADate: NotADate };

/** The date of year `y`, month `m` and day `d` (1-based), or why there is none. */
function dateOf(y: number, m: number, d: number): DateReading {
  if (m < 1 || m > 12) return { notADate: { kind: 'no-month', month: m } };
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  if (d < 1) return { notADate: { kind: 'no-day', day: d } };
  if (d > days) return { notADate: { kind: 'too-many-days', year: y, month: m, days } };
  return { iso: `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`, automatic: true };
}

/**
 * Reads a date written the ways people write it, or undefined when `written` does not look like one:
 * - year first: `2027.05.17`, `2027/5/17`, `2027-5-17` (never ambiguous);
 * - day first with dots: `17.05.2027`, `17.5.2027`, `17. 5. 2027` (the Norwegian and German way);
 * - day first with `/` or `-`: `17/05/2027`. Day first is the European and Norwegian norm, but in the
 *   United States the month comes first, so when both readings are dates (`05/06/2027`) the day-first
 *   one is suggested, not automatic, and `note` says so; when only the month-first one is a date
 *   (`05/17/2027`), that one is certain;
 * - with the month's name or abbreviation in Norwegian, German or English, any case, with or without
 *   a dot: `17. mai 2027`, `17. Mai 2027`, `17 May 2027`, `17th of May 2027`, `May 17, 2027`, `okt. 3, 2027`.
 * Two-digit years are not read (the century is not certain).
 */
function readDate(written: string): DateReading | undefined {
  const t = written.normalize('NFC').trim().replace(/\s+/g, ' ');
  let m = /^([0-9]{4})[./-]([0-9]{1,2})[./-]([0-9]{1,2})$/.exec(t);
  if (m !== null) return dateOf(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^([0-9]{1,2})([./-]) ?([0-9]{1,2})([./-]) ?([0-9]{4})$/.exec(t);
  if (m !== null) {
    const [, a, sep1, b, sep2, y] = m;
    const dayFirst = dateOf(Number(y), Number(b), Number(a));
    if (sep1 === '.' && sep2 === '.') return dayFirst;
    const monthFirst = dateOf(Number(y), Number(a), Number(b));
    if ('iso' in dayFirst && 'iso' in monthFirst && Number(a) !== Number(b)) {
      return { iso: dayFirst.iso, automatic: false, note: { kind: 'day-first', month: a, monthFirst: monthFirst.iso } };
    }
    if ('iso' in monthFirst && !('iso' in dayFirst)) return { ...monthFirst, note: { kind: 'month-first', day: b } };
    return dayFirst;
  }
  let y: string, month: string, d: string;
  m = /^([0-9]{1,2})(?:\.|st|nd|rd|th)? ?(?:of )?(\p{L}+)\.?,? ([0-9]{4})$/iu.exec(t);
  if (m !== null) [, d, month, y] = m;
  else {
    m = /^(\p{L}+)\.? ([0-9]{1,2})(?:st|nd|rd|th)?\.?,? ([0-9]{4})$/iu.exec(t);
    if (m === null) return undefined;
    [, month, d, y] = m;
  }
  const mo = MONTHS.get(month.toLowerCase());
  return mo === undefined ? undefined : dateOf(Number(y), mo, Number(d));
}

/** The status a word means (`utkast` → draft), whether that is certain, or undefined. */
function statusMeaning(value: unknown, allowed: string[]): { meant: string; automatic: boolean } | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
  if (text === '') return undefined;
  if (allowed.includes(text)) return { meant: text, automatic: true };
  const noun = STATUS_NOUN.exec(text);
  for (const word of noun !== null ? [text, noun[1]] : [text]) {
    if (allowed.includes(word)) return { meant: word, automatic: true };
    if (STATUS_WORDS[word] !== undefined) return { meant: STATUS_WORDS[word], automatic: true };
    if (STATUS_GUESSES[word] !== undefined) return { meant: STATUS_GUESSES[word], automatic: false };
  }
  // A typo of an allowed value (`drfat`) is certain: they are far apart. A typo of a word is a guess.
  const typo = nearest(text, allowed, allowed.length);
  if (typo.length === 1) return { meant: typo[0], automatic: true };
  const words = [...Object.keys(STATUS_WORDS), ...Object.keys(STATUS_GUESSES)];
  const meanings = new Set(nearest(text, words, words.length).map((w) => STATUS_WORDS[w] ?? STATUS_GUESSES[w]));
  return meanings.size === 1 ? { meant: [...meanings][0], automatic: false } : undefined;
}

/**
 * The language tags a value may mean, the likelier first (`nynorsk` → nn, `nb_NO` → nb-NO, `norsk` →
 * nb or nn), and whether that is certain (one tag, from a name with no other reading); or undefined.
 */
function langMeaning(value: unknown): { meant: string[]; automatic: boolean } | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.normalize('NFC').trim().replace(/\s+/g, ' ');
  const lower = text.toLowerCase();
  if (LANG_WORDS[lower] !== undefined) return { meant: [LANG_WORDS[lower]], automatic: true };
  if (LANG_GUESSES[lower] !== undefined) return { meant: LANG_GUESSES[lower], automatic: false };
  if (/^[A-Za-z]{2,3}_[A-Za-z]{2}$/.test(text)) return { meant: [text.replace('_', '-')], automatic: true };
  return undefined;
}

/**
 * The known keys an unknown `key` may mean, the likelier first, and whether the first is certain
 * (one key only, from a word that means nothing else, a case slip or a typo).
 */
function keyMeaning(key: string): { keys: string[]; certain: boolean } {
  const lower = key.normalize('NFC').toLowerCase();
  if (FRONT_MATTER_KEYS.includes(lower)) return { keys: [lower], certain: true };
  const keys = new Set<string>();
  if (KEY_SYNONYMS[lower] !== undefined) keys.add(KEY_SYNONYMS[lower]);
  for (const k of KEY_GUESSES[lower] ?? []) keys.add(k);
  for (const k of nearest(lower, FRONT_MATTER_KEYS, FRONT_MATTER_KEYS.length)) keys.add(k);
  return { keys: [...keys], certain: keys.size === 1 && KEY_GUESSES[lower] === undefined };
}

/** For each known key, how many unknown keys of `entries` may mean it (two renamed to one would clash). */
function keyTargetCounts(entries: FrontMatterEntry[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of entries) {
    if (FRONT_MATTER_KEYS.includes(e.key)) continue;
    for (const k of keyMeaning(e.key).keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

/** What the schema errors are explained with. */
interface SchemaContext {
  p: Programme;
  /** The first entry of each key. */
  byKey: Map<string, FrontMatterEntry>;
  /** The YAML nodes of each entry, for the quoting a fix keeps. */
  nodes: Map<FrontMatterEntry, { key: Scalar; value: Node | null }>;
  yamlText: string;
  /** Document offset of the YAML text. */
  base: number;
  /** {@link keyTargetCounts} of the entries. */
  keyTargets: Map<string, number>;
}

/**
 * `text` written as `node` was written: in the same quotes, or plain (`plain`, or a plain node). Undefined
 * for a node a one-line replacement cannot stand for (a block scalar, a tagged or anchored value,
 * a collection, a value over several lines).
 */
function writtenLike(node: Node | null | undefined, text: string, written: string, plain = false): string | undefined {
  if (!isScalar(node) || node.tag !== undefined || node.anchor !== undefined || /[\r\n]/.test(written)) return undefined;
  if (node.type === 'PLAIN' || (plain && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE'))) return text;
  if (node.type === 'QUOTE_DOUBLE') return quote(text);
  if (node.type === 'QUOTE_SINGLE') return `'${text.replace(/'/g, "''")}'`;
  return undefined;
}

/**
 * The fix that writes `text` for the value of `entry` (keeping its quotes, or without them when
 * `plain`); undefined when the value cannot be replaced on its own (see {@link writtenLike}).
 */
function valueFix(ctx: SchemaContext, entry: FrontMatterEntry, text: string, automatic: boolean, opts: { plain?: boolean; title?: string } = {}): Fix | undefined {
  const span = entry.valueSpan;
  if (span === undefined) return undefined;
  const newText = writtenLike(ctx.nodes.get(entry)?.value, text, ctx.p.text.slice(span.start, span.end), opts.plain);
  if (newText === undefined) return undefined;
  return { title: opts.title ?? l10n.t('Change to "{0}"', truncate(text, 40)), changes: [{ span, newText }], preferred: true, automatic };
}

/** One ajv error as a diagnostic for people, with its fixes, or undefined when another error says it better. */
/** The message of a `lineWidth` that is not a whole number from 10 to 1000 (amendments/lines.ts). */
function lineWidthMessage(key: string, found: ReturnType<typeof shown>): string {
  if (found.kind === 'list') return l10n.t('{0} must be a whole number of characters from 10 to 1000, found a list. Write it in digits, for example "{0}: 80".', key);
  if (found.kind === 'keys') return l10n.t('{0} must be a whole number of characters from 10 to 1000, found a set of keys. Write it in digits, for example "{0}: 80".', key);
  return l10n.t('{0} must be a whole number of characters from 10 to 1000, found {1}. Write it in digits, for example "{0}: 80".', key, found.text);
}

function schemaErrorDiagnostic(ctx: SchemaContext, error: ErrorObject): Diagnostic | undefined {
  const { p, byKey } = ctx;
  const make = (span: Span, message: string, severity: Diagnostic['severity'] = 'error', data?: Record<string, unknown>, fixes?: (Fix | undefined)[], related?: Related[]): Diagnostic => ({
    code: 'front-matter',
    severity,
    message,
    span,
    ...(related !== undefined && related.length > 0 ? { related } : {}),
    ...(data !== undefined ? { data } : {}),
    ...withFixes(fixes),
  });
  if (error.instancePath === '') {
    if (error.keyword === 'required') {
      const key = String(error.params.missingProperty);
      return make(fmFence(p), l10n.t('{0} is missing: add "{0}: …" to the front matter.', key), 'error', { missing: key });
    }
    if (error.keyword === 'additionalProperties') return unknownKeyDiagnostic(ctx, String(error.params.additionalProperty), make);
    return undefined;
  }
  const key = error.instancePath.slice(1).split('/')[0].replace(/~1/g, '/').replace(/~0/g, '~');
  const entry = byKey.get(key);
  const span = entry?.valueSpan ?? entry?.keySpan ?? fmFence(p);
  const value = entry?.value;
  if (entry === undefined || value === null || value === undefined) return make(span, emptyMessage(key));
  const found = shown(entry, ctx.yamlText, ctx.base);
  switch (error.keyword) {
    case 'type':
      if (error.params.type === 'integer') {
        if (typeof value === 'string' && /^[0-9]+$/.test(value.trim())) {
          const digits = value.trim();
          return make(span, l10n.t('{0} must be a whole number, found {1} in quotes. Remove the quotes: {0}: {2}', key, found.text, digits), 'error', undefined, [
            valueFix(ctx, entry, digits, true, { plain: true, title: l10n.t('Remove the quotes: {0}', truncate(digits, 20)) }),
          ]);
        }
        if (key === 'lineWidth') return make(span, lineWidthMessage(key, found));
        if (found.kind === 'list') return make(span, l10n.t('{0} must be a whole number, found a list. Write it in digits, for example "{0}: 2027".', key));
        if (found.kind === 'keys') return make(span, l10n.t('{0} must be a whole number, found a set of keys. Write it in digits, for example "{0}: 2027".', key));
        return make(span, l10n.t('{0} must be a whole number, found {1}. Write it in digits, for example "{0}: 2027".', key, found.text));
      }
      if (error.params.type === 'string') {
        if (found.kind === 'list') return make(span, l10n.t('{0} must be text, found a list. Write the text on the same line as "{0}:".', key));
        if (found.kind === 'keys') return make(span, l10n.t('{0} must be text, found a set of keys. Write the text on the same line as "{0}:".', key));
        return make(span, l10n.t('{0} must be text, found {1}. Write the text on the same line as "{0}:".', key, found.text));
      }
      return make(span, otherValueMessage(key, found));
    case 'minLength':
      return make(span, emptyMessage(key));
    case 'minimum':
    case 'maximum':
      // `year` and `lineWidth` have a range.
      if (key === 'lineWidth') return make(span, lineWidthMessage(key, found));
      return make(span, found.kind === 'value' ? l10n.t('{0} must be a four-digit year, found {1}.', key, found.text) : otherValueMessage(key, found));
    case 'enum': {
      const allowedValues = error.params.allowedValues as string[];
      const allowed = eitherQuoted(allowedValues);
      const meaning = statusMeaning(value, allowedValues);
      const meant = meaning?.meant;
      let message: string;
      if (found.kind === 'list') message = l10n.t('{0} must be {1}, found a list.', key, allowed);
      else if (found.kind === 'keys') message = l10n.t('{0} must be {1}, found a set of keys.', key, allowed);
      else if (meant !== undefined) message = l10n.t('{0} must be {1}, found {2} (did you mean "{3}"?).', key, allowed, found.text, meant);
      else message = l10n.t('{0} must be {1}, found {2}.', key, allowed, found.text);
      return make(
        span,
        message,
        'error',
        meant !== undefined ? { suggestion: meant } : undefined,
        meaning !== undefined ? [valueFix(ctx, entry, meaning.meant, meaning.automatic)] : [],
      );
    }
    case 'pattern': {
      // Only `lang` has a pattern; ajv checks patterns of text alone, so `found` is a value.
      const meaning = langMeaning(value);
      const meant = meaning?.meant ?? [];
      return make(
        span,
        meant.length > 0
          ? l10n.t('{0} must be a language tag such as "nb", "nn", "en" or "de-DE", found {1} (did you mean {2}?).', key, found.text, eitherQuoted(meant))
          : l10n.t('{0} must be a language tag such as "nb", "nn", "en" or "de-DE", found {1}.', key, found.text),
        'error',
        meant.length > 0 ? { suggestion: meant[0] } : undefined,
        meant.map((t, i) => {
          const fix = valueFix(ctx, entry, t, meaning?.automatic === true);
          return fix !== undefined && i > 0 ? { ...fix, preferred: false } : fix;
        }),
      );
    }
    case 'format': {
      // Only `adopted` has a format (a date); ajv checks formats of text alone, so `found` is a value.
      const reading = typeof value === 'string' ? readDate(value) : undefined;
      if (reading !== undefined && 'notADate' in reading) return make(span, notADateMessage(key, found.text, reading.notADate));
      return make(
        span,
        reading !== undefined ? dateMeantMessage(key, found.text, reading.iso, reading.note) : l10n.t('{0} must be a date written YYYY-MM-DD, found {1}.', key, found.text),
        'error',
        reading !== undefined ? { suggestion: reading.iso } : undefined,
        reading !== undefined ? [valueFix(ctx, entry, reading.iso, reading.automatic)] : [],
      );
    }
    default:
      return make(span, otherValueMessage(key, found));
  }
}

/** The message of a key with no value. */
function emptyMessage(key: string): string {
  return l10n.t('{0} is empty: write a value after "{0}:", or remove the line.', key);
}

/**
 * The message of a value that does not fit the schema in a way no other message names (a keyword the
 * messages do not know yet): without ajv's own words, which are English.
 */
function otherValueMessage(key: string, found: Shown): string {
  if (found.kind === 'list') return l10n.t('{0} cannot be a list here. See docs/rules.md#front-matter for what it holds.', key);
  if (found.kind === 'keys') return l10n.t('{0} cannot be a set of keys here. See docs/rules.md#front-matter for what it holds.', key);
  return l10n.t('{0} cannot be {1}. See docs/rules.md#front-matter for what it holds.', key, found.text);
}

/** The message of a date that names a day or month that is not there (`31.02.2027`). */
function notADateMessage(key: string, found: string, why: NotADate): string {
  switch (why.kind) {
    case 'no-month':
      return l10n.t('{0} must be a date written YYYY-MM-DD, found {1}, which is not a date: there is no month {2}. Check the day and the month.', key, found, why.month);
    case 'no-day':
      return l10n.t('{0} must be a date written YYYY-MM-DD, found {1}, which is not a date: there is no day {2}. Check the day and the month.', key, found, why.day);
    case 'too-many-days':
      return l10n.t('{0} must be a date written YYYY-MM-DD, found {1}, which is not a date: {2} has {3} days. Check the day and the month.', key, found, monthOfYear(why.year, why.month), why.days);
  }
}

/** The message of a date written another way, with the ISO date meant (`iso`) and how it was read (`note`). */
function dateMeantMessage(key: string, found: string, iso: string, note: DateNote | undefined): string {
  if (note === undefined) return l10n.t('{0} must be a date written YYYY-MM-DD, found {1} (did you mean "{2}"?).', key, found, iso);
  if (note.kind === 'day-first') {
    return l10n.t(
      '{0} must be a date written YYYY-MM-DD, found {1} (did you mean "{2}"? That reads the day first, as is usual in Norway and most of Europe; if {3} is the month, write "{4}").',
      key,
      found,
      iso,
      note.month,
      note.monthFirst,
    );
  }
  return l10n.t('{0} must be a date written YYYY-MM-DD, found {1} (did you mean "{2}"? {3} cannot be a month, so the month comes first).', key, found, iso, note.day);
}

/**
 * An unknown key: a warning, with the keys it may mean as fixes that rename it. A rename is automatic
 * when exactly one key is near, the word means nothing else, the key is not given already and no other
 * unknown key may mean it too (two renames to one key would clash).
 */
function unknownKeyDiagnostic(
  ctx: SchemaContext,
  key: string,
  make: (span: Span, message: string, severity: Diagnostic['severity'], data?: Record<string, unknown>, fixes?: (Fix | undefined)[], related?: Related[]) => Diagnostic,
): Diagnostic {
  const entry = ctx.byKey.get(key);
  const span = entry?.keySpan ?? fmFence(ctx.p);
  const { keys, certain } = keyMeaning(key);
  const shownKey = truncate(key, 40);
  if (keys.length === 0) {
    return make(span, l10n.t('Unknown key "{0}": the front matter\'s keys are {1}. Correct it, or remove the line.', shownKey, FRONT_MATTER_KEYS.join(', ')), 'warning');
  }
  const free = keys.filter((k) => !ctx.byKey.has(k));
  if (free.length === 0) {
    // `yaer: 2027` next to `year: 2028`: renaming would give the key twice.
    const given = ctx.byKey.get(keys[0]);
    return make(
      span,
      keys.length === 1
        ? l10n.t('Unknown key "{0}" (did you mean "{1}"? The front matter has {1} as well): keep one of the two lines.', shownKey, keys[0])
        : l10n.t('Unknown key "{0}" (did you mean {1}? The front matter has each of them as well): keep one of the two lines.', shownKey, eitherQuoted(keys)),
      'warning',
      { suggestion: keys[0] },
      [],
      given !== undefined ? [{ span: given.keySpan, message: l10n.t('{0} is given here.', keys[0]) }] : [],
    );
  }
  const keyNode = entry !== undefined ? ctx.nodes.get(entry)?.key : undefined;
  const fixes = free.map((k, i): Fix | undefined => {
    if (entry === undefined) return undefined;
    const newText = writtenLike(keyNode, k, ctx.p.text.slice(entry.keySpan.start, entry.keySpan.end));
    if (newText === undefined) return undefined;
    const automatic = certain && keys.length === 1 && ctx.keyTargets.get(k) === 1;
    return { title: l10n.t('Rename the key to "{0}"', k), changes: [{ span: entry.keySpan, newText }], preferred: i === 0, automatic };
  });
  return make(span, l10n.t('Unknown key "{0}" (did you mean {1}?): correct it, or remove the line.', shownKey, eitherQuoted(free)), 'warning', { suggestion: free[0] }, fixes);
}
