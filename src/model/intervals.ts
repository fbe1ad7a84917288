// Job index sets as the API writes them: "1,3-5,7" (status.completedIndexes / failedIndexes).

/** Parses an interval string into a sorted set of indexes, ignoring malformed parts and indexes ≥ limit. */
export function parseIntervals(text: string, limit = Number.MAX_SAFE_INTEGER): Set<number> {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (!m) continue;
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    for (let i = lo; i <= hi && i < limit; i++) out.add(i);
  }
  return out;
}

/** Writes a set of indexes back in the API's compact form. */
export function formatIntervals(indexes: Iterable<number>): string {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}
