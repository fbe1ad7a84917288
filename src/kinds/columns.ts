// The columns a list shows, for `kstate get` and the dashboard alike.
import { cell } from './cells.js';
import type { AnyView, Column, WorkloadKind } from './types.js';

/** A view model of one of several contexts: the list shows whose it is. */
export type InContext<V> = V & { readonly context: string };

const contextOf = (v: AnyView): string | undefined => (v as Partial<InContext<AnyView>>).context;

const CONTEXT: Column<AnyView> = { title: 'CONTEXT', max: 24, priority: 2, cell: (v) => cell(contextOf(v)) };
const NAMESPACE: Column<AnyView> = { title: 'NAMESPACE', max: 20, priority: 2, cell: (v) => cell(v.namespace) };

/** `contexts`: the list holds objects of several contexts (a fleet), each under its CONTEXT. */
export function listColumns(kind: WorkloadKind<AnyView>, opts: { allNamespaces: boolean; wide: boolean; contexts?: boolean }): Column<AnyView>[] {
  return [...(opts.contexts ? [CONTEXT] : []), ...(opts.allNamespaces ? [NAMESPACE] : []), ...kind.columns.filter((c) => opts.wide || !c.wide)];
}
