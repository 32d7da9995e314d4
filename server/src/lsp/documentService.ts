/**
 * The analyses of open documents and the answers made from them, as one thread holds them: a worker
 * thread of the language server (lsp/worker.ts), or the server's own thread (tests, and a server started
 * without its worker bundle). The server's main thread never holds a document's model; it sends the
 * newest text to be analysed ({@link AnalysisJob}) and asks for answers ({@link FeatureCall}) by message.
 *
 * Everything that crosses between threads is plain data (structured clone): the job (text, config,
 * language), the LSP diagnostics, and each feature's LSP result.
 *
 * An analysis runs in steps (rules/index.ts `analysisSteps`: the reading, then each rule family); the
 * thread pauses between steps ({@link DocumentService.analyse}'s `pause`), so that it answers requests
 * for other documents, and a newer version stops an older analysis at the next step (`stopped`).
 * Analyses wait their turn in the order asked, except those a request waits for ({@link DocumentService.hurry});
 * the outline and folding of a document not analysed yet can come from the reading of its first
 * analysis, before the rules have run (`FeatureCall.early`).
 */
import type { Diagnostic as LspDiagnostic, DocumentSymbol, SymbolInformation, TextEdit } from 'vscode-languageserver-types';
import type { Config } from '../model/config';
import type { Programme } from '../model/programme';
import { analysisSteps, type Analysis } from '../rules/index';
import { inLanguage, type Language } from '../l10n/index';
import * as l10n from '@vscode/l10n';
import { documentSymbols } from '../features/outline';
import { hover } from '../features/hover';
import { definition } from '../features/definition';
import { findReferences } from '../features/references';
import { prepareRename, rename } from '../features/rename';
import { completions } from '../features/completion';
import { inlayHints } from '../features/inlayHints';
import { codeLenses } from '../features/codeLens';
import { foldingRanges } from '../features/folding';
import { selectionRanges } from '../features/selectionRanges';
import { codeActions } from '../features/codeActions';
import { onTypeFormatting } from '../features/onTypeFormatting';
import { leftAlone, leftAloneMessage, renumberEdits } from '../features/renumber';
import { symbolSources } from '../features/workspaceSymbols';
import { DiagnosticsJson, flattenSymbols, toLspDiagnostics } from './convert';
import { printedDraft, type LineNumbering, type PrintedDraft } from '../amendments/lines';
import { lineNumberHints, programmeAmendmentLenses, type AmendmentText } from '../amendments/editor';

/** A version of a document to analyse, with everything the analysis depends on. */
export interface AnalysisJob {
  uri: string;
  version: number;
  text: string;
  config: Config;
  /** The language of the messages (l10n/index.ts). */
  language: Language;
  /** Language and config as one string: an analysis is reused only for the same key. */
  key: string;
  /**
   * The job's number, counted by the server across all documents: a thread keeps an analysis only when
   * it is newer than the one it holds for the document and than the document's last `forget`.
   */
  generation: number;
}

/** What an analysis gives the main thread: the LSP diagnostics of that version (ranges in 0-based lines, UTF-16 characters). */
export interface AnalysisResult {
  uri: string;
  version: number;
  key: string;
  diagnostics: LspDiagnostic[];
  /**
   * From a service made with `json` (a worker's): the diagnostics as their JSON text
   * (lsp/convert.ts `DiagnosticsJson`), and `diagnostics` is empty.
   */
  diagnosticsJson?: string;
  /** The longest step of the analysis, in ms of wall-clock time: how long a request for the document may wait on its thread. */
  longestStepMs?: number;
}

/**
 * The requests answered from a document's analysis, with their parameters (the LSP request's, less the
 * document, plus what the server knows of the client). Each feature is a pure function of features/.
 */
export interface FeatureParams {
  documentSymbol: { hierarchical: boolean };
  hover: { position: { line: number; character: number } };
  definition: { position: { line: number; character: number } };
  references: { position: { line: number; character: number }; includeDeclaration: boolean };
  prepareRename: { position: { line: number; character: number } };
  rename: { position: { line: number; character: number }; newName: string };
  completion: { position: { line: number; character: number }; insertReplaceSupport: boolean };
  /**
   * `lineNumbers`, when given: also the printed line numbers of each block (amendments/editor.ts
   * `lineNumberHints`), in the draft with these options (an amendment file's `lineWidth`, `lineNumbering`).
   */
  inlayHint: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; lineNumbers?: DraftChoice };
  /** `amendments`: the texts of the amendment files that name this programme, for the "N amendments" lenses. */
  codeLens: { amendments?: AmendmentText[] };
  /** The programme's printed draft (amendments/lines.ts) with these options, as plain data. */
  printedDraft: DraftChoice;
  foldingRange: Record<string, never>;
  selectionRange: { positions: { line: number; character: number }[] };
  codeAction: {
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    diagnostics: LspDiagnostic[];
    only?: string[];
  };
  onTypeFormatting: { position: { line: number; character: number }; ch: string };
  renumber: Record<string, never>;
  symbolSources: Record<string, never>;
  preview: Record<string, never>;
  export: { format: string };
}

/** Which printed draft: the width and numbering an amendment file asks for (absent: the programme's own). */
export interface DraftChoice {
  width?: number;
  restart?: LineNumbering;
}

/** The name of a feature (see {@link FeatureParams}). */
export type FeatureName = keyof FeatureParams;

/** A request for an answer from the analysis of `uri` that the thread holds. */
export interface FeatureCall<N extends FeatureName = FeatureName> {
  uri: string;
  name: N;
  params: FeatureParams[N];
  /**
   * For the outline and folding ({@link EARLY_FEATURES}) of a document the thread holds no analysis of
   * yet: answer from the reading of its first analysis under way or waiting (the parse and model, before
   * the rules), waited for, and put before the other analyses waiting ({@link DocumentService.hurry}).
   */
  early?: boolean;
}

/** The features that need only the reading of a document (its model), not the rules' findings: those answered `early`. */
export const EARLY_FEATURES: readonly FeatureName[] = ['documentSymbol', 'foldingRange'];

/** An answer: the feature's result, and the version of the document it was made from. */
export interface FeatureAnswer {
  version: number;
  result: unknown;
}

/** What the renumber command needs: the edits, and the messages to show (in the document's language). */
export interface RenumberAnswer {
  edits: TextEdit[];
  /** The label of the workspace edit. */
  label: string;
  /** Shown when there is nothing to renumber. */
  inOrder: string;
  /** Shown after the edit is applied: the numbers left as they are (a date read as a measure), or undefined. */
  leftAlone?: string;
}

/** An analysis asked for that waits for its turn (see {@link DocumentService.analyse}). */
interface Waiting {
  job: AnalysisJob;
  pause: () => Promise<void>;
  stopped: () => boolean;
  resolve: (result: AnalysisResult | undefined) => void;
  reject: (error: unknown) => void;
  /** Somebody waits for it: it goes before the others ({@link DocumentService.hurry}). */
  urgent: boolean;
}

interface Held {
  generation: number;
  version: number;
  key: string;
  config: Config;
  language: Language;
  analysis: Analysis;
  /** The printed drafts made from this analysis, by their options (made when first asked for). */
  drafts?: Map<string, PrintedDraft>;
}

/**
 * The analyses one thread holds: at most one per document (the newest it finished), which is also the
 * `previous` of its next analysis of that document (the parse then reuses what an edit did not touch).
 */
export class DocumentService {
  private readonly held = new Map<string, Held>();
  /** Per document, the generation of its last `forget`: an analysis of a job up to it comes too late. */
  private readonly forgotten = new Map<string, number>();
  /** The analyses asked for that have not started, in the order asked (see {@link analyse}). */
  private readonly waiting: Waiting[] = [];
  /** Whether an analysis is under way (the others wait their turn). */
  private busy = false;
  /** The document whose analysis is under way. */
  private current: string | undefined;
  /** Per document, the reading of its first analysis on this thread while the rules run (see `FeatureCall.early`). */
  private readonly readings = new Map<string, Held>();
  /** Per document, who waits for its reading or for its analysis to end (see {@link answer}). */
  private readonly readingWaiters = new Map<string, (() => void)[]>();
  /** With `json`: per document, what makes its diagnostics' JSON text from version to version. */
  private readonly jsonTexts = new Map<string, DiagnosticsJson>();

  /**
   * `options.json`: analyses give their diagnostics as JSON text (`AnalysisResult.diagnosticsJson`),
   * made with what the text of the document's version before had (a worker sends the text on as it is).
   */
  constructor(private readonly options: { json?: boolean } = {}) {}

  /**
   * Analyses `job` in steps; between steps `await pause()` lets the thread do other work, and when
   * `stopped()` is then true the analysis ends without a result (undefined): a newer version made it
   * useless. The finished analysis replaces the one held for the document.
   *
   * Analyses run one after the other, each after those asked for before it, except those somebody
   * waits for ({@link hurry}), which go first: a request then waits for one step at most, not for a
   * step of every analysis under way; an analysis stopped before its turn does not run at all.
   */
  analyse(job: AnalysisJob, pause: () => Promise<void>, stopped: () => boolean): Promise<AnalysisResult | undefined> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ job, pause, stopped, resolve, reject, urgent: false });
      void this.drain();
    });
  }

  /**
   * The analyses of `uri` that wait for their turn go before the others (a request waits for the
   * document's first analysis: the outline of a document just opened while fifty others are).
   */
  hurry(uri: string): void {
    for (const w of this.waiting) if (w.job.uri === uri) w.urgent = true;
  }

  /** Runs the waiting analyses one after the other, the urgent ones first, until none waits. */
  private async drain(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    // Not within the call of `analyse`: its caller holds the run before the first step.
    await null;
    try {
      while (this.waiting.length > 0) {
        const urgent = this.waiting.findIndex((w) => w.urgent);
        const [w] = this.waiting.splice(Math.max(0, urgent), 1);
        if (w.stopped()) {
          w.resolve(undefined);
          this.wake(w.job.uri);
          continue;
        }
        this.current = w.job.uri;
        try {
          w.resolve(await this.analyseNow(w.job, w.pause, w.stopped));
        } catch (error) {
          w.reject(error);
        } finally {
          this.current = undefined;
        }
      }
    } finally {
      this.busy = false;
    }
  }

  /** Tells who waits for `uri`'s reading (see {@link answer}) to look again. */
  private wake(uri: string): void {
    const waiters = this.readingWaiters.get(uri);
    this.readingWaiters.delete(uri);
    for (const w of waiters ?? []) w();
  }

  private async analyseNow(job: AnalysisJob, pause: () => Promise<void>, stopped: () => boolean): Promise<AnalysisResult | undefined> {
    try {
      return await this.analyseSteps(job, pause, stopped);
    } finally {
      this.readings.delete(job.uri);
      this.wake(job.uri);
    }
  }

  private async analyseSteps(job: AnalysisJob, pause: () => Promise<void>, stopped: () => boolean): Promise<AnalysisResult | undefined> {
    const held = this.held.get(job.uri);
    // Not across languages: the syntax messages of the reused stretches are in the old one.
    const previous = held !== undefined && held.language === job.language ? held.analysis : undefined;
    const steps = inLanguage(job.language, () => analysisSteps(job.text, job.config, previous));
    let started = performance.now();
    let step = inLanguage(job.language, () => steps.next());
    let longestStepMs = performance.now() - started;
    let read = false;
    while (step.done !== true) {
      if (!read) {
        read = true;
        // The first step is the reading: the outline and folding of a document held nowhere yet can come from it.
        const programme = step.value;
        if (held === undefined && programme !== undefined && (this.forgotten.get(job.uri) ?? -1) < job.generation) {
          this.readings.set(job.uri, { generation: job.generation, version: job.version, key: job.key, config: job.config, language: job.language, analysis: { programme, diagnostics: [] } });
          this.wake(job.uri);
        }
      }
      await pause();
      if (stopped()) {
        steps.return(undefined as never);
        return undefined;
      }
      started = performance.now();
      step = inLanguage(job.language, () => steps.next());
      longestStepMs = Math.max(longestStepMs, performance.now() - started);
    }
    const analysis = step.value;
    const now = this.held.get(job.uri);
    // An older job that finished after a newer one, or after the document was let go, is not kept.
    if ((now === undefined || now.generation < job.generation) && (this.forgotten.get(job.uri) ?? -1) < job.generation) {
      this.held.set(job.uri, { generation: job.generation, version: job.version, key: job.key, config: job.config, language: job.language, analysis });
    }
    if (this.options.json === true) {
      let texts = this.jsonTexts.get(job.uri);
      if (texts === undefined) this.jsonTexts.set(job.uri, (texts = new DiagnosticsJson()));
      const diagnosticsJson = texts.text(analysis.diagnostics, analysis.programme.lines, job.uri);
      return { uri: job.uri, version: job.version, key: job.key, diagnostics: [], diagnosticsJson, longestStepMs };
    }
    return { uri: job.uri, version: job.version, key: job.key, diagnostics: toLspDiagnostics(analysis.diagnostics, analysis.programme.lines, job.uri), longestStepMs };
  }

  /** The version and key of the analysis held for `uri`, or undefined. */
  heldVersion(uri: string): { version: number; key: string } | undefined {
    const held = this.held.get(uri);
    return held !== undefined ? { version: held.version, key: held.key } : undefined;
  }

  /**
   * Lets go of what is held for `uri` (the document was closed, or another thread answers for it and it
   * is not being edited), and of the result of any job of it up to `generation` still under way.
   */
  forget(uri: string, generation: number): void {
    this.held.delete(uri);
    this.readings.delete(uri);
    this.jsonTexts.delete(uri);
    this.forgotten.set(uri, generation);
  }

  /**
   * Answers `call` from the analysis held for its document, in the document's language; undefined when
   * none is held (an `early` call waits for the reading of the document's first analysis, see
   * `FeatureCall.early`; undefined when the thread has none to do). Throws what the feature throws (the server logs it and answers with its fallback).
   */
  async answer(call: FeatureCall): Promise<FeatureAnswer | undefined> {
    let held = this.held.get(call.uri);
    if (held === undefined && call.early === true && EARLY_FEATURES.includes(call.name)) {
      // Its first analysis here: from its reading, once there (or the analysis, once finished). Woken
      // when a reading is made or an analysis of the document ends or is stopped before its turn; three
      // wake-ups at most, so that a run of versions stopped one after the other does not keep it (the
      // server bounds the wait in time too).
      this.hurry(call.uri);
      for (let turn = 0; turn < 3 && held === undefined; turn++) {
        held = this.held.get(call.uri) ?? this.readings.get(call.uri);
        if (held !== undefined || !(this.current === call.uri || this.waiting.some((w) => w.job.uri === call.uri))) break;
        await new Promise<void>((resolve) => {
          const list = this.readingWaiters.get(call.uri) ?? [];
          list.push(resolve);
          this.readingWaiters.set(call.uri, list);
        });
      }
    }
    if (held === undefined) return undefined;
    const p = held.analysis.programme;
    const result = await inLanguage(held.language, () => answerFeature(p, held, call));
    return { version: held.version, result };
  }
}

/** The result of one feature (see {@link FeatureParams}) on the programme `p`. */
function answerFeature(p: Programme, held: Held, call: FeatureCall): unknown {
  const { uri } = call;
  switch (call.name) {
    case 'documentSymbol': {
      const symbols: DocumentSymbol[] = documentSymbols(p);
      const flat: SymbolInformation[] | undefined = (call.params as FeatureParams['documentSymbol']).hierarchical ? undefined : flattenSymbols(symbols, uri);
      return flat ?? symbols;
    }
    case 'hover':
      return hover(p, (call.params as FeatureParams['hover']).position);
    case 'definition':
      return definition(p, uri, (call.params as FeatureParams['definition']).position);
    case 'references': {
      const params = call.params as FeatureParams['references'];
      return findReferences(p, uri, params.position, params.includeDeclaration);
    }
    case 'prepareRename':
      return prepareRename(p, (call.params as FeatureParams['prepareRename']).position);
    case 'rename': {
      const params = call.params as FeatureParams['rename'];
      return rename(p, uri, params.position, params.newName);
    }
    case 'completion': {
      const params = call.params as FeatureParams['completion'];
      return completions(p, params.position, { insertReplaceSupport: params.insertReplaceSupport });
    }
    case 'inlayHint': {
      const params = call.params as FeatureParams['inlayHint'];
      const hints = inlayHints(p, params.range);
      if (params.lineNumbers === undefined) return hints;
      const numbers = lineNumberHints(p.lines, draftOf(held, params.lineNumbers), params.range);
      return [...numbers, ...hints].sort((a, b) => a.position.line - b.position.line || a.position.character - b.position.character);
    }
    case 'codeLens': {
      const lenses = codeLenses(p, uri);
      const texts = (call.params as FeatureParams['codeLens']).amendments;
      if (texts === undefined || texts.length === 0) return lenses;
      const more = programmeAmendmentLenses(p.lines, uri, texts, (options) => draftOf(held, options));
      return [...lenses, ...more].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    }
    case 'printedDraft':
      return draftOf(held, call.params as FeatureParams['printedDraft']);
    case 'foldingRange':
      return foldingRanges(p);
    case 'selectionRange':
      return selectionRanges(p, (call.params as FeatureParams['selectionRange']).positions);
    case 'codeAction': {
      const params = call.params as FeatureParams['codeAction'];
      return codeActions(p, uri, params.range, params.diagnostics, params.only, held.config);
    }
    case 'onTypeFormatting': {
      const params = call.params as FeatureParams['onTypeFormatting'];
      return onTypeFormatting(p, params.position, params.ch);
    }
    case 'renumber':
      return renumberAnswer(p);
    case 'symbolSources':
      return symbolSources(p);
    case 'preview':
      return import('../features/preview').then(({ preview }) => preview(p, held.version));
    case 'export': {
      const format = (call.params as FeatureParams['export']).format;
      return import('../features/preview').then(({ exportedFile }) => exportedFile(p, format as Parameters<typeof exportedFile>[1]));
    }
  }
}

/** The printed draft of the held analysis with `choice`'s options and its config's (made once per analysis and options). */
function draftOf(held: Held, choice: DraftChoice): PrintedDraft {
  const key = `${choice.width ?? ''} ${choice.restart ?? ''}`;
  held.drafts ??= new Map();
  let draft = held.drafts.get(key);
  if (draft === undefined) {
    draft = printedDraft(held.analysis.programme, { ...(choice.width !== undefined ? { width: choice.width } : {}), ...(choice.restart !== undefined ? { restart: choice.restart } : {}), config: held.config });
    held.drafts.set(key, draft);
  }
  return draft;
}

/** The renumbering of the whole document, with its messages (see {@link RenumberAnswer}). */
function renumberAnswer(p: Programme): RenumberAnswer {
  const edits = renumberEdits(p, { kind: 'document' });
  const alone = leftAlone(p, { kind: 'document' });
  let aloneText: string | undefined;
  if (alone.length > 0) {
    // Say what was left as it is (a date read as a measure), so that nobody thinks it was forgotten.
    const lines = alone.slice(0, 3).map((x) => l10n.t('Line {0}: {1}', p.lines.lineAt(x.measure.span.start) + 1, leftAloneMessage(x)));
    const more = alone.length - 3;
    aloneText = more <= 0 ? lines.join(' ') : `${lines.join(' ')} ${more === 1 ? l10n.t('(and 1 more)') : l10n.t('(and {0} more)', more)}`;
  }
  return {
    edits,
    label: l10n.t('Renumber document'),
    inOrder: l10n.t('The numbering is already in order; nothing was changed.'),
    leftAlone: aloneText,
  };
}
