#!/usr/bin/env node
// The `programme` command: runs the bundled CLI (built by `npm run build`).
require('../dist/cli.cjs').main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
