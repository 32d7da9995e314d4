/**
 * A soak of the language server (issue 15), shared by test/soak.test.ts (short, in `npm test`; long with
 * `SOAK=long`, which `npm run fuzz` sets) and bench/responsive.mjs (its figures against the targets).
 *
 * The built server is started over stdio (test/lsp-client.ts) and given, for {@link SoakOptions.durationMs}:
 *
 * - **documents**: {@link SoakOptions.documents} programmes of 100 to 2,000 measures (bench/generate.mjs,
 *   each its own seed), all opened at the start, as an editor restoring its tabs does;
 * - **edits**, by {@link SoakOptions.editors} editors at once (two: as two editor groups), each picking
 *   an open document at random, then 150–400 ms until its next action:
 *   - typing, 82 % of the actions: a burst of 1–25 characters at a random place in a line of text, one
 *     `didChange` per character 15–40 ms apart (letters, spaces, a backspace now and then, sometimes a
 *     line break; one burst in 20 types `[[` and asks for completion there, as the trigger character
 *     does), after which the editor asks what an editor asks after an edit (document symbols, folding
 *     ranges, code lenses, inlay hints of the lines in view, code actions at the cursor);
 *   - pasting 5,000 lines of another generated programme at the start of a random line, 5 %;
 *   - deleting half of a document (a random run of half its lines), 5 %, and instead of a paste into a
 *     document that already has 30,000 lines;
 *   - closing a document and opening it again 0–300 ms later with the same text, 8 %;
 * - **requests** at random moments (about {@link SoakOptions.requestsPerSecond} a second), each of a kind
 *   chosen at random among those the server offers ({@link REQUEST_KINDS}), on a random document (open,
 *   or closed for a moment) at a random position of a random line; {@link SoakOptions.cancelShare} of
 *   all requests are cancelled with `$/cancelRequest` 0–30 ms after they are sent.
 *
 * What is recorded: every request's kind, time from writing it to reading its answer, and outcome (a
 * result, RequestCancelled for a cancelled one, any other error, or none within the patience); the
 * server's `window/logMessage` errors and standard error; any `internal-error` diagnostic it published;
 * its resident set every 250 ms and its peak (`VmHWM`) from /proc, and its own `process.memoryUsage()`
 * (`$/programme/memory`; the server runs with `--expose-gc`, so that request collects the garbage
 * first) before and after every document is closed at the end. Then, for each open document, the
 * diagnostics of its newest version must arrive, and must be those that `analyse` gives for the
 * client's copy of the text (the same codes on the same lines): the server followed every edit.
 *
 * Latency figures per kind, and by when the requests were sent (windows of {@link TIMELINE_MS}), leave
 * out the requests that were cancelled (their time says when the cancellation arrived, not how fast
 * the server answers).
 */
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Position, PublishDiagnosticsParams, Range } from 'vscode-languageserver-protocol';
// @ts-expect-error: a JavaScript module without types
import { generate, mulberry32 } from '../bench/generate.mjs';
import { analyse } from '../server/src/rules/index';
import { INTERNAL_ERROR } from '../server/src/syntax/span';
import { percentiles, REQUEST_CANCELLED, StdioClient, type Message } from './lsp-client';
import { findingKeys, ms } from './responsive';

/** How a soak runs (see the module comment). */
export interface SoakOptions {
  /** Open documents. */
  documents: number;
  /** The documents' sizes in measures, from and to (inclusive). */
  minMeasures: number;
  maxMeasures: number;
  /** How long edits and requests go on, in ms. */
  durationMs: number;
  /** Editors typing, pasting and deleting at once (0: requests only, on the documents as opened). */
  editors: number;
  /** Random requests a second (the editors' requests after their edits come on top). */
  requestsPerSecond: number;
  /** The share of requests cancelled, 0–1. */
  cancelShare: number;
  /** The seed of every random choice. */
  seed: number;
  /** How long to wait for an answer or for the final diagnostics before calling them missing, in ms. */
  patienceMs: number;
  /** The server's file (default: test/lsp-client.ts's `SERVER`, the build of this tree). */
  server?: string;
}

/** The short soak of `npm test` and the long one of `npm run fuzz` (the outside soak of issue 15: 50 documents, two minutes). */
export const SOAK_SIZES: Record<'short' | 'long', SoakOptions> = {
  short: { documents: 10, minMeasures: 100, maxMeasures: 2_000, durationMs: 20_000, editors: 2, requestsPerSecond: 12, cancelShare: 0.15, seed: 15, patienceMs: 120_000 },
  long: { documents: 50, minMeasures: 100, maxMeasures: 2_000, durationMs: 120_000, editors: 2, requestsPerSecond: 10, cancelShare: 0.15, seed: 15, patienceMs: 300_000 },
};

/** The request kinds of the soak, each with the server capability that offers it; a kind the server does not offer is left out. */
export const REQUEST_KINDS: { method: string; capability: string }[] = [
  { method: 'textDocument/hover', capability: 'hoverProvider' },
  { method: 'textDocument/definition', capability: 'definitionProvider' },
  { method: 'textDocument/references', capability: 'referencesProvider' },
  { method: 'textDocument/documentSymbol', capability: 'documentSymbolProvider' },
  { method: 'textDocument/foldingRange', capability: 'foldingRangeProvider' },
  { method: 'textDocument/codeLens', capability: 'codeLensProvider' },
  { method: 'textDocument/codeAction', capability: 'codeActionProvider' },
  { method: 'textDocument/completion', capability: 'completionProvider' },
  { method: 'textDocument/inlayHint', capability: 'inlayHintProvider' },
  { method: 'textDocument/selectionRange', capability: 'selectionRangeProvider' },
  { method: 'textDocument/documentHighlight', capability: 'documentHighlightProvider' },
];

/** The latency of one request kind: requests sent, how many were cancelled, and the times in ms of the others (nearest-rank percentiles). */
export interface KindFigures {
  kind: string;
  count: number;
  cancelled: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /**
   * The same figures split by whether the document's first diagnostics since it was (re)opened had
   * arrived when the request was sent (`early`: not yet, the server may still be on its first analysis).
   */
  early: { count: number; p50: number; p95: number; max: number };
  late: { count: number; p50: number; p95: number; max: number };
}

/** What a soak saw (see the module comment); memory in MB, times in ms. */
export interface SoakResult {
  options: SoakOptions;
  /** From the first document opened to the last answer and diagnostics. */
  elapsedMs: number;
  /** `didChange` notifications sent, and the editors' actions by kind. */
  changes: number;
  actions: Record<string, number>;
  requests: number;
  cancelled: number;
  perKind: KindFigures[];
  /** The requests that were not cancelled, by when they were sent ({@link TIMELINE_MS} windows from the start): the median and longest time of each window (shows whether a queue builds up or the start is slow). */
  timeline: { fromMs: number; count: number; p50: number; max: number }[];
  /** Requests without an answer within the patience, and answers that were neither a result nor RequestCancelled for a cancelled request. */
  unanswered: string[];
  wrongAnswers: string[];
  /** `window/logMessage` errors, and what the server wrote to standard error. */
  errorsLogged: string[];
  stderr: string;
  /** `internal-error` diagnostics published during the soak. */
  internalErrors: string[];
  /** Open documents whose newest diagnostics did not arrive, or differ from `analyse` of the client's text. */
  mismatches: string[];
  /** The server process's resident set: its peak (VmHWM), the largest sampled, and after every document was closed. */
  resident: { peakMb?: number; sampledMaxMb?: number; afterCloseMb?: number };
  /** The server's `process.memoryUsage()`: heap in use and resident set, before and after closing every document. */
  heap: { beforeCloseMb?: number; afterCloseMb?: number; rssBeforeCloseMb?: number; rssAfterCloseMb?: number };
  /** The server's CPU time over the soak (from /proc), or undefined. */
  serverCpuMs?: number;
  /** Whether the server still ran at the end. */
  alive: boolean;
}

/** One document as the client holds it. */
interface SoakDocument {
  uri: string;
  doc: TextDocument;
  open: boolean;
  /** The version it was last opened with. */
  openedVersion: number;
}

/** A request the soak sent: its kind, whether it was cancelled, and its answer or why there is none. */
interface Sent {
  kind: string;
  /** When it was sent, in ms from the start of the soak. */
  at: number;
  cancelled: boolean;
  /** Sent before the document's first diagnostics since it was (re)opened arrived. */
  early: boolean;
  ms?: number;
  message?: Message;
  failure?: string;
}

/** The width of a window of {@link SoakResult.timeline}, in ms. */
export const TIMELINE_MS = 10_000;

const sleep = (msToWait: number) => new Promise((resolve) => setTimeout(resolve, msToWait));
const LETTERS = 'abcdefghijklmnoprstuvyæøå';

/** Runs a soak with `options` against a fresh server; `progress` gets a line now and then. Resolves with what it saw; rejects only when the server cannot be started. */
export async function runSoak(options: SoakOptions, progress: (line: string) => void = () => undefined): Promise<SoakResult> {
  const rnd = (mulberry32 as (seed: number) => () => number)(options.seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const make = generate as (measures: number, seed: number) => { programme: string };

  // --expose-gc only lets `$/programme/memory` collect garbage first, at the end (the heap figures).
  const client = new StdioClient({ server: options.server, nodeOptions: ['--expose-gc'] });
  const capabilities = await client.initialize({
    textDocument: {
      documentSymbol: { hierarchicalDocumentSymbolSupport: true },
      publishDiagnostics: { versionSupport: true, relatedInformation: true },
      completion: { completionItem: { insertReplaceSupport: true } },
    },
  });
  const kinds = REQUEST_KINDS.filter((k) => Boolean(capabilities[k.capability])).map((k) => k.method);
  const cpuAtStart = client.cpuMs();

  // The documents, and the 5,000 lines that are pasted (from the first pillar of another programme).
  const documents: SoakDocument[] = [];
  for (let i = 0; i < options.documents; i++) {
    const uri = `file:///soak/programme-${String(i).padStart(2, '0')}.programme`;
    documents.push({ uri, doc: TextDocument.create(uri, 'programme', 1, make(int(options.minMeasures, options.maxMeasures), options.seed * 1000 + i).programme), open: true, openedVersion: 1 });
  }
  const donor = make(2_500, options.seed + 7).programme.split('\n');
  const firstPillar = donor.findIndex((l) => /^# 1\. /.test(l));
  const paste = `${donor.slice(firstPillar, firstPillar + 5_000).join('\n')}\n`;

  const started = performance.now();
  const deadline = started + options.durationMs;
  const sent: Promise<Sent>[] = [];
  const actions: Record<string, number> = { typing: 0, paste: 0, 'delete half': 0, 'close and reopen': 0 };
  let changes = 0;
  let sampledMaxMb = 0;
  const sampler = setInterval(() => {
    const r = client.resident();
    if (r !== undefined) sampledMaxMb = Math.max(sampledMaxMb, r.rss);
  }, 250);

  for (const d of documents) client.notify('textDocument/didOpen', { textDocument: { uri: d.uri, languageId: 'programme', version: d.doc.version, text: d.doc.getText() } });

  /** Applies `change` to the client's copy of `d` and sends it as the next version. */
  const change = (d: SoakDocument, event: TextDocumentContentChangeEvent) => {
    d.doc = TextDocument.update(d.doc, [event], d.doc.version + 1);
    client.notify('textDocument/didChange', { textDocument: { uri: d.uri, version: d.doc.version }, contentChanges: [event] });
    changes++;
  };
  const lineLength = (d: SoakDocument, line: number) => d.doc.offsetAt({ line: line + 1, character: 0 }) - d.doc.offsetAt({ line, character: 0 }) - (line + 1 < d.doc.lineCount ? 1 : 0);
  const randomPosition = (d: SoakDocument): Position => {
    const line = int(0, d.doc.lineCount - 1);
    return { line, character: int(0, Math.max(0, lineLength(d, line))) };
  };
  const view = (d: SoakDocument, around: Position): Range => ({ start: { line: Math.max(0, around.line - 30), character: 0 }, end: { line: Math.min(d.doc.lineCount, around.line + 30), character: 0 } });

  /** The newest version of each document whose diagnostics arrived (read from the client's list as it grows). */
  const diagnosed = new Map<string, number>();
  let diagnosedUpTo = 0;
  const hasFirstDiagnostics = (d: SoakDocument) => {
    for (; diagnosedUpTo < client.diagnostics.length; diagnosedUpTo++) {
      const p = client.diagnostics[diagnosedUpTo];
      if (p.version !== undefined && p.version !== null) diagnosed.set(p.uri, Math.max(diagnosed.get(p.uri) ?? -1, p.version));
    }
    return (diagnosed.get(d.uri) ?? -1) >= d.openedVersion;
  };

  /** Sends a request of `kind` on `d` at `at`; cancels it 0–30 ms later if `cancel`. */
  const request = (kind: string, d: SoakDocument, at: Position, cancel: boolean) => {
    const early = !hasFirstDiagnostics(d);
    const textDocument = { uri: d.uri };
    const range = { start: { line: at.line, character: 0 }, end: at };
    const params: Record<string, unknown> = { textDocument };
    if (kind === 'textDocument/references') Object.assign(params, { position: at, context: { includeDeclaration: true } });
    else if (kind === 'textDocument/codeAction') {
      const published = [...client.diagnostics].reverse().find((p) => p.uri === d.uri);
      const diagnostics = (published?.diagnostics ?? []).filter((g) => g.range.start.line <= at.line && g.range.end.line >= at.line);
      Object.assign(params, { range, context: { diagnostics, triggerKind: 2 } });
    } else if (kind === 'textDocument/inlayHint') Object.assign(params, { range: view(d, at) });
    else if (kind === 'textDocument/selectionRange') Object.assign(params, { positions: [at] });
    else if (!['textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/codeLens'].includes(kind)) Object.assign(params, { position: at });
    const s = client.send(kind, params, options.patienceMs);
    let answered = false;
    if (cancel) {
      const delay = int(0, 30);
      setTimeout(() => {
        if (!answered) client.cancel(s.id);
      }, delay);
    }
    const outcome = s.answered.then(
      ({ message, ms: time }): Sent => {
        answered = true;
        return { kind, at: s.sentAt - started, cancelled: cancel, early, ms: time, message };
      },
      (error: unknown): Sent => ({ kind, at: s.sentAt - started, cancelled: cancel, early, failure: error instanceof Error ? error.message : String(error) }),
    );
    sent.push(outcome);
  };

  /** One editor: actions on random open documents until the deadline. */
  const editor = async () => {
    while (performance.now() < deadline) {
      const open = documents.filter((d) => d.open);
      if (open.length === 0) {
        await sleep(50);
        continue;
      }
      const d = pick(open);
      const roll = rnd();
      if (roll < 0.82) {
        actions.typing++;
        // A burst of typing in a line of text, away from its start (the number or heading mark).
        let at = randomPosition(d);
        for (let tries = 0; tries < 20 && lineLength(d, at.line) < 6; tries++) at = randomPosition(d);
        at = { line: at.line, character: Math.min(lineLength(d, at.line), Math.max(4, at.character)) };
        const reference = rnd() < 0.05;
        const burst = reference ? ['[', '['] : Array.from({ length: int(1, 25) }, () => {
          const r = rnd();
          return r < 0.82 ? pick([...LETTERS]) : r < 0.94 ? ' ' : r < 0.98 ? '\b' : '\n';
        });
        for (const ch of burst) {
          if (!d.open) break;
          if (ch === '\b') {
            if (at.character === 0) continue;
            change(d, { range: { start: { line: at.line, character: at.character - 1 }, end: at }, text: '' });
            at = { line: at.line, character: at.character - 1 };
          } else {
            change(d, { range: { start: at, end: at }, text: ch });
            at = ch === '\n' ? { line: at.line + 1, character: 0 } : { line: at.line, character: at.character + 1 };
          }
          await sleep(int(15, 40));
        }
        if (!d.open) continue;
        if (reference && kinds.includes('textDocument/completion')) request('textDocument/completion', d, at, rnd() < options.cancelShare);
        // What an editor asks after an edit, for the document in view.
        for (const kind of ['textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/codeLens', 'textDocument/inlayHint', 'textDocument/codeAction']) {
          if (kinds.includes(kind)) request(kind, d, at, rnd() < options.cancelShare);
        }
      } else if (roll < 0.87 && d.doc.lineCount <= 30_000) {
        actions.paste++;
        const line = int(0, d.doc.lineCount - 1);
        change(d, { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: paste });
      } else if (roll < 0.92) {
        // Also instead of a paste into a document that already has 30,000 lines.
        actions['delete half']++;
        const half = d.doc.lineCount >> 1;
        const from = int(0, d.doc.lineCount - half);
        change(d, { range: { start: { line: from, character: 0 }, end: { line: from + half, character: 0 } }, text: '' });
      } else {
        actions['close and reopen']++;
        d.open = false;
        client.notify('textDocument/didClose', { textDocument: { uri: d.uri } });
        await sleep(int(0, 300));
        d.doc = TextDocument.create(d.uri, 'programme', d.doc.version + 1, d.doc.getText());
        d.openedVersion = d.doc.version;
        client.notify('textDocument/didOpen', { textDocument: { uri: d.uri, languageId: 'programme', version: d.doc.version, text: d.doc.getText() } });
        d.open = true;
      }
      await sleep(int(150, 400));
    }
  };

  /** Random requests until the deadline. */
  const requester = async () => {
    while (performance.now() < deadline) {
      await sleep(-Math.log(1 - rnd()) * (1000 / options.requestsPerSecond));
      const d = pick(documents);
      request(pick(kinds), d, randomPosition(d), rnd() < options.cancelShare);
    }
  };

  const ticker = setInterval(() => progress(`soak: ${((performance.now() - started) / 1000).toFixed(0)} s, ${changes} changes, ${sent.length} requests`), 10_000);
  await Promise.all([...Array.from({ length: options.editors }, () => editor()), requester()]);
  clearInterval(ticker);

  // Every answer, then the newest diagnostics of every open document, checked against analyse().
  const outcomes = await Promise.all(sent);
  const mismatches: string[] = [];
  for (const d of documents) {
    let published: PublishDiagnosticsParams;
    try {
      published = await client.diagnosticsOf(d.uri, d.doc.version, 0, options.patienceMs);
    } catch {
      mismatches.push(`${d.uri}: no diagnostics for version ${d.doc.version} within ${options.patienceMs} ms`);
      continue;
    }
    const expected = findingKeys(analyse(d.doc.getText()).diagnostics.map((g) => ({ code: g.code, range: { start: d.doc.positionAt(g.span.start) } })));
    const got = findingKeys(published.diagnostics);
    if (expected.join() !== got.join()) {
      const missing = expected.filter((k) => !got.includes(k)).slice(0, 5);
      const extra = got.filter((k) => !expected.includes(k)).slice(0, 5);
      mismatches.push(`${d.uri} version ${d.doc.version}: ${got.length} diagnostics published, ${expected.length} expected; missing ${missing.join(' ') || 'none'}; extra ${extra.join(' ') || 'none'}`);
    }
  }
  clearInterval(sampler);
  const alive = client.proc.exitCode === null && client.proc.signalCode === null;
  const resident: SoakResult['resident'] = { peakMb: client.resident()?.peak, sampledMaxMb: sampledMaxMb || undefined };
  const heap: SoakResult['heap'] = {};
  const serverCpuMs = cpuAtStart === undefined ? undefined : (client.cpuMs() ?? Number.NaN) - cpuAtStart;
  if (alive) {
    const before = await client.memoryMb(options.patienceMs).catch(() => undefined);
    for (const d of documents) client.notify('textDocument/didClose', { textDocument: { uri: d.uri } });
    const after = await client.memoryMb(options.patienceMs).catch(() => undefined);
    Object.assign(heap, { beforeCloseMb: before?.heapUsed, afterCloseMb: after?.heapUsed, rssBeforeCloseMb: before?.rss, rssAfterCloseMb: after?.rss });
    resident.afterCloseMb = client.resident()?.rss;
  }
  const elapsedMs = performance.now() - started;
  const errorsLogged = client.errors;
  const stderr = client.log.filter((l) => l.type === 0).map((l) => l.message).join('');
  const internalErrors = client.diagnostics.flatMap((p) => p.diagnostics.filter((g) => g.code === INTERNAL_ERROR).map((g) => `${p.uri} version ${p.version}: ${g.message}`));
  await client.shutdown();

  const unanswered = outcomes.filter((o) => o.failure !== undefined).map((o) => `${o.kind}: ${o.failure}`);
  const wrongAnswers = outcomes
    .filter((o) => o.message !== undefined && !('result' in o.message) && !(o.cancelled && o.message.error?.code === REQUEST_CANCELLED))
    .map((o) => `${o.kind}${o.cancelled ? ' (cancelled)' : ''}: ${JSON.stringify(o.message?.error).slice(0, 300)}`);
  const perKind = kinds.map((kind): KindFigures => {
    const ofKind = outcomes.filter((o) => o.kind === kind);
    const times = ofKind.filter((o) => !o.cancelled && o.ms !== undefined).map((o) => o.ms!);
    const { p50, p95, p99, max } = percentiles(times);
    const split = (early: boolean) => {
      const f = percentiles(ofKind.filter((o) => o.early === early && !o.cancelled && o.ms !== undefined).map((o) => o.ms!));
      return { count: f.count, p50: f.p50, p95: f.p95, max: f.max };
    };
    return { kind, count: ofKind.length, cancelled: ofKind.filter((o) => o.cancelled).length, p50, p95, p99, max, early: split(true), late: split(false) };
  });
  const timed = outcomes.filter((o) => !o.cancelled && o.ms !== undefined);
  const timeline: SoakResult['timeline'] = [];
  for (let fromMs = 0; fromMs < options.durationMs; fromMs += TIMELINE_MS) {
    const { count, p50, max } = percentiles(timed.filter((o) => o.at >= fromMs && o.at < fromMs + TIMELINE_MS).map((o) => o.ms!));
    timeline.push({ fromMs, count, p50, max });
  }
  return {
    options,
    elapsedMs,
    changes,
    actions,
    requests: outcomes.length,
    cancelled: outcomes.filter((o) => o.cancelled).length,
    perKind,
    timeline,
    unanswered,
    wrongAnswers,
    errorsLogged,
    stderr,
    internalErrors,
    mismatches,
    resident,
    heap,
    serverCpuMs,
    alive,
  };
}

/** The soak's figures as lines for people: what was done, a table of latency per kind (p50, p95, p99, max), memory, and what went wrong. */
export function soakTable(r: SoakResult): string[] {
  const mb = (v: number | undefined) => (v === undefined ? '–' : `${v.toFixed(0)} MB`);
  const lines = [
    `soak: ${r.options.documents} documents of ${r.options.minMeasures}–${r.options.maxMeasures} measures, ${(r.options.durationMs / 1000).toFixed(0)} s of edits and requests (${(r.elapsedMs / 1000).toFixed(0)} s in all)`,
    `  ${r.changes} changes (${Object.entries(r.actions).map(([k, v]) => `${v} ${k}`).join(', ')}); ${r.requests} requests, ${r.cancelled} of them cancelled`,
    `  ${'request'.padEnd(16)}${'sent'.padStart(6)}${'cancelled'.padStart(11)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'max ms'.padStart(9)}`,
  ];
  for (const k of r.perKind) {
    const part = (f: KindFigures['early']) => (f.count === 0 ? '–' : `${f.count}: p50 ${ms(f.p50)}, p95 ${ms(f.p95)}, max ${ms(f.max)}`);
    lines.push(`  ${k.kind.replace('textDocument/', '').padEnd(16)}${String(k.count).padStart(6)}${String(k.cancelled).padStart(11)}${ms(k.p50).padStart(9)}${ms(k.p95).padStart(9)}${ms(k.p99).padStart(9)}${ms(k.max).padStart(9)}   before first diagnostics ${part(k.early)}; after ${part(k.late)}`);
  }
  lines.push(`  by when sent (s): ${r.timeline.map((w) => `${w.fromMs / 1000}–${(w.fromMs + TIMELINE_MS) / 1000} p50 ${ms(w.p50)} max ${ms(w.max)}`).join('; ')} (ms)`);
  lines.push(`  server resident set: peak ${mb(r.resident.peakMb)} (VmHWM), largest sampled ${mb(r.resident.sampledMaxMb)}, after closing every document ${mb(r.resident.afterCloseMb)}`);
  lines.push(`  server heap in use (its process.memoryUsage()): ${mb(r.heap.beforeCloseMb)} before closing every document, ${mb(r.heap.afterCloseMb)} after${r.serverCpuMs !== undefined ? `; server CPU ${(r.serverCpuMs / 1000).toFixed(1)} s` : ''}`);
  const problems: [string, string[]][] = [
    ['unanswered', r.unanswered],
    ['wrong answers', r.wrongAnswers],
    ['errors logged', r.errorsLogged],
    ['internal errors', r.internalErrors],
    ['diagnostics not as analysed', r.mismatches],
  ];
  for (const [what, list] of problems) if (list.length > 0) lines.push(`  ${what}: ${list.length}: ${list.slice(0, 3).join(' | ').slice(0, 600)}`);
  if (r.stderr.trim() !== '') lines.push(`  standard error: ${r.stderr.trim().slice(0, 600)}`);
  if (!r.alive) lines.push('  the server was not running at the end');
  return lines;
}
