// Which kubeconfig files apply, as kubectl finds them: --kubeconfig, else KUBECONFIG (several
// files, those that exist), else ~/.kube/config, else the in-cluster service account.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from './errors.js';

export function kubeconfigFiles(opts: { kubeconfig?: string }, env: NodeJS.ProcessEnv): string[] | 'in-cluster' | null {
  if (opts.kubeconfig) return [path.resolve(opts.kubeconfig)];
  if (env.KUBECONFIG) {
    const files = env.KUBECONFIG.split(path.delimiter).filter(Boolean);
    // kubectl ignores listed files that do not exist, as long as one does.
    const existing = files.filter((f) => fs.existsSync(f));
    if (existing.length === 0) throw new UsageError(`no kubeconfig found: KUBECONFIG=${env.KUBECONFIG} names no existing file`);
    return existing;
  }
  const home = path.join(env.HOME ?? os.homedir(), '.kube', 'config');
  if (fs.existsSync(home)) return [home];
  if (env.KUBERNETES_SERVICE_HOST && env.KUBERNETES_SERVICE_PORT) return 'in-cluster';
  return null;
}
