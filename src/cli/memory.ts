// After a store's first lists most of the heap is garbage — the pages' JSON text and raw objects —
// that V8 keeps reserved long after; the dashboard collects it then so it goes back to the OS.
import v8 from 'node:v8';
import vm from 'node:vm';

export function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as unknown;
  if (typeof gc === 'function') gc();
}
