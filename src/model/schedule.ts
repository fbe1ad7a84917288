// CronJob schedules exactly as Kubernetes reads them, and their run times.
//
// Kubernetes validates `spec.schedule` with robfig/cron v3.0.1 `ParseStandard`, and the CronJob
// controller computes run times with that library's `SpecSchedule.Next` / `ConstantDelaySchedule.Next`
// (on "TZ=<spec.timeZone> <schedule>" when spec.timeZone is set). Here cron-parser 5 reads the fields
// and finds matching times; a small adapter reproduces what robfig does differently:
//   schedule-syntax.ts  in front: robfig's grammar (five fields, descriptors, @every, names, numbers,
//                       "star" day fields, day of week 0-6, impossible dates), cron-parser's text;
//   schedule-runs.ts    behind: wall clock → instants in the zone (DST gaps skipped, repeats run
//                       twice), robfig's five-year limit, its own walk near irregular offset changes;
//   schedule-zone.ts    zones: Kubernetes' name rules, offsets, Go's time.Date;
//   schedule-words.ts   the description ("every 2 minutes").
// test/unit/schedule-robfig.test.ts compares all of it with robfig itself on a generated corpus.
//
// Pure: no clock reads, no I/O. `now` is always a parameter.
import { nextRun, specOf, dayMatches, type Spec } from './schedule-runs.js';
import { goTrim, parseBody, parseGoDurationNs, SpecError, type Parsed } from './schedule-syntax.js';
import { describeFields, formatDelay } from './schedule-words.js';
import { loadableZone, specZoneError, zoneFor, type Zone } from './schedule-zone.js';

export { validZone } from './schedule-zone.js';
export { parseGoDurationNs } from './schedule-syntax.js';

export type ScheduleResult = { ok: true; schedule: Schedule } | { ok: false; error: string };

export interface Schedule {
  /** The schedule as written in the object (without any TZ= prefix). */
  expression: string;
  /** The IANA zone runs are computed in (spec.timeZone, the TZ= prefix, or the default zone). */
  timeZone: string;
  /** Where the zone came from. */
  zoneSource: 'spec' | 'prefix' | 'default';
  /** Human words, e.g. "every 2 minutes", "at 00:00 every day"; the expression when unsure. */
  description: string;
  /** The next `count` run times strictly after `after` (epoch ms), ascending. */
  next(after: number, count: number): number[];
  /** The latest run time at or before `atOrBefore` (epoch ms), or null if none within about 8 years. */
  latestAtOrBefore(atOrBefore: number): number | null;
  /** All run times in (from, to], ascending, at most `limit` (default 1000). */
  between(from: number, to: number, limit?: number): number[];
  /** The shortest gap between two consecutive runs (ms); Infinity for a schedule that never runs. */
  minIntervalMs: number;
}

export interface ParseOptions {
  /**
   * `@every d` has no anchor in the object: the controller runs it d after the previous run
   * (status.lastScheduleTime, or metadata.creationTimestamp before the first run). Runs are modelled
   * as `everyAnchor + k·d` for every integer k. Default 0: multiples of d since the Unix epoch.
   */
  everyAnchor?: number;
  /** Start of the window sampled for `minIntervalMs` (default 2026-01-01T00:00Z, a fixed instant). */
  referenceTime?: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const DEFAULT_REFERENCE = Date.UTC(2026, 0, 1);

/** Go's time.ParseDuration in milliseconds (fractions kept), or null if Go rejects the text. */
export function parseGoDuration(text: string): number | null {
  const ns = parseGoDurationNs(text);
  return ns === null ? null : Number(ns) / 1e6;
}

type Base = Pick<Schedule, 'expression' | 'timeZone' | 'zoneSource' | 'description'>;

const LOOKBACK_SPANS = [HOUR, DAY, 8 * DAY, 32 * DAY, 367 * DAY, 1462 * DAY, 2923 * DAY];

function cronSchedule(base: Base, spec: Spec | null, zone: Zone, reference: number): Schedule {
  const nx = (t: number): number | null => (spec ? nextRun(spec, zone, t) : null);

  const latestAtOrBefore = (t: number): number | null => {
    if (!spec || !Number.isFinite(t)) return null;
    // Find a start whose next run is <= t, then binary-search (in whole seconds) the latest x with
    // next(x) <= t: next(x) is then the latest run at or before t.
    let lo: number | null = null;
    for (const span of LOOKBACK_SPANS) {
      const x = Math.floor((t - span) / SECOND) * SECOND;
      const n = nx(x);
      if (n !== null && n <= t) {
        lo = x;
        break;
      }
    }
    if (lo === null) return null;
    let hi = Math.floor(t / SECOND) * SECOND; // next(hi) > t always
    while (hi - lo > SECOND) {
      const mid: number = lo + Math.floor((hi - lo) / (2 * SECOND)) * SECOND;
      const n = nx(mid);
      if (n !== null && n <= t) lo = mid;
      else hi = mid;
    }
    return nx(lo);
  };

  let minInterval: number | undefined;
  const step = remembered(nx);
  return {
    ...base,
    next(after, count) {
      const out: number[] = [];
      let t: number | null = after;
      while (out.length < count && (t = step(t)) !== null) out.push(t);
      return out;
    },
    latestAtOrBefore,
    between(from, to, limit = 1000) {
      const out: number[] = [];
      let t: number | null = from;
      while (out.length < limit && (t = step(t)) !== null && t <= to) out.push(t);
      return out;
    },
    get minIntervalMs() {
      minInterval ??= spec ? shortestGap(spec, zone, reference, nx, latestAtOrBefore) : Infinity;
      return minInterval;
    },
  };
}

/**
 * `nx` (the first run strictly after t) with the runs it found remembered as chains of consecutive
 * runs from a start instant: for any t in [start, last run) the answer is the first run after t.
 * A dashboard asks for the next runs after "now" every second; this answers from memory until a run
 * has passed. A few chains, since callers walk from more than one instant (now, the last run); a
 * chain holds a week of a minutely schedule, which the schedule timeline walks again every minute.
 */
function remembered(nx: (t: number) => number | null): (t: number) => number | null {
  const chains: { start: number; runs: number[] }[] = [];
  return (t) => {
    for (const c of chains) {
      const runs = c.runs;
      const last = runs[runs.length - 1]!;
      if (t < c.start || t > last) continue;
      if (t < last) {
        let lo = 0;
        let hi = runs.length - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (runs[mid]! > t) hi = mid;
          else lo = mid + 1;
        }
        return runs[lo]!;
      }
      const n = nx(t);
      if (n !== null && runs.length < 16_384) runs.push(n);
      return n;
    }
    const n = nx(t);
    if (n !== null) {
      chains.unshift({ start: t, runs: [n] });
      if (chains.length > 4) chains.pop();
    }
    return n;
  };
}

/**
 * The shortest gap between consecutive runs: the wall-clock pattern (times within a day, and the
 * closest two matching days over eight years from `reference`), then the real runs around every
 * offset change of the zone in the 400 days after `reference` (DST can shorten a gap, e.g. the
 * double run on a fall-back day).
 */
function shortestGap(spec: Spec, zone: Zone, reference: number, nx: (t: number) => number | null, latest: (t: number) => number | null): number {
  const times: number[] = [];
  for (let h = 0; h < 24; h++) if (spec.hour.has(h)) for (let m = 0; m < 60; m++) if (spec.minute.has(m)) times.push(h * 60 + m);
  let minMinutes = Infinity;
  for (let i = 1; i < times.length; i++) minMinutes = Math.min(minMinutes, times[i]! - times[i - 1]!);

  const firstDay = Math.floor(reference / DAY);
  let prevDay: number | null = null;
  let minDayGap = Infinity;
  for (let d = firstDay; d < firstDay + 2923; d++) {
    const date = new Date(d * DAY);
    if (!spec.month.has(date.getUTCMonth() + 1) || !dayMatches(spec, date.getUTCDate(), date.getUTCDay())) continue;
    if (prevDay !== null) minDayGap = Math.min(minDayGap, d - prevDay);
    prevDay = d;
  }
  if (Number.isFinite(minDayGap)) minMinutes = Math.min(minMinutes, minDayGap * 1440 - (times[times.length - 1]! - times[0]!));
  let best = minMinutes * MINUTE;

  const window = 3 * HOUR;
  for (const { at } of zone.changes(reference, reference + 400 * DAY)) {
    let r = latest(at - window) ?? nx(at - window);
    for (let i = 0; r !== null && i < 2000; i++) {
      const n = nx(r);
      if (n === null) break;
      best = Math.min(best, n - r);
      if (r > at + window) break;
      r = n;
    }
  }
  return best;
}

function everySchedule(base: Base, d: number, anchor: number): Schedule {
  // Runs at anchor + k·d. robfig's Next(t) is t + d (sub-second part dropped); the controller chains it
  // from status.lastScheduleTime, so pass that (or the creation time) as `everyAnchor` for exact times.
  const k0 = (t: number) => Math.floor((t - anchor) / d);
  const nextAfter = (t: number) => anchor + (k0(t) + 1) * d;
  return {
    ...base,
    next(after, count) {
      if (!Number.isFinite(after)) return [];
      const first = nextAfter(after);
      return Array.from({ length: Math.max(0, count) }, (_, i) => first + i * d);
    },
    latestAtOrBefore: (t) => (Number.isFinite(t) ? anchor + k0(t) * d : null),
    between(from, to, limit = 1000) {
      const out: number[] = [];
      if (!Number.isFinite(from)) return out;
      for (let t = nextAfter(from); t <= to && out.length < limit; t += d) out.push(t);
      return out;
    },
    minIntervalMs: d,
  };
}

export function parseSchedule(schedule: string, timeZone: string | null, defaultZone = 'UTC', options: ParseOptions = {}): ScheduleResult {
  const fail = (why: string): ScheduleResult => ({ ok: false, error: `invalid schedule "${schedule}": ${why}` });
  // robfig: the empty schedule is an error (cron-parser reads it as every minute).
  if (schedule === '') return fail('empty schedule');

  // robfig: a legacy "TZ=Zone " / "CRON_TZ=Zone " prefix (case-sensitive, the zone ends at the first
  // space) sets the zone; cron-parser knows no prefix.
  let body = schedule;
  let prefixZone: string | null = null;
  if (schedule.startsWith('TZ=') || schedule.startsWith('CRON_TZ=')) {
    const space = schedule.indexOf(' ');
    if (space < 0) return fail('nothing after the time zone prefix');
    prefixZone = schedule.slice(schedule.indexOf('=') + 1, space);
    body = goTrim(schedule.slice(space));
  }

  let parsed: Parsed;
  try {
    parsed = parseBody(body);
  } catch (err) {
    if (err instanceof SpecError) return fail(err.message);
    throw err;
  }

  // The zone is always explicit: spec.timeZone, else the prefix, else the controller's zone (never
  // the zone of this process).
  let zone: string;
  let zoneSource: Schedule['zoneSource'];
  if (timeZone !== null) {
    // The API server rejects "TZ" anywhere in the schedule together with spec.timeZone.
    if (schedule.includes('TZ')) return fail('cannot use both spec.timeZone and a TZ= or CRON_TZ= prefix');
    const err = specZoneError(timeZone);
    if (err) return { ok: false, error: err };
    zone = timeZone;
    zoneSource = 'spec';
  } else if (prefixZone !== null) {
    // time.LoadLocation: "" is UTC, "Local" is the controller's own zone.
    zone = prefixZone === '' ? 'UTC' : prefixZone === 'Local' ? defaultZone : prefixZone;
    zoneSource = 'prefix';
    if (!loadableZone(zone)) return fail(`unknown time zone "${prefixZone}"`);
  } else {
    zone = defaultZone;
    zoneSource = 'default';
  }
  if (!loadableZone(zone)) return { ok: false, error: `unknown time zone "${zone}"` };

  const expression = goTrim(body);
  if (parsed.kind === 'every') {
    const description = `every ${parsed.exact ? parsed.text : formatDelay(parsed.delayMs)}`;
    return { ok: true, schedule: everySchedule({ expression, timeZone: zone, zoneSource, description }, parsed.delayMs, options.everyAnchor ?? 0) };
  }
  const description = describeFields(parsed.fields) ?? expression;
  const spec = parsed.expression && specOf(parsed.expression);
  return { ok: true, schedule: cronSchedule({ expression, timeZone: zone, zoneSource, description }, spec, zoneFor(zone), options.referenceTime ?? DEFAULT_REFERENCE) };
}
