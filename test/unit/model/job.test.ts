import { describe, expect, it } from 'vitest';
import { formatIntervals, parseIntervals } from '../../../src/model/intervals.js';
import { jobView } from '../../../src/model/job.js';
import { iso, ownerOf, rawJob, rawPod, slim, snapshot, T0 } from '../../fixtures/builders.js';

const cond = (type: string, reason = '', message = '', at = T0 - 10_000) => ({ type, status: 'True', reason, message, lastTransitionTime: iso(at) });

function view(spec: Record<string, any> = {}, status: Record<string, any> = {}, pods: ((job: any) => any)[] = [], meta: Record<string, any> = {}) {
  const job = rawJob('work', spec, status, meta);
  return jobView(slim('jobs', job), snapshot({ jobs: [job], pods: pods.map((p) => p(job)) }), T0);
}

describe('intervals', () => {
  it('parses and writes the API index-set form', () => {
    expect([...parseIntervals('1,3-5,7')]).toEqual([1, 3, 4, 5, 7]);
    expect([...parseIntervals('')]).toEqual([]);
    expect([...parseIntervals('0-9', 3)]).toEqual([0, 1, 2]);
    expect([...parseIntervals('x,2,4-')]).toEqual([2]);
    expect(formatIntervals([7, 1, 3, 4, 5])).toBe('1,3-5,7');
    expect(formatIntervals([])).toBe('');
  });
});

describe('jobView', () => {
  it('reports a completed job with its duration', () => {
    const v = view({ completions: 3, parallelism: 3 }, { succeeded: 3, completionTime: iso(T0 - 60_000), conditions: [cond('SuccessCriteriaMet'), cond('Complete', '', '', T0 - 60_000)] });
    expect(v.status).toBe('Complete');
    expect(v.succeeded).toBe(3);
    expect(v.durationMs).toBe(50_000);
    expect(v.findings).toEqual([]);
  });

  it('reports a failed job with its reason as a failure finding', () => {
    const v = view({ backoffLimit: 2 }, { failed: 3, conditions: [cond('FailureTarget', 'BackoffLimitExceeded'), cond('Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit')] });
    expect(v.status).toBe('Failed');
    expect(v.reason).toBe('BackoffLimitExceeded');
    expect(v.findings).toEqual([expect.objectContaining({ severity: 'failure', code: 'JobFailed', object: 'job/work' })]);
    expect(v.findings[0]!.message).toContain('BackoffLimitExceeded');
  });

  it('tells FailureTarget (pods still terminating) from Failed', () => {
    expect(view({}, { conditions: [cond('FailureTarget', 'DeadlineExceeded')] }).status).toBe('Failing');
  });

  it('shows the stage between the decision and the final condition as finishing, with the pods it waits for', () => {
    const failing = view({}, { terminating: 2, conditions: [cond('FailureTarget', 'DeadlineExceeded')] });
    expect(failing.finishing).toEqual({ outcome: 'failed', text: 'finishing: failed (DeadlineExceeded), waiting for 2 pod(s) to be gone before it is marked Failed' });
    const succeeding = view({}, { conditions: [cond('SuccessCriteriaMet', 'CompletionsReached')] });
    expect(succeeding.finishing).toEqual({ outcome: 'succeeded', text: 'finishing: succeeded (CompletionsReached), its pods are gone: marked Complete next' });
    expect(view({}, { succeeded: 1, conditions: [cond('SuccessCriteriaMet'), cond('Complete')] }).finishing).toBeNull();
  });

  it('counts the duration and the deadline from the last resume, which reset startTime', () => {
    const resumedAt = T0 - 30_000;
    const v = view({ activeDeadlineSeconds: 60 }, { active: 1, startTime: iso(resumedAt), conditions: [{ type: 'Suspended', status: 'False', reason: 'JobResumed', lastTransitionTime: iso(resumedAt) }] }, [], { creationTimestamp: iso(T0 - 3600_000) });
    expect(v.resumed).toBe(resumedAt);
    expect(v.durationMs).toBe(30_000);
    expect(v.deadline).toEqual({ seconds: 60, remainingMs: 30_000 });
    expect(view({}, { active: 1, startTime: iso(resumedAt) }).resumed).toBeNull();
  });

  it('counts failures against the retry budget while running', () => {
    const v = view({ backoffLimit: 4 }, { active: 1, failed: 2 });
    expect(v.status).toBe('Running');
    expect(v.findings.map((f) => [f.code, f.message])).toEqual([['PodFailures', '2 of 5 allowed pod failures used']]);
  });

  it('counts down activeDeadlineSeconds and flags a job past it', () => {
    expect(view({ activeDeadlineSeconds: 300 }, { active: 1 }).deadline).toEqual({ seconds: 300, remainingMs: 190_000 });
    const late = view({ activeDeadlineSeconds: 60 }, { active: 1 });
    expect(late.deadline!.remainingMs).toBe(-50_000);
    expect(late.findings.map((f) => f.code)).toContain('PastDeadline');
  });

  it('treats a job without completions as a work queue', () => {
    const v = view({ completions: null, parallelism: 2 }, { active: 2, succeeded: 1 });
    expect(v.completions).toBeNull();
    expect(v.parallelism).toBe(2);
  });

  it('builds the index grid of an Indexed job from intervals and running pods', () => {
    const v = view({ completionMode: 'Indexed', completions: 6, parallelism: 2 }, { active: 1, succeeded: 3, failed: 1, completedIndexes: '0-1,4', failedIndexes: '5' }, [
      (job) => rawPod('work-2-abc', { owner: ownerOf(job, 'Job'), annotations: { 'batch.kubernetes.io/job-completion-index': '2' } }),
    ]);
    expect(v.indexes).toEqual(['succeeded', 'succeeded', 'running', 'pending', 'succeeded', 'failed']);
    expect(v.pods[0]!.index).toBe(2);
  });

  it('lists its pods with exit codes and reasons', () => {
    const v = view({}, { failed: 1 }, [
      (job) =>
        rawPod('work-x', {
          owner: ownerOf(job, 'Job'),
          phase: 'Failed',
          ready: false,
          containerState: { terminated: { exitCode: 3, reason: 'Error', startedAt: iso(T0 - 100_000), finishedAt: iso(T0 - 90_000) } },
        }),
    ]);
    expect(v.pods).toEqual([expect.objectContaining({ name: 'work-x', phase: 'Failed', exitCode: 3, reason: 'Error', durationMs: 10_000 })]);
  });

  it('knows its CronJob and whether it was triggered by hand', () => {
    const v = view({}, {}, [], { ownerReferences: [{ kind: 'CronJob', name: 'nightly', uid: 'c1', controller: true }], annotations: { 'cronjob.kubernetes.io/instantiate': 'manual' } });
    expect(v.cronJob).toBe('nightly');
    expect(v.manual).toBe(true);
  });

  it('reports a suspended job', () => {
    const v = view({ suspend: true }, { startTime: undefined, conditions: [cond('Suspended', 'JobSuspended')] });
    expect(v.status).toBe('Suspended');
    expect(v.findings.map((f) => f.severity)).toEqual(['info']);
  });
});
