// The dialogs over the dashboard: a confirmation holding the request it will send, a pick list, a
// scrolling text (help, YAML, the action log), the log view (ui/logs.ts), and the one-line prompt.
// Drawing and keys.
import type blessed from 'blessed';
import type { Confirmation } from '../kinds/types.js';
import type { LogView } from './logs.js';
import { lit, safe, spans, type Safe } from './text.js';

export interface TextOverlay {
  kind: 'text';
  title: string;
  lines: Safe[];
  scroll: number;
  follow: boolean;
  stop?: () => void;
}

export type Overlay =
  | TextOverlay
  | { kind: 'logs'; log: LogView }
  | { kind: 'confirm'; confirmation: Confirmation; onYes: () => void }
  | { kind: 'pick'; title: string; items: readonly string[]; index: number; onPick: (item: string) => void };

export interface Prompt {
  label: string;
  text: string;
  onSubmit: (text: string) => void;
}

export function drawOverlay(box: blessed.Widgets.BoxElement, o: Overlay | null, width: number, height: number): void {
  if (!o) {
    box.hide();
    return;
  }
  box.show();
  box.top = 2;
  box.height = Math.max(3, height - 3);
  box.width = width;
  const rows = Math.max(1, (box.height as number) - 2);
  if (o.kind === 'confirm') {
    box.setLabel(` ${safe(o.confirmation.title)} `);
    box.setContent([...o.confirmation.lines.map(spans), lit(''), lit('{bold}y{/bold}: do it    {bold}n{/bold} / Esc: cancel')].join('\n'));
  } else if (o.kind === 'logs') {
    box.setLabel(` ${safe(o.log.title())} `);
    // One cell short of the inner width: blessed wraps a line that fills the box exactly.
    box.setContent(o.log.render(Math.max(1, width - 3), rows).join('\n'));
  } else if (o.kind === 'text') {
    if (o.follow) o.scroll = Math.max(0, o.lines.length - rows);
    o.scroll = Math.max(0, Math.min(o.scroll, o.lines.length - rows));
    box.setLabel(` ${safe(o.title)} `);
    box.setContent(o.lines.slice(o.scroll, o.scroll + rows).join('\n'));
  } else {
    const top = Math.max(0, Math.min(o.index - Math.floor(rows / 2), o.items.length - rows));
    box.setLabel(` ${safe(o.title)} `);
    box.setContent(
      o.items
        .slice(top, top + rows)
        .map((item, i) => (top + i === o.index ? `{inverse}${safe(item)}{/inverse}` : safe(item)))
        .join('\n'),
    );
  }
  box.setFront();
}

/** What a key does to an open overlay: keep it or close it, what to do once it is closed, or a prompt to open over it. */
export interface OverlayResult {
  keep: boolean;
  then?: () => void;
  prompt?: Prompt;
}

export function overlayKey(o: Overlay, name: string, page: number): OverlayResult {
  if (name === 'escape' || name === 'q') {
    if (o.kind === 'text') o.stop?.();
    if (o.kind === 'logs') o.log.stop();
    return { keep: false };
  }
  if (o.kind === 'logs') return o.log.key(name, page);
  if (o.kind === 'confirm') {
    // Only an explicit y confirms: Enter may still be in flight from the prompt before.
    if (name === 'y') return { keep: false, then: o.onYes };
    return { keep: name !== 'n' };
  }
  if (o.kind === 'pick') {
    if (name === 'j' || name === 'down') o.index = Math.min(o.items.length - 1, o.index + 1);
    else if (name === 'k' || name === 'up') o.index = Math.max(0, o.index - 1);
    else if (name === 'enter') {
      const item = o.items[o.index];
      return { keep: false, ...(item !== undefined ? { then: () => o.onPick(item) } : {}) };
    }
    return { keep: true };
  }
  const d = name === 'j' || name === 'down' ? 1 : name === 'k' || name === 'up' ? -1 : name === 'pagedown' ? page : name === 'pageup' ? -page : name === 'g' ? -1e9 : name === 'S-g' ? 1e9 : 0;
  if (d) {
    o.scroll = Math.max(0, o.scroll + d);
    o.follow = d > 0 && o.scroll + page >= o.lines.length;
  }
  return { keep: true };
}

/** A key in the prompt line. Returns whether the prompt stays open (the caller submits on Enter). */
export function promptKey(p: Prompt, ch: string | undefined, name: string): 'open' | 'cancel' | 'submit' {
  if (name === 'escape') return 'cancel';
  if (name === 'enter') return 'submit';
  if (name === 'backspace') p.text = p.text.slice(0, -1);
  else if (ch && ch.length === 1 && ch >= ' ' && ch !== '\u007f') p.text += ch;
  return 'open';
}
