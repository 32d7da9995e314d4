/**
 * A client of the built language server over stdio, for the tests and benchmarks that talk to the real
 * process (test/lsp-robustness.test.ts, test/responsive.test.ts, test/soak.ts and bench/responsive.mjs).
 *
 * `StdioClient` starts `node [nodeOptions] server/dist/server.cjs --stdio` (made by `npm run build`;
 * or another server file),
 * writes raw bytes to its standard input (so that a test can also send what a careful client never
 * sends), and reads what the server sends with vscode-jsonrpc's `StreamMessageReader`. It answers the
 * server's own requests as a client that can do little (`workspace/configuration`: null for each item,
 * so the defaults; `workspace/applyEdit`: not applied; anything else: null), keeps every
 * `publishDiagnostics` and every `window/logMessage` (with its type, so that errors can be told apart),
 * and times each request from the moment it is written to the moment its answer is read, in ms of
 * `performance.now()`.
 *
 * On Linux it also reads the server process's resident set (`VmRSS`) and peak resident set (`VmHWM`)
 * from /proc/PID/status, and its CPU time from /proc/PID/stat; elsewhere those are undefined.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { StreamMessageReader } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

/** The built server, as `npm run build` makes it. */
export const SERVER = path.resolve('server/dist/server.cjs');

/** JSON-RPC's MethodNotFound error code. */
export const METHOD_NOT_FOUND = -32601;
/** LSP's RequestCancelled error code: the answer to a request the client cancelled. */
export const REQUEST_CANCELLED = -32800;
/** `window/logMessage`'s type for errors (`MessageType.Error`). */
export const LOG_ERROR = 1;

/** A message as read from the server. */
export interface Message {
  jsonrpc: string;
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

/** One `window/logMessage` of the server (type 1 error, 2 warning, 3 info, 4 log), or a chunk of its standard error (type 0). */
export interface LogEntry {
  type: number;
  message: string;
}

/** A request that was written: its id, when (ms of `performance.now()`), and its answer with the time it was read. */
export interface SentRequest {
  id: number;
  method: string;
  sentAt: number;
  answered: Promise<{ message: Message; ms: number }>;
}

/** The server process's memory from /proc/PID/status, in MB: resident now and at its peak. */
export interface ResidentMb {
  rss: number;
  peak: number;
}

/** Asserts that `m` is a proper JSON-RPC response to the request `id`: a result or an error with a whole-number code and a message. */
export function assertAnswer(m: Message, id: number | string, what: string): void {
  assert.equal(m.jsonrpc, '2.0', what);
  assert.equal(m.id, id, what);
  assert.ok(('result' in m) !== ('error' in m), `${what}: a response has a result or an error, not both or neither: ${JSON.stringify(m).slice(0, 300)}`);
  if (m.error !== undefined) {
    assert.ok(Number.isInteger(m.error.code), `${what}: the error code is a whole number`);
    assert.equal(typeof m.error.message, 'string', `${what}: the error has a message`);
  }
}

/** One message framed as the LSP base protocol frames it (`Content-Length` header, UTF-8 JSON body). */
export function frame(message: unknown): Buffer {
  return framed(Buffer.from(JSON.stringify(message), 'utf8'));
}

/** `body` behind a `Content-Length` header of its length in bytes. */
export function framed(body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

/** Options of {@link StdioClient}. */
export interface StdioClientOptions {
  /** The server's file (default {@link SERVER}), e.g. another build to compare with. */
  server?: string;
  /** Options for node before the server's file, e.g. `['--expose-gc']`. */
  nodeOptions?: string[];
  /** Variables added to this process's environment for the server. */
  env?: Record<string, string>;
}

/** The built server over stdio; see the module comment. */
export class StdioClient {
  readonly proc: ChildProcess;
  /** Every `textDocument/publishDiagnostics` received, in order. */
  readonly diagnostics: PublishDiagnosticsParams[] = [];
  /** Every `window/logMessage` received, and the server's standard error (type 0), in order. */
  readonly log: LogEntry[] = [];
  /** Per answered request id, how many of {@link diagnostics} had arrived before its answer (the order on the wire). */
  readonly diagnosticsBeforeAnswer = new Map<number | string, number>();
  private readonly pending = new Map<number | string, (m: Message) => void>();
  private readonly waiters: (() => void)[] = [];
  private nextId = 1;

  constructor(options: StdioClientOptions = {}) {
    const server = options.server ?? SERVER;
    assert.ok(existsSync(server), `${path.relative('.', server)} is missing: run "npm run build" first (npm test does).`);
    this.proc = spawn(process.execPath, [...(options.nodeOptions ?? []), server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
    this.proc.stderr!.on('data', (d: Buffer) => this.log.push({ type: 0, message: String(d) }));
    // A server that dies makes writes fail with EPIPE; the tests see it through assertAlive and missing answers.
    this.proc.stdin!.on('error', () => undefined);
    new StreamMessageReader(this.proc.stdout!).listen((raw) => this.receive(raw as Message));
  }

  /** The texts of the log, standard error included (the server's `connection.console` and its crashes). */
  get logs(): string[] {
    return this.log.map((l) => l.message);
  }

  /** The messages the server logged as errors (`window/logMessage` of type 1). */
  get errors(): string[] {
    return this.log.filter((l) => l.type === LOG_ERROR).map((l) => l.message);
  }

  private receive(m: Message): void {
    if (m.method === undefined && m.id !== undefined && m.id !== null) {
      this.diagnosticsBeforeAnswer.set(m.id, this.diagnostics.length);
      this.pending.get(m.id)?.(m);
      this.pending.delete(m.id);
    } else if (m.method !== undefined && m.id !== undefined) {
      // A request from the server: answer as a client that can do little.
      const params = m.params as { items?: unknown[] } | undefined;
      const result = m.method === 'workspace/applyEdit' ? { applied: false } : m.method === 'workspace/configuration' ? (params?.items ?? []).map(() => null) : null;
      this.write(frame({ jsonrpc: '2.0', id: m.id, result }));
    } else if (m.method === 'textDocument/publishDiagnostics') {
      this.diagnostics.push(m.params as PublishDiagnosticsParams);
    } else if (m.method === 'window/logMessage') {
      const { type, message } = m.params as { type: number; message: string };
      this.log.push({ type, message });
    }
    for (const w of this.waiters.splice(0)) w();
  }

  /** Writes raw bytes to the server's standard input. */
  write(bytes: Buffer | string): void {
    this.proc.stdin!.write(bytes);
  }

  /** A fresh request id. */
  id(): number {
    return this.nextId++;
  }

  /** The answer to the request `id` (sent by the caller), or a timeout error after `timeoutMs`. */
  answer(id: number | string, timeoutMs = 30_000): Promise<Message> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`no answer to request ${id} in ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, (m) => {
        clearTimeout(timer);
        resolve(m);
      });
    });
  }

  /** Sends a request and resolves with its answer, checked to be a proper response (rejects after `timeoutMs`). */
  async request(method: string, params: unknown, timeoutMs?: number): Promise<Message> {
    const id = this.id();
    const answered = this.answer(id, timeoutMs);
    this.write(frame({ jsonrpc: '2.0', id, method, params }));
    const m = await answered;
    assertAnswer(m, id, method);
    return m;
  }

  /**
   * Writes a request and returns at once; `answered` resolves with the answer and the ms from writing
   * to reading it (rejects after `timeoutMs` without one). The answer is not checked.
   */
  send(method: string, params: unknown, timeoutMs = 60_000): SentRequest {
    const id = this.id();
    const waiting = this.answer(id, timeoutMs);
    const sentAt = performance.now();
    this.write(frame({ jsonrpc: '2.0', id, method, params }));
    return { id, method, sentAt, answered: waiting.then((message) => ({ message, ms: performance.now() - sentAt })) };
  }

  /** Sends `$/cancelRequest` for the request `id`. */
  cancel(id: number): void {
    this.notify('$/cancelRequest', { id });
  }

  /** Sends a notification. */
  notify(method: string, params: unknown): void {
    this.write(frame({ jsonrpc: '2.0', method, params }));
  }

  /** `initialize` with `capabilities` (and no workspace folders), then `initialized`; resolves with the server's capabilities. */
  async initialize(capabilities: Record<string, unknown> = {}, timeoutMs?: number): Promise<Record<string, unknown>> {
    const init = await this.request('initialize', { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities }, timeoutMs);
    const result = init.result as { capabilities?: Record<string, unknown> };
    assert.ok(result?.capabilities, `initialize answered without capabilities: ${JSON.stringify(init).slice(0, 300)}`);
    this.notify('initialized', {});
    return result.capabilities;
  }

  /** Resolves with the first value `probe` returns that is not undefined, checked on every message (and every 200 ms). */
  async until<T>(what: string, probe: () => T | undefined, timeoutMs = 60_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The diagnostics published for `uri` at `version` (received at or after index `from` of {@link diagnostics}), once they arrive. */
  diagnosticsOf(uri: string, version: number, from = 0, timeoutMs = 60_000): Promise<PublishDiagnosticsParams> {
    return this.until(`the diagnostics of ${uri} version ${version}`, () => this.diagnostics.slice(from).find((p) => p.uri === uri && p.version === version), timeoutMs);
  }

  /** The server's memory in MB from its `$/programme/memory` request (after a garbage collection when it runs with `--expose-gc`): resident set and heap in use. */
  async memoryMb(timeoutMs?: number): Promise<{ rss: number; heapUsed: number }> {
    const m = await this.request('$/programme/memory', null, timeoutMs);
    const { rss, heapUsed } = m.result as { rss?: unknown; heapUsed?: unknown };
    assert.ok(typeof rss === 'number' && typeof heapUsed === 'number', JSON.stringify(m));
    return { rss: rss / 1024 / 1024, heapUsed: heapUsed / 1024 / 1024 };
  }

  /** The server process's resident set now and at its peak, in MB, from /proc/PID/status; undefined where there is no /proc. */
  resident(): ResidentMb | undefined {
    try {
      const status = readFileSync(`/proc/${this.proc.pid}/status`, 'utf8');
      const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
      const rss = kb('VmRSS');
      const peak = kb('VmHWM');
      return Number.isFinite(rss) && Number.isFinite(peak) ? { rss: rss / 1024, peak: peak / 1024 } : undefined;
    } catch {
      return undefined;
    }
  }

  /** The server process's CPU time so far (user + system, all threads), in ms from /proc/PID/stat (steps of 10 ms); undefined where there is no /proc. */
  cpuMs(): number | undefined {
    return processCpuMs(this.proc.pid);
  }

  /** Asserts that the server is still running. */
  assertAlive(): void {
    assert.equal(this.proc.exitCode, null, `the server exited with code ${this.proc.exitCode}; its log:\n${this.logs.join('\n').slice(-2000)}`);
    assert.equal(this.proc.signalCode, null);
  }

  /** `shutdown` and `exit`, as an editor ends the server; kills it if it has not exited after `timeoutMs`. */
  async shutdown(timeoutMs = 5_000): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.proc.once('exit', () => resolve()));
    await this.request('shutdown', null, timeoutMs).catch(() => undefined);
    this.notify('exit', null);
    const timer = setTimeout(() => this.proc.kill(), timeoutMs);
    await exited;
    clearTimeout(timer);
  }

  /** Kills the server if it still runs. */
  dispose(): void {
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill();
  }
}

/**
 * The CPU time (user + system, all threads) of process `pid` so far, or with `children`, of the ended
 * children that `pid` has waited for, in ms from /proc/PID/stat (clock ticks of 10 ms); undefined
 * where there is no /proc.
 */
export function processCpuMs(pid: number | 'self' | undefined, children = false): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After the command's name in parentheses: field 3 (state) is [0]; utime, stime are fields 14, 15; cutime, cstime 16, 17.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const at = children ? 13 : 11;
    return ((Number(fields[at]) + Number(fields[at + 1])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/** Percentiles (nearest rank) and the longest of `values`: `{ count, p50, p95, p99, max }`; NaN for no values. */
export function percentiles(values: number[]): { count: number; p50: number; p95: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => (sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]);
  return { count: sorted.length, p50: rank(50), p95: rank(95), p99: rank(99), max: sorted.length === 0 ? Number.NaN : sorted[sorted.length - 1] };
}
