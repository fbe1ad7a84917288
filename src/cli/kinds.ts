// The kinds the commands accept, under kubectl's names and short names.
import { UsageError } from '../kube/config.js';

export type WorkloadKind = 'statefulsets' | 'jobs' | 'cronjobs';

const ALIASES: Record<string, WorkloadKind> = {
  statefulsets: 'statefulsets',
  statefulset: 'statefulsets',
  sts: 'statefulsets',
  jobs: 'jobs',
  job: 'jobs',
  cronjobs: 'cronjobs',
  cronjob: 'cronjobs',
  cj: 'cronjobs',
};

export function parseKind(word: string | undefined): WorkloadKind {
  if (!word) throw new UsageError('name a kind: sts, jobs or cj');
  const slash = word.indexOf('/');
  const kind = ALIASES[(slash >= 0 ? word.slice(0, slash) : word).toLowerCase()];
  if (!kind) throw new UsageError(`unknown kind "${word}": use sts, jobs or cj`);
  return kind;
}

/** "sts/web" or "sts web": the name, if one was given. */
export function nameFrom(kindWord: string | undefined, rest: readonly string[]): string | undefined {
  const slash = kindWord?.indexOf('/') ?? -1;
  return slash >= 0 ? kindWord!.slice(slash + 1) : rest[0];
}
