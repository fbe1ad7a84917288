#!/usr/bin/env bash
# Writes a kubeconfig naming several local clusters as contexts (each with its own cluster's
# admin user), plus a context "unreachable" whose server is a closed port on 127.0.0.1 — for the
# fleet options (--context a,b / --all-contexts). Never touches ~/.kube/config.
#   npm run cluster:fleet-kubeconfig -- [--out PATH] [CLUSTER...]   (default clusters: kstate kstate-b)
# Each cluster must be up (npm run cluster:up -- --name NAME). The last line printed is the path.
set -euo pipefail
out=""
names=()
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=${2:?--out needs a path}; shift 2 ;;
    --out=*) out=${1#--out=}; shift ;;
    -*) printf 'kstate cluster: unknown option %s\n' "$1" >&2; exit 2 ;;
    *) names+=("$1"); shift ;;
  esac
done
[ ${#names[@]} -gt 0 ] || names=(kstate kstate-b)
. "$(dirname "$0")/lib.sh"
fleet_dir="$cache/fleet"
out=${out:-"$fleet_dir/kubeconfig-$(IFS=-; echo "${names[*]}").yaml"}
mkdir -p "$(dirname "$out")"
tmp=$(mktemp "$out.XXXXXX")
trap 'rm -f "$tmp"' EXIT
k() { "$bin_dir/kubectl" --kubeconfig "$tmp" config "$@" >/dev/null; }
for name in "${names[@]}"; do
  src="$KWOK_WORKDIR/clusters/$name/kubeconfig.yaml"
  [ -f "$src" ] || die "cluster '$name' is not up: npm run cluster:up -- --name $name"
  # The cluster's own entries (kwok-NAME), renamed to NAME, with the files they point at inlined.
  view() { "$bin_dir/kubectl" --kubeconfig "$src" config view --raw -o jsonpath="$1"; }
  server=$(view '{.clusters[0].cluster.server}')
  k set-cluster "$name" --server "$server" --certificate-authority "$(view '{.clusters[0].cluster.certificate-authority}')" --embed-certs
  k set-credentials "$name-admin" --client-certificate "$(view '{.users[0].user.client-certificate}')" --client-key "$(view '{.users[0].user.client-key}')" --embed-certs
  k set-context "$name" --cluster "$name" --user "$name-admin"
done
# A port nothing listens on: taken from the kernel, then released.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
k set-cluster unreachable --server "https://127.0.0.1:$port" --insecure-skip-tls-verify=true
k set-credentials unreachable-user --token "unreachable-$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"
k set-context unreachable --cluster unreachable --user unreachable-user
k use-context "${names[0]}"
chmod 600 "$tmp"
mv "$tmp" "$out"
trap - EXIT
log "fleet kubeconfig with contexts ${names[*]} unreachable: $out"
echo "$out"
