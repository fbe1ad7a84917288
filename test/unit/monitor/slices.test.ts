import { describe, expect, it } from 'vitest';
import { inSlices } from '../../../src/monitor/slices.js';

const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

function* steps(n: number, ms: number, log: string[]): Generator<void, number> {
  for (let i = 0; i < n; i++) {
    busy(ms);
    log.push(`step ${i}`);
    yield;
  }
  return n;
}

describe('inSlices', () => {
  it('lets I/O in between slices, and returns what the steps return', async () => {
    const log: string[] = [];
    setImmediate(() => log.push('io'));
    const result = await inSlices(steps(20, 2, log), 5);
    expect(result).toBe(20);
    const io = log.indexOf('io');
    // The first slice is at most 5 ms of 2 ms steps: I/O waits three steps, not twenty.
    expect(io).toBeGreaterThan(0);
    expect(io).toBeLessThanOrEqual(3);
  });

  it('runs short work without yielding', async () => {
    const log: string[] = [];
    setImmediate(() => log.push('io'));
    await inSlices(steps(3, 0, log), 50);
    expect(log).toEqual(['step 0', 'step 1', 'step 2']);
  });
});
