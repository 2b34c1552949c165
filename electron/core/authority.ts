/**
 * Who may act on which ticket, beyond the route's role check (electron/server/access.ts):
 * - supervisors and administrators act on any ticket, from a counter or the dashboard;
 * - an officer acts only on the tickets of their own counter: one held there, or one reserved for
 *   it by a transfer (`targetCounterId`). Calling a waiting ticket of the queues the counter serves
 *   is the queue rule's business (call-policy.ts), not an authority question;
 * - a ticket held at another counter is that counter's: an officer elsewhere can neither call,
 *   return nor cancel it (a supervisor can, or its counter can transfer it).
 * Pure: the engine calls it with the actor of the command.
 */
import { DomainError } from '../common/errors.ts';
import type { Ticket } from '../common/domain.ts';

export interface TicketActor {
  readonly staffId: string | null;
  readonly staffRole: 'officer' | 'supervisor' | 'admin' | null;
  /** The counter the acting device is bound to; null on the dashboard. */
  readonly counterId: string | null;
}

export type TicketAction = 'call' | 'return' | 'cancel';

function ownCounter(actor: TicketActor, ticket: Ticket): boolean {
  if (actor.counterId === null) return false;
  return (ticket.status === 'held' && ticket.counterId === actor.counterId) || ticket.targetCounterId === actor.counterId;
}

/** Throws FORBIDDEN naming the rule when the actor may not take the action on the ticket. */
export function authorizeTicketAction(actor: TicketActor, ticket: Ticket, action: TicketAction): void {
  if (actor.staffRole === 'supervisor' || actor.staffRole === 'admin') return;
  if (action === 'call') {
    if (ticket.status !== 'held' || ticket.counterId === actor.counterId) return;
    throw new DomainError('FORBIDDEN', { reason: 'the ticket is held at another counter', number: ticket.number, heldAtCounterId: ticket.counterId });
  }
  if (ownCounter(actor, ticket)) return;
  throw new DomainError('FORBIDDEN', {
    reason: `an officer may ${action} only a ticket held at or transferred to their own counter; a supervisor may ${action} any`,
    number: ticket.number,
    counterId: actor.counterId,
  });
}
