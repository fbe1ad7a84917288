// List + watch for one kind in one scope, forever: relists on 410 Gone, re-watches when the server
// ends a watch, and restarts with backoff after any other failure (the library informer stops for
// good on those). Reports what it sees to a sink; knows nothing of snapshots or views.
// The list is a watch that starts with the current state (sendInitialEvents, served from the API
// server's watch cache): objects arrive one at a time instead of as pages of megabytes held twice,
// text and then objects. A server that cannot do that is listed in pages, as before.
import type { Endpoint } from './endpoint.js';
import type { KindName, KindStatus, RecordsByKind } from '../model/types.js';
import { ApiError, ConnectionError, requestJson, UNAUTHORIZED, watchStream, type WatchEvent } from './http.js';
import { collectionPath, RESOURCES, scopePhrase, verbPhrase } from '../model/resources.js';
import { slimmers } from './slim.js';

export interface ReflectorSink<K extends KindName> {
  replace(kind: K, records: Map<string, RecordsByKind[K]>): void;
  upsert(kind: K, record: RecordsByKind[K]): void;
  remove(kind: K, uid: string): void;
  /** `connectionProblem`: why the server cannot be used at all (unreachable, credentials rejected), else null. */
  status(kind: K, status: KindStatus, connectionProblem: string | null): void;
}

export interface ReflectorOptions {
  labelSelector?: string;
  fieldSelector?: string;
  /** Server-side watch timeout; the watch is then resumed from the last resourceVersion. */
  watchTimeoutSeconds?: number;
  pageSize?: number;
  now?: () => number;
}

/** The bookmark that ends a watch's initial events. */
const INITIAL_EVENTS_END = 'k8s.io/initial-events-end';
/** A watch that sends objects but never says its initial state is complete is not one (an old server). */
const INITIAL_EVENTS_SILENCE_MS = 10_000;

interface RawList {
  metadata?: { resourceVersion?: string; continue?: string };
  items?: Record<string, any>[];
}

// Short enough that a dashboard is back within seconds of the server, cheap enough to keep trying:
// one connection attempt per kind every few seconds while it is away.
const MAX_BACKOFF_MS = 5_000;
/** After a 401 or 403 retrying sooner cannot help: only an RBAC or credential change can. */
const DENIED_RETRY_MS = 60_000;

export function backoffMs(failures: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** One line that says what went wrong, never with credentials in it. */
export function describeFailure(err: unknown, verb: string, kind: KindName, namespace: string | null): string {
  const what = `${verbPhrase(verb, RESOURCES[kind])}${scopePhrase(RESOURCES[kind], namespace)}`;
  if (err instanceof ApiError) {
    if (err.status === 403) return `forbidden: cannot ${what}`;
    if (err.status === 401) return `${UNAUTHORIZED} — cannot ${what}`;
    return `${what} failed: ${err.status} ${err.reason}: ${err.message}`;
  }
  if (err instanceof ConnectionError) return err.message;
  return `${what} failed: ${err instanceof Error ? err.message : String(err)}`;
}

export class Reflector<K extends KindName> {
  private readonly controller = new AbortController();
  private resourceVersion = '';
  private failures = 0;
  private readonly now: () => number;
  private running: Promise<void> | null = null;
  private wakeSleep: (() => void) | null = null;
  /** Whether the list is streamed as a watch's initial events (until the server turns that down). */
  private streamed = true;

  constructor(
    private readonly endpoint: Endpoint,
    private readonly kind: K,
    private readonly namespace: string | null,
    private readonly sink: ReflectorSink<K>,
    private readonly options: ReflectorOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  start(): void {
    this.running ??= this.run();
  }

  async stop(): Promise<void> {
    this.controller.abort();
    await this.running;
  }

  /** Cuts a backoff short: the server answers again (another kind got through). */
  wake(): void {
    this.wakeSleep?.();
  }

  private get stopped(): boolean {
    return this.controller.signal.aborted;
  }

  private query(extra: Record<string, string>): string {
    const params = new URLSearchParams(extra);
    if (this.options.labelSelector) params.set('labelSelector', this.options.labelSelector);
    if (this.options.fieldSelector) params.set('fieldSelector', this.options.fieldSelector);
    return `${collectionPath(RESOURCES[this.kind], this.namespace)}?${params.toString()}`;
  }

  private async list(): Promise<void> {
    const slim = slimmers[this.kind];
    const records = new Map<string, RecordsByKind[K]>();
    let cont = '';
    let rv = '';
    do {
      const page = await requestJson<RawList>(this.endpoint, {
        path: this.query({ limit: String(this.options.pageSize ?? 500), ...(cont ? { continue: cont } : {}) }),
        signal: this.controller.signal,
        timeoutMs: 60_000,
      });
      for (const item of page.items ?? []) {
        const rec = slim(item) as RecordsByKind[K];
        records.set(rec.uid, rec);
      }
      cont = page.metadata?.continue ?? '';
      rv = page.metadata?.resourceVersion ?? rv;
    } while (cont && !this.stopped);
    if (this.stopped) return;
    this.resourceVersion = rv;
    this.sink.replace(this.kind, records);
  }

  /**
   * Watches from the last resourceVersion, or (none yet) from the current state: its objects first,
   * then a bookmark that says they are all there — they replace what was listed before, at once.
   */
  private async watch(): Promise<void> {
    const slim = slimmers[this.kind];
    const timeout = this.options.watchTimeoutSeconds ?? 290;
    const perWatch = new AbortController();
    const abort = () => perWatch.abort();
    this.controller.signal.addEventListener('abort', abort, { once: true });
    let initial: Map<string, RecordsByKind[K]> | null = this.resourceVersion ? null : new Map();
    let silence: NodeJS.Timeout | undefined;
    let expired = false;
    let notInitialEvents = false;
    const quiet = () => {
      clearTimeout(silence);
      silence = setTimeout(() => {
        notInitialEvents = true;
        perWatch.abort();
      }, INITIAL_EVENTS_SILENCE_MS);
    };
    const onEvent = (ev: WatchEvent) => {
      const obj = ev.object ?? {};
      if (ev.type === 'ERROR') {
        if (obj.code === 410) expired = true;
        perWatch.abort();
        return;
      }
      const rv = obj.metadata?.resourceVersion;
      if (initial) {
        if (ev.type === 'BOOKMARK' && obj.metadata?.annotations?.[INITIAL_EVENTS_END] === 'true') {
          clearTimeout(silence);
          this.resourceVersion = String(rv ?? '');
          this.sink.replace(this.kind, initial);
          initial = null;
          this.healthy();
        } else if (ev.type === 'ADDED') {
          quiet();
          const rec = slim(obj) as RecordsByKind[K];
          initial.set(rec.uid, rec);
        }
        return;
      }
      if (typeof rv === 'string' && rv) this.resourceVersion = rv;
      if (ev.type === 'ADDED' || ev.type === 'MODIFIED') this.sink.upsert(this.kind, slim(obj) as RecordsByKind[K]);
      else if (ev.type === 'DELETED') this.sink.remove(this.kind, String(obj.metadata?.uid ?? ''));
    };
    const params: Record<string, string> = initial
      ? { watch: '1', sendInitialEvents: 'true', resourceVersionMatch: 'NotOlderThan', allowWatchBookmarks: 'true', timeoutSeconds: String(timeout) }
      : { watch: '1', resourceVersion: this.resourceVersion, allowWatchBookmarks: 'true', timeoutSeconds: String(timeout) };
    if (initial) quiet();
    try {
      await watchStream(this.endpoint, this.query(params), onEvent, perWatch.signal, (timeout + 30) * 1000, () => !initial && this.healthy());
    } catch (err) {
      // A server without watch-lists refuses the parameters (or, for a watch it may not open, the
      // verb): list in pages from now on.
      if (initial && err instanceof ApiError && [400, 403, 422].includes(err.status)) notInitialEvents = true;
      else throw err;
    } finally {
      clearTimeout(silence);
      this.controller.signal.removeEventListener('abort', abort);
    }
    if (notInitialEvents && !this.stopped) this.streamed = false;
    if (expired) this.resourceVersion = '';
  }

  private healthy(): void {
    this.failures = 0;
    this.sink.status(this.kind, { state: 'synced', error: null, since: this.now() }, null);
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        if (!this.resourceVersion && !this.streamed) {
          await this.list();
          if (this.stopped) break;
          this.healthy();
        }
        await this.watch();
      } catch (err) {
        if (this.stopped) break;
        if (err instanceof ApiError && err.status === 410) {
          this.resourceVersion = '';
          continue;
        }
        this.failures++;
        const forbidden = err instanceof ApiError && err.status === 403;
        const unauthorized = err instanceof ApiError && err.status === 401;
        const verb = this.resourceVersion ? 'watch' : 'list';
        const error = describeFailure(err, verb, this.kind, this.namespace);
        this.sink.status(
          this.kind,
          { state: forbidden ? 'forbidden' : 'error', error, since: this.now() },
          err instanceof ConnectionError ? err.message : unauthorized ? UNAUTHORIZED : null,
        );
        await this.sleep(forbidden || unauthorized ? DENIED_RETRY_MS : backoffMs(this.failures));
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const signal = this.controller.signal;
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.wakeSleep = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeSleep = done;
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
