// Long derivations written as generators that yield between objects: the same code runs to the end
// at once (drain, for the CLI and tests) or in slices that let I/O in between (src/monitor/slices.ts,
// for a process that must answer a scrape while a large scope changes). Pure.

/** Runs the steps to the end; their result. */
export function drain<T>(steps: Generator<unknown, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
