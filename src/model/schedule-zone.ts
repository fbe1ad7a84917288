// Time zones for schedules: which names Kubernetes accepts, offsets and offset changes (from Intl), and
// the wall clock with Go's time package semantics, for what robfig does around offset changes.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
export const mod = (a: number, b: number): number => ((a % b) + b) % b;

/** Whether `zone` is a name Intl knows. */
export function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const loadable = new Map<string, boolean>();
/**
 * Approximates Go's time.LoadLocation on Linux: Intl knows the zone and the spelling is exact
 * (Intl is case-insensitive, Go's zoneinfo lookup is not: "america/new_york" fails in Kubernetes).
 */
export function loadableZone(zone: string): boolean {
  let ok = loadable.get(zone);
  if (ok === undefined) {
    ok = zone === 'UTC' || (/^[A-Za-z0-9_+\-./]+$/.test(zone) && !zone.startsWith('/') && !zone.includes('..') && validZone(zone));
    const resolved = ok && new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
    if (resolved && resolved.toLowerCase() === zone.toLowerCase() && resolved !== zone) ok = false;
    if (loadable.size > 1000) loadable.clear();
    loadable.set(zone, ok);
  }
  return ok;
}

/** kubernetes pkg/apis/batch/validation validateTimeZone. Returns an error, or null. */
export function specZoneError(zone: string): string | null {
  if (zone === '') return 'spec.timeZone must be null or a non-empty time zone name';
  for (const part of zone.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !/^[A-Za-z.\-_0-9+]{1,14}$/.test(part)) return `unknown time zone "${zone}"`;
  }
  if (zone.toLowerCase() === 'local') return 'spec.timeZone must be an explicit IANA time zone, not "Local"';
  return loadableZone(zone) ? null : `unknown time zone "${zone}"`;
}

/** A change of the zone's offset: from `at` (epoch ms) on, the offset is `to` instead of `from` (ms). */
export interface Change {
  at: number;
  from: number;
  to: number;
}

/** Wall-clock fields of an instant in a zone (month 1-12, weekday 0 = Sunday). */
export interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

interface Year {
  start: number;
  end: number;
  offset: number;
  changes: Change[];
}

/** One zone's offsets, found with Intl once per UTC year (sampled daily, narrowed to the second). */
export class Zone {
  private readonly fmt: Intl.DateTimeFormat | null;
  private readonly years = new Map<number, Year>();
  private last: Year | undefined;

  constructor(readonly name: string) {
    this.fmt =
      name === 'UTC' || name === 'Etc/UTC'
        ? null
        : new Intl.DateTimeFormat('en-US', { timeZone: name, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  }

  private intlOffset(ms: number): number {
    const s = Math.floor(ms / 1000) * 1000;
    const p: Record<string, string> = {};
    for (const part of this.fmt!.formatToParts(s)) p[part.type] = part.value;
    return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) - s;
  }

  private year(y: number): Year {
    let year = this.years.get(y);
    if (year) return year;
    const start = Date.UTC(y, 0, 1);
    const end = Date.UTC(y + 1, 0, 1);
    year = { start, end, offset: 0, changes: [] };
    if (this.fmt) {
      let prev = (year.offset = this.intlOffset(start));
      for (let t = start + DAY; t <= end; t += DAY) {
        const o = this.intlOffset(t);
        if (o === prev) continue;
        let lo = t - DAY; // still `prev`
        let hi = t; // already changed
        while (hi - lo > 1000) {
          const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
          if (this.intlOffset(mid) === prev) lo = mid;
          else hi = mid;
        }
        year.changes.push({ at: hi, from: prev, to: o });
        prev = o;
      }
    }
    if (this.years.size > 64) this.years.clear();
    this.years.set(y, year);
    return year;
  }

  private yearOf(ms: number): Year {
    const l = this.last;
    if (l && ms >= l.start && ms < l.end) return l;
    return (this.last = this.year(new Date(ms).getUTCFullYear()));
  }

  /** Offset from UTC (ms) in force at instant `ms`. */
  offset(ms: number): number {
    const y = this.yearOf(ms);
    let o = y.offset;
    for (const c of y.changes) if (c.at <= ms) o = c.to;
    return o;
  }

  /** The offset changes in (from, to], in order (the first only, with `first`). */
  changes(from: number, to: number, first = false): Change[] {
    const out: Change[] = [];
    for (let y = new Date(from).getUTCFullYear(); y <= new Date(to).getUTCFullYear(); y++) {
      for (const c of this.year(y).changes) {
        if (c.at <= from || c.at > to) continue;
        out.push(c);
        if (first) return out;
      }
    }
    return out;
  }

  /** t.In(zone): the wall-clock fields of instant `ms`. */
  wall(ms: number): Wall {
    const d = new Date(ms + this.offset(ms));
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      weekday: d.getUTCDay(),
    };
  }

  /**
   * Go's time.Date(y, mo, d, h, mi, s, 0, zone): fields may overflow; a wall time that does not exist
   * or exists twice resolves as Go's does (the offset at local-as-UTC, corrected once).
   */
  date(y: number, mo: number, d: number, h: number, mi: number, s: number): number {
    const local = Date.UTC(y, mo - 1, d, h, mi, s);
    return local - this.offset(local - this.offset(local));
  }

  /** Go's t.AddDate(0, months, days). */
  addDate(ms: number, months: number, days: number): number {
    const w = this.wall(ms);
    return this.date(w.year, w.month + months, w.day + days, w.hour, w.minute, w.second) + mod(ms, 1000);
  }
}

const zones = new Map<string, Zone>();
export function zoneFor(name: string): Zone {
  let z = zones.get(name);
  if (!z) {
    z = new Zone(name);
    if (zones.size > 500) zones.clear();
    zones.set(name, z);
  }
  return z;
}
