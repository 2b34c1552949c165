/**
 * The hub's ticket rows from a hall's events: the facts the KPIs read (core/kpi.ts TicketFacts),
 * moved by each event exactly as the hall's engine moves its own tickets (core/hall-state.ts
 * evolve), so the hub's figures equal the hall's. Pure: rows in, rows out.
 */
import type { PublicEventWire } from '../common/province-wire.ts';
import type { TicketFactsRow } from '../core/kpi.ts';

/** The facts the KPIs read (core/kpi.ts TicketFactsRow), with the ticket's number. */
export interface TicketRow extends TicketFactsRow {
  number: string;
}

export const TICKET_COLUMNS = [
  'id',
  'business_date',
  'number',
  'issued_at',
  'slot_start',
  'priority',
  'service_id',
  'procedure_id',
  'counter_id',
  'officer_id',
  'status',
  'first_called_at',
  'started_at',
  'finished_at',
  'outcome',
  'rating',
] as const satisfies readonly (keyof TicketRow)[];

type Data = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

function issued(data: Data): TicketRow | null {
  const t = data.ticket as Data | undefined;
  if (!t || typeof t.id !== 'string' || typeof t.businessDate !== 'string') return null;
  return {
    id: t.id,
    business_date: t.businessDate,
    number: str(t.number) ?? '',
    issued_at: num(t.issuedAt) ?? 0,
    slot_start: num(t.slotStart),
    priority: str(t.priority) ?? 'normal',
    service_id: str(t.serviceId) ?? '',
    procedure_id: str(t.procedureId),
    counter_id: str(t.counterId),
    officer_id: str(t.officerId),
    status: str(t.status) ?? 'waiting',
    first_called_at: num(t.firstCalledAt),
    started_at: num(t.startedAt),
    finished_at: num(t.finishedAt),
    outcome: str(t.outcome),
    rating: str(t.rating),
  };
}

/**
 * Applies one event to the rows (`rows` holds every ticket the event may name). Returns the
 * ticket it changed, or null when it changes none (counter, day and dossier events).
 */
export function applyEvent(rows: Map<string, TicketRow>, e: PublicEventWire): TicketRow | null {
  if (e.type === 'ticket.issued') {
    const row = issued(e.data);
    if (row) rows.set(row.id, row);
    return row;
  }
  const current = e.ticketId === null ? undefined : rows.get(e.ticketId);
  if (!current) return null;
  const d = e.data;
  let next: TicketRow;
  switch (e.type) {
    case 'ticket.called':
      next = { ...current, status: 'called', counter_id: e.counterId, officer_id: str(d.officerId), first_called_at: current.first_called_at ?? e.at };
      break;
    case 'service.started':
      next = { ...current, status: 'serving', started_at: e.at, officer_id: str(d.officerId) ?? current.officer_id };
      break;
    case 'service.finished':
      next = { ...current, status: 'done', finished_at: e.at, outcome: str(d.outcome), procedure_id: str(d.procedureId) ?? current.procedure_id };
      break;
    case 'ticket.rated':
      next = { ...current, rating: str(d.level) };
      break;
    case 'ticket.no_show':
      next = { ...current, status: 'no_show' };
      break;
    case 'ticket.held':
      next = { ...current, status: 'held' };
      break;
    case 'ticket.returned':
      next = { ...current, status: 'waiting', counter_id: null };
      break;
    case 'ticket.transferred':
      next = { ...current, status: 'waiting', service_id: str(d.toServiceId) ?? current.service_id, counter_id: null, started_at: null };
      break;
    case 'ticket.cancelled':
      next = { ...current, status: 'cancelled' };
      break;
    case 'ticket.end_of_day':
      next = { ...current, status: 'end_of_day' };
      break;
    default:
      return null;
  }
  rows.set(next.id, next);
  return next;
}

/** The ticket ids a batch names (to load their current rows before applying it). */
export function ticketIdsOf(events: readonly PublicEventWire[]): string[] {
  const ids = new Set<string>();
  for (const e of events) if (e.ticketId !== null && e.type !== 'ticket.issued') ids.add(e.ticketId);
  return [...ids];
}
