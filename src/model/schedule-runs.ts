// Behind cron-parser: run times as robfig/cron v3.0.1's SpecSchedule.Next (spec.go) gives them to the
// CronJob controller. cron-parser finds matching wall-clock times (in UTC, so neither its own DST
// handling nor the process's zone plays a part); this turns them into instants in the schedule's zone
// as robfig does. Each rule names the robfig behaviour it reproduces.
import type { CronExpression } from 'cron-parser';
import type { Change, Zone } from './schedule-zone.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const mod = (a: number, b: number) => ((a % b) + b) % b;

export type Spec = ReturnType<typeof specOf>;

/** A five-field schedule: cron-parser's expression and the values it parsed. */
export function specOf(expression: CronExpression) {
  const { minute, hour, dayOfMonth, month, dayOfWeek } = expression.fields;
  const set = (f: { values: readonly (number | string)[] }): ReadonlySet<number> => new Set(f.values.map(Number));
  // robfig's star bits are cron-parser's wildcards: schedule-syntax.ts gives it "*" for them.
  return { expression, minute: set(minute), hour: set(hour), dom: set(dayOfMonth), month: set(month), dow: set(dayOfWeek), domStar: dayOfMonth.isWildcard, dowStar: dayOfWeek.isWildcard };
}

/** robfig dayMatches: both day fields must match when either is a star, else either may. */
export function dayMatches(s: Spec, day: number, weekday: number): boolean {
  return s.domStar || s.dowStar ? s.dom.has(day) && s.dow.has(weekday) : s.dom.has(day) || s.dow.has(weekday);
}

/** cron-parser: the first matching wall-clock time strictly after `wall` (local time as UTC ms), or null. */
function wallAfter(s: Spec, wall: number): number | null {
  s.expression.reset(new Date(wall));
  return s.expression.take(1)[0]?.getTime() ?? null;
}

/** A change robfig crosses as plain wall-clock matching does: one hour, on the hour, away from midnight (New York, Berlin). */
function regular(c: Change): boolean {
  const start = mod(c.at + Math.min(c.from, c.to), DAY); // the wall time where the gap or the repeat begins
  return Math.abs(c.to - c.from) === HOUR && start % HOUR === 0 && start >= HOUR && start <= 22 * HOUR;
}

/** The first run strictly after `after` (epoch ms), or null. */
export function nextRun(s: Spec, z: Zone, after: number): number | null {
  // Between two changes the offset is constant and the runs are that stretch's matching wall times:
  // so a wall time a spring-forward skips has no run that day, one a fall-back repeats runs twice
  // (robfig steps hours and minutes in absolute time and matches the wall clock: kubernetes#121594).
  let [from, offset, run] = [after, z.offset(after), null as number | null];
  for (let query = after + offset, i = 0; run === null && i < 1000; i++) {
    const wall = wallAfter(s, query);
    if (wall === null) return null;
    const [change] = z.changes(from, wall - offset);
    if (!change) run = wall - offset;
    else [from, offset, query] = [change.at, change.to, change.at + change.to - 1];
  }
  if (run === null) return null;
  // Near other changes (Lord Howe's half hour, Chatham's at :45, Santiago's at midnight) robfig's walk
  // lands off the hour, runs minutes of hours it does not name, or loses a day: replay it there.
  if (!z.changes(after - 32 * DAY, run).every(regular)) return robfigNext(s, z, after);
  // robfig gives up when nothing runs within five years of the year it starts in.
  return z.wall(run).year > z.wall(Math.floor(after / SECOND) * SECOND + SECOND).year + 5 ? null : run;
}

/**
 * robfig's SpecSchedule.Next itself, with Go's time.Date and AddDate: for each field from month to
 * second, while it does not match, step (the first step of all resets the smaller fields: robfig's
 * `added`), and start again from the month when the field wraps. Where robfig would loop forever (a
 * day skipped at midnight, Pacific/Apia 2011-12-30) this gives up.
 */
export function robfigNext(s: Spec, z: Zone, after: number): number | null {
  let t = Math.floor(after / SECOND) * SECOND + SECOND; // the upcoming second
  let w = z.wall(t);
  const yearLimit = w.year + 5;
  // robfig's day loop: "Notice if the hour is no longer midnight due to DST."
  const midnight = (x: number, h = z.wall(x).hour) => x + (h === 0 ? 0 : h > 12 ? 24 - h : -h) * HOUR;
  const loops: [matches: () => boolean, reset: () => number, by: (x: number) => number, wrapped: () => boolean][] = [
    [() => s.month.has(w.month), () => z.date(w.year, w.month, 1, 0, 0, 0), (x) => z.addDate(x, 1, 0), () => w.month === 1],
    [() => dayMatches(s, w.day, w.weekday), () => z.date(w.year, w.month, w.day, 0, 0, 0), (x) => midnight(z.addDate(x, 0, 1)), () => w.day === 1],
    [() => s.hour.has(w.hour), () => z.date(w.year, w.month, w.day, w.hour, 0, 0), (x) => x + HOUR, () => w.hour === 0],
    [() => s.minute.has(w.minute), () => t - mod(t, MINUTE), (x) => x + MINUTE, () => w.minute === 0],
    [() => w.second === 0, () => t, (x) => x + SECOND, () => w.second === 0],
  ];
  let added = false;
  wrap: for (let steps = 0; w.year <= yearLimit; ) {
    for (const [matches, reset, by, wrapped] of loops) {
      while (!matches()) {
        if (!added) [added, t] = [true, reset()];
        w = z.wall((t = by(t)));
        if (++steps > 500_000) return null;
        if (wrapped()) continue wrap;
      }
    }
    return t;
  }
  return null;
}
