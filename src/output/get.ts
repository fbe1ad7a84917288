// `kstate get`: one table row per object, drawn from the same view models as the dashboard.
import type { CronJobView } from '../model/cronjob.js';
import { age, relative, shortDuration } from '../present/time.js';
import type { JobView } from '../model/job.js';
import { formatInZone } from '../present/time.js';
import type { StatefulSetView } from '../model/statefulset.js';
import { blockedSummary, claimsSummary, completionsText, ordinalRange } from '../model/summary.js';
import { renderTable, type Cell } from './table.js';

export interface TableOptions {
  wide: boolean;
  allNamespaces: boolean;
  now: number;
}

function withNamespace(opts: TableOptions, headers: string[], rows: Cell[][], namespaces: string[]): string {
  if (!opts.allNamespaces) return renderTable(headers, rows);
  return renderTable(['NAMESPACE', ...headers], rows.map((r, i) => [namespaces[i] ?? '', ...r]));
}

export function statefulSetTable(views: readonly StatefulSetView[], opts: TableOptions): string {
  const headers = ['NAME', 'READY', 'STATUS', 'ORDINALS', 'CLAIMS', 'BLOCKED', 'AGE'];
  if (opts.wide) headers.push('POLICY', 'UPDATE', 'RETENTION', 'SERVICE');
  const rows = views.map((v) => {
    const row: Cell[] = [v.name, `${v.ready}/${v.replicas}`, v.status, ordinalRange(v), claimsSummary(v), blockedSummary(v), age(v.created, opts.now)];
    if (opts.wide) {
      row.push(
        v.podManagementPolicy,
        v.updateStrategy === 'RollingUpdate' ? `RollingUpdate${v.partition ? `(partition ${v.partition})` : ''} ${v.updated}/${v.replicas}` : 'OnDelete',
        `scaled:${v.retention.whenScaled} deleted:${v.retention.whenDeleted}`,
        v.serviceName + (v.dnsProblem ? ' (no DNS)' : ''),
      );
    }
    return row;
  });
  return withNamespace(opts, headers, rows, views.map((v) => v.namespace));
}

export function jobTable(views: readonly JobView[], opts: TableOptions): string {
  const headers = ['NAME', 'STATUS', 'COMPLETIONS', 'FAILED/LIMIT', 'DURATION', 'AGE'];
  if (opts.wide) headers.push('PARALLELISM', 'ACTIVE', 'MODE', 'REASON', 'CRONJOB');
  const rows = views.map((v) => {
    const row: Cell[] = [v.name, v.status, completionsText(v), `${v.failed}/${v.backoffLimit}`, shortDuration(v.durationMs), age(v.created, opts.now)];
    if (opts.wide) row.push(v.parallelism, v.active, v.completionMode, v.reason, v.cronJob ? `${v.cronJob}${v.manual ? ' (manual)' : ''}` : v.manual ? '(manual)' : '');
    return row;
  });
  return withNamespace(opts, headers, rows, views.map((v) => v.namespace));
}

export function cronJobTable(views: readonly CronJobView[], opts: TableOptions): string {
  const headers = ['NAME', 'SCHEDULE', 'TZ', 'SUSPEND', 'ACTIVE', 'LAST', 'NEXT', 'LAST-RESULT', 'AGE'];
  if (opts.wide) headers.push('POLICY', 'NEXT-AT', 'DESCRIPTION');
  const rows = views.map((v) => {
    const next = v.nextRuns[0] ?? null;
    const row: Cell[] = [
      v.name,
      v.schedule,
      v.timeZone,
      v.suspended ? 'True' : 'False',
      v.active,
      relative(v.lastSchedule, opts.now),
      v.scheduleError ? 'invalid' : relative(next, opts.now),
      v.lastResult ?? '-',
      age(v.created, opts.now),
    ];
    if (opts.wide) row.push(v.concurrencyPolicy, next === null ? '-' : `${formatInZone(next, v.timeZone)} ${v.timeZone}`, v.scheduleError ?? v.description);
    return row;
  });
  return withNamespace(opts, headers, rows, views.map((v) => v.namespace));
}
