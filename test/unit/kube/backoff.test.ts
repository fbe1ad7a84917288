// Reconnect backoff: doubling from 1 s with ±20% jitter, capped so that the dashboard is back within
// seconds of the server's return however long it was away.
import { describe, expect, it } from 'vitest';
import { backoffMs } from '../../../src/kube/reflector.js';

describe('backoffMs', () => {
  it('doubles from one second', () => {
    expect([1, 2, 3].map((n) => backoffMs(n, () => 0.5))).toEqual([1000, 2000, 4000]);
  });
  it('stays within six seconds (4–6 s with the jitter) after any number of failures', () => {
    for (const n of [4, 10, 1000]) {
      expect(backoffMs(n, () => 1)).toBe(6000);
      expect(backoffMs(n, () => 0)).toBe(4000);
    }
  });
});
