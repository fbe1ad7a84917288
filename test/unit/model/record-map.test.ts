import { describe, expect, it } from 'vitest';
import { CHUNKS, RecordMapWriter } from '../../../src/model/record-map.js';
import { byControllerUid, byName, byOrdinalBase, indexesFor } from '../../../src/model/lookup.js';
import { ownerOf, rawPod, rawSts, slim } from '../../fixtures/builders.js';
import type { PodRec } from '../../../src/model/types.js';

function podsOf(n: number): PodRec[] {
  const sts = rawSts('web');
  return Array.from({ length: n }, (_, i) => slim('pods', rawPod(`web-${i}`, { owner: ownerOf(sts, 'StatefulSet') })));
}

describe('RecordMapWriter', () => {
  it('leaves a published map as it was when the writer changes', () => {
    const w = new RecordMapWriter<PodRec>();
    const pods = podsOf(40);
    for (const p of pods) w.set(p.uid, p);
    const before = w.publish();
    w.delete(pods[0]!.uid);
    w.set(pods[1]!.uid, { ...pods[1]!, phase: 'Failed' });
    const after = w.publish();
    expect(before.size).toBe(40);
    expect(before.get(pods[0]!.uid)).toBe(pods[0]);
    expect(before.get(pods[1]!.uid)!.phase).toBe(pods[1]!.phase);
    expect(after.size).toBe(39);
    expect(after.has(pods[0]!.uid)).toBe(false);
    expect(after.get(pods[1]!.uid)!.phase).toBe('Failed');
    expect([...after.values()]).toHaveLength(39);
  });

  it('shares every chunk but the one a change touched', () => {
    const w = new RecordMapWriter<PodRec>();
    for (const p of podsOf(200)) w.set(p.uid, p);
    const before = w.publish();
    expect(w.publish()).toBe(before);
    const changed = [...before.values()][7]!;
    w.set(changed.uid, { ...changed, phase: 'Failed' });
    const after = w.publish();
    const copied = after.chunks.filter((c, i) => c !== before.chunks[i]);
    expect(after.chunks).toHaveLength(CHUNKS);
    expect(copied).toHaveLength(1);
  });
});

describe('lookups', () => {
  it('find records by name, owner and ordinal in the indexes the writer keeps, and follow changes', () => {
    const w = new RecordMapWriter<PodRec>(indexesFor('pods'));
    const pods = podsOf(60);
    for (const p of pods) w.set(p.uid, p);
    const first = w.publish();
    expect(byName(first).get('ns/web-42')).toBe(pods[42]);
    expect(byControllerUid(first).get(pods[0]!.owners[0]!.uid)).toHaveLength(60);
    expect(byOrdinalBase(first).get('ns/web')!.map((e) => e.ordinal).sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i));
    w.delete(pods[42]!.uid);
    const second = w.publish();
    expect(byName(second).get('ns/web-42')).toBeUndefined();
    expect(byName(first).get('ns/web-42')).toBe(pods[42]);
    expect(byOrdinalBase(second).get('ns/web')).toHaveLength(59);
    expect(byOrdinalBase(first).get('ns/web')).toHaveLength(60);
    w.set(pods[3]!.uid, { ...pods[3]!, owners: [] });
    const third = w.publish();
    expect(byControllerUid(third).get(pods[0]!.owners[0]!.uid)).toHaveLength(58);
    expect(byName(third).get('ns/web-3')!.owners).toEqual([]);
  });

  it('publish a change to one record by copying one chunk of the records and of each index', () => {
    const w = new RecordMapWriter<PodRec>(indexesFor('pods'));
    for (const p of podsOf(300)) w.set(p.uid, p);
    const before = w.publish();
    const changed = [...before.values()][11]!;
    w.set(changed.uid, { ...changed, phase: 'Failed' });
    const after = w.publish();
    for (const id of ['name', 'owner', 'ordinal']) {
      const was = before.indexes.get(id)!;
      const now = after.indexes.get(id)!;
      expect(now.chunks.filter((c, i) => c !== was.chunks[i]).length, id).toBe(1);
    }
    expect(byName(after).get(`ns/${changed.name}`)!.phase).toBe('Failed');
  });

  it('work the same on a plain Map', () => {
    const pods = podsOf(3);
    const plain = new Map(pods.map((p) => [p.uid, p]));
    expect(byName(plain).get('ns/web-1')).toBe(pods[1]);
  });
});
