// One frame of the dashboard: the header, the list, the detail pane (its pictures and text), the
// footer and the open dialog, built from the view state and a snapshot. It reads the state and
// never writes it; it remembers only what its boxes show, so an unchanged frame is not drawn again.
import blessed from 'blessed';
import { kindOf, kindOfView } from '../kinds/registry.js';
import { sectionsChangeAt } from '../kinds/sections.js';
import type { AnyView } from '../kinds/types.js';
import { relatedEvents } from '../model/events.js';
import type { Snapshot } from '../model/types.js';
import { countText, footerText, headerChangesAt, headerText } from './chrome.js';
import type { Controller } from './controller.js';
import { detailLines, paneOrder } from './detail.js';
import { listLines } from './list.js';
import { drawOverlay } from './overlays.js';
import { DRAWN, Pictures } from './pictures.js';
import type { ViewList } from './state.js';
import { lit, safe, type Safe } from './text.js';
import { listTop, type ViewState } from './view-state.js';
import { ScheduleTimeline } from './widgets/timeline.js';

// Our colour tags; cluster text cannot make one (its braces are escaped at the boundary).
const COLOR_TAGS = /\{\/?[a-z]+-(fg|bg)\}/g;
// On 8 colours blessed draws grey as black: muted text is drawn in the default colour there.
const GRAY_TAGS = /\{\/?gray-(fg|bg)\}/g;

/** What the header says of the session. */
export interface FrameInfo {
  context: string;
  namespace: string | null;
  readOnly: boolean;
  lastUpdate: number | null;
}

export class Frame {
  private readonly header: blessed.Widgets.BoxElement;
  readonly list: blessed.Widgets.BoxElement;
  readonly detail: blessed.Widgets.BoxElement;
  private readonly footer: blessed.Widgets.BoxElement;
  readonly overlayBox: blessed.Widgets.BoxElement;
  private readonly pictures: Pictures;
  private readonly timeline = new ScheduleTimeline();
  private readonly plain: boolean;
  private readonly fewColors: boolean;
  /** What each box shows, so an unchanged frame is not drawn again. */
  private readonly shown = new WeakMap<blessed.Widgets.BoxElement, { content?: string; label?: string }>();
  private layout = '';
  private overlayShown = false;
  /** How far the detail pane could scroll in the frame last built. */
  private detailMax = 0;

  constructor(
    private readonly screen: blessed.Widgets.Screen,
    plain: boolean | undefined,
  ) {
    this.header = blessed.box({ parent: screen, top: 0, left: 0, width: '100%', height: 2, tags: true });
    // Lines arrive fitted to the pane; blessed's own wrapping counts a combining mark as a cell and
    // would push a full row onto the next line.
    this.list = blessed.box({ parent: screen, top: 2, left: 0, width: '100%', height: 8, tags: true, wrap: false, border: { type: 'line' }, style: { border: { fg: 'cyan' } } });
    this.detail = blessed.box({ parent: screen, top: 10, left: 0, width: '100%', height: 10, tags: true, wrap: false, border: { type: 'line' }, style: { border: { fg: 'gray' } } });
    this.footer = blessed.box({ parent: screen, bottom: 0, left: 0, width: '100%', height: 1, tags: true });
    this.overlayBox = blessed.box({ parent: screen, top: 2, left: 0, width: '100%', height: 10, tags: true, border: { type: 'line' }, style: { border: { fg: 'yellow' } }, hidden: true });
    const colors = (screen.tput as unknown as { colors: number }).colors;
    this.plain = plain ?? (!!process.env.NO_COLOR || colors < 8);
    this.fewColors = colors < 16;
    this.pictures = new Pictures(screen);
  }

  clear(): void {
    this.pictures.clear();
  }

  /** Puts the frame into the widgets: whether it differs from the one they show, and when a clock-drawn text in it next changes. */
  build(c: Controller, snap: Snapshot, now: number, info: FrameInfo): { changed: boolean; until: number } {
    const st = c.state;
    const width = (this.screen.width as number) || 80;
    const height = (this.screen.height as number) || 24;
    const kind = kindOf(st.view);
    const views = c.list();
    const index = st.selectedIndex(views);
    const sel = views.at(index);
    let changed = false;

    changed = this.put(this.header, 'content', this.paint(headerText(snap, now, st.view, info))) || changed;
    const small = height < 14;
    const listHeight = small ? Math.max(3, height - 3) : Math.max(5, Math.min(views.length + 3, Math.floor((height - 3) * 0.4)));
    const layout = `${width}x${height} ${listHeight} ${st.focus} ${this.plain}`;
    if (layout !== this.layout) {
      this.layout = layout;
      changed = true;
      this.list.top = 2;
      this.list.height = listHeight;
      this.detail.top = 2 + listHeight;
      this.detail.height = Math.max(0, height - 3 - listHeight);
      small ? this.detail.hide() : this.detail.show();
      this.list.style.border.fg = this.border(st.focus === 'list');
      this.detail.style.border.fg = this.border(st.focus === 'detail');
      this.overlayBox.style.border.fg = this.plain ? 'default' : 'yellow';
    }

    // One cell short of the inner width: blessed wraps a line that fills the box exactly.
    const inner = Math.max(1, width - 3);
    const rowsVisible = Math.max(1, listHeight - 3);
    const top = listTop(st.listTop, index, rowsVisible, views.length);
    const marked = st.marks[st.view].size;
    changed = this.put(this.list, 'label', ` ${kind.title} (${countText(snap, st.view, views.length)})${st.filter ? ` /${safe(st.filter)}` : ''} · sort ${st.sortLabel()}${marked ? ` · ${marked} marked` : ''} `) || changed;
    const list = listLines(kind, views, top, rowsVisible, index, inner, now, { allNamespaces: info.namespace === null, wide: st.wide, marks: st.marks[st.view] });
    const lines = list.lines;
    changed = this.put(this.list, 'content', this.paint((views.length ? lines : [lines[0]!, this.emptyText(st, snap, info.namespace)]).join('\n'))) || changed;

    const showTimeline = !!kind.runs && st.picture !== null;
    // A hidden pane (a small terminal) is neither built nor drawn.
    if (small) this.pictures.clear();
    const [label, content, detailChangesAt] = small ? [' detail ', '', Infinity] : showTimeline ? this.timelinePane(st, views, st.picture!, now, inner) : this.detailPane(st, sel, snap, now, inner, info.namespace);
    changed = this.put(this.detail, 'label', label) || changed;
    changed = this.put(this.detail, 'content', this.paint(content)) || changed;
    changed = this.pictures.changed() || changed;

    changed = this.put(this.footer, 'content', this.paint(footerText(c, c.entries(sel)))) || changed;
    // A dialog or the log view is drawn every time it is open, and once more as it closes.
    const overlay = !!(c.overlay || c.promptLine?.dialog);
    drawOverlay(this.overlayBox, c.overlay, c.promptLine, width, height, (text) => this.paint(text));
    changed = overlay || this.overlayShown || changed;
    this.overlayShown = overlay;
    // An open dialog is drawn each second (a log view follows its streams).
    const until = Math.min(headerChangesAt(snap, now), views.changesAt(), list.changesAt, detailChangesAt, overlay ? now + 1000 : Infinity);
    return { changed, until };
  }

  /** Sets a box's content or label unless it shows that already; tells whether it changed. */
  private put(box: blessed.Widgets.BoxElement, what: 'content' | 'label', text: string): boolean {
    const shown = this.shown.get(box) ?? {};
    if (shown[what] === text) return false;
    shown[what] = text;
    this.shown.set(box, shown);
    if (what === 'content') box.setContent(text);
    else box.setLabel(text);
    return true;
  }

  /** The selection's sections: pictures fixed at the top of the pane, the text under them scrolling. */
  private detailPane(st: ViewState, sel: AnyView | undefined, snap: Snapshot, now: number, inner: number, namespace: string | null): [string, string, number] {
    const sections = sel ? paneOrder(kindOfView(sel).detail(sel, relatedEvents(snap, kindOfView(sel).parts(sel)), snap, now)) : [];
    const picture = this.pictures.draw(sections, this.plain ? null : { top: (this.detail.top as number) + 1, left: 1, width: inner });
    // Beside a chart narrower than the pane: a list section (a CronJob's next runs) in the room left.
    const beside = picture.rows && inner - picture.width >= 30 ? sections.find((s) => s.type === 'lines') : undefined;
    const besideLines = beside ? [...(picture.caption ? [picture.caption, lit('')] : []), ...detailLines([beside], inner - picture.width - 2)] : [];
    const reserved = Array.from({ length: picture.rows }, (_, i) => `${' '.repeat(picture.width + 2)}${besideLines[i] ?? ''}`);
    const drawn = new Set(picture.rows ? [...DRAWN, ...(beside ? [beside.type] : [])] : []);
    const rows = Math.max(1, (this.detail.height as number) - 2 - picture.rows);
    const lines = sel ? detailLines(sections, inner, { drawn, unfolded: st.unfolded, room: rows }) : [this.emptyText(st, snap, namespace)];
    const scroll = this.detailScroll(st, lines.length - rows);
    return [sel ? ` ${kindOfView(sel).short}/${safe(sel.name)} ` : ' detail ', [...reserved, ...lines.slice(scroll, scroll + rows)].join('\n'), sectionsChangeAt(sections)];
  }

  /** The CronJobs' next runs on one time axis, in place of the detail pane. */
  private timelinePane(st: ViewState, views: ViewList, span: number, now: number, inner: number): [string, string, number] {
    this.pictures.clear();
    const lines = this.timeline.lines(views, span, now, inner);
    const visible = Math.max(1, (this.detail.height as number) - 2);
    const scroll = this.detailScroll(st, lines.length - visible);
    // Its axis moves with the clock: the CronJobs' views are clock-drawn, so the list says next second.
    return [' schedule timeline ', lines.slice(scroll, scroll + visible).join('\n'), Infinity];
  }

  /** Where the detail pane starts, within what it has; the furthest it can go is kept for the next scroll key. */
  private detailScroll(st: ViewState, max: number): number {
    this.detailMax = Math.max(0, max);
    return Math.min(st.detailScroll, this.detailMax);
  }

  detailMaxScroll(): number {
    return this.detailMax;
  }

  /** The focused pane's border in cyan, the other grey; without colours, the terminal's own. */
  private border(focused: boolean): string {
    return this.plain ? 'default' : focused ? 'cyan' : this.fewColors ? 'white' : 'gray';
  }

  /** NO_COLOR: our colour tags go, the symbols and words stay. */
  paint(text: string): string {
    return this.plain ? text.replace(COLOR_TAGS, '') : this.fewColors ? text.replace(GRAY_TAGS, '') : text;
  }

  private emptyText(st: ViewState, snap: Snapshot, namespace: string | null): Safe {
    const { view, filter } = st;
    const status = snap.status[view];
    if (status.state === 'syncing') return lit('{yellow-fg}syncing…{/yellow-fg}');
    if (status.state === 'forbidden') return lit(`{red-fg}${safe(status.error ?? 'forbidden')}{/red-fg}`);
    if (status.state === 'error') return lit(`{red-fg}${safe(status.error ?? 'error')} — retrying{/red-fg}`);
    return lit(`{gray-fg}no ${kindOf(view).title} in ${safe(namespace ?? 'any namespace')}${filter ? ` matching "${safe(filter)}"` : ''}{/gray-fg}`);
  }
}
