// What columns and detail sections are made of: plain cluster text with a tone and a symbol of ours.
// No markup: the CLI prints the text, the dashboard escapes it once and colours it by tone.
import type { Timed } from '../present/time.js';

/** A meaning, not a colour: the dashboard picks the colour, the CLI ignores it. */
export type Tone = 'ok' | 'warn' | 'bad' | 'muted' | 'accent';

export interface Cell {
  text: string;
  tone?: Tone;
  /** A one-cell symbol shown before the text in the dashboard (state never by colour alone). */
  symbol?: string;
  /** Why the value cannot be known (the text is then "?"): a kind it is derived from is not visible. */
  unknown?: string;
  /** When a text drawn from the clock (an age, a countdown) first reads differently. */
  changesAt?: number;
}

/** A run of text in a line of a detail section or a dialog. */
export interface Span {
  text: string;
  tone?: Tone;
  bold?: boolean;
  changesAt?: number;
}

export const cell = (text: string | number | null | undefined, tone?: Tone, symbol?: string): Cell => ({
  text: text === null || text === undefined || text === '' ? '-' : String(text),
  ...(tone ? { tone } : {}),
  ...(symbol ? { symbol } : {}),
});

/** An age or a countdown as a cell: its text, and when that changes. */
export const timedCell = (t: Timed, tone?: Tone): Cell => ({ ...cell(t.text, tone), changesAt: t.changesAt });

export const unknownCell = (reason: string): Cell => ({ text: '?', tone: 'muted', unknown: reason });

/** "unknown — forbidden: cannot list …": a field or an empty table whose content is not visible. */
export const unknownText = (reason: string): string => `unknown — ${reason}`;

export const span = (text: string | number, tone?: Tone, bold?: boolean): Span => ({ text: String(text), ...(tone ? { tone } : {}), ...(bold ? { bold } : {}) });

export const timedSpan = (t: Timed, tone?: Tone): Span => ({ ...span(t.text, tone), changesAt: t.changesAt });

export type Health = 'ok' | 'progress' | 'bad' | 'gone' | 'none';

export const HEALTH: Record<Health, { symbol: string; tone: Tone }> = {
  ok: { symbol: '●', tone: 'ok' },
  progress: { symbol: '◐', tone: 'warn' },
  bad: { symbol: '✗', tone: 'bad' },
  gone: { symbol: '⊘', tone: 'muted' },
  none: { symbol: '·', tone: 'muted' },
};

export const stateCell = (text: string, health: Health): Cell => cell(text, HEALTH[health].tone, HEALTH[health].symbol);
