// A CronJob's detail: schedule in words and zone, next runs with countdowns, the kept runs as a
// chart and a table, findings and events — for describe and the detail pane.
import type { CronJobView } from '../../model/cronjob.js';
import type { EventRec } from '../../model/types.js';
import { age, formatInZone, relative, shortDuration, type Timed } from '../../present/time.js';
import { cell, HEALTH, span, stateCell, timedCell, timedSpan, unknownText } from '../cells.js';
import { JOB_HEALTH } from '../jobs/columns.js';
import { eventsSection, findingsSection, timedField, type Section } from '../sections.js';

const BAR_CELLS = 10;

/** A run's length as a bar of up to ten cells against the longest kept run: the table's own picture. */
function durationBar(ms: number | null, longest: number): string {
  return '█'.repeat(Math.max(1, Math.round(((ms ?? 0) / longest) * BAR_CELLS)));
}

export function cronJobDetail(v: CronJobView, events: readonly EventRec[], now: number, eventsUnknown: string | null): Section[] {
  const zone = v.timeZone;
  const longest = Math.max(1, ...v.history.map((r) => r.durationMs ?? 0));
  const when = (t: number | null): Timed => {
    const r = relative(t, now);
    return t === null ? r : { text: `${formatInZone(t, zone)} (${r.text})`, changesAt: r.changesAt };
  };
  return [
    {
      type: 'fields',
      fields: [
        { label: 'Name', value: v.name, pane: false },
        { label: 'Namespace', value: v.namespace, pane: false },
        v.scheduleError
          ? { label: 'Schedule', value: `${v.schedule} — ${v.scheduleError}`, tone: 'bad' }
          : { label: 'Schedule', value: `${v.schedule} (${v.description})` },
        { label: 'Time zone', value: `${zone}${v.zoneSource === 'default' ? ' (controller default)' : v.zoneSource === 'prefix' ? ' (TZ= prefix)' : ''}` },
        { label: 'Suspended', value: v.suspended ? 'yes' : 'no', ...(v.suspended ? { tone: 'muted' as const } : {}) },
        { label: 'Concurrency policy', value: v.concurrencyPolicy },
        { label: 'Starting deadline', value: v.startingDeadlineSeconds === null ? '-' : `${v.startingDeadlineSeconds}s` },
        { label: 'History limits', value: `${v.successfulJobsHistoryLimit} succeeded, ${v.failedJobsHistoryLimit} failed` },
        timedField('Last schedule', when(v.lastSchedule)),
        timedField('Last successful', when(v.lastSuccessful)),
        { label: 'Active', value: String(v.active) },
        timedField('Age', age(v.created, now)),
      ],
    },
    {
      type: 'lines',
      title: 'Next runs',
      lines: v.nextRuns.map((t) => [span(`${formatInZone(t, zone)} ${zone}  `), timedSpan(relative(t, now), 'accent')]),
      empty: v.suspended ? 'none (suspended)' : 'none',
    },
    {
      type: 'runs',
      title: `History (${v.history.length}, newest first)`,
      runs: v.history.map((r) => ({ tone: HEALTH[JOB_HEALTH[r.outcome]].tone, durationMs: r.durationMs, duration: shortDuration(r.durationMs) })),
    },
    {
      type: 'table',
      title: `History (${v.history.length}, newest first)`,
      columns: [
        { title: 'JOB', max: 40 },
        { title: 'DURATION', max: 20 },
        { title: 'RESULT', max: 30 },
        { title: 'SCHEDULED', max: 16 },
        { title: 'STARTED', max: 10 },
        { title: 'SUCCEEDED', max: 9 },
        { title: 'FAILED', max: 6 },
      ],
      rows: v.history.map((r) => [
        cell(r.name + (r.manual ? ' (manual)' : '')),
        cell(`${durationBar(r.durationMs, longest)} ${shortDuration(r.durationMs)}`, HEALTH[JOB_HEALTH[r.outcome]].tone),
        stateCell(r.outcome + (r.reason && r.outcome === 'Failed' ? ` (${r.reason})` : ''), JOB_HEALTH[r.outcome]),
        cell(r.scheduled === null ? (r.manual ? 'manual' : '-') : formatInZone(r.scheduled, zone)),
        timedCell(relative(r.started, now)),
        cell(r.succeeded),
        cell(r.failed, r.failed ? 'bad' : undefined),
      ]),
      empty: v.unknown.runs ? unknownText(v.unknown.runs) : 'none',
    },
    findingsSection(v.findings),
    eventsSection(events, now, eventsUnknown),
  ];
}
