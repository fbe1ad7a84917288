// Keeps slim records of the watched kinds in one scope and publishes immutable snapshots.
// Bursts of watch events are coalesced: listeners hear at most one 'change' per coalesce window.
// Only what the views need is watched: StatefulSet and Job pods (by their controllers' labels), and
// events about them and the other kinds shown; a change publishes the chunk it touched, not a copy of all.
import { EventEmitter } from 'node:events';
import type { Endpoint } from './endpoint.js';
import type { ConnectionStatus, EventRec, KindName, KindStatus, NodeRec, RecordsByKind, Snapshot } from '../model/types.js';
import { unseenOrdinalPods } from '../model/statefulset.js';
import { PodLookouts } from './lookouts.js';
import { WaitingEvents } from './waiting-events.js';
import { Reflector, type ReflectorOptions, type ReflectorSink } from './reflector.js';
import { sameNodeReadiness } from './slim.js';
import { ALL_KINDS, EVENT_FIELD_SELECTOR, WATCH_SELECTORS } from '../model/resources.js';
import { RecordMapWriter } from '../model/record-map.js';
import { indexesFor } from '../model/lookup.js';

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
  /**
   * Kinds listed after all the others are in (events: a busy cluster holds a hundred thousand, and
   * no list needs them).
   */
  last?: readonly KindName[];
}

/**
 * Kinds listed only while a StatefulSet is in scope (its ordinals' nodes): a cluster's nodes are not
 * fetched for Jobs alone. Without a StatefulSet they read as not listed.
 */
const FOR_STATEFULSETS: readonly KindName[] = ['nodes'];

/** The others start by then even if the first kinds are still listing. */
const FIRST_KINDS_HEAD_START_MS = 500;

type Writers = { [K in KindName]: RecordMapWriter<RecordsByKind[K]> };

function emptyWriters(): Writers {
  return Object.fromEntries(ALL_KINDS.map((k) => [k, new RecordMapWriter(indexesFor(k))])) as unknown as Writers;
}

export class Store extends EventEmitter {
  private readonly maps: Writers = emptyWriters();
  private readonly statuses = {} as { [K in KindName]: KindStatus };
  /** Per watch of a kind watched by several (WATCH_SELECTORS): what each reports, joined in `statuses`. */
  private readonly sourceStatuses = new Map<KindName, KindStatus[]>();
  /** Which of a kind's watches hold a record, as bits, for kinds watched by several. */
  private readonly holders = new Map<KindName, Map<string, number>>();
  private readonly connectionProblems = new Map<Reflector<KindName>, string>();
  private connection: ConnectionStatus;
  private readonly reflectors = new Map<Reflector<KindName>, KindName>();
  /** An event about a pod kstate does not hold waits for that pod instead of changing the snapshot. */
  private readonly waitingEvents = new WaitingEvents((e) => e.involved.kind === 'Pod' && !this.maps.pods.has(e.involved.uid) && !this.maps.events.has(e.uid) && this.kinds.includes('pods'));
  /** Pods a StatefulSet's range names that the labelled watch does not hold, looked for by name. */
  private readonly lookouts: PodLookouts;
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
    this.lookouts = new PodLookouts(endpoint, options, () => this.schedule());
    this.current = this.build();
  }

  start(): void {
    for (const kind of this.kinds) {
      const selectors = this.options.labelSelector ? [this.options.labelSelector] : (WATCH_SELECTORS[kind] ?? [undefined]);
      if (selectors.length > 1) {
        this.holders.set(kind, new Map());
        this.sourceStatuses.set(kind, selectors.map(() => ({ state: 'syncing', error: null, since: this.now() })));
      }
      selectors.forEach((labelSelector, source) => {
        const fieldSelector = kind === 'events' ? EVENT_FIELD_SELECTOR : undefined;
        const reflector: Reflector<KindName> = new Reflector(this.endpoint, kind, this.options.namespace, this.sink(source, () => reflector), { ...this.options, labelSelector, fieldSelector });
        this.reflectors.set(reflector, kind);
      });
    }
    const first = this.kinds.filter((k) => this.options.first?.includes(k));
    const last = this.kinds.filter((k) => this.options.last?.includes(k));
    const lazy = this.kinds.filter((k) => FOR_STATEFULSETS.includes(k));
    const startAll = (except: readonly KindName[]) => {
      for (const [r, k] of this.reflectors) if (!except.includes(k) && !lazy.includes(k)) r.start();
    };
    if (lazy.length) this.startWithStatefulSets(lazy);
    for (const [r, k] of this.reflectors) if (first.includes(k)) r.start();
    const settled = (kinds: readonly KindName[]) => kinds.every((k) => this.statuses[k].state !== 'syncing');
    const rest = () => {
      clearTimeout(timer);
      this.off('change', listed);
      startAll(last);
      if (!last.length) return;
      const others = this.kinds.filter((k) => !last.includes(k));
      const lastOnes = () => {
        if (!settled(others)) return;
        this.off('change', lastOnes);
        startAll([]);
      };
      this.on('change', lastOnes);
      lastOnes();
    };
    const listed = () => {
      if (settled(first)) rest();
    };
    const timer = (this.restTimer = setTimeout(rest, first.length ? FIRST_KINDS_HEAD_START_MS : 0));
    this.on('change', listed);
    listed();
  }

  /** Starts the kinds' watches once a StatefulSet is in scope; until then (none, or none visible) they are not listed. */
  private startWithStatefulSets(kinds: readonly KindName[]): void {
    const unwatched: KindStatus = { state: 'unwatched', error: null, since: null };
    const check = () => {
      const sts = this.statuses.statefulsets.state;
      if (sts === 'syncing') return;
      if (sts !== 'synced' || this.maps.statefulsets.size === 0) {
        for (const k of kinds) if (this.statuses[k].state === 'syncing') this.setStatus(k, unwatched);
        return;
      }
      this.off('change', check);
      for (const k of kinds) this.setStatus(k, { state: 'syncing', error: null, since: this.now() });
      for (const [r, k] of this.reflectors) if (kinds.includes(k)) r.start();
    };
    this.on('change', check);
    check();
  }

  private sink(source: number, reflector: () => Reflector<KindName>): ReflectorSink<KindName> {
    const bit = 1 << source;
    return {
      replace: (kind, records) => {
        const holders = this.holders.get(kind);
        if (kind === 'events') records = this.waitingEvents.sortList(records as Map<string, EventRec>);
        if (!holders) this.maps[kind].replace(records as never);
        else {
          for (const [uid, bits] of holders) {
            if (!(bits & bit) || records.has(uid)) continue;
            if (bits === bit) this.forget(kind, uid);
            else holders.set(uid, bits & ~bit);
          }
          for (const [uid, rec] of records) this.hold(kind, uid, rec, bit);
        }
        if (kind === 'pods') this.admitWaitingEvents(() => true);
        this.touch(kind);
      },
      upsert: (kind, rec) => {
        if (kind === 'events' && this.waitingEvents.hold(rec as EventRec)) return;
        if (kind === 'nodes' && sameNodeReadiness(this.maps.nodes.get(rec.uid), rec as NodeRec)) return;
        this.hold(kind, rec.uid, rec, bit);
        if (kind === 'pods') this.admitWaitingEvents((e) => e.involved.uid === rec.uid);
        this.touch(kind);
      },
      remove: (kind, uid) => {
        if (kind === 'events' && this.waitingEvents.delete(uid)) return;
        const holders = this.holders.get(kind);
        const bits = holders?.get(uid) ?? bit;
        if (bits !== bit) holders!.set(uid, bits & ~bit);
        else if (this.forget(kind, uid)) this.touch(kind);
      },
      status: (kind, status, problem) => {
        const r = reflector();
        if (problem) this.connectionProblems.set(r, problem);
        else if (this.connectionProblems.delete(r) && status.state === 'synced') {
          // The server answers again: watches waiting out a backoff try now instead of later.
          for (const waiting of this.connectionProblems.keys()) waiting.wake();
        }
        const sources = this.sourceStatuses.get(kind);
        if (sources) sources[source] = status;
        this.setStatus(kind, sources ? joinStatuses(sources) : status);
      },
    };
  }

  private hold(kind: KindName, uid: string, rec: RecordsByKind[KindName], bit: number): void {
    const holders = this.holders.get(kind);
    if (holders) holders.set(uid, (holders.get(uid) ?? 0) | bit);
    this.maps[kind].set(uid, rec as never);
  }

  private forget(kind: KindName, uid: string): boolean {
    this.holders.get(kind)?.delete(uid);
    return this.maps[kind].delete(uid);
  }

  /** Events that waited for a pod now held go in. */
  private admitWaitingEvents(about: (e: EventRec) => boolean): void {
    const admitted = this.waitingEvents.release(about, (uid) => this.maps.pods.has(uid));
    for (const e of admitted) this.maps.events.set(e.uid, e);
    if (admitted.length) this.touch('events');
  }

  async stop(): Promise<void> {
    clearTimeout(this.restTimer);
    const lookouts = this.lookouts.stop();
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    await Promise.all([...this.reflectors.keys()].map((r) => r.stop()).concat(lookouts));
  }

  snapshot(): Snapshot {
    const podsOrSets = this.dirtyKinds.has('pods') || this.dirtyKinds.has('statefulsets') || this.statusDirty;
    if (this.dirtyKinds.size > 0 || this.statusDirty || this.lookouts.dirty) this.current = this.build();
    if (podsOrSets) this.lookOut(this.current);
    return this.current;
  }

  /** Looks by name for the pods the StatefulSets' ranges name that the labelled watch does not hold. */
  private lookOut(snap: Snapshot): void {
    if (!this.holders.has('pods') || snap.status.pods.state !== 'synced' || snap.status.statefulsets.state !== 'synced') return;
    this.lookouts.lookFor(new Set(unseenOrdinalPods(snap)));
  }

  /** Resolves once every kind has listed (or is known to be forbidden or failing), and the pods looked for by name are found or not. */
  whenSettled(): Promise<Snapshot> {
    const settled = () => {
      if (!this.kinds.every((k) => this.statuses[k].state !== 'syncing')) return false;
      this.snapshot();
      return this.lookouts.settled();
    };
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

  private setStatus(kind: KindName, status: KindStatus): void {
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
      (kinds as Record<KindName, unknown>)[k] = this.maps[k].publish();
    }
    this.dirtyKinds.clear();
    this.statusDirty = false;
    const looked = this.holders.has('pods') ? this.lookouts.answers() : undefined;
    this.lookouts.dirty = false;
    return {
      version: ++this.version,
      namespace: this.options.namespace,
      kinds,
      status: { ...this.statuses },
      connection: this.connection,
      ...(looked ? { unlabelledPods: looked } : {}),
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

/** A kind watched several ways reads as its least settled watch: forbidden, failing, listing, then synced. */
export function joinStatuses(statuses: readonly KindStatus[]): KindStatus {
  for (const state of ['forbidden', 'error', 'syncing'] as const) {
    const s = statuses.find((x) => x.state === state);
    if (s) return s;
  }
  return statuses.reduce((a, b) => ((b.since ?? 0) > (a.since ?? 0) ? b : a));
}
