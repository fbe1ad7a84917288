// Columns stay aligned on blessed's own grid whatever the names are made of: wide characters and
// combining marks are measured the way the renderer measures them.
import { afterEach, describe, expect, it } from 'vitest';
import { rawSts, snapshot, T0 } from '../fixtures/builders.js';
import { FakeSource, startApp, type Harness } from './harness.js';

let h: Harness | null = null;
afterEach(async () => {
  await h?.app.close();
  h = null;
});

describe('list layout', () => {
  it('puts every row’s READY cell in the same screen column, with wide and combining characters in names', async () => {
    const names = ['データベース', 'cafe\u0301-db', 'web'];
    h = await startApp(new FakeSource(snapshot({ statefulsets: names.map((n) => rawSts(n, { replicas: 2 }, { replicas: 2, readyReplicas: 2 })) })), { now: () => T0 });
    const grid = (h.app.screen as unknown as { lines: [string, string][][] }).lines;
    const header = grid.findIndex((row) => /NAME\s+READY/.test(row.map((c) => c[1]).join('')));
    const rows = grid.slice(header + 1, header + 1 + names.length);
    const readyColumn = rows.map((row) => row.findIndex((c, i) => c[1] === '2' && row[i + 1]?.[1] === '/'));
    expect(new Set(readyColumn).size, JSON.stringify(readyColumn)).toBe(1);
  });
});
