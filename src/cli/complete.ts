// `kstate __complete WORD…`: the candidates for the last word, one a line, for the completion
// scripts (as kubectl's hidden __complete). Pure here; the cluster is asked through `CompletionSource`.
import { KINDS, kindNamed } from '../kinds/registry.js';
import type { ViewName } from '../kinds/types.js';
import { FLAG_NAMES, VALUE_FLAG_NAMES } from './args.js';
import { USAGES } from './usage.js';

export interface CompletionSource {
  names(view: ViewName): Promise<string[]>;
  namespaces(): Promise<string[]>;
}

export const SUBCOMMANDS = [...Object.keys(USAGES).map((c) => c.split(' ')[0]!), 'help'].filter((c, i, all) => all.indexOf(c) === i);
const KIND_WORDS = KINDS.map((k) => k.aliases.at(-1)!);
/** Subcommands whose second word is a kind and third an object name. */
const KIND_THEN_NAME = new Set(SUBCOMMANDS.filter((c) => !['check', 'watch', 'logs', 'completion', 'help', 'set'].includes(c)));

const starting = (word: string, all: readonly string[]) => all.filter((c) => c.startsWith(word));

/** The words without flags (and their values): the subcommand and its arguments. */
function positionals(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (VALUE_FLAG_NAMES.includes(w)) i++;
    else if (!w.startsWith('-')) out.push(w);
  }
  return out;
}

export async function candidates(words: readonly string[], source: CompletionSource): Promise<string[]> {
  const current = words.at(-1) ?? '';
  const before = words.slice(0, -1);
  const previous = before.at(-1);
  if (previous === '-n' || previous === '--namespace') return starting(current, await source.namespaces());
  if (previous === '-o' || previous === '--output') return starting(current, ['table', 'wide', 'json', 'text']);
  if (previous && VALUE_FLAG_NAMES.includes(previous)) return [];
  if (current.startsWith('-')) return starting(current, FLAG_NAMES);
  const [command, ...rest] = positionals(before);
  if (!command) return starting(current, SUBCOMMANDS);
  if (command === 'completion') return rest.length ? [] : starting(current, ['bash', 'zsh', 'fish']);
  if (command === 'set') return rest.length === 0 ? starting(current, ['schedule', 'zone']) : rest.length === 1 ? starting(current, ['cj']) : rest.length === 2 ? names('cronjobs', current, source) : [];
  if (command === 'logs') {
    if (rest.length) return [];
    const slash = current.indexOf('/');
    if (slash < 0) return starting(current, KIND_WORDS.map((k) => `${k}/`));
    const kind = kindNamed(current.slice(0, slash));
    if (!kind) return [];
    const prefix = current.slice(0, slash + 1);
    return (await names(kind.view, current.slice(slash + 1), source)).map((n) => prefix + n);
  }
  if (!KIND_THEN_NAME.has(command)) return [];
  if (rest.length === 0) return starting(current, KIND_WORDS);
  const kind = kindNamed(rest[0]!);
  return rest.length === 1 && kind ? names(kind.view, current, source) : [];
}

async function names(view: ViewName, word: string, source: CompletionSource): Promise<string[]> {
  return starting(word, await source.names(view));
}
