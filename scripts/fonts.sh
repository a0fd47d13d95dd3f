#!/usr/bin/env bash
# The Japanese font printable sheets are set in (services/Kyodo.Printing): IPAex Gothic from
# Debian's fonts-ipaexfont-gothic, embedded in every PDF the reporting service and `kyodo print`
# make. The reporting Dockerfile installs the same package. Idempotent, and quick when it is there.
# Installing needs root (apt-get).
set -euo pipefail

say() { printf 'fonts: %s\n' "$*"; }
die() { printf 'fonts: ERROR: %s\n' "$*" >&2; exit 1; }

FONT=/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf
if [[ ! -f $FONT ]]; then
  [[ $(id -u) -eq 0 ]] || die "missing $FONT; install as root: apt-get install --no-install-recommends fonts-ipaexfont-gothic"
  say "installing fonts-ipaexfont-gothic (apt)"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -qq --no-install-recommends fonts-ipaexfont-gothic >/dev/null 2>&1; then
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends fonts-ipaexfont-gothic >/dev/null
  fi
fi
[[ -f $FONT ]] || die "fonts-ipaexfont-gothic is installed but $FONT is missing"
