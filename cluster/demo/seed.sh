#!/usr/bin/env bash
# Applies the demo workloads to the local cluster (namespace "demo" unless KSTATE_DEMO_NAMESPACE is set).
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
healthy || die "the local cluster is not running: run 'npm run cluster:up' first"
ns=${KSTATE_DEMO_NAMESPACE:-demo}
kc create namespace "$ns" --dry-run=client -o yaml | kc apply -f - >/dev/null
for f in statefulsets jobs cronjobs; do kc apply -n "$ns" -f "$here/demo/$f.yaml" >&2; done
log "demo workloads applied in namespace '$ns'"
