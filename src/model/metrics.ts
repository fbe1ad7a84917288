// What the Prometheus metrics say, as plain values: one definition per metric (name, help, label
// names) and the samples a snapshot gives it. Pure: the exporter (src/monitor) turns these into
// prom-client gauges. Labels are stable names only — never a Job's name, which changes every run:
// a CronJob's runs are reported under the CronJob, the newest run standing for them.
import { check } from './health.js';
import type { JobView } from './job.js';
import { RESOURCES } from './resources.js';
import type { KindName, Meta, Snapshot } from './types.js';
import { drain } from './steps.js';
import { eachCronJobView, eachJobView, eachStatefulSetView } from './views.js';
import { known } from './visibility.js';
import { statefulSetStorage } from './volumes.js';

export interface MetricDefinition {
  name: string;
  help: string;
  labels: readonly string[];
}

export interface Sample {
  labels: Readonly<Record<string, string>>;
  value: number;
}

const CJ = ['namespace', 'cronjob'] as const;
const STS = ['namespace', 'statefulset'] as const;
/** owner_kind Job: a Job of its own (owner = its name); CronJob: the newest run of that CronJob. */
const JOB = ['namespace', 'owner_kind', 'owner'] as const;

export const METRICS = {
  cronjobNextRun: { name: 'kstate_cronjob_next_run_timestamp_seconds', help: 'When the controller will next start a run (time zone and DST applied); absent while suspended or when the schedule is invalid.', labels: CJ },
  cronjobSuspended: { name: 'kstate_cronjob_suspended', help: '1 while the CronJob is suspended.', labels: CJ },
  cronjobLastRunFailed: { name: 'kstate_cronjob_last_run_failed', help: '1 when the newest finished run failed; 0 once a later run succeeds. Absent before any run finished.', labels: CJ },
  cronjobLastSuccess: { name: 'kstate_cronjob_last_success_timestamp_seconds', help: 'When the newest successful run finished.', labels: CJ },
  cronjobLastFailure: { name: 'kstate_cronjob_last_failure_timestamp_seconds', help: 'When the newest failed run finished.', labels: CJ },
  cronjobLastDuration: { name: 'kstate_cronjob_last_run_duration_seconds', help: 'How long the newest finished run took.', labels: CJ },
  cronjobConsecutiveFailures: { name: 'kstate_cronjob_consecutive_failures', help: 'Finished runs that failed in a row, newest first.', labels: CJ },
  cronjobMissedRuns: { name: 'kstate_cronjob_missed_runs', help: 'Scheduled times that passed without a run starting.', labels: CJ },
  cronjobActiveRuns: { name: 'kstate_cronjob_active_runs', help: 'Runs in flight now (more than one: runs overlap).', labels: CJ },
  cronjobOverlapping: { name: 'kstate_cronjob_overlapping_runs', help: '1 when a recent run took longer than the interval between runs, or runs are in flight together.', labels: CJ },
  jobActivePods: { name: 'kstate_job_active_pods', help: 'Pods of the Job running or pending.', labels: JOB },
  jobFailedPods: { name: 'kstate_job_failed_pods', help: 'Pods of the Job that failed (status.failed).', labels: JOB },
  jobFailedIndexes: { name: 'kstate_job_failed_indexes', help: 'Indexes of an Indexed Job that failed (per-index backoff).', labels: JOB },
  jobOverBudget: { name: 'kstate_job_over_budget', help: '1 when the Job failed by its backoff limit, failed indexes or pod failure policy.', labels: JOB },
  jobPastDeadline: { name: 'kstate_job_past_deadline', help: '1 when the Job ran past activeDeadlineSeconds (failed by it, or still running past it).', labels: JOB },
  stsDesired: { name: 'kstate_statefulset_replicas_desired', help: 'spec.replicas', labels: STS },
  stsReady: { name: 'kstate_statefulset_replicas_ready', help: 'Ready pods (status.readyReplicas).', labels: STS },
  stsAvailable: { name: 'kstate_statefulset_replicas_available', help: 'Pods ready for minReadySeconds (status.availableReplicas).', labels: STS },
  stsBlocked: { name: 'kstate_statefulset_blocked', help: '1 while an ordinal blocks start-up or a rollout past its grace.', labels: STS },
  stsBlockedOrdinal: { name: 'kstate_statefulset_blocked_ordinal', help: 'The ordinal that blocks, with the reason; absent when none blocks.', labels: [...STS, 'reason'] },
  stsRetainedClaims: { name: 'kstate_statefulset_retained_claims', help: 'Claims kept after a scale-down (whenScaled: Retain).', labels: STS },
  stsOrphanedVolumes: { name: 'kstate_statefulset_orphaned_volumes', help: 'Released volumes of its claim names whose claims are gone (data kept).', labels: STS },
  stsPendingResizes: { name: 'kstate_statefulset_pending_resizes', help: 'Claims asking for more than they have, waiting or resizing.', labels: STS },
  stsFailedResizes: { name: 'kstate_statefulset_failed_resizes', help: 'Claims whose resize failed or is infeasible.', labels: STS },
  finding: { name: 'kstate_finding', help: 'A finding kstate check reports (1 while it holds).', labels: ['severity', 'code', 'kind', 'namespace', 'name'] },
  kindVisible: { name: 'kstate_kind_visible', help: '1 when kstate can list and watch the kind; 0 when it cannot (forbidden, failing, loading): alerts about it are blind.', labels: ['kind'] },
} as const satisfies Record<string, MetricDefinition>;

export type MetricId = keyof typeof METRICS;
export type Samples = Record<MetricId, Sample[]>;

export interface MetricsOptions {
  graceMs: number;
  filter?: (r: Meta) => boolean;
}

const seconds = (ms: number | null | undefined): number | null => (ms == null ? null : ms / 1000);
const KIND_OF_OBJECT: Record<string, string> = { sts: 'StatefulSet', job: 'Job', cronjob: 'CronJob', pv: 'PersistentVolume', pvc: 'PersistentVolumeClaim' };

/** The newest run of each CronJob and every Job of its own, each under a stable owner label. */
function jobsByOwner(views: readonly JobView[]): { owner: { owner_kind: string; owner: string }; v: JobView }[] {
  const newest = new Map<string, JobView>();
  const out: { owner: { owner_kind: string; owner: string }; v: JobView }[] = [];
  for (const v of views) {
    if (!v.cronJob) {
      out.push({ owner: { owner_kind: 'Job', owner: v.name }, v });
      continue;
    }
    const key = `${v.namespace}/${v.cronJob}`;
    const was = newest.get(key);
    if (!was || (v.created ?? 0) > (was.created ?? 0)) newest.set(key, v);
  }
  for (const v of newest.values()) out.push({ owner: { owner_kind: 'CronJob', owner: v.cronJob! }, v });
  return out;
}

type Put = (id: MetricId, labels: Record<string, string>, value: number | null | undefined) => void;

/**
 * The samples of a snapshot as steps (see steps.ts), an object per step: CronJobs, Jobs,
 * StatefulSets, then findings and visibility (from views the steps before derived, for the same
 * snapshot and time). The exporter runs them in slices so that a scrape never waits for the whole.
 */
export function* sampleSteps(snap: Snapshot, now: number, options: MetricsOptions, put: Put): Generator<void, void> {
  if (known(snap, 'cronjobs')) {
    for (const v of eachCronJobView(snap, now, options.filter)) {
      yield;
      const l = { namespace: v.namespace, cronjob: v.name };
      put('cronjobSuspended', l, v.suspended ? 1 : 0);
      if (!v.suspended && !v.scheduleError) put('cronjobNextRun', l, seconds(v.nextRuns[0]));
      put('cronjobMissedRuns', l, v.missed.length);
      if (v.unknown.runs) continue;
      const finished = v.history.filter((r) => r.outcome === 'Complete' || r.outcome === 'Failed');
      const last = finished[0];
      if (last) {
        put('cronjobLastRunFailed', l, last.outcome === 'Failed' ? 1 : 0);
        put('cronjobLastDuration', l, seconds(last.durationMs));
      }
      put('cronjobLastSuccess', l, seconds(finished.find((r) => r.outcome === 'Complete')?.finished));
      put('cronjobLastFailure', l, seconds(finished.find((r) => r.outcome === 'Failed')?.finished));
      const streak = finished.findIndex((r) => r.outcome !== 'Failed');
      put('cronjobConsecutiveFailures', l, streak === -1 ? finished.length : streak);
      put('cronjobActiveRuns', l, v.active);
      put('cronjobOverlapping', l, v.active > 1 || v.findings.some((f) => f.code === 'OverlappingRuns') ? 1 : 0);
    }
  }
  if (known(snap, 'jobs')) {
    const views: JobView[] = [];
    for (const v of eachJobView(snap, now, options.filter)) {
      yield;
      views.push(v);
    }
    for (const { owner, v } of jobsByOwner(views)) {
      const l = { namespace: v.namespace, ...owner };
      put('jobActivePods', l, v.active);
      put('jobFailedPods', l, v.failed);
      if (v.budget.scope === 'index') put('jobFailedIndexes', l, v.budget.failedIndexes ?? 0);
      const failedBy = v.status === 'Failed' || v.status === 'Failing' ? v.reason : '';
      put('jobOverBudget', l, ['BackoffLimitExceeded', 'MaxFailedIndexesExceeded', 'FailedIndexes', 'PodFailurePolicy'].includes(failedBy) ? 1 : 0);
      const past = failedBy === 'DeadlineExceeded' || (v.deadline?.remainingMs != null && v.deadline.remainingMs < 0 && v.finished === null);
      put('jobPastDeadline', l, past ? 1 : 0);
    }
  }
  if (known(snap, 'statefulsets')) {
    for (const v of eachStatefulSetView(snap, now, options.filter, { graceMs: options.graceMs })) {
      yield;
      const l = { namespace: v.namespace, statefulset: v.name };
      put('stsDesired', l, v.replicas);
      put('stsReady', l, v.ready);
      put('stsAvailable', l, v.available);
      if (!v.unknown.pods) {
        const blocked = v.status === 'Blocked' && v.blocking !== null;
        put('stsBlocked', l, blocked ? 1 : 0);
        if (blocked) put('stsBlockedOrdinal', { ...l, reason: v.blocking!.reason }, v.blocking!.ordinal);
      }
      put('stsRetainedClaims', l, v.retainedClaims);
      const storage = statefulSetStorage(v, snap);
      if (!storage.unknown.volumes && !storage.unknown.claims) put('stsOrphanedVolumes', l, storage.orphans.length);
      if (!storage.unknown.claims) {
        put('stsPendingResizes', l, storage.claims.filter((c) => c.resize && c.resize.state !== 'failed').length);
        put('stsFailedResizes', l, storage.claims.filter((c) => c.resize?.state === 'failed').length);
      }
    }
  }
  yield;
  for (const f of check(snap, now, options)) {
    const [prefix, ...rest] = f.object.split('/');
    put('finding', { severity: f.severity, code: f.code, kind: KIND_OF_OBJECT[prefix!] ?? prefix!, namespace: f.namespace, name: rest.join('/') }, 1);
  }
  for (const kind of Object.keys(snap.status) as KindName[]) {
    if (snap.status[kind].state === 'unwatched') continue;
    put('kindVisible', { kind: RESOURCES[kind].resource }, known(snap, kind) ? 1 : 0);
  }
}

/** Empty samples, and the `put` that fills them (a value that is not a finite number is left out). */
export function sampleSink(): { samples: Samples; put: Put } {
  const samples = Object.fromEntries(Object.keys(METRICS).map((k) => [k, [] as Sample[]])) as Samples;
  const put: Put = (id, labels, value) => {
    if (value !== null && value !== undefined && Number.isFinite(value)) samples[id].push({ labels, value });
  };
  return { samples, put };
}

export function workloadSamples(snap: Snapshot, now: number, options: MetricsOptions): Samples {
  const { samples, put } = sampleSink();
  drain(sampleSteps(snap, now, options, put));
  return samples;
}
