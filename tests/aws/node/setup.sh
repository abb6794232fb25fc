#!/usr/bin/env bash
# CTest fixture set-up: installs the AWS SDK v3 clients (DynamoDB, Streams, Secrets Manager) and @gomomento/sdk (package-lock.json)
# into the build folder. usage: setup.sh SOURCE_DIR DEST_DIR. Exit 77 (skipped) where node or npm is absent.
set -euo pipefail
src=$1 dest=$2
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "SKIPPED: node and npm are needed for the AWS SDK conformance test (install nodejs and npm)"
  exit 77
fi
mkdir -p "$dest"
if [ -d "$dest/node_modules/@aws-sdk/client-dynamodb" ] && cmp -s "$src/package-lock.json" "$dest/package-lock.json"; then
  echo "the AWS SDK clients are already installed in $dest"
  exit 0
fi
cp "$src/package.json" "$src/package-lock.json" "$dest/"
cd "$dest"
npm ci --no-audit --no-fund --loglevel=error
echo "installed @aws-sdk/client-dynamodb $(node -p "require('./node_modules/@aws-sdk/client-dynamodb/package.json').version") in $dest"
