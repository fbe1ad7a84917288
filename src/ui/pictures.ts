// The detail pane's pictures drawn with blessed-contrib: a Job's progress and retry budget as
// gauges, a CronJob's kept runs as a bar chart (height = duration, colour = outcome). They sit at
// the top of the pane; the text below is the same sections' text. Canvas widgets size their
// drawing surface once, so they are made anew whenever their place or size changes.
import type blessed from 'blessed';
import contrib from 'blessed-contrib';
import type { Tone } from '../kinds/cells.js';
import type { Meter, RunBar, Section } from '../kinds/sections.js';
import { lit, safe, toned, type Safe } from './text.js';

export interface Rect {
  top: number;
  left: number;
  width: number;
}

const COLOR: Record<Tone, string> = { ok: 'green', warn: 'yellow', bad: 'red', muted: 'gray', accent: 'cyan' };
const RUN_TONES: readonly Tone[] = ['ok', 'bad', 'warn', 'muted'];
const GAUGE_HEIGHT = 4;
const CHART_HEIGHT = 9;

const CHART_CAPTION = lit(
  `{bold}${safe('Kept runs')}{/bold} ${safe('(height: duration, oldest left)')} ${toned(lit('■'), 'ok')} ok ${toned(lit('■'), 'bad')} failed ${toned(lit('■'), 'warn')} running`,
);

/** Which sections a picture replaces in the pane's text. */
export const DRAWN = new Set<Section['type']>(['meters', 'runs']);

type Canvas = blessed.Widgets.BoxElement & { ctx: { fillText(text: string, x: number, y: number): void; fillStyle: string; strokeStyle: string } };

/** blessed-contrib reads any share below 1.001 as a fraction of one: give it what it will draw. */
const gaugePercent = (share: number) => {
  const p = Math.round(share * 100);
  return p > 0 && p < 1.001 ? p / 100 : p;
};

export class Pictures {
  private widgets: blessed.Widgets.BlessedElement[] = [];
  private key = '';
  /** What the widgets show now: they are drawn again only when it changes. */
  private drawn = '';
  /** Widgets made, removed or drawn anew since the screen was last drawn. */
  private dirty = false;

  constructor(private readonly screen: blessed.Widgets.Screen) {}

  /** Draws the pictures among `sections` at `rect` (null: none); returns the rows and columns they take. */
  draw(sections: readonly Section[], rect: Rect | null): { rows: number; width: number; caption?: Safe } {
    const meters = sections.find((s): s is Section & { type: 'meters' } => s.type === 'meters');
    const runs = sections.find((s): s is Section & { type: 'runs' } => s.type === 'runs');
    const shape = !rect ? '' : meters ? `gauges:${meters.meters.length}` : runs && runs.runs.length ? `runs:${runs.runs.length}` : '';
    const key = shape && rect ? `${shape}|${rect.top}|${rect.left}|${rect.width}` : '';
    if (key !== this.key) {
      this.clear();
      this.key = key;
      if (key && rect) this.widgets = meters ? this.makeGauges(meters.meters.length, rect) : [this.makeChart(runs!.runs.length, rect)];
    }
    if (!key) return { rows: 0, width: 0 };
    // Keyed by what is drawn, not by the durations behind it (a running one grows every millisecond).
    const chart = runs ? chartData(runs.runs) : null;
    const data = JSON.stringify(meters ?? chart);
    const fresh = data !== this.drawn;
    this.drawn = data;
    if (fresh) this.dirty = true;
    if (meters) {
      if (fresh) meters.meters.forEach((m, i) => this.fillGauge(this.widgets[i] as Canvas, m));
      return { rows: GAUGE_HEIGHT, width: rect!.width };
    }
    if (fresh) (this.widgets[0] as unknown as { setData(d: unknown): void }).setData(chart);
    return { rows: CHART_HEIGHT, width: this.widgets[0]!.width as number, caption: CHART_CAPTION };
  }

  /** Whether the pictures look different since the last call (the screen must be drawn again). */
  changed(): boolean {
    const dirty = this.dirty;
    this.dirty = false;
    return dirty;
  }

  clear(): void {
    if (this.widgets.length) this.dirty = true;
    for (const w of this.widgets) w.detach();
    this.widgets = [];
    this.key = '';
    this.drawn = '';
  }

  /**
   * A contrib canvas turns its whole drawing into text on every screen render; ours keep the text
   * of their last drawing until it changes (the once-a-second redraw then costs nothing here).
   */
  private attach<W extends blessed.Widgets.BlessedElement>(widget: W): W {
    const canvas = widget as unknown as { render(): unknown; _render(): unknown; ctx?: unknown };
    const renderDrawing = canvas.render.bind(widget);
    let shown = '';
    canvas.render = () => {
      if (shown === this.drawn) return canvas._render();
      shown = this.drawn;
      return renderDrawing();
    };
    this.screen.append(widget);
    return widget;
  }

  private makeGauges(count: number, rect: Rect): blessed.Widgets.BlessedElement[] {
    const width = Math.floor(rect.width / count);
    return Array.from({ length: count }, (_, i) => {
      return this.attach(contrib.gauge({ top: rect.top, left: rect.left + i * width, width: width - 1, height: GAUGE_HEIGHT, showLabel: false, stack: [] } as never) as unknown as blessed.Widgets.BlessedElement);
    });
  }

  private fillGauge(g: Canvas, m: Meter): void {
    const stack = m.parts.filter((p) => p.value > 0).map((p) => ({ percent: gaugePercent(p.value / m.total), stroke: COLOR[p.tone] }));
    (g as unknown as { setStack(s: unknown[]): void }).setStack(stack);
    g.ctx.fillStyle = 'white';
    g.ctx.strokeStyle = 'normal';
    g.ctx.fillText(`${m.label}: ${m.text}`.slice(0, Math.max(0, (g.width as number) - 3)), 1, 0);
  }

  private makeChart(bars: number, rect: Rect): blessed.Widgets.BlessedElement {
    const width = Math.min(rect.width, 6 + bars * 8);
    // No numbers in the bars: a short run is drawn one row high so it stays visible; its label says how long.
    const chart = contrib.stackedBar({ top: rect.top, left: rect.left, width, height: CHART_HEIGHT, barWidth: 5, barSpacing: 8, xOffset: 1, showLegend: false, showText: false, barBgColor: RUN_TONES.map((t) => COLOR[t]) } as never) as unknown as blessed.Widgets.BlessedElement;
    return this.attach(chart);
  }
}

/** The chart of kept runs: oldest on the left, as time runs; one stacked part per outcome so each bar takes its colour. */
function chartData(runs: readonly RunBar[]): unknown {
  const ordered = [...runs].reverse();
  const longest = Math.max(1, ...ordered.map((r) => r.durationMs ?? 0));
  // A short run is drawn one row high so it stays visible; heights in hundredths of the longest.
  const floor = Math.ceil(100 / (CHART_HEIGHT - 3));
  const data = ordered.map((r) => RUN_TONES.map((t) => (t === r.tone ? Math.max(floor, Math.round((100 * (r.durationMs ?? 0)) / longest)) : 0)));
  return { barCategory: ordered.map((r) => r.duration), stackedCategory: RUN_TONES.map(String), data };
}
