// The fleet view (headless): one row per context from model/fleet.ts, unknown contexts with their
// reason, the next run across the fleet, F and :fleet, Enter into a context, at 120×40 and 80×24.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { fleetRow, unknownRow, type FleetRow } from '../../src/model/fleet.js';
import type { Snapshot } from '../../src/model/types.js';
import type { ContextDeps } from '../../src/ui/app.js';
import type { Fleet } from '../../src/ui/fleet.js';
import { rawCronJob, rawJob, rawSts, snapshot, T0 } from '../fixtures/builders.js';
import { appPerTest, FakeSource } from './harness.js';

const { start, settle } = appPerTest();

const SNAPS: Record<string, Snapshot> = {
  alpha: snapshot({ statefulsets: [rawSts('db')], jobs: [rawJob('migrate', { backoffLimit: 0 }, { failed: 1, conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }] })] }),
  // beta may not list StatefulSets; its CronJob runs every 5 minutes.
  beta: snapshot({ cronjobs: [rawCronJob('nightly', { schedule: '7 * * * *' })] }, 'ns', { statefulsets: 'forbidden' }),
};
const UNREACHABLE = 'cannot reach the API server at https://10.0.0.1:6443: connection refused';

class FakeFleet extends EventEmitter implements Fleet {
  readonly contexts = ['alpha', 'beta', 'gamma'];
  rows(now: number): FleetRow[] {
    return this.contexts.map((c) => (SNAPS[c] ? fleetRow(c, SNAPS[c]!, now) : unknownRow(c, UNREACHABLE)));
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

const fleetDeps = (opened: string[]) => ({
  ...context('alpha'),
  now: () => T0,
  fleet: new FakeFleet(),
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
