// A stuck ordinal on the local cluster: a Node object the kwok controller does not manage (no
// kwok.x-k8s.io/node annotation) never reports, so the node lifecycle controller marks it Unknown;
// the StatefulSet's pod bound to it stays Terminating once deleted, since no kubelet confirms. kstate
// reports it (check, describe, the dashboard), read-only sends nothing, and the force delete typed
// at a terminal frees the ordinal: the controller makes its pod again.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasTmux } from '../fixtures/tmux.js';
import { apply, freshNamespace, hasCluster, kstate, kstateWrites, kubeconfig, kubectl, kubectlJson, waitFor } from './helpers.js';

const run = promisify(execFile);

describe.skipIf(!hasCluster || !hasTmux)('stuck ordinals', () => {
  let ns: string;
  let cleanup: () => Promise<void>;
  const node = `kstate-stuck-${randomBytes(3).toString('hex')}`;
  const sessions: string[] = [];
  const pod = () => kubectlJson(['get', 'pod', 'web-0', '-n', ns]).catch(() => null);

  const tmux = (name: string, command: string) => {
    const session = `${name}-${process.pid}`;
    sessions.push(session);
    return {
      start: () => run('tmux', ['new-session', '-d', '-s', session, '-x', '120', '-y', '40', `NCURSES_NO_UTF8_ACS=1 ${command}`]),
      screen: async () => (await run('tmux', ['capture-pane', '-t', session, '-p', '-J'])).stdout,
      keys: (...k: string[]) => run('tmux', ['send-keys', '-t', session, ...k]),
      see: (text: string | RegExp, timeoutMs = 30_000) =>
        waitFor(`${session} to show ${text}`, async () => {
          const s = (await run('tmux', ['capture-pane', '-t', session, '-p', '-J'])).stdout;
          return (typeof text === 'string' ? s.includes(text) : text.test(s)) && s;
        }, timeoutMs, 250),
    };
  };

  beforeAll(async () => {
    ({ name: ns, cleanup } = await freshNamespace('stuck'));
    await kubectl(['apply', '-f', '-'], `apiVersion: v1\nkind: Node\nmetadata: {name: ${node}, labels: {kstate.dev/test-namespace: ${ns}}}\n`);
    await apply(
      ns,
      `apiVersion: v1
kind: Service
metadata: {name: web}
spec: {clusterIP: None, selector: {app: web}}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  serviceName: web
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      nodeName: ${node}
      containers: [{name: main, image: nginx:1.27}]
`,
    );
    await waitFor('pod web-0 bound to the node', async () => (await pod())?.spec?.nodeName === node, 60_000);
    // node-startup-grace-period (60 s) after its creation, at the next node-monitor-period (25 s).
    await waitFor(`node ${node} Unknown`, async () => {
      const n = await kubectlJson(['get', 'node', node]);
      return (n.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'Unknown');
    }, 150_000, 1000);
    await kubectl(['delete', 'pod', 'web-0', '-n', ns, '--grace-period=1', '--wait=false']);
  }, 240_000);
  afterAll(async () => {
    for (const s of sessions) await run('tmux', ['kill-session', '-t', s]).catch(() => undefined);
    await kubectl(['delete', 'node', node, '--wait=false']).catch(() => undefined);
    await cleanup?.();
  });

  it('kstate check and describe report the ordinal stuck, with the node state and for how long', async () => {
    const found = await waitFor('StuckOrdinal in kstate check', async () => {
      const r = await kstate(['check', '-n', ns]);
      // Until its 1 s grace has passed the pod is stuck by its node alone; then by its deletion.
      return r.code === 1 && r.stdout.includes('StuckOrdinal') && r.stdout.includes('past its grace period') && r;
    }, 30_000);
    expect(found.stdout).toMatch(/FAILURE\s+sts\/web\s+StuckOrdinal\s+ordinal 0 is stuck: pod web-0 is terminating \d+s past its grace period; /);
    expect(found.stdout).toMatch(new RegExp(`node ${node}: NotReady \\(Unknown: NodeStatusNeverUpdated: Kubelet never posted node status\\.\\) for \\d+(s|m)`));
    const d = await kstate(['describe', 'sts', 'web', '-n', ns]);
    expect(d.stdout).toMatch(/Status:\s+Blocked/);
    expect(d.stdout).toMatch(/failure\s+StuckOrdinal\s+ordinal 0 is stuck: pod web-0 is terminating/);
  });

  it('the dashboard shows it and X asks for the pod name after saying the risk; read-only refuses and sends nothing', async () => {
    const t = tmux('kstate-stuck-ui', `node bin/kstate.js --kubeconfig ${kubeconfig} -n ${ns}`);
    await t.start();
    await t.see(/web\s+0\/1\s+✗ Blocked\s+0\.\.0\s+-\s+#0 Stuck/);
    await t.see(`node ${node}: NotReady (Unknown`);
    await t.keys('X');
    await t.see('force delete which stuck pod?');
    await t.keys('Enter');
    const dialog = (await t.see('type the pod name to force delete it (web-0):')).replace(/│/g, ' ').replace(/\s+/g, ' ');
    expect(dialog).toContain(`! if node ${node} is still running it, two pods with identity web-0 may run at once`);
    await t.keys('Escape');

    const since = Date.now();
    const refused = await kstate(['force-delete-pod', 'sts', 'web', 'web-0', '-n', ns, '--read-only', '--yes']);
    expect([refused.code, refused.stderr]).toEqual([2, 'kstate: read-only mode: force delete pod web-0 was not sent\n']);
    expect(refused.stdout).toContain(`! if node ${node} is still running it, two pods with identity web-0 may run at once`);
    expect(kstateWrites(ns, since)).toEqual([]);
    expect((await pod())?.metadata?.deletionTimestamp).toBeTruthy();
  });

  it('kstate force-delete-pod at a terminal: a wrong name cancels, the pod name typed deletes it, and the controller makes web-0 again', async () => {
    const old = (await pod()).metadata.uid as string;
    const since = Date.now();
    const cmd = `node bin/kstate.js force-delete-pod sts web web-0 --kubeconfig ${kubeconfig} -n ${ns}`;
    const wrong = tmux('kstate-stuck-cli1', `bash -c '${cmd}; echo "exit=$?"; sleep 600'`);
    await wrong.start();
    await wrong.see('Type web-0 to go on:');
    await wrong.keys('web-1', 'Enter');
    expect(await wrong.see('exit=1')).toContain('cancelled');
    expect(kstateWrites(ns, since)).toEqual([]);

    const typed = tmux('kstate-stuck-cli2', `bash -c '${cmd}; echo "exit=$?"; sleep 600'`);
    await typed.start();
    const asked = await typed.see('Type web-0 to go on:');
    expect(asked.replace(/\s+/g, ' ')).toContain(`Go on only if node ${node} is down`);
    await typed.keys('web-0', 'Enter');
    expect(await typed.see('exit=0')).toContain('done: force delete pod web-0 (grace period 0)');
    expect(kstateWrites(ns, since).map((w) => [w.verb, w.uri])).toEqual([['delete', `/api/v1/namespaces/${ns}/pods/web-0`]]);
    const again = await waitFor('web-0 made again', async () => {
      const p = await pod();
      return p && p.metadata.uid !== old && !p.metadata.deletionTimestamp && p;
    }, 30_000);
    expect(again.spec.nodeName).toBe(node);
  });
});
