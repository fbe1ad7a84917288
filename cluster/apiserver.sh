#!/usr/bin/env bash
# Kills (as a crash would) or starts only the local cluster's kube-apiserver (for fault tests): `stop` remembers its
# command line, `start` runs it again under the same pid file and waits until it is ready.
# `start` then restarts the controllers, scheduler and kwok: client-go backs off up to 60 s per informer after an
# outage, and several outages in a row (the fault suite) would leave the cluster's own reactions that slow.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
pidfile="$cluster_dir/pids/kube-apiserver.pid"
saved="$cluster_dir/kube-apiserver.cmdline"
# Runs a component again with the command line it runs with now, under the same pid file (run from $cluster_dir).
restart() {
  local pidfile="$cluster_dir/pids/$1.pid" pid argv
  pid=$(cat "$pidfile")
  mapfile -t argv < <(tr '\0' '\n' < "/proc/$pid/cmdline")
  kill -KILL "$pid"  # stateless: they re-list everything when they start
  for _ in $(seq 1 100); do [ -e "/proc/$pid" ] || break; sleep 0.1; done
  nohup "${argv[@]}" >> "$cluster_dir/logs/$1.log" 2>&1 &
  echo $! > "$pidfile"
}
case "${1:-}" in
  stop)
    pid=$(cat "$pidfile")
    [ -r "/proc/$pid/cmdline" ] || die "kube-apiserver is not running"
    tr '\0' '\n' < "/proc/$pid/cmdline" > "$saved"
    kill -KILL "$pid"  # a crash, not a graceful shutdown: watches break at once
    for _ in $(seq 1 100); do [ -e "/proc/$pid" ] || break; sleep 0.1; done
    log "kube-apiserver stopped"
    ;;
  start)
    if kill -0 "$(cat "$pidfile")" 2>/dev/null; then log "kube-apiserver is already running"; exit 0; fi
    [ -s "$saved" ] || die "no saved kube-apiserver command line: stop it with this script first"
    mapfile -t argv < "$saved"
    cd "$cluster_dir"
    nohup "${argv[@]}" >> "$cluster_dir/logs/kube-apiserver.log" 2>&1 &
    echo $! > "$pidfile"
    ready() { kc get --raw /readyz >/dev/null 2>&1; }
    for _ in $(seq 1 120); do ready && break; sleep 0.5; done
    ready || die "kube-apiserver did not become ready"
    log "kube-apiserver started"
    for component in kube-controller-manager kube-scheduler kwok-controller; do restart "$component"; done
    log "controllers restarted"
    ;;
  *) die "usage: apiserver.sh stop|start" ;;
esac
