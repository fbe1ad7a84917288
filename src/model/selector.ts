// Equality-based label selectors as kubectl takes them: "a=b,c!=d,e,!f". Pure.

export type Selector = (labels: Readonly<Record<string, string>>) => boolean;

export function parseSelector(text: string): Selector {
  const tests = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((part): Selector => {
      let m: RegExpExecArray | null;
      if ((m = /^([^!=\s]+)\s*!=\s*(.*)$/.exec(part))) {
        const [, k, v] = m as unknown as [string, string, string];
        return (l) => l[k] !== v;
      }
      if ((m = /^([^!=\s]+)\s*==?\s*(.*)$/.exec(part))) {
        const [, k, v] = m as unknown as [string, string, string];
        return (l) => l[k] === v;
      }
      if ((m = /^!\s*([^!=\s]+)$/.exec(part))) {
        const k = m[1]!;
        return (l) => !(k in l);
      }
      if (/^[^!=\s]+$/.test(part)) return (l) => part in l;
      throw new RangeError(`invalid label selector "${text}"`);
    });
  return (labels) => tests.every((t) => t(labels));
}
