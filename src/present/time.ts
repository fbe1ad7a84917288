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

/** A text drawn from the clock, and the instant (epoch ms) it first reads differently (Infinity: never). */
export interface Timed {
  text: string;
  changesAt: number;
}

const never = (text: string): Timed => ({ text, changesAt: Infinity });

export function age(created: number | null, now: number): Timed {
  if (created === null) return never('-');
  const elapsed = Math.max(0, now - created);
  const s = step(elapsed);
  return { text: shortDuration(elapsed), changesAt: now + s - (elapsed % s) };
}

/** "in 1m30s" / "5m ago" relative to now. */
export function relative(at: number | null, now: number): Timed {
  if (at === null) return never('-');
  if (at < now) {
    const ago = age(at, now);
    return { text: `${ago.text} ago`, changesAt: ago.changesAt };
  }
  // A countdown reads one step less once the time left falls below a whole number of steps.
  const left = at - now;
  return { text: `in ${shortDuration(left)}`, changesAt: now + (left % step(left)) + 1 };
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
