// The store across an API server restart: it says it is reconnecting, then converges to the
// server's truth — objects created and deleted after the gap, no ghosts, no duplicates.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/kube/config.js';
import { Store } from '../../src/kube/store.js';
import { apply, freshNamespace, hasCluster, kubeconfig, kubectl, kubectlJson, waitFor } from '../integration/helpers.js';
import { cronJobManifest, jobManifest } from '../integration/manifests.js';

const run = promisify(execFile);

describe.skipIf(!hasCluster)('store across an API server restart', () => {
  let ns: string;
  let cleanup: () => Promise<void>;
  let store: Store;
  beforeAll(async () => {
    ({ name: ns, cleanup } = await freshNamespace('faults'));
    await apply(ns, jobManifest('before'));
    store = new Store(connect({ kubeconfig: kubeconfig!, namespace: ns }).endpoint, { namespace: ns, coalesceMs: 20 });
    store.start();
    await store.whenSettled();
  });
  afterAll(async () => {
    await run('bash', ['cluster/apiserver.sh', 'start']).catch(() => undefined);
    await store?.stop();
    await cleanup?.();
  });

  const jobNames = () => [...store.snapshot().kinds.jobs.values()].map((j) => j.name).sort();

  it('reports reconnecting while the server is down and converges after it returns', async () => {
    await waitFor('the store to see job "before"', async () => jobNames().includes('before'));
    await run('bash', ['cluster/apiserver.sh', 'stop']);
    const down = await waitFor('reconnecting', async () => {
      const c = store.snapshot().connection;
      return c.state === 'reconnecting' && c;
    }, 60_000, 100);
    expect(down.error).toMatch(/cannot reach the API server at https:\/\/127\.0\.0\.1:\d+: connection refused/);
    expect(jobNames()).toEqual(['before']); // the last known truth stays on screen
    await new Promise((r) => setTimeout(r, 3000));
    await run('bash', ['cluster/apiserver.sh', 'start']);

    await apply(ns, jobManifest('after'));
    await kubectl(['delete', 'job', 'before', '-n', ns, '--wait=false']);
    const t0 = Date.now();
    await waitFor('the store to converge', async () => JSON.stringify(jobNames()) === JSON.stringify(['after']), 40_000, 100);
    const convergedMs = Date.now() - t0;
    expect(convergedMs).toBeLessThan(40_000);
    expect(store.snapshot().connection.state).toBe('connected');

    const server = ((await kubectlJson(['get', 'jobs', '-n', ns])).items as any[]).map((j) => j.metadata.uid).sort();
    expect([...store.snapshot().kinds.jobs.keys()].sort()).toEqual(server);
  });
});

describe.skipIf(!hasCluster)('the local cluster after an API server crash', () => {
  it('still has every component running', async () => {
    await run('bash', ['-c', '. cluster/lib.sh && components_alive']);
  });
});

describe.skipIf(!hasCluster)('an action while the API server is down', () => {
  it('fails clearly and is not replayed when the server returns', async () => {
    const { name: ns, cleanup } = await freshNamespace('down');
    try {
      await apply(ns, cronJobManifest('cj'));
      const { Actions } = await import('../../src/kube/actions.js');
      const { suspendRequest } = await import('../../src/model/requests.js');
      const actions = new Actions(connect({ kubeconfig: kubeconfig!, namespace: ns }).endpoint, { readOnly: false });
      await actions.access.can({ verb: 'patch', group: 'batch', resource: 'cronjobs', namespace: ns }); // RBAC answer cached while up
      await run('bash', ['cluster/apiserver.sh', 'stop']);
      try {
        await expect(actions.send(suspendRequest('cronjobs', ns, 'cj', true))).rejects.toThrow(/cannot reach the API server at https:\/\/127\.0\.0\.1:\d+/);
      } finally {
        await run('bash', ['cluster/apiserver.sh', 'start']);
      }
      await new Promise((r) => setTimeout(r, 3000));
      expect((await kubectlJson(['get', 'cronjob', 'cj', '-n', ns])).spec.suspend).toBe(false);
    } finally {
      await cleanup();
    }
  });
});
