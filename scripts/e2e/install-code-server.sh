#!/usr/bin/env bash
# Installs code-server (VS Code in the browser) into a cache OUTSIDE the repository, for
# `npm start` (scripts/code-server.mjs) and `npm run test:e2e` (test/e2e/).
#
# Idempotent: a finished install leaves a stamp file and a second run returns at once.
# Works with no internet except the npm registry and Debian's packages: code-server's own
# postinstall (which downloads a ripgrep binary and an argon2 prebuild) is replaced by the
# steps below. See docs/e2e.md for the recipe and how to debug it.
#
# Environment:
#   BUDGET_CODE_SERVER_DIR   install folder (default ~/.cache/budget-lang/code-server-4.100.3)
#   BUDGET_APT_INSTALL=0     as root, do not apt-get install missing Debian packages (installed by default,
#                            like scripts/system-deps.sh, so that `npm start` works on a fresh machine)
#
# Prints the path of the code-server entry point (…/out/node/entry.js) as its last line.
set -euo pipefail

VERSION=4.100.3
CACHE_HOME="${XDG_CACHE_HOME:-$HOME/.cache}"
DIR="${BUDGET_CODE_SERVER_DIR:-$CACHE_HOME/budget-lang/code-server-$VERSION}"
STAMP="$DIR/.budget-lang-install-complete"
PKG="$DIR/node_modules/code-server"
ENTRY="$PKG/out/node/entry.js"

log() { printf '[install-code-server] %s\n' "$*" >&2; }
die() { printf '[install-code-server] ERROR: %s\n' "$*" >&2; exit 1; }

if [ -f "$STAMP" ] && [ -f "$ENTRY" ]; then
  log "code-server $VERSION already installed in $DIR"
  echo "$ENTRY"
  exit 0
fi

# --- 1. prerequisites ----------------------------------------------------------------------
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" = 20 ] || die "code-server $VERSION needs Node.js 20 (found $(node -v))."

# Debian packages: headers for the native modules (kerberos, native-keymap, keytar-like
# secret storage, X11), the build toolchain for node-gyp, and ripgrep (VS Code's search
# uses rg; the npm package would download it from the internet).
DEB_PACKAGES=(libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev pkg-config python3 make g++ ripgrep)
missing=()
for p in "${DEB_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null && [ "${BUDGET_APT_INSTALL:-1}" != 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  else
    die "missing Debian packages: ${missing[*]}
  install them with:
    sudo apt-get update && sudo apt-get install -y ${missing[*]}
  (as root this script installs them itself unless BUDGET_APT_INSTALL=0)"
  fi
fi
RG="$(command -v rg || true)"
[ -n "$RG" ] || die "ripgrep (rg) not found on PATH although the package is installed"

# --- 2. code-server itself, without its postinstall -----------------------------------------
started=$(date +%s)
log "installing code-server $VERSION into $DIR (takes several minutes; a log of each step is printed)"
rm -rf "$DIR"
mkdir -p "$DIR"
cat > "$DIR/package.json" <<EOF
{ "name": "budget-lang-code-server", "private": true, "description": "code-server for budget-lang e2e tests; made by scripts/e2e/install-code-server.sh" }
EOF
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
# (code-server's own postinstall, which as root wants npm_config_unsafe_perm=true, is not run.)
export npm_config_yes=true           # node-pty's build calls `npx node-gyp`
(cd "$DIR" && npm install --ignore-scripts --omit=dev --no-package-lock "code-server@$VERSION" >&2)

# --- 3. VS Code's own dependencies (what postinstall.sh's vscode_install does) --------------
log "installing VS Code's dependencies (lib/vscode)"
(cd "$PKG/lib/vscode" && npm install --omit=dev --ignore-scripts >&2)

# ripgrep: Debian's rg where @vscode/ripgrep's postinstall would download one.
mkdir -p "$PKG/lib/vscode/node_modules/@vscode/ripgrep/bin"
cp "$RG" "$PKG/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"

# Native modules: run every package's install script except @vscode/ripgrep's download.
log "building VS Code's native modules (node-gyp)"
(
  cd "$PKG/lib/vscode"
  native=()
  for pj in node_modules/*/package.json node_modules/@*/*/package.json; do
    name="$(node -e 'const p=require(process.argv[1]); const s=p.scripts||{}; if ((s.install||s.preinstall||s.postinstall) && p.name!=="@vscode/ripgrep") console.log(p.name)' "$PWD/$pj")"
    [ -n "$name" ] && native+=("$name")
    # packages with a binding.gyp and no install script are built by npm's default `node-gyp rebuild`
    if [ -z "$name" ] && [ -f "$(dirname "$pj")/binding.gyp" ]; then native+=("$(node -p 'require(process.argv[1]).name' "$PWD/$pj")"); fi
  done
  log "rebuilding: ${native[*]}"
  npm rebuild "${native[@]}" >&2
)

# Links postinstall.sh makes (symlink_asar, symlink_bin_script).
ln -sfn node_modules "$PKG/lib/vscode/node_modules.asar"
ln -sfn code-linux.sh "$PKG/lib/vscode/bin/remote-cli/code-server"
ln -sfn browser-linux.sh "$PKG/lib/vscode/bin/helpers/browser.sh"

# Built-in extensions' shared dependencies (typescript; its postinstall only trims files).
log "installing the built-in extensions' dependencies (lib/vscode/extensions)"
(cd "$PKG/lib/vscode/extensions" && npm install --omit=dev >&2)

# --- 4. argon2 (password hashing; loaded at start-up) from source, not a downloaded prebuild --
log "building argon2 from source"
(cd "$DIR" && npm_config_build_from_source=true npm rebuild argon2 >&2)

# --- 5. smoke test and stamp -----------------------------------------------------------------
# A config file of our own: without --config, code-server writes ~/.config/code-server/config.yaml.
printf 'bind-addr: 127.0.0.1:8080\nauth: none\ncert: false\n' > "$DIR/config.yaml"
version="$(node "$ENTRY" --config "$DIR/config.yaml" --version | head -1)"
case "$version" in
  "$VERSION"*) ;;
  *) die "installed code-server reports version '$version', expected $VERSION" ;;
esac
(cd "$PKG/lib/vscode" && node -e 'for (const m of ["node-pty","@vscode/spdlog","@parcel/watcher","native-watchdog","kerberos"]) require(m)') \
  || die "a native module of VS Code does not load; see the build output above"
date -u +%Y-%m-%dT%H:%M:%SZ > "$STAMP"
log "done in $(( $(date +%s) - started )) s: code-server $version"
echo "$ENTRY"
