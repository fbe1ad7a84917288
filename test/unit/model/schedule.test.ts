import { describe, expect, it } from 'vitest';
import { parseGoDuration, parseSchedule, type Schedule } from '../../../src/model/schedule.js';
import { formatInZone } from '../../../src/present/time.js';

// Expected instants below were worked out by hand from the zone rules and robfig/cron v3's
// semantics, and cross-checked against robfig/cron v3.0.1's own Go code.
const NOW = Date.UTC(2026, 10, 22, 23, 14); // Sunday 2026-11-22 23:14 UTC
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const ok = (s: string, tz: string | null = null, defaultZone?: string, options?: Parameters<typeof parseSchedule>[3]): Schedule => {
  const r = parseSchedule(s, tz, defaultZone, options);
  if (!r.ok) throw new Error(r.error);
  return r.schedule;
};
const errorOf = (s: string, tz: string | null = null, defaultZone?: string): string => {
  const r = parseSchedule(s, tz, defaultZone);
  if (r.ok) throw new Error(`expected "${s}" to be rejected`);
  return r.error;
};
const iso = (ts: number[]) => ts.map((t) => new Date(t).toISOString());
const isoNext = (s: Schedule, after = NOW, n = 1) => iso(s.next(after, n));

describe('descriptors', () => {
  it.each([
    ['@hourly', '2026-11-23T00:00:00.000Z'],
    ['@daily', '2026-11-23T00:00:00.000Z'],
    ['@midnight', '2026-11-23T00:00:00.000Z'],
    ['@weekly', '2026-11-29T00:00:00.000Z'],
    ['@monthly', '2026-12-01T00:00:00.000Z'],
    ['@yearly', '2027-01-01T00:00:00.000Z'],
    ['@annually', '2027-01-01T00:00:00.000Z'],
  ])('%s runs next at %s', (d, first) => {
    expect(isoNext(ok(d))).toEqual([first]);
  });

  it('@hourly and @daily continue on the hour and at midnight', () => {
    expect(isoNext(ok('@hourly'), NOW, 3)).toEqual(['2026-11-23T00:00:00.000Z', '2026-11-23T01:00:00.000Z', '2026-11-23T02:00:00.000Z']);
    expect(isoNext(ok('@midnight'), NOW, 2)).toEqual(['2026-11-23T00:00:00.000Z', '2026-11-24T00:00:00.000Z']);
  });

  it('descriptors are case-sensitive and must match exactly, as robfig reads them', () => {
    expect(errorOf('@DAILY')).toMatch(/unknown descriptor/);
    expect(errorOf('@daily ')).toMatch(/unknown descriptor/);
    expect(errorOf('@fortnightly')).toMatch(/unknown descriptor/);
    expect(errorOf('@every')).toMatch(/unknown descriptor/);
  });
});

describe('@every', () => {
  it('runs at multiples of the delay since the epoch by default', () => {
    const s = ok('@every 90s');
    const runs = s.next(NOW, 3);
    expect(runs[0]! > NOW && runs[0]! - NOW <= 90_000).toBe(true);
    expect(runs[0]! % 90_000).toBe(0);
    expect([runs[1]! - runs[0]!, runs[2]! - runs[1]!]).toEqual([90_000, 90_000]);
    expect(s.minIntervalMs).toBe(90_000);
    expect(s.latestAtOrBefore(runs[1]!)).toBe(runs[1]);
    expect(s.latestAtOrBefore(runs[1]! - 1)).toBe(runs[0]);
  });

  it('runs at anchor + k·d when given the last schedule time', () => {
    const last = Date.UTC(2026, 10, 22, 23, 0, 7);
    const s = ok('@every 1h30m', null, 'UTC', { everyAnchor: last });
    expect(isoNext(s, NOW, 2)).toEqual(['2026-11-23T00:30:07.000Z', '2026-11-23T02:00:07.000Z']);
    expect(s.latestAtOrBefore(NOW)).toBe(last);
    expect(iso(s.between(last, last + 3 * HOUR))).toEqual(['2026-11-23T00:30:07.000Z', '2026-11-23T02:00:07.000Z']);
    expect(s.description).toBe('every 1h30m');
    expect(s.minIntervalMs).toBe(5_400_000);
  });

  it('truncates the delay to whole seconds and raises anything under 1s to 1s, like robfig Every()', () => {
    expect(ok('@every 1.9s').minIntervalMs).toBe(1000);
    expect(ok('@every 90.5s').minIntervalMs).toBe(90_000);
    expect(ok('@every 500ms').minIntervalMs).toBe(1000);
    // Kubernetes accepts these (Go parses them; robfig turns them into 1s), so they are not errors.
    expect(ok('@every 0s').minIntervalMs).toBe(1000);
    expect(ok('@every -5m').minIntervalMs).toBe(1000);
    expect(ok('@every 0').description).toBe('every 1s');
  });

  it('rejects what Go time.ParseDuration rejects', () => {
    expect(errorOf('@every 1')).toMatch(/not a Go duration/);
    expect(errorOf('@every 1x')).toMatch(/not a Go duration/);
    expect(errorOf('@every ')).toMatch(/not a Go duration/);
    expect(errorOf('@every  1h')).toMatch(/not a Go duration/); // robfig takes everything after "@every "
    expect(errorOf('@every 2562048h')).toMatch(/not a Go duration/); // beyond int64 nanoseconds
  });

  it('parses Go durations', () => {
    expect(parseGoDuration('1h30m')).toBe(5_400_000);
    expect(parseGoDuration('90s')).toBe(90_000);
    expect(parseGoDuration('1.5h')).toBe(5_400_000);
    expect(parseGoDuration('2h45m30.5s')).toBe(9_930_500);
    expect(parseGoDuration('300ms')).toBe(300);
    expect(parseGoDuration('1500us')).toBe(1.5);
    expect(parseGoDuration('2µs')).toBe(0.002);
    expect(parseGoDuration('-1m')).toBe(-60_000);
    expect(parseGoDuration('0')).toBe(0);
    expect(parseGoDuration('1')).toBeNull();
    expect(parseGoDuration('1x')).toBeNull();
    expect(parseGoDuration('')).toBeNull();
    expect(parseGoDuration('1h 30m')).toBeNull();
  });
});

describe('five-field schedules', () => {
  it('computes */2 in UTC by default', () => {
    const s = ok('*/2 * * * *');
    expect(s.zoneSource).toBe('default');
    expect(s.timeZone).toBe('UTC');
    expect(s.expression).toBe('*/2 * * * *');
    expect(isoNext(s, NOW, 3)).toEqual(['2026-11-22T23:16:00.000Z', '2026-11-22T23:18:00.000Z', '2026-11-22T23:20:00.000Z']);
  });

  it('returns runs strictly after `after`', () => {
    const at = Date.UTC(2026, 10, 22, 23, 16);
    expect(isoNext(ok('*/2 * * * *'), at)).toEqual(['2026-11-22T23:18:00.000Z']);
    expect(isoNext(ok('*/2 * * * *'), at - 1)).toEqual(['2026-11-22T23:16:00.000Z']);
  });

  it('runs 0 0 * * * at midnight in UTC, Europe/Berlin and America/New_York', () => {
    expect(isoNext(ok('0 0 * * *'), NOW, 2)).toEqual(['2026-11-23T00:00:00.000Z', '2026-11-24T00:00:00.000Z']);
    // NOW is 00:14 on the 23rd in Berlin (CET, UTC+1): the next midnight is the 24th, 23:00 UTC the day before.
    const berlin = ok('0 0 * * *', 'Europe/Berlin');
    expect(berlin).toMatchObject({ timeZone: 'Europe/Berlin', zoneSource: 'spec' });
    expect(isoNext(berlin, NOW, 2)).toEqual(['2026-11-23T23:00:00.000Z', '2026-11-24T23:00:00.000Z']);
    // In summer Berlin is UTC+2.
    expect(isoNext(berlin, Date.UTC(2026, 6, 1, 12))).toEqual(['2026-07-01T22:00:00.000Z']);
    // NOW is 18:14 on the 22nd in New York (EST, UTC-5).
    expect(isoNext(ok('0 0 * * *', 'America/New_York'), NOW, 2)).toEqual(['2026-11-23T05:00:00.000Z', '2026-11-24T05:00:00.000Z']);
  });

  it('uses the default zone when spec.timeZone is null', () => {
    const s = ok('0 9 * * *', null, 'Asia/Tokyo');
    expect(s).toMatchObject({ timeZone: 'Asia/Tokyo', zoneSource: 'default' });
    expect(isoNext(s)).toEqual(['2026-11-23T00:00:00.000Z']); // 09:00 JST
  });

  it('understands month and weekday names in any case', () => {
    expect(isoNext(ok('0 9 * * MON-FRI'), NOW, 6)).toEqual([
      '2026-11-23T09:00:00.000Z',
      '2026-11-24T09:00:00.000Z',
      '2026-11-25T09:00:00.000Z',
      '2026-11-26T09:00:00.000Z',
      '2026-11-27T09:00:00.000Z',
      '2026-11-30T09:00:00.000Z',
    ]);
    expect(ok('0 9 * * mon-fri').next(NOW, 6)).toEqual(ok('0 9 * * 1-5').next(NOW, 6));
    expect(isoNext(ok('0 0 1 jan *'))).toEqual(['2027-01-01T00:00:00.000Z']);
    expect(isoNext(ok('0 0 1 Feb,Jun *'), NOW, 2)).toEqual(['2027-02-01T00:00:00.000Z', '2027-06-01T00:00:00.000Z']);
    expect(isoNext(ok('0 0 * * sun'))).toEqual(['2026-11-29T00:00:00.000Z']);
  });

  it('accepts what robfig accepts beyond the obvious', () => {
    expect(isoNext(ok('0 0 ? * ?'))).toEqual(['2026-11-23T00:00:00.000Z']);
    expect(isoNext(ok('+5 * * * *'))).toEqual(['2026-11-23T00:05:00.000Z']); // strconv.Atoi takes a sign
    expect(isoNext(ok('1,,2 * * * *'), NOW, 2)).toEqual(['2026-11-23T00:01:00.000Z', '2026-11-23T00:02:00.000Z']);
    expect(isoNext(ok('10/20 * * * *'), NOW, 2)).toEqual(['2026-11-22T23:30:00.000Z', '2026-11-22T23:50:00.000Z']); // 10-59/20
    expect(isoNext(ok(' 0  0 * * *\t'))).toEqual(['2026-11-23T00:00:00.000Z']);
  });

  it('never runs impossible dates, without error (robfig gives up after five years)', () => {
    const s = ok('0 0 30 2 *');
    expect(s.next(NOW, 3)).toEqual([]);
    expect(s.latestAtOrBefore(NOW)).toBeNull();
    expect(s.between(0, NOW)).toEqual([]);
    expect(s.minIntervalMs).toBe(Infinity);
  });

  it('finds rare dates', () => {
    expect(isoNext(ok('0 0 29 2 *'))).toEqual(['2028-02-29T00:00:00.000Z']);
    expect(ok('0 0 29 2 *').latestAtOrBefore(NOW)).toBe(Date.UTC(2024, 1, 29));
  });
});

describe('day of month and day of week', () => {
  const days = (s: Schedule, from: number, to: number) => s.between(from, to).map((t) => new Date(t).toISOString().slice(0, 10));
  const from = Date.UTC(2026, 10, 22);
  const to = Date.UTC(2026, 11, 15);

  it('ORs them when both are restricted (the 1st of the month or any Monday)', () => {
    expect(days(ok('0 12 1 * MON'), from, to)).toEqual(['2026-11-23', '2026-11-30', '2026-12-01', '2026-12-07', '2026-12-14']);
  });

  it('so "1-7 * MON" is every day of the first week plus every Monday, not the first Monday', () => {
    expect(days(ok('0 12 1-7 * MON'), from, to)).toEqual([
      '2026-11-23',
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
      '2026-12-07',
      '2026-12-14',
    ]);
  });

  it('ANDs them when either is * or ?, and */1 still counts as *', () => {
    const mondays = ['2026-11-23', '2026-11-30', '2026-12-07', '2026-12-14'];
    expect(days(ok('0 12 * * MON'), from, to)).toEqual(mondays);
    expect(days(ok('0 12 ? * MON'), from, to)).toEqual(mondays);
    expect(days(ok('0 12 */1 * MON'), from, to)).toEqual(mondays);
  });

  it('treats */2 as restricted (a step over 1 drops the "any" mark), so it ORs', () => {
    const dec1 = Date.UTC(2026, 11, 1);
    const dec15 = Date.UTC(2026, 11, 15);
    // Odd days of the month, or Mondays (Monday the 14th is even).
    expect(days(ok('0 12 */2 * MON'), dec1, dec15)).toEqual(['2026-12-01', '2026-12-03', '2026-12-05', '2026-12-07', '2026-12-09', '2026-12-11', '2026-12-13', '2026-12-14']);
    // Odd days, or Tuesdays (Tuesday the 8th is even).
    expect(days(ok('0 12 */2 * TUE'), dec1, dec15)).toEqual(['2026-12-01', '2026-12-03', '2026-12-05', '2026-12-07', '2026-12-08', '2026-12-09', '2026-12-11', '2026-12-13']);
  });
});

describe('daylight saving time (America/New_York)', () => {
  const ny = (s: string) => ok(s, 'America/New_York');

  it('skips a wall time that does not exist on the spring-forward day (2026-03-08)', () => {
    // 02:00 EST jumps to 03:00 EDT: 02:30 does not happen on the 8th, and robfig does not move it.
    expect(isoNext(ny('30 2 * * *'), Date.UTC(2026, 2, 7, 12), 3)).toEqual(['2026-03-09T06:30:00.000Z', '2026-03-10T06:30:00.000Z', '2026-03-11T06:30:00.000Z']);
    // The day before and after still run at 02:30 local.
    expect(isoNext(ny('30 2 * * *'), Date.UTC(2026, 2, 6, 12))).toEqual(['2026-03-07T07:30:00.000Z']);
  });

  it('keeps hourly runs one real hour apart across spring-forward', () => {
    // 01:00 EST, then 03:00 EDT (02:00 does not exist), then 04:00 EDT.
    expect(isoNext(ny('0 * * * *'), Date.UTC(2026, 2, 8, 5, 30), 3)).toEqual(['2026-03-08T06:00:00.000Z', '2026-03-08T07:00:00.000Z', '2026-03-08T08:00:00.000Z']);
  });

  it('runs an ambiguous wall time TWICE on the fall-back day (2026-11-01), as Kubernetes does', () => {
    // robfig steps minutes in absolute time, so 01:30 EDT and 01:30 EST both match; the controller
    // creates a Job for each (kubernetes/kubernetes#121594).
    expect(isoNext(ny('30 1 * * *'), Date.UTC(2026, 9, 31, 12), 3)).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-01T06:30:00.000Z', '2026-11-02T06:30:00.000Z']);
    expect(isoNext(ny('0 1 * * *'), Date.UTC(2026, 9, 31, 12), 3)).toEqual(['2026-11-01T05:00:00.000Z', '2026-11-01T06:00:00.000Z', '2026-11-02T06:00:00.000Z']);
    expect(ny('30 1 * * *').minIntervalMs).toBe(HOUR);
  });

  it('runs 02:00 once on the fall-back day (02:00 EDT never happens, 02:00 EST does)', () => {
    expect(isoNext(ny('0 2 * * *'), Date.UTC(2026, 9, 31, 12), 2)).toEqual(['2026-11-01T07:00:00.000Z', '2026-11-02T07:00:00.000Z']);
  });

  it('measures gaps in real time: a day can be 23 hours, a week 7 days minus an hour', () => {
    expect(ny('0 0 * * *').minIntervalMs).toBe(23 * HOUR);
    expect(ok('0 0 * * *').minIntervalMs).toBe(DAY);
    expect(ny('@weekly').minIntervalMs).toBe(7 * DAY - HOUR);
    expect(ny('*/2 * * * *').minIntervalMs).toBe(120_000);
  });

  it('finds the latest run across the fall-back repeat', () => {
    const s = ny('30 1 * * *');
    expect(s.latestAtOrBefore(Date.UTC(2026, 10, 1, 6, 0))).toBe(Date.UTC(2026, 10, 1, 5, 30));
    expect(s.latestAtOrBefore(Date.UTC(2026, 10, 1, 7, 0))).toBe(Date.UTC(2026, 10, 1, 6, 30));
  });
});

describe('time zone prefixes and spec.timeZone', () => {
  it('understands legacy TZ= and CRON_TZ= prefixes, which win over the default zone', () => {
    const s = ok('TZ=Asia/Tokyo 0 9 * * *', null, 'Europe/Berlin');
    expect(s).toMatchObject({ timeZone: 'Asia/Tokyo', zoneSource: 'prefix', expression: '0 9 * * *' });
    expect(isoNext(s)).toEqual(['2026-11-23T00:00:00.000Z']);
    const c = ok('CRON_TZ=America/New_York 0 0 * * *');
    expect(c).toMatchObject({ timeZone: 'America/New_York', zoneSource: 'prefix', expression: '0 0 * * *' });
    expect(isoNext(c)).toEqual(['2026-11-23T05:00:00.000Z']);
    expect(ok('CRON_TZ=UTC @hourly').expression).toBe('@hourly');
  });

  it('reads the prefix zone the way Go LoadLocation does', () => {
    expect(ok('TZ= 0 0 * * *', null, 'Europe/Berlin').timeZone).toBe('UTC');
    expect(ok('TZ=Local 0 0 * * *', null, 'Europe/Berlin')).toMatchObject({ timeZone: 'Europe/Berlin', zoneSource: 'prefix' });
    expect(errorOf('TZ=Mars/Base 0 0 * * *')).toBe('invalid schedule "TZ=Mars/Base 0 0 * * *": unknown time zone "Mars/Base"');
    expect(errorOf('TZ=america/new_york 0 0 * * *')).toMatch(/unknown time zone "america\/new_york"/);
    expect(errorOf('TZ=UTC')).toMatch(/nothing after the time zone prefix/);
    expect(errorOf('tz=UTC 0 0 * * *')).toMatch(/expected 5 fields, got 6/);
  });

  it('rejects a prefix together with spec.timeZone, as the API server does', () => {
    expect(errorOf('TZ=UTC 0 0 * * *', 'Europe/Berlin')).toMatch(/cannot use both spec\.timeZone and a TZ= or CRON_TZ= prefix/);
    expect(errorOf('CRON_TZ=UTC 0 0 * * *', 'UTC')).toMatch(/cannot use both/);
  });

  it('names an unknown time zone', () => {
    expect(parseSchedule('0 0 * * *', 'Mars/Base')).toEqual({ ok: false, error: 'unknown time zone "Mars/Base"' });
    expect(parseSchedule('0 0 * * *', null, 'Mars/Base')).toEqual({ ok: false, error: 'unknown time zone "Mars/Base"' });
    expect(errorOf('0 0 * * *', 'america/new_york')).toBe('unknown time zone "america/new_york"');
    expect(errorOf('0 0 * * *', '')).toMatch(/non-empty/);
    expect(errorOf('0 0 * * *', 'Local')).toMatch(/explicit IANA time zone/);
  });

  it('accepts zone aliases Go knows', () => {
    expect(isoNext(ok('0 0 * * *', 'US/Eastern'))).toEqual(['2026-11-23T05:00:00.000Z']);
    expect(isoNext(ok('0 0 * * *', 'Etc/GMT+5'))).toEqual(['2026-11-23T05:00:00.000Z']);
  });
});

describe('rejections', () => {
  it('gives a one-line error naming the schedule', () => {
    expect(errorOf('* * *')).toBe('invalid schedule "* * *": expected 5 fields, got 3');
    expect(errorOf('')).toBe('invalid schedule "": empty schedule');
  });

  it.each([
    ['0 0 * * * *', /expected 5 fields, got 6/],
    ['0 0 * *', /expected 5 fields, got 4/],
    ['0 0 L * *', /"L" is not a valid day of month/],
    ['0 0 1W * *', /"1W" is not a valid day of month/],
    ['0 0 * * 1#2', /"1#2" is not a valid day of week/],
    ['0 0 * * 5L', /"5L" is not a valid day of week/],
    ['H 0 * * *', /"H" is not a valid minute/],
    ['60 * * * *', /minute 60 is out of range 0-59/],
    ['0 24 * * *', /hour 24 is out of range 0-23/],
    ['0 0 * 13 *', /month 13 is out of range 1-12/],
    ['0 0 32 * *', /day of month 32 is out of range 1-31/],
    ['0 0 0 * *', /day of month 0 is out of range 1-31/],
    ['0 0 * * 7', /day of week 7 is out of range 0-6/],
    ['0 0 * * 1-7', /day of week 7 is out of range 0-6/],
    ['0 0 * * FRI-MON', /starts after it ends/],
    ['0 0 * * MONDAY', /"MONDAY" is not a valid day of week/],
    ['*/0 * * * *', /must be positive/],
    ['*/-1 * * * *', /negative step/],
    ['1-2-3 * * * *', /too many hyphens/],
    ['1/2/3 * * * *', /too many slashes/],
    ['0 0 1 JANUARY *', /"JANUARY" is not a valid month/],
    ['0 MON * * *', /"MON" is not a valid hour/],
  ])('rejects %s as Kubernetes does', (schedule, message) => {
    expect(errorOf(schedule)).toMatch(message);
  });
});

describe('latestAtOrBefore and between', () => {
  const s = ok('*/5 * * * *');

  it('returns the tick itself when exactly at a tick', () => {
    expect(s.latestAtOrBefore(Date.UTC(2026, 10, 22, 23, 10))).toBe(Date.UTC(2026, 10, 22, 23, 10));
    expect(s.latestAtOrBefore(Date.UTC(2026, 10, 22, 23, 10) - 1)).toBe(Date.UTC(2026, 10, 22, 23, 5));
    expect(s.latestAtOrBefore(Date.UTC(2026, 10, 22, 23, 14, 59, 999))).toBe(Date.UTC(2026, 10, 22, 23, 10));
  });

  it('looks back far for rare schedules', () => {
    expect(ok('0 0 1 1 *').latestAtOrBefore(NOW)).toBe(Date.UTC(2026, 0, 1));
    expect(ok('0 0 1 1 *', 'Europe/Berlin').latestAtOrBefore(NOW)).toBe(Date.UTC(2025, 11, 31, 23));
    expect(ok('@monthly').latestAtOrBefore(Date.UTC(2026, 11, 1))).toBe(Date.UTC(2026, 11, 1));
  });

  it('lists runs in (from, to]', () => {
    expect(iso(s.between(Date.UTC(2026, 10, 22, 23, 0), Date.UTC(2026, 10, 22, 23, 15)))).toEqual([
      '2026-11-22T23:05:00.000Z',
      '2026-11-22T23:10:00.000Z',
      '2026-11-22T23:15:00.000Z',
    ]);
    expect(s.between(NOW, NOW)).toEqual([]);
  });

  it('stops at the limit, even over a huge range', () => {
    const runs = s.between(0, NOW, 7);
    expect(runs).toHaveLength(7);
    expect(runs[0]).toBe(5 * 60_000);
    expect(s.between(0, NOW)).toHaveLength(1000);
  });

  it('handles non-finite input', () => {
    expect(s.next(Number.NaN, 3)).toEqual([]);
    expect(s.latestAtOrBefore(Number.NaN)).toBeNull();
  });
});

describe('minIntervalMs', () => {
  it.each([
    ['*/2 * * * *', 120_000],
    ['0 0 * * *', DAY],
    ['0 9 * * MON-FRI', DAY],
    ['0 0,6 * * *', 6 * HOUR],
    ['0 1,23 * * *', 2 * HOUR], // 23:00 to 01:00 the next day
    ['0,50 * * * *', 10 * 60_000], // :50 to the next :00
    ['0 0 * * 0', 7 * DAY],
    ['0 0 31 * *', 31 * DAY], // Jul 31 to Aug 31, Dec 31 to Jan 31
    ['@every 90s', 90_000],
  ])('%s → %d ms', (schedule, ms) => {
    expect(ok(schedule).minIntervalMs).toBe(ms);
  });
});

describe('description', () => {
  it.each([
    ['* * * * *', 'every minute'],
    ['*/2 * * * *', 'every 2 minutes'],
    ['*/15 * * * *', 'every 15 minutes'],
    ['0 * * * *', 'every hour at minute 0'],
    ['@hourly', 'every hour at minute 0'],
    ['15 * * * *', 'every hour at minute 15'],
    ['0 */6 * * *', 'every 6 hours at minute 0'],
    ['0 0 * * *', 'at 00:00 every day'],
    ['@daily', 'at 00:00 every day'],
    ['@midnight', 'at 00:00 every day'],
    ['0 0,12 * * *', 'at 00:00 and 12:00 every day'],
    ['30 2 * * 1', 'at 02:30 on Monday'],
    ['0 9 * * MON-FRI', 'at 09:00 on Monday to Friday'],
    ['0 9 * * mon,wed,fri', 'at 09:00 on Monday, Wednesday and Friday'],
    ['@weekly', 'at 00:00 on Sunday'],
    ['0 3 1 * *', 'at 03:00 on day 1 of every month'],
    ['@monthly', 'at 00:00 on day 1 of every month'],
    ['@yearly', 'at 00:00 on January 1'],
    ['@every 1h30m', 'every 1h30m'],
    ['@every 90s', 'every 90s'],
    ['@every 1500ms', 'every 1s'],
    // Not a steady "every 7 minutes" (:56 is followed by :00), so the expression itself.
    ['*/7 * * * *', '*/7 * * * *'],
    ['0 12 1 * MON', '0 12 1 * MON'],
  ])('%s → %s', (schedule, words) => {
    expect(ok(schedule).description).toBe(words);
  });

  it('describes the expression without its prefix', () => {
    expect(ok('TZ=Asia/Tokyo 0 9 * * *').description).toBe('at 09:00 every day');
  });
});

describe('formatInZone', () => {
  it('formats in the zone on a 24-hour clock', () => {
    expect(formatInZone(NOW, 'UTC')).toBe('2026-11-22 23:14');
    expect(formatInZone(NOW, 'Asia/Tokyo')).toBe('2026-11-23 08:14');
    expect(formatInZone(NOW, 'America/New_York')).toBe('2026-11-22 18:14');
    expect(formatInZone(Date.UTC(2026, 10, 23, 0, 5), 'UTC')).toBe('2026-11-23 00:05');
  });

  it('falls back to UTC, marked, for a zone Intl does not know', () => {
    expect(formatInZone(NOW, 'Mars/Base')).toBe('2026-11-22 23:14 UTC');
  });
});

describe('performance', () => {
  it('computes the next five runs quickly', () => {
    const schedules = [ok('*/2 * * * *'), ok('0 9 * * MON-FRI', 'America/New_York'), ok('0 0 1 1 *', 'Europe/Berlin')];
    const start = performance.now();
    for (let i = 0; i < 300; i++) schedules[i % 3]!.next(NOW + i * 61_000, 5);
    // Typically ~0.05 ms per call; the bound leaves room for a slow CI machine.
    expect((performance.now() - start) / 300).toBeLessThan(5);
  });
});
