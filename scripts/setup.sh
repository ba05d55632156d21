#!/usr/bin/env bash
# Everything a fresh Debian 12 machine needs before berth runs or is tested: git, a Docker engine,
# the locally built images, and the npm dependencies. Safe to run again.
#   --test-hosts   also start the extra engines n2, n3 for multi-host tests (scripts/test-hosts.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

test_hosts=false
for arg in "$@"; do
  case "$arg" in
    --test-hosts) test_hosts=true ;;
    *) printf '[setup] unknown option %s (known: --test-hosts)\n' "$arg" >&2; exit 2 ;;
  esac
done

log() { printf '[setup] %s\n' "$*" >&2; }

missing=()
command -v git >/dev/null 2>&1 || missing+=(git)
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing ${missing[*]} from Debian"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# The git sync tests serve repositories with `git daemon` and `git http-backend`: both ship in Debian's
# git package (no git-daemon-run needed).
for sub in daemon http-backend; do
  [ -x "$(git --exec-path)/git-$sub" ] || { log "git $sub is missing from $(git --exec-path)"; exit 1; }
done

bash scripts/setup-docker.sh
bash scripts/build-images.sh
if [ "$test_hosts" = true ]; then bash scripts/test-hosts.sh up; fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "npm ci"
  npm ci --no-audit --no-fund
fi
