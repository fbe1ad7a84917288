// The dashboard, under tmux, cut off from the API server for 12 s while CronJobs are created,
// changed and deleted: the header says how long it has been reconnecting, the process stays idle,
// and within 10 s of the server's return the screen shows exactly the server's objects.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply, freshNamespace, hasCluster, kubeconfig, kubectl, waitFor } from '../integration/helpers.js';
import { cpuSeconds } from '../fixtures/proc.js';
import { cronJobManifest } from '../integration/manifests.js';
import { proxyFor, type ApiProxy } from './proxy.js';

const run = promisify(execFile);

describe.skipIf(!hasCluster)('the dashboard through an outage', { timeout: 120_000 }, () => {
  const session = `kstate-outage-${process.pid}`;
  const tmux = (...args: string[]) => run('tmux', args).then((r) => r.stdout);
  const screen = () => tmux('capture-pane', '-t', session, '-p');
  let ns: string;
  let cleanup: () => Promise<void>;
  let proxy: ApiProxy;
  beforeAll(async () => {
    ({ name: ns, cleanup } = await freshNamespace('outage'));
    for (const name of ['keep-me', 'change-me', 'delete-me']) await apply(ns, cronJobManifest(name, { schedule: '0 0 1 1 *', suspend: true }));
    proxy = await proxyFor(kubeconfig!);
  });
  afterAll(async () => {
    await tmux('kill-session', '-t', session).catch(() => undefined);
    await proxy?.close();
    await cleanup?.();
  });

  it('says it is reconnecting, stays idle, and shows the truth soon after the server returns', async () => {
    await tmux('new-session', '-d', '-s', session, '-x', '140', '-y', '30', `node bin/kstate.js --kubeconfig ${proxy.kubeconfig} -n ${ns}`);
    await waitFor('the dashboard', async () => (await screen()).includes('connected'), 30_000, 200);
    await tmux('send-keys', '-t', session, '3');
    await waitFor('three CronJobs', async () => /CronJobs \(3\)/.test(await screen()), 15_000, 200);
    const pid = Number((await tmux('display', '-p', '-t', session, '#{pane_pid}')).trim());

    proxy.cut();
    await waitFor('reconnecting', async () => (await screen()).includes('reconnecting since'), 15_000, 200);
    const cpu0 = cpuSeconds(pid);
    const cutAt = Date.now();
    await apply(ns, cronJobManifest('created-while-away', { schedule: '0 0 1 1 *', suspend: true }));
    await kubectl(['delete', 'cronjob', 'delete-me', '-n', ns]);
    await kubectl(['patch', 'cronjob', 'change-me', '-n', ns, '--type=merge', '-p', '{"spec":{"schedule":"15 3 * * *"}}']);
    await new Promise((r) => setTimeout(r, 12_000 - (Date.now() - cutAt)));
    const away = await screen();
    expect(Number(/reconnecting since (\d+)s/.exec(away)?.[1])).toBeGreaterThanOrEqual(10);
    expect(away).toContain('delete-me'); // the last known truth stays until the server says otherwise
    expect(away).not.toContain('created-while-away');
    // Retrying and redrawing once a second costs a few percent of a core; a loop would cost all of it.
    expect((cpuSeconds(pid) - cpu0) / ((Date.now() - cutAt) / 1000)).toBeLessThan(0.15);

    proxy.restore();
    const text = await waitFor(
      'the screen to show the server’s objects',
      async () => {
        const s = await screen();
        return /CronJobs \(3\)/.test(s) && s.includes('created-while-away') && !s.includes('delete-me') && s.includes('15 3 * * *') && s.includes('connected') && !s.includes('reconnecting') && s;
      },
      10_000,
      200,
    );
    expect(text).toContain('keep-me');
    expect(Number((await tmux('display', '-p', '-t', session, '#{pane_dead}')).trim() || '0')).toBe(0);
  });
});
