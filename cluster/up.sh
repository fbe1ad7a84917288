#!/usr/bin/env bash
# Starts the local control plane (building it first if needed) and waits until it is healthy.
# Idempotent. The last line printed is the path of the cluster's own kubeconfig.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
t0=$(date +%s)
bash "$here/build.sh" >/dev/null

# kwok reads the log files of `kubectl logs` by absolute path, wherever this repo is (kwok/logs.yaml).
logs_config=$(<"$here/kwok/logs.yaml")
logs_config=${logs_config//@LOGS_DIR@/"$here/logs"}

# A cluster made from other settings (versions, stages, flags, logs' location) is made anew.
config_hash=$( { cat "$here/versions.env" "$here/kwok/kwokctl.yaml" "$here/kwok/stages.yaml" "$here/audit-policy.yaml"; echo "$logs_config"; } | sha256sum | cut -c1-16)
if [ -d "$cluster_dir" ] && [ "$(cat "$cluster_dir/kstate-config-hash" 2>/dev/null)" != "$config_hash" ]; then
  log "cluster settings changed: recreating cluster '$cluster_name'"
  kwokctl delete cluster --name "$cluster_name" >&2 || true
  kill_leftovers
  rm -rf "$cluster_dir"
fi

if ! healthy; then
  if [ -d "$cluster_dir" ]; then
    log "starting existing cluster '$cluster_name'"
    kwokctl stop cluster --name "$cluster_name" >/dev/null 2>&1 || true
    kill_leftovers
    kwokctl start cluster --name "$cluster_name" >&2 || {
      log "could not start it; recreating"
      kwokctl delete cluster --name "$cluster_name" >&2 || rm -rf "$cluster_dir"
    }
  fi
  if [ ! -d "$cluster_dir" ]; then
    log "creating cluster '$cluster_name' (kube $K8S_VERSION, etcd $ETCD_VERSION, kwok $KWOK_VERSION)"
    audit_policy="$cache/audit-policy.yaml"
    cp "$here/audit-policy.yaml" "$audit_policy"
    logs_file=$(mktemp --suffix=.yaml)  # kwokctl copies its documents into the cluster's kwok.yaml
    trap 'rm -f "$logs_file"' EXIT
    echo "$logs_config" > "$logs_file"
    kwokctl create cluster --name "$cluster_name" --runtime binary --kubeconfig "" \
      --config "$here/kwok/kwokctl.yaml" --config "$here/kwok/stages.yaml" --config "$logs_file" \
      --kube-apiserver-binary "$bin_dir/kube-apiserver" \
      --kube-controller-manager-binary "$bin_dir/kube-controller-manager" \
      --kube-scheduler-binary "$bin_dir/kube-scheduler" \
      --kwok-controller-binary "$bin_dir/kwok" \
      --etcd-binary "$bin_dir/etcd" \
      --kube-audit-policy "$audit_policy" \
      --timeout 5m --wait 2m >&2
    echo "$config_hash" > "$cluster_dir/kstate-config-hash"
  fi
fi

for _ in $(seq 1 120); do healthy && break; sleep 1; done
healthy || die "the API server did not become ready; logs: $cluster_dir/logs"

kc apply -f "$here/base.yaml" >/dev/null
for _ in $(seq 1 60); do
  ready=$(kc get nodes -o jsonpath='{range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}' | grep -c True || true)
  [ "$ready" -ge 3 ] && break
  sleep 1
done
[ "$ready" -ge 3 ] || die "fake nodes did not become Ready"
# The default ServiceAccount appears once the controller manager runs its controllers; before that
# every pod is refused, and controllers that failed back off for minutes.
for _ in $(seq 1 120); do kc get serviceaccount default -n default >/dev/null 2>&1 && break; sleep 1; done
kc get serviceaccount default -n default >/dev/null 2>&1 || die "the controller manager did not start; logs: $cluster_dir/logs"
# The real node (kubelet + containerd) beside the KWOK nodes: for the default cluster, or KSTATE_REAL_NODE=1.
bash "$here/node/up.sh"
log "cluster '$cluster_name' is up ($(( $(date +%s) - t0 ))s): kubectl --kubeconfig $kubeconfig get nodes"
echo "$kubeconfig"
