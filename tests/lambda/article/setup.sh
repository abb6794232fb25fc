#!/usr/bin/env bash
# CTest fixture set-up of the article-handler test (label lambdaric): installs, from the committed lock file, what
# the article's handler needs to run as Lambda runs it: @gomomento/sdk 1.118.1, @aws-sdk/client-secrets-manager,
# @aws-sdk/util-dynamodb and aws-lambda-ric 4.0.2, which builds native code on install (about 1.5 minutes; it needs
# g++, make, cmake, autoconf, automake and libtool). usage: setup.sh SOURCE_DIR DEST_DIR
# An install already in DEST_DIR with the same lock file is reused. Without one, it installs only when
# ORDERLAB_INSTALL_RIC=1 (CI's lambdaric step sets it), so that the README's test command stays fast; otherwise it
# skips (exit 77) and says how to run it. Skips where node or npm is absent.
set -euo pipefail
src=$1 dest=$2
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "SKIPPED: node and npm are needed to run the article's handler under aws-lambda-ric"
  exit 77
fi
mkdir -p "$dest"
if [ -x "$dest/node_modules/.bin/aws-lambda-ric" ] && cmp -s "$src/package-lock.json" "$dest/package-lock.json"; then
  echo "the article handler's packages are already installed in $dest"
  exit 0
fi
if [ "${ORDERLAB_INSTALL_RIC:-0}" != 1 ]; then
  echo "SKIPPED: aws-lambda-ric is not installed in $dest; run: ORDERLAB_INSTALL_RIC=1 ctest --test-dir BUILD -L lambdaric"
  exit 77
fi
for tool in g++ make cmake autoconf automake libtoolize; do
  command -v "$tool" >/dev/null || {
    echo "aws-lambda-ric builds native code and needs $tool (apt-get install g++ make cmake autoconf automake libtool)"
    exit 1
  }
done
cp "$src/package.json" "$src/package-lock.json" "$dest/"
cd "$dest"
npm ci --no-audit --no-fund --loglevel=error
echo "installed aws-lambda-ric $(node -p "require('./node_modules/aws-lambda-ric/package.json').version") in $dest"
