#!/usr/bin/env bash
# Extra Docker engines for multi-host tests: test hosts n2 and n3, each a dockerd in its own
# network namespace, as docker-here.md prescribes (two engines in one namespace rewrite each
# other's iptables rules; a second engine given only --bip takes over docker0).
#
#   bash scripts/test-hosts.sh up        start (idempotent) and copy berth.local/* images in
#   bash scripts/test-hosts.sh status    what runs
#   bash scripts/test-hosts.sh down      stop the engines, remove namespaces, links and rules
#   bash scripts/test-hosts.sh down --purge   … and delete their data roots
#   bash scripts/test-hosts.sh stop n2  stop one engine only (a host going down); `up` restarts it
#
# Layout (host namespace):
#   br-berth-test 10.231.0.1/24 ── veth bt-n2 ── [netns berth-n2] eth0 10.231.0.2, br-n2 10.232.2.1/24
#                               └─ veth bt-n3 ── [netns berth-n3] eth0 10.231.0.3, br-n3 10.232.3.1/24
# Each engine: socket /run/berth-test/<n>.sock (reachable from the host namespace), data root
# /var/lib/berth-test/<n>, exec root /run/berth-test/<n>, pid file /run/berth-test/<n>.pid, its
# own bridge br-<n> and address pool 10.24<i>.0.0/16, log /var/log/berth-test-<n>.log.
# Published ports of a test host answer on its address (10.231.0.2:<port>) from the host and
# from the other hosts; the host namespace's own engine and its docker0 are never touched.
set -euo pipefail

BRIDGE=br-berth-test
BRIDGE_CIDR=10.231.0.1/24
GATEWAY=10.231.0.1
RUN=/run/berth-test
DATA=/var/lib/berth-test
# name  address     engine bridge   address pool
HOSTS=(
  "n2 10.231.0.2 10.232.2.1/24 10.242.0.0/16"
  "n3 10.231.0.3 10.232.3.1/24 10.243.0.0/16"
)
FWD_RULE=(FORWARD -i "$BRIDGE" -o "$BRIDGE" -m comment --comment berth-test-hosts -j ACCEPT)

log() { printf '[test-hosts] %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

need_root() { [ "$(id -u)" = 0 ] || die "must run as root (creates network namespaces and engines)"; }

engine_answers() { docker -H "unix://$RUN/$1.sock" version --format '{{.Server.Version}}' >/dev/null 2>&1; }

pid_alive() { # $1 = pid file
  [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
}

check_host_forward() {
  if docker version >/dev/null 2>&1 && ! iptables -S FORWARD | grep -q docker0; then
    log "WARNING: iptables FORWARD no longer names docker0: the default engine's containers may have lost connectivity"
    return 1
  fi
}

setup_host_bridge() {
  if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
    ip link add "$BRIDGE" type bridge
    ip addr add "$BRIDGE_CIDR" dev "$BRIDGE"
  fi
  ip link set "$BRIDGE" up
  # Bridged frames pass the host's FORWARD chain (br_netfilter), whose policy is DROP.
  iptables -C "${FWD_RULE[@]}" 2>/dev/null || iptables -I "${FWD_RULE[@]:0:1}" 1 "${FWD_RULE[@]:1}"
}

setup_netns() { # name address bridge-cidr
  local n=$1 addr=$2 brcidr=$3 ns="berth-$1" veth="bt-$1"
  [ -e "/run/netns/$ns" ] || ip netns add "$ns"
  if ! ip link show "$veth" >/dev/null 2>&1; then
    ip link add "$veth" type veth peer name "$veth-in"
    ip link set "$veth-in" netns "$ns"
    ip -n "$ns" link set "$veth-in" name eth0
    ip -n "$ns" addr add "$addr/24" dev eth0
  fi
  ip link set "$veth" master "$BRIDGE" up
  ip -n "$ns" link set lo up
  ip -n "$ns" link set eth0 up
  ip -n "$ns" route replace default via "$GATEWAY"
  if ! ip -n "$ns" link show "br-$n" >/dev/null 2>&1; then
    ip -n "$ns" link add "br-$n" type bridge
    ip -n "$ns" addr add "$brcidr" dev "br-$n"
  fi
  ip -n "$ns" link set "br-$n" up
}

start_engine() { # name pool
  local n=$1 pool=$2 ns="berth-$1"
  mkdir -p "$RUN/$n" "$RUN/$n-cgroup" "$DATA/$n"
  printf '{}\n' >"$RUN/$n-daemon.json"
  # Inside: a private mount namespace (nothing leaks back) with a sysfs describing the engine's
  # network namespace; the cgroup hierarchies are carried over from the host's /sys.
  local inner
  inner="mount --rbind /sys/fs/cgroup '$RUN/$n-cgroup' && umount -l /sys && mount -t sysfs sysfs /sys"
  inner+=" && mount --rbind '$RUN/$n-cgroup' /sys/fs/cgroup && umount -l '$RUN/$n-cgroup'"
  inner+=" && exec dockerd --config-file '$RUN/$n-daemon.json' -H 'unix://$RUN/$n.sock'"
  inner+=" --data-root '$DATA/$n' --exec-root '$RUN/$n' --pidfile '$RUN/$n.pid'"
  inner+=" --bridge 'br-$n' --default-address-pool 'base=$pool,size=24'"
  log "starting engine $n (log: /var/log/berth-test-$n.log)"
  setsid nsenter --net="/run/netns/$ns" unshare --mount --propagation slave sh -c "$inner" \
    >"/var/log/berth-test-$n.log" 2>&1 </dev/null &
  for _ in $(seq 1 60); do
    engine_answers "$n" && return 0
    sleep 1
  done
  tail -n 20 "/var/log/berth-test-$n.log" >&2 || true
  die "engine $n did not answer within 60 s"
}

load_images() { # name
  local n=$1 want=() ref
  docker version >/dev/null 2>&1 || return 0
  while read -r ref; do
    [ -n "$ref" ] || continue
    local here there
    here=$(docker image inspect -f '{{.Id}}' "$ref")
    there=$(docker -H "unix://$RUN/$n.sock" image inspect -f '{{.Id}}' "$ref" 2>/dev/null || true)
    [ "$here" = "$there" ] || want+=("$ref")
  done < <(docker images --format '{{.Repository}}:{{.Tag}}' | grep '^berth\.local/' | grep -v ':<none>$' | sort -u)
  if [ "${#want[@]}" -gt 0 ]; then
    log "loading into $n: ${want[*]}"
    docker save "${want[@]}" | docker -H "unix://$RUN/$n.sock" load -q >/dev/null
  fi
}

cmd_up() {
  need_root
  command -v dockerd >/dev/null || die "dockerd missing: run scripts/setup-docker.sh first"
  mkdir -p "$RUN"
  setup_host_bridge
  local h n addr brcidr pool
  for h in "${HOSTS[@]}"; do
    read -r n addr brcidr pool <<<"$h"
    setup_netns "$n" "$addr" "$brcidr"
    if engine_answers "$n"; then
      log "engine $n answers"
    else
      if pid_alive "$RUN/$n.pid"; then die "engine $n runs (pid $(cat "$RUN/$n.pid")) but does not answer; run down first"; fi
      start_engine "$n" "$pool"
    fi
    load_images "$n"
  done
  check_host_forward
  cmd_status
}

stop_engine() { # name
  local n=$1 pidf="$RUN/$1.pid"
  pid_alive "$pidf" || return 0
  local pid
  pid=$(cat "$pidf")
  log "stopping engine $n (pid $pid)"
  kill -TERM "$pid"
  for _ in $(seq 1 40); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.5
  done
  log "engine $n still running after 20 s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
}

cmd_down() {
  need_root
  local purge=${1:-} h n addr brcidr pool
  for h in "${HOSTS[@]}"; do
    read -r n addr brcidr pool <<<"$h"
    stop_engine "$n"
    [ -e "/run/netns/berth-$n" ] && ip netns del "berth-$n"
    ip link del "bt-$n" 2>/dev/null || true
    rm -rf "${RUN:?}/$n" "$RUN/$n-cgroup" "$RUN/$n.sock" "$RUN/$n.pid" "$RUN/$n-daemon.json"
    if [ "$purge" = "--purge" ]; then rm -rf "${DATA:?}/$n"; fi
  done
  while iptables -C "${FWD_RULE[@]}" 2>/dev/null; do iptables -D "${FWD_RULE[@]}"; done
  ip link del "$BRIDGE" 2>/dev/null || true
  check_host_forward
  log "test hosts down"
}

cmd_status() {
  local h n addr brcidr pool ok=0
  for h in "${HOSTS[@]}"; do
    read -r n addr brcidr pool <<<"$h"
    if engine_answers "$n"; then
      printf '%s\tup\tunix://%s/%s.sock\t%s\n' "$n" "$RUN" "$n" "$addr"
    else
      printf '%s\tdown\n' "$n"
      ok=1
    fi
  done
  return $ok
}

cmd_stop() { # name
  need_root
  local want=${1:-} h n addr brcidr pool
  for h in "${HOSTS[@]}"; do
    read -r n addr brcidr pool <<<"$h"
    if [ "$n" = "$want" ]; then
      stop_engine "$n"
      return 0
    fi
  done
  die "no test host named '$want'"
}

case "${1:-}" in
  up) cmd_up ;;
  stop) cmd_stop "${2:-}" ;;
  down) cmd_down "${2:-}" ;;
  status) cmd_status ;;
  *) die "usage: $0 up|down [--purge]|stop NAME|status" ;;
esac
