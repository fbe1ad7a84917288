// What `kstate watch` prints of one store: a line per meaningful transition after `first` (the
// state it starts from), and the connection lost and restored. For one context or each of several.
import type { Store } from '../kube/store.js';
import { diff, summarize, summarizeSteps, type WatchState } from '../model/transitions.js';
import { inSlices } from '../monitor/slices.js';
import type { Meta, Snapshot } from '../model/types.js';

export type Print = (obj: Record<string, unknown>, text: string) => void;

/**
 * Follows the store from `first`; `update` runs on every change (and on the clock: missed runs).
 * A large scope is summarised in slices (a metrics scrape is served between them); changes that
 * arrive meanwhile are taken together in one more pass.
 */
export function followTransitions(store: Store, first: Snapshot, filter: ((r: Meta) => boolean) | undefined, print: Print): { update: () => void; stop: () => void } {
  let state: WatchState = summarize(first, Date.now(), filter);
  let connection = first.connection.state;
  let downSince = 0;
  let running = false;
  let again = false;
  let stopped = false;
  const update = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    void (async () => {
      do {
        again = false;
        await pass();
      } while (again);
      running = false;
    })();
  };
  const pass = async () => {
    const snap = store.snapshot();
    const now = Date.now();
    if (snap.connection.state !== connection) {
      if (snap.connection.state === 'reconnecting') {
        downSince = snap.connection.since;
        print({ at: now, kind: 'connection', event: 'lost', error: snap.connection.error }, `connection lost: ${snap.connection.error ?? ''} (reconnecting)`);
      } else if (snap.connection.state === 'connected' && connection === 'reconnecting') {
        print({ at: now, kind: 'connection', event: 'restored', gapMs: now - downSince }, `connection restored after a ${Math.round((now - downSince) / 1000)}s gap`);
      }
      connection = snap.connection.state;
    }
    // While reconnecting the store shows the last known truth; transitions wait for the server.
    if (connection !== 'connected') return;
    const next = await inSlices(summarizeSteps(snap, now, filter));
    if (stopped) return;
    for (const t of diff(state, next, now)) print({ ...t }, t.text);
    state = next;
  };
  store.on('change', update);
  return {
    update,
    stop: () => {
      stopped = true;
      store.off('change', update);
    },
  };
}
