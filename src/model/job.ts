// A Job's progress, retry budget, deadline, per-index state and pods. Pure; `now` is a parameter.
import { parseIntervals } from './intervals.js';
import { failedByRule, failureRules, managedElsewhere, retryBudget, successWords, type FailureRule, type RetryBudget } from './job-policy.js';
import { byControllerUid } from './lookup.js';
import { summarizePod } from './pods.js';
import type { Condition, Finding, JobRec, Snapshot } from './types.js';
import { unknownReason, unknowns, type Unknowns } from './visibility.js';

export type JobStatus = 'Complete' | 'Failed' | 'Running' | 'Suspended' | 'Pending' | 'Failing' | 'Succeeding';
/** unknown: neither succeeded nor failed, and the pods that would say whether it runs are not visible. */
export type IndexState = 'succeeded' | 'failed' | 'running' | 'pending' | 'unknown';

export interface JobPodRow {
  name: string;
  uid: string;
  phase: string;
  status: string;
  health: 'ok' | 'progress' | 'bad' | 'gone';
  exitCode: number | null;
  reason: string;
  message: string;
  node: string;
  index: number | null;
  started: number | null;
  finished: number | null;
  durationMs: number | null;
  restarts: number;
}

export interface JobView {
  kind: 'Job';
  uid: string;
  name: string;
  namespace: string;
  created: number | null;
  status: JobStatus;
  /** The reason of the deciding condition (BackoffLimitExceeded, DeadlineExceeded, …). */
  reason: string;
  message: string;
  completions: number | null;
  parallelism: number;
  succeeded: number;
  failed: number;
  active: number;
  ready: number;
  backoffLimit: number;
  /** The retry budget as the controller counts it: the Job's, or each index's. */
  budget: RetryBudget;
  /** spec.podFailurePolicy in words, and the rule (and pod, exit code) that failed the Job. */
  failureRules: FailureRule[];
  failedByRule: { rule: number | null; text: string } | null;
  /** spec.successPolicy in words. */
  success: string | null;
  /** Another controller than the Job controller carries it out (spec.managedBy). */
  managedBy: string | null;
  /** Pods being terminated (status.terminating); the Job is finished only once they are gone. */
  terminating: number;
  /** Decided (FailureTarget or SuccessCriteriaMet) but not yet marked: the controller waits for its pods to be gone. */
  finishing: { outcome: 'failed' | 'succeeded'; text: string } | null;
  /** When it was last resumed: startTime, the duration and the active deadline count from then. */
  resumed: number | null;
  suspended: boolean;
  completionMode: JobRec['completionMode'];
  started: number | null;
  finished: number | null;
  durationMs: number | null;
  deadline: { seconds: number; remainingMs: number | null } | null;
  /** Per index, for Indexed jobs with completions. */
  indexes: IndexState[] | null;
  pods: JobPodRow[];
  /** The CronJob that owns it, if any. */
  cronJob: string | null;
  /** Created by hand (kubectl create job --from / trigger now). */
  manual: boolean;
  findings: Finding[];
  /** What could not be derived (its pods), with the reason. */
  unknown: Unknowns<'pods'>;
}

const cond = (conditions: readonly Condition[], type: string): Condition | undefined => conditions.find((c) => c.type === type && c.status === 'True');

export function jobStatus(job: JobRec): { status: JobStatus; reason: string; message: string; finished: number | null } {
  const c = job.status.conditions;
  const failed = cond(c, 'Failed');
  if (failed) return { status: 'Failed', reason: failed.reason, message: failed.message, finished: failed.lastTransition };
  const complete = cond(c, 'Complete');
  if (complete) return { status: 'Complete', reason: complete.reason || 'Completed', message: complete.message, finished: job.status.completionTime ?? complete.lastTransition };
  const target = cond(c, 'FailureTarget');
  if (target) return { status: 'Failing', reason: target.reason, message: target.message, finished: null };
  const success = cond(c, 'SuccessCriteriaMet');
  if (success) return { status: 'Succeeding', reason: success.reason, message: success.message, finished: null };
  const suspended = cond(c, 'Suspended');
  if (suspended || job.suspend) return { status: 'Suspended', reason: suspended?.reason || 'JobSuspended', message: suspended?.message ?? '', finished: null };
  if (job.status.active > 0 || job.status.startTime !== null) return { status: 'Running', reason: '', message: '', finished: null };
  return { status: 'Pending', reason: '', message: '', finished: null };
}

/** The stage between the decision and the condition that ends the Job (1.31+: pods are gone first). */
function finishingOf(status: JobStatus, reason: string, terminating: number, active: number): JobView['finishing'] {
  if (status !== 'Failing' && status !== 'Succeeding') return null;
  const outcome = status === 'Failing' ? 'failed' : 'succeeded';
  const left = terminating + active;
  const final = outcome === 'failed' ? 'Failed' : 'Complete';
  const waiting = left > 0 ? `waiting for ${left} pod(s) to be gone before it is marked ${final}` : `its pods are gone: marked ${final} next`;
  return { outcome, text: `finishing: ${outcome}${reason ? ` (${reason})` : ''}, ${waiting}` };
}

/** The last resume, from the Suspended condition turned False; the controller resets startTime then. */
function lastResume(conditions: readonly Condition[]): number | null {
  const s = conditions.find((x) => x.type === 'Suspended' && x.status === 'False');
  return s?.lastTransition ?? null;
}

export function jobView(job: JobRec, snap: Snapshot, now: number): JobView {
  const { status, reason, message, finished } = jobStatus(job);
  const unknown = unknowns({ pods: unknownReason(snap, 'pods') });
  const podRecs = byControllerUid(snap.kinds.pods).get(job.uid) ?? [];
  const pods: JobPodRow[] = podRecs
    .map((p) => {
      const s = summarizePod(p);
      const main = p.containers[0];
      const started = main?.startedAt ?? p.startTime;
      const done = p.phase === 'Succeeded' || p.phase === 'Failed';
      const end = done ? (p.containers.reduce<number | null>((m, c) => (c.finishedAt !== null && (m === null || c.finishedAt > m) ? c.finishedAt : m), null) ?? null) : null;
      const idx = p.annotations['batch.kubernetes.io/job-completion-index'] ?? p.labels['batch.kubernetes.io/job-completion-index'];
      return {
        name: p.name,
        uid: p.uid,
        phase: p.phase,
        status: s.status,
        health: s.health,
        exitCode: s.exitCode,
        reason: s.reason || main?.reason || '',
        message: s.message || main?.message || '',
        node: p.nodeName,
        index: idx !== undefined && /^\d+$/.test(idx) ? Number(idx) : null,
        started,
        finished: end,
        durationMs: started !== null ? (end ?? now) - started : null,
        restarts: s.restarts,
      };
    })
    .sort((a, b) => (a.started ?? a.index ?? 0) - (b.started ?? b.index ?? 0) || a.name.localeCompare(b.name));

  let indexes: IndexState[] | null = null;
  if (job.completionMode === 'Indexed' && job.completions !== null) {
    const n = Math.min(job.completions, 100_000);
    const done = parseIntervals(job.status.completedIndexes, n);
    const failedIdx = parseIntervals(job.status.failedIndexes, n);
    const running = new Set(pods.filter((p) => p.index !== null && (p.phase === 'Running' || p.phase === 'Pending') && p.health !== 'gone').map((p) => p.index!));
    const other: IndexState | null = unknown.pods ? 'unknown' : null;
    indexes = Array.from({ length: n }, (_, i): IndexState => (done.has(i) ? 'succeeded' : failedIdx.has(i) ? 'failed' : (other ?? (running.has(i) ? 'running' : 'pending'))));
  }

  const started = job.status.startTime;
  const deadline =
    job.activeDeadlineSeconds === null
      ? null
      : { seconds: job.activeDeadlineSeconds, remainingMs: started === null || finished !== null ? null : started + job.activeDeadlineSeconds * 1000 - now };
  const owner = job.owners.find((o) => o.controller && o.kind === 'CronJob');
  const object = `job/${job.name}`;
  const findings: Finding[] = [];
  const add = (severity: Finding['severity'], code: string, text: string) => findings.push({ severity, code, object, namespace: job.namespace, message: text });
  if (status === 'Failed') add('failure', 'JobFailed', `failed: ${reason || 'Failed'}${message ? ` — ${message}` : ''}`);
  else if (status === 'Failing') add('failure', 'JobFailing', `failing: ${reason}${message ? ` — ${message}` : ''}`);
  if (status === 'Running' && deadline?.remainingMs !== null && deadline?.remainingMs !== undefined && deadline.remainingMs < 0) {
    add('failure', 'PastDeadline', `running ${Math.round(-deadline.remainingMs / 1000)}s past its activeDeadlineSeconds (${deadline.seconds}s)`);
  }
  const budget = retryBudget(job, podRecs, indexes?.length ?? 0);
  if ((status === 'Running' || status === 'Pending') && budget.scope === 'job' && job.status.failed > 0) {
    add('warning', 'PodFailures', `${job.status.failed} of ${job.backoffLimit + 1} allowed pod failures used`);
  }
  if ((status === 'Running' || status === 'Pending') && budget.scope === 'index' && (budget.failedIndexes ?? 0) > 0) {
    add('warning', 'FailedIndexes', `${budget.failedIndexes} index(es) failed${budget.maxFailedIndexes === null ? '' : ` of maxFailedIndexes ${budget.maxFailedIndexes}`} (${job.status.failedIndexes})`);
  }
  const managedBy = managedElsewhere(job);
  if (managedBy) add('info', 'ManagedElsewhere', `managed by ${managedBy}: that controller makes its pods (maybe in another cluster) and carries out suspend and resume`);
  if (status === 'Suspended') add('info', 'Suspended', 'suspended');

  return {
    kind: 'Job',
    uid: job.uid,
    name: job.name,
    namespace: job.namespace,
    created: job.created,
    status,
    reason,
    message,
    completions: job.completions,
    parallelism: job.parallelism,
    succeeded: job.status.succeeded,
    failed: job.status.failed,
    active: job.status.active,
    ready: job.status.ready,
    backoffLimit: job.backoffLimit,
    budget,
    failureRules: failureRules(job),
    failedByRule: failedByRule(job),
    success: successWords(job),
    managedBy,
    terminating: job.status.terminating,
    finishing: finishingOf(status, reason, job.status.terminating, job.status.active),
    resumed: lastResume(job.status.conditions),
    suspended: job.suspend,
    completionMode: job.completionMode,
    started,
    finished,
    durationMs: started === null ? null : (finished ?? now) - started,
    deadline,
    indexes,
    pods,
    cronJob: owner?.name ?? null,
    manual: job.annotations['cronjob.kubernetes.io/instantiate'] === 'manual',
    findings,
    unknown,
  };
}

/** The objects a Job is made of, as event keys: itself and its pods. */
export function jobParts(v: JobView): string[] {
  return [`Job/${v.namespace}/${v.name}`, ...v.pods.map((p) => `Pod/${v.namespace}/${p.name}`)];
}
