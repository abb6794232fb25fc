#!/usr/bin/env bash
# usage: run.sh NODE_DIR SCRIPT.js ORDERLAB_BINARY — runs a Node script with the SDK installed by setup.sh.
set -euo pipefail
dir=$1 script=$2 orderlab=$3
if ! command -v node >/dev/null; then
  echo "SKIPPED: node is needed for the AWS SDK conformance test"
  exit 77
fi
if [ ! -d "$dir/node_modules/@aws-sdk/client-dynamodb" ] || [ ! -d "$dir/node_modules/@aws-sdk/client-secrets-manager" ]; then
  echo "SKIPPED: the AWS SDK clients are not installed in $dir (the aws_node_setup test installs them)"
  exit 77
fi
exec env NODE_PATH="$dir/node_modules" node "$script" "$orderlab"
