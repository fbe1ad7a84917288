# Shared settings of the real node's scripts (sourced after ../lib.sh, not run).
node_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=versions.env
. "$node_here/versions.env"
node_name=${KSTATE_NODE_NAME:-kstate-node-1}
# One real node per host (a kubelet owns its ports and the host's cgroups): on by default for the
# default cluster only; KSTATE_REAL_NODE=1 or 0 says otherwise.
if [ -n "${KSTATE_REAL_NODE:-}" ]; then real_node=$KSTATE_REAL_NODE
elif [ "$cluster_name" = kstate ]; then real_node=1
else real_node=0
fi
# The kubelet refuses a loopback node IP: the host's own address (the API server calls it there).
node_ip=${KSTATE_NODE_IP:-$(ip -4 route get 1.1.1.1 2>/dev/null | sed -n 's/.* src \([0-9.]*\).*/\1/p')}
[ -n "$node_ip" ] || node_ip=$(ip -4 -o addr show scope global 2>/dev/null | awk '{ sub(/\/.*/, "", $4); print $4; exit }')
kubelet_port=${KSTATE_NODE_KUBELET_PORT:-10250}
kubelet_healthz_port=${KSTATE_NODE_HEALTHZ_PORT:-10248}
node_bin="$cache/bin/node-k8s-$K8S_VERSION-containerd-$CONTAINERD_VERSION-pause-$PAUSE_VERSION"
node_dir="$cache/node/$cluster_name"
node_logs="$node_dir/logs"
ctrd_sock="$node_dir/containerd.sock"
pod_cidr=${KSTATE_NODE_POD_CIDR:-10.244.0.0/24}
cni_bridge=kstate0
pause_image=kstate.local/pause:$PAUSE_VERSION
busybox_image=kstate.local/busybox:local
node_taint_key=kstate.dev/real-node
nlog() { printf '[node %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
# One line, the reason, and the exit: what cluster:up prints when the node cannot start.
ndie() { printf 'kstate cluster: the real node %s cannot start: %s\n' "$node_name" "$*" >&2; exit 1; }
ctr_() { "$node_bin/ctr" --address "$ctrd_sock" --namespace k8s.io "$@"; }
pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
# The pods' cgroups, under their own root in every hierarchy: what down.sh empties and removes.
cgroup_root=/kstate-node
