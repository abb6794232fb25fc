#!/usr/bin/env bash
# Installs dynalite 4.0.0 (package-lock.json) into a cache folder for scripts/bench-dynamodb.
# usage: setup.sh SOURCE_DIR DEST_DIR. Exit 77 (skipped, with a message) where node or npm is absent.
set -euo pipefail
src=$1 dest=$2
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "SKIPPED: node and npm are needed to run dynalite (install nodejs and npm)"
  exit 77
fi
mkdir -p "$dest"
if [ -f "$dest/node_modules/dynalite/cli.js" ] && cmp -s "$src/package-lock.json" "$dest/package-lock.json"; then
  echo "dynalite is already installed in $dest"
  exit 0
fi
cp "$src/package.json" "$src/package-lock.json" "$dest/"
cd "$dest"
npm ci --no-audit --no-fund --loglevel=error
echo "installed dynalite $(node -p "require('./node_modules/dynalite/package.json').version") in $dest"
