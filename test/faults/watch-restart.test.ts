// kstate watch across an API server crash: it reports the gap, repeats nothing, loses nothing.
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply, freshNamespace, hasCluster, kubeconfig, kubectlJson, waitFor } from '../integration/helpers.js';

const run = promisify(execFile);
const job = (name: string) => `
apiVersion: batch/v1
kind: Job
metadata: {name: ${name}}
spec:
  template:
    metadata: {annotations: {kstate.dev/run-for: 1s}}
    spec: {restartPolicy: Never, containers: [{name: w, image: busybox:1.36}]}
`;

describe.skipIf(!hasCluster)('kstate watch across an API server crash', () => {
  let ns: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ name: ns, cleanup } = await freshNamespace('wfault'));
    await apply(ns, job('early'));
    await waitFor('early complete', async () => (await kubectlJson(['get', 'job', 'early', '-n', ns])).status?.succeeded === 1, 60_000);
  });
  afterAll(async () => {
    await run('bash', ['cluster/apiserver.sh', 'start']).catch(() => undefined);
    await cleanup?.();
  });

  it('reports the gap and then each new transition exactly once', async () => {
    const child = spawn(process.execPath, ['bin/kstate.js', 'watch', '-n', ns, '-o', 'json', '--kubeconfig', kubeconfig!]);
    const events: any[] = [];
    let buffered = '';
    child.stdout.on('data', (c: Buffer) => {
      buffered += c.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const l of lines) if (l.trim()) events.push(JSON.parse(l));
    });
    try {
      await new Promise((r) => setTimeout(r, 3000));
      await run('bash', ['cluster/apiserver.sh', 'stop']);
      await waitFor('connection lost', async () => events.some((e) => e.kind === 'connection' && e.event === 'lost'), 30_000, 100);
      await new Promise((r) => setTimeout(r, 2000));
      await run('bash', ['cluster/apiserver.sh', 'start']);
      await apply(ns, job('late'));
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
