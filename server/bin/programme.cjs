#!/usr/bin/env node
// The `programme` command: runs the bundled CLI (built by `npm run build`), with its code cache (server/src/node/codeCache.ts).
const path = require('node:path');
const cli = require('../dist/load.cjs').loadBundle(path.join(__dirname, '..', 'dist', 'cli.cjs'));
cli.main(process.argv.slice(2)).then((code) => {
  // After a check whose output is all written, end at once: no tear-down of the heap (cli/main.ts, mayExitAtOnce).
  if (cli.mayExitAtOnce()) process.exit(code);
  process.exitCode = code;
});
