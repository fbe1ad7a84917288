#!/usr/bin/env bash
# Applies the demo workloads to the local cluster (namespace "demo" unless KSTATE_DEMO_NAMESPACE is set).
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
healthy || die "the local cluster is not running: run 'npm run cluster:up' first"
ns=${KSTATE_DEMO_NAMESPACE:-demo}
kc create namespace "$ns" --dry-run=client -o yaml | kc apply -f - >/dev/null
for f in statefulsets jobs cronjobs; do kc apply -n "$ns" -f "$here/demo/$f.yaml" >&2; done
# Real containers on the real node, when the cluster has one (cluster/node/).
. "$here/node/lib.sh"
if kc get node "$node_name" >/dev/null 2>&1; then
  kc apply -n "$ns" -f "$here/demo/node.yaml" >&2
else
  log "no real node in cluster '$cluster_name': demo/node.yaml not applied"
fi
log "demo workloads applied in namespace '$ns'"
