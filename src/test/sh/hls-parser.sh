#!/usr/bin/env bash
# Installs the strict HLS parser the playlist tests run (the npm package hls-parser, pinned) into
# BUILD_DIR/node, and Node.js with npm from Debian's packages when they are missing. Safe to run
# again: it only acts on what is missing. Prints the node_modules directory on its last line.
# Usage: src/test/sh/hls-parser.sh BUILD_DIR
set -euo pipefail
version=0.16.1
build_dir="${1:?usage: hls-parser.sh BUILD_DIR}"
prefix="$build_dir/node"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "The playlist tests need Node.js and npm: install the Debian packages nodejs and npm" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi

installed="$(node -p "require('$prefix/node_modules/hls-parser/package.json').version" 2>/dev/null || true)"
if [ "$installed" != "$version" ]; then
  mkdir -p "$prefix"
  # --prefix keeps it out of the project's tree; no package.json or lock file is written there.
  npm install --prefix "$prefix" --no-save --no-audit --no-fund --no-package-lock --loglevel=error \
    "hls-parser@$version" >&2
fi
echo "$prefix/node_modules"
