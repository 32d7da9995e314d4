#!/usr/bin/env bash
# npm run test:e2e: sets up what the end-to-end tests need (cached under .cache/e2e/ by setup.sh),
# builds and packages the extension (npm run package -> programme.vsix), then runs test/e2e/*.e2e.ts
# with mocha: Neovim against the language server, then VS Code (code-server in headless Chromium).
# Screenshots and Neovim's results go to test-results/e2e/. Arguments are passed on to mocha
# (e.g. --grep Neovim). Exit code: mocha's (0 when every scenario passed), or 1 when set-up or packaging failed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

bash scripts/e2e/setup.sh
mkdir -p .cache/e2e
echo "[e2e] building and packaging the extension (npm run package)"
started=$(date +%s)
if ! npm run package >.cache/e2e/package.log 2>&1; then
  cat .cache/e2e/package.log >&2
  echo "[e2e] error: npm run package failed (output above); the e2e tests need programme.vsix." >&2
  exit 1
fi
echo "[e2e] packaged programme.vsix in $(($(date +%s) - started)) s"
rm -rf test-results/e2e
exec npx mocha --config test/e2e/mocharc.json "$@"
