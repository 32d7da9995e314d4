#!/usr/bin/env node
// The `programme-language-server` command: the language server over stdio (`--stdio`), node IPC or a socket;
// the bundle is loaded with its code cache (server/src/node/codeCache.ts).
require('../dist/load.cjs').loadBundle(require('node:path').join(__dirname, '..', 'dist', 'server.cjs'));
