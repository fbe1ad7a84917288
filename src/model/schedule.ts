// CronJob schedules exactly as Kubernetes reads them (robfig/cron v3 ParseStandard: five fields or
// a descriptor, optional TZ=/CRON_TZ= prefix), with run times from cron-parser in the right zone.
// cron-parser accepts more than Kubernetes (seconds, L, W, #, H) and rejects @midnight, so the
// expression is validated here first. Pure: `now` is always a parameter.
import { CronExpressionParser, type CronExpression } from 'cron-parser';

export interface Schedule {
  /** The schedule as written in the object (without any TZ= prefix). */
  expression: string;
  /** The IANA zone runs are computed in. */
  timeZone: string;
  zoneSource: 'spec' | 'prefix' | 'default';
  /** Human words: "every 2 minutes", "at 00:00 every day"… */
  description: string;
  /** The next `count` run times strictly after `after` (epoch ms), ascending. */
  next(after: number, count: number): number[];
  /** The latest run time at or before `atOrBefore`, or null if none within about a year. */
  latestAtOrBefore(atOrBefore: number): number | null;
  /** All run times in (from, to], ascending, at most `limit`. */
  between(from: number, to: number, limit?: number): number[];
  /** The shortest gap between two consecutive runs, in ms. */
  minIntervalMs: number;
}

export type ScheduleResult = { ok: true; schedule: Schedule } | { ok: false; error: string };

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  /** The value of names[0]. */
  nameBase?: number;
}

// robfig/cron v3 bounds: day of week is 0–6 (7 is out of range there, unlike some crons).
const FIELDS: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS, nameBase: 1 },
  { name: 'day of week', min: 0, max: 6, names: DAYS, nameBase: 0 },
];

function value(text: string, f: FieldSpec): number {
  const byName = f.names?.indexOf(text.toUpperCase()) ?? -1;
  if (byName >= 0) return byName + (f.nameBase ?? 0);
  if (!/^\d+$/.test(text)) throw new Error(`"${text}" is not a valid ${f.name}`);
  const n = Number(text);
  if (n < f.min || n > f.max) throw new Error(`${f.name} ${n} is out of range ${f.min}-${f.max}`);
  return n;
}

function checkField(text: string, f: FieldSpec): void {
  for (const part of text.split(',')) {
    const [range, step, ...extra] = part.split('/');
    if (extra.length || range === undefined || range === '') throw new Error(`"${part}" is not a valid ${f.name}`);
    if (step !== undefined && (!/^\d+$/.test(step) || Number(step) === 0)) throw new Error(`"${part}" has an invalid step`);
    if (range === '*' || range === '?') continue;
    const bounds = range.split('-');
    if (bounds.length > 2) throw new Error(`"${part}" is not a valid ${f.name}`);
    const lo = value(bounds[0]!, f);
    const hi = bounds.length === 2 ? value(bounds[1]!, f) : lo;
    if (hi < lo) throw new Error(`"${part}": range start is after its end`);
  }
}

/** Go's time.ParseDuration, as @every takes it. */
export function parseGoDuration(text: string): number | null {
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    total += Number(m[1]) * units[m[2]!]!;
    matched = re.lastIndex;
  }
  if (matched !== text.length || text.length === 0) return null;
  return total;
}

export function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const pad2 = (n: number) => String(n).padStart(2, '0');

function listWords(field: string, names: readonly string[], words: readonly string[]): string {
  const word = (t: string) => {
    const i = names.indexOf(t.toUpperCase());
    return i >= 0 ? words[i]! : /^\d+$/.test(t) ? (words[Number(t) % words.length] ?? t) : t;
  };
  return field
    .split(',')
    .map((p) => (p.includes('-') ? p.split('-').map(word).join(' to ') : word(p)))
    .join(', ');
}

const DAY_WORDS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTH_WORDS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Words for the common shapes; the expression itself otherwise. */
export function describeExpression(expr: string): string {
  const [min, hour, dom, month, dow] = expr.split(/\s+/) as [string, string, string, string, string];
  const any = (f: string) => f === '*' || f === '?';
  const num = (f: string) => /^\d+$/.test(f);
  const step = (f: string) => /^\*\/(\d+)$/.exec(f)?.[1];
  if ([min, hour, dom, month, dow].every(any)) return 'every minute';
  if (step(min) && [hour, dom, month, dow].every(any)) return `every ${step(min)} minutes`;
  if (num(min) && any(hour) && [dom, month, dow].every(any)) return `every hour at minute ${min}`;
  if (num(min) && step(hour) && [dom, month, dow].every(any)) return `every ${step(hour)} hours at minute ${min}`;
  if (!num(min) || !num(hour)) return expr;
  const at = `at ${pad2(Number(hour))}:${pad2(Number(min))}`;
  if ([dom, month, dow].every(any)) return `${at} every day`;
  if (any(dom) && any(month)) return `${at} on ${listWords(dow, DAYS, DAY_WORDS)}`;
  if (num(dom) && any(month) && any(dow)) return `${at} on day ${dom} of every month`;
  if (num(dom) && !any(month) && any(dow)) return `${at} on ${listWords(month, MONTHS, MONTH_WORDS)} ${dom}`;
  return expr;
}

// A fixed anchor keeps minIntervalMs independent of the clock.
const ANCHOR = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;

/** The values a field allows (its text already checked). */
function expand(text: string, f: FieldSpec): Set<number> {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/') as [string, string | undefined];
    const step = stepText ? Number(stepText) : 1;
    let lo = f.min;
    let hi = f.max;
    if (range !== '*' && range !== '?') {
      const b = range.split('-');
      lo = value(b[0]!, f);
      hi = b.length === 2 ? value(b[1]!, f) : stepText ? f.max : lo;
    }
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

function localHourMinute(timeZone: string): (ms: number) => [number, number] {
  const fmt = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return (ms) => {
    const [h, m] = fmt.format(new Date(ms)).split(':').map(Number) as [number, number];
    return [h, m];
  };
}

function cronSchedule(expression: string, cronText: string, timeZone: string, zoneSource: Schedule['zoneSource'], description: string): Schedule {
  const parsed: CronExpression = CronExpressionParser.parse(cronText, { tz: timeZone, currentDate: ANCHOR });
  const [minField, hourField] = cronText.split(/\s+/) as [string, string];
  const minutes = expand(minField, FIELDS[0]!);
  const hours = expand(hourField, FIELDS[1]!);
  const local = localHourMinute(timeZone);
  // A wall-clock time skipped by a DST change does not run that day (robfig's Next skips it),
  // where cron-parser would move it to the next valid hour.
  const nextAfter = (t: number): number => {
    parsed.reset(new Date(t));
    for (let i = 0; i < 10; i++) {
      const n = parsed.next().getTime();
      const [h, m] = local(n);
      if (hours.has(h) && minutes.has(m)) return n;
    }
    return parsed.next().getTime();
  };
  const schedule: Schedule = {
    expression,
    timeZone,
    zoneSource,
    description,
    next(after, count) {
      const out: number[] = [];
      let t = after;
      for (let i = 0; i < count; i++) out.push((t = nextAfter(t)));
      return out;
    },
    latestAtOrBefore(atOrBefore) {
      parsed.reset(new Date(atOrBefore + 1));
      try {
        const t = parsed.prev().getTime();
        return atOrBefore - t <= 400 * DAY ? t : null;
      } catch {
        return null;
      }
    },
    between(from, to, limit = 1000) {
      const out: number[] = [];
      for (let t = nextAfter(from); t <= to && out.length < limit; t = nextAfter(t)) out.push(t);
      return out;
    },
    get minIntervalMs() {
      let min = Infinity;
      let prev = nextAfter(ANCHOR);
      // Up to ~2 years or 3000 runs: enough to see the shortest gap of any five-field schedule.
      for (let i = 0; i < 3000 && prev < ANCHOR + 800 * DAY; i++) {
        const t = nextAfter(prev);
        min = Math.min(min, t - prev);
        prev = t;
      }
      Object.defineProperty(schedule, 'minIntervalMs', { value: min });
      return min;
    },
  };
  return schedule;
}

function everySchedule(expression: string, everyMs: number, timeZone: string, zoneSource: Schedule['zoneSource'], text: string): Schedule {
  // robfig runs @every d at d after the previous run; with no anchor in the object we align runs to
  // multiples of d since the epoch, which gives the right spacing and stable, repeatable times.
  const d = everyMs;
  const nextAfter = (t: number) => (Math.floor(t / d) + 1) * d;
  return {
    expression,
    timeZone,
    zoneSource,
    description: `every ${text}`,
    next: (after, count) => Array.from({ length: count }, (_, i) => nextAfter(after) + i * d),
    latestAtOrBefore: (t) => Math.floor(t / d) * d,
    between(from, to, limit = 1000) {
      const out: number[] = [];
      for (let t = nextAfter(from); t <= to && out.length < limit; t += d) out.push(t);
      return out;
    },
    minIntervalMs: d,
  };
}

export function parseSchedule(schedule: string, timeZone: string | null, defaultZone = 'UTC'): ScheduleResult {
  const fail = (why: string): ScheduleResult => ({ ok: false, error: `invalid schedule "${schedule}": ${why}` });
  let expr = schedule.trim();
  let zone = timeZone ?? defaultZone;
  let zoneSource: Schedule['zoneSource'] = timeZone ? 'spec' : 'default';
  const prefix = /^(?:CRON_TZ|TZ)=(\S+)\s+(.*)$/.exec(expr);
  if (prefix) {
    if (timeZone) return fail('a TZ= or CRON_TZ= prefix cannot be used together with spec.timeZone');
    zone = prefix[1]!;
    zoneSource = 'prefix';
    expr = prefix[2]!.trim();
  }
  if (!validZone(zone)) return { ok: false, error: `unknown time zone "${zone}"` };
  if (expr.startsWith('@every')) {
    const text = expr.slice('@every'.length).trim();
    const ms = parseGoDuration(text);
    if (ms === null || ms <= 0) return fail(`"${text}" is not a valid duration`);
    return { ok: true, schedule: everySchedule(expr, Math.max(1000, Math.round(ms / 1000) * 1000), zone, zoneSource, text) };
  }
  let cronText = expr;
  if (expr.startsWith('@')) {
    const d = DESCRIPTORS[expr.toLowerCase()];
    if (!d) return fail(`unknown descriptor ${expr}`);
    cronText = d;
  }
  const fields = cronText.split(/\s+/);
  if (fields.length !== 5) return fail(`expected exactly 5 fields, found ${fields.length}`);
  try {
    fields.forEach((f, i) => checkField(f, FIELDS[i]!));
  } catch (err) {
    return fail((err as Error).message);
  }
  const normalised = fields.map((f) => f.replace(/\?/g, '*')).join(' ');
  try {
    return { ok: true, schedule: cronSchedule(expr, normalised, zone, zoneSource, describeExpression(normalised)) };
  } catch (err) {
    return fail((err as Error).message.split('\n')[0] ?? 'not understood');
  }
}

/** "2026-11-22 23:14" in the given zone (24-hour clock). */
export function formatInZone(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(ms));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}
