// CronJobs: the list row, and the detail — schedule in words and zone, next runs with countdowns,
// the run history as a bar chart coloured by outcome, and the findings.
import type { CronJobView, RunRow } from '../../model/cronjob.js';
import { age, relative, shortDuration } from '../../present/time.js';
import { formatInZone } from '../../present/time.js';
import type { EventRec } from '../../model/types.js';
import { lit, safe, type Safe } from '../text.js';
import { cell, type Cell, type Column } from '../widgets/table.js';
import { eventLines, findingLines, heading, kv, stateCell, table } from './common.js';
import { JOB_HEALTH } from './jobs.js';

export function cjColumns(allNamespaces: boolean): Column[] {
  return [
    ...(allNamespaces ? [{ title: 'NAMESPACE', max: 20 }] : []),
    { title: 'NAME', flex: true, min: 8, max: 50 },
    { title: 'SCHEDULE', max: 16 },
    { title: 'TZ', max: 16 },
    { title: 'SUSPEND', max: 7 },
    { title: 'ACTIVE', max: 6 },
    { title: 'LAST', max: 9 },
    { title: 'NEXT', max: 10 },
    { title: 'LAST-RESULT', max: 11 },
  ];
}

export function cjRow(v: CronJobView, now: number, allNamespaces: boolean): Cell[] {
  const warn = v.findings.some((f) => f.severity !== 'info');
  return [
    ...(allNamespaces ? [cell(v.namespace)] : []),
    cell(v.name, undefined, warn ? '!' : undefined),
    cell(v.schedule, v.scheduleError ? 'red-fg' : undefined),
    cell(v.timeZone),
    v.suspended ? cell('True', 'gray-fg', '⏸') : cell('False'),
    cell(v.active),
    cell(relative(v.lastSchedule, now)),
    cell(v.scheduleError ? 'invalid' : relative(v.nextRuns[0] ?? null, now), v.scheduleError ? 'red-fg' : undefined),
    v.lastResult ? stateCell(v.lastResult, JOB_HEALTH[v.lastResult]) : cell('-'),
  ];
}

const OUTCOME_STYLE: Record<string, string> = { ok: 'green-fg', progress: 'yellow-fg', bad: 'red-fg', gone: 'gray-fg', none: 'gray-fg' };

/** One bar per run, newest first, its length the run's duration. */
export function historyChart(runs: readonly RunRow[], width: number, now: number): Safe[] {
  const longest = Math.max(1, ...runs.map((r) => r.durationMs ?? 0));
  // name 32, outcome 9, duration 6, "manual" 7, relative time ~12, and the gaps between them.
  const barWidth = Math.max(5, Math.min(50, width - 72));
  return runs.map((r) => {
    const h = JOB_HEALTH[r.outcome];
    const style = OUTCOME_STYLE[h]!;
    const len = Math.max(1, Math.round(((r.durationMs ?? 0) / longest) * barWidth));
    const name = safe(r.name.padEnd(32).slice(0, 32));
    return lit(
      `${name} {${style}}${'█'.repeat(len)}${' '.repeat(barWidth - len)} ${safe(r.outcome.padEnd(9))}{/${style}} ${safe(shortDuration(r.durationMs).padStart(6))}${r.manual ? ' {cyan-fg}manual{/cyan-fg}' : ''} {gray-fg}${safe(relative(r.started, now))}{/gray-fg}`,
    );
  });
}

export function cjDetail(v: CronJobView, events: readonly EventRec[], now: number, width: number): Safe[] {
  const lines: Safe[] = [
    lit(`{bold}cronjob/${safe(v.name)}{/bold}  ${safe(v.namespace)}   ${v.suspended ? '{gray-fg}⏸ suspended{/gray-fg}' : '{green-fg}● scheduling{/green-fg}'}`),
    v.scheduleError
      ? lit(`{red-fg}✗ ${safe(v.schedule)}: ${safe(v.scheduleError)}{/red-fg}`)
      : lit(`{bold}${safe(v.schedule)}{/bold}  ${safe(v.description)}  {gray-fg}in{/gray-fg} ${safe(v.timeZone)}${v.zoneSource === 'default' ? ' {gray-fg}(controller default){/gray-fg}' : ''}`),
    kv([
      ['concurrency', v.concurrencyPolicy],
      ['startingDeadline', v.startingDeadlineSeconds === null ? '-' : `${v.startingDeadlineSeconds}s`],
      ['history', `${v.successfulJobsHistoryLimit} ok / ${v.failedJobsHistoryLimit} failed kept`],
      ['active', v.active],
      ['age', age(v.created, now)],
    ]),
    kv([
      ['last schedule', v.lastSchedule === null ? '-' : `${formatInZone(v.lastSchedule, v.timeZone)} (${relative(v.lastSchedule, now)})`],
      ['last success', v.lastSuccessful === null ? '-' : relative(v.lastSuccessful, now)],
    ]),
    lit(''),
    heading('Next runs'),
  ];
  if (v.nextRuns.length === 0) lines.push(lit(`{gray-fg}${v.suspended ? 'none while suspended' : 'none'}{/gray-fg}`));
  for (const t of v.nextRuns) lines.push(lit(`${safe(formatInZone(t, v.timeZone))} ${safe(v.timeZone)}  {cyan-fg}${safe(relative(t, now))}{/cyan-fg}`));
  lines.push(lit(''), heading(`History (${v.history.length}, newest first)`));
  if (v.history.length === 0) lines.push(lit('{gray-fg}no runs kept{/gray-fg}'));
  else lines.push(...historyChart(v.history, width, now));
  const columns: Column[] = [{ title: 'JOB', max: 40 }, { title: 'RESULT', max: 14 }, { title: 'SCHEDULED', max: 16 }, { title: 'DURATION', max: 8 }, { title: 'OK', max: 3 }, { title: 'FAIL', max: 4 }, { title: 'REASON', flex: true, max: 60 }];
  const rows = v.history.map((r) => [
    cell(r.name + (r.manual ? ' (manual)' : '')),
    stateCell(r.outcome, JOB_HEALTH[r.outcome]),
    cell(r.scheduled === null ? (r.manual ? 'manual' : '-') : formatInZone(r.scheduled, v.timeZone)),
    cell(shortDuration(r.durationMs)),
    cell(r.succeeded),
    cell(r.failed, r.failed ? 'red-fg' : undefined),
    cell(r.reason),
  ]);
  if (rows.length) lines.push(lit(''), ...table(columns, rows, width));
  lines.push(lit(''), ...findingLines(v.findings), lit(''), ...eventLines(events, now, width));
  return lines;
}
