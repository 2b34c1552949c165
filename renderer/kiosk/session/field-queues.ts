/**
 * The queues a field's procedures are handled by, in the hall's service order: the quick path
 * issues to one of them without choosing a procedure. Pure.
 */
import type { HallConfigView, Localized } from '../../shared/api/types.ts';

export interface FieldQueue {
  readonly serviceId: string;
  readonly name: Localized;
}

export function queuesOfField(config: HallConfigView, fieldId: string): FieldQueue[] {
  const used = new Set(config.procedures.filter((p) => p.fieldId === fieldId).map((p) => p.serviceId));
  return config.services.filter((s) => used.has(s.id)).map((s) => ({ serviceId: s.id, name: s.name }));
}

/** The one queue of a field, or null when its procedures go to several (the citizen picks one). */
export function soleQueueOf(config: HallConfigView, fieldId: string): string | null {
  const queues = queuesOfField(config, fieldId);
  return queues.length === 1 ? (queues[0]?.serviceId ?? null) : null;
}
