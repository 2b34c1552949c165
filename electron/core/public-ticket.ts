/**
 * One ticket as its public page shows it (common/public-ticket-wire.ts). Pure: the hall's config
 * and state, the ticket and the clock in, the view out.
 *
 * The page's business day ends at midnight in the hall's time zone (the hall's own end-of-day
 * closing may come earlier and turns open tickets into `end_of_day`): from then on the view is
 * `expired`, shows nothing about the queue and is no longer live.
 */
import type { Ticket, TicketStatus } from '../common/domain.ts';
import type { HallConfig } from '../common/hall-config.ts';
import type { PublicTicketState, PublicTicketView } from '../common/public-ticket-wire.ts';
import { addDays, epochOfLocal, formatDateVi } from './business-time.ts';
import type { HallState } from './hall-state.ts';
import { ticketWait } from './wait-estimate.ts';

/** Statuses after which nothing about the ticket changes any more. */
const FINAL: ReadonlySet<TicketStatus> = new Set(['done', 'no_show', 'cancelled', 'end_of_day']);

/** The instant the ticket's business day ends: the next local midnight. */
export function publicTicketExpiry(businessDate: string, timeZone: string): number {
  return epochOfLocal(addDays(businessDate, 1), '00:00', timeZone);
}

export function publicTicketView(config: HallConfig, state: HallState, ticket: Ticket, now: number): PublicTicketView {
  const timeZone = config.schedule.timeZone;
  const expiresAt = publicTicketExpiry(ticket.businessDate, timeZone);
  const expired = now >= expiresAt || ticket.status === 'end_of_day';
  const pageState: PublicTicketState = expired ? 'expired' : (ticket.status as Exclude<TicketStatus, 'end_of_day'>);
  const service = config.services.find((s) => s.id === ticket.serviceId);
  const waiting = pageState === 'waiting';
  const estimate = waiting ? ticketWait(config, state, ticket) : null;
  const atCounter = pageState === 'called' || pageState === 'serving';
  const counterNumber = atCounter && ticket.counterId !== null ? numberOf(config, ticket.counterId) : null;
  const transferredToCounter = waiting && ticket.targetCounterId !== null ? numberOf(config, ticket.targetCounterId) : null;
  return {
    number: ticket.number,
    service: { vi: service?.name.vi ?? ticket.serviceId, en: service?.name.en ?? ticket.serviceId },
    hallName: { vi: config.hall.name.vi, en: config.hall.name.en },
    state: pageState,
    peopleAhead: estimate?.peopleAhead ?? null,
    estimatedWaitMinutes: estimate?.estimatedWaitMinutes ?? null,
    counterNumber,
    transferredToCounter,
    callCount: expired ? 0 : ticket.callCount,
    businessDate: formatDateVi(ticket.businessDate),
    expiresAt,
    now,
    live: !expired && !FINAL.has(ticket.status),
  };
}

function numberOf(config: HallConfig, counterId: string): number | null {
  return config.counters.find((c) => c.id === counterId)?.number ?? null;
}
