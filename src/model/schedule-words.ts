// Human words for a schedule ("every 2 minutes", "at 00:00 every day"); null when unsure.
import { BOUNDS, intOrName, type Bounds } from './schedule-syntax.js';

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
    if (/[/*?]/.test(item)) return null; // steps, and "*" or "?" (also robfig's "*-5", which is "*")
    const ends = item.split('-').map((x) => words[intOrName(x, r) - base]);
    if (ends.some((w) => w === undefined) || ends.length > 2) return null;
    items.push(ends.join(' to '));
  }
  return items.length ? joinWords(items) : null;
}

/** Words for the common shapes of a five-field schedule; null when unsure. */
export function describeFields(fields: readonly string[]): string | null {
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

/** A delay in Go's duration style: 5400000 → "1h30m". */
export function formatDelay(ms: number): string {
  let s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s || (!h && !m) ? `${s}s` : ''}`;
}
