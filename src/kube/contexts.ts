// The contexts a kubeconfig names, read without @kubernetes/client-node (its import costs half a
// second and 65 MB): the files merged as kubectl merges them, the first definition of a name wins.
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { UsageError } from './errors.js';
import { kubeconfigFiles } from './kubeconfig-files.js';

export interface KubeconfigContexts {
  /** Every context, in the files' order. */
  names: string[];
  current: string;
  /** Where they came from, for messages. */
  source: string;
}

function contextsOfFile(file: string): { names: string[]; current: string } {
  let doc: unknown;
  try {
    doc = yaml.load(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`kubeconfig not found: ${file}`);
    if (code) throw new UsageError(`cannot read kubeconfig ${file}: ${code}`);
    throw new UsageError(`kubeconfig ${file} is not valid: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}`);
  }
  const config = (doc ?? {}) as { contexts?: unknown; 'current-context'?: unknown };
  const list = Array.isArray(config.contexts) ? (config.contexts as { name?: unknown }[]) : [];
  return {
    names: list.map((c) => c?.name).filter((n): n is string => typeof n === 'string' && n !== ''),
    current: typeof config['current-context'] === 'string' ? config['current-context'] : '',
  };
}

export function kubeconfigContexts(opts: { kubeconfig?: string; env?: NodeJS.ProcessEnv }): KubeconfigContexts {
  const files = kubeconfigFiles(opts, opts.env ?? process.env);
  if (files === null) throw new UsageError('no kubeconfig found: pass --kubeconfig, set KUBECONFIG, or create ~/.kube/config');
  if (files === 'in-cluster') throw new UsageError('in-cluster configuration has one context: several contexts need a kubeconfig');
  const names: string[] = [];
  let current = '';
  for (const file of files) {
    const one = contextsOfFile(file);
    for (const n of one.names) if (!names.includes(n)) names.push(n);
    current ||= one.current;
  }
  return { names, current, source: files.map((f) => path.resolve(f)).join(path.delimiter) };
}
