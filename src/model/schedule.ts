// CronJob schedules as Kubernetes reads them (robfig/cron v3.0.1's ParseStandard, and its Next on
// "TZ=<spec.timeZone> <schedule>"): cron-parser 5 parses the fields and finds the times, behind an
// adapter for what robfig does differently (schedule-syntax.ts in front, schedule-runs.ts and
// schedule-zone.ts behind), proven against robfig itself by test/unit/schedule-robfig.test.ts.
import { dayMatches, nextRun, specOf, type Spec } from './schedule-runs.js';
import { goTrim, parseBody, parseGoDurationNs, SpecError, type Parsed } from './schedule-syntax.js';
import { describeFields, formatDelay } from './schedule-words.js';
import { loadableZone, specZoneError, zoneFor, type Zone } from './schedule-zone.js';

export type ScheduleResult = { ok: true; schedule: Schedule } | { ok: false; error: string };

/**
 * `expression` is as written, without a TZ= prefix; `description` is words ("every 2 minutes"), else
 * the expression. Runs are epoch ms: `next` strictly after `after`, `between` in (from, to] (at most
 * `limit`, default 1000), `latestAtOrBefore` within about 8 years; `minIntervalMs` is the shortest gap
 * between two runs, Infinity for a schedule that never runs.
 */
export interface Schedule {
  expression: string;
  timeZone: string;
  zoneSource: 'spec' | 'prefix' | 'default';
  description: string;
  next(after: number, count: number): number[];
  latestAtOrBefore(atOrBefore: number): number | null;
  between(from: number, to: number, limit?: number): number[];
  minIntervalMs: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Where `minIntervalMs` starts looking: a fixed instant, so it does not depend on the clock. */
const REFERENCE = Date.UTC(2026, 0, 1);
type Next = (t: number) => number | null;

/** Go's time.ParseDuration in milliseconds (fractions kept), or null if Go rejects the text. */
export function parseGoDuration(text: string): number | null {
  const ns = parseGoDurationNs(text);
  return ns === null ? null : Number(ns) / 1e6;
}

/** `@every d` runs at everyAnchor + k·d: the controller runs it d after status.lastScheduleTime, else metadata.creationTimestamp. */
export function parseSchedule(schedule: string, timeZone: string | null, defaultZone = 'UTC', { everyAnchor = 0 } = {}): ScheduleResult {
  const fail = (why: string): ScheduleResult => ({ ok: false, error: `invalid schedule "${schedule}": ${why}` });
  // robfig: the empty schedule is an error (cron-parser reads it as every minute).
  if (schedule === '') return fail('empty schedule');
  // robfig: a legacy "TZ=Zone " or "CRON_TZ=Zone " prefix (the zone ends at the first space) sets the zone.
  let [body, prefixZone] = [schedule, null as string | null];
  if (schedule.startsWith('TZ=') || schedule.startsWith('CRON_TZ=')) {
    const space = schedule.indexOf(' ');
    if (space < 0) return fail('nothing after the time zone prefix');
    [body, prefixZone] = [goTrim(schedule.slice(space)), schedule.slice(schedule.indexOf('=') + 1, space)];
  }
  let parsed: Parsed;
  try {
    parsed = parseBody(body);
  } catch (err) {
    if (err instanceof SpecError) return fail(err.message);
    throw err;
  }
  // The API server rejects "TZ" anywhere in the schedule together with spec.timeZone.
  if (timeZone !== null && schedule.includes('TZ')) return fail('cannot use both spec.timeZone and a TZ= or CRON_TZ= prefix');
  const specError = timeZone !== null && specZoneError(timeZone);
  if (specError) return { ok: false, error: specError };
  // The zone is always explicit, never this process's; time.LoadLocation reads "" as UTC and "Local" as the controller's zone.
  const zoneSource: Schedule['zoneSource'] = timeZone !== null ? 'spec' : prefixZone !== null ? 'prefix' : 'default';
  const zone = timeZone ?? (prefixZone === '' ? 'UTC' : prefixZone === null || prefixZone === 'Local' ? defaultZone : prefixZone);
  if (!loadableZone(zone)) return zoneSource === 'prefix' ? fail(`unknown time zone "${prefixZone}"`) : { ok: false, error: `unknown time zone "${zone}"` };

  const base = { expression: goTrim(body), timeZone: zone, zoneSource };
  if (parsed.kind === 'every') {
    const [d, anchor] = [parsed.delayMs, everyAnchor];
    const k = (t: number) => Math.floor((t - anchor) / d);
    const description = `every ${parsed.exact ? parsed.text : formatDelay(d)}`;
    return { ok: true, schedule: scheduleOf({ ...base, description }, (t) => anchor + (k(t) + 1) * d, (t) => (Number.isFinite(t) ? anchor + k(t) * d : null), () => d) };
  }
  const [spec, z] = [parsed.expression && specOf(parsed.expression), zoneFor(zone)];
  const nx: Next = (t) => (spec ? nextRun(spec, z, t) : null);
  const latest = latestAtOrBefore(nx);
  const description = describeFields(parsed.fields) ?? base.expression;
  return { ok: true, schedule: scheduleOf({ ...base, description }, nx, latest, () => (spec ? shortestGap(spec, z, nx, latest) : Infinity)) };
}

function scheduleOf(base: Pick<Schedule, 'expression' | 'timeZone' | 'zoneSource' | 'description'>, nx: Next, latest: Next, minInterval: () => number): Schedule {
  const step = remembered(nx);
  const walk = (from: number, limit: number, to = Infinity) => {
    const out: number[] = [];
    for (let t = Number.isFinite(from) ? step(from) : null; t !== null && t <= to && out.length < limit; t = step(t)) out.push(t);
    return out;
  };
  let gap: number | undefined;
  return {
    ...base,
    next: (after, count) => walk(after, count),
    between: (from, to, limit = 1000) => walk(from, limit, to),
    latestAtOrBefore: latest,
    get minIntervalMs() {
      return (gap ??= minInterval());
    },
  };
}

/**
 * `nx` with its answers remembered as chains of consecutive runs [start, run, run...]: for t in
 * [start, last run) the answer is the first run after t. The dashboard asks for the runs after "now"
 * every frame and the timeline walks a week of them every minute: this answers until a run passes.
 */
function remembered(nx: Next): Next {
  const chains: number[][] = [];
  return (t) => {
    for (const c of chains) {
      if (t < c[0]! || t > c[c.length - 1]!) continue;
      let [lo, hi] = [1, c.length - 1];
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (c[mid]! > t) hi = mid;
        else lo = mid + 1;
      }
      if (c[lo]! > t) return c[lo]!;
      const n = nx(t); // t is the chain's last run
      if (n !== null && c.length <= 16_384) c.push(n);
      return n;
    }
    const n = nx(t);
    if (n !== null && chains.unshift([t, n]) > 4) chains.pop();
    return n;
  };
}

/** From the first run in the shortest look-back that has one, the runs up to `t`. */
function latestAtOrBefore(nx: Next): Next {
  return (t) => {
    if (!Number.isFinite(t)) return null;
    for (const span of [HOUR, DAY, 8 * DAY, 32 * DAY, 367 * DAY, 1462 * DAY, 2923 * DAY]) {
      let run = nx(Math.floor((t - span) / 1000) * 1000);
      if (run === null || run > t) continue;
      for (let n = nx(run); n !== null && n <= t; n = nx(run)) run = n;
      return run;
    }
    return null;
  };
}

/**
 * The shortest gap between runs: of the wall-clock pattern (times within a day, and the closest two
 * matching days in eight years), and of the real runs around each offset change in the 400 days after
 * REFERENCE (DST shortens gaps: a fall-back day runs its repeated hour twice).
 */
function shortestGap(spec: Spec, zone: Zone, nx: Next, latest: Next): number {
  const times = [...spec.hour].flatMap((h) => [...spec.minute].map((m) => h * 60 + m));
  let minutes = Math.min(...times.slice(1).map((m, i) => m - times[i]!));
  let prev: number | null = null;
  for (let d = REFERENCE / DAY; d < REFERENCE / DAY + 2923; d++) {
    const date = new Date(d * DAY);
    if (!spec.month.has(date.getUTCMonth() + 1) || !dayMatches(spec, date.getUTCDate(), date.getUTCDay())) continue;
    if (prev !== null) minutes = Math.min(minutes, (d - prev) * 1440 - (times[times.length - 1]! - times[0]!));
    prev = d;
  }
  let best = minutes * 60_000;
  for (const { at } of zone.changes(REFERENCE, REFERENCE + 400 * DAY)) {
    let r = latest(at - 3 * HOUR) ?? nx(at - 3 * HOUR);
    for (let i = 0; r !== null && i < 2000; i++) {
      const n = nx(r);
      if (n === null) break;
      best = Math.min(best, n - r);
      r = r > at + 3 * HOUR ? null : n;
    }
  }
  return best;
}
