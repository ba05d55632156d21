#!/usr/bin/env bash
# Makes sure a Docker engine answers on the default socket (or $DOCKER_HOST). On a fresh Debian
# machine, as root, it installs Debian's docker.io and starts dockerd in the background; where an
# engine already answers it changes nothing. See ../shared/facts/docker-here.md for why the engine
# is started exactly like this (no systemd here).
set -euo pipefail

log() { printf '[setup-docker] %s\n' "$*" >&2; }

engine_answers() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

if engine_answers; then
  log "Docker engine answers: $(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})')"
  exit 0
fi

need_pkgs=()
command -v dockerd >/dev/null 2>&1 || need_pkgs+=(docker.io)
command -v iptables >/dev/null 2>&1 || need_pkgs+=(iptables)
command -v docker >/dev/null 2>&1 || need_pkgs+=(docker.io)
if [ "${#need_pkgs[@]}" -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    log "no Docker engine and not root: install docker.io (or start your engine) and run again"
    exit 1
  fi
  log "installing ${need_pkgs[*]} from Debian"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
fi

if [ -n "${DOCKER_HOST:-}" ] && [ "${DOCKER_HOST}" != "unix:///var/run/docker.sock" ]; then
  log "DOCKER_HOST=${DOCKER_HOST} does not answer; start that engine, or unset DOCKER_HOST"
  exit 1
fi

log "starting dockerd in the background (log: /var/log/dockerd.log)"
setsid dockerd >/var/log/dockerd.log 2>&1 < /dev/null &
for _ in $(seq 1 60); do
  if engine_answers; then
    log "Docker engine answers: $(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})')"
    exit 0
  fi
  sleep 1
done
log "dockerd did not answer within 60 s; last lines of /var/log/dockerd.log:"
tail -n 20 /var/log/dockerd.log >&2 || true
exit 1
