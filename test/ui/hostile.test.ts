// Hostile and odd cluster text through the one escape boundary and the renderers: a seeded fuzz
// test and objects with missing fields. Nothing may reach the terminal as a control sequence.
import { describe, expect, it } from 'vitest';
import { cronJobViews, jobViews, statefulSetViews } from '../../src/model/views.js';
import { stripControls } from '../../src/present/text.js';
import { displayWidth, fit, safe } from '../../src/ui/text.js';
import { KINDS } from '../../src/kinds/registry.js';
import { cronJobs } from '../../src/kinds/cronjobs/index.js';
import { statefulSets } from '../../src/kinds/statefulsets/index.js';
import type { Snapshot } from '../../src/model/types.js';
import { detailLines } from '../../src/ui/detail.js';
import { listLines } from '../../src/ui/list.js';
import { ViewCache } from '../../src/ui/state.js';
import { snapshot, T0 } from '../fixtures/builders.js';

const PIECES = ['\u001b[2J', '\u001b]0;title\u0007', '\u001b]8;;http://evil\u001b\\', '\u009b31m', '\u001bP1$r\u001b\\', '{red-fg}', '{/}', '{bold}', '}', '{', '\u202e', '\u2066', '\u0000', '\u0007', '\r', '\n', '\t', '\u007f', 'データ', '🚀', 'é', 'a', ' ', 'x'.repeat(50)];
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

function hostile(rand: () => number): string {
  let s = '';
  const n = Math.floor(rand() * 12);
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(rand() * PIECES.length)];
  return s;
}

/** True when every brace in tagged text belongs to a tag of ours or is an escaped literal. */
function tagsBalanced(text: string): boolean {
  return !/\{(?!open\}|close\}|\/?[a-z-]+\})/.test(text.replace(/\{(open|close)\}/g, ''));
}

describe('safe() and fit() under fuzz', () => {
  it('never lets a control sequence or an unescaped tag through', () => {
    const rand = rng(42);
    for (let i = 0; i < 3000; i++) {
      const s = hostile(rand);
      const out = safe(s);
      expect(out, JSON.stringify(s)).not.toMatch(CONTROL);
      expect(out.replace(/\{open\}|\{close\}/g, ''), JSON.stringify(s)).not.toMatch(/[{}]/);
      const w = 1 + Math.floor(rand() * 30);
      expect(displayWidth(fit(s, w)), JSON.stringify(s)).toBeLessThanOrEqual(w);
      expect(displayWidth(fit(s, w)), JSON.stringify(s)).toBeGreaterThanOrEqual(w - 1); // a wide char may leave one cell
    }
  });

  it('handles a 100 kB string', () => {
    const big = '{red-fg}\u001b[31m'.repeat(10_000);
    expect(stripControls(big)).toBe('{red-fg}[31m'.replace('[31m', '').repeat(10_000));
    expect(fit(big, 20)).toHaveLength(20);
  });
});

/** Every list row and every detail pane of a snapshot, as the dashboard's renderers draw them. */
function rendered(snap: Snapshot): string[] {
  const lines: string[] = [];
  for (const kind of KINDS) {
    const list = new ViewCache().list(kind.view, snap, T0, '');
    lines.push(...listLines(kind, list, 0, list.length, 0, 100, T0, { allNamespaces: true, wide: true }).lines);
    for (let i = 0; i < list.length; i++) lines.push(...detailLines(kind.detail(list.at(i)!, [...snap.kinds.events.values()], snap, T0), 100));
  }
  return lines;
}

describe('renderers with hostile and odd objects', () => {
  it('render every view without a control character, whatever the object says', () => {
    const rand = rng(7);
    for (let i = 0; i < 60; i++) {
      const h = () => hostile(rand);
      const raw = {
        statefulsets: [{ metadata: { name: `s${i}`, namespace: 'ns', uid: `s${i}`, annotations: { note: h() } }, spec: { replicas: i % 3 === 0 ? 0 : 3, serviceName: h(), volumeClaimTemplates: [{ metadata: { name: h() } }] }, status: {} }],
        pods: [{ metadata: { name: `s${i}-0`, namespace: 'ns', uid: `p${i}`, ownerReferences: [{ kind: 'StatefulSet', uid: `s${i}`, controller: true }] }, spec: { nodeName: h() }, status: { phase: h(), message: h(), containerStatuses: [{ name: h(), state: { waiting: { reason: h(), message: h() } } }] } }],
        jobs: [{ metadata: { name: `j${i}`, namespace: 'ns', uid: `j${i}` }, spec: { completionMode: 'Indexed', completions: i % 2 ? null : 4 }, status: { completedIndexes: h(), failedIndexes: '1,x-3', conditions: [{ type: 'Failed', status: 'True', reason: h(), message: h() }] } }],
        cronjobs: [{ metadata: { name: `c${i}`, namespace: 'ns', uid: `c${i}` }, spec: { schedule: i % 2 ? h() : '*/5 * * * *', timeZone: i % 4 === 1 ? h() : null }, status: {} }],
        events: [{ metadata: { name: `e${i}`, namespace: 'ns', uid: `e${i}` }, involvedObject: { kind: 'StatefulSet', name: `s${i}` }, reason: h(), message: h() }],
      };
      const snap = snapshot(raw);
      const lines = rendered(snap);
      expect(lines.length).toBeGreaterThan(20);
      for (const l of lines) {
        expect(l).not.toMatch(CONTROL);
        expect(tagsBalanced(l), l).toBe(true);
      }
    }
  });

  it('turns invalid schedules and zones into findings, not crashes', () => {
    const snap = snapshot({
      cronjobs: [
        { metadata: { name: 'bad-zone', namespace: 'ns', uid: 'c1' }, spec: { schedule: '0 0 * * *', timeZone: 'Mars/Base' }, status: {} },
        { metadata: { name: 'bad-schedule', namespace: 'ns', uid: 'c2' }, spec: { schedule: '0 0 L * *' }, status: {} },
      ],
    });
    const [schedule, zone] = cronJobViews(snap, T0);
    expect(zone!.scheduleError).toBe('unknown time zone "Mars/Base"');
    expect(schedule!.scheduleError).toMatch(/"L" is not a valid day of month/);
    for (const v of [schedule!, zone!]) {
      expect(v.findings.map((f) => f.code)).toEqual(['InvalidSchedule']);
      expect(v.nextRuns).toEqual([]);
      expect(detailLines(cronJobs.detail(v, [], snap, T0), 100).join('\n')).toContain('✗');
    }
  });

  it('renders a StatefulSet with thousands of replicas and one with no status', () => {
    const snap = snapshot({ statefulsets: [{ metadata: { name: 'huge', namespace: 'ns', uid: 'h' }, spec: { replicas: 5000 } }, { metadata: { name: 'bare', namespace: 'ns', uid: 'b' } }] });
    const views = statefulSetViews(snap, T0);
    expect(views.map((v) => [v.name, v.rows.length, v.ready])).toEqual([
      ['bare', 1, 0],
      ['huge', 5000, 0],
    ]);
    expect(detailLines(statefulSets.detail(views[1]!, [], snap, T0), 120).length).toBeGreaterThan(5000);
  });
});
