/**
 * The language server's entry point (bundled as `server/dist/server.cjs`, run by the VS Code extension
 * over node IPC and by other editors as `programme-language-server --stdio`). The transport comes from
 * the command line, as vscode-languageserver reads it: `--stdio`, `--node-ipc`, `--socket=PORT` or
 * `--pipe=NAME`; without one, stdio is used. `--help` prints the usage.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

const TRANSPORTS = ['--stdio', '--node-ipc', '--socket', '--pipe'];

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write(
    [
      'Usage: programme-language-server [--stdio | --node-ipc | --socket=PORT | --pipe=NAME]',
      '',
      'The language server for *.programme files (Language Server Protocol). Editors start it;',
      'it talks over standard input and output unless another transport is given.',
      '',
    ].join('\n'),
  );
} else {
  if (!process.argv.some((arg) => TRANSPORTS.some((t) => arg === t || arg.startsWith(`${t}=`)))) process.argv.push('--stdio');
  startServer(createConnection(ProposedFeatures.all));
}
