// In front of cron-parser: robfig/cron v3.0.1's ParseStandard (parser.go), which Kubernetes validates
// `spec.schedule` with, turned into an expression cron-parser reads the same way. Each rule names the
// robfig behaviour it reproduces; cron-parser then expands the fields and does the arithmetic.
import { CronExpressionParser, type CronExpression } from 'cron-parser';

export class SpecError extends Error {}

/** Go's unicode.IsSpace, as strings.Fields and strings.TrimSpace use it. */
const GO_SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const GO_FIELDS = new RegExp(`[${GO_SPACE}]+`);
const GO_TRIM = new RegExp(`^[${GO_SPACE}]+|[${GO_SPACE}]+$`, 'g');
export const goTrim = (s: string): string => s.replace(GO_TRIM, '');

export interface Bounds {
  label: string;
  min: number;
  max: number;
  names?: Record<string, number>;
}

const names = (list: string[], first: number) => Object.fromEntries(list.map((n, i) => [n, i + first]));
export const BOUNDS: readonly Bounds[] = [
  { label: 'minute', min: 0, max: 59 },
  { label: 'hour', min: 0, max: 23 },
  { label: 'day of month', min: 1, max: 31 },
  { label: 'month', min: 1, max: 12, names: names(['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'], 1) },
  // robfig: day of week is 0-6, so 7 and 0-7 are errors (cron-parser reads 7 as Sunday), and "N/step"
  // runs to 6 (cron-parser's runs to 7, adding Sunday).
  { label: 'day of week', min: 0, max: 6, names: names(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'], 0) },
];

const INT64_MAX = (1n << 63n) - 1n;

/** robfig mustParseInt: Go's strconv.Atoi ("+5" and "05" are numbers; L, W, #, H are not), then no negatives. */
function atoi(text: string, what: string): number {
  if (!/^[+-]?\d+$/.test(text)) throw new SpecError(`"${text}" is not a valid ${what}`);
  const n = BigInt(text);
  if (n > INT64_MAX || n < -INT64_MAX - 1n) throw new SpecError(`"${text}" is not a valid ${what}: out of range`);
  if (n < 0n) throw new SpecError(`negative ${what} "${text}" is not allowed`);
  return Number(n);
}

/** robfig parseIntOrName: a whole three-letter name in any case (cron-parser replaces any run of three letters). */
export const intOrName = (text: string, r: Bounds): number => r.names?.[text.toLowerCase()] ?? atoi(text, r.label);

/** robfig getRange: one list item into `bits`; true when it sets robfig's "star" bit. */
function getRange(item: string, r: Bounds, bits: boolean[]): boolean {
  const rangeAndStep = item.split('/');
  const lowAndHigh = rangeAndStep[0]!.split('-');
  let start: number;
  let end: number;
  // robfig: an item starting with * or ? is the whole range, whatever follows a "-" ("*-5" is "*").
  let star = lowAndHigh[0] === '*' || lowAndHigh[0] === '?';
  if (star) [start, end] = [r.min, r.max];
  else {
    start = intOrName(lowAndHigh[0]!, r);
    if (lowAndHigh.length > 2) throw new SpecError(`too many hyphens in ${r.label} "${item}"`);
    end = lowAndHigh.length === 2 ? intOrName(lowAndHigh[1]!, r) : start;
  }
  let step = 1;
  if (rangeAndStep.length > 2) throw new SpecError(`too many slashes in ${r.label} "${item}"`);
  if (rangeAndStep.length === 2) {
    step = atoi(rangeAndStep[1]!, 'step');
    if (lowAndHigh.length === 1) end = r.max; // robfig: "N/step" means "N-max/step"
    if (step > 1) star = false; // robfig: a step over 1 drops the star bit ("*/2" is restricted, "*/1" is not)
  }
  if (start < r.min) throw new SpecError(`${r.label} ${start} is out of range ${r.min}-${r.max}`);
  if (end > r.max) throw new SpecError(`${r.label} ${end} is out of range ${r.min}-${r.max}`);
  if (start > end) throw new SpecError(`${r.label} range "${item}" starts after it ends`);
  if (step === 0) throw new SpecError(`step of ${r.label} "${item}" must be positive`);
  for (let v = start; v <= end; v += step) bits[v] = true;
  return star;
}

/**
 * One field as cron-parser text: "*" when robfig's star bit is set (cron-parser only treats a literal
 * "*" or "?" as a wildcard, and day of month and day of week combine with AND exactly when one of them
 * is a wildcard), else the values as plain ranges ("1-5,7"): robfig ORs overlapping items together
 * ("*,5", "1-5,3") where cron-parser rejects duplicates. "" when robfig's field is empty (",").
 */
function field(text: string, r: Bounds): string {
  const bits: boolean[] = [];
  let star = false;
  // robfig: strings.FieldsFunc drops empty items ("1,,2" is "1,2").
  for (const item of text.split(',')) if (item !== '' && getRange(item, r, bits)) star = true;
  if (star) return '*';
  const ranges: string[] = [];
  for (let v = r.min; v <= r.max; v++) {
    if (!bits[v]) continue;
    let end = v;
    while (bits[end + 1]) end++;
    ranges.push(end > v ? `${v}-${end}` : `${v}`);
    v = end;
  }
  return ranges.join(',');
}

/** robfig's descriptors: exact and case-sensitive; @midnight is cron-parser's @daily; no @minutely, @weekdays... */
const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

export type Parsed =
  /** `expression` is null for a schedule robfig accepts that can never run. */
  | { kind: 'cron'; fields: string[]; expression: CronExpression | null }
  | { kind: 'every'; text: string; delayMs: number; exact: boolean };

/** robfig's Parse of a schedule without its TZ= prefix. Throws SpecError. */
export function parseBody(spec: string): Parsed {
  if (spec.startsWith('@')) {
    const equivalent = DESCRIPTORS[spec];
    if (equivalent !== undefined) return cron(equivalent.split(' '));
    // robfig: "@every <Go duration>" (one space), a ConstantDelaySchedule — cron-parser has none.
    if (spec.startsWith('@every ')) {
      const text = spec.slice('@every '.length);
      const ns = parseGoDurationNs(text);
      if (ns === null) throw new SpecError(`"${text}" is not a Go duration (like 90s or 1h30m)`);
      // robfig Every(): under 1s becomes 1s, anything longer is truncated to whole seconds.
      const delayMs = ns < 1_000_000_000n ? 1000 : Number(ns / 1_000_000_000n) * 1000;
      return { kind: 'every', text, delayMs, exact: BigInt(delayMs) * 1_000_000n === ns };
    }
    throw new SpecError(`unknown descriptor ${spec}`);
  }
  // robfig: exactly five fields (cron-parser pads fewer and reads a sixth as seconds).
  const fields = spec.split(GO_FIELDS).filter((f) => f !== '');
  if (fields.length !== 5) throw new SpecError(`expected 5 fields, got ${fields.length}`);
  return cron(fields);
}

function cron(fields: string[]): Parsed {
  let [minute, hour, dom, month, dow] = fields.map((f, i) => field(f, BOUNDS[i]!)) as [string, string, string, string, string];
  // robfig: an empty day field matches no day, which leaves the other one alone when they are ORed.
  if (dom === '' && dow !== '*' && dow !== '') dom = '*';
  else if (dow === '' && dom !== '*' && dom !== '') dow = '*';
  if ([minute, hour, dom, month, dow].includes('')) return { kind: 'cron', fields, expression: null };
  try {
    // Seconds 0; the zone is applied around cron-parser (schedule-runs.ts), so it computes wall-clock time in UTC.
    return { kind: 'cron', fields, expression: CronExpressionParser.parse(`0 ${minute} ${hour} ${dom} ${month} ${dow}`, { tz: 'UTC', currentDate: 0 }) };
  } catch (err) {
    // robfig: an impossible date ("0 0 30 2 *") is valid and never runs; cron-parser rejects it.
    if (err instanceof Error && /day of month/.test(err.message)) return { kind: 'cron', fields, expression: null };
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// Go's time.ParseDuration, for "@every".

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
