// Zones for schedules: the names Kubernetes accepts, each zone's offsets and their changes (from Intl),
// and the wall clock as Go's time package reads it, for robfig's walk.
const DAY = 86_400_000;

/** Go's time.LoadLocation on Linux, roughly: a zone Intl knows, spelled exactly (Go is case-sensitive, Intl is not). */
export function loadableZone(zone: string): boolean {
  try {
    const spelled = zoneFor(zone).intlName;
    return spelled === zone || spelled.toLowerCase() !== zone.toLowerCase();
  } catch {
    return false;
  }
}

/** kubernetes pkg/apis/batch/validation validateTimeZone: an error, or null. */
export function specZoneError(zone: string): string | null {
  if (zone === '') return 'spec.timeZone must be null or a non-empty time zone name';
  if (zone.toLowerCase() === 'local') return 'spec.timeZone must be an explicit IANA time zone, not "Local"';
  const named = zone.split('/').every((p) => p !== '.' && p !== '..' && !p.startsWith('-') && /^[A-Za-z.\-_0-9+]{1,14}$/.test(p));
  return named && loadableZone(zone) ? null : `unknown time zone "${zone}"`;
}

/** From `at` (epoch ms) on, the offset is `to` instead of `from` (ms). */
export type Change = { at: number; from: number; to: number };

export class Zone {
  private readonly years = new Map<number, { offset: number; changes: Change[] }>();
  private readonly fmt: Intl.DateTimeFormat;
  readonly intlName: string;

  /** Throws for a zone Intl does not know. */
  constructor(name: string) {
    const numeric = { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' } as const;
    this.fmt = new Intl.DateTimeFormat('en-US', { timeZone: name, hourCycle: 'h23', ...numeric });
    this.intlName = this.fmt.resolvedOptions().timeZone;
  }

  private intlOffset(second: number): number {
    if (this.intlName === 'UTC') return 0; // a year of Intl calls takes milliseconds
    const p = Object.fromEntries(this.fmt.formatToParts(second).map((x) => [x.type, Number(x.value)]));
    return Date.UTC(p.year!, p.month! - 1, p.day, p.hour, p.minute, p.second) - second;
  }

  /** UTC year `y`: the offset it starts with and its changes, sampled daily and narrowed to the second. */
  private year(y: number): { offset: number; changes: Change[] } {
    let year = this.years.get(y);
    if (year) return year;
    year = { offset: this.intlOffset(Date.UTC(y, 0, 1)), changes: [] };
    for (let t = Date.UTC(y, 0, 2), prev = year.offset; t <= Date.UTC(y + 1, 0, 1); t += DAY) {
      const to = this.intlOffset(t);
      if (to === prev) continue;
      let last = t - DAY; // the last second of `prev`, by halving steps of 2^16 s down to 1 s
      for (let step = 65_536_000; step >= 1000; step /= 2) if (last + step < t && this.intlOffset(last + step) === prev) last += step;
      year.changes.push({ at: last + 1000, from: prev, to });
      prev = to;
    }
    if (this.years.size > 64) this.years.clear();
    this.years.set(y, year);
    return year;
  }

  offset(ms: number): number {
    const year = this.year(new Date(ms).getUTCFullYear());
    return year.changes.reduce((o, c) => (c.at <= ms ? c.to : o), year.offset);
  }

  /** The offset changes in (from, to], in order. */
  changes(from: number, to: number): Change[] {
    const out: Change[] = [];
    for (let y = new Date(from).getUTCFullYear(); y <= new Date(to).getUTCFullYear(); y++) out.push(...this.year(y).changes.filter((c) => c.at > from && c.at <= to));
    return out;
  }

  /** t.In(zone): the wall clock at instant `ms`. */
  wall(ms: number) {
    const d = new Date(ms + this.offset(ms));
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), weekday: d.getUTCDay() };
  }

  /** Go's time.Date: fields may overflow; a missing or repeated wall time takes the offset at local-as-UTC, corrected once. */
  date(y: number, mo: number, d: number, h: number, mi: number, s: number): number {
    const local = Date.UTC(y, mo - 1, d, h, mi, s);
    return local - this.offset(local - this.offset(local));
  }

  /** Go's t.AddDate(0, months, days), of a whole second. */
  addDate(ms: number, months: number, days: number): number {
    const w = this.wall(ms);
    return this.date(w.year, w.month + months, w.day + days, w.hour, w.minute, w.second);
  }
}

const zones = new Map<string, Zone>();
export function zoneFor(name: string): Zone {
  if (zones.size > 500) zones.clear();
  let z = zones.get(name);
  if (!z) zones.set(name, (z = new Zone(name)));
  return z;
}
