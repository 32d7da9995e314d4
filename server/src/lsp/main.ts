/**
 * The language server's entry point (bundled as `server/dist/server.cjs`, run by the VS Code extension
 * over node IPC and by other editors as `programme-language-server --stdio`). The transport comes from
 * the command line, as vscode-languageserver reads it: `--stdio`, `--node-ipc`, `--socket=PORT` or
 * `--pipe=NAME`; without one, stdio is used. `--help` prints the usage.
 *
 * Over stdio, standard input goes through a {@link FrameFilter} (bad message headers are dropped and
 * logged, the messages after them still read), and `console` output goes to standard error, never
 * into the protocol stream on standard output.
 */
import * as l10n from '@vscode/l10n';
import { inLanguage, languageFromEnvironment } from '../l10n/index';
import { createConnection, ProposedFeatures, StreamMessageWriter, type Connection } from 'vscode-languageserver/node';
import { jsonTextEncoder } from './jsonText';
import { startServer, type ServerOptions } from './server';
import { FrameFilter } from './framing';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { limitHeapGrowth } from './heap';

/**
 * Options from the environment, for `npm run bench`: `PROGRAMME_DIAGNOSTICS_DELAY_MS` (a whole number
 * of ms, 0 for no debounce), `PROGRAMME_TIMING=1` (send `$/programme/timing` notifications),
 * `PROGRAMME_FIRST_VIEW_WAIT_MS` (a whole number of ms: see `FIRST_VIEW_WAIT_MS`, for tests on a busy
 * machine), `PROGRAMME_HEAP_GROWING_PERCENT` (lsp/heap.ts) and `PROGRAMME_WORKERS=0` (analyse on the server's own thread, to compare). The worker bundle is
 * `worker.cjs` beside this bundle; without it (run from source) documents are analysed on this thread.
 */
function optionsFromEnvironment(): ServerOptions {
  const delay = Number(process.env.PROGRAMME_DIAGNOSTICS_DELAY_MS);
  const viewWait = Number(process.env.PROGRAMME_FIRST_VIEW_WAIT_MS);
  const workerBundle = path.join(__dirname, 'worker.cjs');
  return {
    diagnosticsDelayMs: process.env.PROGRAMME_DIAGNOSTICS_DELAY_MS !== undefined && Number.isInteger(delay) && delay >= 0 ? delay : undefined,
    timing: process.env.PROGRAMME_TIMING === '1',
    firstViewWaitMs: process.env.PROGRAMME_FIRST_VIEW_WAIT_MS !== undefined && Number.isInteger(viewWait) && viewWait >= 0 ? viewWait : undefined,
    workerBundle: process.env.PROGRAMME_WORKERS !== '0' && existsSync(workerBundle) ? workerBundle : undefined,
  };
}

const TRANSPORTS = ['--stdio', '--node-ipc', '--socket', '--pipe'];

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  // In the language of the environment, as the `programme` command's help (l10n/index.ts).
  const help = inLanguage(languageFromEnvironment(process.env) ?? 'en', () =>
    [
      l10n.t('Usage: programme-language-server [--stdio | --node-ipc | --socket=PORT | --pipe=NAME]'),
      '',
      l10n.t('The language server for *.programme files (Language Server Protocol). Editors start it; it talks over standard input and output unless another transport is given.'),
      '',
    ].join('\n'),
  );
  process.stdout.write(help);
} else {
  limitHeapGrowth(process.env);
  if (!process.argv.some((arg) => TRANSPORTS.some((t) => arg === t || arg.startsWith(`${t}=`)))) process.argv.push('--stdio');
  if (process.argv.includes('--stdio')) {
    for (const name of ['log', 'info', 'debug', 'warn'] as const) console[name] = console.error;
    const input = process.stdin.pipe(new FrameFilter((problem) => connection.console.error(`programme: ${problem}`)));
    // Diagnostics made in a worker are written as the JSON text it made (lsp/jsonText.ts). The input
    // stays a stream: vscode-languageserver then ends the process when it ends.
    const writer = new StreamMessageWriter(process.stdout, { charset: 'utf-8', contentTypeEncoder: jsonTextEncoder });
    // (A stream and a writer: the typings want two of a kind, vscode-languageserver takes either.)
    const connection: Connection = createConnection(ProposedFeatures.all, input, writer as unknown as NodeJS.WritableStream);
    startServer(connection, optionsFromEnvironment());
  } else {
    startServer(createConnection(ProposedFeatures.all), optionsFromEnvironment());
  }
}
