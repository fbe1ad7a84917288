// What a Job's policies mean (Kubernetes 1.31–1.36): the retry budget — the whole Job's
// backoffLimit, or one per index (backoffLimitPerIndex, maxFailedIndexes) —, the pod failure
// policy's rules and the one that failed the Job, the success policy in words, and a Job another
// controller manages (spec.managedBy). Pure.
import { parseIntervals } from './intervals.js';
import type { JobRec, PodRec } from './types.js';

/** The Job controller's own name in spec.managedBy: any other value hands the Job to another controller. */
export const JOB_CONTROLLER = 'kubernetes.io/job-controller';

export interface RetryBudget {
  /** job: backoffLimit counts every failed pod; index: each index has backoffLimitPerIndex retries of its own. */
  scope: 'job' | 'index';
  /** backoffLimit, or backoffLimitPerIndex. */
  limit: number;
  /** Pod failures the controller counted (status.failed; failures a policy rule ignored are not among them). */
  failed: number;
  /** Per index: how many indexes failed (status.failedIndexes), against maxFailedIndexes (null: no limit). */
  failedIndexes: number | null;
  maxFailedIndexes: number | null;
  /** Per index: the failures each index has had, from its pods (what the controller counts them by). */
  perIndex: readonly number[] | null;
}

const FAILURE_COUNT = 'batch.kubernetes.io/job-index-failure-count';
const INDEX = 'batch.kubernetes.io/job-completion-index';

function podIndex(p: PodRec): number | null {
  const v = p.annotations[INDEX] ?? p.labels[INDEX];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : null;
}

/** A pod's failures of its index: those before it was made (its annotation), and its own. */
function failuresOf(p: PodRec): number {
  const before = Number(p.annotations[FAILURE_COUNT] ?? 0) || 0;
  return before + (p.phase === 'Failed' ? 1 : 0);
}

export function retryBudget(job: JobRec, pods: readonly PodRec[], indexes: number): RetryBudget {
  if (job.backoffLimitPerIndex === null) return { scope: 'job', limit: job.backoffLimit, failed: job.status.failed, failedIndexes: null, maxFailedIndexes: null, perIndex: null };
  const perIndex = Array.from({ length: indexes }, () => 0);
  for (const p of pods) {
    const i = podIndex(p);
    if (i !== null && i < indexes) perIndex[i] = Math.max(perIndex[i]!, failuresOf(p));
  }
  return {
    scope: 'index',
    limit: job.backoffLimitPerIndex,
    failed: job.status.failed,
    failedIndexes: parseIntervals(job.status.failedIndexes, indexes).size,
    maxFailedIndexes: job.maxFailedIndexes,
    perIndex,
  };
}

/** "1/2 indexes" (failed indexes of maxFailedIndexes) or "3/6" (failed pods of backoffLimit). */
export function budgetText(b: RetryBudget): string {
  return b.scope === 'job' ? `${b.failed}/${b.limit}` : `${b.failedIndexes ?? 0}/${b.maxFailedIndexes ?? '∞'} idx`;
}

/** Whether the budget is spent (the Job fails, or has failed, by it) or being used. */
export function budgetTone(b: RetryBudget): 'bad' | 'warn' | undefined {
  if (b.scope === 'job') return b.failed > b.limit ? 'bad' : b.failed > 0 ? 'warn' : undefined;
  const used = b.failedIndexes ?? 0;
  return b.maxFailedIndexes !== null && used > b.maxFailedIndexes ? 'bad' : used > 0 || b.failed > 0 ? 'warn' : undefined;
}

/** The budget in words, for describe and the detail pane. */
export function budgetWords(b: RetryBudget): string {
  if (b.scope === 'job') return `${b.failed} of backoffLimit ${b.limit}`;
  const max = b.maxFailedIndexes === null ? 'no maxFailedIndexes' : `maxFailedIndexes ${b.maxFailedIndexes}`;
  return `${b.limit} retr${b.limit === 1 ? 'y' : 'ies'} per index (backoffLimitPerIndex); ${b.failedIndexes ?? 0} failed index(es) of ${max}; ${b.failed} pod failure(s)`;
}

export interface FailureRule {
  action: string;
  /** "container main exits with 42 or 43", "pod condition DisruptionTarget is True". */
  when: string;
}

export function failureRules(job: JobRec): FailureRule[] {
  return job.podFailurePolicy.map((r) => ({
    action: r.action,
    when: r.onExitCodes
      ? `${r.onExitCodes.containerName ? `container ${r.onExitCodes.containerName}` : 'a container'} exits with ${r.onExitCodes.operator === 'NotIn' ? 'a code other than ' : ''}${r.onExitCodes.values.join(' or ')}`
      : r.onPodConditions.map((c) => `pod condition ${c.type} is ${c.status}`).join(' or ') || 'any failure',
  }));
}

/** The rule that failed the Job (its Failed/FailureTarget condition says so), with the pod and exit code it names. */
export function failedByRule(job: JobRec): { rule: number | null; text: string } | null {
  const c = job.status.conditions.find((x) => (x.type === 'Failed' || x.type === 'FailureTarget') && x.status === 'True' && x.reason === 'PodFailurePolicy');
  if (!c) return null;
  const rule = /rule at index (\d+)/.exec(c.message);
  return { rule: rule ? Number(rule[1]) : null, text: c.message };
}

/** The success policy in words: "done when indexes 0-2 succeed, or when 3 indexes succeed". */
export function successWords(job: JobRec): string | null {
  if (!job.successPolicy.length) return null;
  const one = (r: JobRec['successPolicy'][number]) =>
    r.succeededIndexes && r.succeededCount !== null
      ? `${r.succeededCount} of indexes ${r.succeededIndexes} succeed`
      : r.succeededIndexes
        ? `indexes ${r.succeededIndexes} succeed`
        : `${r.succeededCount} indexes succeed`;
  return `done when ${job.successPolicy.map(one).join(', or when ')} (the rest are then stopped, not failed)`;
}

/** Another controller carries this Job out (spec.managedBy): its pods may live elsewhere. */
export function managedElsewhere(job: JobRec): string | null {
  return job.managedBy && job.managedBy !== JOB_CONTROLLER ? job.managedBy : null;
}
