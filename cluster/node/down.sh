#!/usr/bin/env bash
# Stops the real node and leaves nothing of it behind: no kubelet, containerd, shims or container
# processes, no mounts, network namespaces, veths, CNI bridge or pod cgroups. Its state (images,
# certificates) is kept for the next start; --delete removes that as well. cluster/down.sh calls it.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib.sh"

# Stops a process by its pid file: TERM, then KILL after $2 seconds.
stop_pid() {
  local f=$1 wait=${2:-10} pid
  [ -f "$f" ] || return 0
  pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 $((wait * 5))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$f"
}
# Processes of this node by what their command line names (its own directory or socket): what a
# lost pid file leaves.
pids_naming() { pgrep -f -- "$1" || true; }
kill_all() { [ -n "$1" ] && kill -KILL $1 2>/dev/null || true; }

did=0
[ -d "$node_dir" ] && did=1

# 1. The kubelet first, so nothing restarts what goes next.
stop_pid "$node_dir/kubelet.pid" 10
kill_all "$(pids_naming "--root-dir $node_dir/kubelet")"

# 2. Every container, killed through containerd while it still answers.
if [ -x "$node_bin/ctr" ] && [ -S "$ctrd_sock" ] && ctr_ version >/dev/null 2>&1; then
  tasks=$(ctr_ tasks ls -q 2>/dev/null || true)
  for t in $tasks; do ctr_ tasks kill --all --signal SIGKILL "$t" >/dev/null 2>&1 || true; done
  for _ in $(seq 1 25); do
    ctr_ tasks ls 2>/dev/null | awk 'NR > 1 && $3 != "STOPPED" { n++ } END { exit n > 0 }' && break
    sleep 0.2
  done
fi

# 3. containerd, then its shims (one per pod; they outlive containerd by design).
stop_pid "$node_dir/containerd.pid" 10
kill_all "$(pids_naming "--config $node_dir/etc/containerd.toml")"
shims=$(pids_naming "containerd-shim-runc-v2 .*-address $ctrd_sock")
if [ -n "$shims" ]; then
  kill -TERM $shims 2>/dev/null || true
  for _ in $(seq 1 25); do [ -z "$(pids_naming "containerd-shim-runc-v2 .*-address $ctrd_sock")" ] && break; sleep 0.2; done
  kill_all "$(pids_naming "containerd-shim-runc-v2 .*-address $ctrd_sock")"
fi

# 4. Whatever still runs in the pods' cgroups (a container whose shim was killed), then the cgroups.
cgroup_dirs() {
  if [ -f /sys/fs/cgroup/cgroup.controllers ]; then echo "/sys/fs/cgroup$cgroup_root"
  else awk -v r="$cgroup_root" '$3 == "cgroup" || $3 == "cgroup2" { print $2 r }' /proc/mounts
  fi
}
for _ in 1 2 3; do
  left=$(for d in $(cgroup_dirs); do [ -d "$d" ] && find "$d" -name cgroup.procs -exec cat {} + 2>/dev/null; done | sort -u || true)
  [ -z "$left" ] && break
  kill -KILL $left 2>/dev/null || true
  sleep 0.5
done
for d in $(cgroup_dirs); do
  [ -d "$d" ] || continue
  find "$d" -depth -type d -exec rmdir {} + 2>/dev/null || true
  [ -d "$d" ] && did=1 && log "could not remove cgroup $d"
done

# 5. Mounts under the node's directory, deepest first: containers' root filesystems, sandboxes'
# /dev/shm, network namespaces, the pods' volumes, the kubelet's own rshared root.
unmount_all() {
  local m
  for _ in 1 2 3; do
    m=$(findmnt -rn -o TARGET | grep -F "$node_dir/" | awk '{ print length, $0 }' | sort -rn | cut -d' ' -f2- || true)
    [ -z "$m" ] && return 0
    did=1
    while read -r t; do umount "$t" 2>/dev/null || umount -l "$t" 2>/dev/null || true; done <<<"$m"
  done
  findmnt -rn -o TARGET | grep -F "$node_dir/" >/dev/null && log "mounts left under $node_dir: $(findmnt -rn -o TARGET | grep -cF "$node_dir/")" || true
}
[ -d "$node_dir" ] && unmount_all
# A namespace's file is what keeps it alive once unmounted.
[ -d "$node_dir/containerd/state" ] && find "$node_dir/containerd/state" -path '*netns*' -type f -delete 2>/dev/null || true

# 6. The network: veths on the bridge (gone with their namespaces, unless one is held), the
# bridge, the addresses handed out, and IPv4 forwarding as it was.
if ip link show "$cni_bridge" >/dev/null 2>&1; then
  did=1
  for v in $(ip -o link show master "$cni_bridge" 2>/dev/null | awk -F': ' '{ print $2 }' | cut -d@ -f1); do ip link del "$v" 2>/dev/null || true; done
  ip link del "$cni_bridge" 2>/dev/null || true
fi
rm -rf "$node_dir/cni/ipam"
if [ -f "$node_dir/ip_forward.before" ]; then
  cat "$node_dir/ip_forward.before" > /proc/sys/net/ipv4/ip_forward 2>/dev/null || true
  rm -f "$node_dir/ip_forward.before"
fi

# 7. What lands outside the node's directory: the kubelet's links in /var/log/containers and its
# device-plugin socket, the CNI library's cached results of this network, the shims' sockets that
# containerd always puts in /run/containerd/s; and those directories if the node made them.
[ -d /var/log/containers ] && find /var/log/containers -maxdepth 1 -type l -lname "$node_dir/*" -delete 2>/dev/null || true
if [ -d /var/lib/cni/results ]; then
  for f in /var/lib/cni/results/kstate-node-*; do
    [ -e "$f" ] || continue
    id=${f#/var/lib/cni/results/kstate-node-}; id=${id%-*}
    rm -f "$f" /var/lib/cni/results/cni-loopback-"$id"-*
  done
fi
if [ -d /run/containerd/s ]; then
  listening=$(ss -Hxl 2>/dev/null | awk '{ print $5 }')
  for s in /run/containerd/s/*; do [ -S "$s" ] && ! grep -qxF "$s" <<<"$listening" && rm -f "$s"; done
  rmdir /run/containerd/s 2>/dev/null || true
fi
if [ -f "$node_dir/host-dirs.made" ]; then
  while read -r d; do
    case $d in
      /var/lib/kubelet) rm -f /var/lib/kubelet/device-plugins/kubelet.sock; rmdir /var/lib/kubelet/device-plugins 2>/dev/null || true ;;
      /var/lib/cni) rmdir /var/lib/cni/results 2>/dev/null || true ;;
    esac
    rmdir "$d" 2>/dev/null || true
  done < "$node_dir/host-dirs.made"
  pgrep -f -- "--root-dir $node_dir/kubelet" >/dev/null || rm -f "$node_dir/host-dirs.made"
fi

if [ "${1:-}" = "--delete" ] && [ -d "$node_dir" ]; then
  findmnt -rn -o TARGET | grep -qF "$node_dir/" && die "mounts are left under $node_dir: not deleting it"
  rm -rf "$node_dir"
  did=1
fi
[ "$did" = 1 ] && nlog "real node $node_name is down${1:+ (state deleted)}"
exit 0
