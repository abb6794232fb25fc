#!/usr/bin/env bash
# The article's handler, unmodified (the reference's handler-fixed.js as index.js), run by
#   orderlab simulate --orders 30 --seed 5 --handler-command 'npx aws-lambda-ric index.handler' --handler-dir DIR
# 1. as it is: it cannot build its TopicClient with @gomomento/sdk 1.118.1 and logs the TypeError on every batch,
#    and orderlab says so: the checker finds every notification missing (exit 1), the log holds the error;
# 2. with topic-configuration.js preloaded (NODE_OPTIONS, the file still unmodified): exit 0, nothing lost, and it
#    does what core does in process (../effects_vs_core.sh). docs/lambda-runtime.md, "The article's handler".
# usage: run.sh DIR ORDERLAB REFERENCE_DIR. Skips (exit 77) without the reference or without the set-up's install.
set -euo pipefail
dir=$1 orderlab=$2 reference=$3
if [ ! -f "$reference/handler-fixed.js" ]; then
  echo "SKIPPED: the JavaScript reference is not at $reference"
  exit 77
fi
if [ ! -x "$dir/node_modules/.bin/aws-lambda-ric" ]; then
  echo "SKIPPED: aws-lambda-ric is not installed in $dir (the article_handler_setup test installs it)"
  exit 77
fi
here=$(cd "$(dirname "$0")" && pwd)
cp "$reference/handler-fixed.js" "$dir/index.js"
cmp -s "$reference/handler-fixed.js" "$dir/index.js"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=$work/as-it-is.txt
status=0
"$orderlab" simulate --orders 5 --seed 5 --handler-command 'npx aws-lambda-ric index.handler' --handler-dir "$dir" \
  --ca-dir "$work/ca" --handler-logs > "$out" 2>&1 || status=$?
if [ $status -ne 1 ] || ! grep -q "getNumStreamClients is not a function" "$out" ||
   ! grep -q "^verdict: .*missing notifications" "$out"; then
  echo "FAILED: the article's handler as it is should log the SDK's TypeError and publish nothing (exit $status):"
  tail -30 "$out"
  exit 1
fi
echo "as it is: the handler logs 'TypeError: grpcConfig.getNumStreamClients is not a function'; $(grep '^verdict' "$out")"

exec "$here/../effects_vs_core.sh" "$orderlab" "$dir" 'npx aws-lambda-ric index.handler' 30 5 \
  --handler-env "NODE_OPTIONS=--require=$here/topic-configuration.js"
