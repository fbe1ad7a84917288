// Credentials revoked while kstate runs: a ServiceAccount's token stops working when the account is
// deleted. kstate must say so in one clear line, keep the last known state, and not hammer the
// server with requests that cannot succeed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/kube/config.js';
import { setVerbose } from '../../src/kube/http.js';
import { Store } from '../../src/kube/store.js';
import { freshNamespace, hasCluster, kstate, kubeconfig, kubectl, kubectlJson, waitFor } from '../integration/helpers.js';

describe.skipIf(!hasCluster)('credentials revoked while kstate runs', () => {
  let ns: string;
  let cleanup: () => Promise<void>;
  let store: Store;
  let dir: string;
  let tokenKubeconfig: string;
  const requests: { at: number; line: string }[] = [];
  beforeAll(async () => {
    ({ name: ns, cleanup } = await freshNamespace('revoked'));
    await kubectl(['create', 'serviceaccount', 'viewer', '-n', ns]);
    await kubectl(['create', 'rolebinding', 'viewer', '-n', ns, '--clusterrole=view', `--serviceaccount=${ns}:viewer`]);
    await kubectl(['create', 'cronjob', 'kept', '-n', ns, '--image=busybox:1.36', '--schedule=0 0 1 1 *']);
    const token = (await kubectl(['create', 'token', 'viewer', '-n', ns, '--duration=1h'])).trim();
    const config = await kubectlJson(['config', 'view', '--raw', '--minify']);
    config.users = [{ name: 'viewer', user: { token } }];
    config.contexts[0].context.user = 'viewer';
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kstate-revoked-'));
    tokenKubeconfig = path.join(dir, 'kubeconfig.json');
    fs.writeFileSync(tokenKubeconfig, JSON.stringify(config), { mode: 0o600 });

    setVerbose((line) => requests.push({ at: Date.now(), line }));
    // Short server-side watch timeouts, so every kind soon makes a new request with the revoked token.
    store = new Store(connect({ kubeconfig: tokenKubeconfig, namespace: ns }).endpoint, { namespace: ns, coalesceMs: 20, watchTimeoutSeconds: 2 });
    store.start();
    await store.whenSettled();
  });
  afterAll(async () => {
    setVerbose(null);
    await store?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    await cleanup?.();
  });

  it('says the credentials were rejected, keeps what it showed, and retries slowly', async () => {
    const cronJobs = () => [...store.snapshot().kinds.cronjobs.values()].map((c) => c.name);
    expect(cronJobs()).toEqual(['kept']);
    expect(store.snapshot().connection.state).toBe('connected');
    // What the namespace's view role grants is listed; the cluster-scoped volumes and classes are not,
    // and nodes are not asked for without a StatefulSet in scope.
    const { pvs, storageclasses, nodes, ...granted } = store.snapshot().status;
    expect(Object.values(granted).every((s) => s.state === 'synced')).toBe(true);
    expect([pvs.state, storageclasses.state, nodes.state]).toEqual(['forbidden', 'forbidden', 'unwatched']);

    await kubectl(['delete', 'serviceaccount', 'viewer', '-n', ns]);
    const lost = await waitFor('the rejection', async () => {
      const c = store.snapshot().connection;
      return c.state === 'reconnecting' && c;
    }, 30_000, 100);
    expect(lost.error).toBe('unauthorized: the API server rejected the credentials (expired or revoked?)');

    // Every kind meets the rejection within one watch timeout; after that none asks again for a minute.
    await new Promise((r) => setTimeout(r, 4000));
    const from = Date.now();
    await new Promise((r) => setTimeout(r, 10_000));
    const retries = requests.filter((r) => r.at >= from);
    expect(retries.map((r) => r.line)).toEqual([]);
    expect(store.snapshot().connection.state).toBe('reconnecting');
    expect(cronJobs()).toEqual(['kept']);

    const cli = await kstate(['get', 'jobs', '-n', ns, '--kubeconfig', tokenKubeconfig]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toBe(`kstate: unauthorized: the API server rejected the credentials (expired or revoked?) — cannot list jobs.batch in namespace "${ns}"\n`);
    expect(cli.stderr + cli.stdout).not.toContain(JSON.parse(fs.readFileSync(tokenKubeconfig, 'utf8')).users[0].user.token);
  });
});
