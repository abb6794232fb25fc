#!/usr/bin/env bash
# What a handler process did must be what core did in process for the same table changes:
#   orderlab simulate --orders N --seed S --handler-command CMD --handler-dir DIR --effects ...
# must exit 0 with nothing lost, and its effects (publishes, then the cache; docs/command-line.md) must equal
#   orderlab simulate --orders N --seed S --effects ...
# usage: effects_vs_core.sh ORDERLAB DIR CMD [ORDERS (default 30)] [SEED (default 5)] [SIMULATE OPTION...]
# (the options go to the handler's run only, e.g. --handler-env NAME=VALUE)
set -euo pipefail
orderlab=$1 dir=$2 cmd=$3 orders=${4:-30} seed=${5:-5}
shift $(( $# < 5 ? $# : 5 ))
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$orderlab" simulate --orders "$orders" --seed "$seed" --effects "$work/core.jsonl" > "$work/core.txt"
status=0
# A generous function timeout: on a loaded machine a timed-out batch is retried, and its publishes repeat.
"$orderlab" simulate --orders "$orders" --seed "$seed" --handler-command "$cmd" --handler-dir "$dir" --handler-timeout 60 \
  --ca-dir "$work/ca" --effects "$work/process.jsonl" "$@" > "$work/process.txt" 2> "$work/process.err" || status=$?
cat "$work/process.txt"
if [ $status -ne 0 ]; then
  echo "FAILED: simulate with --handler-command '$cmd' exited $status"
  tail -40 "$work/process.err"
  exit 1
fi
grep -q "^verdict: clean, nothing lost or wrong" "$work/process.txt" || { echo "FAILED: not clean"; exit 1; }
if ! diff -u "$work/core.jsonl" "$work/process.jsonl" > "$work/diff"; then
  echo "FAILED: the handler process did not do what core did (- core, + process):"
  head -40 "$work/diff"
  exit 1
fi
echo "'$cmd' made the same $(grep -c '^{"publish"' "$work/core.jsonl") publishes and left the same" \
  "$(grep -c '^{"cache"' "$work/core.jsonl") cache items as core in process"
