#!/usr/bin/env bash
# Everything a fresh Debian 12 machine needs before berth runs or is tested: git, a Docker engine,
# the locally built images, and the npm dependencies. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

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

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "npm ci"
  npm ci --no-audit --no-fund
fi
