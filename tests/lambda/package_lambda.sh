#!/usr/bin/env bash
# scripts/package-lambda's zip works: packaged from the built orderlab-lambda, unpacked, its bootstrap (the shipped
# loader and libraries) run by simulate --handler-command does what core does in process.
# usage: package_lambda.sh SOURCE_ROOT ORDERLAB ORDERLAB_LAMBDA
set -euo pipefail
root=$1 orderlab=$2 lambda=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$root/scripts/package-lambda" --binary "$lambda" --out "$work/function.zip"
mkdir "$work/function"
(cd "$work/function" && unzip -q ../function.zip)
for f in bootstrap orderlab-lambda roots.pem; do
  [ -e "$work/function/$f" ] || { echo "FAILED: the zip has no $f"; exit 1; }
done
[ -x "$work/function/bootstrap" ] || { echo "FAILED: bootstrap is not executable in the zip"; exit 1; }
"$(dirname "$0")/effects_vs_core.sh" "$orderlab" "$work/function" ./bootstrap 10 2
