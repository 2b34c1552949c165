/**
 * Where the officer can send the current ticket, as the hall's rule has it
 * (electron/core/queue-engine.ts `transferTicket`, call-policy.ts `isEligibleAt`):
 * - another queue (`toServiceId`): the ticket waits in that queue for any counter serving it;
 * - another counter (`toCounterId`): the ticket keeps its queue and only that counter may call it,
 *   whether or not the counter serves the queue, and it waits for it while the counter is closed or
 *   paused (until it opens, or the day ends). So every other counter is offered, its state shown.
 * Either way the ticket keeps its original arrival time. The officer's own counter is never
 * offered. The ticket's own queue is offered only to a ticket reserved for a counter: sending it
 * there lifts the reservation (any counter of the queue may then call it); otherwise it would
 * change nothing.
 *
 * One select offers both kinds: its value is `service:<id>` or `counter:<id>` (ids are slugs, no
 * colon), '' for nothing chosen. Pure: the snapshot in, the choices and the action's input out.
 */
import type { Localized } from '../shared/api/types.ts';
import type { ActionInput } from './session/counter-machine.ts';

/** A queue as the hall's snapshot has it (what this file reads of it). */
export interface DestinationService {
  readonly id: string;
  readonly prefix: string;
  readonly name: Localized;
}

/** A counter as the hall's snapshot has it (what this file reads of it). */
export interface DestinationCounter {
  readonly id: string;
  readonly number: number;
  readonly name: Localized;
  readonly state: 'closed' | 'open' | 'paused';
}

export interface TransferDestination {
  readonly kind: 'service' | 'counter';
  readonly id: string;
}

export interface TransferChoices {
  /** Queues, in the hall's order. */
  readonly services: readonly DestinationService[];
  /** The other counters, by number. */
  readonly counters: readonly DestinationCounter[];
}

export function transferChoices(
  snapshot: { readonly services: readonly DestinationService[]; readonly counters: readonly DestinationCounter[] } | null,
  ownCounterId: string | null,
  ticket: { readonly serviceId: string; readonly targetCounterId: string | null } | null,
): TransferChoices {
  if (snapshot === null || ticket === null) return { services: [], counters: [] };
  const reserved = ticket.targetCounterId !== null;
  return {
    services: snapshot.services.filter((s) => s.id !== ticket.serviceId || reserved),
    counters: snapshot.counters.filter((c) => c.id !== ownCounterId).toSorted((a, b) => a.number - b.number),
  };
}

export function destinationValue(destination: TransferDestination): string {
  return `${destination.kind}:${destination.id}`;
}

/** The destination a select value names; null for '' or anything else. */
export function destinationOf(value: string): TransferDestination | null {
  const colon = value.indexOf(':');
  const kind = value.slice(0, colon);
  const id = value.slice(colon + 1);
  if (colon < 0 || id === '' || (kind !== 'service' && kind !== 'counter')) return null;
  return { kind, id };
}

/** The transfer action's input for a select value: one destination, or none (the guard refuses it). */
export function transferInput(value: string): ActionInput {
  const destination = destinationOf(value);
  if (destination === null) return {};
  return destination.kind === 'service' ? { toServiceId: destination.id } : { toCounterId: destination.id };
}
