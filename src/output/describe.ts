// `kstate describe`: the full detail of one object as text — the same view models the dashboard draws.
import type { CronJobView } from '../model/cronjob.js';
import { age, relative, shortDuration } from '../present/time.js';
import type { JobView } from '../model/job.js';
import type { ScalePreview } from '../model/scale.js';
import { formatInZone } from '../present/time.js';
import type { StatefulSetView } from '../model/statefulset.js';
import { stripControls } from '../model/text.js';
import type { EventRec, Finding } from '../model/types.js';
import { blockedSummary, claimsSummary, completionsText, ordinalRange } from '../model/summary.js';
import { renderTable, type Cell } from './table.js';

const field = (label: string, value: Cell) => `${`${label}:`.padEnd(22)}${stripControls(value === null || value === undefined || value === '' ? '-' : String(value))}`;
const section = (title: string, body: string) => `\n${title}:\n${body.replace(/^(?=.)/gm, '  ').replace(/\n$/, '')}`;

function findingsText(findings: readonly Finding[]): string {
  if (findings.length === 0) return section('Findings', 'none');
  return section('Findings', renderTable(['SEVERITY', 'CODE', 'MESSAGE'], findings.map((f) => [f.severity, f.code, f.message])));
}

export function eventsText(events: readonly EventRec[], now: number, limit = 20): string {
  if (events.length === 0) return section('Events', 'none');
  return section(
    'Events',
    renderTable(
      ['LAST', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
      events.slice(0, limit).map((e) => [relative(e.last, now), e.type, e.reason, `${e.involved.kind.toLowerCase()}/${e.involved.name}`, e.message + (e.count > 1 ? ` (x${e.count})` : '')]),
    ),
  );
}

export function previewText(p: ScalePreview): string {
  const lines = [`scale ${p.from} → ${p.to}:`];
  if (p.create.length) lines.push(`  create pods at ordinals ${p.create.join(', ')}`);
  if (p.remove.length) lines.push(`  remove pods at ordinals ${p.remove.join(', ')} (highest first)`);
  for (const c of p.claims) lines.push(`  claim ${c.name}: ${c.action}${c.created !== null && (c.action === 'reattach' || c.action === 'retain') ? ` (${c.phase})` : ''}`);
  for (const w of p.warnings) lines.push(`  ! ${w}`);
  return lines.join('\n');
}

export function describeStatefulSet(v: StatefulSetView, previews: readonly ScalePreview[], events: readonly EventRec[], now: number): string {
  const head = [
    field('Name', v.name),
    field('Namespace', v.namespace),
    field('Status', v.status),
    field('Replicas', `${v.replicas} desired | ${v.ready} ready | ${v.current} current | ${v.updated} updated | ${v.available} available`),
    field('Ordinals', `${ordinalRange(v)} (start ${v.ordinalsStart})`),
    field('Pod management', v.podManagementPolicy),
    field('Update strategy', v.updateStrategy + (v.updateStrategy === 'RollingUpdate' ? `, partition ${v.partition}` : '')),
    field('Revisions', `current ${v.currentRevision || '-'}, update ${v.updateRevision || '-'}${v.rolloutInProgress ? ' (rollout in progress)' : ''}`),
    field('Claim retention', `whenScaled: ${v.retention.whenScaled}, whenDeleted: ${v.retention.whenDeleted}`),
    field('Claims', claimsSummary(v)),
    field('Service', v.serviceName + (v.dnsProblem ? ` — ${v.dnsProblem}` : ' (headless)')),
    field('Blocked', v.blocking ? `${blockedSummary(v)} during ${v.blocking.during}: ${v.blocking.detail}` : '-'),
    field('Age', age(v.created, now)),
  ];
  const headers = ['ORDINAL', 'POD', 'STATUS', 'READY', 'RESTARTS', 'INIT', 'REVISION', 'NODE', 'IP', ...v.claimTemplates.map((t) => `CLAIM ${t.toUpperCase()}`), 'DNS'];
  const rows = v.rows.map((r): Cell[] => {
    const mark = r.retained ? ' (retained)' : !r.inRange ? ' (outside range)' : r.belowPartition ? ' (below partition)' : '';
    const p = r.pod;
    return [
      `${r.ordinal}${v.blocking?.ordinal === r.ordinal ? ' ◀ blocked' : ''}`,
      p ? p.name : `${r.podName}${mark || ' (missing)'}`,
      p ? p.status + mark : r.retained ? 'retained' : 'missing',
      p ? p.readyContainers : '',
      p ? p.restarts : '',
      p?.init ?? '',
      p ? `${p.revision || '-'}${p.updated === false ? ' (old)' : ''}` : '',
      p?.node ?? '',
      p?.ip ?? '',
      ...v.claimTemplates.map((t) => {
        const c = r.claims.find((x) => x.template === t);
        if (!c || c.phase === 'Missing') return 'missing';
        return `${c.name} ${c.phase}${c.capacity ? ` ${c.capacity}` : ''}${r.retained ? ` age ${age(c.created, now)}` : ''}`;
      }),
      r.dns ?? '',
    ];
  });
  return [
    ...head,
    section('Ordinals', renderTable(headers, rows)),
    section('Scale preview', previews.map(previewText).join('\n') || 'none'),
    findingsText(v.findings),
    eventsText(events, now),
  ].join('\n') + '\n';
}

const INDEX_MARK = { succeeded: '✓', failed: '✗', running: '▶', pending: '·' } as const;

export function describeJob(v: JobView, events: readonly EventRec[], now: number): string {
  const head = [
    field('Name', v.name),
    field('Namespace', v.namespace),
    field('Status', v.status + (v.reason ? ` (${v.reason})` : '')),
    field('Message', v.message),
    field('Completions', `${completionsText(v)} succeeded, ${v.active} active (${v.ready} ready), parallelism ${v.parallelism}`),
    field('Failures', `${v.failed} of backoffLimit ${v.backoffLimit}`),
    field('Mode', v.completionMode + (v.suspended ? ', suspended' : '')),
    field('Started', v.started === null ? '-' : `${new Date(v.started).toISOString()} (${relative(v.started, now)})`),
    field('Finished', v.finished === null ? '-' : `${new Date(v.finished).toISOString()} (${relative(v.finished, now)})`),
    field('Duration', shortDuration(v.durationMs)),
    field('Deadline', v.deadline ? `${v.deadline.seconds}s${v.deadline.remainingMs !== null ? ` (${v.deadline.remainingMs >= 0 ? `${shortDuration(v.deadline.remainingMs)} left` : `${shortDuration(-v.deadline.remainingMs)} past`})` : ''}` : '-'),
    field('CronJob', v.cronJob ? `${v.cronJob}${v.manual ? ' (manual run)' : ''}` : v.manual ? '(manual run)' : '-'),
    field('Age', age(v.created, now)),
  ];
  const parts = [...head];
  if (v.indexes) {
    const grid = v.indexes.map((s) => INDEX_MARK[s]).join('').replace(/(.{50})/g, '$1\n');
    parts.push(section('Indexes (✓ succeeded ✗ failed ▶ running · pending)', grid));
  }
  parts.push(
    section(
      'Pods',
      v.pods.length === 0
        ? 'none'
        : renderTable(
            ['POD', 'INDEX', 'STATUS', 'EXIT', 'REASON', 'NODE', 'STARTED', 'DURATION'],
            v.pods.map((p) => [p.name, p.index, p.status, p.exitCode, p.reason, p.node, relative(p.started, now), shortDuration(p.durationMs)]),
          ),
    ),
    findingsText(v.findings),
    eventsText(events, now),
  );
  return parts.join('\n') + '\n';
}

export function describeCronJob(v: CronJobView, events: readonly EventRec[], now: number): string {
  const zone = v.timeZone;
  const head = [
    field('Name', v.name),
    field('Namespace', v.namespace),
    field('Schedule', v.scheduleError ? `${v.schedule} — ${v.scheduleError}` : `${v.schedule} (${v.description})`),
    field('Time zone', `${zone}${v.zoneSource === 'default' ? ' (controller default)' : v.zoneSource === 'prefix' ? ' (TZ= prefix)' : ''}`),
    field('Suspended', v.suspended ? 'yes' : 'no'),
    field('Concurrency policy', v.concurrencyPolicy),
    field('Starting deadline', v.startingDeadlineSeconds === null ? '-' : `${v.startingDeadlineSeconds}s`),
    field('History limits', `${v.successfulJobsHistoryLimit} succeeded, ${v.failedJobsHistoryLimit} failed`),
    field('Last schedule', v.lastSchedule === null ? '-' : `${formatInZone(v.lastSchedule, zone)} (${relative(v.lastSchedule, now)})`),
    field('Last successful', v.lastSuccessful === null ? '-' : `${formatInZone(v.lastSuccessful, zone)} (${relative(v.lastSuccessful, now)})`),
    field('Active', v.active),
    field('Age', age(v.created, now)),
  ];
  const next = v.nextRuns.map((t) => `${formatInZone(t, zone)} ${zone}  (${relative(t, now)})`).join('\n');
  const history = renderTable(
    ['JOB', 'RESULT', 'SCHEDULED', 'STARTED', 'DURATION', 'SUCCEEDED', 'FAILED'],
    v.history.map((r) => [
      r.name + (r.manual ? ' (manual)' : ''),
      r.outcome + (r.reason && r.outcome === 'Failed' ? ` (${r.reason})` : ''),
      r.scheduled === null ? (r.manual ? 'manual' : '-') : formatInZone(r.scheduled, zone),
      relative(r.started, now),
      shortDuration(r.durationMs),
      r.succeeded,
      r.failed,
    ]),
  );
  return [
    ...head,
    section('Next runs', next || (v.suspended ? 'none (suspended)' : 'none')),
    section('History (newest first)', v.history.length ? history : 'none'),
    findingsText(v.findings),
    eventsText(events, now),
  ].join('\n') + '\n';
}
