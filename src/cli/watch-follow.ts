// What `kstate watch` prints of one store: a line per meaningful transition after `first` (the
// state it starts from), and the connection lost and restored. For one context or each of several.
import type { Store } from '../kube/store.js';
import { diff, summarize, summarizeSteps, type WatchState } from '../model/transitions.js';
import { inSlices } from '../monitor/slices.js';
import type { Meta, Snapshot } from '../model/types.js';

export type Print = (obj: Record<string, unknown>, text: string) => void;

/** Passes at most this often: a line comes within a second of its change, and a busy scope is summarised once a second, not once per change. */
const PASS_GAP_MS = 1_000;

/**
 * Follows the store from `first`; `update` runs on every change (and on the clock: missed runs).
 * A large scope is summarised in slices (a metrics scrape is served between them); changes that
 * arrive meanwhile, or within PASS_GAP_MS of the last pass, are taken together in the next one.
 */
export function followTransitions(store: Store, first: Snapshot, filter: ((r: Meta) => boolean) | undefined, print: Print): { update: () => void; stop: () => void } {
  let state: WatchState = summarize(first, Date.now(), filter);
  let connection = first.connection.state;
  let downSince = 0;
  let running = false;
  let again = false;
  let stopped = false;
  let lastPass = 0;
  let timer: NodeJS.Timeout | null = null;
  const update = () => {
    if (stopped || timer) return;
    if (running) {
      again = true;
      return;
    }
    const wait = lastPass + PASS_GAP_MS - Date.now();
    if (wait > 0) {
      timer = setTimeout(() => {
        timer = null;
        update();
      }, wait);
      return;
    }
    running = true;
    again = false;
    lastPass = Date.now();
    void pass().finally(() => {
      running = false;
      if (again) update();
    });
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
      if (timer) clearTimeout(timer);
      store.off('change', update);
    },
  };
}
