// Just enough Markdown for the link test: inline links and images, and headings as GitHub anchors.

/** The targets of `[text](href)` and `![alt](src)` outside code blocks and code spans. */
export function links(md: string): string[] {
  const out: string[] = [];
  for (const line of proseLines(md)) {
    for (const m of line.replace(/`[^`]*`/g, '').matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) out.push(m[1]!);
  }
  return out;
}

/** The anchors the page's headings make, GitHub's way (repeats get -1, -2…). */
export function anchors(md: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const line of proseLines(md)) {
    const h = /^#{1,6}\s+(.*)$/.exec(line);
    if (!h) continue;
    const slug = h[1]!.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    out.add(n ? `${slug}-${n}` : slug);
  }
  return out;
}

function proseLines(md: string): string[] {
  let fenced = false;
  return md.split('\n').filter((line) => {
    if (/^\s*```/.test(line)) {
      fenced = !fenced;
      return false;
    }
    return !fenced;
  });
}
