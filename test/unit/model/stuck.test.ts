// A stuck ordinal, from objects captured on the local cluster: a StatefulSet's pod bound to a Node
// no kubelet reports for (Ready Unknown, NodeStatusNeverUpdated), deleted with a 2 s grace period
// and left Terminating. Then the force delete that frees the identity.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planEach } from '../../../src/kinds/plan.js';
import { statefulSets } from '../../../src/kinds/statefulsets/index.js';
import { check, skippedChecks } from '../../../src/model/health.js';
import { statefulSetView } from '../../../src/model/statefulset.js';
import { statefulSetViewOf } from '../../../src/model/views.js';
import { nodeState, stuckOrdinal } from '../../../src/model/stuck.js';
import type { StatefulSetRec } from '../../../src/model/types.js';
import { snapshot, type Hidden } from '../../fixtures/builders.js';

const load = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/api/stuck/${name}.json`, import.meta.url), 'utf8'));
const STS = load('statefulset');
const POD = load('pod-terminating');
const UNKNOWN_NODE = load('node-unknown');
const READY_NODE = { ...load('node-ready'), metadata: { ...load('node-ready').metadata, name: UNKNOWN_NODE.metadata.name } };
const DUE = Date.parse(POD.metadata.deletionTimestamp);
const NODE_SINCE = Date.parse(UNKNOWN_NODE.status.conditions.find((c: any) => c.type === 'Ready').lastTransitionTime);
const NS = STS.metadata.namespace;

const notDeleting = { ...POD, metadata: { ...POD.metadata, deletionTimestamp: undefined, deletionGracePeriodSeconds: undefined } };

function world(o: { pod?: any; nodes?: any[]; hidden?: Hidden } = {}) {
  const snap = snapshot({ statefulsets: [STS], pods: [o.pod ?? POD], nodes: o.nodes ?? [UNKNOWN_NODE], pvcs: [], services: [] }, NS, o.hidden);
  const rec = [...snap.kinds.statefulsets.values()][0] as StatefulSetRec;
  return { snap, view: (now: number) => statefulSetView(rec, snap, now) };
}

describe('nodeState', () => {
  it('reads the Ready condition the node lifecycle controller set, with its reason and message', () => {
    const { snap } = world();
    expect(nodeState('kstate-stuck-fixture', snap)).toEqual({
      name: 'kstate-stuck-fixture',
      down: true,
      text: 'NotReady (Unknown: NodeStatusNeverUpdated: Kubelet never posted node status.)',
      since: NODE_SINCE,
    });
    expect(nodeState('kstate-stuck-fixture', world({ nodes: [READY_NODE] }).snap).down).toBe(false);
  });

  it('a Node object that is gone is down; nodes that cannot be listed are unknown, with the reason', () => {
    expect(nodeState('kstate-stuck-fixture', world({ nodes: [] }).snap)).toEqual({ name: 'kstate-stuck-fixture', down: true, text: 'missing (no Node object)', since: null });
    expect(nodeState('kstate-stuck-fixture', world({ hidden: { nodes: 'forbidden' } }).snap)).toEqual({
      name: 'kstate-stuck-fixture',
      down: null,
      text: 'state unknown (forbidden: cannot list nodes (cluster-scoped))',
      since: null,
    });
  });
});

describe('stuck ordinals', () => {
  it('a pod terminating past its deletionTimestamp (the grace period included) on a NotReady node: the finding says both, and for how long', () => {
    const { view } = world();
    const v = view(DUE + 125_000);
    expect(v.rows[0]!.stuck).toMatchObject({ pastDue: true, dueAt: DUE, since: DUE });
    expect(v.status).toBe('Blocked');
    expect(v.blocking).toMatchObject({ ordinal: 0, reason: 'Stuck', since: DUE });
    const node = `node kstate-stuck-fixture: NotReady (Unknown: NodeStatusNeverUpdated: Kubelet never posted node status.) for ${Math.floor((DUE + 125_000 - NODE_SINCE) / 60_000)}m`;
    expect(v.findings.filter((f) => f.code === 'StuckOrdinal' || f.code === 'BlockedOrdinal')).toEqual([
      {
        severity: 'failure',
        code: 'StuckOrdinal',
        object: 'sts/web',
        namespace: NS,
        message: `ordinal 0 is stuck: pod web-0 is terminating 2m5s past its grace period; ${node}; the controller makes no replacement while the pod object exists`,
      },
    ]);
  });

  it('within its grace period on a Ready node it is not stuck; past it, it is, the node Ready', () => {
    const ready = world({ nodes: [READY_NODE] });
    expect(ready.view(DUE).rows[0]!.stuck).toBeNull();
    expect(ready.view(DUE).findings.some((f) => f.code === 'StuckOrdinal')).toBe(false);
    expect(ready.view(DUE + 1000).rows[0]!.stuck).toMatchObject({ pastDue: true, node: { down: false, text: 'Ready' } });
  });

  it('a pod not being deleted is stuck while its node is NotReady or gone, since the node went', () => {
    const onDead = world({ pod: notDeleting }).view(DUE);
    expect(onDead.rows[0]!.stuck).toMatchObject({ pastDue: false, since: NODE_SINCE });
    expect(onDead.findings.find((f) => f.code === 'StuckOrdinal')!.message).toMatch(/^ordinal 0 is stuck: pod web-0 stays on a node that is not ready; node kstate-stuck-fixture: NotReady/);
    expect(world({ pod: notDeleting, nodes: [] }).view(DUE).findings.find((f) => f.code === 'StuckOrdinal')!.message).toContain('node kstate-stuck-fixture: missing (no Node object);');
    expect(world({ pod: notDeleting, nodes: [READY_NODE] }).view(DUE).rows[0]!.stuck).toBeNull();
  });

  it('nodes forbidden: a pod past its grace period is still found, its node state unknown with the reason; the node half is a skipped check', () => {
    const { snap, view } = world({ hidden: { nodes: 'forbidden' } });
    expect(view(DUE + 5000).findings.find((f) => f.code === 'StuckOrdinal')!.message).toContain('node kstate-stuck-fixture: state unknown (forbidden: cannot list nodes (cluster-scoped));');
    expect(world({ pod: notDeleting, hidden: { nodes: 'forbidden' } }).view(DUE).rows[0]!.stuck).toBeNull();
    expect(skippedChecks(snap)).toEqual([{ kind: 'nodes', reason: 'forbidden: cannot list nodes (cluster-scoped)', checks: ['StuckOrdinal'] }]);
    expect(check(snap, DUE + 5000, { graceMs: 300_000 }).map((f) => f.code)).toContain('StuckOrdinal');
  });

  it('the memoised view changes when only the node does (the pod record the same)', () => {
    const { snap } = world({ pod: notDeleting });
    const rec = [...snap.kinds.statefulsets.values()][0] as StatefulSetRec;
    const ready = snapshot({ nodes: [READY_NODE] }, NS);
    const next = { ...snap, version: 2, kinds: { ...snap.kinds, nodes: ready.kinds.nodes } };
    expect(statefulSetViewOf(rec, snap, DUE).rows[0]!.stuck).not.toBeNull();
    expect(statefulSetViewOf(rec, next, DUE).rows[0]!.stuck).toBeNull();
  });

  it('stuckOrdinal: exactly at the deletionTimestamp the deletion is not yet past due', () => {
    const { snap } = world({ nodes: [READY_NODE] });
    const pod = [...snap.kinds.pods.values()][0]!;
    expect(stuckOrdinal(pod, nodeState(pod.nodeName, snap), DUE)).toBeNull();
  });
});

describe('force delete', () => {
  const action = statefulSets.actions.find((a) => a.id === 'sts.forceDeletePod')!;
  const at = (snap: ReturnType<typeof world>['snap'], now: number) => ({ snapshot: () => snap, now: () => now });

  it('sends DELETE with grace period 0 and the pod uid as precondition, after the risk, the pod name typed', () => {
    const { snap, view } = world();
    const v = view(DUE + 60_000);
    expect(action.disabledReason!(v, snap)).toBeNull();
    expect(action.ask![0]!.kind === 'pick' && action.ask![0]!.items(v, at(snap, DUE))).toEqual(['web-0']);
    const plan = action.plan(v, at(snap, DUE + 60_000), ['web-0']);
    if ('skip' in plan) throw new Error(plan.skip);
    expect(plan.targets.map((t) => [t.request.method, t.request.path, t.request.body, t.request.access])).toEqual([
      [
        'DELETE',
        `/api/v1/namespaces/${NS}/pods/web-0`,
        { apiVersion: 'v1', kind: 'DeleteOptions', gracePeriodSeconds: 0, propagationPolicy: 'Background', preconditions: { uid: POD.metadata.uid } },
        { verb: 'delete', group: '', resource: 'pods', namespace: NS, name: 'web-0' },
      ],
    ]);
    expect(plan.typed).toEqual({ label: 'type the pod name to force delete it (web-0): ', name: 'web-0', alone: 'a force delete goes alone, its pod name typed' });
    const text = plan.lines.map((l) => l.map((s) => s.text).join(''));
    expect(text).toContain('! if node kstate-stuck-fixture is still running it, two pods with identity web-0 may run at once; anything it writes elsewhere under that name may be written by both.');
    expect(text[1]).toMatch(/^ {2}stuck: pod web-0 is terminating 60s past its grace period; node kstate-stuck-fixture: NotReady/);
  });

  it('refuses a pod that is not stuck, and is never one of several', () => {
    const ready = world({ nodes: [READY_NODE] });
    const v = ready.view(DUE);
    expect(action.disabledReason!(v, ready.snap)).toBe('no stuck ordinal');
    expect(action.plan(v, at(ready.snap, DUE), ['web-0'])).toEqual({ skip: 'pod web-0 is not stuck (not past its grace period, its node not known to be down): delete it normally (x)' });
    const { snap, view } = world();
    const bulk = planEach('force delete', action, [{ name: 'sts/web', v: view(DUE + 1000) }], at(snap, DUE + 1000), ['web-0']);
    expect([bulk.targets, bulk.skipped]).toEqual([[], [{ name: 'sts/web', reason: 'a force delete goes alone, its pod name typed', refused: false }]]);
    expect(action.bulk).toBeUndefined();
  });
});
