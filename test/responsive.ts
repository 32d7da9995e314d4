/**
 * The big-programme case of issue 15, shared by test/responsive.test.ts (which asserts on it) and
 * bench/responsive.mjs (which prints its figures against the targets).
 *
 * The input is bench/generate.mjs's `smallVocabularyProgramme` with {@link BIG_PROGRAMME}: 20 MB, about
 * 330,000 measures of 6–13 words drawn from 30 Norwegian words (the input on which the near-duplicate
 * search once went superlinear and the server stopped answering for 44 s).
 *
 * - {@link probeWhileAnalysing}: with the built server over stdio (test/lsp-client.ts), sends some
 *   requests, then hovers at measures' numbers, one every {@link INTERVAL_MS} without waiting for the
 *   answers (as a user moves the mouse), until the diagnostics of the version being analysed arrive;
 *   each request is timed from writing it to reading its answer.
 * - {@link checkWithCli}: `node server/bin/programme.cjs check --format json FILE` as a whole process:
 *   exit code, findings, wall time and CPU time (user + system of the ended child, /proc/self/stat).
 */
import { spawn } from 'node:child_process';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
// @ts-expect-error: a JavaScript module without types
import { smallVocabularyProgramme } from '../bench/generate.mjs';
import { percentiles, processCpuMs, type Message, type StdioClient } from './lsp-client';

/** The options of the big programme: bytes of UTF-8, words in the vocabulary, the generator's seed. */
export const BIG_PROGRAMME = { bytes: 20_000_000, words: 30, seed: 15 } as const;

/** How often a request is sent while the server analyses, in ms. */
export const INTERVAL_MS = 100;

/** A measure of the generated programme: its 0-based line and its id (`pillar.measure`). */
export interface MeasureLine {
  line: number;
  id: string;
}

/** One request sent while waiting for diagnostics: its method, the measure it was at, when it was sent and answered (ms of `performance.now()`), its time, and the answer. */
export interface Probe {
  method: string;
  id: string;
  sentAt: number;
  answeredAt: number;
  ms: number;
  message: Message;
}

/** What {@link probeWhileAnalysing} saw. */
export interface ProbeRun {
  probes: Probe[];
  /** The diagnostics of the version, and when they arrived. */
  published: PublishDiagnosticsParams;
  publishedAt: number;
  /** From the change (or the opening) being written to the diagnostics arriving, in ms. */
  diagnosticsMs: number;
}

/** The big programme's text (see {@link BIG_PROGRAMME}) and its measures. */
export function bigProgramme(): { text: string; measures: MeasureLine[] } {
  const text = (smallVocabularyProgramme as (o: { bytes: number; words: number; seed: number }) => string)(BIG_PROGRAMME);
  return { text, measures: measureLines(text) };
}

/** The measures of a programme of the generator's regular shape (`# N. …` headings, `M. …` measures on one line each). */
export function measureLines(text: string): MeasureLine[] {
  const measures: MeasureLine[] = [];
  let pillar = 0;
  let line = 0;
  for (let start = 0; start < text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const first = text.charCodeAt(start);
    if (first === 35 /* # */) pillar = Number.parseInt(text.slice(start + 2, end), 10);
    else if (first >= 48 && first <= 57 && pillar > 0) measures.push({ line, id: `${pillar}.${Number.parseInt(text.slice(start, end), 10)}` });
    start = end + 1;
  }
  return measures;
}

/** A seeded choice of measures (the same sequence run after run). */
export function measurePicker(measures: MeasureLine[], seed = 0x15): () => MeasureLine {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return measures[state % measures.length];
  };
}

/**
 * Right after the caller has written a change (or the opening) of `uri` at `changedAt`: sends
 * `methods` in turn, then hovers, each at the number of a measure from `pick`, one every
 * {@link INTERVAL_MS} without waiting for the answers, until the diagnostics of `version` (published
 * at or after index `from` of the client's diagnostics) arrive and at least `methods.length + 3`
 * requests were sent; resolves once every request is answered. Rejects when the diagnostics or an
 * answer do not come within `patienceMs`, or the server exits.
 */
export async function probeWhileAnalysing(client: StdioClient, uri: string, version: number, from: number, changedAt: number, pick: () => MeasureLine, methods: string[], patienceMs: number): Promise<ProbeRun> {
  let publishedAt = Number.POSITIVE_INFINITY;
  let failure: unknown;
  const published = client.diagnosticsOf(uri, version, from, patienceMs).then(
    (p) => {
      publishedAt = performance.now();
      return p;
    },
    (error: unknown) => {
      failure = error;
      throw error;
    },
  );
  published.catch(() => undefined);
  const answers: Promise<Probe>[] = [];
  for (let i = 0; publishedAt === Number.POSITIVE_INFINITY || i < methods.length + 3; i++) {
    if (failure !== undefined) throw failure;
    client.assertAlive();
    const method = methods[i] ?? 'textDocument/hover';
    const measure = pick();
    const params = method === 'textDocument/documentSymbol' ? { textDocument: { uri } } : { textDocument: { uri }, position: { line: measure.line, character: 0 } };
    const sent = client.send(method, params, patienceMs);
    const answered = sent.answered.then(({ message, ms }) => ({ method, id: measure.id, sentAt: sent.sentAt, answeredAt: performance.now(), ms, message }));
    answered.catch(() => undefined);
    answers.push(answered);
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS));
  }
  const probes = await Promise.all(answers);
  const diagnostics = await published;
  return { probes, published: diagnostics, publishedAt, diagnosticsMs: publishedAt - changedAt };
}

/** The figures of a {@link ProbeRun}: the requests sent before the diagnostics arrived, how many hovers were answered before them, and the hovers' times. */
export function probeFigures(run: ProbeRun): { during: Probe[]; earlyHovers: number; hovers: ReturnType<typeof percentiles>; others: Probe[] } {
  const during = run.probes.filter((p) => p.sentAt < run.publishedAt);
  return {
    during,
    earlyHovers: during.filter((p) => p.method === 'textDocument/hover' && p.answeredAt < run.publishedAt).length,
    hovers: percentiles(during.filter((p) => p.method === 'textDocument/hover').map((p) => p.ms)),
    others: run.probes.filter((p) => p.method !== 'textDocument/hover'),
  };
}

/** One line for people: the diagnostics' time, the hovers' times, the other requests' times. */
export function probeSummary(what: string, run: ProbeRun): string {
  const f = probeFigures(run);
  const others = f.others.map((p) => `${p.method.replace('textDocument/', '')} ${ms(p.ms)} ms${Array.isArray(p.message.result) ? ` (${p.message.result.length} items)` : ''}`);
  return `${what}: diagnostics after ${(run.diagnosticsMs / 1000).toFixed(1)} s; ${f.hovers.count} hovers sent while analysing (${f.earlyHovers} answered before the diagnostics): p50 ${ms(f.hovers.p50)} ms, max ${ms(f.hovers.max)} ms${others.length > 0 ? `; ${others.join(', ')}` : ''}`;
}

/** A finding of `programme check --format json`. */
export interface CliFinding {
  severity: string;
  code: string;
  range: { start: { line: number } };
}

/** Runs `programme check --format json file` (the built CLI) to its end; resolves with its exit code, findings, standard error, wall time and CPU time in ms (undefined without /proc). */
export async function checkWithCli(file: string): Promise<{ code: number | null; findings: CliFinding[]; stderr: string; wallMs: number; cpuMs: number | undefined }> {
  const cpuBefore = processCpuMs('self', true);
  const started = performance.now();
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['server/bin/programme.cjs', 'check', '--format', 'json', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (err += String(d)));
    child.on('error', reject);
    child.on('close', (exit) => resolve({ code: exit, stdout: Buffer.concat(out).toString('utf8'), stderr: err }));
  });
  const wallMs = performance.now() - started;
  const cpuAfter = processCpuMs('self', true);
  let findings: CliFinding[] = [];
  try {
    findings = JSON.parse(stdout) as CliFinding[];
  } catch {
    // Reported by the caller: an exit code and standard error without findings.
  }
  return { code, findings, stderr, wallMs, cpuMs: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore };
}

/** `code@line` of each diagnostic, sorted: what two reports of the same findings share whatever their language. */
export function findingKeys(list: { code?: unknown; range: { start: { line: number } } }[]): string[] {
  return list.map((d) => `${String(d.code)}@${d.range.start.line}`).sort();
}

/** Milliseconds as people read them: whole above 100, one decimal below; "–" for none. */
export function ms(value: number): string {
  return Number.isNaN(value) ? '–' : value >= 100 ? value.toFixed(0) : value.toFixed(1);
}
