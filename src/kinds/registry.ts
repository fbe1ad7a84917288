// The three workload kinds, and the words that name them (kubectl's names and short names).
import { cronJobs } from './cronjobs/index.js';
import { jobs } from './jobs/index.js';
import { statefulSets } from './statefulsets/index.js';
import type { AnyView, ViewName, WorkloadKind } from './types.js';

// One cast, here: each kind is typed by its own view model; the rest of kstate handles any of them.
export const KINDS = [statefulSets, jobs, cronJobs] as unknown as readonly WorkloadKind<AnyView>[];

export function kindOf(view: ViewName): WorkloadKind<AnyView> {
  return KINDS.find((k) => k.view === view)!;
}

/** The kind a view model belongs to. */
export function kindOfView(v: AnyView): WorkloadKind<AnyView> {
  return KINDS.find((k) => k.kind === v.kind)!;
}

/** "sts", "statefulsets", "cj/nightly"…: the kind, or null for a word that names none. */
export function kindNamed(word: string): WorkloadKind<AnyView> | null {
  const slash = word.indexOf('/');
  const name = (slash >= 0 ? word.slice(0, slash) : word).toLowerCase();
  return KINDS.find((k) => k.aliases.includes(name)) ?? null;
}
