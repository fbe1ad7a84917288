// A CronJob: its schedule in its time zone, the next runs, the history of the Jobs it owns, and
// what an operator must know (missed runs, runs longer than the schedule's interval, failures).
import { jobStatus, type JobStatus } from './job.js';
import { byControllerUid } from './lookup.js';
import { parseSchedule, type Schedule, type ScheduleResult } from './schedule.js';
import type { CronJobRec, Finding, PodRec, Snapshot } from './types.js';
import { unknownReason, unknowns, type Unknowns } from './visibility.js';

export interface RunRow {
  name: string;
  uid: string;
  outcome: JobStatus;
  reason: string;
  /** The scheduled time the controller created it for (null for manual runs). */
  scheduled: number | null;
  started: number | null;
  finished: number | null;
  durationMs: number | null;
  manual: boolean;
  succeeded: number;
  failed: number;
}

export interface CronJobView {
  kind: 'CronJob';
  uid: string;
  name: string;
  namespace: string;
  created: number | null;
  schedule: string;
  timeZone: string;
  zoneSource: Schedule['zoneSource'] | null;
  description: string;
  scheduleError: string | null;
  suspended: boolean;
  concurrencyPolicy: CronJobRec['concurrencyPolicy'];
  startingDeadlineSeconds: number | null;
  successfulJobsHistoryLimit: number;
  failedJobsHistoryLimit: number;
  nextRuns: number[];
  lastSchedule: number | null;
  lastSuccessful: number | null;
  active: number;
  /** Newest first; empty when its Jobs are unknown. */
  history: RunRow[];
  /** null when no run has finished, or when its Jobs are unknown. */
  lastResult: JobStatus | null;
  /** Scheduled times that passed with no run (at most a few, newest last). */
  missed: number[];
  minIntervalMs: number | null;
  longestRecentMs: number | null;
  findings: Finding[];
  /** What could not be derived (its runs: the Jobs), with the reason. */
  unknown: Unknowns<'runs'>;
  /** When the clock alone makes it read differently (its next run comes, a run is missed, a running one's duration grows); Infinity: only its records can. */
  changesAt: number;
}

export interface CronJobViewOptions {
  /** kube-controller-manager's zone, used when spec.timeZone is unset. */
  defaultZone?: string;
  nextCount?: number;
}

/** How late a run may start before it counts as missed when startingDeadlineSeconds is unset. */
const START_TOLERANCE_MS = 90_000;

// A parsed schedule is immutable and memoizes what it derives (the shortest gap between runs takes a
// year of runs to find): parse each schedule once, not on every frame. The controller runs `@every d`
// d after the last run, else after the creation: only there is that anchor part of the key.
const parsedSchedules = new Map<string, ScheduleResult>();
function scheduleOf(cj: CronJobRec, defaultZone: string): ScheduleResult {
  const everyAnchor = cj.status.lastScheduleTime ?? cj.created ?? undefined;
  const key = JSON.stringify([cj.schedule, cj.timeZone, defaultZone, cj.schedule.includes('@every') ? everyAnchor : null]);
  let parsed = parsedSchedules.get(key);
  if (!parsed) {
    if (parsedSchedules.size >= 10_000) parsedSchedules.clear();
    parsed = parseSchedule(cj.schedule, cj.timeZone, defaultZone, { everyAnchor });
    parsedSchedules.set(key, parsed);
  }
  return parsed;
}

/** When the controller will start runs in (from, to] (none while suspended or for an invalid schedule). */
export function runsBetween(cj: CronJobRec, from: number, to: number, limit: number, defaultZone = 'UTC'): number[] {
  const parsed = scheduleOf(cj, defaultZone);
  return parsed.ok && !cj.suspend ? parsed.schedule.between(from, to, limit) : [];
}

export function cronJobView(cj: CronJobRec, snap: Snapshot, now: number, options: CronJobViewOptions = {}): CronJobView {
  const parsed = scheduleOf(cj, options.defaultZone ?? 'UTC');
  const schedule = parsed.ok ? parsed.schedule : null;
  const unknown = unknowns({ runs: unknownReason(snap, 'jobs') });
  const jobs = unknown.runs ? [] : (byControllerUid(snap.kinds.jobs).get(cj.uid) ?? []);
  const history: RunRow[] = jobs
    .map((j) => {
      const s = jobStatus(j);
      const scheduledRaw = j.annotations['batch.kubernetes.io/cronjob-scheduled-timestamp'];
      const scheduled = scheduledRaw ? Date.parse(scheduledRaw) : NaN;
      const started = j.status.startTime ?? j.created;
      return {
        name: j.name,
        uid: j.uid,
        outcome: s.status,
        reason: s.reason,
        scheduled: Number.isFinite(scheduled) ? scheduled : null,
        started,
        finished: s.finished,
        durationMs: started === null ? null : (s.finished ?? now) - started,
        manual: j.annotations['cronjob.kubernetes.io/instantiate'] === 'manual',
        succeeded: j.status.succeeded,
        failed: j.status.failed,
      };
    })
    .sort((a, b) => (b.started ?? 0) - (a.started ?? 0) || b.name.localeCompare(a.name));

  const object = `cronjob/${cj.name}`;
  const findings: Finding[] = [];
  const add = (severity: Finding['severity'], code: string, message: string) => findings.push({ severity, code, object, namespace: cj.namespace, message });

  const finished = history.filter((r) => r.outcome === 'Complete' || r.outcome === 'Failed');
  const lastFinished = finished[0];
  if (!parsed.ok) add('failure', 'InvalidSchedule', parsed.error);
  if (lastFinished?.outcome === 'Failed') add('failure', 'LastRunFailed', `last run ${lastFinished.name} failed${lastFinished.reason ? `: ${lastFinished.reason}` : ''}`);

  // Missed runs: scheduled times since the last start (or creation) that no Job was started for.
  const missed: number[] = [];
  const lateBy = cj.startingDeadlineSeconds !== null ? cj.startingDeadlineSeconds * 1000 : START_TOLERANCE_MS;
  const from = Math.max(cj.status.lastScheduleTime ?? -Infinity, cj.created ?? -Infinity);
  if (schedule && !cj.suspend) {
    if (Number.isFinite(from)) for (const t of schedule.between(from, now - lateBy, 50)) missed.push(t);
    if (missed.length > 0) {
      const forbidBlocked = cj.concurrencyPolicy === 'Forbid' && cj.status.active.length > 0;
      const why = forbidBlocked ? ' (concurrencyPolicy Forbid: the previous run is still active)' : '';
      add('warning', 'MissedRun', `${missed.length === 50 ? '50+' : missed.length} scheduled run(s) did not start, last due ${new Date(missed[missed.length - 1]!).toISOString()}${why}`);
    }
  }

  // Runs that last longer than the schedule's shortest interval overlap the next scheduled time.
  const recent = history.slice(0, 10).filter((r) => r.durationMs !== null && (r.finished !== null || r.outcome === 'Running'));
  const longestRecentMs = recent.length ? Math.max(...recent.map((r) => r.durationMs!)) : null;
  const minIntervalMs = schedule?.minIntervalMs ?? null;
  if (longestRecentMs !== null && minIntervalMs !== null && longestRecentMs > minIntervalMs) {
    const effect = {
      Allow: 'runs overlap: a new Job starts while the previous one still runs',
      Forbid: 'scheduled runs are skipped while the previous one still runs',
      Replace: 'the running Job is replaced (killed) at the next scheduled time',
    }[cj.concurrencyPolicy];
    add('warning', 'OverlappingRuns', `a run took ${Math.round(longestRecentMs / 1000)}s, longer than the ${Math.round(minIntervalMs / 1000)}s between runs: ${effect}`);
  }
  if (cj.failedJobsHistoryLimit === 0) add('info', 'FailuresHidden', 'failedJobsHistoryLimit is 0: failed runs are deleted at once and cannot be inspected');
  if (cj.suspend) add('info', 'Suspended', 'suspended: no runs are scheduled');
  const nextRuns = schedule && !cj.suspend ? schedule.next(now, options.nextCount ?? 5) : [];
  const running = history.some((r) => r.started !== null && r.finished === null);
  // A run counts as missed once it is lateBy late: the next one that can be is the first after now - lateBy (and after `from`).
  const nextMissed = schedule && !cj.suspend && Number.isFinite(from) ? (schedule.next(Math.max(now - lateBy, from), 1)[0] ?? Infinity) + lateBy : Infinity;
  const changesAt = running ? (Math.floor(now / 1000) + 1) * 1000 : Math.min(nextRuns[0] ?? Infinity, nextMissed);

  return {
    kind: 'CronJob',
    uid: cj.uid,
    name: cj.name,
    namespace: cj.namespace,
    created: cj.created,
    schedule: cj.schedule,
    timeZone: schedule?.timeZone ?? cj.timeZone ?? options.defaultZone ?? 'UTC',
    zoneSource: schedule?.zoneSource ?? null,
    description: schedule?.description ?? '',
    scheduleError: parsed.ok ? null : parsed.error,
    suspended: cj.suspend,
    concurrencyPolicy: cj.concurrencyPolicy,
    startingDeadlineSeconds: cj.startingDeadlineSeconds,
    successfulJobsHistoryLimit: cj.successfulJobsHistoryLimit,
    failedJobsHistoryLimit: cj.failedJobsHistoryLimit,
    nextRuns,
    lastSchedule: cj.status.lastScheduleTime,
    lastSuccessful: cj.status.lastSuccessfulTime,
    active: cj.status.active.length,
    history,
    lastResult: lastFinished?.outcome ?? null,
    missed,
    minIntervalMs,
    longestRecentMs,
    findings,
    unknown,
    changesAt,
  };
}

/** The objects a CronJob is made of, as event keys: itself and the Jobs it keeps. */
export function cronJobParts(v: CronJobView): string[] {
  return [`CronJob/${v.namespace}/${v.name}`, ...v.history.map((r) => `Job/${v.namespace}/${r.name}`)];
}

/** The pods of a CronJob's kept runs (the pods their Jobs control), newest run first. */
export function cronJobPods(v: CronJobView, snap: Snapshot): PodRec[] {
  const byJob = byControllerUid(snap.kinds.pods);
  return v.history.flatMap((r) => [...(byJob.get(r.uid) ?? [])]);
}

export type RunChoice = 'last' | 'failed';

/**
 * The run an operator means: `last` is the newest Job the CronJob keeps, running or finished (a
 * manual trigger is a run too); `failed` the newest that ended Failed. Only kept Jobs count: the
 * controller deletes runs beyond the history limits.
 */
export function chosenRun(v: CronJobView, which: RunChoice): RunRow | null {
  return (which === 'last' ? v.history[0] : v.history.find((r) => r.outcome === 'Failed')) ?? null;
}

/** Why there is no such run, in words. */
export function noRunReason(v: CronJobView, which: RunChoice): string {
  if (which === 'last') return `cronjob/${v.name} has no run kept`;
  return v.failedJobsHistoryLimit === 0 ? `cronjob/${v.name} keeps no failed runs (failedJobsHistoryLimit 0)` : `cronjob/${v.name} has no failed run kept`;
}

/** The pods of one of its runs (the pods that Job controls). */
export function runPods(run: RunRow, snap: Snapshot): readonly PodRec[] {
  return byControllerUid(snap.kinds.pods).get(run.uid) ?? [];
}
