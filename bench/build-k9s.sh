#!/usr/bin/env bash
# Builds k9s (the reference the benchmark compares with) from the Go module proxy, once, into the
# cache outside the repo. Prints the binary's path as its last line.
set -euo pipefail
K9S_VERSION=${K9S_VERSION:-v0.50.9}
cache=${KSTATE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/kstate}
out="$cache/bench/k9s-$K9S_VERSION"
if [ ! -x "$out/k9s" ]; then
  command -v go >/dev/null 2>&1 || { echo "bench: Go is needed to build k9s" >&2; exit 1; }
  mkdir -p "$out/src"
  echo "[bench] building k9s $K9S_VERSION from the Go module proxy (several minutes)…" >&2
  # `go install k9s@version` asks the proxy for the module's version list (to look for a
  # deprecation notice), which the proxy refuses here; a wrapper module needs only the version itself.
  printf 'module kstate.local/k9s-build\ngo %s\nrequire github.com/derailed/k9s %s\n' "$(go env GOVERSION | sed 's/^go//')" "$K9S_VERSION" > "$out/src/go.mod"
  (cd "$out/src" && GOTOOLCHAIN=local GOFLAGS=-mod=mod go get "github.com/derailed/k9s@$K9S_VERSION" >&2 && \
    GOTOOLCHAIN=local GOFLAGS=-mod=mod go build -trimpath -ldflags "-s -w" -o "$out/k9s.tmp" github.com/derailed/k9s >&2)
  mv "$out/k9s.tmp" "$out/k9s"
fi
echo "$out/k9s"
