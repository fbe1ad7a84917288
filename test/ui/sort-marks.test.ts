// Sorting keeps the selection on its object; marks and one confirmation for several objects, with
// the ones RBAC forbids skipped and named, and the others sent (headless).
import { describe, expect, it } from 'vitest';
import { sortOrder, type SortKey } from '../../src/kinds/sorts.js';
import type { ActionRequest } from '../../src/model/requests.js';
import type { ActionPort } from '../../src/ui/app.js';
import { rawCronJob, rawJob, rawSts, snapshot, T0 } from '../fixtures/builders.js';
import { appPerTest, FakeSource, type Harness } from './harness.js';

let h: Harness | null = null;
const { start, settle } = appPerTest();
const rows = () => h!.screen().split('\n');
/** The names in the list, top to bottom, as drawn. */
const listed = (names: readonly string[]) =>
  rows()
    .map((r) => names.find((n) => new RegExp(`[│ ✓]${n}\\s`).test(r.slice(0, 30))))
    .filter(Boolean);
const selectedRow = () => rows().find((r) => r.includes('\u001b[7m')) ?? '';

describe('sort keys', () => {
  it('are stable and reverse without reordering ties, unknowns last', () => {
    const key: SortKey<{ n: string; v: number | null }> = { id: 'v', label: 'v', value: (x) => x.v };
    const items = [
      { n: 'a', v: 2 },
      { n: 'b', v: 1 },
      { n: 'c', v: null },
      { n: 'd', v: 2 },
    ];
    expect(sortOrder(items, key, false, 0).map((i) => items[i]!.n)).toEqual(['b', 'a', 'd', 'c']);
    expect(sortOrder(items, key, true, 0).map((i) => items[i]!.n)).toEqual(['a', 'd', 'b', 'c']);
  });
});

describe('sorting in the dashboard', () => {
  const world = () =>
    snapshot({
      jobs: [
        rawJob('alpha', {}, { failed: 1 }, { creationTimestamp: new Date(T0 - 3_000_000).toISOString() }),
        rawJob('bravo', {}, { failed: 5 }, { creationTimestamp: new Date(T0 - 1_000_000).toISOString() }),
        rawJob('charlie', {}, { failed: 0 }, { creationTimestamp: new Date(T0 - 2_000_000).toISOString() }),
      ],
    });

  it('orders by age then failures, shows the sort, reverses, and keeps the selection on its object', async () => {
    h = await start(new FakeSource(world()), { now: () => T0 });
    await h.press('2');
    const names = ['alpha', 'bravo', 'charlie'];
    expect(listed(names)).toEqual(['alpha', 'bravo', 'charlie']);
    expect(h.screen()).toContain('sort ↑ name');
    await h.press('j'); // bravo
    expect(h.screen()).toContain('job/bravo');
    await h.press('o'); // age: youngest first
    expect(h.screen()).toContain('sort ↑ age');
    expect(listed(names)).toEqual(['bravo', 'charlie', 'alpha']);
    expect(h.screen()).toContain('job/bravo');
    await h.press('o', 'o'); // status, then failures: most first
    expect(h.screen()).toContain('sort ↑ failures');
    expect(listed(names)).toEqual(['bravo', 'alpha', 'charlie']);
    await h.press('O');
    expect(h.screen()).toContain('sort ↓ failures');
    expect(listed(names)).toEqual(['charlie', 'alpha', 'bravo']);
    expect(h.screen()).toContain('job/bravo');
    // Kept per view: another view and back.
    await h.press('1', '2');
    expect(h.screen()).toContain('sort ↓ failures');
    expect(listed(names)).toEqual(['charlie', 'alpha', 'bravo']);
  });
});

/** A writer that records what it sends and refuses what RBAC forbids, per object. */
function port(calls: string[], forbidden: readonly string[], failing: readonly string[] = []): ActionPort {
  return {
    refusal: async (a) => (a.name && forbidden.includes(a.name) ? `forbidden: ${a.verb} ${a.resource} "${a.name}"` : null),
    send: async (req: ActionRequest) => {
      const name = req.path.split('/').pop()!;
      if (failing.includes(name)) throw new Error('the server said no');
      calls.push(`${req.method} ${name} ${JSON.stringify(req.body)}`);
      return {};
    },
  };
}

describe('marks and bulk actions', () => {
  const world = () => snapshot({ cronjobs: ['pay-a', 'pay-b', 'pay-c', 'pay-d'].map((n) => rawCronJob(n, n === 'pay-d' ? { suspend: true } : {})), statefulsets: [rawSts('db', { replicas: 2 }, { replicas: 2, readyReplicas: 2 }), rawSts('cache', { replicas: 1 }, { replicas: 1, readyReplicas: 1 })] });

  it('suspends every marked CronJob after one confirmation; a forbidden one is skipped and named, a failed one reported, the rest sent', async () => {
    const calls: string[] = [];
    h = await start(new FakeSource(world()), { now: () => T0, actions: port(calls, ['pay-b'], ['pay-a']) });
    await h.press('3', 'a');
    expect(h.screen()).toContain('4 marked');
    await h.press('z');
    await settle();
    const dialog = h.screen();
    expect(dialog).toContain('suspend: 2 object(s), 2 skipped');
    expect(dialog).toContain('suspend cronjob/pay-a');
    expect(dialog).toContain('suspend cronjob/pay-c');
    expect(dialog).toContain('skipped cronjob/pay-b: forbidden: patch cronjobs "pay-b"');
    expect(dialog).toContain('skipped cronjob/pay-d: already suspended');
    expect(calls).toEqual([]);
    await h.press('y');
    await settle();
    expect(calls).toEqual(['PATCH pay-c {"spec":{"suspend":true}}']);
    const log = h.app['controller' as keyof typeof h.app] as unknown as { runner: { log: { text: string; ok: boolean | null }[] } };
    const texts = log.runner.log.map((a) => `${a.ok} ${a.text}`);
    expect(texts).toContain('true ✓ suspend cronjob/pay-c');
    expect(texts.some((t) => t.startsWith('false ✗ suspend cronjob/pay-a: the server said no'))).toBe(true);
    expect(texts.some((t) => t.startsWith('false ✗ suspend cronjob/pay-b: skipped, forbidden'))).toBe(true);
    expect(h.screen()).toContain('suspend: 1 done, 3 failed or skipped');
  });

  it('scales every marked StatefulSet with each one\'s preview, marking with space and clearing with A', async () => {
    const calls: string[] = [];
    h = await start(new FakeSource(world()), { now: () => T0, actions: port(calls, []) });
    await h.press(' ', ' ');
    expect(h.screen()).toContain('2 marked');
    await h.press('-');
    await settle();
    expect(h.screen()).toContain('scale sts/cache 1 → 0');
    expect(h.screen()).toContain('scale sts/db 2 → 1');
    expect(h.screen()).toMatch(/scale sts\/db 2 → 1[^\n]*\n[^\n]*remove pods at ordinals 1/);
    await h.press('n', 'A');
    expect(h.screen()).not.toContain('marked');
    expect(calls).toEqual([]);
  });

  it('scrolls a confirmation longer than the screen, so every target can be read, and sends them all', async () => {
    const calls: string[] = [];
    const many = snapshot({ cronjobs: Array.from({ length: 14 }, (_, i) => rawCronJob(`job-${String(i).padStart(2, '0')}`)) });
    h = await start(new FakeSource(many), { now: () => T0, actions: port(calls, []) }, [100, 16]);
    await h.press('3', 'a', 'z');
    await settle();
    expect(h.screen()).toContain('suspend cronjob/job-00');
    expect(h.screen()).not.toContain('suspend cronjob/job-13');
    expect(h.screen()).toMatch(/lines 1–\d+ of 15/);
    for (let i = 0; i < 14; i++) await h.press('j');
    expect(h.screen()).toContain('suspend cronjob/job-13');
    expect(calls).toEqual([]);
    await h.press('y');
    await settle();
    expect(calls).toHaveLength(14);
  });
});
