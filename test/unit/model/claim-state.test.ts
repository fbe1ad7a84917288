import { describe, expect, it } from 'vitest';
import { claimFindings, modificationOf, requestRefusal, resizeRetryOf } from '../../../src/model/claim-state.js';
import type { PvcRec } from '../../../src/model/types.js';
import { rawPvc, slim, T0, type PvcOpts } from '../../fixtures/builders.js';

const claim = (o: PvcOpts): PvcRec => slim('pvcs', rawPvc('data-db-0', 'Bound', T0 - 60_000, {}, o));
const error = (message: string) => [{ type: 'ModifyVolumeError', status: 'True', message, lastTransitionTime: new Date(T0).toISOString() }];

describe('modificationOf (VolumeAttributesClass)', () => {
  it('is null for a claim that uses no class, done when the class asked for is in effect', () => {
    expect(modificationOf(claim({}))).toBeNull();
    expect(modificationOf(claim({ attributesClass: 'gold', attributesStatus: { current: 'gold' } }))).toMatchObject({ state: 'done', text: 'gold' });
  });

  it('tells a change not started, under way, infeasible and failed apart', () => {
    expect(modificationOf(claim({ attributesClass: 'gold' }))).toMatchObject({ state: 'pending', text: 'asks for gold, has none: no controller has reported yet' });
    expect(modificationOf(claim({ attributesClass: 'gold', attributesStatus: { current: 'silver', target: 'gold', status: 'Pending' } }))!.text).toBe('modify to gold not started (the class may not exist yet), still silver');
    expect(modificationOf(claim({ attributesClass: 'gold', attributesStatus: { current: 'silver', target: 'gold', status: 'InProgress' } }))).toMatchObject({ state: 'in-progress', text: 'modifying silver → gold' });
    expect(modificationOf(claim({ attributesClass: 'gold', attributesStatus: { current: 'silver', target: 'gold', status: 'Infeasible' }, conditions: error('iops 90000 above the limit') }))).toMatchObject({
      state: 'infeasible',
      text: 'modify to gold is infeasible, still silver: iops 90000 above the limit',
    });
    expect(modificationOf(claim({ attributesClass: 'gold', attributesStatus: { current: 'silver', target: 'gold', status: 'InProgress' }, conditions: error('timeout') }))!.state).toBe('failed');
  });
});

describe('resize recovery', () => {
  const infeasible = claim({ requested: '100Gi', capacity: '1Gi', allocated: '100Gi', resizeStatus: 'ControllerResizeInfeasible' });

  it('offers a retry above the capacity after an infeasible expansion, and only then', () => {
    expect(resizeRetryOf(infeasible)).toMatchObject({ requested: '100Gi', capacity: '1Gi' });
    expect(resizeRetryOf(infeasible)!.text).toContain('retry with a size above 1Gi and below 100Gi');
    expect(resizeRetryOf(claim({ requested: '100Gi', capacity: '1Gi', resizeStatus: 'ControllerResizeInProgress' }))).toBeNull();
    expect(resizeRetryOf(claim({}))).toBeNull();
  });

  it('refuses what the API server refuses: at or below the capacity, or any shrink of a claim that has what it asks', () => {
    const Gi = 2 ** 30;
    expect(requestRefusal(infeasible, 2 * Gi)).toBeNull();
    expect(requestRefusal(infeasible, 1 * Gi)).toBe('claim data-db-0: spec.resources.requests.storage can not be less than status.capacity (1Gi): a smaller retry must stay above it');
    expect(requestRefusal(infeasible, 200 * Gi)).toBeNull();
    expect(requestRefusal(claim({ requested: '2Gi' }), 1 * Gi)).toBe('claim data-db-0 requests 2Gi: a claim cannot shrink');
  });

  it('reports an infeasible resize and a stalled or failed attributes change as findings', () => {
    expect(claimFindings(infeasible, 'sts/db').map((f) => [f.severity, f.code])).toEqual([['warning', 'ResizeInfeasible']]);
    const failed = claim({ attributesClass: 'gold', attributesStatus: { current: 'silver', target: 'gold', status: 'Infeasible' } });
    expect(claimFindings(failed, 'sts/db')).toEqual([{ severity: 'warning', code: 'VolumeModifyFailed', object: 'sts/db', namespace: 'ns', message: 'claim data-db-0: modify to gold is infeasible, still silver' }]);
    expect(claimFindings(claim({ attributesClass: 'gold', attributesStatus: { current: 'gold' } }), 'sts/db')).toEqual([]);
  });
});
