// The dashboard's fleet: a live store per selected context, each from its own credentials (made at
// most FLEET_CONCURRENCY at a time), and its row of the fleet view from model/fleet.ts. A context
// whose credentials cannot be made reads unknown with the reason and is tried again with back-off
// (its store backs off on its own once connected); one that answers nothing within the context
// time-out reads unknown too, and holds up no other.
import { EventEmitter } from 'node:events';
import { Actions } from '../kube/actions.js';
import { Store } from '../kube/store.js';
import { fleetRow, unknownRow, type FleetRow } from '../model/fleet.js';
import { CHECK_KINDS } from '../model/health.js';
import type { Snapshot } from '../model/types.js';
import type { Fleet } from '../ui/fleet.js';
import type { Args } from './args.js';
import { connectContext, contextTimeoutMs, eachContext } from './fleet.js';

const RETRY_MS = [5_000, 15_000, 60_000, 300_000];
const KINDS = CHECK_KINDS.filter((k) => k !== 'pvs');

interface Entry {
  store: Store | null;
  /** Its own writer, from its own credentials. */
  actions: Actions | undefined;
  /** Why it has no store (its credentials failed), or null while connecting. */
  problem: string | null;
  failures: number;
  startedAt: number;
  memo: { snap: Snapshot; second: number; row: FleetRow } | null;
}

export class LiveFleet extends EventEmitter implements Fleet {
  private readonly entries = new Map<string, Entry>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly timeoutMs: number;
  private stopped = false;

  constructor(
    private readonly args: Args,
    readonly contexts: readonly string[],
    private readonly now: () => number = Date.now,
  ) {
    super();
    this.timeoutMs = contextTimeoutMs(args);
    for (const c of contexts) this.entries.set(c, { store: null, actions: undefined, problem: null, failures: 0, startedAt: now(), memo: null });
    this.connect(contexts);
    // A context that answers nothing reads unknown once its time is up: the view is drawn again then.
    const timeUp = setTimeout(() => this.emit('change'), this.timeoutMs + 100);
    timeUp.unref();
    this.timers.add(timeUp);
  }

  private connect(names: readonly string[]): void {
    void eachContext(names, (c, signal) => connectContext(this.args, c, signal), {
      timeoutMs: this.timeoutMs,
      onDone: (o) => {
        const e = this.entries.get(o.context)!;
        if (this.stopped) return;
        if (o.ok) {
          e.problem = null;
          e.startedAt = this.now();
          e.store = new Store(o.value.endpoint, { namespace: o.value.namespace, kinds: KINDS, first: ['statefulsets'] });
          e.actions = new Actions(o.value.endpoint, { readOnly: this.args.readOnly });
          e.store.on('change', () => this.emit('change'));
          e.store.start();
        } else {
          e.problem = o.reason;
          const retry = setTimeout(() => (this.timers.delete(retry), this.connect([o.context])), RETRY_MS[Math.min(e.failures++, RETRY_MS.length - 1)]);
          retry.unref();
          this.timers.add(retry);
        }
        this.emit('change');
      },
    });
  }

  snapshot(context: string): Snapshot | null {
    return this.entries.get(context)?.store?.snapshot() ?? null;
  }

  actions(context: string): Actions | undefined {
    return this.entries.get(context)?.actions;
  }

  rows(now: number): FleetRow[] {
    return this.contexts.map((c) => {
      const e = this.entries.get(c)!;
      if (!e.store) return unknownRow(c, e.problem ?? (now - e.startedAt > this.timeoutMs ? `no answer within ${this.timeoutMs / 1000}s` : null));
      const snap = e.store.snapshot();
      const second = Math.floor(now / 1000);
      if (e.memo?.snap !== snap || e.memo.second !== second) e.memo = { snap, second, row: this.row(c, snap, now, e) };
      return e.memo.row;
    });
  }

  private row(context: string, snap: Snapshot, now: number, e: Entry): FleetRow {
    const silent = snap.connection.state === 'connecting' && !snap.connection.error && now - e.startedAt > this.timeoutMs;
    return silent ? unknownRow(context, `no answer within ${this.timeoutMs / 1000}s`) : fleetRow(context, snap, now);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    await Promise.all([...this.entries.values()].map((e) => e.store?.stop()));
  }
}
