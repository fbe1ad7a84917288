# Shared settings of the local cluster scripts (sourced, not run).
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=versions.env
. "$here/versions.env"
cache=${KSTATE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/kstate}
cluster_name=${KSTATE_CLUSTER_NAME:-kstate}
bin_dir="$cache/bin/k8s-$K8S_VERSION-etcd-$ETCD_VERSION-kwok-$KWOK_VERSION"
export KWOK_WORKDIR="$cache/kwok"
cluster_dir="$KWOK_WORKDIR/clusters/$cluster_name"
kubeconfig="$cluster_dir/kubeconfig.yaml"
export PATH="$bin_dir:$PATH"
log() { printf '[cluster %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'kstate cluster: %s\n' "$*" >&2; exit 1; }
kc() { "$bin_dir/kubectl" --kubeconfig "$kubeconfig" "$@"; }
healthy() { [ -f "$kubeconfig" ] && kc get --raw /readyz >/dev/null 2>&1; }
