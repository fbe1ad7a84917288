// What a printed result could not read: the reasons behind its "?" cells and `unknown` fields, each
// once. A command that printed any of them exits with PARTIAL_EXIT.
import type { Cell } from '../kinds/cells.js';

/** Exit code: printed, but some values could not be read (forbidden, failing or not listed). */
export const PARTIAL_EXIT = 3;

export function unknownInCells(rows: readonly (readonly Cell[])[]): string[] {
  return [...new Set(rows.flatMap((r) => r.flatMap((c) => (c.unknown ? [c.unknown] : []))))];
}

/** The reasons in every `unknown` record ({ claims: "forbidden: …" }) inside a view model or a list of them. */
export function unknownInFields(value: unknown): string[] {
  const found = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v === null || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) {
      if (k === 'unknown' && x !== null && typeof x === 'object') for (const r of Object.values(x)) found.add(String(r));
      else walk(x);
    }
  };
  walk(value);
  return [...found];
}

/** The one stderr line for cells printed as "?". */
export function unknownLine(reasons: readonly string[]): string {
  return `shown as ? (not visible): ${reasons.join('; ')}`;
}
