// The Jobs list: one definition for `kstate get jobs` and the dashboard.
import type { JobStatus, JobView } from '../../model/job.js';
import { budgetText, budgetTone } from '../../model/job-policy.js';
import { age, shortDuration } from '../../present/time.js';
import { cell, timedCell, stateCell, type Health } from '../cells.js';
import { byAge, byHealth, byName, type SortKey } from '../sorts.js';
import type { Column } from '../types.js';

export const JOB_HEALTH: Record<JobStatus, Health> = {
  Complete: 'ok',
  Succeeding: 'ok',
  Running: 'progress',
  Pending: 'progress',
  Suspended: 'gone',
  Failing: 'bad',
  Failed: 'bad',
};

export function completionsText(v: JobView): string {
  return v.completions === null ? `${v.succeeded}/∞` : `${v.succeeded}/${v.completions}`;
}

export function cronJobText(v: JobView): string {
  return v.cronJob ? `${v.cronJob}${v.manual ? ' (manual)' : ''}` : v.manual ? '(manual)' : '';
}

export const JOB_COLUMNS: readonly Column<JobView>[] = [
  { title: 'NAME', min: 8, max: 50, cell: (v) => cell(v.name) },
  { title: 'STATUS', max: 14, cell: (v) => stateCell(v.status, JOB_HEALTH[v.status]) },
  { title: 'COMPLETIONS', max: 11, cell: (v) => cell(completionsText(v)) },
  // Per-index backoff: the failed indexes against maxFailedIndexes (backoffLimit is then MaxInt32 and means nothing).
  { title: 'FAILED/LIMIT', priority: 1, max: 12, cell: (v) => cell(budgetText(v.budget), budgetTone(v.budget)) },
  { title: 'DURATION', priority: 2, max: 8, cell: (v) => cell(shortDuration(v.durationMs)) },
  { title: 'AGE', priority: 3, max: 6, cell: (v, now) => timedCell(age(v.created, now)) },
  { title: 'PARALLELISM', wide: true, cell: (v) => cell(v.parallelism) },
  { title: 'ACTIVE', wide: true, cell: (v) => cell(v.active) },
  { title: 'MODE', wide: true, cell: (v) => cell(v.completionMode) },
  { title: 'REASON', wide: true, cell: (v) => cell(v.reason) },
  { title: 'CRONJOB', wide: true, cell: (v) => cell(cronJobText(v)) },
];

export const JOB_SORTS: readonly SortKey<JobView>[] = [
  byName(),
  byAge(),
  byHealth((v) => JOB_HEALTH[v.status]),
  { id: 'failures', label: 'failures', value: (v) => -v.failed },
  { id: 'duration', label: 'duration', value: (v) => (v.durationMs === null ? null : -v.durationMs) },
];
