// The dashboard's frame: the header (context, namespace, connection, what is syncing or forbidden,
// the view tabs) and the footer (prompt, status, or the hints of the bindings table).
import { KINDS } from '../kinds/registry.js';
import type { ViewName } from '../kinds/types.js';
import type { KindName, Snapshot } from '../model/types.js';
import { unknownReason } from '../model/visibility.js';
import type { Controller, Entry } from './controller.js';
import { safe } from './text.js';

export interface HeaderInfo {
  context: string;
  namespace: string | null;
  readOnly: boolean;
  lastUpdate: number | null;
}

/** The header counts the seconds of a reconnection: it changes each second then. */
export const headerChangesAt = (snap: Snapshot, now: number): number => (snap.connection.state === 'reconnecting' ? now + 1000 : Infinity);

export function headerText(snap: Snapshot, now: number, view: ViewName, info: HeaderInfo): string {
  const c = snap.connection;
  const since = Math.max(0, Math.round((now - c.since) / 1000));
  const conn =
    c.state === 'connected'
      ? '{green-fg}● connected{/green-fg}'
      : c.state === 'reconnecting'
        ? `{red-fg}✗ reconnecting since ${since}s{/red-fg}${c.error ? ` {gray-fg}${safe(c.error)}{/gray-fg}` : ''}`
        : `{yellow-fg}◐ connecting…{/yellow-fg}${c.error ? ` {red-fg}${safe(c.error)}{/red-fg}` : ''}`;
  const kinds = Object.keys(snap.status) as KindName[];
  const forbidden = kinds.filter((k) => snap.status[k].state === 'forbidden');
  const syncing = kinds.filter((k) => snap.status[k].state === 'syncing');
  const failing = kinds.filter((k) => snap.status[k].state === 'error');
  const line1 = [
    '{bold}kstate{/bold}',
    `{gray-fg}ctx{/gray-fg} ${safe(info.context)}`,
    `{gray-fg}ns{/gray-fg} ${safe(info.namespace ?? 'all namespaces')}`,
    conn,
    syncing.length ? `{yellow-fg}syncing ${syncing.join(',')}…{/yellow-fg}` : '',
    forbidden.length ? `{red-fg}forbidden: ${forbidden.join(',')}{/red-fg}` : '',
    failing.length ? `{red-fg}cannot list: ${failing.join(',')}{/red-fg}` : '',
    info.readOnly ? '{black-fg}{yellow-bg} READ-ONLY {/yellow-bg}{/black-fg}' : '',
    info.lastUpdate ? `{gray-fg}updated ${new Date(info.lastUpdate).toISOString().slice(11, 19)}{/gray-fg}` : '',
  ]
    .filter(Boolean)
    .join('  ');
  const tabs = KINDS.map((k, i) => {
    const text = `${i + 1} ${k.title} (${countText(snap, k.view)})`;
    return k.view === view ? `{inverse} ${text} {/inverse}` : ` ${text} `;
  }).join(' ');
  return `${line1}\n${tabs}`;
}

/** How many objects of a kind there are: "?" while that is not known. */
export function countText(snap: Snapshot, view: ViewName, shown = snap.kinds[view].size): string {
  return unknownReason(snap, view) ? '?' : String(shown);
}

export function footerText(c: Controller, entries: readonly Entry[]): string {
  if (c.promptLine && !c.promptLine.dialog) return `{bold}${safe(c.promptLine.label)}{/bold}${safe(c.promptLine.text)}{inverse} {/inverse}`;
  if (c.status) return c.status.error ? `{red-fg}${safe(c.status.text)}{/red-fg}` : safe(c.status.text);
  const hints = entries
    .filter((e) => e.hint)
    .map((e) => {
      const key = e.keys[0] === 'enter' ? '⏎' : e.keys[0]!;
      return e.disabled() ? `{gray-fg}${safe(key)} ${safe(e.label)}{/gray-fg}` : `{cyan-fg}${safe(key)}{/cyan-fg} ${safe(e.label)}`;
    });
  return ['{cyan-fg}1-3{/cyan-fg} views', '{cyan-fg}j/k{/cyan-fg} move', ...hints].join('  ');
}
