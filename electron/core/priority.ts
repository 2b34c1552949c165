/**
 * Priority the hall can trust (PRODUCT.md, second round). Pure rules: the hall server decides a
 * ticket's priority class and its basis at issue, and the serving officer confirms or clears a
 * declared one.
 *
 * Contract of `decidePriority`:
 * - A chip the hall server verified itself (passive authentication against its own CSCA trust
 *   store) gives the birth date; at `elderlyAge` or older on the business date the ticket is
 *   `elderly`/`verified`, whatever the kiosk asked (the hall decides, the citizen need not say it).
 * - A verified chip under that age refuses a request for `elderly` (PRIORITY_NOT_ELIGIBLE): the
 *   card says otherwise, and a silent downgrade would surprise the citizen at the counter.
 * - Any other request for a priority class (pregnant, disabled, or elderly without a verified chip)
 *   is the citizen's word: `declared`, for the officer to confirm or clear.
 * - normal and appointment have the basis `none`.
 *
 * Contract of `reviewPriority`: only the ticket called or served at the officer's own counter, only
 * while its priority is `declared`, and only by the officer logged in there (or a supervisor at it);
 * `cleared` makes the ticket normal.
 */
import { DomainError } from '../common/errors.ts';
import { PRIORITY_GROUP, type PriorityBasis, type PriorityClass } from '../common/domain.ts';
import type { DomainEvent } from '../common/events.ts';
import type { HallState } from './hall-state.ts';

/** A birth date the hall server read from a chip whose passive authentication it verified. */
export interface VerifiedBirthDate {
  /** YYYY-MM-DD. */
  readonly dateOfBirth: string;
}

export interface PriorityDecision {
  readonly priority: PriorityClass;
  readonly basis: PriorityBasis;
}

/** Whole years from `dateOfBirth` to `onDate` (both YYYY-MM-DD); a 29 February birthday falls on 1 March. */
export function ageOn(dateOfBirth: string, onDate: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  const hadBirthday = m > bm || (m === bm && d >= bd);
  return y - by - (hadBirthday ? 0 : 1);
}

export function decidePriority(requested: PriorityClass, chip: VerifiedBirthDate | null, elderlyAge: number, businessDate: string): PriorityDecision {
  if (requested === 'appointment') return { priority: 'appointment', basis: 'none' };
  if (chip !== null) {
    const elderly = ageOn(chip.dateOfBirth, businessDate) >= elderlyAge;
    if (elderly) return { priority: 'elderly', basis: 'verified' };
    if (requested === 'elderly') throw new DomainError('PRIORITY_NOT_ELIGIBLE', { priority: 'elderly', elderlyAge });
  }
  if (requested === 'normal') return { priority: 'normal', basis: 'none' };
  return { priority: requested, basis: 'declared' };
}

export type PriorityReview = 'confirmed' | 'cleared';

export function reviewPriority(
  state: HallState,
  counterId: string,
  decision: PriorityReview,
  staffId: string | null,
  ctx: { readonly now: number },
): DomainEvent[] {
  const counter = state.counters.get(counterId);
  if (!counter) throw new DomainError('UNKNOWN_COUNTER', { counterId });
  const ticket = counter.currentTicketId === null ? undefined : state.tickets.get(counter.currentTicketId);
  if (!ticket) throw new DomainError('NO_CURRENT_TICKET', { counterId });
  if (ticket.priorityBasis !== 'declared' || !PRIORITY_GROUP.includes(ticket.priority)) {
    throw new DomainError('PRIORITY_NOT_DECLARED', { number: ticket.number, priorityBasis: ticket.priorityBasis });
  }
  return [
    {
      type: 'ticket.priority_reviewed',
      at: ctx.now,
      ticketId: ticket.id,
      counterId,
      data: { number: ticket.number, priority: ticket.priority, decision, staffId },
    },
  ];
}
