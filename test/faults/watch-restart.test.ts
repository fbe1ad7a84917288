// kstate watch across an API server crash: it reports the gap, repeats nothing, loses nothing.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply, freshNamespace, hasCluster, kubectlJson, waitFor, watchEvents } from '../integration/helpers.js';
import { jobManifest } from '../integration/manifests.js';

const run = promisify(execFile);

describe.skipIf(!hasCluster)('kstate watch across an API server crash', () => {
  let ns: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ name: ns, cleanup } = await freshNamespace('wfault'));
    await apply(ns, jobManifest('early'));
    await waitFor('early complete', async () => (await kubectlJson(['get', 'job', 'early', '-n', ns])).status?.succeeded === 1, 60_000);
  });
  afterAll(async () => {
    await run('bash', ['cluster/apiserver.sh', 'start']).catch(() => undefined);
    await cleanup?.();
  });

  it('reports the gap and then each new transition exactly once', async () => {
    const { child, events } = watchEvents(ns);
    try {
      await new Promise((r) => setTimeout(r, 3000));
      await run('bash', ['cluster/apiserver.sh', 'stop']);
      await waitFor('connection lost', async () => events.some((e) => e.kind === 'connection' && e.event === 'lost'), 30_000, 100);
      await new Promise((r) => setTimeout(r, 2000));
      await run('bash', ['cluster/apiserver.sh', 'start']);
      await apply(ns, jobManifest('late'));
      await waitFor('late complete', async () => events.some((e) => e.name === 'late' && e.to === 'Complete'), 90_000);
      await new Promise((r) => setTimeout(r, 1500));
      expect(events.filter((e) => e.kind === 'connection').map((e) => e.event)).toEqual(['lost', 'restored']);
      expect(events.filter((e) => e.name === 'early')).toEqual([]); // known before the gap: not repeated
      expect(events.filter((e) => e.name === 'late' && e.to === 'Complete')).toHaveLength(1);
    } finally {
      child.kill('SIGINT');
      expect(await new Promise((r) => child.on('exit', r))).toBe(0);
    }
  });
});
