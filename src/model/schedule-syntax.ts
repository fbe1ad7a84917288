// In front of cron-parser: robfig/cron v3.0.1's ParseStandard (parser.go), which the API server
// validates `spec.schedule` with, turned into an expression cron-parser reads the same way.
import { CronExpressionParser, type CronExpression } from 'cron-parser';

export class SpecError extends Error {}

/** Go's unicode.IsSpace, as strings.Fields and strings.TrimSpace use it. */
const GO_SPACE = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+';
export const goTrim = (s: string): string => s.replace(new RegExp(`^${GO_SPACE}|${GO_SPACE}$`, 'g'), '');

export type Bounds = { label: string; min: number; max: number; names?: string[] };
export const BOUNDS: readonly Bounds[] = [
  { label: 'minute', min: 0, max: 59 },
  { label: 'hour', min: 0, max: 23 },
  { label: 'day of month', min: 1, max: 31 },
  { label: 'month', min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  // robfig: day of week is 0-6, so 7 and 0-7 are errors and "N/step" ends at 6 (cron-parser reads 7 as Sunday).
  { label: 'day of week', min: 0, max: 6, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];

const TWO_63 = 1n << 63n;

/** robfig mustParseInt: Go's strconv.Atoi ("+5" and "05" are numbers; L, W, #, H are not), then no negatives. */
function atoi(text: string, what: string): number {
  if (!/^[+-]?\d+$/.test(text) || BigInt(text) >= TWO_63 || BigInt(text) < -TWO_63) throw new SpecError(`"${text}" is not a valid ${what}`);
  if (BigInt(text) < 0n) throw new SpecError(`negative ${what} "${text}" is not allowed`);
  return Number(text);
}

/** robfig parseIntOrName: a whole three-letter name in any case (cron-parser replaces any run of three letters). */
export function intOrName(text: string, r: Bounds): number {
  const i = r.names?.indexOf(text.toLowerCase()) ?? -1;
  return i >= 0 ? i + r.min : atoi(text, r.label);
}

/** robfig getRange: one list item's values into `values`; true when it sets robfig's "star" bit. */
function getRange(item: string, r: Bounds, values: Set<number>): boolean {
  const [range, ...steps] = item.split('/');
  const ends = range!.split('-');
  // robfig: an item starting with * or ? is the whole range, whatever follows a "-" ("*-5" is "*").
  let star = ends[0] === '*' || ends[0] === '?';
  if (!star && ends.length > 2) throw new SpecError(`too many hyphens in ${r.label} "${item}"`);
  let [start, end] = star ? [r.min, r.max] : [intOrName(ends[0]!, r), intOrName(ends[ends.length - 1]!, r)];
  if (steps.length > 1) throw new SpecError(`too many slashes in ${r.label} "${item}"`);
  const step = steps.length ? atoi(steps[0]!, 'step') : 1;
  if (steps.length && ends.length === 1) end = r.max; // robfig: "N/step" is "N-max/step"
  if (step > 1) star = false; // robfig: "*/2" is restricted, "*/1" is a star
  if (start < r.min || end > r.max) throw new SpecError(`${r.label} ${start < r.min ? start : end} is out of range ${r.min}-${r.max}`);
  if (start > end) throw new SpecError(`${r.label} range "${item}" starts after it ends`);
  if (step === 0) throw new SpecError(`step of ${r.label} "${item}" must be positive`);
  for (let v = start; v <= end; v += step) values.add(v);
  return star;
}

/**
 * One field as cron-parser text: "*" for robfig's star bit (cron-parser's wildcard then combines the
 * day fields with AND or OR as robfig's star does), else the values: robfig ORs overlapping items
 * ("*,5", "1-5,3"), which cron-parser rejects. "" when robfig's field has no values (",").
 */
function field(text: string, r: Bounds): string {
  const values = new Set<number>();
  // robfig: strings.FieldsFunc drops empty items ("1,,2" is "1,2").
  let star = false;
  for (const item of text.split(',')) if (item !== '' && getRange(item, r, values)) star = true;
  return star ? '*' : [...values].join(',');
}

/** robfig's descriptors: exact and case-sensitive; cron-parser has no @midnight, robfig no @minutely, @weekdays... */
const DESCRIPTORS = new Map(Object.entries({
  '@yearly': '0 0 1 1 *', '@annually': '0 0 1 1 *', '@monthly': '0 0 1 * *', '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *', '@midnight': '0 0 * * *', '@hourly': '0 * * * *',
}));

export type Parsed =
  | { kind: 'cron'; fields: string[]; expression: CronExpression | null } // null: robfig accepts it, it never runs
  | { kind: 'every'; text: string; delayMs: number; exact: boolean };

/** robfig's Parse of a schedule without its TZ= prefix. Throws SpecError. */
export function parseBody(spec: string): Parsed {
  const descriptor = DESCRIPTORS.get(spec);
  if (descriptor) return cron(descriptor.split(' '));
  // robfig: "@every <Go duration>" (one space), a ConstantDelaySchedule, which cron-parser has not.
  if (spec.startsWith('@every ')) {
    const text = spec.slice('@every '.length);
    const ns = parseGoDurationNs(text);
    if (ns === null) throw new SpecError(`"${text}" is not a Go duration (like 90s or 1h30m)`);
    // robfig Every(): under 1s is 1s, anything longer is truncated to whole seconds.
    const delayMs = ns < 1_000_000_000n ? 1000 : Number(ns / 1_000_000_000n) * 1000;
    return { kind: 'every', text, delayMs, exact: BigInt(delayMs) * 1_000_000n === ns };
  }
  if (spec.startsWith('@')) throw new SpecError(`unknown descriptor ${spec}`);
  // robfig: exactly five fields (cron-parser pads fewer and reads a sixth as seconds).
  const fields = spec.split(new RegExp(GO_SPACE)).filter((f) => f !== '');
  if (fields.length !== 5) throw new SpecError(`expected 5 fields, got ${fields.length}`);
  return cron(fields);
}

function cron(fields: string[]): Parsed {
  let [minute, hour, dom, month, dow] = fields.map((f, i) => field(f, BOUNDS[i]!)) as [string, string, string, string, string];
  // robfig: an empty day field matches no day, which leaves the other alone where they are ORed.
  if (dom === '' && dow !== '*' && dow !== '') dom = '*';
  else if (dow === '' && dom !== '*' && dom !== '') dow = '*';
  if ([minute, hour, dom, month, dow].includes('')) return { kind: 'cron', fields, expression: null };
  try {
    // Seconds 0, in UTC: cron-parser finds wall-clock times, schedule-runs.ts puts them in the zone.
    return { kind: 'cron', fields, expression: CronExpressionParser.parse(`0 ${minute} ${hour} ${dom} ${month} ${dow}`, { tz: 'UTC', currentDate: 0 }) };
  } catch (err) {
    // robfig: an impossible date ("0 0 30 2 *") is valid and never runs; cron-parser rejects it.
    if (err instanceof Error && /day of month/.test(err.message)) return { kind: 'cron', fields, expression: null };
    throw err;
  }
}

const UNIT_NS = new Map(Object.entries({ ns: 1n, us: 1000n, 'µs': 1000n, 'μs': 1000n, ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n }));

/** Go's time.ParseDuration (time/format.go) in nanoseconds, or null where Go returns an error. */
export function parseGoDurationNs(text: string): bigint | null {
  const s = /^[-+]/.test(text) ? text.slice(1) : text;
  if (s === '0') return 0n;
  if (!/^(?:(?:\d+\.?\d*|\.\d+)[^\d.]+)+$/.test(s)) return null;
  let d = 0n;
  for (const [, int, frac = '', unitText] of s.matchAll(/(\d*)(?:\.(\d*))?([^\d.]+)/g)) {
    const unit = UNIT_NS.get(unitText!);
    if (unit === undefined || BigInt(int || 0) > TWO_63 / unit) return null;
    // Go's leadingFraction keeps the digits that fit in an int64, then scales in float64.
    let [f, scale] = [0n, 1];
    for (const c of frac) {
      if (f > (TWO_63 - 1n) / 10n || f * 10n + BigInt(c) > TWO_63) break;
      [f, scale] = [f * 10n + BigInt(c), scale * 10];
    }
    const v = BigInt(int || 0) * unit + BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
    if (v > TWO_63 || (d += v) > TWO_63) return null;
  }
  return text.startsWith('-') ? -d : d < TWO_63 ? d : null;
}
