// CronJob schedules exactly as Kubernetes reads them, and their run times.
//
// Kubernetes validates `spec.schedule` with robfig/cron v3.0.1 `ParseStandard`, and the CronJob
// controller computes run times with that library's `SpecSchedule.Next` / `ConstantDelaySchedule.Next`.
// This module is a port of those (parser.go, spec.go, constantdelay.go at v3.0.1), checked against the
// Go code itself. Facts taken from that source (and from kubernetes pkg/apis/batch/validation):
//
// - Five fields: minute (0-59) hour (0-23) day-of-month (1-31) month (1-12 or JAN-DEC)
//   day-of-week (0-6 or SUN-SAT; 7 is OUT of range in robfig). Names are case-insensitive, 3 letters.
//   `*` and `?` mean "any" in every field; lists `,` (empty items are dropped: "1,,2" is fine), ranges
//   `a-b`, steps `/n` (`a/n` means `a-max/n`). Numbers go through Go's strconv.Atoi, so "+5" and "05"
//   are accepted. Anything else (L, W, #, H, a sixth field, fewer fields) is rejected.
// - Descriptors are case-sensitive and must match exactly: @yearly @annually @monthly @weekly @daily
//   @midnight @hourly, and "@every <Go duration>" (one space). `@every` delays under 1s become 1s
//   (so "@every 0s" and even "@every -5m" are ACCEPTED and run every second); longer delays are
//   truncated (not rounded) to whole seconds.
// - Day of month and day of week: if either field contains a bare `*`/`?` (a step > 1 removes that
//   mark: `*/2` counts as restricted) a day must match both; otherwise matching either is enough.
// - "TZ=Zone " / "CRON_TZ=Zone " prefixes (case-sensitive, at the very start, the zone ends at the
//   first space). The API server refuses them in new objects and together with spec.timeZone; old
//   objects may still carry one, and the controller then honours it.
// - DST (robfig's Next walks wall-clock fields and steps hours/minutes in absolute time): a wall time
//   that does not exist (spring forward) is skipped that day; a wall time that happens twice (fall
//   back) runs TWICE, once per offset. e.g. "30 1 * * *" in America/New_York on 2026-11-01 runs at
//   05:30Z and 06:30Z. This is Kubernetes' real behaviour (kubernetes/kubernetes#121594; robfig's own
//   spec_test.go expects 01:00 EDT then 01:00 EST for "0 0 1 * * ?"), so this module reproduces it.
// - Next gives up after five years (e.g. "0 0 30 2 *" never runs).
//
// Pure: no clock reads, no I/O. `now` is always a parameter.

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

// ---------------------------------------------------------------------------------------------
// Time zones: offsets from Intl, cached per UTC hour.

/** Go's unicode.IsSpace, as strings.Fields and strings.TrimSpace use it. */
const GO_SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const GO_FIELDS = new RegExp(`[${GO_SPACE}]+`);
const GO_TRIM = new RegExp(`^[${GO_SPACE}]+|[${GO_SPACE}]+$`, 'g');
const goFields = (s: string): string[] => s.split(GO_FIELDS).filter((f) => f !== '');
const goTrim = (s: string): string => s.replace(GO_TRIM, '');

/** Date.UTC that also works for years 0-99 and normalises overflowing fields. */
function utcMs(y: number, mo: number, d: number, h: number, mi: number, s: number): number {
  if (y >= 0 && y < 100) {
    const t = new Date(0);
    t.setUTCFullYear(y, mo - 1, d);
    t.setUTCHours(h, mi, s, 0);
    return t.getTime();
  }
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

interface Fields {
  year: number;
  month: number; // 1-12
  day: number; // 1-31
  hour: number;
  minute: number;
  second: number;
  weekday: number; // 0 = Sunday
}

/** Civil date from days since 1970-01-01 (H. Hinnant's algorithm). */
function civil(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const mod = (a: number, b: number) => ((a % b) + b) % b;

/** Wall-clock arithmetic in one zone, with Go's time package semantics. */
class ZoneClock {
  private readonly fmt: Intl.DateTimeFormat | null;
  private readonly byHour = new Map<number, number>();

  constructor(readonly name: string) {
    this.fmt =
      name === 'UTC' || name === 'Etc/UTC'
        ? null
        : new Intl.DateTimeFormat('en-US', {
            timeZone: name,
            hourCycle: 'h23',
            era: 'short',
            year: 'numeric',
            month: 'numeric',
            day: 'numeric',
            hour: 'numeric',
            minute: 'numeric',
            second: 'numeric',
          });
  }

  /** Offset from UTC (ms) in force at instant `ms`. */
  offset(ms: number): number {
    if (!this.fmt) return 0;
    const bucket = Math.floor(ms / HOUR);
    let o = this.byHour.get(bucket);
    if (o === undefined) {
      const a = this.rawOffset(bucket * HOUR);
      const b = this.rawOffset(bucket * HOUR + HOUR - 1);
      o = a === b ? a : NaN; // NaN: a transition inside this hour, look each instant up
      if (this.byHour.size > 200_000) this.byHour.clear();
      this.byHour.set(bucket, o);
    }
    return Number.isNaN(o) ? this.rawOffset(ms) : o;
  }

  private rawOffset(ms: number): number {
    const s = Math.floor(ms / SECOND) * SECOND;
    const p: Record<string, string> = {};
    for (const part of this.fmt!.formatToParts(s)) p[part.type] = part.value;
    let year = Number(p.year);
    if (p.era === 'BC' || p.era === 'B') year = 1 - year;
    return utcMs(year, Number(p.month), Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) - s;
  }

  /** t.In(zone): the wall-clock fields of instant `ms`. */
  split(ms: number): Fields {
    const local = ms + this.offset(ms);
    const days = Math.floor(local / DAY);
    const rem = local - days * DAY;
    const { year, month, day } = civil(days);
    return {
      year,
      month,
      day,
      hour: Math.floor(rem / HOUR),
      minute: Math.floor(rem / MINUTE) % 60,
      second: Math.floor(rem / SECOND) % 60,
      weekday: mod(days + 4, 7),
    };
  }

  /**
   * Go's time.Date(y, mo, d, h, mi, s, 0, zone): fields may overflow; a wall time that does not exist
   * or exists twice resolves the way Go's does (offset looked up at local-as-UTC, then corrected).
   */
  date(y: number, mo: number, d: number, h: number, mi: number, s: number): number {
    const local = utcMs(y, mo, d, h, mi, s);
    return local - this.offset(local - this.offset(local));
  }

  /** Go's t.AddDate(years, months, days). */
  addDate(ms: number, months: number, days: number): number {
    const f = this.split(ms);
    return this.date(f.year, f.month + months, f.day + days, f.hour, f.minute, f.second) + mod(ms, SECOND);
  }
}

const clocks = new Map<string, ZoneClock>();
function clockFor(zone: string): ZoneClock {
  let c = clocks.get(zone);
  if (!c) {
    c = new ZoneClock(zone);
    if (clocks.size > 500) clocks.clear();
    clocks.set(zone, c);
  }
  return c;
}

/** Whether `zone` is a name Intl knows (the check the brief asks for). */
export function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Approximates Go's time.LoadLocation on Linux: Intl knows the zone and the spelling is exact
 * (Intl is case-insensitive, Go's zoneinfo lookup is not: "america/new_york" fails in Kubernetes).
 */
function loadableZone(zone: string): boolean {
  if (zone === 'UTC') return true;
  if (!/^[A-Za-z0-9_+\-./]+$/.test(zone) || zone.startsWith('/') || zone.includes('..')) return false;
  if (!validZone(zone)) return false;
  const resolved = new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  return !(resolved.toLowerCase() === zone.toLowerCase() && resolved !== zone);
}

/** kubernetes pkg/apis/batch/validation validateTimeZone. Returns an error, or null. */
function specZoneError(zone: string): string | null {
  if (zone === '') return 'spec.timeZone must be null or a non-empty time zone name';
  for (const part of zone.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !/^[A-Za-z.\-_0-9+]{1,14}$/.test(part)) return `unknown time zone "${zone}"`;
  }
  if (zone.toLowerCase() === 'local') return 'spec.timeZone must be an explicit IANA time zone, not "Local"';
  return loadableZone(zone) ? null : `unknown time zone "${zone}"`;
}

// ---------------------------------------------------------------------------------------------
// Go's time.ParseDuration.

const GO_UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  'µs': 1_000n, // U+00B5
  'μs': 1_000n, // U+03BC
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};
const INT64_MAX = (1n << 63n) - 1n;

/** Go's time.ParseDuration, in nanoseconds (a bigint), or null if Go rejects the text. */
export function parseGoDurationNs(text: string): bigint | null {
  let s = text;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') return null;
  let total = 0n;
  while (s !== '') {
    const m = /^(\d*)(?:\.(\d*))?/.exec(s)!;
    const intDigits = m[1]!;
    const fracDigits = m[2];
    if (intDigits === '' && !fracDigits) return null; // no digits (".s", "h")
    s = s.slice(m[0].length);
    const unitText = /^[^.0-9]*/.exec(s)![0];
    if (unitText === '') return null; // missing unit
    const unit = GO_UNITS[unitText];
    if (unit === undefined) return null;
    s = s.slice(unitText.length);
    const v = intDigits === '' ? 0n : BigInt(intDigits);
    if (v > INT64_MAX) return null;
    let part = v * unit;
    if (part > INT64_MAX) return null;
    if (fracDigits) {
      // Go keeps at most ~19 significant fraction digits and scales with float64.
      let f = 0n;
      let scale = 1;
      for (const ch of fracDigits) {
        if (f > INT64_MAX / 10n) break;
        f = f * 10n + BigInt(ch);
        scale *= 10;
      }
      part += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (part > INT64_MAX) return null;
    }
    total += part;
    if (total > INT64_MAX + 1n) return null;
  }
  if (!neg && total > INT64_MAX) return null;
  return neg ? -total : total;
}

/** Go's time.ParseDuration in milliseconds (fractions kept), or null if Go rejects the text. */
export function parseGoDuration(text: string): number | null {
  const ns = parseGoDurationNs(text);
  return ns === null ? null : Number(ns) / 1e6;
}

/** robfig's Every(): under 1s becomes 1s, anything longer is truncated to whole seconds. In ms. */
function everyDelayMs(ns: bigint): number {
  if (ns < 1_000_000_000n) return SECOND;
  return Number(ns / 1_000_000_000n) * SECOND;
}

function formatDelay(ms: number): string {
  let s = Math.round(ms / SECOND);
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s || (!h && !m) ? `${s}s` : ''}`;
}

// ---------------------------------------------------------------------------------------------
// robfig's parser (ParseStandard: minute hour dom month dow, descriptors allowed).

interface Bounds {
  label: string;
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const BOUNDS: readonly Bounds[] = [
  { label: 'minute', min: 0, max: 59 },
  { label: 'hour', min: 0, max: 23 },
  { label: 'day of month', min: 1, max: 31 },
  { label: 'month', min: 1, max: 12, names: Object.fromEntries(MONTH_NAMES.map((n, i) => [n, i + 1])) },
  // robfig: dow bounds are 0-6; 7 is rejected ("end of range (7) above maximum (6)").
  { label: 'day of week', min: 0, max: 6, names: Object.fromEntries(DAY_NAMES.map((n, i) => [n, i])) },
];

interface Field {
  /** bits[v] === 1 when value v is allowed. */
  bits: Uint8Array;
  /** robfig's starBit: some item was a bare * or ? (without a step > 1). */
  star: boolean;
  any: boolean;
}

interface CronSpec {
  minute: Field;
  hour: Field;
  dom: Field;
  month: Field;
  dow: Field;
}

class SpecError extends Error {}

/** strconv.Atoi followed by robfig's "negative number not allowed". */
function mustParseInt(text: string, what: string): number {
  if (!/^[+-]?\d+$/.test(text)) throw new SpecError(`"${text}" is not a valid ${what}`);
  const n = BigInt(text);
  if (n > INT64_MAX || n < -INT64_MAX - 1n) throw new SpecError(`"${text}" is not a valid ${what}: out of range`);
  if (n < 0n) throw new SpecError(`negative ${what} "${text}" is not allowed`);
  return Number(n);
}

function parseIntOrName(text: string, r: Bounds): number {
  const named = r.names?.[text.toLowerCase()];
  return named ?? mustParseInt(text, r.label);
}

function getRange(expr: string, r: Bounds, into: Field): void {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0]!.split('-');
  const single = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    // robfig ignores whatever follows a leading * or ? in a range ("*-5" is "*").
    start = r.min;
    end = r.max;
    star = true;
  } else {
    start = parseIntOrName(lowAndHigh[0]!, r);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1]!, r);
    else throw new SpecError(`too many hyphens in ${r.label} "${expr}"`);
  }
  let step: number;
  if (rangeAndStep.length === 1) step = 1;
  else if (rangeAndStep.length === 2) {
    step = mustParseInt(rangeAndStep[1]!, 'step');
    if (single) end = r.max; // "N/step" means "N-max/step"
    if (step > 1) star = false;
  } else throw new SpecError(`too many slashes in ${r.label} "${expr}"`);

  if (start < r.min) throw new SpecError(`${r.label} ${start} is out of range ${r.min}-${r.max}`);
  if (end > r.max) throw new SpecError(`${r.label} ${end} is out of range ${r.min}-${r.max}`);
  if (start > end) throw new SpecError(`${r.label} range "${expr}" starts after it ends`);
  if (step === 0) throw new SpecError(`step of ${r.label} "${expr}" must be positive`);
  for (let v = start; v <= end; v += step) into.bits[v] = 1;
  if (star) into.star = true;
}

function getField(text: string, r: Bounds): Field {
  const field: Field = { bits: new Uint8Array(r.max + 1), star: false, any: false };
  for (const expr of text.split(',')) if (expr !== '') getRange(expr, r, field);
  field.any = field.bits.slice(r.min).every((b) => b === 1);
  return field;
}

function parseFields(fields: readonly string[]): CronSpec {
  const [minute, hour, dom, month, dow] = fields.map((f, i) => getField(f, BOUNDS[i]!)) as [Field, Field, Field, Field, Field];
  return { minute, hour, dom, month, dow };
}

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

type Parsed =
  | { kind: 'cron'; fields: string[]; spec: CronSpec }
  | { kind: 'every'; text: string; delayMs: number; exact: boolean };

/** robfig's Parse for a spec without a TZ prefix. Throws SpecError. */
function parseBody(spec: string): Parsed {
  if (spec.startsWith('@')) {
    const equivalent = DESCRIPTORS[spec]; // exact and case-sensitive, as robfig's switch
    if (equivalent !== undefined) {
      const fields = equivalent.split(' ');
      return { kind: 'cron', fields, spec: parseFields(fields) };
    }
    if (spec.startsWith('@every ')) {
      const text = spec.slice('@every '.length);
      const ns = parseGoDurationNs(text);
      if (ns === null) throw new SpecError(`"${text}" is not a Go duration (like 90s or 1h30m)`);
      const delayMs = everyDelayMs(ns);
      return { kind: 'every', text, delayMs, exact: BigInt(delayMs) * 1_000_000n === ns };
    }
    throw new SpecError(`unknown descriptor ${spec}`);
  }
  const fields = goFields(spec);
  if (fields.length !== 5) throw new SpecError(`expected 5 fields, got ${fields.length}`);
  return { kind: 'cron', fields, spec: parseFields(fields) };
}

// ---------------------------------------------------------------------------------------------
// robfig's SpecSchedule.Next.

function dayMatches(s: CronSpec, day: number, weekday: number): boolean {
  const domMatch = s.dom.bits[day] === 1;
  const dowMatch = s.dow.bits[weekday] === 1;
  if (s.dom.star || s.dow.star) return domMatch && dowMatch;
  return domMatch || dowMatch;
}

function neverRuns(s: CronSpec): boolean {
  const empty = (f: Field) => f.bits.every((b) => b === 0);
  if (empty(s.minute) || empty(s.hour) || empty(s.month)) return true;
  const noDays = s.dom.star || s.dow.star ? empty(s.dom) || empty(s.dow) : empty(s.dom) && empty(s.dow);
  return noDays;
}

/**
 * The first run strictly after `after` (whole seconds), or null when robfig finds none in 5 years.
 * One difference: robfig loops forever where a whole day is skipped at midnight (Pacific/Apia on
 * 2011-12-30: AddDate to the missing day normalises back to the day before); this gives up instead.
 */
function nextRun(s: CronSpec, clock: ZoneClock, after: number): number | null {
  if (!Number.isFinite(after)) return null;
  // Start at the earliest possible time (the upcoming second).
  let t = Math.floor(after / SECOND) * SECOND + SECOND;
  let added = false;
  let f = clock.split(t);
  const yearLimit = f.year + 5;
  let steps = 0;

  wrap: for (;;) {
    if (f.year > yearLimit) return null;

    while (s.month.bits[f.month] !== 1) {
      if (!added) {
        added = true;
        t = clock.date(f.year, f.month, 1, 0, 0, 0);
      }
      t = clock.addDate(t, 1, 0);
      f = clock.split(t);
      if (++steps > MAX_STEPS) return null;
      if (f.month === 1) continue wrap;
    }

    while (!dayMatches(s, f.day, f.weekday)) {
      if (!added) {
        added = true;
        t = clock.date(f.year, f.month, f.day, 0, 0, 0);
      }
      t = clock.addDate(t, 0, 1);
      f = clock.split(t);
      // robfig: notice if the hour is no longer midnight due to DST.
      if (f.hour !== 0) {
        t += f.hour > 12 ? (24 - f.hour) * HOUR : -f.hour * HOUR;
        f = clock.split(t);
      }
      if (++steps > MAX_STEPS) return null;
      if (f.day === 1) continue wrap;
    }

    while (s.hour.bits[f.hour] !== 1) {
      if (!added) {
        added = true;
        t = clock.date(f.year, f.month, f.day, f.hour, 0, 0);
      }
      t += HOUR;
      f = clock.split(t);
      if (++steps > MAX_STEPS) return null;
      if (f.hour === 0) continue wrap;
    }

    while (s.minute.bits[f.minute] !== 1) {
      if (!added) {
        added = true;
        t -= mod(t, MINUTE); // Truncate works on absolute time
      }
      t += MINUTE;
      f = clock.split(t);
      if (++steps > MAX_STEPS) return null;
      if (f.minute === 0) continue wrap;
    }

    // Seconds: five-field schedules always run at second 0.
    while (f.second !== 0) {
      if (!added) {
        added = true;
        t -= mod(t, SECOND);
      }
      t += SECOND;
      f = clock.split(t);
      if (++steps > MAX_STEPS) return null;
      if (f.second === 0) continue wrap;
    }

    return t;
  }
}

// ---------------------------------------------------------------------------------------------
// Schedules.

/** Far more loop steps than robfig's Next takes for any schedule over its five years. */
const MAX_STEPS = 500_000;

const LOOKBACK_SPANS = [HOUR, DAY, 8 * DAY, 32 * DAY, 367 * DAY, 1462 * DAY, 2923 * DAY];

function cronSchedule(base: Omit<Schedule, 'next' | 'latestAtOrBefore' | 'between' | 'minIntervalMs'>, spec: CronSpec, clock: ZoneClock, reference: number): Schedule {
  const never = neverRuns(spec);
  const nx = (t: number): number | null => (never ? null : nextRun(spec, clock, t));

  const latestAtOrBefore = (t: number): number | null => {
    if (never || !Number.isFinite(t)) return null;
    // Find a start whose next run is <= t, then binary-search (in whole seconds) the latest x with
    // next(x) <= t: next(x) is then the latest run at or before t.
    const hi0 = Math.floor(t / SECOND) * SECOND; // next(hi0) > t always
    let start: number | null = null;
    for (const span of LOOKBACK_SPANS) {
      const x = Math.floor((t - span) / SECOND) * SECOND;
      const n = nx(x);
      if (n !== null && n <= t) {
        start = x;
        break;
      }
    }
    if (start === null) return null;
    let lo: number = start;
    let hi = hi0;
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
  const schedule: Schedule = {
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
      minInterval ??= never ? Infinity : shortestGap(spec, clock, reference, nx, latestAtOrBefore);
      return minInterval;
    },
  };
  return schedule;
}

/**
 * `nx` (the first run strictly after t) with the runs it found remembered as chains of consecutive
 * runs from a start instant: for any t in [start, last run) the answer is the first run after t.
 * A dashboard asks for the next runs after "now" every second; this answers from memory until a run
 * has passed. A few chains, since callers walk from more than one instant (now, the last run).
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
      if (n !== null && runs.length < 256) runs.push(n);
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
function shortestGap(spec: CronSpec, clock: ZoneClock, reference: number, nx: (t: number) => number | null, latest: (t: number) => number | null): number {
  const times: number[] = [];
  for (let h = 0; h < 24; h++) if (spec.hour.bits[h]) for (let m = 0; m < 60; m++) if (spec.minute.bits[m]) times.push(h * 60 + m);
  let minMinutes = Infinity;
  for (let i = 1; i < times.length; i++) minMinutes = Math.min(minMinutes, times[i]! - times[i - 1]!);

  const firstDay = Math.floor(reference / DAY);
  let prevDay: number | null = null;
  let minDayGap = Infinity;
  for (let d = firstDay; d < firstDay + 2923; d++) {
    const c = civil(d);
    if (spec.month.bits[c.month] !== 1 || !dayMatches(spec, c.day, mod(d + 4, 7))) continue;
    if (prevDay !== null) minDayGap = Math.min(minDayGap, d - prevDay);
    prevDay = d;
  }
  if (Number.isFinite(minDayGap)) minMinutes = Math.min(minMinutes, minDayGap * 1440 - (times[times.length - 1]! - times[0]!));
  let best = minMinutes * MINUTE;

  // Offset changes in the next 400 days: sample daily, then narrow to the second.
  const transitions: number[] = [];
  let prevOffset = clock.offset(reference);
  for (let k = 1; k <= 400; k++) {
    const t = reference + k * DAY;
    const o = clock.offset(t);
    if (o === prevOffset) continue;
    let lo = t - DAY; // offset(lo) === prevOffset
    let hi = t; // offset(hi) !== prevOffset
    while (hi - lo > SECOND) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (clock.offset(mid) === prevOffset) lo = mid;
      else hi = mid;
    }
    transitions.push(hi);
    prevOffset = o;
  }
  const window = 3 * HOUR;
  for (const x of transitions) {
    let r = latest(x - window) ?? nx(x - window);
    for (let i = 0; r !== null && i < 2000; i++) {
      const n = nx(r);
      if (n === null) break;
      best = Math.min(best, n - r);
      if (r > x + window) break;
      r = n;
    }
  }
  return best;
}

function everySchedule(base: Omit<Schedule, 'next' | 'latestAtOrBefore' | 'between' | 'minIntervalMs'>, d: number, anchor: number): Schedule {
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

// ---------------------------------------------------------------------------------------------
// Words.

const DAY_WORDS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTH_WORDS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const pad2 = (n: number) => String(n).padStart(2, '0');

function joinWords(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** "MON-FRI" → "Monday to Friday", "1,3" → "Monday and Wednesday"; null for steps. */
function listWords(text: string, r: Bounds, words: readonly string[], base: number): string | null {
  const items: string[] = [];
  for (const item of text.split(',')) {
    if (item === '') continue;
    if (item.includes('/') || item === '*' || item === '?') return null;
    const ends = item.split('-').map((x) => words[parseIntOrName(x, r) - base]);
    if (ends.some((w) => w === undefined) || ends.length > 2) return null;
    items.push(ends.join(' to '));
  }
  return items.length ? joinWords(items) : null;
}

/** Words for the common shapes of a five-field schedule; null when unsure. */
function describeFields(fields: readonly string[]): string | null {
  const [min, hour, dom, month, dow] = fields.map((f) => f.replace(/\?/g, '*')) as [string, string, string, string, string];
  const any = (f: string) => f === '*' || f === '*/1';
  const num = (f: string) => /^\d+$/.test(f);
  // "*/n" is a steady "every n" only when n divides the cycle (*/7 runs at :56 then :00).
  const step = (f: string, cycle: number) => {
    const n = Number(/^\*\/(\d+)$/.exec(f)?.[1] ?? NaN);
    return n > 1 && cycle % n === 0 ? n : undefined;
  };
  const daysAny = any(dom) && any(month) && any(dow);
  if (any(min) && any(hour) && daysAny) return 'every minute';
  const minStep = step(min, 60);
  if (minStep && any(hour) && daysAny) return `every ${minStep} minutes`;
  if (!num(min)) return null;
  const m = Number(min);
  if (any(hour) && daysAny) return `every hour at minute ${m}`;
  const hourStep = step(hour, 24);
  if (hourStep && daysAny) return `every ${hourStep} hours at minute ${m}`;
  const hours = hour.split(',');
  if (!hours.every(num) || hours.length > 4) return null;
  const at = `at ${joinWords(hours.map((h) => `${pad2(Number(h))}:${pad2(m)}`))}`;
  if (daysAny) return `${at} every day`;
  if (any(dom) && any(month)) {
    const days = listWords(dow, BOUNDS[4]!, DAY_WORDS, 0);
    return days && `${at} on ${days}`;
  }
  if (num(dom) && any(month) && any(dow)) return `${at} on day ${Number(dom)} of every month`;
  if (num(dom) && any(dow) && !any(month)) {
    const months = listWords(month, BOUNDS[3]!, MONTH_WORDS, 1);
    return months && `${at} on ${months} ${Number(dom)}`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Entry points.

export function parseSchedule(schedule: string, timeZone: string | null, defaultZone = 'UTC', options: ParseOptions = {}): ScheduleResult {
  const fail = (why: string): ScheduleResult => ({ ok: false, error: `invalid schedule "${schedule}": ${why}` });
  if (schedule === '') return fail('empty schedule');

  // Legacy TZ= / CRON_TZ= prefix, exactly as robfig reads it.
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
  const reference = options.referenceTime ?? DEFAULT_REFERENCE;
  return { ok: true, schedule: cronSchedule({ expression, timeZone: zone, zoneSource, description }, parsed.spec, clockFor(zone), reference) };
}
