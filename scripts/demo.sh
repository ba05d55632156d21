#!/usr/bin/env bash
# The deck's tour on plain Docker: sets up what is missing (Docker engine, images, npm
# dependencies), makes a git repo from sample-repo/, starts `berth run` on it, waits until it has
# converged, and shows what the deck shows with kubectl — then keeps berth running (Ctrl-C stops
# berth; the containers keep running, as a restarted berth adopts them).
#
#   DEMO_DIR=/tmp/berth-demo   where the demo repo, berth.yaml, state and log go
#   DEMO_DETACH=1              leave berth running in the background and return
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
demo=${DEMO_DIR:-/tmp/berth-demo}

log() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

bash scripts/setup.sh
[ -f dist/cli/main.js ] && [ -z "$(find src -newer dist/cli/main.js -name '*.ts' -print -quit)" ] || npm run build >/dev/null
berth() { node "$root/bin/berth.js" "$@"; }

mkdir -p "$demo"
if [ ! -d "$demo/repo/.git" ]; then
  log "creating the demo repo $demo/repo from sample-repo/"
  mkdir -p "$demo/repo"
  cp -r sample-repo/. "$demo/repo/"
  git -C "$demo/repo" init -q -b main
  git -C "$demo/repo" add -A
  git -C "$demo/repo" -c user.name=demo -c user.email=demo@berth.local commit -qm "The deck's walk-through"
fi

cat >"$demo/berth.yaml" <<EOF
# Written by scripts/demo.sh. One node: the local Docker engine.
sources:
  - name: demo
    repo: $demo/repo
    path: manifests
    pollInterval: 30s
ingress:
  http: 127.0.0.1:8080
api:
  listen: 127.0.0.1:7070
state:
  path: $demo/state.json
EOF
export BERTH_CONFIG="$demo/berth.yaml"

if [ -f "$demo/berth.pid" ] && kill -0 "$(cat "$demo/berth.pid")" 2>/dev/null; then
  log "berth already runs (pid $(cat "$demo/berth.pid")); log: $demo/berth.log"
else
  log "starting berth run (log: $demo/berth.log)"
  setsid node "$root/bin/berth.js" run --log-level info >"$demo/berth.log" 2>&1 </dev/null &
  echo $! >"$demo/berth.pid"
fi
pid=$(cat "$demo/berth.pid")

log "waiting for the first sync to converge"
for _ in $(seq 1 180); do
  if berth status 2>/dev/null | grep -q "Synced.*Healthy"; then break; fi
  kill -0 "$pid" 2>/dev/null || { tail -n 30 "$demo/berth.log"; exit 1; }
  sleep 1
done
berth status || true

log "berth get pods            (the deck: kubectl get pods)"
berth get pods
log "berth get jobs            (who-am-i: 10 completions)"
berth get jobs
log "berth get cronjobs        (the ScheduledJob, every minute)"
berth get cronjobs
log "berth get deploy,rs,ds,sts,svc,ing"
berth get deploy,rs,ds,sts,svc,ing
log "berth logs nginx-static-app-on-k8s"
berth logs nginx-static-app-on-k8s --tail 5 || true
log "the Ingress: curl -H 'Host: demo-app.k8s.fscker.org' http://127.0.0.1:8080/"
curl -s -H 'Host: demo-app.k8s.fscker.org' http://127.0.0.1:8080/ || true

cat <<EOF

Try it:  edit $demo/repo/manifests/v3/deployment.yml (image berth.local/web:2), commit, then
         BERTH_CONFIG=$demo/berth.yaml node bin/berth.js rollout status deployment/demo-app
Inspect: BERTH_CONFIG=$demo/berth.yaml node bin/berth.js get pods -o wide | describe | status
Stop:    kill $pid   (containers keep running; remove them one at a time with:
         bash scripts/clean-docker.sh)
EOF

if [ "${DEMO_DETACH:-0}" = 1 ]; then exit 0; fi
log "following berth's log (Ctrl-C stops berth; containers keep running)"
trap 'kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; exit 0' INT TERM
tail -f "$demo/berth.log" &
while kill -0 "$pid" 2>/dev/null; do sleep 1; done
