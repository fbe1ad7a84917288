# Shared settings of the local cluster scripts (sourced, not run).
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=versions.env
. "$here/versions.env"
cache=${KSTATE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/kstate}
# `--name NAME` (npm run cluster:up -- --name kfleet-b) picks the cluster as KSTATE_CLUSTER_NAME does;
# every cluster shares the binaries built in $cache. The other arguments stay the caller's.
kstate_rest=()
while [ $# -gt 0 ]; do
  case "$1" in
    --name) [ -n "${2:-}" ] || { printf 'kstate cluster: --name needs a value\n' >&2; exit 2; }; KSTATE_CLUSTER_NAME=$2; shift 2 ;;
    --name=*) KSTATE_CLUSTER_NAME=${1#--name=}; shift ;;
    *) kstate_rest+=("$1"); shift ;;
  esac
done
set -- ${kstate_rest[@]+"${kstate_rest[@]}"}
unset kstate_rest
case "${KSTATE_CLUSTER_NAME:-kstate}" in
  *[!a-z0-9-]*|-*) printf 'kstate cluster: invalid cluster name "%s" (lower-case letters, digits and -)\n' "$KSTATE_CLUSTER_NAME" >&2; exit 2 ;;
esac
export KSTATE_CLUSTER_NAME=${KSTATE_CLUSTER_NAME:-kstate}
cluster_name=$KSTATE_CLUSTER_NAME
bin_dir="$cache/bin/k8s-$K8S_VERSION-etcd-$ETCD_VERSION-kwok-$KWOK_VERSION"
export KWOK_WORKDIR="$cache/kwok"
cluster_dir="$KWOK_WORKDIR/clusters/$cluster_name"
kubeconfig="$cluster_dir/kubeconfig.yaml"
export PATH="$bin_dir:$PATH"
log() { printf '[cluster %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'kstate cluster: %s\n' "$*" >&2; exit 1; }
kc() { "$bin_dir/kubectl" --kubeconfig "$kubeconfig" "$@"; }
# Every component's process is alive (kwokctl does not restart one that exits).
components_alive() {
  local f
  for f in "$cluster_dir"/pids/*.pid; do
    [ -e "$f" ] || return 1
    kill -0 "$(cat "$f")" 2>/dev/null || return 1
  done
}
healthy() { [ -f "$kubeconfig" ] && components_alive && kc get --raw /readyz >/dev/null 2>&1; }
# Processes still running from this cluster's directory (a crash or an interrupted run leaves them).
kill_leftovers() {
  local pids
  pids=$(pgrep -f -- "$cluster_dir/" || true)
  [ -z "$pids" ] && return 0
  kill $pids 2>/dev/null || true
  sleep 1
  kill -9 $pids 2>/dev/null || true
}
