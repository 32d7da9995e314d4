#!/usr/bin/env node
// The `programme-language-server` command: the language server over stdio (`--stdio`), node IPC or a socket.
require('../dist/server.cjs');
