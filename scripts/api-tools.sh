#!/usr/bin/env bash
# Tools the API tests (tests/Kyodo.Api.Tests) run, from tools/api-checks/package-lock.json:
#   buf                  `buf lint` and `buf breaking` on protos/ (npm @bufbuild/buf)
#   @grpc/proto-loader   loads protos/ as a Node.js gRPC client would
# Node.js and npm come from Debian's packages when missing. Idempotent, and quick when the
# installed packages already match the lock file (a stamp in node_modules records its hash).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="$ROOT/tools/api-checks"
say() { printf 'api-tools: %s\n' "$*"; }
die() { printf 'api-tools: ERROR: %s\n' "$*" >&2; exit 1; }

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  [[ $(id -u) -eq 0 ]] || die "node and npm are missing; install as root: apt-get install --no-install-recommends nodejs npm"
  say "installing nodejs and npm (apt)"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null 2>&1; then
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
  fi
fi

stamp="$DIR/node_modules/.kyodo-lock-hash"
hash=$(sha256sum "$DIR/package-lock.json" | cut -d' ' -f1)
if [[ -f $stamp && $(cat "$stamp") == "$hash" && -x $DIR/node_modules/.bin/buf ]]; then
  exit 0
fi
say "installing buf and @grpc/proto-loader (npm ci)"
# --ignore-scripts: nothing runs at install; buf's launcher finds its platform binary by itself.
(cd "$DIR" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null)
"$DIR/node_modules/.bin/buf" --version >/dev/null || die "buf does not run after npm ci"
echo "$hash" >"$stamp"
