#!/usr/bin/env bash
# Builds the local control plane once from the Go module proxy and caches it outside the repo:
#   kube-apiserver, kube-controller-manager, kube-scheduler, kubectl (k8s.io/kubernetes),
#   etcd (go.etcd.io/etcd/server/v3), kwok and kwokctl (sigs.k8s.io/kwok).
# Prints the bin directory as its last line. Safe to run again: finished binaries are reused.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=versions.env
. "$here/versions.env"

command -v go >/dev/null 2>&1 || { echo "kstate cluster: Go is not installed (needed to build the local control plane)" >&2; exit 1; }

cache=${KSTATE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/kstate}
bin="$cache/bin/k8s-$K8S_VERSION-etcd-$ETCD_VERSION-kwok-$KWOK_VERSION"
work="$cache/build"
mkdir -p "$bin" "$work"
export GOFLAGS=-mod=mod GOTOOLCHAIN=local

log() { printf '[cluster:build %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
have() { for b in "$@"; do [ -x "$bin/$b" ] || return 1; done; }

build_kubernetes() {
  have kube-apiserver kube-controller-manager kube-scheduler kubectl && return
  local mod="$work/kubernetes-$K8S_VERSION" minor=${K8S_VERSION#v1.}
  mkdir -p "$mod"
  log "resolving k8s.io/kubernetes $K8S_VERSION"
  local gomod
  gomod=$(cd "$mod" && go mod download -json "k8s.io/kubernetes@$K8S_VERSION" | sed -n 's/.*"GoMod": "\(.*\)",*/\1/p')
  # Every staging module the release replaces with ./staging/... is replaced here by its published v0.X.Y tag.
  {
    echo "module kstate.local/cluster-build"
    echo "go $(go env GOVERSION | sed 's/^go//')"
    echo "require k8s.io/kubernetes $K8S_VERSION"
    sed -n 's#^[[:space:]]*\(k8s.io/[^[:space:]]*\) => ./staging/.*#replace \1 => \1 v0.'"$minor"'#p' "$gomod"
  } > "$mod/go.mod"
  log "wrapper module replaces $(grep -c '^replace' "$mod/go.mod") staging modules"
  local pkg=k8s.io/component-base/version ldflags
  ldflags="-s -w -X $pkg.gitVersion=$K8S_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=${minor%%.*} -X $pkg.gitTreeState=clean -X $pkg.buildDate=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  ldflags="$ldflags -X k8s.io/client-go/pkg/version.gitVersion=$K8S_VERSION -X k8s.io/client-go/pkg/version.gitMajor=1 -X k8s.io/client-go/pkg/version.gitMinor=${minor%%.*}"
  (cd "$mod" && go get "k8s.io/kubernetes/cmd/kube-apiserver@$K8S_VERSION" >&2)
  for c in kube-apiserver kube-controller-manager kube-scheduler kubectl; do
    have "$c" && continue
    log "building $c (several minutes on 2 cores)"
    (cd "$mod" && go build -v -trimpath -ldflags "$ldflags" -o "$bin/$c.tmp" "k8s.io/kubernetes/cmd/$c" 2>&1 | awk '{n++} n%200==0 {printf "[cluster:build] %s: %d packages compiled\n", c, n > "/dev/stderr"}' c="$c")
    [ -x "$bin/$c.tmp" ] || { log "FAILED: $c"; exit 1; }
    mv "$bin/$c.tmp" "$bin/$c"
  done
}

build_etcd() {
  have etcd && return
  local mod="$work/etcd-$ETCD_VERSION"
  mkdir -p "$mod"
  printf 'module kstate.local/etcd-build\ngo %s\nrequire go.etcd.io/etcd/server/v3 %s\n' "$(go env GOVERSION | sed 's/^go//')" "$ETCD_VERSION" > "$mod/go.mod"
  log "building etcd $ETCD_VERSION"
  (cd "$mod" && go get "go.etcd.io/etcd/server/v3@$ETCD_VERSION" >&2 && go build -trimpath -ldflags "-s -w" -o "$bin/etcd.tmp" go.etcd.io/etcd/server/v3)
  mv "$bin/etcd.tmp" "$bin/etcd"
}

build_kwok() {
  have kwok kwokctl && return
  log "building kwok and kwokctl $KWOK_VERSION"
  GOBIN="$bin" go install -trimpath -ldflags "-s -w" "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION" "sigs.k8s.io/kwok/cmd/kwokctl@$KWOK_VERSION"
}

start=$(date +%s)
build_kwok
build_etcd
build_kubernetes
have kube-apiserver kube-controller-manager kube-scheduler kubectl etcd kwok kwokctl
log "all binaries ready in $(( $(date +%s) - start ))s"
echo "$bin"
