// Kubernetes quantities ("1Gi", "500M", "1.5Ti", "2e9") as numbers, to compare claim sizes. Pure.

const FACTOR: Record<string, number> = {
  '': 1,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])|[eE]([+-]?\d+))?$/;

/** The value of a quantity, or null for text that is not one. */
export function parseQuantity(text: string | null | undefined): number | null {
  const m = QUANTITY.exec((text ?? '').trim());
  if (!m) return null;
  const value = Number(m[1]) * (m[3] !== undefined ? 10 ** Number(m[3]) : FACTOR[m[2] ?? '']!);
  return Number.isFinite(value) ? value : null;
}
