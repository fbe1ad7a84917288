import { describe, expect, it } from 'vitest';
import { formatInZone, parseGoDuration, parseSchedule, type Schedule } from '../../src/model/schedule.js';

const NOW = Date.UTC(2026, 10, 22, 23, 14); // Sunday
const ok = (s: string, tz: string | null = null): Schedule => {
  const r = parseSchedule(s, tz);
  if (!r.ok) throw new Error(r.error);
  return r.schedule;
};
const isoNext = (s: Schedule, after = NOW, n = 2) => s.next(after, n).map((t) => new Date(t).toISOString());

describe('parseSchedule', () => {
  it('computes next runs of five-field schedules in UTC by default', () => {
    expect(isoNext(ok('*/2 * * * *'))).toEqual(['2026-11-22T23:16:00.000Z', '2026-11-22T23:18:00.000Z']);
    expect(ok('*/2 * * * *').zoneSource).toBe('default');
    expect(isoNext(ok('30 6 * * MON-FRI'))).toEqual(['2026-11-23T06:30:00.000Z', '2026-11-24T06:30:00.000Z']);
  });

  it('honours spec.timeZone', () => {
    const s = ok('0 0 * * *', 'Europe/Berlin');
    expect(s.zoneSource).toBe('spec');
    expect(isoNext(s)).toEqual(['2026-11-23T23:00:00.000Z', '2026-11-24T23:00:00.000Z']);
    expect(isoNext(ok('0 0 * * *', 'America/New_York'), NOW, 1)).toEqual(['2026-11-23T05:00:00.000Z']);
  });

  it('understands legacy TZ= and CRON_TZ= prefixes, but not together with spec.timeZone', () => {
    const s = ok('TZ=Asia/Tokyo 0 9 * * *');
    expect(s).toMatchObject({ timeZone: 'Asia/Tokyo', zoneSource: 'prefix', expression: '0 9 * * *' });
    expect(isoNext(s, NOW, 1)).toEqual(['2026-11-23T00:00:00.000Z']);
    expect(ok('CRON_TZ=UTC 5 * * * *').timeZone).toBe('UTC');
    const both = parseSchedule('TZ=UTC 0 0 * * *', 'Europe/Berlin');
    expect(both.ok).toBe(false);
  });

  it('accepts every descriptor Kubernetes accepts, including @midnight and @every', () => {
    for (const [d, first] of [
      ['@hourly', '2026-11-23T00:00:00.000Z'],
      ['@daily', '2026-11-23T00:00:00.000Z'],
      ['@midnight', '2026-11-23T00:00:00.000Z'],
      ['@weekly', '2026-11-29T00:00:00.000Z'],
      ['@monthly', '2026-12-01T00:00:00.000Z'],
      ['@yearly', '2027-01-01T00:00:00.000Z'],
      ['@annually', '2027-01-01T00:00:00.000Z'],
    ] as const) {
      expect(isoNext(ok(d), NOW, 1), d).toEqual([first]);
    }
    const every = ok('@every 1h30m');
    expect(every.minIntervalMs).toBe(5_400_000);
    const [a, b] = every.next(NOW, 2);
    expect(b! - a!).toBe(5_400_000);
    expect(a! > NOW).toBe(true);
    expect(parseGoDuration('1h30m')).toBe(5_400_000);
    expect(parseGoDuration('90s')).toBe(90_000);
    expect(parseGoDuration('1x')).toBeNull();
    // robfig raises @every delays below a second to one second.
    expect(ok('@every 0s').minIntervalMs).toBe(1000);
  });

  it.each([
    ['0 0 * * * *', /expected 5 fields, got 6/],
    ['0 0 * *', /expected 5 fields, got 4/],
    ['0 0 L * *', /"L" is not a valid day of month/],
    ['0 0 1W * *', /not a valid day of month/],
    ['0 0 * * 1#2', /not a valid day of week/],
    ['H 0 * * *', /not a valid minute/],
    ['60 * * * *', /minute 60 is out of range 0-59/],
    ['0 24 * * *', /hour 24 is out of range 0-23/],
    ['0 0 * 13 *', /month 13 is out of range 1-12/],
    ['0 0 * * 7', /day of week 7 is out of range 0-6/],
    ['@fortnightly', /unknown descriptor/],
    ['@every 1x', /"1x" is/],
  ])('rejects %s as Kubernetes does', (schedule, message) => {
    const r = parseSchedule(schedule, null);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it('names an unknown time zone', () => {
    expect(parseSchedule('0 0 * * *', 'Mars/Base')).toEqual({ ok: false, error: 'unknown time zone "Mars/Base"' });
  });

  it('skips a wall-clock time that a DST change removes, and runs an ambiguous one at both offsets, as robfig does', () => {
    // 2026-03-08: America/New_York jumps from 02:00 to 03:00, so 02:30 does not happen that day.
    expect(isoNext(ok('30 2 * * *', 'America/New_York'), Date.UTC(2026, 2, 7, 12), 2)).toEqual(['2026-03-09T06:30:00.000Z', '2026-03-10T06:30:00.000Z']);
    // 2026-11-01: 01:30 happens twice, and robfig's Next (so the CronJob controller) runs it twice.
    expect(isoNext(ok('30 1 * * *', 'America/New_York'), Date.UTC(2026, 9, 31, 12), 3)).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-01T06:30:00.000Z', '2026-11-02T06:30:00.000Z']);
  });

  it('ORs day of month and day of week when both are restricted', () => {
    // The 1st of the month or any Monday.
    const runs = ok('0 12 1 * MON').between(Date.UTC(2026, 10, 22), Date.UTC(2026, 11, 8, 23));
    expect(runs.map((t) => new Date(t).toISOString().slice(0, 10))).toEqual(['2026-11-23', '2026-11-30', '2026-12-01', '2026-12-07']);
  });

  it('finds the latest run at or before a time, inclusive', () => {
    const s = ok('*/5 * * * *');
    expect(s.latestAtOrBefore(Date.UTC(2026, 10, 22, 23, 10))).toBe(Date.UTC(2026, 10, 22, 23, 10));
    expect(s.latestAtOrBefore(Date.UTC(2026, 10, 22, 23, 14, 59))).toBe(Date.UTC(2026, 10, 22, 23, 10));
    expect(s.between(Date.UTC(2026, 10, 22, 23, 0), Date.UTC(2026, 10, 22, 23, 15))).toHaveLength(3);
    expect(s.between(0, NOW, 7)).toHaveLength(7);
  });

  it('knows the shortest interval between runs', () => {
    expect(ok('*/2 * * * *').minIntervalMs).toBe(120_000);
    expect(ok('0 0 * * *').minIntervalMs).toBe(86_400_000);
    expect(ok('0 9 * * MON-FRI').minIntervalMs).toBe(86_400_000);
    expect(ok('0 0,6 * * *').minIntervalMs).toBe(6 * 3_600_000);
    expect(ok('@every 90s').minIntervalMs).toBe(90_000);
  });

  it('describes common schedules in words', () => {
    expect(ok('*/2 * * * *').description).toBe('every 2 minutes');
    expect(ok('* * * * *').description).toBe('every minute');
    expect(ok('0 0 * * *').description).toBe('at 00:00 every day');
    expect(ok('@midnight').description).toBe('at 00:00 every day');
    expect(ok('15 * * * *').description).toBe('every hour at minute 15');
    expect(ok('30 6 * * MON-FRI').description).toBe('at 06:30 on Monday to Friday');
    expect(ok('0 3 1 * *').description).toBe('at 03:00 on day 1 of every month');
    expect(ok('@every 1h30m').description).toBe('every 1h30m');
  });

  it('formats times in a zone', () => {
    expect(formatInZone(NOW, 'UTC')).toBe('2026-11-22 23:14');
    expect(formatInZone(NOW, 'Asia/Tokyo')).toBe('2026-11-23 08:14');
  });
});
