#!/usr/bin/env bash
# Builds the images the tests and sample-repo/ use. There is no registry here, so each is a
# `docker import` of a tarball holding Debian's busybox-static. Idempotent: an image whose
# build recipe is unchanged (label io.berth.recipe) is left alone.
#
#   berth.local/busybox:1      sh and the usual applets; CMD sh
#   berth.local/web:1, :2      a static web server on port 80 answering "web v1"/"web v2";
#                              /cgi-bin/host answers the container's hostname (for load-balancing
#                              checks); SIGTERM ends it at once (busybox httpd as PID 1 ignores it)
set -euo pipefail

log() { printf '[build-images] %s\n' "$*" >&2; }

if ! [ -x /bin/busybox ] || ! /bin/busybox --list 2>/dev/null | grep -qx httpd; then
  if [ "$(id -u)" != 0 ]; then log "need Debian's busybox-static (apt-get install busybox-static)"; exit 1; fi
  log "installing busybox-static from Debian"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq busybox-static >/dev/null
fi

recipe_version=3 # bump when the images' content below changes
applets="sh ash httpd nc wget sleep cat echo hostname whoami env ls mkdir rm cp mv touch date id ps kill grep sed awk head tail wc test true false printf tr cut sort uniq seq timeout nslookup ping ip ifconfig netstat du df find xargs stat readlink ln chmod expr basename dirname"

build_root() { # $1 = dir, $2 = web version ("" for none)
  local root=$1 ver=$2
  mkdir -p "$root/bin" "$root/etc" "$root/tmp" "$root/www/cgi-bin" "$root/root" "$root/data"
  chmod 1777 "$root/tmp"
  cp /bin/busybox "$root/bin/busybox"
  for a in $applets; do ln -sf busybox "$root/bin/$a"; done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\napp:x:1000:1000:app:/tmp:/bin/sh\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\napp:x:1000:\n' >"$root/etc/group"
  printf 'hosts: files dns\n' >"$root/etc/nsswitch.conf"
  if [ -n "$ver" ]; then
    printf '<html><body><h1>berth demo web %s</h1></body></html>\n' "$ver" >"$root/www/index.html"
    printf 'web %s\n' "$ver" >"$root/www/version"
    printf '#!/bin/sh\nprintf "Content-Type: text/plain\\r\\n\\r\\n"\nhostname\n' >"$root/www/cgi-bin/host"
    chmod 755 "$root/www/cgi-bin/host"
    # PID 1 ignores SIGTERM unless it traps it; stop at once like a well-behaved server.
    printf '#!/bin/sh\ntrap "exit 0" TERM INT\nhttpd -f -p "${PORT:-80}" -h "${WWW:-/www}" &\nwait\n' >"$root/bin/serve"
    chmod 755 "$root/bin/serve"
  fi
}

build() { # $1 = tag, $2 = web version, $3 = CMD json
  local tag=$1 ver=$2 cmd=$3
  local want="v${recipe_version}-${ver:-none}"
  if [ "$(docker image inspect -f '{{index .Config.Labels "io.berth.recipe"}}' "$tag" 2>/dev/null || true)" = "$want" ]; then
    log "$tag is up to date"
    return
  fi
  local dir
  dir=$(mktemp -d)
  build_root "$dir" "$ver"
  tar -C "$dir" -c . | docker import \
    --change "CMD $cmd" \
    --change "LABEL io.berth.recipe=$want" \
    --change "ENV PATH=/bin" \
    - "$tag" >/dev/null
  rm -rf "$dir"
  log "built $tag"
}

build berth.local/busybox:1 "" '["/bin/sh"]'
build berth.local/web:1 v1 '["/bin/serve"]'
build berth.local/web:2 v2 '["/bin/serve"]'
