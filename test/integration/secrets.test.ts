// Secret values never appear: not on any screen (lists, details, YAML view), not in get/describe/
// check output. A planted value is mounted every way a workload can use a Secret.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply, freshNamespace, hasCluster, kstate, kubeconfig, kubectlJson, waitFor } from './helpers.js';

const run = promisify(execFile);
const PLANTED = 'PLANTED-SECRET-VALUE-8f3a';
const PLANTED_B64 = Buffer.from(PLANTED).toString('base64');

const MANIFESTS = `
apiVersion: v1
kind: Secret
metadata: {name: creds, annotations: {note: "holds ${PLANTED.slice(0, 7)}…"}}
stringData: {password: ${PLANTED}}
---
apiVersion: v1
kind: Service
metadata: {name: vault}
spec: {clusterIP: None, selector: {app: vault}}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: vault}
spec:
  serviceName: vault
  replicas: 1
  selector: {matchLabels: {app: vault}}
  template:
    metadata: {labels: {app: vault}}
    spec:
      containers:
        - name: main
          image: busybox:1.36
          env:
            - name: PASSWORD
              valueFrom: {secretKeyRef: {name: creds, key: password}}
          envFrom: [{secretRef: {name: creds}}]
          volumeMounts: [{name: all, mountPath: /secrets}]
      volumes:
        - name: all
          projected:
            sources: [{secret: {name: creds}}]
---
apiVersion: batch/v1
kind: Job
metadata: {name: uses-secret}
spec:
  template:
    metadata: {annotations: {kstate.dev/run-for: 1s}}
    spec:
      restartPolicy: Never
      containers:
        - name: main
          image: busybox:1.36
          env: [{name: PASSWORD, valueFrom: {secretKeyRef: {name: creds, key: password}}}]
`;

describe.skipIf(!hasCluster)('secret values', () => {
  let ns: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ name: ns, cleanup } = await freshNamespace('sec'));
    await apply(ns, MANIFESTS);
    await waitFor('vault ready', async () => (await kubectlJson(['get', 'sts', 'vault', '-n', ns])).status?.readyReplicas === 1, 120_000);
  });
  afterAll(async () => cleanup?.());

  it('never appear in any output or screen', async () => {
    const outputs: string[] = [];
    for (const args of [
      ['get', 'sts', '-o', 'json'],
      ['get', 'jobs', '-o', 'wide'],
      ['describe', 'sts', 'vault'],
      ['describe', 'sts', 'vault', '-o', 'json'],
      ['describe', 'job', 'uses-secret'],
      ['check', '-o', 'json'],
    ]) {
      const r = await kstate([...args, '-n', ns, '--verbose']);
      outputs.push(r.stdout, r.stderr);
    }
    const session = `kstate-sec-${process.pid}`;
    const screen = async () => (await run('tmux', ['capture-pane', '-t', session, '-p', '-S', '-200'])).stdout;
    await run('tmux', ['new-session', '-d', '-s', session, '-x', '160', '-y', '60', `node bin/kstate.js --kubeconfig ${kubeconfig} -n ${ns}`]);
    try {
      await waitFor('the dashboard', async () => (await screen()).includes('vault'), 20_000, 200);
      outputs.push(await screen());
      await run('tmux', ['send-keys', '-t', session, 'y']);
      const yaml = await waitFor('the YAML view', async () => {
        const s = await screen();
        return s.includes('secretKeyRef') && s;
      }, 10_000, 200);
      outputs.push(yaml);
      await run('tmux', ['send-keys', '-t', session, 'Escape', '2']);
      await new Promise((r) => setTimeout(r, 500));
      outputs.push(await screen());
      await run('tmux', ['send-keys', '-t', session, 'y']);
      await new Promise((r) => setTimeout(r, 800));
      outputs.push(await screen());
    } finally {
      await run('tmux', ['kill-session', '-t', session]).catch(() => undefined);
    }
    const all = outputs.join('\n');
    expect(all).toContain('vault'); // the outputs are real
    expect(all).toContain('secretKeyRef');
    expect(all).not.toContain(PLANTED);
    expect(all).not.toContain(PLANTED_B64);
  });
});
