/**
 * Amendment files (`*.amendments`, docs/amendments.md) in the language server: the glue between the
 * open amendment documents, the programmes they name and the pure features of amendments/ (the checks
 * of check.ts, the editor features of editor.ts). Nothing here reads an amendment file's words itself.
 *
 * - An amendment document is one whose language is {@link AMENDMENTS_LANGUAGE} or whose name ends in
 *   `.amendments` ({@link isAmendmentDocument}); the server never analyses it as a programme.
 * - Checking (on open, and {@link AmendmentDocuments.schedule}d after a change, debounced as
 *   programmes are): the file is read, the programme it names found relative to it (its front matter's
 *   `programme:`), and that programme's printed draft made with the file's `lineWidth` and
 *   `lineNumbering`: from the programme's held analysis when it is open (its newest text wins over the
 *   disk; the draft crosses threads as plain data, the `printedDraft` feature of documentService.ts),
 *   else read from disk (node/amendments.ts; a large one on a worker thread, lsp/diskDraft.ts), cached
 *   by path, modification time, size and options.
 *   The diagnostics are those `programme check` gives (same codes, messages, ranges), in the file's
 *   language, with the amendment file's configuration's rule levels.
 * - A change to a programme (an edit, its opening or closing, a file event) checks again the open
 *   amendment files that name it ({@link AmendmentDocuments.programmeChanged}).
 * - Requests on an amendment document (outline, hover, definition, completion, quick fixes) are answered from its
 *   last reading when that is of its current version, else from a new one made for the request, whose
 *   draft is the programme's last finished analysis (never waiting for a newer one).
 * - For programmes ({@link AmendmentDocuments.sourcesFor}): the amendment files that name a programme,
 *   open ones (their newest text) and those on disk in the workspace folders (found as `programme
 *   check` finds files, skipping `node_modules` and dot folders; each read once per modification time
 *   and size; the list of files kept while the client reports `*.amendments` events, else looked at
 *   again at most every {@link LIST_MS} ms).
 */
import path from 'node:path';
import { URI } from 'vscode-uri';
import * as l10n from '@vscode/l10n';
import { CodeActionKind, type CodeAction, type CompletionItem, type Diagnostic as LspDiagnostic, type DocumentSymbol, type Hover, type Location, type Position, type Range, type SymbolInformation } from 'vscode-languageserver-types';
import type { Config } from '../model/config';
import { LineIndex, type Diagnostic } from '../syntax/span';
import { kindWanted } from '../features/codeActions';
import { inLanguage, type Language } from '../l10n/index';
import { parseAmendments, AMENDMENTS_EXTENSION } from '../amendments/parse';
import { checkAmendments, type AmendmentContext } from '../amendments/check';
import { amendmentDefinition, amendmentHover, amendmentSymbols, draftOptionsOf, lineCompletions, type AmendmentText } from '../amendments/editor';
import type { AmendmentsFile } from '../amendments/model';
import type { PrintedDraft } from '../amendments/lines';
import { expandPaths, fileStamp, readText } from '../node/files';
import { flattenSymbols, toLspDiagnostics } from './convert';
import { configKey } from './settings';
import type { DraftChoice } from './documentService';
import type { DiskDraftJob, DiskDraftResult } from './diskDraft';

/** The language id of amendment files (the VS Code client's `programme-amendments`). */
export const AMENDMENTS_LANGUAGE = 'programme-amendments';

/** Without `*.amendments` file events, how long the list of amendment files on disk is trusted, in ms. */
export const LIST_MS = 2000;

/** A document as the server holds it (`TextDocument`). */
export interface AmendmentDocument {
  readonly uri: string;
  readonly languageId: string;
  readonly version: number;
  getText(): string;
}

/** True when `doc` is an amendment file: its language, or its name (see the module comment). */
export function isAmendmentDocument(doc: { uri: string; languageId?: string }): boolean {
  return doc.languageId === AMENDMENTS_LANGUAGE || URI.parse(doc.uri).path.endsWith(AMENDMENTS_EXTENSION);
}

/** What {@link AmendmentDocuments} needs from the server. */
export interface AmendmentHost {
  /** The open document `uri`, or undefined. */
  get(uri: string): AmendmentDocument | undefined;
  /** Every open document. */
  all(): readonly AmendmentDocument[];
  /** The configuration of `uri` (settings and the nearest `.programmerc.json`); never rejects. */
  configFor(uri: string): Promise<Config>;
  /** The language of the messages for the document `uri` with the text `text`. */
  languageOf(uri: string, text: string): Promise<Language>;
  /**
   * The printed draft of the open programme `uri` from its held analysis, and that analysis's text's
   * line index: `newest` waits for the analysis of its newest version, `latest` takes the last finished.
   * Undefined when it is not open or has no analysis.
   */
  openDraft(uri: string, choice: DraftChoice, wait: 'newest' | 'latest'): Promise<{ draft: PrintedDraft; lines: LineIndex } | undefined>;
  /**
   * The printed draft of the programme on disk that `job` names (lsp/diskDraft.ts), made off the
   * server's own thread when the file is large (`bytes`, its size); never rejects.
   */
  diskDraft(job: DiskDraftJob, bytes: number): Promise<DiskDraftResult>;
  /** Publishes `diagnostics` on the amendment document `uri`, version `version`. */
  publish(uri: string, version: number, diagnostics: LspDiagnostic[]): void;
  /** The amendments of a programme changed: its code lenses and inlay hints are asked for again. */
  refreshProgrammes(): void;
  /** Logs a failure (a fault of ours). */
  fail(what: string, error: unknown): void;
}

/** The programme an amendment document names, as read for it. */
interface NamedProgramme {
  /** Its path. */
  file: string;
  /** Its URI, when it is open. */
  uri: string;
  draft: PrintedDraft;
  lines: LineIndex;
}

/** One reading of an amendment document's version. */
interface Reading {
  version: number;
  text: string;
  file: AmendmentsFile;
  language: Language;
  /** The path of the programme it names, when it names one (and it could be resolved). */
  target?: string;
  programme?: NamedProgramme;
  diagnostics: LspDiagnostic[];
  /** The diagnostics as the checks made them (with their fixes), in the order of `diagnostics`. */
  found: Diagnostic[];
}

/** A programme read from disk, for the amendment files that name it when it is not open. */
interface DiskDraft {
  mtimeMs: number;
  size: number;
  key: string;
  result: { draft: PrintedDraft; lines: LineIndex } | { problem: string };
}

/** An amendment file on disk: its text and the programme it names, as of its stamp. */
interface DiskAmendments {
  mtimeMs: number;
  size: number;
  text: string;
  target?: string;
  choice: DraftChoice;
}

/** The amendment documents of the server; see the module comment. */
export class AmendmentDocuments {
  private readonly readings = new Map<string, Reading>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly drafts = new Map<string, DiskDraft>();
  private readonly onDisk = new Map<string, DiskAmendments>();
  private folders: string[] = [];
  private files: { list: string[]; at: number } | undefined;
  private watched = false;

  constructor(
    private readonly host: AmendmentHost,
    private readonly delayMs: number,
  ) {}

  /** Sets the workspace folders (URIs; only `file:` folders are searched for amendment files). */
  setFolders(folderUris: string[]): void {
    this.folders = folderUris.map((u) => URI.parse(u)).filter((u) => u.scheme === 'file').map((u) => u.fsPath);
    this.files = undefined;
  }

  /** Whether the client reports `*.amendments` files created, changed and deleted. */
  setWatched(watched: boolean): void {
    this.watched = watched;
  }

  /** The amendment document `uri` was opened: it is checked at once. */
  opened(uri: string): void {
    void this.check(uri);
  }

  /** The amendment document `uri` changed: it is checked after {@link delayMs} without a change. */
  schedule(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.check(uri);
      }, this.delayMs),
    );
  }

  /** The amendment document `uri` was closed: its reading is let go (the server clears its diagnostics). */
  closed(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    const had = this.readings.get(uri);
    this.readings.delete(uri);
    // Its amendments now come from the disk, if at all.
    if (had?.target !== undefined) this.host.refreshProgrammes();
  }

  /** Settings or config files changed: every open amendment document is checked again. */
  recheckAll(): void {
    this.drafts.clear();
    for (const uri of this.readings.keys()) void this.check(uri);
  }

  /**
   * The programme `uri` (a programme document, or a `*.programme` file on disk) changed, was opened
   * or was closed: the open amendment documents that name it are checked again.
   */
  programmeChanged(uri: string): void {
    const u = URI.parse(uri);
    if (u.scheme !== 'file') return;
    const file = u.fsPath;
    this.drafts.delete(file);
    for (const [amendments, reading] of this.readings) if (reading.target === file) this.schedule(amendments);
  }

  /** A `*.amendments` file on disk was created, changed or deleted: the programmes' lenses are asked for again. */
  amendmentFileChanged(uri: string): void {
    this.onDisk.delete(URI.parse(uri).fsPath);
    this.files = undefined;
    this.host.refreshProgrammes();
  }

  /** Checks `uri`'s current version and publishes its diagnostics (unless it changed meanwhile). */
  private async check(uri: string): Promise<void> {
    try {
      const doc = this.host.get(uri);
      if (doc === undefined) return;
      const before = this.readings.get(uri);
      const reading = await this.read(doc, 'newest');
      const now = this.host.get(uri);
      if (now === undefined || now.version !== reading.version) return;
      this.readings.set(uri, reading);
      this.host.publish(uri, reading.version, reading.diagnostics);
      if (reading.target !== undefined || before?.target !== undefined) this.host.refreshProgrammes();
    } catch (error) {
      this.host.fail(`checking ${uri}`, error);
    }
  }

  /** The reading of `doc`'s current version: the last one when it is of that version, else a new one (not kept). */
  private async current(uri: string): Promise<Reading | undefined> {
    const doc = this.host.get(uri);
    if (doc === undefined) return undefined;
    const held = this.readings.get(uri);
    if (held !== undefined && held.version === doc.version && held.text === doc.getText()) return held;
    return this.read(doc, 'latest');
  }

  /** Reads `doc`: parses it, finds its programme's draft, runs the checks. */
  private async read(doc: AmendmentDocument, wait: 'newest' | 'latest'): Promise<Reading> {
    const { uri, version } = doc;
    const text = doc.getText();
    const file = parseAmendments(text);
    const language = await this.host.languageOf(uri, text);
    const config = await this.host.configFor(uri);
    const named = file.frontMatter?.programme?.value;
    const u = URI.parse(uri);
    const target = named === undefined ? undefined : path.isAbsolute(named) ? path.normalize(named) : u.scheme === 'file' ? path.resolve(path.dirname(u.fsPath), named) : undefined;
    let context: AmendmentContext = {};
    let programme: NamedProgramme | undefined;
    if (named !== undefined && target === undefined) {
      context = { programmeProblem: inLanguage(language, () => l10n.t('The programme "{0}" cannot be found from an unsaved file: save the amendment file (the programme\'s path is relative to it).', named)) };
    } else if (named !== undefined && target !== undefined) {
      const found = await this.programmeOf(target, named, draftOptionsOf(file), language, wait);
      if ('problem' in found) context = { programmeProblem: found.problem };
      else {
        programme = found;
        context = { draft: found.draft };
      }
    }
    const found = inLanguage(language, () => checkAmendments(file, context, config));
    return { version, text, file, language, target, programme, diagnostics: toLspDiagnostics(found, file.lines, uri), found };
  }

  /** The open programme document at the path `file`, if any (not an amendment document). */
  private openProgramme(file: string): AmendmentDocument | undefined {
    for (const d of this.host.all()) {
      if (isAmendmentDocument(d)) continue;
      const u = URI.parse(d.uri);
      if (u.scheme === 'file' && u.fsPath === file) return d;
    }
    return undefined;
  }

  /** The draft of the programme at `file`: from its open document's analysis, else from disk. */
  private async programmeOf(file: string, shownAs: string, choice: DraftChoice, language: Language, wait: 'newest' | 'latest'): Promise<NamedProgramme | { problem: string }> {
    const open = this.openProgramme(file);
    if (open !== undefined) {
      const made = await this.host.openDraft(open.uri, choice, wait);
      if (made !== undefined) return { file, uri: open.uri, ...made };
    }
    const uri = URI.file(file).toString();
    const config = await this.host.configFor(uri);
    const key = `${choice.width ?? ''} ${choice.restart ?? ''} ${configKey(config)} ${config.lineWidth ?? ''} ${config.lineNumbering ?? ''} ${language}`;
    const stamp = fileStamp(file);
    const cached = this.drafts.get(file);
    let result: DiskDraft['result'];
    if (stamp !== undefined && cached !== undefined && cached.mtimeMs === stamp.mtimeMs && cached.size === stamp.size && cached.key === key) result = cached.result;
    else {
      const read = await this.host.diskDraft({ file, shownAs, choice, config, language }, stamp?.size ?? 0);
      result = 'problem' in read ? read : { draft: read.draft, lines: new LineIndex(read.text) };
      if (stamp !== undefined) this.drafts.set(file, { mtimeMs: stamp.mtimeMs, size: stamp.size, key, result });
    }
    return 'problem' in result ? result : { file, uri, ...result };
  }

  /** The outline of the amendment document `uri` (one symbol per amendment); undefined when it is not open. */
  async symbols(uri: string, hierarchical: boolean): Promise<DocumentSymbol[] | SymbolInformation[] | undefined> {
    const reading = await this.current(uri);
    if (reading === undefined) return undefined;
    const symbols = inLanguage(reading.language, () => amendmentSymbols(reading.file));
    return hierarchical ? symbols : flattenSymbols(symbols, uri);
  }

  /** The hover at `position` of the amendment document `uri`. */
  async hover(uri: string, position: Position): Promise<Hover | null> {
    const reading = await this.current(uri);
    if (reading === undefined) return null;
    return inLanguage(reading.language, () => amendmentHover(reading.file, reading.programme?.draft, position));
  }

  /** Go to definition from the amendment document `uri`: the programme's lines. */
  async definition(uri: string, position: Position): Promise<Location[]> {
    const reading = await this.current(uri);
    const p = reading?.programme;
    if (reading === undefined || p === undefined) return [];
    return amendmentDefinition(reading.file, p.draft, p.uri, p.lines, position);
  }

  /**
   * The quick fixes of the amendment document `uri` for the client's `diagnostics` (those of its last
   * check): the fixes the checks carry (cite the lines where the quote stands, add the fingerprint, …),
   * each tied to its diagnostic, with edits of the document; only when quick fixes are wanted (`only`).
   */
  async codeActions(uri: string, diagnostics: readonly LspDiagnostic[], only: string[] | undefined): Promise<CodeAction[]> {
    if (!kindWanted(CodeActionKind.QuickFix, only)) return [];
    const reading = await this.current(uri);
    if (reading === undefined) return [];
    const out: CodeAction[] = [];
    for (const d of diagnostics) {
      const at = reading.diagnostics.findIndex((ours) => ours.code === d?.code && ours.message === d.message && sameRange(ours.range, d.range));
      if (at < 0) continue;
      for (const fix of reading.found[at].fixes ?? []) {
        const edits = fix.changes.map((c) => ({ range: reading.file.lines.rangeOf(c.span), newText: c.newText }));
        out.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: { changes: { [uri]: edits } }, ...(fix.preferred === true ? { isPreferred: true } : {}) });
      }
    }
    return out;
  }

  /** Completion of line numbers in the amendment document `uri`. */
  async completion(uri: string, position: Position): Promise<CompletionItem[]> {
    const reading = await this.current(uri);
    if (reading === undefined) return [];
    return inLanguage(reading.language, () => lineCompletions(reading.file, reading.programme?.draft, position));
  }

  /**
   * The amendment files that name the programme `uri` (see the module comment): their texts, and the
   * draft options of the first of them (for the line numbers shown in the programme). Empty for a
   * programme that is not a file.
   */
  sourcesFor(uri: string): { texts: AmendmentText[]; choice?: DraftChoice } {
    const u = URI.parse(uri);
    if (u.scheme !== 'file') return { texts: [] };
    const file = u.fsPath;
    const texts: AmendmentText[] = [];
    let choice: DraftChoice | undefined;
    const open = new Set<string>();
    for (const d of this.host.all()) {
      if (!isAmendmentDocument(d)) continue;
      const du = URI.parse(d.uri);
      if (du.scheme === 'file') open.add(du.fsPath);
      const text = d.getText();
      const held = this.readings.get(d.uri);
      const read = held !== undefined && held.text === text ? held.file : parseAmendments(text);
      const named = read.frontMatter?.programme?.value;
      if (named === undefined || du.scheme !== 'file' || path.resolve(path.dirname(du.fsPath), named) !== file) continue;
      texts.push({ uri: d.uri, text });
      choice ??= draftOptionsOf(read);
    }
    for (const found of this.amendmentFiles()) {
      if (open.has(found)) continue;
      const entry = this.diskAmendments(found);
      if (entry === undefined || entry.target !== file) continue;
      texts.push({ uri: URI.file(found).toString(), text: entry.text });
      choice ??= entry.choice;
    }
    return choice !== undefined ? { texts, choice } : { texts };
  }

  /** The `*.amendments` files of the workspace folders (see the module comment). */
  private amendmentFiles(): string[] {
    const now = performance.now();
    if (this.files !== undefined && (this.watched || now - this.files.at < LIST_MS)) return this.files.list;
    const list = this.folders.length === 0 ? [] : expandPaths(this.folders, { extensions: [AMENDMENTS_EXTENSION] }).files;
    this.files = { list, at: now };
    return list;
  }

  /** The amendment file `file` on disk, read again when its stamp changed; undefined when it cannot be read. */
  private diskAmendments(file: string): DiskAmendments | undefined {
    const stamp = fileStamp(file);
    if (stamp === undefined) return undefined;
    const cached = this.onDisk.get(file);
    if (cached !== undefined && cached.mtimeMs === stamp.mtimeMs && cached.size === stamp.size) return cached;
    const read = readText(file);
    if ('problem' in read) return undefined;
    const parsed = parseAmendments(read.text);
    const named = parsed.frontMatter?.programme?.value;
    const entry: DiskAmendments = { mtimeMs: stamp.mtimeMs, size: stamp.size, text: read.text, choice: draftOptionsOf(parsed) };
    if (named !== undefined) entry.target = path.resolve(path.dirname(file), named);
    this.onDisk.set(file, entry);
    return entry;
  }
}

/** True when two ranges are the same (a client's copy of a diagnostic's range may be any object). */
function sameRange(a: Range, b: Range | undefined): boolean {
  return b !== undefined && a.start.line === b.start?.line && a.start.character === b.start?.character && a.end.line === b.end?.line && a.end.character === b.end?.character;
}
