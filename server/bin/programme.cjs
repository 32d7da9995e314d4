#!/usr/bin/env node
// The `programme` command: runs the bundled CLI (built by `npm run build`), with its code cache and the
// CLI's V8 flags (server/src/node/codeCache.ts, CLI_V8_FLAGS).
const path = require('node:path');
const { loadBundle, CLI_V8_FLAGS } = require('../dist/load.cjs');
const cli = loadBundle(path.join(__dirname, '..', 'dist', 'cli.cjs'), { v8Flags: CLI_V8_FLAGS });
cli.main(process.argv.slice(2)).then((code) => {
  // After a check whose output is all written, end at once: no tear-down of the heap (cli/main.ts, mayExitAtOnce).
  if (cli.mayExitAtOnce()) process.exit(code);
  process.exitCode = code;
});
