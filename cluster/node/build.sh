#!/usr/bin/env bash
# Builds the real node once and caches it beside the control plane (nothing from an image registry):
#   kubelet                      from the control plane's own k8s.io/kubernetes wrapper module
#   containerd, its runc shim, ctr   github.com/containerd/containerd/v2 through the Go module proxy
#   pause image                  Kubernetes' build/pause/linux/pause.c, gcc -static, as a docker-archive
#   busybox image                Debian's busybox-static, as a docker-archive
# and installs the Debian packages it needs (runc, the CNI plugins, busybox-static) when missing.
# Prints the node's bin directory as its last line. Safe to run again: finished parts are reused.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/lib.sh"
export GOFLAGS=-mod=mod GOTOOLCHAIN=local
work="$cache/build"
blog() { printf '[node:build %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
bdie() { printf 'kstate cluster: cannot build the real node: %s\n' "$*" >&2; exit 1; }
have() { for b in "$@"; do [ -e "$node_bin/$b" ] || return 1; done; }
mkdir -p "$node_bin/images" "$work"
start=$(date +%s)

apt_packages() {
  local missing=() p
  command -v runc >/dev/null 2>&1 || missing+=(runc)
  [ -x /usr/lib/cni/bridge ] && [ -x /usr/lib/cni/host-local ] && [ -x /usr/lib/cni/loopback ] || missing+=(containernetworking-plugins)
  dpkg -s busybox-static >/dev/null 2>&1 || missing+=(busybox-static)
  { command -v gcc >/dev/null 2>&1 && ls /usr/lib/*-linux-gnu/libc.a >/dev/null 2>&1; } || missing+=(gcc libc6-dev)
  [ ${#missing[@]} -eq 0 ] && return
  command -v apt-get >/dev/null 2>&1 || bdie "missing ${missing[*]} and no apt-get to install them"
  [ "$(id -u)" -eq 0 ] || bdie "missing ${missing[*]}: run as root to install them (apt-get)"
  blog "installing ${missing[*]} (apt)"
  export DEBIAN_FRONTEND=noninteractive
  for attempt in 1 2; do
    apt-get install -y --no-install-recommends "${missing[@]}" >"$work/apt.log" 2>&1 && return
    [ "$attempt" = 1 ] && apt-get update >>"$work/apt.log" 2>&1 || true
  done
  bdie "apt-get install ${missing[*]} failed: $(grep -E '^E:' "$work/apt.log" | tail -1) (log: $work/apt.log)"
}

build_kubelet() {
  have kubelet && return
  local mod="$work/kubernetes-$K8S_VERSION" minor=${K8S_VERSION#v1.}
  [ -f "$mod/go.mod" ] || bdie "the control plane's build module $mod is missing: run cluster/build.sh first"
  local pkg=k8s.io/component-base/version ldflags
  ldflags="-s -w -X $pkg.gitVersion=$K8S_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=${minor%%.*} -X $pkg.gitTreeState=clean -X $pkg.buildDate=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  ldflags="$ldflags -X k8s.io/client-go/pkg/version.gitVersion=$K8S_VERSION -X k8s.io/client-go/pkg/version.gitMajor=1 -X k8s.io/client-go/pkg/version.gitMinor=${minor%%.*}"
  blog "building kubelet $K8S_VERSION (minutes on 2 cores; the control plane's build cache helps)"
  (cd "$mod" && go build -v -trimpath -ldflags "$ldflags" -o "$node_bin/kubelet.tmp" k8s.io/kubernetes/cmd/kubelet 2>&1) | tee "$work/kubelet-build.log" \
    | awk '{n++} n%200==0 {printf "[node:build] kubelet: %d packages compiled\n", n > "/dev/stderr"}' || true
  [ -x "$node_bin/kubelet.tmp" ] || bdie "go build k8s.io/kubernetes/cmd/kubelet failed (log: $work/kubelet-build.log)"
  mv "$node_bin/kubelet.tmp" "$node_bin/kubelet"
}

build_containerd() {
  have containerd containerd-shim-runc-v2 ctr && return
  local mod="$work/containerd-$CONTAINERD_VERSION" m=github.com/containerd/containerd/v2
  mkdir -p "$mod"
  printf 'module kstate.local/containerd-build\ngo %s\nrequire %s %s\n' "$(go env GOVERSION | sed 's/^go//')" "$m" "$CONTAINERD_VERSION" > "$mod/go.mod"
  blog "building containerd $CONTAINERD_VERSION, its runc shim and ctr"
  (cd "$mod" && go get "$m/cmd/containerd@$CONTAINERD_VERSION") >"$work/containerd-build.log" 2>&1 || bdie "go get $m@$CONTAINERD_VERSION failed (log: $work/containerd-build.log)"
  local ldflags="-s -w -X $m/version.Version=$CONTAINERD_VERSION -X $m/version.Package=$m"
  for c in containerd containerd-shim-runc-v2 ctr; do
    have "$c" && continue
    (cd "$mod" && CGO_ENABLED=0 go build -trimpath -tags "no_btrfs no_devmapper no_zfs" -ldflags "$ldflags" -o "$node_bin/$c.tmp" "$m/cmd/$c") >>"$work/containerd-build.log" 2>&1 \
      || bdie "go build $m/cmd/$c failed (log: $work/containerd-build.log)"
    mv "$node_bin/$c.tmp" "$node_bin/$c"
  done
}

# A docker-archive ("docker save") tarball of one layer made from a root directory: what
# `ctr images import` reads. $1 root dir, $2 image name, $3 config's "config" object, $4 output.
docker_archive() {
  local root=$1 name=$2 config=$3 out=$4 d layer_sha config_json config_sha
  d=$(mktemp -d)
  tar --sort=name --numeric-owner --owner=0 --group=0 --mtime=@0 -C "$root" -cf "$d/layer.tar" .
  layer_sha=$(sha256sum "$d/layer.tar" | cut -d' ' -f1)
  mkdir "$d/$layer_sha" && mv "$d/layer.tar" "$d/$layer_sha/layer.tar"
  config_json=$(printf '{"architecture":"%s","os":"linux","config":%s,"rootfs":{"type":"layers","diff_ids":["sha256:%s"]},"history":[{"created_by":"kstate cluster/node/build.sh"}]}' "$(go env GOARCH)" "$config" "$layer_sha")
  config_sha=$(printf '%s' "$config_json" | sha256sum | cut -d' ' -f1)
  printf '%s' "$config_json" > "$d/$config_sha.json"
  printf '[{"Config":"%s.json","RepoTags":["%s"],"Layers":["%s/layer.tar"]}]' "$config_sha" "$name" "$layer_sha" > "$d/manifest.json"
  tar --numeric-owner --owner=0 --group=0 -C "$d" -cf "$out.tmp" manifest.json "$config_sha.json" "$layer_sha"
  mv "$out.tmp" "$out"
  rm -rf "$d"
}

build_pause() {
  have images/pause.tar && return
  local src="$(go env GOMODCACHE)/k8s.io/kubernetes@$K8S_VERSION/build/pause/linux/pause.c" root
  [ -f "$src" ] || bdie "no pause source at $src (the control plane's module download)"
  blog "building the pause image $PAUSE_VERSION from Kubernetes' build/pause"
  root=$(mktemp -d)
  gcc -Os -static -Wall -Werror -DVERSION="v$PAUSE_VERSION" -o "$root/pause" "$src" || bdie "gcc -static pause.c failed"
  strip "$root/pause"
  docker_archive "$root" "$pause_image" '{"Entrypoint":["/pause"],"User":"65535:65535"}' "$node_bin/images/pause.tar"
  rm -rf "$root"
}

build_busybox() {
  have images/busybox.tar && return
  blog "building the busybox image from Debian's busybox-static $(dpkg-query -W -f='${Version}' busybox-static)"
  local root a
  root=$(mktemp -d)
  mkdir -p "$root"/{bin,etc,tmp,proc,sys,dev,data}
  chmod 1777 "$root/tmp"
  cp /bin/busybox "$root/bin/busybox"
  for a in $("$root/bin/busybox" --list); do [ "$a" = busybox ] || ln -s busybox "$root/bin/$a"; done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' > "$root/etc/passwd"
  printf 'root:x:0:\nnobody:x:65534:\n' > "$root/etc/group"
  docker_archive "$root" "$busybox_image" '{"Cmd":["sh"],"Env":["PATH=/bin"]}' "$node_bin/images/busybox.tar"
  rm -rf "$root"
}

command -v go >/dev/null 2>&1 || bdie "Go is not installed"
apt_packages
build_containerd
build_kubelet
build_pause
build_busybox
have kubelet containerd containerd-shim-runc-v2 ctr images/pause.tar images/busybox.tar
[ "$(( $(date +%s) - start ))" -gt 1 ] && blog "real node built in $node_bin ($(( $(date +%s) - start ))s)"
echo "$node_bin"
