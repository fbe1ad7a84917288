// A StatefulSet's rollout history from real ControllerRevisions (captured from the local cluster
// after two template changes: revision 1 on ordinal 0 below partition 1, revision 3 on 1 and 2).
import { describe, expect, it } from 'vitest';
import { slim, snapshot, T0 } from '../../fixtures/builders.js';
import revisionList from '../../fixtures/api/revisions/controllerrevisions.json' with { type: 'json' };
import podList from '../../fixtures/api/revisions/pods.json' with { type: 'json' };
import stsFixture from '../../fixtures/api/revisions/statefulset.json' with { type: 'json' };
import { revision } from '../../../src/kube/slim.js';
import { undoRequest } from '../../../src/model/requests.js';
import { findRevision, historyRows, lineDiff, revisionTemplate, templateDiff, undoPreview, type RevisionRec } from '../../../src/model/revisions.js';
import { statefulSetView } from '../../../src/model/statefulset.js';

const raw = structuredClone(stsFixture) as Record<string, any>;
const revisions: RevisionRec[] = (revisionList.items as Record<string, any>[]).map(revision);
const byNumber = (n: number) => revisions.find((r) => r.revision === n)!;
const viewOf = (sts: Record<string, any>) => statefulSetView(slim('statefulsets', sts), snapshot({ statefulsets: [sts], pods: podList.items as Record<string, any>[] }, 'hist-fix'), T0);
const v = viewOf(raw);

describe('rollout history', () => {
  it('lists the revisions the StatefulSet controls, oldest first, with the ordinals running each', () => {
    const foreign = { ...byNumber(2), name: 'other-594dc65b75', owner: 'another-uid', revision: 7 };
    expect(historyRows(v, [...revisions, foreign]).map((r) => [r.revision, r.name, r.ordinals, r.current, r.update])).toEqual([
      [1, 'web-7c4dd7d5d8', [0], true, false],
      [2, 'web-594dc65b75', [], false, false],
      [3, 'web-6c685d79b8', [1, 2], false, true],
    ]);
  });

  it('says the ordinals are unknown, not none, when pods are not visible', () => {
    const hidden = statefulSetView(slim('statefulsets', raw), snapshot({ statefulsets: [raw] }, 'hist-fix', { pods: 'forbidden' }), T0);
    expect(historyRows(hidden, revisions).map((r) => r.ordinals)).toEqual([null, null, null]);
  });

  it('finds --to-revision as kubectl does: N, or 0 for the one before the latest', () => {
    expect((findRevision(revisions, v.uid, 0) as RevisionRec).revision).toBe(2);
    expect((findRevision(revisions, v.uid, 1) as RevisionRec).name).toBe('web-7c4dd7d5d8');
    expect(findRevision(revisions, v.uid, 9)).toEqual({ error: 'unable to find specified revision 9 in history' });
    expect(findRevision([byNumber(1)], v.uid, 0)).toEqual({ error: 'no last revision to roll back to' });
  });

  it('diffs two pod templates line by line', () => {
    expect(templateDiff(revisionTemplate(byNumber(1)), revisionTemplate(byNumber(3)), 1).map((l) => `${l.op}${l.text}`)).toEqual([
      ' metadata:',
      '+  annotations:',
      '+    kstate.dev/v: "3"',
      '   labels:',
      ' …',
      '   containers:',
      '-    - image: nginx:1.27',
      '+    - image: nginx:1.28',
      '       imagePullPolicy: IfNotPresent',
    ]);
    expect(lineDiff(['a', 'b'], ['a', 'b'])).toEqual([]);
  });

  it('previews an undo: the template diff, the ordinals replaced at or above the partition, those left below it', () => {
    const to1 = undoPreview(v, raw.spec.template, byNumber(1));
    expect([to1.matches, to1.replaced, to1.left, to1.note]).toEqual([false, [2, 1], [], null]);
    const to2 = undoPreview(v, raw.spec.template, byNumber(2));
    expect([to2.replaced, to2.left]).toEqual([[2, 1], [0]]);
    expect(undoPreview(v, raw.spec.template, byNumber(3)).matches).toBe(true);
    const onDelete = undoPreview(viewOf({ ...raw, spec: { ...raw.spec, updateStrategy: { type: 'OnDelete' } } }), raw.spec.template, byNumber(1));
    expect([onDelete.replaced, onDelete.left, onDelete.note]).toEqual([[], [1, 2], 'updateStrategy OnDelete: no pod is replaced until it is deleted']);
  });

  it("sends the revision's stored patch as a strategic merge patch, with the resourceVersion it was previewed at", () => {
    const r = byNumber(1);
    expect(undoRequest('hist-fix', 'web', 1, r.data, '4400')).toEqual({
      method: 'PATCH',
      path: '/apis/apps/v1/namespaces/hist-fix/statefulsets/web',
      contentType: 'application/strategic-merge-patch+json',
      body: { metadata: { resourceVersion: '4400' }, spec: { template: { ...(revisionList.items[2] as any).data.spec.template } } },
      summary: 'roll back statefulset web to revision 1',
      access: { verb: 'patch', group: 'apps', resource: 'statefulsets', namespace: 'hist-fix', name: 'web' },
    });
    expect((undoRequest('hist-fix', 'web', 1, r.data, '1').body as any).spec.template.$patch).toBe('replace');
  });
});
