#!/usr/bin/env bash
# Stops the local control plane and leaves no processes behind. Its state is kept for the next
# `cluster:up`; pass --delete to remove the cluster's state (and the real node's) as well.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
# The real node first, while its API server still answers.
bash "$here/node/down.sh" "$@"
[ -x "$bin_dir/kwokctl" ] || { log "nothing built, nothing running"; exit 0; }
if [ -d "$cluster_dir" ]; then
  if [ "${1:-}" = "--delete" ]; then
    kwokctl delete cluster --name "$cluster_name" >&2
  else
    kwokctl stop cluster --name "$cluster_name" >&2
  fi
fi
kill_leftovers
log "cluster '$cluster_name' is down"
