# shellcheck shell=bash
# Sourced by scripts that run the JavaScript reference handler (../shared/reference).
#
#   source "$root/scripts/lib/reference.sh"
#   ref=$(orderlab_reference_dir) || exit 1
#
# orderlab_reference_dir prints the absolute path of an npm-ci'd copy of the reference folder:
# - $ORDERLAB_REFERENCE_DIR when set (it must already hold run-reference.js and node_modules);
# - otherwise build/reference of this repository, refreshed from ../shared/reference on every call, with
#   `npm ci --no-audit --no-fund` run there when node_modules is missing (under flock, so concurrent callers
#   do not install over each other).
# Progress goes to stderr; stdout carries only the path. Returns 1 when the folder cannot be prepared.

_orderlab_reference_check() {
  if [ ! -f "$1/run-reference.js" ] || [ ! -f "$1/handler-fixed.js" ] || [ ! -d "$1/node_modules" ]; then
    echo "orderlab_reference_dir: $1 is not an npm-ci'd reference folder (run-reference.js, handler-fixed.js, node_modules)" >&2
    return 1
  fi
}

_orderlab_reference_prepare() { # SRC DEST
  local src=$1 ref=$2 f
  for f in "$src"/*; do
    [ -f "$f" ] || continue
    cp -f "$f" "$ref/" 2>/dev/null || { chmod u+w "$ref/$(basename "$f")" && cp -f "$f" "$ref/"; } || return 1
    chmod u+w "$ref/$(basename "$f")"
  done
  if [ ! -d "$ref/node_modules" ]; then
    (cd "$ref" && npm ci --no-audit --no-fund) >&2 || return 1
  fi
}

orderlab_reference_dir() {
  local ref
  if [ -n "${ORDERLAB_REFERENCE_DIR:-}" ]; then
    ref=$(cd "$ORDERLAB_REFERENCE_DIR" 2>/dev/null && pwd) \
      || { echo "orderlab_reference_dir: ORDERLAB_REFERENCE_DIR=$ORDERLAB_REFERENCE_DIR is not a folder" >&2; return 1; }
    _orderlab_reference_check "$ref" || return 1
    printf '%s\n' "$ref"
    return 0
  fi
  local root src
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd) || return 1
  src="$root/../shared/reference"
  ref="$root/build/reference"
  [ -d "$src" ] || { echo "orderlab_reference_dir: $src not found (set ORDERLAB_REFERENCE_DIR)" >&2; return 1; }
  mkdir -p "$ref" || return 1
  if command -v flock >/dev/null 2>&1; then
    (flock 9 && _orderlab_reference_prepare "$src" "$ref") 9>"$root/build/reference.lock" || return 1
  else
    _orderlab_reference_prepare "$src" "$ref" || return 1
  fi
  _orderlab_reference_check "$ref" || return 1
  printf '%s\n' "$ref"
}
