// The kinds the commands accept, under kubectl's names and short names.
import { kindNamed } from '../kinds/registry.js';
import type { AnyView, WorkloadKind } from '../kinds/types.js';
import { UsageError } from '../kube/errors.js';

export function parseKind(word: string | undefined): WorkloadKind<AnyView> {
  if (!word) throw new UsageError('name a kind: sts, jobs or cj');
  const kind = kindNamed(word);
  if (!kind) throw new UsageError(`unknown kind "${word}": use sts, jobs or cj`);
  return kind;
}

/** "sts/web" or "sts web": the name, if one was given. */
export function nameFrom(kindWord: string | undefined, rest: readonly string[]): string | undefined {
  const slash = kindWord?.indexOf('/') ?? -1;
  return slash >= 0 ? kindWord!.slice(slash + 1) : rest[0];
}
