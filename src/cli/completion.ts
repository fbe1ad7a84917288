// `kstate completion bash|zsh|fish` and the hidden `kstate __complete`: the scripts ask the command
// itself for candidates, which come from the cluster for object names and namespaces (read-only
// lists, a short timeout, nothing printed on errors).
import { listNamespaces } from '../kube/read.js';
import { requestJson } from '../kube/http.js';
import { collectionPath, RESOURCES } from '../model/resources.js';
import { ArgError, parseArgs } from './args.js';
import { candidates, type CompletionSource } from './complete.js';
import { connectFrom } from './session.js';

const NAME = /^[a-z0-9][a-z0-9.-]{0,252}$/;
const TIMEOUT_MS = 3000;

/** The connection flags among the words typed so far; words that do not parse give no connection. */
function clusterSource(words: readonly string[]): CompletionSource {
  const flags: string[] = [];
  for (let i = 0; i < words.length - 1; i++) {
    if (['--kubeconfig', '--context', '-n', '--namespace'].includes(words[i]!) && i + 1 < words.length - 1) flags.push(words[i]!, words[++i]!);
    else if (/^--(kubeconfig|context|namespace)=/.test(words[i]!) || /^-n./.test(words[i]!)) flags.push(words[i]!);
  }
  const conn = (async () => connectFrom(parseArgs(flags)))();
  conn.catch(() => undefined);
  return {
    async names(view) {
      const c = await conn;
      const list = await requestJson<{ items?: { metadata?: { name?: string } }[] }>(c.endpoint, { path: `${collectionPath(RESOURCES[view], c.namespace)}?limit=500`, timeoutMs: TIMEOUT_MS });
      // Cluster text: only what can be an object's name reaches the shell.
      return (list.items ?? []).map((o) => o.metadata?.name ?? '').filter((n) => NAME.test(n)).sort();
    },
    async namespaces() {
      return (await listNamespaces((await conn).endpoint)).filter((n) => NAME.test(n));
    },
  };
}

export async function complete(words: readonly string[]): Promise<number> {
  try {
    const found = await candidates(words, clusterSource(words));
    if (found.length) process.stdout.write(`${found.join('\n')}\n`);
  } catch {
    // Completion stays quiet: an unreachable cluster just completes nothing.
  }
  return 0;
}

const BASH = `# kstate bash completion: source <(kstate completion bash)
_kstate() {
  local IFS=$'\\n'
  COMPREPLY=( $(kstate __complete "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null) )
  [[ \${#COMPREPLY[@]} -eq 1 && \${COMPREPLY[0]} == */ ]] && compopt -o nospace
}
complete -F _kstate kstate kubectl-kstate
`;

const ZSH = `#compdef kstate kubectl-kstate
# kstate zsh completion: source <(kstate completion zsh)
_kstate() {
  local -a found
  found=("\${(@f)$(kstate __complete "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  compadd -S '' -Q -- "\${found[@]:#*/}"
  compadd -S '' -Q -- \${(M)found:#*/}
  compadd -- \${found:#*/}
}
compdef _kstate kstate kubectl-kstate
`;

const FISH = `# kstate fish completion: kstate completion fish | source
function __kstate_complete
  set -l words (commandline -opc)[2..-1] (commandline -ct)
  kstate __complete $words 2>/dev/null
end
complete -c kstate -f -a '(__kstate_complete)'
complete -c kubectl-kstate -f -a '(__kstate_complete)'
`;

export const SCRIPTS: Readonly<Record<string, string>> = { bash: BASH, zsh: ZSH, fish: FISH };

export function completionScript(shell: string | undefined): string {
  const script = shell ? SCRIPTS[shell] : undefined;
  if (!script) throw new ArgError(`usage: kstate completion bash|zsh|fish${shell ? ` (not "${shell}")` : ''}`);
  return script;
}
