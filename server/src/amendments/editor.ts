// The editor's features for amendment files: outline, hover on lines and quotes, go to the programme, completion of line numbers, and the code lens over a programme's measures.
/**
 * Pure functions of an amendment file as read (amendments/parse.ts) and of the programme's printed
 * draft (amendments/lines.ts), each giving what the language server sends; the server wires them
 * (server/src/lsp/). Positions are 0-based lines and UTF-16 characters, as LSP's.
 *
 * - {@link amendmentSymbols}: one symbol per amendment, named by its id and lines ("E1 · linje 27"),
 *   with its status and proposer as detail.
 * - {@link amendmentHover}: on an amendment's line numbers, the printed lines they cite; on its quote,
 *   where the quote stands (the lines, with its words in bold) or that it stands nowhere.
 * - {@link amendmentDefinition}: from the line numbers or the quote to the programme's text of those
 *   lines (where the quote stands, when it was found).
 * - {@link lineCompletions}: after a line word (`Linje `, `Zeile 1`), the line numbers with their text.
 * - {@link amendmentCodeLenses}: in the programme, over each measure that amendments change, "N
 *   amendments", listing them (the command of features/codeLens.ts); {@link programmeAmendmentLenses}
 *   the same from the amendment files' texts, each with the draft its front matter asks for.
 * - {@link lineNumberHints}: in the programme, at the start of each printed block, its printed line
 *   numbers ("l. 112–114"), as inlay hints.
 */
import * as l10n from '@vscode/l10n';
import { CompletionItemKind, MarkupKind, SymbolKind, type CodeLens, type CompletionItem, type DocumentSymbol, type Hover, type InlayHint, type Location, type Position, type Range } from 'vscode-languageserver-types';
import type { LineIndex, Span } from '../syntax/span';
import { SHOW_REFERENCES_COMMAND } from '../features/codeLens';
import { lineNumbersOfBlocks, linesLabel, type DraftOptions, type LineNumbering, type PrintedDraft } from './lines';
import { parseAmendments } from './parse';
import { draftText, locate, type DraftMatch, type DraftText } from './locate';
import { draftChanged } from './check';
import { LINE_WORDS, PILLAR_WORDS, STATUS_WORDS, wordFor } from './keywords';
import type { Amendment, AmendmentsFile } from './model';
import { languageOfTag, type Language } from '../l10n/index';

const LINE_LIST = [...new Set(Object.values(LINE_WORDS).flat())].sort((a, b) => b.length - a.length);
const PILLAR_LIST = [...new Set(Object.values(PILLAR_WORDS).flat())].sort((a, b) => b.length - a.length);

function within(span: Span | undefined, offset: number): boolean {
  return span !== undefined && offset >= span.start && offset <= span.end;
}

/** "line 27", "lines 49–50" (and the pillar, when lines restart per pillar). */
function linesText(first: number, last: number, pillar?: string): string {
  const lines = first === last ? l10n.t('line {0}', first) : l10n.t('lines {0}–{1}', first, last);
  return pillar !== undefined ? l10n.t('pillar {0}, {1}', pillar, lines) : lines;
}

/** The outline of an amendment file: one symbol per amendment, in the order written. */
export function amendmentSymbols(file: AmendmentsFile): DocumentSymbol[] {
  const language: Language = languageOfTag(file.frontMatter?.lang?.value) ?? 'en';
  return file.amendments.map((a) => {
    const r = a.range;
    const name = r !== undefined ? `${a.id} · ${linesText(r.first, r.last, r.pillar?.value)}` : a.id;
    const detail = [(a.status === 'unknown' ? a.statusWritten : wordFor(STATUS_WORDS, a.status, language)), a.proposer?.value].filter((s) => s !== undefined).join(' · ');
    return { name, detail, kind: SymbolKind.Event, range: file.lines.rangeOf(a.span), selectionRange: file.lines.rangeOf(a.idSpan) };
  });
}

/** The amendment at `offset`, and whether the offset is on its line numbers or its quote. */
function partAt(file: AmendmentsFile, offset: number): { amendment: Amendment; part: 'lines' | 'quote' } | undefined {
  for (const a of file.amendments) {
    if (offset < a.span.start || offset > a.span.end) continue;
    if (within(a.range?.span, offset) || within(a.range?.pillar?.span, offset)) return { amendment: a, part: 'lines' };
    if (within(a.quoted?.span, offset)) return { amendment: a, part: 'quote' };
    return undefined;
  }
  return undefined;
}

/** Printed lines `first`..`last` (indices) as a code block: each line's number, two spaces, its text. */
function linesBlock(dt: DraftText, first: number, last: number): string {
  const lines = dt.draft.lines.slice(first, last + 1);
  const width = lines.reduce((w, l) => Math.max(w, String(l.number).length), 1);
  return ['```text', ...lines.map((l) => `${String(l.number).padStart(width)}  ${l.text}`), '```'].join('\n');
}

/**
 * The hover at `position` of the amendment file: the printed lines an amendment's numbers cite, or
 * where its quote stands; null elsewhere, or without a draft.
 */
export function amendmentHover(file: AmendmentsFile, draft: PrintedDraft | undefined, position: Position): Hover | null {
  if (draft === undefined) return null;
  const at = partAt(file, file.lines.offsetAt(position));
  if (at === undefined) return null;
  const dt = draftText(draft);
  const { cited, location } = locate(dt, at.amendment, draftChanged(file, draft));
  const a = at.amendment;
  let value: string;
  let span: Span;
  if (at.part === 'lines') {
    span = a.range!.pillar !== undefined ? { start: a.range!.pillar.span.start, end: a.range!.span.end } : a.range!.span;
    if (cited?.kind !== 'lines') value = l10n.t('These lines are not in the draft.');
    else value = `**${linesText(a.range!.first, a.range!.last, a.range!.pillar?.value)}**\n\n${linesBlock(dt, cited.first, cited.last)}`;
  } else {
    span = a.quoted!.span;
    const m = location.kind === 'here' || location.kind === 'moved' ? location.match : location.kind === 'elsewhere' || location.kind === 'ambiguous' ? location.matches[0] : undefined;
    if (m === undefined) value = l10n.t('The quoted words are not in the draft.');
    else {
      const l = dt.draft.lines;
      const where = linesText(l[m.first].number, l[m.last].number, l[m.first].pillar);
      value = `**${where}**\n\n${linesBlock(dt, m.first, m.last)}`;
      if (location.kind === 'elsewhere') value = `${l10n.t('The quoted words are not on these lines.')} ${value}`;
    }
  }
  return { contents: { kind: MarkupKind.Markdown, value }, range: file.lines.rangeOf(span) };
}

/**
 * Go to definition from an amendment's line numbers or quote: the programme's text of those lines
 * (of the quote's lines, when it was found). `programmeLines` is the programme's line index.
 */
export function amendmentDefinition(file: AmendmentsFile, draft: PrintedDraft | undefined, programmeUri: string, programmeLines: LineIndex, position: Position): Location[] {
  if (draft === undefined) return [];
  const at = partAt(file, file.lines.offsetAt(position));
  if (at === undefined) return [];
  const dt = draftText(draft);
  const { cited, location } = locate(dt, at.amendment, draftChanged(file, draft));
  const found: DraftMatch | undefined = location.kind === 'here' || location.kind === 'moved' ? location.match : location.kind === 'elsewhere' ? location.matches[0] : undefined;
  const indices = at.part === 'quote' && found !== undefined ? { first: found.first, last: found.last } : cited?.kind === 'lines' ? cited : found;
  if (indices === undefined) return [];
  const lines = dt.draft.lines;
  const start = Math.min(lines[indices.first].source.start, lines[indices.last].source.start);
  const end = Math.max(lines[indices.first].source.end, lines[indices.last].source.end);
  return [{ uri: programmeUri, range: programmeLines.rangeOf({ start, end }) }];
}

/**
 * Completion of line numbers: after a line word at the start of a line (`Linje `, `Linje 11`,
 * `Zeilen 3–`), the draft's line numbers that start with the digits typed, each with its text (at
 * most 200, in order). Empty elsewhere.
 */
export function lineCompletions(file: AmendmentsFile, draft: PrintedDraft | undefined, position: Position): CompletionItem[] {
  if (draft === undefined) return [];
  const offset = file.lines.offsetAt(position);
  const lineStart = file.lines.lineStarts()[position.line] ?? 0;
  const before = file.text.slice(lineStart, offset).toLowerCase();
  // The digits typed just before the cursor, then what stands before them.
  let digits = before.length;
  while (digits > 0 && before[digits - 1] >= '0' && before[digits - 1] <= '9') digits--;
  const typed = before.slice(digits);
  let head = before.slice(0, digits).trimEnd();
  if (head.endsWith('-') || head.endsWith('–')) {
    head = head.slice(0, -1).trimEnd();
    while (head.length > 0 && head[head.length - 1] >= '0' && head[head.length - 1] <= '9') head = head.slice(0, -1);
    head = head.trimEnd();
  }
  let rest = head.trimStart();
  // An id before the citation (`E1: Linje …`) and a pillar (`Kapittel 2, linje …`) may stand before it.
  const colon = rest.indexOf(':');
  if (colon >= 0 && colon < 8 && !LINE_LIST.some((w) => rest.startsWith(w))) rest = rest.slice(colon + 1).trimStart();
  for (const w of PILLAR_LIST) {
    if (!rest.startsWith(w)) continue;
    let k = w.length;
    while (k < rest.length && (rest[k] === ' ' || (rest[k] >= '0' && rest[k] <= '9') || rest[k] === ',')) k++;
    rest = rest.slice(k).trimStart();
    break;
  }
  if (!LINE_LIST.includes(rest)) return [];
  const replace = file.lines.rangeOf({ start: offset - typed.length, end: offset });
  const out: CompletionItem[] = [];
  for (const l of draft.lines) {
    const n = String(l.number);
    if (!n.startsWith(typed)) continue;
    out.push({
      label: n,
      kind: CompletionItemKind.Value,
      detail: l.pillar !== undefined ? `${l10n.t('pillar {0}', l.pillar)}: ${l.text}` : l.text,
      textEdit: { range: replace, newText: n },
      sortText: String(out.length).padStart(6, '0'),
    });
    if (out.length >= 200) break;
  }
  return out;
}

/** The amendments of one file, for {@link amendmentCodeLenses}. */
export interface AmendmentSource {
  uri: string;
  file: AmendmentsFile;
}

/**
 * The code lenses of a programme: over each measure whose printed lines amendments change (where their
 * quote stands, else the lines they cite), "1 amendment" or "N amendments", whose command lists them
 * (the command of features/codeLens.ts, with the amendments' ids as locations). `lines` is the
 * programme's line index, `draft` its printed draft, `sources` the amendment files that name it.
 */
export function amendmentCodeLenses(lines: LineIndex, draft: PrintedDraft, uri: string, sources: readonly AmendmentSource[]): CodeLens[] {
  const dt = draftText(draft);
  /** Per printed block, the amendments that touch its lines. */
  const byBlock = new Map<number, Location[]>();
  for (const { uri: amendmentsUri, file } of sources) {
    const changed = draftChanged(file, draft);
    for (const a of file.amendments) {
      const { cited, location } = locate(dt, a, changed);
      const at = location.kind === 'here' || location.kind === 'moved' ? location.match : cited?.kind === 'lines' ? cited : undefined;
      if (at === undefined) continue;
      const blocks = new Set<number>();
      for (let i = at.first; i <= at.last; i++) blocks.add(draft.lines[i].block);
      for (const b of blocks) {
        if (draft.blocks[b]?.kind !== 'measure') continue;
        const list = byBlock.get(b) ?? [];
        list.push({ uri: amendmentsUri, range: file.lines.rangeOf(a.idSpan) });
        byBlock.set(b, list);
      }
    }
  }
  return [...byBlock.entries()]
    .sort((x, y) => x[0] - y[0])
    .map(([b, locations]) => {
      const start = draft.blocks[b].source.start;
      const range = lines.rangeOf({ start, end: start });
      const title = locations.length === 1 ? l10n.t('1 amendment') : l10n.t('{0} amendments', locations.length);
      return { range, command: { title, command: SHOW_REFERENCES_COMMAND, arguments: [uri, range.start, locations] } };
    });
}

/**
 * The draft options an amendment file's front matter gives (`lineWidth`, `lineNumbering`): they win
 * over the programme's front matter and configuration (amendments/lines.ts `printedDraft`).
 */
export function draftOptionsOf(file: AmendmentsFile): { width?: number; restart?: LineNumbering } {
  const fm = file.frontMatter;
  return {
    ...(fm?.lineWidth !== undefined ? { width: fm.lineWidth.value } : {}),
    ...(fm?.lineNumbering !== undefined ? { restart: fm.lineNumbering.value } : {}),
  };
}

/** The text of an amendment file and its URI, as the language server hands it to a programme's analysis. */
export interface AmendmentText {
  uri: string;
  text: string;
}

/**
 * The code lenses of a programme from the texts of the amendment files that name it (see
 * {@link amendmentCodeLenses}): each file is read (amendments/parse.ts) and located in the draft its
 * front matter asks for, `draftOf(options)` (made once per distinct `lineWidth` and `lineNumbering`).
 * Files with different drafts give their lenses separately; the lenses are in document order.
 */
export function programmeAmendmentLenses(lines: LineIndex, uri: string, texts: readonly AmendmentText[], draftOf: (options: Pick<DraftOptions, 'width' | 'restart'>) => PrintedDraft): CodeLens[] {
  const groups = new Map<string, { options: Pick<DraftOptions, 'width' | 'restart'>; sources: AmendmentSource[] }>();
  for (const { uri: amendmentsUri, text } of texts) {
    const file = parseAmendments(text);
    const options = draftOptionsOf(file);
    const key = `${options.width ?? ''} ${options.restart ?? ''}`;
    const group = groups.get(key) ?? { options, sources: [] };
    group.sources.push({ uri: amendmentsUri, file });
    groups.set(key, group);
  }
  const out: CodeLens[] = [];
  for (const { options, sources } of groups.values()) for (const lens of amendmentCodeLenses(lines, draftOf(options), uri, sources)) out.push(lens);
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/**
 * The printed line numbers of the programme's blocks as inlay hints (docs/amendments.md, "In the
 * editor"): at the first character of each block (heading, measure, paragraph) whose start lies in
 * `range`, its lines as {@link linesLabel} writes them ("l. 112–114"), with padding on its right.
 * `lines` is the programme's line index, `draft` its printed draft. In document order.
 */
export function lineNumberHints(lines: LineIndex, draft: PrintedDraft, range: Range): InlayHint[] {
  const start = lines.offsetAt(range.start);
  const end = lines.offsetAt(range.end);
  const out: InlayHint[] = [];
  for (const b of lineNumbersOfBlocks(draft)) {
    if (b.offset < start || b.offset > end) continue;
    out.push({ position: lines.positionAt(b.offset), label: linesLabel(b), paddingRight: true });
  }
  return out;
}
