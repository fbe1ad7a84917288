// What a Job's policies mean, from API objects: per-index budgets counted from the pods' failure
// annotations, the pod failure policy in words and the rule that failed the Job, the success
// policy in words, and managedBy.
import { describe, expect, it } from 'vitest';
import { budgetText, budgetTone, failedByRule, failureRules, managedElsewhere, retryBudget, successWords } from '../../../src/model/job-policy.js';
import type { JobRec, PodRec } from '../../../src/model/types.js';
import { ownerOf, rawJob, rawPod, snapshot } from '../../fixtures/builders.js';

const jobOf = (spec: Record<string, unknown>, status: Record<string, unknown> = {}): JobRec => [...snapshot({ jobs: [rawJob('j', spec, status)] }).kinds.jobs.values()][0]!;

describe('the retry budget', () => {
  it('is the Job’s backoffLimit without per-index backoff', () => {
    const b = retryBudget(jobOf({ backoffLimit: 2 }, { failed: 3 }), [], 0);
    expect(b).toEqual({ scope: 'job', limit: 2, failed: 3, failedIndexes: null, maxFailedIndexes: null, perIndex: null });
    expect([budgetText(b), budgetTone(b)]).toEqual(['3/2', 'bad']);
  });

  it('counts each index’s failures from its pods (the failures before a pod, and its own) and the failed indexes against maxFailedIndexes', () => {
    const raw = rawJob('j', { completionMode: 'Indexed', completions: 3, backoffLimit: 2147483647, backoffLimitPerIndex: 2, maxFailedIndexes: 1 }, { failed: 4, failedIndexes: '1' });
    const snap = snapshot({
      jobs: [raw],
      pods: [
        rawPod('j-0-a', { phase: 'Failed', owner: ownerOf(raw, 'Job'), annotations: { 'batch.kubernetes.io/job-completion-index': '0', 'batch.kubernetes.io/job-index-failure-count': '0' } }),
        rawPod('j-0-b', { phase: 'Running', owner: ownerOf(raw, 'Job'), annotations: { 'batch.kubernetes.io/job-completion-index': '0', 'batch.kubernetes.io/job-index-failure-count': '1' } }),
        rawPod('j-1-c', { phase: 'Failed', owner: ownerOf(raw, 'Job'), annotations: { 'batch.kubernetes.io/job-completion-index': '1', 'batch.kubernetes.io/job-index-failure-count': '2' } }),
      ],
    });
    const job = [...snap.kinds.jobs.values()][0]!;
    const b = retryBudget(job, [...snap.kinds.pods.values()] as PodRec[], 3);
    expect(b).toEqual({ scope: 'index', limit: 2, failed: 4, failedIndexes: 1, maxFailedIndexes: 1, perIndex: [1, 3, 0] });
    expect([budgetText(b), budgetTone(b)]).toEqual(['1/1 idx', 'warn']);
  });
});

describe('the pod failure policy', () => {
  it('reads each rule in words', () => {
    const job = jobOf({
      podFailurePolicy: {
        rules: [
          { action: 'FailJob', onExitCodes: { containerName: 'main', operator: 'In', values: [42, 43] } },
          { action: 'Count', onExitCodes: { operator: 'NotIn', values: [0] } },
          { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
        ],
      },
    });
    expect(failureRules(job)).toEqual([
      { action: 'FailJob', when: 'container main exits with 42 or 43' },
      { action: 'Count', when: 'a container exits with a code other than 0' },
      { action: 'Ignore', when: 'pod condition DisruptionTarget is True' },
    ]);
  });

  it('names the rule that failed the Job from its condition', () => {
    const message = 'Container main for pod ns/j-x failed with exit code 42 matching FailJob rule at index 0';
    expect(failedByRule(jobOf({}, { conditions: [{ type: 'Failed', status: 'True', reason: 'PodFailurePolicy', message }] }))).toEqual({ rule: 0, text: message });
    expect(failedByRule(jobOf({}, { conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'x' }] }))).toBeNull();
  });
});

describe('the success policy and managedBy', () => {
  it('says when the Job is done', () => {
    expect(successWords(jobOf({ successPolicy: { rules: [{ succeededIndexes: '0-2' }, { succeededCount: 5 }] } }))).toBe('done when indexes 0-2 succeed, or when 5 indexes succeed (the rest are then stopped, not failed)');
    expect(successWords(jobOf({}))).toBeNull();
  });

  it('tells another controller from the Job controller', () => {
    expect(managedElsewhere(jobOf({ managedBy: 'kueue.x-k8s.io/multikueue' }))).toBe('kueue.x-k8s.io/multikueue');
    expect(managedElsewhere(jobOf({ managedBy: 'kubernetes.io/job-controller' }))).toBeNull();
    expect(managedElsewhere(jobOf({}))).toBeNull();
  });
});
