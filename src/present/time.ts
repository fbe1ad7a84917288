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

export function age(created: number | null, now: number): string {
  return created === null ? '-' : shortDuration(now - created);
}

/** "in 1m30s" / "5m ago" relative to now. */
export function relative(at: number | null, now: number): string {
  if (at === null) return '-';
  return at >= now ? `in ${shortDuration(at - now)}` : `${shortDuration(now - at)} ago`;
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
