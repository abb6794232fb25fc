#!/usr/bin/env bash
# CTest fixture set-up: installs @gomomento/sdk 1.118.1 (package-lock.json) into the build folder.
# usage: setup.sh SOURCE_DIR DEST_DIR. Exit 77 (skipped) where node or npm is absent.
set -euo pipefail
src=$1 dest=$2
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "SKIPPED: node and npm are needed for the Momento Node SDK conformance test (install nodejs and npm)"
  exit 77
fi
mkdir -p "$dest"
installed=$(node -p "try { require('$dest/node_modules/@gomomento/sdk/package.json').version } catch (e) { '' }")
if [ "$installed" = "1.118.1" ] && cmp -s "$src/package-lock.json" "$dest/package-lock.json"; then
  echo "@gomomento/sdk $installed already installed in $dest"
  exit 0
fi
cp "$src/package.json" "$src/package-lock.json" "$dest/"
cd "$dest"
npm ci --no-audit --no-fund --loglevel=error
echo "installed @gomomento/sdk $(node -p "require('./node_modules/@gomomento/sdk/package.json').version") in $dest"
