// The log view, headless: keys in, screen text out. A fake stream stands in for the API server, so
// each test decides which lines arrive when.
import { afterEach, describe, expect, it } from 'vitest';
import type { LogLine, LogTarget } from '../../src/model/logs.js';
import type { AppDeps } from '../../src/ui/app.js';
import { iso, ownerOf, rawCronJob, rawJob, rawPod, rawSts, snapshot, T0, type RawByKind } from '../fixtures/builders.js';
import { FakeSource, startApp, type Harness } from './harness.js';

interface Call {
  targets: readonly LogTarget[];
  onLine: (l: LogLine) => void;
  onEnd: () => void;
  stopped: boolean;
  gone: string[];
}

function fakeLogs() {
  const calls: Call[] = [];
  const saved: { path: string; text: string }[] = [];
  const deps: Partial<AppDeps> = {
    streamLogs: (targets, onLine, onEnd) => {
      const call: Call = { targets, onLine, onEnd, stopped: false, gone: [] };
      calls.push(call);
      return {
        stop: () => void (call.stopped = true),
        stopPod: (uid, why) => {
          call.gone.push(uid);
          for (const t of targets) if (t.podUid === uid) onLine({ label: t.label, time: null, text: why, error: true });
        },
      };
    },
    saveText: async (path, text) => void saved.push({ path, text }),
    now: () => T0,
  };
  const last = () => calls[calls.length - 1]!;
  const emit = (label: string | null, text: string, time: string | null = null) => last().onLine({ label, time, text, error: false });
  return { calls, saved, deps, last, emit };
}

const sts = rawSts('web', { replicas: 2 }, { replicas: 2, readyReplicas: 2 });
const stsPods = [0, 1].map((n) => rawPod(`web-${n}`, { owner: ownerOf(sts, 'StatefulSet') }));
const world = (extra: RawByKind = {}): RawByKind => ({ statefulsets: [sts], pods: stsPods, ...extra });

// Set by each test (stsLogs or startApp); closed after it (closing twice is harmless).
let h!: Harness;
afterEach(async () => {
  await h?.app.close();
});

async function settle(): Promise<void> {
  h.app.requestRender(true);
  await h.app.whenIdle();
}

/** The dashboard on the StatefulSet web with its log view open (`l`); the fake streams to feed it. */
async function stsLogs(size?: [number, number], source = new FakeSource(snapshot(world()))): Promise<ReturnType<typeof fakeLogs>> {
  const logs = fakeLogs();
  h = await startApp(source, logs.deps, size);
  await h.press('l');
  return logs;
}

const rowsWith = (text: string) => h.screen().split('\n').filter((r) => r.includes(text));

describe('log view (headless)', () => {
  it("merges a StatefulSet's ordinals in arrival order, each line prefixed, with a filter to one ordinal", async () => {
    const logs = await stsLogs();
    expect(logs.last().targets.map((t) => [t.pod, t.label, t.follow])).toEqual([
      ['web-0', '0', true],
      ['web-1', '1', true],
    ]);
    logs.emit('1', 'standby ready');
    logs.emit('0', 'primary ready');
    logs.emit('1', 'streaming WAL');
    await settle();
    const s = h.screen();
    expect(s).toContain('logs sts/web · following');
    expect(s.indexOf('[1] standby ready')).toBeLessThan(s.indexOf('[0] primary ready'));
    expect(s.indexOf('[0] primary ready')).toBeLessThan(s.indexOf('[1] streaming WAL'));
    await h.press('o');
    expect(h.screen()).toContain('ordinal 0');
    expect(h.screen()).toContain('[0] primary ready');
    expect(h.screen()).not.toContain('[1] standby ready');
    await h.press('1');
    expect(h.screen()).toContain('[1] streaming WAL');
    expect(h.screen()).not.toContain('[0] primary ready');
    await h.press('o');
    expect(h.screen()).toContain('[0] primary ready');
    expect(h.screen()).toContain('[1] streaming WAL');
  });

  it('pauses and resumes following', async () => {
    const logs = await stsLogs();
    logs.emit('0', 'before pause');
    await h.press(' ');
    logs.emit('0', 'while paused');
    await settle();
    expect(h.screen()).toContain('paused (+1 new)');
    expect(h.screen()).toContain('before pause');
    expect(h.screen()).not.toContain('while paused');
    await h.press(' ');
    expect(h.screen()).toContain('while paused');
    expect(h.screen()).toContain('· following');
  });

  it('toggles timestamps and wrapping', async () => {
    const logs = await stsLogs([80, 30]);
    logs.emit('0', 'stamped line', '2026-01-01T00:00:04.000000000Z');
    logs.emit('0', `long ${'x'.repeat(100)} END`);
    await settle();
    expect(h.screen()).toContain('[0] stamped line');
    expect(h.screen()).not.toContain('END');
    await h.press('t');
    expect(h.screen()).toContain('[0] 2026-01-01T00:00:04.000000000Z stamped line');
    await h.press('w');
    expect(h.screen()).toContain('timestamps · wrap');
    expect(rowsWith('END')).toHaveLength(1);
    expect(rowsWith('xxxx')).toHaveLength(2);
    await h.press('t', 'w');
    expect(h.screen()).not.toContain('2026-01-01T00:00:04');
    expect(h.screen()).not.toContain('END');
  });

  it('searches with / and moves between matches with n and N', async () => {
    const logs = await stsLogs([100, 30]);
    for (let i = 0; i < 200; i++) logs.emit('0', i === 20 || i === 120 ? `line ${i} checkpoint` : `line ${i} routine`);
    await settle();
    expect(h.screen()).toContain('line 199 routine');
    await h.press('/', ...'checkpoint', 'enter');
    // Following: the newest match first.
    expect(h.screen()).toContain('/checkpoint');
    expect(h.screen()).toContain('match 2');
    expect(firstLogRow()).toContain('line 120 checkpoint');
    expect(h.screen()).not.toContain('line 199 routine');
    await h.press('S-n');
    await h.press('N');
    expect(firstLogRow()).toContain('line 20 checkpoint');
    await h.press('n');
    expect(firstLogRow()).toContain('line 120 checkpoint');
    await h.press('n');
    expect(h.screen()).toContain('no more matches for "checkpoint"');
    // The match is marked on the screen; the rest of the line is not.
    expect(h.term.written).toMatch(/\u001b\[7mcheckpoint/);
  });

  it('saves what is shown to a file, with the filter applied', async () => {
    const logs = await stsLogs();
    logs.emit('0', 'zero says \u001b[31mred\u001b[0m');
    logs.emit('1', 'one says hi');
    await h.press('0', 's');
    expect(h.screen()).toContain('save to: kstate-sts_web.log');
    await h.press('enter');
    await new Promise((r) => setTimeout(r, 5));
    await settle();
    expect(logs.saved).toEqual([{ path: 'kstate-sts_web.log', text: '[0] zero says red\n' }]);
    expect(h.screen()).toContain('saved 1 lines to kstate-sts_web.log');
  });

  it('reopens the streams for the previous container with p, and stops them on Esc', async () => {
    const logs = await stsLogs();
    logs.emit('0', 'current line');
    await h.press('p');
    expect(logs.calls).toHaveLength(2);
    expect(logs.calls[0]!.stopped).toBe(true);
    expect(logs.last().targets.map((t) => [t.previous, t.follow])).toEqual([
      [true, false],
      [true, false],
    ]);
    logs.emit('0', 'previous line');
    logs.last().onEnd();
    await settle();
    expect(h.screen()).toContain('· ended · previous');
    expect(h.screen()).not.toContain('current line');
    expect(h.screen()).toContain('[0] previous line');
    await h.press('escape');
    expect(logs.last().stopped).toBe(true);
    expect(h.screen()).not.toContain('previous line');
  });

  it('closes the stream of a pod that is gone and says so', async () => {
    const source = new FakeSource(snapshot(world()));
    const logs = await stsLogs(undefined, source);
    source.update(snapshot(world({ pods: [stsPods[0]!] })));
    await new Promise((r) => setTimeout(r, 5));
    await settle();
    expect(logs.last().gone).toEqual([logs.last().targets[1]!.podUid]);
    expect(h.screen()).toContain('[1] pod web-1 is gone');
  });

  it('shows hostile log text literally, with no control sequence reaching the terminal', async () => {
    const logs = await stsLogs();
    logs.emit('0', 'evil {red-fg}pwned{/red-fg} \u001b]0;owned-title\u0007 \u202eback');
    logs.last().onLine({ label: '1', time: null, text: 'kubelet says {bold}no{/bold}', error: true });
    await settle();
    expect(h.screen()).toContain('[0] evil {red-fg}pwned{/red-fg}');
    expect(h.screen()).toContain('[1] kubelet says {bold}no{/bold}');
    expect(h.term.written).not.toContain('owned-title');
    expect(h.term.written).not.toContain('\u202e');
  });
});

describe('log keys per kind (headless)', () => {
  const cj = rawCronJob('nightly');
  const owned = { ownerReferences: [{ apiVersion: 'batch/v1', ...ownerOf(cj, 'CronJob'), controller: true }] };
  const failedRun = rawJob('nightly-1', {}, { startTime: iso(T0 - 7200_000), failed: 1, conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }] }, owned);
  const lastRun = rawJob('nightly-2', {}, { startTime: iso(T0 - 60_000), succeeded: 1, completionTime: iso(T0 - 50_000), conditions: [{ type: 'Complete', status: 'True' }] }, owned);
  const done = { ready: false, containerState: { terminated: { exitCode: 0, reason: 'Completed' } } };
  const cronWorld = snapshot({
    cronjobs: [cj],
    jobs: [failedRun, lastRun],
    pods: [rawPod('nightly-1-a', { owner: ownerOf(failedRun, 'Job'), phase: 'Failed', ...done }), rawPod('nightly-2-b', { owner: ownerOf(lastRun, 'Job'), phase: 'Succeeded', ...done })],
  });

  it("reads a CronJob's last run with l and its last failed run with f, whole", async () => {
    const logs = fakeLogs();
    h = await startApp(new FakeSource(cronWorld), logs.deps);
    await h.press('3', 'l');
    expect(logs.last().targets.map((t) => [t.pod, t.follow])).toEqual([['nightly-2-b', false]]);
    expect(h.screen()).toContain('logs cronjob/nightly last run job/nightly-2');
    await h.press('escape', 'f');
    expect(logs.last().targets.map((t) => [t.pod, t.follow])).toEqual([['nightly-1-a', false]]);
    expect(h.screen()).toContain('logs cronjob/nightly last failed run job/nightly-1');
    logs.last().onEnd();
    await settle();
    expect(h.screen()).toContain('· ended');
  });

  it('says why f is unavailable outside CronJobs and when no run failed', async () => {
    const logs = fakeLogs();
    h = await startApp(new FakeSource(snapshot({ ...world(), cronjobs: [rawCronJob('clean')] })), logs.deps);
    await h.press('f');
    expect(h.screen()).toContain("failed run logs: CronJobs only");
    await h.press('3', 'f');
    expect(h.screen()).toContain('failed run logs: cronjob/clean has no failed run kept');
    expect(logs.calls).toHaveLength(0);
  });

  it("lets the operator choose one of a Job's pods and its container, init containers first", async () => {
    const logs = fakeLogs();
    const job = rawJob('batch', { completions: 2 });
    const initDone = { initContainers: ['fetch'], initStatuses: [{ name: 'fetch', state: { terminated: { exitCode: 0 } } }] };
    h = await startApp(new FakeSource(snapshot({ jobs: [job], pods: [rawPod('batch-a', { owner: ownerOf(job, 'Job'), created: T0 - 900_000, ...initDone }), rawPod('batch-b', { owner: ownerOf(job, 'Job'), ...initDone })] })), logs.deps);
    await h.press('2', 'l');
    expect(h.screen()).toContain('all 2 pods, merged');
    await h.press('down', 'enter');
    expect(h.screen()).toMatch(/│ fetch\s*│[^\n]*\n[^\n]*│ main\s/);
    await h.press('up', 'enter');
    expect(logs.last().targets.map((t) => [t.pod, t.container, t.follow, t.label])).toEqual([['batch-a', 'fetch', false, null]]);
    expect(h.screen()).toContain('logs pod/batch-a [fetch]');
  });
});

function firstLogRow(): string {
  const rows = h.screen().split('\n');
  const title = rows.findIndex((r) => r.includes('logs sts/web'));
  return rows[title + 1] ?? '';
}
