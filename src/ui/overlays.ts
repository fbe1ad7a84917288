// The dialogs over the dashboard, each one Overlay: a confirmation holding the plan it will send,
// a pick list, a scrolling text (help, YAML, the action log) and the log view (ui/logs.ts); and the
// one-line prompt. The host only places the box: a dialog centred, a screen overlay full width.
import type blessed from 'blessed';
import type { Span } from '../kinds/cells.js';
import type { ActionPlan } from '../kinds/types.js';
import type { Snapshot } from '../model/types.js';
import { displayWidth, lit, safe, spans, type Safe } from './text.js';

/** What a key does to an open overlay: keep it or close it, what to do once it is closed, a prompt over it, or the plan to send. */
export interface OverlayResult {
  keep: boolean;
  then?: () => void;
  prompt?: Prompt;
  /** The plan a confirmation was holding, to be sent now. */
  send?: ActionPlan;
}

export interface Overlay {
  /** A dialog is centred and sized to its lines; a screen overlay fills the screen under the header. */
  readonly place: 'dialog' | 'screen';
  title(): string;
  /** Its lines for the room it has: the inner width, and the rows (a dialog: the screen's height). */
  lines(width: number, rows: number): Safe[];
  /** A key (Esc and q close every overlay before it is asked). */
  key(name: string, page: number): OverlayResult;
  /** Stops whatever it streams. */
  close(): void;
  /** The cluster changed (a log view lets go of pods that are gone). */
  sourceChanged?(snap: Snapshot): void;
}

export interface Prompt {
  label: string;
  text: string;
  onSubmit: (text: string) => void;
  /** A question of an action, asked in a centred box; otherwise typed in the footer (filter, command). */
  dialog: boolean;
  /** In the box, above the question: what the answer will do. */
  context?: readonly (readonly Span[])[];
}

const scrollKey = (name: string, page: number): number =>
  name === 'j' || name === 'down' ? 1 : name === 'k' || name === 'up' ? -1 : name === 'pagedown' ? page : name === 'pageup' ? -page : name === 'g' ? -1e9 : name === 'S-g' ? 1e9 : 0;

/** Help, YAML, the action log: lines that scroll; `follow` keeps the end in view as lines come. */
export class TextOverlay implements Overlay {
  readonly place = 'screen';
  private scroll = 0;
  private rows = 1;

  constructor(
    private readonly name: string,
    private readonly text: readonly Safe[],
    private follow = false,
  ) {}

  title = (): string => this.name;

  lines(_width: number, rows: number): Safe[] {
    this.rows = rows;
    const max = Math.max(0, this.text.length - rows);
    const top = this.follow ? max : Math.min(this.scroll, max);
    return this.text.slice(top, top + rows);
  }

  key(name: string, page: number): OverlayResult {
    const d = scrollKey(name, page);
    if (d) {
      const max = Math.max(0, this.text.length - this.rows);
      this.scroll = Math.max(0, Math.min(max, (this.follow ? max : this.scroll) + d));
      this.follow = d > 0 && this.scroll >= max;
    }
    return { keep: true };
  }

  close(): void {}
}

/** A confirmation: what the operator reads, and the plan `y` sends (null: nothing left to send). */
export class ConfirmOverlay implements Overlay {
  readonly place = 'dialog';
  private scroll = 0;

  constructor(
    private readonly name: string,
    private readonly body: readonly (readonly Span[])[],
    private readonly plan: ActionPlan | null,
  ) {}

  title = (): string => this.name;

  lines(_width: number, height: number): Safe[] {
    const body = this.body.map(spans);
    const keys = lit('{bold}y{/bold}: do it    {bold}n{/bold} / Esc: cancel');
    // A long one (many marked objects) scrolls: every target can be read before saying yes.
    const room = Math.max(1, height - 6);
    if (body.length <= room) return [...body, lit(''), keys];
    const top = Math.max(0, Math.min(this.scroll, body.length - room + 1));
    const shown = body.slice(top, top + room - 1);
    return [...shown, lit(`{gray-fg}lines ${top + 1}–${top + shown.length} of ${body.length}: j/k, PgUp/PgDn scroll{/gray-fg}`), keys];
  }

  key(name: string, page: number): OverlayResult {
    // Only an explicit y confirms: Enter may still be in flight from the prompt before.
    if (name === 'y') return this.plan ? { keep: false, send: this.plan } : { keep: false };
    this.scroll = Math.max(0, Math.min(this.body.length, this.scroll + scrollKey(name, page)));
    return { keep: name !== 'n' };
  }

  close(): void {}
}

/** One of a list, chosen with j/k and Enter. */
export class PickOverlay implements Overlay {
  readonly place = 'dialog';

  constructor(
    private readonly name: string,
    private readonly items: readonly string[],
    private index: number,
    private readonly onPick: (item: string) => void,
  ) {}

  title = (): string => this.name;

  lines(_width: number, height: number): Safe[] {
    const rows = Math.max(1, height - 6);
    const top = Math.max(0, Math.min(this.index - Math.floor(rows / 2), this.items.length - rows));
    return this.items.slice(top, top + rows).map((item, i) => lit(top + i === this.index ? `{inverse}${safe(item)}{/inverse}` : safe(item)));
  }

  key(name: string): OverlayResult {
    if (name === 'j' || name === 'down') this.index = Math.min(this.items.length - 1, this.index + 1);
    else if (name === 'k' || name === 'up') this.index = Math.max(0, this.index - 1);
    else if (name === 'enter') {
      const item = this.items[this.index];
      return { keep: false, ...(item !== undefined ? { then: () => this.onPick(item) } : {}) };
    }
    return { keep: true };
  }

  close(): void {}
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
  if (o.place === 'dialog') return centred(box, o.title(), o.lines(width, height), width, height, paint);
  box.left = 0;
  box.top = 2;
  box.height = Math.max(3, height - 3);
  box.width = width;
  box.setLabel(` ${safe(o.title())} `);
  // One cell short of the inner width: blessed wraps a line that fills the box exactly.
  box.setContent(paint(o.lines(Math.max(1, width - 3), Math.max(1, (box.height as number) - 2)).join('\n')));
}

/** A key to an open overlay: Esc and q close any of them (and stop what it streams); the rest are its own. */
export function overlayKey(o: Overlay, name: string, page: number): OverlayResult {
  if (name === 'escape' || name === 'q') {
    o.close();
    return { keep: false };
  }
  return o.key(name, page);
}

/** A key in the prompt line. Returns whether the prompt stays open (the caller submits on Enter). */
export function promptKey(p: Prompt, ch: string | undefined, name: string): 'open' | 'cancel' | 'submit' {
  if (name === 'escape') return 'cancel';
  if (name === 'enter') return 'submit';
  if (name === 'backspace') p.text = p.text.slice(0, -1);
  else if (ch && ch.length === 1 && ch >= ' ' && ch !== '\u007f') p.text += ch;
  return 'open';
}
