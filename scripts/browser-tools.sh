#!/usr/bin/env bash
# The browser the web app's tests (tests/Kyodo.Web.Tests) and benchmark drive: Debian's
# chromium, started by Microsoft.Playwright through its ExecutablePath (Playwright's own browser
# download cannot reach its servers here, and is never used). Japanese fonts so that pages and
# screenshots render 漢字 rather than boxes. Idempotent, and quick when all is there.
# Installing needs root (apt-get).
set -euo pipefail

say() { printf 'browser-tools: %s\n' "$*"; }
die() { printf 'browser-tools: ERROR: %s\n' "$*" >&2; exit 1; }

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || missing+=(fonts-noto-cjk)

if ((${#missing[@]} > 0)); then
  [[ $(id -u) -eq 0 ]] || die "missing ${missing[*]}; install as root: apt-get install --no-install-recommends ${missing[*]}"
  say "installing ${missing[*]} (apt)"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

command -v chromium >/dev/null 2>&1 || die "chromium is still missing"
