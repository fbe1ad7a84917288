// A new schedule (and time zone) for a CronJob, judged as the API server judges an update
// (kubernetes pkg/apis/batch/validation): refused with its reason before anything is sent, or the
// schedule it will be, for the preview of its next runs. Pure.
import { parseSchedule, type Schedule } from './schedule.js';

export type ScheduleChange = { ok: true; schedule: Schedule; timeZone: string | null } | { ok: false; error: string };

/**
 * `timeZone` undefined keeps the CronJob's own. A TZ= prefix is refused unless the old schedule had
 * one and no spec.timeZone is set (the server allows TZ in a schedule only where it was already).
 */
export function scheduleChange(current: { schedule: string; timeZone: string | null }, expression: string, timeZone: string | undefined, defaultZone = 'UTC'): ScheduleChange {
  const zone = timeZone === undefined ? current.timeZone : timeZone;
  // In the server's order: whether TZ may stay in this schedule at all, then whether it meets a timeZone.
  if (expression.includes('TZ')) {
    if (!current.schedule.includes('TZ')) return { ok: false, error: 'spec.schedule: cannot use TZ or CRON_TZ in schedule, use timeZone field instead' };
    if (zone !== null) return { ok: false, error: 'spec.schedule: cannot use both timeZone field and TZ or CRON_TZ in schedule' };
  }
  const parsed = parseSchedule(expression, zone, defaultZone);
  return parsed.ok ? { ok: true, schedule: parsed.schedule, timeZone: zone } : { ok: false, error: parsed.error };
}
