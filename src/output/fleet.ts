// What a fleet command prints beside its objects: the contexts that read unknown, with their reasons.
import { renderTable } from './table.js';

export interface ContextState {
  context: string;
  /** The namespace it read (null: all), when it answered. */
  namespace?: string | null;
  state: 'ok' | 'unknown';
  reason?: string;
}

/** The table of contexts that could not be read ("" when there is none). */
export function unknownContextsTable(states: readonly ContextState[]): string {
  const unknown = states.filter((s) => s.state === 'unknown');
  if (unknown.length === 0) return '';
  return renderTable(['CONTEXT', 'STATE', 'REASON'], unknown.map((s) => [s.context, 'unknown', s.reason ?? '']));
}

/** The one stderr line for them. */
export function unknownContextsLine(states: readonly ContextState[]): string | null {
  const unknown = states.filter((s) => s.state === 'unknown');
  if (unknown.length === 0) return null;
  return `${unknown.length} of ${states.length} context(s) unknown: ${unknown.map((s) => `${s.context} (${s.reason ?? 'unknown'})`).join('; ')}`;
}
