// Jobs: the list row, and the detail — progress and retry-budget bars, index grid, pods, deadline.
import { age, shortDuration } from '../../present/time.js';
import type { IndexState, JobStatus, JobView } from '../../model/job.js';
import { completionsText } from '../../model/summary.js';
import type { EventRec } from '../../model/types.js';
import { lit, safe, type Safe } from '../text.js';
import { cell, type Cell, type Column } from '../widgets/table.js';
import { bar, eventLines, findingLines, heading, kv, stateCell, table, type Health } from './common.js';

export const JOB_HEALTH: Record<JobStatus, Health> = {
  Complete: 'ok',
  Succeeding: 'ok',
  Running: 'progress',
  Pending: 'progress',
  Suspended: 'gone',
  Failing: 'bad',
  Failed: 'bad',
};

export function jobColumns(allNamespaces: boolean): Column[] {
  return [
    ...(allNamespaces ? [{ title: 'NAMESPACE', max: 20 }] : []),
    { title: 'NAME', flex: true, min: 8, max: 50 },
    { title: 'STATUS', max: 14 },
    { title: 'COMPLETIONS', max: 11 },
    { title: 'FAILED/LIMIT', max: 12 },
    { title: 'DURATION', max: 8 },
    { title: 'AGE', max: 6 },
  ];
}

export function jobRow(v: JobView, now: number, allNamespaces: boolean): Cell[] {
  return [
    ...(allNamespaces ? [cell(v.namespace)] : []),
    cell(v.name + (v.manual ? ' (manual)' : '')),
    stateCell(v.status, JOB_HEALTH[v.status]),
    cell(completionsText(v)),
    cell(`${v.failed}/${v.backoffLimit}`, v.failed > 0 ? (v.failed > v.backoffLimit ? 'red-fg' : 'yellow-fg') : undefined),
    cell(shortDuration(v.durationMs)),
    cell(age(v.created, now)),
  ];
}

const INDEX: Record<IndexState, string> = {
  succeeded: '{green-fg}✓{/green-fg}',
  failed: '{red-fg}✗{/red-fg}',
  running: '{yellow-fg}▶{/yellow-fg}',
  pending: '{gray-fg}·{/gray-fg}',
};

export function jobDetail(v: JobView, events: readonly EventRec[], now: number, width: number): Safe[] {
  const health = JOB_HEALTH[v.status];
  const style = { ok: 'green-fg', progress: 'yellow-fg', bad: 'red-fg', gone: 'gray-fg', none: 'gray-fg' }[health];
  const barWidth = Math.max(10, Math.min(40, width - 36));
  const target = v.completions ?? Math.max(v.succeeded, 1);
  const lines: Safe[] = [
    lit(`{bold}job/${safe(v.name)}{/bold}  ${safe(v.namespace)}   {${style}}${safe(v.status)}${v.reason ? ` (${safe(v.reason)})` : ''}{/${style}}`),
    kv([
      ['mode', v.completionMode],
      ['parallelism', v.parallelism],
      ['active', `${v.active} (${v.ready} ready)`],
      ['duration', shortDuration(v.durationMs)],
      ['cronjob', v.cronJob ? v.cronJob + (v.manual ? ' (manual run)' : '') : v.manual ? '(manual run)' : '-'],
    ]),
  ];
  if (v.message) lines.push(lit(`{gray-fg}${safe(v.message)}{/gray-fg}`));
  lines.push(
    lit(`{gray-fg}progress{/gray-fg} ${bar(v.succeeded, target, barWidth, 'green-fg')} ${safe(v.completions === null ? `${v.succeeded} succeeded (work queue)` : `${v.succeeded}/${v.completions} succeeded`)}`),
    lit(`{gray-fg}retries {/gray-fg} ${bar(v.failed, v.backoffLimit + 1, barWidth, v.failed > v.backoffLimit ? 'red-fg' : 'yellow-fg')} ${safe(`${v.failed} failed of backoffLimit ${v.backoffLimit}`)}`),
  );
  if (v.deadline) {
    const r = v.deadline.remainingMs;
    const text = r === null ? `activeDeadlineSeconds ${v.deadline.seconds}s` : r >= 0 ? `${shortDuration(r)} left of ${v.deadline.seconds}s` : `${shortDuration(-r)} past the ${v.deadline.seconds}s deadline`;
    lines.push(lit(`{gray-fg}deadline{/gray-fg} ${r !== null && r < 0 ? `{red-fg}${safe(text)}{/red-fg}` : safe(text)}`));
  }
  if (v.indexes) {
    lines.push(lit(''), heading(`Indexes (${v.indexes.length})  ✓ succeeded ✗ failed ▶ running · pending`));
    const perLine = Math.max(10, width - 2);
    for (let i = 0; i < v.indexes.length && i < 20 * perLine; i += perLine) lines.push(lit(v.indexes.slice(i, i + perLine).map((s) => INDEX[s]).join('')));
  }
  const columns: Column[] = [
    { title: 'POD', max: 40 },
    { title: 'IDX', max: 5 },
    { title: 'STATUS', max: 20 },
    { title: 'EXIT', max: 4, align: 'right' },
    { title: 'REASON', max: 20 },
    { title: 'NODE', max: 16 },
    { title: 'DURATION', max: 8 },
    { title: 'MESSAGE', flex: true, max: 200 },
  ];
  const rows = v.pods.map((p) => [
    cell(p.name),
    cell(p.index ?? ''),
    stateCell(p.status, p.health),
    cell(p.exitCode ?? '', p.exitCode ? 'red-fg' : undefined),
    cell(p.reason),
    cell(p.node),
    cell(shortDuration(p.durationMs)),
    cell(p.message),
  ]);
  lines.push(lit(''), heading(`Pods (${v.pods.length})`), ...(rows.length ? table(columns, rows, width) : [lit('{gray-fg}no pods{/gray-fg}')]));
  lines.push(lit(''), ...findingLines(v.findings), lit(''), ...eventLines(events, now, width));
  return lines;
}
