// Keeps slim records of every watched kind in one scope and publishes immutable snapshots.
// Bursts of watch events are coalesced: listeners hear at most one 'change' per coalesce window.
import { EventEmitter } from 'node:events';
import type { Endpoint } from './endpoint.js';
import type { ConnectionStatus, KindName, KindStatus, RecordsByKind, Snapshot } from '../model/types.js';
import { Reflector, type ReflectorOptions } from './reflector.js';
import { ALL_KINDS } from '../model/resources.js';

export interface StoreOptions extends ReflectorOptions {
  namespace: string | null;
  kinds?: readonly KindName[];
  coalesceMs?: number;
  /** Events kept at most (newest first); older ones are dropped. */
  maxEvents?: number;
  /**
   * Kinds listed before the others (what the first frame shows): the API server answers them
   * sooner without thousands of pods to send at the same time. The rest follow once these are in.
   */
  first?: readonly KindName[];
}

/** The others start by then even if the first kinds are still listing. */
const FIRST_KINDS_HEAD_START_MS = 500;

type Maps = { [K in KindName]: Map<string, RecordsByKind[K]> };

function emptyMaps(): Maps {
  return Object.fromEntries(ALL_KINDS.map((k) => [k, new Map()])) as unknown as Maps;
}

export class Store extends EventEmitter {
  private readonly maps: Maps = emptyMaps();
  private readonly statuses = {} as { [K in KindName]: KindStatus };
  private readonly connectionProblems = new Map<KindName, string>();
  private connection: ConnectionStatus;
  private readonly reflectors = new Map<KindName, Reflector<KindName>>();
  private readonly dirtyKinds = new Set<KindName>();
  private statusDirty = false;
  private current: Snapshot;
  private version = 0;
  private flushTimer: NodeJS.Timeout | null = null;
  private restTimer: NodeJS.Timeout | undefined;
  private readonly now: () => number;
  readonly kinds: readonly KindName[];

  constructor(
    private readonly endpoint: Endpoint,
    private readonly options: StoreOptions,
  ) {
    super();
    this.now = options.now ?? Date.now;
    this.kinds = options.kinds ?? ALL_KINDS;
    for (const k of ALL_KINDS) {
      this.statuses[k] = this.kinds.includes(k)
        ? { state: 'syncing', error: null, since: this.now() }
        : { state: 'unwatched', error: null, since: null };
    }
    this.connection = { state: 'connecting', since: this.now(), error: null };
    this.current = this.build();
  }

  start(): void {
    const sink = {
      replace: (kind: KindName, records: Map<string, any>) => {
        this.maps[kind] = records;
        this.touch(kind);
      },
      upsert: (kind: KindName, rec: { uid: string }) => {
        this.maps[kind].set(rec.uid, rec as never);
        this.touch(kind);
      },
      remove: (kind: KindName, uid: string) => {
        if (this.maps[kind].delete(uid)) this.touch(kind);
      },
      status: (kind: KindName, status: KindStatus, problem: string | null) => this.setStatus(kind, status, problem),
    };
    for (const kind of this.kinds) this.reflectors.set(kind, new Reflector(this.endpoint, kind, this.options.namespace, sink, this.options));
    const first = this.kinds.filter((k) => this.options.first?.includes(k));
    for (const k of first) this.reflectors.get(k)!.start();
    const rest = () => {
      clearTimeout(timer);
      this.off('change', listed);
      for (const r of this.reflectors.values()) r.start();
    };
    const listed = () => {
      if (first.every((k) => this.statuses[k].state !== 'syncing')) rest();
    };
    const timer = (this.restTimer = setTimeout(rest, first.length ? FIRST_KINDS_HEAD_START_MS : 0));
    this.on('change', listed);
    listed();
  }

  async stop(): Promise<void> {
    clearTimeout(this.restTimer);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    await Promise.all([...this.reflectors.values()].map((r) => r.stop()));
  }

  snapshot(): Snapshot {
    if (this.dirtyKinds.size > 0 || this.statusDirty) this.current = this.build();
    return this.current;
  }

  /** Resolves once every kind has listed (or is known to be forbidden or failing). */
  whenSettled(): Promise<Snapshot> {
    const settled = () => this.kinds.every((k) => this.statuses[k].state !== 'syncing');
    if (settled()) return Promise.resolve(this.snapshot());
    return new Promise((resolve) => {
      const check = () => {
        if (!settled()) return;
        this.off('change', check);
        resolve(this.snapshot());
      };
      this.on('change', check);
    });
  }

  private setStatus(kind: KindName, status: KindStatus, problem: string | null): void {
    if (problem) this.connectionProblems.set(kind, problem);
    else if (this.connectionProblems.delete(kind) && status.state === 'synced') {
      // The server answers again: kinds waiting out a backoff try now instead of later.
      for (const waiting of this.connectionProblems.keys()) this.reflectors.get(waiting)?.wake();
    }
    const prev = this.statuses[kind];
    // A kind that has synced keeps its data while it reconnects: it stays synced, with the error noted.
    const next: KindStatus = status.state === 'error' && prev.state === 'synced' ? { ...prev, error: status.error } : status;
    if (prev.state !== next.state || prev.error !== next.error) {
      this.statuses[kind] = next;
      this.statusDirty = true;
      this.schedule();
    }
    this.updateConnection();
  }

  private updateConnection(): void {
    const prev = this.connection;
    const failing = this.connectionProblems.values().next();
    let next = prev;
    if (!failing.done) {
      const error = failing.value;
      if (prev.state === 'connected') next = { state: 'reconnecting', since: this.now(), error };
      else if (prev.error !== error) next = { ...prev, error };
    } else if (prev.state !== 'connected' && this.kinds.some((k) => this.statuses[k].state === 'synced' || this.statuses[k].state === 'forbidden')) {
      next = { state: 'connected', since: this.now(), error: null };
    }
    if (next !== prev) {
      this.connection = next;
      this.statusDirty = true;
      this.schedule();
    }
  }

  private touch(kind: KindName): void {
    this.dirtyKinds.add(kind);
    this.schedule();
  }

  private schedule(): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      this.emit('change');
    }, this.options.coalesceMs ?? 50);
  }

  private build(): Snapshot {
    const prev = this.current as Snapshot | undefined;
    const kinds = {} as { [K in KindName]: ReadonlyMap<string, RecordsByKind[K]> };
    for (const k of ALL_KINDS) {
      if (prev && !this.dirtyKinds.has(k)) {
        (kinds as Record<KindName, unknown>)[k] = prev.kinds[k];
        continue;
      }
      if (k === 'events') this.trimEvents();
      (kinds as Record<KindName, unknown>)[k] = new Map(this.maps[k] as Map<string, unknown>);
    }
    this.dirtyKinds.clear();
    this.statusDirty = false;
    return {
      version: ++this.version,
      namespace: this.options.namespace,
      kinds,
      status: { ...this.statuses },
      connection: this.connection,
    };
  }

  private trimEvents(): void {
    const max = this.options.maxEvents ?? 5000;
    const events = this.maps.events;
    if (events.size <= max) return;
    const sorted = [...events.values()].sort((a, b) => (b.last ?? 0) - (a.last ?? 0));
    for (const e of sorted.slice(max)) events.delete(e.uid);
  }
}
