#!/usr/bin/env bash
# Installs what the real-VS-Code test suites need, once per machine; fast (a few ms) when already done.
#   - Debian packages: chromium (the browser the runner drives), ripgrep (search inside VS Code, and the
#     stand-in for @vscode/ripgrep's GitHub download), libkrb5-dev (node-pty/kerberos build headers).
#   - code-server 4.100.3 from npm (= VS Code 1.100.3, the newest that runs on Node 20) into a cache folder
#     outside the git tree: ${ANNALIST_CACHE:-$HOME/.cache/annalist}/code-server-4.100.3
# Prints the path of the code-server executable on its last line of stdout... no: on stderr it narrates,
# and `setup.sh --print-path` prints only the path (for scripts).
set -euo pipefail

CS_VERSION="4.100.3"
RG_PKG_VERSION="1.15.11"            # the @vscode/ripgrep version code-server 4.100.3 depends on
RG_ASSET="ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
CACHE="${ANNALIST_CACHE:-${HOME:-/tmp}/.cache/annalist}"
PREFIX="$CACHE/code-server-$CS_VERSION"
BIN="$PREFIX/node_modules/code-server/out/node/entry.js"
STAMP="$PREFIX/.annalist-installed"

say() { printf '[setup] %s\n' "$*" >&2; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

print_path=0
[ "${1:-}" = "--print-path" ] && print_path=1

t0=$(date +%s)

# --- 1. Debian packages, only those missing -------------------------------------------------------------
missing=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "need root or sudo to apt-get install ${missing[*]}"
    sudo_cmd=(sudo)
  fi
  say "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq >&2 || die "apt-get update failed"
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 \
    || die "apt-get install ${missing[*]} failed"
else
  say "Debian packages present: chromium ripgrep libkrb5-dev"
fi

# --- 2. code-server from npm ------------------------------------------------------------------------------
if [ -f "$STAMP" ] && [ -f "$BIN" ]; then
  say "code-server $CS_VERSION already installed in $PREFIX"
else
  command -v npm >/dev/null 2>&1 || die "npm not found"
  node_major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$node_major" = 20 ] || say "warning: code-server $CS_VERSION expects Node 20, this is Node $node_major"
  say "installing code-server@$CS_VERSION into $PREFIX (about 90 s, about 300 MB)"
  rm -rf "$PREFIX"
  mkdir -p "$PREFIX"
  # @vscode/ripgrep's postinstall downloads from GitHub (unreachable); it first looks for this cached tarball.
  tmp="$PREFIX/.tmp"
  mkdir -p "$tmp/vscode-ripgrep-cache-$RG_PKG_VERSION" "$tmp/rg"
  cp "$(command -v rg)" "$tmp/rg/rg"
  tar -C "$tmp/rg" -czf "$tmp/vscode-ripgrep-cache-$RG_PKG_VERSION/$RG_ASSET" rg
  printf '{"name":"annalist-code-server","private":true}\n' > "$PREFIX/package.json"
  (
    cd "$PREFIX"
    export TMPDIR="$tmp"
    export npm_config_yes=true            # node-pty's postinstall runs `npx node-gyp`
    export npm_config_unsafe_perm=true    # its postinstall stops when run as root otherwise
    export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
    npm install --no-save --loglevel=error "code-server@$CS_VERSION" >&2
  ) || die "npm install code-server@$CS_VERSION failed (see above)"
  rm -rf "$tmp"
  [ -f "$BIN" ] || die "code-server installed but $BIN is missing"
  rg_bin=$(find "$PREFIX/node_modules" -path '*@vscode/ripgrep/bin/rg' | head -n1)
  [ -n "$rg_bin" ] || say "warning: no @vscode/ripgrep binary found (search inside VS Code may fail)"
  date -u +%FT%TZ > "$STAMP"
  say "installed code-server $CS_VERSION"
fi

say "done in $(( $(date +%s) - t0 )) s; code-server: $BIN"
if [ $print_path = 1 ]; then printf '%s\n' "$BIN"; fi
