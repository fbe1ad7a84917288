// The dashboard's pictures, read from blessed's cell grid with their colour attributes: the ordinal
// strip (and its condensed map at 500 ordinals), the Job gauges and the CronJob run chart
// (blessed-contrib), the schedule timeline, column priorities, centred dialogs, the plain fallback.
import { afterEach, describe, expect, it } from 'vitest';
import type { AppDeps } from '../../src/ui/app.js';
import { iso, ownerOf, rawCronJob, rawJob, rawPod, rawPvc, rawService, rawSts, snapshot, T0, type RawByKind } from '../fixtures/builders.js';
import { FakeSource, startApp, type Harness } from './harness.js';

type Grid = [number, string][][];
const COLOR = { red: 1, green: 2, yellow: 3, gray: 8, none: 0x1ff } as const;
const bg = (attr: number) => attr & 0x1ff;
const fg = (attr: number) => (attr >> 9) & 0x1ff;

let h: Harness | null = null;
afterEach(async () => {
  await h?.app.close();
  h = null;
});

const grid = (): Grid => (h!.app.screen as unknown as { lines: Grid }).lines;
const text = (row: [number, string][]) => row.map((c) => c[1]).join('');
/** The cell where `needle` starts on screen (first match at or below row `from`). */
function find(needle: string, from = 0): { x: number; y: number; row: [number, string][] } {
  const g = grid();
  for (let y = from; y < g.length; y++) {
    const x = text(g[y]!).indexOf(needle);
    if (x >= 0) return { x, y, row: g[y]! };
  }
  throw new Error(`"${needle}" is not on screen:\n${h!.screen()}`);
}
const cellsWithBg = (rows: readonly [number, string][][], color: number) => rows.flat().filter((c) => bg(c[0]) === color).length;

async function open(raw: RawByKind, deps: Partial<AppDeps> = {}, size: [number, number] = [160, 48]) {
  h = await startApp(new FakeSource(snapshot(raw)), { now: () => T0, ...deps }, size);
}

function stsWorld(replicas = 3, extra: Record<string, unknown> = {}) {
  const sts = rawSts('db', { replicas, ...extra }, { replicas, readyReplicas: 1 });
  return {
    statefulsets: [sts],
    pods: [rawPod('db-0', { owner: ownerOf(sts, 'StatefulSet'), revision: 'db-rev1' }), rawPod('db-1', { owner: ownerOf(sts, 'StatefulSet'), phase: 'Pending', ready: false, revision: 'db-rev1' })],
    pvcs: [rawPvc('data-db-0'), rawPvc('data-db-1', 'Pending', T0 - 60_000), rawPvc('data-db-5', 'Bound', T0 - 7200_000)],
    services: [rawService('db')],
  };
}

describe('the ordinal strip', () => {
  it('colours each tile by its pod state, marks the ordinal waited on, and draws claims and retained claims', async () => {
    await open(stsWorld());
    const ready = find('●0');
    expect(bg(ready.row[ready.x]![0])).toBe(COLOR.green);
    const starting = find('▶◐1');
    expect(bg(starting.row[starting.x]![0])).toBe(COLOR.yellow);
    const missing = find('·2');
    expect(bg(missing.row[missing.x]![0])).toBe(COLOR.none);
    const retained = find('⊘5');
    expect(fg(retained.row[retained.x]![0])).toBe(COLOR.gray);
    // Claims under the tiles: Bound in green, Pending in yellow.
    const claims = grid()[ready.y + 1]!;
    expect(fg(claims.find((c) => c[1] === '■')![0])).toBe(COLOR.green);
    expect(fg(claims.find((c) => c[1] === '□')![0])).toBe(COLOR.yellow);
    expect(text(grid()[ready.y + 2]!)).toMatch(/120m/); // the retained claim's age
    // A claim pending for a minute is a start-up in progress, not a blockage.
    expect(h!.screen()).toMatch(/db\s+1\/3\s+◐ Progressing.*starting #1/);
  });

  it('draws the partition as a boundary before the first ordinal a rollout may replace', async () => {
    await open(stsWorld(3, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } }));
    expect(h!.screen()).toMatch(/┃ ·2/);
    expect(h!.screen()).toContain('┃ partition: 2 and up take the update');
  });

  it('condenses 500 ordinals to one cell each, with a legend, and stays on screen', async () => {
    const sts = rawSts('big', { replicas: 500 }, { replicas: 500, readyReplicas: 500 });
    const pods = Array.from({ length: 500 }, (_, i) => rawPod(`big-${i}`, { owner: ownerOf(sts, 'StatefulSet') }));
    await open({ statefulsets: [sts], pods, services: [rawService('big')] });
    const map = find('●●●●●●●●●●');
    expect(text(map.row)).toMatch(/│ {2}0 ●{20}/);
    expect(fg(map.row[map.x]![0])).toBe(COLOR.green);
    expect(h!.screen()).toContain('● ready');
    expect(h!.screen().split('\n')).toHaveLength(48);
  });
});

describe('blessed-contrib pictures', () => {
  const job = () => rawJob('batch', { completions: 4, backoffLimit: 3 }, { succeeded: 2, failed: 1, active: 1 });

  it("draws a Job's progress as a gauge stacked succeeded, failed and active", async () => {
    await open({ jobs: [job()] });
    await h!.press('2');
    const label = find('progress: 2/4 succeeded · 1 failed · 1 active');
    const gauge = grid().slice(label.y, label.y + 4);
    expect(cellsWithBg(gauge, COLOR.green)).toBeGreaterThan(10);
    expect(cellsWithBg(gauge, COLOR.red)).toBeGreaterThan(4);
    expect(cellsWithBg(gauge, COLOR.yellow)).toBeGreaterThan(4);
    expect(h!.screen()).toContain('retries: 1 failed of backoffLimit 3');
  });

  it("draws a CronJob's runs as bars coloured by outcome, beside its next runs, and again after a resize", async () => {
    const cj = rawCronJob('nightly', { schedule: '0 * * * *' });
    const owner = { ownerReferences: [{ apiVersion: 'batch/v1', ...ownerOf(cj, 'CronJob'), controller: true }] };
    const done = (name: string, at: number, ok: boolean) =>
      rawJob(name, {}, { startTime: iso(at), ...(ok ? { succeeded: 1, completionTime: iso(at + 600_000), conditions: [{ type: 'Complete', status: 'True' }] } : { failed: 1, conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', lastTransitionTime: iso(at + 5_000) }] }) }, { ...owner, creationTimestamp: iso(at) });
    await open({ cronjobs: [cj], jobs: [done('nightly-1', T0 - 7200_000, true), done('nightly-2', T0 - 3600_000, false)] });
    await h!.press('3');
    const caption = find('Kept runs');
    const chart = grid().slice(caption.y, caption.y + 9);
    expect(cellsWithBg(chart, COLOR.green)).toBeGreaterThan(3);
    expect(cellsWithBg(chart, COLOR.red)).toBeGreaterThan(0);
    expect(text(grid()[caption.y + 3]!)).toMatch(/in \d+m/); // next runs beside the chart
    await h!.resize(100, 30);
    await h!.resize(160, 48);
    const again = find('Kept runs');
    expect(cellsWithBg(grid().slice(again.y, again.y + 9), COLOR.green)).toBeGreaterThan(3);
  });

  it('falls back to text bars and no chart without colours (NO_COLOR)', async () => {
    await open({ jobs: [job()] }, { plain: true });
    await h!.press('2');
    const s = h!.screen();
    expect(s).toMatch(/progress\s+█+░*\s+2\/4 succeeded/);
    const colored = grid().flat().filter((c) => fg(c[0]) !== COLOR.none || bg(c[0]) !== COLOR.none);
    expect(colored.filter((c) => c[1] !== ' ' && !/[─│┌┐└┘]/.test(c[1]))).toEqual([]);
    expect(s).toContain('◐ Running');
  });
});

describe('lists and dialogs at every width', () => {
  it('keeps NAME as wide as its names and drops the least useful CronJob columns first at 80×24', async () => {
    await open({ cronjobs: [rawCronJob('nightly-database-backup', { schedule: '0 0 * * *', timeZone: 'Europe/Berlin' })] }, {}, [80, 24]);
    await h!.press('3');
    const header = find('NAME');
    expect(text(header.row)).toMatch(/NAME\s+SCHEDULE .*NEXT\s+LAST-RESULT/);
    expect(text(header.row)).not.toContain('TZ');
    expect(text(find('nightly-database-backup').row)).toMatch(/nightly-database-backup 0 0 \* \* \*/);
    await h!.press('w');
    expect(h!.screen()).toContain('TZ');
  });

  it('asks in a centred box with the dashboard visible around it', async () => {
    await open(stsWorld());
    await h!.press('+');
    const title = find('scale sts/db 3 → 4');
    expect(title.x).toBeGreaterThan(20);
    expect(h!.screen()).toContain('kstate  ctx test-ctx');
    expect(text(grid()[title.y - 1]!).trim().startsWith('│')).toBe(true);
  });

  it('shows the next day of every CronJob on one time line, with a pile-up count', async () => {
    await open({ cronjobs: [rawCronJob('hourly', { schedule: '0 * * * *' }), rawCronJob('midnight', { schedule: '0 0 * * *' }), rawCronJob('also-midnight', { schedule: '0 0 * * *' })] });
    await h!.press('3', 'T');
    const top = find('Next 24 h').y;
    expect(text(find('hourly', top).row).match(/●/g)?.length).toBeGreaterThanOrEqual(23);
    expect(text(find('midnight', top).row).match(/●/g)).toHaveLength(1);
    expect(text(find('CronJobs starting', top).row)).toMatch(/^│CronJobs starting\s+3\s*│$/);
  });
});
