#!/usr/bin/env bash
# Starts the real node (containerd + kubelet, registered as $node_name) beside the KWOK nodes, once
# the control plane is up; cluster/up.sh calls it. Idempotent. When the node cannot start it says
# why in one line (and where the logs are) and exits non-zero, within a bounded time.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib.sh"
if [ "$real_node" != 1 ]; then
  nlog "no real node for cluster '$cluster_name' (KSTATE_REAL_NODE=1 starts one; one per host)"
  exit 0
fi
t0=$(date +%s)
healthy || ndie "the control plane of cluster '$cluster_name' is not running (npm run cluster:up)"

# Ready as this kubelet reports it: its own health check passes (a node's status can be an earlier
# kubelet's, not yet stale) and the node says Ready.
node_ready() {
  curl -fsS --max-time 2 "http://127.0.0.1:$kubelet_healthz_port/healthz" >/dev/null 2>&1 &&
  [ "$(kc get node "$node_name" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)" = True ]
}
# The node's certificates are signed by the cluster's CA: a recreated cluster has a new one.
same_ca() { cmp -s "$cluster_dir/pki/ca.crt" "$node_dir/pki/ca.crt"; }

if pid_alive "$node_dir/kubelet.pid" && pid_alive "$node_dir/containerd.pid" && same_ca && node_ready; then
  nlog "real node $node_name is running"
  exit 0
fi

bash "$node_here/build.sh" >/dev/null
# Whatever an earlier run left (a crash, a cluster made anew) goes first.
if [ -d "$node_dir" ] && ! same_ca; then bash "$node_here/down.sh" --delete 2>/dev/null; else bash "$node_here/down.sh" 2>/dev/null; fi

# --- what the host must offer, each a one-line reason -------------------------------------------
[ "$(id -u)" -eq 0 ] || ndie "it needs root (containerd and the kubelet mount filesystems and make cgroups); KSTATE_REAL_NODE=0 runs the cluster without it"
if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
  for c in cpu cpuset memory pids; do
    grep -qw "$c" /sys/fs/cgroup/cgroup.controllers || ndie "cgroup v2 controller '$c' is not available (/sys/fs/cgroup/cgroup.controllers: $(cat /sys/fs/cgroup/cgroup.controllers))"
  done
else
  for c in cpu cpuacct cpuset memory pids; do
    awk -v c="$c" '$3 == "cgroup" { n = split($4, o, ","); for (i = 1; i <= n; i++) if (o[i] == c) f = 1 } END { exit !f }' /proc/mounts \
      || ndie "cgroup v1 controller '$c' is not mounted (the kubelet needs cpu, cpuacct, cpuset, memory and pids)"
  done
  awk '$1 == "memory" && $4 == 1 { f = 1 } END { exit !f }' /proc/cgroups || ndie "the memory cgroup controller is disabled (kernel command line cgroup_enable=memory)"
fi
mkdir -p "$node_dir/overlay-check"/{lower,upper,work,merged}
if ! err=$(mount -t overlay overlay -o "lowerdir=$node_dir/overlay-check/lower,upperdir=$node_dir/overlay-check/upper,workdir=$node_dir/overlay-check/work" "$node_dir/overlay-check/merged" 2>&1); then
  rm -rf "$node_dir/overlay-check"
  ndie "no overlay filesystem support on $(df --output=fstype "$cache" | tail -1) at $node_dir (containerd's overlayfs snapshotter needs it): $err"
fi
umount "$node_dir/overlay-check/merged" && rm -rf "$node_dir/overlay-check"
[ -n "$node_ip" ] || ndie "the host has no IPv4 address for the node (KSTATE_NODE_IP sets one)"
runc_bin=$(command -v runc) || ndie "runc is not installed (apt-get install runc)"
"$runc_bin" --version >/dev/null 2>&1 || ndie "$runc_bin does not run"
cni_bin=/usr/lib/cni
for p in bridge host-local loopback; do [ -x "$cni_bin/$p" ] || ndie "CNI plugin $cni_bin/$p is missing (apt-get install containernetworking-plugins)"; done
for port in "$kubelet_port" "$kubelet_healthz_port"; do
  if ss -Hltn "sport = :$port" 2>/dev/null | grep -q .; then
    ndie "port $port is taken ($(ss -Hltnp "sport = :$port" | sed -n 's/.*users:((\("[^"]*"\).*/\1/p' | head -1)), another kubelet? KSTATE_NODE_KUBELET_PORT / KSTATE_NODE_HEALTHZ_PORT choose others"
  fi
done

# --- configuration ---------------------------------------------------------------------------------
mkdir -p "$node_logs" "$node_dir"/{etc,pki,cni/net.d,cni/ipam,pod-logs,kubelet,containerd}
render() {
  sed -e "s#@NODE_DIR@#$node_dir#g" -e "s#@NODE_BIN@#$node_bin#g" -e "s#@PAUSE_IMAGE@#$pause_image#g" \
    -e "s#@RUNC@#$runc_bin#g" -e "s#@CNI_BIN@#$cni_bin#g" -e "s#@BRIDGE@#$cni_bridge#g" -e "s#@POD_CIDR@#$pod_cidr#g" \
    -e "s#@KUBELET_PORT@#$kubelet_port#g" -e "s#@HEALTHZ_PORT@#$kubelet_healthz_port#g" -e "s#@TAINT_KEY@#$node_taint_key#g" \
    -e "s#@MAX_RESTART_PERIOD@#${KSTATE_NODE_MAX_RESTART_PERIOD:-5s}#g" -e "s#@CGROUP_ROOT@#$cgroup_root#g" -e "s#@NODE_IP@#$node_ip#g" "$1" > "$2"
}
render "$node_here/containerd.toml" "$node_dir/etc/containerd.toml"
render "$node_here/kubelet.yaml" "$node_dir/etc/kubelet.yaml"
render "$node_here/cni.conflist" "$node_dir/cni/net.d/10-kstate.conflist"

# Certificates from the cluster's CA: the kubelet's client identity (the Node authorizer knows
# system:node:<name> in group system:nodes) and its serving certificate.
if [ ! -s "$node_dir/pki/kubelet-client.crt" ]; then
  cp "$cluster_dir/pki/ca.crt" "$node_dir/pki/ca.crt"
  sign() { # $1 name, $2 subject, $3 extensions
    openssl req -new -newkey rsa:2048 -nodes -keyout "$node_dir/pki/$1.key" -subj "$2" -out "$node_dir/pki/$1.csr" 2>/dev/null
    openssl x509 -req -in "$node_dir/pki/$1.csr" -CA "$cluster_dir/pki/ca.crt" -CAkey "$cluster_dir/pki/ca.key" -CAcreateserial \
      -days 3650 -extfile <(printf '%s\n' "$3") -out "$node_dir/pki/$1.crt" 2>/dev/null
    rm -f "$node_dir/pki/$1.csr"
  }
  sign kubelet-client "/O=system:nodes/CN=system:node:$node_name" "extendedKeyUsage=clientAuth"
  sign kubelet-serving "/CN=$node_name" "$(printf 'extendedKeyUsage=serverAuth\nsubjectAltName=DNS:%s,IP:%s,IP:127.0.0.1' "$node_name" "$node_ip")"
  [ -s "$node_dir/pki/kubelet-client.crt" ] && [ -s "$node_dir/pki/kubelet-serving.crt" ] || ndie "could not sign its certificates with $cluster_dir/pki/ca.key (openssl)"
fi
server=$(kc config view --minify -o jsonpath='{.clusters[0].cluster.server}')
cat > "$node_dir/kubelet.kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters: [{name: local, cluster: {server: "$server", certificate-authority: "$node_dir/pki/ca.crt"}}]
users: [{name: node, user: {client-certificate: "$node_dir/pki/kubelet-client.crt", client-key: "$node_dir/pki/kubelet-client.key"}}]
contexts: [{name: node, context: {cluster: local, user: node}}]
current-context: node
EOF

# The pods' cgroups live under their own root, so stopping the node finds every process it made.
if [ ! -f /sys/fs/cgroup/cgroup.controllers ]; then
  for d in $(awk '$3 == "cgroup" { print $2 }' /proc/mounts); do
    mkdir -p "$d$cgroup_root"
    if [ -f "$d/cpuset.cpus" ]; then
      [ -n "$(cat "$d$cgroup_root/cpuset.cpus")" ] || cat "$d/cpuset.cpus" > "$d$cgroup_root/cpuset.cpus"
      [ -n "$(cat "$d$cgroup_root/cpuset.mems")" ] || cat "$d/cpuset.mems" > "$d$cgroup_root/cpuset.mems"
    fi
  done
else
  mkdir -p "/sys/fs/cgroup$cgroup_root"
fi
# The bridge plugin turns on IPv4 forwarding for its gateway: down.sh puts back what was there.
[ -f "$node_dir/ip_forward.before" ] || cat /proc/sys/net/ipv4/ip_forward > "$node_dir/ip_forward.before"
# Fixed paths the node writes outside its directory (the kubelet's links to container logs, its
# device-plugin socket, the CNI library's cache of results, the shims' sockets): down.sh empties
# them of what is the node's, and removes those that were not there before.
for d in /var/log/containers /var/lib/kubelet /var/lib/cni /run/containerd; do
  [ -e "$d" ] || grep -qxF "$d" "$node_dir/host-dirs.made" 2>/dev/null || echo "$d" >> "$node_dir/host-dirs.made"
done

# From here on a failure stops what was started: nothing half-up is left running.
trap 'rc=$?; [ "$rc" -eq 0 ] || bash "$node_here/down.sh" >/dev/null 2>&1; exit "$rc"' EXIT

# --- containerd ------------------------------------------------------------------------------------
first_error() { # the last error line of a log, as one line: klog's err="…" or containerd's msg/error
  grep -aE "$2" "$1" 2>/dev/null | tail -1 | sed -E 's/.*err(or)?="(([^"\\]|\\.)*)".*/\2/; s/.*msg="(([^"\\]|\\.)*)".*/\1/' | cut -c1-300
}
PATH="$node_bin:$PATH" setsid "$node_bin/containerd" --config "$node_dir/etc/containerd.toml" >>"$node_logs/containerd.log" 2>&1 </dev/null &
echo $! > "$node_dir/containerd.pid"
for _ in $(seq 1 60); do
  pid_alive "$node_dir/containerd.pid" || ndie "containerd exited: $(first_error "$node_logs/containerd.log" 'level=(fatal|error)') (log: $node_logs/containerd.log)"
  ctr_ version >/dev/null 2>&1 && break
  sleep 0.5
done
ctr_ version >/dev/null 2>&1 || ndie "containerd did not answer on $ctrd_sock within 30s (log: $node_logs/containerd.log)"
cri=$(ctr_ plugins ls 2>/dev/null | awk '$1 == "io.containerd.grpc.v1" && $2 == "cri" { print $4 }')
[ "$cri" = ok ] || ndie "containerd's CRI plugin did not load: $(first_error "$node_logs/containerd.log" 'failed to load plugin|level=(fatal|error)') (log: $node_logs/containerd.log)"
for image in "$pause_image:pause" "$busybox_image:busybox"; do
  name=${image%:*} file=${image##*:}
  if ! ctr_ images ls -q 2>/dev/null | grep -qxF "$name"; then
    ctr_ images import "$node_bin/images/$file.tar" >/dev/null 2>"$node_logs/import.log" || ndie "ctr images import $file.tar failed: $(grep -v DEPRECATION "$node_logs/import.log" | tail -1) (log: $node_logs/import.log)"
  fi
  ctr_ images label "$name" io.cri-containerd.pinned=pinned >/dev/null 2>&1
done

# --- kubelet ---------------------------------------------------------------------------------------
setsid "$node_bin/kubelet" --config "$node_dir/etc/kubelet.yaml" --kubeconfig "$node_dir/kubelet.kubeconfig" \
  --root-dir "$node_dir/kubelet" --cert-dir "$node_dir/pki" --hostname-override "$node_name" --node-ip "$node_ip" \
  --node-labels "$node_taint_key=true" --v=2 >>"$node_logs/kubelet.log" 2>&1 </dev/null &
echo $! > "$node_dir/kubelet.pid"
for _ in $(seq 1 180); do
  pid_alive "$node_dir/kubelet.pid" || ndie "the kubelet exited: $(first_error "$node_logs/kubelet.log" '^[EF][0-9]{4} |command failed') (log: $node_logs/kubelet.log)"
  node_ready && break
  sleep 0.5
done
if ! node_ready; then
  why=$(kc get node "$node_name" -o jsonpath='{.status.conditions[?(@.type=="Ready")].message}' 2>/dev/null || true)
  [ -n "$why" ] || why="not registered: $(first_error "$node_logs/kubelet.log" '^E[0-9]{4} ')"
  ndie "node not Ready within 90s: $why (log: $node_logs/kubelet.log)"
fi
nlog "real node $node_name is Ready ($(( $(date +%s) - t0 ))s; logs: $node_logs)"
