// The dashboard's one escape boundary: every piece of cluster text passes through safe() exactly
// once, where cells are built. It strips terminal controls and bidi overrides (stripControls) and
// escapes blessed tags, so `{red-fg}` in an annotation shows as text and styles nothing.
import blessed from 'blessed';
import type { Span, Tone } from '../kinds/cells.js';
import { stripControls } from '../present/text.js';

/** A string that has been made safe for a `tags: true` widget. */
export type Safe = string & { readonly __safe: unique symbol };

export function safe(text: string | number | null | undefined): Safe {
  const plain = stripControls(text === null || text === undefined ? '' : String(text));
  return plain.replace(/[{}]/g, (c) => (c === '{' ? '{open}' : '{close}')) as Safe;
}

/** Literal text we wrote ourselves (labels, symbols): no cluster data may go through here. */
export const lit = (text: string): Safe => text as Safe;

const TONE_STYLE: Record<Tone, string> = { ok: 'green-fg', warn: 'yellow-fg', bad: 'red-fg', muted: 'gray-fg', accent: 'cyan-fg' };

/** Safe text in the colour of a tone (none: as it is). */
export function toned(text: Safe, tone: Tone | undefined, bold = false): Safe {
  let out: string = text;
  if (tone) out = `{${TONE_STYLE[tone]}}${out}{/${TONE_STYLE[tone]}}`;
  if (bold) out = `{bold}${out}{/bold}`;
  return out as Safe;
}

/** A line of spans: each escaped once and coloured by its tone. */
export function spans(line: readonly Span[]): Safe {
  return line.map((s) => toned(safe(s.text), s.tone, s.bold)).join('') as Safe;
}

// Display width as blessed itself measures it when it places characters on its grid: a column
// laid out with any other measure would drift from what the screen draws.
const unicode = (blessed as unknown as { unicode: { charWidth(text: string, index?: number): number; strWidth(text: string): number } }).unicode;

export function charWidth(ch: string): number {
  return unicode.charWidth(ch, 0);
}

// Most cluster text is printable ASCII: one cell a character, without asking blessed per character.
const ASCII = /^[\x20-\x7e]*$/;

export function displayWidth(text: string): number {
  return ASCII.test(text) ? text.length : unicode.strWidth(text);
}

/** Plain (not yet escaped) text cut or padded to exactly `width` cells; cut text ends with …. */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  if (width <= 0) return '';
  const plain = stripControls(text);
  let w = displayWidth(plain);
  let out = plain;
  if (w > width && ASCII.test(plain)) {
    out = `${plain.slice(0, width - 1)}…`;
    w = width;
  } else if (w > width) {
    out = '';
    w = 0;
    for (const ch of plain) {
      const cw = charWidth(ch);
      if (w + cw > width - 1) break;
      out += ch;
      w += cw;
    }
    out += '…';
    w += 1;
  }
  const pad = ' '.repeat(Math.max(0, width - w));
  return align === 'right' ? pad + out : out + pad;
}

/** Pieces of a line packed left to right, wrapped between pieces; `gap` spaces go before a piece that does not start a line. */
export function packed(pieces: readonly { text: string; safe: Safe; gap?: number }[], width: number, gap = 2): Safe[] {
  const lines: Safe[] = [];
  let line = '';
  let used = 0;
  for (const p of pieces) {
    const w = displayWidth(p.text);
    const space = p.gap ?? gap;
    if (used > 0 && used + space + w > width) {
      lines.push(lit(line));
      line = '';
      used = 0;
    }
    line += used > 0 ? `${' '.repeat(space)}${p.safe}` : p.safe;
    used += (used > 0 ? space : 0) + w;
  }
  if (used > 0) lines.push(lit(line));
  return lines;
}
