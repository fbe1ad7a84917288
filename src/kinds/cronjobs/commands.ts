// CronJob actions: suspend/resume, and trigger now (the Job kubectl create job --from=cronjob/… makes).
import type { CronJobView } from '../../model/cronjob.js';
import { createJobAccess, scheduleRequest, suspendAccess, triggerRequest } from '../../model/requests.js';
import { scheduleChange } from '../../model/schedule-change.js';
import { formatInZone } from '../../present/time.js';
import { span, type Span } from '../cells.js';
import { onePlan } from '../plan.js';
import { suspendActions } from '../suspend.js';
import type { ActionPlan, KindAction, PlanContext } from '../types.js';

/** The new schedule with its next five runs in its zone, or the API server's reason to refuse it. */
function planSchedule(v: CronJobView, at: PlanContext, expression: string | undefined, zoneAnswer: string | undefined): ActionPlan | { skip: string } {
  const schedule = (expression ?? '').trim();
  if (!schedule) return { skip: `usage: kstate set schedule cj ${v.name} "EXPR" [--time-zone ZONE]` };
  const rec = at.snapshot().kinds.cronjobs.get(v.uid);
  if (!rec) return { skip: `cronjob ${v.name} is gone` };
  const zone = zoneAnswer?.trim() ? zoneAnswer.trim() : undefined;
  const change = scheduleChange({ schedule: rec.schedule, timeZone: rec.timeZone }, schedule, zone);
  if (!change.ok) return { skip: `the API server would refuse it: ${change.error}` };
  if (schedule === rec.schedule && (zone === undefined || zone === rec.timeZone)) return { skip: `cronjob/${v.name} already runs on "${schedule}"${rec.timeZone ? ` in ${rec.timeZone}` : ''}` };
  const s = change.schedule;
  const runs = s.next(at.now(), 5);
  // The preview is the target's: among marked CronJobs each one's runs are shown under it.
  const lines = [
    [span(`Set the schedule of cronjob/${v.name}: "${rec.schedule}" (${v.timeZone}) → "${schedule}" (${s.timeZone}), ${s.description}?`)],
    [span(`  next ${runs.length} run(s) in ${s.timeZone}:`)],
    ...runs.map((t) => [span(`    ${formatInZone(t, s.timeZone)}`, 'accent'), span(`  (${new Date(t).toISOString()})`, 'muted')]),
    ...(v.suspended ? [[span('! the CronJob is suspended: none of these runs starts until it is resumed', 'warn')]] : []),
  ];
  return onePlan('schedule', `schedule ${v.name}`, [], {
    name: `cronjob/${v.name}`,
    request: scheduleRequest(v.namespace, v.name, schedule, zone, rec.resourceVersion),
    summary: `schedule cronjob/${v.name} "${schedule}"${zone ? ` in ${zone}` : ''}`,
    lines,
  });
}

function forbidWarning(v: CronJobView): Span[][] {
  return v.concurrencyPolicy === 'Forbid' && v.active > 0 ? [[span(`! concurrencyPolicy is Forbid and ${v.active} run(s) are still active: a manual run starts anyway`, 'warn')]] : [];
}

export const CRONJOB_ACTIONS: readonly KindAction<CronJobView>[] = [
  ...suspendActions<CronJobView>('cronjobs'),
  {
    id: 'cj.trigger',
    keys: ['t'],
    label: 'trigger',
    help: 'run now: the Job kubectl create job --from=cronjob/NAME makes',
    hint: true,
    cli: { command: 'trigger', usage: 'kstate trigger cj NAME (or cj -l SELECTOR | --all)' },
    access: (v) => createJobAccess(v.namespace),
    plan: (v, at) =>
      onePlan(
        'trigger',
        `trigger ${v.name}`,
        [[span(`Create a Job from cronjob/${v.name} now, as kubectl create job --from=cronjob/${v.name} does?`)]],
        { name: `cronjob/${v.name}`, request: triggerRequest(v.namespace, v.name, at.now()), summary: `trigger cronjob/${v.name}`, lines: forbidWarning(v) },
        { reveal: 'jobs' },
      ),
    bulk: {},
  },
  {
    id: 'cj.schedule',
    keys: ['S-e'],
    label: 'schedule',
    help: 'edit the schedule and time zone, validated as the API server does, the next runs previewed',
    cli: { command: 'set schedule', usage: 'kstate set schedule cj NAME "EXPR" [--time-zone ZONE]' },
    access: (v) => suspendAccess('cronjobs', v.namespace, v.name),
    ask: [
      { kind: 'text', label: (v) => `new schedule for ${v.name} (now "${v.schedule}"): ` },
      { kind: 'text', label: (v) => `time zone (now ${v.timeZone}; Enter keeps it): `, flag: 'timeZone' },
    ],
    plan: (v, at, [expression, zone]) => planSchedule(v, at, expression, zone),
  },
  {
    id: 'cj.zone',
    keys: ['S-z'],
    label: 'time zone',
    help: 'move to another time zone, the schedule kept, its next runs there previewed (marked CronJobs: one zone for all)',
    cli: { command: 'set zone', usage: 'kstate set zone cj NAME ZONE (or cj -l SELECTOR | --all ZONE)' },
    access: (v) => suspendAccess('cronjobs', v.namespace, v.name),
    ask: [{ kind: 'text', label: (v) => `time zone for ${v.name} (now ${v.timeZone}): ` }],
    plan: (v, at, [zone]) => (zone?.trim() ? planSchedule(v, at, at.snapshot().kinds.cronjobs.get(v.uid)?.schedule ?? v.schedule, zone) : { skip: 'a time zone is needed (e.g. Europe/Berlin)' }),
    bulk: { ask: 'move every marked CronJob to time zone: ' },
  },
];
