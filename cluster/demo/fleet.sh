#!/usr/bin/env bash
# npm run demo:fleet: two local clusters (kstate, and kstate-b without a real node) with the demo
# workloads, a kubeconfig naming both plus an unreachable context, and the dashboard's fleet view.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
ns=${KSTATE_DEMO_NAMESPACE:-demo}
bash "$root/cluster/up.sh" >/dev/null
bash "$root/cluster/up.sh" --name kstate-b >/dev/null
bash "$root/cluster/demo/seed.sh"
bash "$root/cluster/demo/seed.sh" --name kstate-b
kubeconfig=$(bash "$root/cluster/fleet-kubeconfig.sh" kstate kstate-b | tail -n 1)
if [ -t 1 ] && [ -z "${KSTATE_DEMO_NO_UI:-}" ]; then
  exec "$root/bin/kstate.js" --kubeconfig "$kubeconfig" --all-contexts -n "$ns"
fi
node "$root/bin/kstate.js" --kubeconfig "$kubeconfig" --all-contexts -n "$ns" get sts || true
cat <<MSG

Two clusters and an unreachable context in $kubeconfig. The fleet view:
  node bin/kstate.js --kubeconfig $kubeconfig --all-contexts -n $ns
Stop the second cluster with: npm run cluster:down -- --name kstate-b
MSG
