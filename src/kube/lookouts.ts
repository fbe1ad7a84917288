// Pods a StatefulSet's range names that the labelled watch does not hold, each looked for by name
// (a watch of one name): a pod whose labels were taken off reads unknown, never missing.
import type { PodRec } from '../model/types.js';
import type { Endpoint } from './endpoint.js';
import { Reflector, type ReflectorOptions } from './reflector.js';

/** Pods looked for by name at once at most; the others stay unknown until some are found. */
const MAX_LOOKOUTS = 50;

interface Lookout {
  reflector: Reflector<'pods'>;
  /** The pod, null when there is none by that name, undefined until its watch has listed. */
  found: PodRec | null | undefined;
  failed: boolean;
}

export class PodLookouts {
  private readonly lookouts = new Map<string, Lookout>();
  /** Something found, lost or given up on since the store last built a snapshot (it clears this). */
  dirty = false;

  constructor(
    private readonly endpoint: Endpoint,
    private readonly options: ReflectorOptions,
    /** A lookout found its pod, lost it, or failed. */
    private readonly changed: () => void,
  ) {}

  /** Looks for exactly these pods ("namespace/name"), at most MAX_LOOKOUTS at once. */
  lookFor(wanted: ReadonlySet<string>): void {
    for (const [key, l] of this.lookouts) {
      if (wanted.has(key)) continue;
      void l.reflector.stop();
      this.lookouts.delete(key);
      this.dirty = true;
    }
    for (const key of wanted) {
      if (this.lookouts.size >= MAX_LOOKOUTS) break;
      if (!this.lookouts.has(key)) this.start(key);
    }
  }

  private start(key: string): void {
    const [namespace, name] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
    const found = (rec: PodRec | null) => {
      const l = this.lookouts.get(key);
      if (!l || l.found === rec) return;
      l.found = rec;
      this.dirty = true;
      this.changed();
    };
    const reflector = new Reflector<'pods'>(
      this.endpoint,
      'pods',
      namespace,
      {
        replace: (_k, records) => found(records.values().next().value ?? null),
        upsert: (_k, rec) => found(rec),
        remove: () => found(null),
        status: (_k, status) => {
          const l = this.lookouts.get(key);
          if (l && !l.failed && (status.state === 'forbidden' || status.state === 'error')) {
            l.failed = true;
            this.changed();
          }
        },
      },
      { ...this.options, labelSelector: undefined, fieldSelector: `metadata.name=${name}` },
    );
    this.lookouts.set(key, { reflector, found: undefined, failed: false });
    reflector.start();
  }

  /** What was found so far (null: no pod by that name), for the snapshot. */
  answers(): Map<string, PodRec | null> {
    return new Map([...this.lookouts].flatMap(([k, l]) => (l.found === undefined ? [] : [[k, l.found] as const])));
  }

  /** Every pod looked for is found, known absent, or its watch failed. */
  settled(): boolean {
    return [...this.lookouts.values()].every((l) => l.found !== undefined || l.failed);
  }

  stop(): Promise<void>[] {
    const stopped = [...this.lookouts.values()].map((l) => l.reflector.stop());
    this.lookouts.clear();
    return stopped;
  }
}
