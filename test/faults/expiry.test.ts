// Watch expiry: while kstate is cut off, objects are deleted, created and changed and the API server
// restarts, so the resourceVersion kstate resumes from is older than anything the server still
// keeps. The server answers 410 Gone; kstate must relist and show exactly the server's objects.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/kube/config.js';
import { setVerbose } from '../../src/kube/http.js';
import { Store } from '../../src/kube/store.js';
import { apply, freshNamespace, hasCluster, kubeconfig, kubectl, kubectlJson, waitFor } from '../integration/helpers.js';
import { cronJobManifest } from '../integration/manifests.js';
import { proxyFor, type ApiProxy } from './proxy.js';

const run = promisify(execFile);
const cronJob = (name: string) => cronJobManifest(name, { schedule: '0 0 1 1 *', suspend: true });

describe.skipIf(!hasCluster)('a watch that expired while kstate was cut off (410 Gone)', () => {
  let ns: string;
  let cleanup: () => Promise<void>;
  let proxy: ApiProxy;
  let store: Store;
  const requests: string[] = [];
  beforeAll(async () => {
    ({ name: ns, cleanup } = await freshNamespace('expiry'));
    for (const name of ['a', 'b', 'c']) await apply(ns, cronJob(name));
    proxy = await proxyFor(kubeconfig!);
    setVerbose((line) => requests.push(line));
    store = new Store(connect({ kubeconfig: proxy.kubeconfig, namespace: ns }).endpoint, { namespace: ns, kinds: ['cronjobs'], coalesceMs: 20 });
    store.start();
    await store.whenSettled();
  });
  afterAll(async () => {
    setVerbose(null);
    await run('bash', ['cluster/apiserver.sh', 'start']).catch(() => undefined);
    await store?.stop();
    await proxy?.close();
    await cleanup?.();
  });

  const shown = () => [...store.snapshot().kinds.cronjobs.values()].map((c) => `${c.name}@${c.resourceVersion}`).sort();
  // A list is a watch from the current state (or, where the server cannot, a paged list) that went through.
  const lists = () => {
    const count = (re: RegExp) => requests.filter((l) => re.test(l)).length;
    return count(/^GET \S+\/cronjobs\?limit=\S+ 200/) + count(/^WATCH \S+\/cronjobs\?watch=1&sendInitialEvents=true\S+$/) - count(/^WATCH \S+\/cronjobs\?watch=1&sendInitialEvents=true\S+ failed/);
  };

  it('relists and then shows exactly the objects the server has', async () => {
    await waitFor('a, b and c', async () => shown().length === 3);
    expect(lists()).toBe(1);
    proxy.cut();
    await waitFor('reconnecting', async () => store.snapshot().connection.state === 'reconnecting', 30_000, 100);

    await kubectl(['delete', 'cronjob', 'a', '-n', ns]);
    await apply(ns, cronJob('d'));
    await kubectl(['label', 'cronjob', 'b', '-n', ns, 'changed=while-cut-off']);
    await run('bash', ['cluster/apiserver.sh', 'stop']);
    await run('bash', ['cluster/apiserver.sh', 'start']);
    proxy.restore();

    const server = async () =>
      ((await kubectlJson(['get', 'cronjobs', '-n', ns])).items as any[]).map((c) => `${c.metadata.name}@${c.metadata.resourceVersion}`).sort();
    const truth = await server();
    expect(truth.map((s) => s.split('@')[0])).toEqual(['b', 'c', 'd']);
    await waitFor('the store to show the server’s objects', async () => JSON.stringify(shown()) === JSON.stringify(truth), 60_000, 100);
    expect(lists()).toBe(2); // the resumed watch was refused as expired, so kstate listed again
    expect([...store.snapshot().kinds.cronjobs.values()].find((c) => c.name === 'b')?.labels).toMatchObject({ changed: 'while-cut-off' });
    expect(store.snapshot().connection.state).toBe('connected');
  });
});
