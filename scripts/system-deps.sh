#!/usr/bin/env bash
# Installs the Debian packages the tests need, when missing: Chromium (and a Chinese font, so screenshots
# show text) for the browser tests, and the build
# tools and libraries that code-server's native modules need for the end-to-end tests (docs/e2e.md).
# As root it installs them with apt-get; otherwise it prints the command to run.
set -euo pipefail
PKGS=(chromium fonts-wqy-zenhei ripgrep python3 make g++ libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev)
missing=()
for p in "${PKGS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
[ "${#missing[@]}" -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "system-deps: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "system-deps: missing Debian packages: ${missing[*]}" >&2
  echo "system-deps: install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
