#!/usr/bin/env bash
# Writes COUNT scenarios of ORDERS orders each under DIR (DIR/gen-NNNN/scenario.yaml) for
# scripts/bench-check: each order is created, advanced to DELIVERED one status a second, and
# checked; the seed differs per scenario. Usage: make-scenarios.sh DIR COUNT ORDERS
set -euo pipefail
dir=$1 count=$2 orders=$3
for ((s = 0; s < count; s++)); do
  name=$(printf 'gen-%04d' "$s")
  mkdir -p "$dir/$name"
  {
    printf 'description: generated, %d orders\nworld: {seed: %d, timing: in-region}\nsteps:\n' "$orders" "$((s + 1))"
    for ((o = 0; o < orders; o++)); do
      printf '  - after: 100ms\n    new-order: {pk: o-%d, creator: c-%d, items: [{name: margherita, size: L, price: %d}]}\n' \
        "$o" "$((o % 7))" "$((10 + o % 5))"
    done
    for ((k = 0; k < 4; k++)); do
      printf '  - after: 1s\n    advance-status: o-0\n'
      for ((o = 1; o < orders; o++)); do
        printf '  - advance-status: o-%d\n' "$o"
      done
    done
    printf '  - wait: {until: drained}\n  - expect:\n      verdict: {in-step: true}\n      table: [{count: %d}]\n' "$orders"
  } > "$dir/$name/scenario.yaml"
done
