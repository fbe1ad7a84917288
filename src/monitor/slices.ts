// Runs a derivation written as steps (src/model/steps.ts) a slice at a time: whenever a slice has
// taken SLICE_MS, it yields to the event loop, so a scrape or a watch event waits one slice at most
// instead of the whole scope.
import { setImmediate as yieldToIo } from 'node:timers/promises';

export const SLICE_MS = 5;

export async function inSlices<T>(steps: Generator<unknown, T>, sliceMs = SLICE_MS): Promise<T> {
  let start = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (performance.now() - start >= sliceMs) {
      await yieldToIo();
      start = performance.now();
    }
  }
}
