#!/usr/bin/env bash
# Prints the path of the local cluster's kubeconfig (its own file; ~/.kube/config is never touched).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
[ -f "$kubeconfig" ] || die "no local cluster yet: run 'npm run cluster:up'"
echo "$kubeconfig"
