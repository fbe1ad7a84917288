// The log view's state and keys: a bounded buffer of lines from one or more streams (a merged
// StatefulSet stream has one per ordinal), pause, timestamps, wrapping, search, a filter to one
// label (ordinal), and what is drawn. Cluster text is escaped here, once, for the visible rows.
import type { LogLine, LogStreams, LogTarget } from '../model/logs.js';
import { logLineText, logPrefix } from '../present/logs.js';
import { stripControls } from '../present/text.js';
import type { Snapshot } from '../model/types.js';
import type { Overlay, OverlayResult } from './overlays.js';
import { Ring } from './ring.js';
import { charWidth, fit, lit, safe, type Safe } from './text.js';

/** Lines and bytes the view keeps; the oldest go first. */
export const LOG_LINES = 10_000;
export const LOG_BYTES = 8 * 1024 * 1024;

export interface LogViewOptions {
  title: string;
  /** The labels of the merged streams (ordinals), in order; empty when there is one stream. */
  labels: readonly string[];
  /** Starts (again) the streams, with or without `previous`. */
  open(view: LogView, previous: boolean): { targets: readonly LogTarget[]; streams: LogStreams };
  save(path: string, text: string): Promise<void>;
  /** Something changed outside a key press (a save finished). */
  changed(): void;
  capacity?: number;
  maxBytes?: number;
}

type Entry = LogLine;

export class LogView implements Overlay {
  readonly place = 'screen';
  readonly ring: Ring<Entry>;
  paused = false;
  timestamps = false;
  wrap = false;
  previous = false;
  /** Show only the lines of this label (ordinal). */
  label: string | null = null;
  search = '';
  /** The sequence number of the top line, or null: stick to the end. */
  top: number | null = null;
  /** While paused, the last line shown. */
  private pausedAt: number | null = null;
  ended = false;
  note = '';
  private running: { targets: readonly LogTarget[]; streams: LogStreams } | null = null;
  private readonly gone = new Set<string>();

  constructor(readonly o: LogViewOptions) {
    this.ring = new Ring<Entry>(o.capacity ?? LOG_LINES, o.maxBytes ?? LOG_BYTES, (e) => e.text.length * 2 + 64);
  }

  start(): this {
    this.ended = false;
    this.running = this.o.open(this, this.previous);
    return this;
  }

  stop(): void {
    this.running?.streams.stop();
    this.running = null;
  }

  close(): void {
    this.stop();
  }

  lines(width: number, rows: number): Safe[] {
    return this.render(width, rows);
  }

  /** Once the pods are known again: the streams of pods that no longer exist are closed. */
  sourceChanged(snap: Snapshot): void {
    if (snap.status.pods.state === 'synced') this.podsGone((uid) => snap.kinds.pods.has(uid));
  }

  /** Closes the streams of pods that no longer exist. */
  podsGone(exists: (uid: string) => boolean): void {
    for (const t of this.running?.targets ?? []) {
      if (exists(t.podUid) || this.gone.has(t.podUid)) continue;
      this.gone.add(t.podUid);
      this.running!.streams.stopPod(t.podUid, `pod ${t.pod} is gone`);
    }
  }

  push(line: LogLine): void {
    this.ring.push(line);
  }

  end(): void {
    this.ended = true;
  }

  // ——— what is shown ———

  /** The lines shown (filter and pause applied), oldest first. */
  shown(): [number, Entry][] {
    const out: [number, Entry][] = [];
    for (const e of this.ring.entries()) {
      if (this.pausedAt !== null && e[0] > this.pausedAt) break;
      if (this.label === null || e[1].label === this.label || e[1].label === null) out.push(e);
    }
    return out;
  }

  title(): string {
    const state = this.paused ? `paused (+${Math.max(0, this.ring.nextSeq - 1 - (this.pausedAt ?? 0))} new)` : this.ended ? 'ended' : this.top !== null ? 'scrolled' : 'following';
    const flags = [this.previous ? 'previous' : '', this.label !== null ? `ordinal ${this.label}` : '', this.timestamps ? 'timestamps' : '', this.wrap ? 'wrap' : '', this.search ? `/${this.search}` : ''];
    return [`logs ${this.o.title}`, state, ...flags, this.note].filter(Boolean).join(' · ');
  }

  /** The rows to draw in a box `width` cells wide and `rows` high (the last row: the keys). */
  render(width: number, rows: number): Safe[] {
    const body = Math.max(1, rows - 1);
    const shown = this.shown();
    const out: Safe[] = [];
    if (this.top === null) {
      for (let i = shown.length - 1; i >= 0 && out.length < body; i--) out.unshift(...this.rowsOf(shown[i]![1], width));
      out.splice(0, Math.max(0, out.length - body));
    } else {
      let i = this.indexOf(shown, this.top);
      for (; i < shown.length && out.length < body; i++) out.push(...this.rowsOf(shown[i]![1], width));
      out.splice(body);
    }
    if (shown.length === 0) out.push(lit(this.ended ? '{gray-fg}(no lines){/gray-fg}' : '{gray-fg}waiting for lines…{/gray-fg}'));
    while (out.length < body) out.push(lit(''));
    const ordinals = this.o.labels.length > 1 ? '  o/0-9 ordinal' : '';
    out.push(lit(`{gray-fg}space pause  t time  w wrap  / search  n/N next  p previous${ordinals}  s save  Esc close{/gray-fg}`));
    return out;
  }

  private rowsOf(e: Entry, width: number): Safe[] {
    const text = logLineText(e, this.timestamps);
    if (!this.wrap) return [this.styled(fit(text, width).trimEnd(), e, logPrefix(e, this.timestamps).length)];
    const plain = stripControls(text);
    const rows: Safe[] = [];
    let row = '';
    let w = 0;
    for (const ch of plain) {
      const cw = charWidth(ch);
      if (w + cw > width && row) {
        rows.push(this.styled(row, e, rows.length ? 0 : logPrefix(e, this.timestamps).length));
        row = '';
        w = 0;
      }
      row += ch;
      w += cw;
    }
    rows.push(this.styled(row, e, rows.length ? 0 : logPrefix(e, this.timestamps).length));
    return rows;
  }

  /** One row of plain text, escaped once, with its prefix greyed and the search matches marked. */
  private styled(row: string, e: Entry, prefixLength: number): Safe {
    const prefix = row.slice(0, prefixLength);
    const rest = row.slice(prefixLength);
    const text = e.error ? `{red-fg}${safe(rest)}{/red-fg}` : this.marked(rest);
    return lit(`${prefix ? `{cyan-fg}${safe(prefix)}{/cyan-fg}` : ''}${text}`);
  }

  private marked(text: string): string {
    if (!this.search) return safe(text);
    const lower = text.toLowerCase();
    const term = this.search.toLowerCase();
    let out = '';
    let from = 0;
    for (let i = lower.indexOf(term); i >= 0; i = lower.indexOf(term, from)) {
      out += `${safe(text.slice(from, i))}{inverse}${safe(text.slice(i, i + term.length))}{/inverse}`;
      from = i + term.length;
    }
    return out + safe(text.slice(from));
  }

  private indexOf(shown: [number, Entry][], seq: number): number {
    const i = shown.findIndex(([s]) => s >= seq);
    return i < 0 ? Math.max(0, shown.length - 1) : i;
  }

  // ——— keys ———

  key(name: string, page: number): OverlayResult {
    switch (name) {
      case 'space':
        this.setPaused(!this.paused);
        break;
      case 't':
        this.timestamps = !this.timestamps;
        break;
      case 'w':
        this.wrap = !this.wrap;
        break;
      case '/':
        return { keep: true, prompt: { label: 'search: ', dialog: false, text: this.search, onSubmit: (t) => this.find(t.trim()) } };
      case 'n':
        this.next(1);
        break;
      case 'S-n':
        this.next(-1);
        break;
      case 'o':
        this.cycleLabel();
        break;
      case 'p':
        this.reopen(!this.previous);
        break;
      case 's':
        return { keep: true, prompt: { label: 'save to: ', dialog: false, text: `kstate-${this.o.title.replace(/[^\w.-]+/g, '_')}.log`, onSubmit: (path) => void this.saveTo(path.trim()) } };
      default:
        if (/^[0-9]$/.test(name) && this.o.labels.includes(name)) this.label = this.label === name ? null : name;
        else this.scroll(name, page);
    }
    return { keep: true };
  }

  private setPaused(paused: boolean): void {
    this.paused = paused;
    this.pausedAt = paused ? this.ring.nextSeq - 1 : null;
    if (!paused) this.top = null;
  }

  private scroll(name: string, page: number): void {
    const d = name === 'j' || name === 'down' ? 1 : name === 'k' || name === 'up' ? -1 : name === 'pagedown' ? page : name === 'pageup' ? -page : name === 'g' ? -1e9 : name === 'S-g' ? 1e9 : 0;
    if (!d) return;
    const shown = this.shown();
    if (!shown.length) return;
    const current = this.top === null ? Math.max(0, shown.length - page) : this.indexOf(shown, this.top);
    const next = current + d;
    // Back at the end: follow again (unless paused).
    if (next >= shown.length - page) this.top = this.paused ? shown[Math.max(0, shown.length - page)]![0] : null;
    else this.top = shown[Math.max(0, next)]![0];
  }

  private cycleLabel(): void {
    const labels = this.o.labels;
    if (labels.length < 2) return;
    const i = this.label === null ? -1 : labels.indexOf(this.label);
    this.label = i + 1 < labels.length ? labels[i + 1]! : null;
  }

  private find(term: string): void {
    this.search = term;
    this.note = '';
    if (!term) return;
    const shown = this.shown();
    const lower = term.toLowerCase();
    let at = -1;
    if (this.top === null) {
      for (let i = shown.length - 1; i >= 0 && at < 0; i--) if (shown[i]![1].text.toLowerCase().includes(lower)) at = i;
    } else {
      at = shown.findIndex(([s, e]) => s >= this.top! && e.text.toLowerCase().includes(lower));
    }
    this.jump(shown, at);
  }

  private next(direction: 1 | -1): void {
    if (!this.search) return;
    const shown = this.shown();
    const lower = this.search.toLowerCase();
    const from = this.top === null ? (direction > 0 ? shown.length : shown.length - 1) : this.indexOf(shown, this.top);
    let at = -1;
    for (let i = from + direction; i >= 0 && i < shown.length; i += direction) {
      if (shown[i]![1].text.toLowerCase().includes(lower)) {
        at = i;
        break;
      }
    }
    this.jump(shown, at);
  }

  private jump(shown: [number, Entry][], at: number): void {
    if (at < 0) {
      this.note = `no more matches for "${this.search}"`;
      return;
    }
    this.note = `match ${shown.slice(0, at + 1).filter(([, e]) => e.text.toLowerCase().includes(this.search.toLowerCase())).length}`;
    this.top = shown[at]![0];
  }

  private reopen(previous: boolean): void {
    this.stop();
    this.ring.clear();
    this.previous = previous;
    this.top = null;
    this.setPaused(false);
    this.start();
  }

  /** What is shown — filter and timestamps applied, every line the buffer holds — as plain text. */
  text(): string {
    return this.shown()
      .map(([, e]) => `${stripControls(logLineText(e, this.timestamps))}\n`)
      .join('');
  }

  private async saveTo(path: string): Promise<void> {
    if (!path) return;
    try {
      await this.o.save(path, this.text());
      this.note = `saved ${this.shown().length} lines to ${path}`;
    } catch (err) {
      this.note = `save failed: ${err instanceof Error ? err.message : String(err)}`;
    }
    this.o.changed();
  }
}
