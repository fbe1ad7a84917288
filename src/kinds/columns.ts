// The columns a list shows, for `kstate get` and the dashboard alike.
import { cell } from './cells.js';
import type { AnyView, Column, WorkloadKind } from './types.js';

const NAMESPACE: Column<AnyView> = { title: 'NAMESPACE', max: 20, priority: 2, cell: (v) => cell(v.namespace) };

export function listColumns(kind: WorkloadKind<AnyView>, opts: { allNamespaces: boolean; wide: boolean }): Column<AnyView>[] {
  return [...(opts.allNamespaces ? [NAMESPACE] : []), ...kind.columns.filter((c) => opts.wide || !c.wide)];
}
