#!/usr/bin/env bash
# npm run demo: the local cluster, the demo workloads, and kstate on them.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
kubeconfig=$(bash "$root/cluster/up.sh" | tail -n 1)
bash "$root/cluster/demo/seed.sh"
ns=${KSTATE_DEMO_NAMESPACE:-demo}
if [ -t 1 ] && [ -z "${KSTATE_DEMO_NO_UI:-}" ] && node "$root/bin/kstate.js" --help | grep -q 'open the live dashboard' && [ -f "$root/dist/ui/app.js" ]; then
  exec "$root/bin/kstate.js" --kubeconfig "$kubeconfig" -n "$ns"
fi
echo
node "$root/bin/kstate.js" --kubeconfig "$kubeconfig" -n "$ns" get sts || true
echo
node "$root/bin/kstate.js" --kubeconfig "$kubeconfig" -n "$ns" get jobs || true
echo
node "$root/bin/kstate.js" --kubeconfig "$kubeconfig" -n "$ns" get cj || true
cat <<MSG

The demo is running in namespace "$ns" of the local cluster. Look at it with:
  node bin/kstate.js --kubeconfig $kubeconfig -n $ns describe sts todo-db
  kubectl --kubeconfig $kubeconfig -n $ns get sts,pvc,jobs,cronjobs
Stop the cluster with: npm run cluster:down
MSG
