// A Job's detail: progress and retry budget, deadline, per-index tiles, pods with exit codes,
// findings and events — for describe and the detail pane.
import type { IndexState, JobView } from '../../model/job.js';
import type { EventRec } from '../../model/types.js';
import { age, relative, shortDuration, type Timed } from '../../present/time.js';
import { cell, HEALTH, stateCell, timedCell, unknownText, type Cell } from '../cells.js';
import { eventsSection, findingsSection, timedField, type Meter, type Section } from '../sections.js';
import { budgetTone, budgetWords } from '../../model/job-policy.js';
import { completionsText, cronJobText, JOB_HEALTH } from './columns.js';

const INDEX: Record<IndexState, Cell> = {
  succeeded: cell('✓', 'ok'),
  failed: cell('✗', 'bad'),
  running: cell('▶', 'warn'),
  pending: cell('·', 'muted'),
  unknown: cell('?', 'muted'),
};

/** An index's tile: its state, or (per-index backoff) how many failures it has had while it is not done. */
function indexCell(s: IndexState, failures: number): Cell {
  if (!failures || s === 'succeeded' || s === 'failed') return INDEX[s];
  return cell(failures > 9 ? '+' : String(failures), 'warn');
}

/** The retries meter: failed pods of backoffLimit, or failed indexes of maxFailedIndexes. */
function retryMeter(v: JobView): Meter {
  const b = v.budget;
  if (b.scope === 'job') return { label: 'retries', parts: [{ value: b.failed, tone: b.failed > b.limit ? 'bad' : 'warn' }], total: b.limit + 1, text: `${b.failed} failed of backoffLimit ${b.limit}` };
  const used = b.failedIndexes ?? 0;
  const total = b.maxFailedIndexes === null ? Math.max(1, v.indexes?.length ?? 1) : b.maxFailedIndexes + 1;
  return { label: 'failed idx', parts: [{ value: used, tone: budgetTone(b) === 'bad' ? 'bad' : 'warn' }], total, text: `${used}/${b.maxFailedIndexes ?? '∞'} indexes failed` };
}

const at = (t: number | null, now: number): Timed => {
  const r = relative(t, now);
  return t === null ? r : { text: `${new Date(t).toISOString()} (${r.text})`, changesAt: r.changesAt };
};

function deadlineText(v: JobView): string {
  if (!v.deadline) return '-';
  const r = v.deadline.remainingMs;
  const from = v.resumed !== null ? ', counted from the last resume' : '';
  return `${v.deadline.seconds}s${r === null ? '' : r >= 0 ? ` (${shortDuration(r)} left${from})` : ` (${shortDuration(-r)} past${from})`}`;
}

export function jobDetail(v: JobView, events: readonly EventRec[], now: number, eventsUnknown: string | null): Section[] {
  const sections: Section[] = [
    {
      type: 'fields',
      fields: [
        { label: 'Name', value: v.name, pane: false },
        { label: 'Namespace', value: v.namespace, pane: false },
        { label: 'Status', value: v.status + (v.reason ? ` (${v.reason})` : ''), tone: HEALTH[JOB_HEALTH[v.status]].tone },
        { label: 'Message', value: v.message },
        { label: 'Completions', value: `${completionsText(v)} succeeded, ${v.active} active (${v.ready} ready)${v.terminating ? `, ${v.terminating} terminating` : ''}, parallelism ${v.parallelism}` },
        { label: 'Failures', value: budgetWords(v.budget), ...(budgetTone(v.budget) ? { tone: budgetTone(v.budget)! } : {}) },
        ...(v.success ? [{ label: 'Success policy', value: v.success }] : []),
        ...(v.failedByRule ? [{ label: 'Failed by', value: `pod failure policy${v.failedByRule.rule === null ? '' : ` rule ${v.failedByRule.rule}`}: ${v.failedByRule.text}`, tone: 'bad' as const }] : []),
        ...(v.managedBy ? [{ label: 'Managed by', value: `${v.managedBy} (not the Job controller: its pods may live elsewhere)`, tone: 'accent' as const }] : []),
        { label: 'Mode', value: v.completionMode + (v.suspended ? ', suspended' : '') },
        ...(v.finishing ? [{ label: 'Finishing', value: v.finishing.text, tone: v.finishing.outcome === 'failed' ? ('bad' as const) : ('ok' as const) }] : []),
        timedField(v.resumed !== null ? 'Started (resumed)' : 'Started', v.suspended && v.started === null ? { text: 'not while suspended: the clock starts again at resume', changesAt: Infinity } : at(v.started, now)),
        timedField('Finished', at(v.finished, now)),
        { label: 'Duration', value: shortDuration(v.durationMs) },
        { label: 'Deadline', value: deadlineText(v), ...(v.deadline?.remainingMs != null && v.deadline.remainingMs < 0 ? { tone: 'bad' as const } : {}) },
        { label: 'CronJob', value: cronJobText(v) },
        timedField('Age', age(v.created, now)),
      ],
    },
    {
      type: 'meters',
      meters: [
        {
          label: 'progress',
          parts: [
            { value: v.succeeded, tone: 'ok' },
            { value: v.failed, tone: 'bad' },
            { value: v.active, tone: 'warn' },
          ],
          total: Math.max(v.completions ?? 0, v.succeeded + v.failed + v.active, 1),
          text: `${v.completions === null ? `${v.succeeded} succeeded (work queue)` : `${v.succeeded}/${v.completions} succeeded`} · ${v.failed} failed · ${v.active} active`,
        },
        retryMeter(v),
      ],
    },
  ];
  if (v.failureRules.length) {
    sections.push({
      type: 'table',
      title: 'Pod failure policy (first matching rule)',
      columns: [{ title: '#', max: 3, align: 'right' }, { title: 'ACTION', max: 10 }, { title: 'WHEN', flex: true, max: 200 }],
      rows: v.failureRules.map((r, i) => [cell(i, v.failedByRule?.rule === i ? 'bad' : undefined), cell(r.action, r.action === 'Ignore' ? 'muted' : r.action === 'Count' ? undefined : 'warn'), cell(r.when)]),
      empty: 'none',
    });
  }
  const legend = v.unknown.pods ? '? running or pending (pods not visible)' : '▶ running · pending';
  if (v.indexes) sections.push({ type: 'grid', title: `Indexes (${v.indexes.length})  ✓ succeeded ✗ failed ${legend}${v.budget.perIndex ? `  digit: failures so far (of ${v.budget.limit} retr${v.budget.limit === 1 ? 'y' : 'ies'} each)` : ''}`, cells: v.indexes.map((s, i) => indexCell(s, v.budget.perIndex?.[i] ?? 0)) });
  sections.push(
    {
      type: 'table',
      title: v.unknown.pods ? 'Pods' : `Pods (${v.pods.length})`,
      columns: [
        { title: 'POD', max: 40 },
        { title: 'IDX', max: 5 },
        { title: 'STATUS', max: 20 },
        { title: 'EXIT', max: 4, align: 'right' },
        { title: 'REASON', max: 20 },
        { title: 'NODE', max: 16 },
        { title: 'STARTED', max: 10 },
        { title: 'DURATION', max: 8 },
        { title: 'MESSAGE', flex: true, max: 200 },
      ],
      rows: v.pods.map((p) => [
        cell(p.name),
        cell(p.index ?? ''),
        stateCell(p.status, p.health),
        cell(p.exitCode ?? '', p.exitCode ? 'bad' : undefined),
        cell(p.reason),
        cell(p.node),
        timedCell(relative(p.started, now)),
        cell(shortDuration(p.durationMs)),
        cell(p.message),
      ]),
      empty: v.unknown.pods ? unknownText(v.unknown.pods) : 'none',
    },
    findingsSection(v.findings),
    eventsSection(events, now, eventsUnknown),
  );
  return sections;
}
