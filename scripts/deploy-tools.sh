#!/usr/bin/env bash
# Tools the deployment tests (tests/Kyodo.Deployment.Tests) render with; no Docker engine
# and no cluster are needed:
#   docker-compose   `docker-compose config` (Debian's package, v1; installed when missing)
#   kubectl          `kubectl kustomize` (kustomize v4+ for the `labels` field; preinstalled
#                    on these machines; Debian's kubernetes-client as a last resort)
# Idempotent, and quick when both are there. Installing needs root (apt-get).
set -euo pipefail

say() { printf 'deploy-tools: %s\n' "$*"; }
die() { printf 'deploy-tools: ERROR: %s\n' "$*" >&2; exit 1; }

missing=()
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
command -v kubectl >/dev/null 2>&1 || missing+=(kubernetes-client)

if ((${#missing[@]} > 0)); then
  [[ $(id -u) -eq 0 ]] || die "missing ${missing[*]}; install as root: apt-get install --no-install-recommends ${missing[*]}"
  say "installing ${missing[*]} (apt)"
  export DEBIAN_FRONTEND=noninteractive
  # --no-install-recommends: docker-compose would otherwise pull in the Docker engine.
  if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

command -v docker-compose >/dev/null 2>&1 || die "docker-compose is still missing"
command -v kubectl >/dev/null 2>&1 || die "kubectl is still missing"
# An old kubectl (Debian's 1.20) embeds kustomize v2, which cannot read the overlays.
if ! kubectl kustomize --help >/dev/null 2>&1; then
  die "this kubectl has no 'kustomize' command; install kubectl 1.21 or later"
fi
