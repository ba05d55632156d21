#!/usr/bin/env bash
# Removes everything berth created on a Docker engine (containers labelled io.berth.managed=true,
# then berth's networks; with --volumes also its volumes, including StatefulSet claims). Stop
# `berth run` first, or it puts the containers back. Containers are removed one at a time: many
# removals at once can deadlock Docker 20.10's network code (moby/moby#46661).
#   DOCKER_HOST=unix:///run/other.sock scripts/clean-docker.sh   for another engine
set -euo pipefail
volumes=false
[ "${1:-}" = "--volumes" ] && volumes=true
for c in $(docker ps -aq --filter label=io.berth.managed=true); do docker rm -f "$c" >/dev/null; done
for n in $(docker network ls -q --filter label=io.berth.managed=true); do docker network rm "$n" >/dev/null || true; done
if [ "$volumes" = true ]; then
  for v in $(docker volume ls -q --filter label=io.berth.managed=true); do docker volume rm "$v" >/dev/null || true; done
fi
echo "removed berth's containers and networks${volumes:+ (volumes: $volumes)}"
