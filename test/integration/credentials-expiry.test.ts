// Credentials made by an exec plugin, in the credentials worker, that expire while kstate runs: kstate
// asks the plugin again before they expire (not on every request), goes on with the new ones, and
// does not notice when the old identity is then revoked.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/kube/credentials.js';
import { Store } from '../../src/kube/store.js';
import { apply, freshNamespace, hasCluster, kubectl, kubectlJson, waitFor } from './helpers.js';
import { cronJobManifest, serviceAccountWithRole } from './manifests.js';

const READS = [{ apiGroups: ['batch'], resources: ['cronjobs'], verbs: ['get', 'list', 'watch'] }];
const LIFETIME_S = 12;

describe.skipIf(!hasCluster)('an exec plugin credential that expires while kstate runs', () => {
  let ns: string;
  let cleanup: () => Promise<void>;
  let dir: string;
  let store: Store | null = null;
  const calls = () => fs.readFileSync(path.join(dir, 'calls'), 'utf8').split('\n').filter(Boolean);

  beforeAll(async () => {
    ({ name: ns, cleanup } = await freshNamespace('exec'));
    for (const sa of ['first', 'second']) await apply(ns, serviceAccountWithRole(sa, READS));
    await apply(ns, cronJobManifest('before', { schedule: '0 0 1 1 *', suspend: true }));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kstate-exec-'));
    for (const sa of ['first', 'second']) fs.writeFileSync(path.join(dir, sa), (await kubectl(['create', 'token', sa, '-n', ns])).trim());
    fs.writeFileSync(path.join(dir, 'calls'), '');
    // The first call hands out the first account's token for LIFETIME_S seconds; later ones the second's.
    const plugin = path.join(dir, 'plugin.sh');
    fs.writeFileSync(
      plugin,
      `#!/bin/sh
d=${dir}
n=$(wc -l < $d/calls)
echo call >> $d/calls
if [ "$n" -eq 0 ]; then sa=first; life=${LIFETIME_S}; else sa=second; life=3600; fi
exp=$(date -u -d "+$life seconds" +%Y-%m-%dT%H:%M:%SZ)
printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s","expirationTimestamp":"%s"}}' "$(cat $d/$sa)" "$exp"
`,
      { mode: 0o755 },
    );
    const admin = await kubectlJson(['config', 'view', '--raw', '--minify']);
    fs.writeFileSync(
      path.join(dir, 'kubeconfig.yaml'),
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'local', cluster: admin.clusters[0].cluster }],
        users: [{ name: 'plugin', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: plugin, interactiveMode: 'Never' } } }],
        contexts: [{ name: 'plugin', context: { cluster: 'local', user: 'plugin', namespace: ns } }],
        'current-context': 'plugin',
      }),
    );
  });
  afterAll(async () => {
    await store?.stop();
    await cleanup?.();
  });

  it('asks the plugin again as the credential expires, and goes on as the new identity', async () => {
    const conn = await connect({ kubeconfig: path.join(dir, 'kubeconfig.yaml') });
    expect(calls()).toHaveLength(1);
    // Watches that end every second: each reopening is a request that carries the credential.
    store = new Store(conn.endpoint, { namespace: ns, kinds: ['cronjobs'], coalesceMs: 20, watchTimeoutSeconds: 1 });
    store.start();
    await store.whenSettled();
    const names = () => [...store!.snapshot().kinds.cronjobs.values()].map((c) => c.name).sort();
    expect(names()).toEqual(['before']);
    // Dozens of requests meanwhile, one more plugin call: before the expiry, not on each request.
    await waitFor('the plugin asked again', async () => calls().length >= 2, (LIFETIME_S + 10) * 1000, 200);
    expect(calls()).toHaveLength(2);
    // The first identity is gone: only the renewed credential can still read.
    await kubectl(['delete', 'serviceaccount', 'first', '-n', ns]);
    await apply(ns, cronJobManifest('after', { schedule: '0 0 1 1 *', suspend: true }));
    await waitFor('the CronJob made after the revocation', async () => names().includes('after'), 30_000, 200);
    const snap = store.snapshot();
    expect(snap.connection.state).toBe('connected');
    expect(snap.status.cronjobs).toMatchObject({ state: 'synced', error: null });
    expect(calls()).toHaveLength(2);
  });
});
