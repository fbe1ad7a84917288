// Editing a CronJob's schedule and time zone on the local cluster: the next runs previewed, what
// the API server would refuse refused before sending (and the server does refuse it), the
// dashboard's key and the CLI sending the same patch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextDeps } from '../../src/cli/dashboard.js';
import { connect } from '../../src/kube/config.js';
import { startApp, type Harness } from '../ui/harness.js';
import { apply, freshNamespace, hasCluster, kstate, kstateWrites, kubeconfig, kubectl, kubectlJson } from './helpers.js';
import { cronJobManifest } from './manifests.js';
import { waitFor } from './helpers.js';

describe.skipIf(!hasCluster)('edit a CronJob’s schedule', () => {
  let ns: string;
  let cleanup: () => Promise<void>;
  let h: Harness | undefined;
  let h2: Harness | undefined;
  const spec = async (name: string) => (await kubectlJson(['get', 'cj', name, '-n', ns])).spec;

  beforeAll(async () => {
    ({ name: ns, cleanup } = await freshNamespace('sched'));
    await apply(ns, cronJobManifest('report', { suspend: true }));
    await apply(ns, cronJobManifest('backup', { suspend: true }));
  });
  afterAll(async () => {
    await h?.app.close();
    await h2?.app.close();
    await cleanup?.();
  });

  it('kstate set schedule shows the next five runs in the new zone, then patches schedule and timeZone', async () => {
    const r = await kstate(['set', 'schedule', 'cj', 'report', '30 6 * * 1-5', '--time-zone', 'America/New_York', '-n', ns, '--yes']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Set the schedule of cronjob/report: "0 0 * * *" (UTC) → "30 6 * * 1-5" (America/New_York), at 06:30 on Monday to Friday?');
    expect(lines[1]).toBe('  next 5 run(s) in America/New_York:');
    const runs = lines.slice(2, 7);
    expect(runs).toHaveLength(5);
    for (const l of runs) expect(l).toMatch(/^ {4}\d{4}-\d\d-\d\d 06:30 {2}\(\d{4}-\d\d-\d\dT1[01]:30:00\.000Z\)$/);
    expect(r.stdout).toContain('! the CronJob is suspended: none of these runs starts until it is resumed');
    expect(await spec('report')).toMatchObject({ schedule: '30 6 * * 1-5', timeZone: 'America/New_York' });
  });

  it('refuses before sending what the server refuses', async () => {
    const since = Date.now();
    for (const [expr, zone, ours, theirs] of [
      ['61 * * * *', undefined, 'invalid schedule "61 * * * *"', 'spec.schedule: Invalid value: "61 * * * *"'],
      ['0 * * * *', 'Mars/Olympus', 'unknown time zone "Mars/Olympus"', 'unknown time zone Mars/Olympus'],
      ['TZ=Asia/Tokyo 0 * * * *', undefined, 'spec.schedule: cannot use TZ or CRON_TZ in schedule, use timeZone field instead', 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'],
    ] as const) {
      const r = await kstate(['set', 'schedule', 'cj', 'backup', expr, ...(zone ? ['--time-zone', zone] : []), '-n', ns, '--yes']);
      expect([r.code, r.stdout]).toEqual([2, '']);
      expect(r.stderr).toContain(`kstate: the API server would refuse it: ${ours}`);
      const server = await kubectl(['patch', 'cj', 'backup', '-n', ns, '--type=merge', '-p', JSON.stringify({ spec: { schedule: expr, ...(zone ? { timeZone: zone } : {}) } })]).then(() => 'accepted', (e: Error) => e.message);
      expect(server).toContain(theirs);
    }
    expect(kstateWrites(ns, since)).toEqual([]);
    expect(await spec('backup')).toMatchObject({ schedule: '0 0 * * *' });
  });

  it('the dashboard asks for the schedule and the zone, previews the runs and sends the same patch', async () => {
    const conn = connect({ kubeconfig: kubeconfig!, namespace: ns });
    h = await startApp({} as never, contextDeps(conn, { readOnly: false, kubeconfig: kubeconfig! }, 100), [140, 45]);
    const until = (what: string, text: string) =>
      waitFor(what, async () => (await h!.press(), h!.screen().includes(text)), 30_000, 200).catch((err: Error) => {
        throw new Error(`${err.message}; the screen:\n${h!.screen()}`);
      });
    await h.press('3', '/');
    for (const ch of 'backup') await h.press(ch);
    await h.press('enter');
    await until('backup alone in the list', 'CronJobs (1) /backup');
    await h.press('E');
    await until('the schedule prompt', 'new schedule for backup (now "0 0 * * *"): ');
    for (const ch of '15 3 * * *') await h.press(ch);
    await h.press('enter');
    await until('the zone prompt', 'time zone (now UTC; Enter keeps it): ');
    for (const ch of 'Asia/Tokyo') await h.press(ch);
    await h.press('enter');
    await until('the preview', 'next 5 run(s) in Asia/Tokyo:');
    expect(h.screen()).toMatch(/\d{4}-\d\d-\d\d 03:15 {2}\(\d{4}-\d\d-\d\dT18:15:00\.000Z\)/);
    await h.press('y');
    await waitFor('the patch applied', async () => (await spec('backup')).timeZone === 'Asia/Tokyo', 30_000);
    expect(await spec('backup')).toMatchObject({ schedule: '15 3 * * *', timeZone: 'Asia/Tokyo' });
  });

  it('kstate set zone moves every matching CronJob to one zone, each schedule kept and its runs there shown; read-only sends nothing', async () => {
    await apply(ns, cronJobManifest('zone-a', { suspend: true, schedule: '0 6 * * *' }));
    await apply(ns, cronJobManifest('zone-b', { suspend: true, schedule: '30 1 * * 1' }));
    await kubectl(['label', 'cj', 'zone-a', 'zone-b', '-n', ns, 'team=zones']);
    const since = Date.now();
    const refused = await kstate(['set', 'zone', 'cj', '-l', 'team=zones', 'Europe/Berlin', '-n', ns, '--read-only', '--yes']);
    expect([refused.code, refused.stderr]).toEqual([2, 'kstate: read-only mode: set zone was not sent\n']);
    expect(kstateWrites(ns, since)).toEqual([]);

    const r = await kstate(['set', 'zone', 'cj', '-l', 'team=zones', 'Europe/Berlin', '-n', ns, '--yes']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('set zone: 2 object(s)\n• schedule cronjob/zone-a "0 6 * * *" in Europe/Berlin\n    Set the schedule of cronjob/zone-a: "0 6 * * *" (UTC) → "0 6 * * *" (Europe/Berlin), at 06:00 every day?\n      next 5 run(s) in Europe/Berlin:\n');
    expect(r.stdout).toContain('• schedule cronjob/zone-b "30 1 * * 1" in Europe/Berlin\n    Set the schedule of cronjob/zone-b: "30 1 * * 1" (UTC) → "30 1 * * 1" (Europe/Berlin)');
    expect(r.stdout.match(/^ {8}\d{4}-\d\d-\d\d 01:30 /gm)).toHaveLength(5);
    expect(r.stdout).toContain('done: schedule cronjob/zone-a "0 6 * * *" in Europe/Berlin\ndone: schedule cronjob/zone-b "30 1 * * 1" in Europe/Berlin\n');
    expect(kstateWrites(ns, since).map((w) => [w.verb, w.uri])).toEqual([
      ['patch', `/apis/batch/v1/namespaces/${ns}/cronjobs/zone-a`],
      ['patch', `/apis/batch/v1/namespaces/${ns}/cronjobs/zone-b`],
    ]);
    expect(await spec('zone-a')).toMatchObject({ schedule: '0 6 * * *', timeZone: 'Europe/Berlin' });
    expect(await spec('zone-b')).toMatchObject({ schedule: '30 1 * * 1', timeZone: 'Europe/Berlin' });
  });

  it('the dashboard moves the marked CronJobs to one zone (Z), each one previewed, and sends one patch each', async () => {
    const conn = connect({ kubeconfig: kubeconfig!, namespace: ns });
    h2 = await startApp({} as never, contextDeps(conn, { readOnly: false, kubeconfig: kubeconfig! }, 100), [140, 60]);
    const until = (what: string, text: string) =>
      waitFor(what, async () => (await h2!.press(), h2!.screen().includes(text)), 30_000, 200).catch((err: Error) => {
        throw new Error(`${err.message}; the screen:\n${h2!.screen()}`);
      });
    await h2.press('3', '/');
    for (const ch of 'zone-') await h2.press(ch);
    await h2.press('enter');
    await until('the two CronJobs', 'CronJobs (2) /zone-');
    await h2.press('a', 'Z');
    await until('the zone prompt', 'move every marked CronJob to time zone: ');
    for (const ch of 'Asia/Tokyo') await h2.press(ch);
    await h2.press('enter');
    await until('the preview of both', 'time zone: 2 object(s)');
    const screen = h2.screen().replace(/│/g, ' ');
    expect(screen).toContain('Set the schedule of cronjob/zone-a: "0 6 * * *" (Europe/Berlin) → "0 6 * * *" (Asia/Tokyo)');
    expect(screen).toContain('Set the schedule of cronjob/zone-b: "30 1 * * 1" (Europe/Berlin) → "30 1 * * 1" (Asia/Tokyo)');
    expect(screen.match(/next 5 run\(s\) in Asia\/Tokyo:/g)).toHaveLength(2);
    await h2.press('y');
    await waitFor('both moved', async () => (await spec('zone-a')).timeZone === 'Asia/Tokyo' && (await spec('zone-b')).timeZone === 'Asia/Tokyo', 30_000);
    expect(await spec('zone-b')).toMatchObject({ schedule: '30 1 * * 1' });
  });
});
