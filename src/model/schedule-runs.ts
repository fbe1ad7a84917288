// Behind cron-parser: run times as robfig/cron v3.0.1's SpecSchedule.Next (spec.go) gives them to the
// Kubernetes CronJob controller. cron-parser finds the matching wall-clock times (in UTC, so its own
// DST handling and the process's zone play no part); this module turns them into instants in the
// schedule's zone the way robfig does. Each rule names the robfig behaviour it reproduces.
import type { CronExpression } from 'cron-parser';
import { mod, type Change, type Wall, type Zone } from './schedule-zone.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A parsed five-field schedule: cron-parser's expression and its field values. */
export interface Spec {
  expression: CronExpression;
  minute: ReadonlySet<number>;
  hour: ReadonlySet<number>;
  dom: ReadonlySet<number>;
  month: ReadonlySet<number>;
  dow: ReadonlySet<number>;
  /** robfig's star bits (cron-parser's wildcards, see schedule-syntax.ts). */
  domStar: boolean;
  dowStar: boolean;
}

export function specOf(expression: CronExpression): Spec {
  const f = expression.fields;
  const set = (values: readonly (number | string)[]) => new Set(values.map(Number));
  const dow = set(f.dayOfWeek.values);
  if (dow.has(7)) dow.add(0);
  return {
    expression,
    minute: set(f.minute.values),
    hour: set(f.hour.values),
    dom: set(f.dayOfMonth.values),
    month: set(f.month.values),
    dow,
    domStar: f.dayOfMonth.isWildcard,
    dowStar: f.dayOfWeek.isWildcard,
  };
}

/** robfig dayMatches: both day fields must match when either is a star, else either may. */
export function dayMatches(s: Spec, day: number, weekday: number): boolean {
  const d = s.dom.has(day);
  const w = s.dow.has(weekday);
  return s.domStar || s.dowStar ? d && w : d || w;
}

/** cron-parser: the first matching wall-clock time strictly after `wall` (both local time as UTC ms). */
function wallAfter(s: Spec, wall: number): number | null {
  s.expression.reset(new Date(wall));
  try {
    return s.expression.next().getTime();
  } catch {
    return null; // cron-parser gives up (no match within its loop limit)
  }
}

/**
 * An offset change robfig's walk crosses the way plain wall-clock matching does: one whole hour, at
 * the top of an hour, and away from midnight (America/New_York, Europe/Berlin). Anything else
 * (Australia/Lord_Howe's 30 minutes, Pacific/Chatham's change at :45, America/Santiago's at midnight)
 * is where robfig's walk does something of its own.
 */
function regular(c: Change): boolean {
  const lo = mod(c.at + Math.min(c.from, c.to), DAY); // wall time where the gap or the repeat begins
  return Math.abs(c.to - c.from) === HOUR && lo % HOUR === 0 && lo >= HOUR && lo <= 22 * HOUR;
}

/** The first run strictly after `after` (epoch ms), or null. */
export function nextRun(s: Spec, z: Zone, after: number): number | null {
  if (!Number.isFinite(after)) return null;
  // The zone's offset is constant between two changes: in each such stretch, the runs are the
  // matching wall times of that stretch. So a wall time skipped by a spring-forward change has no run
  // that day, and one that happens twice at a fall-back change runs twice (robfig steps hours and
  // minutes in absolute time and matches the wall clock: kubernetes/kubernetes#121594).
  let from = after;
  let offset = z.offset(after);
  let query = after + offset;
  let run: number | null = null;
  for (let i = 0; i < 1000 && run === null; i++) {
    const wall = wallAfter(s, query);
    if (wall === null) return null;
    const [change] = z.changes(from, wall - offset, true);
    if (!change) run = wall - offset;
    else [from, offset, query] = [change.at, change.to, change.at + change.to - 1];
  }
  if (run === null) return null;
  // robfig walks the wall clock field by field (month, day, hour, minute). Near an irregular change
  // that walk lands off the hour, skips an hour that partly exists, runs a minute of an hour the
  // schedule does not name, or loses a day at a midnight that does not exist: there, replay it.
  if (!z.changes(after - 32 * DAY, run).every(regular)) return robfigNext(s, z, after);
  // robfig gives up when it finds nothing within five years of the year it starts in.
  return z.wall(run).year > z.wall(Math.floor(after / SECOND) * SECOND + SECOND).year + 5 ? null : run;
}

/**
 * robfig's SpecSchedule.Next itself, with Go's time.Date and AddDate, for the stretches around an
 * irregular offset change only. One difference: robfig loops forever where a whole day is skipped at
 * midnight (Pacific/Apia on 2011-12-30); this gives up instead.
 */
export function robfigNext(s: Spec, z: Zone, after: number): number | null {
  let t = Math.floor(after / SECOND) * SECOND + SECOND; // the upcoming second
  let w: Wall = z.wall(t);
  let added = false;
  let steps = 0;
  const yearLimit = w.year + 5;
  const move = (to: number) => {
    t = to;
    w = z.wall(t);
    return ++steps < 500_000;
  };
  const reset = (to: () => number) => {
    if (!added) [added, t] = [true, to()];
  };
  wrap: for (;;) {
    if (w.year > yearLimit) return null;
    while (!s.month.has(w.month)) {
      reset(() => z.date(w.year, w.month, 1, 0, 0, 0));
      if (!move(z.addDate(t, 1, 0))) return null;
      if (w.month === 1) continue wrap;
    }
    while (!dayMatches(s, w.day, w.weekday)) {
      reset(() => z.date(w.year, w.month, w.day, 0, 0, 0));
      if (!move(z.addDate(t, 0, 1))) return null;
      if (w.hour !== 0) move(t + (w.hour > 12 ? 24 - w.hour : -w.hour) * HOUR); // "no longer midnight due to DST"
      if (w.day === 1) continue wrap;
    }
    while (!s.hour.has(w.hour)) {
      reset(() => z.date(w.year, w.month, w.day, w.hour, 0, 0));
      if (!move(t + HOUR)) return null;
      if (w.hour === 0) continue wrap;
    }
    while (!s.minute.has(w.minute)) {
      reset(() => t - mod(t, MINUTE));
      if (!move(t + MINUTE)) return null;
      if (w.minute === 0) continue wrap;
    }
    if (w.second === 0) return t;
    added = true;
    move(t + (60 - w.second) * SECOND);
  }
}
