// The detail pane shows its picture first and fills its room: at every size the ordinal tiles (or a
// Job's index grid) come before the text fields, and a folded section (events) shows as many rows
// as the pane has room for before it says "more".
import { afterEach, describe, expect, it } from 'vitest';
import { iso, ownerOf, rawJob, rawPod, rawPvc, rawService, rawSts, snapshot, T0, type RawByKind } from '../fixtures/builders.js';
import { FakeSource, startApp, type Harness } from './harness.js';

let h: Harness | null = null;
afterEach(async () => {
  await h?.app.close();
  h = null;
});

const SIZES: [number, number][] = [
  [80, 24],
  [100, 30],
  [160, 45],
];

function stsWorld(events: number): RawByKind {
  const sts = rawSts('db', { replicas: 2 }, { replicas: 2, readyReplicas: 2 });
  return {
    statefulsets: [sts],
    pods: [0, 1].map((i) => rawPod(`db-${i}`, { owner: ownerOf(sts, 'StatefulSet'), revision: 'db-rev1' })),
    pvcs: [rawPvc('data-db-0'), rawPvc('data-db-1')],
    services: [rawService('db')],
    events: Array.from({ length: events }, (_, i) => ({
      metadata: { name: `e${i}`, namespace: 'ns', uid: `ev${i}` },
      involvedObject: { kind: 'StatefulSet', name: 'db', namespace: 'ns' },
      type: 'Normal',
      reason: `Reason${i}`,
      message: `event number ${i}`,
      lastTimestamp: iso(T0 - (i + 1) * 1000),
      count: 1,
    })),
  };
}

/** The detail pane's inner lines: from under its top border to above its bottom one. */
function pane(): string[] {
  const lines = h!.screen().split('\n');
  const top = lines.findIndex((l) => /┌─ (sts|job)\//.test(l));
  const bottom = lines.findIndex((l, i) => i > top && l.startsWith('└'));
  return lines.slice(top + 1, bottom).map((l) => l.replace(/^│|│$/g, '').trimEnd());
}

describe('the detail pane', () => {
  for (const [w, rows] of SIZES) {
    it(`draws the ordinal tiles before the text fields at ${w}×${rows}`, async () => {
      h = await startApp(new FakeSource(snapshot(stsWorld(2))), { now: () => T0 }, [w, rows]);
      const lines = pane();
      expect(lines[0]).toMatch(/^Ordinals 0\.\.1/);
      expect(lines[1]).toContain('●0');
      const status = lines.findIndex((l) => l.startsWith('Status '));
      expect(status).toBeGreaterThan(1);
    });
  }

  it('draws an Indexed Job’s index grid before its text fields', async () => {
    const job = rawJob('render', { completions: 4, parallelism: 2, completionMode: 'Indexed' }, { succeeded: 2, active: 2, completedIndexes: '0-1', startTime: iso(T0 - 60_000) });
    h = await startApp(new FakeSource(snapshot({ jobs: [job] })), { now: () => T0, plain: true }, [80, 24]);
    await h.press('2');
    const lines = pane();
    const grid = lines.findIndex((l) => l.startsWith('Indexes (4)'));
    const status = lines.findIndex((l) => l.startsWith('Status '));
    expect(grid).toBeGreaterThanOrEqual(0);
    expect(status).toBeGreaterThan(grid);
  });

  for (const [w, rows] of SIZES) {
    it(`never leaves empty rows under "more", scrolled to the end at ${w}×${rows}`, async () => {
      h = await startApp(new FakeSource(snapshot(stsWorld(18))), { now: () => T0 }, [w, rows]);
      await h.press('enter');
      for (let i = 0; i < 6; i++) await h.press('pagedown');
      const lines = pane();
      const more = lines.findIndex((l) => /… \d+ more \(e shows all\)/.test(l));
      expect(more).toBe(lines.length - 1);
    });
  }

  it('gives the room left in the pane to the events before "more" (160×45)', async () => {
    h = await startApp(new FakeSource(snapshot(stsWorld(40))), { now: () => T0 }, [160, 45]);
    const lines = pane();
    const events = lines.filter((l) => /event number \d+/.test(l));
    expect(events.length).toBeGreaterThan(3);
    expect(lines.at(-1)).toMatch(new RegExp(`… ${20 - events.length} more \\(e shows all\\)`));
  });

  it('fills an unscrolled pane with events and shows them all where they fit (160×45)', async () => {
    h = await startApp(new FakeSource(snapshot(stsWorld(6))), { now: () => T0 }, [160, 45]);
    const lines = pane();
    expect(lines.filter((l) => /event number \d+/.test(l))).toHaveLength(6);
    expect(lines.some((l) => l.includes('more (e shows all)'))).toBe(false);
  });
});
