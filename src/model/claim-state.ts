// What a claim's volume is asked to become and whether it can: a VolumeAttributesClass
// modification (GA 1.34), and the smaller retry the API accepts after an infeasible resize. Pure.
import { parseQuantity } from './quantity.js';
import type { Finding, PvcRec } from './types.js';

export interface Modification {
  /** spec.volumeAttributesClassName */
  wanted: string | null;
  /** status.currentVolumeAttributesClassName */
  current: string | null;
  /** done: the class asked for is in effect; pending: not started (the class may not exist); infeasible, failed: the driver said no. */
  state: 'done' | 'pending' | 'in-progress' | 'infeasible' | 'failed';
  text: string;
}

const trueCondition = (pvc: PvcRec, type: string) => pvc.conditions.find((c) => c.type === type && c.status === 'True');
const withMessage = (text: string, message: string | undefined) => (message ? `${text}: ${message}` : text);

/** Where the claim's VolumeAttributesClass stands; null when the claim uses none. */
export function modificationOf(pvc: PvcRec): Modification | null {
  const { wanted, current, target, status } = pvc.attributesClass;
  if (!wanted && !current && !target) return null;
  const base = { wanted, current };
  const to = target ?? wanted ?? '(none)';
  const from = current ?? 'none';
  const error = trueCondition(pvc, 'ModifyVolumeError');
  if (status === 'Infeasible') return { ...base, state: 'infeasible', text: withMessage(`modify to ${to} is infeasible, still ${from}`, error?.message) };
  if (error) return { ...base, state: 'failed', text: withMessage(`modify to ${to} failed, still ${from}`, error.message) };
  if (status === 'InProgress' || trueCondition(pvc, 'ModifyingVolume')) return { ...base, state: 'in-progress', text: `modifying ${from} → ${to}` };
  if (status === 'Pending') return { ...base, state: 'pending', text: `modify to ${to} not started (the class may not exist yet), still ${from}` };
  if (wanted !== current) return { ...base, state: 'pending', text: `asks for ${wanted ?? 'none'}, has ${from}: no controller has reported yet` };
  return { ...base, state: 'done', text: from };
}

export interface ResizeRetry {
  /** The request the resizer could not give. */
  requested: string;
  /** The size now on the volume: a retry must ask for more than this. */
  capacity: string;
  text: string;
}

/**
 * After an infeasible expansion the API server lets the request come down again, to any size above
 * status.capacity (never to it or below); null when the claim's resize is not infeasible.
 */
export function resizeRetryOf(pvc: PvcRec): ResizeRetry | null {
  if (!pvc.resizeStatus.endsWith('Infeasible') || !pvc.requested || !pvc.capacity) return null;
  return {
    requested: pvc.requested,
    capacity: pvc.capacity,
    text: `${pvc.requested} is infeasible (${pvc.resizeStatus}): retry with a size above ${pvc.capacity} and below ${pvc.requested} — the API accepts a smaller request down to just above the capacity`,
  };
}

/** A request the API server refuses, with its words; null when it accepts it (as it validates claim updates). */
export function requestRefusal(pvc: Pick<PvcRec, 'name' | 'requested' | 'capacity'>, size: number): string | null {
  const requested = parseQuantity(pvc.requested);
  const capacity = parseQuantity(pvc.capacity);
  if (requested === null || size >= requested) return null;
  if (capacity !== null && size > capacity) return null;
  return capacity !== null && requested > capacity
    ? `claim ${pvc.name}: spec.resources.requests.storage can not be less than status.capacity (${pvc.capacity}): a smaller retry must stay above it`
    : `claim ${pvc.name} requests ${pvc.requested}: a claim cannot shrink`;
}

/** Findings about one claim: a failed or stalled attributes-class change, an infeasible resize. */
export function claimFindings(pvc: PvcRec, object: string): Finding[] {
  const out: Finding[] = [];
  const at = (severity: Finding['severity'], code: string, message: string) => out.push({ severity, code, object, namespace: pvc.namespace, message: `claim ${pvc.name}: ${message}` });
  const m = modificationOf(pvc);
  if (m && (m.state === 'infeasible' || m.state === 'failed')) at('warning', 'VolumeModifyFailed', m.text);
  else if (m && m.state === 'pending') at('warning', 'VolumeModifyPending', m.text);
  else if (m && m.state === 'in-progress') at('info', 'VolumeModifying', m.text);
  const retry = resizeRetryOf(pvc);
  if (retry) at('warning', 'ResizeInfeasible', retry.text);
  return out;
}
