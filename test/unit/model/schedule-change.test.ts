import { describe, expect, it } from 'vitest';
import { scheduleChange } from '../../../src/model/schedule-change.js';

const T = Date.UTC(2026, 2, 28, 12, 0, 0); // the Saturday before Europe's clocks go forward

describe('scheduleChange (as the API server validates a CronJob update)', () => {
  it('gives the schedule in its zone, keeping the CronJob’s zone unless a new one is given', () => {
    const kept = scheduleChange({ schedule: '0 0 * * *', timeZone: 'Europe/Paris' }, '30 2 * * *', undefined);
    expect(kept.ok && [kept.timeZone, kept.schedule.next(T, 2).map((t) => new Date(t).toISOString())]).toEqual([
      'Europe/Paris',
      // 02:30 does not exist on 29 March in Paris: robfig (and so the controller) skips that day.
      ['2026-03-30T00:30:00.000Z', '2026-03-31T00:30:00.000Z'],
    ]);
    const moved = scheduleChange({ schedule: '0 0 * * *', timeZone: null }, '0 9 * * 1-5', 'Asia/Tokyo');
    expect(moved.ok && [moved.timeZone, new Date(moved.schedule.next(T, 1)[0]!).toISOString()]).toEqual(['Asia/Tokyo', '2026-03-30T00:00:00.000Z']);
  });

  it('refuses what the server refuses, in its order', () => {
    expect(scheduleChange({ schedule: '0 0 * * *', timeZone: 'UTC' }, 'TZ=UTC 0 * * *', undefined)).toEqual({ ok: false, error: 'spec.schedule: cannot use TZ or CRON_TZ in schedule, use timeZone field instead' });
    expect(scheduleChange({ schedule: 'TZ=UTC 0 0 * * *', timeZone: null }, 'TZ=UTC 0 1 * * *', undefined).ok).toBe(true);
    expect(scheduleChange({ schedule: 'TZ=UTC 0 0 * * *', timeZone: null }, 'TZ=UTC 0 1 * * *', 'UTC')).toEqual({ ok: false, error: 'spec.schedule: cannot use both timeZone field and TZ or CRON_TZ in schedule' });
    expect(scheduleChange({ schedule: '0 0 * * *', timeZone: null }, '0 * * * *', 'Mars/Olympus')).toEqual({ ok: false, error: 'unknown time zone "Mars/Olympus"' });
    expect(scheduleChange({ schedule: '0 0 * * *', timeZone: null }, '0 * * * *', 'Local')).toMatchObject({ ok: false });
    expect(scheduleChange({ schedule: '0 0 * * *', timeZone: null }, '61 * * * *', undefined)).toMatchObject({ ok: false, error: expect.stringContaining('61') });
  });
});
