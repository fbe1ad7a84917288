// The once-a-second tick costs what changes on screen: no frame is built before a text drawn from
// the clock reads differently, and a frame that reads as the one on screen is not drawn again.
import { afterEach, describe, expect, it } from 'vitest';
import { sectionsChangeAt } from '../../src/kinds/sections.js';
import { timedCell, timedSpan } from '../../src/kinds/cells.js';
import { age, relative } from '../../src/present/time.js';
import { iso, ownerOf, rawCronJob, rawJob, rawPod, rawSts, snapshot, T0 } from '../fixtures/builders.js';
import { ViewCache } from '../../src/ui/state.js';
import { FakeSource, startApp, type Harness } from './harness.js';

describe('when clock-drawn text next changes', () => {
  it('ages move by the step they are shown in', () => {
    expect(age(T0 - 30_500, T0)).toEqual({ text: '30s', changesAt: T0 + 500 });
    expect(age(T0 - (5 * 60_000 + 1_200), T0)).toEqual({ text: '5m1s', changesAt: T0 + 800 });
    expect(age(T0 - (30 * 60_000 + 15_000), T0)).toEqual({ text: '30m', changesAt: T0 + 45_000 });
    expect(age(T0 - (3 * 86_400_000 + 600_000), T0)).toEqual({ text: '3d', changesAt: T0 + 3_000_000 });
  });

  it('countdowns change as the time left falls below a whole step, and the earliest text wins', () => {
    expect(relative(T0 + 34_250, T0)).toEqual({ text: 'in 34s', changesAt: T0 + 251 });
    expect(relative(T0 + 3_600_000 + 30_000, T0)).toEqual({ text: 'in 60m', changesAt: T0 + 30_001 });
    const texts = [timedSpan(relative(T0 - 7_200_000, T0)), timedSpan(age(T0 - 2_000, T0))];
    expect(texts.map((t) => t.text).join()).toBe('120m ago,2s');
    expect(sectionsChangeAt([{ type: 'lines', title: '', lines: [texts], empty: '' }, { type: 'table', title: '', columns: [], rows: [[timedCell(age(T0 - 10_000, T0))]], empty: '' }])).toBe(T0 + 1_000);
    expect(relative(null, T0).changesAt).toBe(Infinity);
  });
});

describe('rows that move with the clock', () => {
  it('a view derived from the time (a running Job) may read differently next second; a finished one does not', () => {
    const running = rawJob('running', {}, { active: 1 });
    const done = rawJob('done', {}, { succeeded: 1, completionTime: iso(T0 - 100_000), conditions: [{ type: 'Complete', status: 'True' }] });
    const list = new ViewCache().list('jobs', snapshot({ jobs: [done, running] }), T0 + 250, '');
    expect(list.record(0).name).toBe('done');
    list.at(0);
    expect(list.changesAt()).toBe(Infinity);
    list.at(1);
    expect(list.changesAt()).toBe(T0 + 1000);
  });
});

let h: Harness | null = null;
afterEach(async () => {
  await h?.app.close();
  h = null;
});

/** Counts the frames the app draws (blessed renders of the screen). */
function countDraws(harness: Harness): () => number {
  const screen = harness.app.screen as unknown as { render(): void };
  const render = screen.render.bind(screen);
  let draws = 0;
  screen.render = () => {
    draws++;
    render();
  };
  return () => draws;
}

describe('dashboard idle (headless)', () => {
  // An hour-old StatefulSet and ten-minute-old pods: every age on screen moves once a minute.
  const sts = rawSts('web', { replicas: 1 }, { replicas: 1, readyReplicas: 1 });
  const raw = {
    statefulsets: [sts],
    pods: [rawPod('web-0', { owner: ownerOf(sts, 'StatefulSet'), revision: 'web-rev1', created: T0 - 600_000 })],
    cronjobs: [rawCronJob('nightly', { schedule: '0 0 * * *', timeZone: 'Europe/Berlin' })],
  };

  it('draws nothing on the ticks before an age on screen changes, then the new age', async () => {
    let clock = T0 + 500;
    h = await startApp(new FakeSource(snapshot(raw)), { now: () => clock }, [120, 30]);
    const draws = countDraws(h);
    expect(h.screen()).toContain('60m');
    for (let s = 1; s <= 5; s++) {
      clock = T0 + 500 + s * 1000;
      h.app.clockTick();
      await h.app.whenIdle();
    }
    expect(draws()).toBe(0);
    clock = T0 + 60_000;
    h.app.clockTick();
    await h.app.whenIdle();
    expect(draws()).toBe(1);
    expect(h.screen()).toContain('61m');
  });

  it('builds a frame each second for a view that moves with the clock, but draws only when its text changes', async () => {
    let clock = T0 + 500;
    h = await startApp(new FakeSource(snapshot(raw)), { now: () => clock }, [120, 30]);
    await h.press('3');
    const draws = countDraws(h);
    // Midnight in Berlin is 10h59m59.5s away: the countdown reads "in 10h59m" until the minute turns.
    expect(h.screen()).toContain('in 10h59m');
    clock += 1000;
    h.app.clockTick();
    await h.app.whenIdle();
    expect(draws()).toBe(0);
    clock = T0 + 60_500;
    h.app.clockTick();
    await h.app.whenIdle();
    expect(draws()).toBe(1);
    expect(h.screen()).toContain('in 10h58m');
  });
});
