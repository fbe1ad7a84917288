// Durations and ages the way kubectl prints them (5s, 3m20s, 2d4h), and instants in a zone. Pure.

export function shortDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '-';
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 ? `${m}m${s % 60}s` : `${m}m`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h}h${m % 60}m` : `${h}h`;
  const d = Math.floor(h / 24);
  if (d < 8) return h % 24 ? `${d}d${h % 24}h` : `${d}d`;
  if (d < 365 * 2) return `${d}d`;
  return `${Math.floor(d / 365)}y`;
}

/** The step in which shortDuration's text of `ms` moves: 1s up to 10m, then a minute, an hour, a day, a year. */
function step(ms: number): number {
  const m = ms / 60_000;
  return m < 10 ? 1000 : m < 48 * 60 ? 60_000 : m < 8 * 24 * 60 ? 3_600_000 : m < 730 * 24 * 60 ? 86_400_000 : 365 * 86_400_000;
}

// The earliest instant at which a text drawn from the clock reads differently. A frame built with
// nothing but texts that still hold need not be built again until then (the dashboard's tick).
let horizon = Infinity;

/** Notes that what is being drawn changes at `at` (epoch ms). */
export function changesAt(at: number): void {
  if (at < horizon) horizon = at;
}

/** Runs `build` and tells, with its result, when the clock-drawn text it made first changes. */
export function untilChange<T>(build: () => T): { value: T; until: number } {
  const outer = horizon;
  horizon = Infinity;
  try {
    const value = build();
    return { value, until: horizon };
  } finally {
    horizon = Math.min(outer, horizon);
  }
}

export function age(created: number | null, now: number): string {
  if (created === null) return '-';
  const elapsed = Math.max(0, now - created);
  const s = step(elapsed);
  changesAt(now + s - (elapsed % s));
  return shortDuration(elapsed);
}

/** "in 1m30s" / "5m ago" relative to now. */
export function relative(at: number | null, now: number): string {
  if (at === null) return '-';
  if (at < now) return `${age(at, now)} ago`;
  // A countdown reads one step less once the time left falls below a whole number of steps.
  const left = at - now;
  const s = step(left);
  changesAt(now + (left % s) + 1);
  return `in ${shortDuration(left)}`;
}

const formatters = new Map<string, Intl.DateTimeFormat | null>();

/**
 * Format epoch ms as "2026-11-22 23:14" in the given IANA zone (24h clock), for tables.
 * A zone Intl does not know (e.g. a bad spec.timeZone) gives UTC with a " UTC" suffix instead of
 * throwing; a non-finite time gives "-".
 */
export function formatInZone(ms: number, timeZone: string): string {
  if (!Number.isFinite(ms)) return '-';
  let fmt = formatters.get(timeZone);
  if (fmt === undefined) {
    try {
      fmt = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    } catch {
      fmt = null;
    }
    if (formatters.size > 500) formatters.clear();
    formatters.set(timeZone, fmt);
  }
  if (fmt === null) return `${formatInZone(ms, 'UTC')} UTC`;
  const parts = fmt.formatToParts(ms);
  const get = (t: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}
