#!/usr/bin/env node
// The `programme` command: runs the bundled CLI (built by `npm run build`; an ES module).
import('../dist/cli.mjs').then(
  ({ main }) => main(process.argv.slice(2)).then((code) => { process.exitCode = code; }),
  (error) => {
    process.stderr.write(`programme: cannot start: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  },
);
