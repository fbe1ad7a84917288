// The CronJobs list: one definition for `kstate get cj` and the dashboard.
import type { CronJobView } from '../../model/cronjob.js';
import { age, formatInZone, relative } from '../../present/time.js';
import { cell, timedCell, stateCell, unknownCell } from '../cells.js';
import { JOB_HEALTH } from '../jobs/columns.js';
import { byAge, byHealth, byName, type SortKey } from '../sorts.js';
import type { Column } from '../types.js';

export const CRONJOB_COLUMNS: readonly Column<CronJobView>[] = [
  { title: 'NAME', min: 8, max: 50, cell: (v) => cell(v.name, undefined, v.findings.some((f) => f.severity !== 'info') ? '!' : undefined) },
  { title: 'SCHEDULE', priority: 1, max: 16, cell: (v) => cell(v.schedule, v.scheduleError ? 'bad' : undefined) },
  { title: 'TZ', priority: 6, max: 16, cell: (v) => cell(v.timeZone) },
  { title: 'SUSPEND', priority: 3, max: 7, cell: (v) => (v.suspended ? cell('True', 'muted', '⏸') : cell('False')) },
  { title: 'ACTIVE', priority: 4, max: 6, cell: (v) => cell(v.active) },
  { title: 'LAST', priority: 2, max: 9, cell: (v, now) => timedCell(relative(v.lastSchedule, now)) },
  { title: 'NEXT', max: 10, cell: (v, now) => (v.scheduleError ? cell('invalid', 'bad') : timedCell(relative(v.nextRuns[0] ?? null, now))) },
  { title: 'LAST-RESULT', max: 11, cell: (v) => (v.unknown.runs ? unknownCell(v.unknown.runs) : v.lastResult ? stateCell(v.lastResult, JOB_HEALTH[v.lastResult]) : cell('-')) },
  { title: 'AGE', priority: 5, max: 6, cell: (v, now) => timedCell(age(v.created, now)) },
  { title: 'POLICY', wide: true, cell: (v) => cell(v.concurrencyPolicy) },
  { title: 'NEXT-AT', wide: true, cell: (v) => cell(v.nextRuns[0] === undefined ? '-' : `${formatInZone(v.nextRuns[0], v.timeZone)} ${v.timeZone}`) },
  { title: 'DESCRIPTION', wide: true, cell: (v) => cell(v.scheduleError ?? v.description) },
];

/** A CronJob's state for sorting: a failed last run first, suspended ones last. */
const cronJobHealth = (v: CronJobView) => (v.scheduleError ? 'bad' : v.suspended ? 'gone' : v.lastResult ? JOB_HEALTH[v.lastResult] : 'none');

export const CRONJOB_SORTS: readonly SortKey<CronJobView>[] = [
  byName(),
  byAge(),
  byHealth(cronJobHealth),
  { id: 'next', label: 'next run', value: (v) => v.nextRuns[0] ?? null },
  { id: 'lastResult', label: 'last result', value: (v) => (v.lastResult ? `${['Failed', 'Failing'].includes(v.lastResult) ? 0 : 1}${v.lastResult}` : null) },
];
