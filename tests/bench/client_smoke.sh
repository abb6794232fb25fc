#!/usr/bin/env bash
# ctest bench_client_smoke: bench_dynamodb's client, polling and sleeping, in two rounds, against bench_floor_server
# for a second: every row measured (ops/s above 0), and a bad --wait refused by name. Not a measurement: the numbers
# are not judged.
#   tests/bench/client_smoke.sh BUILD_DIR
set -euo pipefail
build=$1
tmp=$(mktemp -d)
"$build/bench_floor_server" >"$tmp/floor" &
floor=$!
trap 'kill $floor 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT
port=
for _ in $(seq 100); do
  port=$(sed -n 's/^floor listening on 127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p' "$tmp/floor")
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "client_smoke: bench_floor_server printed no port" >&2; exit 1; }
# measure WAIT CLIENTS OPERATION: one row per client count, each with a number of ops/s above 0.
measure() {
  local wait=$1 clients=$2 operation=$3 rows
  "$build/bench_dynamodb" --target "floor=$port" --seconds 1 --clients "$clients" --operations "$operation" \
    --wait "$wait" --poll-us 500 --rounds 2 >"$tmp/out" 2>"$tmp/err" ||
    { echo "client_smoke: --wait $wait --clients $clients: exit $?:" >&2; cat "$tmp/err" >&2; exit 1; }
  rows=$(grep -cE '^\| [A-Za-z]+( \(100 items\))? \| [0-9]+ \| [1-9][0-9]* \|' "$tmp/out" || true)
  [ "$rows" = "$(tr ',' '\n' <<<"$clients" | wc -l)" ] ||
    { echo "client_smoke: --wait $wait --clients $clients: $rows rows measured:" >&2; cat "$tmp/out" "$tmp/err" >&2; exit 1; }
}
measure poll 1,2 GetItem
measure sleep 2 Query
set +e
"$build/bench_dynamodb" --target "floor=$port" --wait fast 2>"$tmp/err"
status=$?
set -e
[ $status = 2 ] && grep -q "bench_dynamodb: --wait wants auto, poll or sleep, got 'fast'" "$tmp/err" ||
  { echo "client_smoke: --wait fast: exit $status:" >&2; cat "$tmp/err" >&2; exit 1; }
echo "client_smoke: polling and sleeping clients measured; --wait fast refused"
