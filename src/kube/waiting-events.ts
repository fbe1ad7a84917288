// Pod events wait here for their pod (or are dropped oldest first): most are about pods no view
// shows, and an event about a pod kstate does not hold must not change the snapshot.
import type { EventRec } from '../model/types.js';

const MAX_WAITING_EVENTS = 2000;

export class WaitingEvents {
  private readonly waiting = new Map<string, EventRec>();

  constructor(
    /** Whether `e` waits: about a pod not held (and not an event already held). */
    private readonly waits: (e: EventRec) => boolean,
  ) {}

  /** Keeps `e` back if it waits for its pod; false: it goes into the store now. */
  hold(e: EventRec): boolean {
    if (!this.waits(e)) return false;
    this.waiting.delete(e.uid);
    this.waiting.set(e.uid, e);
    if (this.waiting.size > MAX_WAITING_EVENTS) this.waiting.delete(this.waiting.keys().next().value!);
    return true;
  }

  /** A fresh list: the events that wait are kept back, the others returned. */
  sortList(records: Map<string, EventRec>): Map<string, EventRec> {
    this.waiting.clear();
    const kept = new Map<string, EventRec>();
    for (const [uid, e] of records) if (!this.hold(e)) kept.set(uid, e);
    return kept;
  }

  delete(uid: string): boolean {
    return this.waiting.delete(uid);
  }

  /** The waiting events `about` a pod that is now held, taken out. */
  release(about: (e: EventRec) => boolean, held: (podUid: string) => boolean): EventRec[] {
    const out: EventRec[] = [];
    for (const [uid, e] of this.waiting) {
      if (!about(e) || !held(e.involved.uid)) continue;
      this.waiting.delete(uid);
      out.push(e);
    }
    return out;
  }
}
