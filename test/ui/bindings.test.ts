// The bindings table: every key of every view, its disabled reasons (read-only first, then the
// selection, the object's state and RBAC), and the RBAC question each action asks.
import { describe, expect, it } from 'vitest';
import { KINDS } from '../../src/kinds/registry.js';
import type { ViewName } from '../../src/kinds/types.js';
import type { Snapshot } from '../../src/model/types.js';
import { Controller, type Host } from '../../src/ui/controller.js';
import { ownerOf, rawCronJob, rawJob, rawPod, rawSts, snapshot, T0 } from '../fixtures/builders.js';

function controller(snap: Snapshot, view: ViewName, opts: { readOnly?: boolean; refuse?: string } = {}): Controller {
  const host: Host = {
    snapshot: () => snap,
    now: () => T0,
    requestRender: () => undefined,
    quit: () => undefined,
    namespace: 'ns',
    switchNamespace: () => undefined,
    pageSize: () => 10,
    overlayPageSize: () => 10,
    listNamespaces: async () => [],
    objectYaml: async () => '',
    streamLogs: () => ({ stop: () => undefined, stopPod: () => undefined }),
    saveText: async () => undefined,
  };
  const port = { refusal: async () => opts.refuse ?? null, send: async () => undefined };
  const c = new Controller(host, opts.readOnly ?? false, port, '');
  c.state.switchView(view);
  return c;
}

const world = (suspended = false, partition = 0) => {
  const sts = rawSts('web', { replicas: 1, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition } } });
  return snapshot({ statefulsets: [sts], pods: [rawPod('web-0', { owner: ownerOf(sts, 'StatefulSet') })], jobs: [rawJob('once', { suspend: suspended })], cronjobs: [rawCronJob('nightly', { suspend: suspended })] });
};

const reason = (c: Controller, id: string) => c.entries().find((e) => e.id === id)!.disabled();

describe('bindings table', () => {
  it('disables every action in read-only mode and nothing else', () => {
    for (const kind of KINDS) {
      const c = controller(world(), kind.view, { readOnly: true });
      const actions = new Set(kind.actions.map((b) => b.id));
      expect(actions.size).toBeGreaterThan(1);
      for (const e of c.entries()) expect(e.disabled() === 'read-only mode', `${kind.view} ${e.id}`).toBe(actions.has(e.id));
    }
  });

  it('gives each key one binding per view', () => {
    for (const kind of KINDS) {
      const seen = new Map<string, string>();
      for (const e of controller(world(), kind.view).entries()) {
        for (const k of e.keys) {
          expect(seen.get(k), `${kind.view}: ${k} bound to ${seen.get(k)} and ${e.id}`).toBeUndefined();
          seen.set(k, e.id);
        }
      }
    }
  });

  it('explains why suspend, resume and partition are not available, and what RBAC forbids', async () => {
    expect(reason(controller(world(true), 'cronjobs'), 'suspend')).toBe('already suspended');
    expect(reason(controller(world(false), 'cronjobs'), 'resume')).toBe('not suspended');
    expect(reason(controller(world(), 'statefulsets'), 'sts.partition')).toBe('no partition to lower');
    expect(reason(controller(world(false, 1), 'statefulsets'), 'sts.partition')).toBeNull();
    const c = controller(world(), 'jobs', { refuse: 'forbidden: patch jobs.batch' });
    expect(reason(c, 'suspend')).toBeNull(); // asked in the background; answered on the next frame
    await new Promise((r) => setTimeout(r, 0));
    expect(reason(c, 'suspend')).toBe('forbidden: patch jobs.batch');
  });

  it('asks RBAC about the resource of the view and the object, by its name (a Role may grant it by resourceNames)', () => {
    const snap = world();
    const byId = (view: ViewName, id: string) => KINDS.find((k) => k.view === view)!.actions.find((b) => b.id === id)!;
    const job = [...snap.kinds.jobs.values()][0]!;
    const sts = [...snap.kinds.statefulsets.values()][0]!;
    expect(byId('jobs', 'suspend').access(KINDS[1]!.viewOf(job, snap, T0))).toEqual({ verb: 'patch', group: 'batch', resource: 'jobs', namespace: 'ns', name: 'once' });
    expect(byId('statefulsets', 'sts.scale').access(KINDS[0]!.viewOf(sts, snap, T0))).toEqual({ verb: 'update', group: 'apps', resource: 'statefulsets', subresource: 'scale', namespace: 'ns', name: 'web' });
  });

  it('says "nothing selected" for an action with no object', () => {
    const c = controller(snapshot({}), 'cronjobs');
    expect(reason(c, 'cj.trigger')).toBe('nothing selected');
  });
});
