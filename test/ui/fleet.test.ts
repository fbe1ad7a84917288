// The fleet view (headless): one row per context from model/fleet.ts, unknown contexts with their
// reason, the next run across the fleet, F and :fleet, Enter into a context, at 120×40 and 80×24.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { fleetRow, unknownRow, type FleetRow } from '../../src/model/fleet.js';
import type { Snapshot } from '../../src/model/types.js';
import type { ContextDeps } from '../../src/ui/app.js';
import type { Fleet } from '../../src/ui/fleet.js';
import type { ActionPort } from '../../src/ui/runner.js';
import { rawCronJob, rawJob, rawSts, snapshot, T0 } from '../fixtures/builders.js';
import { appPerTest, FakeSource } from './harness.js';

const { start, settle } = appPerTest();

const SNAPS: Record<string, Snapshot> = {
  alpha: snapshot({ statefulsets: [rawSts('db')], jobs: [rawJob('migrate', { backoffLimit: 0 }, { failed: 1, conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }] })] }),
  // beta may not list StatefulSets; its CronJob runs every 5 minutes.
  beta: snapshot({ cronjobs: [rawCronJob('nightly', { schedule: '7 * * * *' })] }, 'ns', { statefulsets: 'forbidden' }),
};
const UNREACHABLE = 'cannot reach the API server at https://10.0.0.1:6443: connection refused';

/** What each context's own writer was asked: [context, method, path]. */
type Sent = [string, string, string][];

class FakeFleet extends EventEmitter implements Fleet {
  readonly contexts = ['alpha', 'beta', 'gamma'];
  constructor(
    private readonly snaps: Record<string, Snapshot> = SNAPS,
    readonly sent: Sent = [],
    /** A context's RBAC answer for an object, by name. */
    private readonly forbidden: Record<string, string> = {},
  ) {
    super();
  }
  rows(now: number): FleetRow[] {
    return this.contexts.map((c) => (this.snaps[c] ? fleetRow(c, this.snaps[c]!, now) : unknownRow(c, UNREACHABLE)));
  }
  snapshot(c: string): Snapshot | null {
    return this.snaps[c] ?? null;
  }
  actions(c: string): ActionPort | undefined {
    if (!this.snaps[c]) return undefined;
    return {
      refusal: async (q) => (this.forbidden[`${c}/${q.name}`] ? `forbidden: patch cronjobs "${q.name}"` : null),
      send: async (r) => this.sent.push([c, r.method, r.path]),
    };
  }
  async stop(): Promise<void> {}
}

function context(name: string): ContextDeps {
  return {
    context: name,
    server: `https://${name}:6443`,
    namespace: 'ns',
    openSource: () => new FakeSource(SNAPS[name] ?? snapshot({})),
    listNamespaces: async () => ['ns'],
    objectYaml: async () => '',
    streamLogs: () => ({ stop: () => undefined, stopPod: () => undefined }),
  };
}

const fleetDeps = (opened: string[], fleet = new FakeFleet()) => ({
  ...context('alpha'),
  now: () => T0,
  fleet,
  contexts: {
    names: () => ['alpha', 'beta', 'gamma'],
    open: async (name: string) => (opened.push(name), context(name)),
  },
});

const rowOf = (screen: string, name: string) => screen.split('\n').find((l) => l.startsWith(`│▶ ${name} `) || l.startsWith(`│  ${name} `)) ?? '';

describe('the fleet view', () => {
  it('opens on one row per context, with the unknown one and its reason, and the next run across them', async () => {
    const h = await start({} as never, fleetDeps([]));
    const s = h.screen();
    expect(s).toContain('fleet: 3 contexts');
    expect(s).toContain('next run across the fleet: in 7m beta ns/nightly');
    expect(s).toMatch(/CONTEXT\s+CONNECTION\s+STS RDY\s+BLOCKED\s+JOBS ACT\s+FAILED\s+CJ FAIL\s+NEXT RUN\s+WORST/);
    // alpha: its StatefulSet not ready (no pod yet), none blocked, no Job active, one failed, no CronJob; its worst finding.
    expect(rowOf(s, 'alpha')).toMatch(/▶ alpha\s+● connected\s+0\/1\s+0\s+0\s+1\s+0\/0\s+-\s+✗ job\/migrate JobFailed/);
    // beta: StatefulSets forbidden read "?" (never 0), and say why.
    // A reason too long to sit beside its row is on the line under it, whole.
    expect(s).toMatch(/│  beta\s+● connected\s+\?\s+\?\s+0\s+0\s+0\/1\s+in 7m\s+│\n│ {2}forbidden: cannot list statefulsets\.apps in namespace "ns"\s+│/);
    expect(s).toMatch(/│  gamma\s+✗ unknown(\s+\?){6}\s+│\n│ {2}cannot reach the API server at https:\/\/10\.0\.0\.1:6443: connection refused\s+│/);
  });

  it('goes into the selected context with Enter, and comes back with F or :fleet', async () => {
    const opened: string[] = [];
    const h = await start({} as never, fleetDeps(opened));
    await h.press('j', 'enter');
    await settle();
    expect(opened).toEqual(['beta']);
    expect(h.screen()).toContain('ctx beta');
    expect(h.screen()).not.toContain('fleet: 3 contexts');
    await h.press('F');
    expect(h.screen()).toContain('fleet: 3 contexts');
    expect(rowOf(h.screen(), 'beta')).toContain('▶ beta');
    await h.press('escape');
    expect(h.screen()).not.toContain('fleet: 3 contexts');
    await h.press(':', 'f', 'l', 'e', 'e', 't', 'enter');
    expect(h.screen()).toContain('fleet: 3 contexts');
    // Enter on the current context just closes the view.
    await h.press('enter');
    await settle();
    expect(opened).toEqual(['beta']);
  });

  it('puts the worst finding under its row at 80×24, where it does not fit beside', async () => {
    const h = await start({} as never, fleetDeps([]), [80, 24]);
    const lines = h.screen().split('\n');
    const gamma = lines.findIndex((l) => l.includes(' gamma '));
    expect(lines[gamma]).toMatch(/gamma\s+✗ unknown(\s+\?){6}\s+│$/);
    expect(lines[gamma + 1]).toMatch(/^│ {2}cannot reach the API server at https:\/\/10\.0\.0\.1:6443: connection refused\s+│$/);
    const alpha = lines.findIndex((l) => l.startsWith('│▶ alpha '));
    expect(lines[alpha + 1]).toMatch(/^│ {2}✗ job\/migrate JobFailed \(\+2\)\s+│$/);
    expect(lines.every((l) => l.length <= 80)).toBe(true);
  });

  it('says how to get one when the dashboard has one context', async () => {
    const h = await start({} as never, context('alpha'));
    expect(h.screen()).not.toContain('fleet:');
    await h.press('F');
    expect(h.screen()).toContain('fleet: one context: start with --context a,b or --all-contexts');
  });
});

describe('lists across the fleet', () => {
  // Two contexts with CronJobs; gamma unreachable.
  const snaps: Record<string, Snapshot> = {
    alpha: snapshot({ statefulsets: [rawSts('db')], cronjobs: [rawCronJob('nightly', { schedule: '0 3 * * *' }), rawCronJob('weekly', { schedule: '0 4 * * 0' })] }),
    beta: snapshot({ cronjobs: [rawCronJob('nightly', { schedule: '7 * * * *' })] }, 'ns', { statefulsets: 'forbidden' }),
  };

  it("shows one kind's objects of every context under CONTEXT, and names the context that cannot show it", async () => {
    const h = await start({} as never, fleetDeps([], new FakeFleet(snaps)));
    await h.press('3');
    const s = h.screen();
    expect(s).toContain('CronJobs in 2 of 3 contexts: 3');
    expect(s).toContain('✗ CronJobs unknown in gamma: not connected');
    expect(s).toMatch(/CONTEXT\s+NAMESPACE\s+NAME\s+SCHEDULE/);
    const rows = s.split('\n').filter((l) => /^│\s*(alpha|beta)\s/.test(l)).map((l) => l.replace(/^│\s*/, '').split(/\s+/).filter((w) => w !== '!').slice(0, 3).join(' '));
    expect(rows).toEqual(['alpha ns nightly', 'alpha ns weekly', 'beta ns nightly']);
    await h.press('1');
    expect(h.screen()).toContain('✗ StatefulSets unknown in beta: forbidden');
  });

  it('suspends the marked objects of two contexts after one confirmation listing each under its context, each sent by its own writer', async () => {
    const fleet = new FakeFleet(snaps, [], { 'alpha/weekly': 'forbidden' });
    const h = await start({} as never, fleetDeps([], fleet));
    await h.press('3', 'a', 'z');
    await settle();
    const s = h.screen();
    expect(s).toContain('suspend: 2 object(s), 1 skipped');
    // The dialog's lines, in order, each target under its context.
    const dialog = s.split('\n').flatMap((l) => /│ ((?:Context:|•|✗ skipped) [^│]*?)\s*│/.exec(l)?.[1] ?? []);
    expect(dialog).toEqual(['Context: alpha', '• suspend cronjob/nightly', '✗ skipped cronjob/weekly: forbidden: patch cronjobs "weekly"', 'Context: beta', '• suspend cronjob/nightly']);
    // The check is answered: the status line no longer says it is checking.
    expect(s).not.toContain('checking');
    expect(fleet.sent).toEqual([]);
    await h.press('y');
    await settle();
    expect(fleet.sent).toEqual([
      ['alpha', 'PATCH', '/apis/batch/v1/namespaces/ns/cronjobs/nightly'],
      ['beta', 'PATCH', '/apis/batch/v1/namespaces/ns/cronjobs/nightly'],
    ]);
    // Back on the list across the fleet, its marks kept; the action log names each context.
    expect(h.screen()).toContain('CronJobs in 2 of 3 contexts: 3 · 3 marked');
    await h.press('escape', 'L');
    expect(h.screen()).toMatch(/✓ \[alpha\] suspend cronjob\/nightly[\s\S]*✓ \[beta\] suspend cronjob\/nightly/);
  });

  it('fits 80×24: every row under its context, the marks, the keys', async () => {
    const h = await start({} as never, fleetDeps([], new FakeFleet(snaps)), [80, 24]);
    await h.press('3', 'j', ' ');
    const lines = h.screen().split('\n');
    expect(lines.every((l) => l.length <= 80)).toBe(true);
    expect(h.screen()).toContain('CronJobs in 2 of 3 contexts: 3 · 1 marked');
    expect(lines.filter((l) => l.startsWith('│✓ '))).toHaveLength(1);
    expect(lines.find((l) => l.startsWith('│✓ '))).toMatch(/^│✓ alpha\s+ns\s+! weekly\s/);
    expect(lines.find((l) => l.includes('z suspend'))).toMatch(/│z suspend · u resume · t trigger \(the marked rows, else the selected one\)\s*│$/);
    expect(lines.find((l) => l.includes('space mark'))).toMatch(/│space mark · .* · Esc back\s*│$/);
  });

  it('sends nothing in read-only mode', async () => {
    const fleet = new FakeFleet(snaps);
    const h = await start({} as never, { ...fleetDeps([], fleet), readOnly: true });
    await h.press('3', 'a', 'z');
    await settle();
    expect(h.screen()).toContain('suspend: read-only mode');
    expect(h.screen()).not.toContain('y: do it');
    expect(fleet.sent).toEqual([]);
  });

  it('acts on the rows of the kind switched to, with keys typed ahead of the next frame', async () => {
    const fleet = new FakeFleet(snaps);
    const h = await start({} as never, fleetDeps([], fleet));
    await h.press('1', 'G');
    await h.press('3 z'); // one chunk: CronJobs, mark the first, suspend — before a frame is drawn
    await settle();
    const dialog = h.screen().split('\n').flatMap((l) => /│ ((?:Context:|•) [^│]*?)\s*│/.exec(l)?.[1] ?? []);
    expect(dialog).toEqual(['Context: alpha', '• suspend cronjob/nightly']);
  });

  it('goes into the selected object\'s context with Enter, that object selected', async () => {
    const opened: string[] = [];
    const h = await start({} as never, fleetDeps(opened, new FakeFleet(snaps)));
    await h.press('3', 'G', 'enter');
    await settle();
    expect(opened).toEqual(['beta']);
    expect(h.screen()).toContain('ctx beta');
    expect(h.screen()).toMatch(/CronJobs \(1\)/);
  });
});
