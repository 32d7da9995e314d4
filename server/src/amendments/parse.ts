/**
 * Reads an amendment file (docs/amendments.md, "The amendment file"): front matter, then one block per
 * amendment, each opened by its id on a line of its own (`E1`) and made of `Keyword: value` lines in
 * any order, a line that starts with no keyword going on from the line before.
 *
 * The reader is written for people who have not read a grammar: every keyword is understood in every
 * language (amendments/keywords.ts), upper or lower case; a change may stand after the line citation
 * or on the line below; quotes are «…», "…", “…”, „…“ or »…«; ids are read as delegates write them
 * (`e3`, `E 2`, `Endringsforslag 4`, `E5 (Oslo)`: see readId), and a dash or nothing for a keyword's
 * colon (`Begrunnelse – …`, `Begrunnelse fordi …`, with a warning). What cannot be read is reported as an
 * `amendment-syntax` diagnostic with its span, and the reading goes on: a slip in one amendment never
 * costs the others (each block is read on its own), and an amendment keeps every part that could be
 * read.
 *
 * Invariants (test/amendments/parse.property.test.ts): `parseAmendments` never throws and never hangs;
 * it is linear in the text (scans, no backtracking regular expressions); every span lies in the text.
 */
import * as l10n from '@vscode/l10n';
import { isMap, isScalar, parseDocument, type Node as YamlNode } from 'yaml';
import { LineIndex, INTERNAL_ERROR, type Diagnostic, type Span } from '../syntax/span';
import { languageOfTag, type Language } from '../l10n/index';
import { nearest } from '../model/nearest';
import {
  AFTER_WORDS,
  AND_WORDS,
  BEFORE_WORDS,
  CHANGE_WORDS,
  FIELD_WORDS,
  ID_LETTERS,
  ID_WORDS,
  LINE_WORDS,
  NUMBER_WORDS,
  NEW_BLOCK_WORDS,
  PILLAR_WORDS,
  RANGE_WORDS,
  STATUS_WORDS,
  UNANIMOUS_WORDS,
  wordsOf,
  type AmendmentStatus,
  type ChangeKind,
  type FieldKind,
} from './keywords';
import { MAX_LINE_WIDTH, MIN_LINE_WIDTH } from './lines';
import type { Amendment, AmendmentsFile, AmendmentsFrontMatter, LineRange, Part } from './model';
import { isSpace, squeeze, textLines, type TextLine } from './text';

export { AMENDMENTS_EXTENSION, isAmendmentFile } from './names';

/** The code of what cannot be read in an amendment file. */
export const AMENDMENT_SYNTAX = 'amendment-syntax';

/** The front matter's keys (docs/amendments.md, "The front matter"). */
export const AMENDMENT_FRONT_MATTER_KEYS = ['programme', 'draft', 'lineWidth', 'lineNumbering', 'lang', 'title'] as const;

/** Numbers longer than this are not line numbers (they are read, and reported as out of the draft). */
const MAX_DIGITS = 9;

const FIELDS = wordsOf(FIELD_WORDS);
const CHANGES = wordsOf(CHANGE_WORDS);
/** The change verbs as their words (`sett inn` → `['sett', 'inn']`), indexed by their first word. */
const VERBS = new Map<string, { words: string[]; kind: ChangeKind }[]>();
for (const { word, kind } of CHANGES) {
  const words = word.split(' ');
  const list = VERBS.get(words[0]) ?? [];
  list.push({ words, kind });
  VERBS.set(words[0], list);
}
const STATUS_LIST = wordsOf(STATUS_WORDS);
const LINE_LIST = [...new Set(Object.values(LINE_WORDS).flat())].sort((a, b) => b.length - a.length);
/** The words for "amendment" before a number (`Endringsforslag 4`), with their language, longest first. */
const ID_WORD_LIST = (Object.entries(ID_WORDS) as [Language, readonly string[]][])
  .flatMap(([language, words]) => words.map((word) => ({ word, language })))
  .sort((a, b) => b.word.length - a.word.length);
const PILLAR_LIST = [...new Set(Object.values(PILLAR_WORDS).flat())].sort((a, b) => b.length - a.length);

/**
 * Reads `text` as an amendment file. Never throws, never hangs: whatever the text, the result holds
 * the amendments that could be read and an `amendment-syntax` diagnostic for each thing that could
 * not (a fault of ours is one `internal-error` diagnostic at offset 0).
 */
export function parseAmendments(text: string): AmendmentsFile {
  const file: AmendmentsFile = { text, lines: new LineIndex(text), amendments: [], diagnostics: [] };
  try {
    new Reader(file).read();
    file.diagnostics.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  } catch (error) {
    file.diagnostics.push({
      code: INTERNAL_ERROR,
      severity: 'error',
      message: l10n.t('Internal error while reading the amendments (please report it): {0}', error instanceof Error ? error.message : String(error)),
      span: { start: 0, end: 0 },
    });
  }
  return file;
}

/** A field as collected: its keyword, and the spans of its value, line by line. */
interface Field {
  kind: FieldKind | 'lines';
  /** The keyword as written (for messages), and where. */
  keyword: string;
  keywordSpan: Span;
  /** The value's pieces, one per line; `blank` when blank lines came before the piece. */
  pieces: { span: Span; blank: boolean }[];
  /** For `lines`: the range read from the citation. */
  range?: LineRange;
}

/**
 * A line that opens an amendment: its id (`E4`, made from `e4`, `E 4`, `Endringsforslag 4`) and where it
 * is written; `rest`, where a field on the same line starts; `note`, a note after the id (`E5 (Oslo)`);
 * `text`, other text after the id, which is not read (reported).
 */
interface IdLine {
  id: string;
  span: Span;
  rest?: number;
  note?: Part<string>;
  text?: Span;
}

/** An amendment being read. */
interface Block {
  id: string;
  idSpan: Span;
  /** The note after the id (`E5 (Oslo)`): the proposer, when no proposer is given. */
  note?: Part<string>;
  /** A part came twice in a paragraph after a blank line: the paragraph, to the next id, is another amendment's and is not read. */
  lost?: boolean;
  /** The first line after the block's last blank line (its start and trimmed end), if there was a blank line. */
  paragraph?: Span;
  end: number;
  fields: Field[];
  /** The field continuation lines go to. */
  open?: Field;
  /** A blank line came after the last line read. */
  blank: boolean;
}

/** A word or a quote of a change, in the change's own text (see {@link changeText}). */
type Token = { kind: 'word'; text: string; start: number; end: number } | { kind: 'punct'; text: string; start: number; end: number } | { kind: 'quote'; open: number; from: number; to: number; close: number; closed: boolean };

/** The closing marks of each opening mark, the likelier first. */
const CLOSERS: Record<string, string[]> = {
  '«': ['»'],
  '»': ['«'],
  '"': ['"'],
  '“': ['”', '“'],
  '„': ['“', '”'],
};

class Reader {
  private readonly text: string;
  private readonly lines: TextLine[];

  constructor(private readonly file: AmendmentsFile) {
    this.text = file.text;
    this.lines = textLines(file.text);
  }

  read(): void {
    let i = this.readFrontMatter();
    let block: Block | undefined;
    /** Lines before the first id that look like an amendment's have been reported (once per run). */
    let orphanReported = false;
    /** The line before was blank (or the body starts here). */
    let afterBlank = true;
    for (; i < this.lines.length; i++) {
      const line = this.lines[i];
      const from = this.skipSpace(line.start, line.end);
      if (from >= line.end) {
        if (block !== undefined) block.blank = true;
        orphanReported = false;
        afterBlank = true;
        continue;
      }
      if (this.text.startsWith('//', from)) continue;
      const id = this.readId(from, line.end, i, afterBlank);
      afterBlank = false;
      if (id !== undefined) {
        if (block !== undefined) this.finish(block);
        block = { id: id.id, idSpan: id.span, end: id.span.end, fields: [], blank: false };
        if (id.note !== undefined) {
          block.note = id.note;
          block.end = id.note.span.end;
        }
        if (id.text !== undefined) {
          this.report(id.text, l10n.t('"{0}" after the id is not read: write the id alone on its line, like {1}, and the proposer as "Proposer: …".', this.text.slice(id.text.start, id.text.end), id.id));
          block.end = id.text.end;
        }
        if (id.rest !== undefined) this.readLine(block, id.rest, line.end);
        continue;
      }
      if (block === undefined) {
        if (!orphanReported && (this.fieldAt(from, line.end) !== undefined || this.verbAt(from, line.end) !== undefined)) {
          orphanReported = true;
          this.report(
            { start: from, end: line.end },
            l10n.t('This line belongs to no amendment: an amendment starts with its id on a line of its own (E1), and its lines follow.'),
          );
        }
        continue;
      }
      this.readLine(block, from, line.end);
    }
    if (block !== undefined) this.finish(block);
  }

  // -------------------------------------------------------------------------------------------------
  // Front matter

  /** Reads the front matter, if the text starts with one; returns the index of the first line after it. */
  private readFrontMatter(): number {
    const first = this.lines[0];
    let start = first.start;
    if (this.text.charCodeAt(0) === 0xfeff) start++;
    if (this.text.slice(start, first.end).trimEnd() !== '---') return 0;
    let close = -1;
    for (let i = 1; i < this.lines.length; i++) {
      const l = this.lines[i];
      const t = this.text.slice(l.start, l.end).trimEnd();
      if (t === '---' || t === '...') {
        close = i;
        break;
      }
    }
    let contentEnd: number;
    let next: number;
    if (close < 0) {
      // Unclosed: the front matter ends at the first blank line (or the first id), the rest is read as amendments.
      let i = 1;
      while (i < this.lines.length && this.text.slice(this.lines[i].start, this.lines[i].end).trim() !== '' && this.readId(this.lines[i].start, this.lines[i].end) === undefined) i++;
      contentEnd = i < this.lines.length ? this.lines[i].start : this.text.length;
      next = i;
      this.report({ start, end: first.end }, l10n.t('The front matter is not closed: end it with a line "---" before the first amendment.'));
    } else {
      contentEnd = this.lines[close].start;
      next = close + 1;
    }
    const fm: AmendmentsFrontMatter = { span: { start, end: close < 0 ? contentEnd : this.lines[close].end } };
    this.file.frontMatter = fm;
    const contentStart = this.lines.length > 1 ? this.lines[1].start : this.text.length;
    if (contentStart < contentEnd) this.readYaml(fm, contentStart, contentEnd);
    return next;
  }

  private readYaml(fm: AmendmentsFrontMatter, base: number, end: number): void {
    const source = this.text.slice(base, end);
    let doc;
    try {
      doc = parseDocument(source, { prettyErrors: false, uniqueKeys: true, strict: true, version: '1.2', schema: 'core', merge: false });
    } catch (error) {
      this.report({ start: base, end }, l10n.t('The front matter could not be read as YAML ({0}). Write one "key: value" per line.', error instanceof Error ? error.message : String(error)));
      return;
    }
    const reported = new Set<number>();
    for (const error of doc.errors) {
      const at = base + Math.min(error.pos[0], source.length);
      const line = this.file.lines.lineAt(at);
      if (reported.has(line)) continue;
      reported.add(line);
      this.report({ start: at, end: Math.max(at, base + Math.min(error.pos[1], source.length)) }, l10n.t('The front matter could not be read as YAML here ({0}). Write one "key: value" per line.', error.message));
    }
    if (doc.errors.length > 0) return;
    const contents = doc.contents;
    if (contents === null || contents === undefined) return;
    if (!isMap(contents)) {
      this.report({ start: base, end }, l10n.t('The front matter should be "key: value" lines (programme, draft, lineWidth, lineNumbering, lang).'));
      return;
    }
    const known: readonly string[] = AMENDMENT_FRONT_MATTER_KEYS;
    for (const pair of contents.items) {
      const key = pair.key as YamlNode | null;
      if (!isScalar(key) || key.range === undefined || key.range === null) continue;
      const name = String(key.value);
      const keySpan = { start: base + key.range[0], end: base + key.range[1] };
      const value = pair.value as YamlNode | null;
      const valueSpan: Span = value?.range ? { start: base + value.range[0], end: base + value.range[1] } : { start: keySpan.end, end: keySpan.end };
      const raw = isScalar(value) ? this.scalarText(value, base) : undefined;
      switch (name) {
        case 'programme':
          if (raw === undefined || raw === '') this.report(valueSpan, l10n.t('"programme" names the programme\'s file, relative to this file: programme: valgprogram.programme'));
          else fm.programme = { value: raw, span: valueSpan };
          break;
        case 'draft':
          if (raw === undefined || raw === '' || !isFingerprint(raw)) this.report(valueSpan, l10n.t('"draft" is the fingerprint "programme lines" prints for the draft: hexadecimal digits, such as draft: 3f09c2a1.'));
          else fm.draft = { value: raw.toLowerCase(), span: valueSpan };
          break;
        case 'lineWidth': {
          const n = raw !== undefined && /^[0-9]{1,6}$/.test(raw) ? Number(raw) : NaN;
          if (!(n >= MIN_LINE_WIDTH && n <= MAX_LINE_WIDTH)) {
            this.report(valueSpan, l10n.t('"lineWidth" is the number of characters on a printed line, from {0} to {1}: lineWidth: 80', MIN_LINE_WIDTH, MAX_LINE_WIDTH));
          } else fm.lineWidth = { value: n, span: valueSpan };
          break;
        }
        case 'lineNumbering':
          if (raw !== 'document' && raw !== 'pillar') this.report(valueSpan, l10n.t('"lineNumbering" is "document" (lines numbered through the whole draft) or "pillar" (from 1 in each pillar).'));
          else fm.lineNumbering = { value: raw, span: valueSpan };
          break;
        case 'lang':
          if (raw === undefined || languageOfTag(raw) === undefined) this.report(valueSpan, l10n.t('"lang" is the language of the file: nb, nn, de or en.'));
          else fm.lang = { value: raw, span: valueSpan };
          break;
        case 'title':
          break;
        default: {
          const meant = nearest(name, [...known], 2)[0];
          this.report(
            keySpan,
            meant !== undefined
              ? l10n.t('Unknown key "{0}" (did you mean "{1}"?). The keys are {2}.', name, meant, known.join(', '))
              : l10n.t('Unknown key "{0}". The keys are {1}.', name, known.join(', ')),
            'warning',
          );
        }
      }
    }
  }

  /** A scalar's text as written (a fingerprint of digits must not become a number), without its quotes. */
  private scalarText(node: YamlNode, base: number): string | undefined {
    if (!node.range) return undefined;
    let s = this.text.slice(base + node.range[0], base + node.range[1]).trim();
    if (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0]) s = s.slice(1, -1);
    return s.trim();
  }

  // -------------------------------------------------------------------------------------------------
  // Lines of a block

  /**
   * The id of a line that opens an amendment, or undefined. Always read: `E1`, `# E1`, `e1` (made `E1`),
   * `E1:` followed by a field. Read when the next line that is not blank starts with a field, a line
   * citation or a change (`next`, the index of this line, given), as delegates write ids: `E 2`, the
   * word in full (`Endringsforslag 4` → `E4`, `Änderungsantrag 4` → `Ä4`, `Amendment 4` → `A4`), a note
   * after the id (`E5 (Oslo)`, `E5 – Oslo lokallag`: `note`), and, after a blank line, any other text
   * after the id (`text`: reported by the caller, the id is read all the same).
   */
  private readId(from: number, end: number, index?: number, afterBlank = false): IdLine | undefined {
    let i = from;
    while (i < end && this.text[i] === '#') i++;
    if (i > from) i = this.skipSpace(i, end);
    const idStart = i;
    /** A form that is read only before an amendment's lines. */
    let lenient = false;
    let prefix: string | undefined;
    for (const { word, language } of ID_WORD_LIST) {
      const after = this.matchWord(i, end, word);
      if (after < 0 || !isSpace(this.text[after] ?? '')) continue;
      let k = this.skipSpace(after, end);
      for (const nr of NUMBER_WORDS) {
        const a = this.matchWord(k, end, nr);
        if (a >= 0) {
          k = this.skipSpace(a, end);
          break;
        }
      }
      if (!isDigit(this.text[k] ?? '')) continue;
      prefix = ID_LETTERS[language];
      lenient = true;
      i = k;
      break;
    }
    if (prefix === undefined) {
      let letters = 0;
      while (i < end && isLetter(this.text[i])) {
        i++;
        letters++;
        while (i < end && isMark(this.text[i])) i++;
      }
      if (letters < 1 || letters > 3) return undefined;
      prefix = this.text.slice(idStart, i).normalize('NFC').toUpperCase();
      if (i < end && isSpace(this.text[i]) && letters <= 2) {
        // `E 2`
        i = this.skipSpace(i, end);
        lenient = true;
      }
    }
    const digitsStart = i;
    while (i < end && isDigit(this.text[i])) i++;
    if (i === digitsStart || i - digitsStart > 6) return undefined;
    if (i < end && isLowerLetter(this.text[i]) && (i + 1 >= end || !isLetter(this.text[i + 1]))) i++;
    const span = { start: idStart, end: i };
    const id = `${prefix}${this.text.slice(digitsStart, i).normalize('NFC')}`;
    const before = (): boolean => index !== undefined && this.linesFollow(index);
    let j = i;
    if (j < end && (this.text[j] === ':' || this.text[j] === '.' || this.text[j] === ')')) j++;
    j = this.skipSpace(j, end);
    if (j >= end) return !lenient || before() ? { id, span } : undefined;
    // `E1: Linje 12: …` (a field after the id).
    if (j > i && (this.fieldAt(j, end) !== undefined || this.verbAt(j, end) !== undefined)) return !lenient || before() ? { id, span, rest: j } : undefined;
    if (index === undefined) return undefined;
    // A note after the id: `E5 (Oslo)`, `E5 – Oslo lokallag`.
    const k = this.skipSpace(i, end);
    const last = this.trimEnd(k, end);
    let inner: [number, number] | undefined;
    if (k > i && this.text[k] === '(' && this.text[last - 1] === ')') inner = [k + 1, last - 1];
    else if (k > i && isDash(this.text[k]) && isSpace(this.text[k + 1] ?? '')) inner = [k + 1, last];
    if (inner !== undefined) {
      const start = this.skipSpace(inner[0], inner[1]);
      const note: Span = { start, end: this.trimEnd(start, inner[1]) };
      if (note.start < note.end && afterBlank && before()) return { id, span, note: { value: squeeze(this.text.slice(note.start, note.end)).text, span: note } };
      return undefined;
    }
    // Any other text after an id is text, not an id (`E6 er stengt`), unless it opens a paragraph of an amendment's lines.
    if (afterBlank && before()) return { id, span, text: { start: j, end: last } };
    return undefined;
  }

  /** True when the next line after line `index` that is neither blank nor a comment starts with a field, a line citation or a change. */
  private linesFollow(index: number): boolean {
    for (let n = index + 1; n < this.lines.length; n++) {
      const line = this.lines[n];
      const from = this.skipSpace(line.start, line.end);
      if (from >= line.end || this.text.startsWith('//', from)) continue;
      return this.fieldAt(from, line.end) !== undefined || this.verbAt(from, line.end) !== undefined;
    }
    return false;
  }

  /** Reads one non-blank line of `block` from `from`. */
  private readLine(block: Block, from: number, end: number): void {
    if (block.lost) return;
    const trimmedEnd = this.trimEnd(from, end);
    block.end = Math.max(block.end, trimmedEnd);
    const field = this.fieldAt(from, end) ?? this.bareFieldAt(block, from, end);
    const wasBlank = block.blank;
    block.blank = false;
    if (wasBlank) block.paragraph = { start: from, end: trimmedEnd };
    if (field !== undefined) {
      this.startField(block, field, end);
      return;
    }
    const verb = this.verbAt(from, end);
    if (verb !== undefined && !block.fields.some((f) => f.kind === 'change')) {
      this.startField(block, { kind: 'change', keyword: '', keywordSpan: { start: from, end: from }, valueStart: from }, end);
      return;
    }
    const open = block.open;
    if (open === undefined || (wasBlank && open.kind !== 'reason') || open.kind === 'status') {
      this.report({ start: from, end: trimmedEnd }, l10n.t('This line belongs to no part of {0}: start it with a keyword ("Reason:", "Status:" …), or make it a comment with "//".', block.id), 'warning');
      block.open = undefined;
      return;
    }
    open.pieces.push({ span: { start: from, end: trimmedEnd }, blank: wasBlank });
  }

  /**
   * Starts the field `field` of `block` at its line (which ends at `end`). A part that `block` already has
   * is reported; when it comes after a blank line in the block, the paragraph from that blank line is
   * taken for another amendment whose id could not be read: what it gave `block` is taken back, and its
   * lines up to the next id are not read: one error at its first line, not one per line.
   */
  private startField(block: Block, field: { kind: FieldKind | 'lines'; keyword: string; keywordSpan: Span; valueStart: number; range?: LineRange }, end: number): void {
    const kind = field.kind === 'lines' ? 'lines' : field.kind;
    const existing = block.fields.find((f) => f.kind === kind);
    const valueStart = this.skipSpace(field.valueStart, end);
    const valueEnd = this.trimEnd(valueStart, end);
    if (existing !== undefined && !(kind === 'change' && existing.kind === 'change' && existing.pieces.length === 0) && block.paragraph !== undefined) {
      this.loseParagraph(block, block.paragraph, existing.keyword || this.text.slice(existing.keywordSpan.start, existing.keywordSpan.end) || field.keyword);
      return;
    }
    if (existing !== undefined && !(kind === 'change' && existing.kind === 'change' && existing.pieces.length === 0)) {
      this.report(
        { start: field.keywordSpan.start, end: valueEnd },
        l10n.t('{0} already has this part ("{1}"): an amendment has one of each. Start a new amendment with its id, or join the two.', block.id, existing.keyword || this.text.slice(existing.keywordSpan.start, existing.keywordSpan.end) || field.keyword),
      );
      block.open = undefined;
      return;
    }
    if (kind === 'lines') {
      const lines: Field = { kind: 'lines', keyword: field.keyword, keywordSpan: field.keywordSpan, pieces: [], range: field.range };
      block.fields.push(lines);
      // The change after the citation, on this line or on the lines below.
      const change: Field = { kind: 'change', keyword: field.keyword, keywordSpan: field.keywordSpan, pieces: [] };
      if (block.fields.some((f) => f.kind === 'change')) {
        if (valueStart < valueEnd) this.report({ start: valueStart, end: valueEnd }, l10n.t('{0} already says its change: an amendment makes one change. Start a new amendment with its id.', block.id));
        block.open = undefined;
        return;
      }
      if (valueStart < valueEnd) change.pieces.push({ span: { start: valueStart, end: valueEnd }, blank: false });
      block.fields.push(change);
      block.open = change;
      return;
    }
    const f: Field = existing ?? { kind, keyword: field.keyword, keywordSpan: field.keywordSpan, pieces: [] };
    if (existing === undefined) block.fields.push(f);
    if (valueStart < valueEnd) f.pieces.push({ span: { start: valueStart, end: valueEnd }, blank: false });
    block.open = f;
  }

  /**
   * Takes the paragraph that starts at `paragraph` out of `block` (its fields, its lines of fields and
   * what was reported about them) and reports it as an amendment whose id could not be read; the lines
   * up to the next id are not read. `keyword` is the part that came twice.
   */
  private loseParagraph(block: Block, paragraph: Span, keyword: string): void {
    block.fields = block.fields.filter((f) => f.keywordSpan.start < paragraph.start);
    for (const f of block.fields) f.pieces = f.pieces.filter((p) => p.span.start < paragraph.start);
    const diagnostics = this.file.diagnostics;
    while (diagnostics.length > 0 && diagnostics[diagnostics.length - 1].span.start >= paragraph.start) diagnostics.pop();
    this.report(
      paragraph,
      l10n.t('{0} already has a part of this paragraph ("{1}"): it looks like another amendment, whose id could not be read. Start it with its id alone on a line, like {2}.', block.id, keyword, nextId(block.id)),
    );
    block.open = undefined;
    block.lost = true;
  }

  /**
   * The field a line starts with: `Keyword:` (a field of FIELD_WORDS), or a line citation (`Linje 112–114`,
   * `Kapittel 2, linje 12`), with where its value starts; undefined when the line starts with neither.
   */
  private fieldAt(from: number, end: number): { kind: FieldKind | 'lines'; keyword: string; keywordSpan: Span; valueStart: number; range?: LineRange } | undefined {
    const citation = this.citationAt(from, end);
    if (citation !== undefined) return citation;
    for (const { word, kind } of FIELDS) {
      const after = this.matchWord(from, end, word);
      if (after < 0) continue;
      const colon = this.skipSpace(after, end);
      // A dash stands for the colon (`Begrunnelse – …`), but not in a word (`status-møtet`) nor after a change's word.
      const dash = kind !== 'change' && isDash(this.text[colon] ?? '') && (colon > after || colon + 1 >= end || isSpace(this.text[colon + 1]));
      if (this.text[colon] !== ':' && !dash) continue;
      return { kind, keyword: this.text.slice(from, after), keywordSpan: { start: from, end: after }, valueStart: colon + 1 };
    }
    return undefined;
  }

  /**
   * A field written without a colon (`Begrunnelse fordi …`, `Status vedtatt`), which `block` does not have
   * yet: the proposer or the reason followed by words, or the status followed by a status and nothing
   * else (`Status quo …` in a reason is text). It is read as the field, with a warning asking for the colon.
   */
  private bareFieldAt(block: Block, from: number, end: number): { kind: FieldKind; keyword: string; keywordSpan: Span; valueStart: number } | undefined {
    for (const { word, kind } of FIELDS) {
      if (kind === 'change' || block.fields.some((f) => f.kind === kind)) continue;
      const after = this.matchWord(from, end, word);
      if (after < 0 || after >= end || !isSpace(this.text[after])) continue;
      const valueStart = this.skipSpace(after, end);
      const valueEnd = this.trimEnd(valueStart, end);
      if (valueStart >= valueEnd) continue;
      if (kind === 'status') {
        let value = this.text.slice(valueStart, valueEnd).toLowerCase().normalize('NFC');
        while (value.endsWith('.')) value = value.slice(0, -1).trimEnd();
        if (!STATUS_LIST.some((st) => st.word === value)) continue;
      }
      const keyword = this.text.slice(from, after);
      this.report({ start: from, end: after }, l10n.t('Write a colon after "{0}" ("{0}: …"); the line is read as if it had one.', keyword), 'warning');
      return { kind, keyword, keywordSpan: { start: from, end: after }, valueStart };
    }
    return undefined;
  }

  /** A line citation at `from`: `Linje 112`, `Linjer 112–114:`, `Zeilen 3 bis 5`, `Kapittel 2, linje 12`. */
  private citationAt(from: number, end: number): { kind: 'lines'; keyword: string; keywordSpan: Span; valueStart: number; range: LineRange } | undefined {
    let at = from;
    let pillar: Part<string> | undefined;
    for (const word of PILLAR_LIST) {
      const after = this.matchWord(at, end, word);
      if (after < 0) continue;
      const n = this.readNumber(this.skipSpace(after, end), end);
      if (n === undefined) continue;
      let k = this.skipSpace(n.end, end);
      if (this.text[k] === ',' || this.text[k] === ':') k++;
      pillar = { value: this.text.slice(n.start, n.end), span: { start: n.start, end: n.end } };
      at = this.skipSpace(k, end);
      break;
    }
    for (const word of LINE_LIST) {
      const after = this.matchWord(at, end, word);
      if (after < 0) continue;
      const first = this.readNumber(this.skipSpace(after, end), end);
      if (first === undefined) continue;
      let last = first;
      let k = this.skipSpace(first.end, end);
      const dash = this.text[k];
      let joined = -1;
      if (dash === '-' || dash === '–' || dash === '—' || dash === '‒' || dash === '−') joined = k + 1;
      else {
        for (const w of RANGE_WORDS) {
          const a = this.matchWord(k, end, w);
          if (a >= 0) {
            joined = a;
            break;
          }
        }
      }
      if (joined >= 0) {
        const second = this.readNumber(this.skipSpace(joined, end), end);
        if (second !== undefined) {
          last = second;
          k = this.skipSpace(second.end, end);
        }
      } else {
        // `Linje 7 og 8`: two neighbouring lines are the range of the two; two lines apart are two places.
        for (const w of AND_WORDS) {
          const a = w === '&' ? (this.text[k] === '&' ? k + 1 : -1) : this.matchWord(k, end, w);
          if (a < 0) continue;
          const second = this.readNumber(this.skipSpace(a, end), end);
          if (second === undefined) break;
          if (second.value === first.value + 1) last = second;
          else {
            this.report(
              { start: first.start, end: second.end },
              l10n.t('An amendment changes one line or one range of lines: write "{0}–{1}" for the lines from {0} to {1}, or a second amendment for line {1}.', first.value, second.value),
            );
          }
          k = this.skipSpace(second.end, end);
          break;
        }
      }
      if (this.text[k] === ':' || this.text[k] === ',' || this.text[k] === '.') k++;
      const range: LineRange = { first: first.value, last: last.value, span: { start: first.start, end: last.end } };
      if (pillar !== undefined) range.pillar = pillar;
      return { kind: 'lines', keyword: this.text.slice(at, after), keywordSpan: { start: from, end: after }, valueStart: k, range };
    }
    return undefined;
  }

  /**
   * A change verb at `from` (`Erstatt`, `Sett inn`, `Streiche`) on a line that holds a quote, or
   * undefined (a reason's line that starts with "endre" is text).
   */
  private verbAt(from: number, end: number): ChangeKind | undefined {
    let quoted = false;
    for (let i = from; i < end && !quoted; i++) quoted = this.quoteOpenerAt(i);
    if (!quoted) return undefined;
    for (const { word, kind } of CHANGES) if (this.matchWord(from, end, word) >= 0) return kind;
    const nach = this.matchWord(from, end, 'nach');
    // German puts the verb last: `Nach „…“ einfügen: „…“`.
    if (nach >= 0 && this.quoteOpenerAt(this.skipSpace(nach, end))) return 'insertAfter';
    return undefined;
  }

  private quoteOpenerAt(i: number): boolean {
    return CLOSERS[this.text[i]] !== undefined;
  }

  /** The end of `word` (lower case; a space in it matches a run of spaces) at `from`, ignoring case, or -1. The word must end there. */
  private matchWord(from: number, end: number, word: string): number {
    let i = from;
    for (let k = 0; k < word.length; k++) {
      const w = word[k];
      if (w === ' ') {
        if (i >= end || !isSpace(this.text[i])) return -1;
        i = this.skipSpace(i, end);
        continue;
      }
      if (i >= end || this.text[i].toLowerCase() !== w) return -1;
      i++;
    }
    if (word.endsWith('.')) return i;
    if (i < end && (isLetter(this.text[i]) || isDigit(this.text[i]) || isMark(this.text[i]))) return -1;
    return i;
  }

  private readNumber(from: number, end: number): { value: number; start: number; end: number } | undefined {
    let i = from;
    while (i < end && isDigit(this.text[i])) i++;
    if (i === from) return undefined;
    if (i < end && isLetter(this.text[i])) return undefined;
    const digits = this.text.slice(from, i);
    const value = digits.length > MAX_DIGITS ? Number.MAX_SAFE_INTEGER : Number(digits);
    return { value, start: from, end: i };
  }

  // -------------------------------------------------------------------------------------------------
  // A block, read

  private finish(block: Block): void {
    const a: Amendment = { id: block.id, idSpan: block.idSpan, span: { start: block.idSpan.start, end: block.end }, status: 'proposed' };
    for (const field of block.fields) {
      switch (field.kind) {
        case 'lines':
          if (field.range !== undefined) a.range = field.range;
          break;
        case 'proposer': {
          const v = this.joined(field, ', ');
          if (v !== undefined) a.proposer = v;
          break;
        }
        case 'reason': {
          const v = this.joined(field, ' ');
          if (v !== undefined) a.reason = v;
          break;
        }
        case 'status':
          this.readStatus(a, field);
          break;
        case 'change':
          this.readChange(a, field);
          break;
      }
    }
    if (block.note !== undefined) {
      if (a.proposer === undefined) a.proposer = block.note;
      else {
        this.report(
          block.note.span,
          l10n.t('The note after {0} ("{1}") is not read: {0} names its proposer. Write the id alone on its line, like {0}.', a.id, block.note.value),
          'hint',
        );
      }
    }
    if (a.range === undefined) {
      this.report(block.idSpan, l10n.t('{0} names no line: write the line or lines it changes, as "Line 112:" or "Lines 112–114:".', a.id));
    }
    if (a.change === undefined && !block.fields.some((f) => f.kind === 'change' && f.pieces.length > 0)) {
      this.report(block.idSpan, l10n.t('{0} says no change: write "Replace "…" with "…"", "Delete "…"" or "Insert after "…": "…"" after its line.', a.id));
    }
    this.file.amendments.push(a);
  }

  /** A field's value, its lines joined by `separator` (blank lines kept as a paragraph break); undefined when empty. */
  private joined(field: Field, separator: string): Part<string> | undefined {
    if (field.pieces.length === 0) return undefined;
    let value = '';
    for (const piece of field.pieces) {
      const s = squeeze(this.text.slice(piece.span.start, piece.span.end)).text;
      if (value === '') value = s;
      else if (piece.blank) value += `\n\n${s}`;
      else value += value.endsWith(',') ? ` ${s}` : `${separator}${s}`;
    }
    const span = { start: field.pieces[0].span.start, end: field.pieces[field.pieces.length - 1].span.end };
    return { value, span };
  }

  private readStatus(a: Amendment, field: Field): void {
    const v = this.joined(field, ' ');
    if (v === undefined) {
      this.report(field.keywordSpan, l10n.t('The status of {0} is empty: write one of proposed, recommended, adopted, rejected, withdrawn.', a.id));
      return;
    }
    let word = v.value.toLowerCase().normalize('NFC');
    while (word.endsWith('.') || word.endsWith('!')) word = word.slice(0, -1).trimEnd();
    // `enstemmig vedtatt`, `vedtatt enstemmig`: the count of the vote is no part of the status.
    for (const u of UNANIMOUS_WORDS) {
      if (word.startsWith(`${u} `)) word = word.slice(u.length).trimStart();
      else if (word.endsWith(` ${u}`)) word = word.slice(0, -u.length).trimEnd();
    }
    const found = STATUS_LIST.find((s) => s.word === word);
    if (found === undefined) {
      const meant = nearest(word, STATUS_LIST.map((s) => s.word), 2)[0];
      this.report(
        v.span,
        meant !== undefined
          ? l10n.t('"{0}" is not a status (did you mean "{1}"?): write one of proposed, recommended, adopted, rejected, withdrawn.', v.value, meant)
          : l10n.t('"{0}" is not a status: write one of proposed, recommended, adopted, rejected, withdrawn.', v.value),
      );
      // Not taken as any status: what the secretary meant is for people to decide (apply refuses it).
      a.status = 'unknown';
      a.statusSpan = v.span;
      a.statusWritten = v.value;
      return;
    }
    a.status = found.kind as AmendmentStatus;
    a.statusSpan = v.span;
  }

  /**
   * Reads the change of `field` (the text after a line citation, or a line that starts with a verb, and
   * the lines that go on from it): its verb, then its quotes.
   */
  private readChange(a: Amendment, field: Field): void {
    if (field.pieces.length === 0) return;
    const { text, offsetOf: at } = this.changeText(field);
    const tokens = tokenize(text);
    const whole: Span = { start: at(0), end: at(text.length - 1) + 1 };
    for (const t of tokens) {
      if (t.kind === 'quote' && !t.closed) {
        this.report({ start: at(t.open), end: at(t.open) + 1 }, l10n.t('This quote is not closed: end it with the closing mark ({0}).', CLOSERS[text[t.open]]?.[0] ?? '»'));
      }
    }
    // The verb: the first word outside quotes that is one (German may put it after a quote).
    let kind: ChangeKind | undefined;
    const words = tokens.filter((t): t is Extract<Token, { kind: 'word' }> => t.kind === 'word');
    for (let k = 0; k < words.length && kind === undefined; k++) {
      for (const verb of VERBS.get(words[k].text) ?? []) {
        let n = 1;
        while (n < verb.words.length && words[k + n]?.text === verb.words[n]) n++;
        if (n === verb.words.length) {
          kind = verb.kind;
          break;
        }
      }
    }
    if (kind === undefined && words[0]?.text === 'nach') kind = 'insertAfter';
    const newBlock = words.some((w, k) => NEW_BLOCK_WORDS.adjectives.includes(w.text) && NEW_BLOCK_WORDS.nouns.includes(words[k + 1]?.text ?? ''));
    if (newBlock) {
      this.report(
        whole,
        l10n.t('{0} adds a new measure or paragraph, which an amendment cannot say yet: it changes words of the draft. Write the new words as an insertion into the text before them, or add them by hand after the vote.', a.id),
      );
      return;
    }
    if (kind === undefined) {
      this.report(whole, l10n.t('The change of {0} could not be read: write "Replace "…" with "…"", "Delete "…"" or "Insert after "…": "…"".', a.id));
      return;
    }
    const quotes = tokens.filter((t): t is Extract<Token, { kind: 'quote' }> => t.kind === 'quote');
    const part = (q: Extract<Token, { kind: 'quote' }>): Part<string> => {
      const s = squeeze(text.slice(q.from, q.to), q.from);
      const value = s.text;
      if (value === '') return { value, span: { start: at(q.from), end: at(q.from) } };
      const first = s.offsets[0];
      const last = s.offsets[value.length - 1];
      return { value, span: { start: at(first), end: at(last) + 1 } };
    };
    const lastQuote = quotes[quotes.length - 1];
    const changeSpan: Span = { start: whole.start, end: lastQuote !== undefined ? at(Math.min(lastQuote.close, text.length - 1)) + 1 : whole.end };
    a.change = { value: kind, span: changeSpan };
    const needed = kind === 'delete' ? 1 : 2;
    if (quotes.length === 0) {
      this.report(whole, kind === 'delete'
        ? l10n.t('Quote the words {0} deletes, as they are printed: Delete "…".', a.id)
        : kind === 'replace'
          ? l10n.t('Quote the words {0} replaces and the new words: Replace "…" with "…".', a.id)
          : l10n.t('Quote the words the new text of {0} follows, and the new text: Insert after "…": "…".', a.id));
      return;
    }
    if (quotes.length < needed) {
      this.report(changeSpan, kind === 'replace'
        ? l10n.t('{0} replaces "{1}" with what? Quote the new words: Replace "…" with "…".', a.id, part(quotes[0]).value)
        : l10n.t('{0} inserts what, after which words? Quote both: Insert after "…": "…".', a.id));
      if (kind === 'replace') a.quoted = part(quotes[0]);
      return;
    }
    if (quotes.length > needed) {
      this.report({ start: at(quotes[needed].open), end: changeSpan.end }, l10n.t('{0} has more quotes than its change needs ({1}); the first are read. Write one change per amendment.', a.id, needed));
    }
    if (kind === 'delete') {
      a.quoted = part(quotes[0]);
      return;
    }
    if (kind === 'replace') {
      a.quoted = part(quotes[0]);
      a.replacement = part(quotes[1]);
      return;
    }
    // Insert: the quote after "etter"/"nach"/"after" is the one the new text follows.
    const before = (q: Extract<Token, { kind: 'quote' }>) => {
      const index = tokens.indexOf(q);
      const out: string[] = [];
      for (let k = index - 1; k >= 0 && tokens[k].kind !== 'quote'; k--) {
        const t = tokens[k];
        if (t.kind === 'word') out.push(t.text);
      }
      return out;
    };
    const [q1, q2] = quotes;
    const anchorFirst = before(q1).some((w) => AFTER_WORDS.includes(w));
    const anchorSecond = before(q2).some((w) => AFTER_WORDS.includes(w));
    if (!anchorFirst && !anchorSecond) {
      const beforeWord = [q1, q2].some((q) => before(q).some((w) => BEFORE_WORDS.includes(w)));
      this.report(
        changeSpan,
        beforeWord
          ? l10n.t('{0} inserts before some words; an amendment inserts after them. Write it as a replacement: Replace "words" with "new words words".', a.id)
          : l10n.t('Which words does the new text of {0} follow? Write "Insert after "…": "…"".', a.id),
      );
      return;
    }
    const [anchor, added] = anchorFirst ? [q1, q2] : [q2, q1];
    a.quoted = part(anchor);
    a.replacement = part(added);
  }

  /**
   * The change's pieces as one text (a line break between pieces), and the file offset of each of its
   * characters (the offset after the last piece for the end).
   */
  private changeText(field: Field): { text: string; offsetOf: (i: number) => number } {
    const pieces = field.pieces.map((p) => p.span);
    const text = pieces.map((p) => this.text.slice(p.start, p.end)).join('\n');
    /** Where each piece starts in `text`. */
    const starts: number[] = [];
    let at = 0;
    for (const p of pieces) {
      starts.push(at);
      at += p.end - p.start + 1;
    }
    const offsetOf = (i: number): number => {
      let k = pieces.length - 1;
      while (k > 0 && starts[k] > i) k--;
      const p = pieces[k];
      // The line break after a piece stands for the piece's end.
      return Math.min(p.start + (i - starts[k]), p.end);
    };
    return { text, offsetOf };
  }

  // -------------------------------------------------------------------------------------------------

  private skipSpace(i: number, end: number): number {
    while (i < end && isSpace(this.text[i])) i++;
    return i;
  }

  private trimEnd(from: number, end: number): number {
    while (end > from && isSpace(this.text[end - 1])) end--;
    return end;
  }

  private report(span: Span, message: string, severity: Diagnostic['severity'] = 'error'): void {
    this.file.diagnostics.push({ code: AMENDMENT_SYNTAX, severity, message, span });
  }
}

/** The words, punctuation and quotes of a change's text (positions are in that text). Linear: each quote is read to its close or to the end. */
function tokenize(text: string): Token[] {
  const out: Token[] = [];
  /** After this offset there is no `”`: a `“` is closed by the next `“` (German style) without a search. */
  const lastRightQuote = text.lastIndexOf('”');
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (CLOSERS[c] !== undefined) {
      const q = readQuote(text, i, lastRightQuote);
      out.push(q);
      i = q.closed ? q.close + 1 : text.length;
      continue;
    }
    if (isLetter(c) || isDigit(c)) {
      const start = i;
      while (i < text.length && (isLetter(text[i]) || isDigit(text[i]) || isMark(text[i]) || text[i] === '*' || (text[i] === '-' && isLetter(text[i + 1] ?? '')))) i++;
      out.push({ kind: 'word', text: text.slice(start, i).toLowerCase().normalize('NFC'), start, end: i });
      continue;
    }
    out.push({ kind: 'punct', text: c, start: i, end: i + 1 });
    i++;
  }
  return out;
}

/**
 * The quote opened at `open`: its content runs to the closing mark, or to the end when there is none.
 * `«…»` nests (`«a «b» c»`); `„` closes with `“` or `”`; `“` closes with `”`, or with `“` when no `”`
 * follows (`lastRightQuote`).
 */
function readQuote(text: string, open: number, lastRightQuote: number): Extract<Token, { kind: 'quote' }> {
  const opener = text[open];
  const closes = (c: string): boolean => {
    switch (opener) {
      case '„':
        return c === '“' || c === '”';
      case '“':
        return lastRightQuote > open ? c === '”' : c === '“';
      default:
        return c === CLOSERS[opener][0];
    }
  };
  let depth = 0;
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (opener === '«' && c === '«') depth++;
    else if (closes(c)) {
      if (depth === 0) return { kind: 'quote', open, from: open + 1, to: i, close: i, closed: true };
      depth--;
    }
  }
  return { kind: 'quote', open, from: open + 1, to: text.length, close: text.length, closed: false };
}

/** True for a fingerprint as `programme lines` prints it: 4 to 64 hexadecimal digits. */
function isFingerprint(s: string): boolean {
  if (s.length < 4 || s.length > 64) return false;
  for (const c of s.toLowerCase()) if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

function isLetter(c: string): boolean {
  if (c < '\u0080') return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return LETTER.test(c);
}

function isLowerLetter(c: string): boolean {
  if (c < '\u0080') return c >= 'a' && c <= 'z';
  return LOWER.test(c);
}

function isMark(c: string): boolean {
  return c >= '\u0300' && MARK.test(c);
}

/** The id after `id` (`E4` → `E5`, `Ä12b` → `Ä13`), to suggest one; `id` without a number stays as it is. */
function nextId(id: string): string {
  let end = id.length;
  while (end > 0 && !isDigit(id[end - 1])) end--;
  let start = end;
  while (start > 0 && isDigit(id[start - 1])) start--;
  if (start === end) return id;
  return `${id.slice(0, start)}${Number(id.slice(start, end)) + 1}`;
}

/** A hyphen or a dash written for a colon or before a note: `-`, `–`, `—`. */
function isDash(c: string): boolean {
  return c === '-' || c === '–' || c === '—';
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

const LETTER = /^\p{L}$/u;
const LOWER = /^\p{Ll}$/u;
const MARK = /^\p{M}$/u;
