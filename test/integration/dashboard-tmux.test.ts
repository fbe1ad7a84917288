// The dashboard as a person sees it: run under tmux on the local cluster, driven with send-keys,
// read with capture-pane, and cross-checked against changes made with kubectl.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply, freshNamespace, hasCluster, kubeconfig, kubectl, kubectlJson, waitFor } from './helpers.js';
import { cronJobManifest, jobManifest, statefulSetManifest } from './manifests.js';
import { hasTmux } from '../fixtures/tmux.js';

const run = promisify(execFile);

const WORKLOADS = `${statefulSetManifest('web', { replicas: 2, claims: { www: '1Gi' } })}
---
${jobManifest('ok-job')}
---
${jobManifest('bad-job', { fail: true, exitCode: 42, backoffLimit: 0 })}
---
${cronJobManifest('minutely', { schedule: '* * * * *', runFor: '1s' })}
`;

describe.skipIf(!hasCluster || !hasTmux)('dashboard under tmux', () => {
  let ns: string;
  let cleanup: () => Promise<void>;
  const session = `kstate-e2e-${process.pid}`;
  const screen = async () => (await run('tmux', ['capture-pane', '-t', session, '-p'])).stdout;
  const keys = (...k: string[]) => run('tmux', ['send-keys', '-t', session, ...k]);
  const see = (what: string | RegExp, timeoutMs = 30_000) =>
    waitFor(`screen to show ${what}`, async () => {
      const s = await screen();
      return (typeof what === 'string' ? s.includes(what) : what.test(s)) && s;
    }, timeoutMs, 250);

  beforeAll(async () => {
    ({ name: ns, cleanup } = await freshNamespace('tui'));
    await apply(ns, WORKLOADS);
    await waitFor('web ready', async () => (await kubectlJson(['get', 'sts', 'web', '-n', ns])).status?.readyReplicas === 2, 120_000);
    await waitFor('bad-job failed', async () => (await kubectlJson(['get', 'job', 'bad-job', '-n', ns])).status?.failed >= 1, 120_000);
    await run('tmux', ['new-session', '-d', '-s', session, '-x', '140', '-y', '45', `NCURSES_NO_UTF8_ACS=1 node bin/kstate.js --kubeconfig ${kubeconfig} -n ${ns}`]);
  });
  afterAll(async () => {
    await run('tmux', ['kill-session', '-t', session]).catch(() => undefined);
    await cleanup?.();
  });

  it('shows the ordinals with their Bound claims', async () => {
    await see(/web\s+2\/2\s+● Ready/);
    // Claims may still be listing when the StatefulSet is first drawn: wait for the last ordinal's.
    const s = await see(/1\s+web-1\s+● Running.*Bound 1Gi/);
    expect(s).toContain(`ns ${ns}`);
    expect(s).toMatch(/0\s+web-0\s+● Running.*Bound 1Gi\s+web-0\.web\./);
    expect(s).toMatch(/1\s+web-1\s+● Running.*Bound 1Gi/);
  });

  it('shows a completed and a failed Job with its exit code', async () => {
    await keys('2');
    const s = await see(/bad-job\s+✗ Failed/);
    expect(s).toMatch(/ok-job\s+● Complete\s+1\/1/);
    await keys('g');
    const detail = await see('BackoffLimitExceeded');
    expect(detail).toMatch(/bad-job-\S+\s+-\s+✗ Error\s+42/);
  });

  it("shows a CronJob's next run and, once it has run, its history", async () => {
    await keys('3');
    await see(/minutely\s+\* \* \* \* \*\s+UTC/);
    const s = await see(/History \([1-9]/, 90_000);
    expect(s).toContain('every minute');
    expect(s).toMatch(/minutely-\d+\s+█+/);
  });

  it('draws the pictures: the run chart, the ordinal strip and the Job gauge, in colour', async () => {
    const colours = async () => (await run('tmux', ['capture-pane', '-t', session, '-p', '-e'])).stdout;
    const greenBackground = /\u001b\[(?:[0-9;]*;)?(?:42|48;5;2)m/;
    await see('Kept runs');
    expect(await colours()).toMatch(/\u001b\[(?:[0-9;]*;)?(?:4[123]|48;5;[123])m/); // a run's bar, in its outcome's colour
    await keys('1');
    const strip = await see(/●0\s+●1/);
    expect(strip).toContain('● ready');
    expect(await colours()).toMatch(greenBackground); // ready tiles
    await keys('2', 'g');
    const jobs = await see(/progress: \d+\/1 succeeded/);
    expect(jobs).toMatch(/retries: \d+ failed of backoffLimit/);
  });

  it('follows kubectl scaling up and down without a key press', async () => {
    await keys('1');
    await see(/web\s+2\/2/);
    await kubectl(['scale', 'sts', 'web', '-n', ns, '--replicas=3']);
    const s = await see(/web\s+3\/3\s+● Ready/, 60_000);
    expect(s).toMatch(/2\s+web-2\s+● Running/);
    await kubectl(['scale', 'sts', 'web', '-n', ns, '--replicas=1']);
    const after = await see(/1\s+web-1\s+⊘ retained/, 60_000);
    expect(after).toMatch(/2\s+web-2\s+⊘ retained/);
    expect(after).toContain('2 claim(s) retained after scale-down');
  });

  it('quits on q and gives the terminal back', async () => {
    await keys('q');
    await waitFor('kstate to exit', async () => {
      const { stdout } = await run('tmux', ['list-panes', '-t', session, '-F', '#{pane_current_command}']).catch(() => ({ stdout: 'gone' }));
      return !stdout.includes('node');
    }, 10_000, 200);
  });
});
