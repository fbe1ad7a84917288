// Pod updates at a steady rate (an annotation patched round-robin): the churn the benchmarks measure under.
import { requestJson } from '../dist/kube/http.js';

export function churn(kc, ns, pods, rate, seconds) {
  const t0 = performance.now();
  let sent = 0;
  let failed = 0;
  return new Promise((resolve) => {
    const tick = setInterval(() => {
      const due = Math.floor(((performance.now() - t0) / 1000) * rate);
      while (sent < due) {
        const pod = pods[sent % pods.length];
        sent++;
        requestJson(kc, { method: 'PATCH', path: `/api/v1/namespaces/${ns}/pods/${pod}`, contentType: 'application/merge-patch+json', body: { metadata: { annotations: { 'kstate.dev/churn': String(sent) } } } }).catch(() => failed++);
      }
      if (performance.now() - t0 >= seconds * 1000) {
        clearInterval(tick);
        resolve({ sent, failed, ratePerSecond: Math.round(sent / seconds) });
      }
    }, 10);
  });
}
