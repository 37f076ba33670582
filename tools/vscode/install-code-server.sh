#!/usr/bin/env bash
# Installs code-server (a real VS Code: web client plus Node extension host) and Debian's chromium, so
# the extension can be tested in VS Code on machines that reach only the npm registry and Debian.
# A plain `npm install code-server` fails here (root postinstall, kerberos headers, a ripgrep download),
# so this replays its postinstall by hand with local pieces. Idempotent: a stamp makes reruns instant.
# Progress goes to stderr; code-server ends up in .cache/code-server/node_modules/code-server.
set -euo pipefail

VERSION=4.100.3
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
CACHE="${CODE_SERVER_CACHE:-$ROOT/.cache/code-server}"
PKG="$CACHE/node_modules/code-server"
VSCODE="$PKG/lib/vscode"
STAMP="$CACHE/installed-$VERSION"
# Native modules of VS Code's server that ship no prebuilt binary for this Node and must be compiled.
NATIVE_MODULES=(kerberos node-pty @vscode/spdlog native-watchdog @parcel/watcher @vscode/deviceid)

log() { printf '[install-code-server] %s\n' "$*" >&2; }
started=$SECONDS

# --- Debian packages: checked on every run because the machine may be new while the cache is not.
missing=()
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)   # headers for the kerberos module
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)              # replaces @vscode/ripgrep's download
command -v chromium >/dev/null 2>&1 || missing+=(chromium)       # the browser the e2e test drives
dpkg -s fonts-liberation >/dev/null 2>&1 || missing+=(fonts-liberation) # text renders, not boxes
dpkg -s fonts-wqy-zenhei >/dev/null 2>&1 || missing+=(fonts-wqy-zenhei) # and Chinese text too
command -v g++ >/dev/null 2>&1 || missing+=(g++)                 # node-gyp builds
command -v make >/dev/null 2>&1 || missing+=(make)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ -f "$STAMP" ] && [ -f "$PKG/out/node/entry.js" ]; then
  log "code-server $VERSION cached in ${CACHE#"$ROOT"/} ($((SECONDS - started)) s)"
  exit 0
fi

# --- A half-finished earlier run leaves an unknown state: start over rather than patch it.
log "installing code-server $VERSION into ${CACHE#"$ROOT"/} (takes a few minutes)"
rm -rf "$CACHE"
mkdir -p "$CACHE"
printf '{ "private": true }\n' >"$CACHE/package.json"

# Root may run lifecycle scripts only with unsafe-perm; the scripts are replayed below anyway.
export npm_config_unsafe_perm=true
export npm_config_yes=true
export npm_config_audit=false
export npm_config_fund=false
export npm_config_update_notifier=false

log "npm install code-server@$VERSION --ignore-scripts"
npm install --prefix "$CACHE" --ignore-scripts --save-exact --loglevel=error "code-server@$VERSION" >/dev/null

log "lib/vscode: npm install --omit=dev --ignore-scripts"
(cd "$VSCODE" && npm install --omit=dev --ignore-scripts --loglevel=error >/dev/null)

log "lib/vscode: Debian's rg in place of @vscode/ripgrep's download"
mkdir -p "$VSCODE/node_modules/@vscode/ripgrep/bin"
cp "$(command -v rg)" "$VSCODE/node_modules/@vscode/ripgrep/bin/rg"

log "lib/vscode: npm rebuild ${NATIVE_MODULES[*]}"
(cd "$VSCODE" && npm rebuild --loglevel=error "${NATIVE_MODULES[@]}" >/dev/null)

# What code-server's postinstall.sh does besides installing: VS Code looks for node_modules.asar and
# for the remote CLI under bin/, which are links to the real folders in the web build.
log "lib/vscode: postinstall links"
(
  cd "$VSCODE"
  ln -sfn node_modules node_modules.asar
  ln -sfn code-linux.sh bin/remote-cli/code-server
  ln -sfn browser-linux.sh bin/helpers/browser.sh
)

# npm hoists code-server's own dependencies (argon2 among them) next to it, to the cache's top level.
log "npm rebuild argon2"
(cd "$CACHE" && npm rebuild --loglevel=error argon2 >/dev/null)

log "lib/vscode/extensions: npm install --omit=dev"
(cd "$VSCODE/extensions" && npm install --omit=dev --loglevel=error >/dev/null)

# Fail here, not in a test, when a native module did not build: --version loads them all.
log "check: code-server --version"
node "$PKG/out/node/entry.js" --version >/dev/null

touch "$STAMP"
log "done in $((SECONDS - started)) s"
