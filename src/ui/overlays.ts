// The dialogs over the dashboard: a confirmation holding the request it will send, a pick list, a
// scrolling text (help, YAML, the action log), the log view (ui/logs.ts), and the one-line prompt.
// Drawing and keys.
import type blessed from 'blessed';
import type { Span } from '../kinds/cells.js';
import type { ActionPlan } from '../kinds/types.js';
import type { LogView } from './logs.js';
import { displayWidth, lit, safe, spans, type Safe } from './text.js';

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
  /** What `y` sends: the planned value itself (null when the plan has nothing left to send). */
  | { kind: 'confirm'; title: string; lines: readonly (readonly Span[])[]; plan: ActionPlan | null; scroll?: number }
  | { kind: 'pick'; title: string; items: readonly string[]; index: number; onPick: (item: string) => void };

export interface Prompt {
  label: string;
  text: string;
  onSubmit: (text: string) => void;
  /** A question of an action, asked in a centred box; otherwise typed in the footer (filter, command). */
  dialog: boolean;
  /** In the box, above the question: what the answer will do. */
  context?: readonly (readonly Span[])[];
}

// Our tags take no room on screen; an escaped brace takes one cell.
const TAGS = /\{\/?(?!open\}|close\})[a-z-]+\}/g;
const visibleWidth = (line: Safe) => displayWidth(line.replace(TAGS, '').replace(/\{(open|close)\}/g, '_'));

/** A box of `lines` centred on the screen, sized to them; the dashboard stays visible around it. */
function centred(box: blessed.Widgets.BoxElement, title: string, lines: readonly Safe[], width: number, height: number, paint: Paint): void {
  const w = Math.min(width, Math.max(displayWidth(title) + 6, ...lines.map(visibleWidth)) + 4);
  // Lines wider than the box wrap inside it (blessed wraps one that fills it exactly too): count the rows they take.
  const rows = lines.reduce((n, l) => n + Math.floor((visibleWidth(l) + 1) / Math.max(1, w - 2)) + 1, 0);
  const h = Math.min(Math.max(3, height - 2), rows + 2);
  box.width = w;
  box.height = h;
  box.left = Math.max(0, Math.floor((width - w) / 2));
  box.top = Math.max(0, Math.floor((height - h) / 2));
  box.setLabel(` ${safe(title)} `);
  box.setContent(paint(lines.map((l) => ` ${l}`).join('\n')));
}

/** What the screen does to our colour tags (NO_COLOR drops them), applied before blessed reads them. */
export type Paint = (text: string) => string;

export function drawOverlay(box: blessed.Widgets.BoxElement, o: Overlay | null, prompt: Prompt | null, width: number, height: number, paint: Paint): void {
  if (!o && !prompt?.dialog) {
    box.hide();
    return;
  }
  box.show();
  box.setFront();
  if (!o) {
    const p = prompt!;
    const context = (p.context ?? []).map(spans);
    const question = lit(`{bold}${safe(p.label)}{/bold}${safe(p.text)}{inverse} {/inverse}`);
    return centred(box, 'answer', [...context, ...(context.length ? [lit('')] : []), question, lit(''), lit('{bold}Enter{/bold}: go on    {bold}Esc{/bold}: cancel')], width, height, paint);
  }
  if (o.kind === 'confirm') {
    const body = o.lines.map(spans);
    const keys = lit('{bold}y{/bold}: do it    {bold}n{/bold} / Esc: cancel');
    // A long one (many marked objects) scrolls: every target can be read before saying yes.
    const room = Math.max(1, height - 6);
    if (body.length <= room) return centred(box, o.title, [...body, lit(''), keys], width, height, paint);
    const top = (o.scroll = Math.max(0, Math.min(o.scroll ?? 0, body.length - room + 1)));
    const shown = body.slice(top, top + room - 1);
    const where = lit(`{gray-fg}lines ${top + 1}–${top + shown.length} of ${body.length}: j/k, PgUp/PgDn scroll{/gray-fg}`);
    return centred(box, o.title, [...shown, where, keys], width, height, paint);
  }
  if (o.kind === 'pick') {
    const rows = Math.max(1, height - 6);
    const top = Math.max(0, Math.min(o.index - Math.floor(rows / 2), o.items.length - rows));
    const lines = o.items.slice(top, top + rows).map((item, i) => lit(top + i === o.index ? `{inverse}${safe(item)}{/inverse}` : safe(item)));
    return centred(box, o.title, lines, width, height, paint);
  }
  box.left = 0;
  box.top = 2;
  box.height = Math.max(3, height - 3);
  box.width = width;
  const rows = Math.max(1, (box.height as number) - 2);
  if (o.kind === 'logs') {
    box.setLabel(` ${safe(o.log.title())} `);
    // One cell short of the inner width: blessed wraps a line that fills the box exactly.
    box.setContent(paint(o.log.render(Math.max(1, width - 3), rows).join('\n')));
    return;
  }
  if (o.follow) o.scroll = Math.max(0, o.lines.length - rows);
  o.scroll = Math.max(0, Math.min(o.scroll, o.lines.length - rows));
  box.setLabel(` ${safe(o.title)} `);
  box.setContent(paint(o.lines.slice(o.scroll, o.scroll + rows).join('\n')));
}

/** What a key does to an open overlay: keep it or close it, what to do once it is closed, or the plan to send. */
export interface OverlayResult {
  keep: boolean;
  then?: () => void;
  prompt?: Prompt;
  /** The plan a confirmation was holding, to be sent now. */
  send?: ActionPlan;
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
    if (name === 'y') return o.plan ? { keep: false, send: o.plan } : { keep: false };
    const d = name === 'j' || name === 'down' ? 1 : name === 'k' || name === 'up' ? -1 : name === 'pagedown' ? page : name === 'pageup' ? -page : 0;
    o.scroll = Math.max(0, (o.scroll ?? 0) + d);
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
