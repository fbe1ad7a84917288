// Fills the local cluster with a parametric workload for the benchmark: StatefulSets with claims,
// Jobs (complete, failed, running) and suspended CronJobs with a history of Jobs. Parallel
// requests; a namespace already seeded with the same parameters is reused.
import { createHash } from 'node:crypto';
import { requestJson } from '../dist/kube/http.js';

const CONCURRENCY = 24;

async function pool(items, fn) {
  let next = 0;
  const workers = Array.from({ length: CONCURRENCY }, async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  });
  await Promise.all(workers);
}

async function create(kc, path, body) {
  try {
    await requestJson(kc, { method: 'POST', path, body, timeoutMs: 60_000 });
  } catch (err) {
    if (err.status !== 409) throw err;
  }
}

export function namespaceFor(p) {
  return `bench-${createHash('sha256').update(JSON.stringify(p)).digest('hex').slice(0, 8)}`;
}

export async function seed(kc, p, log) {
  const ns = namespaceFor(p);
  const existing = await requestJson(kc, { path: `/api/v1/namespaces/${ns}` }).catch(() => null);
  if (existing?.metadata?.annotations?.['kstate.dev/bench-seeded'] === 'true') {
    log(`reusing seeded namespace ${ns}`);
    return ns;
  }
  await create(kc, '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  const t0 = Date.now();
  // Each fake node takes 2,000 pods: add nodes so that the workload fits beside what else runs.
  const nodes = Math.ceil((p.statefulsets * p.replicas + p.jobs) / 1500);
  await pool(Array.from({ length: nodes }, (_, i) => `kwok-bench-${i + 1}`), (name) =>
    create(kc, '/api/v1/nodes', {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, annotations: { 'kwok.x-k8s.io/node': 'fake' }, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', type: 'kwok' } },
    }),
  );
  const sts = Array.from({ length: p.statefulsets }, (_, i) => `db-${String(i).padStart(4, '0')}`);
  await pool(sts, (name) =>
    create(kc, `/apis/apps/v1/namespaces/${ns}/statefulsets`, {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name, labels: { app: name } },
      spec: {
        serviceName: name,
        replicas: p.replicas,
        podManagementPolicy: 'Parallel',
        selector: { matchLabels: { app: name } },
        template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image: 'postgres:16' }] } },
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Mi' } } } }],
      },
    }),
  );
  log(`created ${sts.length} StatefulSets in ${Date.now() - t0} ms`);
  const job = (name, kind, extra = {}) => ({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, ...extra },
    spec: {
      backoffLimit: 0,
      template: {
        metadata: { labels: kind === 'failed' ? { 'kstate.dev/simulate': 'fail' } : {}, annotations: { 'kstate.dev/run-for': kind === 'running' ? '240h' : '1s' } },
        spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36' }] },
      },
    },
  });
  const jobs = Array.from({ length: p.jobs }, (_, i) => job(`job-${String(i).padStart(5, '0')}`, i % 5 === 3 ? 'failed' : i % 5 === 4 ? 'running' : 'complete'));
  await pool(jobs, (j) => create(kc, `/apis/batch/v1/namespaces/${ns}/jobs`, j));
  log(`created ${jobs.length} Jobs`);
  const cjs = Array.from({ length: p.cronjobs }, (_, i) => `cron-${String(i).padStart(4, '0')}`);
  await pool(cjs, async (name) => {
    await create(kc, `/apis/batch/v1/namespaces/${ns}/cronjobs`, {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name },
      spec: { schedule: `${cjs.indexOf(name) % 60} * * * *`, suspend: true, jobTemplate: { spec: job('x', 'complete').spec } },
    });
    const cj = await requestJson(kc, { path: `/apis/batch/v1/namespaces/${ns}/cronjobs/${name}` });
    for (let r = 0; r < 3; r++) {
      const owner = [{ apiVersion: 'batch/v1', kind: 'CronJob', name, uid: cj.metadata.uid, controller: true }];
      await create(kc, `/apis/batch/v1/namespaces/${ns}/jobs`, job(`${name}-run-${r}`, r === 2 && cjs.indexOf(name) % 4 === 0 ? 'failed' : 'complete', { ownerReferences: owner, annotations: { 'cronjob.kubernetes.io/instantiate': 'manual' } }));
    }
  });
  log(`created ${cjs.length} CronJobs with 3 runs each`);
  const want = p.statefulsets * p.replicas;
  for (;;) {
    const pods = await requestJson(kc, { path: `/api/v1/namespaces/${ns}/pods?labelSelector=controller-revision-hash&limit=100000`, timeoutMs: 120_000 });
    const running = (pods.items ?? []).filter((x) => x.status?.phase === 'Running').length;
    log(`${running}/${want} StatefulSet pods running (${Math.round((Date.now() - t0) / 1000)} s)`);
    if (running >= want) break;
    await new Promise((r) => setTimeout(r, 5000));
  }
  await requestJson(kc, { method: 'PATCH', path: `/api/v1/namespaces/${ns}`, body: { metadata: { annotations: { 'kstate.dev/bench-seeded': 'true' } } }, contentType: 'application/merge-patch+json' });
  log(`seeded ${ns} in ${Math.round((Date.now() - t0) / 1000)} s`);
  return ns;
}
